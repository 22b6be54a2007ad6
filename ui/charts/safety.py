"""Charts of 党建+安全生产: the quadrant of 对标 score against 生产计划完成率, 党员 and 非党员 三违率 per
党支部, and the year's correlation between 党建 and 生产 / 安全."""

from typing import Literal

import altair as alt
import pandas as pd

from data_layer.metrics import safety
from data_layer.metrics.safety_view import (
    PARTY_ONLY,
    PRODUCTION_ONLY,
    STRONG_BOTH,
    STRONG_PRODUCTION,
    STRONG_SCORE,
    WEAK_BOTH,
)
from ui import format, text
from ui.charts import limit
from ui.charts.theme import AMBER, GOLD, GREEN, GREY, RED_BROWN, month_labels, themed

# 安全状况 by colour and by shape (projectors wash out colour; some viewers cannot tell red from green).
STATES = {
    safety.ACCIDENT: (RED_BROWN, "triangle-up"),
    safety.VIOLATION: (AMBER, "diamond"),
    safety.SAFE: (GREEN, "circle"),
    text.SAFETY_NO_RECORD: (GREY, "square"),
}
GROUP_COLOURS = {text.SAFETY_MEMBERS: GOLD, text.SAFETY_OTHERS: "#5B6C8F"}
SERIES_COLOURS = {text.SAFETY_TREND_PRODUCTION: GOLD, text.SAFETY_TREND_SAFETY: "#5B6C8F"}
MARGIN = 0.1  # the 生产计划完成率 axis reaches this far beyond the lowest and highest point


def state_label(state: str | None) -> str:
    """A 党支部's 安全状况, or 无安全月报 without a safety record for the month."""
    return text.SAFETY_NO_RECORD if state is None or pd.isna(state) else state


def placed(by_branch: pd.DataFrame) -> pd.DataFrame:
    """The 党支部 the quadrant chart can place: those with a quadrant (a score and a production rate)."""
    return by_branch[by_branch["quadrant"].notna()]


def safety_quadrants(by_branch: pd.DataFrame, *, title: str) -> alt.TopLevelMixin:
    """Each placed 党支部 a point at (对标 score, 生产计划完成率), coloured and shaped by 安全状况; the lines
    at the 党建强 score and at 100 %, and the four quadrants named in their corners. Every 党支部 is drawn
    (a cloud of 2,500 points still reads; the table below lists them all)."""
    shown = placed(by_branch)
    # The 安全状况 as a category: each label is sent once, not once a point (2,500 points are most of the
    # page view). The figures stay eight-byte floats: the tooltips round them as the table does.
    data = pd.DataFrame(
        {
            "branch": shown["branch"],
            "score": shown["score"].astype(float),
            "production_rate": shown["production_rate"].astype(float),
            "state": pd.Categorical(
                [state_label(state) for state in shown["safety_state"]], categories=list(STATES)
            ),
        }
    ).reset_index(drop=True)  # a RangeIndex is not sent; the placed rows' own index would be, 8 bytes a row
    details = []
    if len(data) <= limit.MAX_BRANCHES:
        # A mine's points name their unit and quadrant too; at group scale the tooltip keeps to the name and
        # the figures, so that 2,500 points stay a small part of the page view (the table has the rest).
        data = data.assign(
            unit=shown["unit"].fillna(text.NO_VALUE).to_numpy(), quadrant=shown["quadrant"].to_numpy()
        )
        details = [
            alt.Tooltip("unit:N", title=text.SAFETY_UNIT),
            alt.Tooltip("quadrant:N", title=text.SAFETY_QUADRANT),
        ]
    low = max(0.0, min(float(data["production_rate"].min()), STRONG_PRODUCTION) - MARGIN)
    high = max(float(data["production_rate"].max()), STRONG_PRODUCTION) + MARGIN
    y_scale = alt.Scale(domain=[low, high], zero=False, nice=False)
    x = alt.X(
        "score:Q",
        title=text.SAFETY_SCORE,
        scale=alt.Scale(domain=[0, 100]),
        axis=alt.Axis(values=[0, 20, 40, 60, 70, STRONG_SCORE, 90, 100]),  # the star lines, as 对标评星
    )
    y = alt.Y(
        "production_rate:Q", title=text.SAFETY_PRODUCTION_RATE, scale=y_scale, axis=alt.Axis(format="%")
    )
    points = (
        alt.Chart(data, title=title)
        .mark_point(filled=True, size=180, opacity=0.85, stroke="white", strokeWidth=1)
        .encode(
            x=x,
            y=y,
            color=alt.Color(
                "state:N",
                title=text.SAFETY_STATE,
                scale=alt.Scale(domain=list(STATES), range=[colour for colour, _ in STATES.values()]),
            ),
            shape=alt.Shape(
                "state:N",
                title=text.SAFETY_STATE,
                scale=alt.Scale(domain=list(STATES), range=[shape for _, shape in STATES.values()]),
            ),
            tooltip=[
                alt.Tooltip("branch:N", title=text.BRANCH),
                alt.Tooltip("score:Q", title=text.SAFETY_SCORE, format=".1f"),
                alt.Tooltip("production_rate:Q", title=text.SAFETY_PRODUCTION_RATE, format=".1%"),
                alt.Tooltip("state:N", title=text.SAFETY_STATE),
                *details,
            ],
        )
    )
    lines = [
        alt.Chart(pd.DataFrame({"score": [STRONG_SCORE]}))
        .mark_rule(strokeDash=[6, 4], color=GREY)
        .encode(x=x),
        alt.Chart(pd.DataFrame({"production_rate": [STRONG_PRODUCTION]}))
        .mark_rule(strokeDash=[6, 4], color=GREY)
        .encode(y=y),
    ]
    top, bottom = high - MARGIN / 3, low + MARGIN / 3
    corners = [
        _corner_names([(WEAK_BOTH, bottom), (PRODUCTION_ONLY, top)], at=0, align="left", y=y),
        _corner_names([(STRONG_BOTH, top), (PARTY_ONLY, bottom)], at=100, align="right", y=y),
    ]
    return themed(alt.layer(*lines, *corners, points).properties(height=420))


def _corner_names(
    names: list[tuple[str, float]], *, at: float, align: Literal["left", "right"], y: alt.Y
) -> alt.Chart:
    corner = pd.DataFrame(
        {"quadrant": [name for name, _ in names], "score": at, "production_rate": [y for _, y in names]}
    )
    return (
        alt.Chart(corner)
        .mark_text(
            align=align,
            dx=6 if align == "left" else -6,
            fontSize=15,
            fontWeight="bold",
            color=GREY,
            aria=False,  # the names are the chart's text; as marks they would read "score: 0; …"
        )
        .encode(x="score:Q", y=y, text="quadrant:N")
    )


def violation_rates(by_branch: pd.DataFrame, *, title: str) -> alt.TopLevelMixin:
    """党员 and 非党员 三违 per thousand people, two bars a 党支部 with their values written at their
    ends; the 党支部 with a safety record, the highest 党员 rate first (at group scale its first 40)."""
    recorded = by_branch[by_branch["has_record"]]
    ranked = recorded.sort_values("member_violation_rate", ascending=False, kind="stable")["branch"]
    shown, total = limit.first_branches(recorded, ranked.tolist())
    order = [branch for branch in ranked if branch in set(shown["branch"])]
    data = pd.concat(
        [
            pd.DataFrame(
                {
                    "branch": shown["branch"],
                    "group": group,
                    "rate": shown[rate].astype(float),
                    "violations": shown[count],
                    "people": shown[people],
                }
            )
            for group, rate, count, people in (
                (text.SAFETY_MEMBERS, "member_violation_rate", "violations_members", "members"),
                (text.SAFETY_OTHERS, "other_violation_rate", "violations_others", "others"),
            )
        ],
        ignore_index=True,
    )
    data["label"] = [format.per_thousand(rate) for rate in data["rate"]]
    groups = list(GROUP_COLOURS)
    widest = float(data["rate"].max()) if data["rate"].notna().any() else 0.0
    base = alt.Chart(data, title=limit.title(title, shown, total)).encode(
        y=alt.Y("branch:N", sort=order, title=None, axis=alt.Axis(labelLimit=220)),
        yOffset=alt.YOffset("group:N", sort=groups),
    )
    bars = base.mark_bar(height={"band": 0.8}).encode(
        x=alt.X(
            "rate:Q",
            title=text.SAFETY_RATES_AXIS,
            scale=alt.Scale(domain=[0, max(widest * 1.2, 1.0)]),
            axis=alt.Axis(tickCount=6),  # Vega's default, a tick every 40 px, ran the labels together
        ),
        color=alt.Color(
            "group:N",
            title=None,
            scale=alt.Scale(domain=groups, range=list(GROUP_COLOURS.values())),
        ),
        tooltip=[
            alt.Tooltip("branch:N", title=text.BRANCH),
            alt.Tooltip("group:N", title=text.SAFETY_GROUP),
            alt.Tooltip("label:N", title=text.SAFETY_RATES_AXIS),
            alt.Tooltip("violations:Q", title=text.SAFETY_VIOLATIONS),
            alt.Tooltip("people:Q", title=text.SAFETY_PEOPLE),
        ],
    )
    labels = base.mark_text(align="left", dx=4, fontSize=13).encode(x="rate:Q", text="label:N")
    return themed(alt.layer(bars, labels).properties(height=max(160, 48 * len(order))))


def correlation_trend(trend: pd.DataFrame, *, title: str) -> alt.TopLevelMixin:
    """The month's correlation across 党支部 of the 对标 score with 生产计划完成率 and with 三违率, from −1
    to 1; a month without one (too few 党支部) breaks the line rather than joining its neighbours."""
    data = pd.concat(
        [
            pd.DataFrame(
                {
                    "month": trend["month"],
                    "series": series,
                    "r": [None if pd.isna(r) else float(r) for r in trend[r_column]],
                    "branches": trend[count],
                }
            )
            for series, r_column, count in (
                (text.SAFETY_TREND_PRODUCTION, "production_r", "production_branches"),
                (text.SAFETY_TREND_SAFETY, "safety_r", "safety_branches"),
            )
        ],
        ignore_index=True,
    )
    data["month_label"] = month_labels(data["month"])
    series = list(SERIES_COLOURS)
    x = alt.X(
        "month_label:O", title=None, sort=month_labels(trend["month"]).tolist(), axis=alt.Axis(labelAngle=0)
    )
    lines = (
        alt.Chart(data, title=title)
        .mark_line(point=alt.OverlayMarkDef(size=80, filled=True), invalid="break-paths-filter-domains")
        .encode(
            x=x,
            y=alt.Y("r:Q", title=text.SAFETY_R, scale=alt.Scale(domain=[-1, 1])),
            color=alt.Color(
                "series:N",
                title=None,
                scale=alt.Scale(domain=series, range=list(SERIES_COLOURS.values())),
                legend=alt.Legend(labelLimit=0),  # the series' names whole
            ),
            tooltip=[
                alt.Tooltip("month:N", title=text.MONTH),
                alt.Tooltip("series:N", title=text.SAFETY_SERIES),
                alt.Tooltip("r:Q", title=text.SAFETY_R, format="+.2f"),
                alt.Tooltip("branches:Q", title=text.SAFETY_BRANCH_COUNT),
            ],
        )
    )
    zero = alt.Chart(pd.DataFrame({"r": [0]})).mark_rule(color=GREY).encode(y="r:Q")
    return themed(alt.layer(zero, lines).properties(height=260))
