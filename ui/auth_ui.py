"""Login form → the actor in the session; logout; the demo accounts while the demo database is used."""

import streamlit as st

from data_layer import auth, db
from data_layer.errors import Refused
from ui import data, text

ACTOR_KEY = "actor"


def current_actor() -> auth.Actor | None:
    return st.session_state.get(ACTOR_KEY)


def logout() -> None:
    """Forget who is logged in and what they chose; the next run shows the login form."""
    for key in list(st.session_state):
        del st.session_state[key]
    data.clear()


def login_page() -> None:
    url = db.database_url()
    _, middle, _ = st.columns([1, 2, 1])
    with middle:
        st.title(text.LOGIN_TITLE)
        with st.form("login"):
            username = st.text_input(text.USERNAME)
            password = st.text_input(text.PASSWORD, type="password")
            submitted = st.form_submit_button(text.LOGIN, type="primary")
        if submitted:
            try:
                with db.session_scope(db.get_engine(url)) as session:
                    actor = auth.authenticate(session=session, username=username, password=password)
            except Refused as refusal:
                st.error(str(refusal), icon=":material/error:")
            else:
                st.session_state[ACTOR_KEY] = actor
                st.rerun()
        demo = data.demo_logins(url)
        if demo:
            with st.expander(text.DEMO_LOGINS_TITLE, expanded=True):
                st.caption(text.DEMO_PASSWORD_NOTE.format(password=demo.password))
                st.table(
                    {
                        text.USERNAME: [username for username, _, _ in demo.users],
                        "姓名": [name for _, name, _ in demo.users],
                        "角色": [text.ROLE_LABELS[role] for _, _, role in demo.users],
                    }
                )


def sidebar_account(actor: auth.Actor) -> None:
    with st.sidebar:
        st.markdown(f"**{actor.display_name}** · {text.ROLE_LABELS[actor.role]}")
        st.button(text.LOGOUT, on_click=logout, icon=":material/logout:")
