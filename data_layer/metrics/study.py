"""学习进度: who is on track with study hours and 学习强国 points, by branch, by month and by member.

A member is on track at M when their hours and points from the first month of the year they count in
(``membership.first_month_in_year``: January, or the month they started) through M reach the monthly
targets × those months. Members counted at M: ``membership.in_branch`` for a 党支部 of the scope.
"""

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import Float, and_, case, cast, func, literal, or_, true
from sqlmodel import Session, col, select

from data_layer import months, orgs
from data_layer.auth import Actor, Scope, readable_scope
from data_layer.errors import Refused
from data_layer.metrics import membership
from data_layer.metrics.common import (
    REACHED_TOLERANCE,
    by_columns,
    counted_branches,
    frame_of,
    in_tree_order,
    month_index,
    ratio,
)
from data_layer.models import Member, Organisation, StudyRecord, YearParameter
from data_layer.store import remembered, select_columns

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


@remembered
def targets(*, session: Session, month: str) -> Targets | None:
    params = session.get(YearParameter, months.year_of(month))
    if params is None:
        return None
    return Targets(float(params.monthly_hours_target), params.monthly_points_target, months.number_of(month))


def _counted(scope: Scope, month):
    """The member counts at M (a literal or column) in a 党支部 the scope counts."""
    return and_(membership.present(month), membership.branch_at(month).in_(counted_branches(scope)))


FEW_BRANCHES = 50
"""A scope of at most this many 党支部 (one 党支部 recomputed after a save, a 党总支) has its members found
first: the queries then start from them. A larger one reads every member anyway, in id order."""


def _members_of(session: Session, scope: Scope):
    """A condition on the members who may count in the scope's 党支部 in some month (by either 党支部 of
    theirs), that the query starts from when the scope has few 党支部 — one 党支部's figures then read its
    own members and their study rows, not the group's 58,598 members' membership month by month, or a
    year's 600,000 study rows — or None for a larger scope (whose queries read every member anyway)."""
    few = (
        session.exec(select(func.count()).select_from(counted_branches(scope).subquery())).one()
        <= FEW_BRANCHES
    )
    if not few:
        return None
    theirs = or_(
        col(Member.branch_id).in_(counted_branches(scope)),
        col(Member.previous_branch_id).in_(counted_branches(scope)),
    )
    # Their ids as a list, not a subquery: PostgreSQL's planner otherwise reads every member (or a year's
    # study rows) first and meets the subquery last, 300–400 ms for one 党支部 at group scale.
    return col(Member.id).in_(session.exec(select(Member.id).where(theirs)).all())


def _member_totals(session: Session, scope: Scope, at: Sequence[str]):
    """Per member counted at some month of ``at``, from one pass over their study rows: for the i-th month
    M of ``at``, whether they count (``counted_i``), the 党支部 they count in (``branch_i``), the months
    of the year they count in through M (``elapsed_i``), their hours and points over those months
    (``hours_i``, ``points_i``) and their points in M (``month_points_i``); zeros without study rows.

    Members are read in id order with their rows from ix_studyrecord_member_month_totals, so the sums per
    member need neither sorting nor hashing. The ORDER BY asks PostgreSQL for that plan too: otherwise it
    may hash 60,000 members' sums, which spills to disk at the default work_mem and takes twice as long.
    """
    first, last = min(months.first_of_year(month) for month in at), max(at)
    row_index = month_index(StudyRecord.month)
    members = _members_of(session, scope)
    columns = []
    for i, month in enumerate(at):
        begins = membership.first_month_in_year(month)
        in_span = and_(row_index >= begins, col(StudyRecord.month) <= month)
        columns += [
            case((_counted(scope, month), 1), else_=0).label(f"counted_{i}"),
            membership.branch_at(month).label(f"branch_{i}"),
            (literal(months.index(month)) - begins + 1).label(f"elapsed_{i}"),
            func.coalesce(func.sum(case((in_span, StudyRecord.hours))), 0).label(f"hours_{i}"),
            func.coalesce(func.sum(case((in_span, StudyRecord.points))), 0).label(f"points_{i}"),
            func.coalesce(func.sum(case((col(StudyRecord.month) == month, StudyRecord.points))), 0).label(
                f"month_points_{i}"
            ),
        ]
    return (
        select(col(Member.id).label("member_id"), *columns)
        .outerjoin(
            StudyRecord,
            and_(
                col(StudyRecord.member_id) == Member.id,
                col(StudyRecord.month) >= first,
                col(StudyRecord.month) <= last,
            ),
        )
        .where(members if members is not None else true(), or_(*(_counted(scope, month) for month in at)))
        .group_by(col(Member.id))
        .order_by(col(Member.id))
        .subquery()
    )


def _on_track(hours, points, elapsed, goal: Targets):
    return and_(
        cast(hours, Float) >= goal.hours * elapsed - REACHED_TOLERANCE, points >= goal.points * elapsed
    )


def _with_rates(frame: pd.DataFrame) -> pd.DataFrame:
    frame["on_track_rate"] = frame["on_track"] / frame["members"]
    frame["avg_points"] = frame["month_points"] / frame["members"]
    return frame


SUM_COLUMNS = ["branch_id", "members", "on_track", "month_points"]


@remembered(by_branch=in_tree_order(), kept=True)
def branch_sums_at(*, session: Session, scope: Scope, at: Sequence[str]) -> dict[str, pd.DataFrame | None]:
    """For each month M of ``at``, per 党支部 in tree order: members counted, on track, Σ points in M
    (``None`` without M's year targets); one pass over the study rows for all the months (the overview
    asks for M and M−1). The members' sums are added up per combination of their 党支部 in those months
    (one per 党支部 but for members who moved), then per 党支部 of each month."""
    every = {month: targets(session=session, month=month) for month in at}
    goals = {month: goal for month, goal in every.items() if goal is not None}
    wanted = [month for month in at if month in goals]
    found: dict[str, pd.DataFrame | None] = dict.fromkeys(at)
    if not wanted:
        return found
    totals = _member_totals(session, scope, wanted)
    branches = [totals.c[f"branch_{i}"] for i in range(len(wanted))]
    columns = []
    for i, month in enumerate(wanted):
        counted = totals.c[f"counted_{i}"] == 1
        hours, points, elapsed = (totals.c[f"{name}_{i}"] for name in ("hours", "points", "elapsed"))
        on_track = and_(counted, _on_track(hours, points, elapsed, goals[month]))
        columns += [
            func.sum(totals.c[f"counted_{i}"]),
            func.sum(case((on_track, 1), else_=0)),
            func.sum(case((counted, totals.c[f"month_points_{i}"]), else_=0)),
        ]
    rows = session.exec(select(*branches, *columns).group_by(*branches)).all()
    position = orgs.tree_positions(session=session)
    for i, month in enumerate(wanted):
        start = len(wanted) + 3 * i
        frame = frame_of([(row[i], *row[start : start + 3]) for row in rows], SUM_COLUMNS)
        frame = frame[frame["members"] > 0].groupby("branch_id", as_index=False).sum()
        frame = frame.astype(dict.fromkeys(SUM_COLUMNS, int))
        frame = frame.sort_values("branch_id", key=lambda ids: ids.map(position), ignore_index=True)
        found[month] = _with_rates(frame)
    return found


@remembered(by_branch=in_tree_order("member_no"))
def member_rows(*, session: Session, scope: Scope, month: str, goal: Targets) -> pd.DataFrame:
    """Every member counted at M with their study over the months of the year they count in through M
    (``elapsed``), on-track flag and shortfalls against those months' targets, and their points in M
    (``month_points``)."""
    totals = _member_totals(session, scope, [month])
    stmt = (
        select_columns(
            totals.c.branch_0,
            totals.c.member_id,
            Member.member_no,
            Member.name,
            Organisation.name,
            cast(totals.c.hours_0, Float),
            totals.c.points_0,
            _on_track(totals.c.hours_0, totals.c.points_0, totals.c.elapsed_0, goal),
            totals.c.month_points_0,
            totals.c.elapsed_0,
        )
        .join(Member, Member.id == totals.c.member_id)
        .join(Organisation, Organisation.id == totals.c.branch_0)
    )
    columns = ["branch_id", "member_id", "member_no", "name", "branch", "hours", "points", "on_track"]
    frame = frame_of(session.exec(stmt).all(), [*columns, "month_points", "elapsed"])
    position = orgs.tree_positions(session=session)
    frame = frame.sort_values(
        ["branch_id", "member_no"],
        key=lambda c: c.map(position) if c.name == "branch_id" else c,
        ignore_index=True,
    )
    frame["on_track"] = frame["on_track"].astype(bool)
    frame["hours"] = frame["hours"].round(2)  # two-decimal values summed as floats on SQLite
    frame["hours_short"] = (goal.hours * frame["elapsed"] - frame["hours"]).clip(lower=0).round(2)
    frame["points_short"] = (goal.points * frame["elapsed"] - frame["points"]).clip(lower=0).astype(int)
    return frame


TREND_COLUMNS = ["month", "branch_id", "members", "hours", "points"]


@remembered(by_branch=by_columns("month", "branch_id"))
def trend_sums(*, session: Session, scope: Scope, month: str) -> pd.DataFrame:
    """Per month January–M and 党支部 with members counted in it then: those members, and their hours
    and points in that month. For a few 党支部 (one recomputed after a save) both passes start from their
    members, the study rows read per member from ix_studyrecord_member_month_totals."""
    span = months.span(months.first_of_year(month), month)
    in_year = and_(
        col(StudyRecord.member_id) == Member.id,
        col(StudyRecord.month) >= span[0],
        col(StudyRecord.month) <= month,
    )
    branch = membership.branch_at(StudyRecord.month)
    ours = _members_of(session, scope)
    # Few 党支部: from their members to their rows; many: through the year's rows in month order.
    first, then = (Member, StudyRecord) if ours is not None else (StudyRecord, Member)
    sums = session.exec(
        select_columns(
            StudyRecord.month, branch, cast(func.sum(StudyRecord.hours), Float), func.sum(StudyRecord.points)
        )
        .select_from(first)
        .join(then, in_year)
        .where(ours if ours is not None else true(), _counted(scope, StudyRecord.month))
        .group_by(StudyRecord.month, branch)
    ).all()
    branches = [membership.branch_at(each) for each in span]
    counted = [func.sum(case((_counted(scope, each), 1), else_=0)) for each in span]
    combinations = session.exec(
        select_columns(*branches, *counted)
        .where(ours if ours is not None else true(), or_(*(_counted(scope, each) for each in span)))
        .group_by(*branches)
    ).all()
    members: dict[tuple[str, int], int] = {}
    for row in combinations:
        for i, each in enumerate(span):
            if row[len(span) + i]:
                key = (each, row[i])
                members[key] = members.get(key, 0) + int(row[len(span) + i])
    frame = frame_of(
        [(each, branch_id, count) for (each, branch_id), count in members.items()], TREND_COLUMNS[:3]
    )
    totals = frame_of(sums, ["month", "branch_id", "hours", "points"])
    frame = frame.merge(totals, on=["month", "branch_id"], how="left")
    frame = frame.fillna({"hours": 0.0, "points": 0}).astype({"members": int, "hours": float, "points": int})
    return frame[TREND_COLUMNS].sort_values(["month", "branch_id"], ignore_index=True)


def monthly_trend(*, session: Session, scope: Scope, month: str, goal: Targets) -> pd.DataFrame:
    """Average hours and points per counted member in each month January–M, beside the targets: each
    month's rows of the members counted in it (``trend_sums`` added up over the 党支部)."""
    span = months.span(months.first_of_year(month), month)
    sums = (
        trend_sums(session=session, scope=scope, month=month)
        .groupby("month")[["members", "hours", "points"]]
        .sum()
    )
    rows = []
    for each in span:
        members, hours, points = sums.loc[each] if each in sums.index else (0, 0, 0)
        rows.append(
            {
                "month": each,
                "members": int(members),
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
    laggards: pd.DataFrame  # the members not on track, the furthest behind first


def _laggards(members: pd.DataFrame) -> pd.DataFrame:
    late = members[~members["on_track"]]
    return late.sort_values(["hours_short", "points_short"], ascending=False, ignore_index=True)


def study_view(*, session: Session, actor: Actor, month: str, org_ids: tuple[int, ...] = ()) -> StudyView:
    months.parse(month)
    scope = readable_scope(session=session, actor=actor, org_ids=org_ids)
    goal = targets(session=session, month=month)
    if goal is None:
        empty = pd.DataFrame()
        return StudyView(month, None, None, None, empty, empty, empty, empty, empty)
    members = member_rows(session=session, scope=scope, month=month, goal=goal)
    branches = (
        members.groupby(["branch_id", "branch"], sort=False)
        .agg(
            members=("member_id", "size"), on_track=("on_track", "sum"), month_points=("month_points", "sum")
        )
        .reset_index()
        .astype({"on_track": int, "month_points": int})
    )
    branches = _with_rates(branches)
    shown = members.drop(columns=["month_points", "elapsed"])
    return StudyView(
        month=month,
        targets=goal,
        on_track_rate=ratio(branches["on_track"].sum(), branches["members"].sum()),
        avg_points=ratio(branches["month_points"].sum(), branches["members"].sum()),
        branches=branches,
        trend=monthly_trend(session=session, scope=scope, month=month, goal=goal),
        histogram=hours_histogram(members, goal),
        members=shown,
        laggards=_laggards(shown),
    )


def member_history(*, session: Session, actor: Actor, member_id: int, month: str) -> pd.DataFrame:
    """A member's hours, points and sessions in each month of the year through M (0 where missing)."""
    member = session.get(Member, member_id)
    if member is None:
        raise Refused("找不到该党员", field="党员")
    branch = session.get_one(Organisation, member.branch_id)
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
