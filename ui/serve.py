"""Start the dashboard: ``python -m ui.serve [options of streamlit run]`` is ``streamlit run app.py
[options]`` with the ``pages/`` folder not taken for an old-style multipage app (ui/streamlit_internals.py).
``./dev run``, the browser tests and the deployment (docs/deploy.md) start it so."""

import sys
from pathlib import Path

from ui import streamlit_internals

APP = Path(__file__).resolve().parent.parent / "app.py"

if __name__ == "__main__":
    streamlit_internals.serve(str(APP), sys.argv[1:])
