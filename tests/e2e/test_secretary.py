"""Journey 2 in Chromium: a secretary enters the last month's figures for 综采二队 (not yet submitted in the
demo) and submits; the leader sees the new values in the task chart, the study figures and the budget table,
then returns the month with a comment, which the secretary sees."""

from decimal import Decimal

from playwright.sync_api import expect

from seed import DEMO_PASSWORD
from tests.e2e import browser, demo, reports
from ui import text

BRANCH = "综采二队党支部"
MONTH, LABEL = demo.MONTH, demo.LABEL
TASK = demo.task_code("ZC2", 1)  # 书记讲专题党课, 4 次 in the year
COMMENT = f"请补充{demo.CALENDAR.number}月主题党日的会议记录"


def _enter_month(page, dashboard) -> dict:
    """Progress (the rest of the first task), study and one expense for the demo's last month, typed as the
    secretary would; returns the study row typed into. The page opens on the sidebar's month."""
    browser.go_to(page, text.PAGE_ENTRY, text.SECTION_PROGRESS)
    expect(page.locator("h3").first).to_have_text(f"{BRANCH} {LABEL}：未填报")

    progress = page.locator("[data-testid='stDataFrame']").first
    browser.eventually(page, lambda: (browser.grid_rows(progress) or [{}])[0].get(text.TASK_CODE), TASK)
    task = browser.grid_rows(progress)[0]
    target, done = demo.task_before(dashboard, TASK)
    assert (task[text.TASK_CODE], task[text.TARGET], task[text.DONE_BEFORE]) == (TASK, target, done)
    browser.edit_cell(page, progress, row=0, column=5, value=f"{float(target) - float(done):g}")
    page.locator(".st-key-save-progress button").click()
    page.get_by_text(f"{BRANCH} {LABEL}：草稿").wait_for()
    browser.settle(page)

    page.get_by_role("tab", name=text.SECTION_STUDY).first.click()
    browser.settle(page)
    study = page.locator("[data-testid='stDataFrame']").nth(1)
    browser.eventually(page, lambda: len(browser.grid_rows(study)) > 0, True)
    member = browser.grid_rows(study)[0]
    browser.edit_cell(page, study, row=0, column=2, value="650")
    browser.edit_cell(page, study, row=0, column=3, value="4.5")
    page.locator(".st-key-save-study button").click()
    browser.settle(page)
    assert browser.errors(page) == []
    # issue 23, item 6: the study save says what it saved, as the other sheets do
    line = f"{member[text.MEMBER_NAME]} 积分 650、学时 4.5"
    expect(
        page.locator("[data-testid='stAlert']").filter(has_text="已保存").filter(has_text=line)
    ).to_be_visible(timeout=browser.TIMEOUT_MS)

    page.get_by_role("tab", name=text.SECTION_EXPENSES).first.click()
    browser.settle(page)
    form = page.locator("[data-testid='stForm']").filter(has_text=text.PURPOSE).first
    form.get_by_label(text.AMOUNT).fill("1,234.50")
    form.get_by_label(text.PURPOSE).fill("购买党员学习资料（浏览器测试）")
    form.get_by_label(text.VOUCHER).fill("E2E-001")
    form.get_by_role("button", name=text.ENTRY_SAVE).click()
    browser.settle(page)
    assert browser.errors(page) == []

    def listed():
        return [
            (r[text.AMOUNT], r[text.PURPOSE]) for r in browser.grid_rows(browser.grid(page, "entry-expenses"))
        ]

    typed = ("1234.5", "购买党员学习资料（浏览器测试）")  # kept as typed, full-width brackets too
    assert typed in browser.eventually(page, lambda: [row for row in listed() if row == typed], [typed])

    page.get_by_role("button", name=text.ENTRY_SUBMIT).click()
    page.get_by_text(f"{BRANCH} {LABEL}：已提交").wait_for()
    return member


def test_secretary_enters_and_submits_leader_sees_it_and_returns_it(new_page, dashboard):
    before = reports.monthly_report(dashboard, MONTH)
    secretary = new_page()
    browser.log_in(secretary, dashboard.base_url, "zongcai2", DEMO_PASSWORD)

    # Only their own branch: the overview's branch table has one row, theirs.
    def branches():
        # .get: a grid caught mid-redraw has rows without their header yet; eventually reads it again
        return [
            row.get(text.BRANCH) for row in browser.grid_rows(browser.grid(secretary, "overview-branches"))
        ]

    assert browser.eventually(secretary, branches, [BRANCH]) == [BRANCH]
    member = _enter_month(secretary, dashboard)
    browser.log_out(secretary)

    after = reports.monthly_report(dashboard, MONTH)
    task_rate = reports.by_branch(after["tasks"]["by_branch"], BRANCH)["completion_rate"]
    assert task_rate > reports.by_branch(before["tasks"]["by_branch"], BRANCH)["completion_rate"]

    leader = new_page()
    browser.log_in(leader, dashboard.base_url, "leader", DEMO_PASSWORD, path=f"tasks?month={MONTH}")
    leader.get_by_text(f"任务完成 · {LABEL}").first.wait_for()
    bar = next(mark for mark in browser.chart_marks(leader, "任务完成率") if f"党支部: {BRANCH}" in mark)
    shown = float(bar.removeprefix(f"{text.TASK_COMPLETION}: ").split("%")[0])
    assert round(shown, 1) == round(task_rate * 100, 1)
    browser.choose(leader, text.TASKS_CHOOSE_BRANCH, BRANCH)

    def first_task():
        listed = browser.grid_rows(browser.grid(leader, "tasks-detail"))
        return next(((r[text.DONE], r[text.STATUS]) for r in listed if r.get(text.TASK_CODE) == TASK), None)

    finished = (demo.task_before(dashboard, TASK)[0], "已完成")
    assert browser.eventually(leader, first_task, finished) == finished

    browser.go_to(leader, text.PAGE_STUDY, f"学习进度 · {LABEL}")
    label = f"{member[text.MEMBER_NAME]}（{member[text.MEMBER_NO]}，{BRANCH}）"
    browser.find(leader, text.STUDY_MEMBER, member[text.MEMBER_NO])  # 399 members: more than one list holds
    browser.choose(leader, text.STUDY_MEMBER, label)

    def month_study():
        listed = browser.grid_rows(browser.grid(leader, "study-member"))
        return next(
            ((r[text.STUDY_POINTS], r[text.STUDY_HOURS]) for r in listed if r.get(text.MONTH) == MONTH), None
        )

    assert browser.eventually(leader, month_study, ("650", "4.5")) == ("650", "4.5")

    browser.go_to(leader, text.PAGE_BUDGET, f"经费使用 · {LABEL}")
    spent_before = Decimal(reports.by_branch(before["budget"]["by_branch"], BRANCH)["spent_ytd"])

    def spent():
        """The branch's 已支出 in the table; None while the grid is still drawing its rows."""
        listed = browser.grid_rows(browser.grid(leader, "budget-branches"))
        found = next((r[text.BUDGET_SPENT] for r in listed if r.get(text.BRANCH) == BRANCH), None)
        return None if found is None else Decimal(found)

    assert browser.eventually(leader, spent, spent_before + Decimal("1234.50")) == spent_before + Decimal(
        "1234.50"
    )

    browser.go_to(leader, text.PAGE_REVIEW, text.REVIEW_APPROVE)
    browser.choose(leader, text.REVIEW_CHOOSE, f"{BRANCH} · {LABEL}")
    form = leader.locator("[data-testid='stForm']")
    form.get_by_label(text.REVIEW_COMMENT).fill(COMMENT)
    form.get_by_role("button", name=text.REVIEW_RETURN).click()
    leader.get_by_text("已退回").first.wait_for()
    browser.settle(leader)
    browser.log_out(leader)

    secretary = new_page()
    browser.log_in(secretary, dashboard.base_url, "zongcai2", DEMO_PASSWORD, path="entry")
    secretary.get_by_text(text.ENTRY_RETURNED.format(comment=COMMENT)).wait_for()
