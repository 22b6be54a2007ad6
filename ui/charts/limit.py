"""At group scale a chart of every 党支部 would hold thousands of bars, unreadable and slow to send: a
chart of branches draws the ``MAX_BRANCHES`` that need attention most, by the chart's own figure, and its
title says how many there are in all (the tables below the charts list every branch). A meeting slide
draws fewer, so that its type stays large (``at_most``)."""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

import pandas as pd

from ui import text

MAX_BRANCHES = 40
_limit: ContextVar[tuple[int, str]] = ContextVar("chart_limit", default=(MAX_BRANCHES, text.CHART_LIMITED))


@contextmanager
def at_most(branches: int, *, note: str) -> Iterator[None]:
    """Charts built inside draw at most ``branches`` branches, and say so with ``note`` (a format of
    ``shown`` and ``total``)."""
    token = _limit.set((branches, note))
    try:
        yield
    finally:
        _limit.reset(token)


def first_branches(frame: pd.DataFrame, ranked: list[str]) -> tuple[pd.DataFrame, int]:
    """The rows of the first ``MAX_BRANCHES`` branches of ``ranked`` (names, most in need first), in
    the frame's own order, and the number of branches in the frame."""
    most = _limit.get()[0]
    total = frame["branch"].nunique()
    if total <= most:
        return frame, total
    keep = set(ranked[:most])
    return frame[frame["branch"].isin(keep)], total


def lowest(frame: pd.DataFrame, by: str) -> tuple[pd.DataFrame, int]:
    """One row per branch: those with the lowest ``by``."""
    return first_branches(frame, frame.sort_values(by, kind="stable")["branch"].tolist())


def title(words: str, shown: pd.DataFrame, total: int) -> str:
    """``words``, and when not every branch is drawn, how many are and of how many."""
    count = shown["branch"].nunique()
    if count >= total:
        return words
    return f"{words}{_limit.get()[1].format(shown=count, total=total)}"
