"""Journeys 3 and 4 in Chromium: a secretary's broken workbook is listed problem by problem and writes
nothing, a good one changes the figures; meeting mode turns a slide and masks names when anonymised."""

from io import BytesIO

from openpyxl import Workbook

from data_layer import months, schemas, setup
from data_layer.auth import CLI_ACTOR
from data_layer.store import db
from seed import DEMO_PASSWORD
from tests.e2e import browser, demo, reports
from ui import text

BRANCH = "综采二队党支部"
MONTH, LABEL = demo.MONTH, demo.LABEL
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _workbook(rows: list[list]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "任务进展"
    sheet.append(schemas.HEADERS[schemas.ProgressIn])
    for row in rows:
        sheet.append(row)
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _row_count(dashboard, table: str) -> int:
    return demo.query(dashboard, f"SELECT count(*) FROM {table}")[0][0]


def _upload(page, name: str, data: bytes) -> None:
    page.locator("input[type='file']").set_input_files(
        files=[{"name": name, "mimeType": XLSX, "buffer": data}]
    )
    page.get_by_text(name).first.wait_for()
    browser.settle(page)
    page.get_by_role("button", name=text.IMPORT_RUN, exact=True).click()
    browser.settle(page)


def test_a_broken_workbook_writes_nothing_and_a_good_one_changes_the_figures(page, dashboard):
    browser.log_in(page, dashboard.base_url, "zongcai2", DEMO_PASSWORD, path="entry")
    page.get_by_text(f"{BRANCH} {LABEL}：未填报").wait_for()
    page.get_by_role("tab", name=text.IMPORT_TAB).first.click()
    templates = page.locator("[data-testid='stDownloadButton'] button").filter(has_text="模板")
    templates.first.wait_for()
    for button in templates.all():  # each label whole, not cut to "下载…"
        assert button.evaluate(
            "b => [...b.querySelectorAll('*')].every(e => e.scrollWidth <= e.clientWidth + 1)"
        )
    before = _row_count(dashboard, "taskprogress")

    _upload(
        page,
        "本月进展.xlsx",
        _workbook(
            [
                [MONTH, demo.task_code("ZC2", 1), "两次", ""],
                [f"{demo.YEAR}-13", demo.task_code("ZC2", 2), 1, ""],
            ]
        ),
    )
    page.get_by_text(text.IMPORT_FAILED.format(count=2)).wait_for()
    problems = browser.eventually(
        page, lambda: len(browser.grid_rows(browser.grid(page, "entry-import-problems"))), 2
    )
    assert problems == 2
    listed = browser.grid_rows(browser.grid(page, "entry-import-problems"))
    assert [(row[text.PROBLEM_ROW], row[text.PROBLEM_COLUMN]) for row in listed] == [
        ("2", "本月完成量"),
        ("3", "月份"),
    ]
    assert _row_count(dashboard, "taskprogress") == before
    assert page.get_by_text(f"{BRANCH} {LABEL}：未填报").is_visible()

    rate_before = reports.by_branch(reports.monthly_report(dashboard, MONTH)["tasks"]["by_branch"], BRANCH)
    task = demo.unreported_task(dashboard, BRANCH)
    _upload(page, "本月进展（改好）.xlsx", _workbook([[MONTH, task, 1, "本月完成一次"]]))
    page.get_by_text(text.IMPORT_DONE).first.wait_for()
    assert page.get_by_text("任务进展：新增 1 条，修改 0 条，未变 0 条").first.is_visible()
    assert _row_count(dashboard, "taskprogress") == before + 1
    rate_after = reports.by_branch(reports.monthly_report(dashboard, MONTH)["tasks"]["by_branch"], BRANCH)
    assert rate_after["completion_rate"] > rate_before["completion_rate"]


def _overdue_owner(dashboard) -> tuple[str, str]:
    """A month whose 预警 slide lists an overdue task, and the task's owner. Early in the year no task of the
    demo is past due yet: then an administrator adds one due in the last month with nothing done, and it is
    overdue in the current month."""
    overdue = reports.monthly_report(dashboard, MONTH)["tasks"]["overdue_tasks"]
    if overdue:
        return MONTH, overdue[0]["owner"]
    (member_no, name), *_ = demo.query(
        dashboard,
        "SELECT member.member_no, member.name FROM member JOIN organisation ON organisation.id = member.branch_id "
        "WHERE organisation.name = ? AND member.active ORDER BY member.member_no",
        BRANCH,
    )
    item = schemas.TaskIn.model_validate(
        {
            "code": demo.task_code("ZC2", 99),
            "title": "完成党支部年度工作计划",
            "goal": "推进党支部标准化规范化建设",
            "goal_category": "组织建设",
            "branch": BRANCH,
            "owner_member_no": member_no,
            "unit": "项",
            "target_quantity": 1,
            "weight": 1,
            "start_month": MONTH,
            "due_month": MONTH,
            "mode": "定制",
        }
    )
    with db.write_scope(db.get_engine(dashboard.database_url)) as session:
        setup.save_task(session=session, actor=CLI_ACTOR, item=item)
    return months.shift(MONTH, 1), name


def test_meeting_mode_turns_a_slide_and_masks_names_when_anonymised(new_page, dashboard):
    month, owner = _overdue_owner(dashboard)
    assert len(owner) >= 2

    leader = new_page()
    browser.log_in(leader, dashboard.base_url, "leader", DEMO_PASSWORD, path=f"meeting?month={month}")
    counter = leader.locator(".st-key-meeting-counter")
    counter.get_by_text("1 / 10").wait_for()
    leader.get_by_role("button", name=text.MEETING_PAUSE).click()
    leader.get_by_text(text.MEETING_PAUSED).wait_for()
    leader.get_by_role("button", name=text.MEETING_NEXT).click()
    counter.get_by_text("2 / 10").wait_for()
    leader.get_by_text(text.SLIDE_TASKS).first.wait_for()
    for shown in ("1 / 10", "10 / 10"):
        leader.get_by_role("button", name=text.MEETING_PREVIOUS).click()
        counter.get_by_text(shown).wait_for()
    leader.locator("[data-testid='stTable']").get_by_text(owner, exact=True).first.wait_for()

    visitor_view = new_page()
    browser.log_in(
        visitor_view, dashboard.base_url, "leader", DEMO_PASSWORD, path=f"meeting?month={month}&anon=1"
    )
    counter = visitor_view.locator(".st-key-meeting-counter")
    counter.get_by_text(text.MEETING_ANONYMISED).wait_for()
    visitor_view.get_by_role("button", name=text.MEETING_PAUSE).click()
    visitor_view.get_by_role("button", name=text.MEETING_PREVIOUS).click()
    counter.get_by_text("10 / 10").wait_for()
    table = visitor_view.locator("[data-testid='stTable']")
    table.get_by_text(owner[0] + "*", exact=True).first.wait_for()
    assert table.get_by_text(owner, exact=True).count() == 0
