"""Charts of the monthly report files, drawn from the JSON report with the screen's theme
(``data_layer.reports.theme``).

Altair only: the specs are rendered to PNG with vl-convert (``png``), which finds the CJK font
(Noto Sans CJK, Debian package fonts-noto-cjk) among the system fonts.
"""

import altair as alt
import pandas as pd
import vl_convert as vlc

from data_layer import display
from data_layer.metrics.safety import ACCIDENT
from data_layer.metrics.safety_view import QUADRANTS, STRONG_PRODUCTION, STRONG_SCORE
from data_layer.reports.theme import (
    GOLD,
    GREEN,
    PARTY_RED,
    RATE_AXIS,
    RED_BROWN,
    STATUS_COLOURS,
    STATUS_ICONS,
    themed,
)

WIDTH = 460


def _label(rate: float, status: str | None) -> str:
    icon = STATUS_ICONS.get(status) if status else None
    words = f"{icon} {status}" if icon else (status or "")
    return f"{display.percent(rate)} {words}".strip()


def _status_bars(data: pd.DataFrame, *, rate: str, title: str, axis_title: str, tick: str | None):
    """Branches as bars of ``rate`` coloured by status with the figure written beside, a tick at ``tick``."""
    data = data.assign(label=[_label(r, s) for r, s in zip(data[rate], data["status"], strict=True)])
    order = data.sort_values(rate, ascending=False, kind="stable")["branch"].tolist()
    statuses = list(dict.fromkeys(data["status"]))
    base = alt.Chart(data, title=title).encode(
        y=alt.Y("branch:N", sort=order, title=None, axis=alt.Axis(labelLimit=220))
    )
    bars = base.mark_bar(height={"band": 0.7}).encode(
        x=alt.X(f"{rate}:Q", title=axis_title, scale=alt.Scale(domain=[0, 1.3]), axis=RATE_AXIS),
        color=alt.Color(
            "status:N",
            title="状态",
            scale=alt.Scale(domain=statuses, range=[STATUS_COLOURS.get(s, GOLD) for s in statuses]),
        ),
    )
    layers = [bars]
    if tick:
        layers.append(base.mark_tick(color="#222222", thickness=2, size=22).encode(x=f"{tick}:Q"))
    layers.append(
        base.mark_text(align="left", dx=6, fontSize=13, color="#333333").encode(x=f"{rate}:Q", text="label:N")
    )
    return themed(alt.layer(*layers).properties(width=WIDTH, height=max(120, 34 * len(data))))


def completion_ranking(report: dict) -> alt.TopLevelMixin | None:
    """党支部 by task completion, the tick at plan progress (as on 总览)."""
    rows = [row for row in report["tasks"]["by_branch"] if row["completion_rate"] is not None]
    if not rows:
        return None
    data = pd.DataFrame(rows)[["branch", "completion_rate", "plan_ratio", "status"]]
    return _status_bars(
        data, rate="completion_rate", title="各党支部任务完成率", axis_title="任务完成率", tick="plan_ratio"
    )


def budget_by_branch(report: dict) -> alt.TopLevelMixin | None:
    """党支部 by budget execution, the tick at the year's time progress."""
    budget = report["budget"]
    rows = [row for row in budget["by_branch"] if row["execution_rate"] is not None]
    if not rows:
        return None
    data = pd.DataFrame(rows)[["branch", "execution_rate", "status"]].assign(
        time_progress=budget.get("time_progress")
    )
    tick = "time_progress" if budget.get("time_progress") is not None else None
    return _status_bars(
        data, rate="execution_rate", title="各党支部经费执行率", axis_title="经费执行率", tick=tick
    )


def study_by_branch(report: dict) -> alt.TopLevelMixin | None:
    """党支部 by the share of members on track with their study."""
    rows = [row for row in report["study"]["by_branch"] if row["on_track_rate"] is not None]
    if not rows:
        return None
    data = pd.DataFrame(rows)[["branch", "on_track_rate"]].assign(
        label=lambda frame: [display.percent(rate) for rate in frame["on_track_rate"]]
    )
    order = data.sort_values("on_track_rate", ascending=False, kind="stable")["branch"].tolist()
    base = alt.Chart(data, title="各党支部学习达标率").encode(
        y=alt.Y("branch:N", sort=order, title=None, axis=alt.Axis(labelLimit=220))
    )
    bars = base.mark_bar(height={"band": 0.7}, color=PARTY_RED).encode(
        x=alt.X("on_track_rate:Q", title="学习达标率", scale=alt.Scale(domain=[0, 1.2]), axis=RATE_AXIS)
    )
    labels = base.mark_text(align="left", dx=6, fontSize=13, color="#333333").encode(
        x="on_track_rate:Q", text="label:N"
    )
    return themed(alt.layer(bars, labels).properties(width=WIDTH, height=max(120, 34 * len(data))))


SLATE = "#5B6C8F"  # the theme's third category colour
QUADRANT_COLOURS = dict(zip(QUADRANTS, (GREEN, GOLD, SLATE, RED_BROWN), strict=True))
ACCIDENT_MARK = "（事故）"
LABELLED = 6  # points named on the chart, at most (the demo mine's 8 crowd into one corner: names overlap)


def safety_quadrants(report: dict) -> alt.TopLevelMixin | None:
    """党建+安全生产: each 党支部 by its 对标 score (across) and 生产计划完成率 (up), the lines at the 四星 score
    and at 100 %, each point named while there are few (an accident is always written beside its 党支部's
    name, not told by colour alone)."""
    rows = [row for row in (report.get("safety") or {}).get("by_branch") or [] if row["quadrant"]]
    if not rows:
        return None
    data = pd.DataFrame(rows)[["branch", "score", "production_rate", "quadrant", "safety_state"]]
    # Every point named while names can be read; beyond that only the 党支部 with an accident.
    few = len(data) <= LABELLED
    data["label"] = [
        f"{branch}{ACCIDENT_MARK}" if state == ACCIDENT else (branch if few else "")
        for branch, state in zip(data["branch"], data["safety_state"], strict=True)
    ]
    top = max(1.2, float(data["production_rate"].max()) + 0.05)
    bottom = min(0.6, float(data["production_rate"].min()) - 0.05)
    base = alt.Chart(data, title="党建与生产四象限")
    points = base.mark_circle(size=160 if few else 60, opacity=0.9 if few else 0.7).encode(
        x=alt.X("score:Q", title="对标得分", scale=alt.Scale(domain=[0, 100])),
        y=alt.Y(
            "production_rate:Q",
            title="生产计划完成率",
            scale=alt.Scale(domain=[bottom, top], zero=False),
            axis=alt.Axis(format="%"),
        ),
        color=alt.Color(
            "quadrant:N",
            title="象限",
            scale=alt.Scale(domain=list(QUADRANTS), range=list(QUADRANT_COLOURS.values())),
        ),
    )
    labels = base.mark_text(align="left", dx=9, dy=-11, fontSize=12, color="#333333").encode(
        x="score:Q", y="production_rate:Q", text="label:N"
    )
    lines = [
        alt.Chart(pd.DataFrame({"score": [STRONG_SCORE]})).mark_rule(strokeDash=[4, 4]).encode(x="score:Q"),
        alt.Chart(pd.DataFrame({"production_rate": [STRONG_PRODUCTION]}))
        .mark_rule(strokeDash=[4, 4])
        .encode(y="production_rate:Q"),
    ]
    return themed(alt.layer(*lines, points, labels).properties(width=WIDTH, height=340))


def report_charts(report: dict) -> list[alt.TopLevelMixin]:
    """The charts of the report that have data, in the order of the narrative."""
    charts = [
        completion_ranking(report),
        study_by_branch(report),
        budget_by_branch(report),
        safety_quadrants(report),
    ]
    return [chart for chart in charts if chart is not None]


def png(chart: alt.TopLevelMixin, *, scale: float = 2) -> bytes:
    """The chart as a PNG image (vl-convert, no browser)."""
    return vlc.vegalite_to_png(chart.to_dict(), scale=scale)
