"""匿名演示模式 at the one boundary between data and screen: every answer ``ui/data.py`` gives a page is
masked there (data_layer/reports/anonymise.py: every known person's name and 党员编号, wherever it
stands), so no page, chart, table download or slide has to name the columns that hold people.

In the mode nothing is written: a form would hold masked names and numbers (a picker keyed by 党员编号
would offer "****" for everyone), so ``ui/actions.run_write`` refuses and the editing pages show their
figures read-only.
"""

import threading
from collections import OrderedDict
from typing import Any

import streamlit as st

from data_layer.reports import Masker

KEY = "anonymise"  # the sidebar toggle's key (ui/filters.py)
REMEMBERED = 256  # masked answers kept; each is given again while its answer and the people are unchanged

_masked: OrderedDict[tuple[int, int], tuple[Any, Masker, Any]] = OrderedDict()
_lock = threading.Lock()


def on() -> bool:
    """Whether this session has 匿名演示模式 switched on."""
    return bool(st.session_state.get(KEY))


def masked(answer: Any, masker: Masker) -> Any:
    """``answer`` with every known name masked; the same masked object again for the same (remembered)
    answer and masker, so pages that remember what they derive from an answer keep doing so."""
    key = (id(answer), id(masker))
    with _lock:
        found = _masked.get(key)
        if found is not None and found[0] is answer and found[1] is masker:
            _masked.move_to_end(key)
            return found[2]
    value = masker.mask(answer)
    with _lock:
        _masked[key] = (answer, masker, value)  # holding both keeps their ids from being reused
        while len(_masked) > REMEMBERED:
            _masked.popitem(last=False)
    return value
