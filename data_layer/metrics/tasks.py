"""任务完成: task ratio, plan progress, status and 超期 per task; completion by branch; workload balance.

Each task's progress is summed in SQL; one row per task comes back and gets its ratio and plan ratio,
and the statuses are decided by ``rules`` so that the words mean the same everywhere. The heat map and
the workload are aggregated in SQL by 党支部 (and month, or owner).
"""

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import Float, case, cast, func
from sqlmodel import Session, select

from data_layer import months, orgs
from data_layer.auth import Actor, Scope, readable_scope
from data_layer.errors import Refused
from data_layer.metrics.common import REACHED_TOLERANCE, counted_branches, frame_of, month_index, ratio
from data_layer.models import Member, Organisation, Task, TaskProgress
from data_layer.rules import WORKLOAD_FACTOR, is_overdue, task_status
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
        Task.branch_id.in_(counted_branches(scope)),
    )


def _task_ratio(done, target):
    """done ÷ target, 1 once the target is reached (half a hundredth early, see REACHED_TOLERANCE)."""
    return case((done >= target - REACHED_TOLERANCE, 1.0), else_=done / target)


def _plan_ratio(now: int, start_month, due_month):
    """Plan progress at month index ``now``: the share of the task's months begun, 0 before its start."""
    start, due = month_index(start_month), month_index(due_month)
    return case(
        (start > now, 0.0),
        (due <= now, 1.0),
        else_=cast(now - start + 1, Float) / cast(due - start + 1, Float),
    )


def _task_table(scope: Scope, at: list[str], last_start: str):
    """The active tasks of the year of the months ``at`` in scope that start by ``last_start``, each with
    its progress summed through the i-th month of ``at`` as ``done_i`` (one index range per task and month).

    A materialised CTE, so that the progress of each task is summed once however often it is used.
    """

    def done(month: str):
        return (
            select(func.sum(TaskProgress.quantity))
            .where(TaskProgress.task_id == Task.id, TaskProgress.month <= month)
            .correlate(Task)
            .scalar_subquery()
        )

    return (
        select(
            Task.id.label("task_id"),
            Task.branch_id,
            cast(Task.weight, Float).label("weight"),
            cast(Task.target_quantity, Float).label("target"),
            Task.start_month,
            Task.due_month,
            *(cast(func.coalesce(done(month), 0), Float).label(f"done_{i}") for i, month in enumerate(at)),
        )
        .where(*_of_year(scope, at[0], last_start))
        .cte("task_done")
        .prefix_with("MATERIALIZED")
    )


def task_rows(*, session: Session, scope: Scope, month: str, started_only: bool = True) -> pd.DataFrame:
    """One row per active task of M's year in scope (only those started by M unless told otherwise).

    Columns: TASK_COLUMNS plus ``status`` (已完成/正常/滞后/严重滞后), ``overdue`` and ``months_late``.
    """
    last_start = month if started_only else months.make(months.year_of(month), 12)
    table = _task_table(scope, [month], last_start)
    now = months.index(month)
    stmt = (
        select(
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
            _plan_ratio(now, table.c.start_month, table.c.due_month),
            month_index(table.c.due_month),
        )
        .join(Task, Task.id == table.c.task_id)
        .join(Organisation, Organisation.id == table.c.branch_id)
        .outerjoin(Member, Member.id == Task.owner_member_id)
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


def branch_completion_at(*, session: Session, scope: Scope, at: Sequence[str]) -> dict[str, pd.DataFrame]:
    """Per month of ``at``, per 党支部 with tasks started by then: Σ weight × ratio (``weighted``), Σ weight,
    completion rate, plan progress and status, summed in SQL; one statement for the months of one year."""
    found = {}
    for year in sorted({months.year_of(month) for month in at}):
        of_year = [month for month in at if months.year_of(month) == year]
        table = _task_table(scope, of_year, max(of_year))
        sums = []
        for i, month in enumerate(of_year):
            started = table.c.start_month <= month
            task_ratio = _task_ratio(table.c[f"done_{i}"], table.c.target)
            plan = _plan_ratio(months.index(month), table.c.start_month, table.c.due_month)
            sums += [
                func.sum(case((started, table.c.weight * task_ratio))),
                func.sum(case((started, table.c.weight * plan))),
                func.sum(case((started, table.c.weight))),
                func.count(case((started, 1))),
            ]
        rows = session.exec(select(table.c.branch_id, *sums).group_by(table.c.branch_id)).all()
        for i, month in enumerate(of_year):
            frame = frame_of(
                [(row[0], *row[1 + 4 * i : 5 + 4 * i]) for row in rows],
                ["branch_id", "weighted", "planned", "weight", "tasks"],
            )
            found[month] = _branch_rates(frame[frame["tasks"] > 0].reset_index(drop=True))
    return found


def _branch_rates(frame: pd.DataFrame) -> pd.DataFrame:
    frame["completion_rate"] = [ratio(d, w) for d, w in zip(frame["weighted"], frame["weight"], strict=True)]
    frame["plan_progress"] = [ratio(p, w) for p, w in zip(frame["planned"], frame["weight"], strict=True)]
    frame["status"] = [
        task_status(r, p) for r, p in zip(frame["completion_rate"], frame["plan_progress"], strict=True)
    ]
    return frame[["branch_id", "weighted", "weight", "completion_rate", "plan_progress", "status"]]


OVERDUE_COLUMNS = ["code", "title", "branch", "owner", "due_month", "months_late", "ratio"]


def overdue_tasks(*, session: Session, scope: Scope, month: str) -> pd.DataFrame:
    """超期 at M: tasks due before M and not finished, longest late first (then by branch and code)."""
    table = _task_table(scope, [month], month)
    task_ratio = _task_ratio(table.c.done_0, table.c.target)
    now = months.index(month)
    rows = session.exec(
        select(
            Task.code,
            Task.title,
            Organisation.name,
            func.coalesce(Member.name, "未指定"),
            table.c.due_month,
            now - month_index(table.c.due_month),
            task_ratio,
        )
        .join(Task, Task.id == table.c.task_id)
        .join(Organisation, Organisation.id == table.c.branch_id)
        .outerjoin(Member, Member.id == Task.owner_member_id)
        .where(month_index(table.c.due_month) < now, task_ratio < 1)
    ).all()
    frame = frame_of(rows, OVERDUE_COLUMNS)
    return frame.sort_values(
        ["months_late", "branch", "code"], ascending=[False, True, True], ignore_index=True
    )


def completion(tasks: pd.DataFrame) -> float | None:
    """Σ weight × ratio ÷ Σ weight: the completion rate of whatever tasks are given."""
    return ratio((tasks["weight"] * tasks["ratio"]).sum(), tasks["weight"].sum())


def plan_progress(tasks: pd.DataFrame) -> float | None:
    return ratio((tasks["weight"] * tasks["plan"]).sum(), tasks["weight"].sum())


BRANCH_COLUMNS = ["branch_id", "branch", "completion_rate", "plan_progress", "status", "tasks", "overdue"]


def by_branch(tasks: pd.DataFrame) -> pd.DataFrame:
    """Per 党支部 with tasks: completion rate, plan progress, status, task count and counts by status."""
    sums = (
        tasks.assign(
            done_weight=tasks["weight"] * tasks["ratio"], plan_weight=tasks["weight"] * tasks["plan"]
        )
        .groupby(["branch_id", "branch"], sort=False)
        .agg(
            weight=("weight", "sum"),
            done_weight=("done_weight", "sum"),
            plan_weight=("plan_weight", "sum"),
            tasks=("task_id", "size"),
            overdue=("overdue", "sum"),
        )
    )
    counts = tasks.groupby(["branch_id", "branch", "status"], sort=False).size().unstack("status")
    branches = sums.join(counts.reindex(columns=STATUSES)).reset_index()
    branches[STATUSES] = branches[STATUSES].fillna(0).astype(int)
    branches["overdue"] = branches["overdue"].astype(int)
    branches["completion_rate"] = [
        ratio(d, w) for d, w in zip(branches["done_weight"], branches["weight"], strict=True)
    ]
    branches["plan_progress"] = [
        ratio(p, w) for p, w in zip(branches["plan_weight"], branches["weight"], strict=True)
    ]
    branches["status"] = [
        task_status(r, p) for r, p in zip(branches["completion_rate"], branches["plan_progress"], strict=True)
    ]
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
    return TasksView(
        month=month,
        completion_rate=completion(tasks),
        plan_progress=plan_progress(tasks),
        status_counts={status: int(counts.get(status, 0)) for status in STATUSES},
        branches=by_branch(tasks),
        tasks=tasks,
        heatmap=completion_by_month(session=session, scope=scope, month=month),
        overdue=_overdue(tasks),
    )


def _overdue(tasks: pd.DataFrame) -> pd.DataFrame:
    late = tasks[tasks["overdue"]]
    return late.sort_values(["months_late", "branch"], ascending=[False, True], ignore_index=True)


def monthly_sums(*, session: Session, scope: Scope, month: str) -> pd.DataFrame:
    """Per 党支部 and month from January through M: Σ weight × ratio, Σ weight and the number of tasks
    started by the end of that month (rows only where some task has started), months in order.

    One pass over the year's progress: each progress row raises its task's ratio from what was done
    before it to what is done with it, from that month (or the task's start) on; the running sums of
    those rises by month are Σ weight × ratio at the end of each month.
    """
    of_year = _of_year(scope, month, month)
    target, weight = cast(Task.target_quantity, Float), cast(Task.weight, Float)
    progress = (
        select(
            Task.branch_id,
            Task.start_month,
            TaskProgress.month,
            weight.label("weight"),
            target.label("target"),
            cast(TaskProgress.quantity, Float).label("quantity"),
            cast(
                func.sum(TaskProgress.quantity).over(
                    partition_by=TaskProgress.task_id, order_by=TaskProgress.month
                ),
                Float,
            ).label("done"),
        )
        .join(Task, Task.id == TaskProgress.task_id)
        .where(TaskProgress.month <= month, *of_year)
        .subquery()
    )
    counted_from = case(
        (progress.c.month > progress.c.start_month, progress.c.month), else_=progress.c.start_month
    ).label("month")
    rise = progress.c.weight * (
        _task_ratio(progress.c.done, progress.c.target)
        - _task_ratio(progress.c.done - progress.c.quantity, progress.c.target)
    )
    rise_rows = session.exec(
        select(progress.c.branch_id, counted_from, func.sum(rise)).group_by(
            progress.c.branch_id, counted_from
        )
    ).all()
    start_rows = session.exec(
        select(Task.branch_id, Task.start_month, func.sum(weight), func.count(Task.id))
        .where(*of_year)
        .group_by(Task.branch_id, Task.start_month)
    ).all()
    span = months.span(months.first_of_year(month), month)
    started = frame_of(start_rows, ["branch_id", "month", "weight", "tasks"])
    rises = frame_of(rise_rows, ["branch_id", "month", "weighted"])
    position = orgs.tree_positions(session=session)
    in_order = sorted(started["branch_id"].unique(), key=position.__getitem__)

    def added_up(frame: pd.DataFrame, value: str) -> pd.Series:
        """``value`` of each branch (rows, tree order) by month (columns), added up month by month, then
        one entry per month and branch, months first."""
        wide = frame.pivot(index="branch_id", columns="month", values=value)
        wide = wide.reindex(index=in_order, columns=span).fillna(0).astype(float).cumsum(axis=1)
        return wide.T.stack()

    sums = pd.DataFrame(
        {
            "weighted": added_up(rises, "weighted"),
            "weight": added_up(started, "weight"),
            "tasks": added_up(started, "tasks").astype(int),
        }
    )
    sums = sums.rename_axis(["month", "branch_id"]).reset_index()
    return sums.loc[sums["tasks"] > 0, ["branch_id", "month", "weight", "tasks", "weighted"]].reset_index(
        drop=True
    )


def completion_by_month(*, session: Session, scope: Scope, month: str) -> pd.DataFrame:
    """Completion rate of each 党支部 at the end of every month from January through M (the heat map)."""
    sums = monthly_sums(session=session, scope=scope, month=month)
    names = dict(
        session.exec(
            select(Organisation.id, Organisation.name).where(Organisation.id.in_(counted_branches(scope)))
        ).all()
    )
    return pd.DataFrame(
        {
            "branch_id": sums["branch_id"],
            "branch": sums["branch_id"].map(names),
            "completion_rate": [ratio(d, w) for d, w in zip(sums["weighted"], sums["weight"], strict=True)],
            "month": sums["month"],
        }
    )


def task_history(*, session: Session, actor: Actor, task_id: int, month: str) -> pd.DataFrame:
    """A task's quantity in each month from its start through M (or its due month), with the running sum."""
    task = session.get(Task, task_id)
    if task is None:
        raise Refused("找不到该任务", field="任务")
    branch = session.get(Organisation, task.branch_id)
    if not readable_scope(session=session, actor=actor).contains(branch.path):
        raise Refused("无权查看其他党支部的数据", field="任务")
    if task.start_month > month:
        return pd.DataFrame(columns=["month", "quantity", "cumulative", "target"])
    last = min(month, task.due_month)
    entered = dict(
        session.exec(
            select(TaskProgress.month, TaskProgress.quantity).where(
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
    claimed = case((Task.mode == TaskMode.CLAIMED, 1), else_=0)
    rows = session.exec(
        select(
            Task.owner_member_id,
            func.coalesce(Member.name, "未指定"),
            Task.branch_id,
            Organisation.name,
            func.count(Task.id),
            func.sum(cast(Task.weight, Float)),
            func.sum(claimed),
            func.min(Task.code),
        )
        .join(Organisation, Organisation.id == Task.branch_id)
        .outerjoin(Member, Member.id == Task.owner_member_id)
        .where(*of_year)
        .group_by(Task.owner_member_id, Member.name, Task.branch_id, Organisation.name)
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
