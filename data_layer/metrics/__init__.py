"""Read side: every figure the dashboard shows, one definition each (documented in docs/metrics.md).

Figures are aggregated in SQL per 党支部 and rolled up by adding numerators and denominators, so an
organisation's rate is never an average of averages. Public functions take the session first, then the
actor and the organisations asked for; ``auth.readable_scope`` applies the actor's scope.

One module per subject: ``tasks`` (任务完成), ``study`` (学习进度), ``budget`` (经费使用), ``meetings``
(三会一课), ``overview`` (总览, 红黑榜, alerts); ``common`` holds what they share.
"""

from sqlalchemy import func
from sqlmodel import Session, select

from data_layer import clock, months
from data_layer.metrics.budget import BudgetRule, budget_rule
from data_layer.metrics.common import Figure
from data_layer.metrics.overview import Overview, overview
from data_layer.models import Expense, Meeting, StudyRecord, TaskProgress

__all__ = [
    "BudgetRule",
    "Figure",
    "Overview",
    "budget_rule",
    "earliest_month",
    "latest_month",
    "opening_month",
    "overview",
]


_FIGURE_MONTHS = (TaskProgress.month, StudyRecord.month, Expense.month, Meeting.month)


def latest_month(*, session: Session) -> str | None:
    """The newest month with any figure entered (progress, study, expense, meeting)."""
    present = [month for month in (session.exec(select(func.max(c))).one() for c in _FIGURE_MONTHS) if month]
    return max(present) if present else None


def earliest_month(*, session: Session) -> str | None:
    """The oldest month with any figure entered: the months offered start no earlier."""
    present = [month for month in (session.exec(select(func.min(c))).one() for c in _FIGURE_MONTHS) if month]
    return min(present) if present else None


def opening_month(*, session: Session, current: str | None = None) -> str | None:
    """The month the dashboard opens on (``months.opening``): the last complete month by the product clock
    (or ``current``'s previous), or the newest month with figures when that is earlier; None without any."""
    latest = latest_month(session=session)
    return None if latest is None else months.opening(latest, current or clock.this_month())
