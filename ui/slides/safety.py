"""The 党建+安全生产 slide: the headline figures, how many 党支部 are in each quadrant, and those to talk about."""

import pandas as pd
import streamlit as st

from data_layer import clock
from data_layer.metrics.safety_view import STRONG_SCORE
from data_layer.reports.safety import talk_reasons
from ui import data, format, safety_ui, text
from ui.literal import literal
from ui.shell import PageContext
from ui.slides import projector

TALK_ROWS = 5  # 党支部 to talk about listed on the slide; the rest are counted


def safety_slide(context: PageContext) -> None:
    """党建+安全生产: 党员 against 非党员 三违率, 生产计划完成率 and accidents with 环比, as on 总览; how many
    党支部 are in each quadrant, and the 党支部 to talk about."""
    chosen = context.filters
    headline = data.safety_headline(context.url, context.actor, chosen.month, chosen.org_ids)
    view = data.safety_figures(context.url, context.actor, chosen.month, chosen.org_ids, clock.today())
    projector.title(context, text.SLIDE_SAFETY)
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
