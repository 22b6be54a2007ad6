"""总览: the four headline figures with 环比, every 党支部's row, the 红黑榜 and the alerts."""

from dataclasses import dataclass
from typing import Any

import pandas as pd
from sqlmodel import Session

from data_layer import months
from data_layer.auth import WHOLE_TREE, Actor, Scope, readable_scope
from data_layer.metrics import budget, study, tasks
from data_layer.metrics.common import Figure, branches, optional_ratios, ratio, submission_rate
from data_layer.rules import STUDY_LAGGING_RATE, budget_status, budget_statuses
from data_layer.store import remembered
from data_layer.vocab import BudgetStatus, SubmissionStatus

BRANCH_COLUMNS = [
    "branch_id",
    "branch",
    "completion_rate",
    "plan_progress",
    "status",
    "study_on_track_rate",
    "budget_execution_rate",
    "budget_status",
    "budget_score",
    "score",
    "submission_status",
]


def combined_score(frame: pd.DataFrame, time_progress: float) -> pd.DataFrame:
    """红黑榜 score: mean of completion rate, study on-track rate and 1 − |execution rate − time progress|.

    A part without data is left out of the mean; a branch with no part has no score.
    """
    budget_score = 1 - (frame["budget_execution_rate"].astype(float) - time_progress).abs()
    parts = pd.concat(
        [frame["completion_rate"].astype(float), frame["study_on_track_rate"].astype(float), budget_score],
        axis=1,
    )
    return frame.assign(budget_score=budget_score, score=parts.mean(axis=1, skipna=True))


RANKING_SIZE = 3


@dataclass(frozen=True)
class Alerts:
    """What needs a leader's attention at M: each a table, empty when all is well."""

    overdue_tasks: pd.DataFrame  # code, title, branch, owner, due_month, months_late, ratio
    overspent: pd.DataFrame  # branch, budget_execution_rate
    study_lagging: pd.DataFrame  # branch, study_on_track_rate
    missing_submissions: pd.DataFrame  # branch, submission_status

    @property
    def count(self) -> int:
        return sum(len(frame) for frame in vars(self).values())


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
    alerts: Alerts
    red_list: pd.DataFrame  # 红榜: the best branches by combined score (at most three)
    black_list: pd.DataFrame  # 黑榜: the weakest branches by combined score, weakest first


def _rankings(branches: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """红榜 and 黑榜: at most three each, never overlapping."""
    scored = branches.dropna(subset=["score"])
    scored = scored.sort_values(["score", "branch"], ascending=[False, True], ignore_index=True)
    red = min(RANKING_SIZE, (len(scored) + 1) // 2) if len(scored) > 1 else 0
    black = min(RANKING_SIZE, len(scored) // 2)
    black_list = scored.tail(black).iloc[::-1].reset_index(drop=True) if black else scored.head(0)
    return scored.head(red).reset_index(drop=True), black_list


def _figures_at(
    *,
    session: Session,
    scope: Scope,
    month: str,
    task_sums: pd.DataFrame,
    study_sums: pd.DataFrame | None,
) -> dict[str, Any]:
    """The four headline figures at M for a scope, plus the per-branch table."""
    money = budget.branch_sums(session=session, scope=scope, month=month)
    branch_list = branches(session=session, scope=scope, month=month)

    table = branch_list.merge(
        task_sums[["branch_id", "completion_rate", "plan_progress", "status"]], on="branch_id", how="left"
    )
    if study_sums is not None:
        table = table.merge(study_sums[["branch_id", "on_track_rate"]], on="branch_id", how="left")
        table = table.rename(columns={"on_track_rate": "study_on_track_rate"})
    else:
        table["study_on_track_rate"] = None
    table = table.merge(money, on="branch_id", how="left")
    table["budget_execution_rate"] = optional_ratios(table["spent"], table["allocated"])
    time_progress = months.number_of(month) / 12
    table["budget_status"] = budget_statuses(table["budget_execution_rate"], time_progress)
    table = combined_score(table, time_progress)
    return {
        "task_completion": ratio(task_sums["weighted"].sum(), task_sums["weight"].sum()),
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


def _alerts(table: pd.DataFrame, overdue: pd.DataFrame) -> Alerts:
    study_rate = table["study_on_track_rate"].astype(float)
    missing = ~table["submission_status"].isin([SubmissionStatus.SUBMITTED, SubmissionStatus.APPROVED])
    return Alerts(
        overdue_tasks=overdue,
        overspent=table.loc[
            table["budget_status"] == BudgetStatus.OVERSPENT, ["branch", "budget_execution_rate"]
        ].reset_index(drop=True),
        study_lagging=table.loc[
            study_rate < STUDY_LAGGING_RATE, ["branch", "study_on_track_rate"]
        ].reset_index(drop=True),
        missing_submissions=table.loc[missing, ["branch", "submission_status"]].reset_index(drop=True),
    )


def overview(*, session: Session, actor: Actor, month: str, org_ids: tuple[int, ...] = ()) -> Overview:
    """The overview page: four headline figures at M with 环比, and every 党支部 in the actor's scope (or
    the organisations asked for)."""
    months.parse(month)
    return overview_of(
        session=session, scope=readable_scope(session=session, actor=actor, org_ids=org_ids), month=month
    )


@remembered(kept=True)
def overview_of(*, session: Session, scope: Scope, month: str) -> Overview:
    """The overview of ``scope`` at M. Its parts (task, study and budget sums, the branch list, overdue
    tasks) are remembered reads, so after a write only those it changed are computed again; the whole is
    kept (data_layer/store/kept.py), so a process started later gives it without computing it."""
    both = (month, months.previous(month))
    task_sums = tasks.branch_completion_at(session=session, scope=scope, at=both)
    study_sums = study.branch_sums_at(session=session, scope=scope, at=both)
    now, before = (
        _figures_at(
            session=session,
            scope=scope,
            month=each,
            task_sums=task_sums[each],
            study_sums=study_sums[each],
        )
        for each in both
    )
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
    red_list, black_list = _rankings(now["branches"])
    return Overview(
        month=month,
        time_progress=time_progress,
        budget_status=budget_status(execution, time_progress) if execution is not None else None,
        budget_rule=budget.budget_rule(session=session, year=year) if scope == WHOLE_TREE else None,
        branches=now["branches"],
        red_list=red_list,
        black_list=black_list,
        alerts=_alerts(now["branches"], tasks.overdue_tasks(session=session, scope=scope, month=month)),
        **figures,
    )
