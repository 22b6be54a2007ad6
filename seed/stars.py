"""The demo mine's 对标: the recommended scheme for the demo's year, and the committee's 人工评分 of 党建品牌
at the end of each quarter (and in the last month), better for the 党支部 that keep up their study."""

import random
from decimal import Decimal

from sqlmodel import Session

from data_layer import months
from data_layer.auth import actor_of
from data_layer.lean import benchmark
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


def group_indicator_rows(
    *, first_id: int, years: list[int]
) -> tuple[list[dict], dict[int, tuple[int, float]]]:
    """The recommended scheme for every year of the group demo, as rows for a bulk write; and per year the
    id and 分值 of its 人工评分 indicator."""
    rows, manual = [], {}
    next_id = first_id
    for year in years:
        for order, spec in enumerate(benchmark.RECOMMENDED, 1):
            typed = {key: spec.get(key) for key in ("target", "floor")}
            rows.append(
                {
                    "id": next_id,
                    "year": year,
                    "name": spec["name"],
                    "source": spec["source"],
                    "rule": spec["rule"],
                    "weight": Decimal(spec["weight"]),
                    "target": None if typed["target"] is None else Decimal(typed["target"]) / 100,
                    "floor": None if typed["floor"] is None else Decimal(typed["floor"]) / 100,
                    "deduction": None if spec.get("deduction") is None else Decimal(spec["deduction"]),
                    "sort_order": order,
                    "active": True,
                    "version": 1,
                }
            )
            if spec["source"] == IndicatorSource.MANUAL:
                manual[year] = (next_id, float(spec["weight"]))
            next_id += 1
    return rows, manual


def group_score_rows(
    *, branches: list[tuple[int, float]], months_scored: list[str], manual: dict, leader: int
):
    """人工评分 at each quarter's end (and the last month) for every 党支部: (id, form about N(0, 1))."""
    rng = random.Random(SEED)
    for month in months_scored:
        indicator, weight = manual[months.year_of(month)]
        for branch_id, form in branches:
            share = min(1.0, max(0.3, 0.8 + 0.1 * form + rng.uniform(-0.08, 0.08)))
            yield {
                "indicator_id": indicator,
                "branch_id": branch_id,
                "month": month,
                "points": Decimal(str(round(weight * share * 2) / 2)).quantize(Decimal("0.01")),
                "note": BRAND_NOTES[min(3, int((1 - share) * 8))],
                "entered_by_id": leader,
                "version": 1,
            }
