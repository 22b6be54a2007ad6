"""Audit rows: who wrote which record, with its values before and after."""

import json
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Table, insert
from sqlmodel import Session, SQLModel

from data_layer.models import AuditLog, utc_now

_HIDDEN = {"password_hash"}


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


def snapshot(row: SQLModel) -> dict[str, Any]:
    """A row's column values as JSON-ready data, secrets left out."""
    return {key: _plain(value) for key, value in row.model_dump().items() if key not in _HIDDEN}


def table_of(row: SQLModel) -> Table:
    """The table a row is stored in."""
    return row.__table__  # type: ignore[attr-defined]  # every table model has one; SQLModel's types omit it


def primary_key(row: SQLModel) -> dict[str, Any]:
    """A row's primary-key values by column name, JSON-ready."""
    return {column.name: _plain(getattr(row, column.name)) for column in table_of(row).primary_key.columns}


def entry_values(
    *,
    actor: str,
    action: str,
    row: SQLModel,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The values of an audit row for ``row`` (which has its key); ``after`` defaults to its values now."""
    table = table_of(row)
    key = ",".join(str(getattr(row, column.name)) for column in table.primary_key.columns)
    return {
        "at": utc_now(),
        "actor": actor,
        "action": action,
        "table_name": table.name,
        "row_id": key,
        "before": json.dumps(before, ensure_ascii=False) if before is not None else None,
        "after": json.dumps(snapshot(row) if after is None else after, ensure_ascii=False),
    }


def record(
    *,
    session: Session,
    actor: str,
    action: str,
    row: SQLModel,
    before: dict[str, Any] | None,
) -> AuditLog:
    """Add an audit row for ``row`` (already flushed, so it has its key) in the caller's transaction."""
    entry = AuditLog(**entry_values(actor=actor, action=action, row=row, before=before))
    session.add(entry)
    return entry


def record_many(*, session: Session, entries: list[dict[str, Any]]) -> None:
    """Insert many audit rows (``entry_values``) in the caller's transaction, in one executemany."""
    if entries:
        session.execute(insert(AuditLog), entries)
