"""Cached reads for the pages: each opens a session, calls data_layer, and is keyed by its filters.

Every key also holds the database URL, so two databases in one process never share an answer, and the
database's data version (data_layer/version.py), read afresh on each call with one primary-key SELECT.
Every write adds one to that version, so after a write committed by any app process on the same
database the next rerun in every process asks with a new key and recomputes. The process that wrote
also clears these caches (``clear``); a process that sees the version change clears them as well, since
no page asks for an older version again: both free the memory at once rather than after the ten minutes.
"""

import functools

import streamlit as st

from data_layer import db, entry_sheet, history, metrics, orgs, settings, setup_lists, version, workflow
from data_layer.auth import Actor
from data_layer.metrics import meetings, study, submissions, tasks

CACHE_SECONDS = 600


def _read(url: str, function, **arguments):
    """Call a data_layer read function with a session of the database at ``url``."""
    with db.session_scope(db.get_engine(url)) as session:
        return function(session=session, **arguments)


def current_version(url: str) -> int:
    """The data version of the database at ``url`` now; never cached."""
    return _read(url, version.data_version)


_last_seen: dict[str, int] = {}


def _version_to_ask(url: str) -> int:
    """The current data version; when it differs from the one this process last saw, every cached read
    is forgotten first (none of them can be asked for again)."""
    seen = current_version(url)
    if _last_seen.setdefault(url, seen) != seen:
        clear()
        _last_seen[url] = seen
    return seen


def _cached(read):
    """Cache ``read(url, data_version, ...)`` for ten minutes, keyed by all its arguments. Pages call it
    without the version, ``read(url, ...)``: it is read here, on every call."""
    cached = st.cache_data(ttl=CACHE_SECONDS, show_spinner=False)(read)

    @functools.wraps(read)
    def at_current_version(url: str, *arguments, **options):
        return cached(url, _version_to_ask(url), *arguments, **options)

    return at_current_version


@st.cache_resource(show_spinner=False)
def prepare_database(url: str) -> None:
    """Create or upgrade the schema once per database and process."""
    db.upgrade(db.get_engine(url))


@_cached
def overview(
    url: str, data_version: int, actor: Actor, month: str, org_ids: tuple[int, ...]
) -> metrics.Overview:
    return _read(url, metrics.overview, actor=actor, month=month, org_ids=org_ids)


@_cached
def latest_month(url: str, data_version: int) -> str | None:
    with db.session_scope(db.get_engine(url)) as session:
        return metrics.latest_month(session=session)


@_cached
def visible_nodes(url: str, data_version: int, actor: Actor) -> list[orgs.OrgNode]:
    return _read(url, orgs.visible_nodes, actor=actor)


@_cached
def demo_logins(url: str, data_version: int) -> settings.DemoLogins | None:
    return _read(url, settings.demo_logins, embedded=db.is_embedded(url))


@_cached
def setting(url: str, data_version: int, key: str) -> str | None:
    """A named setting (data_layer.settings), or its default."""
    return _read(url, settings.get, key=key)


# --- 任务完成 ---


@_cached
def tasks_view(
    url: str, data_version: int, actor: Actor, month: str, org_ids: tuple[int, ...]
) -> tasks.TasksView:
    return _read(url, tasks.tasks_view, actor=actor, month=month, org_ids=org_ids)


@_cached
def task_history(url: str, data_version: int, actor: Actor, task_id: int, month: str):
    return _read(url, tasks.task_history, actor=actor, task_id=task_id, month=month)


@_cached
def workload(
    url: str, data_version: int, actor: Actor, month: str, org_ids: tuple[int, ...]
) -> tasks.Workload:
    return _read(url, tasks.workload, actor=actor, month=month, org_ids=org_ids)


# --- 学习进度 ---


@_cached
def study_view(
    url: str, data_version: int, actor: Actor, month: str, org_ids: tuple[int, ...]
) -> study.StudyView:
    return _read(url, study.study_view, actor=actor, month=month, org_ids=org_ids)


@_cached
def member_history(url: str, data_version: int, actor: Actor, member_id: int, month: str):
    return _read(url, study.member_history, actor=actor, member_id=member_id, month=month)


# --- 经费使用 ---


@_cached
def budget_view(
    url: str, data_version: int, actor: Actor, month: str, org_ids: tuple[int, ...]
) -> metrics.budget.BudgetView:
    return _read(url, metrics.budget.budget_view, actor=actor, month=month, org_ids=org_ids)


@_cached
def expense_detail(
    url: str, data_version: int, actor: Actor, month: str, branch_id: int, category_id: int | None
):
    with db.session_scope(db.get_engine(url)) as session:
        return metrics.budget.expense_detail(
            session=session, actor=actor, month=month, branch_id=branch_id, category_id=category_id
        )


# --- 三会一课 ---


@_cached
def meetings_view(
    url: str, data_version: int, actor: Actor, month: str, org_ids: tuple[int, ...]
) -> meetings.MeetingsView:
    return _read(url, meetings.meetings_view, actor=actor, month=month, org_ids=org_ids)


@_cached
def branch_meetings(url: str, data_version: int, actor: Actor, branch_id: int, month: str):
    return _read(url, meetings.branch_meetings, actor=actor, branch_id=branch_id, month=month)


# --- 填报 ---


@_cached
def board(
    url: str, data_version: int, actor: Actor, month: str, org_ids: tuple[int, ...], today
) -> submissions.Board:
    return _read(url, submissions.board, actor=actor, month=month, org_ids=org_ids, today=today)


@_cached
def pending_reviews(
    url: str, data_version: int, actor: Actor, org_ids: tuple[int, ...]
) -> list[workflow.MonthState]:
    return _read(url, workflow.pending_reviews, actor=actor, org_ids=org_ids)


@_cached
def month_sheets(url: str, data_version: int, actor: Actor, branch_id: int, month: str) -> dict:
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


@_cached
def month_history(url: str, data_version: int, actor: Actor, branch_id: int, month: str):
    return _read(url, history.month_history, actor=actor, branch_id=branch_id, month=month)


@_cached
def setup_list(url: str, data_version: int, actor: Actor, name: str, **options):
    """One of the 基础数据 lists (setup_lists.<name>), for administrators."""
    with db.session_scope(db.get_engine(url)) as session:
        reader = getattr(setup_lists, name)
        if name in ("open_tasks", "categories", "year_parameters"):
            return reader(session=session, **options)
        return reader(session=session, actor=actor, **options)


def clear() -> None:
    """Forget every cached read: call after each write."""
    st.cache_data.clear()
