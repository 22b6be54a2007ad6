"""Cached reads for the pages: each opens a session, calls data_layer, and is keyed by its filters.

The database URL is part of every key, so two databases in one process never share an answer. Every
write clears these caches (``clear``), so the next rerun shows what was written.
"""

import streamlit as st

from data_layer import db, entry_sheet, history, metrics, orgs, settings, setup_lists, workflow
from data_layer.auth import Actor
from data_layer.metrics import meetings, study, submissions, tasks


def _read(url: str, function, **arguments):
    """Call a data_layer read function with a session of the database at ``url``."""
    with db.session_scope(db.get_engine(url)) as session:
        return function(session=session, **arguments)


@st.cache_resource(show_spinner=False)
def prepare_database(url: str) -> None:
    """Create or upgrade the schema once per database and process."""
    db.upgrade(db.get_engine(url))


@st.cache_data(ttl=600, show_spinner=False)
def overview(url: str, actor: Actor, month: str, org_ids: tuple[int, ...]) -> metrics.Overview:
    return _read(url, metrics.overview, actor=actor, month=month, org_ids=org_ids)


@st.cache_data(ttl=600, show_spinner=False)
def latest_month(url: str) -> str | None:
    with db.session_scope(db.get_engine(url)) as session:
        return metrics.latest_month(session=session)


@st.cache_data(ttl=600, show_spinner=False)
def visible_nodes(url: str, actor: Actor) -> list[orgs.OrgNode]:
    return _read(url, orgs.visible_nodes, actor=actor)


@st.cache_data(ttl=600, show_spinner=False)
def demo_logins(url: str) -> settings.DemoLogins | None:
    return _read(url, settings.demo_logins, embedded=db.is_embedded(url))


@st.cache_data(ttl=600, show_spinner=False)
def setting(url: str, key: str) -> str | None:
    """A named setting (data_layer.settings), or its default."""
    return _read(url, settings.get, key=key)


# --- 任务完成 ---


@st.cache_data(ttl=600, show_spinner=False)
def tasks_view(url: str, actor: Actor, month: str, org_ids: tuple[int, ...]) -> tasks.TasksView:
    return _read(url, tasks.tasks_view, actor=actor, month=month, org_ids=org_ids)


@st.cache_data(ttl=600, show_spinner=False)
def task_history(url: str, actor: Actor, task_id: int, month: str):
    return _read(url, tasks.task_history, actor=actor, task_id=task_id, month=month)


@st.cache_data(ttl=600, show_spinner=False)
def workload(url: str, actor: Actor, month: str, org_ids: tuple[int, ...]) -> tasks.Workload:
    return _read(url, tasks.workload, actor=actor, month=month, org_ids=org_ids)


# --- 学习进度 ---


@st.cache_data(ttl=600, show_spinner=False)
def study_view(url: str, actor: Actor, month: str, org_ids: tuple[int, ...]) -> study.StudyView:
    return _read(url, study.study_view, actor=actor, month=month, org_ids=org_ids)


@st.cache_data(ttl=600, show_spinner=False)
def member_history(url: str, actor: Actor, member_id: int, month: str):
    return _read(url, study.member_history, actor=actor, member_id=member_id, month=month)


# --- 经费使用 ---


@st.cache_data(ttl=600, show_spinner=False)
def budget_view(url: str, actor: Actor, month: str, org_ids: tuple[int, ...]) -> metrics.budget.BudgetView:
    return _read(url, metrics.budget.budget_view, actor=actor, month=month, org_ids=org_ids)


@st.cache_data(ttl=600, show_spinner=False)
def expense_detail(url: str, actor: Actor, month: str, branch_id: int, category_id: int | None):
    with db.session_scope(db.get_engine(url)) as session:
        return metrics.budget.expense_detail(
            session=session, actor=actor, month=month, branch_id=branch_id, category_id=category_id
        )


# --- 三会一课 ---


@st.cache_data(ttl=600, show_spinner=False)
def meetings_view(url: str, actor: Actor, month: str, org_ids: tuple[int, ...]) -> meetings.MeetingsView:
    return _read(url, meetings.meetings_view, actor=actor, month=month, org_ids=org_ids)


@st.cache_data(ttl=600, show_spinner=False)
def branch_meetings(url: str, actor: Actor, branch_id: int, month: str):
    return _read(url, meetings.branch_meetings, actor=actor, branch_id=branch_id, month=month)


# --- 填报 ---


@st.cache_data(ttl=600, show_spinner=False)
def board(url: str, actor: Actor, month: str, org_ids: tuple[int, ...], today) -> submissions.Board:
    return _read(url, submissions.board, actor=actor, month=month, org_ids=org_ids, today=today)


@st.cache_data(ttl=600, show_spinner=False)
def pending_reviews(url: str, actor: Actor, org_ids: tuple[int, ...]) -> list[workflow.MonthState]:
    return _read(url, workflow.pending_reviews, actor=actor, org_ids=org_ids)


@st.cache_data(ttl=600, show_spinner=False)
def month_sheets(url: str, actor: Actor, branch_id: int, month: str) -> dict:
    """Everything of a branch's month that the entry and review pages show, with row versions."""
    with db.session_scope(db.get_engine(url)) as session:
        asked = {"session": session, "actor": actor, "branch_id": branch_id, "month": month}
        return {
            "state": workflow.month_state(session=session, branch_id=branch_id, month=month),
            "progress": entry_sheet.progress_sheet(**asked),
            "study": entry_sheet.study_sheet(**asked),
            "expenses": entry_sheet.expenses_of(**asked),
            "meetings": entry_sheet.meetings_of(**asked),
            "allocation": entry_sheet.allocation_left(**asked),
        }


@st.cache_data(ttl=600, show_spinner=False)
def month_history(url: str, actor: Actor, branch_id: int, month: str):
    return _read(url, history.month_history, actor=actor, branch_id=branch_id, month=month)


@st.cache_data(ttl=600, show_spinner=False)
def setup_list(url: str, actor: Actor, name: str, **options):
    """One of the 基础数据 lists (setup_lists.<name>), for administrators."""
    with db.session_scope(db.get_engine(url)) as session:
        reader = getattr(setup_lists, name)
        if name in ("open_tasks", "categories", "year_parameters"):
            return reader(session=session, **options)
        return reader(session=session, actor=actor, **options)


def clear() -> None:
    """Forget every cached read: call after each write."""
    st.cache_data.clear()
