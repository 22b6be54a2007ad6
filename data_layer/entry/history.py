"""修改记录: field-level history from the audit log — who, when, which field, from what to what.

A branch's month gathers every record of that branch and month: its submission, its tasks' progress,
its members' study and 党费, its expenses (deleted ones too) and its meetings; and of 党建+安全生产 its
unit's safety month and production figures, its 先锋岗/责任区 checks and the posts set up or ended then.

Written for people (docs/UX.md): times in Beijing time (2026-12-07 05:43), the people who wrote by their
display name (the login name only where two people share a name), and a value that points at another
record by what it points at (党支部 → its name, 党员 → 张三（T001）, 任务 → its code and title, 支出类别 →
its name). Every person's name goes through ``person_label``: the one place to mask names.
"""

import json
from collections.abc import Iterable
from typing import cast

import pandas as pd
from sqlalchemy import and_, func, or_
from sqlmodel import Session, col, select

from data_layer import display, months
from data_layer.auth import Actor, readable_scope
from data_layer.errors import Refused
from data_layer.models import (
    AuditLog,
    DuesRecord,
    Expense,
    ExpenseCategory,
    Meeting,
    Member,
    Organisation,
    PioneerCheck,
    PioneerPost,
    ProductionFigure,
    ProductionIndicator,
    SafetyRecord,
    StudyRecord,
    Submission,
    Task,
    TaskProgress,
    User,
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


# A column that holds another record's id, and the table whose record a person reads instead.
_Named = Organisation | Member | Task | ExpenseCategory | ProductionIndicator | PioneerPost
_POINTS_AT: dict[str, type[_Named]] = {
    "branch_id": Organisation,
    "group_id": Organisation,
    "task_id": Task,
    "member_id": Member,
    "category_id": ExpenseCategory,
    "indicator_id": ProductionIndicator,  # 党建+安全生产
    "post_id": PioneerPost,
}
_YES_NO = {True: "是", False: "否"}


def person_label(name: str, number: str | None = None) -> str:
    """A person as 修改记录 names them: 张三（T001）, a user 王晓明 or 王晓明（zb0001）.

    Every name in the history passes through here, so one change masks them all.
    """
    return f"{name}（{number}）" if number else name


def _loads(value: str | None) -> dict:
    return json.loads(value) if value else {}


def _labels(session: Session, model: type[_Named], ids: Iterable[object]) -> dict[int, str]:
    """What a person calls each record of ``model`` by id (a primary key, never NULL)."""
    wanted = sorted({key for key in ids if isinstance(key, int)})
    if not wanted:
        return {}
    if model is Member:
        found = session.exec(
            select(Member.id, Member.name, Member.member_no).where(col(Member.id).in_(wanted))
        )
        return {cast(int, key): person_label(name, number) for key, name, number in found.all()}
    if model is Task:
        found = session.exec(select(Task.id, Task.code, Task.title).where(col(Task.id).in_(wanted)))
        return {cast(int, key): f"{code} {title}" for key, code, title in found.all()}
    assert model in (Organisation, ExpenseCategory, ProductionIndicator, PioneerPost), "called by name"
    named = cast(type[Organisation], model)  # every one of them has an id and a name
    found_names = session.exec(select(named.id, named.name).where(col(named.id).in_(wanted)))
    return {cast(int, key): name for key, name in found_names.all()}


def _references(session: Session, entries: list[AuditLog]) -> dict[str, dict[int, str]]:
    """For each id column, the label of every record the entries' values point at."""
    values = [row for entry in entries for row in (_loads(entry.before), _loads(entry.after))]
    return {
        name: _labels(session, model, (row.get(name) for row in values)) for name, model in _POINTS_AT.items()
    }


def _people(session: Session, usernames: set[str]) -> dict[str, str]:
    """Each login name as its person: the display name, with the login name where two people share it."""
    users = dict(
        session.exec(
            select(User.username, User.display_name).where(col(User.username).in_(sorted(usernames)))
        ).all()
    )
    shared = set(
        session.exec(
            select(User.display_name)
            .where(col(User.display_name).in_(sorted(set(users.values()))))
            .group_by(User.display_name)
            .having(func.count() > 1)
        ).all()
    )
    return {
        username: person_label(shown, username if shown in shared or not shown else None)
        for username, shown in users.items()
    }


def _shown(name: str, value, references: dict[str, dict[int, str]]) -> str | None:
    """A stored value as a person reads it (a missing one is None: the page shows "—")."""
    if display.missing(value):
        return None
    if name in references:
        return references[name].get(value, str(value))
    if isinstance(value, bool):
        return _YES_NO[value]
    if name.endswith("_at"):
        return display.time_label(value)
    if name == "month":
        return display.month_label(value)
    return str(value)


def field_changes(entry: AuditLog, record: str) -> list[dict]:
    """One line per field an audit row changed (for an insert: every field set; for a delete: every field).

    Values are as stored; ``month_history`` writes them for people.
    """
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


def _readable(
    lines: list[dict], references: dict[str, dict[int, str]], people: dict[str, str]
) -> pd.DataFrame:
    """Oldest first (the log's order within a moment), each value written for people."""
    # written for people before pandas sees them: a column of whole numbers and blanks would turn 1 into 1.0
    ordered = sorted(lines, key=lambda line: line["at"])  # stable
    shown = [
        line | {column: _shown(line["field"], line[column], references) for column in ("before", "after")}
        for line in ordered
    ]
    frame = pd.DataFrame(shown, columns=COLUMNS)
    for column in ("before", "after"):  # object columns: a missing value stays None
        frame[column] = pd.Series([line[column] for line in shown], dtype=object)
    return frame.assign(
        at=frame["at"].map(display.time_label),
        actor=frame["actor"].map(lambda username: people.get(username, username)),
    )


def month_history(*, session: Session, actor: Actor, branch_id: int, month: str) -> pd.DataFrame:
    """Every field change of a branch's month, oldest first, written for people: ``at`` in Beijing time
    (2026-12-07 05:43), ``actor`` the person, ``record`` what they call the record, ``before``/``after``
    the values with ids shown as what they point at. ``action`` and ``field`` stay the stored names."""
    months.parse(month)
    branch = session.get(Organisation, branch_id)
    if branch is None or not readable_scope(session=session, actor=actor).contains(branch.path):
        raise Refused("无权查看其他党支部的数据", field="党支部")
    # ids: primary keys, never NULL
    tasks = cast(set[int], set(session.exec(select(Task.id).where(Task.branch_id == branch_id)).all()))
    members = cast(set[int], set(session.exec(select(Member.id).where(Member.branch_id == branch_id)).all()))
    rows = {
        "taskprogress": select(TaskProgress.id).where(
            col(TaskProgress.task_id).in_(sorted(tasks)), TaskProgress.month == month
        ),
        "studyrecord": select(StudyRecord.id).where(
            col(StudyRecord.member_id).in_(sorted(members)), StudyRecord.month == month
        ),
        "expense": select(Expense.id).where(Expense.branch_id == branch_id, Expense.month == month),
        "duesrecord": select(DuesRecord.id).where(  # 党费
            col(DuesRecord.member_id).in_(sorted(members)), DuesRecord.month == month
        ),
        "meeting": select(Meeting.id).where(Meeting.branch_id == branch_id, Meeting.month == month),
        "submission": select(Submission.id).where(
            Submission.branch_id == branch_id, Submission.month == month
        ),
        # 党建+安全生产
        "safetyrecord": select(SafetyRecord.id).where(
            SafetyRecord.branch_id == branch_id, SafetyRecord.month == month
        ),
        "productionfigure": select(ProductionFigure.id).where(
            col(ProductionFigure.indicator_id).in_(
                select(ProductionIndicator.id).where(ProductionIndicator.branch_id == branch_id)
            ),
            ProductionFigure.month == month,
        ),
        "pioneercheck": select(PioneerCheck.id).where(
            col(PioneerCheck.post_id).in_(select(PioneerPost.id).where(PioneerPost.branch_id == branch_id)),
            PioneerCheck.month == month,
        ),
        "pioneerpost": select(PioneerPost.id).where(
            PioneerPost.branch_id == branch_id,
            (col(PioneerPost.started_month) == month) | (col(PioneerPost.ended_month) == month),
        ),
    }
    deleted = {  # expenses and meetings can be deleted: gone from their table but not from the log
        table: select(AuditLog.row_id).where(AuditLog.table_name == table, AuditLog.action == "delete")
        for table in ("expense", "meeting")
    }
    wanted = or_(
        *(
            and_(
                col(AuditLog.table_name) == table,
                col(AuditLog.row_id).in_([str(key) for key in session.exec(query).all()]),
            )
            for table, query in rows.items()
        ),
        *(
            and_(col(AuditLog.table_name) == table, col(AuditLog.row_id).in_(ids))
            for table, ids in deleted.items()
        ),
    )
    entries = list(session.exec(select(AuditLog).where(wanted).order_by(col(AuditLog.id))).all())
    references = _references(session, entries)
    lines: list[dict] = []
    for entry in entries:
        values = _loads(entry.after) or _loads(entry.before)
        record = _describe(entry.table_name, values, branch_id, month, tasks, members, references)
        if record is not None:
            lines.extend(field_changes(entry, record))
    people = _people(session, {line["actor"] for line in lines})
    return _readable(lines, references, people)


def _describe(
    table: str,
    values: dict,
    branch_id: int,
    month: str,
    tasks: set[int],
    members: set[int],
    references: dict[str, dict[int, str]],
) -> str | None:
    """What a person calls the record, if it belongs to the branch's month; otherwise None."""
    if table == "pioneerpost":  # set up or ended in the month (its rows were chosen so)
        return f"{values.get('kind')} {values.get('name')}" if values.get("branch_id") == branch_id else None
    if values.get("month") != month:
        return None
    if table == "productionfigure":  # its rows are the branch's indicators'
        return f"生产 {references['indicator_id'].get(values['indicator_id'], '')}".strip()
    if table == "pioneercheck":
        return f"岗区检查 {references['post_id'].get(values['post_id'], '')}".strip()
    task, member = values.get("task_id"), values.get("member_id")
    if table == "taskprogress" and task in tasks:
        return f"任务 {references['task_id'].get(task, task)}"
    if table == "studyrecord" and member in members:
        return f"学习 {references['member_id'].get(member, member)}"
    if table == "duesrecord" and member in members:  # 党费
        return f"党费 {references['member_id'].get(member, member)}"
    if values.get("branch_id") != branch_id:
        return None
    if table == "expense":
        return f"支出 {values.get('spent_on')} {values.get('voucher_no') or ''}".strip()
    if table == "meeting":
        return f"{values.get('kind')} {values.get('held_on')}"
    if table == "submission":
        return "月度填报状态"
    if table == "safetyrecord":
        return "安全生产情况"
    return None
