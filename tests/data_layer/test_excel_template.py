"""Import templates on the hand-made organisation (both databases): headers, drop-downs, notes, pre-filled
keys, and the round trip template → filled in with openpyxl → import → the monthly report.
"""

from datetime import date
from io import BytesIO

import pytest
from openpyxl import load_workbook
from sqlmodel import Session

from data_layer import excel, reports, schemas
from data_layer.errors import Refused
from data_layer.excel import MONTHLY_KINDS, SETUP_KINDS
from data_layer.store import db
from tests.actors import actor, org_id

TODAY = date(2026, 4, 20)


@pytest.fixture
def session(fresh_engine):
    with Session(fresh_engine) as session:
        yield session


def secretary_template(session, month="2026-04") -> bytes:
    return excel.template_workbook(
        session=session,
        actor=actor(session, "sec_a"),
        kinds=list(MONTHLY_KINDS),
        month=month,
        branch_id=org_id(session, "综采一队党支部"),
    )


def values(sheet) -> list[list]:
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def read(saved) -> bool:
    """Whether an import read any row of a sheet."""
    return bool(saved.inserted + saved.updated + saved.unchanged)


def import_as(engine, username: str, data: bytes) -> excel.ImportResult:
    with db.write_scope(engine) as session:
        return excel.import_workbook(session=session, actor=actor(session, username), data=data, today=TODAY)


def test_a_secretary_template_is_pre_filled_with_the_branch_tasks_and_members(session):
    book = load_workbook(BytesIO(secretary_template(session)))

    assert book.sheetnames[:4] == ["任务进展", "学习情况", "经费支出", "三会一课"]
    assert book.sheetnames == [*MONTHLY_KINDS, "选项"]  # then the lean mechanisms' sheets (金点子, 帮扶…)
    assert [book[name].sheet_state for name in book.sheetnames] == ["visible"] * len(MONTHLY_KINDS) + [
        "hidden"
    ]
    # Running tasks of 综采一队 in April (not the 2025 A0), with the name to read by; nothing typed yet.
    assert values(book["任务进展"]) == [
        ["月份", "任务编号", "任务名称", "本月完成量", "说明"],
        ["2026-04", "A1", "任务A1", None, None],
        ["2026-04", "A2", "任务A2", None, None],
    ]
    # Active members who had joined by the end of April: not the inactive 王五 (T003).
    assert values(book["学习情况"]) == [
        ["月份", "党员编号", "姓名", "学习强国积分", "学习时长(小时)", "集中学习次数"],
        ["2026-04", "T001", "张三", None, None, None],
        ["2026-04", "T002", "李四", None, None, None],
        ["2026-04", "T004", "赵六", None, None, None],
    ]
    assert book["任务进展"]["A1"].comment.text.startswith("月份：2026-03 或 2026年3月")
    assert book["学习情况"]["C1"].comment.text == "姓名：选填；填写时须与党员编号对应的姓名一致"

    expenses = book["经费支出"]
    assert values(expenses)[0] == ["日期", "党支部", "支出类别", "金额(元)", "事由", "凭证号"]
    assert expenses["A2"].value.date() == date(2026, 3, 5)
    assert expenses["E2"].value == "示例：购买学习资料"
    assert expenses["A2"].comment.text.startswith("日期：2026-03-05 或 2026年3月5日；不能晚于今天")
    assert "示例行" in expenses["D2"].comment.text
    assert expenses["A1"].font.bold and expenses.freeze_panes == "A2"
    lists = {str(v.sqref): v.formula1 for v in expenses.data_validations.dataValidation}
    assert lists == {"B2:B2000": "'选项'!$A$2:$A$2", "C2:C2000": "'选项'!$B$2:$B$3"}
    options = book["选项"]
    # A secretary's drop-down offers their own 党支部 only; categories in their order.
    assert [options["A1"].value, options["A2"].value, options["A3"].value] == [
        "党支部",
        "综采一队党支部",
        None,
    ]
    assert [options["B2"].value, options["B3"].value] == ["学习教育", "组织活动"]
    meetings = {str(v.sqref): v.formula1 for v in book["三会一课"].data_validations.dataValidation}
    assert meetings["D2:D2000"] == "'选项'!$H$2:$H$6"  # 会议类型
    assert meetings["C2:C2000"] == "'选项'!$L$2:$L$2"  # 党小组: 综采一队's one
    assert options["L2"].value == "综采一队第一党小组"


def test_the_set_up_template_imports_as_it_is_without_writing_its_example_rows(session, fresh_engine):
    admin = actor(session, "admin")
    data = excel.template_workbook(session=session, actor=admin, kinds=list(SETUP_KINDS))
    book = load_workbook(BytesIO(data))
    assert book.sheetnames == [*SETUP_KINDS, "选项"]
    assert [book["选项"].cell(row=n, column=1).value for n in range(1, 6)] == [
        "党支部",
        "综采一队党支部",
        "掘进一队党支部",
        "机关党支部",
        None,  # not the inactive 已撤销党支部
    ]
    assert values(book["年度参数"])[1] == [2026, 12345678.9, 4, 600]

    result = import_as(fresh_engine, "admin", data)

    assert result.problems == []
    assert {sheet: saved.changed + saved.unchanged for sheet, saved in result.saved.items()} == dict.fromkeys(
        SETUP_KINDS, 0
    )


def test_a_template_asks_for_known_kinds_and_set_up_is_for_administrators(session):
    with pytest.raises(ValueError, match="unknown import kinds"):
        excel.template_workbook(session=session, actor=actor(session, "admin"), kinds=["工资"])
    with pytest.raises(Refused, match="只有管理员可以进行此操作"):
        excel.template_workbook(session=session, actor=actor(session, "sec_a"), kinds=["党员名册"])


def test_the_template_filled_in_and_imported_shows_in_the_monthly_report(session, fresh_engine):
    book = load_workbook(BytesIO(secretary_template(session)))
    book["任务进展"]["D2"] = 2  # A1: 8 of 10 done before April → 10 of 10
    study = book["学习情况"]
    for row, figures in [(2, (600, 4, 1)), (3, (600, 5, 2))]:  # T001, T002; 赵六 left blank
        for column, value in zip("DEF", figures, strict=True):
            study[f"{column}{row}"] = value
    expenses = book["经费支出"]  # the example row overwritten with a real one
    for column, value in zip(
        "ABCDEF", [date(2026, 4, 10), "综采一队党支部", "学习教育", 300, "订阅党刊", "PZ-0410"], strict=True
    ):
        expenses[f"{column}2"] = value
    book["三会一课"].append(
        [date(2026, 4, 9), "综采一队党支部", None, "支委会", 5, 5, "研究四月工作"]
    )  # below the example
    filled = BytesIO()
    book.save(filled)

    result = import_as(fresh_engine, "sec_a", filled.getvalue())

    assert result.problems == []
    # The other sheets (金点子, 帮扶结对, …) hold only their example rows, which the import skips.
    assert {sheet: (s.inserted, s.updated, s.unchanged) for sheet, s in result.saved.items() if read(s)} == {
        "任务进展": (1, 0, 0),
        "学习情况": (2, 0, 0),
        "经费支出": (1, 0, 0),
        "三会一课": (1, 0, 0),
    }
    session.expire_all()
    report = reports.monthly_report(session=session, actor=actor(session, "sec_a"), month="2026-04")
    assert report["tasks"]["by_branch"][0]["completion_rate"] == 1.0
    # 2026 spending of 综采一队 through April: 1,500.50 + 2,499.50 + 1,200.00 + 300.00.
    assert report["budget"]["spent_ytd"] == "5500.00"
    # April targets to date: 16 h and 2,400 points. 张三 12 + 4 h, 李四 11 + 5 h (1,800 + 600 points each)
    # are on track; 赵六 (joined in April) typed nothing → 2 of 3; points this month (600 + 600 + 0) ÷ 3.
    assert (report["study"]["on_track_rate"], report["study"]["avg_points"]) == (0.6667, 400.0)
    assert [row["member_no"] for row in report["study"]["laggards"]] == ["T004"]
    # One 支委会 of the three meetings due in April (支委会, 党小组会, 主题党日), 5 of 5 present.
    meetings = report["meetings"]
    assert (meetings["month_compliance"], meetings["attendance_rate"]) == (0.3333, 1.0)
    assert meetings["by_branch"][0]["held"]["支委会"] == 1
    assert report["submissions"]["by_branch"] == {"综采一队党支部": "草稿"}

    again = import_as(fresh_engine, "sec_a", filled.getvalue())
    assert {sheet: (s.inserted, s.updated, s.unchanged) for sheet, s in again.saved.items() if read(s)} == {
        "任务进展": (0, 0, 1),
        "学习情况": (0, 0, 2),
        "经费支出": (0, 0, 1),
        "三会一课": (0, 0, 1),
    }


def test_the_set_up_template_has_a_category_sheet_and_open_units(session):
    book = load_workbook(
        BytesIO(
            excel.template_workbook(
                session=session, actor=actor(session, "admin"), kinds=["任务清单", "支出类别"]
            )
        )
    )

    categories = book["支出类别"]
    assert values(categories) == [["类别名称", "原名称", "排序", "状态"], ["示例类别", None, 8, "启用"]]
    assert categories["B2"].comment.text.startswith("原名称：选填；填写时把该类别改名为“类别名称”")
    lists = {str(v.sqref): (v.formula1, v.errorStyle) for v in categories.data_validations.dataValidation}
    # 原名称 offers the categories in use (a warning only); 状态 is 启用 or 停用.
    assert lists == {"B2:B2000": ("'选项'!$B$2:$B$3", "warning"), "D2:D2000": ("'选项'!$I$2:$I$3", "stop")}
    assert [book["选项"][f"I{row}"].value for row in (1, 2, 3)] == ["状态", "启用", "停用"]

    # 计量单位 suggests twelve units and takes any other without an error message.
    task_sheet = book["任务清单"]
    [units] = [v for v in task_sheet.data_validations.dataValidation if str(v.sqref) == "G2:G2000"]
    assert (units.formula1, units.showErrorMessage) == ("'选项'!$F$2:$F$13", False)
    assert [book["选项"][f"F{row}"].value for row in range(2, 14)] == list(schemas.UNIT_SUGGESTIONS)
    assert task_sheet["G2"].comment.text.startswith(
        "计量单位：可从下拉列表选择，也可填写其他单位（最多 8 个字）"
    )
