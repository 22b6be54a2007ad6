"""A corpus of broken workbooks, built here with openpyxl: each is refused with the exact Chinese problems
listed (sheet, Excel row, column, message) and writes nothing; then the odd-but-right files that are taken.

Decisions the cases pin down:
- Zero-width characters pasted into a name (U+200B/C/D, U+FEFF, U+2060) are taken out, so
  "综采一队\\u200b党支部" IS 综采一队党支部. Any other character that shows nothing — right-to-left marks and
  overrides, the combining grapheme joiner, Hangul fillers, variation selectors — is refused in a name, so no
  name can be a look-alike of another (a second "综采一队党支部" that is not the first).
- Emoji, ``<script>`` and Markdown in names are visible: they are compared as typed, so they fail to match
  ("找不到党支部…"); in free text (事由、说明) they are stored as typed and only ever shown as text.
- A formula with a saved result is read as that result (as Excel shows it); one without (written by a
  program, never opened in Excel) is a problem naming the formula, no longer a silent blank.
"Today" is 2026-04-20: 综采一队 has 2026-03 locked and April open.
"""

import re
import zipfile
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from html import escape
from io import BytesIO

import pytest
from openpyxl import Workbook
from sqlalchemy import Engine, func
from sqlmodel import Session, SQLModel, select

from data_layer import auth, excel, parse, schemas
from data_layer.excel import BY_SHEET, Problem, normal
from data_layer.models import Expense, Member, StudyRecord, Task, TaskProgress
from data_layer.store import db
from tests.actors import actor, org_id
from tests.databases import BACKENDS, HANDMADE, new_database

TODAY = date(2026, 4, 20)
STUDY, EXPENSES, PROGRESS = "学习情况", "经费支出", "任务进展"
HYPERLINK = '=HYPERLINK("http://x","y")'
STUDY_ROW = ["2026-04", "T001", "张三", 600, 4, 1]
EXPENSE_ROW = [date(2026, 4, 8), "综采一队党支部", "学习教育", 100, "购书", "PZ-1"]


@pytest.fixture
def engine(fresh_engine):
    return fresh_engine


@pytest.fixture(scope="module", params=BACKENDS)
def untouched(request, tmp_path_factory) -> Iterator[Engine]:
    """One hand-made database per backend for every refused case: each must leave it as it was."""
    engine, drop = new_database(request.param, tmp_path_factory, contents=HANDMADE)
    yield engine
    drop()


def headers(sheet: str) -> list[str]:
    return list(schemas.HEADERS[BY_SHEET[normal(sheet)].model])


def saved(book: Workbook) -> bytes:
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def workbook(
    sheets: dict[str, list[list]], *, raw: tuple[str, ...] = (), states: dict | None = None
) -> bytes:
    """One sheet per entry, its header row first unless ``raw``; ``states``: sheet → hidden/veryHidden."""
    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        page = book.create_sheet(name)
        for row in rows if name in raw else [headers(name), *rows]:
            page.append(row)
        page.sheet_state = (states or {}).get(name, "visible")
    return saved(book)


def edited(sheets: dict[str, list[list]], edit) -> bytes:
    """A workbook of one sheet with headers, changed by ``edit(page)`` before it is saved."""
    book = Workbook()
    page = book.active
    (page.title, rows), *_ = sheets.items()
    for row in [headers(page.title), *rows]:
        page.append(row)
    edit(page)
    return saved(book)


def with_saved_results(data: bytes, results: dict[str, tuple[str, str, str]]) -> bytes:
    """The file as Excel saves it: each cell ("D2") holds a formula and its result (type, formula, value).

    openpyxl writes a formula with no result; Excel stores both, the result typed ("str" for text).
    """
    source = zipfile.ZipFile(BytesIO(data))
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                text = content.decode()
                for cell, (kind, formula, value) in results.items():
                    element = f'<c r="{cell}" t="{kind}"><f>{escape(formula)}</f><v>{escape(value)}</v></c>'
                    text, count = re.subn(rf'<c r="{cell}"[^>]*?(?:/>|>.*?</c>)', element, text)
                    assert count == 1, cell
                content = text.encode()
            target.writestr(item, content)
    return buffer.getvalue()


def run_import(engine, username: str | None, data: bytes) -> excel.ImportResult:
    with db.write_scope(engine) as session:
        who = auth.CLI_ACTOR if username is None else actor(session, username)
        return excel.import_workbook(session=session, actor=who, data=data, today=TODAY)


def row_counts(engine) -> dict[str, int]:
    with Session(engine) as session:
        return {
            table.name: session.exec(select(func.count()).select_from(table)).one()
            for table in SQLModel.metadata.sorted_tables
        }


def assert_refused(engine, username: str | None, data: bytes, expected: list[Problem]) -> None:
    before = row_counts(engine)
    result = run_import(engine, username, data)
    assert result.problems == expected
    assert (result.saved, result.written) == ({}, False)
    assert row_counts(engine) == before


def unzipped_but_not_a_workbook() -> bytes:
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


def merged(cells: str):
    return lambda page: page.merge_cells(cells)


def stray(cell: str):
    def edit(page) -> None:
        page[cell] = "x"

    return edit


def formula(cell: str, text: str):
    def edit(page) -> None:
        page[cell] = text

    return edit


STUDY_HEADERS = "月份、党员编号、姓名、学习强国积分、学习时长(小时)、集中学习次数"
NOT_TEXT_ALLOWED = "只能包含字母、数字和“-”“_”，例如 2026-ZC1-01"

CORPUS = {
    # ---------------------------------------------------------------- wrong types
    "text, and a boolean where a number and words belong": (
        "sec_a",
        workbook({EXPENSES: [["下周一", "综采一队党支部", "学习教育", "一百元", True, "PZ-1"]]}),
        [
            Problem(EXPENSES, 2, "日期", "日期格式应为 YYYY-MM-DD，例如 2026-03-05"),
            Problem(EXPENSES, 2, "金额(元)", "应为数字，例如 1234.50"),
            Problem(EXPENSES, 2, "事由", "应为文字"),
        ],
    ),
    "a number for the month and a date for the points": (
        "sec_a",
        workbook({STUDY: [[2026.4, "T001", "张三", date(2026, 4, 1), 4, 1]]}),
        [
            Problem(STUDY, 2, "月份", "月份格式应为 YYYY-MM，例如 2026-03"),
            Problem(STUDY, 2, "学习强国积分", "应为整数，例如 12"),
        ],
    ),
    "Excel error values": (
        "sec_a",
        workbook({EXPENSES: [["#N/A", "#REF!", "学习教育", 100, "购书", "PZ-1"]]}),
        [
            Problem(EXPENSES, 2, "日期", "单元格是错误值（#N/A），请改为数值或文字"),
            Problem(EXPENSES, 2, "党支部", "单元格是错误值（#REF!），请改为数值或文字"),
        ],
    ),
    # ---------------------------------------------------------------- blanks
    "blank required cells in a row with figures": (
        "sec_a",
        workbook({STUDY: [[None, None, "张三", 600, 4, None]]}),
        [
            Problem(STUDY, 2, "月份", "请填写月份"),
            Problem(STUDY, 2, "党员编号", "请填写党员编号"),
            Problem(STUDY, 2, "集中学习次数", "请填写集中学习次数"),
        ],
    ),
    "a purpose of spaces only": (
        "sec_a",
        workbook({EXPENSES: [[date(2026, 4, 8), "综采一队党支部", "学习教育", 100, " \u3000 ", "PZ-1"]]}),
        [Problem(EXPENSES, 2, "事由", "请填写事由")],
    ),
    # ---------------------------------------------------------------- merged cells
    "cells merged across a data row": (
        "sec_a",
        edited({STUDY: [STUDY_ROW]}, merged("A2:B2")),
        [Problem(STUDY, 2, "党员编号", excel.MERGED)],
    ),
    "header cells merged": (
        "sec_a",
        edited({STUDY: [STUDY_ROW]}, merged("D1:E1")),  # a merged header reads as its first column
        [Problem(STUDY, 1, "学习时长(小时)", excel.MISSING.format(name="学习时长(小时)", row=1))],
    ),
    # ---------------------------------------------------------------- formulas
    "=SUM() with no saved result": (
        "sec_a",
        edited({STUDY: [STUDY_ROW]}, formula("D2", "=SUM(300,300)")),
        [Problem(STUDY, 2, "学习强国积分", excel.FORMULA.format(formula="=SUM(300,300)"))],
    ),
    "=HYPERLINK() with no saved result in an optional column": (
        "sec_a",
        edited({PROGRESS: [["2026-04", "A1", 1, None]]}, formula("D2", HYPERLINK)),
        [Problem(PROGRESS, 2, "说明", excel.FORMULA.format(formula=HYPERLINK))],
    ),
    # ---------------------------------------------------------------- sheets
    "a very hidden sheet with a bad row": (
        "sec_a",
        workbook(
            {"说明": [["见隐藏表"]], STUDY: [["2026-04", "T001", "张三", 600, "四小时", 1]]},
            raw=("说明",),
            states={STUDY: "veryHidden"},
        ),
        [Problem(STUDY, 2, "学习时长(小时)", "应为数字，例如 4.5")],
    ),
    "the same kind of sheet twice": (
        "sec_a",
        workbook({STUDY: [STUDY_ROW], " 学习 情况 ": [STUDY_ROW]}),
        [Problem(" 学习 情况 ", None, None, "工作簿中有两个“学习情况”工作表（“学习情况”），请合并为一个")],
    ),
    "no header row at all": (
        "sec_a",
        workbook({STUDY: [STUDY_ROW]}, raw=(STUDY,)),
        [Problem(STUDY, 1, None, excel.NO_HEADER.format(headers=STUDY_HEADERS))],
    ),
    "a stray value 200,000 rows down": (
        "sec_a",
        edited({STUDY: [STUDY_ROW]}, stray("A200001")),
        [
            Problem(
                STUDY,
                None,
                None,
                excel.TOO_MANY_ROWS.format(limit=excel.MAX_ROWS),
            )
        ],
    ),
    # ---------------------------------------------------------------- long names, emoji, invisible characters
    "1,000-character names and purpose": (
        "admin",
        workbook(
            {
                "组织架构": [["综" * 1000, "党支部", "测试党委", None]],
                "党员名册": [
                    ["T100", "张" * 1000, "综采一队党支部", None, "正式党员", date(2010, 7, 1), None]
                ],
                EXPENSES: [[date(2026, 4, 8), "综采一队党支部", "学习教育", 100, "购" * 1000, "PZ-1"]],
            }
        ),
        [
            Problem("组织架构", 2, "组织名称", "最多 100 个字（现在 1000 个字）"),
            Problem("党员名册", 2, "姓名", "最多 50 个字（现在 1000 个字）"),
            Problem(EXPENSES, 2, "事由", "最多 200 个字（现在 1000 个字）"),
        ],
    ),
    "emoji in a member's and a branch's name": (
        "sec_a",
        workbook(
            {
                STUDY: [["2026-04", "T001", "张三😀", 600, 4, 1]],
                EXPENSES: [[date(2026, 4, 8), "综采一队党支部🚩", "学习教育", 100, "购书", "PZ-1"]],
            }
        ),
        [
            Problem(STUDY, 2, "姓名", "党员编号 T001 对应的是“张三”，与填写的“张三😀”不一致"),
            Problem(EXPENSES, 2, "党支部", "找不到党支部“综采一队党支部🚩”"),
        ],
    ),
    "a right-to-left override inside a branch name": (
        "sec_a",
        workbook({EXPENSES: [[date(2026, 4, 8), "综采一队\u202e党支部", "学习教育", 100, "购书", "PZ-1"]]}),
        [Problem(EXPENSES, 2, "党支部", parse.CONTROL)],
    ),
    "a look-alike of an existing organisation (combining grapheme joiner)": (
        "admin",
        workbook({"组织架构": [["综采一队\u034f党支部", "党支部", "一线党总支", "井下"]]}),
        [Problem("组织架构", 2, "组织名称", parse.INVISIBLE)],
    ),
    "a member named with a Hangul filler": (
        "admin",
        workbook(
            {"党员名册": [["T100", "\u3164", "综采一队党支部", None, "正式党员", date(2010, 7, 1), None]]}
        ),
        [Problem("党员名册", 2, "姓名", parse.INVISIBLE)],
    ),
    # ---------------------------------------------------------------- <script>
    "<script> as a task code": (
        "sec_a",
        workbook({PROGRESS: [["2026-04", "<script>alert(1)</script>", 1, None]]}),
        [Problem(PROGRESS, 2, "任务编号", NOT_TEXT_ALLOWED)],
    ),
    "<script> as a member's name": (
        "sec_a",
        workbook({STUDY: [["2026-04", "T001", "<script>alert(1)</script>", 600, 4, 1]]}),
        [
            Problem(
                STUDY, 2, "姓名", "党员编号 T001 对应的是“张三”，与填写的“<script>alert(1)</script>”不一致"
            )
        ],
    ),
    # ---------------------------------------------------------------- not a workbook
    "an empty file": ("sec_a", b"", [Problem(None, None, None, excel.EMPTY_FILE)]),
    "an .xls renamed .xlsx": (
        "sec_a",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504),
        [Problem(None, None, None, excel.OLD_FORMAT)],
    ),
    "a GBK .csv renamed .xlsx": (
        "sec_a",
        "月份,党员编号,学习强国积分\n2026-04,T001,600\n".encode("gbk"),
        [Problem(None, None, None, excel.TEXT_FILE)],
    ),
    "random bytes": (
        "sec_a",
        bytes((n * 7919) % 256 for n in range(4096)),
        [Problem(None, None, None, excel.NOT_A_WORKBOOK)],
    ),
    "a zip that is not a workbook": (
        "sec_a",
        unzipped_but_not_a_workbook(),
        [Problem(None, None, None, excel.NOT_A_WORKBOOK)],
    ),
    "a workbook cut in half": (
        "sec_a",
        workbook({STUDY: [STUDY_ROW]})[:2000],
        [Problem(None, None, None, excel.NOT_A_WORKBOOK)],
    ),
}


@pytest.mark.parametrize("case", list(CORPUS))
def test_a_broken_workbook_is_refused_with_the_exact_problems_and_writes_nothing(untouched, case):
    username, data, expected = CORPUS[case]
    assert_refused(untouched, username, data, expected)


@pytest.mark.slow
def test_ten_thousand_good_rows_and_one_bad_row_at_the_end(untouched):
    rows = [[date(2026, 4, 8), "综采一队党支部", "学习教育", 0.01, f"购书{n}", None] for n in range(10_000)]
    rows.append([date(2026, 4, 9), "综采一队党支部", "学习教育", 12.345, "购书", None])
    assert_refused(
        untouched,
        "sec_a",
        workbook({EXPENSES: rows}),
        [Problem(EXPENSES, 10_002, "金额(元)", "金额最多两位小数，例如 1234.50")],
    )


# ---------------------------------------------------------------- odd but right: taken as meant


def test_zero_width_characters_inside_names_match_the_same_name(engine):
    data = workbook(
        {
            STUDY: [["2026-04", "T0\u200b01", "张\u200d三", 600, 4, 1]],
            EXPENSES: [[date(2026, 4, 8), "综采一队\u200b党支部", "学习教育", 100, "购书", "PZ-ZW\ufeff"]],
        }
    )
    result = run_import(engine, "sec_a", data)
    assert result.problems == []
    with Session(engine) as session:
        spent = session.exec(select(Expense).where(Expense.voucher_no == "PZ-ZW")).one()
        assert spent.branch_id == org_id(session, "综采一队党支部")
        member = session.exec(select(Member).where(Member.member_no == "T001")).one()
        record = session.exec(
            select(StudyRecord).where(StudyRecord.member_id == member.id, StudyRecord.month == "2026-04")
        ).one()
        assert (member.name, record.points) == ("张三", 600)


def test_formulas_with_saved_results_are_read_as_excel_shows_them(engine):
    data = with_saved_results(
        workbook({PROGRESS: [["2026-04", "A1", 0, 0], ["2026-04", "A2", 1, 0]]}),  # 0: replaced below
        {
            "C2": ("n", "SUM(1,2)", "3"),
            "D2": ("str", HYPERLINK.removeprefix("="), "y"),
            "D3": ("str", 'IF(1,"","x")', ""),  # a result of "" is a blank note
        },
    )
    result = run_import(engine, "sec_a", data)
    assert result.problems == []
    with Session(engine) as session:
        notes = session.exec(
            select(Task.code, TaskProgress.quantity, TaskProgress.note)
            .join(Task)
            .where(TaskProgress.month == "2026-04", Task.code.in_(["A1", "A2"]))
            .order_by(Task.code)
        ).all()
    assert notes == [("A1", Decimal("3.00"), "y"), ("A2", Decimal("1.00"), None)]


def test_script_and_markdown_in_free_text_are_stored_as_typed(engine):
    purpose = "<script>alert(1)</script> **粗体** =1+1"
    data = workbook({EXPENSES: [[date(2026, 4, 8), "综采一队党支部", "学习教育", 100, purpose, "PZ-XSS"]]})
    assert run_import(engine, "sec_a", data).problems == []
    with Session(engine) as session:
        assert session.exec(select(Expense.purpose).where(Expense.voucher_no == "PZ-XSS")).one() == purpose


def test_a_stray_value_in_the_last_column_is_an_ignored_extra_column(engine):
    """Excel's last column is XFD (16,384): the rows are read only as far as the headers go."""
    result = run_import(engine, "sec_a", edited({STUDY: [STUDY_ROW]}, stray("XFD2")))
    assert (result.problems, result.saved[STUDY].inserted) == ([], 1)
