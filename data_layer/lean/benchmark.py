"""对标 set-up and scoring input: a year's indicator scheme (administrators), the 五星 quota, and the
leaders' 人工评分. (The scores themselves are read in ``metrics.stars``.)

Rates are typed as percentages (目标值 90 = 90 %) and stored as fractions (0.9000). Every write goes
through ``writes.upsert`` (optimistic locking, audit before/after) in the caller's transaction.
"""

from datetime import date
from decimal import Decimal

import pandas as pd
from sqlmodel import Session, col, select

from data_layer import auth, clock, months
from data_layer.auth import Actor
from data_layer.errors import Refused
from data_layer.metrics.scheme import FIVE_STAR_SETTING, scheme
from data_layer.models import BenchmarkIndicator, ManualScore, Organisation, Setting
from data_layer.schemas import IndicatorIn, ManualScoreIn
from data_layer.store import writes
from data_layer.vocab import IndicatorSource, OrgKind, Role, ScoringRule

HUNDRED = Decimal(100)
FIVE_STAR_CHOICES = ("1/5", "1/4", "1/3", "2/5", "1/2", "不限")
"""The 五星 quotas offered: a share of the scored 党支部, or 不限 (no quota)."""

RECOMMENDED: tuple[dict, ...] = (
    {"name": "任务完成", "source": "任务完成率", "rule": "线性", "weight": 30, "target": 100},
    {"name": "学习达标", "source": "学习达标率", "rule": "线性", "weight": 20, "target": 90},
    {
        "name": "三会一课",
        "source": "三会一课完成率",
        "rule": "阈值",
        "weight": 15,
        "target": 100,
        "floor": 80,
    },
    {"name": "经费执行", "source": "经费执行", "rule": "线性", "weight": 10, "target": 100},
    {"name": "按时报送", "source": "按时报送率", "rule": "线性", "weight": 10, "target": 100},
    {"name": "超期任务", "source": "超期任务数", "rule": "扣分", "weight": 5, "deduction": 1},
    {"name": "党建品牌", "source": "人工评分", "rule": "直接评分", "weight": 10},
)
"""The scheme offered for a year without one and no earlier scheme to follow (100 points)."""


def _fraction(percent: Decimal | None) -> Decimal | None:
    return None if percent is None else (percent / HUNDRED).quantize(Decimal("0.0001"))


def save_indicator(
    *, session: Session, actor: Actor, item: IndicatorIn, expected_version: int | None = None
) -> writes.Written:
    """An indicator of ``item.year``'s scheme, by (年度, 指标名称)."""
    auth.require_admin(session=session, actor=actor)
    return writes.upsert(
        session=session,
        actor=actor.username,
        model=BenchmarkIndicator,
        key={"year": item.year, "name": item.name},
        values={
            "source": item.source,
            "rule": item.rule,
            "weight": item.weight,
            "target": _fraction(item.target),
            "floor": _fraction(item.floor),
            "deduction": item.deduction,
            "sort_order": item.sort_order,
            "active": True,
        },
        expected_version=expected_version,
        what=f"{item.year}年度对标指标“{item.name}”",
    )


def set_indicator_active(
    *, session: Session, actor: Actor, indicator_id: int, active: bool
) -> writes.Written:
    """停用 keeps an indicator and its scores but leaves it out of every score; 启用 brings it back."""
    auth.require_admin(session=session, actor=actor)
    row = _indicator(session, indicator_id)
    return writes.upsert(
        session=session,
        actor=actor.username,
        model=BenchmarkIndicator,
        key={"id": row.id},
        values={"active": active},
        what=f"对标指标“{row.name}”",
    )


def delete_indicator(*, session: Session, actor: Actor, indicator_id: int) -> writes.Written:
    """Remove an indicator nobody has scored yet; one with 人工评分 can only be 停用."""
    auth.require_admin(session=session, actor=actor)
    row = _indicator(session, indicator_id)
    scored = session.exec(select(ManualScore.id).where(ManualScore.indicator_id == row.id)).first()
    if scored is not None:
        raise Refused(f"“{row.name}”已有人工评分，不能删除；可以停用", field="指标名称")
    return writes.delete(session=session, actor=actor.username, row=row, what=f"对标指标“{row.name}”")


def _indicator(session: Session, indicator_id: int) -> BenchmarkIndicator:
    row = session.get(BenchmarkIndicator, indicator_id)
    if row is None:
        raise Refused("该对标指标已不存在，请刷新", field="指标名称")
    return row


SCHEME_COLUMNS = [
    "indicator_id",
    "name",
    "source",
    "rule",
    "weight",
    "target",
    "floor",
    "deduction",
    "sort_order",
    "active",
]


def scheme_table(*, session: Session, year: int) -> pd.DataFrame:
    """Every indicator of the year (停用 ones too) as typed: rates as percentages."""
    rows = [
        (row.id, *_as_typed(row).values(), row.active)
        for row in scheme(session=session, year=year, active_only=False)
    ]
    return pd.DataFrame(rows, columns=SCHEME_COLUMNS)


def install_scheme(*, session: Session, actor: Actor, year: int) -> int:
    """A year without indicators gets the latest earlier year's active scheme (沿用), else ``RECOMMENDED``.

    Returns the number of indicators written; a year that has indicators is refused.
    """
    auth.require_admin(session=session, actor=actor)
    if scheme(session=session, year=year, active_only=False):
        raise Refused(f"{year}年度已有对标方案", field="年度")
    earlier = session.exec(
        select(BenchmarkIndicator.year)
        .where(BenchmarkIndicator.year < year, BenchmarkIndicator.active)
        .order_by(col(BenchmarkIndicator.year).desc())
    ).first()
    if earlier is None:
        rows = [{**row, "sort_order": number} for number, row in enumerate(RECOMMENDED, 1)]
    else:
        rows = [_as_typed(row) for row in scheme(session=session, year=earlier)]
    for row in rows:
        save_indicator(session=session, actor=actor, item=IndicatorIn(**{**row, "year": year}))
    return len(rows)


def _as_typed(row: BenchmarkIndicator) -> dict:
    def percent(value: Decimal | None) -> Decimal | None:
        return None if value is None else (value * HUNDRED).quantize(Decimal("0.01"))

    return {
        "name": row.name,
        "source": row.source,
        "rule": row.rule,
        "weight": row.weight,
        "target": percent(row.target),
        "floor": percent(row.floor),
        "deduction": row.deduction,
        "sort_order": row.sort_order,
    }


# --- the 五星 quota


def set_five_star_share(*, session: Session, actor: Actor, share: str) -> None:
    auth.require_admin(session=session, actor=actor)
    if share not in FIVE_STAR_CHOICES:
        raise Refused(f"请从 {'、'.join(FIVE_STAR_CHOICES)} 中选择", field="五星比例上限")
    writes.upsert(
        session=session,
        actor=actor.username,
        model=Setting,
        key={"key": FIVE_STAR_SETTING},
        values={"value": share},
        what="五星比例上限",
    )


# --- 人工评分


def save_manual_score(
    *,
    session: Session,
    actor: Actor,
    item: ManualScoreIn,
    today: date | None = None,
    expected_version: int | None = None,
) -> writes.Written:
    """A leader's (or administrator's) points for a 党支部 on a 人工评分 indicator of the month's year.

    Secretaries do not score their own 党支部. The points lie between 0 and the indicator's 分值.
    """
    actor = auth.check_actor(session=session, actor=actor)
    if actor.role not in (Role.LEADER, Role.ADMIN):
        raise Refused("只有党委领导和管理员可以人工评分")
    current = months.of_date(today or clock.today())
    if item.month > current:
        raise Refused(f"不能为未来的月份评分（当前为 {current}）", field="月份")
    branch = session.exec(select(Organisation).where(Organisation.name == item.branch)).first()
    if branch is None or branch.kind != OrgKind.BRANCH or not branch.active:
        raise Refused(f"找不到党支部“{item.branch}”", field="党支部")
    year = months.year_of(item.month)
    indicator = session.exec(
        select(BenchmarkIndicator).where(
            BenchmarkIndicator.year == year, BenchmarkIndicator.name == item.indicator
        )
    ).first()
    if indicator is None or not indicator.active:
        raise Refused(f"{year}年度对标方案中没有启用的指标“{item.indicator}”", field="指标名称")
    if indicator.source != IndicatorSource.MANUAL or indicator.rule != ScoringRule.MANUAL:
        raise Refused(f"“{indicator.name}”由系统数据计分，不能人工评分", field="指标名称")
    if item.points > indicator.weight:
        raise Refused(f"得分不能超过该指标的分值 {float(indicator.weight):g} 分", field="得分")
    return writes.upsert(
        session=session,
        actor=actor.username,
        model=ManualScore,
        key={"indicator_id": indicator.id, "branch_id": branch.id, "month": item.month},
        values={"points": item.points, "note": item.note},
        expected_version=expected_version,
        what=f"{branch.name}{item.month}的“{indicator.name}”评分",
        on_insert={"entered_by_id": actor.user_id},
    )
