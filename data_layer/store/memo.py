"""Remembered reads: an answer is kept with the version of every table its SQL read, and given again —
the same object, not a copy — while none of those tables has changed (data_layer/store/version.py).

``Memo.read(function, session=..., **arguments)`` is ``function(session=session, **arguments)``,
remembered by the function, its arguments and the session's engine. Before giving a remembered answer it
reads every table's version (one query; nested reads share it) and compares those of the tables the
answer read; a write to any of them, committed by any process, makes it compute afresh. Answers are
shared between sessions and must not be changed by whoever receives them: with ``MEMO_CHECK=1`` (the
test suite) every answer is fingerprinted when stored and checked each time it is given.

Two sessions asking for the same answer at once compute it once: the second waits for the first's.

Which reads are remembered is declared where they are defined, with ``@remembered``: while a store is
in use (``Memo.using``, as every page read is) a call of a declared read anywhere — a page's, or a part
called by another read — is answered by that store; outside one (the CLI, the report, tests) it is a
plain call. A composed read thus recomputes only the parts whose tables changed.

``@remembered(by_branch=order)`` declares a read of a ``scope`` whose answer (a DataFrame, or a dict or
tuple of them) has a row part per 党支部 (``branch_id``) computed from that 党支部's rows only
(data_layer/store/partition.py). After writes that named their 党支部 it is recomputed for those 党支部
alone, with the scope narrowed to them, and their rows replace the old ones (then ``order`` sorts the
frame as the read itself does): a secretary's save costs its own 党支部, not the group's 2,500.

``@remembered(kept=True)`` declares a read whose answers a store with a ``Keeper`` also keeps in the
database (data_layer/store/kept.py): a process that has not computed it yet — just started, or another
one behind the same proxy — gives the kept answer while its tables have the versions kept with it.
"""

import dataclasses
import functools
import hashlib
import os
import pickle
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, TypeVar, cast

from sqlmodel import Session

from data_layer.store import kept, splice, version
from data_layer.store.splice import Order

_BODY = "__remembered_body__"
_BY_BRANCH = "__remembered_by_branch__"
_KEPT = "__remembered_kept__"
F = TypeVar("F", bound=Callable[..., Any])


def remembered(function: F | None = None, /, *, by_branch: Order | None = None, kept: bool = False) -> Any:
    """Declare a read remembered by the store in use (``Memo.using``); ``by_branch``, ``kept``: see the
    module."""

    def declare(body: F) -> F:
        @functools.wraps(body)
        def read(*, session: Session, **arguments: Any) -> Any:
            store = _in_use.get()
            if store is None:
                return body(session=session, **arguments)
            return store.read(body, session=session, **arguments)

        setattr(read, _BODY, body)
        setattr(body, _BY_BRANCH, by_branch)
        setattr(body, _KEPT, kept)
        return cast(F, read)

    return declare if function is None else declare(function)


class ChangedAnswer(AssertionError):
    """A remembered answer was changed in place by someone it was given to (``MEMO_CHECK=1``)."""


@dataclass
class _Entry:
    value: Any
    read: dict[str, int]  # table → its version when the answer was computed
    used: float
    fingerprint: bytes | None
    wholes: dict[str, int] | None = None  # by_branch: table → its whole version then
    since: int = 0  # by_branch: the data version it is right at, but for 党支部 written after


WAIT_SECONDS = 30  # at most this long for another session's answer; then compute it here too

_snapshot: ContextVar[dict[str, int] | None] = ContextVar("table_versions", default=None)
_in_use: ContextVar["Memo | None"] = ContextVar("memo_in_use", default=None)
_computing_here: ContextVar[frozenset[tuple]] = ContextVar("memo_computing_here", default=frozenset())


class AskedOwnQuestion(AssertionError):
    """A read asked, while computing an answer, for that same answer (``MEMO_CHECK=1``): without the check
    it would have waited ``WAIT_SECONDS`` for itself."""


class Memo:
    """A process's remembered reads: at most ``max_entries`` (the least recently used go first). When a
    read sees that something was written, the answers it outdated and those unused for ``idle_seconds``
    are dropped; an outdated answer is never given."""

    def __init__(
        self, *, max_entries: int = 512, idle_seconds: float = 600, keeper: kept.Keeper | None = None
    ) -> None:
        self.max_entries = max_entries
        self.keeper = keeper  # keeps the answers of reads declared kept in the database
        self.idle_seconds = idle_seconds
        self.versions: Callable[..., dict[str, int]] = version.current_versions
        self._entries: OrderedDict[tuple, _Entry] = OrderedDict()
        self._lock = threading.Lock()
        self._last_data_version: dict[Any, int | None] = {}  # engine → the data version last seen
        self._computing: dict[tuple, threading.Event] = {}
        # Answers dropped as outdated → the data version they were right at: a kept answer no newer is
        # outdated too (the same question read the same tables), so it is not read back (``_from_kept``).
        self._outdated: OrderedDict[tuple, int] = OrderedDict()

    @contextmanager
    def using(self) -> Iterator["Memo"]:
        """Let the declared reads called in this block be answered by this store."""
        token = _in_use.set(self)
        try:
            yield self
        finally:
            _in_use.reset(token)

    def read(self, function: Callable[..., Any], /, *, session: Session, **arguments: Any) -> Any:
        function = getattr(function, _BODY, function)
        engine = session.get_bind()
        version.watch(engine)
        try:
            key = (engine, function.__module__, function.__qualname__, _frozen(arguments))
            hash(key)
        except TypeError:  # an argument that cannot be a key: nothing to remember it by
            return function(session=session, **arguments)
        snapshot = _snapshot.get()
        outermost = snapshot is None
        now = self._now(engine, session) if snapshot is None else snapshot
        token = _snapshot.set(now) if outermost else None
        claimed: threading.Event | None = None
        try:
            found = self._valid(key, now)
            if found is None and key in _computing_here.get():  # asked again while computing it here
                if os.environ.get("MEMO_CHECK") == "1":
                    raise AskedOwnQuestion(f"{key[1]}.{key[2]} asked for itself while computing itself")
                return function(session=session, **arguments)
            if found is None:  # computed by another session right now? Then wait for its answer.
                computing, claimed = self._claim(key)
                if computing is not None:
                    computing.wait(WAIT_SECONDS)
                    found = self._valid(key, now)
            if found is None and self.keeper is not None and getattr(function, _KEPT, False):
                found = self._from_kept(key, session, now)
            if found is not None:
                version.note_read(found.read)
                return found.value
            # Objects the session already holds would be given by session.get() without SQL, and their
            # tables not recorded: expired, they are read again. (A read session has nothing unsaved.)
            session.expire_all()
            by_branch = getattr(function, _BY_BRANCH, None)
            here = _computing_here.set(_computing_here.get() | {key})
            try:
                with version.recording_reads() as tables:
                    value = self._patched(key, function, session, arguments, now)
                    if value is _NONE:
                        value = function(session=session, **arguments)
            finally:
                _computing_here.reset(here)
            self._store(key, value, tables, now, by_branch=by_branch is not None)
            if self.keeper is not None and getattr(function, _KEPT, False):
                self._keep(key)
            return value
        finally:
            if claimed is not None:
                self._release(key, claimed)
            if token is not None:
                _snapshot.reset(token)

    def _from_kept(self, key: tuple, session: Session, now: dict[str, int]) -> _Entry | None:
        """The answer kept in the database, if this process has none in memory and it is current (an
        outdated by_branch one stays in memory to be patched)."""
        with self._lock:
            if key in self._entries:
                return None
            after = self._outdated.get(key)
        found = kept.load_kept(session=session, key=kept.kept_key(key[1], key[2], key[3]), newer_than=after)
        if found is None:
            return None
        checked = _fingerprint(found.value) if os.environ.get("MEMO_CHECK") == "1" else None
        entry = _Entry(found.value, found.read, time.monotonic(), checked, found.wholes, found.since)
        with self._lock:
            self._entries.setdefault(key, entry)
        return self._valid(key, now)

    def _keep(self, key: tuple) -> None:
        with self._lock:
            entry = self._entries.get(key)
        if entry is not None and self.keeper is not None:
            self.keeper.keep(
                engine=key[0],
                key=kept.kept_key(key[1], key[2], key[3]),
                name=f"{key[1]}.{key[2]}",
                kept=kept.Kept(entry.value, entry.read, entry.wholes, entry.since),
            )

    def _claim(self, key: tuple) -> tuple[threading.Event | None, threading.Event | None]:
        """(the event of another session computing ``key``, None) or (None, our own event)."""
        with self._lock:
            if key in self._computing:
                return self._computing[key], None
            self._computing[key] = claimed = threading.Event()
            return None, claimed

    def _release(self, key: tuple, claimed: threading.Event) -> None:
        with self._lock:
            if self._computing.get(key) is claimed:
                del self._computing[key]
        claimed.set()

    def _patched(
        self, key: tuple, function: Callable[..., Any], session: Session, arguments: dict, now
    ) -> Any:
        """A by_branch answer brought up to date by recomputing the 党支部 written since, or ``_NONE``."""
        order = getattr(function, _BY_BRANCH, None)
        with self._lock:
            entry = self._entries.get(key)
        if order is None or entry is None or not _patchable(entry, now):
            return _NONE
        scope = arguments["scope"]
        written = version.changed_branches(session=session, since=entry.since)
        paths = {branch_id: path for branch_id, path in written.items() if scope.contains(path)}
        version.note_read(entry.read)
        if not paths:
            return entry.value
        narrowed = dataclasses.replace(scope, prefixes=tuple(sorted(paths.values())))
        if narrowed == scope:  # every 党支部 of the scope written: this very question, computed afresh
            fresh = function(session=session, **arguments)
        else:  # asked of the store: a read built on this one, patched for the same 党支部, finds it there
            fresh = self.read(function, session=session, **{**arguments, "scope": narrowed})
        try:
            return splice.spliced(entry.value, fresh, set(paths), order, session)
        except splice.CannotSplice:
            return _NONE

    def clear(self) -> None:
        """Forget every answer."""
        with self._lock:
            self._entries.clear()
            self._outdated.clear()

    def __len__(self) -> int:
        return len(self._entries)

    def _now(self, engine: Any, session: Session) -> dict[str, int]:
        now = self.versions(session=session)
        current, last = now.get(version.ALL), self._last_data_version.get(engine)
        if current != last:  # something was written: drop what it outdated
            self._last_data_version[engine] = current
            if current is not None and last is not None and current < last:
                # Numbers went back: a restore that did not move them past (pg_restore) brought back
                # versions that answers computed since may be remembered under. Forget them all.
                self._forget(engine)
            self._sweep(now)
        return now

    def _forget(self, engine: Any) -> None:
        with self._lock:
            for key in [key for key in self._entries if key[0] is engine]:
                del self._entries[key]
            for key in [key for key in self._outdated if key[0] is engine]:
                del self._outdated[key]

    def _valid(self, key: tuple, now: dict[str, int]) -> _Entry | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is None or not _current(entry, now):
                return None
            self._entries.move_to_end(key)
            entry.used = time.monotonic()
        if entry.fingerprint is not None and entry.fingerprint != _fingerprint(entry.value):
            raise ChangedAnswer(
                f"a remembered answer of {key[1]}.{key[2]} was changed in place by its receiver"
            )
        return entry

    def _store(
        self, key: tuple, value: Any, tables: set[str], now: dict[str, int], *, by_branch: bool
    ) -> None:
        read = {name: now.get(name, now[version.ALL]) for name in tables}
        wholes = (
            {name: now.get(version.WHOLE + name, now[version.ALL]) for name in tables} if by_branch else None
        )
        checked = _fingerprint(value) if os.environ.get("MEMO_CHECK") == "1" else None
        with self._lock:
            self._entries[key] = _Entry(value, read, time.monotonic(), checked, wholes, now[version.ALL])
            self._entries.move_to_end(key)
            self._outdated.pop(key, None)
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)

    def _sweep(self, now: dict[str, int]) -> None:
        oldest = time.monotonic() - self.idle_seconds
        with self._lock:
            for key, entry in list(self._entries.items()):
                if not (_current(entry, now) or _patchable(entry, now)):
                    self._outdated[key] = entry.since
                    self._outdated.move_to_end(key)
                    del self._entries[key]
                elif entry.used < oldest:
                    del self._entries[key]
            while len(self._outdated) > self.max_entries:
                self._outdated.popitem(last=False)


_NONE = object()


def _current(entry: _Entry, now: dict[str, int]) -> bool:
    return all(now.get(name, now.get(version.ALL)) == number for name, number in entry.read.items())


def _patchable(entry: _Entry, now: dict[str, int]) -> bool:
    """A by_branch answer none of whose tables changed as a whole since."""
    return entry.wholes is not None and all(
        now.get(version.WHOLE + name, now.get(version.ALL)) == number for name, number in entry.wholes.items()
    )


def _frozen(value: Any) -> Any:
    """``value`` as a key: lists become tuples, dicts sorted tuples of pairs, sets frozensets."""
    if isinstance(value, dict):
        return tuple(sorted((name, _frozen(item)) for name, item in value.items()))
    if isinstance(value, list | tuple):
        return tuple(_frozen(item) for item in value)
    if isinstance(value, set | frozenset):
        return frozenset(value)
    return value


def _fingerprint(value: Any) -> bytes:
    return hashlib.blake2b(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL), digest_size=20).digest()
