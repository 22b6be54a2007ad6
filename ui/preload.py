"""The browser's code for what the first page draws, loaded while the login form is shown.

Streamlit's browser side loads the code of each kind of element (tables, charts, metrics, the sidebar's
choices) the first time a page draws one; right after logging in that is about a megabyte and a half of
JavaScript to fetch and compile on top of drawing the overview, about a second on a busy machine. The
login page therefore draws one of each, tiny and hidden (``display: none``, so neither seen nor read
aloud), and the browser has their code ready while the person types the password.

The block is the login page's first element, and an expander. While the next page runs, Streamlit keeps
the last page's elements on screen until they are overwritten, and a block overwritten by a block of the
same kind keeps them as its own children — where this block's style no longer hides them. No page
begins with an expander (tests/pages/test_page_refusals.py), so the next page's first element replaces
the block, children and all."""

import pandas as pd
import streamlit as st

from ui import text

KEY = "preload"
_DATA = pd.DataFrame({"x": [1]})
_CHART = {"mark": "bar", "encoding": {"x": {"field": "x", "type": "quantitative"}}}


def element_code() -> None:
    """Draw one hidden element of each kind the overview and the sidebar use."""
    with st.expander(KEY, expanded=True, key=KEY):
        st.html(f"<style>.st-key-{KEY} {{display: none;}}</style>")
        st.metric(KEY, 1)
        st.dataframe(_DATA)
        st.vega_lite_chart(_DATA, _CHART)
        st.selectbox(KEY, ["x"], key=f"{KEY}-select", disabled=True, placeholder=text.CHOOSE)
        st.multiselect(
            KEY, ["x"], key=f"{KEY}-multi", disabled=True, placeholder=text.CHOOSE, select_all=False
        )
        st.toggle(KEY, key=f"{KEY}-toggle", disabled=True)
        st.radio(KEY, ["x"], key=f"{KEY}-radio", disabled=True)
        st.download_button(KEY, b"", key=f"{KEY}-download", disabled=True)
