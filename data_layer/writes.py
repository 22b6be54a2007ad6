"""The one way rows are written: insert or update by natural key, with optimistic locking and audit.

Forms, the bulk editor and the Excel import all end here, so every write is checked and recorded
the same way. Callers authorize and validate first and run inside ``db.write_scope``.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlmodel import Session, SQLModel, select

from data_layer import audit
from data_layer.errors import Refused
from data_layer.models import AuditLog

INSERTED, UPDATED, UNCHANGED = "inserted", "updated", "unchanged"


@dataclass
class Saved:
    """What a write did: counts by outcome and a line per changed row (for the success message)."""

    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    lines: list[str] = field(default_factory=list)

    def add(self, outcome: str, line: str | None = None) -> None:
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
        .where(AuditLog.table_name == row.__table__.name, AuditLog.row_id == key)
        .order_by(AuditLog.id.desc())
    ).first()
    return (entry.actor, entry.at) if entry else None


def _key(row: SQLModel) -> str:
    return ",".join(str(getattr(row, column.name)) for column in row.__table__.primary_key.columns)


def check_version(*, session: Session, row: SQLModel, expected_version: int | None, what: str) -> None:
    """Refuse to save over a row that changed since the person loaded it (optimistic locking)."""
    if expected_version is None or row.version == expected_version:
        return
    who = last_change(session=session, row=row)
    by = f"已被 {who[0]} 于 {who[1]:%Y-%m-%d %H:%M} 修改" if who else "已被他人修改"
    raise Refused(f"{what}{by}，请刷新后重新填写；本次未保存")


def upsert(
    *,
    session: Session,
    actor: str,
    model: type[SQLModel],
    key: Mapping[str, Any],
    values: Mapping[str, Any],
    expected_version: int | None = None,
    what: str = "该记录",
    on_insert: Mapping[str, Any] | None = None,
) -> tuple[str, SQLModel]:
    """Insert the row with ``key`` or update its ``values``; audited; ``unchanged`` writes nothing.

    ``on_insert`` are values set only when the row is new (who entered it, when).
    """
    statement = select(model)
    for name, value in key.items():
        statement = statement.where(getattr(model, name) == value)
    row = session.exec(statement).first()
    if row is None and expected_version is not None:
        raise Refused(f"{what}已被他人删除，请刷新后重新填写；本次未保存")
    if row is None:
        return insert(session=session, actor=actor, row=model(**key, **values, **(on_insert or {})))
    differs = {name: value for name, value in values.items() if getattr(row, name) != value}
    if not differs:
        return UNCHANGED, row
    check_version(session=session, row=row, expected_version=expected_version, what=what)
    before = audit.snapshot(row)
    for name, value in differs.items():
        setattr(row, name, value)
    if hasattr(row, "version"):
        row.version += 1
    session.add(row)
    session.flush()
    audit.record(session=session, actor=actor, action="update", row=row, before=before)
    return UPDATED, row


def insert(*, session: Session, actor: str, row: SQLModel) -> tuple[str, SQLModel]:
    """Add a new row, audited."""
    session.add(row)
    session.flush()
    audit.record(session=session, actor=actor, action="insert", row=row, before=None)
    return INSERTED, row


def delete(
    *, session: Session, actor: str, row: SQLModel, expected_version: int | None = None, what: str
) -> None:
    """Remove a row (only for rows nothing refers to, such as a mistaken expense); the audit keeps it."""
    check_version(session=session, row=row, expected_version=expected_version, what=what)
    entry = audit.record(session=session, actor=actor, action="delete", row=row, before=audit.snapshot(row))
    entry.after = None
    session.delete(row)
    session.flush()
