"""Kept answers: remembered answers (data_layer/store/memo.py) kept in the database itself, so that a process
started later — after a restart, or another process behind the same proxy — gives them without computing
them, as long as every table they read still has the version recorded with them.

Only reads declared ``@remembered(kept=True)`` are kept: the overview's answers for a scope, which a
leader opens first, the 对标评星 and 党建+安全生产 views — each seconds to compute cold at group scale
and under a megabyte kept (the task, study and 党费 views, about 10 MB each, are not) — and the parts the
overview is made of (task, study, budget, 党费, meeting and 对标 sums per 党支部). A kept answer is checked
exactly like one in memory — by the versions of the tables its SQL read — so it is never given once
any of them changed; it is then computed afresh and kept again. A kept part that is per 党支部
(``by_branch``) and outdated is not thrown away: the process that read it recomputes the 党支部 written
since and keeps the result, so the first save after a restart costs its 党支部, not the group.

- **Where.** In the table ``kept_answer`` of the same database, so a restore brings back answers of the
  restored data only (and ``version.move_past`` makes them all outdated anyway).
- **Which code.** The key includes a fingerprint of the data layer's source: answers kept by another
  version of the program are never read.
- **Writing.** In the background, once the rerun that computed it is over (a second with nothing new
  to keep), as bookkeeping (``db.bookkeeping_scope``: outside the write lock, a short wait) and without
  changing any version; pickled and compressed (zlib at its fastest level: a seventh of the size at group
  scale); the newest ``MAX_ROWS`` are kept, none over ``MAX_BYTES`` before compression. A failed write (a
  read-only database, a busy one) only means the answer is computed again next time.
- **Reading.** Through a restricted unpickler that accepts only the types answers are made of (pandas,
  numpy, pyarrow arrays, dates, decimals, fractions, the data layer's own classes): whoever can write the
  database still cannot make the dashboard run code. An answer it cannot read back is computed instead;
  ``tests/data_layer/test_kept.py`` reads back every kept view of the fixture.
"""

import dataclasses
import enum
import hashlib
import io
import logging
import pickle
import threading
import time
import zlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, delete, select
from sqlmodel import Session, col

from data_layer.models import KeptAnswer
from data_layer.store import db

# Answers kept per database (newest first): at group scale each month's overview is about a dozen, 3 MB,
# and the warm-up keeps every month offered (ui/warm.py).
MAX_ROWS = 1024
QUIET_SECONDS = 1.0  # answers are written once none was given to keep for this long …
LONGEST_WAIT_SECONDS = 10.0  # … or after this long, on a server that is never quiet
MAX_BYTES = 16 * 1024 * 1024  # a larger answer is not kept: reading it back would cost what computing does

_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Kept:
    """A kept answer with what checks it: the version of each table it read (``read``), of each table as
    a whole (``wholes``, by_branch reads) and the data version it is right at (``since``)."""

    value: Any
    read: dict[str, int]
    wholes: dict[str, int] | None
    since: int


@cache
def code_fingerprint() -> str:
    """A digest of every source file of the data layer: answers kept by other code are not read."""
    digest = hashlib.blake2b(digest_size=16)
    root = Path(__file__).resolve().parents[1]
    for path in sorted(root.rglob("*.py")):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def kept_key(module: str, name: str, arguments: Any) -> str:
    """The kept answer's key: the read, its arguments (as ``memo._frozen`` made them) and the code."""
    text = repr((code_fingerprint(), module, name, _stable(arguments)))
    return hashlib.blake2b(text.encode(), digest_size=32).hexdigest()


def _stable(value: Any) -> Any:
    """``value`` with its sets in a fixed order: the same question gives the same key in every process."""
    if isinstance(value, frozenset | set):
        return ("set", tuple(sorted((_stable(item) for item in value), key=repr)))
    if isinstance(value, tuple):
        return tuple(_stable(item) for item in value)
    return value


def load_kept(*, session: Session, key: str, newer_than: int | None = None) -> Kept | None:
    """The answer kept under ``key``, or None (none kept, or one that cannot be read back; or, with
    ``newer_than``, none right at a later data version than that)."""
    stmt = select(col(KeptAnswer.answer)).where(col(KeptAnswer.key) == key)
    if newer_than is not None:
        stmt = stmt.where(col(KeptAnswer.stored) > newer_than)
    answer = session.execute(stmt).scalar()
    if answer is None:
        return None
    try:
        kept = _Unpickler(io.BytesIO(zlib.decompress(answer))).load()
    except Exception:  # made by code that is gone, or not an answer at all: compute it instead
        _log.warning("a kept answer could not be read back; it is computed again", exc_info=True)
        return None
    return kept if isinstance(kept, Kept) else None


class Keeper:
    """Writes kept answers in one background thread; the newest answer for a key wins."""

    def __init__(self) -> None:
        self._pending: dict[tuple[Engine, str], tuple[str, Kept]] = {}
        self._lock = threading.Lock()
        self._wake = threading.Condition(self._lock)
        self._busy = False
        self._asked = 0  # how many answers were given to keep, ever
        self._hurried = 0  # flushes waiting
        self._thread: threading.Thread | None = None

    def keep(self, *, engine: Engine, key: str, name: str, kept: Kept) -> None:
        """Keep ``kept`` under ``key`` soon, in the background."""
        with self._lock:
            self._pending[(engine, key)] = (name, kept)
            self._asked += 1
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="kept-answers", daemon=True)
                self._thread.start()
            self._wake.notify_all()

    def flush(self, timeout: float = 30) -> None:
        """Write everything asked for so far now, and wait until it has been written (or given up)."""
        with self._lock:
            self._hurried += 1
            self._wake.notify_all()
            try:
                self._wake.wait_for(lambda: not self._pending and not self._busy, timeout)
            finally:
                self._hurried -= 1

    def _run(self) -> None:
        while True:
            with self._lock:
                self._wake.wait_for(lambda: bool(self._pending))
                self._wait_until_quiet()
                batch, self._pending = self._pending, {}
                self._busy = True
            try:
                for engine in {engine for engine, _ in batch}:
                    answers = {key: item for (each, key), item in batch.items() if each is engine}
                    _write(engine, answers)
            finally:
                with self._lock:
                    self._busy = False
                    self._wake.notify_all()

    def _wait_until_quiet(self) -> None:
        """Hold the write until nothing new was given to keep for ``QUIET_SECONDS`` (at most
        ``LONGEST_WAIT_SECONDS``): the rerun that computed the answers finishes before they are pickled,
        instead of sharing the interpreter with it. A flush writes at once. Called holding the lock."""
        began = time.monotonic()
        while not self._hurried and time.monotonic() - began < LONGEST_WAIT_SECONDS:
            asked = self._asked
            self._wake.wait(QUIET_SECONDS)  # woken by a keep or a flush, or quiet
            if self._asked == asked:
                return


def _write(engine: Engine, answers: dict[str, tuple[str, Kept]]) -> None:
    pickled = {
        key: pickle.dumps(kept, protocol=pickle.HIGHEST_PROTOCOL) for key, (_, kept) in answers.items()
    }
    rows = [
        {"key": key, "name": name[:200], "stored": kept.since, "answer": zlib.compress(pickled[key], 1)}
        for key, (name, kept) in answers.items()
        if len(pickled[key]) <= MAX_BYTES
    ]
    if not rows:
        return
    try:
        with db.bookkeeping_scope(engine) as session:  # no write lock, a short wait: it changes no figure
            session.execute(delete(KeptAnswer).where(col(KeptAnswer.key).in_(list(answers))))
            session.execute(KeptAnswer.__table__.insert(), rows)  # type: ignore[attr-defined]
            newest = select(col(KeptAnswer.key)).order_by(col(KeptAnswer.stored).desc()).limit(MAX_ROWS)
            session.execute(delete(KeptAnswer).where(col(KeptAnswer.key).not_in(newest)))
    except Exception:  # a cache: a read-only or busy database just means computing again next time
        _log.warning("kept answers were not written", exc_info=True)


_SAFE_BUILTINS = {"slice", "set", "frozenset", "list", "dict", "tuple", "bytearray", "complex", "range"}
_RECONSTRUCTORS = {
    ("numpy._core.multiarray", "_reconstruct"),
    ("numpy.core.multiarray", "_reconstruct"),
    ("numpy._core.numeric", "_frombuffer"),
    ("numpy.core.numeric", "_frombuffer"),
    ("numpy._core.multiarray", "scalar"),
    ("numpy.core.multiarray", "scalar"),
    ("pandas._libs.internals", "_unpickle_block"),
    ("pandas.core.indexes.base", "_new_Index"),
    ("pandas._libs.tslibs.timestamps", "_unpickle_timestamp"),
    ("pandas._libs.tslibs.timedeltas", "_timedelta_unpickle"),
    ("pyarrow.lib", "_restore_array"),
    ("pyarrow.lib", "py_buffer"),
    ("pyarrow.lib", "type_for_alias"),
}
_DATA_MODULES = ("pandas.core.", "pandas._libs.", "pandas.arrays", "numpy")
_FILES = {"ExcelFile", "ExcelWriter", "HDFStore"}  # pandas classes that open files
_VALUE_MODULES = ("datetime", "decimal", "fractions")  # dates, amounts, the 五星 share (a Fraction)
_MODULES = {"builtins", *_VALUE_MODULES, "pandas", "numpy", "pyarrow.lib"}
_PACKAGES = ("data_layer.", "pandas.", "numpy.")


class _Unpickler(pickle.Unpickler):
    """Only the types answers are made of; anything else (a function that runs code) is refused."""

    def find_class(self, module: str, name: str) -> Any:
        if module not in _MODULES and not module.startswith(_PACKAGES):  # not even imported
            raise pickle.UnpicklingError(f"not a kept answer's module: {module}")
        found = super().find_class(module, name)
        if (module, name) in _RECONSTRUCTORS:
            return found
        if module == "builtins" and name in _SAFE_BUILTINS:
            return found
        if module in _VALUE_MODULES and isinstance(found, type):
            return found
        if isinstance(found, type):
            home = getattr(found, "__module__", "")
            if home.startswith("data_layer.") and (
                dataclasses.is_dataclass(found) or issubclass(found, enum.Enum) or found is Kept
            ):
                return found
            if (home in ("pandas", "numpy") or home.startswith(_DATA_MODULES)) and name not in _FILES:
                return found
        raise pickle.UnpicklingError(f"not a kept answer's type: {module}.{name}")
