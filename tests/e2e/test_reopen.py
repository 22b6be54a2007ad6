"""Journey in Chromium: an administrator reopens an approved month, the secretary is told why on 总览,
follows the link to 月度填报, corrects the month and submits it again, the leader approves it, and
修改记录 tells the story in Beijing time with people's names."""

import re

from playwright.sync_api import expect

from data_layer import display
from seed import DEMO_PASSWORD
from tests.e2e import browser, demo
from ui import text

BRANCH = "综采一队党支部"  # 已审核 in the demo's last month
SECRETARY = "zongcai1"
MONTH, LABEL = demo.MONTH, demo.LABEL
REASON = "学习时长录入有误，请更正后重新提交（浏览器测试）"


def test_admin_reopens_secretary_corrects_and_resubmits_leader_approves(new_page, dashboard):
    ((status,),) = demo.query(
        dashboard,
        "SELECT status FROM submission JOIN organisation ON organisation.id = submission.branch_id "
        "WHERE organisation.name = ? AND month = ?",
        BRANCH,
        MONTH,
    )
    assert status == "已审核"

    admin = new_page()
    browser.log_in(admin, dashboard.base_url, "admin", DEMO_PASSWORD)
    browser.go_to(admin, text.PAGE_BOARD, text.REOPEN_TITLE)
    browser.choose(admin, text.REOPEN_BRANCH.format(month=LABEL), f"{BRANCH}（已审核）")
    admin.get_by_label(re.compile("重新打开的原因")).fill(REASON)
    admin.get_by_role("button", name=text.REOPEN_BUTTON).click()
    # Reopened, as the administrator is told, on the month she chose (the sidebar's month once jumped to
    # the newest under this click, and the reopen silently did not happen: ui/components.remembered_choice).
    done = text.REOPEN_DONE.format(branch=BRANCH, month=LABEL, reason=REASON)
    expect(admin.get_by_text(done)).to_be_visible()
    expect(admin.get_by_role("heading", name=f"{text.PAGE_BOARD} · {LABEL}")).to_be_visible()
    expect(admin.locator("[data-testid='stMain']")).not_to_contain_text(f"{BRANCH}（已审核）")

    secretary = new_page()
    browser.log_in(secretary, dashboard.base_url, SECRETARY, DEMO_PASSWORD)
    told = text.TODO_RETURNED.format(month=LABEL, comment=f"管理员重新打开：{REASON}")
    expect(secretary.get_by_text(told)).to_be_visible()
    secretary.get_by_role("link", name=text.TODO_GO).click()
    expect(secretary.get_by_role("heading", name=f"{BRANCH} {LABEL}：已退回")).to_be_visible()

    secretary.get_by_role("tab", name=text.SECTION_EXPENSES).first.click()
    form = secretary.locator("[data-testid='stForm']").filter(has_text=text.PURPOSE).first
    form.get_by_label(text.AMOUNT).fill("300")
    form.get_by_label(text.PURPOSE).fill("补记：购买学习资料（浏览器测试）")
    form.get_by_label(text.VOUCHER).fill("E2E-REOPEN-1")
    form.get_by_role("button", name=text.ENTRY_SAVE).click()
    expect(secretary.get_by_text("补记：购买学习资料（浏览器测试）").first).to_be_visible()
    secretary.get_by_role("button", name=text.ENTRY_SUBMIT).click()
    expect(secretary.get_by_role("heading", name=f"{BRANCH} {LABEL}：已提交")).to_be_visible()

    leader = new_page()
    browser.log_in(leader, dashboard.base_url, "leader", DEMO_PASSWORD)
    browser.go_to(leader, text.PAGE_REVIEW, text.REVIEW_CHOOSE)
    browser.choose(leader, text.REVIEW_CHOOSE, f"{BRANCH} · {LABEL}")
    leader.get_by_role("button", name=text.REVIEW_APPROVE).click()
    expect(leader.get_by_text(text.REVIEW_APPROVED.format(branch=BRANCH, month=LABEL))).to_be_visible()

    ((status,),) = demo.query(
        dashboard,
        "SELECT status FROM submission JOIN organisation ON organisation.id = submission.branch_id "
        "WHERE organisation.name = ? AND month = ?",
        BRANCH,
        MONTH,
    )
    assert status == "已审核"

    # 修改记录, as the secretary reads it: who (by name) did what, when (Beijing time), in order.
    browser.go_to(secretary, text.PAGE_HISTORY, text.HISTORY_RECORD)
    browser.choose(secretary, text.HISTORY_RECORD, "月度填报状态")  # the month's own record, not its figures
    history = browser.grid(secretary, "history")
    expect(history).to_contain_text(text.ACTION_LABELS["approve"])
    steps = [  # a step changes several fields, a row each: each step once, in order
        (row[text.HISTORY_AT], row[text.HISTORY_ACTOR], row[text.HISTORY_ACTION])
        for row in browser.grid_rows(history)
        if row[text.HISTORY_ACTION] in {text.ACTION_LABELS[key] for key in ("reopen", "submit", "approve")}
    ]
    logged = demo.query(
        dashboard,
        "SELECT at, action FROM auditlog WHERE table_name = 'submission' AND action IN ('reopen', 'submit', "
        "'approve') ORDER BY id DESC LIMIT 3",
    )
    at = {action: display.time_label(moment) for moment, action in logged}
    expected = [
        (at["reopen"], "系统管理员", text.ACTION_LABELS["reopen"]),
        (at["submit"], "综采一队党支部书记 张伟", text.ACTION_LABELS["submit"]),
        (at["approve"], "党委书记 王建国", text.ACTION_LABELS["approve"]),
    ]
    assert [step for step in dict.fromkeys(steps) if step in expected] == expected
    assert all(not when.endswith("Z") and "T" not in when for when, _, _ in steps)  # no ISO, no UTC
