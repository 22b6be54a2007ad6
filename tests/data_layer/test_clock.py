"""The product clock: DASHBOARD_TODAY sets the business date everywhere; months offered and opened on."""

from datetime import UTC, date, datetime

import pytest

from data_layer import clock, months
from data_layer.models import utc_now


def test_the_variable_sets_today_this_month_and_the_last_complete_month(monkeypatch):
    monkeypatch.setenv(clock.VARIABLE, "2027-01-03")
    assert clock.today() == date(2027, 1, 3)
    assert (clock.this_month(), clock.last_complete_month()) == ("2027-01", "2026-12")
    # Timestamps keep the time of day but fall on the set day in Beijing.
    assert clock.now().astimezone(clock.BEIJING).date() == date(2027, 1, 3)
    assert utc_now().astimezone(clock.BEIJING).date() == date(2027, 1, 3)
    assert utc_now().tzinfo == UTC


def test_unset_today_is_the_date_in_beijing(monkeypatch):
    monkeypatch.delenv(clock.VARIABLE, raising=False)
    assert clock.today() == datetime.now(clock.BEIJING).date()
    assert abs((clock.now() - datetime.now(UTC)).total_seconds()) < 5


def test_a_bad_value_names_the_variable_in_chinese(monkeypatch):
    monkeypatch.setenv(clock.VARIABLE, "2027-13-01")
    with pytest.raises(clock.ClockError, match="环境变量 DASHBOARD_TODAY 应为 YYYY-MM-DD 格式的日期"):
        clock.today()


@pytest.mark.parametrize(
    ("latest", "current", "first", "last", "opening"),
    [
        # The demo on 2026-12-04: data through December's first days; open on November.
        ("2026-12", "2026-12", "2025-01", "2026-12", "2026-11"),
        # 3 January: December is complete, the new year offered; last year stays browsable.
        ("2027-01", "2027-01", "2026-01", "2027-01", "2026-12"),
        # Nothing entered yet in the new year: its first month is offered all the same.
        ("2026-12", "2027-01", "2025-01", "2027-01", "2026-12"),
        # A database whose figures stop long before today opens on its newest month.
        ("2026-04", "2029-06", "2025-01", "2029-06", "2026-04"),
    ],
)
def test_months_offered_and_opened_on(latest, current, first, last, opening):
    offered = months.offered(latest, current)
    assert (offered[-1], offered[0]) == (first, last)
    assert offered == sorted(offered, reverse=True) and len(set(offered)) == len(offered)
    assert months.opening(latest, current) == opening
    assert opening in offered


def test_months_offered_start_no_earlier_than_the_first_figures():
    assert months.offered("2026-11", "2026-12", "2025-12")[-1] == "2025-12"
    assert months.offered("2026-11", "2026-12", "2024-06")[-1] == "2025-01"
