"""How a slide looks on a projector: our own constant CSS (never user text), the pages' charts restyled with
twice the type, and the title and figures every slide draws."""

from collections.abc import Callable

import altair as alt
import pandas as pd
import streamlit as st

from ui import format, text
from ui.charts import limit
from ui.shell import PageContext

PROJECTOR_CSS = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
[data-testid="stExpandSidebarButton"] { display: none !important; }
[data-testid="stMainBlockContainer"] { padding: 1.2rem 2.5rem 1rem 2.5rem; max-width: 100%; }
[data-testid="stMain"] h1 { font-size: 3.2rem; padding: 0.2rem 0 0.6rem 0; }
[data-testid="stMain"] [data-testid="stMarkdownContainer"] p { font-size: 2rem; line-height: 1.45; }
[data-testid="stMain"] [data-testid="stCaptionContainer"] p { font-size: 1.6rem; }
[data-testid="stMain"] [data-testid="stAlertContainer"] p { font-size: 1.9rem; }
[data-testid="stMetricLabel"], [data-testid="stMetricLabel"] * { font-size: 1.9rem !important; height: auto; }
[data-testid="stMetricValue"], [data-testid="stMetricValue"] * { font-size: clamp(2.6rem, 3.6vw, 4.5rem) !important; line-height: 1.15; }
[data-testid="stMetricDelta"] { font-size: 1.7rem !important; }
[data-testid="stMetricDelta"] svg { width: 1.7rem; height: 1.7rem; }
[data-testid="stMain"] [data-testid="stTable"] th,
[data-testid="stMain"] [data-testid="stTable"] td { font-size: 1.7rem; padding: 0.5rem 0.8rem; color: #222; }
.st-key-slide-ranking [data-testid="stTable"] th, .st-key-slide-ranking [data-testid="stTable"] td {
  white-space: nowrap; }
[data-testid="stMain"] button p, [data-testid="stMain"] [data-testid="stPageLink"] p { font-size: 1.5rem; }
.st-key-meeting-bar [data-testid="stMarkdownContainer"] p { font-size: 1.8rem; }
.st-key-meeting-bar [data-testid="stCaptionContainer"] p { font-size: 1.3rem; }
</style>"""

LABEL_SIZE = 22  # chart text on the pages is 13 px; twice the normal type for the back of the room
MIN_LABEL_SIZE = 18  # the least chart text a slide draws (UX: chart text ≥ 18 px in meeting mode)
ROW_HEIGHT = 40


# Tallest chart that still fits under the title on a 1280×720 projector (measured in Chromium).
MAX_HEIGHT = 430
# Branches a slide's chart draws, those needing attention most: at MAX_HEIGHT each row keeps
# MIN_LABEL_SIZE type (a row's text is at most 0.55 of its height); the pages draw them all.
SLIDE_ROWS = 12


def projected(chart: alt.TopLevelMixin, *, rows: int, label_size: int = LABEL_SIZE) -> alt.TopLevelMixin:
    """A page chart restyled for a projector: larger axis, legend and label type, taller rows.

    With many rows the chart is capped at MAX_HEIGHT and the type shrinks to fit a row, never overlaps
    and never below MIN_LABEL_SIZE (the slides draw at most SLIDE_ROWS rows).
    """
    height = min(MAX_HEIGHT, max(260, ROW_HEIGHT * rows))
    label_size = max(MIN_LABEL_SIZE, min(label_size, int(height / max(rows, 1) * 0.55)))
    big = (
        chart.configure_axis(labelFontSize=label_size, titleFontSize=LABEL_SIZE, gridColor="#EEEEEE")
        .configure_title(fontSize=26, anchor="start", color="#333333")
        .configure_legend(labelFontSize=20, titleFontSize=20, orient="top", symbolSize=260)
    )
    for layer in getattr(big, "layer", []):
        mark = layer.mark
        if isinstance(mark, alt.MarkDef) and mark.type == "text":
            mark.fontSize = label_size
    return big.properties(height=height)


def heading(month: str, subject: str) -> str:
    """What and when, e.g. "2026年10月 各党支部任务完成率"."""
    return f"{format.month_label(month)} {subject}"


def title(context: PageContext, subject: str) -> None:
    """The slide's heading: the month chosen and the subject."""
    st.title(heading(context.filters.month, subject), anchor=False)


def chart(build: Callable[..., alt.TopLevelMixin], frame: pd.DataFrame, *, rows: int, **options) -> None:
    """``build(frame, title="", **options)``, one of the pages' charts, drawn for the projector: at most
    SLIDE_ROWS branches (its title then says how many there are), sized by its rows."""
    label_size = options.pop("label_size", LABEL_SIZE)
    with limit.at_most(SLIDE_ROWS, note=text.SLIDE_LIMITED):
        drawn = build(frame, title="", **options)
    shown = projected(drawn, rows=min(rows, SLIDE_ROWS), label_size=label_size)
    # Streamlit types the chart as the concrete chart classes; ours are typed by their base
    st.altair_chart(shown, theme=None, width="stretch")  # type: ignore[call-overload]


def figures(shown: list[tuple[str, str]]) -> None:
    """A column of bordered metrics (label, value), beside a slide's chart."""
    for label, value in shown:
        st.metric(label, value, border=True)
