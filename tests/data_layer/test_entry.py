"""Monthly entry on the hand-made organisation, in a database of its own per test (both databases).

The fixture's 综采一队 2026-03 is 已审核 (locked) and 掘进一队 2026-03 已提交 (locked); April is open.
"""

from datetime import date
from decimal import Decimal

import pytest
from sqlmodel import select

from data_layer import entry, metrics
from data_layer.errors import Refused
from data_layer.models import AuditLog, Expense, StudyRecord, TaskProgress
from data_layer.schemas import ExpenseIn, ProgressIn, StudyIn
from data_layer.store import writes
from tests.actors import actor, org_id
from tests.data_layer.test_excel_import import run_import, workbook

TODAY = date(2026, 4, 20)


@pytest.fixture
def session(fresh_session):
    return fresh_session


def progress(code, quantity, month="2026-04", note=None):
    return ProgressIn(month=month, task_code=code, quantity=quantity, note=note)


def test_a_secretary_saves_progress_and_the_overview_shows_it(session):
    sec_a = actor(session, "sec_a")
    outcome, row = entry.save_progress(
        session=session, actor=sec_a, item=progress("A1", "2", note="完成"), today=TODAY
    )
    session.commit()

    assert outcome == writes.INSERTED
    assert (row.quantity, row.note, row.version) == (Decimal("2"), "完成", 1)
    state = entry.month_state(session=session, branch_id=org_id(session, "综采一队党支部"), month="2026-04")
    assert state.status == "草稿"
    rows = metrics.overview(session=session, actor=sec_a, month="2026-04").branches
    # A1 now 10 of 10 → 1.0 (weight 2); A2 4 of 4 → 1.0; plan at April: A1 4/4, A2 done.
    assert rows.loc[0, "completion_rate"] == pytest.approx(1.0)


def test_saving_the_same_again_writes_nothing_and_a_change_is_audited(session):
    sec_a = actor(session, "sec_a")
    entry.save_progress(session=session, actor=sec_a, item=progress("A1", 2), today=TODAY)
    assert (
        entry.save_progress(session=session, actor=sec_a, item=progress("A1", "2.00"), today=TODAY)[0]
        == "unchanged"
    )
    outcome, row = entry.save_progress(session=session, actor=sec_a, item=progress("A1", 3), today=TODAY)
    assert (outcome, row.version) == ("updated", 2)
    audits = session.exec(select(AuditLog).where(AuditLog.table_name == "taskprogress")).all()
    assert [a.action for a in audits] == ["insert", "update"]
    assert '"quantity": "2.00"' in audits[1].before and '"quantity": "3.00"' in audits[1].after


@pytest.mark.parametrize(
    "username, code, month, message",
    [
        ("sec_a", "B1", "2026-04", "无权填报或修改掘进一队党支部的数据"),
        ("leader", "A1", "2026-04", "无权填报或修改综采一队党支部的数据"),
        ("sec_a", "A1", "2026-03", "综采一队党支部2026年3月的填报已审核，已锁定，不能修改"),
        ("admin", "B1", "2026-03", "掘进一队党支部2026年3月的填报已提交，已锁定，不能修改"),
        ("sec_a", "A1", "2026-05", "不能填报未来的月份（当前为 2026-04）"),
        ("sec_b", "B2", "2026-03", "已锁定"),
        ("sec_a", "ZZ9", "2026-04", "找不到任务“ZZ9”"),
    ],
)
def test_refusals_write_nothing(session, username, code, month, message):
    before = len(session.exec(select(TaskProgress)).all())
    with pytest.raises(Refused, match=message):
        entry.save_progress(
            session=session, actor=actor(session, username), item=progress(code, 1, month), today=TODAY
        )
    session.rollback()
    assert len(session.exec(select(TaskProgress)).all()) == before


def test_progress_before_a_task_starts_is_refused(session):
    admin = actor(session, "admin")
    entry.reopen_month(
        session=session,
        actor=admin,
        branch_id=org_id(session, "掘进一队党支部"),
        month="2026-03",
        reason="补录",
    )
    with pytest.raises(Refused, match="执行期为 2026-04 起"):
        entry.save_progress(session=session, actor=admin, item=progress("B2", 1, "2026-03"), today=TODAY)


def test_a_stale_save_is_refused_naming_who_changed_it(session):
    sec_a, admin = actor(session, "sec_a"), actor(session, "admin")
    _, row = entry.save_progress(session=session, actor=sec_a, item=progress("A1", 1), today=TODAY)
    loaded = row.version
    entry.save_progress(
        session=session, actor=admin, item=progress("A1", 2), expected_version=loaded, today=TODAY
    )
    with pytest.raises(
        Refused, match=r"任务A1的2026-04进度已被 admin 于 .* 修改，请刷新后重新填写；本次未保存"
    ):
        entry.save_progress(
            session=session, actor=sec_a, item=progress("A1", 5), expected_version=loaded, today=TODAY
        )


def study(no, points=600, hours="4.5", sessions=2, name=None, month="2026-04"):
    return StudyIn(month=month, member_no=no, name=name, points=points, hours=hours, sessions=sessions)


def test_study_saves_and_checks_name_and_joining(session):
    sec_a = actor(session, "sec_a")
    outcome, row = entry.save_study(
        session=session, actor=sec_a, item=study("T001", name="张三"), today=TODAY
    )
    assert (outcome, row.points, row.hours) == ("inserted", 600, Decimal("4.5"))
    with pytest.raises(Refused, match="党员编号 T002 对应的是“李四”，与填写的“张三”不一致"):
        entry.save_study(session=session, actor=sec_a, item=study("T002", name="张三"), today=TODAY)
    with pytest.raises(Refused, match="赵六于 2026-04-10 入党，不能填报此前月份"):
        entry.save_study(
            session=session, actor=actor(session, "admin"), item=study("T004", month="2026-01"), today=TODAY
        )
    with pytest.raises(Refused, match="无权填报或修改掘进一队党支部的数据"):
        entry.save_study(session=session, actor=sec_a, item=study("T005"), today=TODAY)
    assert (
        session.exec(select(StudyRecord).where(StudyRecord.month == "2026-04")).one().member_id
        == row.member_id
    )


def expense(amount, voucher="PZ-1", day=date(2026, 4, 8), category="学习教育", branch="综采一队党支部"):
    return ExpenseIn(
        spent_on=day, branch=branch, category=category, amount=amount, purpose="购书", voucher_no=voucher
    )


def test_a_new_expense_with_a_voucher_in_use_is_refused_naming_that_expense(session):
    """Issue 23, item 2: the fixture's 综采一队 spent 1,200.00 on 2026-04-20 under PZ-2026-041; a new
    expense typed with that 凭证号 is refused and the first one is kept as it was."""
    sec_a = actor(session, "sec_a")
    typed = expense("300", voucher="PZ-2026-041", day=date(2026, 4, 9))
    with pytest.raises(Refused) as refusal:
        entry.save_expense(session=session, actor=sec_a, item=typed)
    assert refusal.value.message == (
        "凭证号“PZ-2026-041”已用于 2026-04-20 ¥1,200.00（开展主题党日活动）的支出；本次未保存。"
        "若是另一笔支出，请核对凭证号"
    )
    assert refusal.value.field == "凭证号"
    kept = session.exec(select(Expense).where(Expense.voucher_no == "PZ-2026-041")).all()
    assert [(e.spent_on, e.amount, e.purpose, e.version) for e in kept] == [
        (date(2026, 4, 20), Decimal("1200.00"), "开展主题党日活动", 1)
    ]
    # another 党支部 may use the same number: 凭证号 are kept per 党支部
    outcome, row = entry.save_expense(
        session=session,
        actor=actor(session, "sec_b"),
        item=expense("300", voucher="PZ-2026-041", branch="掘进一队党支部"),
    )
    assert (outcome, row.amount) == ("inserted", Decimal("300.00"))
    # without a 凭证号 two expenses of the same day and amount are two expenses
    for _ in range(2):
        assert (
            entry.save_expense(session=session, actor=sec_a, item=expense("10", voucher=None)).outcome
            == "inserted"
        )


def test_changing_an_expense_is_versioned_and_may_not_take_another_expenses_voucher(session):
    sec_a = actor(session, "sec_a")
    _, first = entry.save_expense(session=session, actor=sec_a, item=expense("100", voucher="PZ-9"))
    outcome, changed = entry.save_expense(
        session=session,
        actor=sec_a,
        item=expense("150", voucher="PZ-9"),
        expense_id=first.id,
        expected_version=1,
    )
    assert (outcome, changed.id, changed.amount, changed.version) == (
        "updated",
        first.id,
        Decimal("150.00"),
        2,
    )
    with pytest.raises(Refused, match=r"凭证PZ-9支出已被 sec_a 于 .* 修改，请刷新后重新填写"):
        entry.save_expense(
            session=session,
            actor=sec_a,
            item=expense("175", voucher="PZ-9"),
            expense_id=first.id,
            expected_version=1,
        )
    with pytest.raises(Refused, match=r"凭证号“PZ-2026-041”已用于 2026-04-20 ¥1,200.00"):
        entry.save_expense(
            session=session,
            actor=sec_a,
            item=expense("150", voucher="PZ-2026-041"),
            expense_id=first.id,
            expected_version=2,
        )
    assert session.get(Expense, first.id).amount == Decimal("150.00")


def test_a_ledger_imported_again_updates_the_expense_with_its_voucher(session):
    sec_a = actor(session, "sec_a")
    outcome, row = entry.save_expense(
        session=session,
        actor=sec_a,
        item=expense("1100", voucher="PZ-2026-041", day=date(2026, 4, 20)),
        by_voucher=True,
    )
    assert (outcome, row.amount, row.version) == ("updated", Decimal("1100.00"), 2)


def test_an_expense_ledger_imported_twice_says_updated_the_second_time(session):
    """The import keeps updating by 凭证号 (修改), and a corrected amount replaces the imported one."""
    ledger = [[date(2026, 4, 8), "综采一队党支部", "学习教育", 100, "购书", "PZ-77"]]
    engine = session.get_bind()
    first = run_import(engine, "sec_a", workbook({"经费支出": ledger}))
    ledger[0][3] = 120
    again = run_import(engine, "sec_a", workbook({"经费支出": ledger}))
    assert (first.saved["经费支出"].inserted, again.saved["经费支出"].updated) == (1, 1)
    session.expire_all()
    stored = session.exec(select(Expense.amount, Expense.version).where(Expense.voucher_no == "PZ-77")).all()
    assert [tuple(row) for row in stored] == [(Decimal("120.00"), 2)]


def test_expense_beyond_the_allocation_needs_confirmation_and_is_flagged(session):
    sec_a = actor(session, "sec_a")
    a = org_id(session, "综采一队党支部")
    # 学习教育 of 综采一队: 6,000 allocated in 2026, 4,000 spent (1,500.50 + 2,499.50) → 2,000 left.
    left = entry.remaining_allocation(session=session, branch_id=a, category_id=1, year=2026)
    assert left == Decimal("2000.00")
    with pytest.raises(Refused, match=r"超出“学习教育”剩余预算 ¥2,000.00"):
        entry.save_expense(session=session, actor=sec_a, item=expense("2000.01"))
    outcome, row = entry.save_expense(
        session=session, actor=sec_a, item=expense("2000.01"), confirm_over_allocation=True
    )
    assert (outcome, row.over_allocation_confirmed, row.month) == ("inserted", True, "2026-04")
    outcome, row = entry.save_expense(
        session=session, actor=sec_a, item=expense("1500"), by_voucher=True
    )  # a ledger imported again: the same voucher updates it
    assert (outcome, row.amount, row.over_allocation_confirmed, row.version) == (
        "updated",
        Decimal("1500"),
        False,
        2,
    )
    entry.delete_expense(session=session, actor=sec_a, expense_id=row.id)
    assert session.exec(select(Expense).where(Expense.voucher_no == "PZ-1")).first() is None
    assert session.exec(select(AuditLog.action).where(AuditLog.table_name == "expense")).all() == [
        "insert",
        "update",
        "delete",
    ]


def test_saving_over_a_row_that_was_deleted_meanwhile_is_refused(session):
    with pytest.raises(Refused, match="已被他人删除"):
        entry.save_progress(
            session=session,
            actor=actor(session, "sec_a"),
            item=progress("A1", 1),
            expected_version=1,
            today=TODAY,
        )
