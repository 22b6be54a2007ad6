"""The bulk editors of the 月度填报 page: diff what was loaded against what was edited, validate the
changed rows with the schemas, and save them in the caller's transaction (all or nothing).

Streamlit's data editor cannot be driven by tests, so everything after "here is the edited table"
lives here, where it is tested against a real database.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

import pandas as pd
from pydantic import BaseModel
from sqlmodel import Session

from data_layer import schemas
from data_layer.auth import Actor
from data_layer.entry import figures
from data_layer.entry.sheets import changed_rows, row_number, row_version
from data_layer.store import writes


@dataclass(frozen=True)
class Editor:
    """One bulk editor: which rows it shows, what may change, and how a changed row is checked and saved."""

    model: type[BaseModel]  # the schema a changed row must pass
    key: str  # the column that names a row (task_id, member_id)
    columns: tuple[str, ...]  # the columns a person may change
    fields: dict[str, str]  # schema field → sheet column (the month comes from the editor)
    save: Callable[..., writes.Written]  # the one-row write (session, actor, item, expected_version, today)
    line: Callable[[pd.Series, Any, Any], str]  # the success line of a changed row: (row, item, saved row)


def save_edits(
    editor: Editor,
    *,
    session: Session,
    actor: Actor,
    month: str,
    original: pd.DataFrame,
    edited: pd.DataFrame,
    today: date | None = None,
) -> writes.Saved:
    """Save the rows of ``edited`` that differ from ``original`` in the editor's columns, each checked by
    its schema (a refusal names the editor's row number) and written with its version; all or nothing
    in the caller's transaction."""
    saved = writes.Saved()
    for _, row in changed_rows(original, edited, key=editor.key, columns=list(editor.columns)).iterrows():
        values = {"month": month, **{field: row[column] for field, column in editor.fields.items()}}
        number = row_number(edited, editor.key, row[editor.key])
        item = schemas.from_row(editor.model, values, row=number, today=today)
        written = editor.save(
            session=session, actor=actor, item=item, expected_version=row_version(row["version"]), today=today
        )
        saved.add(written, editor.line(row, item, written.row))
    return saved


def _progress_line(row: pd.Series, item: schemas.ProgressIn, _saved: Any) -> str:
    """The task's quantity, and when the months so far add up to more than its target, that they do:
    more than planned is allowed (the task's ratio stops at 100 %, docs/metrics.md), but said."""
    line = f"{row['code']} 本月完成量 {item.quantity.normalize():f}"
    total = Decimal(str(row["done_before"])) + item.quantity
    target = Decimal(str(row["target"]))
    if total > target:
        unit = f" {row['unit']}" if row["unit"] else ""
        line += (
            f"（累计 {total.normalize():f}{unit}，超过目标 {target.normalize():f}{unit}，完成率按 100% 计）"
        )
    return line


PROGRESS = Editor(
    model=schemas.ProgressIn,
    key="task_id",
    columns=("quantity", "note"),
    fields={"task_code": "code", "quantity": "quantity", "note": "note"},
    save=figures.save_progress,
    line=_progress_line,
)
STUDY = Editor(
    model=schemas.StudyIn,
    key="member_id",
    columns=("points", "hours", "sessions"),
    fields={"member_no": "member_no", "points": "points", "hours": "hours", "sessions": "sessions"},
    save=figures.save_study,
    line=lambda row, item, _: f"{row['name']} 积分 {item.points}、学时 {item.hours.normalize():f}",
)


def save_progress_edits(*, session: Session, actor: Actor, month: str, **tables: Any) -> writes.Saved:
    """Save the tasks whose 本月完成量 or 说明 changed (``original``, ``edited``, ``today``)."""
    return save_edits(PROGRESS, session=session, actor=actor, month=month, **tables)


def save_study_edits(*, session: Session, actor: Actor, month: str, **tables: Any) -> writes.Saved:
    """Save the members whose points, hours or sessions changed (``original``, ``edited``, ``today``)."""
    return save_edits(STUDY, session=session, actor=actor, month=month, **tables)
