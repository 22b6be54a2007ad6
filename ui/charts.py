"""One Altair theme for the screen and for exported images, and the charts the pages draw.

Status colours never rely on red alone: green for 正常/已完成, amber for 滞后, a dark red-brown for
严重滞后/超期, and every bar carries its status as text too (projectors wash out colour).
"""

import altair as alt
import pandas as pd

from data_layer.metrics.meetings import MONTH, QUARTER, MeetingStatus
from data_layer.rules import QUARTERLY
from data_layer.vocab import BudgetStatus, SubmissionStatus, TaskStatus
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
RATE_AXIS = alt.Axis(format="%", values=[0, 0.25, 0.5, 0.75, 1])
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


def completion_ranking(branches: pd.DataFrame, *, title: str, pick: str | None = None) -> alt.TopLevelMixin:
    """Branches ranked by task completion rate: a bar coloured by status, a tick at plan progress.

    With ``pick`` the bars can be clicked; the selection of that name carries the ``branch_id``.
    """
    columns = ["branch_id", "branch", "completion_rate", "plan_progress", "status"]
    data = branches.dropna(subset=["completion_rate"])[columns].copy()
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

# --- 任务完成 ---


def completion_heatmap(heatmap: pd.DataFrame, *, title: str) -> alt.TopLevelMixin:
    """Branch × month grid of completion rates, with the rate written in each cell."""
    data = heatmap.dropna(subset=["completion_rate"]).assign(
        month_label=lambda frame: frame["month"].str[5:].astype(int).astype(str) + "月",
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
            scale=alt.Scale(domain=[0, 1], range=["#FFF4E0", GOLD, PARTY_RED]),
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
    data = history.assign(month_label=history["month"].str[5:].astype(int).astype(str) + "月")
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


# --- 学习进度 ---


def study_by_branch(branches: pd.DataFrame, *, title: str, lagging: float) -> alt.TopLevelMixin:
    """学习达标率 per branch, lowest first; the lagging threshold drawn as a dashed line."""
    data = branches.assign(
        label=[f"{rate * 100:.1f}%" for rate in branches["on_track_rate"]],
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
    data = trend.assign(month_label=trend["month"].str[5:].astype(int).astype(str) + "月")
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


# --- 经费使用 ---

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
    data = _money_frame(branches)
    data["status"] = data["status"].fillna(text.BUDGET_UNBUDGETED)
    data["label"] = [
        text.BUDGET_UNBUDGETED if pd.isna(rate) else f"{rate * 100:.1f}% {status_label(status)}"
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
        text.BUDGET_UNBUDGETED if pd.isna(r) else f"{r * 100:.1f}%" for r in data["execution_rate"]
    ]
    return _budget_bars(data, field="category", title=title, colour=alt.value(GOLD))


def cumulative_spending(cumulative: pd.DataFrame, *, title: str) -> alt.TopLevelMixin:
    """Spending January–M added up month by month, against the straight pacing line budget × n ÷ 12."""
    series = {"cumulative": text.BUDGET_CUMULATIVE, "pacing": text.BUDGET_PACING}
    data = cumulative.melt(id_vars=["month"], value_vars=list(series), var_name="series", value_name="amount")
    data["series"] = data["series"].map(series)
    data["month_label"] = data["month"].str[5:].astype(int).astype(str) + "月"
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


# --- 三会一课 ---

# Done cells are a light green so that the missing ones (dark red-brown, "▼ 未完成") stand out.
MEETING_COLOURS = {
    MeetingStatus.DONE: "#A5D6A7",
    MeetingStatus.MISSING: RED_BROWN,
    MeetingStatus.PENDING: "#F6D58E",
    MeetingStatus.NOT_REQUIRED: "#EEEEEE",
}
MEETING_INK = {MeetingStatus.DONE: "#1B5E20", MeetingStatus.MISSING: "white"}


def meeting_cell(held: int, required: int, status: str) -> str:
    """Held/required ("0/1") with the status in words, so that a cell reads without its colour."""
    if status == MeetingStatus.NOT_REQUIRED:
        return f"{held}/0 {status}" if held else status
    if status == MeetingStatus.QUARTERLY:
        return f"{held} 次（{status}）"
    icon = "▼ " if status == MeetingStatus.MISSING else ""
    return f"{held}/{required} {icon}{status}"


def meeting_cells(by_branch: pd.DataFrame, period: str) -> pd.DataFrame:
    """Branch × kind cells of one period (one column per kind, ``branch_id`` first).

    In the month, the quarterly kinds are left out: they are judged over the quarter.
    """
    rows = by_branch[(by_branch["period"] == period) & (by_branch["status"] != MeetingStatus.QUARTERLY)]
    cells = rows.assign(
        cell=[meeting_cell(*row) for row in zip(rows["held"], rows["required"], rows["status"], strict=True)]
    )
    kinds = list(dict.fromkeys(cells["kind"]))
    return cells.pivot(index="branch_id", columns="kind", values="cell")[kinds].reset_index()


def meetings_grid(by_branch: pd.DataFrame, *, title: str) -> alt.TopLevelMixin:
    """Branch × kind grid of meetings held against required: the month for the monthly kinds, the
    quarter so far for the quarterly ones; each cell is coloured by status and says it in words."""
    monthly = (by_branch["period"] == MONTH) & (by_branch["status"] != MeetingStatus.QUARTERLY)
    quarterly = (by_branch["period"] == QUARTER) & (by_branch["frequency"] == QUARTERLY)
    data = by_branch[monthly | quarterly].copy()
    data["column"] = [
        text.MEETINGS_QUARTER_KIND.format(kind=kind) if period == QUARTER else kind
        for kind, period in zip(data["kind"], data["period"], strict=True)
    ]
    data["label"] = [
        meeting_cell(*row) for row in zip(data["held"], data["required"], data["status"], strict=True)
    ]
    data["ink"] = data["status"].map(MEETING_INK).fillna("#333333")
    statuses = [status for status in MEETING_COLOURS if status in set(data["status"])]
    base = alt.Chart(data, title=title).encode(
        x=alt.X(
            "column:N",
            title=text.MEETINGS_KIND,
            sort=list(dict.fromkeys(data["column"])),
            axis=alt.Axis(orient="top", labelAngle=0),
        ),
        y=alt.Y(
            "branch:N",
            title=text.BRANCH,
            sort=list(dict.fromkeys(data["branch"])),
            axis=alt.Axis(labelLimit=220),
        ),
    )
    cells = base.mark_rect(stroke="white", strokeWidth=2).encode(
        color=alt.Color(
            "status:N",
            title=text.STATUS,
            scale=alt.Scale(domain=statuses, range=[MEETING_COLOURS[s] for s in statuses]),
        ),
        tooltip=[
            alt.Tooltip("branch:N", title=text.BRANCH),
            alt.Tooltip("column:N", title=text.MEETINGS_KIND),
            alt.Tooltip("held:Q", title=text.MEETINGS_HELD),
            alt.Tooltip("required:Q", title=text.MEETINGS_REQUIRED),
            alt.Tooltip("status:N", title=text.STATUS),
        ],
    )
    labels = base.mark_text(fontSize=13).encode(text="label:N", color=alt.Color("ink:N", scale=None))
    height = max(120, 40 * data["branch"].nunique())
    return themed(alt.layer(cells, labels).properties(height=height))


# --- 填报进度 ---

SUBMISSION_COLOURS = {
    SubmissionStatus.APPROVED: GREEN,
    SubmissionStatus.SUBMITTED: "#81C784",
    SubmissionStatus.DRAFT: AMBER,
    SubmissionStatus.RETURNED: RED_BROWN,
    SubmissionStatus.NONE: "#E0E0E0",
}


def submission_grid(grid: pd.DataFrame, *, title: str) -> alt.TopLevelMixin:
    """Branch × month grid of submission statuses; overdue cells say 逾期 in words too."""
    data = grid.assign(
        month_label=grid["month"].str[5:].astype(int).astype(str) + "月",
        label=[
            f"{status}·{text.BOARD_OVERDUE}" if late else status
            for status, late in zip(grid["status"], grid["overdue"], strict=True)
        ],
    )[["branch", "month", "month_label", "status", "label"]]
    order = list(dict.fromkeys(data["branch"]))
    base = alt.Chart(data, title=title).encode(
        x=alt.X(
            "month_label:O",
            title=None,
            sort=list(dict.fromkeys(data["month_label"])),
            axis=alt.Axis(labelAngle=0),
        ),
        y=alt.Y("branch:N", title=None, sort=order, axis=alt.Axis(labelLimit=220)),
    )
    statuses = list(SUBMISSION_COLOURS)
    cells = base.mark_rect(stroke="white").encode(
        color=alt.Color(
            "status:N",
            title=text.SUBMISSION_STATUS,
            scale=alt.Scale(domain=statuses, range=[SUBMISSION_COLOURS[s] for s in statuses]),
        ),
        tooltip=[
            alt.Tooltip("branch:N", title=text.BRANCH),
            alt.Tooltip("month:N", title=text.MONTH),
            alt.Tooltip("label:N", title=text.SUBMISSION_STATUS),
        ],
    )
    labels = base.mark_text(fontSize=11).encode(
        text="label:N",
        color=alt.condition(
            alt.FieldOneOfPredicate(
                field="status", oneOf=[SubmissionStatus.APPROVED, SubmissionStatus.RETURNED]
            ),
            alt.value("white"),
            alt.value("#333333"),
        ),
    )
    return themed(alt.layer(cells, labels).properties(height=max(160, 26 * len(order))))
