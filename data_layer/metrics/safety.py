"""党建+安全生产: each 党支部's business unit's month — production against plan, safety, and the 党员先锋岗 /
党员责任区 its members hold — and the scope's figures made of them (docs/metrics.md, 党建+安全生产).

Per 党支部 at M:
- 生产计划完成率: the mean, over the unit's indicators of M's year with a figure at M and a plan above 0, of
  actual ÷ plan (a unit's indicators have different measures, so they are not added). A unit without
  indicators (机关) has none.
- 三违 per thousand: the unit's party members' 三违 ÷ its party members (the 党支部's members counted at M,
  ``membership``) × 1000; the others' 三违 ÷ (在册职工 − party members) × 1000.
- 安全状况: 事故 when the month had an accident (injury or not), 三违 when it had a 三违, else 无事故无三违;
  none without a safety record for M.
A scope's rates add numerators and denominators over its 党支部 with a record (never an average of
rates), except 生产计划完成率, which is the mean of its 党支部' rates (their measures differ).
党员身边无三违率: of the 党员先锋岗 held at M and checked, the share free of 三违; 党员责任区无事故率: of the
党员责任区 held at M and checked, the share free of 事故.
"""

from dataclasses import dataclass

import numpy as np
import pandas as pd
from sqlalchemy import and_, func, or_
from sqlmodel import Session, col

from data_layer import months
from data_layer.auth import Scope
from data_layer.metrics import membership
from data_layer.metrics.common import (
    Figure,
    branches,
    counted_branches,
    frame_of,
    in_tree_order,
    optional_ratios,
    ratio,
    ratios,
)
from data_layer.models import (
    Member,
    Organisation,
    PioneerCheck,
    PioneerPost,
    ProductionFigure,
    ProductionIndicator,
    SafetyRecord,
)
from data_layer.store import remembered, select_columns
from data_layer.vocab import PioneerKind

PER_THOUSAND = 1000
ACCIDENT, VIOLATION, SAFE = "事故", "三违", "无事故无三违"

PRODUCTION_COLUMNS = [
    "branch_id",
    "indicator_id",
    "indicator",
    "measure",
    "sort_order",
    "plan",
    "actual",
    "rate",
]
SAFETY_FIELDS = [
    "workforce",
    "hazards_found",
    "hazards_closed",
    "hazards_by_members",
    "violations_members",
    "violations_others",
    "injury_accidents",
    "other_accidents",
    "safe_days",
]
SAFETY_COLUMNS = ["branch_id", *SAFETY_FIELDS, "members"]
POST_COLUMNS = [
    "branch_id",
    "post_id",
    "kind",
    "name",
    "holder",
    "started_month",
    "ended_month",
    "checked",
    "violation_free",
    "accident_free",
    "note",
    "check_version",
]
BRANCH_COLUMNS = [
    "branch_id",
    "branch",
    "unit",
    "unit_kind",
    "production_rate",
    "has_record",
    *SAFETY_FIELDS,
    "members",
    "others",
    "member_violation_rate",
    "other_violation_rate",
    "member_hazard_share",
    "safety_state",
    "posts",
    "posts_clean",
    "zones",
    "zones_clean",
]
NO_RECORDS = "本月尚无安全月报"
NO_PRODUCTION = "本月尚无生产计划数据"
NO_POSTS = "本月尚无先锋岗检查"
NO_ZONES = "本月尚无责任区检查"


PRODUCTION_ORDER = in_tree_order("sort_order", "indicator_id")


@remembered(by_branch=PRODUCTION_ORDER)
def production_rows(*, session: Session, scope: Scope, month: str) -> pd.DataFrame:
    """The indicators of M's year with a figure at M, per 党支部 in scope: plan, actual and their ratio
    (None where the plan is 0)."""
    stmt = (
        select_columns(
            ProductionIndicator.branch_id,
            ProductionIndicator.id,
            ProductionIndicator.name,
            ProductionIndicator.measure,
            ProductionIndicator.sort_order,
            ProductionFigure.plan,
            ProductionFigure.actual,
        )
        .join(ProductionFigure, col(ProductionFigure.indicator_id) == ProductionIndicator.id)
        .where(
            col(ProductionIndicator.branch_id).in_(counted_branches(scope)),
            col(ProductionIndicator.year) == months.year_of(month),
            col(ProductionIndicator.active),
            col(ProductionFigure.month) == month,
        )
    )
    frame = frame_of(session.exec(stmt).all(), PRODUCTION_COLUMNS[:-1])
    frame[["plan", "actual"]] = frame[["plan", "actual"]].astype(float)
    frame["rate"] = [ratio(actual, plan) for actual, plan in zip(frame["actual"], frame["plan"], strict=True)]
    return PRODUCTION_ORDER(frame[PRODUCTION_COLUMNS], session)


def _members_by_branch(session: Session, scope: Scope, month: str) -> dict[int, int]:
    at = membership.branch_at(month)
    rows = session.exec(
        select_columns(at, func.count(col(Member.id)))
        .where(membership.present(month), at.in_(counted_branches(scope)))
        .group_by(at)
    ).all()
    return {int(branch_id): int(count) for branch_id, count in rows}


IN_TREE_ORDER = in_tree_order()


@remembered(by_branch=IN_TREE_ORDER)
def safety_rows(*, session: Session, scope: Scope, month: str) -> pd.DataFrame:
    """The safety record of M of each 党支部 in scope that has one, with its party members counted at M."""
    stmt = select_columns(
        SafetyRecord.branch_id, *(getattr(SafetyRecord, name) for name in SAFETY_FIELDS)
    ).where(col(SafetyRecord.branch_id).in_(counted_branches(scope)), col(SafetyRecord.month) == month)
    frame = frame_of(session.exec(stmt).all(), SAFETY_COLUMNS[:-1])
    frame = frame.astype(dict.fromkeys(SAFETY_COLUMNS[:-1], int))
    members = _members_by_branch(session, scope, month) if not frame.empty else {}
    frame["members"] = frame["branch_id"].map(members).fillna(0).astype(int)
    return IN_TREE_ORDER(frame[SAFETY_COLUMNS], session)


def _held_at(month: str):
    return and_(
        col(PioneerPost.active),
        col(PioneerPost.started_month) <= month,
        or_(col(PioneerPost.ended_month).is_(None), col(PioneerPost.ended_month) >= month),
    )


POST_ORDER = in_tree_order("kind", "name")


@remembered(by_branch=POST_ORDER)
def pioneer_rows(*, session: Session, scope: Scope, month: str) -> pd.DataFrame:
    """The 党员先锋岗 and 党员责任区 held at M in scope, each with its check of M (``checked`` False: none)."""
    stmt = (
        select_columns(
            PioneerPost.branch_id,
            PioneerPost.id,
            PioneerPost.kind,
            PioneerPost.name,
            Member.name,
            PioneerPost.started_month,
            PioneerPost.ended_month,
            PioneerCheck.id,
            PioneerCheck.violation_free,
            PioneerCheck.accident_free,
            PioneerCheck.note,
            PioneerCheck.version,
        )
        .join(Member, col(Member.id) == PioneerPost.member_id)
        .outerjoin(
            PioneerCheck, and_(col(PioneerCheck.post_id) == PioneerPost.id, col(PioneerCheck.month) == month)
        )
        .where(col(PioneerPost.branch_id).in_(counted_branches(scope)), _held_at(month))
    )
    frame = frame_of(session.exec(stmt).all(), POST_COLUMNS)
    frame["checked"] = frame["checked"].notna()
    for name in ("violation_free", "accident_free"):
        frame[name] = frame[name].astype(object).where(frame["checked"], None)
    frame["check_version"] = [None if pd.isna(value) else int(value) for value in frame["check_version"]]
    return POST_ORDER(frame, session)


@remembered
def units(*, session: Session) -> pd.DataFrame:
    """Each 党支部's business unit (区队/科室) and its kind, where set."""
    rows = session.exec(
        select_columns(Organisation.id, Organisation.unit, Organisation.unit_kind).where(
            col(Organisation.unit).is_not(None)
        )
    ).all()
    return frame_of(rows, ["branch_id", "unit", "unit_kind"])


def per_thousand(count: float, people: float) -> float | None:
    """``count`` per thousand ``people`` (None without people)."""
    rate = ratio(count, people)
    return None if rate is None else rate * PER_THOUSAND


def optional(values: list, index: pd.Index) -> pd.Series:
    """A column with None where a value is missing (pandas would make it NaN, which no one can read as "none")."""
    return pd.Series(values, index=index, dtype=object)


def _states(frame: pd.DataFrame) -> pd.Series:
    """事故 if any accident, else 三违 if any violation, else 安全; None without a record."""
    state = np.select(
        [
            (frame["injury_accidents"] > 0) | (frame["other_accidents"] > 0),
            (frame["violations_members"] > 0) | (frame["violations_others"] > 0),
        ],
        [ACCIDENT, VIOLATION],
        SAFE,
    ).astype(object)
    state[~frame["has_record"].to_numpy(dtype=bool)] = None
    return pd.Series(state, index=frame.index, dtype=object)


@remembered(by_branch=IN_TREE_ORDER)
def branch_figures(*, session: Session, scope: Scope, month: str) -> pd.DataFrame:
    """Every active 党支部 in scope in tree order with its unit and its month (BRANCH_COLUMNS); figures
    are None (counts 0) where the month has no record. Each row from the 党支部's own rows: after a save,
    only the saving 党支部's row is computed again."""
    frame = branches(session=session, scope=scope, month=month)[["branch_id", "branch"]]
    frame = frame.merge(units(session=session), on="branch_id", how="left")
    rates = production_rows(session=session, scope=scope, month=month).groupby("branch_id")["rate"]
    frame["production_rate"] = frame["branch_id"].map(rates.mean())
    safety = safety_rows(session=session, scope=scope, month=month)
    frame = frame.merge(safety, on="branch_id", how="left", indicator="_found")
    frame["has_record"] = frame.pop("_found") == "both"
    frame[[*SAFETY_FIELDS, "members"]] = frame[[*SAFETY_FIELDS, "members"]].fillna(0).astype(int)
    frame["others"] = (frame["workforce"] - frame["members"]).clip(lower=0)
    for name, count, people in (
        ("member_violation_rate", "violations_members", "members"),
        ("other_violation_rate", "violations_others", "others"),
    ):
        rate = ratios(frame[count], frame[people]) * PER_THOUSAND  # ``per_thousand`` column-wise
        frame[name] = rate.astype(object).where(rate.notna() & frame["has_record"], None)
    frame["member_hazard_share"] = optional_ratios(frame["hazards_by_members"], frame["hazards_found"])
    frame["safety_state"] = _states(frame)
    posts = pioneer_rows(session=session, scope=scope, month=month)
    checked = posts[posts["checked"]]
    for kind, count, clean, flag in (
        (PioneerKind.POST, "posts", "posts_clean", "violation_free"),
        (PioneerKind.ZONE, "zones", "zones_clean", "accident_free"),
    ):
        of_kind = checked[checked["kind"] == kind]
        frame[count] = frame["branch_id"].map(of_kind.groupby("branch_id").size()).fillna(0).astype(int)
        kept = of_kind[of_kind[flag].astype(bool)]
        frame[clean] = frame["branch_id"].map(kept.groupby("branch_id").size()).fillna(0).astype(int)
    rate = frame["production_rate"].astype(float)
    frame["production_rate"] = rate.astype(object).where(rate.notna(), None)
    return frame[BRANCH_COLUMNS]


@dataclass(frozen=True)
class Totals:
    """A scope's safety and production figures at one month (from ``branch_figures``)."""

    records: int  # 党支部 with a safety record
    production_rate: float | None
    member_violation_rate: float | None
    other_violation_rate: float | None
    member_hazard_share: float | None
    hazard_closure: float | None
    post_clean_rate: float | None
    zone_clean_rate: float | None
    violations_members: int
    violations_others: int
    injury_accidents: int
    other_accidents: int
    hazards_found: int


def totals(figures: pd.DataFrame) -> Totals:
    with_record = figures[figures["has_record"]]
    rates = figures["production_rate"].dropna()

    def summed(name: str) -> int:
        return int(with_record[name].sum())

    return Totals(
        records=len(with_record),
        production_rate=float(rates.astype(float).mean()) if len(rates) else None,
        member_violation_rate=per_thousand(summed("violations_members"), summed("members")),
        other_violation_rate=per_thousand(summed("violations_others"), summed("others")),
        member_hazard_share=ratio(summed("hazards_by_members"), summed("hazards_found")),
        hazard_closure=ratio(summed("hazards_closed"), summed("hazards_found")),
        post_clean_rate=ratio(int(figures["posts_clean"].sum()), int(figures["posts"].sum())),
        zone_clean_rate=ratio(int(figures["zones_clean"].sum()), int(figures["zones"].sum())),
        violations_members=summed("violations_members"),
        violations_others=summed("violations_others"),
        injury_accidents=summed("injury_accidents"),
        other_accidents=summed("other_accidents"),
        hazards_found=summed("hazards_found"),
    )


def figure(now: Totals, before: Totals, name: str, reason: str) -> Figure:
    """One of the totals at M with M−1's for 环比, or the reason it is missing."""
    value = getattr(now, name)
    return Figure(value, getattr(before, name), None if value is not None else reason)
