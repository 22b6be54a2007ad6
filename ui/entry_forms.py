"""The inputs of the 月度填报 page: two bulk editors and the expense and meeting forms.

They only collect what was typed; validation and saving happen in data_layer (schemas, entry, entry_edits),
so a refusal can name the field and nothing is half-written. Forms keep what was typed after an error.
"""

from datetime import date

import pandas as pd
import streamlit as st

from data_layer.vocab import MeetingKind
from ui import text


def progress_editor(sheet: pd.DataFrame, *, locked: bool, key: str) -> pd.DataFrame:
    st.caption(text.ENTRY_PROGRESS_HELP)
    return st.data_editor(
        sheet,
        key=key,
        hide_index=True,
        width="stretch",
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
    """The typed expense as {Excel header: value} and the over-budget confirmation, once submitted."""
    with st.form("expense-form"):
        st.markdown(f"**{text.ENTRY_EXPENSE_FORM}**")
        left, middle, right = st.columns(3)
        day = left.date_input(
            text.SPENT_ON,
            value=min(month_last_day, date.today()),
            max_value=date.today(),
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
        "日期": day,
        "党支部": branch,
        "支出类别": category,
        "金额(元)": amount,
        "事由": purpose,
        "凭证号": voucher,
    }
    return values, confirm


def meeting_form(*, branch: str, month_last_day: date, locked: bool) -> dict | None:
    """The typed meeting as {Excel header: value}, once submitted."""
    with st.form("meeting-form"):
        st.markdown(f"**{text.ENTRY_MEETING_FORM}**")
        left, middle, right, last = st.columns(4)
        day = left.date_input(
            text.HELD_ON, value=min(month_last_day, date.today()), max_value=date.today(), format="YYYY-MM-DD"
        )
        kind = middle.selectbox(text.MEETING_KIND, [kind.value for kind in MeetingKind])
        expected = right.number_input(text.EXPECTED, min_value=1, step=1, value=10)
        actual = last.number_input(text.ACTUAL, min_value=0, step=1, value=10)
        topic = st.text_input(text.TOPIC, max_chars=200)
        sent = st.form_submit_button(text.ENTRY_SAVE, type="primary", disabled=locked)
    if not sent:
        return None
    return {
        "日期": day,
        "党支部": branch,
        "会议类型": kind,
        "应到人数": expected,
        "实到人数": actual,
        "主题": topic,
    }
