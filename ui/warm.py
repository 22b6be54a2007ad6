"""The warm-up: what leaders open first (data_layer/metrics/opening.py), computed in the background
through the pages' store (ui/data.py) at the start and again after every write by any process, so that
the next leader finds it remembered — and so that it is kept in the database for a restart, even when
nobody looked after the last save."""

import logging
import os
import threading
import time

import streamlit as st

from data_layer import clock
from data_layer.metrics import opening
from data_layer.store import db
from ui import data

REWARM_SECONDS = 30  # how often the warm-up looks for writes; several saves in that time cost one recompute


@st.cache_resource(show_spinner=False)
def warm_up(url: str) -> threading.Thread | None:
    """Once per process and database, in the background: what leaders open first
    (data_layer/metrics/opening.py), at the start and again after every write by any process, so that the
    next leader finds it remembered (answers are remembered by scope, whoever asks) — and so that it is
    kept in the database for a restart, even when nobody looked after the last save.
    ``WARM_UP=0`` turns it off (the tests and the page benchmark, which measure cold reads themselves)."""
    if os.environ.get("WARM_UP", "1") == "0":
        return None
    thread = threading.Thread(target=_keep_warm, args=(url,), name="warm-up", daemon=True)
    thread.start()
    return thread


def _keep_warm(url: str) -> None:
    failed = False
    while True:
        try:
            warm(url)
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
