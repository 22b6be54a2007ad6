"""Many writers at once on one database (an SQLite file in WAL mode, and PostgreSQL), then a count.

``WRITERS`` threads each make ``SAVES`` saves (environment: ``CONCURRENCY_WRITERS``,
``CONCURRENCY_SAVES``; ``benchmarks/concurrency.py`` runs 8 × 500), every save in a session of its
own through ``db.write_scope``, all on the hand-made organisation in 2026-05. Save number ``n`` of a
writer is, by ``n % 4``:

  0 任务进展   the SAME two rows for everyone (A1 of 综采一队, B1 of 掘进一队), with the version read
               just before, or — every fourth time — one less (deliberately stale);
  1 学习情况   the same two members (张三 T001, 欧阳明 T005) through the bulk editor's save, with the
               version of the sheet read just before, or one less every fourth time;
  2 经费支出   a new expense of 学习教育 (50 yuan + the save's number in fen), without confirming
               spending over the allocation (综采一队 has 2,000.00 left of it, 掘进一队 4,000.00);
  3 提交审核   the month of 机关党支部: submit it when it is open, return it (as the leader) when it is
               submitted, each with the version read just before.

Every value written is unique, so a row's final value names the save that wrote it. Each save is
either acknowledged (the function returned and the transaction committed) or refused (``Refused``);
anything else is an error a person would have seen, and there must be none. Then, by hand:

- a contested row's acknowledged updates have versions 2, 3, …, n + 1 (none saved over another);
  the row's version is n + 1 and its value the one of the update that made version n + 1;
- every stale save was refused with the optimistic-locking message, naming the record;
- the expenses in the database are exactly the acknowledged ones, amount by amount, so the sums
  agree, and no 党支部 spent more of 学习教育 than allocated (6,000.00 and 5,000.00 for 2026);
- the month of 机关党支部 went 草稿 → 已提交 → 已退回 → 已提交 … one acknowledged step at a time.
"""

import os
import re
import threading
import time
import traceback
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import Engine, func
from sqlmodel import Session, select

from data_layer import entry
from data_layer.auth import Actor
from data_layer.errors import Refused
from data_layer.models import (
    AuditLog,
    Expense,
    ExpenseCategory,
    Member,
    StudyRecord,
    Submission,
    Task,
    TaskProgress,
)
from data_layer.schemas import ExpenseIn, ProgressIn, StudyIn, from_row
from data_layer.store import db
from data_layer.vocab import SubmissionStatus
from tests.actors import actor, org_id

WRITERS = int(os.environ.get("CONCURRENCY_WRITERS", "8"))
SAVES = int(os.environ.get("CONCURRENCY_SAVES", "60"))

MONTH = "2026-05"
TODAY = date(2026, 5, 31)
BRANCH_A, BRANCH_B, BRANCH_C = "综采一队党支部", "掘进一队党支部", "机关党支部"
TASKS = {BRANCH_A: "A1", BRANCH_B: "B1"}
MEMBERS = {BRANCH_A: ("T001", "张三"), BRANCH_B: ("T005", "欧阳明")}
ALLOCATED = {BRANCH_A: Decimal("6000.00"), BRANCH_B: Decimal("5000.00")}  # 学习教育, 2026
EXPENSE_BASE = Decimal("50.00")

STALE = re.compile(
    r"(任务(A1|B1)的2026-05进度|(张三|欧阳明)的2026-05学习记录)已被 \w+ 于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 修改，"
    r"请刷新后重新填写；本次未保存"
)
OVER_ALLOCATION = re.compile(r"超出“学习教育”剩余预算 ¥[\d,]+\.\d{2}；如确需支出，请勾选“确认超预算支出”")
SUBMISSION_RACES = {
    "该月填报状态已被他人更改，请刷新后再操作",
    "本月填报已提交，不能重复提交",
    "只能审核已提交的填报",
}


@dataclass(frozen=True)
class World:
    """The database and who acts in it."""

    engine: Engine
    admin: Actor
    leader: Actor
    secretaries: dict[str, Actor]
    branch_ids: dict[str, int]


@dataclass(frozen=True)
class Save:
    writer: int
    number: int
    kind: str  # progress, study, expense, submission
    target: str  # the task code, member number, branch (expenses) or "submission"
    value: Decimal | int | str  # what was written (for a submission: "submit" or "return")
    stale: bool
    acknowledged: bool
    message: str | None = None  # the refusal
    version: int | None = None  # the row's version after an acknowledged update
    expense_id: int | None = None
    seconds: float = 0.0  # the write transaction, from opening it to its commit or refusal


@dataclass
class Run:
    saves: list[Save] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def of(self, kind: str, target: str | None = None) -> list[Save]:
        return [s for s in self.saves if s.kind == kind and (target is None or s.target == target)]


def prepare(engine: Engine) -> World:
    """On the hand-made fixture (``fresh_engine``): the organisation, plus the contested rows of 2026-05 at version 1 (value 0)."""
    with db.write_scope(engine) as session:
        admin = actor(session, "admin")
        for branch, code in TASKS.items():
            item = ProgressIn(month=MONTH, task_code=code, quantity=0)
            entry.save_progress(session=session, actor=admin, item=item, today=TODAY)
            number, _ = MEMBERS[branch]
            item = StudyIn(month=MONTH, member_no=number, points=0, hours=0, sessions=0)
            entry.save_study(session=session, actor=admin, item=item, today=TODAY)
        branch_ids = {name: org_id(session, name) for name in (BRANCH_A, BRANCH_B, BRANCH_C)}
        entry.touch_draft(session=session, actor=admin, branch_id=branch_ids[BRANCH_C], month=MONTH)
        return World(
            engine=engine,
            admin=admin,
            leader=actor(session, "leader"),
            secretaries={BRANCH_A: actor(session, "sec_a"), BRANCH_B: actor(session, "sec_b")},
            branch_ids=branch_ids,
        )


class _Timer:
    def __enter__(self) -> "_Timer":
        self.started = time.perf_counter()
        return self

    def __exit__(self, *_exc) -> None:
        self.seconds = time.perf_counter() - self.started


def _write(world: World, save: Callable[[Session], dict]) -> tuple[dict | None, str | None, float]:
    """Run one save in a transaction of its own: (what it returned, None) or (None, the refusal)."""
    timer = _Timer()
    try:
        with timer, db.write_scope(world.engine) as session:
            result = save(session)
    except Refused as refusal:
        return None, refusal.message, timer.seconds
    return result, None, timer.seconds


def _unique(writer: int, number: int, saves: int) -> int:
    """A number no other save of the run uses (1 … writers × saves)."""
    return 1 + writer * saves + number


def _branch(writer: int, number: int) -> str:
    return BRANCH_A if (writer + number // 4) % 2 == 0 else BRANCH_B


def _acting(world: World, writer: int, branch: str) -> Actor:
    """Even writers are the branch's secretary, odd ones the administrator entering for the branch."""
    return world.secretaries[branch] if writer % 2 == 0 else world.admin


def save_progress(world: World, writer: int, number: int, saves: int, stale: bool) -> Save:
    branch = _branch(writer, number)
    code = TASKS[branch]
    with Session(world.engine) as session:
        read = session.exec(
            select(TaskProgress.version)
            .join(Task, Task.id == TaskProgress.task_id)
            .where(Task.code == code, TaskProgress.month == MONTH)
        ).one()
    quantity = Decimal(_unique(writer, number, saves))
    item = ProgressIn(month=MONTH, task_code=code, quantity=quantity)

    def save(session: Session) -> dict:
        _, row = entry.save_progress(
            session=session,
            actor=_acting(world, writer, branch),
            item=item,
            expected_version=read - 1 if stale else read,
            today=TODAY,
        )
        return {"version": row.version}

    result, message, seconds = _write(world, save)
    return Save(writer, number, "progress", code, quantity, stale, message is None, message, seconds=seconds,
                **(result or {}))  # fmt: skip


def save_study(world: World, writer: int, number: int, saves: int, stale: bool) -> Save:
    branch = _branch(writer, number)
    member_no, _ = MEMBERS[branch]
    acting = _acting(world, writer, branch)
    with Session(world.engine) as session:
        original = entry.study_sheet(
            session=session, actor=acting, branch_id=world.branch_ids[branch], month=MONTH
        )
    if stale:
        original["version"] = original["version"] - 1
    points = _unique(writer, number, saves)
    edited = original.copy()
    edited.loc[edited["member_no"] == member_no, "points"] = points

    def save(session: Session) -> dict:
        entry.save_study_edits(
            session=session, actor=acting, month=MONTH, original=original, edited=edited, today=TODAY
        )
        version = session.exec(
            select(StudyRecord.version)
            .join(Member, Member.id == StudyRecord.member_id)
            .where(Member.member_no == member_no, StudyRecord.month == MONTH)
        ).one()
        return {"version": version}

    result, message, seconds = _write(world, save)
    return Save(writer, number, "study", member_no, points, stale, message is None, message, seconds=seconds,
                **(result or {}))  # fmt: skip


def save_expense(world: World, writer: int, number: int, saves: int, stale: bool) -> Save:
    branch = _branch(writer, number)
    amount = EXPENSE_BASE + Decimal(_unique(writer, number, saves)) / 100
    item = from_row(
        ExpenseIn,
        {
            "日期": date(2026, 5, 1 + number % 28),
            "党支部": branch,
            "支出类别": "学习教育",
            "金额(元)": amount,
            "事由": f"购买学习资料（第 {writer} 人第 {number} 次）",
        },
        today=TODAY,
    )

    def save(session: Session) -> dict:
        _, row = entry.save_expense(session=session, actor=_acting(world, writer, branch), item=item)
        return {"expense_id": row.id}

    result, message, seconds = _write(world, save)
    return Save(writer, number, "expense", branch, amount, stale, message is None, message, seconds=seconds,
                **(result or {}))  # fmt: skip


def save_submission(world: World, writer: int, number: int, saves: int, stale: bool) -> Save:
    branch_id = world.branch_ids[BRANCH_C]
    with Session(world.engine) as session:
        state = entry.month_state(session=session, branch_id=branch_id, month=MONTH)
    action = "return" if state.status == SubmissionStatus.SUBMITTED else "submit"

    def save(session: Session) -> dict:
        if action == "return":
            done = entry.review_month(
                session=session,
                actor=world.leader,
                branch_id=branch_id,
                month=MONTH,
                approve=False,
                comment=f"第 {_unique(writer, number, saves)} 号意见：请核对",
                expected_version=state.version,
            )
        else:
            done = entry.submit_month(
                session=session,
                actor=world.admin,
                branch_id=branch_id,
                month=MONTH,
                expected_version=state.version,
            )
        return {"version": done.version}

    result, message, seconds = _write(world, save)
    return Save(writer, number, "submission", "submission", action, stale, message is None, message,
                seconds=seconds, **(result or {}))  # fmt: skip


OPERATIONS = (save_progress, save_study, save_expense, save_submission)


def _writer(world: World, writer: int, saves: int, start: threading.Barrier, run: Run) -> None:
    start.wait()
    for number in range(saves):
        operation = OPERATIONS[number % len(OPERATIONS)]
        stale = operation in (save_progress, save_study) and (number // 4) % 4 == 3
        try:
            run.saves.append(operation(world, writer, number, saves, stale))
        except Exception:  # everything but a refusal is what this test looks for
            run.errors.append(
                f"writer {writer}, save {number} ({operation.__name__}):\n{traceback.format_exc()}"
            )


def run_writers(world: World, writers: int, saves: int) -> Run:
    """``writers`` threads making ``saves`` saves each, all starting together."""
    if writers * saves >= 10_000:
        raise ValueError("values are unique only below 10,000 saves (学习强国积分 ≤ 10,000)")
    run = Run()
    start = threading.Barrier(writers)
    began = time.perf_counter()
    with ThreadPoolExecutor(max_workers=writers) as pool:
        futures = [pool.submit(_writer, world, writer, saves, start, run) for writer in range(writers)]
        for future in futures:
            future.result()
    run.seconds = time.perf_counter() - began
    return run


# --- what must hold afterwards ---


def check_contested_rows(world: World, run: Run) -> None:
    with Session(world.engine) as session:
        finals = {
            code: session.exec(
                select(TaskProgress)
                .join(Task, Task.id == TaskProgress.task_id)
                .where(Task.code == code, TaskProgress.month == MONTH)
            ).one()
            for code in TASKS.values()
        }
        finals |= {
            number: session.exec(
                select(StudyRecord)
                .join(Member, Member.id == StudyRecord.member_id)
                .where(Member.member_no == number, StudyRecord.month == MONTH)
            ).one()
            for number, _ in MEMBERS.values()
        }
        for target, row in finals.items():
            kind = "progress" if isinstance(row, TaskProgress) else "study"
            acknowledged = [s for s in run.of(kind, target) if s.acknowledged]
            assert sorted(s.version for s in acknowledged) == list(range(2, len(acknowledged) + 2)), target
            assert row.version == len(acknowledged) + 1, target
            last = max(acknowledged, key=lambda s: s.version)
            final = row.quantity if kind == "progress" else row.points
            assert final == last.value, target
            updates = session.exec(
                select(func.count(AuditLog.id)).where(
                    AuditLog.table_name == row.__table__.name,
                    AuditLog.row_id == str(row.id),
                    AuditLog.action == "update",
                )
            ).one()
            assert updates == len(acknowledged), target
    for save in run.of("progress") + run.of("study"):
        if save.stale:
            assert not save.acknowledged, save
        if not save.acknowledged:
            assert STALE.fullmatch(save.message), save


def check_expenses(world: World, run: Run) -> None:
    acknowledged = [s for s in run.of("expense") if s.acknowledged]
    for save in run.of("expense"):
        if not save.acknowledged:
            assert OVER_ALLOCATION.fullmatch(save.message), save
    with Session(world.engine) as session:
        learning = session.exec(select(ExpenseCategory.id).where(ExpenseCategory.name == "学习教育")).one()
        stored = dict(session.exec(select(Expense.id, Expense.amount).where(Expense.month == MONTH)).all())
        assert stored == {s.expense_id: s.value for s in acknowledged}
        for branch, allocated in ALLOCATED.items():
            mine = [s.value for s in acknowledged if s.target == branch]
            in_database = session.exec(
                select(func.sum(Expense.amount)).where(
                    Expense.branch_id == world.branch_ids[branch], Expense.month == MONTH
                )
            ).one() or Decimal(0)
            assert in_database == sum(mine, Decimal(0)), branch
            year = session.exec(
                select(func.sum(Expense.amount)).where(
                    Expense.branch_id == world.branch_ids[branch],
                    Expense.category_id == learning,
                    Expense.month >= "2026-01",
                    Expense.month <= "2026-12",
                )
            ).one()
            assert year <= allocated, branch


def check_submissions(world: World, run: Run) -> None:
    saves = run.of("submission")
    for save in saves:
        if not save.acknowledged:
            assert save.message in SUBMISSION_RACES, save
    acknowledged = sorted((s for s in saves if s.acknowledged), key=lambda s: s.version)
    assert [s.version for s in acknowledged] == list(range(2, len(acknowledged) + 2))
    assert [s.value for s in acknowledged] == ["submit", "return"] * (len(acknowledged) // 2) + (
        ["submit"] if len(acknowledged) % 2 else []
    )
    with Session(world.engine) as session:
        row = session.exec(
            select(Submission).where(
                Submission.branch_id == world.branch_ids[BRANCH_C], Submission.month == MONTH
            )
        ).one()
        assert row.version == len(acknowledged) + 1
        assert row.status == (
            SubmissionStatus.SUBMITTED if len(acknowledged) % 2 else SubmissionStatus.RETURNED
        )
        actions = session.exec(
            select(AuditLog.action)
            .where(AuditLog.table_name == "submission", AuditLog.row_id == str(row.id))
            .order_by(AuditLog.id)
        ).all()
        assert actions == ["draft", *(s.value for s in acknowledged)]


def check(world: World, run: Run, writers: int, saves: int) -> None:
    """Everything the module docstring promises; raises AssertionError naming what does not hold."""
    assert run.errors == []
    assert len(run.saves) == writers * saves
    check_contested_rows(world, run)
    check_expenses(world, run)
    check_submissions(world, run)


def test_concurrent_writers_lose_nothing_and_overwrite_nothing(fresh_engine):
    world = prepare(fresh_engine)
    run = run_writers(world, WRITERS, SAVES)

    check(world, run, WRITERS, SAVES)
    # The run exercised what it claims to: stale saves, every kind acknowledged, the allocation reached.
    stale = [s for s in run.saves if s.stale]
    assert stale and not any(s.acknowledged for s in stale)
    for kind in ("progress", "study", "expense", "submission"):
        assert any(s.acknowledged for s in run.of(kind)), kind
    assert any(not s.acknowledged for s in run.of("expense"))  # 综采一队 ran out of its allocation


@pytest.mark.parametrize("stale", [False, True])
def test_one_writer_alone_is_refused_only_when_stale(fresh_engine, stale):
    world = prepare(fresh_engine)
    save = save_progress(world, writer=0, number=0, saves=1, stale=stale)

    assert save.acknowledged is not stale
    if stale:
        assert re.match(r"任务A1的2026-05进度已被 admin 于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 修改", save.message)
        assert save.message.endswith("修改，请刷新后重新填写；本次未保存")
    else:
        assert (save.target, save.value, save.version) == ("A1", Decimal(1), 2)
