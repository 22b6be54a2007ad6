"""The first-run guide's four steps: what an empty database, a half-set-up one and the hand-made one miss."""

from datetime import date

import pytest
from sqlmodel import Session

from data_layer import auth, orgs, setup
from data_layer.errors import Refused
from data_layer.models import Member
from data_layer.vocab import MemberCategory, OrgKind, Role
from tests.actors import actor


@pytest.fixture(autouse=True)
def april_2026(monkeypatch):
    monkeypatch.setenv("DASHBOARD_TODAY", "2026-04-20")


def missing(status: setup.FirstRun) -> list[tuple[str, ...]]:
    return [step.missing for step in status.steps]


def test_an_empty_database_misses_everything(empty_engine):
    with Session(empty_engine) as session:
        status = setup.first_run_status(session=session, actor=auth.CLI_ACTOR)

    assert status.year == 2026
    assert [(step.number, step.title) for step in status.steps] == [
        (1, "组织架构"),
        (2, "党员与账号"),
        (3, "任务与预算"),
        (4, "第一个月"),
    ]
    assert missing(status) == [
        ("还没有党委", "还没有党支部"),
        ("还没有党员", "还没有党委领导账号"),
        ("还没有2026年度参数", "还没有2026年度任务", "还没有2026年度经费预算"),
        ("还没有任何月度数据",),
    ]
    assert not any(step.done for step in status.steps)
    assert not status.done
    assert status.steps[2].kinds == ("年度参数", "支出类别", "任务清单", "经费预算")


def half_set_up(session: Session, *, office: bool = True) -> None:
    """某矿党委 with 综采队党支部 (one member, 张三, and its secretary's account) and, with ``office``, an
    empty 机关党支部: steps 1 and 2 of the guide, nothing of 3 and 4."""
    committee = orgs.add_organisation(session=session, name="某矿党委", kind=OrgKind.COMMITTEE)
    first = orgs.add_organisation(session=session, name="综采队党支部", kind=OrgKind.BRANCH, parent=committee)
    if office:
        orgs.add_organisation(session=session, name="机关党支部", kind=OrgKind.BRANCH, parent=committee)
    session.add(
        Member(
            member_no="M1",
            name="张三",
            branch_id=first.id,
            category=MemberCategory.FULL,
            joined_on=date(2010, 7, 1),
        )
    )
    auth.create_user(
        session=session,
        actor=auth.CLI_ACTOR,
        username="sec",
        password="long-enough",
        display_name="书记",
        role=Role.SECRETARY,
        branch_name="综采队党支部",
    )
    session.commit()


def test_an_organisation_with_members_but_no_accounts_or_plan(empty_engine):
    with Session(empty_engine) as session:
        half_set_up(session)
        status = setup.first_run_status(session=session, actor=auth.CLI_ACTOR)

    assert status.steps[0].done
    assert status.steps[1].missing == (
        "机关党支部还没有党员",
        "机关党支部还没有党支部书记账号",
        "还没有党委领导账号",
    )
    assert not status.steps[3].done


def test_the_handmade_organisation_misses_only_a_secretary_for_its_office(session):
    status = setup.first_run_status(session=session, actor=actor(session, "admin"))

    # 已撤销党支部 is inactive and not asked about; 机关 has a member and tasks but no secretary.
    assert missing(status) == [(), ("机关党支部还没有党支部书记账号",), (), ()]
    assert [step.done for step in status.steps] == [True, False, True, True]


def test_the_next_year_without_a_plan(session, monkeypatch):
    monkeypatch.setenv("DASHBOARD_TODAY", "2027-01-05")
    status = setup.first_run_status(session=session, actor=actor(session, "admin"))

    assert status.steps[2].missing == ("还没有2027年度参数", "还没有2027年度任务", "还没有2027年度经费预算")


@pytest.mark.parametrize("username", ["leader", "sec_a"])
def test_only_an_administrator_may_ask(session, username):
    with pytest.raises(Refused) as refusal:
        setup.first_run_status(session=session, actor=actor(session, username))
    assert refusal.value.message == "只有管理员可以进行此操作"
