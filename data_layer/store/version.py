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

Most writes change the rows of a few 党支部 (a secretary's save, an import of one branch's sheet). The
rows a write flushes are attributed to their 党支部 (data_layer/store/partition.py) and each such 党支部 gets
the write's number in ``branch_version``; a table changed in a row that belongs to no one 党支部 (an
organisation, a member, a setting), or by a statement other than the ORM's flush, also gets it as its
``whole`` version. An answer with a part per 党支部 (memo.by_branch) is then recomputed only for the 党支部
written since, unless a table it read changed as a whole.
"""

import functools
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from sqlalchemy import Connection, Engine, event, literal, union_all, update
from sqlmodel import Session, SQLModel, col, select

from data_layer.models import BranchVersion, DataVersion, KeptAnswer, Organisation, TableVersion
from data_layer.store import partition

ROW_ID = 1
ALL = "*"  # in a snapshot: the data version; in a write: "every table changed"
WHOLE = "!"  # in a snapshot, before a table's name: the version of its last change as a whole
_OWN = {
    DataVersion.__tablename__,
    TableVersion.__tablename__,
    BranchVersion.__tablename__,
    KeptAnswer.__tablename__,  # not a figure: remembered answers kept (data_layer/store/kept.py)
    "alembic_version",
}
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

_writes: ContextVar["Changes | None"] = ContextVar("tables_written", default=None)
_flushing: ContextVar[bool] = ContextVar("orm_flush", default=False)
_reads: ContextVar[tuple[set[str], ...]] = ContextVar("tables_read", default=())


def data_version(*, session: Session) -> int:
    """The number of the last committed write (as this session's transaction sees it)."""
    return session.exec(select(DataVersion.version).where(DataVersion.id == ROW_ID)).one()


def current_versions(*, session: Session) -> dict[str, int]:
    """Every table's version, its whole version under ``WHOLE + name``, and the data version under
    ``ALL``, in one query."""
    rows = session.execute(
        union_all(
            select(TableVersion.name, TableVersion.version, TableVersion.whole),
            select(literal(ALL), DataVersion.version, DataVersion.version).where(DataVersion.id == ROW_ID),
        )
    ).all()
    found = {name: number for name, number, _ in rows}
    found.update((WHOLE + name, whole) for name, _, whole in rows if name != ALL)
    return found


def table_versions(*, session: Session) -> dict[str, int]:
    """Every table's version, and the data version under ``ALL``, in one query."""
    return {
        name: number
        for name, number in current_versions(session=session).items()
        if not name.startswith(WHOLE)
    }


def changed_branches(*, session: Session, since: int) -> dict[int, str]:
    """The 党支部 that writes after data version ``since`` changed, with their paths."""
    rows = session.execute(
        select(BranchVersion.branch_id, Organisation.path)
        .join(Organisation, col(Organisation.id) == BranchVersion.branch_id)
        .where(col(BranchVersion.version) > since)
    ).all()
    return {branch_id: path for branch_id, path in rows}


def bump(
    *,
    session: Session,
    tables: Iterable[str] = (ALL,),
    whole: Iterable[str] | None = None,
    branches: Iterable[int] = (),
) -> None:
    """Count one more write that changed ``tables``; call inside the write's transaction, just before
    it commits. ``whole``: those of them changed in rows of no one 党支部 (all of them unless said);
    ``branches``: the 党支部 whose rows the others were changed in."""
    session.execute(
        update(DataVersion).where(col(DataVersion.id) == ROW_ID).values(version=DataVersion.version + 1)
    )
    now = data_version(session=session)
    changed = set(tables) - _OWN
    as_whole = changed if whole is None else set(whole) & (changed | {ALL})
    if ALL in changed or changed - set(_TABLES) or ALL in as_whole:
        changed = as_whole = set(_TABLES)
    if not changed:
        return
    _set_tables(session, changed - as_whole, now, whole=False)
    _set_tables(session, as_whole, now, whole=True)
    _set_branches(session, set(branches), now)


def move_past(*, session: Session, seen: int) -> None:
    """Make the data version and every table's version larger than both ``seen`` and the data version:
    after a restore the copied-in numbers may be ones the running processes have already remembered
    answers under."""
    now = max(seen, data_version(session=session)) + 1
    session.execute(update(DataVersion).where(col(DataVersion.id) == ROW_ID).values(version=now))
    _set_tables(session, set(_TABLES), now, whole=True)


def _set_tables(session: Session, names: set[str], number: int, *, whole: bool) -> None:
    if not names:
        return
    values = {"version": number, "whole": number} if whole else {"version": number}
    session.execute(update(TableVersion).where(col(TableVersion.name).in_(names)).values(**values))
    present = set(session.exec(select(TableVersion.name).where(col(TableVersion.name).in_(names))).all())
    for name in sorted(names - present):  # a table's first change: it was never read with a version
        session.add(TableVersion(name=name, version=number, whole=number))
    session.flush()


def _set_branches(session: Session, branch_ids: set[int], number: int) -> None:
    if not branch_ids:
        return
    session.execute(
        update(BranchVersion).where(col(BranchVersion.branch_id).in_(branch_ids)).values(version=number)
    )
    present = set(
        session.exec(
            select(BranchVersion.branch_id).where(col(BranchVersion.branch_id).in_(branch_ids))
        ).all()
    )
    for branch_id in sorted(branch_ids - present):
        session.add(BranchVersion(branch_id=branch_id, version=number))
    session.flush()


# --- which tables a block of code changed or read ----------------------------------------------------


def watch(engine: Engine | Connection) -> None:
    """Let ``recording_writes`` and ``recording_reads`` see the statements sent through ``engine``."""
    if not event.contains(engine, "before_cursor_execute", _sent):
        event.listen(engine, "before_cursor_execute", _sent)


@dataclass
class Changes:
    """What the statements sent in a block changed: ``tables`` (``ALL`` when one cannot be read), those of
    them changed as a whole (``whole``), and the rows flushed, by 党支部 (``rows``)."""

    tables: set[str] = field(default_factory=set)
    whole: set[str] = field(default_factory=set)
    rows: partition.Rows = field(default_factory=partition.Rows)

    def __bool__(self) -> bool:
        return bool(self.tables)

    def clear(self) -> None:
        self.tables.clear()
        self.whole.clear()
        self.rows = partition.Rows()

    def bump(self, *, session: Session) -> None:
        """Count these changes as one write (``bump``), attributing the flushed rows to their 党支部."""
        branches, unattributed = self.rows.branches_of(session=session)
        bump(session=session, tables=self.tables, whole=self.whole | unattributed, branches=branches)


@contextmanager
def recording_writes(session: Session | None = None) -> Iterator[Changes]:
    """What statements sent in this block change; with ``session``, the rows its flushes write are
    attributed to their 党支部 (others count as changing their table as a whole)."""
    changes = Changes()
    token = _writes.set(changes)

    def flushing(_session, _context, _instances) -> None:
        _flushing.set(True)

    def flushed(flushed_session, _context) -> None:
        changes.rows.note(flushed_session)

    def done(_session, _context) -> None:
        _flushing.set(False)

    listeners = (("before_flush", flushing), ("after_flush", flushed), ("after_flush_postexec", done))
    if session is not None:
        for name, listener in listeners:
            event.listen(session, name, listener)
    try:
        yield changes
    finally:
        _writes.reset(token)
        _flushing.set(False)
        if session is not None:
            for name, listener in listeners:
                event.remove(session, name, listener)


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
        _note_written(written, _LEADING_COMMENTS.sub("", statement, count=1), flushed=_flushing.get())
    recording = _reads.get()
    if recording:
        named = _named(statement)
        for recorded in recording:
            recorded.update(named)


@functools.lru_cache(maxsize=2048)
def _named(statement: str) -> frozenset[str]:
    """The tables a statement names (statements repeat: SQLAlchemy caches their text)."""
    return frozenset(name.lower() for name in _NAMED.findall(statement))


def _note_written(written: Changes, statement: str, *, flushed: bool) -> None:
    if _MAY_CHANGE.match(statement) or _WITH_CHANGE.match(statement):
        changed = _CHANGES.match(statement)
        table = changed.group(1).lower() if changed else ALL
        written.tables.add(table)
        if not flushed:  # not the ORM's flush of rows it can attribute: the table changed as a whole
            written.whole.add(table)
