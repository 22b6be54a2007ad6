"""The 党建+安全生产 page and 通报: a scope's safety and production figures at M with 环比, each 党支部
placed by its 对标 score (党建) and its 生产计划完成率 (生产) in one of four quadrants, the year's trend of
how the two go together across 党支部, and one 党支部's months (docs/metrics.md, 党建+安全生产).

A quadrant: 党建强 when the 对标 score of M is at least the 四星 line (rules.STAR_THRESHOLDS), 生产强 when
生产计划完成率 is at least 100 %. A 党支部 without a score or without production indicators is in none.
The trend's correlation is Pearson's r over the 党支部 with both figures in a month (none under
``MIN_BRANCHES``): how the two go together, not that one causes the other.
"""

import dataclasses
from dataclasses import dataclass
from datetime import date

import pandas as pd
from sqlmodel import Session

from data_layer import clock, months
from data_layer.auth import Actor, Scope, readable_scope
from data_layer.errors import Refused
from data_layer.metrics import safety
from data_layer.metrics.common import Figure
from data_layer.metrics.stars import own_scores
from data_layer.models import Organisation
from data_layer.rules import STAR_THRESHOLDS
from data_layer.store import remembered
from data_layer.vocab import OrgKind

STRONG_SCORE = dict(STAR_THRESHOLDS)[4]
STRONG_PRODUCTION = 1.0
MIN_BRANCHES = 3
QUICK_TREND_BRANCHES = 50  # the year's trend of a scope this small is computed without asking
STRONG_BOTH, PARTY_ONLY, PRODUCTION_ONLY, WEAK_BOTH = (
    "党建强·生产强",
    "党建强·生产弱",
    "党建弱·生产强",
    "党建弱·生产弱",
)
QUADRANTS = (STRONG_BOTH, PARTY_ONLY, PRODUCTION_ONLY, WEAK_BOTH)
TREND_COLUMNS = ["month", "production_branches", "production_r", "safety_branches", "safety_r"]
MONTH_COLUMNS = [
    "month",
    "production_rate",
    "score",
    *safety.SAFETY_FIELDS,
    "members",
    "others",
    "member_violation_rate",
    "other_violation_rate",
    "safety_state",
]


def quadrant(score: float | None, production_rate: float | None) -> str | None:
    if score is None or production_rate is None or pd.isna(score) or pd.isna(production_rate):
        return None
    party = round(score, 9) >= STRONG_SCORE
    production = round(production_rate, 9) >= STRONG_PRODUCTION
    if party:
        return STRONG_BOTH if production else PARTY_ONLY
    return PRODUCTION_ONLY if production else WEAK_BOTH


@dataclass(frozen=True)
class Correlation:
    """How the 对标 score goes together with 生产计划完成率 and with 三违 across 党支部 in a month."""

    month: str
    production_branches: int
    production_r: float | None
    safety_branches: int
    safety_r: float | None


@dataclass(frozen=True)
class SafetyView:
    month: str
    production_rate: Figure
    member_violation_rate: Figure
    other_violation_rate: Figure
    member_hazard_share: Figure
    hazard_closure: Figure
    post_clean_rate: Figure
    zone_clean_rate: Figure
    totals: safety.Totals
    by_branch: pd.DataFrame  # safety.BRANCH_COLUMNS + score, quadrant, in tree order
    correlation: Correlation  # at M

    @property
    def has_branches(self) -> bool:
        return not self.by_branch.empty

    def quadrant_counts(self) -> pd.DataFrame:
        counts = self.by_branch["quadrant"].value_counts()
        return pd.DataFrame(
            {"quadrant": QUADRANTS, "count": [int(counts.get(name, 0)) for name in QUADRANTS]}
        )

    def to_talk_about(self) -> pd.DataFrame:
        """The 党支部 a meeting should discuss: an accident, or 党建 and 生产 pulling apart."""
        frame = self.by_branch
        wanted = (frame["safety_state"] == safety.ACCIDENT) | frame["quadrant"].isin(
            (PARTY_ONLY, PRODUCTION_ONLY)
        )
        return frame[wanted].reset_index(drop=True)


def _scores(session: Session, scope: Scope, at: tuple[str, ...], today: date) -> dict[str, pd.Series]:
    """Each month of ``at``'s 对标 score per 党支部 in scope (M with M−1, as the overview and 对标评星 ask,
    so that the whole tree's answer is shared)."""
    return own_scores(session=session, scope=scope, at=at, today=today)


def _year(month: str) -> tuple[str, ...]:
    return tuple(months.span(months.first_of_year(month), month))


def _correlation(left: pd.Series, right: pd.Series) -> tuple[int, float | None]:
    pairs = pd.concat([left.astype(float), right.astype(float)], axis=1).dropna()
    n = len(pairs)
    if n < MIN_BRANCHES or pairs.iloc[:, 0].std() == 0 or pairs.iloc[:, 1].std() == 0:
        return n, None
    return n, float(pairs.iloc[:, 0].corr(pairs.iloc[:, 1]))


def _correlation_at(month: str, figures: pd.DataFrame, scores: pd.Series) -> Correlation:
    """``figures``: safety.branch_figures of ``month``; ``scores``: that month's by branch id."""
    figures = figures.set_index("branch_id")
    score = figures.index.to_series().map(scores)
    violations = pd.Series(
        [
            safety.per_thousand(m + o, workforce) if found else None
            for m, o, workforce, found in zip(
                figures["violations_members"],
                figures["violations_others"],
                figures["workforce"],
                figures["has_record"],
                strict=True,
            )
        ],
        index=figures.index,
        dtype=object,
    )
    return Correlation(
        month, *_correlation(score, figures["production_rate"]), *_correlation(score, violations)
    )


def safety_trend(
    *, session: Session, actor: Actor, month: str, org_ids: tuple[int, ...] = (), today: date | None = None
) -> pd.DataFrame:
    """TREND_COLUMNS for each month of M's year through M. Scores every month: for a scope of more than
    ``QUICK_TREND_BRANCHES`` 党支部 it takes long cold (the group: about a minute), so pages ask for it."""
    months.parse(month)
    today = today or clock.today()
    scope = readable_scope(session=session, actor=actor, org_ids=org_ids)
    scores = _scores(session, scope, _year(month), today)
    rows = [
        _correlation_at(at, safety.branch_figures(session=session, scope=scope, month=at), scores[at])
        for at in _year(month)
    ]
    return pd.DataFrame([dataclasses.astuple(row) for row in rows], columns=TREND_COLUMNS)


def safety_view(
    *,
    session: Session,
    actor: Actor,
    month: str,
    org_ids: tuple[int, ...] = (),
    today: date | None = None,
) -> SafetyView:
    """党建+安全生产 at M for the actor's scope (or the organisations asked for), with M's correlation
    (the year's trend is ``safety_trend``)."""
    months.parse(month)
    scope = readable_scope(session=session, actor=actor, org_ids=org_ids)
    return safety_view_of(session=session, scope=scope, month=month, today=today or clock.today())


@remembered(kept=True)
def safety_view_of(*, session: Session, scope: Scope, month: str, today: date) -> SafetyView:
    """党建+安全生产 at M for ``scope``; kept (data_layer/store/kept.py): the slowest page to compute cold."""
    figures = safety.branch_figures(session=session, scope=scope, month=month).copy()  # remembered: not ours
    now = safety.totals(figures)
    before = safety.totals(safety.branch_figures(session=session, scope=scope, month=months.previous(month)))
    scores = _scores(session, scope, (month, months.previous(month)), today)[month]
    correlation = _correlation_at(month, figures, scores)
    figures["score"] = figures["branch_id"].map(scores)
    figures["score"] = safety.optional(
        [None if pd.isna(score) else float(score) for score in figures["score"]], figures.index
    )
    figures["quadrant"] = safety.optional(
        [
            quadrant(score, rate)
            for score, rate in zip(figures["score"], figures["production_rate"], strict=True)
        ],
        figures.index,
    )

    def figure(name: str, reason: str = safety.NO_RECORDS) -> Figure:
        return safety.figure(now, before, name, reason)

    return SafetyView(
        month=month,
        production_rate=figure("production_rate", safety.NO_PRODUCTION),
        member_violation_rate=figure("member_violation_rate"),
        other_violation_rate=figure("other_violation_rate"),
        member_hazard_share=figure("member_hazard_share"),
        hazard_closure=figure("hazard_closure"),
        post_clean_rate=figure("post_clean_rate", safety.NO_POSTS),
        zone_clean_rate=figure("zone_clean_rate", safety.NO_ZONES),
        totals=now,
        by_branch=figures,
        correlation=correlation,
    )


@dataclass(frozen=True)
class BranchMonths:
    """One 党支部's months of the year through M, and its 党员先锋岗 / 党员责任区 at M."""

    branch_id: int
    branch: str
    unit: str | None
    months: pd.DataFrame  # MONTH_COLUMNS
    production: pd.DataFrame  # safety.PRODUCTION_COLUMNS at M
    posts: pd.DataFrame  # safety.POST_COLUMNS at M


def branch_months(
    *, session: Session, actor: Actor, branch_id: int, month: str, today: date | None = None
) -> BranchMonths:
    """The drill-down from one 党支部 (refused outside the actor's scope)."""
    months.parse(month)
    today = today or clock.today()
    branch = session.get(Organisation, branch_id)
    if branch is None or branch.kind != OrgKind.BRANCH:
        raise Refused("请选择一个党支部", field="党支部")
    scope = readable_scope(session=session, actor=actor, org_ids=(branch_id,))
    rows = []
    scores = _scores(session, scope, _year(month), today)
    for at in _year(month):
        figures = safety.branch_figures(session=session, scope=scope, month=at)
        one = figures[figures["branch_id"] == branch_id]
        if one.empty:
            continue
        row = one.iloc[0]
        score = scores[at].get(branch_id)
        rows.append(
            {"month": at, "score": None if score is None or pd.isna(score) else float(score)}
            | {name: row[name] for name in MONTH_COLUMNS if name not in ("month", "score")}
        )
    return BranchMonths(
        branch_id=branch_id,
        branch=branch.name,
        unit=branch.unit,
        months=pd.DataFrame(rows, columns=MONTH_COLUMNS),
        production=safety.production_rows(session=session, scope=scope, month=month),
        posts=safety.pioneer_rows(session=session, scope=scope, month=month),
    )
