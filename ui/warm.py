"""The warm-up: what leaders open first (data_layer/metrics/opening.py), computed in the background
through the pages' store (ui/data.py) at the start and again after every write by any process, so that
the next leader finds it remembered — and so that it is kept in the database for a restart, even when
nobody looked after the last save. While nobody is using the dashboard it also keeps the other months a
leader may choose, one at a time, so that an older month opens from kept answers too."""

import logging
import os
import threading
import time
from datetime import date

import streamlit as st

from data_layer import clock
from data_layer.metrics import opening
from data_layer.store import Memo, db
from ui import data

REWARM_SECONDS = 30  # how often the warm-up looks for writes; several saves in that time cost one recompute
QUIET_SECONDS = 60  # older months are kept only after this long without a page run in this process

_last_run = [time.monotonic()]  # when a page last ran in this process


def warm_up(url: str) -> None:
    """Called by every run: start the warm-up once per process and database, and note the run (older
    months are kept only while nobody is using the dashboard)."""
    _last_run[0] = time.monotonic()
    _started(url)


@st.cache_resource(show_spinner=False)
def _started(url: str) -> threading.Thread | None:
    """Once per process and database, in the background: what leaders open first
    (data_layer/metrics/opening.py), at the start and again after every write by any process, so that the
    next leader finds it remembered (answers are remembered by scope, whoever asks) — and so that it is
    kept in the database for a restart, even when nobody looked after the last save; and, when no page
    has run for ``QUIET_SECONDS``, one more of the older months (``keep_older``).
    ``WARM_UP=0`` turns it off (the tests and the page benchmark, which measure cold reads themselves)."""
    if os.environ.get("WARM_UP", "1") == "0":
        return None
    thread = threading.Thread(target=_keep_warm, args=(url,), name="warm-up", daemon=True)
    thread.start()
    return thread


def _keep_warm(url: str) -> None:
    failed = False
    kept: set[tuple[str, date]] = set()
    while True:
        try:
            warm(url)
            if time.monotonic() - _last_run[0] >= QUIET_SECONDS:
                keep_older(url, kept)
            failed = False
        except Exception:  # the next leader computes it instead; say why in the log, once
            if not failed:
                logging.getLogger(__name__).exception("warming up the overview failed")
            failed = True
        time.sleep(REWARM_SECONDS)


def warm(url: str) -> str | None:
    """What leaders open first, through the pages' store: remembered while nothing was written (then
    this costs a version query), recomputed for the branches a write touched otherwise, and kept."""
    with db.session_scope(db.get_engine(url)) as session, data.MEMO.using():
        return opening.open_first(session=session, today=clock.today())


def keep_older(url: str, kept: set[tuple[str, date]]) -> str | None:
    """The newest of the older months (``opening.older_months``) not in ``kept`` for today, computed and
    kept in the database, and added to ``kept``; None when every one is (or answers are not kept here).
    It is computed in a store of its own, dropped afterwards: its answers are kept in the database, where
    a leader who chooses that month finds them, without holding the pages' memory. Once kept, a month
    stays good enough: after a write, reading it recomputes only the 党支部 written."""
    keeper = data.MEMO.keeper
    if keeper is None:
        return None
    today = clock.today()
    with db.session_scope(db.get_engine(url)) as session:
        left = [m for m in opening.older_months(session=session, today=today) if (m, today) not in kept]
        if not left:
            return None
        with Memo(keeper=keeper).using():
            opening.open_month(session=session, month=left[0], today=today)
    kept.add((left[0], today))
    return left[0]
