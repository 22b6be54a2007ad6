"""A chart of thousands of 党支部 draws the 40 that need attention most and says how many there are."""

import pandas as pd

from data_layer.vocab import TaskStatus
from ui import charts


def _branches(count: int) -> pd.DataFrame:
    """Branch k has completion rate k / count: 支部001 is the lowest."""
    return pd.DataFrame(
        {
            "branch_id": range(1, count + 1),
            "branch": [f"支部{k:03d}" for k in range(1, count + 1)],
            "completion_rate": [k / count for k in range(1, count + 1)],
            "plan_progress": [0.8] * count,
            "status": [TaskStatus.ON_TRACK] * count,
        }
    )


def _drawn(chart) -> tuple[set[str], str]:
    spec = chart.to_dict()
    rows = next(iter(spec["datasets"].values()))
    return {row["branch"] for row in rows}, spec["title"] if isinstance(spec.get("title"), str) else (
        spec["layer"][0]["title"]
    )


def test_the_ranking_of_100_branches_draws_the_40_lowest_and_says_so():
    drawn, title = _drawn(charts.completion_ranking(_branches(100), title="10月任务完成率"))
    assert drawn == {f"支部{k:03d}" for k in range(1, 41)}
    assert title == "10月任务完成率（最需关注的 40 个党支部，共 100 个；全部见下表）"


def test_a_mine_of_15_branches_is_drawn_whole_with_its_title_as_given():
    drawn, title = _drawn(charts.completion_ranking(_branches(15), title="10月任务完成率"))
    assert len(drawn) == 15
    assert title == "10月任务完成率"


def test_the_study_chart_keeps_the_lowest_rates_too():
    frame = _branches(2500).rename(columns={"completion_rate": "on_track_rate"}).assign(members=20)
    drawn, title = _drawn(charts.study_by_branch(frame, title="学习达标率", lagging=0.6))
    assert drawn == {f"支部{k:03d}" for k in range(1, 41)}
    assert title.endswith("共 2,500 个；全部见下表）")
