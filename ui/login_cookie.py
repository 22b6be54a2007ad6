"""A login that survives a refresh and a new tab: a signed, expiring token (data_layer.auth) kept in a
browser cookie, revoked on the server at logout.

Streamlit reads a browser's cookies when it connects (``st.context.cookies``) but has no call to set
one, so a few lines of JavaScript (``st.html``) write it once after a login and drop it after a logout.
"""

import json
import logging

import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from data_layer import auth, clock
from data_layer.store import db, failure

COOKIE = "dashboard_login"
TOKEN_KEY = "login_token"  # this tab's token, written to the browser on every run
SIGNED_OUT_KEY = "signed_out"  # this browser tab logged out: its cookie is not used again
_log = logging.getLogger(__name__)


def _secret(url: str) -> bytes | None:
    try:
        return auth.token_secret(engine=db.get_engine(url))
    except SQLAlchemyError as error:  # e.g. a read-only database that has no key yet: no token
        if failure.kind_of(error) is None:
            raise
        _log.warning("no login token: the database is %s", failure.kind_of(error))
        return None


def remembered_actor(url: str) -> auth.Actor | None:
    """The actor of this browser's token, if it has a valid one (and this tab has not logged out)."""
    token = st.context.cookies.get(COOKIE)
    if not isinstance(token, str) or not token or st.session_state.get(SIGNED_OUT_KEY):
        return None
    secret = _secret(url)
    if secret is None:
        return None
    with db.session_scope(db.get_engine(url)) as session:
        return auth.actor_for_token(session=session, token=token, secret=secret, now=clock.now())


def remember(url: str, actor: auth.Actor) -> None:
    """After a login: a token for ``actor``, written to the browser from the next run on (``write``)."""
    secret = _secret(url)
    if secret is not None and actor.user_id is not None:
        st.session_state[TOKEN_KEY] = auth.issue_token(actor=actor, secret=secret, now=clock.now())


def forget(url: str, actor: auth.Actor | None) -> None:
    """At logout: revoke the account's tokens on the server (best effort: a database that takes no
    writes leaves them, but this tab never uses its cookie again) and drop the cookie from the next run on."""
    if actor is not None:
        try:
            with db.bookkeeping_scope(db.get_engine(url)) as session:
                auth.sign_out(session=session, actor=actor, now=clock.now())
        except SQLAlchemyError as error:
            if failure.kind_of(error) is None:
                raise
            _log.warning("a logout could not revoke its tokens: the database is %s", failure.kind_of(error))
    st.session_state[SIGNED_OUT_KEY] = True


def write() -> None:
    """Write this tab's token to the browser, or drop the cookie after a logout. On every run: a run the
    browser skips while it is busy drawing (a rerun right after the login) would otherwise lose it; an
    unchanged element is not run again."""
    token = st.session_state.get(TOKEN_KEY)
    if token is not None:
        seconds = int(auth.TOKEN_LIFETIME.total_seconds())
        _set_cookie(f"{COOKIE}={token}; path=/; max-age={seconds}; SameSite=Strict")
    elif st.session_state.get(SIGNED_OUT_KEY) and st.context.cookies.get(COOKIE):
        _set_cookie(f"{COOKIE}=; path=/; max-age=0; SameSite=Strict")


def _set_cookie(cookie: str) -> None:
    secure = "(location.protocol === 'https:' ? '; Secure' : '')"
    st.html(
        f"<script>document.cookie = {json.dumps(cookie)} + {secure};</script>", unsafe_allow_javascript=True
    )
