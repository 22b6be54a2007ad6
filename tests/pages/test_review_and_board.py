"""审核 and 填报进度 per role: a leader approves or returns; a secretary cannot open them."""

from datetime import UTC, datetime

from sqlmodel import select

from data_layer.models import Submission
from tests.actors import org_id
from tests.pages.apptest import app_as, table
from ui import navigation


def open_page(session, username, path):
    at = app_as(session, username)
    at.switch_page(path)
    return at.run()


def test_leader_returns_a_submitted_month_with_a_comment(writable):
    at = open_page(writable, "leader", navigation.script("review"))

    assert at.title[0].value == "审核"
    assert at.subheader[0].value == "等待审核（1 份）"
    assert table(at, "review-progress")["code"].tolist() == ["B1"]  # 掘进一队 2026-03
    at.text_area[0].input("学习时长与台账不一致")
    at.button(key="FormSubmitter:review-form-退回修改").click()
    at.run()

    assert not at.exception
    assert at.success[0].value == "已退回：掘进一队党支部 2026年3月，支部书记将看到审核意见。"
    writable.expire_all()
    row = writable.exec(
        select(Submission).where(
            Submission.branch_id == org_id(writable, "掘进一队党支部"), Submission.month == "2026-03"
        )
    ).one()
    assert (row.status, row.comment) == ("已退回", "学习时长与台账不一致")
    assert at.info[0].value == "没有等待审核的填报。"


def test_the_submission_time_reads_in_beijing_time(writable):
    row = writable.exec(select(Submission).where(Submission.status == "已提交")).one()
    row.submitted_at = datetime(2026, 12, 6, 21, 43, tzinfo=UTC)
    writable.commit()
    at = open_page(writable, "leader", navigation.script("review"))
    assert at.caption[0].value.endswith("于 2026-12-07 05:43 提交")


def test_returning_without_a_comment_is_refused_and_nothing_changes(writable):
    at = open_page(writable, "leader", navigation.script("review"))
    at.button(key="FormSubmitter:review-form-退回修改").click()
    at.run()

    assert at.error[0].value == "“审核意见”：退回时请写明需要修改的内容"
    writable.expire_all()
    statuses = writable.exec(select(Submission.status).where(Submission.month == "2026-03")).all()
    assert sorted(statuses) == ["已审核", "已提交", "草稿"]


def test_admin_approves(writable):
    at = open_page(writable, "admin", navigation.script("review"))
    at.button(key="FormSubmitter:review-form-审核通过").click()
    at.run()
    assert at.success[0].value == "已审核通过：掘进一队党支部 2026年3月，该月已锁定。"


def test_board_shows_statuses_and_whom_to_remind(session, database_url):
    at = open_page(session, "leader", navigation.script("board"))
    at.selectbox(key="month").set_value("2026-03")
    at.run()

    assert at.title[0].value == "填报进度 · 2026年3月"
    assert [(m.label, m.value) for m in at.metric][:4] == [
        ("填报率", "66.7%"),
        ("已审核", "1 个"),
        ("已提交", "1 个"),
        ("草稿", "1 个"),
    ]
    remind = table(at, "board-remind")
    assert remind[remind["month"] == "2026-03"]["branch"].tolist() == ["机关党支部"]


def test_a_secretary_opening_a_leader_page_by_url_is_refused(session, database_url):
    """The pages are off a secretary's menu but still answer their URL, with the refusal."""
    at = app_as(session, "sec_a")
    for path in (navigation.script("review"), navigation.script("board")):
        at.switch_page(path)
        at.run()
        assert [error.value for error in at.error] == ["您的账号无权查看此页面。"]
        assert len(at.metric) == 0 and len(at.dataframe) == 0


def test_the_reviewer_sees_the_months_dues_ideas_and_visits(session, database_url):
    """掘进一队 2026-03 (tests/handmade_lean.py): 欧阳明 120.00 and 孙七 240.00 due, nothing paid; the idea
    proposed in March and the one whose status changed in March; 欧阳明's pairing visited twice."""
    at = open_page(session, "leader", navigation.script("review"))

    dues = table(at, "review-dues")
    assert dues[["member_no", "income", "due", "paid"]].values.tolist() == [
        ["T005", 8000.0, 120.0, 0.0],
        ["T006", 12000.0, 240.0, 0.0],
    ]
    assert sorted(table(at, "review-ideas")["title"]) == ["截割头喷雾改进", "托辊更换专用工具"]
    visits = table(at, "review-visits")
    assert visits[["target", "month_visits"]].values.tolist() == [["退休老党员陈师傅", 2]]


def test_admin_reopens_an_approved_month_from_the_board_and_the_secretary_reads_why(writable):
    """综采一队 2026-03 is 已审核; the administrator reopens it on 填报进度 with a reason; 月度填报 then
    shows the secretary the month 已退回 with that reason, open for changes."""
    at = open_page(writable, "admin", navigation.script("board"))
    at.selectbox(key="month").set_value("2026-03")
    at.run()
    assert at.subheader[-1].value == "重新打开已锁定的月份"
    form = next(box for box in at.selectbox if "已锁定的党支部" in box.label)
    assert form.options == ["综采一队党支部（已审核）", "掘进一队党支部（已提交）"]
    form.set_value(org_id(writable, "综采一队党支部"))
    at.text_area[0].input("3 月学习学时录入有误")
    at.button(key="FormSubmitter:reopen-form-重新打开").click()
    at.run()

    assert not at.exception
    assert at.success[0].value == (
        "已重新打开：综采一队党支部 2026年3月，状态改为已退回；支部书记将看到原因：3 月学习学时录入有误"
    )
    secretary = open_page(writable, "sec_a", navigation.script("entry"))
    secretary.selectbox(key="entry_month").set_value("2026-03")
    secretary.run()
    assert secretary.warning[0].value == "已退回，审核意见：管理员重新打开：3 月学习学时录入有误"


def test_reopening_needs_a_reason(writable):
    at = open_page(writable, "admin", navigation.script("board"))
    at.selectbox(key="month").set_value("2026-03")
    at.run()
    at.button(key="FormSubmitter:reopen-form-重新打开").click()
    at.run()
    assert at.error[0].value == "“原因”：请写明重新打开的原因"
    writable.expire_all()
    statuses = writable.exec(select(Submission.status).where(Submission.month == "2026-03")).all()
    assert sorted(statuses) == ["已审核", "已提交", "草稿"]


def test_a_leader_sees_no_reopen_form(session, database_url):
    at = open_page(session, "leader", navigation.script("board"))
    assert all(sub.value != "重新打开已锁定的月份" for sub in at.subheader)
