"""Charts of 总览 and 任务完成: the completion ranking, the year's heat map, a task's months."""

import altair as alt
import pandas as pd

from data_layer.vocab import TaskStatus
from ui import format, text
from ui.charts import limit
from ui.charts.theme import (
    GOLD,
    GREEN,
    PARTY_RED,
    RATE_AXIS,
    STATUS_COLOURS,
    month_labels,
    status_label,
    themed,
)


def completion_ranking(branches: pd.DataFrame, *, title: str, pick: str | None = None) -> alt.TopLevelMixin:
    """Branches ranked by task completion rate: a bar coloured by status, a tick at plan progress.

    With ``pick`` the bars can be clicked; the selection of that name carries the ``branch_id``.
    """
    columns = ["branch_id", "branch", "completion_rate", "plan_progress", "status"]
    data, total = limit.lowest(branches.dropna(subset=["completion_rate"])[columns], "completion_rate")
    data = data.copy()
    title = limit.title(title, data, total)
    data["label"] = [
        f"{format.percent(rate)} {status_label(status)}"
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
            axis=RATE_AXIS,
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
    if pick:
        bars = bars.add_params(alt.selection_point(name=pick, fields=["branch_id"]))
    plan = base.mark_tick(color="#222222", thickness=2, size=22).encode(x="plan_progress:Q")
    labels = base.mark_text(align="left", dx=6, fontSize=13, color="#333333").encode(
        x="completion_rate:Q", text="label:N"
    )
    height = max(160, 30 * len(data))
    return themed(alt.layer(bars, plan, labels).properties(height=height))


# Charts of the pages, one block per page.


HEATMAP_RANGE = ["#F5F5F0", "#A5D6A7", GREEN]


def completion_heatmap(heatmap: pd.DataFrame, *, title: str) -> alt.TopLevelMixin:
    """Branch × month grid of completion rates, with the rate written in each cell; at scale the
    branches lowest in the last month."""
    last = heatmap[heatmap["month"] == heatmap["month"].max()]
    heatmap, total = limit.first_branches(heatmap, last.sort_values("completion_rate")["branch"].tolist())
    title = limit.title(title, heatmap, total)
    data = heatmap.dropna(subset=["completion_rate"]).assign(
        month_label=lambda frame: month_labels(frame["month"]),
        label=lambda frame: (frame["completion_rate"] * 100).round().astype(int).astype(str) + "%",
    )
    order = list(dict.fromkeys(heatmap["branch"]))
    month_order = list(dict.fromkeys(data["month_label"]))
    base = alt.Chart(data, title=title).encode(
        x=alt.X("month_label:O", title=None, sort=month_order, axis=alt.Axis(labelAngle=0)),
        y=alt.Y("branch:N", title=None, sort=order, axis=alt.Axis(labelLimit=220)),
    )
    cells = base.mark_rect().encode(
        color=alt.Color(
            "completion_rate:Q",
            title=text.TASK_COMPLETION,
            # Red means bad everywhere (the 严重滞后 bars above): completion goes from pale to green.
            scale=alt.Scale(domain=[0, 1], range=HEATMAP_RANGE),
            legend=alt.Legend(format="%"),
        ),
        tooltip=[
            alt.Tooltip("branch:N", title=text.BRANCH),
            alt.Tooltip("month:N", title=text.MONTH),
            alt.Tooltip("completion_rate:Q", title=text.TASK_COMPLETION, format=".1%"),
        ],
    )
    labels = base.mark_text(fontSize=11).encode(
        text="label:N",
        color=alt.condition("datum.completion_rate > 0.6", alt.value("white"), alt.value("#333333")),
    )
    return themed(alt.layer(cells, labels).properties(height=max(160, 26 * len(order))))


def task_progress(history: pd.DataFrame, *, title: str, unit: str) -> alt.TopLevelMixin:
    """A task's quantity per month (bars) and its running total against the target (line and rule)."""
    data = history.assign(month_label=month_labels(history["month"]))
    x = alt.X("month_label:O", title=None, sort=data["month_label"].tolist(), axis=alt.Axis(labelAngle=0))
    base = alt.Chart(data, title=title).encode(x=x)
    bars = base.mark_bar(color=GOLD).encode(
        y=alt.Y("quantity:Q", title=f"{text.QUANTITY}（{unit}）"),
        tooltip=[alt.Tooltip("month:N", title=text.MONTH), alt.Tooltip("quantity:Q", title=text.QUANTITY)],
    )
    total = base.mark_line(point=True, color=PARTY_RED).encode(
        y="cumulative:Q", tooltip=[alt.Tooltip("cumulative:Q", title=text.CUMULATIVE)]
    )
    target = alt.Chart(data.head(1)).mark_rule(strokeDash=[6, 4], color="#333333").encode(y="target:Q")
    return themed(alt.layer(bars, total, target).properties(height=260))
