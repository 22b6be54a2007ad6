"""Charts of 经费使用."""

import altair as alt
import pandas as pd

from data_layer.vocab import BudgetStatus
from ui import format, text
from ui.charts import limit
from ui.charts.theme import AMBER, GOLD, GREEN, GREY, PARTY_RED, RED_BROWN, month_labels, status_label, themed

BUDGET_STATUS_COLOURS = {
    BudgetStatus.OVERSPENT: RED_BROWN,
    BudgetStatus.TOO_FAST: AMBER,
    BudgetStatus.TOO_SLOW: AMBER,
    BudgetStatus.NORMAL: GREEN,
    text.BUDGET_UNBUDGETED: GREY,
}


def _budget_bars(data: pd.DataFrame, *, field: str, title: str, colour: alt.Color | alt.ColorValue):
    """Grey bar = the year's budget, inner bar = spending January–M, the label beside the longer one."""
    y = alt.Y(f"{field}:N", sort=data[field].tolist(), title=None, axis=alt.Axis(labelLimit=220))
    base = alt.Chart(data).encode(y=y)
    money_axis = alt.Axis(format=",.0f")
    budget = base.mark_bar(height={"band": 0.8}, color="#DDDDDD").encode(
        x=alt.X("allocated:Q", title=text.BUDGET_AMOUNT_AXIS, axis=money_axis)
    )
    tooltip = [
        alt.Tooltip(f"{field}:N", title=text.BUDGET_CATEGORY if field == "category" else text.BRANCH),
        alt.Tooltip("allocated:Q", title=text.BUDGET_ALLOCATED_YUAN, format=",.2f"),
        alt.Tooltip("spent:Q", title=text.BUDGET_SPENT_YUAN, format=",.2f"),
        alt.Tooltip("execution_rate:Q", title=text.BUDGET_EXECUTION, format=".1%"),
    ]
    spent = base.mark_bar(height={"band": 0.4}).encode(x="spent:Q", color=colour, tooltip=tooltip)
    labels = base.mark_text(align="left", dx=6, fontSize=13, color="#333333").encode(
        x="end:Q", text="label:N"
    )
    return themed(alt.layer(budget, spent, labels).properties(title=title, height=max(140, 40 * len(data))))


def _money_frame(frame: pd.DataFrame) -> pd.DataFrame:
    allocated, spent = frame["allocated"].astype(float), frame["spent_ytd"].astype(float)
    return frame.assign(
        allocated=allocated, spent=spent, end=pd.concat([allocated, spent], axis=1).max(axis=1)
    )


def budget_by_branch(branches: pd.DataFrame, *, title: str) -> alt.TopLevelMixin:
    """Each 党支部's budget and spending, the spending bar coloured by status and labelled "52.0% 偏快"."""
    urgency = {status: rank for rank, status in enumerate(BUDGET_STATUS_COLOURS)}
    ranked = branches.assign(
        urgency=branches["status"].map(urgency).fillna(len(urgency)),
        rate=-pd.to_numeric(branches["execution_rate"], errors="coerce"),
    ).sort_values(["urgency", "rate"], kind="stable")
    branches, total = limit.first_branches(branches, ranked["branch"].tolist())
    title = limit.title(title, branches, total)
    data = _money_frame(branches)
    data["status"] = data["status"].fillna(text.BUDGET_UNBUDGETED)
    data["label"] = [
        text.BUDGET_UNBUDGETED if pd.isna(rate) else f"{format.percent(rate)} {status_label(status)}"
        for rate, status in zip(data["execution_rate"], data["status"], strict=True)
    ]
    statuses = [status for status in BUDGET_STATUS_COLOURS if status in set(data["status"])]
    colour = alt.Color(
        "status:N",
        title=text.STATUS,
        scale=alt.Scale(domain=statuses, range=[BUDGET_STATUS_COLOURS[s] for s in statuses]),
    )
    return _budget_bars(data, field="branch", title=title, colour=colour)


def budget_by_category(categories: pd.DataFrame, *, title: str) -> alt.TopLevelMixin:
    """Each category's budget and spending, labelled with its execution rate."""
    data = _money_frame(categories)
    data["label"] = [
        text.BUDGET_UNBUDGETED if pd.isna(r) else format.percent(r) for r in data["execution_rate"]
    ]
    return _budget_bars(data, field="category", title=title, colour=alt.ColorValue(GOLD))


def cumulative_spending(cumulative: pd.DataFrame, *, title: str) -> alt.TopLevelMixin:
    """Spending January–M added up month by month, against the straight pacing line budget × n ÷ 12."""
    series = {"cumulative": text.BUDGET_CUMULATIVE, "pacing": text.BUDGET_PACING}
    data = cumulative.melt(id_vars=["month"], value_vars=list(series), var_name="series", value_name="amount")
    data["series"] = data["series"].map(series)
    data["month_label"] = month_labels(data["month"])
    order = list(dict.fromkeys(data["month_label"]))
    names = list(series.values())
    chart = (
        alt.Chart(data, title=title)
        .mark_line(point=True)
        .encode(
            x=alt.X("month_label:O", title=text.MONTH, sort=order, axis=alt.Axis(labelAngle=0)),
            y=alt.Y("amount:Q", title=text.BUDGET_AMOUNT_AXIS, axis=alt.Axis(format=",.0f")),
            color=alt.Color(
                "series:N", title=None, scale=alt.Scale(domain=names, range=[PARTY_RED, "#333333"])
            ),
            strokeDash=alt.StrokeDash(
                "series:N", title=None, scale=alt.Scale(domain=names, range=[[1, 0], [6, 4]])
            ),
            tooltip=[
                alt.Tooltip("month:N", title=text.MONTH),
                alt.Tooltip("series:N", title=text.BUDGET_SERIES),
                alt.Tooltip("amount:Q", title=text.BUDGET_AMOUNT_AXIS, format=",.2f"),
            ],
        )
    )
    return themed(chart.properties(height=280))
