"""经费使用 on the hand-made fixture: every figure worked out by hand in tests/handmade.py ("经费使用")."""

from datetime import date
from decimal import Decimal

import pytest

from data_layer.errors import Refused
from data_layer.metrics import budget
from data_layer.vocab import BudgetStatus
from tests.actors import actor, org_id
from tests.handmade import MONTH

NORMAL, FAST, SLOW, OVER = (
    BudgetStatus.NORMAL,
    BudgetStatus.TOO_FAST,
    BudgetStatus.TOO_SLOW,
    BudgetStatus.OVERSPENT,
)
A, B, C = "综采一队党支部", "掘进一队党支部", "机关党支部"
CARRY_ALERT = "结余超限：截至2025年底累计结余 ¥44,000.00，超过上年度职工工资总额 2% 的 ¥40,000.00"


def view(session, month: str = MONTH, username: str = "leader", org_ids: tuple[int, ...] = ()):
    return budget.budget_view(session=session, actor=actor(session, username), month=month, org_ids=org_ids)


def detail(session, branch: str, category: str | None = None, month: str = MONTH, username: str = "leader"):
    category_id = None
    if category:
        categories = view(session, month).by_category
        category_id = int(categories.set_index("category")["category_id"][category])
    return budget.expense_detail(
        session=session,
        actor=actor(session, username),
        month=month,
        branch_id=org_id(session, branch),
        category_id=category_id,
    )


def test_headline_figures_at_m(session):
    figures = view(session)

    assert (figures.allocated, figures.spent_ytd) == (Decimal("20000.00"), Decimal("8000.00"))
    assert isinstance(figures.allocated, Decimal) and isinstance(figures.spent_ytd, Decimal)
    assert figures.execution_rate == pytest.approx(0.4)
    assert figures.time_progress == pytest.approx(0.25)
    assert figures.status == NORMAL  # 0.40 − 0.25 is exactly the 0.15 margin: not yet 偏快
    assert figures.reason is None
    # 2026-02: 1,500.50 + 1,000.00 = 2,500.50 of 20,000 → 12.5025 % → 环比 +27.4975 points.
    assert figures.execution.previous == pytest.approx(0.125025)
    assert figures.execution.change == pytest.approx(0.274975)


def test_branches_in_tree_order_with_the_expense_on_the_last_day_and_not_the_one_after(session):
    branches = view(session).by_branch

    assert branches.columns.tolist() == [
        "branch_id",
        "branch",
        "allocated",
        "spent_ytd",
        "execution_rate",
        "status",
    ]
    assert branches["branch"].tolist() == [A, B, C]
    assert branches["allocated"].tolist() == [Decimal("10000.00"), Decimal("5000.00"), Decimal("5000.00")]
    # 机关: 3,000.00 dated 2026-03-31 counts; 800.00 dated 2026-04-02 and 500.00 dated 2025-12-28 do not.
    assert branches["spent_ytd"].tolist() == [Decimal("4000.00"), Decimal("1000.00"), Decimal("3000.00")]
    assert branches["execution_rate"].tolist() == pytest.approx([0.4, 0.2, 0.6])
    assert branches["status"].tolist() == [NORMAL, NORMAL, FAST]


def test_categories_in_their_order(session):
    categories = view(session).by_category

    assert categories.columns.tolist() == [
        "category_id",
        "category",
        "allocated",
        "spent_ytd",
        "execution_rate",
    ]
    assert categories["category"].tolist() == ["学习教育", "组织活动"]
    assert categories["allocated"].tolist() == [Decimal("11000.00"), Decimal("9000.00")]
    assert categories["spent_ytd"].tolist() == [Decimal("8000.00"), Decimal("0")]
    assert categories["execution_rate"].tolist() == pytest.approx([8 / 11, 0.0])


def test_cumulative_spending_against_the_pacing_line(session):
    cumulative = view(session).cumulative

    assert cumulative["month"].tolist() == ["2026-01", "2026-02", "2026-03"]
    assert cumulative["spent"].tolist() == pytest.approx([1500.50, 1000.00, 5499.50])
    assert cumulative["cumulative"].tolist() == pytest.approx([1500.50, 2500.50, 8000.00])
    assert cumulative["pacing"].tolist() == pytest.approx([20000 / 12, 20000 * 2 / 12, 5000.0])


def test_rule_carry_forward_and_alerts_for_the_whole_tree(session):
    figures = view(session)

    assert (figures.rule.rule_amount, figures.rule.allocated, figures.rule.sufficient) == (
        Decimal("20000.00"),
        Decimal("20000.00"),
        True,
    )
    # 2024: 50,000.00 allocated, 5,500.00 spent; 2025: nothing allocated, 500.00 spent → 44,000.00.
    carried = figures.carry_forward
    assert (carried.year, carried.balance, carried.cap, carried.exceeded) == (
        2026,
        Decimal("44000.00"),
        Decimal("40000.00"),
        True,
    )
    assert figures.alerts == (CARRY_ALERT, "机关党支部：偏快，经费执行率 60.0%，时间进度 25.0%")


def test_a_balance_at_the_cap_is_not_over_it():
    at_cap = budget.CarryForward(year=2026, balance=Decimal("40000.00"), cap=Decimal("40000.00"))
    assert not at_cap.exceeded
    assert budget.CarryForward(year=2026, balance=Decimal("40000.01"), cap=Decimal("40000.00")).exceeded


def test_april_brings_the_second_category_and_too_fast(session):
    figures = view(session, "2026-04")

    # + 800.00 (机关, 2026-04-02) + 1,200.00 (综采一队, 组织活动, 2026-04-20) = 10,000.00 → 50.0 % vs 33.3 %.
    assert figures.spent_ytd == Decimal("10000.00")
    assert figures.execution_rate == pytest.approx(0.5)
    assert figures.execution.previous == pytest.approx(0.4)
    assert figures.status == FAST
    assert figures.by_branch["spent_ytd"].tolist() == [
        Decimal("5200.00"),
        Decimal("1000.00"),
        Decimal("3800.00"),
    ]
    assert figures.by_branch["status"].tolist() == [FAST, NORMAL, FAST]
    assert figures.by_category["spent_ytd"].tolist() == [Decimal("8800.00"), Decimal("1200.00")]
    assert figures.by_category["execution_rate"].tolist() == pytest.approx([0.8, 1200 / 9000])
    assert figures.cumulative["cumulative"].tolist()[-1] == pytest.approx(10000.0)
    assert figures.alerts[1:] == (
        "综采一队党支部：偏快，经费执行率 52.0%，时间进度 33.3%",
        "机关党支部：偏快，经费执行率 76.0%，时间进度 33.3%",
    )


def test_year_end_shows_overspent_and_too_slow(session):
    figures = view(session, "2026-12")

    # + 4,500.00 (掘进一队, 2026-06-15) → 14,500.00 of 20,000.00 = 72.5 % at time progress 100 %.
    assert figures.spent_ytd == Decimal("14500.00")
    assert figures.status == SLOW
    assert figures.by_branch["execution_rate"].tolist() == pytest.approx([0.52, 1.1, 0.76])
    assert figures.by_branch["status"].tolist() == [SLOW, OVER, NORMAL]
    assert figures.cumulative["spent"].tolist()[4:6] == pytest.approx([0.0, 4500.0])
    assert figures.cumulative["pacing"].tolist()[-1] == pytest.approx(20000.0)
    assert figures.alerts[1:] == (
        "综采一队党支部：偏慢，经费执行率 52.0%，时间进度 100.0%",
        "掘进一队党支部：超支，经费执行率 110.0%，时间进度 100.0%",
    )


def test_spending_without_a_budget_is_no_rate_with_a_reason(session):
    figures = view(session, "2025-12")

    assert figures.allocated == Decimal(0)
    assert figures.spent_ytd == Decimal("500.00")
    assert figures.execution_rate is None
    assert figures.status is None
    assert figures.reason == "未下达2025年度经费预算"
    assert figures.rule is None and figures.carry_forward is None  # no 2025 payroll on record
    assert figures.by_branch["branch"].tolist() == [C]
    assert figures.by_branch["execution_rate"].isna().all()
    assert figures.by_branch["status"].tolist() == [None]
    assert figures.alerts == ("机关党支部：未下达2025年度经费预算，已支出 ¥500.00",)


def test_a_month_without_budget_or_spending(session):
    figures = view(session, "2025-06")

    assert not figures.has_data
    assert (figures.allocated, figures.spent_ytd) == (Decimal(0), Decimal(0))
    assert figures.execution_rate is None
    assert figures.execution.value is None
    assert figures.reason == "未下达2025年度经费预算"
    assert figures.by_branch.empty and figures.by_category.empty
    assert figures.cumulative["cumulative"].tolist() == [0.0] * 6
    assert figures.alerts == ()


def test_secretary_sees_only_their_branch_without_the_enterprise_checks(session):
    figures = view(session, username="sec_a")

    assert (figures.allocated, figures.spent_ytd) == (Decimal("10000.00"), Decimal("4000.00"))
    assert figures.execution_rate == pytest.approx(0.4)
    # 2026-02: 1,500.50 of 10,000.00.
    assert figures.execution.previous == pytest.approx(0.15005)
    assert figures.by_branch["branch"].tolist() == [A]
    assert figures.by_category["allocated"].tolist() == [Decimal("6000.00"), Decimal("4000.00")]
    assert figures.by_category["spent_ytd"].tolist() == [Decimal("4000.00"), Decimal(0)]
    assert figures.cumulative["cumulative"].tolist() == pytest.approx([1500.50, 1500.50, 4000.00])
    assert figures.cumulative["pacing"].tolist() == pytest.approx([10000 / 12, 10000 * 2 / 12, 2500.0])
    assert figures.rule is None and figures.carry_forward is None
    assert figures.alerts == ()


def test_leader_narrows_to_a_general_branch(session):
    figures = view(session, org_ids=(org_id(session, "一线党总支"),))

    assert (figures.allocated, figures.spent_ytd) == (Decimal("15000.00"), Decimal("5000.00"))
    assert figures.execution_rate == pytest.approx(1 / 3)
    assert figures.by_branch["branch"].tolist() == [A, B]
    assert figures.rule is None and figures.carry_forward is None
    assert figures.alerts == ()


def test_secretary_cannot_read_another_node(session):
    with pytest.raises(Refused, match="无权查看其他党支部的数据"):
        view(session, username="sec_a", org_ids=(org_id(session, B),))


def test_carry_forward_needs_the_year_payroll(session):
    assert budget.carry_forward(session=session, year=2025) is None


def test_expense_detail_holds_the_year_through_m(session):
    rows = detail(session, C)

    assert rows.columns.tolist() == ["spent_on", "category", "amount", "purpose", "voucher_no"]
    # Not the 500.00 of 2025-12-28, nor the 800.00 of 2026-04-02.
    assert rows[["spent_on", "category", "amount"]].values.tolist() == [
        [date(2026, 3, 31), "学习教育", Decimal("3000.00")]
    ]
    assert detail(session, A)["amount"].tolist() == [Decimal("1500.50"), Decimal("2499.50")]
    assert detail(session, A)["spent_on"].tolist() == [date(2026, 1, 15), date(2026, 3, 10)]


def test_expense_detail_by_category(session):
    assert detail(session, A, "学习教育")["amount"].tolist() == [Decimal("1500.50"), Decimal("2499.50")]
    assert detail(session, A, "组织活动").empty
    april = detail(session, A, "组织活动", month="2026-04")
    assert april[["spent_on", "amount", "purpose", "voucher_no"]].values.tolist() == [
        [date(2026, 4, 20), Decimal("1200.00"), "开展主题党日活动", "PZ-2026-041"]
    ]
    assert len(detail(session, A, month="2026-04")) == 3


def test_expense_detail_of_another_branch_is_refused_for_a_secretary(session):
    assert len(detail(session, A, username="sec_a")) == 2
    with pytest.raises(Refused, match="无权查看其他党支部的数据"):
        detail(session, B, username="sec_a")
    with pytest.raises(Refused, match="请选择一个党支部"):
        detail(session, "一线党总支")
    with pytest.raises(Refused, match="YYYY-MM"):
        detail(session, A, month="2026-3")
