"""The Excel import of 党建+安全生产 on the hand-made organisation (both databases): the mine's 安监 and 调度
monthly workbooks as people make them (title rows, headers merged over two rows, near-miss names, the
month in the title), the template's 先锋岗责任区 and 岗区检查, and workbooks refused with every problem
(sheet, row, column) and nothing written.

"Today" is 2026-04-20: 综采一队 has 2026-03 已审核 (locked); April is open. Before each import the
administrator attaches 综采一队党支部 to 综采一队 and 掘进一队党支部 to 掘进一队, and gives 综采一队 the 2026
indicator 原煤产量 (t) and 掘进一队 掘进进尺 (m).
"""

from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from openpyxl import Workbook
from sqlalchemy import func
from sqlmodel import Session, SQLModel, select

from data_layer import cli, excel, safety
from data_layer.errors import Refused
from data_layer.excel import Problem
from data_layer.models import PioneerCheck, PioneerPost, ProductionFigure, SafetyRecord
from data_layer.schemas import BranchUnitIn, ProductionIndicatorIn
from data_layer.store import db
from tests.actors import actor, org_id
from tests.handmade_safety import remove_safety

A, B, C = "综采一队党支部", "掘进一队党支部", "机关党支部"
TODAY = date(2026, 4, 20)


@pytest.fixture
def engine(fresh_engine, monkeypatch):
    monkeypatch.setenv("DASHBOARD_TODAY", TODAY.isoformat())
    with db.write_scope(fresh_engine) as session:
        remove_safety(session)
        admin = actor(session, "admin")
        for branch, unit, kind in [(A, "综采一队", "采煤"), (B, "掘进一队", "掘进")]:
            safety.set_branch_unit(
                session=session, actor=admin, item=BranchUnitIn(branch=branch, unit=unit, unit_kind=kind)
            )
        for branch, name, measure in [(A, "原煤产量", "t"), (B, "掘进进尺", "m")]:
            item = ProductionIndicatorIn(year=2026, branch=branch, name=name, measure=measure)
            safety.save_indicator(session=session, actor=admin, item=item)
    return fresh_engine


def xlsx(sheets: dict[str, list[list]], merges: dict[str, list[str]] | None = None) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        page = book.create_sheet(title)
        for row in rows:
            page.append(row)
        for cells in (merges or {}).get(title, []):
            page.merge_cells(cells)
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def run(engine, data: bytes, username: str = "admin", month: str | None = None) -> excel.ImportResult:
    plan = excel.plan_workbook(data)
    for sheet in plan.imported:
        if month and sheet.needs_month:
            plan = plan.with_month(sheet.title, month)
    with db.write_scope(engine) as session:
        return excel.import_workbook(
            session=session, actor=actor(session, username), data=data, today=TODAY, plan=plan
        )


def counts(engine) -> dict[str, int]:
    with Session(engine) as session:
        return {
            table.name: session.exec(select(func.count()).select_from(table)).one()
            for table in SQLModel.metadata.sorted_tables
        }


# The 安监 department's own workbook: two title rows, a header merged over two rows, no 月份 column.
SAFETY_ROWS = [
    ["南山煤矿2026年4月安全生产月报"],
    ["填报单位：安监处", None, None, None, None, None, None, None, None, None],
    ["单位", "在册职工", "隐患排查", None, None, "三违（人次）", None, "事故（起）", None, "安全天数"],
    [None, None, "发现", "整改", "其中党员发现", "党员", "非党员", "伤人", "非伤人", None],
    ["综采一队", 400, 12, 10, 5, 1, 3, 0, 1, 380],
    ["掘进一队党支部", 250, 8, 8, 2, 0, 2, 0, 0, 1200],
]
SAFETY_MERGES = ["A1:J1", "A3:A4", "B3:B4", "C3:E3", "F3:G3", "H3:I3", "J3:J4"]


def test_the_safety_workbook_with_title_rows_and_merged_headers_imports(engine):
    data = xlsx({"安全月报（4月）": SAFETY_ROWS}, {"安全月报（4月）": SAFETY_MERGES})
    plan = excel.plan_workbook(data)
    sheet = plan.sheet("安全月报（4月）")
    assert (sheet.kind, sheet.header_row, sheet.first_row, sheet.month) == ("安全月报", 4, 5, "2026-04")
    assert sheet.columns == {
        0: "区队",
        1: "在册人数",
        2: "隐患发现",
        3: "隐患整改",
        4: "其中党员发现",
        5: "党员三违",
        6: "非党员三违",
        7: "伤人事故",
        8: "非伤人事故",
        9: "安全生产天数",
    }
    assert sheet.needs_month  # and found in the title row above the header
    # a sheet named as nothing is known by its header
    titled = xlsx({"Sheet1": SAFETY_ROWS}, {"Sheet1": SAFETY_MERGES})
    assert excel.plan_workbook(titled).sheet("Sheet1").kind == "安全月报"

    result = run(engine, titled)
    assert result.problems == []
    assert (result.saved["安全月报"].inserted, result.saved["安全月报"].updated) == (2, 0)
    with Session(engine) as session:
        stored = {
            row.branch_id: row
            for row in session.exec(select(SafetyRecord).where(SafetyRecord.month == "2026-04"))
        }
        mining = stored[org_id(session, A)]
        assert (mining.workforce, mining.hazards_found, mining.hazards_closed, mining.hazards_by_members) == (
            400,
            12,
            10,
            5,
        )
        assert (mining.violations_members, mining.violations_others, mining.other_accidents) == (1, 3, 1)
        assert stored[org_id(session, B)].safe_days == 1200
    again = run(engine, titled)
    assert (again.saved["安全月报"].inserted, again.saved["安全月报"].unchanged) == (0, 2)


def test_the_production_workbook_imports_with_the_month_given(engine):
    rows = [
        ["调度中心生产月报"],
        ["区队", "指标", "单位", "本月计划", "实际完成"],
        ["综采一队", "原煤产量", "t", "85,000", 86500.5],
        ["掘进一队", "掘进进尺", "m", 320, 305],
    ]
    data = xlsx({"调度月报": rows})
    sheet = excel.plan_workbook(data).sheet("调度月报")
    assert (sheet.kind, sheet.header_row, sheet.needs_month) == ("生产月报", 2, True)
    assert sheet.columns == {0: "区队", 1: "指标", 2: "单位", 3: "计划", 4: "实际"}

    result = run(engine, data, month="2026-04")
    assert result.problems == []
    assert result.saved["生产月报"].inserted == 2
    with Session(engine) as session:
        figures = session.exec(select(ProductionFigure).order_by(ProductionFigure.plan)).all()
        assert [(f.month, f.plan, f.actual) for f in figures] == [
            ("2026-04", Decimal("320.00"), Decimal("305.00")),
            ("2026-04", Decimal("85000.00"), Decimal("86500.50")),
        ]


def test_a_bad_workbook_is_refused_with_every_problem_and_nothing_written(engine):
    safety_rows = [
        [
            "月份",
            "区队",
            "在册人数",
            "隐患发现",
            "隐患整改",
            "其中党员发现",
            "党员三违",
            "非党员三违",
            "伤人事故",
            "非伤人事故",
            "安全生产天数",
        ],
        ["2026-04", "综采一队", 400, 12, 10, 5, 1, 3, 0, 1, 380],  # good: still not written
        ["2026-04", "综采二队", 100, 1, 1, 0, 0, 0, 0, 0, 10],  # no such unit
        ["2026-04", "掘进一队", 250, 3, 5, 0, 0, 0, 0, 0, 10],  # closed more than found
        ["2026-03", "综采一队", 400, 1, 1, 0, 0, 0, 0, 0, 10],  # March is locked
        ["2026-04", "综采一队", 400, 1, 1, 0, 0, 0, 0, 0, 10],  # the same unit and month twice
    ]
    production_rows = [
        ["月份", "区队", "指标", "单位", "计划", "实际"],
        ["2026-04", "综采一队", "原煤产量", "吨", 1, 1],  # not the indicator's unit
        ["2026-04", "掘进一队", "原煤产量", None, 1, 1],  # not 掘进一队's indicator
        ["2026-04", "掘进一队", "掘进进尺", "m", -5, 1],  # negative
    ]
    before = counts(engine)
    result = run(engine, xlsx({"安全月报": safety_rows, "生产月报": production_rows}))
    assert [(p.sheet, p.row, p.column) for p in result.problems] == [
        ("生产月报", 4, "计划"),
        ("安全月报", 4, "隐患整改"),
        ("安全月报", 6, "月份、区队"),
        ("生产月报", 2, "单位"),
        ("生产月报", 3, "指标"),
        ("安全月报", 3, "区队"),
        ("安全月报", 5, "月份"),
    ]
    messages = {(p.sheet, p.row): p.message for p in result.problems}
    assert messages[("安全月报", 4)] == "整改的隐患（5）不能多于发现的隐患（3）"
    assert messages[("生产月报", 2)] == "生产指标“原煤产量”的计量单位是“t”，与填写的“吨”不一致"
    assert messages[("生产月报", 3)] == "掘进一队党支部2026年没有生产指标“原煤产量”，请先在基础数据中设置"
    assert messages[("安全月报", 5)] == "综采一队党支部2026年3月的填报已审核，已锁定，不能修改"
    assert counts(engine) == before


def test_the_mine_s_workbooks_are_for_administrators(engine):
    rows = [["月份", "区队", "在册人数", "安全生产天数"], ["2026-04", "综采一队", 400, 380]]
    result = run(engine, xlsx({"安全月报": rows}), username="sec_a")
    assert result.problems == [
        Problem("安全月报", None, None, "只有管理员可以导入“安全月报”；请删除该工作表后重新导入")
    ]


def test_a_secretary_imports_posts_and_their_month(engine):
    posts = [
        ["党支部", "类型", "岗区名称", "责任党员编号", "开始月份", "结束月份"],
        [A, "党员先锋岗", "采煤机司机岗", "T001", "2026-04", None],
        [A, "党员责任区", "3105工作面", "T002", "2026-04", None],
    ]
    checks = [
        ["月份", "党支部", "岗区名称", "无三违", "无事故", "情况说明"],
        ["2026-04", A, "采煤机司机岗", "是", "是", None],
        ["2026-04", A, "3105工作面", "否", "是", "4月9日一人违章"],
    ]
    result = run(engine, xlsx({"先锋岗责任区": posts, "岗区检查": checks}), username="sec_a")
    assert result.problems == []
    assert (result.saved["先锋岗责任区"].inserted, result.saved["岗区检查"].inserted) == (2, 2)
    with Session(engine) as session:
        assert len(session.exec(select(PioneerPost)).all()) == 2
        assert sorted(c.violation_free for c in session.exec(select(PioneerCheck))) == [False, True]

    elsewhere = [posts[0], [B, "党员先锋岗", "掘进机司机岗", "T005", "2026-04", None]]
    refused = run(engine, xlsx({"先锋岗责任区": elsewhere}), username="sec_a")
    assert refused.problems == [Problem("先锋岗责任区", 2, "党支部", f"无权填报或修改{B}的数据")]


def test_the_template_offers_the_mine_s_sheets_with_the_units_to_choose(engine):
    from openpyxl import load_workbook

    with Session(engine) as session:
        data = excel.template_workbook(
            session=session, actor=actor(session, "admin"), kinds=list(excel.SAFETY_KINDS)
        )
        with pytest.raises(Refused):
            excel.template_workbook(
                session=session, actor=actor(session, "sec_a"), kinds=list(excel.SAFETY_KINDS)
            )
    book = load_workbook(BytesIO(data))
    assert book.sheetnames == ["生产月报", "安全月报", "选项"]
    assert [cell.value for cell in book["安全月报"][1]] == [
        "月份",
        "区队",
        "在册人数",
        "隐患发现",
        "隐患整改",
        "其中党员发现",
        "党员三违",
        "非党员三违",
        "伤人事故",
        "非伤人事故",
        "安全生产天数",
    ]
    assert [cell.value for cell in book["生产月报"][1]] == ["月份", "区队", "指标", "单位", "计划", "实际"]
    options = book["选项"]
    column = next(cell.column for cell in options[1] if cell.value == "区队")
    assert [options.cell(row=row, column=column).value for row in (2, 3, 4)] == ["综采一队", "掘进一队", None]
    # the template read back as it is: its example rows are skipped, nothing is written
    before = counts(engine)
    result = run(engine, data)
    assert result.problems == [] and [saved.changed for saved in result.saved.values()] == [0, 0]
    assert counts(engine) == before


def test_the_command_line_imports_the_dispatch_workbook_with_its_month(engine, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", engine.url.render_as_string(hide_password=False))
    path = tmp_path / "调度月报.xlsx"
    path.write_bytes(
        xlsx(
            {"生产": [["区队", "指标", "单位", "计划", "实际"], ["综采一队", "原煤产量", "t", 85000, 86500]]}
        )
    )

    assert cli.main(["import", str(path)]) == 1  # no month: said, nothing written
    assert "月份" in capsys.readouterr().err
    assert cli.main(["import", str(path), "--month", "2026-04"]) == 0
    with Session(engine) as session:
        figure = session.exec(select(ProductionFigure)).one()
    assert (figure.month, figure.plan, figure.actual) == ("2026-04", Decimal("85000.00"), Decimal("86500.00"))
