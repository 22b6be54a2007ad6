"""What the 对标评星 page shows of a remembered StarView, built once per answer (ui/derived.py) rather than
on every rerun: the ranking with each 党支部's stars in words, how many 党支部 have each star level, the
党支部 to choose from, and the breakdown lines of the 党支部 chosen. A rerun that changed nothing hands
the same frames to the chart and the tables, which then recognise them (their fingerprint and screen rows
are kept per frame)."""

import pandas as pd

from data_layer.metrics.stars import StarView
from ui import charts
from ui.derived import derived


def ranking(rating: StarView) -> pd.DataFrame:
    """The 党支部 in scope, best first, with ``star_text`` ("★★★☆☆")."""
    return derived(rating, _ranking)


def star_counts(rating: StarView) -> dict[int, int]:
    """{stars: how many 党支部 in scope have them}, 5 down to 1."""
    return derived(rating, _star_counts)


def branch_names(rating: StarView) -> dict[int, str]:
    """{branch_id: name} of the 党支部 in scope, in ranking order."""
    return derived(rating, _branch_names)


def breakdown(rating: StarView, branch_id: int) -> pd.DataFrame:
    """Where the 党支部 lost points (``StarView.breakdown``), once per answer and 党支部."""
    return derived(rating, _breakdown, branch_id)


def _ranking(rating: StarView) -> pd.DataFrame:
    return rating.branches.assign(star_text=rating.branches["stars"].map(charts.star_text))


def _star_counts(rating: StarView) -> dict[int, int]:
    counts = rating.distribution()
    return dict(zip(counts["stars"], counts["count"], strict=True))


def _branch_names(rating: StarView) -> dict[int, str]:
    return dict(zip(rating.branches["branch_id"], rating.branches["branch"], strict=True))


def _breakdown(rating: StarView, branch_id: int) -> pd.DataFrame:
    return rating.breakdown([branch_id])
