"""The page tests run on SQLite. A page reads and writes only through data_layer, whose every function is
tested on SQLite and on PostgreSQL (tests/data_layer); running each page × role again on PostgreSQL
doubled the suite's longest part and checked no SQL of its own. What a page does with PostgreSQL itself
(a server that is down) is tested in test_failures.py, and the browser journeys run one dashboard on it
(tests/e2e/test_replicas.py)."""

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine

from tests.databases import HANDMADE, handmade_engine, migrated_engine, new_database


@pytest.fixture(scope="session")
def engine(tmp_path_factory) -> Iterator[Engine]:
    """The hand-made fixture on SQLite. Read-only: do not write to it."""
    yield from handmade_engine("sqlite", tmp_path_factory)


@pytest.fixture
def empty_engine(tmp_path_factory) -> Iterator[Engine]:
    """A migrated, empty SQLite database of the test's own, for pages that write."""
    yield from migrated_engine("sqlite", tmp_path_factory)


@pytest.fixture
def fresh_engine(tmp_path_factory) -> Iterator[Engine]:
    """A SQLite database of the test's own holding the hand-made fixture, for pages that write."""
    engine, drop = new_database("sqlite", tmp_path_factory, contents=HANDMADE)
    yield engine
    drop()


@pytest.fixture
def writable(fresh_engine, monkeypatch):
    """A database of the test's own holding the hand-made fixture, for pages that write; the app uses it."""
    from sqlmodel import Session

    monkeypatch.setenv("DATABASE_URL", fresh_engine.url.render_as_string(hide_password=False))
    with Session(fresh_engine) as session:
        yield session
