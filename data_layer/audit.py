"""Audit rows: who wrote which record, with its values before and after."""

import json
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlmodel import Session, SQLModel

from data_layer.models import AuditLog

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


def record(
    *,
    session: Session,
    actor: str,
    action: str,
    row: SQLModel,
    before: dict[str, Any] | None,
) -> AuditLog:
    """Add an audit row for ``row`` (already flushed, so it has its key) in the caller's transaction."""
    table = row.__table__
    key = ",".join(str(getattr(row, column.name)) for column in table.primary_key.columns)
    entry = AuditLog(
        actor=actor,
        action=action,
        table_name=table.name,
        row_id=key,
        before=json.dumps(before, ensure_ascii=False) if before is not None else None,
        after=json.dumps(snapshot(row), ensure_ascii=False),
    )
    session.add(entry)
    return entry
