"""What the demo seeds share: dates and working days, money rounding, proportional splits, expense purposes,
the expense categories and the Chinese table labels the command line prints."""

import random
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import ROUND_HALF_UP, Decimal
from functools import cache

from sqlmodel import Session, select

from data_layer import months
from data_layer.models import ExpenseCategory
from data_layer.vocab import DEFAULT_EXPENSE_CATEGORIES
from seed import catalog

TABLE_LABELS = {
    "organisation": "组织",
    "member": "党员",
    "app_user": "用户",
    "yearparameter": "年度参数",
    "setting": "系统设置",
    "goal": "年度目标",
    "task": "任务",
    "taskprogress": "任务进度",
    "studyrecord": "学习记录",
    "expensecategory": "经费类别",
    "budgetallocation": "预算分配",
    "expense": "经费支出",
    "meeting": "三会一课",
    "submission": "月度填报",
    "productionindicator": "生产指标",
    "productionfigure": "生产月报",
    "safetyrecord": "安全月报",
    "pioneerpost": "先锋岗区",
    "pioneercheck": "岗区检查",
}

_BEIJING = timezone(timedelta(hours=8))
CENT = Decimal("0.01")


def beijing(day: date, hour: int, minute: int = 0) -> datetime:
    """A Beijing wall-clock time on ``day``, stored in UTC like the application's own timestamps."""
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=_BEIJING).astimezone(UTC)


# Public holidays (New Year, Spring Festival, Qingming, Labour Day, Dragon Boat, Mid-Autumn, National Day);
# a year not listed keeps the fixed-date ones (New Year, Labour Day, National Day).
_HOLIDAY_SPANS = {
    2024: ((1, 1, 1), (2, 10, 17), (4, 4, 6), (5, 1, 5), (6, 10, 10), (9, 15, 17), (10, 1, 7)),
    2025: ((1, 1, 1), (1, 28, 31), (2, 1, 4), (4, 4, 6), (5, 1, 5), (5, 31, 31), (6, 1, 2), (10, 1, 8)),
    2026: ((1, 1, 3), (2, 15, 23), (4, 4, 6), (5, 1, 5), (6, 19, 21), (10, 1, 7)),
}
_FIXED_HOLIDAYS = ((1, 1, 1), (5, 1, 5), (10, 1, 7))


def is_holiday(day: date) -> bool:
    spans = _HOLIDAY_SPANS.get(day.year, _FIXED_HOLIDAYS)
    return any(month == day.month and first <= day.day <= last for month, first, last in spans)


@cache
def _workdays(month: str, first_day: int, last_day: int) -> tuple[date, ...]:
    """Working days (Monday to Friday, not a holiday) of ``month`` between two days, or every day if none."""
    year, number = months.parse(month)
    last_day = min(last_day, months.last_day(month).day)
    days = [date(year, number, d) for d in range(first_day, last_day + 1)]
    return tuple(d for d in days if d.weekday() < 5 and not is_holiday(d)) or tuple(days)


def workday(rng: random.Random, month: str, first_day: int, last_day: int) -> date:
    """A working day of ``month`` between two days of the month."""
    return rng.choice(_workdays(month, first_day, last_day))


def random_day(rng: random.Random, year: int) -> date:
    return date(year, 1, 1) + timedelta(days=rng.randrange(365))


def money(value: float, step: str = "0.01") -> Decimal:
    """``value`` rounded to a multiple of ``step`` (half up), with two decimals."""
    quantum = Decimal(step)
    return ((Decimal(str(value)) / quantum).quantize(Decimal(1), ROUND_HALF_UP) * quantum).quantize(CENT)


def purpose(rng: random.Random, category: str, number: int, amount: Decimal) -> str:
    """What an expense of ``category`` in month ``number`` (1–12) paid for, fitting its amount."""
    fitting = [
        (text, price) for text, price in catalog.PURPOSES[category] if not price or amount / price <= 120
    ]
    text, price = catalog.SEASONAL_PURPOSES.get((category, number)) or rng.choice(fitting)
    if "{n}" not in text:
        return text
    return text.format(n=max(1, round(float(amount) / price)))


def expense_categories(session: Session) -> tuple[list[ExpenseCategory], int]:
    """The default expense categories in their order, adding those missing; and how many were added."""
    existing = {c.name: c for c in session.exec(select(ExpenseCategory)).all()}
    categories = [
        existing.get(name) or ExpenseCategory(name=name, sort_order=order)
        for order, name in enumerate(DEFAULT_EXPENSE_CATEGORIES, start=1)
    ]
    session.add_all(categories)
    session.flush()
    return categories, len(categories) - len(existing)
