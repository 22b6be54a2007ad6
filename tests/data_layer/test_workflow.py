"""A branch's month: submit, approve or return, the lock, and an admin's reopening."""

from datetime import date

import pytest
from sqlmodel import select

from data_layer import entry
from data_layer.errors import Refused
from data_layer.models import AuditLog
from tests.actors import actor, org_id

MONTH = "2026-04"


@pytest.fixture
def session(fresh_session):
    return fresh_session


def test_submit_approve_and_the_lock(session):
    a = org_id(session, "综采一队党支部")
    assert entry.month_state(session=session, branch_id=a, month=MONTH).status == "未填报"

    state = entry.submit_month(session=session, actor=actor(session, "sec_a"), branch_id=a, month=MONTH)
    assert (state.status, state.submitted_by, state.locked) == ("已提交", "sec_a", True)
    with pytest.raises(Refused, match="综采一队党支部2026年4月的填报已提交，已锁定，不能修改"):
        entry.require_open(session=session, branch=state_branch(session, a), month=MONTH)

    state = entry.review_month(
        session=session, actor=actor(session, "leader"), branch_id=a, month=MONTH, approve=True
    )
    assert (state.status, state.reviewed_by) == ("已审核", "leader")
    actions = session.exec(select(AuditLog.action).where(AuditLog.table_name == "submission")).all()
    assert actions == ["draft", "submit", "approve"]


def state_branch(session, branch_id):
    from data_layer.models import Organisation

    return session.get(Organisation, branch_id)


def test_a_returned_month_opens_again_with_the_comment(session):
    a = org_id(session, "综采一队党支部")
    entry.submit_month(session=session, actor=actor(session, "sec_a"), branch_id=a, month=MONTH)
    with pytest.raises(Refused, match="退回时请写明需要修改的内容"):
        entry.review_month(
            session=session, actor=actor(session, "leader"), branch_id=a, month=MONTH, approve=False
        )

    state = entry.review_month(
        session=session,
        actor=actor(session, "leader"),
        branch_id=a,
        month=MONTH,
        approve=False,
        comment="学时有误",
    )
    assert (state.status, state.comment, state.locked) == ("已退回", "学时有误", False)
    entry.require_open(session=session, branch=state_branch(session, a), month=MONTH)
    assert entry.submit_month(session=session, actor=actor(session, "sec_a"), branch_id=a, month=MONTH).locked


@pytest.mark.parametrize(
    "username, message",
    [("sec_b", "无权填报或修改综采一队党支部的数据"), ("leader", "无权填报或修改综采一队党支部的数据")],
)
def test_only_the_branch_secretary_or_an_admin_submits(session, username, message):
    with pytest.raises(Refused, match=message):
        entry.submit_month(
            session=session,
            actor=actor(session, username),
            branch_id=org_id(session, "综采一队党支部"),
            month=MONTH,
        )


def test_only_leaders_review_and_only_submitted_months(session):
    a = org_id(session, "综采一队党支部")
    with pytest.raises(Refused, match="只能审核已提交的填报"):
        entry.review_month(
            session=session, actor=actor(session, "leader"), branch_id=a, month=MONTH, approve=True
        )
    entry.submit_month(session=session, actor=actor(session, "sec_a"), branch_id=a, month=MONTH)
    with pytest.raises(Refused, match="只有党委领导可以审核"):
        entry.review_month(
            session=session, actor=actor(session, "sec_a"), branch_id=a, month=MONTH, approve=True
        )


def test_admin_reopens_an_approved_month_with_a_reason(session):
    a = org_id(session, "综采一队党支部")
    entry.submit_month(session=session, actor=actor(session, "sec_a"), branch_id=a, month=MONTH)
    entry.review_month(
        session=session, actor=actor(session, "leader"), branch_id=a, month=MONTH, approve=True
    )
    with pytest.raises(Refused, match="请写明重新打开的原因"):
        entry.reopen_month(
            session=session, actor=actor(session, "admin"), branch_id=a, month=MONTH, reason=" "
        )
    with pytest.raises(Refused, match="只有管理员"):
        entry.reopen_month(
            session=session, actor=actor(session, "leader"), branch_id=a, month=MONTH, reason="x"
        )

    state = entry.reopen_month(
        session=session, actor=actor(session, "admin"), branch_id=a, month=MONTH, reason="补录支出"
    )
    assert (state.status, state.comment, state.locked) == ("已退回", "管理员重新打开：补录支出", False)
    row = session.exec(select(AuditLog).where(AuditLog.action == "reopen")).one()
    assert "补录支出" in row.after and row.actor == "admin"


def test_a_stale_status_change_is_refused(session):
    a = org_id(session, "综采一队党支部")
    state = entry.submit_month(session=session, actor=actor(session, "sec_a"), branch_id=a, month=MONTH)
    entry.review_month(
        session=session,
        actor=actor(session, "leader"),
        branch_id=a,
        month=MONTH,
        approve=False,
        comment="改",
        expected_version=state.version,
    )
    with pytest.raises(Refused, match="已被他人更改"):
        entry.submit_month(
            session=session,
            actor=actor(session, "sec_a"),
            branch_id=a,
            month=MONTH,
            expected_version=state.version,
        )


def test_pending_reviews_are_the_submitted_months_in_scope(session):
    a, b = org_id(session, "综采一队党支部"), org_id(session, "掘进一队党支部")
    entry.submit_month(session=session, actor=actor(session, "sec_a"), branch_id=a, month=MONTH)
    pending = entry.pending_reviews(session=session, actor=actor(session, "leader"))
    # The fixture's 掘进一队 2026-03 is 已提交 too; oldest first.
    assert [(p.branch, p.month) for p in pending] == [
        ("掘进一队党支部", "2026-03"),
        ("综采一队党支部", MONTH),
    ]
    assert [p.branch_id for p in entry.pending_reviews(session=session, actor=actor(session, "sec_b"))] == [b]


# The month a secretary should work on (hand-made: 2026-02 综采一队 已审核, 掘进一队 已退回;
# 2026-03 综采一队 已审核, 掘进一队 已提交, 机关 草稿; nothing from 2026-04 on).


def _needing(session, username, branch, today):
    state = entry.month_needing_action(
        session=session, actor=actor(session, username), branch_id=org_id(session, branch), today=today
    )
    return None if state is None else (state.month, state.status)


def test_a_returned_month_comes_first_even_when_a_later_one_is_submitted(session):
    assert _needing(session, "sec_b", "掘进一队党支部", date(2026, 4, 3)) == ("2026-02", "已退回")


def test_else_the_oldest_month_of_the_year_not_yet_submitted(session):
    # 机关: 2026-02 has no submission (未填报) — the year's reporting began in 2026-02 — then 2026-03 草稿.
    assert _needing(session, "admin", "机关党支部", date(2026, 4, 3)) == ("2026-02", "未填报")
    # 综采一队: both months 已审核; in April nothing is due, in May April is (未填报).
    assert _needing(session, "sec_a", "综采一队党支部", date(2026, 4, 3)) is None
    assert _needing(session, "sec_a", "综采一队党支部", date(2026, 5, 2)) == ("2026-04", "未填报")


def test_a_reopened_month_needs_action_again(session):
    a = org_id(session, "综采一队党支部")
    entry.reopen_month(
        session=session, actor=actor(session, "admin"), branch_id=a, month="2026-03", reason="学时有误"
    )
    assert _needing(session, "sec_a", "综采一队党支部", date(2026, 4, 3)) == ("2026-03", "已退回")


def test_another_branch_s_month_is_not_told(session):
    with pytest.raises(Refused, match="无权查看其他党支部的数据"):
        _needing(session, "sec_a", "掘进一队党支部", date(2026, 4, 3))
