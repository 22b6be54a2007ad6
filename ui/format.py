"""Number formats from the UX guide: 85.3%, +3.1 个百分点, ¥1,234,567.89, 150.0 万元, 2026年3月."""

import math
from decimal import Decimal

from data_layer import months
from ui import text


def _missing(value: float | Decimal | None) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def percent(value: float | None) -> str:
    return text.NO_VALUE if _missing(value) else f"{value * 100:.1f}%"


def rate_change(change: float | None) -> str | None:
    """A change of a rate in 个百分点, signed; ``None`` when there is nothing to compare."""
    if _missing(change):
        return None
    points = round(change * 100, 1)
    return f"{points:+.1f} {text.POINTS_UNIT}" if points else f"0.0 {text.POINTS_UNIT}"


def money(amount: Decimal | float | None) -> str:
    return text.NO_VALUE if _missing(amount) else f"¥{Decimal(amount):,.2f}"


def wan_yuan(amount: Decimal | float | None) -> str:
    return text.NO_VALUE if _missing(amount) else f"{Decimal(amount) / 10000:,.1f} 万元"


def month_label(month: str) -> str:
    year, number = months.parse(month)
    return f"{year}年{number}月"


def short_month_label(month: str) -> str:
    return f"{months.number_of(month)}月"
