"""How a workbook people made is read (data_layer/excel/layout.py): pure, no database."""

from io import BytesIO

from openpyxl import Workbook

from data_layer import excel, schemas
from data_layer.excel import BY_SHEET


def book(sheets: dict[str, list[list]], merges: dict[str, list[str]] | None = None) -> Workbook:
    made = Workbook()
    made.remove(made.active)
    for title, rows in sheets.items():
        page = made.create_sheet(title)
        for row in rows:
            page.append(row)
        for cells in (merges or {}).get(title, []):
            page.merge_cells(cells)
    return made


def plan_of(sheets, merges=None) -> excel.ImportPlan:
    buffer = BytesIO()
    book(sheets, merges).save(buffer)
    return excel.plan_workbook(buffer.getvalue())


def test_the_template_is_read_as_it_is_with_nothing_to_confirm():
    headers = schemas.HEADERS[BY_SHEET["学习情况"].model]
    plan = plan_of({"学习情况": [headers, ["2026-03", "T001", "张三", 600, 4, 1]]})

    (sheet,) = plan.sheets
    assert (sheet.kind, sheet.header_row, sheet.first_row, sheet.exact) == ("学习情况", 1, 2, True)
    assert sheet.columns == dict(enumerate(headers))
    assert not plan.needs_confirmation


def test_a_title_row_near_miss_headers_and_a_sheet_name_people_use():
    rows = [
        ["南山煤矿2026年经费支出台账"],
        [],
        ["序号", "支出日期", "支部名称", "类别", "支出金额（元）", "用途", "凭证号", "经办人"],
        [1, "2026-03-05", "机关党支部", "学习教育", "1,200.00元", "购书", "PZ-1", "张三"],
    ]
    plan = plan_of({"经费支出台账": rows}, {"经费支出台账": ["A1:H1"]})

    sheet = plan.sheet("经费支出台账")
    assert (sheet.kind, sheet.header_row, sheet.first_row, sheet.exact) == ("经费支出", 3, 4, False)
    assert sheet.columns == {1: "日期", 2: "党支部", 3: "支出类别", 4: "金额(元)", 5: "事由", 6: "凭证号"}
    assert sheet.missing == ()
    assert plan.needs_confirmation
    assert excel.describe(plan)[:3] == [
        "工作表“经费支出台账” → 经费支出（表头第 3 行）",
        "  “支出日期” → 日期",
        "  “支部名称” → 党支部",
    ]


def test_a_header_merged_over_two_rows_reads_its_text_on_the_lower_row():
    rows = [
        ["月份", "党员编号", "姓名", "学习情况", None, None],
        [None, None, None, "积分", "学习时长(h)", "集中学习次数"],
        ["2026-03", "NS001", "李明", 520, 3.5, 1],
    ]
    merges = ["A1:A2", "B1:B2", "C1:C2", "D1:F1"]
    sheet = plan_of({"党员学习": rows}, {"党员学习": merges}).sheet("党员学习")

    assert (sheet.kind, sheet.header_row, sheet.first_row) == ("学习情况", 2, 3)
    assert sheet.columns == {
        0: "月份",
        1: "党员编号",
        2: "姓名",
        3: "学习强国积分",
        4: "学习时长(小时)",
        5: "集中学习次数",
    }


def test_the_study_export_is_known_by_its_headers_and_waits_for_its_month():
    rows = [["姓名", "所在组织", "总积分", "本月积分"], ["李明", "南山煤矿党委/综采队党支部", 15230, 650]]
    plan = plan_of({"Sheet1": rows})

    sheet = plan.sheet("Sheet1")
    assert sheet.kind == "学习情况"
    assert sheet.columns == {0: "姓名", 1: "所在组织", 3: "学习强国积分"}  # 总积分 is not read
    assert (sheet.needs_month, sheet.month, sheet.missing, sheet.points_only) == (True, None, ("月份",), True)
    confirmed = plan.with_month("Sheet1", "2026年3月")
    assert (confirmed.sheet("Sheet1").month, confirmed.sheet("Sheet1").missing) == ("2026-03", ())


def test_a_month_is_taken_from_the_sheet_name_or_its_title_row():
    assert excel.month_in("2026年3月学习强国积分") == "2026-03"
    assert excel.month_in("学习强国 2026-11") == "2026-11"
    assert excel.month_in("学习强国积分") is None
    rows = [["2026年4月份积分统计"], ["姓名", "所在组织", "本月积分"], ["李明", "综采队党支部", 1]]
    assert plan_of({"积分": rows}).sheet("积分").month == "2026-04"


def test_the_administrator_corrects_a_sheets_kind_and_its_columns():
    rows = [["名称", "上级", "说明"], ["综采队党支部", "南山煤矿党委", "x"]]
    plan = plan_of({"Sheet1": rows})
    assert plan.sheet("Sheet1").kind is None  # nothing says what it is: not imported unless chosen

    chosen = plan.with_kind("Sheet1", "组织架构")
    assert chosen.sheet("Sheet1").columns == {0: "组织名称", 1: "上级组织"}
    assert chosen.sheet("Sheet1").missing == ("组织类型",)
    fixed = chosen.with_columns("Sheet1", {0: "组织名称", 1: "上级组织", 2: "组织类型"})
    assert (fixed.sheet("Sheet1").missing, fixed.needs_confirmation) == ((), True)
    assert fixed.with_kind("Sheet1", None).imported == ()
