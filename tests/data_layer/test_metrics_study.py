"""学习进度 on the hand-made fixture at 2026-03 (worked out in tests/handmade.py).

Counted: a1, a2 (综采一队), b1, b2 (掘进一队), c1 (机关); targets 12 h and 1,800 points by March.
"""

import pytest

from data_layer.errors import Refused
from data_layer.metrics import study
from tests.actors import actor
from tests.handmade import MONTH


def view(session, username="leader", month=MONTH):
    return study.study_view(session=session, actor=actor(session, username), month=month)


def test_rates_and_average_points(session):
    result = view(session)
    branches = result.branches.set_index("branch")

    assert result.on_track_rate == pytest.approx(0.6)
    assert result.avg_points == pytest.approx(500.0)  # (600 + 600 + 700 + 0 + 600) ÷ 5
    assert branches.loc["综采一队党支部", ["members", "on_track"]].tolist() == [2, 1]
    assert branches.loc["掘进一队党支部", "avg_points"] == pytest.approx(350.0)
    assert branches.loc["机关党支部", "on_track_rate"] == 1.0
    assert (result.targets.hours_due, result.targets.points_due) == (12.0, 1800)


def test_laggards_with_their_shortfalls_biggest_first(session):
    laggards = view(session).laggards

    assert laggards[["member_no", "name", "hours_short", "points_short"]].values.tolist() == [
        ["T006", "孙七", 12.0, 1800],
        ["T002", "李四", 1.0, 0],
    ]


def test_monthly_trend_against_targets(session):
    trend = view(session).trend

    assert trend["month"].tolist() == ["2026-01", "2026-02", "2026-03"]
    assert trend["members"].tolist() == [5, 5, 5]
    assert trend["avg_hours"].tolist() == pytest.approx([19.1 / 5, 19.2 / 5, 14.7 / 5])
    assert trend["avg_points"].tolist() == pytest.approx([500.0, 500.0, 500.0])
    assert trend["hours_target"].tolist() == [4.0, 4.0, 4.0]


def test_hours_distribution_in_bins_of_a_quarter_of_the_target(session):
    histogram = view(session).histogram
    counted = histogram[histogram["members"] > 0]

    # Hours: b2 0, a2 11, a1 12, c1 12.0 (4.1 + 4.2 + 3.7), b1 18; bins 3 h wide from 0.
    assert counted[["start", "members"]].values.tolist() == [[0, 1], [9, 1], [12, 2], [18, 1]]
    assert histogram["members"].sum() == 5


def test_member_history_fills_missing_months_with_zero(session):
    b2 = view(session).members.set_index("member_no").loc["T006", "member_id"]
    history = study.member_history(
        session=session, actor=actor(session, "sec_b"), member_id=int(b2), month=MONTH
    )
    assert history.values.tolist() == [["2026-01", 0.0, 0, 0], ["2026-02", 0.0, 0, 0], ["2026-03", 0.0, 0, 0]]


def test_a_secretary_cannot_open_another_branch_member(session):
    b1 = view(session).members.set_index("member_no").loc["T005", "member_id"]
    with pytest.raises(Refused, match="无权查看"):
        study.member_history(session=session, actor=actor(session, "sec_a"), member_id=int(b1), month=MONTH)


def test_secretary_view_counts_only_their_members(session):
    result = view(session, "sec_a")
    assert result.members["member_no"].tolist() == ["T001", "T002"]
    assert result.on_track_rate == 0.5


def test_a_year_without_targets_is_explained(session):
    result = view(session, month="2025-06")
    assert result.targets is None
    assert result.on_track_rate is None
