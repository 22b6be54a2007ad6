"""Asking before a deletion: a dialog (``st.dialog``) with the question, 删除 and 取消. Nothing is deleted
by one click, and closing the dialog deletes nothing.

A page's 删除 button calls ``ask(key, what)`` (as its ``on_click``); while ``asked(key)`` is that ``what``
the page calls ``dialog``, whose 删除 runs the deletion (a ``run_write``, which reruns on success).
"""

from collections.abc import Callable
from typing import Any

import streamlit as st


def ask(key: str, what: Any) -> None:
    st.session_state[key] = what


def asked(key: str) -> Any:
    return st.session_state.get(key)


def stop_asking(key: str) -> None:
    st.session_state.pop(key, None)


def dialog(
    *,
    key: str,
    title: str,
    question: str,
    yes: str,
    no: str,
    keys: tuple[str, str],
    delete: Callable[[], object],
) -> None:
    """The dialog asking ``question`` (Markdown: people's words in it must be ``literal``); ``keys`` are
    the keys of its 删除 and 取消 buttons."""

    @st.dialog(title, on_dismiss=lambda: stop_asking(key))
    def show() -> None:
        st.markdown(question)
        left, right = st.columns(2)
        if left.button(yes, type="primary", icon=":material/delete:", key=keys[0]):
            stop_asking(key)
            delete()
        if right.button(no, key=keys[1]):
            stop_asking(key)
            st.rerun()

    show()
