"""月度填报 as a secretary and an administrator: forms, the month lock, and 提交审核."""

from sqlmodel import select

from data_layer.models import Expense, Meeting, Submission
from tests.pages.apptest import app_as, open_entry, table
from ui import navigation, text


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


def test_the_page_fills_the_sidebar_month_and_follows_it_when_it_changes(writable, monkeypatch):
    monkeypatch.setenv(
        "DASHBOARD_TODAY", "2026-07-03"
    )  # 综采一队 has months to fill (not this test's point):
    monkeypatch.setattr("ui.todo_ui.needing_action", lambda context: None)  # the page opens on the sidebar's
    at = app_as(writable, "sec_a")
    at.switch_page(navigation.script("entry"))
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
    captions = [caption.value for caption in at.caption]
    assert text.ENTRY_PROGRESS_HELP not in captions  # no "fill in … then press 保存" on a locked month
    assert text.ENTRY_PROGRESS_HELP in [caption.value for caption in open_entry(writable, "sec_a").caption]


def test_an_admin_is_told_where_to_reopen_a_locked_month(writable):
    at = open_entry(writable, "admin", month="2026-03", branch="综采一队党支部")
    assert (
        at.info[0].value
        == "本月填报已审核，已锁定；如需修改，请在“填报进度”页重新打开（写明原因，记入修改记录）。"
    )


def test_admin_chooses_the_branch(writable):
    at = open_entry(writable, "admin", branch="机关党支部")
    assert at.subheader[0].value == "机关党支部 2026年4月：未填报"


def test_leader_has_no_entry_page(session, database_url):
    """Off the menu; its URL answers with the refusal."""
    at = app_as(session, "leader")
    at.switch_page(navigation.script("entry"))
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


def test_a_secretary_is_led_to_the_month_that_needs_them(writable, monkeypatch):
    """掘进一队's 2026-02 was returned (hand-made): on 2026-04-03 its secretary is told on 总览, with a link
    to 月度填报, and 月度填报 opens on 2026-02, saying 2026-03 is 已提交 (nothing else to do)."""
    monkeypatch.setenv("DASHBOARD_TODAY", "2026-04-03")
    at = app_as(writable, "sec_b")
    assert not at.exception
    assert at.warning[0].value == "2026年2月的填报已退回，请修改后重新提交。意见：—"
    link = at.get("page_link")[0]
    assert (link.proto.label, link.proto.page) == ("去月度填报", "entry")

    at.switch_page(navigation.script("entry"))
    at.run()
    assert at.selectbox(key="entry_month").value == "2026-02"
    assert at.subheader[0].value == "掘进一队党支部 2026年2月：已退回"


def test_a_secretary_with_nothing_due_is_not_told(writable, monkeypatch):
    monkeypatch.setenv("DASHBOARD_TODAY", "2026-04-03")
    at = app_as(writable, "sec_a")  # 综采一队: 2026-02 and 2026-03 已审核
    assert not at.exception
    assert [link.proto.label for link in at.get("page_link") if link.proto.label == "去月度填报"] == []
    assert [w.value for w in at.warning if "填报" in w.value] == []


# --- issue 23: nothing a secretary enters is lost ----------------------------------------------------


def test_a_new_expense_with_a_voucher_in_use_is_refused_naming_it_and_the_form_keeps_it(writable):
    """综采一队 spent 1,200.00 on 2026-04-20 under PZ-2026-041 (the fixture): typing that 凭证号 for a new
    expense is refused, for the secretary and for an administrator entering for the 党支部."""
    for at in (open_entry(writable, "sec_a"), open_entry(writable, "admin", branch="综采一队党支部")):
        at = fill_expense(at, "300", purpose="复印学习资料", voucher="PZ-2026-041")
        assert [e.value for e in at.error] == [
            "“凭证号”：凭证号“PZ-2026-041”已用于 2026-04-20 ¥1,200.00（开展主题党日活动）的支出；本次未保存。"
            "若是另一笔支出，请核对凭证号"
        ]
        assert not at.success
        typed = {ti.label: ti.value for ti in at.text_input}
        assert (typed["金额(元)"], typed["事由"], typed["凭证号"]) == ("300", "复印学习资料", "PZ-2026-041")
    writable.expire_all()
    kept = writable.exec(select(Expense).where(Expense.voucher_no == "PZ-2026-041")).all()
    assert [(str(e.amount), e.purpose, e.version) for e in kept] == [("1200.00", "开展主题党日活动", 1)]


def test_a_saved_expense_empties_the_form_so_a_second_click_records_nothing(writable):
    at = fill_expense(open_entry(writable, "sec_a"), "100", voucher="PZ-0402")
    assert at.success[0].value.startswith("已登记支出：")
    typed = {ti.label: ti.value for ti in at.text_input}
    assert (typed["金额(元)"], typed["事由"], typed["凭证号"]) == ("", "", "")
    at.button(key="FormSubmitter:expense-form-保存").click()  # clicked again: an empty form is refused
    at.run()
    assert at.error[0].value == "“金额(元)”：请填写金额(元)"
    writable.expire_all()
    assert len(writable.exec(select(Expense).where(Expense.voucher_no == "PZ-0402")).all()) == 1


def test_deleting_an_expense_asks_first(writable):
    at = open_entry(writable, "sec_a")
    before = len(writable.exec(select(Expense)).all())
    next(b for b in at.button if b.label == "删除所选支出").click()
    at.run()
    assert len(writable.exec(select(Expense)).all()) == before  # nothing deleted by the first click
    assert any("确定删除这笔支出吗？" in m.value for m in at.markdown)
    at.button(key="delete-expense-no").click()  # 取消: nothing deleted, no question left open
    at.run()
    assert not any("确定删除这笔支出吗？" in m.value for m in at.markdown)
    writable.expire_all()
    assert len(writable.exec(select(Expense)).all()) == before
    next(b for b in at.button if b.label == "删除所选支出").click()
    at.run()
    at.button(key="delete-expense-yes").click()
    at.run()
    assert at.success[0].value == "已删除该支出（修改记录中保留）。"
    writable.expire_all()
    assert len(writable.exec(select(Expense)).all()) == before - 1


def test_a_secretary_is_offered_only_their_branchs_open_tasks(writable):
    """Issue 23, item 20: with A1 (综采一队) and B1 (掘进一队) both open, 综采一队's secretary is offered A1
    only; 掘进一队's secretary B1 only."""
    from data_layer.models import Task

    for code in ("A1", "B1"):
        task = writable.exec(select(Task).where(Task.code == code)).one()
        task.owner_member_id = None
        writable.add(task)
    writable.commit()
    for username, code in (("sec_a", "A1"), ("sec_b", "B1")):
        at = open_entry(writable, username)
        assert "可领办任务（1 项）" in [exp.label for exp in at.expander]
        offered = next(box for box in at.selectbox if box.label == "任务")
        assert offered.options == [f"{code} 任务{code}"]
