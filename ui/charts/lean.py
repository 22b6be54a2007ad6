"""Charts of 金点子 and 帮扶结对: per 党支部, a bar split into its parts, the rate written at its end."""

import altair as alt
import pandas as pd

from ui import format, text
from ui.charts import limit
from ui.charts.theme import AMBER, GREEN, GREY, themed


def _split_bars(
    branches: pd.DataFrame, *, parts: list[tuple[str, str, str]], rate: str, rate_title: str, title: str
) -> alt.TopLevelMixin:
    """One bar per 党支部 stacked from ``parts`` [(column, label, colour)], labelled with ``rate``."""
    shown, total = limit.lowest(branches, rate)
    title = limit.title(title, shown, total)
    order = shown["branch"].tolist()
    long = pd.concat(
        [
            pd.DataFrame({"branch": shown["branch"], "part": label, "count": shown[column].astype(int)})
            for column, label, _ in parts
        ],
        ignore_index=True,
    )
    long["position"] = long["part"].map({label: i for i, (_, label, _) in enumerate(parts)})
    y = alt.Y("branch:N", sort=order, title=None, axis=alt.Axis(labelLimit=220))
    bars = (
        alt.Chart(long, title=title)
        .mark_bar(height={"band": 0.7})
        .encode(
            y=y,
            x=alt.X("sum(count):Q", title=None, axis=alt.Axis(tickMinStep=1, format="d")),
            color=alt.Color(
                "part:N",
                title=None,
                scale=alt.Scale(domain=[label for _, label, _ in parts], range=[c for _, _, c in parts]),
            ),
            order=alt.Order("position:Q"),
            tooltip=[
                alt.Tooltip("branch:N", title=text.BRANCH),
                alt.Tooltip("part:N", title=" "),
                alt.Tooltip("count:Q", title=" "),
            ],
        )
    )
    totals = shown.assign(
        whole=sum(shown[column].astype(int) for column, _, _ in parts),
        label=[format.percent(value) for value in shown[rate]],
    )
    labels = (
        alt.Chart(totals)
        .mark_text(align="left", dx=6, fontSize=13)
        .encode(y=y, x="whole:Q", text="label:N", tooltip=[alt.Tooltip("label:N", title=rate_title)])
    )
    return themed(alt.layer(bars, labels).properties(height=max(160, 30 * len(shown))))


def ideas_by_branch(branches: pd.DataFrame, *, title: str) -> alt.TopLevelMixin:
    """Ideas proposed per 党支部: adopted by M and the rest, with the 采纳率."""
    data = branches.assign(others=branches["proposed"] - branches["adopted"])
    return _split_bars(
        data,
        parts=[("adopted", text.IDEAS_ADOPTED, GREEN), ("others", text.IDEAS_NOT_ADOPTED, GREY)],
        rate="adoption_rate",
        rate_title=text.IDEAS_ADOPTION_RATE,
        title=title,
    )


def pairs_by_branch(branches: pd.DataFrame, *, title: str) -> alt.TopLevelMixin:
    """Pairings in force per 党支部: visited in M and not, with the 走访率."""
    data = branches.assign(others=branches["pairs"] - branches["visited"])
    return _split_bars(
        data,
        parts=[("visited", text.PAIRS_VISITED, GREEN), ("others", text.PAIRS_NOT_VISITED, AMBER)],
        rate="visit_rate",
        rate_title=text.PAIRS_VISIT_RATE,
        title=title,
    )
