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
from ui import actions, confirm, data, text
from ui.literal import literal


def saved_message(saved: writes.Saved) -> str:
    """What a grid's save did: rows 新增 and 修改 (with their lines), and those typed as already stored."""
    unchanged = text.ENTRY_UNCHANGED.format(unchanged=saved.unchanged) if saved.unchanged else ""
    if not saved.changed:
        return text.ENTRY_NOTHING.format(unchanged=unchanged)
    lines = "；".join(saved.lines[:5])
    return text.ENTRY_SAVED.format(
        inserted=saved.inserted, updated=saved.updated, unchanged=unchanged, lines=lines
    )


def _has_edits(state: object) -> bool:
    """Whether a data editor's widget state holds anything the person typed, added or deleted."""
    return isinstance(state, dict) and any(
        state.get(part) for part in ("edited_rows", "added_rows", "deleted_rows")
    )


def _forget(grid: str) -> None:
    """Start the grid afresh: a new editor (nothing typed) on the sheet as it is now."""
    st.session_state[f"{grid}-generation"] = st.session_state.get(f"{grid}-generation", 0) + 1
    st.session_state.pop(f"{grid}-loaded", None)


def _as_loaded(sheet: pd.DataFrame, *, grid: str, editor_key: str) -> pd.DataFrame:
    """The sheet as the person loaded it, kept while they have edits in the grid, so that their save is
    checked against the versions they saw (a row empty then and entered by someone since is refused, not
    replaced); the sheet as it is now whenever they have typed nothing."""
    loaded = f"{grid}-loaded"
    if loaded not in st.session_state or not _has_edits(st.session_state.get(editor_key)):
        st.session_state[loaded] = sheet
    return st.session_state[loaded]


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
    """A bulk editor with its 保存 button: the changed rows are validated and saved in data_layer, against
    the sheet as the person loaded it. After a save the grid starts afresh; after a refusal it keeps what
    was typed, and 重新载入 drops it for the sheet as it is now."""
    if sheet.empty:
        st.info(empty)
        return
    name = editor.__name__.removesuffix("_editor")
    grid = f"{name}-{key}"
    editor_key = f"{grid}-{st.session_state.get(f'{grid}-generation', 0)}"
    loaded = _as_loaded(sheet, grid=grid, editor_key=editor_key)
    edited = editor(loaded, locked=locked, key=editor_key)

    def saved(result: writes.Saved) -> str:
        _forget(grid)
        return saved_message(result)

    save, reload, _ = st.columns([1, 1, 6])
    if save.button(text.ENTRY_SAVE, key=f"save-{name}", type="primary", disabled=locked):
        actions.run_write(
            url,
            lambda session: save_edits(
                session=session, actor=actor, month=month, original=loaded, edited=edited
            ),
            success=saved,
        )
    reload.button(
        text.ENTRY_RELOAD, key=f"reload-{name}", help=text.ENTRY_RELOAD_HELP, on_click=_forget, args=(grid,)
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


EXPENSE_FIELDS = ("expense-amount", "expense-purpose", "expense-voucher", "expense-confirm")


def expense_form(
    *, branch: str, categories: list[str], month_last_day: date, locked: bool
) -> tuple[dict, bool] | None:
    """The typed expense as {ExpenseIn field name: value} and the over-budget confirmation, once submitted.
    What was typed stays after a refusal; ``clear_expense_form`` empties it after a save."""
    with st.form("expense-form"):
        st.markdown(f"**{text.ENTRY_EXPENSE_FORM}**")
        left, middle, right = st.columns(3)
        day = left.date_input(
            text.SPENT_ON,
            value=min(month_last_day, clock.today()),
            max_value=clock.today(),
            format="YYYY-MM-DD",
        )  # unkeyed, as the category: a new month's page shows its own default day
        category = middle.selectbox(text.CATEGORY, categories, placeholder=text.CHOOSE)
        amount = right.text_input(text.AMOUNT, placeholder="例如 1234.50", key="expense-amount")
        purpose = st.text_input(text.PURPOSE, max_chars=200, key="expense-purpose")
        voucher = st.text_input(text.VOUCHER, max_chars=50, key="expense-voucher")
        confirm = st.checkbox(text.ENTRY_CONFIRM_OVER, key="expense-confirm")
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


def clear_expense_form() -> None:
    """After a save: the next run shows the form empty, so a second click cannot record it again."""
    for field in EXPENSE_FIELDS:
        st.session_state.pop(field, None)


ASKED_DELETE = "delete-expense-asked"  # the expense whose deletion is being asked about


def delete_expense_section(labels: dict[int, str], *, locked: bool, delete: Callable[[int], object]) -> None:
    """Choose an expense and 删除所选支出, which asks first (ui/confirm.py); 删除 there runs ``delete(id)``
    (a run_write), 取消 or closing the dialog deletes nothing."""
    chosen = st.selectbox(
        text.ENTRY_CHOOSE_EXPENSE,
        list(labels),
        format_func=labels.__getitem__,
        key="delete-expense",
        placeholder=text.CHOOSE,
    )
    st.button(
        text.ENTRY_DELETE_EXPENSE,
        disabled=locked,
        icon=":material/delete:",
        on_click=confirm.ask,
        args=(ASKED_DELETE, chosen),
    )
    asked = confirm.asked(ASKED_DELETE)
    if asked in labels and not locked:
        confirm.dialog(
            key=ASKED_DELETE,
            title=text.ENTRY_DELETE_EXPENSE,
            question=text.ENTRY_DELETE_EXPENSE_ASK.format(expense=literal(labels[asked])),
            yes=text.ENTRY_DELETE_EXPENSE_YES,
            no=text.ENTRY_DELETE_EXPENSE_NO,
            keys=("delete-expense-yes", "delete-expense-no"),
            delete=lambda: delete(asked),
        )


def claim_section(*, url: str, actor: Actor, year: int, branch_id: int, members: pd.DataFrame) -> None:
    """领办: the 党支部's tasks of the year that nobody owns yet, and a form to take one on for a member."""
    open_tasks = data.setup_list(url, actor, "open_tasks", year=year, branch_id=branch_id)
    with st.expander(text.ENTRY_CLAIM.format(count=len(open_tasks)), icon=":material/front_hand:"):
        if open_tasks.empty or members.empty:
            st.caption(text.SETUP_NO_OPEN_TASKS)
            return
        titles = dict(zip(open_tasks["code"], open_tasks["title"], strict=True))
        people = dict(zip(members["member_no"], members["name"], strict=True))
        with st.form("claim-task"):
            code = st.selectbox(
                text.SETUP_CLAIM_TASK,
                list(titles),
                format_func=lambda c: f"{c} {titles[c]}",
                placeholder=text.CHOOSE,
            )
            member_no = st.selectbox(
                text.OWNER,
                list(people),
                format_func=lambda no: f"{people[no]}（{no}）",
                placeholder=text.CHOOSE,
            )
            sent = st.form_submit_button(text.ENTRY_CLAIM_BUTTON, type="primary")
        if sent:
            actions.run_write(
                url,
                lambda session: setup.claim_task(
                    session=session, actor=actor, code=code, owner_member_no=member_no
                ),
                success=lambda _: text.SETUP_CLAIMED.format(code=code, owner=people[member_no]),
            )
