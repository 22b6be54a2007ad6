"""Journey 1 in Chromium: the leader's overview equals the monthly report, drills into a lagging branch's
tasks and downloads the Excel 通报; wrong passwords and pages outside a role are refused in the browser."""

import io

import openpyxl
from playwright.sync_api import expect

from seed import DEMO_PASSWORD
from tests.e2e import browser, demo, reports
from ui import format, text


def _task_codes(dashboard, branch: str, year: int) -> set[str]:
    rows = demo.query(
        dashboard,
        "SELECT task.code FROM task JOIN organisation ON organisation.id = task.branch_id "
        "JOIN goal ON goal.id = task.goal_id WHERE organisation.name = ? AND goal.year = ? "
        "AND task.start_month <= ?",
        branch,
        year,
        demo.MONTH,
    )
    return {code for (code,) in rows}


def test_leader_overview_equals_report_drills_down_and_downloads(page, dashboard):
    browser.log_in(page, dashboard.base_url, "leader", DEMO_PASSWORD)
    expect(page.locator("h1").first).to_have_text(f"总览 · {demo.LABEL}")  # the demo's last complete month
    report = reports.monthly_report(dashboard, demo.MONTH)

    figures = report["overview"]
    for label, key in [
        (text.TASK_COMPLETION, "task_completion"),
        (text.STUDY_ON_TRACK, "study_on_track"),
        (text.BUDGET_EXECUTION, "budget_execution"),
        (text.SUBMISSION_RATE, "submission"),
    ]:
        assert browser.metric_value(page, label) == format.percent(figures[key]["value"]), label

    # The most lagging branch of the report is the shortest bar of the ranking, and the drill lists its tasks.
    lagging = min(report["tasks"]["by_branch"], key=lambda row: row["completion_rate"])
    assert lagging["status"] in ("滞后", "严重滞后")  # 严重 once plan progress is far enough into the year
    marks = browser.chart_marks(page, "任务完成率")
    assert any(f"党支部: {lagging['branch']}" in mark and lagging["status"] in mark for mark in marks)

    browser.go_to(page, text.PAGE_TASKS, f"任务完成 · {demo.LABEL}")
    browser.choose(page, text.TASKS_CHOOSE_BRANCH, lagging["branch"])
    codes = _task_codes(dashboard, lagging["branch"], demo.YEAR)
    assert len(codes) >= 5

    def listed():
        return {row["任务编号"] for row in browser.grid_rows(browser.grid(page, "tasks-detail"))}

    assert browser.eventually(page, listed, codes) == codes
    # The table's toolbar offers no CSV of its own (.streamlit/config.toml client.disableDataExport): its
    # CSV had English headers and left a 事由 like "=HYPERLINK(…)" a live formula. 下载 Excel is the export.
    browser.grid(page, "tasks-detail").hover()
    toolbar = page.locator(".st-key-tasks-detail [data-testid='stElementToolbar']")
    expect(toolbar.get_by_role("button").first).to_be_visible()
    expect(toolbar.get_by_role("button", name="Download as CSV")).to_have_count(0)

    browser.go_to(page, text.PAGE_OVERVIEW, f"总览 · {demo.LABEL}")
    page.get_by_role("button", name=text.REPORT_BUILD).click()
    offered = page.locator("[data-testid='stDownloadButton']").filter(
        has_text=text.REPORT_DOWNLOAD.format(kind="Excel")
    )
    with page.expect_download() as arrival:
        offered.click()
    download = arrival.value
    assert download.suggested_filename == f"党建月度通报_{demo.MONTH}.xlsx"
    with open(download.path(), "rb") as arrived:
        workbook = openpyxl.load_workbook(io.BytesIO(arrived.read()))
    cells = [cell for row in workbook.worksheets[0].iter_rows(values_only=True) for cell in row if cell]
    assert any(demo.LABEL in str(cell) for cell in cells)


def test_wrong_password_is_refused(page, dashboard):
    browser.log_in(page, dashboard.base_url, "leader", "not-the-password")
    assert "用户名或密码错误" in browser.alerts(page)[0]
    assert page.get_by_label(text.USERNAME).is_visible()
    assert page.locator("[data-testid='stMetric']:visible").count() == 0  # ui/preload.py's is hidden


def test_secretary_opening_a_leader_page_by_url_is_refused(page, dashboard):
    browser.log_in(page, dashboard.base_url, "zongcai1", DEMO_PASSWORD, path="review")
    page.get_by_text(text.PAGE_REFUSED).wait_for()
    assert page.locator("[data-testid='stDataFrame']").count() == 0
    assert page.locator("[data-testid='stSidebarNav']").get_by_text(text.PAGE_REVIEW, exact=True).count() == 0
