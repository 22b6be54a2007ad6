"""Charts of 对标评星."""

import altair as alt
import pandas as pd

from data_layer.rules import STAR_THRESHOLDS
from ui import text
from ui.charts import limit
from ui.charts.theme import GOLD, GREEN, GREY, RED_BROWN, themed

# Five stars in gold, then green, blue and grey, one star in red-brown; each bar also carries its stars
# and score as text (projectors wash out colour).
STAR_COLOURS = {5: GOLD, 4: GREEN, 3: "#5B8DB8", 2: GREY, 1: RED_BROWN}


def star_text(stars) -> str:
    """3 → "★★★☆☆"; no score → "—"."""
    if stars is None or pd.isna(stars):
        return text.NO_VALUE
    return "★" * int(stars) + "☆" * (5 - int(stars))


def star_ranking(branches: pd.DataFrame, *, title: str) -> alt.TopLevelMixin:
    """对标得分 per 党支部, lowest first at group scale; the star thresholds as dashed lines."""
    scored = branches.dropna(subset=["score"])
    shown, total = limit.lowest(scored, "score")
    data = shown.assign(
        score=shown["score"].astype(float),
        level=[text.STAR_LEVELS[int(stars)] for stars in shown["stars"]],
        label=[
            f"{score:.1f}  {star_text(stars)}"
            for score, stars in zip(shown["score"], shown["stars"], strict=True)
        ],
    )
    order = data.sort_values("score", ascending=False)["branch"].tolist()
    levels = [text.STAR_LEVELS[stars] for stars in STAR_COLOURS]
    base = alt.Chart(data, title=limit.title(title, shown, total)).encode(
        y=alt.Y("branch:N", sort=order, title=None, axis=alt.Axis(labelLimit=220))
    )
    bars = base.mark_bar(height={"band": 0.7}).encode(
        x=alt.X(
            "score:Q",
            title=text.STAR_SCORE,
            scale=alt.Scale(domain=[0, 118]),
            axis=alt.Axis(values=[0, 20, 40, 60, 70, 80, 90, 100]),
        ),
        color=alt.Color(
            "level:N", title=None, scale=alt.Scale(domain=levels, range=list(STAR_COLOURS.values()))
        ),
        tooltip=[
            alt.Tooltip("branch:N", title=text.BRANCH),
            alt.Tooltip("score:Q", title=text.STAR_SCORE, format=".1f"),
            alt.Tooltip("level:N", title=text.STAR_LEVEL_TITLE),
            alt.Tooltip("rank:Q", title=text.STAR_RANK),
        ],
    )
    labels = base.mark_text(align="left", dx=6, fontSize=13).encode(x="score:Q", text="label:N")
    lines = (
        alt.Chart(pd.DataFrame({"x": [lowest for _, lowest in STAR_THRESHOLDS]}))
        .mark_rule(strokeDash=[6, 4], color=GREY)
        .encode(x="x:Q")
    )
    return themed(alt.layer(bars, lines, labels).properties(height=max(160, 30 * len(data))))
