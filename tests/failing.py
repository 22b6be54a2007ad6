"""Databases that fail as real ones do: read-only, unreachable, full, or locked by a long write."""

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine, create_engine, event, text

from data_layer.store import db

# Nothing listens on port 1 of this machine: a PostgreSQL server that is down.
UNREACHABLE = "postgresql+psycopg://postgres@127.0.0.1:1/postgres?connect_timeout=2"


def url_of(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=False)


@contextmanager
def read_only(engine: Engine) -> Iterator[str]:
    """The URL of ``engine``'s database opened so that it can be read but not written: an SQLite file
    opened read-only, a PostgreSQL database whose transactions are read-only (as on a standby)."""
    if engine.dialect.name == "sqlite":
        yield f"sqlite:///file:{engine.url.database}?mode=ro&uri=true"
        return
    name = engine.url.database
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text(f'ALTER DATABASE "{name}" SET default_transaction_read_only = on'))
    engine.dispose()  # the setting applies to new connections
    try:
        yield url_of(engine)
    finally:
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("SET default_transaction_read_only = off"))
            connection.execute(text(f'ALTER DATABASE "{name}" SET default_transaction_read_only = off'))
        engine.dispose()


def full(engine: Engine) -> Engine:
    """A second engine on ``engine``'s SQLite file that may not make the file any larger: a full disk."""
    limited = create_engine(engine.url)
    event.listen(limited, "connect", db._sqlite_pragmas)

    def no_room(dbapi_connection, _record) -> None:
        (pages,) = dbapi_connection.execute("PRAGMA page_count").fetchone()
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

    event.listen(limited, "connect", no_room)
    return limited


@contextmanager
def write_lock_held(engine: Engine) -> Iterator[None]:
    """Another connection holds the write lock (a long import) until the block ends."""
    holding, release = threading.Event(), threading.Event()

    def long_write() -> None:
        with db.write_scope(engine) as session:
            session.execute(text("UPDATE setting SET value = value"))
            holding.set()
            release.wait(120)

    writer = threading.Thread(target=long_write)
    writer.start()
    try:
        assert holding.wait(30)
        yield
    finally:
        release.set()
        writer.join()
