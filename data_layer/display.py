"""How a figure, a month or a moment is written for a person — the one place, for every output.

The screen (``ui/format.py`` is this module), the narrative, the Excel and PDF 通报, slides and 修改记录
all write through here, so a figure reads the same everywhere (docs/UX.md, "Numbers"):

- rates 85.3% (one decimal); a change of a rate +3.1 个百分点, and a flat one always ``FLAT`` (持平);
- rates per thousand people (三违率) 85.7‰, their changes +14.3 个千分点;
- money ¥1,234,567.89 in tables, 150.0 万元 in headline figures and sentences;
- months 2026年3月; days 2026-03-05; moments in Beijing time, 2026-12-07 05:43 (stored in UTC);
- a missing figure (None, NaN) is ``NO_VALUE`` ("—"), never 0.
"""

from datetime import UTC, date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from data_layer import months

NO_VALUE = "—"
FLAT = "持平"
POINTS_UNIT = "个百分点"
PER_MILLE = "‰"
PER_MILLE_POINTS_UNIT = "个千分点"
SCORE_UNIT = "分"
WAN_YUAN = "万元"
BEIJING = ZoneInfo("Asia/Shanghai")

Number = float | int | Decimal


def missing(value: object) -> bool:
    """None, NaN or pandas' NaT / NA: a figure without data (what is missing is unequal to itself)."""
    if value is None:
        return True
    try:
        return bool(value != value)
    except TypeError:  # pandas' NA is neither equal nor unequal to itself
        return True


# --- rates and their changes ---


def percent(rate: Number | None) -> str:
    """0.853 → "85.3%"."""
    return NO_VALUE if rate is None or missing(rate) else f"{float(rate) * 100:.1f}%"


def points(change: Number | None) -> float | None:
    """A change of a rate in 个百分点, rounded to one decimal as it is shown: 0.031 → 3.1 (never -0.0)."""
    if change is None or missing(change):
        return None
    return round(float(change) * 100, 1) + 0.0


def _signed(shown: float | None, unit: str) -> str | None:
    """A rounded change with its sign and unit, or ``FLAT`` when it rounds to nothing."""
    if shown is None:
        return None
    return f"{shown:+.1f} {unit}" if shown else FLAT


def _in_words(shown: float | None, unit: str) -> str | None:
    """The same change in a sentence: 提高 / 下降 / 持平."""
    if shown is None:
        return None
    if not shown:
        return FLAT
    return f"{'提高' if shown > 0 else '下降'}{abs(shown):.1f} {unit}"


def rate_change(change: Number | None) -> str | None:
    """0.031 → "+3.1 个百分点", a change that rounds to nothing → "持平"; None when nothing to compare."""
    return _signed(points(change), POINTS_UNIT)


def change_words(change: Number | None) -> str | None:
    """The change in a sentence: "提高3.1 个百分点" / "下降20.0 个百分点" / "持平"; None without one."""
    return _in_words(points(change), POINTS_UNIT)


# --- scores (对标评星: points out of 100) ---


def score(value: Number | None) -> str:
    """85 → "85.0 分"."""
    return NO_VALUE if value is None or missing(value) else f"{float(value):.1f} {SCORE_UNIT}"


def _tenths(change: Number | None) -> float | None:
    """A change rounded to one decimal as it is shown (never -0.0)."""
    return None if change is None or missing(change) else round(float(change), 1) + 0.0


def score_change(change: Number | None) -> str | None:
    """+1.24 → "+1.2 分", a change that rounds to nothing → "持平"; None without one."""
    return _signed(_tenths(change), SCORE_UNIT)


def score_change_words(change: Number | None) -> str | None:
    """The change in a sentence: "提高1.2 分" / "下降0.5 分" / "持平"; None without one."""
    return _in_words(_tenths(change), SCORE_UNIT)


# --- rates per thousand people (三违率) ---


def per_thousand(rate: Number | None) -> str:
    """A rate already per thousand: 85.714 → "85.7‰"."""
    return NO_VALUE if rate is None or missing(rate) else f"{float(rate):.1f}{PER_MILLE}"


def per_thousand_change(change: Number | None) -> str | None:
    """+14.29 → "+14.3 个千分点", a change that rounds to nothing → "持平"; None without one."""
    return _signed(_tenths(change), PER_MILLE_POINTS_UNIT)


def per_thousand_change_words(change: Number | None) -> str | None:
    """The change in a sentence: "提高200.0 个千分点" / "下降14.3 个千分点" / "持平"; None without one."""
    return _in_words(_tenths(change), PER_MILLE_POINTS_UNIT)


# --- money and counts ---


def money(amount: Number | str | None) -> str:
    """1234567.89 → "¥1,234,567.89" (tables)."""
    return NO_VALUE if missing(amount) else f"¥{Decimal(str(amount)):,.2f}"


def wan_yuan(amount: Number | str | None) -> str:
    """399800 → "40.0 万元" (headline figures and sentences)."""
    return NO_VALUE if missing(amount) else f"{Decimal(str(amount)) / 10000:,.1f} {WAN_YUAN}"


def count(value: Number | None) -> str:
    """1234 → "1,234"."""
    return NO_VALUE if value is None or missing(value) else f"{int(value):,}"


def count_change(change: Number | None, unit: str) -> str | None:
    """A change of a count: +1 → "+1 起", 0 → "持平"; None when nothing to compare."""
    if change is None or missing(change):
        return None
    return f"{int(change):+,} {unit}" if change else FLAT


def decimal(value: Number | str | None, places: int = 2) -> str:
    """4.5 → "4.50" (hours, averages)."""
    return NO_VALUE if value is None or missing(value) else f"{Decimal(str(value)):,.{places}f}"


# --- months, days and moments ---


def month_label(month: str) -> str:
    """ "2026-03" → "2026年3月"."""
    year, number = months.parse(month)
    return f"{year}年{number}月"


def short_month_label(month: str) -> str:
    """ "2026-10" → "10月"."""
    return f"{months.number_of(month)}月"


def date_label(day: date | str | None) -> str:
    """A day as 2026-03-05."""
    if day is None or missing(day):
        return NO_VALUE
    return (date.fromisoformat(day) if isinstance(day, str) else day).strftime("%Y-%m-%d")


def beijing(moment: datetime | str) -> datetime:
    """A stored moment (aware, or naive UTC as SQLite gives it back; or its ISO text) in Beijing time."""
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(BEIJING)


def time_label(moment: datetime | str | None) -> str:
    """A stored moment as a person reads it: 2026-12-06 21:43 UTC → "2026-12-07 05:43" (Beijing)."""
    return NO_VALUE if moment is None or missing(moment) else f"{beijing(moment):%Y-%m-%d %H:%M}"
