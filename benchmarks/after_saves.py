"""What users feel after a secretary's save: every leader page's first rerun after each kind of save.

    uv run python -m benchmarks.after_saves --url URL [--rounds 3] [--pages overview,tasks] [--kinds study]

On the database at URL (a copy: it WRITES, then undoes each write), as user ``leader`` on the whole
tree, for every leader page and every kind of save (an expense and its deletion, one task's progress up
one unit and back, one member's study up one hour and back): the page is opened and warmed, then
``rounds`` times a save is made and the page rerun (cold after the save: nothing is cleared by hand, the
store recomputes what the save changed), then the reference page (benchmarks/reference_page.py) is run
right after, so both see the same load. Prints per page and kind the median wall and CPU milliseconds
of the rerun after a save, the reference page's median, the load average, and whether the 500 ms target
holds; and a summary table (docs/performance.md reproduces it).
"""

import argparse
import os
import statistics
import sys
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import Engine, func
from sqlmodel import Session, col, select

from benchmarks import pages
from benchmarks.measuring import BenchmarkError, beside_reference, run, timed
from data_layer import clock, entry, months
from data_layer.models import (
    Expense,
    ExpenseCategory,
    Member,
    Organisation,
    StudyRecord,
    Submission,
    Task,
    TaskProgress,
)
from data_layer.schemas import ExpenseIn, ProgressIn, StudyIn
from data_layer.store import db
from data_layer.vocab import OrgKind

COLD_AFTER_SAVE_MS = 500
Save = Callable[[Session], object]


@dataclass(frozen=True)
class Kind:
    """A kind of save: a change and the way back, each a write of one 党支部's secretary."""

    name: str
    change: Save
    back: Save


def the_branch(engine: Engine, month: str) -> int:
    """A 党支部 with an open month at M, expenses, task progress and study records at M."""
    with Session(engine) as session:
        status = Submission.status
        found = session.exec(
            select(Organisation.id)
            .outerjoin(
                Submission, (col(Submission.branch_id) == Organisation.id) & (Submission.month == month)
            )
            .join(Expense, (col(Expense.branch_id) == Organisation.id) & (Expense.month == month))
            .join(Task, col(Task.branch_id) == Organisation.id)
            .join(TaskProgress, (col(TaskProgress.task_id) == Task.id) & (TaskProgress.month == month))
            .where(Organisation.kind == OrgKind.BRANCH, Organisation.active, pages.open_month(status))
            .order_by(Organisation.id)
        ).first()
    if found is None:
        raise BenchmarkError(f"no 党支部 with an open {month} and figures in it")
    return found


def kinds(engine: Engine, month: str, branch_id: int) -> list[Kind]:
    with Session(engine) as session:
        branch = session.get_one(Organisation, branch_id).name
        writer = pages.writer_for(session, branch_id)
        category = session.exec(
            select(ExpenseCategory.name)
            .where(ExpenseCategory.active)
            .order_by(col(ExpenseCategory.sort_order))
        ).first()
        task, progress = session.exec(
            select(Task, TaskProgress)
            .join(TaskProgress, col(TaskProgress.task_id) == Task.id)
            .where(Task.branch_id == branch_id, TaskProgress.month == month)
            .order_by(col(Task.id))
        ).first()
        member, record = session.exec(
            select(Member, StudyRecord)
            .join(StudyRecord, col(StudyRecord.member_id) == Member.id)
            .where(Member.branch_id == branch_id, StudyRecord.month == month)
            .order_by(col(Member.id))
        ).first()
        task_code, quantity, note = task.code, progress.quantity, progress.note
        member_no, hours, points, sessions = member.member_no, record.hours, record.points, record.sessions
    spent_on = min(months.last_day(month), clock.today())
    written: list[int] = []

    def add_expense(session: Session) -> None:
        item = ExpenseIn(
            spent_on=spent_on,
            branch=branch,
            category=category,
            amount=Decimal("1234.56"),
            purpose="基准测试支出",
            voucher_no=f"BENCH-{uuid.uuid4().hex[:10]}",
        )
        _, row = entry.save_expense(session=session, actor=writer, item=item, confirm_over_allocation=True)
        written.append(row.id)

    def delete_expense(session: Session) -> None:
        entry.delete_expense(session=session, actor=writer, expense_id=written.pop())

    def progress(amount: Decimal) -> Save:
        item = ProgressIn(month=month, task_code=task_code, quantity=amount, note=note)
        return lambda session: entry.save_progress(session=session, actor=writer, item=item)

    def study(more: Decimal) -> Save:
        item = StudyIn(month=month, member_no=member_no, points=points, hours=hours + more, sessions=sessions)
        return lambda session: entry.save_study(session=session, actor=writer, item=item)

    return [
        Kind("expense", add_expense, delete_expense),
        Kind("task progress", progress(quantity + 1), progress(quantity)),
        Kind("study", study(Decimal(1)), study(Decimal(0))),
    ]


@dataclass
class Result:
    page: str
    kind: str
    wall: list[float]
    cpu: list[float]
    reference: list[float]
    load: float

    @property
    def holds(self) -> bool:
        return statistics.median(self.wall) <= COLD_AFTER_SAVE_MS


def measure(engine: Engine, page: str, kind: Kind, rounds: int, reference) -> Result:
    at = pages.leader_app(engine)
    at.switch_page(pages.page_path(page))
    run(at, page)
    run(at, page)
    load = os.getloadavg()[0]
    saves = (kind.change, kind.back)

    def after_save(number: int) -> tuple[float, float]:
        with db.write_scope(engine) as session:
            saves[number % 2](session)
        return timed(at, page)

    runs, beside = beside_reference(reference, 2 * rounds, after_save)
    return Result(page, kind.name, [wall for wall, _ in runs], [cpu for _, cpu in runs], beside, load)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--pages", default=",".join(pages.LEADER_PAGES))
    parser.add_argument("--kinds", default="expense,task progress,study")
    args = parser.parse_args(argv)
    os.environ["DATABASE_URL"] = args.url
    os.environ["WARM_UP"] = "0"
    engine = db.get_engine(args.url)
    with Session(engine) as session:
        month = session.exec(select(func.max(TaskProgress.month))).one()
    month = min(month, months.of_date(clock.today()))
    branch_id = the_branch(engine, month)
    chosen = [kind for kind in kinds(engine, month, branch_id) if kind.name in args.kinds.split(",")]
    reference = pages.script_app(pages.REFERENCE)
    run(reference, "reference")
    print("\n".join(pages.describe(engine, args.url)))
    print(f"month:     {month}, 党支部 id {branch_id}, {args.rounds} rounds of save and way back\n")
    print(
        f"{'page':<10}{'save':<15}{'wall p50':>10}{'cpu p50':>10}{'ref p50':>9}{'load':>6}  ≤ {COLD_AFTER_SAVE_MS} ms"
    )
    results = []
    for page in args.pages.split(","):
        for kind in chosen:
            pages.note(f"… {page} after {kind.name}")
            result = measure(engine, page, kind, args.rounds, reference)
            results.append(result)
            print(
                f"{page:<10}{kind.name:<15}{statistics.median(result.wall):>10,.0f}"
                f"{statistics.median(result.cpu):>10,.0f}{statistics.median(result.reference):>9,.1f}"
                f"{result.load:>6.1f}  {'holds' if result.holds else 'FAILS'}",
                flush=True,
            )
    failing = [f"{r.page} after {r.kind}" for r in results if not r.holds]
    print(
        f"\ncold after a save ≤ {COLD_AFTER_SAVE_MS} ms: {'holds' if not failing else 'fails: ' + ', '.join(failing)}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
