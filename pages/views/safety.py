"""党建+安全生产: are the 党支部 that score well in 对标 also the 区队 that work safely and meet their plan?
The month's figures with 环比, each 党支部 in its quadrant, 党员 against 非党员 三违率, the year's
correlation, every 党支部's row, and one 党支部's months and 先锋岗 / 责任区."""

import streamlit as st

from data_layer import clock
from data_layer.metrics.safety_view import MIN_BRANCHES, QUICK_TREND_BRANCHES, STRONG_SCORE, SafetyView
from ui import charts, components, data, format, safety_rows, shell, text
from ui.charts.safety import placed
from ui.literal import literal


def headline(shown: SafetyView) -> None:
    """The month's figures with 环比, two rows of four; a lower 三违率 is the better one."""
    totals = shown.totals
    first, second = st.columns(4, border=True), st.columns(4, border=True)
    with first[0]:
        one = len(shown.by_branch) == 1
        note = text.SAFETY_PRODUCTION_NOTE_ONE if one else text.SAFETY_PRODUCTION_NOTE
        components.rate_metric(text.SAFETY_PRODUCTION_RATE, shown.production_rate, note=note)
    for column, label, figure, count in (
        (first[1], text.SAFETY_MEMBER_RATE, shown.member_violation_rate, totals.violations_members),
        (first[2], text.SAFETY_OTHER_RATE, shown.other_violation_rate, totals.violations_others),
    ):
        with column:
            components.change_metric(
                label,
                format.per_thousand(figure.value),
                format.per_thousand_change(figure.change),
                lower_is_better=True,
            )
            st.caption(figure.reason or text.SAFETY_VIOLATIONS_NOTE.format(count=count))
    for column, label, figure, note in (
        (
            first[3],
            text.SAFETY_HAZARD_SHARE,
            shown.member_hazard_share,
            text.SAFETY_HAZARD_SHARE_NOTE.format(count=totals.hazards_found),
        ),
        (second[0], text.SAFETY_HAZARD_CLOSURE, shown.hazard_closure, text.SAFETY_HAZARD_CLOSURE_NOTE),
        (second[1], text.SAFETY_POST_CLEAN, shown.post_clean_rate, text.SAFETY_POST_NOTE),
        (second[2], text.SAFETY_ZONE_CLEAN, shown.zone_clean_rate, text.SAFETY_ZONE_NOTE),
    ):
        with column:
            components.rate_metric(label, figure, note=note)
    with second[3]:
        recorded = totals.records > 0
        accidents = totals.injury_accidents + totals.other_accidents
        st.metric(
            text.ACCIDENTS,
            text.SAFETY_ACCIDENT_COUNT.format(count=accidents) if recorded else text.NO_VALUE,
        )
        st.caption(
            text.SAFETY_ACCIDENTS_NOTE.format(injury=totals.injury_accidents, other=totals.other_accidents)
            if recorded
            else shown.member_violation_rate.reason
        )


context = shell.page_context()
chosen = context.filters
today = clock.today()
view = data.safety_figures(context.url, context.actor, chosen.month, chosen.org_ids, today)
month, short, year = (
    format.month_label(chosen.month),
    format.short_month_label(chosen.month),
    chosen.month[:4],
)

st.title(f"{text.PAGE_SAFETY} · {month}")
if not view.has_branches:
    st.info(text.SAFETY_NO_BRANCHES, icon=":material/info:")
    st.stop()
headline(view)

# 党建 against 生产, with 安全 in each point's colour and shape
on_chart = placed(view.by_branch)
if on_chart.empty:
    st.info(text.SAFETY_NO_QUADRANT, icon=":material/info:")
else:
    title = text.SAFETY_QUADRANT_TITLE.format(month=short)
    charts.draw(charts.safety_quadrants, view.by_branch, title=title)
    st.caption(text.SAFETY_QUADRANT_CAPTION.format(strong=STRONG_SCORE))
    if len(on_chart) < len(view.by_branch):
        st.caption(text.SAFETY_UNPLACED.format(count=len(view.by_branch) - len(on_chart)))
counts = view.quadrant_counts()
for column, name, count in zip(st.columns(4, border=True), counts["quadrant"], counts["count"], strict=True):
    column.metric(name, text.SAFETY_COUNT.format(count=count))

st.subheader(text.SAFETY_TALK_TITLE)
talk = safety_rows.to_talk_about(view)
if talk.empty:
    st.success(text.SAFETY_TALK_NONE, icon=":material/check_circle:")
else:
    components.table(
        talk, safety_rows.TO_TALK_ABOUT, download=f"需要关注的党支部_{chosen.month}", key="safety-talk"
    )

# 党员 against 非党员
if view.by_branch["has_record"].any():
    charts.draw(charts.violation_rates, view.by_branch, title=text.SAFETY_RATES_TITLE.format(month=short))
    st.caption(text.SAFETY_RATES_CAPTION)
else:
    st.info(view.member_violation_rate.reason or text.NO_VALUE, icon=":material/info:")

# how 党建 went together with 生产 and 安全 this year: every month scored, so a large scope asks first
branch_count = len(view.by_branch)
if branch_count <= QUICK_TREND_BRANCHES or st.toggle(
    text.SAFETY_TREND_ASK.format(year=year, count=branch_count), key="safety_trend"
):
    trend = data.safety_trend(context.url, context.actor, chosen.month, chosen.org_ids, today)
    if trend[["production_r", "safety_r"]].notna().any(axis=None):
        charts.draw(charts.correlation_trend, trend, title=text.SAFETY_TREND_TITLE.format(year=year))
    else:
        st.info(text.SAFETY_TREND_NONE.format(year=year, least=MIN_BRANCHES), icon=":material/info:")
    st.caption(text.SAFETY_TREND_CAPTION.format(least=MIN_BRANCHES))
    components.table(
        safety_rows.trend(trend),
        safety_rows.TREND,
        download=f"党建与安全生产相关系数_{year}",
        key="safety-trend",
    )

st.subheader(text.SAFETY_TABLE_TITLE.format(month=month))
components.table(
    safety_rows.branches(view),
    safety_rows.BRANCHES,
    download=f"各党支部安全生产情况_{chosen.month}",
    key="safety-branches",
)

# in place: one 党支部's months, production indicators and 先锋岗 / 责任区
st.subheader(text.SAFETY_DETAIL)
names = dict(zip(view.by_branch["branch_id"], view.by_branch["branch"], strict=True))
branch_id = components.remembered_choice(
    text.SAFETY_CHOOSE_BRANCH, list(names), key="safety_branch", format_func=names.get
)
detail = data.safety_branch(context.url, context.actor, branch_id, chosen.month, today)
heading = text.SAFETY_MONTHS_TITLE if detail.unit else text.SAFETY_MONTHS_TITLE_NO_UNIT
st.markdown(f"**{heading.format(branch=literal(detail.branch), unit=literal(detail.unit), year=year)}**")
components.table(
    safety_rows.branch_months(detail),
    safety_rows.MONTHS,
    download=f"{detail.branch}安全生产_{year}",
    key="safety-months",
)
indicators, posts = st.columns(2)
with indicators:
    st.markdown(f"**{text.SAFETY_INDICATORS_TITLE.format(month=month)}**")
    if detail.production.empty:
        st.info(text.SAFETY_NO_INDICATORS.format(month=month), icon=":material/info:")
    else:
        components.table(
            detail.production,
            safety_rows.INDICATORS,
            download=f"{detail.branch}生产指标_{chosen.month}",
            key="safety-indicators",
        )
with posts:
    st.markdown(f"**{text.SAFETY_POSTS_TITLE.format(month=month)}**")
    if detail.posts.empty:
        st.info(text.SAFETY_NO_POSTS.format(month=month), icon=":material/info:")
    else:
        components.table(
            safety_rows.posts(detail),
            safety_rows.POSTS,
            download=f"{detail.branch}先锋岗责任区_{chosen.month}",
            key="safety-posts",
        )
