"""The 党费 sheet of the Excel import on both databases: the template's sheet and a payroll list with its own
headers write what they hold; one bad row writes nothing and is named by sheet, row and column.

"Today" is 2026-04-20; April is open for every 党支部 of the hand-made fixture.
"""

from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from openpyxl import Workbook, load_workbook
from sqlmodel import Session, select

from data_layer import entry, excel, schemas
from data_layer.excel import BY_SHEET, MONTHLY_KINDS, Problem
from data_layer.models import DuesRecord, Member
from data_layer.store import db
from data_layer.vocab import SubmissionStatus
from tests.actors import actor, org_id

TODAY = date(2026, 4, 20)
SHEET = "党费"


@pytest.fixture
def engine(fresh_engine):
    return fresh_engine


def workbook(title: str, rows: list[list]) -> bytes:
    book = Workbook()
    book.active.title = title
    for row in rows:
        book.active.append(row)
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def run_import(engine, username: str, data: bytes) -> excel.ImportResult:
    with db.write_scope(engine) as session:
        return excel.import_workbook(session=session, actor=actor(session, username), data=data, today=TODAY)


def april(engine) -> list[tuple]:
    with Session(engine) as session:
        rows = session.exec(
            select(Member.member_no, DuesRecord.income, DuesRecord.rate, DuesRecord.due, DuesRecord.paid)
            .join(Member, Member.id == DuesRecord.member_id)
            .where(DuesRecord.month == "2026-04")
            .order_by(Member.member_no)
        ).all()
    return [tuple(row) for row in rows]


def test_the_sheet_is_a_monthly_kind_with_the_template_headers():
    assert SHEET in MONTHLY_KINDS
    assert (
        BY_SHEET[SHEET].headers
        == schemas.HEADERS[schemas.DuesIn]
        == [
            "月份",
            "党员编号",
            "姓名",
            "月工资收入(元)",
            "实缴金额(元)",
            "缴纳日期",
        ]
    )


def test_a_secretary_imports_the_month_and_it_becomes_a_draft(engine):
    rows = [
        schemas.HEADERS[schemas.DuesIn],
        ["2026-04", "T001", "张三", 3000, 15, date(2026, 4, 10)],
        ["2026-04", "T002", "李四", "5,000.01", None, None],  # nothing paid yet
    ]
    result = run_import(engine, "sec_a", workbook(SHEET, rows))
    assert result.problems == []
    assert (result.saved[SHEET].inserted, result.saved[SHEET].updated) == (2, 0)
    assert april(engine) == [
        ("T001", Decimal("3000.00"), Decimal("0.005"), Decimal("15.00"), Decimal("15.00")),
        ("T002", Decimal("5000.01"), Decimal("0.015"), Decimal("75.00"), Decimal("0.00")),
    ]
    with Session(engine) as session:
        state = entry.month_state(
            session=session, branch_id=org_id(session, "综采一队党支部"), month="2026-04"
        )
    assert state.status == SubmissionStatus.DRAFT


def test_a_payroll_list_with_its_own_headers_and_the_month_in_its_title(engine):
    rows = [
        ["综采一队2026年4月党费收缴表"],
        ["工号", "姓名", "税后工资", "已交党费", "缴费日期"],
        ["T001", "张三", 3000, 15, "2026-04-10"],
        ["T002", "李四", 12000, 240, "2026-04-11"],
    ]
    plan = excel.plan_workbook(workbook("2026年4月党费", rows))
    (sheet,) = plan.sheets
    assert (sheet.kind, sheet.month) == (SHEET, "2026-04")
    assert sorted(sheet.columns.values()) == sorted(
        ["党员编号", "姓名", "月工资收入(元)", "实缴金额(元)", "缴纳日期"]
    )
    result = run_import(engine, "sec_a", workbook("2026年4月党费", rows))
    assert result.problems == []
    assert april(engine) == [
        ("T001", Decimal("3000.00"), Decimal("0.005"), Decimal("15.00"), Decimal("15.00")),
        ("T002", Decimal("12000.00"), Decimal("0.02"), Decimal("240.00"), Decimal("240.00")),
    ]


def test_one_bad_row_writes_nothing_and_is_named_by_sheet_row_and_column(engine):
    rows = [
        schemas.HEADERS[schemas.DuesIn],
        ["2026-04", "T001", "张三", 3000, 15, date(2026, 4, 10)],
        ["2026-04", "T002", "李四", 5000, "12.345", None],
    ]
    result = run_import(engine, "sec_a", workbook(SHEET, rows))
    assert result.problems == [Problem(SHEET, 3, "实缴金额(元)", "金额最多两位小数，例如 1234.50")]
    assert april(engine) == []


def test_another_branch_member_is_refused_on_its_row_and_nothing_is_written(engine):
    rows = [
        schemas.HEADERS[schemas.DuesIn],
        ["2026-04", "T001", "张三", 3000, 15, date(2026, 4, 10)],
        ["2026-04", "T005", "欧阳明", 8000, 120, date(2026, 4, 10)],
    ]
    result = run_import(engine, "sec_a", workbook(SHEET, rows))
    assert result.problems == [Problem(SHEET, 3, "党员编号", "无权填报或修改掘进一队党支部的数据")]
    assert april(engine) == []


def test_the_template_comes_pre_filled_with_the_branch_members(engine):
    with Session(engine) as session:
        data = excel.template_workbook(
            session=session,
            actor=actor(session, "sec_a"),
            kinds=[SHEET],
            month="2026-03",
            branch_id=org_id(session, "综采一队党支部"),
        )
    rows = list(load_workbook(BytesIO(data))[SHEET].iter_rows(values_only=True))
    assert rows[0] == tuple(schemas.HEADERS[schemas.DuesIn])
    assert [row[:5] for row in rows[1:]] == [
        ("2026-03", "T001", "张三", 3000, 15),
        ("2026-03", "T002", "李四", 5000.01, 0),
    ]


def test_an_untouched_template_of_an_open_month_writes_nothing(engine):
    with Session(engine) as session:
        data = excel.template_workbook(
            session=session,
            actor=actor(session, "sec_a"),
            kinds=[SHEET],
            month="2026-04",
            branch_id=org_id(session, "综采一队党支部"),
        )
    result = run_import(engine, "sec_a", data)
    assert result.problems == []
    assert (result.saved[SHEET].inserted, result.saved[SHEET].updated) == (0, 0)  # blank rows skipped
    assert april(engine) == []
