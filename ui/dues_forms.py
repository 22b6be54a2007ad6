"""The inputs of the 党费 page: the 党支部 to fill, the month's grid (drawn by ui/grids.py) and the
brackets form.

They only collect what was typed; validation and saving happen in data_layer/lean/dues_entry.py, so a refusal names
the field and row and nothing is half-written.
"""

import pandas as pd
import streamlit as st

from data_layer.auth import Actor
from data_layer.lean import dues_entry
from data_layer.vocab import OrgKind, Role
from ui import actions, components, data, grids, text


def entry_branch(url: str, actor: Actor, by_branch: pd.DataFrame) -> tuple[int, str] | None:
    """The 党支部 whose month is filled here: a secretary's own, the one an administrator chooses."""
    if actor.role == Role.SECRETARY:
        names = {node.id: node.name for node in data.visible_nodes(url, actor) if node.kind == OrgKind.BRANCH}
        assert actor.branch_id is not None, "a secretary's login always names their 党支部"
        return actor.branch_id, names[actor.branch_id]
    if actor.role != Role.ADMIN or by_branch.empty:
        return None
    names = dict(zip(by_branch["branch_id"].astype(int), by_branch["branch"], strict=True))
    chosen = components.remembered_choice(
        text.DUES_CHOOSE_BRANCH, list(names), key="dues_branch", format_func=names.get
    )
    return chosen, names[chosen]


DUES = grids.Grid(
    name="dues",
    help=text.DUES_EDITOR_HELP,
    columns={
        **grids.MEMBER_COLUMNS,
        "income": grids.typed_number(text.DUES_INCOME),
        "rate": grids.shown_number(text.DUES_RATE),
        "due": grids.shown_number(text.DUES_MONTH_DUE),
        "paid": grids.typed_number(text.DUES_MONTH_PAID),
        "paid_on": st.column_config.DateColumn(text.DUES_PAID_ON, format="YYYY-MM-DD"),
    },
    editable=("income", "paid", "paid_on"),
)


def describe(brackets: dues_entry.Brackets) -> str:
    """The brackets as the 规定 words them: "3000 元及以下 0.5%；3000 元以上至 5000 元 1%；…"."""
    parts, lower = [], None
    for bound, rate in brackets:
        rate_text = f"{(rate * dues_entry.PERCENT).normalize():f}%"
        if bound is None:
            words = text.DUES_BRACKET_ALL if lower is None else text.DUES_BRACKET_ABOVE.format(bound=lower)
        elif lower is None:
            words = text.DUES_BRACKET_UPTO.format(bound=f"{bound.normalize():f}")
        else:
            words = text.DUES_BRACKET_BETWEEN.format(lower=lower, bound=f"{bound.normalize():f}")
        parts.append(f"{words} {rate_text}")
        lower = None if bound is None else f"{bound.normalize():f}"
    return "；".join(parts)


def brackets_form(url: str, actor: Actor, current: dues_entry.Brackets) -> None:
    """The brackets in force; an administrator may change them (audited)."""
    st.subheader(text.DUES_BRACKETS_TITLE)
    st.markdown(describe(current))
    st.caption(text.DUES_BRACKETS_SOURCE)
    if actor.role != Role.ADMIN:
        return
    with st.form("dues-brackets"):
        typed = st.text_input(
            text.DUES_BRACKETS_INPUT,
            value=dues_entry.format_brackets(current),
            help=text.DUES_BRACKETS_HELP,
            key="dues-brackets-text",
        )
        sent = st.form_submit_button(text.DUES_BRACKETS_SAVE, type="primary")
    if sent:
        actions.run_write(
            url,
            lambda session: dues_entry.set_brackets(session=session, actor=actor, text=typed),
            success=lambda saved: text.DUES_BRACKETS_SAVED.format(brackets=describe(saved)),
        )
