"""总览: the four headline figures with 环比, every 党支部's row, the 红黑榜 and the alerts."""

from dataclasses import dataclass

import pandas as pd
from sqlmodel import Session

from data_layer import months
from data_layer.auth import WHOLE_TREE, Actor, Scope, readable_scope
from data_layer.metrics import budget, study, tasks
from data_layer.metrics.common import Figure, branches, ratio, submission_rate
from data_layer.rules import budget_status

BRANCH_COLUMNS = [
    "branch_id",
    "branch",
    "completion_rate",
    "plan_progress",
    "status",
    "study_on_track_rate",
    "budget_execution_rate",
    "submission_status",
]


@dataclass(frozen=True)
class Overview:
    month: str
    task_completion: Figure
    study_on_track: Figure
    budget_execution: Figure
    submission: Figure
    time_progress: float
    budget_status: str | None
    budget_rule: budget.BudgetRule | None
    branches: pd.DataFrame


def _figures_at(*, session: Session, scope: Scope, month: str) -> dict[str, object]:
    """The four headline figures at M for a scope, plus the per-branch table."""
    task_list = tasks.task_rows(session=session, scope=scope, month=month)
    study_sums = study.branch_sums(session=session, scope=scope, month=month)
    money = budget.branch_sums(session=session, scope=scope, month=month)
    branch_list = branches(session=session, scope=scope, month=month)

    table = branch_list.merge(
        tasks.by_branch(task_list)[["branch_id", "completion_rate", "plan_progress", "status"]],
        on="branch_id",
        how="left",
    )
    if study_sums is not None:
        table = table.merge(study_sums[["branch_id", "on_track_rate"]], on="branch_id", how="left")
        table = table.rename(columns={"on_track_rate": "study_on_track_rate"})
    else:
        table["study_on_track_rate"] = None
    table = table.merge(money, on="branch_id", how="left")
    table["budget_execution_rate"] = [
        ratio(spent, allocated) for spent, allocated in zip(table["spent"], table["allocated"], strict=True)
    ]
    return {
        "task_completion": tasks.completion(task_list),
        "study_on_track": (
            ratio(study_sums["on_track"].sum(), study_sums["members"].sum())
            if study_sums is not None
            else None
        ),
        "study_missing": study_sums is None,
        "budget_execution": ratio(money["spent"].sum(), money["allocated"].sum()),
        "submission": submission_rate(branch_list),
        "branches": table[BRANCH_COLUMNS],
    }


def overview(*, session: Session, actor: Actor, month: str, org_ids: tuple[int, ...] = ()) -> Overview:
    """The overview page: four headline figures at M with 环比, and every 党支部 in scope."""
    months.parse(month)
    scope = readable_scope(session=session, actor=actor, org_ids=org_ids)
    now = _figures_at(session=session, scope=scope, month=month)
    before = _figures_at(session=session, scope=scope, month=months.previous(month))
    year = months.year_of(month)
    reasons = {
        "task_completion": f"{year}年尚无已开始的任务",
        "study_on_track": f"未设置{year}年度学习目标" if now["study_missing"] else "没有在册党员",
        "budget_execution": f"未下达{year}年度经费预算",
        "submission": "没有在册党支部",
    }
    figures = {
        name: Figure(now[name], before[name], None if now[name] is not None else reason)
        for name, reason in reasons.items()
    }
    time_progress = months.number_of(month) / 12
    execution = figures["budget_execution"].value
    return Overview(
        month=month,
        time_progress=time_progress,
        budget_status=budget_status(execution, time_progress) if execution is not None else None,
        budget_rule=budget.budget_rule(session=session, year=year) if scope == WHOLE_TREE else None,
        branches=now["branches"],
        **figures,
    )
