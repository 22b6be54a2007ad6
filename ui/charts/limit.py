"""At group scale a chart of every 党支部 would hold thousands of bars, unreadable and slow to send: a
chart of branches draws the ``MAX_BRANCHES`` that need attention most, by the chart's own figure, and its
title says how many there are in all (the tables below the charts list every branch)."""

import pandas as pd

from ui import text

MAX_BRANCHES = 40


def first_branches(frame: pd.DataFrame, ranked: list[str]) -> tuple[pd.DataFrame, int]:
    """The rows of the first ``MAX_BRANCHES`` branches of ``ranked`` (names, most in need first), in
    the frame's own order, and the number of branches in the frame."""
    total = frame["branch"].nunique()
    if total <= MAX_BRANCHES:
        return frame, total
    keep = set(ranked[:MAX_BRANCHES])
    return frame[frame["branch"].isin(keep)], total


def lowest(frame: pd.DataFrame, by: str) -> tuple[pd.DataFrame, int]:
    """One row per branch: those with the lowest ``by``."""
    return first_branches(frame, frame.sort_values(by, kind="stable")["branch"].tolist())


def title(words: str, shown: pd.DataFrame, total: int) -> str:
    """``words``, and when not every branch is drawn, how many are and of how many."""
    count = shown["branch"].nunique()
    if count >= total:
        return words
    return f"{words}{text.CHART_LIMITED.format(shown=count, total=total)}"
