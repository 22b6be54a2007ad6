"""三会一课: meetings held against required per 党支部, for the month and its quarter through M.

Meetings are counted in SQL by branch and kind; the requirements follow ``rules`` (党小组会: one per
active 党小组 a month, and each 党小组 counts once a month however often it met). Compliance = Σ min(held, required) ÷ Σ required: extra meetings never hide a missing kind.
"""

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy import case, func
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from data_layer import months, rules
from data_layer.auth import Actor, Scope, readable_scope
from data_layer.errors import Refused
from data_layer.metrics.common import (
    Figure,
    branches,
    counted_branches,
    frame_of,
    in_tree_order,
    ratio,
    ratios,
)
from data_layer.models import Meeting, Organisation
from data_layer.rules import MONTHLY, QUORUM_SHARE, meeting_frequency
from data_layer.store import remembered, select_columns, settings
from data_layer.vocab import MeetingKind, OrgKind

# In the order of the screens: the monthly kinds first, then the quarterly ones.
KINDS = [MeetingKind.COMMITTEE, MeetingKind.GROUP, MeetingKind.THEME_DAY]
KINDS += [MeetingKind.CONGRESS, MeetingKind.LECTURE]
MONTH, QUARTER = "month", "quarter"
KIND_COLUMNS = ["branch_id", "branch", "kind", "period", "frequency", "required", "held", "counted", "status"]
SUM_COLUMNS = [
    f"{period}_{sum_}" for period in (MONTH, QUARTER) for sum_ in ("meetings", "expected", "actual")
]
MEETING_COLUMNS = ["held_on", "kind", "topic", "expected", "actual"]
_MEETING_FIELDS = (
    Meeting.held_on,
    Meeting.kind,
    Meeting.topic,
    Meeting.expected_attendance,
    Meeting.actual_attendance,
)


class MeetingStatus(StrEnum):
    """How a branch stands with one kind of meeting in one period."""

    DONE = "已完成"
    MISSING = "未完成"
    PENDING = "本季度待开"  # a quarterly kind not yet held while the quarter is not over
    QUARTERLY = "按季度考核"  # a quarterly kind in the month view: judged over the quarter
    NOT_REQUIRED = "无需召开"  # 党小组会 of a 党支部 without active 党小组


@dataclass(frozen=True)
class Quarter:
    """The quarter of M through M: "2026年第一季度", "1—3月", "2026Q1" (for file names), its months."""

    label: str
    span: str
    code: str
    months: tuple[str, ...]
    over: bool  # M is the quarter's last month


def quarter_of(month: str) -> Quarter:
    year, number = months.parse(month)
    index = (number - 1) // 3
    first = index * 3 + 1
    return Quarter(
        label=f"{year}年第{'一二三四'[index]}季度",
        span=f"{first}—{number}月" if number > first else f"{number}月",
        code=f"{year}Q{index + 1}",
        months=tuple(months.span(months.make(year, first), month)),
        over=number % 3 == 0,
    )


def _below_quorum_sql():
    """actual ≤ expected × QUORUM_SHARE, in whole numbers so both databases agree exactly."""
    return Meeting.actual_attendance * QUORUM_SHARE.denominator <= (
        Meeting.expected_attendance * QUORUM_SHARE.numerator
    )


def _in_scope(scope: Scope, first: str, last: str):
    return (
        Organisation.kind == OrgKind.BRANCH,
        Organisation.active,
        scope.covers(Organisation.path),
        col(Meeting.branch_id).in_(
            counted_branches(scope)
        ),  # one 党支部's meetings by ix_meeting_branch_month
        Meeting.month >= first,
        Meeting.month <= last,
    )


def _status(grid: pd.DataFrame, quarter: Quarter) -> pd.Series:
    """Each row's MeetingStatus: nothing required (按季度考核 for a quarterly kind in the month view, else
    无需召开), 已完成 once held ≥ required, 本季度待开 for a quarterly kind before the quarter is over, else
    未完成."""
    quarterly = grid["frequency"] != MONTHLY
    none_required = grid["required"] == 0
    status = np.select(
        [
            none_required & quarterly,
            none_required,
            grid["held"] >= grid["required"],
            quarterly & (not quarter.over),
        ],
        [MeetingStatus.QUARTERLY, MeetingStatus.NOT_REQUIRED, MeetingStatus.DONE, MeetingStatus.PENDING],
        default=MeetingStatus.MISSING,
    )
    return pd.Series(status, index=grid.index, dtype=object)


def _required(grid: pd.DataFrame, groups: pd.Series, quarter: Quarter) -> pd.Series:
    """Meetings required of each branch × kind × period row: a monthly kind once a month (党小组会 once per
    active 党小组), a quarterly kind once in the quarter and never in the month view."""
    per_month = groups.where(grid["kind"] == MeetingKind.GROUP, 1)
    months_in = grid["period"].map({MONTH: 1, QUARTER: len(quarter.months)})
    quarterly = (grid["period"] == QUARTER).astype(int)
    return (per_month * months_in).where(grid["frequency"] == MONTHLY, quarterly)


def _sums_by_kind(scope: Scope, month: str, quarter: Quarter):
    """Per branch and kind: meetings and attendance in M and in the quarter (SUM_COLUMNS), then what is
    held against the requirement in M and in the quarter.

    Held counts a 党小组 once a month however often it met, so that one 党小组 meeting three times never
    stands for three 党小组 (a branch meets 党小组会 only when each of its 党小组 met); a meeting with no
    党小组 (every other kind, and 党小组会 recorded before meetings had one) counts once each.
    """
    per_month = (
        select_columns(
            Meeting.branch_id,
            Meeting.kind,
            Meeting.month,
            Meeting.group_id,
            func.count(col(Meeting.id)).label("meetings"),
            func.sum(Meeting.expected_attendance).label("expected"),
            func.sum(Meeting.actual_attendance).label("actual"),
        )
        .join(Organisation, col(Organisation.id) == Meeting.branch_id)
        .where(*_in_scope(scope, quarter.months[0], month))
        .group_by(col(Meeting.branch_id), Meeting.kind, Meeting.month, col(Meeting.group_id))
        .subquery()
    )
    in_month = per_month.c.month == month
    held = case((per_month.c.group_id.is_(None), per_month.c.meetings), else_=1)
    return select_columns(
        per_month.c.branch_id,
        per_month.c.kind,
        func.sum(case((in_month, per_month.c.meetings), else_=0)),
        func.sum(case((in_month, per_month.c.expected), else_=0)),
        func.sum(case((in_month, per_month.c.actual), else_=0)),
        func.sum(per_month.c.meetings),
        func.sum(per_month.c.expected),
        func.sum(per_month.c.actual),
        func.sum(case((in_month, held), else_=0)),
        func.sum(held),
    ).group_by(per_month.c.branch_id, per_month.c.kind)


@remembered(by_branch=in_tree_order(), kept=True)
def counts(*, session: Session, scope: Scope, month: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Rows per branch × kind × period (KIND_COLUMNS); per branch, meetings and attendance sums.

    ``counted`` is what enters the compliance rate: the requirement, or 0 while it is 本季度待开.
    """
    quarter = quarter_of(month)
    branch_list = branches(session=session, scope=scope, month=month)[["branch_id", "branch"]]
    groups = dict(
        session.exec(
            select(Organisation.parent_id, func.count(col(Organisation.id)))
            .where(Organisation.kind == OrgKind.GROUP, Organisation.active, scope.covers(Organisation.path))
            .group_by(col(Organisation.parent_id))
        ).all()
    )
    rows = session.exec(_sums_by_kind(scope, month, quarter)).all()
    held_columns = [f"{MONTH}_held", f"{QUARTER}_held"]
    sums = frame_of(rows, ["branch_id", "kind", *SUM_COLUMNS, *held_columns]).astype(
        dict.fromkeys([*SUM_COLUMNS, *held_columns], int)
    )
    lecture = settings.get(session=session, key="lecture_frequency")
    kinds = pd.DataFrame(
        [
            (kind, meeting_frequency(kind, lecture_frequency=lecture), period)
            for kind in KINDS
            for period in (MONTH, QUARTER)
        ],
        columns=["kind", "frequency", "period"],
    )
    grid = branch_list.merge(kinds, how="cross")
    grid["required"] = _required(grid, grid["branch_id"].map(groups).fillna(0).astype(int), quarter)
    held = pd.concat(
        [
            sums[["branch_id", "kind"]].assign(period=MONTH, held=sums[f"{MONTH}_held"]),
            sums[["branch_id", "kind"]].assign(period=QUARTER, held=sums[f"{QUARTER}_held"]),
        ]
    )
    grid = grid.merge(held, on=["branch_id", "kind", "period"], how="left")
    grid["held"] = grid["held"].fillna(0).astype(int)
    grid["status"] = _status(grid, quarter)
    grid["counted"] = grid["required"].where(grid["status"] != MeetingStatus.PENDING, 0)
    per_branch = branch_list.merge(
        sums.drop(columns=["kind", *held_columns]).groupby("branch_id").sum(), on="branch_id", how="left"
    )
    per_branch[SUM_COLUMNS] = per_branch[SUM_COLUMNS].fillna(0).astype(int)
    return grid[KIND_COLUMNS], per_branch


def compliance(frame: pd.DataFrame) -> float | None:
    """Σ min(held, counted) ÷ Σ counted over whatever branch × kind rows are given."""
    return ratio(frame["held"].clip(upper=frame["counted"]).sum(), frame["counted"].sum())


@dataclass(frozen=True)
class MeetingsView:
    """The 三会一课 page: headline figures, counts per branch and kind, and meetings below quorum."""

    month: str
    quarter: Quarter
    lecture_frequency: str
    month_compliance: Figure
    quarter_compliance: Figure
    attendance: Figure
    by_branch: pd.DataFrame  # long: KIND_COLUMNS, branches in tree order, kinds in KINDS order
    branches: pd.DataFrame  # one row per branch: meetings, compliance and attendance, month and quarter
    below_quorum: pd.DataFrame  # meetings of the quarter through M with actual ≤ expected ÷ 2

    @property
    def month_meetings(self) -> int:
        return int(self.branches["month_meetings"].sum())

    @property
    def quarter_meetings(self) -> int:
        return int(self.branches["quarter_meetings"].sum())

    def counts(self, period: str = MONTH) -> list[dict]:
        """[{"branch_id", "branch", "required": {kind: n}, "held": {kind: n}}] for JSON, in tree order."""
        rows = self.by_branch[self.by_branch["period"] == period]
        found: dict[int, dict] = {}
        for branch_id, branch, kind, required, held in zip(
            rows["branch_id"], rows["branch"], rows["kind"], rows["required"], rows["held"], strict=True
        ):
            entry = found.setdefault(
                branch_id, {"branch_id": int(branch_id), "branch": branch, "required": {}, "held": {}}
            )
            entry["required"][kind] = int(required)
            entry["held"][kind] = int(held)
        return list(found.values())


def compliance_by_branch(by_kind: pd.DataFrame, period: str) -> pd.Series:
    """Each branch's compliance in a period (Σ min(held, counted) ÷ Σ counted over its kinds), by branch id."""
    rows = by_kind[by_kind["period"] == period]
    sums = (
        rows.assign(met=rows["held"].clip(upper=rows["counted"]))
        .groupby("branch_id")[["met", "counted"]]
        .sum()
    )
    rates = ratios(sums["met"], sums["counted"]).astype(object)
    return rates.where(rates.notna(), None)


def _figures(*, session: Session, scope: Scope, month: str) -> dict[str, Any]:
    by_kind, remembered = counts(session=session, scope=scope, month=month)
    per_branch = remembered.copy()  # a remembered answer is shared: add the columns to a copy
    for period in (MONTH, QUARTER):
        per_branch[f"{period}_compliance"] = per_branch["branch_id"].map(
            compliance_by_branch(by_kind, period)
        )
        sums = zip(per_branch[f"{period}_actual"], per_branch[f"{period}_expected"], strict=True)
        per_branch[f"{period}_attendance"] = [ratio(actual, expected) for actual, expected in sums]
    return {
        "by_kind": by_kind,
        "branches": per_branch,
        "month": compliance(by_kind[by_kind["period"] == MONTH]),
        "quarter": compliance(by_kind[by_kind["period"] == QUARTER]),
        "attendance": ratio(per_branch["month_actual"].sum(), per_branch["month_expected"].sum()),
    }


def below_quorum(*, session: Session, scope: Scope, month: str) -> pd.DataFrame:
    """Meetings of the quarter through M at which at most half of those expected came, by date."""
    stmt = (
        select_columns(Meeting.branch_id, Organisation.name, *_MEETING_FIELDS)
        .join(Organisation, col(Organisation.id) == Meeting.branch_id)
        .where(*_in_scope(scope, quarter_of(month).months[0], month), _below_quorum_sql())
        .order_by(col(Meeting.held_on), col(Meeting.id))
    )
    frame = pd.DataFrame(session.exec(stmt).all(), columns=["branch_id", "branch", *MEETING_COLUMNS])
    frame["attendance"] = frame["actual"] / frame["expected"].where(frame["expected"] > 0)
    return frame


def meetings_view(
    *, session: Session, actor: Actor, month: str, org_ids: tuple[int, ...] = ()
) -> MeetingsView:
    """三会一课 at M for the scope: compliance for the month and the quarter, attendance, below quorum."""
    months.parse(month)
    scope = readable_scope(session=session, actor=actor, org_ids=org_ids)
    now = _figures(session=session, scope=scope, month=month)
    before = _figures(session=session, scope=scope, month=months.previous(month))
    held_before = before["branches"]["month_meetings"].sum() > 0
    missing = {
        MONTH: None if now["branches"]["month_meetings"].sum() else "本月尚无三会一课记录",
        QUARTER: None if now["branches"]["quarter_meetings"].sum() else "本季度尚无三会一课记录",
    }

    def figure(name: str, period: str, with_change: bool = True) -> Figure:
        reason = "所选范围内没有在册党支部" if now["branches"].empty else missing[period]
        if reason:
            return Figure(None, None, reason)
        return Figure(now[name], before[name] if with_change and held_before else None)

    return MeetingsView(
        month=month,
        quarter=quarter_of(month),
        lecture_frequency=meeting_frequency(
            MeetingKind.LECTURE, lecture_frequency=settings.get(session=session, key="lecture_frequency")
        ),
        month_compliance=figure(MONTH, MONTH),
        quarter_compliance=figure(QUARTER, QUARTER, with_change=False),
        attendance=figure("attendance", MONTH),
        by_branch=now["by_kind"],
        branches=now["branches"],
        below_quorum=below_quorum(session=session, scope=scope, month=month),
    )


def branch_meetings(*, session: Session, actor: Actor, branch_id: int, month: str) -> pd.DataFrame:
    """Every meeting of one 党支部 in the quarter through M, by date, with its 党小组 (a 党小组会's), flagged
    when below quorum."""
    branch = session.get(Organisation, branch_id)
    if branch is None or branch.kind != OrgKind.BRANCH:
        raise Refused("请选择一个党支部", field="党支部")
    if not readable_scope(session=session, actor=actor).contains(branch.path):
        raise Refused("无权查看其他党支部的数据", field="党支部")
    first = quarter_of(month).months[0]
    group = aliased(Organisation)
    stmt = (
        select_columns(Meeting.id, *_MEETING_FIELDS, group.name)
        .outerjoin(group, col(group.id) == Meeting.group_id)
        .where(Meeting.branch_id == branch_id, Meeting.month >= first, Meeting.month <= month)
        .order_by(col(Meeting.held_on), col(Meeting.id))
    )
    frame = pd.DataFrame(session.exec(stmt).all(), columns=["meeting_id", *MEETING_COLUMNS, "group"])
    frame["attendance"] = frame["actual"] / frame["expected"].where(frame["expected"] > 0)
    frame["below_quorum"] = [
        rules.below_quorum(actual=actual, expected=expected)
        for actual, expected in zip(frame["actual"], frame["expected"], strict=True)
    ]
    return frame
