"""Named settings with their defaults, and the demo marker the seed leaves behind."""

from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import Session, col, select

from data_layer import rules
from data_layer.models import Setting, User
from data_layer.store import db

DEFAULTS = {
    "submission_deadline_day": "5",
    "lecture_frequency": "quarterly",
    "idle_timeout_minutes": "60",
    "meeting_seconds": "20",
    "pairing_idle_months": str(rules.PAIRING_IDLE_MONTHS),  # 帮扶结对
}
DEMO_MARKER = "demo_seed"
DEMO_PASSWORD = "demo_password"


def get(*, session: Session, key: str) -> str | None:
    row = session.get(Setting, key)
    return row.value if row else DEFAULTS.get(key)


def put(*, session: Session, key: str, value: str) -> None:
    session.merge(Setting(key=key, value=value))


@dataclass(frozen=True)
class DemoLogins:
    password: str
    users: tuple[tuple[str, str, str], ...]  # (username, display name, role), the first DEMO_LISTED
    total: int  # every account of the demo (the group demo has one per 党支部)


DEMO_LISTED = 20


def demo_logins(*, session: Session, embedded: bool | None = None) -> DemoLogins | None:
    """The demo accounts, only while the embedded database holds the seeded demo (never elsewhere)."""
    if not (db.is_embedded() if embedded is None else embedded):
        return None
    password = get(session=session, key=DEMO_PASSWORD)
    if get(session=session, key=DEMO_MARKER) is None or password is None:
        return None
    users = session.exec(
        select(User.username, User.display_name, User.role).order_by(col(User.id)).limit(DEMO_LISTED)
    ).all()
    total = session.exec(select(func.count()).select_from(User)).one()
    return DemoLogins(
        password=password, users=tuple((name, shown, role) for name, shown, role in users), total=total
    )
