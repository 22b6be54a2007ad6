"""Charts of 党费."""

import altair as alt
import pandas as pd

from ui import format, text
from ui.charts import limit
from ui.charts.theme import GREEN, RATE_AXIS, RED_BROWN, themed


def dues_by_branch(branches: pd.DataFrame, *, title: str) -> alt.TopLevelMixin:
    """党费交纳率 per 党支部 with dues, lowest first; a 党支部 with members in long arrears in red-brown,
    labelled so (colour is never the only sign)."""
    rated = branches.dropna(subset=["paid_rate"])
    rated, total = limit.lowest(rated.assign(paid_rate=rated["paid_rate"].astype(float)), "paid_rate")
    title = limit.title(title, rated, total)
    data = rated.assign(
        flag=[text.DUES_HAS_ARREARS if count else text.DUES_OK for count in rated["arrears_members"]],
    )
    data["label"] = [
        format.percent(rate) + (f"（{text.DUES_ARREARS_MEMBERS} {count}）" if count else "")
        for rate, count in zip(data["paid_rate"], data["arrears_members"], strict=True)
    ]
    order = data.sort_values("paid_rate")["branch"].tolist()
    base = alt.Chart(data, title=title).encode(
        y=alt.Y("branch:N", sort=order, title=None, axis=alt.Axis(labelLimit=220))
    )
    bars = base.mark_bar(height={"band": 0.7}).encode(
        x=alt.X("paid_rate:Q", title=text.DUES_PAID_RATE, scale=alt.Scale(domain=[0, 1.3]), axis=RATE_AXIS),
        color=alt.Color(
            "flag:N",
            title=None,
            scale=alt.Scale(domain=[text.DUES_OK, text.DUES_HAS_ARREARS], range=[GREEN, RED_BROWN]),
        ),
        tooltip=[
            alt.Tooltip("branch:N", title=text.BRANCH),
            alt.Tooltip("paid_rate:Q", title=text.DUES_PAID_RATE, format=".1%"),
            alt.Tooltip("members:Q", title=text.DUES_MEMBERS),
            alt.Tooltip("arrears_members:Q", title=text.DUES_ARREARS_MEMBERS),
        ],
    )
    labels = base.mark_text(align="left", dx=6, fontSize=13).encode(x="paid_rate:Q", text="label:N")
    return themed(alt.layer(bars, labels).properties(height=max(160, 30 * len(data))))
