"""Data versions: what changed, in any app process, since an answer was computed.

Two counters, both changed only inside write transactions, so a new value becomes visible exactly when
the write does:

- the **data version**, one number that ``db.write_scope`` adds one to in every write;
- each **table's version**: the data version of the last write that changed that table.

``db.write_scope`` records which tables its statements insert into, update or delete from
(``recording_writes``; a statement it cannot read marks every table) and ``bump`` sets their version.
A remembered read (data_layer/store/memo.py) records which tables its SQL names (``recording_reads``) and is
given again only while each of them has the same version: an expense leaves the remembered task and
study sums be. Reading every table's version is one query of a 16-row table.
"""

import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from sqlalchemy import Connection, Engine, event, literal, union_all, update
from sqlmodel import Session, SQLModel, col, select

from data_layer.models import DataVersion, TableVersion

ROW_ID = 1
ALL = "*"  # in a snapshot: the data version; in a write: "every table changed"
_OWN = {DataVersion.__tablename__, TableVersion.__tablename__, "alembic_version"}
_TABLES = sorted(set(SQLModel.metadata.tables) - _OWN)
_NAMED = re.compile(r"\b(" + "|".join(map(re.escape, _TABLES)) + r")\b", re.IGNORECASE)
_CHANGES = re.compile(
    r'^\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE(?:\s+OR\s+\w+)?|DELETE\s+FROM)\s+(?:"?\w+"?\.)?"?(\w+)"?',
    re.IGNORECASE,
)
_MAY_CHANGE = re.compile(
    r"^\s*(?:INSERT|UPDATE|DELETE|REPLACE|MERGE|COPY|TRUNCATE|ALTER|CREATE|DROP)\b", re.IGNORECASE
)
_LEADING_COMMENTS = re.compile(r"^\s*(?:(?:--[^\n]*(?:\n|$)|/\*.*?\*/)\s*)*", re.DOTALL)
_WITH_CHANGE = re.compile(r"^\s*WITH\b.*\b(?:INSERT|UPDATE|DELETE)\b", re.IGNORECASE | re.DOTALL)

_writes: ContextVar[set[str] | None] = ContextVar("tables_written", default=None)
_reads: ContextVar[tuple[set[str], ...]] = ContextVar("tables_read", default=())


def data_version(*, session: Session) -> int:
    """The number of the last committed write (as this session's transaction sees it)."""
    return session.exec(select(DataVersion.version).where(DataVersion.id == ROW_ID)).one()


def table_versions(*, session: Session) -> dict[str, int]:
    """Every table's version, and the data version under ``ALL``, in one query."""
    rows = session.execute(
        union_all(
            select(TableVersion.name, TableVersion.version),
            select(literal(ALL), DataVersion.version).where(DataVersion.id == ROW_ID),
        )
    ).all()
    return {name: number for name, number in rows}


def bump(*, session: Session, tables: Iterable[str] = (ALL,)) -> None:
    """Count one more write that changed ``tables``; call inside the write's transaction, just before
    it commits."""
    session.execute(
        update(DataVersion).where(col(DataVersion.id) == ROW_ID).values(version=DataVersion.version + 1)
    )
    now = data_version(session=session)
    changed = set(tables) - _OWN
    if ALL in changed or changed - set(_TABLES):
        changed = set(_TABLES)
    if not changed:
        return
    _set_tables(session, changed, now)


def move_past(*, session: Session, seen: int) -> None:
    """Make the data version and every table's version larger than both ``seen`` and the data version:
    after a restore the copied-in numbers may be ones the running processes have already remembered
    answers under."""
    now = max(seen, data_version(session=session)) + 1
    session.execute(update(DataVersion).where(col(DataVersion.id) == ROW_ID).values(version=now))
    _set_tables(session, set(_TABLES), now)


def _set_tables(session: Session, names: set[str], number: int) -> None:
    session.execute(update(TableVersion).where(col(TableVersion.name).in_(names)).values(version=number))
    present = set(session.exec(select(TableVersion.name).where(col(TableVersion.name).in_(names))).all())
    for name in sorted(names - present):
        session.add(TableVersion(name=name, version=number))
    session.flush()


# --- which tables a block of code changed or read ----------------------------------------------------


def watch(engine: Engine | Connection) -> None:
    """Let ``recording_writes`` and ``recording_reads`` see the statements sent through ``engine``."""
    if not event.contains(engine, "before_cursor_execute", _sent):
        event.listen(engine, "before_cursor_execute", _sent)


@contextmanager
def recording_writes() -> Iterator[set[str]]:
    """The tables that statements sent in this block change (``ALL`` when one cannot be read)."""
    tables: set[str] = set()
    token = _writes.set(tables)
    try:
        yield tables
    finally:
        _writes.reset(token)


@contextmanager
def recording_reads() -> Iterator[set[str]]:
    """The tables that statements sent in this block name; blocks may nest (each sees its own and its
    inner blocks' tables)."""
    tables: set[str] = set()
    token = _reads.set((*_reads.get(), tables))
    try:
        yield tables
    finally:
        _reads.reset(token)


def note_read(tables: Iterable[str]) -> None:
    """Count ``tables`` as read by every block recording now (an answer given from memory, whose SQL
    ran earlier)."""
    for recorded in _reads.get():
        recorded.update(tables)


def _sent(_connection, _cursor, statement: str, _parameters, _context, _executemany) -> None:
    written = _writes.get()
    if written is not None:
        _note_written(written, _LEADING_COMMENTS.sub("", statement, count=1))
    recording = _reads.get()
    if recording:
        named = {name.lower() for name in _NAMED.findall(statement)}
        for recorded in recording:
            recorded.update(named)


def _note_written(written: set[str], statement: str) -> None:
    if _MAY_CHANGE.match(statement) or _WITH_CHANGE.match(statement):
        changed = _CHANGES.match(statement)
        written.add(changed.group(1).lower() if changed else ALL)
