"""Excel import on both databases: clean workbooks write exactly what they hold; a broken one writes nothing
and names every problem (sheet, Excel row, column, Chinese message).

Workbooks are built here with openpyxl. "Today" is 2026-04-20: the hand-made 综采一队 and 掘进一队 have 2026-03
locked (已审核 / 已提交); April is open.
"""

from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import func
from sqlmodel import Session, SQLModel, select

from data_layer import auth, excel, metrics, schemas, setup
from data_layer.excel import BY_SHEET, KINDS, NOT_A_WORKBOOK, Problem
from data_layer.models import (
    AuditLog,
    BudgetAllocation,
    Expense,
    Meeting,
    Member,
    Organisation,
    StudyRecord,
    Submission,
    Task,
    TaskProgress,
    YearParameter,
)
from data_layer.store import db
from tests.actors import actor, org_id

TODAY = date(2026, 4, 20)


@pytest.fixture
def session(fresh_engine):
    with Session(fresh_engine) as session:
        yield session


def headers(sheet: str) -> list[str]:
    return list(schemas.HEADERS[BY_SHEET[sheet].model])


def workbook(
    sheets: dict[str, list[list]], *, hidden: tuple[str, ...] = (), raw: tuple[str, ...] = ()
) -> bytes:
    """An .xlsx with one sheet per entry, its kind's header row first unless the sheet is ``raw``."""
    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        page = book.create_sheet(name)
        kind = BY_SHEET.get(excel.normal(name))
        if kind and name not in raw:
            page.append(headers(kind.sheet))
        for row in rows:
            page.append(row)
        if name in hidden:
            page.sheet_state = "hidden"
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def run_import(engine, username: str | None, data: bytes, **options) -> excel.ImportResult:
    """As the page and the command line do: one write_scope around the import."""
    with db.write_scope(engine) as session:
        who = auth.CLI_ACTOR if username is None else actor(session, username)
        return excel.import_workbook(session=session, actor=who, data=data, today=TODAY, **options)


def row_counts(engine) -> dict[str, int]:
    with Session(engine) as session:
        return {
            table.name: session.exec(select(func.count()).select_from(table)).one()
            for table in SQLModel.metadata.sorted_tables
        }


def progress_of(session, code: str, month: str) -> TaskProgress:
    return session.exec(
        select(TaskProgress).join(Task).where(Task.code == code, TaskProgress.month == month)
    ).one()


def counts(result) -> dict[str, tuple[int, int, int]]:
    return {sheet: (s.inserted, s.updated, s.unchanged) for sheet, s in result.saved.items()}


# ---------------------------------------------------------------- clean imports


def test_the_yearly_set_up_and_a_month_fill_an_empty_database(empty_engine):
    with db.write_scope(empty_engine) as session:
        for name in ("学习教育", "组织活动"):
            setup.save_category(session=session, actor=auth.CLI_ACTOR, name=name)
    # Sheets in the "wrong" order: they are written parents first all the same.
    data = workbook(
        {
            "三会一课": [[date(2026, 4, 9), "综采党支部", None, "支委会", 3, 3, "研究四月工作"]],
            "经费支出": [[date(2026, 4, 8), "综采党支部", "学习教育", 1200.5, "购买学习资料", "PZ-1"]],
            "学习情况": [
                ["2026-04", "M001", "张三", 600, 4.5, 2],
                ["2026-04", "M002", None, 300, 2, 1],
            ],
            "任务进展": [["2026-04", "2026-ZC-01", 3, "完成三次"]],
            "经费预算": [[2026, "综采党支部", "学习教育", 6000], [2026, "综采党支部", "组织活动", 4000]],
            "任务清单": [
                [
                    "2026-ZC-01",
                    "开展主题党日",
                    "推进标准化建设",
                    "组织建设",
                    "综采党支部",
                    "M001",
                    "次",
                    12,
                    2,
                    "2026-01",
                    "2026-12",
                    "定制",
                ]
            ],
            "年度参数": [[2026, 2_000_000, 4, 600]],
            "党员名册": [
                ["M001", "张三", "综采党支部", "综采第一党小组", "正式党员", date(2010, 7, 1), "采煤机司机"],
                ["M002", "李四", "综采党支部", None, "预备党员", date(2025, 12, 1), None],
            ],
            "组织架构": [
                ["北山党委", "党委", None, None],
                ["综采党支部", "党支部", "北山党委", "井下"],
                ["综采第一党小组", "党小组", "综采党支部", None],
            ],
        }
    )

    result = run_import(empty_engine, None, data)

    assert result.problems == []
    assert counts(result) == {
        "组织架构": (3, 0, 0),
        "党员名册": (2, 0, 0),
        "年度参数": (1, 0, 0),
        "任务清单": (1, 0, 0),
        "经费预算": (2, 0, 0),
        "任务进展": (1, 0, 0),
        "学习情况": (2, 0, 0),
        "经费支出": (1, 0, 0),
        "三会一课": (1, 0, 0),
    }
    with Session(empty_engine) as session:
        nodes = {o.name: o for o in session.exec(select(Organisation)).all()}
        assert (
            nodes["综采第一党小组"].path
            == f"/{nodes['北山党委'].id}/{nodes['综采党支部'].id}/{nodes['综采第一党小组'].id}/"
        )
        zhang = session.exec(select(Member).where(Member.member_no == "M001")).one()
        assert (zhang.group_id, zhang.grid, zhang.post) == (nodes["综采第一党小组"].id, "井下", "采煤机司机")
        assert session.get(YearParameter, 2026).last_year_payroll == Decimal("2000000.00")
        task = session.exec(select(Task)).one()
        assert (task.owner_member_id, task.weight, task.target_quantity) == (zhang.id, 2, 12)
        assert sorted(a.amount for a in session.exec(select(BudgetAllocation)).all()) == [4000, 6000]
        assert session.exec(select(TaskProgress.quantity)).one() == Decimal("3.00")
        assert sorted((r.points, r.hours) for r in session.exec(select(StudyRecord)).all()) == [
            (300, Decimal("2.00")),
            (600, Decimal("4.50")),
        ]
        assert session.exec(select(Expense.amount)).one() == Decimal("1200.50")
        assert session.exec(select(Meeting.topic)).one() == "研究四月工作"
        assert session.exec(select(Submission.status)).one() == "草稿"
        assert set(session.exec(select(AuditLog.actor)).all()) == {"命令行"}


def test_a_progress_row_raises_A1_april_and_an_existing_row_is_updated_and_audited(session, fresh_engine):
    data = workbook(
        {
            "任务进展": [["2026-04", "A1", 2, "完成"]],
            "学习情况": [["2026-01", "T002", "李四", 700, 5, 1]],  # was 600 points, 5 h, 1 session
        }
    )

    result = run_import(fresh_engine, "sec_a", data)

    assert (result.problems, counts(result)) == ([], {"任务进展": (1, 0, 0), "学习情况": (0, 1, 0)})
    session.expire_all()
    rows = metrics.overview(session=session, actor=actor(session, "sec_a"), month="2026-04").branches
    # A1 now 2+3+3+2 = 10 of 10 → 1.0 (weight 2); A2 4 of 4 → 1.0.
    assert rows.loc[0, "completion_rate"] == pytest.approx(1.0)
    change = session.exec(select(AuditLog).where(AuditLog.table_name == "studyrecord")).one()
    assert (change.actor, change.action) == ("sec_a", "update")
    assert '"points": 600' in change.before and '"points": 700' in change.after


def test_what_people_type_is_accepted(session, fresh_engine):
    data = workbook(
        {
            " 学习 情况": [  # a sheet name with stray spaces, full-width brackets in a header
                ["月份", "党员编号", "姓名", "学习强国积分", "学习时长（小时）", "集中学习次数", "备注"],
                ["2026/4", "t001", "张 三", "６００", "4.5", "2", "多余的列不读取"],
                ["2026年4月", "T0\u200b02", " 李四 ", 1234, "１０", 3, None],
            ],
            "经费支出": [
                [" 2026年4月8日 ", " 综采一队 党支部 ", "学习教育", "1,234.50", " 购买  学习资料 ", "PZ-1"],
                ["2026/4/9", "综采一队党支部", "组织活动", "¥300元", "慰问", None],
            ],
            "任务进展": [["２０２６－０４", "a1", 1.5, None]],
        },
        raw=(" 学习 情况",),
    )

    result = run_import(fresh_engine, "sec_a", data)

    assert result.problems == []
    assert counts(result) == {"任务进展": (1, 0, 0), "学习情况": (2, 0, 0), "经费支出": (2, 0, 0)}
    session.expire_all()
    study = {
        (r.member_id, r.points, r.hours, r.sessions)
        for r in session.exec(select(StudyRecord).where(StudyRecord.month == "2026-04")).all()
    }
    ids = {no: session.exec(select(Member.id).where(Member.member_no == no)).one() for no in ("T001", "T002")}
    assert study == {(ids["T001"], 600, Decimal("4.50"), 2), (ids["T002"], 1234, Decimal("10.00"), 3)}
    spent = session.exec(
        select(Expense).where(Expense.month == "2026-04", Expense.voucher_no == "PZ-1")
    ).one()
    assert (spent.spent_on, spent.amount, spent.purpose) == (
        date(2026, 4, 8),
        Decimal("1234.50"),
        "购买 学习资料",
    )
    assert session.exec(select(Expense.amount).where(Expense.spent_on == date(2026, 4, 9))).one() == 300
    assert progress_of(session, "A1", "2026-04").quantity == Decimal("1.50")


def test_a_hidden_sheet_is_imported_and_foreign_sheets_are_listed(session, fresh_engine):
    data = workbook(
        {"说明": [["请按模板填写"]], "学习情况": [["2026-04", "T001", "张三", 600, 4, 1]]},
        hidden=("学习情况",),
    )
    result = run_import(fresh_engine, "sec_a", data)
    assert (result.problems, counts(result), result.ignored_sheets) == ([], {"学习情况": (1, 0, 0)}, ["说明"])


def test_rows_with_no_figures_and_blank_rows_are_skipped(session, fresh_engine):
    data = workbook(
        {
            "学习情况": [
                ["2026-04", "T001", "张三", None, None, None],  # a pre-filled row left blank
                [None, None, None, None, None, None],
                ["2026-04", "T002", "李四", 600, 4, 1],
            ]
        }
    )
    result = run_import(fresh_engine, "sec_a", data)
    assert (result.problems, counts(result)) == ([], {"学习情况": (1, 0, 0)})


def test_over_budget_expenses_need_the_confirmation(session, fresh_engine):
    # 学习教育 of 综采一队 has 2,000.00 left in 2026; two rows of 1,500 overrun it together.
    rows = [
        [date(2026, 4, 8), "综采一队党支部", "学习教育", 1500, "购书", "PZ-1"],
        [date(2026, 4, 9), "综采一队党支部", "学习教育", 1500, "购书", "PZ-2"],
    ]
    before = row_counts(fresh_engine)
    refused = run_import(fresh_engine, "sec_a", workbook({"经费支出": rows}))
    assert refused.problems == [
        Problem(
            "经费支出", 3, "金额(元)", "超出“学习教育”剩余预算 ¥500.00；如确需支出，请勾选“确认超预算支出”"
        )
    ]
    assert row_counts(fresh_engine) == before

    confirmed = run_import(fresh_engine, "sec_a", workbook({"经费支出": rows}), confirm_over_allocation=True)
    assert counts(confirmed) == {"经费支出": (2, 0, 0)}
    session.expire_all()
    flags = session.exec(
        select(Expense.over_allocation_confirmed).where(Expense.voucher_no.in_(["PZ-1", "PZ-2"]))
    )
    assert sorted(flags.all()) == [False, True]


# ---------------------------------------------------------------- broken workbooks


def _merged() -> bytes:
    book = Workbook()
    page = book.active
    page.title = "经费支出"
    page.append(headers("经费支出"))
    page.append([date(2026, 4, 8), "综采一队党支部", "学习教育", 100, "购书", "PZ-1"])
    page.append([date(2026, 4, 9), None, "学习教育", 200, "购书", "PZ-2"])
    page.merge_cells("B2:B3")
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _duplicate_header() -> bytes:
    return workbook(
        {"学习情况": [[*headers("学习情况"), "姓名"], ["2026-04", "T001", "张三", 600, 4, 1, "张三"]]},
        raw=("学习情况",),
    )


STUDY = "学习情况"
LONG_NAME = "张" * 1000
HYPERLINK = '=HYPERLINK("http://example.com","点我")'

BROKEN = {
    "text where a number belongs": (
        "sec_a",
        workbook({STUDY: [["2026-04", "T001", "张三", "很多", 4, 1]]}),
        [Problem(STUDY, 2, "学习强国积分", "应为整数，例如 12")],
    ),
    "a blank required cell and a wrong choice": (
        "sec_a",
        workbook({"三会一课": [[date(2026, 4, 9), "综采一队党支部", None, "座谈会", 5, None, "学习"]]}),
        [
            Problem("三会一课", 2, "会议类型", "应为以下之一：党员大会、支委会、党小组会、党课、主题党日"),
            Problem("三会一课", 2, "实到人数", "请填写实到人数"),
        ],
    ),
    "merged cells": (
        "sec_a",
        _merged(),
        [Problem("经费支出", 3, "党支部", excel.MERGED)],
    ),
    "a formula without a cached value": (
        "sec_a",
        workbook({"经费支出": [[date(2026, 4, 8), "综采一队党支部", "学习教育", "=100+1", "购书", "PZ-1"]]}),
        [Problem("经费支出", 2, "金额(元)", excel.FORMULA.format(formula="=100+1"))],
    ),
    "an Excel error value": (
        "sec_a",
        workbook({STUDY: [["2026-04", "T001", "张三", "#DIV/0!", 4, 1]]}),
        [Problem(STUDY, 2, "学习强国积分", "单元格是错误值（#DIV/0!），请改为数值或文字")],
    ),
    "a problem in a hidden sheet": (
        "sec_a",
        workbook(
            {"说明": [["见隐藏表"]], STUDY: [["2026-04", "T001", "张三", 600, "四小时", 1]]}, hidden=(STUDY,)
        ),
        [Problem(STUDY, 2, "学习时长(小时)", "应为数字，例如 4.5")],
    ),
    "an unknown branch": (
        "sec_a",
        workbook({"经费支出": [[date(2026, 4, 8), "不存在党支部", "学习教育", 100, "购书", "PZ-1"]]}),
        [Problem("经费支出", 2, "党支部", "找不到党支部“不存在党支部”")],
    ),
    "an unknown member": (
        "sec_a",
        workbook({STUDY: [["2026-04", "T999", None, 600, 4, 1]]}),
        [Problem(STUDY, 2, "党员编号", "找不到党员编号“T999”")],
    ),
    "an unknown task": (
        "sec_a",
        workbook({"任务进展": [["2026-04", "ZZ9", 1, None]]}),
        [Problem("任务进展", 2, "任务编号", "找不到任务“ZZ9”")],
    ),
    "a name that does not match the member": (
        "sec_a",
        workbook({STUDY: [["2026-04", "T002", "张三", 600, 4, 1]]}),
        [Problem(STUDY, 2, "姓名", "党员编号 T002 对应的是“李四”，与填写的“张三”不一致")],
    ),
    "month 13": (
        "sec_a",
        workbook({"任务进展": [["2026-13", "A1", 1, None]]}),
        [Problem("任务进展", 2, "月份", "月份应在 1–12 之间，例如 2026-03")],
    ),
    "a day that does not exist": (
        "sec_a",
        workbook({"三会一课": [["2026-02-30", "综采一队党支部", None, "支委会", 5, 5, "学习"]]}),
        [Problem("三会一课", 2, "日期", "日期不存在：2026年2月只有 28 天")],
    ),
    "a future month": (
        "sec_a",
        workbook({"任务进展": [["2026-05", "A1", 1, None]]}),
        [Problem("任务进展", 2, "月份", "不能填报未来的月份（当前为 2026-04）")],
    ),
    "a date in the future": (
        "sec_a",
        workbook({"经费支出": [[date(2026, 4, 21), "综采一队党支部", "学习教育", 100, "购书", "PZ-1"]]}),
        [Problem("经费支出", 2, "日期", "日期不能晚于今天（2026-04-20）")],
    ),
    "money with three decimals": (
        "sec_a",
        workbook({"经费支出": [[date(2026, 4, 8), "综采一队党支部", "学习教育", 12.345, "购书", "PZ-1"]]}),
        [Problem("经费支出", 2, "金额(元)", "金额最多两位小数，例如 1234.50")],
    ),
    "negative and absurd values": (
        "sec_a",
        workbook({STUDY: [["2026-04", "T001", "张三", 999_999, -1, 1]]}),
        [
            Problem(STUDY, 2, "学习强国积分", "数值过大，最多 10,000"),
            Problem(STUDY, 2, "学习时长(小时)", "不能为负数"),
        ],
    ),
    "the same key twice in the file": (
        "sec_a",
        workbook({STUDY: [["2026-04", "T001", "张三", 600, 4, 1], ["2026/4", "T001", None, 500, 3, 1]]}),
        [
            Problem(
                STUDY,
                3,
                "月份、党员编号",
                "与第 2 行重复（月份 2026-04、党员编号 T001 相同），同一内容只能填写一行",
            )
        ],
    ),
    "a missing required column": (
        "sec_a",
        workbook(
            {STUDY: [["月份", "党员编号", "学习强国积分", "学习时长(小时)"], ["2026-04", "T001", 600, 4]]},
            raw=(STUDY,),
        ),
        [Problem(STUDY, 1, "集中学习次数", excel.MISSING.format(name="集中学习次数", row=1))],
    ),
    "a column twice": (
        "sec_a",
        _duplicate_header(),
        [Problem(STUDY, 1, "姓名", "列“姓名”出现了两次，请只保留一列")],
    ),
    "another branch's row for a secretary": (
        "sec_a",
        workbook({STUDY: [["2026-04", "T005", "欧阳明", 600, 4, 1]]}),
        [Problem(STUDY, 2, "党员编号", "无权填报或修改掘进一队党支部的数据")],
    ),
    "a locked month": (
        "sec_a",
        workbook({"任务进展": [["2026-03", "A1", 1, None]]}),
        [Problem("任务进展", 2, "月份", "综采一队党支部2026年3月的填报已审核，已锁定，不能修改")],
    ),
    "a locked month of an expense": (
        "admin",
        workbook({"经费支出": [[date(2026, 3, 9), "掘进一队党支部", "学习教育", 100, "购书", "PZ-1"]]}),
        [Problem("经费支出", 2, "日期", "掘进一队党支部2026年3月的填报已提交，已锁定，不能修改")],
    ),
    "a secretary's set-up sheet": (
        "sec_a",
        workbook({"经费预算": [[2026, "综采一队党支部", "学习教育", 100]]}),
        [Problem("经费预算", None, None, "只有管理员可以导入“经费预算”；请删除该工作表后重新导入")],
    ),
    "random bytes": ("sec_a", bytes(range(256)) * 4, [Problem(None, None, None, NOT_A_WORKBOOK)]),
    "a CSV renamed .xlsx": (
        "sec_a",
        "月份,党员编号,学习强国积分\n2026-04,T001,600\n".encode(),
        [Problem(None, None, None, excel.TEXT_FILE)],
    ),
    "no sheet of a known kind": (
        "sec_a",
        workbook({"Sheet1": [["月份", "党员编号"]]}),
        [
            Problem(
                None,
                None,
                None,
                "没有可导入的工作表：工作表名称应为 组织架构、党员名册、年度参数、任务清单、支出类别、对标指标、经费预算、"
                "任务进展、学习情况、经费支出、三会一课、金点子、帮扶结对、帮扶走访、党费、先锋岗责任区、岗区检查、生产月报、安全月报",
            )
        ],
    ),
    "a 1,000-character name": (
        "sec_a",
        workbook({STUDY: [["2026-04", "T001", LONG_NAME, 600, 4, 1]]}),
        [Problem(STUDY, 2, "姓名", "最多 50 个字（现在 1000 个字）")],
    ),
    "an emoji in a member number": (
        "sec_a",
        workbook({STUDY: [["2026-04", "T001😀", None, 600, 4, 1]]}),
        [Problem(STUDY, 2, "党员编号", "只能包含字母和数字，例如 BS0012")],
    ),
    "only zero-width characters": (
        "sec_a",
        workbook({STUDY: [["2026-04", "\u200b\u200d", None, 600, 4, 1]]}),
        [Problem(STUDY, 2, "党员编号", "请填写党员编号")],
    ),
    "<script> as a branch": (
        "sec_a",
        workbook(
            {"三会一课": [[date(2026, 4, 9), "<script>alert(1)</script>", None, "支委会", 5, 5, "学习"]]}
        ),
        [Problem("三会一课", 2, "党支部", "找不到党支部“<script>alert(1)</script>”")],
    ),
    "=HYPERLINK text as a branch": (
        "sec_a",
        None,  # built in the test: the cell must hold text, not a formula
        [Problem("经费支出", 2, "党支部", f"找不到党支部“{HYPERLINK}”")],
    ),
    "one bad row among good ones, found while writing": (
        "sec_a",
        workbook(
            {
                "任务进展": [["2026-04", "A1", 2, None], ["2026-04", "A2", 1, None]],
                STUDY: [["2026-04", "T001", "张三", 600, 4, 1], ["2026-04", "T005", None, 600, 4, 1]],
            }
        ),
        [Problem(STUDY, 3, "党员编号", "无权填报或修改掘进一队党支部的数据")],
    ),
}


def _hyperlink_as_text() -> bytes:
    book = Workbook()
    page = book.active
    page.title = "经费支出"
    page.append(headers("经费支出"))
    page.append([date(2026, 4, 8), None, "学习教育", 100, "购书", "PZ-1"])
    page["B2"].value = HYPERLINK
    page["B2"].data_type = "s"
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("case", list(BROKEN))
def test_a_broken_workbook_writes_nothing_and_names_each_problem(session, fresh_engine, case):
    username, data, expected = BROKEN[case]
    data = data if data is not None else _hyperlink_as_text()
    before = row_counts(fresh_engine)

    result = run_import(fresh_engine, username, data)

    assert result.problems == expected
    assert (result.saved, result.written) == ({}, False)
    assert row_counts(fresh_engine) == before


def test_the_problems_come_as_a_workbook_with_text_never_formulas(session, fresh_engine):
    result = run_import(fresh_engine, "sec_a", _hyperlink_as_text())
    sheet = load_workbook(BytesIO(result.problems_workbook()))["导入问题"]
    assert [cell.value for cell in sheet[1]] == ["工作表", "行", "列", "问题"]
    assert [cell.value for cell in sheet[2]] == ["经费支出", 2, "党支部", f"找不到党支部“{HYPERLINK}”"]
    assert str(result.problems[0]) == f"经费支出 第 2 行 党支部：找不到党支部“{HYPERLINK}”"
    assert str(Problem(None, None, None, NOT_A_WORKBOOK)) == NOT_A_WORKBOOK


def test_emoji_script_and_formula_like_text_are_kept_as_text(session, fresh_engine):
    data = workbook({"任务进展": [["2026-04", "A1", 1, f"完成👍 <script>x</script> {HYPERLINK}"]]})
    assert run_import(fresh_engine, "sec_a", data).problems == []
    session.expire_all()
    note = progress_of(session, "A1", "2026-04").note
    assert note == f"完成👍 <script>x</script> {HYPERLINK}"


# ---------------------------------------------------------------- the transaction contract and dry runs


def test_a_dry_run_reports_the_same_counts_and_writes_nothing(session, fresh_engine):
    data = workbook(
        {
            "任务进展": [["2026-04", "A1", 2, None], ["2026-04", "A2", 1, None]],
            STUDY: [["2026-01", "T001", "张三", 600, 4, 1], ["2026-04", "T002", "李四", 600, 4, 1]],
        }
    )
    before = row_counts(fresh_engine)

    trial = run_import(fresh_engine, "sec_a", data, dry_run=True)
    assert (trial.problems, trial.written) == ([], False)
    assert row_counts(fresh_engine) == before

    real = run_import(fresh_engine, "sec_a", data)
    assert counts(trial) == counts(real) == {"任务进展": (2, 0, 0), "学习情况": (1, 0, 1)}
    assert row_counts(fresh_engine)["taskprogress"] == before["taskprogress"] + 2


def test_the_import_rolls_its_session_back_itself_and_never_commits(fresh_engine, session):
    before = row_counts(fresh_engine)
    good = workbook({"任务进展": [["2026-04", "A1", 2, None]]})
    bad = workbook({"任务进展": [["2026-04", "A1", 2, None], ["2026-04", "ZZ9", 1, None]]})
    with Session(fresh_engine) as own:
        sec_a = actor(own, "sec_a")
        for data, dry_run in [(bad, False), (good, True)]:
            result = excel.import_workbook(session=own, actor=sec_a, data=data, dry_run=dry_run, today=TODAY)
            assert not result.written
            own.commit()  # what write_scope does after the block: it must write nothing
            assert row_counts(fresh_engine) == before
        result = excel.import_workbook(session=own, actor=sec_a, data=good, today=TODAY)
        assert result.written
        assert row_counts(fresh_engine) == before  # not committed by the import itself
        own.commit()
    assert row_counts(fresh_engine)["taskprogress"] == before["taskprogress"] + 1


def test_progress_is_reported_by_stage(session, fresh_engine):
    data = workbook({STUDY: [["2026-04", "T001", "张三", 600, 4, 1], ["2026-04", "T002", "李四", 600, 4, 1]]})
    seen = []
    run_import(fresh_engine, "sec_a", data, on_progress=lambda *report: seen.append(report))
    assert seen == [("check", 2, 2), ("write", 2, 2)]


# ---------------------------------------------------------------- scale


@pytest.mark.slow
def test_ten_thousand_study_rows_are_imported(session, fresh_engine):
    branch = org_id(session, "机关党支部")
    for number in range(1000):
        session.add(
            Member(
                member_no=f"G{number:04d}",
                name=f"党员{number}",
                branch_id=branch,
                category="正式党员",
                joined_on=date(2010, 1, 1),
            )
        )
    session.commit()
    rows = [
        [f"2026-{month:02d}", f"G{number:04d}", f"党员{number}", 500 + number % 7, 4.5, month % 3]
        for month in range(1, 11)
        for number in range(1000)
    ]
    data = workbook({STUDY: rows})

    with db.write_scope(fresh_engine) as own:
        result = excel.import_workbook(
            session=own, actor=actor(own, "admin"), data=data, today=date(2026, 11, 15)
        )

    assert (result.problems, counts(result)) == ([], {STUDY: (10000, 0, 0)})
    session.expire_all()
    month_totals = session.exec(
        select(StudyRecord.month, func.count(), func.sum(StudyRecord.points))
        .join(Member, Member.id == StudyRecord.member_id)
        .where(Member.member_no.like("G%"))
        .group_by(StudyRecord.month)
        .order_by(StudyRecord.month)
    ).all()
    # Points 500 + n % 7 for n = 0..999: 1000 × 500 + 142 cycles × (0+…+6 = 21) + (0+…+5 = 15) = 502,997.
    assert [(m, c, int(p)) for m, c, p in month_totals] == [
        (f"2026-{month:02d}", 1000, 502_997) for month in range(1, 11)
    ]
    drafts = session.exec(select(Submission.month).where(Submission.branch_id == branch)).all()
    assert sorted(drafts) == [f"2026-{month:02d}" for month in range(1, 11)]


def test_every_kind_is_registered_in_the_order_parents_first():
    assert [kind.sheet for kind in KINDS] == [
        "组织架构",
        "党员名册",
        "年度参数",
        "任务清单",
        "支出类别",
        "对标指标",
        "经费预算",
        "任务进展",
        "学习情况",
        "经费支出",
        "三会一课",
        "金点子",
        "帮扶结对",
        "帮扶走访",
        "党费",
        "先锋岗责任区",
        "岗区检查",
        "生产月报",
        "安全月报",
    ]
    assert tuple(kind.sheet for kind in KINDS) == excel.SETUP_KINDS + excel.MONTHLY_KINDS + excel.SAFETY_KINDS
