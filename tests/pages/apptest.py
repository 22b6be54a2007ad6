"""Running the app under AppTest as a given user of the hand-made fixture."""

from pathlib import Path

from streamlit.testing.v1 import AppTest

from tests.actors import actor

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def app_as(session, username: str | None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    if username:
        at.session_state["actor"] = actor(session, username)
    return at.run()


def metrics_by_label(at: AppTest) -> dict[str, tuple[str, str | None]]:
    return {metric.label: (metric.value, metric.delta) for metric in at.metric}


def table(at: AppTest, key: str):
    """The rows of the table drawn with ``components.table(..., key=key)``, as shown (rates × 100)."""
    return at.get_by_key(key).dataframe[0].value
