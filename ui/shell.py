"""What every page needs before it draws: who is looking, what they chose, and whether they may.

app.py sets all of this up and then runs the page (pages live in ``pages/<section>/``, subfolders that Streamlit
does not treat as an old-style multipage app, so every request runs app.py first).
"""

from dataclasses import dataclass

import streamlit as st

from data_layer.auth import Actor
from data_layer.store import db
from data_layer.vocab import Role
from ui import auth_ui, filters, text


@dataclass(frozen=True)
class PageContext:
    url: str
    actor: Actor
    filters: filters.Filters


def page_context(*, roles: frozenset[Role] = frozenset(Role)) -> PageContext:
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
