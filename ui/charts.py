"""One Altair theme for the screen and for exported images, and the charts the pages draw.

Status colours never rely on red alone: green for 正常/已完成, amber for 滞后, a dark red-brown for
严重滞后/超期, and every bar carries its status as text too (projectors wash out colour).
"""

import altair as alt
import pandas as pd

from data_layer.vocab import BudgetStatus, TaskStatus
from ui import text

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
STATUS_ICONS = {TaskStatus.FAR_BEHIND: "▼", TaskStatus.OVERDUE: "▼", BudgetStatus.OVERSPENT: "▲"}


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


def status_label(status: str | None) -> str:
    """A status as text with an icon for the serious ones, so it reads without colour."""
    if not status:
        return text.NO_VALUE
    icon = STATUS_ICONS.get(status)
    return f"{icon} {status}" if icon else status


def completion_ranking(branches: pd.DataFrame, *, title: str) -> alt.TopLevelMixin:
    """Branches ranked by task completion rate: a bar coloured by status, a tick at plan progress."""
    data = branches.dropna(subset=["completion_rate"]).copy()
    data["label"] = [
        f"{rate * 100:.1f}% {status_label(status)}"
        for rate, status in zip(data["completion_rate"], data["status"], strict=True)
    ]
    order = data.sort_values("completion_rate", ascending=False)["branch"].tolist()
    statuses = [s for s in TaskStatus if s in set(data["status"])]
    y = alt.Y("branch:N", sort=order, title=None, axis=alt.Axis(labelLimit=220))
    base = alt.Chart(data, title=title).encode(y=y)
    bars = base.mark_bar(height={"band": 0.7}).encode(
        x=alt.X(
            "completion_rate:Q",
            title=text.TASK_COMPLETION,
            scale=alt.Scale(domain=[0, 1.25]),
            axis=alt.Axis(format="%", values=[0, 0.25, 0.5, 0.75, 1]),
        ),
        color=alt.Color(
            "status:N",
            title=text.STATUS,
            scale=alt.Scale(domain=statuses, range=[STATUS_COLOURS[s] for s in statuses]),
        ),
        tooltip=[
            alt.Tooltip("branch:N", title=text.BRANCH),
            alt.Tooltip("completion_rate:Q", title=text.TASK_COMPLETION, format=".1%"),
            alt.Tooltip("plan_progress:Q", title=text.PLAN_PROGRESS, format=".1%"),
            alt.Tooltip("status:N", title=text.STATUS),
        ],
    )
    plan = base.mark_tick(color="#222222", thickness=2, size=22).encode(x="plan_progress:Q")
    labels = base.mark_text(align="left", dx=6, fontSize=13, color="#333333").encode(
        x="completion_rate:Q", text="label:N"
    )
    height = max(160, 30 * len(data))
    return themed(alt.layer(bars, plan, labels).properties(height=height))


# Charts of the pages, one block per page.

# --- 任务完成 ---

# --- 学习进度 ---

# --- 经费使用 ---

# --- 三会一课 ---
