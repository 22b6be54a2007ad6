"""The 对标 scheme as read: a year's indicators in their order, and the 五星 quota in force.

The write side (administrators' indicators, the quota, leaders' 人工评分) is ``data_layer.lean.benchmark``;
the scores are computed in ``metrics.stars``.
"""

from fractions import Fraction

from sqlmodel import Session, col, select

from data_layer import rules
from data_layer.models import BenchmarkIndicator
from data_layer.store import settings

FIVE_STAR_SETTING = "five_star_share"


def scheme(*, session: Session, year: int, active_only: bool = True) -> list[BenchmarkIndicator]:
    """The year's indicators in their order."""
    statement = select(BenchmarkIndicator).where(BenchmarkIndicator.year == year)
    if active_only:
        statement = statement.where(BenchmarkIndicator.active)
    return list(
        session.exec(statement.order_by(col(BenchmarkIndicator.sort_order), col(BenchmarkIndicator.id))).all()
    )


def five_star_share(*, session: Session) -> Fraction | None:
    """The largest share of scored 党支部 that may be 五星 (None: no quota)."""
    value = settings.get(session=session, key=FIVE_STAR_SETTING)
    if value is None:
        return rules.FIVE_STAR_SHARE
    return None if value == "不限" else Fraction(value)
