"""Running a write from a page: one transaction, a Chinese refusal (or the database's failure in plain
words) next to the form, caches cleared and a message naming what changed on success."""

from collections.abc import Callable
from typing import Any

import streamlit as st
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

from data_layer.errors import Refused
from data_layer.store import db
from data_layer.store.writes import Written
from ui import failure, masking, text
from ui.literal import literal

FLASH_KEY = "flash"


def run_write(url: str, write: Callable[[Session], Any], *, success: Callable[[Any], str]) -> bool:
    """Run ``write`` in one transaction. On a refusal show it here and keep what was typed (return
    False); on success remember the message — ``success`` gets the row of a ``Written``, else the
    result itself — and rerun. The write changed the versions of the tables it
    wrote, so the rerun recomputes every figure that read them (ui/data.py). In 匿名演示模式 nothing is
    written: the form holds masked names and numbers (ui/masking.py)."""
    if masking.on():
        st.error(text.ANONYMISE_NO_SAVE, icon=":material/visibility_off:")
        return False
    try:
        with db.write_scope(db.get_engine(url)) as session:
            result = write(session)
    except Refused as refusal:
        st.error(literal(refusal), icon=":material/error:")
        return False
    except (
        SQLAlchemyError
    ) as error:  # the database is busy, down, full or read-only: say so, keep what was typed
        plain = failure.message(error)
        if plain is None:
            raise
        st.error(plain, icon=":material/cloud_off:")
        return False
    st.session_state[FLASH_KEY] = success(result.row if isinstance(result, Written) else result)
    st.rerun()
    return True


def show_flash() -> None:
    """The message of the last successful write, once."""
    message = st.session_state.pop(FLASH_KEY, None)
    if message:
        st.success(literal(message), icon=":material/check_circle:")
