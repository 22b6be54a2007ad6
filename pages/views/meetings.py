"""三会一课: meetings held against required per 党支部 for the month and the quarter, attendance, quorum."""

import pandas as pd
import streamlit as st

from data_layer.metrics.meetings import MONTH, QUARTER, MeetingsView
from ui import charts, components, data, format, shell, text
from ui.derived import derived
from ui.literal import literal


def period_table(shown: MeetingsView, period: str) -> tuple[pd.DataFrame, list[str]]:
    """Each 党支部's row with a cell per kind of meeting in ``period`` (built once per view), and the kinds."""
    cells = charts.meeting_cells(shown.by_branch, period)
    return shown.branches.merge(cells, on="branch_id"), [c for c in cells.columns if c != "branch_id"]


context = shell.page_context()
chosen = context.filters
view = data.meetings_view(context.url, context.actor, chosen.month, chosen.org_ids)
month = format.month_label(chosen.month)
quarter = view.quarter

st.title(f"{text.PAGE_MEETINGS} · {month}")
if view.branches.empty:
    st.info(text.MEETINGS_NO_BRANCHES, icon=":material/info:")
    st.stop()

quarter_note = (text.MEETINGS_QUARTER_NOTE if quarter.over else text.MEETINGS_QUARTER_PENDING).format(
    quarter=quarter.label, span=quarter.span
)
attendance_note = text.MEETINGS_ATTENDANCE_NOTE.format(
    expected=view.branches["month_expected"].sum(), actual=view.branches["month_actual"].sum()
)
components.headline_rates(
    [
        (text.MEETINGS_MONTH_RATE, view.month_compliance, None),
        (text.MEETINGS_QUARTER_RATE, view.quarter_compliance, quarter_note),
        (text.MEETINGS_ATTENDANCE, view.attendance, attendance_note),
    ]
)
st.caption(text.MEETINGS_RULES.format(lecture=text.MEETINGS_LECTURE[view.lecture_frequency]))

if view.month_meetings == 0:
    st.info(text.MEETINGS_NO_MONTH, icon=":material/info:")
charts.draw(charts.meetings_grid, view.by_branch, title=text.MEETINGS_CHART_TITLE.format(month=month))
st.caption(text.MEETINGS_CHART_CAPTION.format(quarter=quarter.label))

st.subheader(text.MEETINGS_TABLE_TITLE)
tabs = st.tabs([month, text.MEETINGS_QUARTER_NOTE.format(quarter=quarter.label, span=quarter.span)])
for tab, period, file_period in zip(tabs, (MONTH, QUARTER), (chosen.month, quarter.code), strict=True):
    cells, kinds = derived(view, period_table, period)
    with tab:
        components.table(
            cells,
            {
                "branch": (text.BRANCH, "text"),
                **{kind: (kind, "text") for kind in kinds},
                f"{period}_compliance": (text.MEETINGS_COMPLIANCE, "percent"),
                f"{period}_meetings": (text.MEETINGS_COUNT, "int"),
                f"{period}_attendance": (text.MEETINGS_ATTENDANCE, "percent"),
            },
            download=f"三会一课_各党支部_{file_period}",
            key=f"meetings-{period}",
        )

st.subheader(text.MEETINGS_BELOW_TITLE.format(quarter=quarter.label))
below = view.below_quorum.assign(flag=text.MEETINGS_BELOW_FLAG)
meeting_columns = {
    "held_on": (text.MEETINGS_HELD_ON, "text"),
    "kind": (text.MEETINGS_KIND, "text"),
    "topic": (text.MEETINGS_TOPIC, "text"),
    "expected": (text.MEETINGS_EXPECTED, "int"),
    "actual": (text.MEETINGS_ACTUAL, "int"),
    "attendance": (text.MEETINGS_ATTENDANCE, "percent"),
    "flag": (text.MEETINGS_FLAG, "text"),
}
if below.empty:
    st.success(
        text.MEETINGS_BELOW_NONE.format(quarter=quarter.label, month=month), icon=":material/check_circle:"
    )
else:
    components.table(
        below,
        {"branch": (text.BRANCH, "text"), **meeting_columns},
        download=f"出席不足半数的会议_{chosen.month}",
        key="meetings-below-quorum",
    )

st.subheader(text.MEETINGS_DETAIL.format(quarter=f"{quarter.label}，截至{month}"))
names = dict(zip(view.branches["branch_id"], view.branches["branch"], strict=True))
branch_id = components.remembered_choice(
    text.MEETINGS_CHOOSE_BRANCH, list(names), key="meetings_branch", format_func=names.get
)
records = data.branch_meetings(context.url, context.actor, branch_id, chosen.month)
if records.empty:
    st.info(
        text.MEETINGS_BRANCH_NONE.format(
            branch=literal(names[branch_id]), quarter=quarter.label, month=month
        ),
        icon=":material/info:",
    )
else:
    components.table(
        records.assign(flag=records["below_quorum"].map({True: text.MEETINGS_BELOW_FLAG, False: ""})),
        {"held_on": meeting_columns["held_on"], "group": (text.GROUP, "text"), **meeting_columns},
        download=f"{names[branch_id]}三会一课记录_{chosen.month}",
        key="meetings-branch",
    )
