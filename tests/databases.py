"""Throw-away databases for the tests: migrated SQLite files, or databases on a PostgreSQL server.

PostgreSQL tests use the server in ``TEST_POSTGRES_URL`` (e.g. ``postgresql+psycopg://postgres@127.0.0.1:5433/
postgres``) and make a database of their own there. Without it they skip with the reason, unless
``REQUIRE_POSTGRES=1`` (as in CI), where a missing server fails the run.
"""

import atexit
import os
import shutil
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text

from data_layer.store import db
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


# Migrating a database runs every Alembic revision, and the hand-made fixture takes as long again: each is
# done once per process and kind, into a template that each new database copies (SQLite: the file;
# PostgreSQL: CREATE DATABASE … TEMPLATE). The upgrade itself is tested on databases made with
# ``contents=BLANK``.
BLANK, MIGRATED, HANDMADE = "blank", "migrated", "handmade"
_TEMPLATES: dict[tuple[str, str], str] = {}


def _fill(engine: Engine, contents: str) -> None:
    db.upgrade(engine)
    if contents == HANDMADE:
        with db.session_scope(engine) as session:
            build_handmade(session)


def _sqlite_template(tmp_path_factory: pytest.TempPathFactory, contents: str) -> Path:
    if ("sqlite", contents) not in _TEMPLATES:
        path = tmp_path_factory.mktemp("template") / f"{contents}.db"
        engine = db.get_engine(f"sqlite:///{path}")
        _fill(engine, contents)
        with engine.connect() as connection:  # everything into the main file, which is what is copied
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        engine.dispose()
        _TEMPLATES["sqlite", contents] = str(path)
    return Path(_TEMPLATES["sqlite", contents])


def _postgres_template(server: str, contents: str) -> str:
    if ("postgresql", contents) not in _TEMPLATES:
        name = f"template_{contents}_{uuid.uuid4().hex[:12]}"
        admin = create_engine(server, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        engine = db.get_engine(
            create_engine(server).url.set(database=name).render_as_string(hide_password=False)
        )
        _fill(engine, contents)
        engine.dispose()  # a template may have no connection while it is copied

        def drop() -> None:
            with admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()

        atexit.register(drop)
        _TEMPLATES["postgresql", contents] = name
    return _TEMPLATES["postgresql", contents]


def new_database(
    backend: str, tmp_path_factory: pytest.TempPathFactory, *, contents: str = MIGRATED
) -> tuple[Engine, Callable[[], None]]:
    """A database of the given kind — migrated and empty (``MIGRATED``), holding the hand-made fixture
    (``HANDMADE``) or blank (``BLANK``) — and a function that throws it away."""
    if backend == "sqlite":
        path = tmp_path_factory.mktemp("db") / "test.db"
        if contents != BLANK:
            shutil.copyfile(_sqlite_template(tmp_path_factory, contents), path)
        engine = db.get_engine(f"sqlite:///{path}")
        return engine, engine.dispose
    server = _postgres_server()
    name = f"test_{uuid.uuid4().hex[:12]}"
    template = f' TEMPLATE "{_postgres_template(server, contents)}"' if contents != BLANK else ""
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"{template}'))
    engine = db.get_engine(create_engine(server).url.set(database=name).render_as_string(hide_password=False))

    def drop() -> None:
        engine.dispose()
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return engine, drop


def postgres_server_url(url: str) -> str:
    """The server URL without its password, for the test report's header."""
    return create_engine(url).url.render_as_string(hide_password=True)


def handmade_engine(backend: str, tmp_path_factory) -> Iterator[Engine]:
    """A database holding the hand-made fixture (tests/handmade.py), thrown away afterwards."""
    engine, drop = new_database(backend, tmp_path_factory, contents=HANDMADE)
    yield engine
    drop()


def migrated_engine(backend: str, tmp_path_factory) -> Iterator[Engine]:
    """A migrated, empty database of its own, thrown away afterwards."""
    engine, drop = new_database(backend, tmp_path_factory)
    yield engine
    drop()
