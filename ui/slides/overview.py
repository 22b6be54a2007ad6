"""The slides read from the 总览's answer: its headline figures, 红榜 and 黑榜, and what needs attention."""

import pandas as pd
import streamlit as st

from ui import components, data, format, text
from ui.literal import literal
from ui.shell import PageContext
from ui.slides import projector


def _overview(context: PageContext):
    """The 总览's answer for the month and organisations chosen, which these slides read."""
    chosen = context.filters
    return data.overview(context.url, context.actor, chosen.month, chosen.org_ids)


def overview_slide(context: PageContext) -> None:
    """The four headline figures with 环比, as on 总览."""
    overview = _overview(context)
    projector.title(context, text.SLIDE_OVERVIEW)
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
    projector.title(context, text.SLIDE_RANKING)
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


ALERT_ROWS = 5  # overdue tasks listed on the slide; the rest are counted (the slide fits 1920×1080)
ALERT_BRANCHES = 8  # 党支部 named per kind of alert; the rest are counted


def alerts_slide(context: PageContext) -> None:
    """What needs attention: overdue tasks with their owners, and the 党支部 behind elsewhere."""
    alerts = _overview(context).alerts
    projector.title(context, f"{text.SLIDE_ALERTS}（{alerts.count} 项）")
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
