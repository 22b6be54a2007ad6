"""Charts read right on a screen and on a projector: red means bad (the heat map of completion goes from
pale to green), a meeting slide's chart draws the 12 branches needing attention most with text of at
least 18 px, and the 预警 slide names a bounded number of 党支部."""

import pandas as pd

from data_layer.vocab import TaskStatus
from tests.ui.test_chart_limits import _branches, _drawn
from ui import charts, slides
from ui.charts import limit
from ui.slides import overview


def _heatmap(rates: list[float]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "branch": [f"支部{k}" for k in range(len(rates))],
            "month": ["2026-03"] * len(rates),
            "completion_rate": rates,
        }
    )


def _colour_scale(chart) -> dict:
    spec = chart.to_dict()
    cells = next(layer for layer in spec["layer"] if layer["mark"]["type"] == "rect")
    return cells["encoding"]["color"]["scale"]


def test_the_heat_map_goes_from_pale_at_zero_to_green_at_full_completion():
    scale = _colour_scale(charts.completion_heatmap(_heatmap([0.1, 0.5, 1.0]), title="热力图"))
    assert scale["domain"] == [0, 1]
    assert scale["range"][0] == "#F5F5F0"  # nothing done: pale
    assert scale["range"][-1] == charts.GREEN  # all done: green
    assert charts.PARTY_RED not in scale["range"] and charts.RED_BROWN not in scale["range"]


def test_the_ranking_paints_far_behind_red_brown_and_on_track_green():
    frame = _branches(2).assign(status=[TaskStatus.FAR_BEHIND, TaskStatus.ON_TRACK])
    bars = charts.completion_ranking(frame, title="").to_dict()["layer"][0]
    scale = bars["encoding"]["color"]["scale"]
    assert dict(zip(scale["domain"], scale["range"], strict=True)) == {
        TaskStatus.ON_TRACK: charts.GREEN,
        TaskStatus.FAR_BEHIND: charts.RED_BROWN,
    }


def test_inside_at_most_a_chart_draws_that_many_branches_and_says_so_in_the_slide_words():
    with limit.at_most(slides.SLIDE_ROWS, note="（{shown}/{total}）"):
        drawn, title = _drawn(charts.completion_ranking(_branches(30), title=""))
    assert drawn == {f"支部{k:03d}" for k in range(1, 13)}  # the 12 lowest
    assert title == "（12/30）"
    drawn, _ = _drawn(charts.completion_ranking(_branches(30), title=""))
    assert len(drawn) == 30  # outside, the pages' limit again


def _text_sizes(chart) -> list[int]:
    spec = chart.to_dict()
    sizes = [spec["config"]["axis"]["labelFontSize"]]
    return sizes + [layer["mark"]["fontSize"] for layer in spec["layer"] if layer["mark"]["type"] == "text"]


def test_slide_charts_keep_text_of_18_px_or_more_from_1_to_many_branches():
    for count in (1, 3, 7, 12, 40):
        chart = charts.completion_ranking(_branches(count), title="")
        projected = slides.projected(chart, rows=min(count, slides.SLIDE_ROWS))
        assert min(_text_sizes(projected)) >= 18, count
        assert projected.to_dict()["height"] <= slides.MAX_HEIGHT
    assert _text_sizes(slides.projected(charts.completion_ranking(_branches(3), title=""), rows=3)) == [
        22,
        22,
    ]


def test_the_alerts_slide_names_eight_branches_and_counts_the_rest():
    assert overview._some(["甲", "乙"]) == "甲、乙"
    named = overview._some([f"支部{k}" for k in range(1, 21)])
    assert named == "、".join(f"支部{k}" for k in range(1, 9)) + "等 20 个党支部"


def test_a_chart_of_few_bars_keeps_its_height_for_its_bars_not_for_its_legend_and_axes():
    """Streamlit's default autosize "fit" squeezes legend, axes and title into the height given: seven
    bars drew in a third of their 210 px. The house charts fit their width only."""
    spec = charts.completion_ranking(_branches(7), title="任务完成率").to_dict()
    assert spec["autosize"] == {"type": "fit-x", "contains": "padding"}
    assert spec["height"] == 210  # 30 px a bar
