"""The slides of the 看板's subjects: 任务, 学习, 经费 and 三会一课, each its headline figures beside the
page's chart of the 党支部."""

import streamlit as st

from data_layer.rules import STUDY_LAGGING_RATE
from ui import charts, data, format, text
from ui.shell import PageContext
from ui.slides import projector


def tasks_slide(context: PageContext) -> None:
    """Task completion by 党支部 against plan progress."""
    chosen = context.filters
    view = data.tasks_view(context.url, context.actor, chosen.month, chosen.org_ids)
    projector.title(context, text.SLIDE_TASKS)
    if view.tasks.empty or not view.branches["completion_rate"].notna().any():
        st.info(text.NO_BRANCH_TASKS, icon=":material/info:")
        return
    figures, chart = st.columns([1, 3.2])
    with figures:
        projector.figures(
            [
                (text.TASK_COMPLETION, format.percent(view.completion_rate)),
                (text.PLAN_PROGRESS, format.percent(view.plan_progress)),
                (text.TASKS_OVERDUE, f"{len(view.overdue)} 项"),
            ]
        )
    with chart:
        projector.chart(charts.completion_ranking, view.branches, rows=len(view.branches))
        st.caption(text.RANKING_CAPTION)


def study_slide(context: PageContext) -> None:
    """学习达标率 by 党支部, the lagging line at 60 %."""
    chosen = context.filters
    view = data.study_view(context.url, context.actor, chosen.month, chosen.org_ids)
    projector.title(context, text.SLIDE_STUDY)
    if view.targets is None:
        st.info(text.STUDY_NO_TARGETS.format(year=chosen.month[:4]), icon=":material/info:")
        return
    if view.members.empty:
        st.info(text.STUDY_NO_MEMBERS, icon=":material/info:")
        return
    figures, chart = st.columns([1, 3.2])
    with figures:
        projector.figures(
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
        projector.chart(charts.study_by_branch, branches, rows=len(branches), lagging=STUDY_LAGGING_RATE)


def budget_slide(context: PageContext) -> None:
    """The year's budget against spending by 党支部, with the execution rate and time progress."""
    chosen = context.filters
    view = data.budget_view(context.url, context.actor, chosen.month, chosen.org_ids)
    projector.title(context, text.SLIDE_BUDGET)
    if not view.has_data:
        year, number = chosen.month[:4], int(chosen.month[5:])
        span = text.BUDGET_SPAN.format(month=number) if number > 1 else format.short_month_label(chosen.month)
        st.info(text.BUDGET_EMPTY.format(year=year, span=span), icon=":material/info:")
        return
    figures, chart = st.columns([1, 3.2])
    with figures:
        projector.figures(
            [
                (text.BUDGET_EXECUTION, format.percent(view.execution_rate)),
                (text.TIME_PROGRESS, format.percent(view.time_progress)),
                (text.BUDGET_SPENT, format.wan_yuan(view.spent_ytd)),
            ]
        )
    with chart:
        projector.chart(charts.budget_by_branch, view.by_branch, rows=len(view.by_branch))


def meetings_slide(context: PageContext) -> None:
    """三会一课 held against required, per 党支部 and kind."""
    chosen = context.filters
    view = data.meetings_view(context.url, context.actor, chosen.month, chosen.org_ids)
    projector.title(context, text.SLIDE_MEETINGS)
    if view.branches.empty:
        st.info(text.MEETINGS_NO_BRANCHES, icon=":material/info:")
        return
    figures, chart = st.columns([1, 3.6])
    with figures:
        projector.figures(
            [
                (text.MEETINGS_MONTH_RATE, format.percent(view.month_compliance.value)),
                (text.MEETINGS_QUARTER_RATE, format.percent(view.quarter_compliance.value)),
                (text.MEETINGS_ATTENDANCE, format.percent(view.attendance.value)),
            ]
        )
    with chart:
        # The grid's cells hold words ("0/1 本季度待开"): the least size keeps them inside the cells.
        rows = view.by_branch["branch"].nunique()
        projector.chart(charts.meetings_grid, view.by_branch, rows=rows, label_size=projector.MIN_LABEL_SIZE)
