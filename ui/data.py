"""The pages' reads: each opens a session and asks data_layer through one remembered-reads store.

An answer is remembered by the function, its arguments (the filters, the actor) and the database, with
the version of every table its SQL read (data_layer/store/memo.py, data_layer/store/version.py), and given again —
the same object, so pages must not change what they receive — until one of those tables changes. Every
write changes the versions of the tables it wrote, in the same transaction, so after a write committed
by any app process on the same database the next rerun in every process recomputes exactly the answers
that read those tables: an expense leaves the remembered task and study figures be. The overview asks
for its parts through the store too, so it recomputes only the parts a write touched.
"""

import os

import pandas as pd
import streamlit as st

from data_layer import entry, metrics, orgs, reports, safety, setup
from data_layer.auth import Actor
from data_layer.lean import benchmark, dues_entry
from data_layer.metrics import (
    dues,
    ideas,
    lean_overview,
    meetings,
    pairs,
    safety_overview,
    safety_view,
    stars,
    study,
    submissions,
    tasks,
)
from data_layer.setup import lists
from data_layer.store import db, kept, memo, settings
from ui import masking

# The answers of reads declared kept (the overview and its parts, 对标评星, 党建+安全生产) are also kept in
# the database, for the next process; ``KEPT_ANSWERS=0`` (the tests, which measure and check computing
# itself): not.
MEMO = memo.Memo(keeper=None if os.environ.get("KEPT_ANSWERS", "1") == "0" else kept.Keeper())


def _read(url: str, function, **arguments):
    """``function(session=…, **arguments)`` on the database at ``url``, remembered; in 匿名演示模式 with
    every person's name and 党员编号 masked (ui/masking.py)."""
    answer = _remembered(url, function, **arguments)
    return masking.masked(answer, _remembered(url, reports.known_people)) if masking.on() else answer


def _remembered(url: str, function, **arguments):
    """``function(session=…, **arguments)``, remembered, as it is (unmasked)."""
    with db.session_scope(db.get_engine(url)) as session, MEMO.using():
        return MEMO.read(function, session=session, **arguments)


@st.cache_resource(show_spinner=False)
def prepare_database(url: str) -> None:
    """Create or upgrade the schema once per database and process; a new installation (no organisation,
    no expense category) gets the default expense categories, written only when it needs them."""
    engine = db.get_engine(url)
    db.upgrade(engine)
    with db.session_scope(engine) as session:
        needed = setup.needs_defaults(session=session)
    if needed:
        with db.write_scope(engine) as session:
            setup.install_defaults(session=session)


def overview(url: str, actor: Actor, month: str, org_ids: tuple[int, ...]) -> metrics.Overview:
    return _read(url, metrics.overview, actor=actor, month=month, org_ids=org_ids)


def latest_month(url: str) -> str | None:
    return _read(url, metrics.latest_month)


def earliest_month(url: str) -> str | None:
    return _read(url, metrics.earliest_month)


def visible_nodes(url: str, actor: Actor) -> list[orgs.OrgNode]:
    return _read(url, orgs.visible_nodes, actor=actor)


def demo_logins(url: str) -> settings.DemoLogins | None:
    return _read(url, settings.demo_logins, embedded=db.is_embedded(url))


def setting(url: str, key: str) -> str | None:
    """A named setting (data_layer.store.settings), or its default."""
    return _read(url, settings.get, key=key)


# --- 任务完成 ---


def tasks_view(url: str, actor: Actor, month: str, org_ids: tuple[int, ...]) -> tasks.TasksView:
    return _read(url, tasks.tasks_view, actor=actor, month=month, org_ids=org_ids)


def task_history(url: str, actor: Actor, task_id: int, month: str):
    return _read(url, tasks.task_history, actor=actor, task_id=task_id, month=month)


def workload(url: str, actor: Actor, month: str, org_ids: tuple[int, ...]) -> tasks.Workload:
    return _read(url, tasks.workload, actor=actor, month=month, org_ids=org_ids)


# --- 学习进度 ---


def study_view(url: str, actor: Actor, month: str, org_ids: tuple[int, ...]) -> study.StudyView:
    return _read(url, study.study_view, actor=actor, month=month, org_ids=org_ids)


def member_history(url: str, actor: Actor, member_id: int, month: str):
    return _read(url, study.member_history, actor=actor, member_id=member_id, month=month)


# --- 经费使用 ---


def budget_view(url: str, actor: Actor, month: str, org_ids: tuple[int, ...]) -> metrics.budget.BudgetView:
    return _read(url, metrics.budget.budget_view, actor=actor, month=month, org_ids=org_ids)


def expense_detail(url: str, actor: Actor, month: str, branch_id: int, category_id: int | None):
    return _read(
        url,
        metrics.budget.expense_detail,
        actor=actor,
        month=month,
        branch_id=branch_id,
        category_id=category_id,
    )


# --- 三会一课 ---


def meetings_view(url: str, actor: Actor, month: str, org_ids: tuple[int, ...]) -> meetings.MeetingsView:
    return _read(url, meetings.meetings_view, actor=actor, month=month, org_ids=org_ids)


def branch_meetings(url: str, actor: Actor, branch_id: int, month: str):
    return _read(url, meetings.branch_meetings, actor=actor, branch_id=branch_id, month=month)


# --- 填报 ---


def board(url: str, actor: Actor, month: str, org_ids: tuple[int, ...], today) -> submissions.Board:
    return _read(url, submissions.board, actor=actor, month=month, org_ids=org_ids, today=today)


def pending_reviews(url: str, actor: Actor, org_ids: tuple[int, ...]) -> list[entry.MonthState]:
    return _read(url, entry.pending_reviews, actor=actor, org_ids=org_ids)


def month_needing_action(url: str, actor: Actor, branch_id: int, today) -> entry.MonthState | None:
    return _read(url, entry.month_needing_action, actor=actor, branch_id=branch_id, today=today)


def month_sheets(url: str, actor: Actor, branch_id: int, month: str) -> dict:
    """Everything of a branch's month that the entry and review pages show, with row versions."""
    return _read(url, _month_sheets, actor=actor, branch_id=branch_id, month=month)


def _month_sheets(*, session, actor: Actor, branch_id: int, month: str) -> dict:
    asked = {"session": session, "actor": actor, "branch_id": branch_id, "month": month}
    return {
        "state": entry.month_state(session=session, branch_id=branch_id, month=month),
        "progress": entry.progress_sheet(**asked),
        "study": entry.study_sheet(**asked),
        "expenses": entry.expenses_of(**asked),
        "meetings": entry.meetings_of(**asked),
        "groups": entry.groups_of(session=session, actor=actor, branch_id=branch_id),
        "allocation": entry.allocation_left(**asked),
        "dues": dues_entry.dues_sheet(**asked),
        "ideas": entry.ideas_of(**asked),
        "visits": entry.visits_of(**asked),
    }


def month_history(url: str, actor: Actor, branch_id: int, month: str):
    return _read(url, entry.month_history, actor=actor, branch_id=branch_id, month=month)


def setup_list(url: str, actor: Actor, name: str, **options):
    """One of the 基础数据 lists (data_layer.setup.lists.<name>), for administrators."""
    reader = getattr(lists, name)
    if name in ("open_tasks", "categories", "year_parameters"):
        return _read(url, reader, **options)
    return _read(url, reader, actor=actor, **options)


def new_year_plan(url: str, actor: Actor, **typed) -> setup.NewYearPlan:
    """What starting a new year would write (year, payroll, from_year as typed); raises a refusal."""
    return _read(url, setup.plan_new_year, actor=actor, **typed)


def suggested_year(url: str) -> int:
    return _read(url, setup.suggested_year)


# --- 对标评星 ---


def star_view(url: str, actor: Actor, month: str, period: str, org_ids: tuple[int, ...], today):
    return _read(
        url,
        stars.star_view,
        actor=actor,
        month=month,
        period=period,
        org_ids=org_ids,
        today=today,
    )


def lean_figures(url: str, actor: Actor, month: str, org_ids: tuple[int, ...], today):
    return _read(
        url,
        lean_overview.lean_figures,
        actor=actor,
        month=month,
        org_ids=org_ids,
        today=today,
    )


def safety_headline(url: str, actor: Actor, month: str, org_ids: tuple[int, ...]):
    return _read(url, safety_overview.safety_headline, actor=actor, month=month, org_ids=org_ids)


def scheme_table(url: str, year: int):
    return _read(url, benchmark.scheme_table, year=year)


# --- 金点子 and 帮扶结对 ---


def ideas_view(url: str, actor: Actor, month: str, org_ids: tuple[int, ...]):
    return _read(url, ideas.ideas_view, actor=actor, month=month, org_ids=org_ids)


def pairs_view(url: str, actor: Actor, month: str, org_ids: tuple[int, ...]):
    return _read(url, pairs.pairs_view, actor=actor, month=month, org_ids=org_ids)


def branch_members(url: str, actor: Actor, branch_id: int, month: str):
    """The 党支部's active members at M (党员编号, 姓名), for the 金点子 and 帮扶 forms."""
    return _read(url, entry.study_sheet, actor=actor, branch_id=branch_id, month=month)


# --- end of 金点子 and 帮扶结对 ---


# --- 党费 ---


def dues_view(url: str, actor: Actor, month: str, org_ids: tuple[int, ...]) -> dues.DuesView:
    return _read(url, dues.dues_view, actor=actor, month=month, org_ids=org_ids)


def dues_sheet(url: str, actor: Actor, branch_id: int, month: str):
    return _read(url, dues_entry.dues_sheet, actor=actor, branch_id=branch_id, month=month)


def dues_brackets(url: str):
    return _read(url, dues_entry.brackets)


def month_state(url: str, branch_id: int, month: str) -> entry.MonthState:
    """Where a 党支部's month stands (locked or open), for the 党费 editor."""
    return _read(url, entry.month_state, branch_id=branch_id, month=month)


# --- end of 党费 ---


# --- 党建+安全生产 ---


def safety_figures(
    url: str, actor: Actor, month: str, org_ids: tuple[int, ...], today
) -> safety_view.SafetyView:
    return _read(url, safety_view.safety_view, actor=actor, month=month, org_ids=org_ids, today=today)


def safety_trend(url: str, actor: Actor, month: str, org_ids: tuple[int, ...], today) -> pd.DataFrame:
    """The year's correlation of 对标 score with 生产 and 安全, month by month."""
    return _read(url, safety_view.safety_trend, actor=actor, month=month, org_ids=org_ids, today=today)


def safety_branch(url: str, actor: Actor, branch_id: int, month: str, today) -> safety_view.BranchMonths:
    """One 党支部's months of the year and its 党员先锋岗 / 党员责任区 at M (the drill-down)."""
    return _read(url, safety_view.branch_months, actor=actor, branch_id=branch_id, month=month, today=today)


# --- end of 党建+安全生产 ---


def clear() -> None:
    """Forget every remembered answer (tests and benchmarks measuring a cold start; writes need not:
    they change the versions of what they wrote)."""
    MEMO.clear()


# --- 党建+安全生产 (the writes: set-up lists, the grids, 先锋岗/责任区) ---


def branch_units(url: str, actor: Actor):
    return _read(url, safety.branch_units, actor=actor)


def production_indicators(url: str, actor: Actor, year: int):
    return _read(url, safety.indicator_list, actor=actor, year=year)


def safety_sheet(url: str, actor: Actor, month: str, org_ids: tuple[int, ...]):
    return _read(url, safety.safety_sheet, actor=actor, month=month, org_ids=org_ids)


def production_sheet(url: str, actor: Actor, month: str, org_ids: tuple[int, ...]):
    return _read(url, safety.production_sheet, actor=actor, month=month, org_ids=org_ids)


def pioneer_posts(url: str, actor: Actor, branch_id: int):
    return _read(url, safety.posts_of, actor=actor, branch_id=branch_id)


def pioneer_checks(url: str, actor: Actor, branch_id: int, month: str):
    return _read(url, safety.checks_sheet, actor=actor, branch_id=branch_id, month=month)


# --- end of 党建+安全生产 (the writes) ---
