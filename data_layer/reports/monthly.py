"""The monthly report as plain data: the same figures the pages show, for scripts, checks and files.

Rates are rounded to 4 decimals, averages to 2, money is text with 2 decimals; 党支部 are named.
"""

from typing import Any

from sqlmodel import Session

from data_layer import months, orgs
from data_layer.auth import Actor, readable_scope
from data_layer.metrics import budget, dues, ideas, meetings, pairs, safety, safety_view, stars, study, tasks
from data_layer.metrics.overview import overview
from data_layer.models import Organisation
from data_layer.reports import _values as values
from data_layer.reports import lean
from data_layer.reports import safety as safety_report
from data_layer.vocab import SubmissionStatus


def _org_name(session: Session, actor: Actor, org_ids: tuple[int, ...]) -> str:
    if org_ids:
        return "、".join(session.get_one(Organisation, node).name for node in org_ids)
    nodes = orgs.visible_nodes(session=session, actor=actor)
    return nodes[0].name if nodes else ""


def _tasks(view: tasks.TasksView) -> dict[str, Any]:
    return {
        "completion_rate": values.rate(view.completion_rate),
        "plan_ratio": values.rate(view.plan_progress),
        "status_counts": view.status_counts,
        "overdue": len(view.overdue),
        "by_branch": [
            {
                "branch": row["branch"],
                "completion_rate": values.rate(row["completion_rate"]),
                "plan_ratio": values.rate(row["plan_progress"]),
                "status": row["status"],
                "status_counts": {status: int(row[status]) for status in tasks.STATUSES},
                "overdue": int(row["overdue"]),
            }
            for _, row in view.branches.iterrows()
        ],
        "overdue_tasks": [
            {
                "code": row["code"],
                "title": row["title"],
                "branch": row["branch"],
                "owner": row["owner"],
                "due_month": row["due_month"],
                "months_late": int(row["months_late"]),
            }
            for _, row in view.overdue.iterrows()
        ],
    }


def _study(view: study.StudyView) -> dict[str, Any]:
    if view.targets is None:
        return {"on_track_rate": None, "avg_points": None, "by_branch": [], "laggards": []}
    return {
        "on_track_rate": values.rate(view.on_track_rate),
        "avg_points": values.average(view.avg_points),
        "members": int(view.branches["members"].sum()),
        "by_branch": [
            {
                "branch": row["branch"],
                "members": int(row["members"]),
                "on_track_rate": values.rate(row["on_track_rate"]),
                "avg_points": values.average(row["avg_points"]),
            }
            for _, row in view.branches.iterrows()
        ],
        "laggards": [
            {
                "member_no": row["member_no"],
                "name": row["name"],
                "branch": row["branch"],
                "hours_short": values.average(row["hours_short"]),
                "points_short": int(row["points_short"]),
            }
            for _, row in view.laggards.iterrows()
        ],
    }


def _budget(view: budget.BudgetView) -> dict[str, Any]:
    return {
        "rule_amount": values.money(view.rule.rule_amount) if view.rule else None,
        "allocated": values.money(view.allocated),
        "spent_ytd": values.money(view.spent_ytd),
        "execution_rate": values.rate(view.execution_rate),
        "time_progress": values.rate(view.time_progress),
        "status": view.status,
        "carry_forward": values.money(view.carry_forward.balance) if view.carry_forward else None,
        "by_branch": [
            {
                "branch": row["branch"],
                "allocated": values.money(row["allocated"]),
                "spent_ytd": values.money(row["spent_ytd"]),
                "execution_rate": values.rate(row["execution_rate"]),
                "status": row["status"],
            }
            for _, row in view.by_branch.iterrows()
        ],
        "by_category": [
            {
                "category": row["category"],
                "allocated": values.money(row["allocated"]),
                "spent_ytd": values.money(row["spent_ytd"]),
                "execution_rate": values.rate(row["execution_rate"]),
            }
            for _, row in view.by_category.iterrows()
        ],
        "alerts": list(view.alerts),
    }


def _meetings(view: meetings.MeetingsView) -> dict[str, Any]:
    def without_id(rows: list[dict]) -> list[dict]:
        return [{key: value for key, value in row.items() if key != "branch_id"} for row in rows]

    return {
        "month_compliance": values.rate(view.month_compliance.value),
        "quarter_compliance": values.rate(view.quarter_compliance.value),
        "attendance_rate": values.rate(view.attendance.value),
        "below_quorum": len(view.below_quorum),
        "by_branch": without_id(view.counts(meetings.MONTH)),
        "quarter_by_branch": without_id(view.counts(meetings.QUARTER)),
    }


def monthly_report(
    *, session: Session, actor: Actor, month: str, org_ids: tuple[int, ...] = ()
) -> dict[str, Any]:
    """Every figure of the leader views for M and the organisations asked for (all the actor may see)."""
    months.parse(month)
    scope = readable_scope(session=session, actor=actor, org_ids=org_ids)
    asked: dict[str, Any] = {"session": session, "actor": actor, "month": month, "org_ids": org_ids}
    summary = overview(**asked)
    branch_list = summary.branches
    missing = ~branch_list["submission_status"].isin([SubmissionStatus.SUBMITTED, SubmissionStatus.APPROVED])
    return {
        "month": month,
        "org": _org_name(session, actor, org_ids),
        "overview": {
            "task_completion": values.figure(summary.task_completion),
            "study_on_track": values.figure(summary.study_on_track),
            "budget_execution": values.figure(summary.budget_execution),
            "submission": values.figure(summary.submission),
            "time_progress": values.rate(summary.time_progress),
        },
        "ranking": {
            "red": [
                {"branch": row["branch"], "score": values.rate(row["score"])}
                for _, row in summary.red_list.iterrows()
            ],
            "black": [
                {"branch": row["branch"], "score": values.rate(row["score"])}
                for _, row in summary.black_list.iterrows()
            ],
        },
        "tasks": _tasks(tasks.tasks_view(**asked)),
        "study": _study(study.study_view(**asked)),
        "budget": _budget(budget.budget_view(**asked)),
        "meetings": _meetings(meetings.meetings_view(**asked)),
        "stars": lean.stars_part(stars.star_view(**asked)),
        "ideas": lean.ideas_part(ideas.ideas_view(**asked)),  # 金点子
        "pairs": lean.pairs_part(pairs.pairs_view(**asked)),  # 帮扶结对
        "dues": lean.dues_part(dues.dues_view(**asked)),
        "safety": safety_report.safety_part(  # 党建+安全生产
            safety_view.safety_view(**asked),
            safety.pioneer_rows(session=session, scope=scope, month=month),
        ),
        "submissions": {
            "rate": values.rate(summary.submission.value),
            "by_branch": {row["branch"]: row["submission_status"] for _, row in branch_list.iterrows()},
            "missing": branch_list.loc[missing, "branch"].tolist(),
        },
    }
