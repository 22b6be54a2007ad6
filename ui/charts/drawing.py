"""Draw a chart with its Vega-Lite spec remembered by what it was built from.

Building an Altair chart and turning it into Vega-Lite validates the whole spec against Vega-Lite's JSON
schema: 10–70 ms a chart at group scale, on every rerun, although a rerun that changed nothing draws the
same chart again. ``draw(build, *arguments)`` builds and converts once per distinct input — the builder
and a fingerprint of its arguments (a data frame by its columns, types and the hash of every value,
hashed once per frame object) — and sends the remembered spec, datasets already in Arrow, through
``st.vega_lite_chart``. The spec is the one ``st.altair_chart`` would send: Streamlit's own conversion
makes it.
"""

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, Literal

import altair as alt
import pandas as pd
import streamlit as st

from ui.derived import derived
from ui.streamlit_internals import vega_lite_spec

MAX_SPECS = 256  # a spec holds its chart's rows (at most a few hundred KB): well under 100 MB in all

_specs: OrderedDict[bytes, dict] = OrderedDict()
_building: dict[bytes, threading.Event] = {}  # specs being built now, by the session building them
_lock = threading.Lock()
WAIT_SECONDS = 30  # at most this long for another session's spec, then ask again


def draw(
    build: Callable[..., alt.TopLevelMixin],
    *arguments: Any,
    key: str | None = None,
    on_select: Literal["ignore", "rerun"] = "ignore",
    **options: Any,
):
    """``st.altair_chart(build(*arguments, **options), theme=None, width="stretch")``, built only when
    its inputs are new. Returns what the chart element returns (the selection with ``on_select``)."""
    spec = _spec(build, arguments, options)
    return st.vega_lite_chart(spec=spec, theme=None, width="stretch", key=key, on_select=on_select)


def _spec(build: Callable[..., alt.TopLevelMixin], arguments: tuple, options: dict) -> dict:
    """The remembered spec; sessions asking for the same new chart at once (leaders opening the overview
    together) wait for the first one's instead of each building it (10 sessions: 10 times the CPU)."""
    digest = hashlib.blake2b(f"{build.__module__}.{build.__qualname__}".encode(), digest_size=20)
    _fingerprint(arguments, digest)
    _fingerprint(options, digest)
    name = digest.digest()
    while True:
        with _lock:
            if name in _specs:
                _specs.move_to_end(name)
                return _specs[name]
            building = _building.get(name)
            if building is None:
                _building[name] = mine = threading.Event()
        if building is None:
            break
        building.wait(WAIT_SECONDS)  # then found, or built here if the other's build failed
    try:
        # Streamlit types the conversion for the concrete chart classes; ours are typed by their base
        spec = vega_lite_spec(build(*arguments, **options))  # type: ignore[arg-type]
        with _lock:
            _specs[name] = spec
            while len(_specs) > MAX_SPECS:
                _specs.popitem(last=False)
        return spec
    finally:
        with _lock:
            del _building[name]
        mine.set()


def _fingerprint(value: Any, digest) -> None:
    """Feed ``value`` into ``digest`` so that equal inputs give equal digests and different ones differ."""
    if isinstance(value, pd.DataFrame | pd.Series):
        digest.update(derived(value, _content))  # a remembered frame is hashed once
    elif isinstance(value, list | tuple):
        digest.update(f"{type(value).__name__}{len(value)}(".encode())
        for item in value:
            _fingerprint(item, digest)
        digest.update(b")")
    elif isinstance(value, dict):
        digest.update(f"dict{len(value)}(".encode())
        for name in sorted(value, key=repr):
            _fingerprint(name, digest)
            _fingerprint(value[name], digest)
        digest.update(b")")
    else:
        digest.update(f"{type(value).__qualname__}:{value!r};".encode())


def _content(value: pd.DataFrame | pd.Series) -> bytes:
    frame = value.to_frame() if isinstance(value, pd.Series) else value
    layout = (type(value).__name__, list(map(str, frame.columns)), list(map(str, frame.dtypes)), frame.shape)
    digest = hashlib.blake2b(repr(layout).encode(), digest_size=20)
    digest.update(pd.util.hash_pandas_object(frame, index=True).to_numpy().tobytes())
    return digest.digest()
