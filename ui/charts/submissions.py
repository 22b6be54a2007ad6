"""Charts of 填报进度."""

import altair as alt
import pandas as pd

from data_layer.vocab import SubmissionStatus
from ui import text
from ui.charts import limit
from ui.charts.theme import AMBER, GREEN, RED_BROWN, month_labels, themed

SUBMISSION_COLOURS = {
    SubmissionStatus.APPROVED: GREEN,
    SubmissionStatus.SUBMITTED: "#81C784",
    SubmissionStatus.DRAFT: AMBER,
    SubmissionStatus.RETURNED: RED_BROWN,
    SubmissionStatus.NONE: "#E0E0E0",
}


def submission_grid(grid: pd.DataFrame, *, title: str) -> alt.TopLevelMixin:
    """Branch × month grid of submission statuses; overdue cells say 逾期 in words too. At scale, the
    branches with the most overdue months."""
    late = grid.groupby("branch", sort=False)["overdue"].sum().sort_values(ascending=False, kind="stable")
    grid, total = limit.first_branches(grid, late.index.tolist())
    title = limit.title(title, grid, total)
    data = grid.assign(
        month_label=month_labels(grid["month"]),
        label=[
            f"{status}·{text.BOARD_OVERDUE}" if late else status
            for status, late in zip(grid["status"], grid["overdue"], strict=True)
        ],
    )[["branch", "month", "month_label", "status", "label"]]
    order = list(dict.fromkeys(data["branch"]))
    base = alt.Chart(data, title=title).encode(
        x=alt.X(
            "month_label:O",
            title=None,
            sort=list(dict.fromkeys(data["month_label"])),
            axis=alt.Axis(labelAngle=0),
        ),
        y=alt.Y("branch:N", title=None, sort=order, axis=alt.Axis(labelLimit=220)),
    )
    statuses = list(SUBMISSION_COLOURS)
    cells = base.mark_rect(stroke="white").encode(
        color=alt.Color(
            "status:N",
            title=text.SUBMISSION_STATUS,
            scale=alt.Scale(domain=statuses, range=[SUBMISSION_COLOURS[s] for s in statuses]),
        ),
        tooltip=[
            alt.Tooltip("branch:N", title=text.BRANCH),
            alt.Tooltip("month:N", title=text.MONTH),
            alt.Tooltip("label:N", title=text.SUBMISSION_STATUS),
        ],
    )
    labels = base.mark_text(fontSize=11).encode(
        text="label:N",
        color=alt.condition(
            alt.FieldOneOfPredicate(
                field="status", oneOf=[SubmissionStatus.APPROVED, SubmissionStatus.RETURNED]
            ),
            alt.value("white"),
            alt.value("#333333"),
        ),
    )
    return themed(alt.layer(cells, labels).properties(height=max(160, 26 * len(order))))
