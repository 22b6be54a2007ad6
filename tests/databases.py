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


# Migrating a database runs every Alembic revision: done once per run and kind, into a template that each
# new database copies (SQLite: the file; PostgreSQL: CREATE DATABASE … TEMPLATE), which is what the tests'
# databases are. The upgrade itself is tested on databases made with ``migrate=False``.
_TEMPLATES: dict[str, str] = {}


def _sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if "sqlite" not in _TEMPLATES:
        path = tmp_path_factory.mktemp("template") / "migrated.db"
        engine = db.get_engine(f"sqlite:///{path}")
        db.upgrade(engine)
        with engine.connect() as connection:  # everything into the main file, which is what is copied
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        engine.dispose()
        _TEMPLATES["sqlite"] = str(path)
    return Path(_TEMPLATES["sqlite"])


def _postgres_template(server: str) -> str:
    if "postgresql" not in _TEMPLATES:
        name = f"template_{uuid.uuid4().hex[:12]}"
        admin = create_engine(server, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        engine = db.get_engine(
            create_engine(server).url.set(database=name).render_as_string(hide_password=False)
        )
        db.upgrade(engine)
        engine.dispose()  # a template may have no connection while it is copied

        def drop() -> None:
            with admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()

        atexit.register(drop)
        _TEMPLATES["postgresql"] = name
    return _TEMPLATES["postgresql"]


def new_database(
    backend: str, tmp_path_factory: pytest.TempPathFactory, *, migrate: bool = True
) -> tuple[Engine, Callable[[], None]]:
    """A migrated (with ``migrate=False`` a blank), empty database of the given kind and a function that
    throws it away."""
    if backend == "sqlite":
        path = tmp_path_factory.mktemp("db") / "test.db"
        if migrate:
            shutil.copyfile(_sqlite_template(tmp_path_factory), path)
        engine = db.get_engine(f"sqlite:///{path}")
        return engine, engine.dispose
    server = _postgres_server()
    name = f"test_{uuid.uuid4().hex[:12]}"
    template = f' TEMPLATE "{_postgres_template(server)}"' if migrate else ""
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
    engine, drop = new_database(backend, tmp_path_factory)
    with db.session_scope(engine) as session:
        build_handmade(session)
    yield engine
    drop()


def migrated_engine(backend: str, tmp_path_factory) -> Iterator[Engine]:
    """A migrated, empty database of its own, thrown away afterwards."""
    engine, drop = new_database(backend, tmp_path_factory)
    yield engine
    drop()
