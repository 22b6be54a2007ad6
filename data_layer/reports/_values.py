"""How the report's JSON writes a value: rates to 4 places, averages to 2, money as "1234.50", and a
missing figure (None, NaN) as null — never 0."""

from decimal import Decimal
from typing import Any

import pandas as pd


def _missing(value) -> bool:
    return value is None or pd.isna(value)


def number(value, places: int) -> float | None:
    return None if _missing(value) else round(float(value), places)


def rate(value) -> float | None:
    return number(value, 4)


def average(value) -> float | None:
    return number(value, 2)


def integer(value) -> int | None:
    return None if _missing(value) else int(value)


def money(amount) -> str | None:
    return None if _missing(amount) else f"{Decimal(amount):.2f}"


def figure(shown) -> dict[str, Any]:
    """A figure with its 环比: value, previous month's value and the change, each a rate."""
    return {"value": rate(shown.value), "previous": rate(shown.previous), "change": rate(shown.change)}
