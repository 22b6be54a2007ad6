"""对标: the facts each data source gives every active 党支部 at a month — the same figures the other pages
show (task completion, study on-track, 三会一课, budget execution, overdue tasks, and 党建+安全生产's
生产计划完成率, 党员三违率 and 隐患排查党员贡献率 of the month), 按时报送 counted from the submissions, and the
leaders' latest 人工评分. Scored in ``metrics.stars``."""

from datetime import date

import pandas as pd
from sqlalchemy import and_
from sqlmodel import Session, col, select

from data_layer import months
from data_layer.auth import Scope
from data_layer.metrics import budget, meetings, safety, study, tasks
from data_layer.metrics.common import branches, frame_of, in_tree_order, ratios
from data_layer.metrics.scheme import scheme
from data_layer.metrics.submissions import DONE, deadline
from data_layer.models import ManualScore, Organisation, Submission
from data_layer.store import remembered, select_columns, settings
from data_layer.vocab import IndicatorSource, OrgKind

# 党建+安全生产's figures a 对标 indicator may be scored on (safety.BRANCH_COLUMNS).
SAFETY_SOURCES = {
    IndicatorSource.PRODUCTION_RATE: "production_rate",
    IndicatorSource.MEMBER_VIOLATION_RATE: "member_violation_rate",
    IndicatorSource.MEMBER_HAZARD_SHARE: "member_hazard_share",
}


@remembered
def timeliness(*, session: Session, month: str, today: date) -> pd.DataFrame:
    """按时报送 per active 党支部 through M: [branch_id, due, on_time, late] counted over the months of M's year
    from the first month anyone reported (an organisation that began mid-year is not late for the months
    before). A month is due once its deadline has passed or it has been handed in; it is on time when it
    is 已提交 or 已审核 and was (last) submitted on or before the deadline, by Beijing date."""
    year_start = months.first_of_year(month)
    first = session.exec(
        select(Submission.month).where(Submission.month >= year_start).order_by(Submission.month)
    ).first()
    branch_ids = session.exec(
        select(Organisation.id).where(Organisation.kind == OrgKind.BRANCH, Organisation.active)
    ).all()
    if first is None or first > month:
        return pd.DataFrame({"branch_id": branch_ids, "due": 0, "on_time": 0, "late": 0})
    day = int(settings.get(session=session, key="submission_deadline_day") or 5)
    rows = session.exec(
        select(Submission.branch_id, Submission.month, Submission.status, Submission.submitted_at).where(
            and_(col(Submission.month) >= first, col(Submission.month) <= month)
        )
    ).all()
    span = months.span(first, month)
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


@remembered
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


@remembered
def source_values_at(
    *, session: Session, scope: Scope, at: tuple[str, ...], today: date
) -> dict[str, pd.DataFrame]:
    """For each month of ``at``: every active 党支部 in scope with its value of each data source at M, one
    column per ``IndicatorSource`` (None where the source has no data for it), with the facts the
    breakdown quotes (``due``, ``on_time``, ``spent``, ``allocated``): each 党支部's own figures
    (``branch_facts_at``) beside 按时报送, which counts from the first month anyone reported."""
    facts = branch_facts_at(session=session, scope=scope, at=at)
    return {
        month: _with_timeliness(facts[month], timeliness(session=session, month=month, today=today))
        for month in at
    }


@remembered(by_branch=in_tree_order())
def branch_facts_at(*, session: Session, scope: Scope, at: tuple[str, ...]) -> dict[str, pd.DataFrame]:
    """For each month of ``at``: every active 党支部 in scope, in tree order, with the sources that are
    its own figures (all but 按时报送). Each row comes from the 党支部's own rows, so after a save only
    the saving 党支部's row is computed again."""
    completion = tasks.branch_completion_at(session=session, scope=scope, at=at)
    learning = study.branch_sums_at(session=session, scope=scope, at=at)
    return {month: _facts(session, scope, month, completion[month], learning[month]) for month in at}


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
