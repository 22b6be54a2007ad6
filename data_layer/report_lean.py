"""The lean mechanisms' part of the monthly report (对标评星, 金点子, 帮扶结对, 党费) as plain data, and the
sheets of the Excel report built from it.

Like ``reports``: rates rounded to 4 decimals, scores to 2, money as text with 2 decimals; 党支部 named.
"""

from decimal import Decimal
from typing import Any

import pandas as pd

from data_layer.excel import Sheet
from data_layer.metrics.stars import StarView


def _number(value, places: int) -> float | None:
    return None if value is None or pd.isna(value) else round(float(value), places)


def _int(value) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


def _money(amount) -> str | None:
    return None if amount is None or pd.isna(amount) else f"{Decimal(amount):.2f}"


STAR_NAMES = {5: "五星", 4: "四星", 3: "三星", 2: "二星", 1: "一星"}


def stars_part(view: StarView) -> dict[str, Any]:
    """对标评星 of the month: the average with 环比, how many 党支部 have each star level, and every 党支部's
    score, stars, rank (among all) and the indicator where it lost most."""
    counts = dict(zip(view.distribution()["stars"], view.distribution()["count"], strict=True))
    return {
        "period": view.period,
        "label": view.label,
        "reason": view.reason,
        "average": _number(view.average.value, 2),
        "previous": _number(view.average.previous, 2),
        "change": _number(view.average.change, 2),
        "five_star_quota": view.five_star_quota,
        "held_to_four": list(view.held_to_four),
        "distribution": {STAR_NAMES[stars]: int(counts[stars]) for stars in STAR_NAMES},
        "by_branch": [
            {
                "branch": row.branch,
                "score": _number(row.score, 2),
                "stars": _int(row.stars),
                "rank": _int(row.rank),
                "lost_most": None if pd.isna(row.lost_most) else row.lost_most,
            }
            for row in view.branches.itertuples()
        ],
    }


def stars_sheet(report: dict[str, Any]) -> Sheet:
    part = report["stars"]
    frame = pd.DataFrame(part["by_branch"], columns=["rank", "branch", "score", "stars", "lost_most"])
    frame["stars"] = frame["stars"].map(lambda stars: STAR_NAMES.get(stars) if pd.notna(stars) else None)
    return Sheet(
        "对标评星",
        frame.astype(object).where(frame.notna(), None),
        {
            "rank": "排名",
            "branch": "党支部",
            "score": "对标得分",
            "stars": "星级",
            "lost_most": "失分最多的指标",
        },
        {"rank": "int", "score": "decimal"},
    )
