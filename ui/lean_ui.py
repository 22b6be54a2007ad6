"""The overview's 精益管理 row: each lean mechanism's headline figure with 环比 and what needs attention,
and a link to its page."""

import streamlit as st

from data_layer.metrics.lean_overview import LeanFigures
from ui import components, format, navigation, text


def lean_row(lean: LeanFigures) -> None:
    st.subheader(text.LEAN_TITLE)
    lean_figures(lean)


def lean_figures(lean: LeanFigures, *, per_row: int = 4, links: bool = True) -> None:
    """The four figures, ``per_row`` to a row (2 on the projector), each with a link to its page."""
    stars, ideas, pairs, dues = st.columns(per_row, border=True) * (4 // per_row)
    with stars:
        average = lean.star_average
        components.change_metric(
            text.STAR_AVERAGE_LONG, format.score(average.value), format.score_change(average.change)
        )
        st.caption(average.reason or text.LEAN_STARS.format(five=lean.five_stars, low=lean.low_stars))
        _link(links, "stars")
    with ideas:
        note = text.LEAN_IDEAS.format(proposed=lean.ideas_proposed, adopted=lean.ideas_adopted)
        components.rate_metric(text.IDEA_ADOPTION_LONG, lean.idea_adoption, note=note)
        _link(links, "ideas")
    with pairs:
        note = text.LEAN_PAIRS.format(months=lean.idle_months, count=lean.idle_pairs)
        components.rate_metric(text.VISIT_RATE_LONG, lean.visit_rate, note=note)
        _link(links, "pairs")
    with dues:
        note = text.LEAN_DUES.format(count=lean.arrears_members)
        components.rate_metric(text.DUES_RATE_LONG, lean.dues_rate, note=note)
        _link(links, "dues")


def _link(shown: bool, page: str) -> None:
    """A link to the registry's page ``page`` (ui/navigation.py), under its menu title."""
    if shown:
        st.page_link(navigation.script(page), label=navigation.title(page), icon=":material/arrow_forward:")
