"""帮扶结对: pairings in force at M, how many were visited in M, and those not visited for N months.

In force at M: active, started_month ≤ M, not ended before M (ended_month empty or ≥ M), of an active
党支部 in scope. Visited in M: its visits in M are more than 0. Its last visit: the latest month ≤ M with
visits > 0. idle_months: the months running through M without a visit — M − last visit (2026-03 after a
visit in 2025-12 → 3; visited in M → 0), or, never visited, the months from its start through M
(started 2026-01 → 3). Flagged 超期未走访 when idle_months ≥ N (setting "pairing_idle_months", default
``rules.PAIRING_IDLE_MONTHS``). 走访率 = visited ÷ pairs, added up over 党支部.
"""

from dataclasses import dataclass

import pandas as pd
from sqlalchemy import and_, case, func, literal, or_
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from data_layer import months, orgs, rules
from data_layer.auth import Actor, Scope, readable_scope
from data_layer.metrics.common import (
    Figure,
    branches,
    counted_branches,
    frame_of,
    month_index,
    optional_ratios,
    ratio,
)
from data_layer.models import Member, Organisation, Pairing, PairVisit
from data_layer.store import remembered, select_columns, settings

SUM_COLUMNS = ["pairs", "visited", "idle"]
BRANCH_COLUMNS = ["branch_id", "branch", "pairs", "visited", "visit_rate", "idle"]
PAIR_COLUMNS = [
    "pairing_id",
    "branch_id",
    "branch",
    "kind",
    "helper",
    "helper_no",
    "target",
    "started_month",
    "ended_month",
    "month_visits",
    "last_visit",
    "idle_months",
]
NO_PAIRS = "本月没有在帮扶期内的结对"


@remembered
def idle_threshold(*, session: Session) -> int:
    """N: a pairing not visited for this many months running is flagged (setting or rule)."""
    value = settings.get(session=session, key="pairing_idle_months")
    try:
        return max(1, int(value)) if value else rules.PAIRING_IDLE_MONTHS
    except ValueError:
        return rules.PAIRING_IDLE_MONTHS


def _per_pairing(scope: Scope, month: str):
    """One row per pairing in force at M: its visits in M, its last visit through M, idle_months."""
    visited = col(PairVisit.visits) > 0
    last_visit = func.max(case((and_(visited, col(PairVisit.month) <= month), PairVisit.month)))
    since = func.coalesce(month_index(last_visit), month_index(Pairing.started_month) - 1)
    return (
        select_columns(
            col(Pairing.id).label("pairing_id"),
            col(Pairing.branch_id).label("branch_id"),
            func.coalesce(func.sum(case((col(PairVisit.month) == month, PairVisit.visits))), 0).label(
                "month_visits"
            ),
            last_visit.label("last_visit"),
            (month_index(literal(month)) - since).label("idle_months"),
        )
        .outerjoin(PairVisit, and_(col(PairVisit.pairing_id) == Pairing.id, col(PairVisit.month) <= month))
        .where(
            col(Pairing.branch_id).in_(counted_branches(scope)),
            Pairing.active,
            Pairing.started_month <= month,
            or_(col(Pairing.ended_month).is_(None), col(Pairing.ended_month) >= month),
        )
        .group_by(col(Pairing.id), col(Pairing.branch_id), Pairing.started_month)
        .subquery()
    )


@remembered
def branch_sums(*, session: Session, scope: Scope, month: str, idle_months: int) -> pd.DataFrame:
    """Per 党支部 with pairings in force at M: pairs, visited in M, idle ≥ ``idle_months``."""
    rows = _per_pairing(scope, month)
    found = session.exec(
        select(
            rows.c.branch_id,
            func.count(rows.c.pairing_id),
            func.sum(case((rows.c.month_visits > 0, 1), else_=0)),
            func.sum(case((rows.c.idle_months >= idle_months, 1), else_=0)),
        ).group_by(rows.c.branch_id)
    ).all()
    return frame_of(found, ["branch_id", *SUM_COLUMNS]).astype(
        dict.fromkeys(["branch_id", *SUM_COLUMNS], int)
    )


@remembered
def pair_list(*, session: Session, scope: Scope, month: str) -> pd.DataFrame:
    """Every pairing in force at M with its visits in M, last visit and idle months, by 党支部 and id."""
    rows = _per_pairing(scope, month)
    helper = aliased(Member)
    stmt = (
        select_columns(
            rows.c.pairing_id,
            rows.c.branch_id,
            Organisation.name,
            Pairing.kind,
            helper.name,
            helper.member_no,
            Pairing.target,
            Pairing.started_month,
            Pairing.ended_month,
            rows.c.month_visits,
            rows.c.last_visit,
            rows.c.idle_months,
        )
        .join(Pairing, Pairing.id == rows.c.pairing_id)
        .join(Organisation, Organisation.id == rows.c.branch_id)
        .outerjoin(helper, col(helper.id) == Pairing.helper_member_id)
    )
    frame = frame_of(session.exec(stmt).all(), PAIR_COLUMNS)
    position = orgs.tree_positions(session=session)
    frame = frame.assign(position=frame["branch_id"].map(position)).sort_values(["position", "pairing_id"])
    return (
        frame.drop(columns="position")
        .astype({"month_visits": int, "idle_months": int})
        .reset_index(drop=True)
    )


@dataclass(frozen=True)
class PairsView:
    """The 帮扶结对 page and the 通报: pairs at M, 走访率 with 环比, idle pairings, per 党支部."""

    month: str
    idle_months: int  # N
    pairs: int
    visited: int
    visit_rate: Figure
    by_branch: pd.DataFrame  # BRANCH_COLUMNS, every active 党支部 in scope in tree order
    pair_list: pd.DataFrame  # PAIR_COLUMNS
    idle: pd.DataFrame  # PAIR_COLUMNS, idle_months ≥ N, longest idle first

    @property
    def has_branches(self) -> bool:
        return not self.by_branch.empty


def pairs_view(*, session: Session, actor: Actor, month: str, org_ids: tuple[int, ...] = ()) -> PairsView:
    """帮扶结对 at M for the actor's scope (or the organisations asked for)."""
    months.parse(month)
    return pairs_view_of(
        session=session, scope=readable_scope(session=session, actor=actor, org_ids=org_ids), month=month
    )


def pairs_view_of(*, session: Session, scope: Scope, month: str) -> PairsView:
    """帮扶结对 at M for ``scope``."""
    threshold = idle_threshold(session=session)
    now = branch_sums(session=session, scope=scope, month=month, idle_months=threshold)
    before = branch_sums(session=session, scope=scope, month=months.previous(month), idle_months=threshold)
    branch_list = branches(session=session, scope=scope, month=month)
    frame = branch_list[["branch_id", "branch"]].merge(now, on="branch_id", how="left")
    frame[SUM_COLUMNS] = frame[SUM_COLUMNS].fillna(0).astype(int)
    frame["visit_rate"] = optional_ratios(frame["visited"], frame["pairs"])
    pairs, visited = int(now["pairs"].sum()), int(now["visited"].sum())
    previous = ratio(int(before["visited"].sum()), int(before["pairs"].sum()))
    listed = pair_list(session=session, scope=scope, month=month)
    idle = listed[listed["idle_months"] >= threshold].sort_values(
        ["idle_months", "pairing_id"], ascending=[False, True], ignore_index=True
    )
    return PairsView(
        month=month,
        idle_months=threshold,
        pairs=pairs,
        visited=visited,
        visit_rate=Figure(ratio(visited, pairs), previous, None if pairs else NO_PAIRS),
        by_branch=frame[BRANCH_COLUMNS],
        pair_list=listed,
        idle=idle,
    )
