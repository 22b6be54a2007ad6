"""A naive 总览 for the page benchmark: every rerun reads the whole tables into pandas and groups them.

This is the deliberately naive baseline, not a definition: the product's figures are those of
data_layer/metrics (任务完成率: the SQL builder ``tasks.completion_sums``); this copy only mirrors them.

What the overview would cost without SQL aggregation and caching: the four headline figures with 环比,
the ranking chart and every 党支部's row (figures as defined in docs/metrics.md, whole tree), drawn with
the dashboard's own chart and table. benchmarks/pages.py measures it beside the real overview and checks
that both show the same headline figures. The database is ``DATABASE_URL``; the month is
``st.session_state["month"]`` (the benchmark sets it), else the newest month with task progress.
"""

import pandas as pd
import streamlit as st

from data_layer import months
from data_layer.metrics.common import REACHED_TOLERANCE, Figure, ratio
from data_layer.models import (
    BudgetAllocation,
    Expense,
    Member,
    Organisation,
    StudyRecord,
    Submission,
    Task,
    TaskProgress,
    YearParameter,
)
from data_layer.rules import task_status
from data_layer.store import db
from data_layer.vocab import OrgKind, SubmissionStatus
from ui import charts, columns, components, format, text

MODELS = (
    Organisation,
    Task,
    TaskProgress,
    Member,
    StudyRecord,
    YearParameter,
    BudgetAllocation,
    Expense,
    Submission,
)
DONE = (SubmissionStatus.SUBMITTED, SubmissionStatus.APPROVED)


def whole_tables() -> dict[type, pd.DataFrame]:
    with db.get_engine().connect() as connection:
        return {model: pd.read_sql_table(model.__tablename__, connection) for model in MODELS}


def month_index(texts: pd.Series) -> pd.Series:
    return texts.str[:4].astype(int) * 12 + texts.str[5:7].astype(int) - 1


def weighted(frame: pd.DataFrame, column: str) -> float | None:
    return ratio((frame["weight"] * frame[column]).sum(), frame["weight"].sum())


def task_figures(tables: dict, branch_ids: pd.Series, month: str) -> tuple[float | None, pd.DataFrame]:
    """Completion rate, and per 党支部 completion, plan progress and status."""
    tasks = tables[Task]
    tasks = tasks[
        tasks["active"]
        & tasks["start_month"].between(months.first_of_year(month), month)
        & tasks["branch_id"].isin(branch_ids)
    ]
    progress = tables[TaskProgress]
    done = progress[progress["month"] <= month].groupby("task_id")["quantity"].sum()
    done = tasks["id"].map(done).fillna(0).astype(float)
    target = tasks["target_quantity"].astype(float)
    now, start, due = months.index(month), month_index(tasks["start_month"]), month_index(tasks["due_month"])
    tasks = tasks.assign(
        weight=tasks["weight"].astype(float),
        ratio=(done / target).where(done < target - REACHED_TOLERANCE, 1.0),
        plan=((now - start + 1) / (due - start + 1)).clip(upper=1.0),
    )
    rows = [
        {
            "branch_id": branch_id,
            "completion_rate": weighted(group, "ratio"),
            "plan_progress": weighted(group, "plan"),
        }
        for branch_id, group in tasks.groupby("branch_id")
    ]
    per_branch = pd.DataFrame(rows, columns=["branch_id", "completion_rate", "plan_progress"])
    per_branch["status"] = [
        task_status(rate, plan)
        for rate, plan in zip(per_branch["completion_rate"], per_branch["plan_progress"], strict=True)
    ]
    return weighted(tasks, "ratio"), per_branch


def study_figures(tables: dict, branch_ids: pd.Series, month: str) -> tuple[float | None, pd.DataFrame]:
    """Study on-track rate, and per 党支部: members on track at M ÷ members counted."""
    year, number = months.parse(month)
    targets = tables[YearParameter].set_index("year")
    if year not in targets.index:
        return None, pd.DataFrame(columns=["branch_id", "study_on_track_rate"])
    members = tables[Member].copy()
    day = pd.Timestamp(months.last_day(month))
    january = pd.Timestamp(months.first_of_year(month) + "-01")
    joined = pd.to_datetime(members["joined_on"])
    start = pd.concat([joined, pd.to_datetime(members["arrived_on"]).fillna(joined)], axis=1).max(axis=1)
    # counted from the month of the start, not from the month of 转出 or 离世; in the 党支部 of the month
    gone = pd.concat([pd.to_datetime(members[c]) for c in ("left_on", "died_on")], axis=1).min(axis=1)
    moved = pd.to_datetime(members["moved_on"])
    before_move = moved.notna() & (moved.dt.to_period("M") > day.to_period("M"))
    members["branch_id"] = members["branch_id"].where(~before_move, members["previous_branch_id"])
    members["first"] = start.where(start > january, january).dt.to_period("M")
    members = members[
        members["active"]
        & (start <= day)
        & (gone.isna() | (gone.dt.to_period("M") > day.to_period("M")))
        & members["branch_id"].isin(branch_ids)
    ]
    records = tables[StudyRecord]
    records = records[records["month"].between(months.first_of_year(month), month)]
    records = records[records["member_id"].isin(members["id"])]
    first = records["member_id"].map(members.set_index("id")["first"])
    records = records[[pd.Period(m, freq="M") >= f for m, f in zip(records["month"], first, strict=True)]]
    sums = records.groupby("member_id")[["hours", "points"]].sum()
    hours = members["id"].map(sums["hours"]).fillna(0).astype(float)
    points = members["id"].map(sums["points"]).fillna(0).astype(float)
    elapsed = number - members["first"].map(lambda period: period.month).astype(int) + 1
    hours_due = float(targets.loc[year, "monthly_hours_target"]) * elapsed
    points_due = float(targets.loc[year, "monthly_points_target"]) * elapsed
    members = members.assign(
        on_track=(hours >= hours_due - REACHED_TOLERANCE) & (points >= points_due - REACHED_TOLERANCE)
    )
    per_branch = members.groupby("branch_id", as_index=False)["on_track"].mean()
    per_branch = per_branch.rename(columns={"on_track": "study_on_track_rate"})
    return ratio(int(members["on_track"].sum()), len(members)), per_branch


def budget_figures(tables: dict, branch_ids: pd.Series, month: str) -> tuple[float | None, pd.DataFrame]:
    """Budget execution rate, and per 党支部: expenses 1 January – end of M ÷ the year's allocations."""
    year = months.year_of(month)
    allocations = tables[BudgetAllocation]
    allocations = allocations[(allocations["year"] == year) & allocations["branch_id"].isin(branch_ids)]
    expenses = tables[Expense]
    spent_on = pd.to_datetime(expenses["spent_on"])
    expenses = expenses[
        spent_on.between(pd.Timestamp(year, 1, 1), pd.Timestamp(months.last_day(month)))
        & expenses["branch_id"].isin(branch_ids)
    ]
    allocated = allocations.groupby("branch_id")["amount"].sum().astype(float)
    spent = expenses.groupby("branch_id")["amount"].sum().astype(float)
    money = pd.concat([allocated.rename("allocated"), spent.rename("spent")], axis=1)
    money["budget_execution_rate"] = [
        ratio(s, a) for s, a in zip(money["spent"], money["allocated"], strict=True)
    ]
    per_branch = money.rename_axis("branch_id").reset_index()[["branch_id", "budget_execution_rate"]]
    return ratio(money["spent"].sum(), money["allocated"].sum()), per_branch


def figures_at(tables: dict, month: str) -> dict:
    """The four headline figures at M and the table of every active 党支部."""
    organisations = tables[Organisation]
    branches = organisations[(organisations["kind"] == OrgKind.BRANCH) & organisations["active"]]
    branches = branches.sort_values("path")[["id", "name"]].rename(
        columns={"id": "branch_id", "name": "branch"}
    )
    submissions = tables[Submission]
    status = submissions[submissions["month"] == month].set_index("branch_id")["status"]
    branches["submission_status"] = branches["branch_id"].map(status).fillna(SubmissionStatus.NONE)
    completion, by_tasks = task_figures(tables, branches["branch_id"], month)
    on_track, by_study = study_figures(tables, branches["branch_id"], month)
    execution, by_budget = budget_figures(tables, branches["branch_id"], month)
    table = branches.merge(by_tasks, on="branch_id", how="left")
    table = table.merge(by_study, on="branch_id", how="left").merge(by_budget, on="branch_id", how="left")
    submitted = ratio(int(branches["submission_status"].isin(DONE).sum()), len(branches))
    return {
        "task_completion": completion,
        "study_on_track": on_track,
        "budget_execution": execution,
        "submission": submitted,
        "branches": table,
    }


tables = whole_tables()
month = st.session_state.get("month") or tables[TaskProgress]["month"].max()
now, before = figures_at(tables, month), figures_at(tables, months.previous(month))
label = format.month_label(month)
st.title(f"{text.PAGE_OVERVIEW} · {label}")
components.headline_rates(
    [
        (title, Figure(now[name], before[name]), None)
        for title, name in [
            (text.TASK_COMPLETION, "task_completion"),
            (text.STUDY_ON_TRACK, "study_on_track"),
            (text.BUDGET_EXECUTION, "budget_execution"),
            (text.SUBMISSION_RATE, "submission"),
        ]
    ]
)
branches = now["branches"]
title = text.RANKING_TITLE.format(month=format.short_month_label(month))
st.altair_chart(charts.completion_ranking(branches, title=title), theme=None, width="stretch")
st.subheader(text.BRANCH_TABLE_TITLE.format(month=label))
components.table(
    branches.assign(status=branches["status"].map(charts.status_label)),
    columns.BRANCH_FIGURES,
    download=f"各党支部主要指标_{month}",
    key="naive-branches",
)
