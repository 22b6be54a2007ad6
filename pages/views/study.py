"""学习进度: on-track rate by branch, the monthly trend against targets, the hours distribution,
the members not on track, and one member's history."""

import pandas as pd
import streamlit as st

from data_layer.metrics.study import StudyView
from data_layer.rules import STUDY_LAGGING_RATE
from ui import charts, columns, components, data, format, shell, text
from ui.derived import derived
from ui.literal import literal


def member_choices(shown: StudyView) -> dict[int, str]:
    """Every member, those not on track first, as the list shows them (built once per view)."""
    listed = pd.concat([shown.laggards, shown.members[shown.members["on_track"]]])
    where = listed["member_no"] + "，" + listed["branch"]
    return dict(zip(listed["member_id"], listed["name"] + "（" + where + "）", strict=True))


def members_by_id(shown: StudyView) -> pd.DataFrame:
    return shown.members.set_index("member_id")


context = shell.page_context()
chosen = context.filters
view = data.study_view(context.url, context.actor, chosen.month, chosen.org_ids)
month, year = format.month_label(chosen.month), chosen.month[:4]
st.title(f"{text.PAGE_STUDY} · {month}")
if view.targets is None:
    st.info(text.STUDY_NO_TARGETS.format(year=year), icon=":material/info:")
    st.stop()
if view.members.empty:
    st.info(text.STUDY_NO_MEMBERS, icon=":material/info:")
    st.stop()

goal = view.targets
this_month = view.trend.iloc[-1]
figures = [
    (text.STUDY_ON_TRACK, format.percent(view.on_track_rate)),
    (text.STUDY_AVG_POINTS, f"{view.avg_points:.2f}"),
    (text.STUDY_AVG_HOURS, f"{this_month['avg_hours']:.2f}" if this_month["members"] else text.NO_VALUE),
    (text.STUDY_NOT_ON_TRACK, f"{len(view.laggards)} 人"),
]
for column, (label, value) in zip(st.columns(len(figures), border=True), figures, strict=True):
    column.metric(label, value)
st.caption(
    text.STUDY_TARGET_NOTE.format(
        hours=goal.hours, points=goal.points, hours_due=goal.hours_due, points_due=goal.points_due
    )
)

short = format.short_month_label(chosen.month)
charts.draw(
    charts.study_by_branch,
    view.branches,
    title=text.STUDY_BY_BRANCH_TITLE.format(month=short),
    lagging=STUDY_LAGGING_RATE,
)
components.table(
    view.branches, columns.STUDY_BRANCHES, download=f"各党支部学习达标率_{chosen.month}", key="study-branches"
)

trends = (
    (text.STUDY_HOURS_TREND_TITLE, "avg_hours", "hours_target", text.STUDY_HOURS),
    (text.STUDY_POINTS_TREND_TITLE, "avg_points", "points_target", text.STUDY_POINTS),
)
for column, (title, value, target, axis_title) in zip(st.columns(2), trends, strict=True):
    with column:
        charts.draw(
            charts.study_trend,
            view.trend,
            value=value,
            target=target,
            title=title.format(year=year),
            axis_title=axis_title,
        )

histogram_title = text.STUDY_HISTOGRAM_TITLE.format(month=short[:-1], due=goal.hours_due)
charts.draw(charts.hours_distribution, view.histogram, due=goal.hours_due, title=histogram_title)

laggards = view.laggards
st.subheader(text.STUDY_LAGGARDS.format(count=len(laggards)))
if laggards.empty:
    st.success(text.STUDY_NO_LAGGARDS, icon=":material/check_circle:")
else:
    components.table(laggards, columns.LAGGARDS, download=f"未达标党员_{chosen.month}", key="study-laggards")


choices = derived(view, member_choices)
member_id = components.remembered_choice(
    text.STUDY_MEMBER, list(choices), key="member", format_func=choices.__getitem__
)
member = derived(view, members_by_id).loc[member_id]
name, number = member["name"], member["member_no"]
history = data.member_history(context.url, context.actor, member_id, chosen.month)
st.markdown(f"**{text.STUDY_MEMBER_HISTORY.format(name=literal(name), no=literal(number), year=year)}**")
components.table(
    history, columns.MEMBER_HISTORY, download=f"{name.replace('*', '某')}学习情况_{year}", key="study-member"
)
