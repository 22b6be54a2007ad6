"""What a page builds from a remembered answer, kept as long as that answer is.

A remembered answer (ui/data.py) is the same object on every rerun until a table it read changes, so what
a page derives from it — 60,000 members' labels, a lookup by id — needs building once per answer, not once
per rerun. ``derived(answer, build, *arguments)`` is ``build(answer, *arguments)``, kept beside a weak
reference to ``answer`` and dropped with it. ``build`` must be a named function of the module (its name
is the key), and what it returns must not hold on to ``answer``.
"""

import threading
import weakref
from collections.abc import Callable, Hashable
from typing import Any

_kept: dict[tuple, tuple[weakref.ref, Any]] = {}
_lock = threading.RLock()  # re-entrant: a collection inside a locked block may call ``forget``


def derived(answer: Any, build: Callable[..., Any], *arguments: Hashable) -> Any:
    key = (id(answer), build.__module__, build.__qualname__, arguments)
    with _lock:
        found = _kept.get(key)
    if found is not None and found[0]() is answer:
        return found[1]
    value = build(answer, *arguments)

    # The store and lock are bound now: a collection at interpreter exit, after the module's globals
    # are cleared, must still find them ("argument of type 'NoneType' is not iterable").
    def forget(reference: weakref.ref, key: tuple = key, kept: dict = _kept, lock=_lock) -> None:
        with lock:
            if key in kept and kept[key][0] is reference:
                del kept[key]

    with _lock:
        _kept[key] = (weakref.ref(answer, forget), value)
    return value
