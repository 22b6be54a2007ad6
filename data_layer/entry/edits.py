"""The bulk editors of the 月度填报 page: diff what was loaded against what was edited, validate the
changed rows with the schemas, and save them in the caller's transaction (all or nothing).

Streamlit's data editor cannot be driven by tests, so everything after "here is the edited table"
lives here, where it is tested against a real database.
"""

from datetime import date

import pandas as pd
from sqlmodel import Session

from data_layer import schemas
from data_layer.auth import Actor
from data_layer.entry import figures
from data_layer.entry.sheets import changed_rows, row_number, row_version
from data_layer.store import writes


def save_progress_edits(
    *,
    session: Session,
    actor: Actor,
    month: str,
    original: pd.DataFrame,
    edited: pd.DataFrame,
    today: date | None = None,
) -> writes.Saved:
    """Save the tasks whose 本月完成量 or 说明 changed; a row left blank that had no figure is skipped."""
    saved = writes.Saved()
    for _, row in changed_rows(original, edited, key="task_id", columns=["quantity", "note"]).iterrows():
        number = row_number(edited, "task_id", row["task_id"])
        item = schemas.from_row(
            schemas.ProgressIn,
            {"month": month, "task_code": row["code"], "quantity": row["quantity"], "note": row["note"]},
            row=number,
            today=today,
        )
        outcome, _ = figures.save_progress(
            session=session, actor=actor, item=item, expected_version=row_version(row["version"]), today=today
        )
        saved.add(outcome, f"{row['code']} 本月完成量 {item.quantity.normalize():f}")
    return saved


def save_study_edits(
    *,
    session: Session,
    actor: Actor,
    month: str,
    original: pd.DataFrame,
    edited: pd.DataFrame,
    today: date | None = None,
) -> writes.Saved:
    """Save the members whose points, hours or sessions changed."""
    saved = writes.Saved()
    columns = ["points", "hours", "sessions"]
    for _, row in changed_rows(original, edited, key="member_id", columns=columns).iterrows():
        number = row_number(edited, "member_id", row["member_id"])
        item = schemas.from_row(
            schemas.StudyIn,
            {
                "month": month,
                "member_no": row["member_no"],
                "points": row["points"],
                "hours": row["hours"],
                "sessions": row["sessions"],
            },
            row=number,
            today=today,
        )
        outcome, _ = figures.save_study(
            session=session, actor=actor, item=item, expected_version=row_version(row["version"]), today=today
        )
        saved.add(outcome, f"{row['name']} 积分 {item.points}、学时 {item.hours.normalize():f}")
    return saved
