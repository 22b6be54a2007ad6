"""What every page needs before it draws: who is looking, what they chose, and whether they may.

app.py sets all of this up and then runs the page. But Streamlit treats a ``pages/`` folder beside the
entry script as an old-style multipage app until the first ``st.navigation`` call of the process: if
the very first request of a server names a page (a shared link, a browser reopening a tab), Streamlit
runs that page's script alone, with its own file-name navigation, and keeps doing so. A page that
finds itself run that way settles the question the way ``st.navigation`` would and reruns, so that
app.py runs (login, filters, the role's pages) and shows the page that was asked for.
"""

from dataclasses import dataclass

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from data_layer import db
from data_layer.auth import Actor
from data_layer.vocab import Role
from ui import auth_ui, filters, text


@dataclass(frozen=True)
class PageContext:
    url: str
    actor: Actor
    filters: filters.Filters


def _run_through_app() -> None:
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def page_context(*, roles: frozenset[Role] = frozenset(Role)) -> PageContext:
    _run_through_app()
    url = db.database_url()
    actor = auth_ui.current_actor()
    if actor is None:
        auth_ui.login_page()
        st.stop()
    if actor.role not in roles:
        st.error(text.PAGE_REFUSED, icon=":material/block:")
        st.stop()
    chosen = filters.current() or filters.sidebar_filters(url, actor)
    if chosen is None:
        filters.no_data_page()
        st.stop()
    return PageContext(url=url, actor=actor, filters=chosen)
