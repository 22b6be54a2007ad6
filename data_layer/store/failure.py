"""What went wrong with the database, by kind: busy, down, full or read-only.

The database driver says it in its own words (SQLite's result codes, PostgreSQL's SQLSTATE, a refused
connection); ``kind_of`` reads them from an error and its causes, so that the pages can tell people in
plain words (ui/text.py) instead of showing the driver's text with its host and port.
"""

import sqlite3
from enum import StrEnum

from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import TimeoutError as PoolTimeout


class Kind(StrEnum):
    BUSY = "busy"  # another writer holds the lock longer than a save may wait
    DOWN = "down"  # the database cannot be reached or opened
    FULL = "full"  # no room left on its disk
    READ_ONLY = "read_only"  # it may be read but not written


# SQLite's primary result codes (https://sqlite.org/rescode.html)
_SQLITE = {
    5: Kind.BUSY,  # SQLITE_BUSY
    6: Kind.BUSY,  # SQLITE_LOCKED
    8: Kind.READ_ONLY,  # SQLITE_READONLY
    13: Kind.FULL,  # SQLITE_FULL
    14: Kind.DOWN,  # SQLITE_CANTOPEN
}
# PostgreSQL's SQLSTATE codes, then their classes (the first two characters)
_POSTGRES = {
    "53100": Kind.FULL,  # disk_full
    "25006": Kind.READ_ONLY,  # read_only_sql_transaction
    "55P03": Kind.BUSY,  # lock_not_available (lock_timeout)
    "57014": Kind.BUSY,  # query_canceled (statement_timeout)
    "40P01": Kind.BUSY,  # deadlock_detected
    "53300": Kind.BUSY,  # too_many_connections
    "57P01": Kind.DOWN,  # admin_shutdown
    "57P02": Kind.DOWN,  # crash_shutdown
    "57P03": Kind.DOWN,  # cannot_connect_now
}
_POSTGRES_CLASSES = {"08": Kind.DOWN, "53": Kind.FULL}


def kind_of(error: BaseException | None) -> Kind | None:
    """The kind of database failure ``error`` is (or was caused by), or None for any other error."""
    seen: set[int] = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        found = _own_kind(error)
        if found is not None:
            return found
        error = getattr(error, "orig", None) or error.__cause__ or error.__context__
    return None


def _own_kind(error: BaseException) -> Kind | None:
    if isinstance(error, PoolTimeout):  # every pooled connection is in use for longer than the pool waits
        return Kind.BUSY
    if isinstance(error, sqlite3.Error):
        code = getattr(error, "sqlite_errorcode", None)
        return _SQLITE.get(code & 0xFF) if code is not None else None
    state = getattr(error, "sqlstate", None)
    if isinstance(state, str) and len(state) == 5:
        return _POSTGRES.get(state) or _POSTGRES_CLASSES.get(state[:2])
    if _is_postgres_error(error):
        # No SQLSTATE: the server did not answer at all (refused, unreachable, closed the connection).
        return Kind.DOWN if _connection_failure(error) else None
    if isinstance(error, DBAPIError) and error.connection_invalidated:
        return Kind.DOWN
    return None


def _is_postgres_error(error: BaseException) -> bool:
    return type(error).__module__.split(".")[0] == "psycopg"


def _connection_failure(error: BaseException) -> bool:
    import psycopg  # only a PostgreSQL database raises psycopg's errors, so psycopg is installed

    return isinstance(error, psycopg.OperationalError | psycopg.InterfaceError)
