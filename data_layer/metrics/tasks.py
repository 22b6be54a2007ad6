"""任务完成: task ratio, plan progress, status and 超期 per task; completion by branch; workload balance.

Each task's progress is summed in SQL; one row per task comes back and gets its ratio and plan ratio,
and the statuses are decided by ``rules`` so that the words mean the same everywhere. The completion
rate's sums (Σ weight × ratio, Σ weight × plan, Σ weight) by 党支部 and month come from one builder,
``completion_sums``, whichever figure shows them: the 任务完成 page and its heat map, the overview and the
对标 scores. The workload is aggregated in SQL by owner.
"""

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import Float, String, case, cast, func, literal, union_all
from sqlmodel import Session, col, select

from data_layer import months, orgs
from data_layer.auth import Actor, Scope, readable_scope
from data_layer.errors import Refused
from data_layer.metrics.common import (
    REACHED_TOLERANCE,
    by_columns,
    counted_branches,
    frame_of,
    in_tree_order,
    month_index,
    ratio,
)
from data_layer.models import Member, Organisation, Task, TaskProgress
from data_layer.rules import WORKLOAD_FACTOR, is_overdue, task_status
from data_layer.store import remembered, select_columns
from data_layer.vocab import TaskMode, TaskStatus

TASK_COLUMNS = [
    "task_id",
    "code",
    "title",
    "branch_id",
    "branch",
    "owner_id",
    "owner",
    "mode",
    "unit",
    "target",
    "weight",
    "start_month",
    "due_month",
    "done",
    "ratio",
    "plan",
]
STATUSES = [TaskStatus.COMPLETED, TaskStatus.ON_TRACK, TaskStatus.BEHIND, TaskStatus.FAR_BEHIND]


def _of_year(scope: Scope, month: str, last_start: str):
    """The active tasks of M's year in scope's counted 党支部 that start by ``last_start``."""
    return (
        Task.active,
        Task.start_month >= months.first_of_year(month),
        Task.start_month <= last_start,
        col(Task.branch_id).in_(counted_branches(scope)),
    )


def _task_ratio(done, target):
    """done ÷ target, 1 once the target is reached (half a hundredth early, see REACHED_TOLERANCE)."""
    return case((done >= target - REACHED_TOLERANCE, 1.0), else_=done / target)


def _plan_ratio(now: int, start, due):
    """Plan progress at month index ``now`` of a task from month index ``start`` to ``due``: the share of
    its months begun, 0 before its start."""
    return case(
        (start > now, 0.0),
        (due <= now, 1.0),
        else_=cast(now - start + 1, Float) / cast(due - start + 1, Float),
    )


def _task_table(scope: Scope, at: list[str], last_start: str):
    """The active tasks of the year of the months ``at`` (all of one year) in scope that start by
    ``last_start``, each with its start and due month as month indexes and its progress summed through
    the i-th month of ``at`` as ``done_i`` (one index range per task and month).

    A materialised CTE (named by its year, so that one statement can hold several years), so that the
    progress of each task is summed once however often it is used.
    """

    def done(month: str):
        return (
            select(func.sum(TaskProgress.quantity))
            .where(TaskProgress.task_id == Task.id, TaskProgress.month <= month)
            .correlate(Task)
            .scalar_subquery()
        )

    return (
        select_columns(
            col(Task.id).label("task_id"),
            Task.branch_id,
            cast(Task.weight, Float).label("weight"),
            cast(Task.target_quantity, Float).label("target"),
            Task.start_month,
            Task.due_month,
            month_index(Task.start_month).label("start_index"),
            month_index(Task.due_month).label("due_index"),
            *(cast(func.coalesce(done(month), 0), Float).label(f"done_{i}") for i, month in enumerate(at)),
        )
        .where(*_of_year(scope, at[0], last_start))
        .cte(f"task_done_{months.year_of(at[0])}")
        .prefix_with("MATERIALIZED")
    )


@remembered(by_branch=in_tree_order("code"), kept=True)
def task_rows(*, session: Session, scope: Scope, month: str, started_only: bool = True) -> pd.DataFrame:
    """One row per active task of M's year in scope (only those started by M unless told otherwise).

    Columns: TASK_COLUMNS plus ``status`` (已完成/正常/滞后/严重滞后), ``overdue`` and ``months_late``.
    """
    last_start = month if started_only else months.make(months.year_of(month), 12)
    table = _task_table(scope, [month], last_start)
    now = months.index(month)
    stmt = (
        select_columns(
            table.c.task_id,
            Task.code,
            Task.title,
            table.c.branch_id,
            Organisation.name,
            Task.owner_member_id,
            Member.name,
            Task.mode,
            Task.unit,
            Task.target_quantity,
            table.c.weight,
            table.c.start_month,
            table.c.due_month,
            table.c.done_0,
            _task_ratio(table.c.done_0, table.c.target),
            _plan_ratio(now, table.c.start_index, table.c.due_index),
            table.c.due_index,
        )
        .join(Task, Task.id == table.c.task_id)
        .join(Organisation, Organisation.id == table.c.branch_id)
        .outerjoin(Member, col(Member.id) == Task.owner_member_id)
    )
    frame = frame_of(session.exec(stmt).all(), [*TASK_COLUMNS, "due_index"])
    position = orgs.tree_positions(session=session)
    frame = frame.sort_values(
        ["branch_id", "code"], key=lambda c: c.map(position) if c.name == "branch_id" else c
    )
    frame = frame.reset_index(drop=True)
    frame["owner"] = frame["owner"].fillna("未指定")
    frame["status"] = [task_status(r, p) for r, p in zip(frame["ratio"], frame["plan"], strict=True)]
    frame["overdue"] = pd.Series(  # bool even when empty, so that it always selects rows
        [
            is_overdue(due_month_index=d, month_index=now, ratio=r)
            for d, r in zip(frame["due_index"], frame["ratio"], strict=True)
        ],
        index=frame.index,
        dtype=bool,
    )
    frame["months_late"] = (now - frame["due_index"]).where(frame["overdue"], 0).astype(int)
    return frame.drop(columns="due_index")


SUM_COLUMNS = ["branch_id", "month", "weighted", "planned", "weight", "tasks"]


@remembered(by_branch=by_columns("month", "branch_id"), kept=True)
def completion_sums(*, session: Session, scope: Scope, at: Sequence[str]) -> pd.DataFrame:
    """任务完成率's sums, the one place they are defined (docs/metrics.md): for each month M of ``at`` and
    each 党支部 in scope with tasks started by M, over the active tasks of M's year that start by M:
    Σ weight × task ratio at M (``weighted``), Σ weight × plan ratio at M (``planned``), Σ weight and the
    number of tasks. A rate is ``weighted`` ÷ ``weight`` (``planned`` ÷ ``weight`` the plan progress), of
    one 党支部 or, added up over them, of any set of 党支部.

    One statement for all the months: per year a materialised table of its tasks with their progress
    summed through each month asked (``_task_table``), grouped by 党支部 once per month. Rows by month,
    then branch id.
    """
    asked = sorted(set(at))
    parts = []
    for year in sorted({months.year_of(month) for month in asked}):
        of_year = [month for month in asked if months.year_of(month) == year]
        table = _task_table(scope, of_year, max(of_year))
        parts += [
            select_columns(
                table.c.branch_id,
                literal(month, String).label("month"),
                func.sum(table.c.weight * _task_ratio(table.c[f"done_{i}"], table.c.target)),
                func.sum(
                    table.c.weight * _plan_ratio(months.index(month), table.c.start_index, table.c.due_index)
                ),
                func.sum(table.c.weight),
                func.count(),
            )
            .where(table.c.start_month <= month)
            .group_by(table.c.branch_id)
            for i, month in enumerate(of_year)
        ]
    if not parts:
        return pd.DataFrame(columns=SUM_COLUMNS)
    sums = frame_of(session.execute(union_all(*parts)).all(), SUM_COLUMNS)  # exec() takes no UNION
    return sums.sort_values(["month", "branch_id"], ignore_index=True)


@remembered(by_branch=by_columns("branch_id"), kept=True)
def branch_completion_at(*, session: Session, scope: Scope, at: Sequence[str]) -> dict[str, pd.DataFrame]:
    """Per month of ``at``, per 党支部 with tasks started by then: the sums of ``completion_sums`` with the
    completion rate, plan progress and status (one statement for all the months)."""
    sums = completion_sums(session=session, scope=scope, at=at)
    return {month: _branch_rates(sums[sums["month"] == month]) for month in at}


def _branch_rates(sums: pd.DataFrame) -> pd.DataFrame:
    """``completion_sums`` rows of one month with each 党支部's completion rate, plan progress and status."""
    frame = sums.drop(columns="month").reset_index(drop=True)
    # A 党支部 is in the sums for its tasks, so its weight is above 0: the ratios are plain divisions.
    frame["completion_rate"] = frame["weighted"] / frame["weight"]
    frame["plan_progress"] = frame["planned"] / frame["weight"]
    frame["status"] = [
        task_status(r, p) for r, p in zip(frame["completion_rate"], frame["plan_progress"], strict=True)
    ]
    return frame[
        ["branch_id", "weighted", "planned", "weight", "tasks", "completion_rate", "plan_progress", "status"]
    ]


OVERDUE_COLUMNS = ["code", "title", "branch", "owner", "due_month", "months_late", "ratio"]


@remembered(kept=True)
def overdue_tasks(*, session: Session, scope: Scope, month: str) -> pd.DataFrame:
    """超期 at M: tasks due before M and not finished, longest late first (then by branch and code)."""
    return late_first(task_rows(session=session, scope=scope, month=month))[OVERDUE_COLUMNS]


BRANCH_COLUMNS = ["branch_id", "branch", "completion_rate", "plan_progress", "status", "tasks", "overdue"]


def by_branch(tasks: pd.DataFrame, rates: pd.DataFrame) -> pd.DataFrame:
    """Per 党支部 with tasks, in the order of the task rows: completion rate, plan progress and status
    (``rates``: ``completion_sums`` of M with their rates), the number of tasks, of 超期 tasks and of each status."""
    counts = tasks.groupby(["branch_id", "branch"], sort=False).agg(
        tasks=("task_id", "size"), overdue=("overdue", "sum")
    )
    by_status = tasks.groupby(["branch_id", "branch", "status"], sort=False).size().unstack("status")
    branches = counts.join(by_status.reindex(columns=STATUSES)).reset_index()
    branches[STATUSES] = branches[STATUSES].fillna(0).astype(int)
    branches["overdue"] = branches["overdue"].astype(int)
    branches = branches.merge(
        rates[["branch_id", "completion_rate", "plan_progress", "status"]], on="branch_id", how="left"
    )
    return branches[[*BRANCH_COLUMNS, *STATUSES]]


@dataclass(frozen=True)
class TasksView:
    """The 任务完成 page: the scope's figures, each branch, every started task and the 超期 list."""

    month: str
    completion_rate: float | None
    plan_progress: float | None
    status_counts: dict[str, int]
    branches: pd.DataFrame
    tasks: pd.DataFrame
    heatmap: pd.DataFrame
    overdue: pd.DataFrame  # the 超期 tasks, the latest first

    def tasks_of(self, branch_id: int) -> pd.DataFrame:
        return self.tasks[self.tasks["branch_id"] == branch_id].reset_index(drop=True)


def tasks_view(*, session: Session, actor: Actor, month: str, org_ids: tuple[int, ...] = ()) -> TasksView:
    months.parse(month)
    scope = readable_scope(session=session, actor=actor, org_ids=org_ids)
    tasks = task_rows(session=session, scope=scope, month=month)
    counts = tasks["status"].value_counts()
    # January through M in one statement: M's figures and the heat map.
    sums = completion_sums(session=session, scope=scope, at=months.span(months.first_of_year(month), month))
    now = sums[sums["month"] == month]
    return TasksView(
        month=month,
        completion_rate=ratio(now["weighted"].sum(), now["weight"].sum()),
        plan_progress=ratio(now["planned"].sum(), now["weight"].sum()),
        status_counts={status: int(counts.get(status, 0)) for status in STATUSES},
        branches=by_branch(tasks, _branch_rates(now)),
        tasks=tasks,
        heatmap=completion_by_month(session=session, sums=sums),
        overdue=late_first(tasks),
    )


def late_first(tasks: pd.DataFrame) -> pd.DataFrame:
    """The 超期 rows of ``tasks``, longest late first, then by 党支部 and code."""
    late = tasks[tasks["overdue"]]
    return late.sort_values(
        ["months_late", "branch", "code"], ascending=[False, True, True], ignore_index=True
    )


def completion_by_month(*, session: Session, sums: pd.DataFrame) -> pd.DataFrame:
    """The heat map: the completion rate of each 党支部 at the end of every month of ``sums``
    (``completion_sums`` of January through M), months in order, 党支部 in tree order."""
    branch_ids = sums["branch_id"].unique().tolist()
    names = dict(
        session.exec(
            select(Organisation.id, Organisation.name).where(col(Organisation.id).in_(branch_ids))
        ).all()
    )
    position = orgs.tree_positions(session=session)
    ordered = sums.assign(position=sums["branch_id"].map(position)).sort_values(
        ["month", "position"], ignore_index=True
    )
    return pd.DataFrame(
        {
            "branch_id": ordered["branch_id"],
            "branch": ordered["branch_id"].map(names),
            # every 党支部 in the sums has tasks, so a weight above 0: the ratio is a plain division
            "completion_rate": ordered["weighted"] / ordered["weight"],
            "month": ordered["month"],
        }
    )


def task_history(*, session: Session, actor: Actor, task_id: int, month: str) -> pd.DataFrame:
    """A task's quantity in each month from its start through M (or its due month), with the running sum."""
    task = session.get(Task, task_id)
    if task is None:
        raise Refused("找不到该任务", field="任务")
    branch = session.get_one(Organisation, task.branch_id)
    if not readable_scope(session=session, actor=actor).contains(branch.path):
        raise Refused("无权查看其他党支部的数据", field="任务")
    if task.start_month > month:
        return pd.DataFrame(columns=["month", "quantity", "cumulative", "target"])
    last = min(month, task.due_month)
    entered = dict(
        session.exec(
            select_columns(TaskProgress.month, TaskProgress.quantity).where(
                TaskProgress.task_id == task_id, TaskProgress.month <= last
            )
        ).all()
    )
    span = months.span(task.start_month, last)
    quantities = [float(entered.get(each, 0)) for each in span]
    frame = pd.DataFrame({"month": span, "quantity": quantities})
    frame["cumulative"] = frame["quantity"].cumsum()
    frame["target"] = float(task.target_quantity)
    return frame


@dataclass(frozen=True)
class Workload:
    """任务量均衡: who carries how much of the year's tasks, and how tasks came to them (定制/领办)."""

    by_owner: pd.DataFrame
    by_branch: pd.DataFrame
    median_weight: float | None
    claimed_share: float | None


def workload(*, session: Session, actor: Actor, month: str, org_ids: tuple[int, ...] = ()) -> Workload:
    """Load = Σ weight of an owner's tasks of the year; owners above twice the median load are flagged."""
    scope = readable_scope(session=session, actor=actor, org_ids=org_ids)
    of_year = _of_year(scope, month, months.make(months.year_of(month), 12))
    claimed = case((col(Task.mode) == TaskMode.CLAIMED, 1), else_=0)
    rows = session.exec(
        select_columns(
            Task.owner_member_id,
            func.coalesce(Member.name, "未指定"),
            Task.branch_id,
            Organisation.name,
            func.count(col(Task.id)),
            func.sum(cast(Task.weight, Float)),
            func.sum(claimed),
            func.min(Task.code),
        )
        .join(Organisation, col(Organisation.id) == Task.branch_id)
        .outerjoin(Member, col(Member.id) == Task.owner_member_id)
        .where(*of_year)
        .group_by(col(Task.owner_member_id), Member.name, col(Task.branch_id), Organisation.name)
    ).all()
    columns = ["owner_id", "owner", "branch_id", "branch", "tasks", "weight", "claimed", "first_code"]
    loads = frame_of(rows, columns)
    position = orgs.tree_positions(session=session)
    # In the order of the task list (by branch, then code), so that equal loads keep that order.
    loads = loads.assign(position=loads["branch_id"].map(position)).sort_values(
        ["position", "first_code"], ignore_index=True
    )
    owners = loads[["owner_id", "owner", "branch", "tasks", "weight"]].sort_values(
        ["weight", "tasks"], ascending=False, kind="stable", ignore_index=True
    )
    median = float(owners["weight"].median()) if len(owners) else None
    owners["overloaded"] = owners["weight"] > WORKLOAD_FACTOR * median if median else False
    branches = (
        loads.groupby(["branch_id", "branch"], sort=False)[["tasks", "weight", "claimed"]].sum().reset_index()
    )
    branches["claimed_share"] = branches["claimed"] / branches["tasks"]
    branches["assigned_share"] = 1 - branches["claimed_share"]
    return Workload(
        by_owner=owners,
        by_branch=branches,
        median_weight=median,
        claimed_share=ratio(int(branches["claimed"].sum()), int(branches["tasks"].sum())),
    )
