import pytest
from streamlit.runtime.pages_manager import PagesManager


@pytest.fixture(autouse=True)
def navigation_as_on_a_running_server(monkeypatch):
    """Run every AppTest rerun through app.py's ``st.navigation``, as a running server does.

    Streamlit decides per process whether an app with a ``pages/`` folder is an old-style multipage
    app; the first ``st.navigation`` call settles it to "no" for the life of the server. AppTest asks
    again before every run, and would then run the last page's script alone on every rerun. Settling it
    the way the server does keeps the tests honest about what people see (ui/shell.py covers the
    server's very first run).
    """
    original = PagesManager.__init__

    def settled(self, *args, **kwargs):
        PagesManager.uses_pages_directory = False
        original(self, *args, **kwargs)

    monkeypatch.setattr(PagesManager, "__init__", settled)


@pytest.fixture
def writable(empty_engine, monkeypatch):
    """A database of the test's own holding the hand-made fixture, for pages that write; the app uses it."""
    from sqlmodel import Session

    from tests.handmade import build_handmade

    with Session(empty_engine) as session:
        build_handmade(session)
        session.commit()
    monkeypatch.setenv("DATABASE_URL", empty_engine.url.render_as_string(hide_password=False))
    with Session(empty_engine) as session:
        yield session
