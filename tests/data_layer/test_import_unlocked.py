"""The import reads and checks a workbook without the database's write lock (issue 23, item 15), and
reports every problem of a workbook in one pass: the file's structure, its cells and what only the
write finds (issue 23, "every problem in one pass").

"Today" is 2026-04-20 on the hand-made organisation (tests/handmade.py): 综采一队's April is open.
The import is held in its check by ``threading.Event``s (no sleeps): while it waits there, another
person's save must complete.
"""

import threading
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

import pytest
from sqlmodel import Session, select

from data_layer import entry, excel
from data_layer.excel import Problem
from data_layer.models import Expense, StudyRecord, TaskProgress
from data_layer.schemas import ExpenseIn, from_row
from data_layer.store import db
from tests.actors import actor, org_id
from tests.data_layer.bombs import rows_bomb
from tests.data_layer.test_excel_import import TODAY, row_counts, workbook

WAIT = 60  # seconds an Event is waited for before the test fails (it is set at once when all is well)
BRANCH = "综采一队党支部"


@pytest.fixture
def engine(fresh_engine):
    return fresh_engine


def _held_import(engine, data: bytes, checking: threading.Event, release: threading.Event):
    """The page's import as sec_a; its check stops at its first progress report until ``release``."""

    def report(stage: str, _done: int, _total: int) -> None:
        if stage == "check" and not checking.is_set():
            checking.set()
            assert release.wait(WAIT), "the other save never finished while the import was checking"

    with Session(engine) as session:
        who = actor(session, "sec_a")
    return excel.import_file(engine=engine, actor=who, data=data, today=TODAY, on_progress=report)


def _expense(engine, purpose: str) -> str:
    """Another person (the administrator) records an expense, in a write transaction of its own."""
    item = from_row(
        ExpenseIn,
        {
            "日期": "2026-04-10",
            "党支部": BRANCH,
            "支出类别": "学习教育",
            "金额(元)": "88.00",
            "事由": purpose,
        },
        today=TODAY,
    )
    with db.write_scope(engine) as session:
        outcome, _ = entry.save_expense(session=session, actor=actor(session, "admin"), item=item)
    return outcome


def test_another_persons_save_completes_while_an_import_is_being_checked(engine):
    data = workbook({"任务进展": [["2026-04", "A1", 2, "四月进展"]]})
    checking, release = threading.Event(), threading.Event()

    with ThreadPoolExecutor(max_workers=1) as pool:
        running = pool.submit(_held_import, engine, data, checking, release)
        assert checking.wait(WAIT)
        outcome = _expense(engine, "购买学习资料（导入检查期间）")  # would wait on the import's lock
        release.set()
        result = running.result(timeout=WAIT)

    assert outcome == "inserted"
    assert result.problems == []
    assert result.saved["任务进展"].inserted == 1
    with Session(engine) as session:
        purposes = session.exec(select(Expense.purpose).where(Expense.purpose.contains("导入检查期间"))).all()
        progress = session.exec(
            select(TaskProgress.quantity).where(
                TaskProgress.month == "2026-04", TaskProgress.note == "四月进展"
            )
        ).all()
    assert purposes == ["购买学习资料（导入检查期间）"]
    assert progress == [Decimal(2)]


def test_a_month_submitted_while_the_import_was_checked_is_not_written_over(engine):
    """The check passed with April open; the write, under the lock, finds it submitted and writes nothing."""
    data = workbook({"任务进展": [["2026-04", "A1", 2, "四月进展"]]})
    checking, release = threading.Event(), threading.Event()
    before = row_counts(engine)

    with ThreadPoolExecutor(max_workers=1) as pool:
        running = pool.submit(_held_import, engine, data, checking, release)
        assert checking.wait(WAIT)
        with db.write_scope(engine) as session:
            branch_id = org_id(session, BRANCH)
            state = entry.month_state(session=session, branch_id=branch_id, month="2026-04")
            entry.submit_month(
                session=session,
                actor=actor(session, "sec_a"),
                branch_id=branch_id,
                month="2026-04",
                expected_version=state.version,
            )
        release.set()
        result = running.result(timeout=WAIT)

    assert not result.written
    locked = "综采一队党支部2026年4月的填报已提交，已锁定，不能修改"
    assert result.problems == [Problem("任务进展", 2, "月份", locked)]
    after = row_counts(engine)
    assert after["taskprogress"] == before["taskprogress"]


def test_every_problem_of_a_workbook_comes_in_one_pass(engine):
    """Three stages at once: a sheet without a required column (structure), a cell that is not a number
    (the row's check) and a 党员编号 whose member has another name (found only by the write)."""
    data = workbook(
        {
            "任务进展": [["月份", "任务编号", "说明"], ["2026-04", "A1", "缺完成量列"]],
            "学习情况": [["2026-04", "T001", "张三", "很多", 4, 1], ["2026-04", "T002", "张三", 600, 4, 1]],
        },
        raw=("任务进展",),
    )
    before = row_counts(engine)

    with Session(engine) as session:
        who = actor(session, "sec_a")
    result = excel.import_file(engine=engine, actor=who, data=data, today=TODAY)

    assert result.problems == [
        Problem("任务进展", 1, "本月完成量", excel.MISSING.format(name="本月完成量", row=1)),
        Problem("学习情况", 2, "学习强国积分", "应为整数，例如 12"),
        Problem("学习情况", 3, "姓名", "党员编号 T002 对应的是“李四”，与填写的“张三”不一致"),
    ]
    assert result.saved == {}
    assert row_counts(engine) == before
    with Session(engine) as session:
        assert session.exec(select(StudyRecord).where(StudyRecord.month == "2026-04")).all() == []


def test_a_sheet_of_a_million_rows_is_refused_naming_it_and_writes_nothing(engine):
    before = row_counts(engine)
    with Session(engine) as session:
        who = actor(session, "sec_a")

    result = excel.import_file(engine=engine, actor=who, data=rows_bomb(1_000_000), today=TODAY)

    assert result.problems == [
        Problem("学习情况", None, None, excel.TOO_MANY_ROWS.format(limit=excel.MAX_ROWS))
    ]
    assert row_counts(engine) == before
