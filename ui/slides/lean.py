"""The slides of 精益管理: every 党支部's 对标评星 score and stars, and the four lean figures."""

import streamlit as st

from data_layer import clock
from data_layer.metrics import stars
from ui import charts, data, lean_ui, text
from ui.shell import PageContext
from ui.slides import projector


def stars_slide(context: PageContext) -> None:
    """对标评星: every 党支部's score and stars for the month, as on the 对标评星 page."""
    chosen = context.filters
    rating = data.star_view(
        context.url, context.actor, chosen.month, stars.MONTHLY, chosen.org_ids, clock.today()
    )
    projector.title(context, text.SLIDE_STARS)
    table = rating.branches.dropna(subset=["score"])
    if rating.reason or table.empty:
        st.info(rating.reason or rating.average.reason, icon=":material/info:")
        return
    projector.chart(charts.star_ranking, table, rows=len(table))


def lean_slide(context: PageContext) -> None:
    """精益管理: 对标平均分, 金点子采纳率, 帮扶走访率 and 党费交纳率 with 环比, as on 总览."""
    chosen = context.filters
    lean = data.lean_figures(context.url, context.actor, chosen.month, chosen.org_ids, clock.today())
    projector.title(context, text.LEAN_TITLE)
    lean_ui.lean_figures(lean, per_row=2, links=False)
