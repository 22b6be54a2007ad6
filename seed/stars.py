"""The demo mine's 对标: the recommended scheme for the demo's year, and the committee's 人工评分 of 党建品牌
at the end of each quarter (and in the last month), better for the 党支部 that keep up their study."""

import random
from decimal import Decimal

from sqlmodel import Session

from data_layer import benchmark, months
from data_layer.auth import actor_of
from data_layer.models import BenchmarkIndicator, ManualScore, User
from data_layer.vocab import IndicatorSource

SEED = 20261206
BRAND_NOTES = ("党建品牌创建有特色", "品牌活动按计划推进", "品牌创建成效一般", "品牌创建进展缓慢")


def seed_stars(
    *, session: Session, year: int, last_month: str, branches: list, admin: User, leader: User
) -> tuple[int, int]:
    """The year's indicators and the 人工评分; returns how many of each were written. ``branches``: the
    seed's branches (``.org``, ``.spec.study_diligence``)."""
    indicators = benchmark.install_scheme(session=session, actor=actor_of(admin), year=year)
    manual = [
        row for row in benchmark.scheme(session=session, year=year) if row.source == IndicatorSource.MANUAL
    ]
    rng = random.Random(SEED)
    scored = [month for month in months.span(f"{year}-01", last_month) if months.number_of(month) % 3 == 0]
    if last_month not in scored:
        scored.append(last_month)
    scores = sum(_scores(session, rng, indicator, scored, branches, leader) for indicator in manual)
    session.flush()
    return indicators, scores


def _scores(
    session: Session, rng: random.Random, indicator: BenchmarkIndicator, scored: list[str], branches, leader
) -> int:
    rows = []
    weight = float(indicator.weight)
    for branch in branches:
        quality = branch.spec.study_diligence  # 0.55–0.95: the same 党支部 are strong and weak
        for month in scored:
            share = min(1.0, max(0.3, quality + rng.uniform(-0.08, 0.08)))
            points = Decimal(str(round(weight * share * 2) / 2)).quantize(Decimal("0.01"))
            note = BRAND_NOTES[min(3, int((1 - share) * 8))]
            rows.append(
                ManualScore(
                    indicator_id=indicator.id,
                    branch_id=branch.org.id,
                    month=month,
                    points=points,
                    note=note,
                    entered_by_id=leader.id,
                )
            )
    session.add_all(rows)
    return len(rows)
