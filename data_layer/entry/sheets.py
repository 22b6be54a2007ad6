"""Read-for-edit: what the 月度填报 page shows a secretary for one branch and month, with row versions.

Also the diff of an edited table against what was loaded, so the page's bulk editor (which tests cannot
drive) only hands over the rows a person changed, to be validated and saved here.
"""

from decimal import Decimal

import pandas as pd
from sqlalchemy import Float, and_, cast, func
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from data_layer import months
from data_layer.auth import Actor, Scope, readable_scope
from data_layer.errors import Refused
from data_layer.metrics import membership
from data_layer.metrics.ideas import idea_list
from data_layer.metrics.pairs import pair_list
from data_layer.models import (
    BudgetAllocation,
    Expense,
    ExpenseCategory,
    Meeting,
    Member,
    Organisation,
    StudyRecord,
    Task,
    TaskProgress,
)
from data_layer.store import select_columns, writes
from data_layer.vocab import OrgKind


def _readable_branch(session: Session, actor: Actor, branch_id: int) -> Organisation:
    branch = session.get(Organisation, branch_id)
    if branch is None or not readable_scope(session=session, actor=actor).contains(branch.path):
        raise Refused("无权查看其他党支部的数据", field="党支部")
    return branch


def progress_sheet(*, session: Session, actor: Actor, branch_id: int, month: str) -> pd.DataFrame:
    """The branch's tasks running in M: target, done before M, and M's quantity, note and version."""
    months.parse(month)
    _readable_branch(session, actor, branch_id)
    before = (
        select(TaskProgress.task_id, func.sum(TaskProgress.quantity).label("done"))
        .where(
            TaskProgress.month < month,
            col(TaskProgress.task_id).in_(select(Task.id).where(Task.branch_id == branch_id)),
        )
        .group_by(col(TaskProgress.task_id))
        .subquery()
    )
    stmt = (
        select_columns(
            Task.id,
            Task.code,
            Task.title,
            Task.unit,
            cast(Task.target_quantity, Float),
            cast(func.coalesce(before.c.done, 0), Float),
            cast(TaskProgress.quantity, Float),
            TaskProgress.note,
            TaskProgress.version,
            Task.due_month,
        )
        .outerjoin(before, before.c.task_id == Task.id)
        .outerjoin(TaskProgress, and_(col(TaskProgress.task_id) == Task.id, col(TaskProgress.month) == month))
        .where(
            Task.branch_id == branch_id,
            Task.active,
            Task.start_month <= month,
            Task.start_month >= months.first_of_year(month),
        )
        .order_by(Task.code)
    )
    columns = [
        "task_id",
        "code",
        "title",
        "unit",
        "target",
        "done_before",
        "quantity",
        "note",
        "version",
        "due_month",
    ]
    frame = pd.DataFrame(session.exec(stmt).all(), columns=columns)
    return frame.astype({"quantity": "float64"}).assign(note=frame["note"].fillna(""))


def study_sheet(*, session: Session, actor: Actor, branch_id: int, month: str) -> pd.DataFrame:
    """The branch's members at M (``membership.in_branch``), with M's study and its version."""
    months.parse(month)
    _readable_branch(session, actor, branch_id)
    stmt = (
        select_columns(
            Member.id,
            Member.member_no,
            Member.name,
            StudyRecord.points,
            cast(StudyRecord.hours, Float),
            StudyRecord.sessions,
            StudyRecord.version,
        )
        .outerjoin(
            StudyRecord, and_(col(StudyRecord.member_id) == Member.id, col(StudyRecord.month) == month)
        )
        .where(membership.in_branch(branch_id, month))
        .order_by(Member.member_no)
    )
    columns = ["member_id", "member_no", "name", "points", "hours", "sessions", "version"]
    frame = pd.DataFrame(session.exec(stmt).all(), columns=columns)
    return frame.astype({"points": "Int64", "hours": "float64", "sessions": "Int64"})


def expenses_of(*, session: Session, actor: Actor, branch_id: int, month: str) -> pd.DataFrame:
    months.parse(month)
    _readable_branch(session, actor, branch_id)
    stmt = (
        select_columns(
            Expense.id,
            Expense.spent_on,
            ExpenseCategory.name,
            Expense.amount,
            Expense.purpose,
            Expense.voucher_no,
            Expense.over_allocation_confirmed,
            Expense.version,
        )
        .join(ExpenseCategory, col(ExpenseCategory.id) == Expense.category_id)
        .where(Expense.branch_id == branch_id, Expense.month == month)
        .order_by(col(Expense.spent_on), col(Expense.id))
    )
    columns = [
        "expense_id",
        "spent_on",
        "category",
        "amount",
        "purpose",
        "voucher_no",
        "over_allocation",
        "version",
    ]
    return pd.DataFrame(session.exec(stmt).all(), columns=columns)


def meetings_of(*, session: Session, actor: Actor, branch_id: int, month: str) -> pd.DataFrame:
    """The branch's meetings held in M, by date, with their 党小组 (a 党小组会's) and versions."""
    months.parse(month)
    _readable_branch(session, actor, branch_id)
    group = aliased(Organisation)
    stmt = (
        select_columns(
            Meeting.id,
            Meeting.held_on,
            group.name,
            Meeting.kind,
            Meeting.expected_attendance,
            Meeting.actual_attendance,
            Meeting.topic,
            Meeting.version,
        )
        .outerjoin(group, col(group.id) == Meeting.group_id)
        .where(Meeting.branch_id == branch_id, Meeting.month == month)
        .order_by(col(Meeting.held_on), col(Meeting.id))
    )
    columns = ["meeting_id", "held_on", "group", "kind", "expected", "actual", "topic", "version"]
    return pd.DataFrame(session.exec(stmt).all(), columns=columns)


def groups_of(*, session: Session, actor: Actor, branch_id: int) -> list[str]:
    """The names of the branch's active 党小组, in their order (the meeting form's choices)."""
    _readable_branch(session, actor, branch_id)
    return list(
        session.exec(
            select(Organisation.name)
            .where(
                Organisation.parent_id == branch_id, Organisation.kind == OrgKind.GROUP, Organisation.active
            )
            .order_by(col(Organisation.sort_order), Organisation.name)
        ).all()
    )


def allocation_left(*, session: Session, actor: Actor, branch_id: int, month: str) -> pd.DataFrame:
    """Per active category: the year's allocation, spent in the year so far (all months), and what is left."""
    months.parse(month)
    _readable_branch(session, actor, branch_id)
    year = months.year_of(month)
    allocated = (
        select(BudgetAllocation.category_id, func.sum(BudgetAllocation.amount).label("amount"))
        .where(BudgetAllocation.year == year, BudgetAllocation.branch_id == branch_id)
        .group_by(col(BudgetAllocation.category_id))
        .subquery()
    )
    spent = (
        select(Expense.category_id, func.sum(Expense.amount).label("amount"))
        .where(
            Expense.branch_id == branch_id,
            Expense.month >= months.make(year, 1),
            Expense.month <= months.make(year, 12),
        )
        .group_by(col(Expense.category_id))
        .subquery()
    )
    stmt = (
        select(ExpenseCategory.name, allocated.c.amount, spent.c.amount)
        .outerjoin(allocated, allocated.c.category_id == ExpenseCategory.id)
        .outerjoin(spent, spent.c.category_id == ExpenseCategory.id)
        .where(ExpenseCategory.active)
        .order_by(col(ExpenseCategory.sort_order), ExpenseCategory.name)
    )
    rows = [
        (name, Decimal(a or 0), Decimal(s or 0), Decimal(a or 0) - Decimal(s or 0))
        for name, a, s in session.exec(stmt).all()
    ]
    return pd.DataFrame(rows, columns=["category", "allocated", "spent", "remaining"])


def changed_rows(
    original: pd.DataFrame, edited: pd.DataFrame, *, key: str, columns: list[str]
) -> pd.DataFrame:
    """Rows of ``edited`` whose ``columns`` differ from ``original`` (matched on ``key``); blanks are equal."""
    before = original.set_index(key)[columns]
    after = edited.set_index(key)[columns]

    def blank(value) -> bool:
        return value is None or (not isinstance(value, str) and pd.isna(value)) or str(value).strip() == ""

    def same(a, b) -> bool:
        if blank(a) and blank(b):
            return True
        if blank(a) or blank(b):
            return False
        try:
            return Decimal(str(a)) == Decimal(str(b))
        except ArithmeticError:
            return str(a).strip() == str(b).strip()

    keep = [
        index
        for index in after.index
        if index not in before.index
        or not all(same(before.at[index, column], after.at[index, column]) for column in columns)
    ]
    return edited[edited[key].isin(keep)].reset_index(drop=True)


# --- the lean mechanisms of a branch's month (for review): 金点子, 帮扶走访 (党费: dues.dues_sheet)


def ideas_of(*, session: Session, actor: Actor, branch_id: int, month: str) -> pd.DataFrame:
    """The 党支部's ideas proposed in M or whose status changed in M (``ideas.IDEA_COLUMNS``)."""
    branch = _readable_branch(session, actor, branch_id)
    listed = idea_list(session=session, scope=Scope(prefixes=(branch.path,)), month=month)
    proposed = listed["proposed_on"].map(lambda day: months.of_date(day) == month)
    return listed[proposed | (listed["status_month"] == month)].reset_index(drop=True)


def visits_of(*, session: Session, actor: Actor, branch_id: int, month: str) -> pd.DataFrame:
    """The 党支部's pairings in force at M with their visits in M (``pairs.PAIR_COLUMNS``)."""
    branch = _readable_branch(session, actor, branch_id)
    return pair_list(session=session, scope=Scope(prefixes=(branch.path,)), month=month)


def row_version(value) -> int:
    """A loaded row's version, as the optimistic lock expects it: ``writes.ABSENT`` for a row that was
    empty when loaded, so that a save finding it entered since is refused rather than saved over it."""
    return writes.ABSENT if value is None or pd.isna(value) else int(value)


def row_number(edited: pd.DataFrame, key: str, value) -> int:
    """The row's 1-based number in the editor, for an error message."""
    return int(edited.index[edited[key] == value][0]) + 1
