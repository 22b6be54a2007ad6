"""Login form → the actor in the session; logout and the idle timeout; single sign-on when configured;
the first-admin hint on a database without users; the demo accounts while the demo database is used."""

from datetime import datetime, timedelta

import streamlit as st

from data_layer import auth, clock, reports, sso
from data_layer.errors import Refused
from data_layer.store import db
from ui import data, login_cookie, masking, preload, text
from ui.literal import literal

ACTOR_KEY = "actor"
LAST_ACTIVITY_KEY = "last_activity"
IDLE_NOTICE_KEY = "idle_logged_out"


def now() -> datetime:
    """The idle timeout's clock (tests replace it to move time on)."""
    return clock.now()


def current_actor() -> auth.Actor | None:
    """Who is logged in, or None. Every rerun counts as activity; a session idle for the setting
    ``idle_timeout_minutes`` or longer is logged out here, on its next rerun, and the login page says why."""
    actor = st.session_state.get(ACTOR_KEY)
    if actor is None:  # a refresh or a new tab: the browser's login token, if it has a valid one
        actor = login_cookie.remembered_actor(db.database_url())
        if actor is None:
            return None
        st.session_state[ACTOR_KEY] = actor
        st.session_state[LAST_ACTIVITY_KEY] = now()
    moment = now()
    if moment - st.session_state.get(LAST_ACTIVITY_KEY, moment) >= _idle_timeout():
        logout()
        st.session_state[IDLE_NOTICE_KEY] = True
        return None
    st.session_state[LAST_ACTIVITY_KEY] = moment
    return actor


def _idle_timeout() -> timedelta:
    minutes = data.setting(db.database_url(), "idle_timeout_minutes")
    assert minutes is not None, "the setting has a default (data_layer/store/settings.py)"
    return timedelta(minutes=int(minutes))


def _sso_configured() -> bool:
    """Single sign-on is offered only when ``.streamlit/secrets.toml`` has an ``[auth]`` section."""
    return st.secrets.load_if_toml_exists() and "auth" in st.secrets


def _signed_on() -> bool:
    return _sso_configured() and bool(st.user.get("is_logged_in"))


def logout() -> None:
    """Forget who is logged in and what they chose, and revoke their login tokens; the next run shows the
    login form. A single sign-on session also drops its identity cookie, or the login page would let the
    person straight back in."""
    actor = st.session_state.get(ACTOR_KEY)
    for key in list(st.session_state):
        del st.session_state[key]
    login_cookie.forget(db.database_url(), actor)
    if _signed_on():
        st.logout()


def _start_session(actor: auth.Actor) -> None:
    st.session_state.pop(IDLE_NOTICE_KEY, None)
    st.session_state.pop(login_cookie.SIGNED_OUT_KEY, None)
    login_cookie.remember(db.database_url(), actor)
    st.session_state[ACTOR_KEY] = actor
    st.session_state[LAST_ACTIVITY_KEY] = now()
    st.rerun()


# Wrong passwords per client, for this server process (data_layer.auth.Throttle).
THROTTLE = auth.Throttle()


def client() -> str:
    """Who is knocking, as far as the server can tell: the browser's address (none on this machine)."""
    address = st.context.ip_address
    return address if isinstance(address, str) and address else "localhost"


def _password_login(url: str, username: str, password: str) -> auth.Actor | Refused:
    """Check a password without the write lock (data_layer.auth.log_in): a long save elsewhere never
    keeps anyone from logging in, and a database that takes no writes still lets people read."""
    try:
        return auth.log_in(
            engine=db.get_engine(url),
            username=username,
            password=password,
            client=client(),
            throttle=THROTTLE,
        )
    except Refused as refusal:
        return refusal


def _sso_login(url: str) -> auth.Actor | Refused:
    with db.session_scope(db.get_engine(url)) as session:
        try:
            return sso.actor_for_claims(session=session, claims=st.user.to_dict())
        except Refused as refusal:
            return refusal


def _has_users(url: str) -> bool:
    with db.session_scope(db.get_engine(url)) as session:
        return auth.has_users(session=session)


def _single_sign_on(url: str) -> None:
    """Back from the identity provider: map the person to their account; otherwise offer the button."""
    if not _signed_on():
        st.button(text.SSO_LOGIN, type="primary", on_click=st.login, icon=":material/badge:")
        st.caption(text.OR_PASSWORD)
        return
    outcome = _sso_login(url)
    if isinstance(outcome, Refused):
        st.error(literal(outcome), icon=":material/error:")
        st.button(text.SSO_LOGOUT, on_click=st.logout, icon=":material/logout:")
        st.caption(text.OR_PASSWORD)
        return
    _start_session(outcome)


def login_page() -> None:
    url = db.database_url()
    login_cookie.write()
    preload.element_code()  # first: see ui/preload.py
    _, middle, _ = st.columns([1, 2, 1])
    with middle:
        st.title(text.LOGIN_TITLE)
        if st.session_state.get(IDLE_NOTICE_KEY):
            st.info(text.IDLE_LOGGED_OUT, icon=":material/schedule:")
        if not _has_users(url):
            st.warning(text.NO_USERS_YET, icon=":material/person_add:")
            st.code(text.FIRST_ADMIN_COMMAND, language="bash")
        if _sso_configured():
            _single_sign_on(url)
        with st.form("login"):
            username = st.text_input(text.USERNAME)
            password = st.text_input(text.PASSWORD, type="password")
            submitted = st.form_submit_button(text.LOGIN, type="primary")
        if submitted:
            outcome = _password_login(url, username, password)
            if isinstance(outcome, Refused):
                st.error(literal(outcome), icon=":material/error:")
            else:
                _start_session(outcome)
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
                if demo.total > len(demo.users):
                    st.caption(text.DEMO_MORE.format(count=demo.total - len(demo.users)))


def sidebar_account(actor: auth.Actor) -> None:
    name = reports.mask_name(actor.display_name) if masking.on() else actor.display_name
    with st.sidebar:
        login_cookie.write()
        st.markdown(f"**{literal(name)}** · {text.ROLE_LABELS[actor.role]}")
        st.button(text.LOGOUT, on_click=logout, icon=":material/logout:")
