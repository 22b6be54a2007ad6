"""修改记录 of 综采一队's April 2026 after a secretary's edits (hand-made organisation), written for people:
Beijing time, people by name, ids by what they point at."""

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import update
from sqlmodel import Session, select

from data_layer import entry
from data_layer.errors import Refused
from data_layer.models import AuditLog, User
from data_layer.schemas import ExpenseIn, ProgressIn, StudyIn
from tests.actors import actor, org_id

TODAY = date(2026, 4, 20)


@pytest.fixture
def session(fresh_engine):
    with Session(fresh_engine) as session:
        sec_a = actor(session, "sec_a")
        for quantity in ("2", "3"):
            item = ProgressIn(month="2026-04", task_code="A1", quantity=quantity)
            entry.save_progress(session=session, actor=sec_a, item=item, today=TODAY)
        study = StudyIn(month="2026-04", member_no="T001", points=600, hours="4", sessions=1)
        entry.save_study(session=session, actor=sec_a, item=study, today=TODAY)
        spent = ExpenseIn(
            spent_on=date(2026, 4, 3),
            branch="综采一队党支部",
            category="学习教育",
            amount="88",
            purpose="购书",
            voucher_no="V9",
        )
        _, row = entry.save_expense(session=session, actor=sec_a, item=spent)
        entry.delete_expense(session=session, actor=sec_a, expense_id=row.id)
        entry.submit_month(
            session=session, actor=sec_a, branch_id=org_id(session, "综采一队党支部"), month="2026-04"
        )
        session.commit()
        yield session


def changes(session, username="leader"):
    found = entry.month_history(
        session=session,
        actor=actor(session, username),
        branch_id=org_id(session, "综采一队党支部"),
        month="2026-04",
    )
    return found


def test_every_field_change_with_who_and_from_what_to_what(session):
    found = changes(session)
    quantity = found[(found["record"] == "任务 A1 任务A1") & (found["field"] == "quantity")]
    assert quantity[["action", "actor", "before", "after"]].values.tolist() == [
        ["insert", "sec_a", None, "2.00"],
        ["update", "sec_a", "2.00", "3.00"],
    ]
    status = found[(found["record"] == "月度填报状态") & (found["field"] == "status")]
    assert status[["before", "after"]].values.tolist() == [[None, "草稿"], ["草稿", "已提交"]]
    hours = found[(found["record"] == "学习 张三（T001）") & (found["field"] == "hours")]
    assert hours["after"].tolist() == ["4.00"]


def test_a_deleted_expense_stays_in_the_history(session):
    found = changes(session)
    expense = found[found["record"] == "支出 2026-04-03 V9"]
    assert expense["action"].unique().tolist() == ["insert", "delete"]
    deleted = expense[(expense["action"] == "delete") & (expense["field"] == "amount")]
    assert deleted[["before", "after"]].values.tolist() == [["88.00", None]]


def test_other_branches_and_months_are_not_listed(session):
    found = changes(session)
    assert not found["record"].str.contains("B1|欧阳明").any()
    march = entry.month_history(
        session=session,
        actor=actor(session, "leader"),
        branch_id=org_id(session, "综采一队党支部"),
        month="2026-03",
    )
    assert march.empty


def test_a_secretary_reads_only_their_branch_history(session):
    assert len(changes(session, "sec_a")) > 0
    with pytest.raises(Refused, match="无权查看"):
        changes(session, "sec_b")


def test_times_are_beijing_people_by_name_and_ids_by_what_they_point_at(session):
    """Every audit row made at 2026-12-06 21:43 UTC reads 2026-12-07 05:43; sec_a is 王晓明."""
    session.exec(update(AuditLog).values(at=datetime(2026, 12, 6, 21, 43, tzinfo=UTC)))
    session.exec(select(User).where(User.username == "sec_a")).one().display_name = "王晓明"
    session.commit()
    found = changes(session)

    assert set(found["at"]) == {"2026-12-07 05:43"}
    assert set(found["actor"]) == {"王晓明"}
    expense = found[(found["record"] == "支出 2026-04-03 V9") & (found["action"] == "insert")]
    shown = dict(zip(expense["field"], expense["after"], strict=True))
    assert (shown["branch_id"], shown["category_id"], shown["month"]) == (
        "综采一队党支部",
        "学习教育",
        "2026年4月",
    )
    assert (shown["amount"], shown["over_allocation_confirmed"]) == ("88.00", "否")
    study = found[(found["record"] == "学习 张三（T001）") & (found["field"] == "member_id")]
    assert study["after"].tolist() == ["张三（T001）"]
    progress = found[(found["record"] == "任务 A1 任务A1") & (found["field"] == "task_id")]
    assert progress["after"].tolist() == ["A1 任务A1"]
    submitted = found[(found["record"] == "月度填报状态") & (found["field"] == "submitted_at")]
    assert submitted["after"].str.match(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$").all()


def test_two_people_of_one_name_are_told_apart_by_their_login(session):
    for username in ("sec_a", "leader"):
        session.exec(select(User).where(User.username == username)).one().display_name = "王晓明"
    session.commit()
    assert set(changes(session)["actor"]) == {"王晓明（sec_a）"}
