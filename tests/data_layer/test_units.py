"""Months, rules and the error text: small pure functions with values checked by hand."""

import pytest

from data_layer import months, rules
from data_layer.errors import Refused
from data_layer.vocab import BudgetStatus, TaskStatus


def test_months_shift_across_years():
    assert months.previous("2026-01") == "2025-12"
    assert months.shift("2025-11", 3) == "2026-02"
    assert months.span("2025-11", "2026-02") == ["2025-11", "2025-12", "2026-01", "2026-02"]
    assert months.last_day("2024-02").isoformat() == "2024-02-29"


@pytest.mark.parametrize("bad", ["2026-3", "2026/03", "2026-00", "26-03", "", "2026-03-01"])
def test_bad_months_are_refused_with_an_example(bad):
    with pytest.raises(Refused, match="月份格式应为 YYYY-MM，例如 2026-03"):
        months.parse(bad)


@pytest.mark.parametrize(
    "ratio, plan, status",
    [
        (1.0, 0.5, TaskStatus.COMPLETED),
        (1.0, 1.0, TaskStatus.COMPLETED),
        (0.5, 0.5, TaskStatus.ON_TRACK),
        (0.4, 0.5, TaskStatus.BEHIND),
        (0.7 - 0.3, 0.5, TaskStatus.BEHIND),  # 0.39999… is still exactly 0.10 behind
        (0.39, 0.5, TaskStatus.FAR_BEHIND),
    ],
)
def test_task_status(ratio, plan, status):
    assert rules.task_status(ratio, plan) == status


def test_overdue_only_after_the_due_month_and_unfinished():
    assert rules.is_overdue(due_month_index=2, month_index=3, ratio=0.5)
    assert not rules.is_overdue(due_month_index=3, month_index=3, ratio=0.5)
    assert not rules.is_overdue(due_month_index=2, month_index=3, ratio=1.0)


@pytest.mark.parametrize(
    "rate, time, status",
    [
        (1.01, 0.9, BudgetStatus.OVERSPENT),
        (0.40, 0.25, BudgetStatus.NORMAL),
        (0.41, 0.25, BudgetStatus.TOO_FAST),
        (0.25, 0.5, BudgetStatus.NORMAL),
        (0.24, 0.5, BudgetStatus.TOO_SLOW),
    ],
)
def test_budget_status(rate, time, status):
    assert rules.budget_status(rate, time) == status


def test_one_percent_rule():
    from decimal import Decimal

    assert rules.budget_rule_amount(Decimal("150000000.00")) == Decimal("1500000.00")
    assert rules.budget_rule_amount(Decimal("123456789.99")) == Decimal("1234567.90")


def test_refusal_names_row_and_field():
    assert (
        str(Refused("金额最多两位小数，例如 1234.50", field="金额", row=3))
        == "第 3 行“金额”：金额最多两位小数，例如 1234.50"
    )
