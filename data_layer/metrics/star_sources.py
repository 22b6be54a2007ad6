"""对标: the facts each data source gives every active 党支部 at a month — the same figures the other pages
show (task completion, study on-track, 三会一课, budget execution, overdue tasks, and 党建+安全生产's
生产计划完成率, 党员三违率 and 隐患排查党员贡献率 of the month), 按时报送 counted from the submissions, and the
leaders' latest 人工评分. Scored in ``metrics.stars``."""

from collections.abc import Sequence
from datetime import date, timedelta

import pandas as pd
from sqlmodel import Session, col, select

from data_layer import months
from data_layer.auth import Scope
from data_layer.metrics import budget, meetings, safety, study, tasks
from data_layer.metrics.common import branches, counted_branches, frame_of, in_tree_order, ratios
from data_layer.metrics.scheme import scheme
from data_layer.metrics.submissions import DONE, deadline
from data_layer.models import ManualScore, Submission
from data_layer.store import remembered, select_columns, settings
from data_layer.vocab import IndicatorSource

# 党建+安全生产's figures a 对标 indicator may be scored on (safety.BRANCH_COLUMNS).
SAFETY_SOURCES = {
    IndicatorSource.PRODUCTION_RATE: "production_rate",
    IndicatorSource.MEMBER_VIOLATION_RATE: "member_violation_rate",
    IndicatorSource.MEMBER_HAZARD_SHARE: "member_hazard_share",
}


@remembered
def first_reported(*, session: Session, month: str) -> str | None:
    """The first month of M's year that anyone reported, if not after M (None: nobody yet). 按时报送
    counts from it: an organisation that began mid-year is not late for the months before."""
    first = session.exec(
        select(Submission.month)
        .where(Submission.month >= months.first_of_year(month))
        .order_by(Submission.month)
    ).first()
    return None if first is None or first > month else first


def firsts_reported(*, session: Session, at: tuple[str, ...]) -> tuple[str | None, ...]:
    """``first_reported`` of each month of ``at``: the ``since`` of the reads that count 按时报送."""
    return tuple(first_reported(session=session, month=month) for month in at)


def settled(at: Sequence[str], today: date) -> date:
    """``today`` as the 按时报送 counts through the newest month of ``at`` see it. Every deadline of those
    months lies in the month after each (``submissions.deadline``), so from the first day of the month
    after next on any day gives the same counts: that day, so that the answers read with it are the same
    question — remembered and kept — on every later day."""
    return min(today, months.last_day(months.shift(max(at), 1)) + timedelta(days=1))


def timeliness(*, session: Session, scope: Scope, month: str, today: date) -> pd.DataFrame:
    """按时报送 per active 党支部 in scope through M: [branch_id, due, on_time, late] counted over the
    months of M's year from ``first_reported``. A month is due once its deadline has passed or it has
    been handed in; it is on time when it is 已提交 or 已审核 and was (last) submitted on or before the
    deadline, by Beijing date."""
    since = first_reported(session=session, month=month)
    return _timeliness(session=session, scope=scope, month=month, today=settled([month], today), since=since)


@remembered(by_branch=in_tree_order(), kept=True)
def _timeliness(
    *, session: Session, scope: Scope, month: str, today: date, since: str | None
) -> pd.DataFrame:
    """``timeliness`` counted from ``since``: an argument, so that a new first month is a new question
    (every 党支部's count changes), while a 党支部's own submission changes only its own row."""
    branch_ids = branches(session=session, scope=scope, month=month)["branch_id"].tolist()
    if since is None:
        return pd.DataFrame({"branch_id": branch_ids, "due": 0, "on_time": 0, "late": 0})
    day = int(settings.get(session=session, key="submission_deadline_day") or 5)
    rows = session.exec(
        select(Submission.branch_id, Submission.month, Submission.status, Submission.submitted_at).where(
            col(Submission.month) >= since,
            col(Submission.month) <= month,
            col(Submission.branch_id).in_(counted_branches(scope)),
        )
    ).all()
    span = months.span(since, month)
    found = frame_of(rows, ["branch_id", "month", "status", "submitted_at"])
    grid = pd.DataFrame({"branch_id": branch_ids}).merge(pd.DataFrame({"month": span}), how="cross")
    grid = grid.merge(found, on=["branch_id", "month"], how="left")
    last_day = pd.to_datetime(grid["month"].map({each: deadline(each, deadline_day=day) for each in span}))
    handed_in = grid["status"].isin(DONE)
    # Beijing days of the (UTC) submission times; a time stored without its zone is UTC.
    beijing = pd.to_datetime(grid["submitted_at"], utc=True) + pd.Timedelta(hours=8)
    submitted = beijing.dt.tz_localize(None).dt.normalize()
    grid["due"] = handed_in | (last_day < pd.Timestamp(today))
    grid["on_time"] = handed_in & (grid["submitted_at"].isna() | (submitted <= last_day))
    counts = grid.groupby("branch_id", sort=False)[["due", "on_time"]].sum().astype(int).reset_index()
    return counts.assign(late=counts["due"] - counts["on_time"])


@remembered(kept=True)
def manual_points(*, session: Session, month: str) -> pd.DataFrame:
    """The latest 人工评分 of M's year through M for each indicator and 党支部: [indicator_id, branch_id,
    points, scored_month, note]."""
    rows = session.exec(
        select_columns(
            ManualScore.indicator_id,
            ManualScore.branch_id,
            ManualScore.month,
            ManualScore.points,
            ManualScore.note,
        )
        .where(ManualScore.month >= months.first_of_year(month), ManualScore.month <= month)
        .order_by(ManualScore.month)
    ).all()
    frame = frame_of(rows, ["indicator_id", "branch_id", "scored_month", "points", "note"])
    return frame.drop_duplicates(["indicator_id", "branch_id"], keep="last").reset_index(drop=True)


def source_values_at(
    *, session: Session, scope: Scope, at: tuple[str, ...], today: date
) -> dict[str, pd.DataFrame]:
    """For each month of ``at``: every active 党支部 in scope, in tree order, with its value of each data
    source at M, one column per ``IndicatorSource`` (None where the source has no data for it), and the
    facts the breakdown quotes (``due``, ``on_time``, ``spent``, ``allocated``)."""
    since = firsts_reported(session=session, at=at)
    return branch_facts_at(session=session, scope=scope, at=at, today=settled(at, today), since=since)


@remembered(by_branch=in_tree_order(), kept=True)
def branch_facts_at(
    *, session: Session, scope: Scope, at: tuple[str, ...], today: date, since: tuple[str | None, ...]
) -> dict[str, pd.DataFrame]:
    """``source_values_at`` with 按时报送 counted from ``since`` (each month's ``first_reported``). Each
    row comes from the 党支部's own rows, so after a save only the saving 党支部's row is computed again."""
    completion = tasks.branch_completion_at(session=session, scope=scope, at=at)
    learning = study.branch_sums_at(session=session, scope=scope, at=at)
    return {
        month: _with_timeliness(
            _facts(session, scope, month, completion[month], learning[month]),
            _timeliness(session=session, scope=scope, month=month, today=today, since=first),
        )
        for month, first in zip(at, since, strict=True)
    }


def _facts(
    session: Session,
    scope: Scope,
    month: str,
    completion: pd.DataFrame,
    learning: pd.DataFrame | None,
) -> pd.DataFrame:
    table = branches(session=session, scope=scope, month=month)[["branch_id", "branch"]]
    by_kind, _ = meetings.counts(session=session, scope=scope, month=month)
    money = budget.branch_sums(session=session, scope=scope, month=month)
    tasks_at = tasks.task_rows(session=session, scope=scope, month=month)

    def by_branch(frame: pd.DataFrame, column: str) -> pd.Series:
        return table["branch_id"].map(frame.set_index("branch_id")[column])

    table[IndicatorSource.TASK_COMPLETION] = by_branch(completion, "completion_rate")
    table[IndicatorSource.STUDY_ON_TRACK] = (
        by_branch(learning, "on_track_rate") if learning is not None else None
    )
    table[IndicatorSource.MEETING_COMPLIANCE] = table["branch_id"].map(
        meetings.compliance_by_branch(by_kind, meetings.QUARTER)
    )
    table["spent"], table["allocated"] = by_branch(money, "spent"), by_branch(money, "allocated")
    time_progress = months.number_of(month) / 12
    rate = ratios(table["spent"], table["allocated"])
    table[IndicatorSource.BUDGET_FIT] = (1 - (rate - time_progress).abs()).clip(lower=0.0)
    late_tasks = tasks_at.loc[tasks_at["overdue"], "branch_id"].value_counts()
    table[IndicatorSource.OVERDUE_TASKS] = table["branch_id"].map(late_tasks).fillna(0).astype(int)
    _safety_values(session, scope, month, table)
    return table.astype(object).where(table.notna(), None)


def _with_timeliness(facts: pd.DataFrame, timely: pd.DataFrame) -> pd.DataFrame:
    """A month's facts with 按时报送 (``timeliness``) beside them, in the order the breakdown lists them."""
    table = facts.merge(timely, on="branch_id", how="left")
    table[IndicatorSource.ON_TIME_SUBMISSION] = ratios(table["on_time"], table["due"])
    table[IndicatorSource.LATE_SUBMISSIONS] = table.pop("late").fillna(0).astype(int)
    added = ["due", "on_time", IndicatorSource.ON_TIME_SUBMISSION, IndicatorSource.LATE_SUBMISSIONS]
    table[added] = table[added].astype(object).where(table[added].notna(), None)
    return table


def _safety_values(session: Session, scope: Scope, month: str, table: pd.DataFrame) -> None:
    """Each 党支部's 党建+安全生产 figure at M for the sources of ``SAFETY_SOURCES`` (None: no data, so not
    scored). Read only when M's year scores on one of them: a scheme without them costs nothing more."""
    used = {row.source for row in scheme(session=session, year=months.year_of(month))}
    if not used & set(SAFETY_SOURCES):
        for source in SAFETY_SOURCES:
            table[source] = None
        return
    figures = safety.branch_figures(session=session, scope=scope, month=month).set_index("branch_id")
    for source, column in SAFETY_SOURCES.items():
        table[source] = table["branch_id"].map(figures[column])
