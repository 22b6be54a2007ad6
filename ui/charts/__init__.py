"""Charts: one Altair theme (``theme``) and one module of charts per page; pages use ``charts.<name>``."""

from ui.charts.budget import budget_by_branch, budget_by_category, cumulative_spending
from ui.charts.drawing import draw
from ui.charts.dues import dues_by_branch  # 党费
from ui.charts.lean import ideas_by_branch, pairs_by_branch  # 金点子, 帮扶结对
from ui.charts.meetings import meeting_cell, meeting_cells, meetings_grid
from ui.charts.safety import correlation_trend, safety_quadrants, violation_rates  # 党建+安全生产
from ui.charts.stars import star_ranking, star_text
from ui.charts.study import hours_distribution, study_by_branch, study_trend
from ui.charts.submissions import submission_grid
from ui.charts.tasks import completion_heatmap, completion_ranking, task_progress
from ui.charts.theme import (
    AMBER,
    GOLD,
    GREEN,
    PARTY_RED,
    RED_BROWN,
    STATUS_COLOURS,
    month_labels,
    status_label,
    themed,
    with_status_labels,
)

__all__ = [
    "AMBER",
    "GOLD",
    "GREEN",
    "PARTY_RED",
    "RED_BROWN",
    "STATUS_COLOURS",
    "budget_by_branch",
    "budget_by_category",
    "completion_heatmap",
    "completion_ranking",
    "correlation_trend",  # 党建+安全生产
    "cumulative_spending",
    "draw",
    "dues_by_branch",  # 党费
    "hours_distribution",
    "ideas_by_branch",  # 金点子
    "meeting_cell",
    "meeting_cells",
    "meetings_grid",
    "month_labels",
    "pairs_by_branch",  # 帮扶结对
    "safety_quadrants",  # 党建+安全生产
    "star_ranking",
    "star_text",
    "status_label",
    "study_by_branch",
    "study_trend",
    "submission_grid",
    "task_progress",
    "themed",
    "violation_rates",  # 党建+安全生产
    "with_status_labels",
]
