"""The monthly figures a 党支部 enters: write side, bulk editors, the sheets read for editing, the month's workflow and its history.

The public functions of the modules below, re-exported; modules of this package import each other's
modules, never this file."""

from data_layer.entry.edits import (
    Editor,
    save_edits,
    save_progress_edits,
    save_study_edits,
)
from data_layer.entry.figures import (
    Cache,
    branch_by_name,
    delete_expense,
    draft_month,
    open_branch,
    preload_progress,
    preload_study,
    remaining_allocation,
    save_expense,
    save_progress,
    save_study,
)
from data_layer.entry.history import (
    COLUMNS,
    field_changes,
    month_history,
)
from data_layer.entry.meetings import (
    delete_meeting,
    describe_meeting,
    save_meeting,
)
from data_layer.entry.sheets import (
    allocation_left,
    changed_rows,
    expenses_of,
    groups_of,
    ideas_of,
    meetings_of,
    progress_sheet,
    row_number,
    row_version,
    study_sheet,
    visits_of,
)
from data_layer.entry.workflow import (
    LOCKED,
    MonthState,
    month_state,
    pending_reviews,
    reopen_month,
    require_open,
    review_month,
    submit_month,
    touch_draft,
)

__all__ = [
    "COLUMNS",
    "LOCKED",
    "Cache",
    "Editor",
    "MonthState",
    "allocation_left",
    "branch_by_name",
    "changed_rows",
    "delete_expense",
    "delete_meeting",
    "describe_meeting",
    "draft_month",
    "expenses_of",
    "field_changes",
    "groups_of",
    "ideas_of",
    "meetings_of",
    "month_history",
    "month_state",
    "open_branch",
    "pending_reviews",
    "preload_progress",
    "preload_study",
    "progress_sheet",
    "remaining_allocation",
    "reopen_month",
    "require_open",
    "review_month",
    "row_number",
    "row_version",
    "save_edits",
    "save_expense",
    "save_meeting",
    "save_progress",
    "save_progress_edits",
    "save_study",
    "save_study_edits",
    "study_sheet",
    "submit_month",
    "touch_draft",
    "visits_of",
]
