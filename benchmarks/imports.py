"""Import benchmark: Excel imports of each sheet kind at several sizes, to see that time grows linearly with rows.

    uv run python -m benchmarks.imports --url URL [--rows 1000,10000,60000] [--kinds 经费支出,学习情况]

For every kind and size it builds an honest workbook from what the database at URL holds (real members,
tasks, 党支部, categories with an allocation, months that are open and not in the future; rows that pass
every check), copies the database (SQLite: the file; PostgreSQL: CREATE DATABASE … TEMPLATE), imports the
workbook into the copy as the administrator the way the page does (``excel.check_workbook`` outside the
write lock, then ``excel.write_workbook`` in ``db.write_scope``) and prints rows, the check's and the
write's seconds, wall and CPU seconds of the whole import and rows per second. Building the workbook and
copying the database are not timed. The database at URL itself is only read.

A kind whose keys the database cannot supply in that number (a mine has a few hundred tasks) is imported
with the rows it has, and the row count says so. A refused import stops the benchmark: a benchmark of
refusals measures nothing.
"""

import argparse
import itertools
import sqlite3
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from io import BytesIO
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from sqlalchemy import create_engine, make_url, text
from sqlmodel import Session, col, select

from data_layer import auth, clock, entry, excel, months, parse, schemas
from data_layer.entry import workflow
from data_layer.excel import BY_SHEET
from data_layer.metrics import membership
from data_layer.models import BudgetAllocation, ExpenseCategory, Member, Organisation, Submission, Task, User
from data_layer.store import db
from data_layer.vocab import OrgKind, Role

SIZES = (1000, 10000, 60000)
SPARE = 1000  # 元 left of an allocation for it to take generated expenses (a fen each)
EARLIEST = "2000-01"  # the first month a generated row may fall in (parse.MONTH_YEARS)


class BenchmarkError(Exception):
    """The database cannot be measured as asked (an import was refused, no administrator)."""


@dataclass(frozen=True)
class Facts:
    """What the rows are made of, read once from the database."""

    today: date
    members: list[Member]
    branches: dict[int, str]
    locked: set[tuple[int, str]]
    tasks: list[Task]
    allocated: list[tuple[str, str]]  # (党支部, 支出类别) with ``SPARE`` left of this year's allocation
    categories: list[str]  # the active 支出类别

    def open(self, branch_id: int | None, month: str) -> bool:
        return branch_id in self.branches and (branch_id, month) not in self.locked

    def this_year(self) -> list[str]:
        """This year's months up to the current one, latest first."""
        return [months.make(self.today.year, number) for number in range(self.today.month, 0, -1)]

    def open_pairs(self) -> Iterator[tuple[int, str]]:
        """(党支部, month) of this year that are open, latest month first."""
        for month in self.this_year():
            for branch_id in self.branches:
                if self.open(branch_id, month):
                    yield branch_id, month


def read_facts(session: Session) -> Facts:
    branches = {
        id_: name
        for id_, name in session.exec(
            select(Organisation.id, Organisation.name).where(
                Organisation.kind == OrgKind.BRANCH, col(Organisation.active)
            )
        ).all()
        if id_ is not None
    }
    locked = {
        (branch_id, month)
        for branch_id, month in session.exec(
            select(Submission.branch_id, Submission.month).where(
                col(Submission.status).in_(list(workflow.LOCKED))
            )
        ).all()
    }
    today = clock.today()
    allocated = session.exec(
        select(
            Organisation.name, ExpenseCategory.name, BudgetAllocation.branch_id, BudgetAllocation.category_id
        )
        .select_from(BudgetAllocation)
        .join(Organisation, Organisation.id == BudgetAllocation.branch_id)
        .join(ExpenseCategory, ExpenseCategory.id == BudgetAllocation.category_id)
        .where(BudgetAllocation.year == today.year, col(ExpenseCategory.active))
        .order_by(Organisation.name, ExpenseCategory.name)
    ).all()
    pairs = [
        (branch, category)
        for branch, category, branch_id, category_id in allocated
        if entry.remaining_allocation(
            session=session, branch_id=branch_id, category_id=category_id, year=today.year
        )
        >= SPARE
    ]
    members = list(session.exec(select(Member).where(col(Member.active)).order_by(Member.id)).all())
    tasks = list(session.exec(select(Task).where(col(Task.active)).order_by(Task.id)).all())
    categories = list(
        session.exec(
            select(ExpenseCategory.name).where(col(ExpenseCategory.active)).order_by(ExpenseCategory.name)
        )
    )
    return Facts(today, members, branches, locked, tasks, pairs, categories)


def first_day(month: str) -> date:
    return date(*months.parse(month), 1)


def _member_months(facts: Facts) -> Iterator[tuple[Member, str]]:
    """Members with a month they count in, in an open month of their 党支部: latest month first."""
    month = months.of_date(facts.today)
    while month >= EARLIEST:
        for member in facts.members:
            branch_id = membership.branch_of(member, month)
            if branch_id is not None and facts.open(branch_id, month):
                yield member, month
        month = months.shift(month, -1)


def study_rows(facts: Facts) -> Iterator[dict[str, Any]]:
    for number, (member, month) in enumerate(_member_months(facts)):
        yield {
            "月份": month,
            "党员编号": member.member_no,
            "姓名": member.name,
            "学习强国积分": 400 + number % 600,
            "学习时长(小时)": 1 + number % 8 / 2,
            "集中学习次数": number % 4,
        }


def dues_rows(facts: Facts) -> Iterator[dict[str, Any]]:
    for number, (member, month) in enumerate(_member_months(facts)):
        income = 3000 + number % 9000
        yield {
            "月份": month,
            "党员编号": member.member_no,
            "姓名": member.name,
            "月工资收入(元)": income,
            "实缴金额(元)": None,
            "缴纳日期": None,
        }


def progress_rows(facts: Facts) -> Iterator[dict[str, Any]]:
    number = 0
    for month in facts.this_year():
        for task in facts.tasks:
            if task.start_month <= month and facts.open(task.branch_id, month):
                number += 1
                yield {
                    "月份": month,
                    "任务编号": task.code,
                    "本月完成量": number % 7,
                    "说明": f"第 {number} 行",
                }


def expense_rows(facts: Facts) -> Iterator[dict[str, Any]]:
    """A fen each, so that no allocation runs out; each with a 凭证号 of its own."""
    by_branch = {name: id_ for id_, name in facts.branches.items()}
    cycle = itertools.cycle(
        [
            (branch, category, month)
            for month in facts.this_year()
            for branch, category in facts.allocated
            if facts.open(by_branch.get(branch), month)
        ]
    )
    for number in itertools.count():
        branch, category, month = next(cycle)
        yield {
            "日期": first_day(month),
            "党支部": branch,
            "支出类别": category,
            "金额(元)": 0.01,
            "事由": f"导入基准支出 {number}",
            "凭证号": f"DR-{number:06d}",
        }


def meeting_rows(facts: Facts) -> Iterator[dict[str, Any]]:
    pairs = itertools.cycle(list(facts.open_pairs()))
    for number in itertools.count():
        branch_id, month = next(pairs)
        yield {
            "日期": first_day(month),
            "党支部": facts.branches[branch_id],
            "党小组": None,
            "会议类型": "支委会",
            "应到人数": 7,
            "实到人数": 5 + number % 3,
            "主题": f"导入基准会议 {number}",
        }


def _members_of_open_branches(facts: Facts) -> list[tuple[Member, str]]:
    """Members with the latest open month of their 党支部 this year."""
    latest: dict[int, str] = {}
    for branch_id, month in facts.open_pairs():
        latest.setdefault(branch_id, month)
    return [
        (member, latest[member.branch_id])
        for member in facts.members
        if member.branch_id in latest and membership.branch_of(member, latest[member.branch_id]) is not None
    ]


def idea_rows(facts: Facts) -> Iterator[dict[str, Any]]:
    proposers = itertools.cycle(_members_of_open_branches(facts))
    for number in itertools.count():
        member, month = next(proposers)
        yield {
            "党支部": facts.branches[member.branch_id],
            "金点子名称": f"导入基准金点子 {number}",
            "提出人党员编号": member.member_no,
            "提出人": member.name,
            "提出日期": first_day(month),
            "状态": "提出",
        }


def pairing_rows(facts: Facts) -> Iterator[dict[str, Any]]:
    current = months.of_date(facts.today)
    helpers = itertools.cycle(
        [(member, month) for member, month in _members_of_open_branches(facts) if month == current]
    )
    for number in itertools.count():
        member, month = next(helpers)
        yield {
            "党支部": facts.branches[member.branch_id],
            "结对类型": "党员结对",
            "帮扶人党员编号": member.member_no,
            "帮扶对象": f"导入基准帮扶对象 {number}",
            "开始月份": month,
        }


def roster_rows(facts: Facts) -> Iterator[dict[str, Any]]:
    """New members who joined today, in 党支部 whose current month is open (their count changes)."""
    current = months.of_date(facts.today)
    names = itertools.cycle(sorted(name for id_, name in facts.branches.items() if facts.open(id_, current)))
    for number in itertools.count():
        yield {
            "党员编号": f"DR{number:07d}",
            "姓名": f"基准党员{number}",
            "所在党支部": next(names),
            "人员类别": "正式党员",
            "入党日期": facts.today,
        }


def allocation_rows(facts: Facts) -> Iterator[dict[str, Any]]:
    """Each 党支部 and category's allocation, this year back: set anew where one is set."""
    number = 0
    for year in range(facts.today.year, parse.MONTH_YEARS[0] - 1, -1):
        for branch in sorted(facts.branches.values()):
            for category in facts.categories:
                number += 1
                yield {
                    "年度": year,
                    "党支部": branch,
                    "支出类别": category,
                    "预算金额(元)": 1000 + number % 5000,
                }


def post_rows(facts: Facts) -> Iterator[dict[str, Any]]:
    """New 先锋岗 and 责任区, each held by a member of an open 党支部 from a month it is open in."""
    holders = itertools.cycle(_members_of_open_branches(facts))
    for number in itertools.count():
        member, month = next(holders)
        yield {
            "党支部": facts.branches[member.branch_id],
            "类型": "党员先锋岗" if number % 2 else "党员责任区",
            "岗区名称": f"导入基准岗 {number}",
            "责任党员编号": member.member_no,
            "开始月份": month,
        }


BUILDERS: dict[str, Callable[[Facts], Iterator[dict[str, Any]]]] = {
    "党员名册": roster_rows,
    "经费预算": allocation_rows,
    "任务进展": progress_rows,
    "学习情况": study_rows,
    "经费支出": expense_rows,
    "三会一课": meeting_rows,
    "金点子": idea_rows,
    "帮扶结对": pairing_rows,
    "党费": dues_rows,
    "先锋岗责任区": post_rows,
}


def workbook(kind: str, rows: list[dict[str, Any]]) -> bytes:
    """A template sheet of ``kind`` holding ``rows`` (by header title), saved as Excel saves it: with
    its dimension, which openpyxl's write-only mode leaves out (reading such a file first scans the
    whole sheet for its size, 0.3 s per 10,000 rows)."""
    headers = schemas.HEADERS[BY_SHEET[kind].model]
    book = Workbook()
    sheet = book.active
    sheet.title = kind
    sheet.append(headers)
    for row in rows:
        sheet.append([row.get(title) for title in headers])
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@contextmanager
def copy_of(url: str) -> Iterator[str]:
    """A throw-away copy of the database at ``url``, dropped afterwards."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "copy.db"
            with sqlite3.connect(str(parsed.database)) as source, sqlite3.connect(path) as target:
                source.backup(target)
            yield f"sqlite:///{path}"
        return
    name = f"imports_{uuid.uuid4().hex[:12]}"
    admin = create_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{parsed.database}"'))
        try:
            yield parsed.set(database=name).render_as_string(hide_password=False)
        finally:
            db.get_engine(parsed.set(database=name).render_as_string(hide_password=False)).dispose()
            with admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()


@dataclass(frozen=True)
class Measured:
    kind: str
    rows: int
    check: float
    write: float
    wall: float
    cpu: float
    outcome: str

    @property
    def per_second(self) -> float:
        return self.rows / self.wall if self.wall else 0.0


def administrator(session: Session) -> auth.Actor:
    user = session.exec(select(User).where(User.role == Role.ADMIN).order_by(User.id)).first()
    if user is None:
        raise BenchmarkError("the database has no administrator to import as")
    return auth.actor_of(user)


def measure(url: str, kind: str, data: bytes, rows: int) -> Measured:
    """Import ``data`` into a copy of the database at ``url``, as the page does; timed."""
    with copy_of(url) as copy:
        engine = db.get_engine(copy)
        with Session(engine) as session:
            actor = administrator(session)
        wall, cpu = time.perf_counter(), time.process_time()
        with db.session_scope(engine) as session:
            checked = excel.check_workbook(session=session, actor=actor, data=data)
        check = time.perf_counter() - wall
        with db.write_scope(engine) as session:
            result = excel.write_workbook(session=session, actor=actor, checked=checked)
        seconds, cpu_seconds = time.perf_counter() - wall, time.process_time() - cpu
        engine.dispose()
    if result.problems:
        raise BenchmarkError(
            f"{kind}: the import was refused: {result.problems[0]} ({len(result.problems)} problems)"
        )
    saved = result.saved[kind]
    outcome = f"新增 {saved.inserted:,} 修改 {saved.updated:,} 未改动 {saved.unchanged:,}"
    return Measured(kind, rows, check, seconds - check, seconds, cpu_seconds, outcome)


def run(url: str, kinds: list[str], sizes: list[int], report: Callable[[Measured], None]) -> list[Measured]:
    with Session(db.get_engine(url)) as session:
        facts = read_facts(session)
    db.get_engine(url).dispose()
    results = []
    for kind in kinds:
        for size in sizes:
            rows = list(itertools.islice(BUILDERS[kind](facts), size))
            measured = measure(url, kind, workbook(kind, rows), len(rows))
            report(measured)
            results.append(measured)
    return results


HEADER = "| 表 | 行 | 检查 s | 写入 s | 合计 s (墙钟) | CPU s | 行/秒 | 结果 |"


def line(measured: Measured) -> str:
    return (
        f"| {measured.kind} | {measured.rows:,} | {measured.check:.2f} | {measured.write:.2f} | "
        f"{measured.wall:.2f} | {measured.cpu:.2f} | {measured.per_second:,.0f} | {measured.outcome} |"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--url", required=True, help="the database whose copies are imported into (only read)"
    )
    parser.add_argument(
        "--rows", default=",".join(str(size) for size in SIZES), help="sizes, comma-separated"
    )
    parser.add_argument("--kinds", default=",".join(BUILDERS), help="sheet kinds, comma-separated")
    options = parser.parse_args(argv)
    kinds = [kind.strip() for kind in options.kinds.split(",") if kind.strip()]
    unknown = [kind for kind in kinds if kind not in BUILDERS]
    if unknown:
        parser.error(f"unknown kinds {unknown}; known: {', '.join(BUILDERS)}")
    sizes = [int(size) for size in options.rows.split(",")]
    print(f"{options.url.split('@')[-1]}, today {clock.today()}")
    print(HEADER)
    print("|---|---:|---:|---:|---:|---:|---:|---|")
    run(options.url, kinds, sizes, lambda measured: print(line(measured), flush=True))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
