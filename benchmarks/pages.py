"""Page benchmark: the leader pages and their interactions under AppTest, against a reference page.

    uv run python -m benchmarks.pages --url URL [--reruns 20] [--quick] [--pages stars,dues]

In one run on the database at URL it prints (issue 7; results in docs/performance.md):
- every leader page as user ``leader``: a cold run (caches empty, as after a write), the warm rerun
  median and p95, the ratio to the reference page (benchmarks/reference_page.py, rerun right after each
  of the page's warm reruns, so that both see the same machine load; its median is shown beside the
  page's), and the bytes the run sends to the browser (its ForwardMsgs, charts' datasets and tables
  included);
- the interactions: change month, change node (one 党总支), drill into a branch (任务完成);
- the overview's rerun right after each kind of write (expense, task progress, study), and whether it
  shows exactly what the data layer computes afresh;
- write latency: form saves (任务进展) and a 10,000-row 学习情况 import with validation;
- a naive overview (benchmarks/naive_overview.py) measured the same way; peak RSS of the process.

It WRITES to the database: an expense that it deletes again, form saves that end on the quantity they
started from, and the import, which moves 学习强国积分 of up to 10,000 members by one point. Run it on a
copy of the database (docs/performance.md shows how). ``--quick`` (the smoke test) does 2 reruns.
``--pages`` measures only the pages named (and the reference page), nothing else, and writes nothing.
"""

import argparse
import math
import os
import resource
import sqlite3
import statistics
import sys
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from io import BytesIO
from pathlib import Path

import pandas as pd
import streamlit
from openpyxl import Workbook
from sqlalchemy import Engine, and_, func, make_url, or_
from sqlmodel import Session, select
from streamlit.testing.v1 import AppTest

from benchmarks.measuring import BenchmarkError, beside_reference, run
from data_layer import auth, clock, entry, excel, metrics, months
from data_layer.excel import KINDS
from data_layer.metrics import budget, membership, study, tasks
from data_layer.models import (
    ExpenseCategory,
    Member,
    Organisation,
    StudyRecord,
    Submission,
    Task,
    TaskProgress,
    User,
)
from data_layer.schemas import HEADERS, ExpenseIn, ProgressIn, StudyIn
from data_layer.store import db
from data_layer.vocab import OrgKind, Role, SubmissionStatus

# Outside a Streamlit server every cached read declared or cleared warns "No runtime found": quiet the
# loggers before ui's caches are declared (setting the option first: reading the configuration resets them).
streamlit.config.set_option("logger.level", "error")
streamlit.logger.set_log_level("error")

from ui import auth_ui, data, navigation, text  # noqa: E402
from ui.streamlit_internals import apptest_messages  # noqa: E402

HERE = Path(__file__).resolve().parent
APP = str(HERE.parent / "app.py")
REFERENCE = str(HERE / "reference_page.py")
REFERENCE_NAME = "reference (2,500)"
NAIVE = str(HERE / "naive_overview.py")
LEADER_PAGES = (
    "overview",
    "tasks",
    "study",
    "budget",
    "meetings",
    "safety",
    "meeting",
    "review",
    "board",
    "stars",
    "ideas",
    "pairs",
    "dues",
)
OVERVIEW = navigation.script("overview")
IMPORT_ROWS = 10_000
RUN_TIMEOUT = 900  # seconds one AppTest run may take: a naive overview at group scale takes several
EXPENSE = Decimal("1234.56")
STUDY_SHEET = next(kind.sheet for kind in KINDS if kind.model is StudyIn)
OPEN_FIRST = (SubmissionStatus.DRAFT, SubmissionStatus.RETURNED, SubmissionStatus.NONE)

# Issue 7's targets at group scale.
WARM_MS, WARM_RATIO, COLD_MS, SAVE_P95_MS, IMPORT_S, PAGE_KB, RSS_MB = 100, 3, 500, 50, 5, 300, 1024


# --- measuring ---------------------------------------------------------------------------------------


def p95(values: list[float]) -> float:
    """Nearest-rank 95th percentile: with 20 values the 19th smallest."""
    ordered = sorted(values)
    return ordered[math.ceil(0.95 * len(ordered)) - 1]


@dataclass
class Timing:
    name: str
    cold_ms: float
    warm_ms: list[float]
    sizes: Counter  # bytes sent to the browser by element type (one run)
    reference_ms: list[float]  # the reference page's reruns, each right after one of ``warm_ms``

    @property
    def median(self) -> float:
        return statistics.median(self.warm_ms)

    @property
    def reference(self) -> float:
        return statistics.median(self.reference_ms)

    @property
    def ratio(self) -> float:
        return self.median / self.reference

    @property
    def p95(self) -> float:
        return p95(self.warm_ms)

    @property
    def kb(self) -> float:
        return sum(self.sizes.values()) / 1000


def weigh(messages) -> Counter:
    """The ForwardMsgs of a script run by what they carry: chart, table, other element, or other."""
    sizes = Counter()
    for message in messages:
        kind = "other"
        if message.WhichOneof("type") == "delta" and message.delta.WhichOneof("type") == "new_element":
            kind = message.delta.new_element.WhichOneof("type")
        sizes[kind] += message.ByteSize()
    return sizes


class Wire:
    """What the last AppTest run sent: AppTest parses the run's ForwardMsgs into its element tree, and
    the queue it hands over (deltas of one run, coalesced as a server's queue does) is weighed first."""

    def __init__(self) -> None:
        self.sizes: Counter = Counter()

    @contextmanager
    def listening(self) -> Iterator["Wire"]:
        def keep_sizes(messages) -> None:
            self.sizes = weigh(messages)

        with apptest_messages(keep_sizes):
            yield self


def note(message: str) -> None:
    """Progress on stderr, so a long run shows what it is doing; the results go to stdout."""
    print(message, file=sys.stderr, flush=True)


def reference_of(wire: Wire, reruns: int) -> tuple[AppTest, Timing]:
    """The reference page, opened and rerun on its own: its row in the table, divided by itself."""
    note(f"… {REFERENCE_NAME}")
    at = script_app(REFERENCE)
    cold = run(at, REFERENCE_NAME)
    sizes = wire.sizes
    warm = [run(at, REFERENCE_NAME) for _ in range(reruns)]
    return at, Timing(REFERENCE_NAME, cold, warm, sizes, warm)


def reruns_of(at: AppTest, name: str, wire: Wire, reruns: int, reference: AppTest) -> Timing:
    """A cold run, then warm reruns, each followed by a rerun of the reference page."""
    note(f"… {name}")
    cold = run(at, name)
    sizes = wire.sizes
    warm, beside = beside_reference(reference, reruns, lambda _: run(at, name))
    return Timing(name, cold, warm, sizes, beside)


def toggled(
    at: AppTest, name: str, wire: Wire, reruns: int, reference: AppTest, choose: Callable[[bool], None]
) -> Timing:
    """An interaction: each rerun changes a widget, alternating between a new value and the one it had.
    The first change is cold (the new value was never asked for); the reruns after it are warm, each
    followed by a rerun of the reference page."""
    note(f"… {name}")
    choose(True)
    cold = run(at, name)
    sizes = wire.sizes

    def change(number: int) -> float:
        choose(number % 2 == 1)
        return run(at, name)

    warm, beside = beside_reference(reference, reruns, change)
    choose(False)
    run(at, name)
    return Timing(name, cold, warm, sizes, beside)


# --- the database ------------------------------------------------------------------------------------


def user_actor(session: Session, username: str) -> auth.Actor:
    return auth.actor_of(session.exec(select(User).where(User.username == username)).one())


def writer_for(session: Session, branch_id: int) -> auth.Actor:
    """The 党支部's secretary, who saves its figures; the administrator where it has none."""
    secretary = session.exec(
        select(User).where(User.branch_id == branch_id, User.role == Role.SECRETARY, User.active)
    ).first()
    return auth.actor_of(secretary) if secretary else user_actor(session, "admin")


def open_month(status):
    """The 党支部's month is open for writing (``status`` of an outer-joined Submission): no submission
    yet, 草稿 or 已退回."""
    return or_(status.is_(None), status.not_in(entry.LOCKED))


def describe(engine: Engine, url: str) -> list[str]:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        "unknown",
    )
    memory_kb = next(
        int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines() if "MemTotal" in line
    )
    with Session(engine) as session:
        branches = session.exec(
            select(func.count()).where(Organisation.kind == OrgKind.BRANCH, Organisation.active)
        ).one()
        members = session.exec(select(func.count()).select_from(Member).where(Member.active)).one()
        study_rows = session.exec(select(func.count()).select_from(StudyRecord)).one()
        first, last = session.exec(select(func.min(TaskProgress.month), func.max(TaskProgress.month))).one()
        version = (
            f"PostgreSQL {'.'.join(map(str, engine.dialect.server_version_info))}"
            if engine.dialect.name == "postgresql"
            else f"SQLite {sqlite3.sqlite_version}"
        )
    return [
        f"machine:   {len(os.sched_getaffinity(0))} cores, {memory_kb / 1024**2:.1f} GiB, {cpu}",
        f"database:  {version}, {make_url(url).render_as_string(hide_password=True)}",
        f"scale:     {branches:,} 党支部, {members:,} members, {study_rows:,} study rows, {first} – {last}",
        f"streamlit: {streamlit.__version__}, Python {sys.version.split()[0]}",
    ]


# --- the pages ---------------------------------------------------------------------------------------


def page_path(name: str) -> str:
    return navigation.script(name)


def leader_app(engine: Engine) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=RUN_TIMEOUT)
    with Session(engine) as session:
        at.session_state[auth_ui.ACTOR_KEY] = user_actor(session, "leader")
    return at


def table(at: AppTest, key: str) -> pd.DataFrame:
    """The rows of ``components.table(..., key=key)`` as shown (rates × 100)."""
    return at.get_by_key(key).dataframe[0].value


def measure_pages(
    at: AppTest, wire: Wire, reruns: int, reference: AppTest, names: tuple[str, ...] = LEADER_PAGES
) -> list[Timing]:
    """Each leader page: caches cleared, opened (cold), then warm reruns beside the reference page's."""
    timings = []
    for name in names:
        data.clear()
        at.switch_page(page_path(name))
        timings.append(reruns_of(at, name, wire, reruns, reference))
    return timings


def measure_interactions(
    at: AppTest, engine: Engine, wire: Wire, reruns: int, reference: AppTest, month: str
) -> list[Timing]:
    """On the overview: the month to the one before and back, the organisations to the first 党总支 and
    back to all; on 任务完成: the drilled 党支部 to the next one offered and back."""
    with Session(engine) as session:
        general = session.exec(
            select(Organisation.id)
            .where(Organisation.kind == OrgKind.GENERAL_BRANCH, Organisation.active)
            .order_by(Organisation.path)
        ).first()
    at.switch_page(OVERVIEW)
    run(at, "overview")
    timings = [
        toggled(
            at,
            "change month",
            wire,
            reruns,
            reference,
            lambda new: at.selectbox(key="month").set_value(months.previous(month) if new else month),
        )
    ]
    if general is not None:
        timings.append(
            toggled(
                at,
                "change node",
                wire,
                reruns,
                reference,
                lambda new: at.multiselect(key="org_ids").set_value([general] if new else []),
            )
        )
    at.switch_page(page_path("tasks"))
    run(at, "tasks")
    drill = at.selectbox(key="task_branch")
    others = [name for number, name in enumerate(drill.options) if number != drill.index]
    if others:
        with Session(engine) as session:
            shown, other = drill.value, entry.branch_by_name(session=session, name=others[0]).id
        timings.append(
            toggled(
                at,
                "drill into a branch",
                wire,
                reruns,
                reference,
                lambda new: at.selectbox(key="task_branch").set_value(other if new else shown),
            )
        )
    return timings


def script_app(path: str | None, month: str | None = None) -> AppTest:
    """A page outside the app (reference, naive overview), or with no path the empty page."""
    at = AppTest.from_file(path, default_timeout=RUN_TIMEOUT) if path else AppTest.from_string("")
    if month:
        at.session_state["month"] = month
    return at


# The four figures the naive overview computes too (the real one also shows the lean mechanisms').
CORE_FIGURES = (text.TASK_COMPLETION, text.STUDY_ON_TRACK, text.BUDGET_EXECUTION, text.SUBMISSION_RATE)


def headline(at: AppTest) -> list[tuple]:
    return [
        (metric.label, metric.value, metric.delta) for metric in at.metric if metric.label in CORE_FIGURES
    ]


# --- writes ------------------------------------------------------------------------------------------


@dataclass
class ColdWrite:
    kind: str
    runs_ms: list[float]
    visible: bool
    detail: str


def spent_shown(at: AppTest, branch: str, allocated: Decimal) -> Decimal | None:
    """The branch's spending as the overview shows it: its execution rate (× 100) times its budget."""
    rows = table(at, "overview-branches")
    rates = rows.loc[rows["branch"] == branch, "budget_execution_rate"]
    if rates.empty or pd.isna(rates.iloc[0]):
        return None
    return Decimal(f"{float(rates.iloc[0]) / 100 * float(allocated):.2f}")


def open_branch_shown(at: AppTest) -> str | None:
    """A 党支部 on the overview with a budget and an open month, 草稿 first (a write keeps it 草稿)."""
    rows = table(at, "overview-branches").dropna(subset=["budget_execution_rate"])
    for status in OPEN_FIRST:
        found = rows.loc[rows["submission_status"] == status, "branch"]
        if not found.empty:
            return found.iloc[0]
    return None


SHOWN_RATES = ("completion_rate", "study_on_track_rate", "budget_execution_rate")


def rates_shown(at: AppTest, branch: str) -> tuple[float, ...]:
    """The branch's three rates in the overview's table, as fractions."""
    row = table(at, "overview-branches").set_index("branch").loc[branch]
    return tuple(float(row[column]) / 100 for column in SHOWN_RATES)


def rates_computed(engine: Engine, leader: auth.Actor, month: str, branch: str) -> tuple[float, ...]:
    """The same rates computed afresh by the data layer, nothing remembered."""
    with Session(engine) as session:
        rows = metrics.overview(session=session, actor=leader, month=month).branches.set_index("branch")
    return tuple(float(rows.loc[branch, column]) for column in SHOWN_RATES)


def fresh(shown: tuple[float, ...], computed: tuple[float, ...]) -> bool:
    return all(math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12) for a, b in zip(shown, computed, strict=True))


def cold_after_writes(at: AppTest, engine: Engine, month: str, pairs: int) -> list[ColdWrite]:
    """For each kind of a secretary's write (an expense, task progress, a member's study), ``pairs``
    times: write, rerun the overview (what the write changed is recomputed, nothing is cleared by hand,
    as after ``ui.actions.run_write``), check what it shows; undo the write, rerun and check again.

    "Visible" means every rerun shows the branch's three rates exactly as the data layer computes them
    afresh, and the written change moved the rate it should (the expense: by exactly ¥1,234.56)."""
    at.switch_page(OVERVIEW)
    run(at, "overview")
    name = open_branch_shown(at)
    if name is None:
        return [ColdWrite("expense", [], False, "no 党支部 with a budget and an open month on the overview")]
    with Session(engine) as session:
        branch = entry.branch_by_name(session=session, name=name)
        writer = writer_for(session, branch.id)
        leader = user_actor(session, "leader")
    context = WriteContext(at, engine, month, name, branch.id, writer, leader)
    return [
        expense_writes(context, pairs),
        progress_writes(context, pairs),
        study_writes(context, pairs),
    ]


@dataclass(frozen=True)
class WriteContext:
    at: AppTest
    engine: Engine
    month: str
    branch: str
    branch_id: int
    writer: auth.Actor
    leader: auth.Actor

    def write(self, save: Callable[[Session], object]) -> object:
        with db.write_scope(self.engine) as session:
            return save(session)

    def rerun(self, runs: list[float]) -> tuple[float, ...]:
        runs.append(run(self.at, "overview after a write"))
        return rates_shown(self.at, self.branch)

    def computed(self) -> tuple[float, ...]:
        return rates_computed(self.engine, self.leader, self.month, self.branch)


def expense_writes(context: WriteContext, pairs: int) -> ColdWrite:
    with Session(context.engine) as session:
        allocated = budget.budget_view(
            session=session, actor=context.leader, month=context.month, org_ids=(context.branch_id,)
        ).allocated
        category = session.exec(
            select(ExpenseCategory.name).where(ExpenseCategory.active).order_by(ExpenseCategory.sort_order)
        ).first()
    before = spent_shown(context.at, context.branch, allocated)
    spent_on = min(months.last_day(context.month), clock.today())
    runs, seen, exact = [], [], True
    for _ in range(pairs):
        item = ExpenseIn(
            spent_on=spent_on,
            branch=context.branch,
            category=category,
            amount=EXPENSE,
            purpose="页面基准测试支出",
            voucher_no=f"BENCH-{uuid.uuid4().hex[:10]}",
        )
        _, expense = context.write(
            lambda session, item=item: entry.save_expense(
                session=session, actor=context.writer, item=item, confirm_over_allocation=True
            )
        )
        exact &= fresh(context.rerun(runs), context.computed())
        seen.append(spent_shown(context.at, context.branch, allocated))
        context.write(
            lambda session, expense=expense: entry.delete_expense(
                session=session, actor=context.writer, expense_id=expense.id
            )
        )
        exact &= fresh(context.rerun(runs), context.computed())
        seen.append(spent_shown(context.at, context.branch, allocated))
    changes = [None if shown is None or before is None else shown - before for shown in seen]
    visible = exact and changes == [EXPENSE, 0] * pairs
    listed = ", ".join("not shown" if change is None else f"{change:+,.2f}" for change in changes)
    return ColdWrite(
        "expense",
        runs,
        visible,
        f"{context.branch} as {context.writer.username}: spent {listed} (¥ per rerun)",
    )


def there_and_back(
    context: WriteContext,
    kind: str,
    saves: list[Callable[[Session], object]],
    rate: int,
    pairs: int,
    describe: Callable[[str], str],
) -> ColdWrite:
    """``pairs`` times: ``saves[0]`` (the change) and ``saves[1]`` (back to what was), each followed by the
    overview's rerun; after the change the ``rate``-th of ``SHOWN_RATES`` must have risen, after the way
    back it must be what it was, and every rerun must equal the data layer computed afresh."""
    runs, moved, exact = [], [], True
    before = rates_shown(context.at, context.branch)
    for _ in range(pairs):
        for save in saves:
            context.write(save)
            shown = context.rerun(runs)
            exact &= fresh(shown, context.computed())
            moved.append(shown[rate] - before[rate])
    visible = exact and all(m > 0 for m in moved[::2]) and all(m == 0 for m in moved[1::2])
    return ColdWrite(kind, runs, visible, describe(", ".join(f"{m * 100:+.2f}" for m in moved)))


def progress_writes(context: WriteContext, pairs: int) -> ColdWrite:
    """Task progress: one more unit this month on the branch's first task that is not complete and has
    progress this month, then the quantity it had."""
    with Session(context.engine) as session:
        view = tasks.tasks_view(
            session=session, actor=context.leader, month=context.month, org_ids=(context.branch_id,)
        )
        open_tasks = view.tasks[view.tasks["ratio"] < 1]["task_id"].tolist()
        found = session.exec(
            select(Task, TaskProgress)
            .join(TaskProgress, TaskProgress.task_id == Task.id)
            .where(TaskProgress.month == context.month, Task.id.in_(open_tasks or [-1]))
            .order_by(Task.id)
        ).first()
    if found is None:
        return ColdWrite("task progress", [], False, f"{context.branch}: no unfinished task with progress")
    task, progress = found
    items = [
        ProgressIn(month=context.month, task_code=task.code, quantity=quantity, note=progress.note)
        for quantity in (progress.quantity + 1, progress.quantity)
    ]
    saves = [
        lambda session, item=item: entry.save_progress(session=session, actor=context.writer, item=item)
        for item in items
    ]
    rate = SHOWN_RATES.index("completion_rate")
    return there_and_back(
        context,
        "task progress",
        saves,
        rate,
        pairs,
        lambda listed: f"任务 {task.code}: completion rate {listed} percentage points per rerun",
    )


def study_writes(context: WriteContext, pairs: int) -> ColdWrite:
    """A member's study: the branch's first member behind target gets 99 hours and 9,999 points this
    month (on track: the branch's rate rises), then the record it had."""
    with Session(context.engine) as session:
        view = study.study_view(
            session=session, actor=context.leader, month=context.month, org_ids=(context.branch_id,)
        )
        behind = view.laggards
        if behind.empty:
            return ColdWrite("study", [], False, f"{context.branch}: no member behind target")
        # the first one with a record this month (a member who arrived after the 15th has none yet)
        record = session.exec(
            select(StudyRecord)
            .join(Member, Member.id == StudyRecord.member_id)
            .where(Member.member_no.in_(behind["member_no"].tolist()), StudyRecord.month == context.month)
        ).first()
        member_no = (
            behind["member_no"].iloc[0] if record is None else session.get(Member, record.member_id).member_no
        )
    if record is None:
        return ColdWrite("study", [], False, f"{member_no}: no study record in {context.month} to restore")
    items = [
        StudyIn(
            month=context.month, member_no=member_no, points=points, hours=hours, sessions=record.sessions
        )
        for hours, points in ((Decimal(99), 9999), (record.hours, record.points))
    ]
    saves = [
        lambda session, item=item: entry.save_study(session=session, actor=context.writer, item=item)
        for item in items
    ]
    rate = SHOWN_RATES.index("study_on_track_rate")
    return there_and_back(
        context,
        "study",
        saves,
        rate,
        pairs,
        lambda listed: f"党员 {member_no}: on-track rate {listed} percentage points per rerun",
    )


def form_saves(engine: Engine, month: str, count: int) -> tuple[list[float], str]:
    """A 党支部 secretary saving a month's task progress (validate, one transaction, caches cleared),
    alternating the quantity by 0.01 and ending on the quantity it started from."""
    with Session(engine) as session:
        found = session.exec(
            select(Task, TaskProgress)
            .join(TaskProgress, TaskProgress.task_id == Task.id)
            .join(Organisation, Organisation.id == Task.branch_id)
            .outerjoin(Submission, and_(Submission.branch_id == Task.branch_id, Submission.month == month))
            .where(
                TaskProgress.month == month, Task.active, Organisation.active, open_month(Submission.status)
            )
            .order_by(Submission.status.is_(None), Task.id)
        ).first()
        if found is None:
            raise BenchmarkError(f"no task with progress in an open month {month} to save")
        task, progress = found
        writer = writer_for(session, task.branch_id)
    latencies = []
    for number in range(count + count % 2):
        quantity = progress.quantity + (Decimal("0.01") if number % 2 == 0 else 0)
        start = time.perf_counter()
        item = ProgressIn(month=month, task_code=task.code, quantity=quantity, note=progress.note)
        with db.write_scope(engine) as session:
            entry.save_progress(session=session, actor=writer, item=item)
        latencies.append((time.perf_counter() - start) * 1000)
    return latencies, f"任务 {task.code} as {writer.username}"


def study_rows(engine: Engine, month: str, limit: int) -> list[list]:
    """Sheet rows for real members whose 党支部 month is open: their record with the points moved by one
    (so every row is a change), or 1 point, 2 hours and 1 session where they have none."""
    with Session(engine) as session:
        found = session.exec(
            select(Member.member_no, Member.name, StudyRecord.points, StudyRecord.hours, StudyRecord.sessions)
            .join(Organisation, Organisation.id == Member.branch_id)
            .outerjoin(StudyRecord, and_(StudyRecord.member_id == Member.id, StudyRecord.month == month))
            .outerjoin(Submission, and_(Submission.branch_id == Member.branch_id, Submission.month == month))
            .where(
                membership.in_branch(Member.branch_id, month),
                Organisation.active,
                open_month(Submission.status),
            )
            .order_by(Member.id)
            .limit(limit)
        ).all()
    return [
        [
            month,
            number,
            name,
            (points or 0) + (1 if (points or 0) % 2 == 0 else -1),
            float(hours or 2),
            sessions or 1,
        ]
        for number, name, points, hours, sessions in found
    ]


def study_workbook(rows: list[list]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = STUDY_SHEET
    sheet.append(HEADERS[StudyIn])
    for row in rows:
        sheet.append(row)
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def study_import(engine: Engine, month: str, limit: int) -> tuple[int, float, str]:
    """The 学习情况 import as the administrator: check every row, write all in one transaction."""
    rows = study_rows(engine, month, limit)
    workbook = study_workbook(rows)
    with Session(engine) as session:
        admin = user_actor(session, "admin")
    start = time.perf_counter()
    with db.write_scope(engine) as session:
        result = excel.import_workbook(session=session, actor=admin, data=workbook)
    seconds = time.perf_counter() - start
    if result.problems:
        raise BenchmarkError(
            f"the study import was refused: {result.problems[0]} ({len(result.problems)} problems)"
        )
    saved = result.saved[STUDY_SHEET]
    return len(rows), seconds, f"{saved.inserted:,} inserted, {saved.updated:,} updated"


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# --- report ------------------------------------------------------------------------------------------


def row_line(timing: Timing) -> str:
    charts = timing.sizes.get("vega_lite_chart", 0) / 1000
    tables = timing.sizes.get("dataframe", 0) / 1000
    return (
        f"{timing.name:<22}{timing.cold_ms:>10.0f}{timing.median:>10.1f}{timing.p95:>10.1f}"
        f"{timing.reference:>9.1f}{timing.ratio:>8.1f}{timing.kb:>9.0f}{charts:>9.0f}{tables:>9.0f}"
    )


HEADER = (
    f"{'page / interaction':<22}{'cold ms':>10}{'warm p50':>10}{'warm p95':>10}{'ref p50':>9}{'÷ ref':>8}"
)
HEADER += f"{'KB':>9}{'charts':>9}{'tables':>9}"


def target_lines(
    timings: list[Timing],
    colds: list[ColdWrite],
    saves: list[float],
    import_s: float,
    rss: float,
) -> list[str]:
    def verdict(ok: bool) -> str:
        return "met" if ok else "NOT met"

    slow = [t for t in timings if t.median > WARM_MS or t.ratio > WARM_RATIO]
    heavy = [t for t in timings if t.kb > PAGE_KB]
    medians = {cold.kind: statistics.median(cold.runs_ms) if cold.runs_ms else math.inf for cold in colds}
    cold_ok = all(ms <= COLD_MS for ms in medians.values()) and all(cold.visible for cold in colds)
    return [
        f"warm median ≤ {WARM_MS} ms and ≤ {WARM_RATIO}× reference: {verdict(not slow)}"
        + "".join(f"; {t.name} {t.median:.0f} ms = {t.ratio:.1f}×" for t in slow),
        f"cold after a write ≤ {COLD_MS} ms with the value shown: {verdict(cold_ok)} ("
        + ", ".join(f"{kind} {ms:.0f} ms" for kind, ms in medians.items())
        + ")",
        f"form save p95 ≤ {SAVE_P95_MS} ms: {verdict(p95(saves) <= SAVE_P95_MS)} ({p95(saves):.1f} ms)",
        f"10,000-row import ≤ {IMPORT_S} s: {verdict(import_s <= IMPORT_S)} ({import_s:.1f} s)",
        f"≤ {PAGE_KB} KB per page view: {verdict(not heavy)}"
        + "".join(f"; {t.name} {t.kb:.0f} KB" for t in heavy),
        f"peak RSS ≤ {RSS_MB} MB: {verdict(rss <= RSS_MB)} ({rss:.0f} MB)",
    ]


RATIO = "ratio = median ÷ the reference's median, rerun right after each of the row's reruns"


def pages_only(
    at: AppTest,
    wire: Wire,
    reruns: int,
    names: tuple[str, ...],
    reference_at: AppTest,
    reference: Timing,
    month: str,
) -> int:
    """``--pages``: the pages named, beside the reference page; nothing written."""
    unknown = set(names) - set(LEADER_PAGES)
    if unknown:
        raise BenchmarkError(f"no such leader page: {', '.join(sorted(unknown))}")
    timings = measure_pages(at, wire, reruns, reference_at, names)
    print(f"\nmonth {month}, whole group, user leader; {reruns} warm reruns each; {RATIO}")
    print(HEADER)
    for timing in [reference, *timings]:
        print(row_line(timing))
    print(f"load average: {' '.join(f'{load:.2f}' for load in os.getloadavg())}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True, help="the database to measure (it is written to: use a copy)")
    parser.add_argument("--reruns", type=int, help="warm reruns per page and interaction (default 20)")
    parser.add_argument("--quick", action="store_true", help="2 reruns, 6 saves, one write pair")
    parser.add_argument("--pages", help="only these pages (comma-separated), no interactions or writes")
    args = parser.parse_args(argv)
    reruns = args.reruns or (2 if args.quick else 20)
    saves, pairs = (6, 1) if args.quick else (50, 3)

    os.environ["DATABASE_URL"] = args.url
    os.environ["WARM_UP"] = "0"  # every cold figure here is measured cold
    engine = db.get_engine(args.url)
    db.upgrade(engine)
    print("\n".join(describe(engine, args.url)), flush=True)
    with Session(engine) as session:
        month = metrics.opening_month(session=session)
    if month is None:
        raise BenchmarkError("the database has no figures")

    with Wire().listening() as wire:
        reference_at, reference = reference_of(wire, reruns)
        empty = reruns_of(script_app(None), "empty page", wire, reruns, reference_at)
        at = leader_app(engine)
        run(at, "start")  # loads the app's modules; not measured
        if args.pages:
            names = tuple(args.pages.split(","))
            return pages_only(at, wire, reruns, names, reference_at, reference, month)
        timings = measure_pages(at, wire, reruns, reference_at)
        timings += measure_interactions(at, engine, wire, reruns, reference_at, month)
        note("… cold after a write")
        colds = cold_after_writes(at, engine, month, pairs)
        note("… form saves")
        saves_ms, saved_what = form_saves(engine, month, saves)
        note("… study import")
        import_rows, import_s, imported = study_import(engine, month, IMPORT_ROWS)
        app_rss = peak_rss_mb()
        naive_at = script_app(NAIVE, month)
        naive = reruns_of(naive_at, "naive overview", wire, reruns, reference_at)
        at.switch_page(OVERVIEW)
        run(at, "overview")
        same = headline(naive_at) == headline(at)

    print(f"\nmonth {month}, whole group, user leader; {reruns} warm reruns each; {RATIO}")
    print(HEADER)
    for timing in [reference, empty, *timings, naive]:
        print(row_line(timing))
    print()
    for cold in colds:
        cold_median = statistics.median(cold.runs_ms) if cold.runs_ms else math.nan
        print(
            f"cold after a write, {cold.kind} (overview): {', '.join(f'{ms:.0f}' for ms in cold.runs_ms)} ms, "
            f"median {cold_median:.0f} ms; visible: {'yes' if cold.visible else 'no'}"
        )
        print(f"  {cold.detail}")
    print(
        f"form save ({len(saves_ms)} saves, {saved_what}): median {statistics.median(saves_ms):.1f} ms, "
        f"p95 {p95(saves_ms):.1f} ms"
    )
    print(f"study import ({import_rows:,} rows, validated, one transaction): {import_s:.2f} s; {imported}")
    print(f"naive overview shows the overview's headline figures: {'yes' if same else 'no'}")
    if not same:
        print(f"  overview {headline(at)}\n  naive    {headline(naive_at)}")
    total_rss = peak_rss_mb()
    print(
        f"peak RSS: {app_rss:.0f} MB for the app's pages and writes; {total_rss:.0f} MB with the naive overview"
    )
    print("\ntargets:")
    for line in target_lines(timings, colds, saves_ms, import_s, app_rss):
        print(f"  {line}")
    return 0 if all(cold.visible for cold in colds) else 1


if __name__ == "__main__":
    sys.exit(main())
