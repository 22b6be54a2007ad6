"""The one way rows are written: insert or update by natural key, with optimistic locking and audit.

Forms, the bulk editor and the Excel import all end here, so every write is checked and recorded
the same way. Callers authorize and validate first and run inside ``db.write_scope``.

One row at a time (a form) each write selects its row, flushes and adds its audit row. Many rows (the
Excel import) pass a ``Batch``: the same checks and the same audit rows, in a few round trips.
"""

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Generic, NamedTuple, Protocol, TypeVar, cast

from sqlmodel import Session, SQLModel, col, func, select

from data_layer import display
from data_layer.errors import Refused
from data_layer.models import AuditLog
from data_layer.store import audit

INSERTED, UPDATED, UNCHANGED, DELETED = "inserted", "updated", "unchanged", "deleted"
ABSENT = -1
"""``expected_version`` of a row that did not exist when the person loaded it (no stored row has this
version): a save that finds the row there now would replace what someone else entered, and is refused."""
IN_LIST_SIZE = 500  # keys in one IN (…) list
BATCH_ROWS = 1000  # rows written between two flushes of a batch


Row = TypeVar("Row", bound=SQLModel)


class Written(NamedTuple, Generic[Row]):
    """What a one-row write did: INSERTED, UPDATED, UNCHANGED or DELETED, and the row as written.

    Every write of one row returns it (``outcome, row = entry.save_progress(...)`` still unpacks);
    a write of many rows adds each one up in a :class:`Saved`."""

    outcome: str
    row: Row


@dataclass
class Saved:
    """What a write did: counts by outcome and a line per changed row (for the success message)."""

    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    lines: list[str] = field(default_factory=list)

    def add(self, outcome: "str | Written", line: str | None = None) -> None:
        """Count one row's write (its outcome, or the ``Written`` itself) and keep its line if it changed."""
        if isinstance(outcome, Written):
            outcome = outcome.outcome
        setattr(self, outcome, getattr(self, outcome) + 1)
        if line and outcome != UNCHANGED:
            self.lines.append(line)

    def merge(self, other: "Saved") -> "Saved":
        self.inserted += other.inserted
        self.updated += other.updated
        self.unchanged += other.unchanged
        self.lines.extend(other.lines)
        return self

    @property
    def changed(self) -> int:
        return self.inserted + self.updated


def last_change(*, session: Session, row: SQLModel) -> tuple[str, datetime] | None:
    """Who last wrote a row and when, from the audit log."""
    key = _key(row)
    entry = session.exec(
        select(AuditLog)
        .where(AuditLog.table_name == audit.table_of(row).name, AuditLog.row_id == key)
        .order_by(col(AuditLog.id).desc())
    ).first()
    return (entry.actor, entry.at) if entry else None


def _key(row: SQLModel) -> str:
    return ",".join(str(getattr(row, column.name)) for column in audit.table_of(row).primary_key.columns)


class _Versioned(Protocol):
    version: int  # every row people edit carries one (models.py)


def check_version(*, session: Session, row: SQLModel, expected_version: int | None, what: str) -> None:
    """Refuse to save over a row that changed since the person loaded it (optimistic locking), or that
    someone else entered since the person loaded it empty (``expected_version`` ``ABSENT``)."""
    if expected_version is None or cast(_Versioned, row).version == expected_version:
        return
    who = last_change(session=session, row=row)
    done = "填写" if expected_version == ABSENT else "修改"
    by = f"已被 {who[0]} 于 {display.time_label(who[1])} {done}" if who else f"已被他人{done}"
    raise Refused(f"{what}{by}，请刷新后重新填写；本次未保存")


def upsert(
    *,
    session: Session,
    actor: str,
    model: type[Row],
    key: Mapping[str, Any],
    values: Mapping[str, Any],
    expected_version: int | None = None,
    what: str = "该记录",
    on_insert: Mapping[str, Any] | None = None,
    batch: "Batch | None" = None,
) -> Written[Row]:
    """Insert the row with ``key`` or update its ``values``; audited; ``unchanged`` writes nothing.

    ``on_insert`` are values set only when the row is new (who entered it, when). With a ``batch``
    the row is looked up there when it was preloaded, and the flush and audit row wait for the batch.
    """
    row: Row | None = batch.found(model=model, key=key) if batch is not None else NOT_LOOKED_UP
    if row is NOT_LOOKED_UP:
        statement = select(model)
        for name, value in key.items():
            statement = statement.where(getattr(model, name) == value)
        row = session.exec(statement).first()
    if row is None and expected_version not in (None, ABSENT):
        raise Refused(f"{what}已被他人删除，请刷新后重新填写；本次未保存")
    if row is None:
        new = model(**key, **values, **(on_insert or {}))
        if batch is not None:
            return batch.insert(actor=actor, row=new, key=key)
        return insert(session=session, actor=actor, row=new)
    differs = {name: value for name, value in values.items() if getattr(row, name) != value}
    if not differs:
        return Written(UNCHANGED, row)
    check_version(session=session, row=row, expected_version=expected_version, what=what)
    before = audit.snapshot(row)
    for name, value in differs.items():
        setattr(row, name, value)
    if hasattr(row, "version"):
        cast(_Versioned, row).version += 1
    session.add(row)
    if batch is not None:  # the row has its key: its UPDATE waits for the batch's next flush
        batch.record(actor=actor, action="update", row=row, before=before)
        return Written(UPDATED, row)
    session.flush()
    audit.record(session=session, actor=actor, action="update", row=row, before=before)
    return Written(UPDATED, row)


def insert(*, session: Session, actor: str, row: Row) -> Written[Row]:
    """Add a new row, audited."""
    session.add(row)
    session.flush()
    audit.record(session=session, actor=actor, action="insert", row=row, before=None)
    return Written(INSERTED, row)


NOT_LOOKED_UP: Any = object()
"""``Batch.found`` for a key it was not asked to look up."""


def chunks(values: Iterable[Any], size: int = IN_LIST_SIZE) -> Iterator[list[Any]]:
    """The distinct ``values`` in lists of at most ``size`` (for IN lists), in a stable order."""
    distinct = list(dict.fromkeys(values))
    for start in range(0, len(distinct), size):
        yield distinct[start : start + size]


def load_by(
    *, session: Session, column: Any, values: Iterable[Any], where: Sequence[Any] = ()
) -> list[SQLModel]:
    """The rows whose ``column`` (a model's attribute, e.g. ``Member.member_no``: an InstrumentedAttribute,
    which SQLModel types as its value) is one of ``values`` (and that meet ``where``), a query per 500 values."""
    model = column.class_
    found: list[SQLModel] = []
    for chunk in chunks(values):
        found.extend(session.exec(select(model).where(column.in_(chunk), *where)).all())
    return found


def _natural(key: Mapping[str, Any]) -> tuple:
    return tuple(sorted(key.items()))


@dataclass
class _Pending:
    """An audit row to add: for a new row, ``after`` lacks the primary key until the flush."""

    actor: str
    action: str
    row: SQLModel
    before: dict[str, Any] | None
    after: dict[str, Any]
    new: bool


class Batch:
    """Many writes of one transaction (the Excel import) with few round trips, audited the same way.

    ``preload`` looks up the rows of many natural keys in a few queries, so that ``upsert(batch=…)``
    selects nothing per row. An update needs no flush: its row has its key. New rows are flushed
    together every ``size`` rows and by ``settle``, which then adds every pending audit row in the
    order the rows were written, with one executemany. The caller settles before anything that reads
    or writes the audit log, and when it is done.
    """

    def __init__(self, session: Session, size: int | None = None) -> None:
        self.session = session
        self.size = size or BATCH_ROWS
        self._found: dict[tuple[type[SQLModel], tuple], SQLModel | None] = {}
        self._pending: list[_Pending] = []

    def preload(self, *, model: type[SQLModel], keys: Sequence[Mapping[str, Any]]) -> None:
        """Look up the rows with these natural keys (each naming the same fields, the first varying most)."""
        if not keys:
            return
        first, *others = keys[0]
        groups: dict[tuple, list[Any]] = {}
        for key in keys:
            groups.setdefault(tuple(key[name] for name in others), []).append(key[first])
        for fixed, values in groups.items():
            where = [getattr(model, name) == value for name, value in zip(others, fixed, strict=True)]
            for row in load_by(
                session=self.session, column=getattr(model, first), values=values, where=where
            ):
                self._found[(model, _natural({name: getattr(row, name) for name in keys[0]}))] = row
        for key in keys:
            self._found.setdefault((model, _natural(key)), None)

    def found(self, *, model: type[Row], key: Mapping[str, Any]) -> Row | None:
        """The preloaded row with ``key``, None when there is none, or ``NOT_LOOKED_UP``."""
        return cast("Row | None", self._found.get((model, _natural(key)), NOT_LOOKED_UP))  # keyed by model

    def know(self, *, model: type[SQLModel], key: Mapping[str, Any], row: SQLModel) -> None:
        """Remember a row found by another key (an expense found by its 凭证号 is updated by its id)."""
        self._found[(model, _natural(key))] = row

    def insert(self, *, actor: str, row: Row, key: Mapping[str, Any], action: str = "insert") -> Written[Row]:
        """Add a new row; its INSERT and audit row wait for the next flush of the batch."""
        self.session.add(row)
        self._found[(type(row), _natural(key))] = row
        self._add(_Pending(actor, action, row, None, audit.snapshot(row), new=True))
        return Written(INSERTED, row)

    def _number_new_rows(self) -> None:
        """Give the new rows about to be flushed their ids first, so that the flush inserts them with one
        executemany: rows waiting for their id take one INSERT each on SQLite (it cannot say in which order
        RETURNING gives ids) and a RETURNING to match up on PostgreSQL. SQLite: the numbers after the
        table's largest, as SQLite would give them (the batch writes under the write lock, and nothing
        else is pending); PostgreSQL: the next numbers of the table's sequence."""
        waiting: dict[Any, list[Any]] = {}  # model → its new rows (each model has an integer ``id``)
        for pending in self._pending:
            if pending.new and getattr(pending.row, "id", 0) is None:
                waiting.setdefault(type(pending.row), []).append(pending.row)
        postgres = self.session.get_bind().dialect.name == "postgresql"
        with self.session.no_autoflush:
            for model, rows in waiting.items():
                if postgres:
                    sequence = func.pg_get_serial_sequence(model.__tablename__, "id")
                    numbers = self.session.exec(
                        select(func.nextval(sequence)).select_from(func.generate_series(1, len(rows)))
                    ).all()
                else:
                    largest = self.session.exec(select(func.max(model.id))).one() or 0
                    numbers = list(range(largest + 1, largest + 1 + len(rows)))
                for number, row in zip(numbers, rows, strict=True):
                    row.id = number

    def record(self, *, actor: str, action: str, row: SQLModel, before: dict[str, Any] | None) -> None:
        """Audit a row that has its key, with its values as they are now."""
        self._add(_Pending(actor, action, row, before, audit.snapshot(row), new=False))

    def _add(self, pending: _Pending) -> None:
        self._pending.append(pending)
        if len(self._pending) >= self.size:
            self.settle()

    def settle(self) -> None:
        """Flush the rows written so far, then add their audit rows (one executemany)."""
        self._number_new_rows()
        self.session.flush()
        entries = []
        for pending in self._pending:
            if pending.new:
                pending.after.update(audit.primary_key(pending.row))
            entries.append(
                audit.entry_values(
                    actor=pending.actor,
                    action=pending.action,
                    row=pending.row,
                    before=pending.before,
                    after=pending.after,
                )
            )
        self._pending.clear()
        audit.record_many(session=self.session, entries=entries)


def delete(
    *, session: Session, actor: str, row: Row, expected_version: int | None = None, what: str
) -> Written[Row]:
    """Remove a row (only for rows nothing refers to, such as a mistaken expense); the audit keeps it."""
    check_version(session=session, row=row, expected_version=expected_version, what=what)
    entry = audit.record(session=session, actor=actor, action="delete", row=row, before=audit.snapshot(row))
    entry.after = None
    session.delete(row)
    session.flush()
    return Written(DELETED, row)
