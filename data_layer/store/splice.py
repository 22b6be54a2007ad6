"""Splicing a by_branch answer (data_layer/store/memo.py): the remembered answer with the rows of the
党支部 written since replaced by those recomputed for them alone."""

from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
from sqlmodel import Session

Order = Callable[[pd.DataFrame, Session], pd.DataFrame]
"""Sorts a read's frame (its rows of several 党支部 put together) as the read itself sorts it."""


class CannotSplice(Exception):
    """The fresh part of an answer has another shape than the remembered one: compute it whole."""


def _in_place(old: pd.DataFrame, changed: np.ndarray, fresh: pd.DataFrame) -> pd.DataFrame | None:
    """``old`` with the one run of rows of the changed 党支部 replaced by ``fresh`` (in the read's own order,
    as the read computed it): a frame sorted by 党支部 first needs no sorting again. None when the changed
    rows are not one run, or ``fresh`` has a 党支部 ``old`` had no rows of (then ``order`` places them)."""
    where = np.flatnonzero(changed)
    if not where.size:
        return None
    start, end = int(where[0]), int(where[-1]) + 1
    if end - start != len(where) or not fresh["branch_id"].isin(old["branch_id"].iloc[start:end]).all():
        return None
    return pd.concat([old.iloc[:start], fresh, old.iloc[end:]], ignore_index=True)


def spliced(old: Any, fresh: Any, branch_ids: set[int], order: Order, session: Session) -> Any:
    """``old`` with the rows of ``branch_ids`` replaced by those of ``fresh`` (alike in shape)."""
    if isinstance(old, pd.DataFrame) and isinstance(fresh, pd.DataFrame):
        changed = old["branch_id"].isin(branch_ids).to_numpy()
        if not changed.any() and fresh.empty:
            return old
        if changed.all():
            return fresh
        frame = _in_place(old, changed, fresh)
        if frame is None:
            frame = order(pd.concat([old[~changed], fresh], ignore_index=True), session)
        return frame
    if isinstance(old, dict) and isinstance(fresh, dict) and old.keys() == fresh.keys():
        return {name: spliced(old[name], fresh[name], branch_ids, order, session) for name in old}
    if isinstance(old, tuple) and isinstance(fresh, tuple) and len(old) == len(fresh):
        return tuple(spliced(a, b, branch_ids, order, session) for a, b in zip(old, fresh, strict=True))
    if old is None and fresh is None:
        return None
    raise CannotSplice
