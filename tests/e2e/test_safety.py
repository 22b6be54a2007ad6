"""Issue 26 in Chromium: the administrator imports the mine's 安监 monthly workbook (a title row and a
two-row merged header, as the mine writes it) with one non-injury accident in 综采二队; the 党建+安全生产
quadrant shows 综采二队 with 事故 and the overview's 安全生产 row counts the accident."""

from io import BytesIO

from openpyxl import Workbook

from seed import DEMO_PASSWORD
from tests.e2e import browser, demo
from ui import text

BRANCH = "综采二队党支部"
UNIT = "综采二队"  # its 区队 in the demo (seed/safety.py)
MONTH, LABEL = demo.MONTH, demo.LABEL
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _safety_workbook() -> bytes:
    """安全月报 as the 安监 office sends it: a title, then 隐患排查 / 三违 / 事故 over their columns."""
    book = Workbook()
    sheet = book.active
    sheet.title = "安全月报"
    sheet.append([f"{LABEL}各区队安全生产月报"])
    sheet.append(
        ["月份", "区队", "在册人数", "隐患排查", None, None, "三违", None, "事故", None, "安全生产天数"]
    )
    sheet.append([None, None, None, "发现", "整改", "其中党员发现", "党员", "非党员", "伤人", "非伤人", None])
    sheet.append([MONTH, UNIT, 147, 9, 9, 3, 0, 1, 0, 1, 30])
    for cells in ("A1:K1", "A2:A3", "B2:B3", "C2:C3", "D2:F2", "G2:H2", "I2:J2", "K2:K3"):
        sheet.merge_cells(cells)
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _accidents_on_overview(page) -> str:
    browser.go_to(page, text.PAGE_OVERVIEW, text.BRANCH_TABLE_TITLE.split("{")[0])
    return browser.metric_value(page, text.ACCIDENTS)


def _branch_marks(page) -> list[str]:
    browser.go_to(page, text.PAGE_SAFETY, text.PAGE_SAFETY)
    title = text.SAFETY_QUADRANT_TITLE.split("{month}")[1][:6]
    return [label for label in browser.chart_marks(page, title) if BRANCH in label]


def test_the_admin_imports_the_safety_workbook_and_the_quadrant_and_overview_change(page, dashboard):
    browser.log_in(page, dashboard.base_url, "admin", DEMO_PASSWORD)
    before = _accidents_on_overview(page)
    marks = _branch_marks(page)
    assert len(marks) == 1 and "事故" not in marks[0].replace("无事故", "")

    browser.go_to(page, text.PAGE_SAFETY_ENTRY, text.SAFETY_TABS[0])
    page.get_by_role("tab", name=text.SAFETY_TABS[2]).first.click()
    browser.settle(page)
    page.locator("input[type='file']").set_input_files(
        files=[{"name": "安监月报.xlsx", "mimeType": XLSX, "buffer": _safety_workbook()}]
    )
    page.get_by_text("安监月报.xlsx").first.wait_for()
    browser.settle(page)
    # Not the template's layout: the sheet's columns are matched and shown for checking, then confirmed
    page.get_by_role("button", name=text.IMPORT_RUN_CONFIRMED).or_(
        page.get_by_role("button", name=text.IMPORT_RUN, exact=True)
    ).first.click()
    browser.settle(page)
    page.get_by_text(text.IMPORT_DONE).or_(
        page.locator("[data-testid='stAlertContentError']")
    ).first.wait_for()
    assert browser.errors(page) == []
    recorded = demo.query(
        dashboard,
        "SELECT other_accidents, violations_others FROM safetyrecord s JOIN organisation o"
        " ON o.id = s.branch_id WHERE o.name = ? AND s.month = ?",
        BRANCH,
        MONTH,
    )
    assert recorded == [(1, 1)]

    marks = _branch_marks(page)
    assert len(marks) == 1 and "事故" in marks[0].replace("无事故", "")
    assert before == "0 起"
    assert _accidents_on_overview(page) == "1 起"
