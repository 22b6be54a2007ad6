"""The browser's code for what the first page draws, loaded while the login form is shown.

Streamlit's browser side loads the code of each kind of element (tables, charts, metrics, the sidebar's
choices) the first time a page draws one; right after logging in that is about a megabyte and a half of
JavaScript to fetch and compile on top of drawing the overview, about a second on a busy machine. The
login page therefore draws one of each, tiny and hidden (``display: none``, so neither seen nor read
aloud), and the browser has their code ready while the person types the password."""

import pandas as pd
import streamlit as st

from ui import text

KEY = "preload"
_DATA = pd.DataFrame({"x": [1]})
_CHART = {"mark": "bar", "encoding": {"x": {"field": "x", "type": "quantitative"}}}


def element_code() -> None:
    """Draw one hidden element of each kind the overview and the sidebar use."""
    with st.container(key=KEY):
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
