"""The number formats of the UX guide."""

from decimal import Decimal

import pytest

from ui import format


@pytest.mark.parametrize(
    "value, shown",
    [(0.853, "85.3%"), (2 / 3, "66.7%"), (1.0, "100.0%"), (0.0, "0.0%"), (None, "—"), (float("nan"), "—")],
)
def test_percent(value, shown):
    assert format.percent(value) == shown


@pytest.mark.parametrize(
    "change, shown",
    [
        (0.031, "+3.1 个百分点"),
        (-0.2, "-20.0 个百分点"),
        (0.0004, "0.0 个百分点"),
        (-0.0004, "0.0 个百分点"),
        (None, None),
    ],
)
def test_rate_change_in_percentage_points(change, shown):
    assert format.rate_change(change) == shown


def test_money_and_wan_yuan():
    assert format.money(Decimal("1234567.89")) == "¥1,234,567.89"
    assert format.wan_yuan(Decimal("1500000.00")) == "150.0 万元"
    assert format.money(None) == "—"


def test_months_on_screen():
    assert format.month_label("2026-03") == "2026年3月"
    assert format.short_month_label("2026-10") == "10月"
