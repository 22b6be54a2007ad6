"""The reference page of the page benchmark: a fixed 2,500-bar Altair chart and a 2,500-row table, drawn
from memory (the rows are built once per process), with no database and no filters.

benchmarks/pages.py runs it under AppTest beside the dashboard's pages and divides each page's time by
its time: what Streamlit itself costs to draw as much as a group-scale page shows.
"""

import altair as alt
import pandas as pd
import streamlit as st

ROWS = 2500
STATUSES = ("已完成", "正常", "滞后", "严重滞后")


@st.cache_resource(show_spinner=False)
def rows() -> pd.DataFrame:
    """2,500 党支部 with a rate, a plan, a status and an amount: fixed numbers, no randomness."""
    numbers = pd.RangeIndex(ROWS)
    rate = (numbers * 37 % 1000) / 1000
    return pd.DataFrame(
        {
            "branch": [f"第{n + 1:04d}党支部" for n in numbers],
            "rate": rate,
            "plan": (numbers % 12 + 1) / 12,
            "status": [STATUSES[n % len(STATUSES)] for n in numbers],
            "spent": (numbers * 7919 % 100_000) / 100 + 1000,
        }
    )


frame = rows()
st.title("参照页 · 2,500 个党支部")
chart = (
    alt.Chart(frame, title="各党支部完成率（参照）")
    .mark_bar()
    .encode(
        y=alt.Y("branch:N", sort="-x", title=None),
        x=alt.X("rate:Q", title="完成率", axis=alt.Axis(format="%")),
        color=alt.Color("status:N", title="状态"),
        tooltip=["branch", alt.Tooltip("rate:Q", format=".1%"), "status"],
    )
)
st.altair_chart(chart, theme=None, width="stretch")
st.dataframe(frame, hide_index=True, width="stretch")
