"""Every test that asks for ``engine`` or ``empty_engine`` runs on SQLite and on PostgreSQL — except the
page tests (tests/pages/conftest.py), which run on SQLite."""

import os
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from tests.databases import (
    BACKENDS,
    HANDMADE,
    handmade_engine,
    migrated_engine,
    new_database,
    postgres_server_url,
)

# Remembered answers are shared between sessions: check that no page or test changes one in place.
os.environ.setdefault("MEMO_CHECK", "1")
# No background warm-up in AppTest runs: it would read the test databases while tests write and drop them.
os.environ.setdefault("WARM_UP", "0")
# Nor kept answers: AppTests check what pages compute, and a background writer would outlive the test.
os.environ.setdefault("KEPT_ANSWERS", "0")
# A page's unexpected error reaches the test (AppTest's at.exception) after the app has logged it.
os.environ.setdefault("DASHBOARD_RAISE_ERRORS", "1")


@pytest.fixture(scope="session", params=BACKENDS)
def engine(request, tmp_path_factory) -> Iterator[Engine]:
    """A database holding the hand-made fixture (tests/handmade.py). Read-only: do not write to it."""
    yield from handmade_engine(request.param, tmp_path_factory)


@pytest.fixture(params=BACKENDS)
def empty_engine(request, tmp_path_factory) -> Iterator[Engine]:
    """A migrated, empty database of its own, for tests that write."""
    yield from migrated_engine(request.param, tmp_path_factory)


@pytest.fixture(params=BACKENDS)
def fresh_engine(request, tmp_path_factory) -> Iterator[Engine]:
    """A database of the test's own holding the hand-made fixture, for tests that write."""
    engine, drop = new_database(request.param, tmp_path_factory, contents=HANDMADE)
    yield engine
    drop()


@pytest.fixture
def session(engine) -> Iterator[Session]:
    with Session(engine) as session:
        yield session
        session.rollback()


@pytest.fixture
def database_url(engine, monkeypatch) -> str:
    """Point the app (AppTest runs it in this process) at the hand-made database."""
    url = engine.url.render_as_string(hide_password=False)
    monkeypatch.setenv("DATABASE_URL", url)
    return url


def pytest_report_header(config) -> str:
    server = os.environ.get("TEST_POSTGRES_URL")
    where = postgres_server_url(server) if server else "not set (PostgreSQL tests skip)"
    return (
        f"databases: SQLite; PostgreSQL {where}; REQUIRE_POSTGRES={os.environ.get('REQUIRE_POSTGRES', '0')}"
    )


@pytest.fixture
def fresh_session(fresh_engine) -> Iterator[Session]:
    """A session on a database of the test's own that holds the hand-made fixture, for tests that write."""
    with Session(fresh_engine) as session:
        yield session


@pytest.hookimpl(tryfirst=True)  # before xdist's own hook, which reads the groups into the test ids
def pytest_collection_modifyitems(config, items) -> None:
    """For pytest-xdist (``./dev test`` runs ``--dist loadgroup``): a file's tests share one worker (its
    module fixtures are made once), and every browser test runs on the same worker, one after another —
    two dashboards and two Chromiums at once starve a two-core machine. (Without ``tryfirst`` the groups
    were added after xdist had read them: the other-day runs started twice, once per worker, and
    browser journeys ran side by side.)"""
    _leave_out_postgres_variants_of_sqlite_only_tests(config, items)
    # The browser journeys, the longest group by far, first: pytest-xdist hands out groups in this order,
    # and a long group started last would keep one worker busy after the other has finished.
    items.sort(key=lambda item: not item.nodeid.startswith("tests/e2e/"))
    for item in items:
        path = item.nodeid.split("::")[0]
        item.add_marker(pytest.mark.xdist_group("browser" if path.startswith("tests/e2e/") else path))


def _leave_out_postgres_variants_of_sqlite_only_tests(config, items) -> None:
    """A test marked ``sqlite_only(reason)`` (files drawn from a report, a benchmark's harness) checks
    nothing of PostgreSQL that the data layer's own tests do not: its PostgreSQL variant is deselected."""
    left_out = [
        item
        for item in items
        if item.get_closest_marker("sqlite_only")
        and "postgresql" in getattr(getattr(item, "callspec", None), "params", {}).values()
    ]
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        out = set(map(id, left_out))
        items[:] = [item for item in items if id(item) not in out]
