"""The one place that imports Streamlit's private API, so an upgrade that moves it breaks here only.

- ``vega_lite_spec``: the Vega-Lite spec ``st.altair_chart`` would send for a chart, made by Streamlit's
  own conversion (ui/charts/drawing.py remembers it, so a rerun that changed nothing does not rebuild it).
- ``arrow_to_frame``: a data frame from the Arrow bytes an element carries (tests read what a chart or
  table was given through it).

Both are checked by tests/ui/test_drawing.py and by every page test that reads a chart's data.
"""

from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df as arrow_to_frame
from streamlit.elements.vega_charts import _convert_altair_to_vega_lite_spec as vega_lite_spec

__all__ = ["arrow_to_frame", "vega_lite_spec"]
