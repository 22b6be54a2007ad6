"""The data_layer reads of the leader pages, timed on one database: cold and warm, for three scopes.

    uv run python -m benchmarks.queries --url URL [--month YYYY-MM] [--user leader] [--repeat 5]

For each read a leader page makes (the calls of ui/data.py, with the arguments the pages pass) and for
the whole tree, one 党总支 and one 党支部 (the first in tree order, or ``--general-branch`` / ``--branch``):
``cold`` is the first call on a fresh engine (new connections, nothing cached in the process) and
``warm`` the median of ``--repeat`` further calls. Every call opens and closes its own session, as the
pages do. Then each page's total: the sum of its calls, filters (``latest_month``, ``earliest_month``, ``visible_nodes``)
included, which is what a rerun costs after a write has cleared the page caches. Times in ms.
"""

import argparse
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Engine, make_url
from sqlmodel import Session, select

from data_layer import clock, entry, metrics, orgs, reports
from data_layer.auth import Actor, actor_of
from data_layer.metrics import budget, meetings, study, submissions, tasks
from data_layer.models import Member, Task, User
from data_layer.store import db
from data_layer.vocab import OrgKind


@dataclass(frozen=True)
class Context:
    """What one scope's calls are given: the actor, the month, the filter and the objects drilled into."""

    actor: Actor
    month: str
    org_ids: tuple[int, ...]
    branch_id: int
    task_id: int
    member_id: int


def _month_sheets(session: Session, c: Context) -> dict:
    asked = {"session": session, "actor": c.actor, "branch_id": c.branch_id, "month": c.month}
    return {
        "state": entry.month_state(session=session, branch_id=c.branch_id, month=c.month),
        "progress": entry.progress_sheet(**asked),
        "study": entry.study_sheet(**asked),
        "expenses": entry.expenses_of(**asked),
        "meetings": entry.meetings_of(**asked),
        "allocation": entry.allocation_left(**asked),
    }


Read = Callable[[Session, Context], object]
READS: dict[str, Read] = {
    "latest_month": lambda s, c: metrics.latest_month(session=s),
    "earliest_month": lambda s, c: metrics.earliest_month(session=s),
    "visible_nodes": lambda s, c: orgs.visible_nodes(session=s, actor=c.actor),
    "overview": lambda s, c: metrics.overview(session=s, actor=c.actor, month=c.month, org_ids=c.org_ids),
    "tasks_view": lambda s, c: tasks.tasks_view(session=s, actor=c.actor, month=c.month, org_ids=c.org_ids),
    "task_history": lambda s, c: tasks.task_history(
        session=s, actor=c.actor, task_id=c.task_id, month=c.month
    ),
    "workload": lambda s, c: tasks.workload(session=s, actor=c.actor, month=c.month, org_ids=c.org_ids),
    "study_view": lambda s, c: study.study_view(session=s, actor=c.actor, month=c.month, org_ids=c.org_ids),
    "member_history": lambda s, c: study.member_history(
        session=s, actor=c.actor, member_id=c.member_id, month=c.month
    ),
    "budget_view": lambda s, c: budget.budget_view(
        session=s, actor=c.actor, month=c.month, org_ids=c.org_ids
    ),
    "expense_detail": lambda s, c: budget.expense_detail(
        session=s, actor=c.actor, month=c.month, branch_id=c.branch_id
    ),
    "meetings_view": lambda s, c: meetings.meetings_view(
        session=s, actor=c.actor, month=c.month, org_ids=c.org_ids
    ),
    "branch_meetings": lambda s, c: meetings.branch_meetings(
        session=s, actor=c.actor, branch_id=c.branch_id, month=c.month
    ),
    "board": lambda s, c: submissions.board(
        session=s, actor=c.actor, month=c.month, org_ids=c.org_ids, today=clock.today()
    ),
    "pending_reviews": lambda s, c: entry.pending_reviews(session=s, actor=c.actor, org_ids=c.org_ids),
    "month_sheets": _month_sheets,
    "monthly_report": lambda s, c: reports.monthly_report(
        session=s, actor=c.actor, month=c.month, org_ids=c.org_ids
    ),
}
FILTERS = ("latest_month", "earliest_month", "visible_nodes")
# The reads each leader page makes on a rerun (drill-downs included); the report is built on a click only.
PAGES = {
    "总览": ("overview",),
    "任务完成": ("tasks_view", "task_history", "workload"),
    "学习进度": ("study_view", "member_history"),
    "经费使用": ("budget_view", "expense_detail"),
    "三会一课": ("meetings_view", "branch_meetings"),
    "填报进度": ("board",),
    "审核": ("pending_reviews", "month_sheets"),
}


def fresh_engine(url: str) -> Engine:
    """The process's engine for ``url`` made anew: no pooled connection, no statement cache."""
    db.get_engine(url).dispose()
    db._engine_for.cache_clear()
    return db.get_engine(url)


def timed(engine: Engine, read: Read, context: Context) -> float:
    started = time.perf_counter()
    with db.session_scope(engine) as session:
        read(session, context)
    return (time.perf_counter() - started) * 1000


def _first(session: Session, statement):
    found = session.exec(statement.limit(1)).first()
    if found is None:
        raise SystemExit(f"nothing found for {statement}")
    return found


def contexts(
    session: Session, *, username: str, month: str, general_branch: str | None, branch: str | None
) -> dict[str, Context]:
    """The whole tree, one 党总支 and one 党支部 under it, each with a task and a member to drill into."""
    user = session.exec(select(User).where(User.username == username)).one()
    actor = actor_of(user)
    nodes = orgs.visible_nodes(session=session, actor=actor)
    general = next(
        node
        for node in nodes
        if (node.name == general_branch if general_branch else node.kind == OrgKind.GENERAL_BRANCH)
    )
    chosen = next(
        node
        for node in nodes
        if (
            node.name == branch
            if branch
            else node.kind == OrgKind.BRANCH and node.path.startswith(general.path)
        )
    )
    task_id = _first(
        session,
        select(Task.id)
        .where(Task.branch_id == chosen.id, Task.active, Task.start_month <= month)
        .order_by(Task.start_month.desc(), Task.id),
    )
    member_id = _first(
        session, select(Member.id).where(Member.branch_id == chosen.id, Member.active).order_by(Member.id)
    )
    common = {
        "actor": actor,
        "month": month,
        "branch_id": chosen.id,
        "task_id": task_id,
        "member_id": member_id,
    }
    return {
        "全部": Context(org_ids=(), **common),
        f"党总支 {general.name}": Context(org_ids=(general.id,), **common),
        f"党支部 {chosen.name}": Context(org_ids=(chosen.id,), **common),
    }


def measure(url: str, scopes: dict[str, Context], repeat: int) -> dict[tuple[str, str], tuple[float, float]]:
    """(read, scope) → (cold ms, warm median ms)."""
    results = {}
    for scope, context in scopes.items():
        for name, read in READS.items():
            cold = timed(fresh_engine(url), read, context)
            engine = db.get_engine(url)
            warm = statistics.median(timed(engine, read, context) for _ in range(repeat))
            results[(name, scope)] = (cold, warm)
    return results


def _cell(cold: float, warm: float) -> str:
    return f"{cold:,.0f} / {warm:,.0f}"


def print_tables(url: str, month: str, scopes: list[str], results: dict) -> None:
    shown = make_url(url).render_as_string(hide_password=True)
    print(f"\n### {shown} · {month} · ms, cold / warm (median)\n")
    print("| read | " + " | ".join(scopes) + " |")
    print("|---|" + "---:|" * len(scopes))
    for name in READS:
        print(f"| {name} | " + " | ".join(_cell(*results[(name, scope)]) for scope in scopes) + " |")
    print("\n| page (reads + filters) | " + " | ".join(scopes) + " |")
    print("|---|" + "---:|" * len(scopes))
    for page, names in PAGES.items():
        cells = []
        for scope in scopes:
            parts = [results[(name, scope)] for name in (*FILTERS, *names)]
            cells.append(_cell(sum(cold for cold, _ in parts), sum(warm for _, warm in parts)))
        print(f"| {page} | " + " | ".join(cells) + " |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", action="append", required=True, help="database URL (repeat for several)")
    parser.add_argument("--month", help="the month to time (default: the one the dashboard opens on)")
    parser.add_argument("--user", default="leader")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--general-branch", help="the 党总支 to time (default: the first in tree order)")
    parser.add_argument("--branch", help="the 党支部 to time (default: the first under that 党总支)")
    options = parser.parse_args()
    for url in options.url:
        with db.session_scope(db.get_engine(url)) as session:
            scopes = contexts(
                session,
                username=options.user,
                month=options.month or metrics.opening_month(session=session),
                general_branch=options.general_branch,
                branch=options.branch,
            )
        results = measure(url, scopes, options.repeat)
        print_tables(url, options.month, list(scopes), results)
        db.get_engine(url).dispose()


if __name__ == "__main__":
    main()
