"""对标 / 星级评定: every 党支部 scored against the year's indicator scheme, its star level and ranking,
and the breakdown that says where it lost points.

A score is taken at the end month E of a period (月度: M; 季度: the last quarter ended by M; 年度: the
last year ended by M) from the figures the other pages show at E, plus the leaders' 人工评分. Every
active 党支部 of the organisation is scored and ranked (the 五星 quota counts them all, whoever looks);
a reader sees the 党支部 of their scope.
"""

import math
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction

import numpy as np
import pandas as pd
from sqlmodel import Session

from data_layer import clock, months
from data_layer.auth import WHOLE_TREE, Actor, Scope, readable_scope
from data_layer.metrics import star_sources
from data_layer.metrics.common import Figure, branches, frame_of, in_tree_order, ratio
from data_layer.metrics.scheme import five_star_share, scheme
from data_layer.rules import STAR_THRESHOLDS, stars_of
from data_layer.store import remembered
from data_layer.vocab import IndicatorSource, ScoringRule

MONTHLY, QUARTERLY, YEARLY = "月度", "季度", "年度"
PERIODS = (MONTHLY, QUARTERLY, YEARLY)
FIVE_STARS = STAR_THRESHOLDS[0][0]
_QUARTER_NAMES = "一二三四"

INDICATOR_COLUMNS = ["indicator_id", "name", "source", "rule", "weight", "target", "floor", "deduction"]
BRANCH_COLUMNS = ["branch_id", "branch", "score", "stars", "rank", "earned", "scored_weight", "lost_most"]
BREAKDOWN_COLUMNS = [
    "branch_id",
    "branch",
    "indicator",
    "source",
    "rule",
    "value",
    "weight",
    "earned",
    "lost",
    "detail",
]


def period_end(month: str, period: str) -> str:
    """E: the month a period's score is taken at, for the month M chosen."""
    number = months.number_of(month)
    if period == QUARTERLY:
        return months.shift(month, -(number % 3))
    if period == YEARLY:
        return month if number == 12 else f"{months.year_of(month) - 1}-12"
    return month


def period_label(end: str, period: str) -> str:
    """ "2026年3月" / "2026年第一季度" / "2025年度"."""
    year, number = months.year_of(end), months.number_of(end)
    if period == QUARTERLY:
        return f"{year}年第{_QUARTER_NAMES[(number - 1) // 3]}季度"
    if period == YEARLY:
        return f"{year}年度"
    return f"{year}年{number}月"


def previous_end(end: str, period: str) -> str:
    """The end month of the period before (for 环比)."""
    return months.shift(end, {MONTHLY: -1, QUARTERLY: -3, YEARLY: -12}[period])


# --- scoring


def earned_points(
    *, rule: str, weight: float, value, target=None, floor=None, deduction=None
) -> float | None:
    """The points an indicator gives for a value (None: not scored, so left out of the total).

    线性 weight × min(value ÷ target, 1); 阈值 the weight at or above the target, half of it at or above the
    及格值, else 0; 扣分 weight − deduction × count, never below 0; 直接评分 the leader's points.
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    value = float(value)
    if rule == ScoringRule.LINEAR:
        return weight * min(max(value, 0.0) / float(target), 1.0)
    if rule == ScoringRule.THRESHOLD:
        if round(value - float(target), 9) >= 0:
            return weight
        return weight / 2 if round(value - float(floor), 9) >= 0 else 0.0
    if rule == ScoringRule.DEDUCTION:
        return max(0.0, weight - float(deduction) * value)
    return value


def assign_stars(scores: pd.Series, share: Fraction | None) -> tuple[pd.Series, list]:
    """Star levels of the scores (index kept) after the 五星 quota, and the index of those held to 四星.

    At most ⌊scored × share⌋ 党支部 are 五星, the highest scores first; when a tie straddles the quota,
    every tied 党支部 is held to 四星 (the quota is never exceeded, and equal scores get equal stars).
    """
    stars = stars_of(scores)
    fives = scores[stars == FIVE_STARS].sort_values(ascending=False)
    if share is None:
        return stars, []
    allowed = math.floor(len(scores) * share)
    if len(fives) <= allowed:
        return stars, []
    boundary = round(float(fives.iloc[allowed]), 9)
    held = [index for index, score in fives.items() if round(float(score), 9) <= boundary]
    stars[held] = FIVE_STARS - 1
    return stars, held


@dataclass(frozen=True)
class StarView:
    month: str
    period: str
    end: str
    label: str
    indicators: pd.DataFrame  # indicator_id, name, source, rule, weight, target, floor, deduction
    branches: pd.DataFrame  # BRANCH_COLUMNS: the 党支部 in scope, best first (rank among all 党支部)
    average: Figure  # mean score of the 党支部 in scope, and of the period before
    five_star_share: Fraction | None  # the largest share of scored 党支部 that may be 五星 (None: no quota)
    five_star_quota: int | None  # how many may be 五星 (None: no quota)
    held_to_four: tuple[str, ...]  # 党支部 with 90 or more held to 四星 by the quota
    reason: str | None  # why there is no score (no scheme for the year)
    scored: dict = field(repr=False)  # the month's scores of every 党支部 (``scores_at``)

    def breakdown(self, branch_ids=None) -> pd.DataFrame:
        """BREAKDOWN_COLUMNS for the 党支部 asked for (default: all in scope), built when asked."""
        shown = self.branches["branch_id"].tolist()
        wanted = shown if branch_ids is None else [branch for branch in branch_ids if branch in set(shown)]
        return breakdown_lines(self.scored, wanted)

    def distribution(self) -> pd.DataFrame:
        """How many 党支部 in scope have each star level, 5 down to 1."""
        counts = self.branches["stars"].value_counts()
        return pd.DataFrame(
            {"stars": [5, 4, 3, 2, 1], "count": [int(counts.get(n, 0)) for n in (5, 4, 3, 2, 1)]}
        )


@remembered
def scores_at(*, session: Session, at: tuple[str, ...], today: date) -> dict[str, dict]:
    """Each month of ``at`` scored for every active 党支部: its indicators, values, 人工评分, totals with
    star levels and ranks, and the 党支部 held to 四星. A 党支部's points are its own (``points_at``,
    recomputed after a save for the saving 党支部 alone); the stars, ranks and 五星 quota need them all.
    ``today`` comes settled (``star_sources.settled``) from ``star_view``, whose answer is its key too."""
    since = star_sources.firsts_reported(session=session, at=at)
    values = star_sources.branch_facts_at(session=session, scope=WHOLE_TREE, at=at, today=today, since=since)
    points = points_at(session=session, scope=WHOLE_TREE, at=at, today=today, since=since)
    return {
        month: {
            "indicators": indicators_of(session=session, year=months.year_of(month)),
            "values": values[month],
            "manual": star_sources.manual_points(session=session, month=month),
        }
        | _ranked(session, points[month])
        for month in at
    }


def own_scores(*, session: Session, scope: Scope, at: tuple[str, ...], today: date) -> dict[str, pd.Series]:
    """Each month of ``at``: the score of each active 党支部 in ``scope`` by branch id. A score is the
    党支部's own points (stars, ranks and the 五星 quota need every 党支部: ``scores_at``), so a narrowed
    scope reads only its own rows — one 党支部's year is cheap at any scale."""
    since = star_sources.firsts_reported(session=session, at=at)
    points = points_at(
        session=session, scope=scope, at=at, today=star_sources.settled(at, today), since=since
    )
    return {month: points[month].set_index("branch_id")["score"] for month in at}


def indicators_of(*, session: Session, year: int) -> pd.DataFrame:
    """The year's indicators as INDICATOR_COLUMNS."""
    return pd.DataFrame(
        [
            (row.id, row.name, row.source, row.rule, float(row.weight), row.target, row.floor, row.deduction)
            for row in scheme(session=session, year=year)
        ],
        columns=INDICATOR_COLUMNS,
    )


@remembered(by_branch=in_tree_order(), kept=True)
def points_at(
    *, session: Session, scope: Scope, at: tuple[str, ...], today: date, since: tuple[str | None, ...]
) -> dict[str, pd.DataFrame]:
    """Each month of ``at``: every active 党支部 in scope with its points (vectorised, one column per
    indicator) and totals — [branch_id, branch, earned, scored_weight, score, lost_most]. ``since``: as
    for ``star_sources.branch_facts_at``."""
    values = star_sources.branch_facts_at(session=session, scope=scope, at=at, today=today, since=since)
    return {month: _totals(session, month, values[month]) for month in at}


def _totals(session: Session, end: str, values: pd.DataFrame) -> pd.DataFrame:
    listed = indicators_of(session=session, year=months.year_of(end))
    manual = star_sources.manual_points(session=session, month=end)
    points = pd.DataFrame(index=values["branch_id"])
    for row in listed.itertuples(index=False):
        if row.source == IndicatorSource.MANUAL:
            given = manual[manual["indicator_id"] == row.indicator_id]
            value = values["branch_id"].map(dict(zip(given["branch_id"], given["points"], strict=True)))
        else:
            value = values[row.source]
        points[row.indicator_id] = _points(row, pd.to_numeric(value, errors="coerce").to_numpy(dtype=float))
    table = values[["branch_id", "branch"]].copy()
    weights = listed.set_index("indicator_id")["weight"]
    scored = points.notna()
    earned = points.sum(axis=1, min_count=1)
    scored_weight = scored.mul(weights, axis=1).sum(axis=1)
    table["earned"] = earned.to_numpy()
    table["scored_weight"] = scored_weight.where(scored_weight > 0).to_numpy()
    table["score"] = (100 * earned / scored_weight.where(scored_weight > 0)).to_numpy()
    lost = (weights - points).where(scored)  # points lost on each scored indicator
    by_name = lost[listed.sort_values("name")["indicator_id"].tolist()]  # ties go to the first name
    names = dict(zip(listed["indicator_id"], listed["name"], strict=True))
    if listed.empty:
        table["lost_most"] = None
    else:
        filled = by_name.fillna(0)
        table["lost_most"] = [
            names[column] if largest > 1e-9 else None
            for column, largest in zip(filled.idxmax(axis=1), filled.max(axis=1), strict=True)
        ]
    return table.astype(object).where(table.notna(), None)


def _ranked(session: Session, totals: pd.DataFrame) -> dict[str, object]:
    """Every 党支部's totals with its star level and rank among all scored, and the 党支部 held to 四星."""
    ranked = totals.dropna(subset=["score"]).copy()
    ranked["score"] = ranked["score"].astype(float)
    stars, held = assign_stars(ranked["score"], five_star_share(session=session))
    ranked["stars"] = stars
    ranked["rank"] = ranked["score"].round(9).rank(ascending=False, method="min").astype(int)
    table = totals.merge(ranked[["branch_id", "stars", "rank"]], on="branch_id", how="left")
    return {"branches": table, "held": tuple(ranked.loc[held, "branch"])}


def _points(row, value: np.ndarray) -> np.ndarray:
    """``earned_points`` for a whole column of values (NaN: not scored)."""
    weight = row.weight
    if row.rule == ScoringRule.LINEAR:
        return weight * np.minimum(np.maximum(value, 0.0) / float(row.target), 1.0)
    if row.rule == ScoringRule.THRESHOLD:
        full = np.round(value - float(row.target), 9) >= 0
        half = np.round(value - float(row.floor), 9) >= 0
        return np.where(np.isnan(value), np.nan, np.where(full, weight, np.where(half, weight / 2, 0.0)))
    if row.rule == ScoringRule.DEDUCTION:
        return np.maximum(0.0, weight - float(row.deduction) * value)
    return value


def breakdown_lines(scored: dict, branch_ids) -> pd.DataFrame:
    """BREAKDOWN_COLUMNS for some 党支部 of a month's scores: each indicator's value, points, loss and the
    facts behind it in words (``earned_points`` line by line, the definition the totals vectorise)."""
    wanted = set(branch_ids)
    values = scored["values"][scored["values"]["branch_id"].isin(wanted)]
    manual = scored["manual"][scored["manual"]["branch_id"].isin(wanted)]  # one 党支部's, not the group's
    given = {
        (indicator, branch): (points, month, note)
        for indicator, branch, month, points, note in manual.itertuples(index=False)
    }
    lines = []
    plain = list(scored["indicators"].itertuples(index=False))
    for branch in values.itertuples(index=False):
        facts = branch._asdict()
        for row in plain:
            if row.source == IndicatorSource.MANUAL:
                points, month, note = given.get((row.indicator_id, branch.branch_id), (None, None, None))
                value, detail = points, _manual_detail(points, month, note)
            else:
                value = facts[row.source]
                detail = _detail(row.source, value, facts)
            earned = earned_points(
                rule=row.rule,
                weight=row.weight,
                value=value,
                target=row.target,
                floor=row.floor,
                deduction=row.deduction,
            )
            lost = None if earned is None else row.weight - earned
            lines.append(
                (
                    branch.branch_id,
                    branch.branch,
                    row.name,
                    row.source,
                    row.rule,
                    value,
                    row.weight,
                    earned,
                    lost,
                    detail,
                )
            )
    return frame_of(lines, BREAKDOWN_COLUMNS)


def _percent(value) -> str:
    return "—" if value is None else f"{float(value) * 100:.1f}%"


def _detail(source: str, value, facts: dict) -> str:
    """The facts behind a value, in words (why a 党支部 lost points)."""
    if source == IndicatorSource.ON_TIME_SUBMISSION:
        return f"应报{facts['due']}个月，按时{facts['on_time']}个月" if facts["due"] else "尚无到期的月度填报"
    if source == IndicatorSource.LATE_SUBMISSIONS:
        return f"逾期或未报{value}个月"
    if source == IndicatorSource.OVERDUE_TASKS:
        return f"超期任务{value}项"
    if source == IndicatorSource.BUDGET_FIT:
        if value is None:
            return "未下达经费预算"
        return f"执行率{_percent(ratio(facts['spent'], facts['allocated']))}，与时间进度相差{_percent(1 - value)}"
    if value is None:
        return "无数据，不计分"
    if source == IndicatorSource.MEMBER_VIOLATION_RATE:  # per thousand party members
        return f"{source}{float(value):.1f}‰"
    return f"{source}{_percent(value)}"


def _manual_detail(points, scored_month: str | None, note: str | None) -> str:
    if points is None:
        return "尚未评分，不计分"
    words = f"{scored_month}评定{float(points):g}分"
    return f"{words}：{note}" if isinstance(note, str) and note else words


def star_view(
    *,
    session: Session,
    actor: Actor,
    month: str,
    period: str = MONTHLY,
    org_ids: tuple[int, ...] = (),
    today: date | None = None,
) -> StarView:
    """The star rating of the period of M for the 党支部 in the actor's scope (ranked among all)."""
    months.parse(month)
    scope = readable_scope(session=session, actor=actor, org_ids=org_ids)
    today = star_sources.settled([period_end(month, period)], today or clock.today())
    return star_view_of(session=session, scope=scope, month=month, period=period, today=today)


@remembered(kept=True)
def star_view_of(
    *, session: Session, scope: Scope, month: str, today: date, period: str = MONTHLY
) -> StarView:
    """The star rating of the period of M for the 党支部 in ``scope`` (ranked among all); kept
    (data_layer/store/kept.py)."""
    if period not in PERIODS:
        raise ValueError(period)
    end = period_end(month, period)
    visible = set(branches(session=session, scope=scope, month=end)["branch_id"])
    earlier = previous_end(end, period)
    by_month = scores_at(session=session, at=(end, earlier), today=today)
    now, before = by_month[end], by_month[earlier]
    shown = now["branches"][now["branches"]["branch_id"].isin(visible)]
    shown = shown.sort_values(
        ["score", "branch"], ascending=[False, True], na_position="last", ignore_index=True
    )
    previous = before["branches"][before["branches"]["branch_id"].isin(visible)]
    scored = shown["score"].dropna()
    year = months.year_of(end)
    reason = None if not now["indicators"].empty else f"{year}年度尚未制定对标方案"
    average = Figure(
        float(scored.mean()) if len(scored) else None,
        float(previous["score"].dropna().mean()) if previous["score"].notna().any() else None,
        reason or (None if len(scored) else "所选范围内没有可计分的党支部"),
    )
    share = five_star_share(session=session)
    visible_names = set(shown["branch"])
    total = int(now["branches"]["score"].notna().sum())
    return StarView(
        month=month,
        period=period,
        end=end,
        label=period_label(end, period),
        indicators=now["indicators"],
        branches=shown[BRANCH_COLUMNS].reset_index(drop=True),
        scored=now,
        average=average,
        five_star_share=share,
        five_star_quota=None if share is None else math.floor(total * share),
        held_to_four=tuple(name for name in now["held"] if name in visible_names),
        reason=reason,
    )
