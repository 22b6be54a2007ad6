"""Who may do what: every public data_layer read and write × role × target, on both databases.

Roles (the columns of ``MATRIX``): 管理员 ``admin``, 党委领导 ``leader``, the secretaries of 综采一队
(``sec_a``) and of 掘进一队 (``sec_b``), ``gone`` — a secretary of 综采一队 whose account an
administrator deactivated while the person was still logged in (the ``Actor`` lingers in the browser
session) — and ``nobody``: no actor at all (``None``).

Targets: A = 综采一队党支部, B = 掘进一队党支部, tree = the whole tree (the 党委 node). A row exists for
each target the function can be pointed at; writes named by a task, member or 党支部 have no "tree".

Each cell is ``OK`` (the call returned) or the Chinese message of the ``Refused`` it raised (for the
Excel import: the first problem it listed, since it reports rather than raises). Every cell runs in a
transaction that is rolled back, so the cells do not affect each other. Reads are of 2026-03; writes
go into 2026-04, open for every 党支部 (2026-03 is locked — 综采一队 已审核, 掘进一队 已提交 — which is
what reopening needs).

Functions outside the table take no actor, by design: ``entry.month_state`` and
``setup.open_tasks / categories / year_parameters`` (lists the pages show every role), the
``metrics`` building blocks that take a ``Scope`` already decided by ``auth.readable_scope``,
``settings``, and ``backup`` (the server's command line). The few public functions that do take an
actor but have no row are listed in ``NOT_IN_MATRIX``, each with its reason (the checks themselves,
and steps of the checked writes); ``test_every_public_function_taking_an_actor_is_in_the_matrix``
walks ``data_layer`` and fails on any function taking an actor that is in neither.
"""

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from io import BytesIO
from typing import Any

import pytest
from openpyxl import Workbook
from sqlalchemy import Engine
from sqlmodel import Session, select

from data_layer import auth, entry, excel, lean, metrics, orgs, reports, safety, setup
from data_layer.errors import Refused
from data_layer.metrics import (
    budget,
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
from data_layer.models import BenchmarkIndicator, Expense, Idea, Meeting, Member, Task, User
from data_layer.schemas import (
    AllocationIn,
    BranchUnitIn,
    CategoryIn,
    DuesIn,
    ExpenseIn,
    IdeaIn,
    IdeaStepIn,
    IndicatorIn,
    ManualScoreIn,
    MeetingIn,
    MemberIn,
    OrganisationIn,
    PairingIn,
    PioneerCheckIn,
    PioneerPostIn,
    ProductionIn,
    ProductionIndicatorIn,
    ProgressIn,
    SafetyIn,
    StudyIn,
    TaskIn,
    VisitIn,
    YearParameterIn,
)
from data_layer.store import audit, writes
from data_layer.vocab import GoalCategory, MeetingKind, MemberCategory, OrgKind, Role, TaskMode
from tests.actors import actor, org_id
from tests.databases import BACKENDS, HANDMADE, new_database
from tests.discovery import public_functions_taking_an_actor
from tests.handmade import PASSWORD

MONTH = "2026-04"
TODAY = date(2026, 4, 20)

OK = "allowed"
READ_OTHER = "无权查看其他党支部的数据"
WRITE_A = "无权填报或修改综采一队党支部的数据"
WRITE_B = "无权填报或修改掘进一队党支部的数据"
NOT_A_BRANCH = "请选择一个党支部"
ADMIN_ONLY = "只有管理员可以进行此操作"
REVIEWERS_ONLY = "只有党委领导可以审核"
REOPEN_ADMIN_ONLY = "只有管理员可以重新打开已锁定的月份"
OWN_MEMBERS_ONLY = "只能为本党支部的党员领办任务"
OWN_TASKS_ONLY = "任务“OPEN1”不是本党支部的任务，不能领办"
IMPORT_ADMIN_ONLY = "只有管理员可以导入“党员名册”；请删除该工作表后重新导入"
SCORERS_ONLY = "只有党委领导和管理员可以人工评分"
GONE = auth.DEACTIVATED  # 该账号已停用，请联系管理员
NOBODY = auth.SIGNED_OUT  # 请先登录

ROLES = ("admin", "leader", "sec_a", "sec_b", "gone", "nobody")

# Rows used by many functions; the columns are ROLES: admin, leader, sec_a, sec_b, gone, nobody.
READ_A = (OK, OK, OK, READ_OTHER, GONE, NOBODY)
READ_B = (OK, OK, READ_OTHER, OK, GONE, NOBODY)
READ_TREE = (OK, OK, READ_OTHER, READ_OTHER, GONE, NOBODY)
EVERYONE = (OK, OK, OK, OK, GONE, NOBODY)
FIGURES_A = (OK, WRITE_A, OK, WRITE_A, GONE, NOBODY)
FIGURES_B = (OK, WRITE_B, WRITE_B, OK, GONE, NOBODY)
ADMINS = (OK, ADMIN_ONLY, ADMIN_ONLY, ADMIN_ONLY, GONE, NOBODY)

MATRIX: dict[tuple[str, str], tuple[str, ...]] = {
    # --- reads of a scope (org_ids) -------------------------------------------------------------------
    ("overview", "A"): READ_A,
    ("overview", "B"): READ_B,
    ("overview", "tree"): READ_TREE,
    ("tasks_view", "A"): READ_A,
    ("tasks_view", "B"): READ_B,
    ("tasks_view", "tree"): READ_TREE,
    ("workload", "A"): READ_A,
    ("workload", "B"): READ_B,
    ("workload", "tree"): READ_TREE,
    ("study_view", "A"): READ_A,
    ("study_view", "B"): READ_B,
    ("study_view", "tree"): READ_TREE,
    ("budget_view", "A"): READ_A,
    ("budget_view", "B"): READ_B,
    ("budget_view", "tree"): READ_TREE,
    ("meetings_view", "A"): READ_A,
    ("meetings_view", "B"): READ_B,
    ("meetings_view", "tree"): READ_TREE,
    ("submission_board", "A"): READ_A,
    ("submission_board", "B"): READ_B,
    ("submission_board", "tree"): READ_TREE,
    ("monthly_report", "A"): READ_A,
    ("monthly_report", "B"): READ_B,
    ("monthly_report", "tree"): READ_TREE,
    ("pending_reviews", "A"): READ_A,
    ("pending_reviews", "B"): READ_B,
    ("pending_reviews", "tree"): READ_TREE,
    ("month_needing_action", "A"): READ_A,
    ("month_needing_action", "B"): READ_B,
    # Everything the actor may see: a secretary sees their own 党支部.
    ("visible_nodes", "tree"): EVERYONE,
    # --- reads of one task, member or 党支部 -----------------------------------------------------------
    ("task_history", "A"): READ_A,
    ("task_history", "B"): READ_B,
    ("member_history", "A"): READ_A,
    ("member_history", "B"): READ_B,
    ("expense_detail", "A"): READ_A,
    ("expense_detail", "B"): READ_B,
    # The 党委 is not a 党支部: refused before anything else, whoever asks.
    ("expense_detail", "tree"): (NOT_A_BRANCH,) * 6,
    ("branch_meetings", "A"): READ_A,
    ("branch_meetings", "B"): READ_B,
    ("branch_meetings", "tree"): (NOT_A_BRANCH,) * 6,
    ("progress_sheet", "A"): READ_A,
    ("progress_sheet", "B"): READ_B,
    ("progress_sheet", "tree"): READ_TREE,  # an empty sheet: the 党委 has no tasks of its own
    ("study_sheet", "A"): READ_A,
    ("study_sheet", "B"): READ_B,
    ("study_sheet", "tree"): READ_TREE,
    ("expenses_of", "A"): READ_A,
    ("expenses_of", "B"): READ_B,
    ("expenses_of", "tree"): READ_TREE,
    ("meetings_of", "A"): READ_A,
    ("meetings_of", "B"): READ_B,
    ("meetings_of", "tree"): READ_TREE,
    ("groups_of", "A"): READ_A,
    ("groups_of", "B"): READ_B,
    ("groups_of", "tree"): READ_TREE,
    ("allocation_left", "A"): READ_A,
    ("allocation_left", "B"): READ_B,
    ("allocation_left", "tree"): READ_TREE,
    ("month_history", "A"): READ_A,
    ("month_history", "B"): READ_B,
    ("month_history", "tree"): READ_TREE,
    ("star_view", "A"): READ_A,  # 对标 / 星级评定
    ("star_view", "B"): READ_B,
    ("star_view", "tree"): READ_TREE,
    ("ideas_view", "A"): READ_A,  # 金点子
    ("ideas_view", "B"): READ_B,
    ("ideas_view", "tree"): READ_TREE,
    ("pairs_view", "A"): READ_A,  # 帮扶结对
    ("pairs_view", "B"): READ_B,
    ("pairs_view", "tree"): READ_TREE,
    ("dues_view", "A"): READ_A,  # 党费
    ("dues_view", "B"): READ_B,
    ("dues_view", "tree"): READ_TREE,
    ("lean_figures", "A"): READ_A,  # the four mechanisms' headline figures
    ("lean_figures", "B"): READ_B,
    ("lean_figures", "tree"): READ_TREE,
    ("safety_view", "A"): READ_A,  # 党建+安全生产
    ("safety_view", "B"): READ_B,
    ("safety_view", "tree"): READ_TREE,
    ("safety_trend", "A"): READ_A,
    ("safety_trend", "B"): READ_B,
    ("safety_trend", "tree"): READ_TREE,
    ("branch_months", "A"): READ_A,  # its drill-down into one 党支部
    ("branch_months", "B"): READ_B,
    ("branch_months", "tree"): (NOT_A_BRANCH,) * 6,
    ("safety_headline", "A"): READ_A,  # the overview's 安全生产 figures
    ("safety_headline", "B"): READ_B,
    ("safety_headline", "tree"): READ_TREE,
    ("ideas_of", "A"): READ_A,
    ("ideas_of", "B"): READ_B,
    ("ideas_of", "tree"): READ_TREE,
    ("visits_of", "A"): READ_A,
    ("visits_of", "B"): READ_B,
    ("visits_of", "tree"): READ_TREE,
    ("dues_sheet", "A"): READ_A,
    ("dues_sheet", "B"): READ_B,
    ("dues_sheet", "tree"): READ_TREE,  # an empty sheet: the 党委 has no members of its own
    ("entry_template", "A"): READ_A,  # 任务进展 pre-filled with the 党支部's tasks
    ("entry_template", "B"): READ_B,
    ("setup_template", "tree"): ADMINS,  # 党员名册
    # --- 基础数据 lists ----------------------------------------------------------------------------------
    ("list_organisations", "tree"): ADMINS,
    ("list_members", "A"): ADMINS,
    ("list_members", "B"): ADMINS,
    ("list_members", "tree"): ADMINS,
    ("list_users", "tree"): ADMINS,
    ("list_tasks", "tree"): ADMINS,
    ("list_budgets", "tree"): ADMINS,
    ("first_run_status", "tree"): ADMINS,  # the first-run guide's four steps
    # --- monthly figures -------------------------------------------------------------------------------
    ("save_progress", "A"): FIGURES_A,
    ("save_progress", "B"): FIGURES_B,
    ("save_study", "A"): FIGURES_A,
    ("save_study", "B"): FIGURES_B,
    ("save_expense", "A"): FIGURES_A,
    ("save_expense", "B"): FIGURES_B,
    ("delete_expense", "A"): FIGURES_A,
    ("delete_expense", "B"): FIGURES_B,
    ("save_meeting", "A"): FIGURES_A,
    ("save_meeting", "B"): FIGURES_B,
    ("delete_meeting", "A"): FIGURES_A,
    ("delete_meeting", "B"): FIGURES_B,
    ("save_progress_edits", "A"): FIGURES_A,
    ("save_progress_edits", "B"): FIGURES_B,
    ("save_study_edits", "A"): FIGURES_A,
    ("save_study_edits", "B"): FIGURES_B,
    ("import_progress", "A"): FIGURES_A,
    ("import_progress", "B"): FIGURES_B,
    # --- lean mechanisms: a 党支部's 金点子, 帮扶结对 and 党费 --------------------------------------------
    ("save_idea", "A"): FIGURES_A,
    ("save_idea", "B"): FIGURES_B,
    ("advance_idea", "A"): FIGURES_A,  # an idea of the world's, to 见效
    ("advance_idea", "B"): FIGURES_B,
    ("save_pairing", "A"): FIGURES_A,
    ("save_pairing", "B"): FIGURES_B,
    ("save_visit", "A"): FIGURES_A,  # a pairing of the world's, in force in 2026-04
    ("save_visit", "B"): FIGURES_B,
    ("save_dues", "A"): FIGURES_A,
    ("save_dues", "B"): FIGURES_B,
    ("save_dues_edits", "A"): FIGURES_A,
    ("save_dues_edits", "B"): FIGURES_B,
    # 人工评分: leaders and administrators score a 党支部; secretaries do not score (their own or another).
    ("save_manual_score", "A"): (OK, OK, SCORERS_ONLY, SCORERS_ONLY, GONE, NOBODY),
    ("save_manual_score", "B"): (OK, OK, SCORERS_ONLY, SCORERS_ONLY, GONE, NOBODY),
    # --- the month's workflow ----------------------------------------------------------------------------
    ("submit_month", "A"): FIGURES_A,
    ("submit_month", "B"): FIGURES_B,
    ("submit_month", "tree"): (NOT_A_BRANCH,) * 4 + (GONE, NOBODY),
    ("review_month", "A"): (OK, OK, REVIEWERS_ONLY, REVIEWERS_ONLY, GONE, NOBODY),
    ("review_month", "B"): (OK, OK, REVIEWERS_ONLY, REVIEWERS_ONLY, GONE, NOBODY),
    ("reopen_month", "A"): (OK, *(REOPEN_ADMIN_ONLY,) * 3, GONE, NOBODY),
    ("reopen_month", "B"): (OK, *(REOPEN_ADMIN_ONLY,) * 3, GONE, NOBODY),
    # 领办: a secretary claims an open task of their own 党支部 for a member of it (issue 23, item 20).
    ("claim_task", "A"): (OK, ADMIN_ONLY, OK, OWN_TASKS_ONLY, GONE, NOBODY),
    ("claim_task", "B"): (OK, ADMIN_ONLY, OWN_TASKS_ONLY, OK, GONE, NOBODY),
    # --- 基础数据 writes ---------------------------------------------------------------------------------
    ("save_organisation", "tree"): ADMINS,
    ("save_member", "A"): ADMINS,
    ("save_member", "B"): ADMINS,
    ("save_year_parameters", "tree"): ADMINS,
    ("save_task", "A"): ADMINS,
    ("save_task", "B"): ADMINS,
    ("save_allocation", "A"): ADMINS,
    ("save_allocation", "B"): ADMINS,
    ("save_category", "tree"): ADMINS,
    ("rename_category", "tree"): ADMINS,
    ("delete_category", "tree"): ADMINS,  # one the administrator has just added
    ("save_category_row", "tree"): ADMINS,  # a row of the Excel sheet 支出类别
    ("deactivate_member", "A"): ADMINS,
    ("deactivate_member", "B"): ADMINS,
    ("update_user", "A"): ADMINS,  # the secretary of the target 党支部
    ("update_user", "B"): ADMINS,
    ("create_user", "A"): ADMINS,  # a secretary for the target 党支部
    ("create_user", "B"): ADMINS,
    ("import_members", "tree"): (OK, *(IMPORT_ADMIN_ONLY,) * 3, GONE, NOBODY),
    ("plan_new_year", "tree"): ADMINS,  # 开始新年度: the preview …
    ("start_new_year", "tree"): ADMINS,  # … and the writing
    # --- 对标 set-up and 党费 brackets ------------------------------------------------------------------
    ("save_indicator", "tree"): ADMINS,
    ("set_indicator_active", "tree"): ADMINS,
    ("delete_indicator", "tree"): ADMINS,  # the world's 停用指标, never scored
    ("install_scheme", "tree"): ADMINS,  # 2027 follows 2026's scheme
    ("set_five_star_share", "tree"): ADMINS,
    ("set_brackets", "tree"): ADMINS,
    # --- 党建+安全生产: units and indicators, a unit's month (administrators), 先锋岗/责任区 (secretaries) ---
    ("set_branch_unit", "A"): ADMINS,
    ("save_production_indicator", "A"): ADMINS,
    ("set_production_indicator_active", "A"): ADMINS,
    ("copy_indicators", "tree"): ADMINS,
    ("branch_units", "tree"): ADMINS,
    ("indicator_list", "tree"): ADMINS,
    ("safety_sheet", "A"): ADMINS,
    ("safety_sheet", "tree"): ADMINS,
    ("production_sheet", "tree"): ADMINS,
    ("save_safety", "A"): ADMINS,
    ("save_safety", "B"): ADMINS,
    ("save_production", "A"): ADMINS,
    ("save_safety_edits", "B"): ADMINS,
    ("save_production_edits", "A"): ADMINS,
    ("save_post", "A"): FIGURES_A,
    ("save_post", "B"): FIGURES_B,
    ("save_check", "A"): FIGURES_A,
    ("save_check", "B"): FIGURES_B,
    ("save_check_edits", "A"): FIGURES_A,
    ("save_check_edits", "B"): FIGURES_B,
    ("posts_of", "A"): READ_A,
    ("posts_of", "B"): READ_B,
    ("posts_of", "tree"): READ_TREE,
    ("checks_sheet", "A"): READ_A,
    ("checks_sheet", "B"): READ_B,
}


@dataclass(frozen=True)
class Target:
    """What a call is pointed at."""

    org_id: int  # the 党支部, or the 党委 for the whole tree
    branch: str | None  # the 党支部's name
    task: str | None  # its running task (A1, B1)
    member: str | None  # one of its members (T001 张三, T005 欧阳明)
    secretary: str | None  # its secretary's username


@dataclass(frozen=True)
class World:
    engine: Engine
    actors: dict[str, auth.Actor | None]
    targets: dict[str, Target]


@pytest.fixture(scope="module", params=BACKENDS)
def world(request, tmp_path_factory):
    """The hand-made organisation, and a 综采一队 secretary deactivated after logging in."""
    engine, drop = new_database(request.param, tmp_path_factory, contents=HANDMADE)
    with Session(engine) as session:
        a = org_id(session, "综采一队党支部")
        session.add(
            User(
                username="gone_a",
                password_hash=auth.hash_password(PASSWORD),
                display_name="gone_a",
                role=Role.SECRETARY,
                branch_id=a,
            )
        )
        session.commit()
        actors: dict[str, auth.Actor | None] = {
            name: actor(session, name) for name in ("admin", "leader", "sec_a", "sec_b")
        }
        actors["gone"] = actor(session, "gone_a")  # logged in while the account was active …
        session.exec(select(User).where(User.username == "gone_a")).one().active = False  # … then deactivated
        session.commit()
        actors["nobody"] = None
        targets = {
            "A": Target(a, "综采一队党支部", "A1", "T001", "sec_a"),
            "B": Target(org_id(session, "掘进一队党支部"), "掘进一队党支部", "B1", "T005", "sec_b"),
            "tree": Target(org_id(session, "测试党委"), None, None, None, None),
        }
    yield World(engine, actors, targets)
    drop()


# --- how each function is called ---------------------------------------------------------------------

Call = Callable[[Session, auth.Actor | None, Target], Any]


def _org_ids(target: Target) -> tuple[int, ...]:
    return (target.org_id,)


def _scoped(function) -> Call:
    return lambda s, a, t: function(session=s, actor=a, month="2026-03", org_ids=_org_ids(t))


def _of_branch(function) -> Call:
    return lambda s, a, t: function(session=s, actor=a, branch_id=t.org_id, month=MONTH)


def _april_meeting(session: Session, branch_id: int) -> int:
    """A 支委会 of the branch in April (open), added in the cell's own transaction, to be deleted."""
    row = Meeting(
        branch_id=branch_id,
        kind=MeetingKind.COMMITTEE,
        held_on=date(2026, 4, 7),
        month=MONTH,
        expected_attendance=5,
        actual_attendance=5,
        topic="研究四月工作",
    )
    session.add(row)
    session.flush()
    return row.id


def _id_of(session: Session, model, **key) -> int:
    statement = select(model.id)
    for name, value in key.items():
        statement = statement.where(getattr(model, name) == value)
    return session.exec(statement).one()


def _admin(session: Session) -> auth.Actor:
    return actor(session, "admin")


def _edits(session: Session, target: Target, sheet, **changes) -> dict[str, Any]:
    """A bulk editor's table as loaded (by the administrator) and with the target's first row changed."""
    original = sheet(session=session, actor=_admin(session), branch_id=target.org_id, month=MONTH)
    edited = original.copy()
    for column, value in changes.items():
        edited.loc[0, column] = value
    return {"original": original, "edited": edited}


def _workbook(sheet: str, rows: list[list[Any]]) -> bytes:
    book = Workbook()
    page = book.active
    page.title = sheet
    for row in rows:
        page.append(row)
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _imported(session: Session, actor: auth.Actor | None, data: bytes) -> excel.ImportResult:
    result = excel.import_workbook(session=session, actor=actor, data=data, today=TODAY)
    if result.problems:
        raise Refused(result.problems[0].message)
    return result


def _submitted_then_reviewed(s: Session, a: auth.Actor | None, t: Target):
    entry.submit_month(session=s, actor=_admin(s), branch_id=t.org_id, month=MONTH)
    return entry.review_month(
        session=s, actor=a, branch_id=t.org_id, month=MONTH, approve=False, comment="请补充说明"
    )


def _open_task_claimed(s: Session, a: auth.Actor | None, t: Target):
    setup.save_task(
        session=s,
        actor=_admin(s),
        item=TaskIn(
            code="OPEN1",
            title="党员先锋岗",
            goal="推进党支部标准化规范化建设",
            goal_category=GoalCategory.ORGANISATION,
            branch=t.branch,
            unit="个",
            target_quantity=Decimal(1),
            weight=Decimal(1),
            start_month=MONTH,
            due_month="2026-06",
            mode=TaskMode.CLAIMED,
        ),
    )
    return setup.claim_task(session=s, actor=a, code="OPEN1", owner_member_no=t.member)


def _added_then_deleted(s: Session, a: auth.Actor | None, t: Target):
    setup.save_category(session=s, actor=_admin(s), name="差旅")
    return setup.delete_category(session=s, actor=a, name="差旅")


def _scoped_on(function) -> Call:
    """A read of a scope that also takes the day (what has come due by then)."""
    return lambda s, a, t: function(session=s, actor=a, month="2026-03", org_ids=_org_ids(t), today=TODAY)


# The world's rows the lean writes act on, by 党支部 (tests/handmade_lean.py).
IDEA_TO_ADVANCE = {"综采一队党支部": "截齿回收再利用", "掘进一队党支部": "截割头喷雾改进"}  # 采纳, 实施
PAIRING_TO_VISIT = {"综采一队党支部": "困难职工刘大海", "掘进一队党支部": "退休老党员陈师傅"}  # T001, T005


def _indicator_id(session: Session, name: str) -> int:
    return _id_of(session, BenchmarkIndicator, year=2026, name=name)


# --- 党建+安全生产: what the administrator sets up in the cell's own transaction before the call


def _production_indicator(session: Session, target: Target) -> int:
    item = ProductionIndicatorIn(year=2026, branch=target.branch, name="原煤产量", measure="t")
    return safety.save_indicator(session=session, actor=_admin(session), item=item).row.id


def _post(session: Session, target: Target) -> None:
    item = PioneerPostIn(
        branch=target.branch,
        kind="党员先锋岗",
        name="采煤机司机岗",
        member_no=target.member,
        started_month=MONTH,
    )
    safety.save_post(session=session, actor=_admin(session), item=item, today=TODAY)


def _grid_edits(session: Session, target: Target, sheet, **changes) -> dict[str, Any]:
    """A grid of many 党支部 as the administrator loaded it, with the target's row changed."""
    original = sheet(session=session, actor=_admin(session), month=MONTH)
    edited = original.copy()
    row = edited.index[edited["branch_id"] == target.org_id][0]
    for column, value in changes.items():
        edited.loc[row, column] = value
    return {"original": original, "edited": edited}


def _safety_item(target: Target) -> SafetyIn:
    return SafetyIn(month=MONTH, unit=target.branch, workforce=300, hazards_found=4, safe_days=120)


def _check_edits(session: Session, target: Target) -> dict[str, Any]:
    _post(session, target)
    return _edits(session, target, safety.checks_sheet, violation_free="是", accident_free="否")


def _production_edits(session: Session, target: Target) -> dict[str, Any]:
    _production_indicator(session, target)
    return _grid_edits(session, target, safety.production_sheet, plan=100.0, actual=90.0)


CALLS: dict[str, Call] = {
    "overview": _scoped(metrics.overview),
    "tasks_view": _scoped(tasks.tasks_view),
    "workload": _scoped(tasks.workload),
    "study_view": _scoped(study.study_view),
    "budget_view": _scoped(budget.budget_view),
    "meetings_view": _scoped(meetings.meetings_view),
    "submission_board": lambda s, a, t: submissions.board(
        session=s, actor=a, month="2026-03", org_ids=_org_ids(t), today=TODAY
    ),
    "monthly_report": _scoped(reports.monthly_report),
    "star_view": _scoped_on(stars.star_view),
    "ideas_view": _scoped(ideas.ideas_view),
    "pairs_view": _scoped(pairs.pairs_view),
    "dues_view": _scoped(dues.dues_view),
    "lean_figures": _scoped_on(lean_overview.lean_figures),
    "safety_view": _scoped_on(safety_view.safety_view),
    "safety_trend": _scoped_on(safety_view.safety_trend),
    "branch_months": lambda s, a, t: safety_view.branch_months(
        session=s, actor=a, branch_id=t.org_id, month=MONTH, today=TODAY
    ),
    "safety_headline": _scoped(safety_overview.safety_headline),
    "pending_reviews": lambda s, a, t: entry.pending_reviews(session=s, actor=a, org_ids=_org_ids(t)),
    "month_needing_action": lambda s, a, t: entry.month_needing_action(
        session=s, actor=a, branch_id=t.org_id, today=TODAY
    ),
    "visible_nodes": lambda s, a, t: orgs.visible_nodes(session=s, actor=a),
    "task_history": lambda s, a, t: tasks.task_history(
        session=s, actor=a, task_id=_id_of(s, Task, code=t.task), month=MONTH
    ),
    "member_history": lambda s, a, t: study.member_history(
        session=s, actor=a, member_id=_id_of(s, Member, member_no=t.member), month=MONTH
    ),
    "expense_detail": _of_branch(budget.expense_detail),
    "branch_meetings": _of_branch(meetings.branch_meetings),
    "progress_sheet": _of_branch(entry.progress_sheet),
    "study_sheet": _of_branch(entry.study_sheet),
    "expenses_of": _of_branch(entry.expenses_of),
    "meetings_of": _of_branch(entry.meetings_of),
    "groups_of": lambda s, a, t: entry.groups_of(session=s, actor=a, branch_id=t.org_id),
    "allocation_left": _of_branch(entry.allocation_left),
    "month_history": _of_branch(entry.month_history),
    "ideas_of": _of_branch(entry.ideas_of),
    "visits_of": _of_branch(entry.visits_of),
    "dues_sheet": _of_branch(lean.dues_sheet),
    "entry_template": lambda s, a, t: excel.template_workbook(
        session=s, actor=a, kinds=["任务进展"], month=MONTH, branch_id=t.org_id
    ),
    "setup_template": lambda s, a, t: excel.template_workbook(session=s, actor=a, kinds=["党员名册"]),
    "list_organisations": lambda s, a, t: setup.organisations(session=s, actor=a),
    "list_members": lambda s, a, t: setup.members(
        session=s, actor=a, branch_id=t.org_id if t.branch else None
    ),
    "list_users": lambda s, a, t: setup.users(session=s, actor=a),
    "list_tasks": lambda s, a, t: setup.tasks(session=s, actor=a, year=2026),
    "list_budgets": lambda s, a, t: setup.budgets(session=s, actor=a, year=2026),
    "first_run_status": lambda s, a, t: setup.first_run_status(session=s, actor=a),
    "save_progress": lambda s, a, t: entry.save_progress(
        session=s, actor=a, item=ProgressIn(month=MONTH, task_code=t.task, quantity=1), today=TODAY
    ),
    "save_study": lambda s, a, t: entry.save_study(
        session=s,
        actor=a,
        item=StudyIn(month=MONTH, member_no=t.member, points=600, hours=4, sessions=1),
        today=TODAY,
    ),
    "save_expense": lambda s, a, t: entry.save_expense(
        session=s,
        actor=a,
        item=ExpenseIn(
            spent_on=date(2026, 4, 10),
            branch=t.branch,
            category="学习教育",
            amount=10,
            purpose="购买学习资料",
        ),
    ),
    "delete_expense": lambda s, a, t: entry.delete_expense(
        session=s,
        actor=a,
        expense_id=_id_of(
            s, Expense, voucher_no="PZ-2026-041" if t.branch == "综采一队党支部" else "PZ-2026-061"
        ),
    ),
    "save_meeting": lambda s, a, t: entry.save_meeting(
        session=s,
        actor=a,
        item=MeetingIn(
            held_on=date(2026, 4, 8),
            branch=t.branch,
            kind=MeetingKind.COMMITTEE,
            expected_attendance=5,
            actual_attendance=5,
            topic="学习贯彻会议精神",
        ),
    ),
    "delete_meeting": lambda s, a, t: entry.delete_meeting(
        session=s, actor=a, meeting_id=_april_meeting(s, t.org_id)
    ),
    "save_progress_edits": lambda s, a, t: entry.save_progress_edits(
        session=s,
        actor=a,
        month=MONTH,
        **_edits(s, t, entry.progress_sheet, quantity=1),
        today=TODAY,
    ),
    "save_study_edits": lambda s, a, t: entry.save_study_edits(
        session=s,
        actor=a,
        month=MONTH,
        **_edits(s, t, entry.study_sheet, points=600, hours=4, sessions=1),
        today=TODAY,
    ),
    "import_progress": lambda s, a, t: _imported(
        s, a, _workbook("任务进展", [["月份", "任务编号", "本月完成量", "说明"], [MONTH, t.task, 1, None]])
    ),
    "save_idea": lambda s, a, t: lean.save_idea(
        session=s,
        actor=a,
        item=IdeaIn(
            branch=t.branch, title="井下照明节电改造", proposer_no=t.member, proposed_on=date(2026, 4, 2)
        ),
        today=TODAY,
    ),
    "advance_idea": lambda s, a, t: lean.advance_idea(
        session=s,
        actor=a,
        idea_id=_id_of(s, Idea, title=IDEA_TO_ADVANCE[t.branch]),
        step=IdeaStepIn(status="见效", status_on=date(2026, 4, 15), benefit_amount=Decimal(1000)),
        today=TODAY,
    ),
    "save_pairing": lambda s, a, t: lean.save_pairing(
        session=s,
        actor=a,
        item=PairingIn(
            branch=t.branch, kind="党员结对", helper_no=t.member, target="困难职工周某", started_month=MONTH
        ),
        today=TODAY,
    ),
    "save_visit": lambda s, a, t: lean.save_visit(
        session=s,
        actor=a,
        item=VisitIn(
            month=MONTH, branch=t.branch, helper_no=t.member, target=PAIRING_TO_VISIT[t.branch], visits=1
        ),
        today=TODAY,
    ),
    "save_dues": lambda s, a, t: lean.save_dues(
        session=s,
        actor=a,
        item=DuesIn(month=MONTH, member_no=t.member, income=Decimal(3000), paid=Decimal(15)),
        today=TODAY,
    ),
    "save_dues_edits": lambda s, a, t: lean.save_dues_edits(
        session=s,
        actor=a,
        month=MONTH,
        **_edits(s, t, lean.dues_sheet, income=3000.0, paid=15.0),
        today=TODAY,
    ),
    "save_manual_score": lambda s, a, t: lean.save_manual_score(
        session=s,
        actor=a,
        item=ManualScoreIn(month=MONTH, branch=t.branch, indicator="党建品牌", points=Decimal(4)),
        today=TODAY,
    ),
    "submit_month": lambda s, a, t: entry.submit_month(session=s, actor=a, branch_id=t.org_id, month=MONTH),
    "review_month": _submitted_then_reviewed,
    "reopen_month": lambda s, a, t: entry.reopen_month(
        session=s, actor=a, branch_id=t.org_id, month="2026-03", reason="台账有误，需更正"
    ),
    "claim_task": _open_task_claimed,
    "save_organisation": lambda s, a, t: setup.save_organisation(
        session=s,
        actor=a,
        item=OrganisationIn(name="综采二队党支部", kind=OrgKind.BRANCH, parent="一线党总支"),
    ),
    "save_member": lambda s, a, t: setup.save_member(
        session=s,
        actor=a,
        item=MemberIn(
            member_no="T100",
            name="钱九",
            branch=t.branch,
            category=MemberCategory.FULL,
            joined_on=date(2015, 7, 1),
            arrived_on=date(2026, 4, 8),  # after the fixture's submitted and approved months
        ),
    ),
    "save_year_parameters": lambda s, a, t: setup.save_year_parameters(
        session=s,
        actor=a,
        item=YearParameterIn(
            year=2027, last_year_payroll=Decimal(2_100_000), monthly_hours_target=4, monthly_points_target=600
        ),
    ),
    "save_task": lambda s, a, t: setup.save_task(
        session=s,
        actor=a,
        item=TaskIn(
            code="N1",
            title="建设党员先锋岗",
            goal="推进党支部标准化规范化建设",
            goal_category=GoalCategory.ORGANISATION,
            branch=t.branch,
            unit="个",
            target_quantity=Decimal(3),
            weight=Decimal(1),
            start_month="2026-02",
            due_month="2026-06",
            mode=TaskMode.ASSIGNED,
        ),
    ),
    "save_allocation": lambda s, a, t: setup.save_allocation(
        session=s, actor=a, item=AllocationIn(year=2026, branch=t.branch, category="组织活动", amount=100)
    ),
    "save_category": lambda s, a, t: setup.save_category(session=s, actor=a, name="培训"),
    "rename_category": lambda s, a, t: setup.rename_category(
        session=s, actor=a, old_name="学习教育", new_name="理论学习"
    ),
    "delete_category": _added_then_deleted,
    "save_category_row": lambda s, a, t: setup.save_category_row(
        session=s, actor=a, item=CategoryIn(name="组织生活", old_name="组织活动", sort_order=5)
    ),
    "deactivate_member": lambda s, a, t: setup.set_active(
        session=s,
        actor=a,
        model=Member,
        key={"member_no": "T002" if t.branch == "综采一队党支部" else "T006"},
        active=False,
    ),
    "update_user": lambda s, a, t: setup.update_user(
        session=s, actor=a, username=t.secretary, display_name="新任书记"
    ),
    "create_user": lambda s, a, t: auth.create_user(
        session=s,
        actor=a,
        username="new_secretary",
        password="long-enough-pass",
        display_name="新书记",
        role=Role.SECRETARY,
        branch_name=t.branch,
    ),
    "plan_new_year": lambda s, a, t: setup.plan_new_year(
        session=s, actor=a, year=2027, payroll=Decimal("2100000.00")
    ),
    "start_new_year": lambda s, a, t: setup.start_new_year(
        session=s, actor=a, year=2027, payroll=Decimal("2100000.00")
    ),
    "save_indicator": lambda s, a, t: lean.save_indicator(
        session=s,
        actor=a,
        item=IndicatorIn(year=2026, name="群众满意", source="人工评分", rule="直接评分", weight=Decimal(5)),
    ),
    "set_indicator_active": lambda s, a, t: lean.set_indicator_active(
        session=s, actor=a, indicator_id=_indicator_id(s, "停用指标"), active=True
    ),
    "delete_indicator": lambda s, a, t: lean.delete_indicator(
        session=s, actor=a, indicator_id=_indicator_id(s, "停用指标")
    ),
    "install_scheme": lambda s, a, t: lean.install_scheme(session=s, actor=a, year=2027),
    "set_five_star_share": lambda s, a, t: lean.set_five_star_share(session=s, actor=a, share="1/4"),
    "set_brackets": lambda s, a, t: lean.set_brackets(session=s, actor=a, text=lean.EXAMPLE),
    # 党建+安全生产
    "set_branch_unit": lambda s, a, t: safety.set_branch_unit(
        session=s, actor=a, item=BranchUnitIn(branch=t.branch, unit="综采一队", unit_kind="采煤")
    ),
    "save_production_indicator": lambda s, a, t: safety.save_indicator(
        session=s,
        actor=a,
        item=ProductionIndicatorIn(year=2026, branch=t.branch, name="原煤产量", measure="t"),
    ),
    "set_production_indicator_active": lambda s, a, t: safety.set_indicator_active(
        session=s, actor=a, indicator_id=_production_indicator(s, t), active=False
    ),
    "copy_indicators": lambda s, a, t: safety.copy_indicators(session=s, actor=a, from_year=2026, year=2027),
    "branch_units": lambda s, a, t: safety.branch_units(session=s, actor=a),
    "indicator_list": lambda s, a, t: safety.indicator_list(session=s, actor=a, year=2026),
    "safety_sheet": lambda s, a, t: safety.safety_sheet(session=s, actor=a, month=MONTH, org_ids=_org_ids(t)),
    "production_sheet": lambda s, a, t: safety.production_sheet(
        session=s, actor=a, month=MONTH, org_ids=_org_ids(t)
    ),
    "save_safety": lambda s, a, t: safety.save_safety(session=s, actor=a, item=_safety_item(t), today=TODAY),
    "save_production": lambda s, a, t: (
        _production_indicator(s, t),
        safety.save_production(
            session=s,
            actor=a,
            item=ProductionIn(month=MONTH, unit=t.branch, indicator="原煤产量", plan=100, actual=90),
            today=TODAY,
        ),
    ),
    "save_safety_edits": lambda s, a, t: safety.save_safety_edits(
        session=s,
        actor=a,
        month=MONTH,
        **_grid_edits(s, t, safety.safety_sheet, workforce=300.0, safe_days=120.0),
        today=TODAY,
    ),
    "save_production_edits": lambda s, a, t: safety.save_production_edits(
        session=s, actor=a, month=MONTH, **_production_edits(s, t), today=TODAY
    ),
    "save_post": lambda s, a, t: safety.save_post(
        session=s,
        actor=a,
        item=PioneerPostIn(
            branch=t.branch, kind="党员责任区", name="工作面", member_no=t.member, started_month=MONTH
        ),
        today=TODAY,
    ),
    "save_check": lambda s, a, t: (
        _post(s, t),
        safety.save_check(
            session=s,
            actor=a,
            item=PioneerCheckIn(
                month=MONTH, branch=t.branch, post="采煤机司机岗", violation_free=True, accident_free=True
            ),
            today=TODAY,
        ),
    ),
    "save_check_edits": lambda s, a, t: safety.save_check_edits(
        session=s, actor=a, month=MONTH, **_check_edits(s, t), today=TODAY
    ),
    "posts_of": lambda s, a, t: safety.posts_of(session=s, actor=a, branch_id=t.org_id),
    "checks_sheet": _of_branch(safety.checks_sheet),
    "import_members": lambda s, a, t: _imported(
        s,
        a,
        _workbook(
            "党员名册",
            [
                ["党员编号", "姓名", "所在党支部", "党小组", "人员类别", "入党日期", "岗位", "转入日期"],
                ["T100", "钱九", "综采一队党支部", None, "正式党员", "2015-07-01", None, "2026-04-08"],
            ],
        ),
    ),
}


def test_every_function_in_the_matrix_has_a_call_and_every_call_a_row():
    assert {name for name, _ in MATRIX} == set(CALLS)
    assert all(len(row) == len(ROLES) for row in MATRIX.values())


# --- which functions the matrix covers ----------------------------------------------------------------

# The function a CALLS entry exercises, where the entry's name is not the function's ``__name__``;
# every other entry is the function of that name in ``NAMESPACES``.
COVERS: dict[str, Callable] = {
    "submission_board": submissions.board,
    "entry_template": excel.template_workbook,
    "setup_template": excel.template_workbook,
    "list_organisations": setup.organisations,
    "list_members": setup.members,
    "list_users": setup.users,
    "list_tasks": setup.tasks,
    "list_budgets": setup.budgets,
    "import_progress": excel.import_workbook,
    "import_members": excel.import_workbook,
    "deactivate_member": setup.set_active,
    "save_indicator": lean.save_indicator,  # 对标's; safety's of the same names are a 党支部's production
    "set_indicator_active": lean.set_indicator_active,
    "save_production_indicator": safety.save_indicator,
    "set_production_indicator_active": safety.set_indicator_active,
}

# The packages and modules (as imported above) whose functions the CALLS entries are named after.
NAMESPACES = (
    auth,
    entry,
    excel,
    lean,
    orgs,
    reports,
    setup,
    metrics,
    budget,
    meetings,
    stars,
    study,
    submissions,
    tasks,
    dues,
    ideas,
    lean_overview,
    pairs,
    safety,
    safety_overview,
    safety_view,
)

# Public functions that take an actor but have no row, and why.
NOT_IN_MATRIX: dict[Callable, str] = {
    auth.check_actor: "the account check every read and write starts with; tested in test_auth.py",
    auth.readable_scope: "the read check itself; tested in test_auth.py",
    auth.authorize_write: "the write check itself; tested in test_auth.py",
    auth.require_admin: "the administrator check itself; tested in test_auth.py",
    auth.issue_token: "signs a token for the actor log_in has just let in (no write); tested in test_auth.py",
    auth.sign_out: "revokes the actor's own login tokens at logout; tested in test_auth.py",
    audit.entry_values: "takes the actor's name; called only by checked writes",
    audit.record: "takes the actor's name; called only by checked writes",
    writes.upsert: "takes the actor's name; called only by checked writes",
    writes.insert: "takes the actor's name; called only by checked writes",
    writes.delete: "takes the actor's name; called only by checked writes",
    entry.open_branch: "a step of the checked writes: authorize_write, then the month open",
    entry.draft_month: "a step of the checked writes, after open_branch",
    entry.preload_progress: "a step of the checked import, before save_progress",
    entry.preload_study: "a step of the checked import, before save_study",
    lean.preload_dues: "a step of the checked import, before save_dues",
    entry.preload_expenses: "a step of the checked import, before save_expense",
    entry.preload_meetings: "a step of the checked import, before save_meeting",
    entry.preload_months: "a step of the checked import's preloads: remembers open_branch's own check",
    lean.preload_ideas: "a step of the checked import, before save_idea",
    lean.preload_pairings: "a step of the checked import, before save_pairing",
    lean.preload_visits: "a step of the checked import, before save_visit",
    setup.preload_members: "a step of the checked import, before save_member",
    safety.preload_safety: "a step of the checked import, before save_safety",
    safety.preload_posts: "a step of the checked import, before save_post",
    safety.preload_checks: "a step of the checked import, before save_check",
    safety.preload_production: "a step of the checked import, before save_production",
    setup.preload_allocations: "a step of the checked import, before save_allocation",
    entry.touch_draft: "a step of the checked writes (draft_month), after open_branch",
    excel.check_workbook: "the first step of import_workbook and import_file; their rows cover it",
    excel.write_workbook: "the second step of import_workbook and import_file; their rows cover it",
    excel.import_file: "check_workbook and write_workbook in two transactions, as import_workbook runs them",
    entry.save_edits: "what save_progress_edits, save_study_edits and save_dues_edits run; their rows cover it",
}


def _covered() -> dict[str, Callable]:
    """The function each CALLS entry exercises."""
    covered = {}
    for name in CALLS:
        if name in COVERS:
            covered[name] = COVERS[name]
            continue
        named = {
            getattr(space, name) for space in NAMESPACES if inspect.isfunction(getattr(space, name, None))
        }
        assert len(named) == 1, f"CALLS[{name!r}]: {len(named)} functions of that name; add it to COVERS"
        covered[name] = named.pop()
    return covered


def test_every_public_function_taking_an_actor_is_in_the_matrix():
    """A new public function with an ``actor`` parameter needs its rows (or a reason in NOT_IN_MATRIX)."""
    discovered = public_functions_taking_an_actor()
    covered = set(_covered().values())
    strays = sorted(name for name, function in _covered().items() if function not in discovered)
    assert not strays, f"CALLS entries whose function (COVERS or by name) takes no actor: {strays}"
    assert not covered & set(NOT_IN_MATRIX), "a function both in the matrix and in NOT_IN_MATRIX"
    stale = [function.__qualname__ for function in NOT_IN_MATRIX if function not in discovered]
    assert not stale, f"NOT_IN_MATRIX lists functions that take no actor (any more): {stale}"
    missing = sorted(
        where for function, where in discovered.items() if function not in covered | set(NOT_IN_MATRIX)
    )
    assert not missing, (
        "public functions taking an actor with no row in MATRIX (add rows and a CALLS entry, or list "
        f"them in NOT_IN_MATRIX with the reason): {missing}"
    )


CELLS = [
    pytest.param(name, target, role, expected, id=f"{name}-{target}-{role}")
    for (name, target), row in MATRIX.items()
    for role, expected in zip(ROLES, row, strict=True)
]


@pytest.mark.parametrize("name, target, role, expected", CELLS)
def test_cell(world, name, target, role, expected):
    with Session(world.engine) as session:
        try:
            CALLS[name](session, world.actors[role], world.targets[target])
        except Refused as refusal:
            outcome = refusal.message
        else:
            outcome = OK
        finally:
            session.rollback()
    assert outcome == expected


# --- the account behind an actor ---------------------------------------------------------------------


def test_a_secretary_moved_to_another_branch_must_log_in_again(fresh_session):
    session = fresh_session
    logged_in = actor(session, "sec_a")
    setup.update_user(
        session=session, actor=actor(session, "admin"), username="sec_a", branch_name="机关党支部"
    )
    session.commit()

    for call in (
        lambda: orgs.visible_nodes(session=session, actor=logged_in),
        lambda: entry.save_progress(
            session=session,
            actor=logged_in,
            item=ProgressIn(month=MONTH, task_code="A1", quantity=1),
            today=TODAY,
        ),
    ):
        with pytest.raises(Refused) as refusal:
            call()
        assert refusal.value.message == "该账号的角色或所属党支部已被管理员更改，请退出后重新登录"
    session.rollback()
    again = actor(session, "sec_a")
    assert [node.name for node in orgs.visible_nodes(session=session, actor=again)] == ["机关党支部"]


def test_a_deactivated_leader_can_neither_read_nor_review(session):
    gone = auth.actor_of(session.exec(select(User).where(User.username == "gone")).one())  # the fixture's
    branch_b = org_id(session, "掘进一队党支部")  # 2026-03 已提交, waiting for a leader

    for call in (
        lambda: metrics.overview(session=session, actor=gone, month="2026-03"),
        lambda: entry.review_month(
            session=session, actor=gone, branch_id=branch_b, month="2026-03", approve=True
        ),
    ):
        with pytest.raises(Refused) as refusal:
            call()
        assert refusal.value.message == "该账号已停用，请联系管理员"
    assert entry.month_state(session=session, branch_id=branch_b, month="2026-03").status == "已提交"
    session.rollback()


def test_the_command_line_acts_as_an_administrator_without_an_account(session):
    nodes = orgs.visible_nodes(session=session, actor=auth.CLI_ACTOR)
    assert [node.name for node in nodes] == [
        "测试党委",
        "一线党总支",
        "综采一队党支部",
        "掘进一队党支部",
        "机关党支部",
    ]
    branch = auth.authorize_write(
        session=session, actor=auth.CLI_ACTOR, branch_id=org_id(session, "机关党支部")
    )
    assert branch.name == "机关党支部"
    auth.require_admin(session=session, actor=auth.CLI_ACTOR)
    session.rollback()
