"""经费使用: the year's allocations against expenses dated in the year through M, and the 1 % rule."""

from dataclasses import dataclass
from decimal import Decimal

import pandas as pd
from sqlalchemy import func
from sqlmodel import Session, select

from data_layer import months
from data_layer.auth import Scope
from data_layer.models import BudgetAllocation, Expense, Organisation, YearParameter
from data_layer.rules import budget_rule_amount
from data_layer.vocab import OrgKind


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


def branch_sums(*, session: Session, scope: Scope, month: str) -> pd.DataFrame:
    """Per 党支部 with a budget or spending: the year's allocations and the expenses dated in the year through M."""
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
