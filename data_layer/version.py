"""The data version: one number that changes with every committed write, whichever process made it.

``db.write_scope`` adds one inside each write transaction (``bump``), so the new number becomes
visible exactly when the write does. The pages key every cached read by it (ui/data.py): several app
processes on one database each keep their own caches, and a write in any of them changes the key in
all of them. Reading it is one primary-key lookup of a one-row table.
"""

from sqlalchemy import update
from sqlmodel import Session, select

from data_layer.models import DataVersion

ROW_ID = 1


def data_version(*, session: Session) -> int:
    """The number of the last committed write (as this session's transaction sees it)."""
    return session.exec(select(DataVersion.version).where(DataVersion.id == ROW_ID)).one()


def bump(*, session: Session) -> None:
    """Count one more write; call inside the write's transaction, just before it commits."""
    session.execute(
        update(DataVersion).where(DataVersion.id == ROW_ID).values(version=DataVersion.version + 1)
    )


def move_past(*, session: Session, seen: int) -> None:
    """Make the version larger than both ``seen`` and its own value: after a restore the copied-in
    number may be one the running processes have already cached figures under."""
    session.execute(
        update(DataVersion)
        .where(DataVersion.id == ROW_ID)
        .values(version=max(seen, data_version(session=session)) + 1)
    )
