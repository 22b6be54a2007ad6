"""A branch's month as read-only tables: task progress, study, expenses and meetings (for review)."""

import streamlit as st

from ui import columns, components, text


def expenses_for_display(expenses):
    return expenses.assign(
        over_flag=expenses["over_allocation"].map({True: f"▲ {text.OVER_ALLOCATION}", False: ""}),
        spent_on=expenses["spent_on"].astype(str),
    )


def read_only(sheets: dict, *, key: str) -> None:
    progress, study, expenses, meetings = st.tabs(
        [text.SECTION_PROGRESS, text.SECTION_STUDY, text.SECTION_EXPENSES, text.SECTION_MEETINGS]
    )
    with progress:
        components.table(sheets["progress"], columns.PROGRESS_SHEET, key=f"{key}-progress")
    with study:
        components.table(sheets["study"], columns.STUDY_SHEET, key=f"{key}-study")
    with expenses:
        components.table(expenses_for_display(sheets["expenses"]), columns.EXPENSES, key=f"{key}-expenses")
    with meetings:
        frame = sheets["meetings"].assign(held_on=sheets["meetings"]["held_on"].astype(str))
        components.table(frame, columns.MEETINGS, key=f"{key}-meetings")
