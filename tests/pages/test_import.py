"""月度填报 → Excel 导入, driven through AppTest: templates offered, a workbook uploaded, the summary or the
problems shown, and what reached the database (this Streamlit's AppTest can drive ``st.file_uploader``).
"""

from decimal import Decimal
from io import BytesIO

from openpyxl import Workbook
from sqlmodel import select

from data_layer import schemas
from data_layer.excel import BY_SHEET
from data_layer.models import StudyRecord, TaskProgress
from tests.pages.apptest import app_as, table
from ui import navigation

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx(sheets: dict[str, list[list]]) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        page = book.create_sheet(name)
        page.append(schemas.HEADERS[BY_SHEET[name].model])
        for row in rows:
            page.append(row)
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def open_entry(session, username="sec_a", month="2026-04"):
    at = app_as(session, username)
    at.switch_page(navigation.script("entry"))
    at.run()
    at.selectbox(key="entry_month").set_value(month)
    return at.run()


def upload_and_import(at, data: bytes, *, dry_run: bool = False, name: str = "填报.xlsx", mime: str = XLSX):
    at.file_uploader(key="entry-import-file").set_value((name, data, mime))
    at.run()
    if dry_run:
        at.checkbox(key="entry-import-dry-run").check()
    at.button(key="entry-import-run").click()
    return at.run()


def quantities(session) -> list:
    session.expire_all()
    return session.exec(select(TaskProgress.quantity).where(TaskProgress.month == "2026-04")).all()


def test_the_import_tab_offers_templates_and_waits_for_a_file(writable):
    at = open_entry(writable)

    assert not at.exception
    assert "Excel 导入" in [tab.label for tab in at.tabs]
    assert [button.label for button in at.download_button if "模板" in button.label] == [
        "下载模板（全部工作表）",
        "任务进展模板",
        "学习情况模板",
        "经费支出模板",
        "三会一课模板",
        "金点子模板",
        "帮扶结对模板",
        "帮扶走访模板",
        "党费模板",
        "先锋岗责任区模板",
        "岗区检查模板",
    ]
    assert at.file_uploader(key="entry-import-file").label == "上传填好的 Excel 文件（.xlsx）"
    # .xls and .csv are let through so that the import answers them in Chinese (not Streamlit in English)
    assert at.file_uploader(key="entry-import-file").allowed_type == [".xlsx", ".xls", ".csv"]
    assert at.button(key="entry-import-run").disabled


def test_an_uploaded_workbook_is_written_and_summarised(writable):
    before = quantities(writable)
    data = xlsx(
        {"任务进展": [["2026-04", "A1", 2, "完成"]], "学习情况": [["2026-04", "T001", "张三", 600, 4, 1]]}
    )

    at = upload_and_import(open_entry(writable), data)

    assert not at.exception
    assert at.success[0].value == (
        "导入完成：\n- 任务进展：新增 1 条，修改 0 条，未变 0 条\n- 学习情况：新增 1 条，修改 0 条，未变 0 条"
    )
    assert at.subheader[0].value == "综采一队党支部 2026年4月：草稿"  # the page was redrawn after the write
    assert len(quantities(writable)) == len(before) + 1
    assert writable.exec(select(StudyRecord.points).where(StudyRecord.month == "2026-04")).all() == [600]


def test_problems_are_listed_with_a_workbook_to_download_and_nothing_is_written(writable):
    before = quantities(writable)
    data = xlsx(
        {"任务进展": [["2026-04", "A1", 2, None], ["2026-03", "A2", 1, None], ["2026-04", "ZZ9", 1, None]]}
    )

    at = upload_and_import(open_entry(writable), data)

    assert at.error[0].value == "未导入：发现 2 个问题，没有写入任何数据。请按下表修改后重新上传。"
    problems = table(at, "entry-import-problems")
    assert problems.to_dict("records") == [
        {
            "sheet": "任务进展",
            "row": 3,
            "column": "月份",
            "message": "综采一队党支部2026年3月的填报已审核，已锁定，不能修改",
        },
        {"sheet": "任务进展", "row": 4, "column": "任务编号", "message": "找不到任务“ZZ9”"},
    ]
    assert at.download_button(key="entry-import-problems-download").label == "下载问题清单（Excel）"
    assert at.get("progress")[0].value == 100
    assert quantities(writable) == before


def test_a_dry_run_reports_and_writes_nothing(writable):
    before = quantities(writable)
    at = upload_and_import(
        open_entry(writable), xlsx({"任务进展": [["2026-04", "A1", 2, None]]}), dry_run=True
    )

    assert (
        at.info[-1].value
        == "试运行通过，未写入任何数据。正式导入将：\n- 任务进展：新增 1 条，修改 0 条，未变 0 条"
    )
    assert quantities(writable) == before


def test_a_csv_file_is_one_problem_saying_to_save_it_as_xlsx(writable):
    data = "月份,任务编号\n2026-04,A1\n".encode()
    at = upload_and_import(open_entry(writable), data, name="填报.csv", mime="text/csv")

    assert not at.exception
    assert at.error[0].value.startswith("未导入：发现 1 个问题")
    assert at.get("progress")[0].value == 100  # finished, not left half full
    problem = table(at, "entry-import-problems").iloc[0]
    assert problem["message"] == (
        "文件是文本文件（如 .csv），不是 Excel 工作簿：请在 Excel 或 WPS 中打开它，"
        "“另存为” Excel 工作簿（.xlsx）后重新导入"
    )
    assert (problem["sheet"], problem["column"]) == ("", "")  # the whole file: no sheet, no column
    assert problem.isna()["row"]


def study_export(rows: list[list]) -> bytes:
    """What the 学习强国 back end exports: a title row, then 姓名, 所在组织, 总积分, 本月积分 (no 党员编号)."""
    book = Workbook()
    page = book.active
    page.title = "学习强国积分导出"
    page.append(["2026年4月学习强国积分统计"])
    page.append(["姓名", "所在组织", "总积分", "本月积分"])
    for row in rows:
        page.append(row)
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def study_of(session, member_no: str):
    from data_layer.models import Member

    session.expire_all()
    return session.exec(
        select(StudyRecord.points, StudyRecord.hours, StudyRecord.sessions)
        .join(Member, Member.id == StudyRecord.member_id)
        .where(Member.member_no == member_no, StudyRecord.month == "2026-04")
    ).one()


def test_a_study_export_is_previewed_confirmed_and_updates_points_only(writable):
    upload_and_import(open_entry(writable), xlsx({"学习情况": [["2026-04", "T001", "张三", 600, 4.5, 2]]}))
    at = open_entry(writable)
    data = study_export(
        [["张三", "测试党委/综采一队党支部", 15230, 650], ["李四", "测试党委/综采一队党支部", 9800, 420]]
    )
    at.file_uploader(key="entry-import-file").set_value(("学习强国.xlsx", data, XLSX))
    at.run()

    assert not at.exception
    assert "这个文件不是模板的格式" in at.info[0].value
    assert at.selectbox(key="entry-import-plan-0-kind").value == "学习情况"
    month = at.text_input(key="entry-import-plan-0-学习情况-month")
    assert month.value == "2026-04"  # from the title row above the header
    assert at.selectbox(key="entry-import-plan-0-学习情况-column-3").value == "学习强国积分"  # 本月积分
    assert at.selectbox(key="entry-import-plan-0-学习情况-column-2").value is None  # 总积分: not used
    assert at.button(key="entry-import-run").label == "确认以上对应关系并导入"
    at.button(key="entry-import-run").click()
    at.run()

    assert not at.exception
    assert at.success[0].value == "导入完成：\n- 学习情况：新增 1 条，修改 1 条，未变 0 条"
    assert study_of(writable, "T001") == (650, Decimal("4.50"), 2)  # points from the export, hours kept
    assert study_of(writable, "T002") == (420, Decimal("0.00"), 0)


def test_a_name_not_in_its_organisation_is_refused_and_nothing_is_written(writable):
    at = open_entry(writable)
    data = study_export(
        [["张三", "测试党委/综采一队党支部", 15230, 650], ["王小明", "测试党委/综采一队党支部", 1, 1]]
    )
    at.file_uploader(key="entry-import-file").set_value(("学习强国.xlsx", data, XLSX))
    at.run()
    at.button(key="entry-import-run").click()
    at.run()

    assert not at.exception
    assert at.error[0].value.startswith("未导入：发现 1 个问题")
    problems = table(at, "entry-import-problems")
    assert problems[["sheet", "row", "column", "message"]].values.tolist() == [
        ["学习强国积分导出", 4, "姓名", "在综采一队党支部中找不到党员“王小明”"]
    ]
    assert writable.exec(select(StudyRecord).where(StudyRecord.month == "2026-04")).all() == []
