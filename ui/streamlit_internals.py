"""The one place that imports Streamlit's private API, so an upgrade that moves it breaks here only.

- ``vega_lite_spec``: the Vega-Lite spec ``st.altair_chart`` would send for a chart, made by Streamlit's
  own conversion (ui/charts/drawing.py remembers it, so a rerun that changed nothing does not rebuild it).
  Altair's public ``chart.to_dict()`` is no replacement: measured on a 300 × 12 heat map (2026-12-07,
  ten builds each, same run) it took 359 ms against 217 ms here, and it leaves the rows inline as JSON,
  where Streamlit's conversion sends them as Arrow.
- ``arrow_to_frame``: a data frame from the Arrow bytes an element carries (tests read what a chart or
  table was given through it).
- ``frame_to_arrow``: the Arrow table ``st.dataframe`` makes of a data frame, by Streamlit's own conversion
  (with its fixes for mixed columns). ui/components.py keeps it per frame and hands it to ``st.dataframe``,
  which then sends the same bytes without converting 300 rows again on every rerun (≈2 ms a table).
- ``serve``: ``streamlit run app.py …`` in this process, with Streamlit told first that the ``pages/``
  folder beside app.py is not an old-style multipage folder (see ``serve``).
- ``apptest_messages``: hands the messages of each AppTest run to a listener before AppTest parses them
  (benchmarks/pages.py weighs what a page sends).
- ``BackMsg``, ``ForwardMsg``, ``WidgetState``: the protobuf messages a browser and the server exchange
  over the websocket (benchmarks/streamlit_client.py plays many browsers with them).

The first two are checked by tests/ui/test_drawing.py and by every page test that reads a chart's data.
"""

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any
from unittest import mock

from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df as arrow_to_frame
from streamlit.dataframe_util import convert_pandas_df_to_arrow_table as frame_to_arrow
from streamlit.elements.vega_charts import _convert_altair_to_vega_lite_spec as vega_lite_spec
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

__all__ = [
    "BackMsg",
    "ForwardMsg",
    "WidgetState",
    "apptest_messages",
    "arrow_to_frame",
    "frame_to_arrow",
    "vega_lite_spec",
]


@contextmanager
def apptest_messages(listener: Callable[[Any], None]) -> Iterator[None]:
    """While open, every AppTest run gives ``listener`` its queue of ForwardMsgs, then parses it as usual."""
    # Imported here: the running app never loads Streamlit's testing package.
    from streamlit.testing.v1 import local_script_runner

    parse = local_script_runner.parse_tree_from_messages

    def listen_then_parse(messages):
        listener(messages)
        return parse(messages)

    with mock.patch.object(local_script_runner, "parse_tree_from_messages", listen_then_parse):
        yield


def serve(app: str, options: list[str]) -> None:
    """``streamlit run <app> <options>``, here. Streamlit takes a folder named ``pages/`` beside the main
    script for an old-style multipage app until a script run calls ``st.navigation``: the first run of a
    server process then answered a link to any page (``/tasks``) with its English "Page not found" and the
    main page. app.py's pages are ``st.navigation``'s (ui/navigation.py), so that is said before the first run."""
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.web import cli

    PagesManager.uses_pages_directory = False
    sys.argv = ["streamlit", "run", app, *options]
    cli.main()
