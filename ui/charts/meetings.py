"""Charts of 三会一课."""

import altair as alt
import numpy as np
import pandas as pd

from data_layer.metrics.meetings import MONTH, QUARTER, MeetingStatus
from data_layer.rules import QUARTERLY
from ui import text
from ui.charts import limit
from ui.charts.theme import RED_BROWN, themed

# Done cells are a light green so that the missing ones (dark red-brown, "▼ 未完成") stand out.
MEETING_COLOURS = {
    MeetingStatus.DONE: "#A5D6A7",
    MeetingStatus.MISSING: RED_BROWN,
    MeetingStatus.PENDING: "#F6D58E",
    MeetingStatus.NOT_REQUIRED: "#EEEEEE",
}
MEETING_INK = {MeetingStatus.DONE: "#1B5E20", MeetingStatus.MISSING: "white"}


def meeting_cell(held: int, required: int, status: str) -> str:
    """Held/required ("0/1") with the status in words, so that a cell reads without its colour."""
    if status == MeetingStatus.NOT_REQUIRED:
        return f"{held}/0 {status}" if held else status
    if status == MeetingStatus.QUARTERLY:
        return f"{held} 次（{status}）"
    icon = "▼ " if status == MeetingStatus.MISSING else ""
    return f"{held}/{required} {icon}{status}"


def _cells(held: pd.Series, required: pd.Series, status: pd.Series) -> list[str]:
    """``meeting_cell`` of many rows at once (10,000 a period at group scale), without the quarterly
    kinds (``meeting_cells`` leaves them out)."""
    held = held.astype(int).astype(str).to_numpy(dtype=object)
    required = required.astype(int).astype(str).to_numpy(dtype=object)
    status = status.astype(object).to_numpy()
    not_required = status == MeetingStatus.NOT_REQUIRED
    icon = np.where(status == MeetingStatus.MISSING, "▼ ", "").astype(object)
    cells = np.select(
        [not_required & (held != "0"), not_required],
        [held + "/0 " + status, status],
        default=held + "/" + required + " " + icon + status,
    )
    return [str(cell) for cell in cells]


def meeting_cells(by_branch: pd.DataFrame, period: str) -> pd.DataFrame:
    """Branch × kind cells of one period (one column per kind, ``branch_id`` first).

    In the month, the quarterly kinds are left out: they are judged over the quarter.
    """
    rows = by_branch[(by_branch["period"] == period) & (by_branch["status"] != MeetingStatus.QUARTERLY)]
    cells = rows.assign(cell=_cells(rows["held"], rows["required"], rows["status"]))
    kinds = cells["kind"].unique().tolist()  # in order of appearance
    return cells.pivot(index="branch_id", columns="kind", values="cell")[kinds].reset_index()


def meetings_grid(by_branch: pd.DataFrame, *, title: str) -> alt.TopLevelMixin:
    """Branch × kind grid of meetings held against required: the month for the monthly kinds, the
    quarter so far for the quarterly ones; each cell is coloured by status and says it in words."""
    behind = (by_branch["held"] < by_branch["required"]).groupby(by_branch["branch"], sort=False).sum()
    by_branch, total = limit.first_branches(
        by_branch, behind.sort_values(ascending=False, kind="stable").index.tolist()
    )
    title = limit.title(title, by_branch, total)
    monthly = (by_branch["period"] == MONTH) & (by_branch["status"] != MeetingStatus.QUARTERLY)
    quarterly = (by_branch["period"] == QUARTER) & (by_branch["frequency"] == QUARTERLY)
    data = by_branch[monthly | quarterly].copy()
    data["column"] = [
        text.MEETINGS_QUARTER_KIND.format(kind=kind) if period == QUARTER else kind
        for kind, period in zip(data["kind"], data["period"], strict=True)
    ]
    data["label"] = [
        meeting_cell(*row) for row in zip(data["held"], data["required"], data["status"], strict=True)
    ]
    data["ink"] = data["status"].map(MEETING_INK).fillna("#333333")
    statuses = [status for status in MEETING_COLOURS if status in set(data["status"])]
    base = alt.Chart(data, title=title).encode(
        x=alt.X(
            "column:N",
            title=text.MEETINGS_KIND,
            sort=list(dict.fromkeys(data["column"])),
            axis=alt.Axis(orient="top", labelAngle=0),
        ),
        y=alt.Y(
            "branch:N",
            title=text.BRANCH,
            sort=list(dict.fromkeys(data["branch"])),
            axis=alt.Axis(labelLimit=220),
        ),
    )
    cells = base.mark_rect(stroke="white", strokeWidth=2).encode(
        color=alt.Color(
            "status:N",
            title=text.STATUS,
            scale=alt.Scale(domain=statuses, range=[MEETING_COLOURS[s] for s in statuses]),
        ),
        tooltip=[
            alt.Tooltip("branch:N", title=text.BRANCH),
            alt.Tooltip("column:N", title=text.MEETINGS_KIND),
            alt.Tooltip("held:Q", title=text.MEETINGS_HELD),
            alt.Tooltip("required:Q", title=text.MEETINGS_REQUIRED),
            alt.Tooltip("status:N", title=text.STATUS),
        ],
    )
    labels = base.mark_text(fontSize=13).encode(text="label:N", color=alt.Color("ink:N", scale=None))
    height = max(120, 40 * data["branch"].nunique())
    return themed(alt.layer(cells, labels).properties(height=height))
