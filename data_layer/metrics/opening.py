"""What leaders open first: the whole tree's overview, with its 精益 and 安全生产 rows, at the month the
dashboard opens on. A starting dashboard computes it in the background (ui/data.py ``warm_up``) and
``init-db`` keeps it after an upgrade (data_layer/cli.py), so that the first leader to log in finds it
remembered or kept (data_layer/store/kept.py) instead of waiting for it."""

from datetime import date

from sqlmodel import Session

from data_layer.auth import CLI_ACTOR
from data_layer.metrics import lean_overview, opening_month, overview, safety_overview


def open_first(*, session: Session, today: date) -> str | None:
    """Compute the whole tree's overview and its two rows at the opening month, in the store in use;
    returns that month (None while there are no figures)."""
    month = opening_month(session=session)
    if month is None:
        return None
    overview(session=session, actor=CLI_ACTOR, month=month)
    lean_overview.lean_figures(session=session, actor=CLI_ACTOR, month=month, today=today)
    safety_overview.safety_headline(session=session, actor=CLI_ACTOR, month=month)
    return month
