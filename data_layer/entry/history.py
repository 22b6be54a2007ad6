"""修改记录: field-level history from the audit log — who, when, which field, from what to what.

A branch's month gathers every record of that branch and month: its submission, its tasks' progress,
its members' study and 党费, its expenses (deleted ones too) and its meetings.
"""

import json

import pandas as pd
from sqlalchemy import and_, or_
from sqlmodel import Session, select

from data_layer import months
from data_layer.auth import Actor, readable_scope
from data_layer.errors import Refused
from data_layer.models import (
    AuditLog,
    DuesRecord,
    Expense,
    Meeting,
    Member,
    Organisation,
    StudyRecord,
    Submission,
    Task,
    TaskProgress,
)

# Columns that say nothing to a person (keys, bookkeeping) are not listed as changes.
_QUIET = {
    "id",
    "version",
    "updated_at",
    "created_at",
    "entered_by_id",
    "submitted_by_id",
    "reviewed_by_id",
    "path",
}
COLUMNS = ["at", "actor", "action", "table", "row_id", "record", "field", "before", "after"]


def _loads(value: str | None) -> dict:
    return json.loads(value) if value else {}


def field_changes(entry: AuditLog, record: str) -> list[dict]:
    """One line per field an audit row changed (for an insert: every field set; for a delete: every field)."""
    before, after = _loads(entry.before), _loads(entry.after)
    names = [name for name in dict.fromkeys([*before, *after]) if name not in _QUIET]
    lines = []
    for name in names:
        old, new = before.get(name), after.get(name)
        if entry.before and entry.after and old == new:
            continue
        lines.append(
            {
                "at": entry.at,
                "actor": entry.actor,
                "action": entry.action,
                "table": entry.table_name,
                "row_id": entry.row_id,
                "record": record,
                "field": name,
                "before": old,
                "after": new,
            }
        )
    return lines


def _frame(lines: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(lines, columns=COLUMNS)
    return frame.sort_values(["at", "table", "row_id"], ignore_index=True)


def month_history(*, session: Session, actor: Actor, branch_id: int, month: str) -> pd.DataFrame:
    """Every field change of a branch's month, oldest first."""
    months.parse(month)
    branch = session.get(Organisation, branch_id)
    if branch is None or not readable_scope(session=session, actor=actor).contains(branch.path):
        raise Refused("无权查看其他党支部的数据", field="党支部")
    tasks = dict(session.exec(select(Task.id, Task.code).where(Task.branch_id == branch_id)).all())
    members = dict(session.exec(select(Member.id, Member.name).where(Member.branch_id == branch_id)).all())
    rows = {
        "taskprogress": select(TaskProgress.id).where(
            TaskProgress.task_id.in_(list(tasks)), TaskProgress.month == month
        ),
        "studyrecord": select(StudyRecord.id).where(
            StudyRecord.member_id.in_(list(members)), StudyRecord.month == month
        ),
        "expense": select(Expense.id).where(Expense.branch_id == branch_id, Expense.month == month),
        "duesrecord": select(DuesRecord.id).where(  # 党费
            DuesRecord.member_id.in_(list(members)), DuesRecord.month == month
        ),
        "meeting": select(Meeting.id).where(Meeting.branch_id == branch_id, Meeting.month == month),
        "submission": select(Submission.id).where(
            Submission.branch_id == branch_id, Submission.month == month
        ),
    }
    deleted = {  # expenses and meetings can be deleted: gone from their table but not from the log
        table: select(AuditLog.row_id).where(AuditLog.table_name == table, AuditLog.action == "delete")
        for table in ("expense", "meeting")
    }
    wanted = or_(
        *(
            and_(
                AuditLog.table_name == table,
                AuditLog.row_id.in_([str(key) for key in session.exec(query).all()]),
            )
            for table, query in rows.items()
        ),
        *(and_(AuditLog.table_name == table, AuditLog.row_id.in_(ids)) for table, ids in deleted.items()),
    )
    entries = session.exec(select(AuditLog).where(wanted).order_by(AuditLog.id)).all()
    lines: list[dict] = []
    for entry in entries:
        values = _loads(entry.after) or _loads(entry.before)
        record = _describe(entry.table_name, values, branch_id, month, tasks, members)
        if record is not None:
            lines.extend(field_changes(entry, record))
    return _frame(lines)


def _describe(table: str, values: dict, branch_id: int, month: str, tasks: dict, members: dict) -> str | None:
    """What a person calls the record, if it belongs to the branch's month; otherwise None."""
    if values.get("month") != month:
        return None
    if table == "taskprogress" and values.get("task_id") in tasks:
        return f"任务 {tasks[values['task_id']]}"
    if table == "studyrecord" and values.get("member_id") in members:
        return f"学习 {members[values['member_id']]}"
    if table == "duesrecord" and values.get("member_id") in members:  # 党费
        return f"党费 {members[values['member_id']]}"
    if values.get("branch_id") != branch_id:
        return None
    if table == "expense":
        return f"支出 {values.get('spent_on')} {values.get('voucher_no') or ''}".strip()
    if table == "meeting":
        return f"{values.get('kind')} {values.get('held_on')}"
    if table == "submission":
        return "月度填报状态"
    return None
