"""The inputs of the 月度填报 page: its two grids (drawn by ui/grids.py), the expense form and 领办
(meetings: ui/meeting_forms.py).

They only collect what was typed; validation and saving happen in data_layer (schemas, entry, entry_edits),
so a refusal can name the field and nothing is half-written. Forms keep what was typed after an error.
"""

from collections.abc import Callable
from datetime import date

import pandas as pd
import streamlit as st

from data_layer import clock, setup
from data_layer.auth import Actor
from ui import actions, confirm, data, grids, text
from ui.literal import literal

PROGRESS = grids.Grid(
    name="progress",
    help=text.ENTRY_PROGRESS_HELP,
    columns={
        "code": st.column_config.TextColumn(text.TASK_CODE),
        "title": st.column_config.TextColumn(text.TASK_TITLE, width="large"),
        "unit": st.column_config.TextColumn(text.UNIT),
        "target": grids.shown_number(text.TARGET),
        "done_before": grids.shown_number(text.DONE_BEFORE),
        "quantity": grids.typed_number(text.THIS_MONTH, step=1.0),
        "note": st.column_config.TextColumn(text.NOTE, max_chars=500),
    },
    editable=("quantity", "note"),
)

STUDY = grids.Grid(
    name="study",
    help=text.ENTRY_STUDY_HELP,
    columns={
        **grids.MEMBER_COLUMNS,
        "points": grids.typed_number(text.STUDY_POINTS, step=1, format=None),
        "hours": grids.typed_number(text.STUDY_HOURS, step=0.5),
        "sessions": grids.typed_number(text.STUDY_SESSIONS, step=1, format=None),
    },
    editable=("points", "hours", "sessions"),
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
