"""The overview's 安全生产 row and its projector slide's figures: 党员 against 非党员 三违率, 生产计划完成率
and accidents at M with 环比, and a link to the 党建+安全生产 page."""

import streamlit as st

from data_layer.metrics.safety_overview import SafetyHeadline
from ui import components, format, navigation, text

SAFETY_PAGE = "safety"  # the 党建+安全生产 page's registry name (ui/navigation.py)


def safety_row(headline: SafetyHeadline) -> None:
    st.subheader(text.SAFETY_TITLE)
    safety_figures(headline)


def safety_figures(headline: SafetyHeadline, *, per_row: int = 4, links: bool = True) -> None:
    """The four figures, ``per_row`` to a row (2 on the projector); a rise in 三违率 is shown as worse."""
    members, others, production, accidents = st.columns(per_row, border=True) * (4 // per_row)
    for column, label, shown in (
        (members, text.MEMBER_VIOLATION_RATE, headline.member_violation_rate),
        (others, text.OTHER_VIOLATION_RATE, headline.other_violation_rate),
    ):
        with column:
            components.change_metric(
                label,
                format.per_thousand(shown.value),
                format.per_thousand_change(shown.change),
                lower_is_better=True,
            )
            st.caption(shown.reason or text.SAFETY_PER_THOUSAND)
    with production:
        note = text.SAFETY_RECORDS.format(count=headline.records)
        components.rate_metric(text.PRODUCTION_RATE, headline.production_rate, note=note)
    with accidents:
        count = text.ACCIDENT_COUNT.format(count=headline.accidents) if headline.records else text.NO_VALUE
        change = format.count_change(headline.accident_change, text.ACCIDENT_UNIT)
        components.change_metric(text.ACCIDENTS, count, change, lower_is_better=True)
        if headline.records:
            st.caption(text.ACCIDENT_NOTE.format(injury=headline.injury_accidents))
        if links and SAFETY_PAGE in navigation.PAGES:  # the page registers itself in its own change
            st.page_link(
                navigation.script(SAFETY_PAGE),
                label=navigation.title(SAFETY_PAGE),
                icon=":material/arrow_forward:",
            )
