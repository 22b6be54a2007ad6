"""月度填报 as a secretary and an administrator: forms, the month lock, and 提交审核."""

from sqlmodel import select

from data_layer.models import Expense, Meeting, Submission
from tests.actors import org_id
from tests.pages.apptest import app_as, table


def open_entry(session, username, month="2026-04", branch=None):
    at = app_as(session, username)
    at.switch_page("app_pages/entry.py")
    at.run()
    at.selectbox(key="entry_month").set_value(month)
    if branch:
        at.selectbox(key="entry_branch").set_value(org_id(session, branch))
    return at.run()


def fill_expense(at, amount, purpose="购买学习资料", voucher="PZ-0401"):
    inputs = {ti.label: ti for ti in at.text_input}
    inputs["金额(元)"].input(amount)
    inputs["事由"].input(purpose)
    inputs["凭证号"].input(voucher)
    at.button(key="FormSubmitter:expense-form-保存").click()
    return at.run()


def test_secretary_sees_their_branch_month_and_allocation_left(writable):
    at = open_entry(writable, "sec_a")

    assert not at.exception
    assert at.subheader[0].value == "综采一队党支部 2026年4月：未填报"
    assert len(at.selectbox(key="entry_month").options) > 12
    left = table(at, "entry-allocation").set_index("category")
    assert left.loc["学习教育", "remaining"] == 2000.0


def test_the_page_fills_the_sidebar_month_and_follows_it_when_it_changes(writable):
    at = app_as(writable, "sec_a")
    at.switch_page("app_pages/entry.py")
    at.run()
    # The hand-made figures end in 2026-06 (an expense): the sidebar opens there, and so does 月度填报.
    assert at.selectbox(key="month").value == at.selectbox(key="entry_month").value == "2026-06"
    at.selectbox(key="entry_month").set_value("2026-02")
    at.run()
    assert at.subheader[0].value == "综采一队党支部 2026年2月：已审核"  # a month chosen on the page holds
    at.selectbox(key="month").set_value("2026-03")
    at.run()
    assert at.selectbox(key="entry_month").value == "2026-03"  # until the sidebar's month changes
    assert at.subheader[0].value == "综采一队党支部 2026年3月：已审核"


def test_an_expense_over_the_allocation_is_refused_then_saved_when_confirmed(writable):
    at = fill_expense(open_entry(writable, "sec_a"), "2500")
    assert at.error[0].value.startswith("“金额(元)”：超出“学习教育”剩余预算 ¥2,000.00")
    assert {ti.label: ti.value for ti in at.text_input}["金额(元)"] == "2500"  # what was typed is kept
    writable.expire_all()
    assert writable.exec(select(Expense).where(Expense.voucher_no == "PZ-0401")).first() is None

    at.checkbox[0].check()
    at = fill_expense(at, "2500")
    assert at.success[0].value.startswith("已登记支出：")
    assert "¥2,500.00" in at.success[0].value
    listed = table(at, "entry-expenses").set_index("voucher_no")
    assert listed.loc["PZ-0401", "over_flag"] == "▲ 超预算"
    writable.expire_all()
    saved = writable.exec(select(Expense).where(Expense.voucher_no == "PZ-0401")).one()
    assert (saved.over_allocation_confirmed, str(saved.amount)) == (True, "2500.00")
    assert at.subheader[0].value == "综采一队党支部 2026年4月：草稿"


def test_bad_money_gets_a_chinese_message_naming_the_field(writable):
    at = fill_expense(open_entry(writable, "sec_a"), "12.345")
    assert at.error[0].value == "“金额(元)”：金额最多两位小数，例如 1234.50"


def test_a_meeting_is_recorded(writable):
    at = open_entry(writable, "sec_a")
    topic = at.text_input(key="meeting-form-topic")
    topic.input("学习贯彻全会精神")
    next(box for box in at.selectbox if box.label == "会议类型").set_value("支委会")
    at.button(key="FormSubmitter:meeting-form-保存").click()
    at.run()

    assert at.success[0].value.startswith("已新增会议：")
    assert at.success[0].value.endswith(" 支委会“学习贯彻全会精神”（实到 10/10 人）")
    writable.expire_all()
    assert writable.exec(select(Meeting.topic).where(Meeting.topic == "学习贯彻全会精神")).one()


def test_submitting_locks_the_month(writable):
    at = open_entry(writable, "sec_a")
    next(b for b in at.button if b.label == "提交审核").click()
    at.run()

    assert at.success[0].value == "已提交 综采一队党支部 2026年4月 的填报，等待党委审核；提交后本月锁定。"
    assert at.subheader[0].value == "综采一队党支部 2026年4月：已提交"
    assert "已锁定" in at.info[0].value
    writable.expire_all()
    assert writable.exec(select(Submission.status).where(Submission.month == "2026-04")).one() == "已提交"


def test_an_approved_month_is_locked(writable):
    at = open_entry(writable, "sec_a", month="2026-03")
    assert at.subheader[0].value == "综采一队党支部 2026年3月：已审核"
    assert next(b for b in at.button if b.label == "提交审核").disabled


def test_admin_chooses_the_branch(writable):
    at = open_entry(writable, "admin", branch="机关党支部")
    assert at.subheader[0].value == "机关党支部 2026年4月：未填报"


def test_leader_has_no_entry_page(session, database_url):
    """Off the menu; its URL answers with the refusal."""
    at = app_as(session, "leader")
    at.switch_page("app_pages/entry.py")
    at.run()
    assert [error.value for error in at.error] == ["您的账号无权查看此页面。"]
    assert len(at.button) == 1  # 退出登录 only


def test_a_secretary_claims_an_open_task_for_a_member(writable):
    from data_layer.models import Member, Task

    a1 = writable.exec(select(Task).where(Task.code == "A1")).one()
    a1.owner_member_id = None  # an open task of the year
    writable.add(a1)
    writable.commit()
    at = open_entry(writable, "sec_a")
    assert not at.exception, at.exception
    assert "可领办任务（1 项）" in [exp.label for exp in at.expander]
    next(box for box in at.selectbox if box.label == "责任人").set_value("T002")
    at.button(key="FormSubmitter:claim-task-领办").click()
    at.run()

    assert at.success[0].value == "已领办：A1 由 李四 负责"
    writable.expire_all()
    task = writable.exec(select(Task).where(Task.code == "A1")).one()
    owner = writable.get(Member, task.owner_member_id)
    assert (owner.name, task.mode) == ("李四", "领办")
