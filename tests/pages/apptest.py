"""Running the app under AppTest as a given user of the hand-made fixture."""

import json
from pathlib import Path

import pandas as pd
from streamlit.testing.v1 import AppTest

from tests.actors import actor, org_id
from ui import navigation, preload
from ui.streamlit_internals import arrow_to_frame

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def shown(at: AppTest, kind: str) -> list:
    """The elements of ``kind`` (``"metric"``, ``"dataframe"``, ``"vega_lite_chart"`` …) on the page,
    without those of the block the login page hides (ui/preload.py: one of each kind, no figure)."""
    found: list = []

    def walk(node) -> None:
        if getattr(node, "type", None) == "expander" and node.label == preload.KEY:
            return
        if getattr(node, "type", None) == kind:
            found.append(node)
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at.main)
    walk(at.sidebar)
    return found


def app_as(session, username: str | None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    if username:
        at.session_state["actor"] = actor(session, username)
    return at.run()


def open_entry(session, username: str, month: str = "2026-04", branch: str | None = None) -> AppTest:
    """月度填报 as ``username``, on ``month`` (and, for an administrator, ``branch``)."""
    at = app_as(session, username)
    at.switch_page(navigation.script("entry"))
    at.run()
    at.selectbox(key="entry_month").set_value(month)
    if branch:
        at.selectbox(key="entry_branch").set_value(org_id(session, branch))
    return at.run()


def metrics_by_label(at: AppTest) -> dict[str, tuple[str, str | None]]:
    return {metric.label: (metric.value, metric.delta) for metric in at.metric}


def table(at: AppTest, key: str):
    """The rows of the table drawn with ``components.table(..., key=key)``, as shown (rates × 100)."""
    return at.get_by_key(key).dataframe[0].value


def charts(at: AppTest) -> dict[str, pd.DataFrame]:
    """Each Altair chart on the page by its title, with the rows it was given (its first dataset)."""
    found = {}
    for node in at.main:
        if getattr(node, "type", "") != "vega_lite_chart":
            continue
        spec = json.loads(node.proto.spec)
        title = spec.get("title") or next(
            (layer.get("title") for layer in spec.get("layer", []) if "title" in layer), ""
        )
        title = title.get("text") if isinstance(title, dict) else title
        found[title] = arrow_to_frame(node.proto.datasets[0].data.data)
    return found
