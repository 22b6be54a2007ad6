"""Charts of 学习进度."""

import altair as alt
import pandas as pd

from ui import format, text
from ui.charts import limit
from ui.charts.theme import AMBER, GOLD, GREEN, PARTY_RED, RATE_AXIS, month_labels, themed


def study_by_branch(branches: pd.DataFrame, *, title: str, lagging: float) -> alt.TopLevelMixin:
    """学习达标率 per branch, lowest first; the lagging threshold drawn as a dashed line."""
    branches, total = limit.lowest(branches, "on_track_rate")
    title = limit.title(title, branches, total)
    data = branches.assign(
        label=[format.percent(rate) for rate in branches["on_track_rate"]],
        flag=[text.STUDY_LAGGING if rate < lagging else text.STUDY_OK for rate in branches["on_track_rate"]],
    )
    order = data.sort_values("on_track_rate")["branch"].tolist()
    base = alt.Chart(data, title=title).encode(
        y=alt.Y("branch:N", sort=order, title=None, axis=alt.Axis(labelLimit=220))
    )
    bars = base.mark_bar(height={"band": 0.7}).encode(
        x=alt.X(
            "on_track_rate:Q",
            title=text.STUDY_ON_TRACK,
            scale=alt.Scale(domain=[0, 1.15]),
            axis=RATE_AXIS,
        ),
        color=alt.Color(
            "flag:N",
            title=None,
            scale=alt.Scale(domain=[text.STUDY_OK, text.STUDY_LAGGING], range=[GREEN, AMBER]),
        ),
        tooltip=[
            alt.Tooltip("branch:N", title=text.BRANCH),
            alt.Tooltip("on_track_rate:Q", title=text.STUDY_ON_TRACK, format=".1%"),
            alt.Tooltip("members:Q", title=text.STUDY_MEMBERS),
        ],
    )
    labels = base.mark_text(align="left", dx=6, fontSize=13).encode(x="on_track_rate:Q", text="label:N")
    threshold = (
        alt.Chart(pd.DataFrame({"x": [lagging]}))
        .mark_rule(strokeDash=[6, 4], color="#333333")
        .encode(x="x:Q")
    )
    return themed(alt.layer(bars, labels, threshold).properties(height=max(160, 30 * len(data))))


def study_trend(
    trend: pd.DataFrame, *, value: str, target: str, title: str, axis_title: str
) -> alt.TopLevelMixin:
    """A monthly average (line with points) against its monthly target (dashed line)."""
    data = trend.assign(month_label=month_labels(trend["month"]))
    x = alt.X("month_label:O", title=None, sort=data["month_label"].tolist(), axis=alt.Axis(labelAngle=0))
    base = alt.Chart(data, title=title).encode(x=x)
    line = base.mark_line(point=True, color=PARTY_RED).encode(
        y=alt.Y(f"{value}:Q", title=axis_title),
        tooltip=[
            alt.Tooltip("month:N", title=text.MONTH),
            alt.Tooltip(f"{value}:Q", title=axis_title, format=".2f"),
        ],
    )
    goal = base.mark_line(strokeDash=[6, 4], color="#333333").encode(y=f"{target}:Q")
    return themed(alt.layer(line, goal).properties(height=240))


def hours_distribution(histogram: pd.DataFrame, *, due: float, title: str) -> alt.TopLevelMixin:
    """Members by year-to-date study hours; the hours due so far drawn as a dashed line."""
    data = histogram.assign(
        band=[f"{start:g}–{end:g}" for start, end in zip(histogram["start"], histogram["end"], strict=True)]
    )
    bars = (
        alt.Chart(data, title=title)
        .mark_bar(color=GOLD)
        .encode(
            x=alt.X("start:Q", bin="binned", title=text.STUDY_YTD_HOURS),
            x2="end:Q",
            y=alt.Y("members:Q", title=text.STUDY_MEMBERS),
            tooltip=[
                alt.Tooltip("band:N", title=text.STUDY_YTD_HOURS),
                alt.Tooltip("members:Q", title=text.STUDY_MEMBERS),
            ],
        )
    )
    rule = alt.Chart(pd.DataFrame({"x": [due]})).mark_rule(strokeDash=[6, 4], color=PARTY_RED).encode(x="x:Q")
    return themed(alt.layer(bars, rule).properties(height=240))
