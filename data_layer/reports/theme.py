"""One Altair theme for the screen and for exported images: fonts, sizes and the status colours.

Altair only (no Streamlit), so ``ui.charts`` and the report files (``data_layer.reports.charts``) draw
with the same look. Status colours never rely on red alone: green for 正常/已完成, amber for 滞后, a
dark red-brown for 严重滞后/超期, and every bar carries its status as text too (projectors wash out colour).
"""

import altair as alt

from data_layer.vocab import BudgetStatus, TaskStatus

PARTY_RED = "#C8161D"
GOLD = "#D4A017"
GREEN = "#2E7D32"
AMBER = "#E69F00"
RED_BROWN = "#7B2D26"
GREY = "#9E9E9E"
FONT = "Noto Sans CJK SC, Noto Sans SC, Microsoft YaHei, PingFang SC, sans-serif"

STATUS_COLOURS = {
    TaskStatus.COMPLETED: GREEN,
    TaskStatus.ON_TRACK: GREEN,
    TaskStatus.BEHIND: AMBER,
    TaskStatus.FAR_BEHIND: RED_BROWN,
    TaskStatus.OVERDUE: RED_BROWN,
    BudgetStatus.OVERSPENT: RED_BROWN,
    BudgetStatus.TOO_FAST: AMBER,
    BudgetStatus.TOO_SLOW: AMBER,
}
RATE_AXIS = alt.Axis(format="%", values=[0, 0.25, 0.5, 0.75, 1])
STATUS_ICONS: dict[str, str] = {
    TaskStatus.FAR_BEHIND: "▼",
    TaskStatus.OVERDUE: "▼",
    BudgetStatus.OVERSPENT: "▲",
}


def themed(chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    """The house look: CJK font, readable sizes, no chart border, party red as the first colour."""
    return (
        chart.configure(font=FONT)
        .configure_view(stroke=None)
        .configure_axis(labelFontSize=13, titleFontSize=13, gridColor="#EEEEEE")
        .configure_title(fontSize=16, anchor="start", color="#333333")
        .configure_legend(labelFontSize=13, titleFontSize=13, orient="top")
        .configure_range(category=[PARTY_RED, GOLD, "#5B6C8F", GREY])
    )
