"""What leaders open first: the whole tree's overview, with its 精益 and 安全生产 rows, at the month the
dashboard opens on and the month before. A running dashboard computes it in the background at its start
and again after every write (ui/warm.py), and ``init-db`` and the demo seed keep it
(``keep_opening``), so that the first leader to log in — also right after a restart — finds it
remembered or kept (data_layer/store/kept.py) instead of waiting for it. The other months a leader may
choose (``older_months``) the running dashboard keeps one by one while nobody is using it."""

from datetime import date

from sqlalchemy import Engine
from sqlmodel import Session

from data_layer import months
from data_layer.auth import CLI_ACTOR
from data_layer.metrics import (
    earliest_month,
    latest_month,
    lean_overview,
    opening_month,
    overview,
    safety_overview,
)
from data_layer.store import db
from data_layer.store.kept import Keeper
from data_layer.store.memo import Memo


def open_first(*, session: Session, today: date) -> str | None:
    """Compute the whole tree's overview and its two rows at the opening month and at the month before
    (the one leaders compare with; the opening month's 环比 has half its parts already), in the store in
    use; returns the opening month (None while there are no figures)."""
    month = opening_month(session=session)
    if month is None:
        return None
    earliest = earliest_month(session=session)
    for each in (month, months.previous(month)):
        if earliest is None or each < earliest:
            break
        open_month(session=session, month=each, today=today)
    return month


def open_month(*, session: Session, month: str, today: date) -> None:
    """Compute the whole tree's overview and its two rows at ``month`` in the store in use."""
    overview(session=session, actor=CLI_ACTOR, month=month)
    lean_overview.lean_figures(session=session, actor=CLI_ACTOR, month=month, today=today)
    safety_overview.safety_headline(session=session, actor=CLI_ACTOR, month=month)


def older_months(*, session: Session, today: date) -> list[str]:
    """The months a leader may choose (``months.offered``) other than the two ``open_first`` computes,
    newest first."""
    latest = latest_month(session=session)
    if latest is None:
        return []
    current = months.of_date(today)
    first = months.opening(latest, current)
    offered = months.offered(latest, current, earliest_month(session=session))
    return [month for month in offered if month not in (first, months.previous(first))]


def keep_opening(*, engine: Engine | None = None, today: date) -> str | None:
    """``open_first`` in a store of its own whose answers are kept in the database (for this version of
    the program: after an upgrade the old one's are not read), waiting until they are written; returns
    the month (None while there are no figures)."""
    keeper = Keeper()
    with db.session_scope(engine) as session, Memo(keeper=keeper).using():
        month = open_first(session=session, today=today)
    keeper.flush()
    return month
