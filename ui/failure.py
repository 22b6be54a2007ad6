"""When something fails: the traceback goes to the server log under an error id, the person reads plain
Chinese with that id, and a database that is busy, down, full or read-only is named as such.

``DASHBOARD_RAISE_ERRORS=1`` (the test suite) lets an unexpected error through after logging it, so
that tests see it; a database failure is shown as it would be to a person either way.
"""

import logging
import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st

from data_layer.store import db, failure
from ui import text

_log = logging.getLogger("dashboard.errors")


def error_id() -> str:
    """A short id to find one error in the server log (8 hex digits)."""
    return secrets.token_hex(4)


def message(error: BaseException) -> str | None:
    """The Chinese message for a database failure, logged under its id; None for any other error."""
    kind = failure.kind_of(error)
    if kind is None:
        return None
    number = error_id()
    _log.warning("error %s: the database is %s: %s", number, kind, error)
    return text.DATABASE_FAILURE[kind].format(error_id=number)


def show(error: BaseException) -> None:
    """Tell the person what failed in plain words; the details go to the server log only."""
    plain = message(error)
    if plain is not None:
        st.error(plain, icon=":material/cloud_off:")
        return
    number = error_id()
    _log.error("error %s", number, exc_info=error)
    if os.environ.get("DASHBOARD_RAISE_ERRORS") == "1":
        raise error
    st.error(text.UNEXPECTED_ERROR.format(error_id=number), icon=":material/error:")


@contextmanager
def shown_plainly() -> Iterator[None]:
    """Run a page: any error it raises is shown by ``show`` (Streamlit's own stop and rerun are no
    errors: they derive from BaseException and pass)."""
    try:
        yield
    except Exception as error:
        show(error)


def saving_banner(url: str) -> None:
    """Say so above the page when the database can be read but not written."""
    try:
        unavailable = db.read_only(db.get_engine(url))
    except Exception as error:  # the probe itself failed: the page's own reads will say why
        _log.warning("could not tell whether the database takes writes: %s", error)
        return
    if unavailable:
        st.warning(text.SAVING_UNAVAILABLE, icon=":material/edit_off:")
