"""Read side: every figure the dashboard shows, one definition each (documented in docs/metrics.md).

Figures are aggregated in SQL, per 党支部, and rolled up by summing numerators and denominators, so an
organisation's rate is never an average of averages. Public functions take the session first, the
actor and the organisations asked for; the actor's scope is applied by ``auth.readable_scope``.
"""

from dataclasses import dataclass
from decimal import Decimal

import pandas as pd
from sqlalchemy import Float, Integer, and_, case, cast, func
from sqlmodel import Session, select

from data_layer import months, orgs
from data_layer.auth import WHOLE_TREE, Actor, Scope, readable_scope
from data_layer.models import (
    BudgetAllocation,
    Expense,
    Member,
    Organisation,
    StudyRecord,
    Submission,
    Task,
    TaskProgress,
    YearParameter,
)
from data_layer.rules import budget_rule_amount, budget_status, task_status
from data_layer.vocab import OrgKind, SubmissionStatus


@dataclass(frozen=True)
class Figure:
    """A headline figure at a month and the month before; ``None`` with a reason where there is no data."""

    value: float | None
    previous: float | None
    reason: str | None = None

    @property
    def change(self) -> float | None:
        """Month-over-month change (环比), in the figure's own unit (rate points for rates)."""
        if self.value is None or self.previous is None:
            return None
        return self.value - self.previous


@dataclass(frozen=True)
class BudgetRule:
    """The 1 % rule for a year: last year's payroll × 1 % against the year's total allocations."""

    year: int
    rule_amount: Decimal
    allocated: Decimal

    @property
    def sufficient(self) -> bool:
        """False means 经费保障不足: the allocations fall short of the rule amount."""
        return self.allocated >= self.rule_amount


@dataclass(frozen=True)
class Overview:
    month: str
    task_completion: Figure
    study_on_track: Figure
    budget_execution: Figure
    submission: Figure
    time_progress: float
    budget_status: str | None
    budget_rule: BudgetRule | None
    branches: pd.DataFrame


BRANCH_COLUMNS = [
    "branch_id",
    "branch",
    "completion_rate",
    "plan_progress",
    "status",
    "study_on_track_rate",
    "budget_execution_rate",
    "submission_status",
]


def _month_index(column):
    """``YYYY-MM`` text → months since year 0, in SQL that SQLite and PostgreSQL both run."""
    return cast(func.substr(column, 1, 4), Integer) * 12 + cast(func.substr(column, 6, 2), Integer) - 1


# Quantities, hours and money have two decimals; SQLite sums them as binary floats, so "reached" is
# judged half a hundredth early, which is exact for two-decimal values on both databases.
REACHED_TOLERANCE = 0.005


def _ratio(numerator: float | Decimal | None, denominator: float | Decimal | None) -> float | None:
    if denominator is None or pd.isna(denominator) or not denominator:
        return None
    return float(0 if numerator is None or pd.isna(numerator) else numerator) / float(denominator)


def _task_sums(*, session: Session, scope: Scope, month: str) -> pd.DataFrame:
    """Per 党支部: Σ weight, Σ weight × task ratio and Σ weight × plan ratio over tasks in scope for M."""
    done = (
        select(TaskProgress.task_id, func.sum(TaskProgress.quantity).label("done"))
        .where(TaskProgress.month <= month)
        .group_by(TaskProgress.task_id)
        .subquery()
    )
    done_qty = cast(func.coalesce(done.c.done, 0), Float)
    target = cast(Task.target_quantity, Float)
    ratio = case((done_qty >= target - REACHED_TOLERANCE, 1.0), else_=done_qty / target)
    now, start, due = months.index(month), _month_index(Task.start_month), _month_index(Task.due_month)
    plan = case((due <= now, 1.0), else_=cast(now - start + 1, Float) / cast(due - start + 1, Float))
    weight = cast(Task.weight, Float)
    stmt = (
        select(
            Task.branch_id,
            func.sum(weight).label("weight"),
            func.sum(weight * ratio).label("weighted_ratio"),
            func.sum(weight * plan).label("weighted_plan"),
        )
        .join(Organisation, Organisation.id == Task.branch_id)
        .outerjoin(done, done.c.task_id == Task.id)
        .where(
            Task.active,
            Task.start_month >= months.first_of_year(month),
            Task.start_month <= month,
            Organisation.active,
            scope.covers(Organisation.path),
        )
        .group_by(Task.branch_id)
    )
    return pd.DataFrame(
        session.exec(stmt).all(), columns=["branch_id", "weight", "weighted_ratio", "weighted_plan"]
    )


def _study_sums(*, session: Session, scope: Scope, month: str) -> pd.DataFrame | None:
    """Per 党支部: members counted, members on track, Σ points in M. ``None`` without the year's targets."""
    params = session.get(YearParameter, months.year_of(month))
    if params is None:
        return None
    elapsed = months.number_of(month)
    totals = (
        select(
            StudyRecord.member_id,
            func.sum(StudyRecord.hours).label("hours"),
            func.sum(StudyRecord.points).label("points"),
            func.sum(case((StudyRecord.month == month, StudyRecord.points), else_=0)).label("month_points"),
        )
        .where(StudyRecord.month >= months.first_of_year(month), StudyRecord.month <= month)
        .group_by(StudyRecord.member_id)
        .subquery()
    )
    on_track = and_(
        cast(func.coalesce(totals.c.hours, 0), Float)
        >= float(params.monthly_hours_target) * elapsed - REACHED_TOLERANCE,
        func.coalesce(totals.c.points, 0) >= params.monthly_points_target * elapsed,
    )
    stmt = (
        select(
            Member.branch_id,
            func.count(Member.id).label("members"),
            func.sum(case((on_track, 1), else_=0)).label("on_track"),
            func.sum(func.coalesce(totals.c.month_points, 0)).label("month_points"),
        )
        .join(Organisation, Organisation.id == Member.branch_id)
        .outerjoin(totals, totals.c.member_id == Member.id)
        .where(
            Member.active,
            Member.joined_on <= months.last_day(month),
            Organisation.active,
            scope.covers(Organisation.path),
        )
        .group_by(Member.branch_id)
    )
    return pd.DataFrame(
        session.exec(stmt).all(), columns=["branch_id", "members", "on_track", "month_points"]
    )


def _budget_sums(*, session: Session, scope: Scope, month: str) -> pd.DataFrame:
    """Per 党支部: the year's allocations and the expenses dated in the year through M."""
    year = months.year_of(month)
    allocated = (
        select(BudgetAllocation.branch_id, func.sum(BudgetAllocation.amount).label("amount"))
        .where(BudgetAllocation.year == year)
        .group_by(BudgetAllocation.branch_id)
        .subquery()
    )
    spent = (
        select(Expense.branch_id, func.sum(Expense.amount).label("amount"))
        .where(Expense.month >= months.first_of_year(month), Expense.month <= month)
        .group_by(Expense.branch_id)
        .subquery()
    )
    stmt = (
        select(Organisation.id, allocated.c.amount, spent.c.amount)
        .outerjoin(allocated, allocated.c.branch_id == Organisation.id)
        .outerjoin(spent, spent.c.branch_id == Organisation.id)
        .where(
            Organisation.kind == OrgKind.BRANCH,
            Organisation.active,
            scope.covers(Organisation.path),
            (allocated.c.amount.is_not(None)) | (spent.c.amount.is_not(None)),
        )
    )
    frame = pd.DataFrame(session.exec(stmt).all(), columns=["branch_id", "allocated", "spent"])
    for column in ("allocated", "spent"):
        frame[column] = frame[column].map(lambda amount: Decimal(amount or 0))
    return frame


def _branches(*, session: Session, scope: Scope, month: str) -> pd.DataFrame:
    """Active 党支部 in scope with their submission status for M, in tree order (as in the filter)."""
    stmt = (
        select(Organisation.id, Organisation.name, Submission.status)
        .outerjoin(Submission, and_(Submission.branch_id == Organisation.id, Submission.month == month))
        .where(Organisation.kind == OrgKind.BRANCH, Organisation.active, scope.covers(Organisation.path))
    )
    frame = pd.DataFrame(session.exec(stmt).all(), columns=["branch_id", "branch", "submission_status"])
    frame["submission_status"] = frame["submission_status"].fillna(SubmissionStatus.NONE)
    position = orgs.tree_positions(session=session)
    return frame.sort_values("branch_id", key=lambda ids: ids.map(position), ignore_index=True)


def _figures_at(*, session: Session, scope: Scope, month: str) -> dict[str, object]:
    """The four headline figures at M for a scope, plus the per-branch table."""
    tasks = _task_sums(session=session, scope=scope, month=month)
    study = _study_sums(session=session, scope=scope, month=month)
    budget = _budget_sums(session=session, scope=scope, month=month)
    branches = _branches(session=session, scope=scope, month=month)
    submitted = branches["submission_status"].isin([SubmissionStatus.SUBMITTED, SubmissionStatus.APPROVED])

    table = branches.merge(tasks, on="branch_id", how="left")
    table["completion_rate"] = table["weighted_ratio"] / table["weight"]
    table["plan_progress"] = table["weighted_plan"] / table["weight"]
    table["status"] = [
        task_status(rate, plan) if pd.notna(rate) else None
        for rate, plan in zip(table["completion_rate"], table["plan_progress"], strict=True)
    ]
    if study is not None:
        table = table.merge(study, on="branch_id", how="left")
        table["study_on_track_rate"] = table["on_track"] / table["members"]
    else:
        table["study_on_track_rate"] = None
    table = table.merge(budget, on="branch_id", how="left")
    table["budget_execution_rate"] = [
        _ratio(spent, allocated) for spent, allocated in zip(table["spent"], table["allocated"], strict=True)
    ]
    return {
        "task_completion": _ratio(tasks["weighted_ratio"].sum(), tasks["weight"].sum()),
        "study_on_track": _ratio(study["on_track"].sum(), study["members"].sum())
        if study is not None
        else None,
        "study_missing": study is None,
        "budget_execution": _ratio(budget["spent"].sum(), budget["allocated"].sum()),
        "submission": _ratio(int(submitted.sum()), len(branches)),
        "branches": table[BRANCH_COLUMNS],
    }


def budget_rule(*, session: Session, year: int) -> BudgetRule | None:
    """The whole enterprise's 1 % rule check for a year; ``None`` without the year's payroll."""
    params = session.get(YearParameter, year)
    if params is None:
        return None
    allocated = session.exec(
        select(func.sum(BudgetAllocation.amount)).where(BudgetAllocation.year == year)
    ).one()
    return BudgetRule(
        year=year, rule_amount=budget_rule_amount(params.last_year_payroll), allocated=allocated or Decimal(0)
    )


def overview(*, session: Session, actor: Actor, month: str, org_ids: tuple[int, ...] = ()) -> Overview:
    """The overview page: four headline figures at M with 环比, and every 党支部 in scope."""
    months.parse(month)
    scope = readable_scope(session=session, actor=actor, org_ids=org_ids)
    now = _figures_at(session=session, scope=scope, month=month)
    before = _figures_at(session=session, scope=scope, month=months.previous(month))
    year = months.year_of(month)
    reasons = {
        "task_completion": f"{year}年尚无已开始的任务",
        "study_on_track": f"未设置{year}年度学习目标" if now["study_missing"] else "没有在册党员",
        "budget_execution": f"未下达{year}年度经费预算",
        "submission": "没有在册党支部",
    }
    figures = {
        name: Figure(now[name], before[name], None if now[name] is not None else reason)
        for name, reason in reasons.items()
    }
    time_progress = months.number_of(month) / 12
    execution = figures["budget_execution"].value
    return Overview(
        month=month,
        time_progress=time_progress,
        budget_status=budget_status(execution, time_progress) if execution is not None else None,
        budget_rule=budget_rule(session=session, year=year) if scope == WHOLE_TREE else None,
        branches=now["branches"],
        **figures,
    )


def latest_month(*, session: Session) -> str | None:
    """The newest month that has task progress or study records: where the dashboard opens."""
    newest = [
        session.exec(select(func.max(TaskProgress.month))).one(),
        session.exec(select(func.max(StudyRecord.month))).one(),
    ]
    present = [month for month in newest if month]
    return max(present) if present else None
