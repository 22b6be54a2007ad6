import pytest


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
