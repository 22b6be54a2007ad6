"""Months as canonical ``YYYY-MM`` text, the way they are stored and put in files and URLs."""

import calendar
import re
from datetime import date

from data_layer.errors import Refused

_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


def parse(month: str, *, field: str = "月份") -> tuple[int, int]:
    """(year, month number) of a ``YYYY-MM`` text, or a refusal naming the field."""
    match = _MONTH.match(str(month).strip())
    if not match:
        raise Refused("月份格式应为 YYYY-MM，例如 2026-03", field=field)
    return int(match.group(1)), int(match.group(2))


def make(year: int, number: int) -> str:
    return f"{year:04d}-{number:02d}"


def year_of(month: str) -> int:
    return parse(month)[0]


def number_of(month: str) -> int:
    return parse(month)[1]


def index(month: str) -> int:
    """Months since year 0, so that differences count months."""
    year, number = parse(month)
    return year * 12 + number - 1


def shift(month: str, delta: int) -> str:
    total = index(month) + delta
    return make(total // 12, total % 12 + 1)


def previous(month: str) -> str:
    return shift(month, -1)


def first_of_year(month: str) -> str:
    return make(year_of(month), 1)


def last_day(month: str) -> date:
    year, number = parse(month)
    return date(year, number, calendar.monthrange(year, number)[1])


def of_date(day: date) -> str:
    return make(day.year, day.month)


def span(first: str, last: str) -> list[str]:
    """Every month from ``first`` through ``last``, both included."""
    return [shift(first, step) for step in range(index(last) - index(first) + 1)]


def offered(latest: str, current: str, earliest: str | None = None) -> list[str]:
    """The months a person may choose, newest first: from January of the year before the newest data
    (or from the ``earliest`` month with data, when that is later) through the current month (or through
    the newest data, should that be later)."""
    first = max(make(year_of(min(latest, current)) - 1, 1), earliest or "")
    return list(reversed(span(first, max(latest, current))))


def opening(latest: str, current: str) -> str:
    """The month the dashboard opens on: the last complete month, which secretaries report on in the
    first days of the current one; or the newest month with data, when that is earlier."""
    return min(latest, previous(current))
