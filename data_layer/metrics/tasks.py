"""任务完成: task ratio, plan progress, status and 超期 per task; completion by branch; workload balance.

Each task's progress is summed in SQL; one row per task comes back with its ratio and plan ratio, and
the statuses are decided by ``rules`` so that the words mean the same everywhere.
"""

from dataclasses import dataclass

import pandas as pd
from sqlalchemy import Float, case, cast, func
from sqlmodel import Session, select

from data_layer import months, orgs
from data_layer.auth import Actor, Scope, readable_scope
from data_layer.errors import Refused
from data_layer.metrics.common import REACHED_TOLERANCE, month_index, ratio
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


def task_rows(*, session: Session, scope: Scope, month: str, started_only: bool = True) -> pd.DataFrame:
    """One row per active task of M's year in scope (only those started by M unless told otherwise).

    Columns: TASK_COLUMNS plus ``status`` (已完成/正常/滞后/严重滞后), ``overdue`` and ``months_late``.
    """
    done = (
        select(TaskProgress.task_id, func.sum(TaskProgress.quantity).label("done"))
        .where(TaskProgress.month <= month)
        .group_by(TaskProgress.task_id)
        .subquery()
    )
    done_qty = cast(func.coalesce(done.c.done, 0), Float)
    target = cast(Task.target_quantity, Float)
    task_ratio = case((done_qty >= target - REACHED_TOLERANCE, 1.0), else_=done_qty / target)
    now, start, due = months.index(month), month_index(Task.start_month), month_index(Task.due_month)
    plan = case(
        (start > now, 0.0),
        (due <= now, 1.0),
        else_=cast(now - start + 1, Float) / cast(due - start + 1, Float),
    )
    year = months.year_of(month)
    last_start = month if started_only else months.make(year, 12)
    stmt = (
        select(
            Task.id,
            Task.code,
            Task.title,
            Task.branch_id,
            Organisation.name,
            Task.owner_member_id,
            Member.name,
            Task.mode,
            Task.unit,
            Task.target_quantity,
            cast(Task.weight, Float),
            Task.start_month,
            Task.due_month,
            done_qty,
            task_ratio,
            plan,
        )
        .join(Organisation, Organisation.id == Task.branch_id)
        .outerjoin(Member, Member.id == Task.owner_member_id)
        .outerjoin(done, done.c.task_id == Task.id)
        .where(
            Task.active,
            Organisation.active,
            Task.start_month >= months.make(year, 1),
            Task.start_month <= last_start,
            scope.covers(Organisation.path),
        )
        .order_by(Task.code)
    )
    frame = pd.DataFrame(session.exec(stmt).all(), columns=TASK_COLUMNS)
    position = orgs.tree_positions(session=session)
    frame = frame.sort_values(
        ["branch_id", "code"], key=lambda c: c.map(position) if c.name == "branch_id" else c
    )
    frame = frame.reset_index(drop=True)
    frame["owner"] = frame["owner"].fillna("未指定")
    frame["status"] = [task_status(r, p) for r, p in zip(frame["ratio"], frame["plan"], strict=True)]
    due_index = frame["due_month"].map(months.index)
    frame["overdue"] = [
        is_overdue(due_month_index=d, month_index=now, ratio=r)
        for d, r in zip(due_index, frame["ratio"], strict=True)
    ]
    frame["months_late"] = (now - due_index).where(frame["overdue"], 0).astype(int)
    return frame


def completion(tasks: pd.DataFrame) -> float | None:
    """Σ weight × ratio ÷ Σ weight: the completion rate of whatever tasks are given."""
    return ratio((tasks["weight"] * tasks["ratio"]).sum(), tasks["weight"].sum())


def plan_progress(tasks: pd.DataFrame) -> float | None:
    return ratio((tasks["weight"] * tasks["plan"]).sum(), tasks["weight"].sum())


def by_branch(tasks: pd.DataFrame) -> pd.DataFrame:
    """Per 党支部 with tasks: completion rate, plan progress, status, task count and counts by status."""
    rows = []
    for (branch_id, branch), group in tasks.groupby(["branch_id", "branch"], sort=False):
        rate, plan = completion(group), plan_progress(group)
        counts = group["status"].value_counts()
        rows.append(
            {
                "branch_id": branch_id,
                "branch": branch,
                "completion_rate": rate,
                "plan_progress": plan,
                "status": task_status(rate, plan),
                "tasks": len(group),
                "overdue": int(group["overdue"].sum()),
                **{status: int(counts.get(status, 0)) for status in STATUSES},
            }
        )
    columns = [
        "branch_id",
        "branch",
        "completion_rate",
        "plan_progress",
        "status",
        "tasks",
        "overdue",
        *STATUSES,
    ]
    return pd.DataFrame(rows, columns=columns)


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

    @property
    def overdue(self) -> pd.DataFrame:
        late = self.tasks[self.tasks["overdue"]]
        return late.sort_values(["months_late", "branch"], ascending=[False, True], ignore_index=True)

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
    )


def completion_by_month(*, session: Session, scope: Scope, month: str) -> pd.DataFrame:
    """Completion rate of each 党支部 at the end of every month from January through M (the heat map)."""
    frames = []
    for each in months.span(months.first_of_year(month), month):
        branch_rates = by_branch(task_rows(session=session, scope=scope, month=each))
        frames.append(branch_rates[["branch_id", "branch", "completion_rate"]].assign(month=each))
    return pd.concat(frames, ignore_index=True)


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
    tasks = task_rows(session=session, scope=scope, month=month, started_only=False)
    owners = (
        tasks.groupby(["owner_id", "owner", "branch"], sort=False, dropna=False)
        .agg(tasks=("task_id", "size"), weight=("weight", "sum"))
        .reset_index()
        .sort_values(["weight", "tasks"], ascending=False, ignore_index=True)
    )
    median = float(owners["weight"].median()) if len(owners) else None
    owners["overloaded"] = owners["weight"] > WORKLOAD_FACTOR * median if median else False
    claimed = tasks["mode"] == TaskMode.CLAIMED
    branches = (
        tasks.assign(claimed=claimed)
        .groupby(["branch_id", "branch"], sort=False)
        .agg(tasks=("task_id", "size"), weight=("weight", "sum"), claimed=("claimed", "sum"))
        .reset_index()
    )
    branches["claimed_share"] = branches["claimed"] / branches["tasks"]
    branches["assigned_share"] = 1 - branches["claimed_share"]
    return Workload(
        by_owner=owners,
        by_branch=branches,
        median_weight=median,
        claimed_share=ratio(int(claimed.sum()), len(tasks)),
    )
