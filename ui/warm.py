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
from data_layer.store import Memo, db, version
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
    kept: dict[str, tuple[date, int]] = {}
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


def keep_older(url: str, kept: dict[str, tuple[date, int]]) -> str | None:
    """The newest of the older months (``opening.older_months``) not kept today at the current data
    version, computed and kept in the database, and noted in ``kept``; None when every one is (or answers
    are not kept here). After a write a kept month is still read from the database, recomputing the
    党支部 written since (and the parts not kept per 党支部); keeping it again while nobody is using the
    dashboard spares that to the next leader who chooses it. It is computed in a store of its own,
    dropped afterwards: its answers are kept in the database without filling the pages' memory."""
    keeper = data.MEMO.keeper
    if keeper is None:
        return None
    today = clock.today()
    with db.session_scope(db.get_engine(url)) as session:
        now = (today, version.data_version(session=session))
        left = [m for m in opening.older_months(session=session, today=today) if kept.get(m) != now]
        if not left:
            return None
        with Memo(keeper=keeper).using():
            opening.open_month(session=session, month=left[0], today=today)
    kept[left[0]] = now
    return left[0]
