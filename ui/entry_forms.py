"""The inputs of the 月度填报 page: two bulk editors and the expense form (meetings: ui/meeting_forms.py).

They only collect what was typed; validation and saving happen in data_layer (schemas, entry, entry_edits),
so a refusal can name the field and nothing is half-written. Forms keep what was typed after an error.
"""

from collections.abc import Callable
from datetime import date

import pandas as pd
import streamlit as st

from data_layer import clock, setup
from data_layer.auth import Actor
from data_layer.store import writes
from ui import actions, data, text


def saved_message(saved: writes.Saved) -> str:
    if not saved.changed:
        return text.ENTRY_NOTHING
    lines = "；".join(saved.lines[:5])
    return text.ENTRY_SAVED.format(inserted=saved.inserted, updated=saved.updated, lines=lines)


def editor_section(
    sheet: pd.DataFrame,
    editor: Callable[..., pd.DataFrame],
    save_edits: Callable[..., writes.Saved],
    empty: str,
    *,
    url: str,
    actor: Actor,
    month: str,
    locked: bool,
    key: str,
) -> None:
    """A bulk editor with its 保存 button: the changed rows are validated and saved in data_layer."""
    if sheet.empty:
        st.info(empty)
        return
    name = editor.__name__.removesuffix("_editor")
    edited = editor(sheet, locked=locked, key=f"{name}-{key}")
    if st.button(text.ENTRY_SAVE, key=f"save-{name}", type="primary", disabled=locked):
        actions.run_write(
            url,
            lambda session: save_edits(
                session=session, actor=actor, month=month, original=sheet, edited=edited
            ),
            success=saved_message,
        )


def progress_editor(sheet: pd.DataFrame, *, locked: bool, key: str) -> pd.DataFrame:
    st.caption(text.ENTRY_PROGRESS_HELP)
    return st.data_editor(
        sheet,
        key=key,
        hide_index=True,
        width="stretch",
        placeholder="",  # an empty cell is shown empty, not as "None"
        disabled=locked or [c for c in sheet.columns if c not in ("quantity", "note")],
        column_order=["code", "title", "unit", "target", "done_before", "quantity", "note"],
        column_config={
            "code": st.column_config.TextColumn(text.TASK_CODE),
            "title": st.column_config.TextColumn(text.TASK_TITLE, width="large"),
            "unit": st.column_config.TextColumn(text.UNIT),
            "target": st.column_config.NumberColumn(text.TARGET, format="%.2f"),
            "done_before": st.column_config.NumberColumn(text.DONE_BEFORE, format="%.2f"),
            "quantity": st.column_config.NumberColumn(text.THIS_MONTH, min_value=0, step=1.0, format="%.2f"),
            "note": st.column_config.TextColumn(text.NOTE, max_chars=500),
        },
    )


def study_editor(sheet: pd.DataFrame, *, locked: bool, key: str) -> pd.DataFrame:
    st.caption(text.ENTRY_STUDY_HELP)
    return st.data_editor(
        sheet,
        key=key,
        hide_index=True,
        width="stretch",
        placeholder="",  # an empty cell is shown empty, not as "None"
        disabled=locked or ["member_no", "name"],
        column_order=["member_no", "name", "points", "hours", "sessions"],
        column_config={
            "member_no": st.column_config.TextColumn(text.MEMBER_NO),
            "name": st.column_config.TextColumn(text.MEMBER_NAME),
            "points": st.column_config.NumberColumn(text.STUDY_POINTS, min_value=0, step=1),
            "hours": st.column_config.NumberColumn(text.STUDY_HOURS, min_value=0, step=0.5, format="%.2f"),
            "sessions": st.column_config.NumberColumn(text.STUDY_SESSIONS, min_value=0, step=1),
        },
    )


def expense_form(
    *, branch: str, categories: list[str], month_last_day: date, locked: bool
) -> tuple[dict, bool] | None:
    """The typed expense as {ExpenseIn field name: value} and the over-budget confirmation, once submitted."""
    with st.form("expense-form"):
        st.markdown(f"**{text.ENTRY_EXPENSE_FORM}**")
        left, middle, right = st.columns(3)
        day = left.date_input(
            text.SPENT_ON,
            value=min(month_last_day, clock.today()),
            max_value=clock.today(),
            format="YYYY-MM-DD",
        )
        category = middle.selectbox(text.CATEGORY, categories)
        amount = right.text_input(text.AMOUNT, placeholder="例如 1234.50")
        purpose = st.text_input(text.PURPOSE, max_chars=200)
        voucher = st.text_input(text.VOUCHER, max_chars=50)
        confirm = st.checkbox(text.ENTRY_CONFIRM_OVER)
        sent = st.form_submit_button(text.ENTRY_SAVE, type="primary", disabled=locked)
    if not sent:
        return None
    values = {
        "spent_on": day,
        "branch": branch,
        "category": category,
        "amount": amount,
        "purpose": purpose,
        "voucher_no": voucher,
    }
    return values, confirm


def claim_section(*, url: str, actor: Actor, year: int, members: pd.DataFrame) -> None:
    """领办: tasks of the year that nobody owns yet, and a form to take one on for a member of the branch."""
    open_tasks = data.setup_list(url, actor, "open_tasks", year=year)
    with st.expander(text.ENTRY_CLAIM.format(count=len(open_tasks)), icon=":material/front_hand:"):
        if open_tasks.empty or members.empty:
            st.caption(text.SETUP_NO_OPEN_TASKS)
            return
        titles = dict(zip(open_tasks["code"], open_tasks["title"], strict=True))
        people = dict(zip(members["member_no"], members["name"], strict=True))
        with st.form("claim-task"):
            code = st.selectbox(text.SETUP_CLAIM_TASK, list(titles), format_func=lambda c: f"{c} {titles[c]}")
            member_no = st.selectbox(text.OWNER, list(people), format_func=lambda no: f"{people[no]}（{no}）")
            sent = st.form_submit_button(text.ENTRY_CLAIM_BUTTON, type="primary")
        if sent:
            actions.run_write(
                url,
                lambda session: setup.claim_task(
                    session=session, actor=actor, code=code, owner_member_no=member_no
                ),
                success=lambda _: text.SETUP_CLAIMED.format(code=code, owner=people[member_no]),
            )
