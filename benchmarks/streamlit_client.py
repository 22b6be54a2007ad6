"""One person's browser as the dashboard's server sees it, without the browser: Streamlit's own protocol.

A browser that has been to the dashboard before has Streamlit's JavaScript and styles in its cache; what
it still asks of the server when the page is opened is the page itself (``/``), ``/_stcore/health``
(which sets the ``_streamlit_xsrf`` cookie) and ``/_stcore/host-config``, then the websocket
``/_stcore/stream``, over which everything else passes: the browser sends BackMsgs (a ``rerun_script``
with the page, the widgets' values and its context), the server sends ForwardMsgs (the new session, the
elements, the run's end). This client does the same in a few milliseconds of CPU per person, so that many
people can be played on the server's own machine without their browsers eating the server's cores.

As the browser does, it keeps the large elements it was sent (``metadata.cacheable``) and names them in
every rerun (``cached_message_hashes``); the server then sends a reference (``ref_hash``) instead of an
element the browser already has, and the client takes it from its cache. Each person has a cookie jar of
their own, as separate browsers have.
"""

import asyncio
import http.cookiejar
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from websockets.asyncio.client import ClientConnection, connect
from websockets.typing import Origin, Subprotocol

from ui import text
from ui.streamlit_internals import BackMsg, ForwardMsg, WidgetState

TIMEZONE = "Asia/Shanghai"
TIMEZONE_OFFSET_MINUTES = -480  # as the browser's Date.getTimezoneOffset() says for UTC+8
LOCALE = "zh-CN"
XSRF_COOKIE = "_streamlit_xsrf"
BEFORE_THE_WEBSOCKET = ("", "_stcore/health", "_stcore/host-config")  # what the page asks first
OVERVIEW_TITLE = text.BRANCH_TABLE_TITLE.split("{")[0].encode()


class ProtocolError(RuntimeError):
    """The server answered something a browser would not have got, or ended the connection."""


@dataclass
class Run:
    """What one script run has sent so far (from its ``new_session`` on)."""

    metric: bool = False
    overview_title: bool = False
    finished: int | None = None  # ForwardMsg.ScriptFinishedStatus, once the run has ended
    alerts: list[str] = field(default_factory=list)

    @property
    def overview(self) -> bool:
        return self.metric and self.overview_title


@dataclass
class Person:
    """One browser tab: its cookies, its websocket and what the server has told it."""

    base_url: str
    cookies: http.cookiejar.CookieJar = field(default_factory=http.cookiejar.CookieJar)
    socket: ClientConnection | None = None
    page_script_hash: str = ""
    cache: dict[str, ForwardMsg] = field(default_factory=dict)
    widgets: dict[str, str] = field(default_factory=dict)  # label of a text input or button → widget id
    run: Run = field(default_factory=Run)
    running: bool = False
    received: int = 0
    received_bytes: int = 0

    def _opener(self) -> urllib.request.OpenerDirector:
        # No proxy from the environment: the dashboard is on 127.0.0.1.
        return urllib.request.build_opener(
            urllib.request.ProxyHandler({}), urllib.request.HTTPCookieProcessor(self.cookies)
        )

    def _get(self, path: str) -> bytes:
        with self._opener().open(f"{self.base_url}/{path}", timeout=60) as answer:
            return answer.read()

    def _cookie_header(self) -> str:
        return "; ".join(f"{cookie.name}={cookie.value}" for cookie in self.cookies)

    def _xsrf_token(self) -> str:
        for cookie in self.cookies:
            if cookie.name == XSRF_COOKIE and cookie.value:
                return cookie.value
        return "PLACEHOLDER_AUTH_TOKEN"  # what the browser sends without the cookie

    async def open(self) -> None:
        """Open the dashboard's address: the page and its two checks, then the websocket."""
        for path in BEFORE_THE_WEBSOCKET:
            await asyncio.to_thread(self._get, path)
        address = urlsplit(self.base_url)
        self.socket = await connect(
            f"ws://{address.netloc}/_stcore/stream",
            # The browser's way to pass its XSRF token (and, reconnecting, its session) to the server.
            subprotocols=[Subprotocol("streamlit"), Subprotocol(self._xsrf_token())],
            origin=Origin(self.base_url),
            additional_headers={"Cookie": self._cookie_header()},
            user_agent_header="many_at_once protocol client",
            proxy=None,
            max_size=None,
            open_timeout=60,
        )

    async def rerun(self, widgets: list[WidgetState] | None = None) -> None:
        """Send a ``rerun_script`` as the browser does: the current page, the widgets' values, the cached
        elements' hashes and the browser's context."""
        message = BackMsg()
        state = message.rerun_script
        state.query_string = ""
        state.page_script_hash = self.page_script_hash
        state.page_name = ""
        state.widget_states.widgets.extend(widgets or [])
        state.cached_message_hashes.extend(self.cache)
        state.context_info.timezone = TIMEZONE
        state.context_info.timezone_offset = TIMEZONE_OFFSET_MINUTES
        state.context_info.locale = LOCALE
        state.context_info.url = f"{self.base_url}/"
        state.context_info.is_embedded = False
        state.context_info.color_scheme = "light"
        assert self.socket is not None
        await self.socket.send(message.SerializeToString())

    async def receive(self) -> ForwardMsg:
        """The next ForwardMsg, a reference resolved from the cache, and what it tells the tab noted."""
        assert self.socket is not None
        try:
            payload = await self.socket.recv()
        except Exception as error:  # the connection closed: say so plainly
            raise ProtocolError(f"the websocket ended: {error}") from error
        if not isinstance(payload, bytes):
            raise ProtocolError("a text frame: Streamlit sends binary protobufs")
        self.received += 1
        self.received_bytes += len(payload)
        message = ForwardMsg()
        message.ParseFromString(payload)
        if message.WhichOneof("type") == "ref_hash":
            cached = self.cache.get(message.ref_hash)
            if cached is None:
                raise ProtocolError(f"a reference to an element never sent: {message.ref_hash}")
            resolved = ForwardMsg()
            resolved.CopyFrom(cached)
            resolved.metadata.CopyFrom(message.metadata)  # where it goes this time
            message = resolved
        elif message.metadata.cacheable and message.hash:
            self.cache.setdefault(message.hash, message)
        self._note(message)
        return message

    def _note(self, message: ForwardMsg) -> None:
        kind = message.WhichOneof("type")
        if kind == "new_session":
            self.run = Run()
            self.page_script_hash = message.new_session.page_script_hash
        elif kind == "navigation":
            self.page_script_hash = message.navigation.page_script_hash
        elif kind == "session_status_changed":
            self.running = message.session_status_changed.script_is_running
        elif kind == "script_finished":
            self.run.finished = message.script_finished
        elif kind == "delta" and message.delta.WhichOneof("type") == "new_element":
            element = message.delta.new_element
            which = element.WhichOneof("type")
            if which == "metric":
                self.run.metric = True
            elif which == "alert":
                self.run.alerts.append(element.alert.body)
            elif which == "text_input":
                self.widgets[element.text_input.label] = element.text_input.id
            elif which == "button":
                self.widgets[element.button.label] = element.button.id
            if not self.run.overview_title and OVERVIEW_TITLE in element.SerializeToString():
                self.run.overview_title = True

    async def until_settled(self, done: Callable[[], bool], what: str) -> None:
        """Read until a run has finished successfully and nothing runs any more; then ``done()`` must
        hold (a run that ends elsewhere, e.g. on the login form with an error, is a failure)."""
        while True:
            await self.receive()
            if self.run.finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                raise ProtocolError("the app failed to run")
            if self.run.finished == ForwardMsg.FINISHED_SUCCESSFULLY and not self.running:
                if done():
                    return
                raise ProtocolError(f"the run ended without {what}; its alerts: {self.run.alerts}")

    async def close(self) -> None:
        if self.socket is not None:
            await self.socket.close()


def _text(widget_id: str, value: str) -> WidgetState:
    state = WidgetState(id=widget_id)
    state.string_value = value
    return state


def _trigger(widget_id: str) -> WidgetState:
    state = WidgetState(id=widget_id)
    state.trigger_value = True
    return state


async def login_page(base_url: str) -> Person:
    """A person who has opened the dashboard and sees the login form."""
    person = Person(base_url)
    await person.open()
    await person.rerun()
    await person.until_settled(
        lambda: {text.USERNAME, text.PASSWORD, text.LOGIN} <= person.widgets.keys(), "the login form"
    )
    return person


async def log_in(person: Person, username: str, password: str) -> float:
    """Fill in the form and press 登录 (as ``st.form_submit_button`` sends it: the form's values and the
    button's trigger in one rerun); seconds until the overview has been sent and its run has ended, after
    the login run's ``st.rerun()`` and whatever page change the server makes."""
    widgets = [
        _text(person.widgets[text.USERNAME], username),
        _text(person.widgets[text.PASSWORD], password),
        _trigger(person.widgets[text.LOGIN]),
    ]
    began = time.perf_counter()
    person.run = Run()
    person.running = True  # until the server says this rerun's chain has ended
    await person.rerun(widgets)
    await person.until_settled(lambda: person.run.overview, "the overview")
    return time.perf_counter() - began
