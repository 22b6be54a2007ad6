"""学习进度: who is on track with study hours and 学习强国 points, by branch, by month and by member.

A member is on track at M when their hours and points from January through M reach the monthly targets
× months elapsed. Members counted: active, joined by the end of M, in a 党支部 of the scope.
"""

from dataclasses import dataclass

import pandas as pd
from sqlalchemy import Float, Integer, and_, case, cast, extract, func
from sqlmodel import Session, select

from data_layer import months, orgs
from data_layer.auth import Actor, Scope, readable_scope
from data_layer.errors import Refused
from data_layer.metrics.common import REACHED_TOLERANCE, month_index, ratio
from data_layer.models import Member, Organisation, StudyRecord, YearParameter

HOURS_BINS = 8


@dataclass(frozen=True)
class Targets:
    """The year's monthly targets, and what they add up to at M."""

    hours: float
    points: int
    elapsed: int

    @property
    def hours_due(self) -> float:
        return self.hours * self.elapsed

    @property
    def points_due(self) -> int:
        return self.points * self.elapsed


def targets(*, session: Session, month: str) -> Targets | None:
    params = session.get(YearParameter, months.year_of(month))
    if params is None:
        return None
    return Targets(float(params.monthly_hours_target), params.monthly_points_target, months.number_of(month))


def _totals(month: str):
    """Per member: hours and points January–M, and points and hours in M itself."""
    in_month = StudyRecord.month == month
    return (
        select(
            StudyRecord.member_id,
            func.sum(StudyRecord.hours).label("hours"),
            func.sum(StudyRecord.points).label("points"),
            func.sum(case((in_month, StudyRecord.points), else_=0)).label("month_points"),
            func.sum(case((in_month, StudyRecord.hours), else_=0)).label("month_hours"),
        )
        .where(StudyRecord.month >= months.first_of_year(month), StudyRecord.month <= month)
        .group_by(StudyRecord.member_id)
        .subquery()
    )


def _counted(scope: Scope, month: str):
    """The members a study figure at M counts."""
    return and_(
        Member.active,
        Member.joined_on <= months.last_day(month),
        Organisation.active,
        scope.covers(Organisation.path),
    )


def _on_track(totals, goal: Targets):
    return and_(
        cast(func.coalesce(totals.c.hours, 0), Float) >= goal.hours_due - REACHED_TOLERANCE,
        func.coalesce(totals.c.points, 0) >= goal.points_due,
    )


def branch_sums(*, session: Session, scope: Scope, month: str) -> pd.DataFrame | None:
    """Per 党支部: members counted, on track, Σ points in M. ``None`` without the year's targets."""
    goal = targets(session=session, month=month)
    if goal is None:
        return None
    totals = _totals(month)
    stmt = (
        select(
            Member.branch_id,
            func.count(Member.id),
            func.sum(case((_on_track(totals, goal), 1), else_=0)),
            func.sum(func.coalesce(totals.c.month_points, 0)),
        )
        .join(Organisation, Organisation.id == Member.branch_id)
        .outerjoin(totals, totals.c.member_id == Member.id)
        .where(_counted(scope, month))
        .group_by(Member.branch_id)
    )
    frame = pd.DataFrame(
        session.exec(stmt).all(), columns=["branch_id", "members", "on_track", "month_points"]
    )
    frame["on_track_rate"] = frame["on_track"] / frame["members"]
    frame["avg_points"] = frame["month_points"] / frame["members"]
    return frame


def member_rows(*, session: Session, scope: Scope, month: str, goal: Targets) -> pd.DataFrame:
    """Every member counted at M with their year-to-date study, on-track flag and shortfalls."""
    totals = _totals(month)
    stmt = (
        select(
            Member.branch_id,
            Member.id,
            Member.member_no,
            Member.name,
            Organisation.name,
            cast(func.coalesce(totals.c.hours, 0), Float),
            func.coalesce(totals.c.points, 0),
            _on_track(totals, goal),
        )
        .join(Organisation, Organisation.id == Member.branch_id)
        .outerjoin(totals, totals.c.member_id == Member.id)
        .where(_counted(scope, month))
    )
    columns = ["branch_id", "member_id", "member_no", "name", "branch", "hours", "points", "on_track"]
    frame = pd.DataFrame(session.exec(stmt).all(), columns=columns)
    position = orgs.tree_positions(session=session)
    frame = frame.sort_values(
        ["branch_id", "member_no"],
        key=lambda c: c.map(position) if c.name == "branch_id" else c,
        ignore_index=True,
    )
    frame["on_track"] = frame["on_track"].astype(bool)
    frame["hours"] = frame["hours"].round(2)  # two-decimal values summed as floats on SQLite
    frame["hours_short"] = (goal.hours_due - frame["hours"]).clip(lower=0).round(2)
    frame["points_short"] = (goal.points_due - frame["points"]).clip(lower=0).astype(int)
    return frame


def monthly_trend(*, session: Session, scope: Scope, month: str, goal: Targets) -> pd.DataFrame:
    """Average hours and points per counted member in each month January–M, beside the targets."""
    joined_index = (
        cast(extract("year", Member.joined_on), Integer) * 12
        + cast(extract("month", Member.joined_on), Integer)
        - 1
    )
    sums = dict(
        (row[0], (row[1], row[2]))
        for row in session.exec(
            select(StudyRecord.month, cast(func.sum(StudyRecord.hours), Float), func.sum(StudyRecord.points))
            .join(Member, Member.id == StudyRecord.member_id)
            .join(Organisation, Organisation.id == Member.branch_id)
            .where(
                StudyRecord.month >= months.first_of_year(month),
                StudyRecord.month <= month,
                joined_index <= month_index(StudyRecord.month),
                _counted(scope, month),
            )
            .group_by(StudyRecord.month)
        ).all()
    )
    joined = session.exec(
        select(joined_index, func.count(Member.id))
        .join(Organisation, Organisation.id == Member.branch_id)
        .where(_counted(scope, month))
        .group_by(joined_index)
    ).all()
    rows = []
    for each in months.span(months.first_of_year(month), month):
        members = sum(count for index, count in joined if index <= months.index(each))
        hours, points = sums.get(each, (0, 0))
        rows.append(
            {
                "month": each,
                "members": members,
                "avg_hours": ratio(hours, members),
                "avg_points": ratio(points, members),
                "hours_target": goal.hours,
                "points_target": goal.points,
            }
        )
    return pd.DataFrame(rows)


def hours_histogram(members: pd.DataFrame, goal: Targets) -> pd.DataFrame:
    """Members by year-to-date hours in equal bins from 0 to the largest value (the target is a bin edge)."""
    top = max(float(members["hours"].max()) if len(members) else 0.0, goal.hours_due * 1.5, 1.0)
    width = goal.hours_due / 4 if goal.hours_due else top / HOURS_BINS
    edges = [width * step for step in range(int(top // width) + 2)]
    binned = pd.cut(members["hours"], bins=edges, right=False)
    counts = binned.value_counts(sort=False)
    return pd.DataFrame(
        {
            "start": [interval.left for interval in counts.index],
            "end": [interval.right for interval in counts.index],
            "members": counts.to_numpy(),
        }
    )


@dataclass(frozen=True)
class StudyView:
    month: str
    targets: Targets | None
    on_track_rate: float | None
    avg_points: float | None
    branches: pd.DataFrame
    trend: pd.DataFrame
    histogram: pd.DataFrame
    members: pd.DataFrame

    @property
    def laggards(self) -> pd.DataFrame:
        late = self.members[~self.members["on_track"]]
        return late.sort_values(["hours_short", "points_short"], ascending=False, ignore_index=True)


def study_view(*, session: Session, actor: Actor, month: str, org_ids: tuple[int, ...] = ()) -> StudyView:
    months.parse(month)
    scope = readable_scope(session=session, actor=actor, org_ids=org_ids)
    goal = targets(session=session, month=month)
    if goal is None:
        empty = pd.DataFrame()
        return StudyView(month, None, None, None, empty, empty, empty, empty)
    branches = branch_sums(session=session, scope=scope, month=month)
    names = dict(session.exec(select(Organisation.id, Organisation.name)).all())
    branches.insert(1, "branch", branches["branch_id"].map(names))
    members = member_rows(session=session, scope=scope, month=month, goal=goal)
    return StudyView(
        month=month,
        targets=goal,
        on_track_rate=ratio(branches["on_track"].sum(), branches["members"].sum()),
        avg_points=ratio(branches["month_points"].sum(), branches["members"].sum()),
        branches=branches,
        trend=monthly_trend(session=session, scope=scope, month=month, goal=goal),
        histogram=hours_histogram(members, goal),
        members=members,
    )


def member_history(*, session: Session, actor: Actor, member_id: int, month: str) -> pd.DataFrame:
    """A member's hours, points and sessions in each month of the year through M (0 where missing)."""
    member = session.get(Member, member_id)
    if member is None:
        raise Refused("找不到该党员", field="党员")
    branch = session.get(Organisation, member.branch_id)
    if not readable_scope(session=session, actor=actor).contains(branch.path):
        raise Refused("无权查看其他党支部的数据", field="党员")
    records = {
        row.month: row
        for row in session.exec(
            select(StudyRecord).where(
                StudyRecord.member_id == member_id,
                StudyRecord.month >= months.first_of_year(month),
                StudyRecord.month <= month,
            )
        ).all()
    }
    span = months.span(months.first_of_year(month), month)
    return pd.DataFrame(
        {
            "month": span,
            "hours": [float(records[m].hours) if m in records else 0.0 for m in span],
            "points": [records[m].points if m in records else 0 for m in span],
            "sessions": [records[m].sessions if m in records else 0 for m in span],
        }
    )
