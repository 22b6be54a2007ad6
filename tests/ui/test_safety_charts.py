"""The 党建+安全生产 charts' specs: the quadrant chart's points, lines and quadrant names, 安全状况 told by
shape as well as colour, names kept as typed; the 三违率 bars limited at group scale; the correlation's
gaps left as gaps."""

import pandas as pd

from data_layer.metrics import safety
from data_layer.metrics.safety_view import STRONG_SCORE
from ui import charts, text
from ui.charts.safety import STATES

HOSTILE = "<b>综采**一队**</b>党支部"


def _branches(count: int, **columns) -> pd.DataFrame:
    """Branch k scores k, completes 0.8 + k/100 of its plan, its party members break the rules k times
    per 10 (k ‰ × 100); no accidents."""
    ks = range(1, count + 1)
    frame = pd.DataFrame(
        {
            "branch_id": list(ks),
            "branch": [f"支部{k:04d}" for k in ks],
            "unit": [f"{k}队" for k in ks],
            "score": [float(k % 100) for k in ks],
            "production_rate": [0.8 + (k % 40) / 100 for k in ks],
            "safety_state": [safety.VIOLATION] * count,
            "quadrant": ["党建弱·生产弱"] * count,
            "has_record": [True] * count,
            "member_violation_rate": [k * 100.0 for k in ks],
            "other_violation_rate": [50.0] * count,
            "violations_members": list(ks),
            "violations_others": [1] * count,
            "members": [10] * count,
            "others": [20] * count,
        }
    )
    return frame.assign(**columns)


def _layers(chart) -> tuple[list[dict], dict]:
    """The chart's layers, and its datasets by name (a layer without data of its own: the chart's, "")."""
    spec = chart.to_dict()
    datasets = spec["datasets"]
    if "data" in spec:
        datasets[""] = datasets[spec["data"]["name"]]
    return spec["layer"], datasets


def _rows(layer: dict, datasets: dict) -> list[dict]:
    return datasets[layer.get("data", {}).get("name", "")]


def test_the_quadrant_chart_has_a_point_per_placed_branch_the_two_lines_and_the_four_names():
    frame = _branches(3).assign(
        branch=[HOSTILE, "掘进一队党支部", "机关党支部"],
        score=[77.0, 48.0, None],
        production_rate=[1.005, 0.9, None],
        safety_state=[safety.VIOLATION, safety.ACCIDENT, None],
        quadrant=["党建弱·生产强", "党建弱·生产弱", None],
    )
    layers, datasets = _layers(charts.safety_quadrants(frame, title="3月"))

    rules, names, (points,) = (
        [layer for layer in layers if layer["mark"]["type"] == kind] for kind in ("rule", "text", "point")
    )
    assert [_rows(rule, datasets) for rule in rules] == [
        [{"score": STRONG_SCORE}],
        [{"production_rate": 1.0}],
    ]
    assert sorted(row["quadrant"] for layer in names for row in _rows(layer, datasets)) == sorted(
        ["党建强·生产强", "党建强·生产弱", "党建弱·生产强", "党建弱·生产弱"]
    )
    drawn = _rows(points, datasets)
    assert [(row["branch"], row["state"]) for row in drawn] == [(HOSTILE, "三违"), ("掘进一队党支部", "事故")]
    assert points["encoding"]["tooltip"][0] == {"field": "branch", "type": "nominal", "title": "党支部"}
    # 安全状况 by shape as well as colour: the worst (事故) red-brown, never party red
    colour, shape = points["encoding"]["color"]["scale"], points["encoding"]["shape"]["scale"]
    assert (
        colour["domain"]
        == shape["domain"]
        == [safety.ACCIDENT, safety.VIOLATION, safety.SAFE, text.SAFETY_NO_RECORD]
    )
    assert colour["range"] == [charts.RED_BROWN, charts.AMBER, charts.GREEN, "#9E9E9E"]
    assert len(set(shape["range"])) == len(STATES)
    # the 生产计划完成率 axis holds the 100 % line and every point
    assert points["encoding"]["y"]["scale"]["domain"] == [0.8, 1.105]
    assert points["encoding"]["x"]["scale"]["domain"] == [0, 100]


def test_the_quadrant_chart_draws_every_branch_of_a_group():
    layers, datasets = _layers(charts.safety_quadrants(_branches(2500), title="3月"))

    points = next(layer for layer in layers if layer["mark"]["type"] == "point")
    drawn = _rows(points, datasets)
    assert len(drawn) == 2500
    assert set(drawn[0]) == {"branch", "score", "production_rate", "state"}  # the table has the rest


def test_member_and_other_rates_draw_two_bars_a_branch_and_the_40_highest_at_group_scale():
    layers, datasets = _layers(charts.violation_rates(_branches(100), title="三违率"))

    bars = layers[0]
    rows = _rows(bars, datasets)
    assert {row["branch"] for row in rows} == {f"支部{k:04d}" for k in range(61, 101)}
    assert len(rows) == 80
    assert bars["encoding"]["y"]["sort"][:2] == ["支部0100", "支部0099"]
    assert bars["title"] == "三违率" + text.CHART_LIMITED.format(shown=40, total=100)
    assert {row["label"] for row in rows if row["branch"] == "支部0100"} == {"10000.0‰", "50.0‰"}


def test_a_branch_without_a_record_is_not_drawn_among_the_rates():
    frame = _branches(2).assign(has_record=[True, False])

    layers, datasets = _layers(charts.violation_rates(frame, title="三违率"))
    rows = _rows(layers[0], datasets)
    assert {row["branch"] for row in rows} == {"支部0001"}


def test_the_correlation_breaks_its_line_where_a_month_has_none():
    trend = pd.DataFrame(
        {
            "month": ["2026-01", "2026-02", "2026-03"],
            "production_branches": [0, 2, 3],
            "production_r": [None, None, 0.5],
            "safety_branches": [0, 3, 3],
            "safety_r": [None, -0.2, 0.864],
        }
    )
    layers, datasets = _layers(charts.correlation_trend(trend, title="相关"))

    line = layers[1]
    assert line["mark"]["invalid"] == "break-paths-filter-domains"
    assert line["encoding"]["y"]["scale"]["domain"] == [-1, 1]
    rows = _rows(line, datasets)
    assert [
        (row["month_label"], row["r"], row["branches"])
        for row in rows
        if row["series"] == text.SAFETY_TREND_SAFETY
    ] == [
        ("1月", None, 0),
        ("2月", -0.2, 3),
        ("3月", 0.864, 3),
    ]
