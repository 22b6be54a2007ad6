"""One Altair theme for the screen and for exported images: fonts, sizes and the status colours.

The constants and ``themed`` live in ``data_layer.reports.theme`` (shared with the report files).

Status colours never rely on red alone: green for 正常/已完成, amber for 滞后, a dark red-brown for
严重滞后/超期, and every bar carries its status as text too (projectors wash out colour).
"""

import altair as alt
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
)
from data_layer.reports.theme import themed as report_themed
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
    "with_status_labels",
]


# The chart's width fills the page; its height is its plot's, with the legend, axes and title added
# on top. (Streamlit's default, "fit", squeezes all of them into the height the chart gives: a chart of
# five bars drew them in a third of their height, labels over each other.)
ON_SCREEN = alt.AutoSizeParams(type="fit-x", contains="padding")


def themed(chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    """The house look (data_layer/reports/theme.py), sized for the screen."""
    return report_themed(chart).properties(autosize=ON_SCREEN)


def status_label(status: str | None) -> str:
    """A status as text with an icon for the serious ones, so it reads without colour."""
    if not status:
        return text.NO_VALUE
    icon = STATUS_ICONS.get(status)
    return f"{icon} {status}" if icon else status


def with_status_labels(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with its ``status`` column as ``status_label`` shows it (a table's rows)."""
    return frame.assign(status=frame["status"].map(status_label))


def month_labels(months: pd.Series) -> pd.Series:
    """``YYYY-MM`` → "3月" for axes."""
    return months.str[5:].astype(int).astype(str) + "月"
