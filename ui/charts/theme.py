"""One Altair theme for the screen and for exported images: fonts, sizes and the status colours.

The constants and ``themed`` live in ``data_layer.chart_theme`` (shared with the report files).

Status colours never rely on red alone: green for 正常/已完成, amber for 滞后, a dark red-brown for
严重滞后/超期, and every bar carries its status as text too (projectors wash out colour).
"""

import pandas as pd

from data_layer.reports.theme import (
    AMBER,
    FONT,
    GOLD,
    GREEN,
    GREY,
    PARTY_RED,
    RATE_AXIS,
    RED_BROWN,
    STATUS_COLOURS,
    STATUS_ICONS,
    themed,
)
from ui import text

__all__ = [
    "AMBER",
    "FONT",
    "GOLD",
    "GREEN",
    "GREY",
    "PARTY_RED",
    "RATE_AXIS",
    "RED_BROWN",
    "STATUS_COLOURS",
    "STATUS_ICONS",
    "month_labels",
    "status_label",
    "themed",
]


def status_label(status: str | None) -> str:
    """A status as text with an icon for the serious ones, so it reads without colour."""
    if not status:
        return text.NO_VALUE
    icon = STATUS_ICONS.get(status)
    return f"{icon} {status}" if icon else status


def month_labels(months: pd.Series) -> pd.Series:
    """``YYYY-MM`` → "3月" for axes."""
    return months.str[5:].astype(int).astype(str) + "月"
