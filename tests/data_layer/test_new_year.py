"""开始新年度 on the hand-made organisation (tests/handmade.py), in a database of its own.

Worked out by hand for 2027, with 上年度职工工资总额 2,100,000.00:
  1 % rule: 21,000.00. Cap: 2 % = 42,000.00.
  Balance carried into 2027 = Σ allocations before 2027 − Σ expenses dated before 2027:
    allocations 2024 30,000 + 20,000, 2026 6,000 + 4,000 + 5,000 + 5,000 = 70,000.00;
    expenses 1,500.50 + 2,499.50 + 1,000 + 3,000 + 500 + 800 + 900 (学习教育, the closed branch's too)
    + 4,000 + 1,500 + 1,200 + 4,500 = 21,400.00 → 48,600.00, over the cap by 6,600.00.
  Budget 21,000 − 6,600 = 14,400.00, split like 2026's 20,000 (× 0.72): 综采一队 学习教育 4,320.00,
  组织活动 2,880.00; 掘进一队 学习教育 3,600.00; 机关 组织活动 3,600.00.
  Tasks: 2026's A1, A2, B1, B2, C1 become 2027-A1 … (their codes have no year in front); D1 of the
  closed 已撤销党支部 is left out; every owner is still an active member of the branch.
"""

from decimal import Decimal

import pandas as pd
import pytest
from sqlmodel import Session, func, select

from data_layer import cli, setup
from data_layer.errors import Refused
from data_layer.models import AuditLog, BudgetAllocation, Goal, Member, Organisation, Task, YearParameter
from data_layer.store import db
from tests.actors import actor

PAYROLL = "2,100,000.00"


@pytest.fixture
def engine(fresh_engine):
    return fresh_engine


def plan(session, **changes):
    wanted = {"year": 2027, "payroll": PAYROLL, **changes}
    return setup.plan_new_year(session=session, actor=actor(session, "admin"), **wanted)


def counts(session: Session, year: int) -> tuple[int, int]:
    tasks = session.exec(select(func.count()).select_from(Task).join(Goal).where(Goal.year == year)).one()
    allocations = session.exec(
        select(func.count()).select_from(BudgetAllocation).where(BudgetAllocation.year == year)
    ).one()
    return tasks, allocations


def test_the_plan_takes_the_carry_forward_over_the_cap_off_the_one_percent(engine):
    with Session(engine) as session:
        planned = plan(session)
    assert (planned.rule_amount, planned.cap) == (Decimal("21000.00"), Decimal("42000.00"))
    assert (planned.balance, planned.reduction, planned.budget) == (
        Decimal("48600.00"),
        Decimal("6600.00"),
        Decimal("14400.00"),
    )
    assert planned.allocations[["branch", "category", "last_year", "amount"]].values.tolist() == [
        ["综采一队党支部", "学习教育", Decimal("6000.00"), Decimal("4320.00")],
        ["综采一队党支部", "组织活动", Decimal("4000.00"), Decimal("2880.00")],
        ["掘进一队党支部", "学习教育", Decimal("5000.00"), Decimal("3600.00")],
        ["机关党支部", "组织活动", Decimal("5000.00"), Decimal("3600.00")],
    ]
    assert planned.tasks[["code", "from_code", "start_month", "due_month"]].values.tolist() == [
        ["2027-A1", "A1", "2027-01", "2027-04"],
        ["2027-A2", "A2", "2027-02", "2027-03"],
        ["2027-B1", "B1", "2027-01", "2027-12"],
        ["2027-B2", "B2", "2027-04", "2027-06"],
        ["2027-C1", "C1", "2027-01", "2027-02"],
    ]
    assert (planned.without_owner, planned.left_out) == (0, 1)
    assert setup.summary(planned)[1] == (
        "截至2026年底结余经费 ¥48,600.00，上限（工资总额 2%）¥42,000.00，超出上限，按规定减少本年度安排 ¥6,600.00"
    )


def test_within_the_cap_the_budget_is_the_one_percent(engine):
    with Session(engine) as session:
        planned = plan(session, payroll="3000000")  # cap 60,000 > 48,600
    assert (planned.reduction, planned.budget) == (Decimal(0), Decimal("30000.00"))
    assert planned.allocations["amount"].sum() == Decimal("30000.00")


def test_starting_writes_the_plan_audited_and_the_year_then_refuses_a_second_start(engine):
    with db.write_scope(engine) as session:
        done = setup.start_new_year(
            session=session, actor=actor(session, "admin"), year=2027, payroll=PAYROLL
        )
    assert (done.tasks, done.allocations, done.goals, done.budget) == (5, 4, 1, Decimal("14400.00"))
    with Session(engine) as session:
        assert counts(session, 2027) == (5, 4)
        assert session.get(YearParameter, 2027).last_year_payroll == Decimal("2100000.00")
        assert session.get(YearParameter, 2027).monthly_points_target == 600  # from 2026
        copied = session.exec(select(Task).where(Task.code == "2027-A1")).one()
        source = session.exec(select(Task).where(Task.code == "A1")).one()
        assert (copied.target_quantity, copied.weight, copied.owner_member_id, copied.branch_id) == (
            source.target_quantity,
            source.weight,
            source.owner_member_id,
            source.branch_id,
        )
        assert session.get(Goal, copied.goal_id).year == 2027
        audited = session.exec(
            select(func.count()).where(
                AuditLog.actor == "admin", AuditLog.table_name.in_(["task", "budgetallocation"])
            )
        ).one()
        assert audited == 9
        with pytest.raises(Refused, match="2027年度已有 5 项任务、4 条预算分配"):
            plan(session)


def test_an_owner_who_left_the_branch_is_not_copied(engine):
    with db.write_scope(engine) as session:
        a2 = session.exec(select(Task).where(Task.code == "A2")).one()
        other = session.exec(select(Organisation).where(Organisation.name == "机关党支部")).one()
        session.get(Member, a2.owner_member_id).branch_id = other.id  # 李四 moved to 机关
    with Session(engine) as session:
        planned = plan(session)
    assert planned.without_owner == 1
    assert pd.isna(planned.tasks.set_index("code").loc["2027-A2", "owner"])
    with db.write_scope(engine) as session:
        setup.start_new_year(session=session, actor=actor(session, "admin"), year=2027, payroll=PAYROLL)
    with Session(engine) as session:
        assert session.exec(select(Task.owner_member_id).where(Task.code == "2027-A2")).one() is None


@pytest.mark.parametrize(
    ("changes", "username", "message"),
    [
        ({"payroll": "十万"}, "admin", "“上年度职工工资总额(元)”：应为数字"),
        ({"payroll": "0"}, "admin", "上年度职工工资总额(元)"),
        ({"from_year": 2027}, "admin", "只能从更早的年度开始新年度"),
        ({"from_year": 2020}, "admin", "2020年度没有可复制的任务和预算"),
        ({}, "sec_a", "只有管理员可以进行此操作"),
    ],
)
def test_refusals_name_the_field_and_write_nothing(engine, changes, username, message):
    with pytest.raises(Refused) as refused, db.write_scope(engine) as session:
        wanted = {"year": 2027, "payroll": PAYROLL, **changes}
        setup.start_new_year(session=session, actor=actor(session, username), **wanted)
    assert message in str(refused.value)
    with Session(engine) as session:
        assert counts(session, 2027) == (0, 0)
        assert session.get(YearParameter, 2027) is None


def test_the_command_line_previews_then_starts_the_year(engine, monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", engine.url.render_as_string(hide_password=False))
    assert cli.main(["start-year", "2027", "--payroll", PAYROLL, "--dry-run"]) == 0
    printed = capsys.readouterr().out
    assert "2027年度预算 ¥14,400.00，按2026年度各党支部、各支出类别的比例分为 4 条" in printed
    assert "（试运行，未写入）" in printed
    with Session(engine) as session:
        assert counts(session, 2027) == (0, 0)

    assert cli.main(["start-year", "2027", "--payroll", PAYROLL]) == 0
    assert "已开始2027年度：年度参数、5 项任务、4 条预算分配" in capsys.readouterr().out
    with Session(engine) as session:
        assert counts(session, 2027) == (5, 4)
    assert cli.main(["start-year", "2027", "--payroll", PAYROLL]) == 1
    assert "错误：“年度”：2027年度已有 5 项任务" in capsys.readouterr().err
