"""Databases for the tests: every test that asks for ``engine`` runs on SQLite and on PostgreSQL.

PostgreSQL tests use the server in ``TEST_POSTGRES_URL`` (e.g. ``postgresql+psycopg://postgres@127.0.0.1:5433/
postgres``) and make a throw-away database per fixture. Without it they skip with the reason, unless
``REQUIRE_POSTGRES=1`` (as in CI), where a missing server fails the run.
"""

import os
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlmodel import Session

from data_layer import db
from tests.handmade import build_handmade

BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


def _postgres_server() -> str:
    url = os.environ.get("TEST_POSTGRES_URL")
    reason = None
    if not url:
        reason = "TEST_POSTGRES_URL is not set: no PostgreSQL server to test against"
    else:
        try:
            with create_engine(url).connect() as connection:
                connection.execute(text("select 1"))
        except Exception as error:  # any failure to reach the server is reported the same way
            reason = f"PostgreSQL at TEST_POSTGRES_URL cannot be reached: {error}"
    if reason:
        if os.environ.get("REQUIRE_POSTGRES") == "1":
            pytest.fail(reason + " (REQUIRE_POSTGRES=1)")
        pytest.skip(reason)
    return url


def _new_database(backend: str, tmp_path_factory: pytest.TempPathFactory) -> tuple[Engine, callable]:
    """A migrated, empty database of the given kind and a function that throws it away."""
    if backend == "sqlite":
        path = tmp_path_factory.mktemp("db") / "test.db"
        engine = db.get_engine(f"sqlite:///{path}")
        db.upgrade(engine)
        return engine, engine.dispose
    server = _postgres_server()
    name = f"test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    engine = db.get_engine(create_engine(server).url.set(database=name).render_as_string(hide_password=False))
    db.upgrade(engine)

    def drop() -> None:
        engine.dispose()
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return engine, drop


@pytest.fixture(scope="session", params=BACKENDS)
def engine(request, tmp_path_factory) -> Iterator[Engine]:
    """A database holding the hand-made fixture (tests/handmade.py). Read-only: do not write to it."""
    engine, drop = _new_database(request.param, tmp_path_factory)
    with db.session_scope(engine) as session:
        build_handmade(session)
    yield engine
    drop()


@pytest.fixture(params=BACKENDS)
def empty_engine(request, tmp_path_factory) -> Iterator[Engine]:
    """A migrated, empty database of its own, for tests that write."""
    engine, drop = _new_database(request.param, tmp_path_factory)
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
