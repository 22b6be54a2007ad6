"""会议模式 slides: one subject per screen, drawn large for a projector.

Each slide is a function of the page context that draws its subject for the chosen month and
organisations from the cached views (ui/data.py) and the pages' charts (ui/charts), restyled with
twice the type. The deck logic (which slide, when to turn) is plain functions, tested directly.
"""

import math
from collections.abc import Callable
from dataclasses import dataclass

import altair as alt
import pandas as pd
import streamlit as st

from data_layer import clock
from data_layer.metrics import stars
from data_layer.metrics.safety_view import STRONG_SCORE
from data_layer.reports.safety import talk_reasons
from data_layer.rules import STUDY_LAGGING_RATE
from ui import charts, components, data, format, lean_ui, safety_ui, text
from ui.charts import limit
from ui.literal import literal
from ui.shell import PageContext

# --- The deck: which slide, and when the next one is due (no Streamlit here) ---

DEFAULT_SECONDS = 20
MIN_SECONDS, MAX_SECONDS = 5, 600
TICK_SLACK = 0.5  # the timer ticks once a second; a tick half a second early still turns the slide
STALE_AFTER = 3  # a clock this many periods old means the page was left: restart it, do not turn


def seconds_between(value: str | None) -> int:
    """The ``meeting_seconds`` setting as a number of seconds (5–600; 20 when unset or unreadable)."""
    try:
        seconds = int(str(value).strip())
    except (TypeError, ValueError):
        return DEFAULT_SECONDS
    return min(max(seconds, MIN_SECONDS), MAX_SECONDS)


def step(index: int, count: int, by: int) -> int:
    """The slide ``by`` away from ``index``, wrapping at both ends."""
    return (index + by) % count


def tick(
    *, index: int, shown_at: float, now: float, seconds: int, paused: bool, count: int
) -> tuple[int, float]:
    """(slide, shown since) after a tick of the clock at ``now``.

    Paused: nothing moves. A slide shown for ``seconds`` gives way to the next. A clock far older than
    that (the meeting page was left and opened again) restarts without turning the slide.
    """
    if paused:
        return index, shown_at
    elapsed = now - shown_at
    if elapsed >= STALE_AFTER * seconds or elapsed < 0:
        return index, now
    if elapsed >= seconds - TICK_SLACK:
        return step(index, count, 1), now
    return index, shown_at


def seconds_left(*, shown_at: float, now: float, seconds: int) -> int:
    return max(0, math.ceil(seconds - (now - shown_at)))


# --- How the slides look: our own constant CSS (never user text) ---

PROJECTOR_CSS = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
[data-testid="stExpandSidebarButton"] { display: none !important; }
[data-testid="stMainBlockContainer"] { padding: 1.2rem 2.5rem 1rem 2.5rem; max-width: 100%; }
[data-testid="stMain"] h1 { font-size: 3.2rem; padding: 0.2rem 0 0.6rem 0; }
[data-testid="stMain"] [data-testid="stMarkdownContainer"] p { font-size: 2rem; line-height: 1.45; }
[data-testid="stMain"] [data-testid="stCaptionContainer"] p { font-size: 1.6rem; }
[data-testid="stMain"] [data-testid="stAlertContainer"] p { font-size: 1.9rem; }
[data-testid="stMetricLabel"], [data-testid="stMetricLabel"] * { font-size: 1.9rem !important; height: auto; }
[data-testid="stMetricValue"], [data-testid="stMetricValue"] * { font-size: clamp(2.6rem, 3.6vw, 4.5rem) !important; line-height: 1.15; }
[data-testid="stMetricDelta"] { font-size: 1.7rem !important; }
[data-testid="stMetricDelta"] svg { width: 1.7rem; height: 1.7rem; }
[data-testid="stMain"] [data-testid="stTable"] th,
[data-testid="stMain"] [data-testid="stTable"] td { font-size: 1.7rem; padding: 0.5rem 0.8rem; color: #222; }
.st-key-slide-ranking [data-testid="stTable"] th, .st-key-slide-ranking [data-testid="stTable"] td {
  white-space: nowrap; }
[data-testid="stMain"] button p, [data-testid="stMain"] [data-testid="stPageLink"] p { font-size: 1.5rem; }
.st-key-meeting-bar [data-testid="stMarkdownContainer"] p { font-size: 1.8rem; }
.st-key-meeting-bar [data-testid="stCaptionContainer"] p { font-size: 1.3rem; }
</style>"""

LABEL_SIZE = 22  # chart text on the pages is 13 px; twice the normal type for the back of the room
MIN_LABEL_SIZE = 18  # the least chart text a slide draws (UX: chart text ≥ 18 px in meeting mode)
ROW_HEIGHT = 40


# Tallest chart that still fits under the title on a 1280×720 projector (measured in Chromium).
MAX_HEIGHT = 430
# Branches a slide's chart draws, those needing attention most: at MAX_HEIGHT each row keeps
# MIN_LABEL_SIZE type (a row's text is at most 0.55 of its height); the pages draw them all.
SLIDE_ROWS = 12


def projected(chart: alt.TopLevelMixin, *, rows: int, label_size: int = LABEL_SIZE) -> alt.TopLevelMixin:
    """A page chart restyled for a projector: larger axis, legend and label type, taller rows.

    With many rows the chart is capped at MAX_HEIGHT and the type shrinks to fit a row, never overlaps
    and never below MIN_LABEL_SIZE (the slides draw at most SLIDE_ROWS rows).
    """
    height = min(MAX_HEIGHT, max(260, ROW_HEIGHT * rows))
    label_size = max(MIN_LABEL_SIZE, min(label_size, int(height / max(rows, 1) * 0.55)))
    big = (
        chart.configure_axis(labelFontSize=label_size, titleFontSize=LABEL_SIZE, gridColor="#EEEEEE")
        .configure_title(fontSize=26, anchor="start", color="#333333")
        .configure_legend(labelFontSize=20, titleFontSize=20, orient="top", symbolSize=260)
    )
    for layer in getattr(big, "layer", []):
        mark = layer.mark
        if isinstance(mark, alt.MarkDef) and mark.type == "text":
            mark.fontSize = label_size
    return big.properties(height=height)


def heading(month: str, subject: str) -> str:
    """What and when, e.g. "2026年10月 各党支部任务完成率"."""
    return f"{format.month_label(month)} {subject}"


def _title(context: PageContext, subject: str) -> None:
    st.title(heading(context.filters.month, subject), anchor=False)


def _show(build: Callable[..., alt.TopLevelMixin], frame: pd.DataFrame, *, rows: int, **options) -> None:
    """``build(frame, title="", **options)``, one of the pages' charts, drawn for the projector: at most
    SLIDE_ROWS branches (its title then says how many there are), sized by its rows."""
    label_size = options.pop("label_size", LABEL_SIZE)
    with limit.at_most(SLIDE_ROWS, note=text.SLIDE_LIMITED):
        chart = build(frame, title="", **options)
    shown = projected(chart, rows=min(rows, SLIDE_ROWS), label_size=label_size)
    # Streamlit types the chart as the concrete chart classes; ours are typed by their base
    st.altair_chart(shown, theme=None, width="stretch")  # type: ignore[call-overload]


def _figures(figures: list[tuple[str, str]]) -> None:
    for label, value in figures:
        st.metric(label, value, border=True)


def _overview(context: PageContext):
    chosen = context.filters
    return data.overview(context.url, context.actor, chosen.month, chosen.org_ids)


# --- One function per subject ---


def overview_slide(context: PageContext) -> None:
    """The four headline figures with 环比, as on 总览."""
    overview = _overview(context)
    _title(context, text.SLIDE_OVERVIEW)
    figures = [
        (text.TASK_COMPLETION, overview.task_completion),
        (text.STUDY_ON_TRACK, overview.study_on_track),
        (text.BUDGET_EXECUTION, overview.budget_execution),
        (text.SUBMISSION_RATE, overview.submission),
    ]
    for column, (label, figure) in zip(st.columns(2, border=False) * 2, figures, strict=True):
        with column:
            components.rate_metric(label, figure, border=True)
    status = overview.budget_status or text.NO_VALUE
    st.caption(text.BUDGET_HELP.format(time=format.percent(overview.time_progress), status=status))


def tasks_slide(context: PageContext) -> None:
    """Task completion by 党支部 against plan progress."""
    chosen = context.filters
    view = data.tasks_view(context.url, context.actor, chosen.month, chosen.org_ids)
    _title(context, text.SLIDE_TASKS)
    if view.tasks.empty or not view.branches["completion_rate"].notna().any():
        st.info(text.NO_BRANCH_TASKS, icon=":material/info:")
        return
    figures, chart = st.columns([1, 3.2])
    with figures:
        _figures(
            [
                (text.TASK_COMPLETION, format.percent(view.completion_rate)),
                (text.PLAN_PROGRESS, format.percent(view.plan_progress)),
                (text.TASKS_OVERDUE, f"{len(view.overdue)} 项"),
            ]
        )
    with chart:
        _show(charts.completion_ranking, view.branches, rows=len(view.branches))
        st.caption(text.RANKING_CAPTION)


def study_slide(context: PageContext) -> None:
    """学习达标率 by 党支部, the lagging line at 60 %."""
    chosen = context.filters
    view = data.study_view(context.url, context.actor, chosen.month, chosen.org_ids)
    _title(context, text.SLIDE_STUDY)
    if view.targets is None:
        st.info(text.STUDY_NO_TARGETS.format(year=chosen.month[:4]), icon=":material/info:")
        return
    if view.members.empty:
        st.info(text.STUDY_NO_MEMBERS, icon=":material/info:")
        return
    figures, chart = st.columns([1, 3.2])
    with figures:
        _figures(
            [
                (text.STUDY_ON_TRACK, format.percent(view.on_track_rate)),
                (text.STUDY_NOT_ON_TRACK, f"{len(view.laggards)} 人"),
                (
                    text.STUDY_AVG_POINTS,
                    f"{view.avg_points:.0f}" if view.avg_points is not None else text.NO_VALUE,
                ),
            ]
        )
    with chart:
        branches = view.branches
        _show(charts.study_by_branch, branches, rows=len(branches), lagging=STUDY_LAGGING_RATE)


def budget_slide(context: PageContext) -> None:
    """The year's budget against spending by 党支部, with the execution rate and time progress."""
    chosen = context.filters
    view = data.budget_view(context.url, context.actor, chosen.month, chosen.org_ids)
    _title(context, text.SLIDE_BUDGET)
    if not view.has_data:
        year, number = chosen.month[:4], int(chosen.month[5:])
        span = text.BUDGET_SPAN.format(month=number) if number > 1 else format.short_month_label(chosen.month)
        st.info(text.BUDGET_EMPTY.format(year=year, span=span), icon=":material/info:")
        return
    figures, chart = st.columns([1, 3.2])
    with figures:
        _figures(
            [
                (text.BUDGET_EXECUTION, format.percent(view.execution_rate)),
                (text.TIME_PROGRESS, format.percent(view.time_progress)),
                (text.BUDGET_SPENT, format.wan_yuan(view.spent_ytd)),
            ]
        )
    with chart:
        _show(charts.budget_by_branch, view.by_branch, rows=len(view.by_branch))


def meetings_slide(context: PageContext) -> None:
    """三会一课 held against required, per 党支部 and kind."""
    chosen = context.filters
    view = data.meetings_view(context.url, context.actor, chosen.month, chosen.org_ids)
    _title(context, text.SLIDE_MEETINGS)
    if view.branches.empty:
        st.info(text.MEETINGS_NO_BRANCHES, icon=":material/info:")
        return
    figures, chart = st.columns([1, 3.6])
    with figures:
        _figures(
            [
                (text.MEETINGS_MONTH_RATE, format.percent(view.month_compliance.value)),
                (text.MEETINGS_QUARTER_RATE, format.percent(view.quarter_compliance.value)),
                (text.MEETINGS_ATTENDANCE, format.percent(view.attendance.value)),
            ]
        )
    with chart:
        # The grid's cells hold words ("0/1 本季度待开"): the least size keeps them inside the cells.
        rows = view.by_branch["branch"].nunique()
        _show(charts.meetings_grid, view.by_branch, rows=rows, label_size=MIN_LABEL_SIZE)


def _ranking_table(frame: pd.DataFrame) -> None:
    shown = pd.DataFrame(
        {
            text.BRANCH: frame["branch"].map(literal),  # st.table reads Markdown in its cells
            text.SCORE: [format.percent(score) for score in frame["score"]],
            text.TASK_COMPLETION: [format.percent(rate) for rate in frame["completion_rate"]],
        }
    )
    st.table(shown.set_index(text.BRANCH))


def ranking_slide(context: PageContext) -> None:
    """红榜 and 黑榜 by combined score."""
    overview = _overview(context)
    _title(context, text.SLIDE_RANKING)
    if overview.black_list.empty:
        st.info(text.NO_RANKING, icon=":material/info:")
        return
    red, black = st.container(key="slide-ranking").columns(2, gap="large")
    with red:
        st.markdown(f":red[**{text.RED_LIST}**]")
        _ranking_table(overview.red_list)
    with black:
        st.markdown(f"**{text.BLACK_LIST}**")
        _ranking_table(overview.black_list)
    st.caption(text.SLIDE_SCORE_NOTE)


def lean_slide(context: PageContext) -> None:
    """精益管理: 对标平均分, 金点子采纳率, 帮扶走访率 and 党费交纳率 with 环比, as on 总览."""
    chosen = context.filters
    lean = data.lean_figures(context.url, context.actor, chosen.month, chosen.org_ids, clock.today())
    _title(context, text.LEAN_TITLE)
    lean_ui.lean_figures(lean, per_row=2, links=False)


TALK_ROWS = 5  # 党支部 to talk about listed on the slide; the rest are counted


def safety_slide(context: PageContext) -> None:
    """党建+安全生产: 党员 against 非党员 三违率, 生产计划完成率 and accidents with 环比, as on 总览; how many
    党支部 are in each quadrant, and the 党支部 to talk about."""
    chosen = context.filters
    headline = data.safety_headline(context.url, context.actor, chosen.month, chosen.org_ids)
    view = data.safety_figures(context.url, context.actor, chosen.month, chosen.org_ids, clock.today())
    _title(context, text.SLIDE_SAFETY)
    safety_ui.safety_figures(headline, links=False)
    quadrants, talk = st.columns(2, gap="large")
    with quadrants:
        st.markdown(f"**{text.SLIDE_QUADRANTS}**")
        counts = view.quadrant_counts()
        st.table(
            pd.DataFrame(
                {text.QUADRANT: counts["quadrant"], text.QUADRANT_BRANCHES: counts["count"].astype(int)}
            ).set_index(text.QUADRANT)
        )
        st.caption(text.SLIDE_QUADRANT_NOTE.format(score=format.score(STRONG_SCORE)))
    with talk:
        st.markdown(f"**{text.SLIDE_TALK_ABOUT}**")
        listed = view.to_talk_about()
        if listed.empty:
            st.success(text.SLIDE_NO_TALK, icon=":material/check_circle:")
            return
        shown = listed.head(TALK_ROWS)
        st.table(
            pd.DataFrame(
                {
                    text.BRANCH: shown["branch"].map(literal),  # st.table reads Markdown in its cells
                    text.TALK_REASON: ["、".join(talk_reasons(row)) for row in shown.to_dict("records")],
                }
            ).set_index(text.BRANCH)
        )
        if len(listed) > TALK_ROWS:
            st.caption(text.SLIDE_TALK_MORE.format(count=len(listed) - TALK_ROWS))


def stars_slide(context: PageContext) -> None:
    """对标评星: every 党支部's score and stars for the month, as on the 对标评星 page."""
    chosen = context.filters
    rating = data.star_view(
        context.url, context.actor, chosen.month, stars.MONTHLY, chosen.org_ids, clock.today()
    )
    _title(context, text.SLIDE_STARS)
    table = rating.branches.dropna(subset=["score"])
    if rating.reason or table.empty:
        st.info(rating.reason or rating.average.reason, icon=":material/info:")
        return
    _show(charts.star_ranking, table, rows=len(table))


ALERT_ROWS = 5  # overdue tasks listed on the slide; the rest are counted (the slide fits 1920×1080)
ALERT_BRANCHES = 8  # 党支部 named per kind of alert; the rest are counted


def alerts_slide(context: PageContext) -> None:
    """What needs attention: overdue tasks with their owners, and the 党支部 behind elsewhere."""
    alerts = _overview(context).alerts
    _title(context, f"{text.SLIDE_ALERTS}（{alerts.count} 项）")
    if not alerts.count:
        st.success(text.NO_ALERTS, icon=":material/check_circle:")
        return
    overdue = alerts.overdue_tasks
    if len(overdue):
        st.markdown(f"**{text.ALERT_KINDS['alert-overdue'][0].format(count=len(overdue))}**")
        listed = overdue.head(ALERT_ROWS)
        st.table(
            pd.DataFrame(
                {
                    text.TASK_CODE: listed["code"].map(literal),  # st.table reads Markdown in its cells
                    text.TASK_TITLE: listed["title"].map(literal),
                    text.BRANCH: listed["branch"].map(literal),
                    text.OWNER: listed["owner"].fillna(text.NO_VALUE).map(literal),
                    text.MONTHS_LATE: listed["months_late"].astype(int),
                }
            ).set_index(text.TASK_CODE)
        )
        if len(overdue) > ALERT_ROWS:
            st.caption(text.SLIDE_MORE.format(count=len(overdue) - ALERT_ROWS))
    for key, frame in [
        ("alert-overspent", alerts.overspent),
        ("alert-study", alerts.study_lagging),
        ("alert-submissions", alerts.missing_submissions),
    ]:
        if len(frame):
            kind = text.ALERT_KINDS[key][0].format(count=len(frame))
            st.markdown(
                text.SLIDE_ALERT_BRANCHES.format(kind=f"**{kind}**", branches=_some(frame["branch"].tolist()))
            )


def _some(branches: list[str]) -> str:
    """The first ALERT_BRANCHES names, and how many there are when that is not all."""
    named = "、".join(map(literal, branches[:ALERT_BRANCHES]))
    if len(branches) <= ALERT_BRANCHES:
        return named
    return f"{named}{text.SLIDE_BRANCHES_MORE.format(count=len(branches))}"


@dataclass(frozen=True)
class Slide:
    subject: str
    draw: Callable[[PageContext], None]


SLIDES = (
    Slide(text.SLIDE_OVERVIEW, overview_slide),
    Slide(text.SLIDE_TASKS, tasks_slide),
    Slide(text.SLIDE_STUDY, study_slide),
    Slide(text.SLIDE_BUDGET, budget_slide),
    Slide(text.SLIDE_MEETINGS, meetings_slide),
    Slide(text.SLIDE_RANKING, ranking_slide),
    Slide(text.SLIDE_STARS, stars_slide),
    Slide(text.LEAN_TITLE, lean_slide),
    Slide(text.SLIDE_SAFETY, safety_slide),
    Slide(text.SLIDE_ALERTS, alerts_slide),
)
