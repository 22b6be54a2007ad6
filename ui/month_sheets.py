"""A branch's month as read-only tables (for review): task progress, study, expenses, meetings, and the
lean mechanisms' entries of the month — 党费, 金点子, 帮扶走访."""

import streamlit as st

from ui import columns, components, text


def expenses_for_display(expenses):
    return expenses.assign(
        over_flag=expenses["over_allocation"].map({True: f"▲ {text.OVER_ALLOCATION}", False: ""}),
        spent_on=expenses["spent_on"].astype(str),
    )


def read_only(sheets: dict, *, key: str) -> None:
    progress, study, expenses, meetings, dues, ideas, visits = st.tabs(
        [
            text.SECTION_PROGRESS,
            text.SECTION_STUDY,
            text.SECTION_EXPENSES,
            text.SECTION_MEETINGS,
            text.PAGE_DUES,
            text.PAGE_IDEAS,
            text.SECTION_VISITS,
        ]
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
    with dues:
        frame = sheets["dues"].assign(paid_on=sheets["dues"]["paid_on"].map(lambda day: str(day or "")))
        components.table(frame, columns.DUES_MONTH, key=f"{key}-dues")
    with ideas:
        frame = sheets["ideas"].assign(proposed_on=sheets["ideas"]["proposed_on"].astype(str))
        components.table(frame, columns.IDEAS, key=f"{key}-ideas")
    with visits:
        components.table(sheets["visits"], columns.PAIRS, key=f"{key}-visits")
