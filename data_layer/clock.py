"""The product's one clock: every business date — today, this month, "not after today", the demo's
calendar, the month a secretary fills — comes from here, never from ``date.today()``.

``DASHBOARD_TODAY=YYYY-MM-DD`` sets the day (demos, tests, CI on another date); the time of day keeps
running, so timestamps stay in order. Unset, today is the date in Beijing, where the enterprise works.
The variable is read on every call, so a test may set it with ``monkeypatch.setenv``.
"""

import os
from datetime import UTC, date, datetime

from data_layer import months
from data_layer.display import BEIJING

VARIABLE = "DASHBOARD_TODAY"


class ClockError(ValueError):
    """The clock variable is set but is not a day."""


def _set_day() -> date | None:
    value = os.environ.get(VARIABLE, "").strip()
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ClockError(
            f"环境变量 {VARIABLE} 应为 YYYY-MM-DD 格式的日期，例如 2026-11-05，而不是“{value}”"
        ) from None


def now() -> datetime:
    """An aware UTC time whose Beijing date is ``today()``."""
    real = datetime.now(UTC)
    day = _set_day()
    if day is None:
        return real
    return real + (day - real.astimezone(BEIJING).date())


def today() -> date:
    """The business date: ``DASHBOARD_TODAY`` when set, else today's date in Beijing."""
    return _set_day() or datetime.now(BEIJING).date()


def this_month() -> str:
    """``YYYY-MM`` of today."""
    return months.of_date(today())


def last_complete_month() -> str:
    """The month before this one: the month secretaries report on in the first days of this one."""
    return months.previous(this_month())
