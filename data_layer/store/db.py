"""The database: engine from ``DATABASE_URL``, schema upgrades through Alembic, sessions.

Without ``DATABASE_URL`` the dashboard uses an embedded SQLite file, ``data/dashboard.db`` (WAL,
busy timeout, foreign keys on). PostgreSQL is reached through psycopg 3:
``postgresql+psycopg://user@host:port/db``.
"""

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.exc import OperationalError
from sqlmodel import Session
from sqlmodel.sql.expression import Select

from data_layer.store import version

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_SQLITE_PATH = PROJECT_ROOT / "data" / "dashboard.db"
MIGRATIONS_DIR = Path(__file__).resolve().parents[1] / "migrations"


def database_url() -> str:
    """The configured database, or the embedded SQLite file."""
    return os.environ.get("DATABASE_URL") or f"sqlite:///{DEFAULT_SQLITE_PATH}"


def is_embedded(url: str | None = None) -> bool:
    """True while the dashboard runs on its embedded SQLite file (not a configured database)."""
    return (url or database_url()) == f"sqlite:///{DEFAULT_SQLITE_PATH}"


BUSY_TIMEOUT_MS = 10000  # how long an SQLite statement waits for another connection's lock


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def get_engine(url: str | None = None) -> Engine:
    """The engine for ``url`` (default: the configured database); one per URL for the process."""
    return _engine_for(url or database_url())


@cache
def _engine_for(url: str) -> Engine:
    if url.startswith("sqlite"):
        path = url.removeprefix("sqlite:///")
        if path and path != ":memory:" and not path.startswith("file:"):  # file:…?mode=ro is opened as it is
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 10})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=10, connect_args=POSTGRES_SESSION)


# Every PostgreSQL session of the dashboard: no JIT (the group's heat-map statement crossed the JIT cost
# threshold and spent about 100 ms compiling, each time, for a query that runs in a few hundred) and
# room for its sorts and hashes in memory (at the default 4 MB the study sums spilled to disk).
POSTGRES_SESSION = {"options": "-c jit=off -c work_mem=32MB"}


def _alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["engine"] = engine
    return config


def upgrade(engine: Engine | None = None) -> None:
    """Create or upgrade the schema to the newest migration."""
    command.upgrade(_alembic_config(engine or get_engine()), "head")


def make_migration(message: str, engine: Engine | None = None) -> None:
    """Write a new migration by comparing the models with an up-to-date database (developers only)."""
    command.revision(_alembic_config(engine or get_engine()), message=message, autogenerate=True)


def has_tables(engine: Engine | None = None) -> bool:
    return inspect(engine or get_engine()).has_table("organisation")


WRITE_ATTEMPTS = 5
# PostgreSQL's advisory lock for writers: any 64-bit number, the same in every process of the app.
WRITE_LOCK_KEY = 0x6C65616E_70617274  # "leanpart"


@contextmanager
def write_scope(engine: Engine | None = None, *, figures: bool = True) -> Iterator[Session]:
    """A session for one write, holding the database's write lock until it commits or rolls back.

    One writer at a time, on both databases: the data layer checks before it writes (the version a
    person loaded, the month lock, what is left of an allocation, whether a row exists yet), and
    those checks hold only if nobody else writes in between. On SQLite the lock is taken up front
    (BEGIN IMMEDIATE), waiting and retrying while another writer holds it, so a person never sees
    "database is locked"; on PostgreSQL it is a transaction-level advisory lock, released by the
    commit or rollback. Readers are never blocked. Commits when the block ends normally, rolls back
    on any error. Every commit that changed a table adds one to the data version (data_layer/store/version.py) in the same
    transaction and gives the tables its statements changed that version, so that every app process's
    remembered reads of those tables are computed afresh on their next call; a write that changes no
    figure a page shows (a login's counters: ``figures=False``) leaves them be, and so does one that
    changed no table: nothing written, or all of it rolled back by the block itself (a refused or trial
    import).
    """
    engine = engine or get_engine()
    version.watch(engine)
    with Session(engine, expire_on_commit=False) as session, version.recording_writes(session) as changed:
        if engine.dialect.name == "sqlite":
            _begin_immediate(session)
        else:
            session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITE_LOCK_KEY})

        def forget_undone(_session, previous) -> None:  # what a rollback undid was never written
            if not previous.nested:
                changed.clear()

        event.listen(session, "after_soft_rollback", forget_undone)
        try:
            yield session
            if figures:
                session.flush()
                if changed:  # nothing written, or all of it rolled back (a refused import): nothing changed
                    changed.bump(session=session)
            session.commit()
        except BaseException:
            session.rollback()
            raise


def _begin_immediate(session: Session) -> None:
    for attempt in range(WRITE_ATTEMPTS):
        try:
            session.connection().exec_driver_sql("BEGIN IMMEDIATE")
            return
        except OperationalError as error:
            session.rollback()
            if "locked" not in str(error) or attempt == WRITE_ATTEMPTS - 1:
                raise
            time.sleep(0.2 * (attempt + 1))


# A login's bookkeeping waits at most this long for another writer; then it is left undone.
BOOKKEEPING_WAIT_MS = 1000


@contextmanager
def bookkeeping_scope(engine: Engine | None = None) -> Iterator[Session]:
    """A session for writes that check nothing and change no figure (a login's counters and audit rows):
    without the write lock, so that a login never waits on someone's long save, and waiting at most
    ``BOOKKEEPING_WAIT_MS`` for the database's own row or file locks. Commits when the block ends
    normally, rolls back on any error (the caller decides whether a failure matters)."""
    engine = engine or get_engine()
    with Session(engine, expire_on_commit=False) as session:
        if engine.dialect.name == "sqlite":
            connection = session.connection()
            connection.exec_driver_sql(f"PRAGMA busy_timeout={BOOKKEEPING_WAIT_MS}")
        else:
            session.execute(text(f"SET LOCAL lock_timeout = {BOOKKEEPING_WAIT_MS}"))
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            if engine.dialect.name == "sqlite":  # the pooled connection goes back with its usual wait
                session.connection().exec_driver_sql(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")


def read_only(engine: Engine | None = None) -> bool:
    """Whether the database can be read but not written: an SQLite file opened read-only or on a
    read-only file system, or a PostgreSQL server that takes no writes (a standby, or
    default_transaction_read_only)."""
    engine = engine or get_engine()
    if engine.dialect.name == "sqlite":
        name = engine.url.database or ""
        if engine.url.query.get("mode") == "ro":
            return True
        path = name.removeprefix("file:")
        return bool(path) and path != ":memory:" and not os.access(path, os.W_OK)
    with engine.connect() as connection:
        return connection.execute(text("SELECT current_setting('transaction_read_only')")).scalar() == "on"


@contextmanager
def session_scope(engine: Engine | None = None) -> Iterator[Session]:
    """A session that commits when the block ends normally and rolls back on any error."""
    with Session(engine or get_engine(), expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


def select_columns(*columns: Any) -> Select[*tuple[Any, ...]]:
    """``sqlmodel.select`` of any number of columns: its types stop at four (fastapi/sqlmodel#271)."""
    return Select(*columns)
