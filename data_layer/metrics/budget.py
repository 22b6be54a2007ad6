"""经费使用: the year's allocations against expenses dated in the year through M, by 党支部, by category
and month by month; the 1 % rule, the carry-forward cap, the alerts and the expenses behind the figures.

Sums are taken in SQL and stay ``Decimal``; only rates and chart series are floats.
"""

from dataclasses import dataclass
from decimal import Decimal
from typing import overload

import pandas as pd
from sqlalchemy import and_, func
from sqlmodel import Session, col, select

from data_layer import months
from data_layer.auth import WHOLE_TREE, Actor, Scope, readable_scope
from data_layer.errors import Refused
from data_layer.metrics.common import Figure, branches, by_columns, counted_branches, ratio
from data_layer.models import BudgetAllocation, Expense, ExpenseCategory, Organisation, YearParameter
from data_layer.rules import CARRY_FORWARD_CAP_SHARE, budget_rule_amount, budget_status
from data_layer.store import remembered, select_columns
from data_layer.vocab import BudgetStatus, OrgKind


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


@remembered
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


@remembered(by_branch=by_columns("branch_id"), kept=True)
def branch_sums(*, session: Session, scope: Scope, month: str) -> pd.DataFrame:
    """Per 党支部 with a budget or spending: the year's allocations and the expenses dated in the year through M."""
    year = months.year_of(month)
    allocated = (
        select(BudgetAllocation.branch_id, func.sum(BudgetAllocation.amount).label("amount"))
        .where(BudgetAllocation.year == year, col(BudgetAllocation.branch_id).in_(counted_branches(scope)))
        .group_by(col(BudgetAllocation.branch_id))
        .subquery()
    )
    spent = (
        select(Expense.branch_id, func.sum(Expense.amount).label("amount"))
        .where(
            Expense.month >= months.first_of_year(month),
            Expense.month <= month,
            col(Expense.branch_id).in_(counted_branches(scope)),
        )
        .group_by(col(Expense.branch_id))
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
    return frame.sort_values("branch_id", ignore_index=True)


@dataclass(frozen=True)
class CarryForward:
    """结余经费 at the start of a year, for the whole enterprise, against the 2 % cap.

    balance = Σ allocations of every earlier year − Σ expenses dated before the year (that is, Σ over the
    earlier years of that year's allocations − that year's expenses); cap = last year's payroll × 2 %.
    """

    year: int
    balance: Decimal
    cap: Decimal

    @property
    def exceeded(self) -> bool:
        return self.balance > self.cap


@overload
def carry_forward(*, session: Session, year: int, last_year_payroll: Decimal) -> CarryForward: ...
@overload
def carry_forward(
    *, session: Session, year: int, last_year_payroll: Decimal | None = None
) -> CarryForward | None: ...
def carry_forward(
    *, session: Session, year: int, last_year_payroll: Decimal | None = None
) -> CarryForward | None:
    """The carry-forward check for a year; ``None`` without the year's payroll (``last_year_payroll``
    stands in for a payroll not saved yet, as when a new year is planned)."""
    if last_year_payroll is None:
        params = session.get(YearParameter, year)
        if params is None:
            return None
        last_year_payroll = params.last_year_payroll
    allocated = session.exec(
        select(func.sum(BudgetAllocation.amount)).where(BudgetAllocation.year < year)
    ).one()
    spent = session.exec(select(func.sum(Expense.amount)).where(Expense.month < months.make(year, 1))).one()
    cap = (last_year_payroll * CARRY_FORWARD_CAP_SHARE).quantize(Decimal("0.01"))
    return CarryForward(year=year, balance=Decimal(allocated or 0) - Decimal(spent or 0), cap=cap)


def _counted(scope: Scope):
    """The 党支部 whose money a scope's figures count: active, in scope."""
    return and_(
        col(Organisation.kind) == OrgKind.BRANCH, col(Organisation.active), scope.covers(Organisation.path)
    )


def _in_year_through(month: str):
    return and_(col(Expense.month) >= months.first_of_year(month), col(Expense.month) <= month)


def category_sums(*, session: Session, scope: Scope, month: str) -> pd.DataFrame:
    """Per category with a budget or spending in scope: allocations and spending, in the categories' order."""
    allocated = (
        select(BudgetAllocation.category_id, func.sum(BudgetAllocation.amount).label("amount"))
        .join(Organisation, col(Organisation.id) == BudgetAllocation.branch_id)
        .where(BudgetAllocation.year == months.year_of(month), _counted(scope))
        .group_by(col(BudgetAllocation.category_id))
        .subquery()
    )
    spent = (
        select(Expense.category_id, func.sum(Expense.amount).label("amount"))
        .join(Organisation, col(Organisation.id) == Expense.branch_id)
        .where(_in_year_through(month), _counted(scope))
        .group_by(col(Expense.category_id))
        .subquery()
    )
    stmt = (
        select(ExpenseCategory.id, ExpenseCategory.name, allocated.c.amount, spent.c.amount)
        .outerjoin(allocated, allocated.c.category_id == ExpenseCategory.id)
        .outerjoin(spent, spent.c.category_id == ExpenseCategory.id)
        .where(allocated.c.amount.is_not(None) | spent.c.amount.is_not(None))
        .order_by(col(ExpenseCategory.sort_order), col(ExpenseCategory.id))
    )
    frame = pd.DataFrame(
        session.exec(stmt).all(), columns=["category_id", "category", "allocated", "spent_ytd"]
    )
    for column in ("allocated", "spent_ytd"):
        frame[column] = frame[column].map(lambda amount: Decimal(amount or 0))
    frame["execution_rate"] = [
        ratio(s, a) for s, a in zip(frame["spent_ytd"], frame["allocated"], strict=True)
    ]
    return frame


def monthly_spending(*, session: Session, scope: Scope, month: str, allocated: Decimal) -> pd.DataFrame:
    """January–M: spending in each month, the running total, and the pacing line allocations × n ÷ 12."""
    by_month = dict(
        session.exec(
            select(Expense.month, func.sum(Expense.amount))
            .join(Organisation, col(Organisation.id) == Expense.branch_id)
            .where(_in_year_through(month), _counted(scope))
            .group_by(Expense.month)
        ).all()
    )
    span = months.span(months.first_of_year(month), month)
    spent = [Decimal(by_month.get(each) or 0) for each in span]
    running = [sum(spent[: n + 1], Decimal(0)) for n in range(len(span))]
    return pd.DataFrame(
        {
            "month": span,
            "spent": [float(amount) for amount in spent],
            "cumulative": [float(amount) for amount in running],
            "pacing": [float(allocated) * months.number_of(each) / 12 for each in span],
        }
    )


def _status(rate: float | None, time_progress: float) -> BudgetStatus | None:
    return None if rate is None or pd.isna(rate) else budget_status(rate, time_progress)


def _money(amount: Decimal) -> str:
    return f"¥{amount:,.2f}"


@dataclass(frozen=True)
class BudgetView:
    """The 经费使用 page at M for a scope. ``rule`` and ``carry_forward`` only for the whole tree."""

    month: str
    time_progress: float
    allocated: Decimal
    spent_ytd: Decimal
    execution_rate: float | None
    previous_execution_rate: float | None
    status: BudgetStatus | None
    reason: str | None
    rule: BudgetRule | None
    carry_forward: CarryForward | None
    by_branch: pd.DataFrame  # branch_id, branch, allocated, spent_ytd, execution_rate, status
    by_category: pd.DataFrame  # category_id, category, allocated, spent_ytd, execution_rate
    cumulative: pd.DataFrame  # month, spent, cumulative, pacing
    alerts: tuple[str, ...]

    @property
    def execution(self) -> Figure:
        """The execution rate with its 环比 (M−1 may be last December, against last year's budget)."""
        return Figure(self.execution_rate, self.previous_execution_rate, self.reason)

    @property
    def has_data(self) -> bool:
        """False when the scope has neither a budget for the year nor spending January–M."""
        return bool(self.allocated or self.spent_ytd)


def _alerts(view_year: int, time_progress: float, by_branch: pd.DataFrame, rule, carried) -> tuple[str, ...]:
    """超支/偏快/偏慢 and spending without a budget by 党支部; 经费保障不足; carry-forward over the cap."""
    alerts = []
    if rule is not None and not rule.sufficient:
        alerts.append(
            f"经费保障不足：{view_year}年度经费预算 {_money(rule.allocated)}，"
            f"低于按上年度职工工资总额 1% 计算的 {_money(rule.rule_amount)}"
        )
    if carried is not None and carried.exceeded:
        alerts.append(
            f"结余超限：截至{view_year - 1}年底累计结余 {_money(carried.balance)}，"
            f"超过上年度职工工资总额 2% 的 {_money(carried.cap)}"
        )
    for row in by_branch.itertuples():
        if pd.isna(row.execution_rate):
            alerts.append(f"{row.branch}：未下达{view_year}年度经费预算，已支出 {_money(row.spent_ytd)}")
        elif row.status != BudgetStatus.NORMAL:
            alerts.append(
                f"{row.branch}：{row.status}，经费执行率 {row.execution_rate:.1%}，时间进度 {time_progress:.1%}"
            )
    return tuple(alerts)


def budget_view(*, session: Session, actor: Actor, month: str, org_ids: tuple[int, ...] = ()) -> BudgetView:
    months.parse(month)
    scope = readable_scope(session=session, actor=actor, org_ids=org_ids)
    year, time_progress = months.year_of(month), months.number_of(month) / 12
    sums = branch_sums(session=session, scope=scope, month=month).rename(columns={"spent": "spent_ytd"})
    names = branches(session=session, scope=scope, month=month)[["branch_id", "branch"]]
    by_branch = names.merge(sums, on="branch_id", how="inner")
    by_branch["execution_rate"] = [
        ratio(s, a) for s, a in zip(by_branch["spent_ytd"], by_branch["allocated"], strict=True)
    ]
    by_branch["status"] = [_status(rate, time_progress) for rate in by_branch["execution_rate"]]
    allocated = sum(by_branch["allocated"], Decimal(0))
    spent = sum(by_branch["spent_ytd"], Decimal(0))
    previous = branch_sums(session=session, scope=scope, month=months.previous(month))
    rate = ratio(spent, allocated)
    whole = scope == WHOLE_TREE
    rule = budget_rule(session=session, year=year) if whole else None
    carried = carry_forward(session=session, year=year) if whole else None
    return BudgetView(
        month=month,
        time_progress=time_progress,
        allocated=allocated,
        spent_ytd=spent,
        execution_rate=rate,
        previous_execution_rate=ratio(previous["spent"].sum(), previous["allocated"].sum()),
        status=_status(rate, time_progress),
        reason=None if rate is not None else f"未下达{year}年度经费预算",
        rule=rule,
        carry_forward=carried,
        by_branch=by_branch,
        by_category=category_sums(session=session, scope=scope, month=month),
        cumulative=monthly_spending(session=session, scope=scope, month=month, allocated=allocated),
        alerts=_alerts(year, time_progress, by_branch, rule, carried),
    )


DETAIL_COLUMNS = ["spent_on", "category", "amount", "purpose", "voucher_no"]


def expense_detail(
    *, session: Session, actor: Actor, month: str, branch_id: int, category_id: int | None = None
) -> pd.DataFrame:
    """A 党支部's expenses dated in the year through M (one category, or all), oldest first."""
    months.parse(month)
    branch = session.get(Organisation, branch_id)
    if branch is None or branch.kind != OrgKind.BRANCH:
        raise Refused("请选择一个党支部", field="党支部")
    if not readable_scope(session=session, actor=actor).contains(branch.path):
        raise Refused("无权查看其他党支部的数据", field="党支部")
    stmt = (
        select_columns(
            Expense.spent_on, ExpenseCategory.name, Expense.amount, Expense.purpose, Expense.voucher_no
        )
        .join(ExpenseCategory, col(ExpenseCategory.id) == Expense.category_id)
        .where(Expense.branch_id == branch_id, _in_year_through(month))
        .order_by(col(Expense.spent_on), col(Expense.id))
    )
    if category_id is not None:
        stmt = stmt.where(Expense.category_id == category_id)
    return pd.DataFrame(session.exec(stmt).all(), columns=DETAIL_COLUMNS)
