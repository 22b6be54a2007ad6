"""党建+安全生产 on the hand-made organisation (both databases): the figures tests/handmade_safety.py works
out by hand."""

from datetime import date

import pytest

from data_layer.errors import Refused
from data_layer.metrics import safety, safety_view
from data_layer.metrics.safety_view import PARTY_ONLY, PRODUCTION_ONLY, STRONG_BOTH, WEAK_BOTH, quadrant
from tests.actors import actor, org_id
from tests.handmade_safety import A, B, C

TODAY = date(2026, 4, 6)  # as tests/handmade_lean.py scores 对标


def view(session, username: str, month: str = "2026-03", **options):
    return safety_view.safety_view(
        session=session, actor=actor(session, username), month=month, today=TODAY, **options
    )


def test_the_committee_at_march(session):
    shown = view(session, "leader")

    assert shown.production_rate.value == pytest.approx(0.9525)
    assert shown.production_rate.change == pytest.approx(-0.0525)
    assert shown.member_violation_rate.value == pytest.approx(200.0)
    assert shown.member_violation_rate.change == pytest.approx(200.0)
    assert shown.other_violation_rate.value == pytest.approx(3 / 35 * 1000)
    assert shown.other_violation_rate.change == pytest.approx(3 / 35 * 1000 - 100)
    assert shown.member_hazard_share.value == pytest.approx(0.3125)
    assert shown.member_hazard_share.previous == pytest.approx(4 / 12)
    assert shown.hazard_closure.value == pytest.approx(15 / 16)
    assert shown.post_clean_rate.value == pytest.approx(0.5)
    assert shown.post_clean_rate.change == pytest.approx(-0.5)
    assert shown.zone_clean_rate.value == pytest.approx(0.5)
    assert shown.zone_clean_rate.previous == pytest.approx(1.0)
    totals = shown.totals
    assert (totals.records, totals.injury_accidents, totals.other_accidents) == (3, 0, 1)
    assert (totals.violations_members, totals.violations_others, totals.hazards_found) == (1, 3, 16)


def test_each_branch_at_march(session):
    rows = view(session, "leader").by_branch.set_index("branch")

    assert rows.index.tolist() == [A, B, C]  # tree order; the inactive 已撤销党支部 is never shown
    assert rows["unit"].tolist() == ["综采一队", "掘进一队", "机关科室"]
    assert rows.loc[A, "production_rate"] == pytest.approx(1.005)
    assert rows.loc[B, "production_rate"] == pytest.approx(0.9)
    assert rows.loc[C, "production_rate"] is None
    assert rows["members"].tolist() == [2, 2, 1]
    assert rows["others"].tolist() == [10, 20, 5]
    assert rows["member_violation_rate"].tolist() == pytest.approx([0.0, 500.0, 0.0])
    assert rows["other_violation_rate"].tolist() == pytest.approx([200.0, 50.0, 0.0])
    assert rows["safety_state"].tolist() == [safety.VIOLATION, safety.ACCIDENT, safety.SAFE]
    assert rows["score"].tolist() == pytest.approx([77.0, 48.0, 44 / 95 * 100])
    assert rows["quadrant"].tolist() == [PRODUCTION_ONLY, WEAK_BOTH, None]
    assert (rows["posts"].tolist(), rows["posts_clean"].tolist()) == ([2, 0, 0], [1, 0, 0])
    assert (rows["zones"].tolist(), rows["zones_clean"].tolist()) == ([1, 1, 0], [1, 0, 0])


def test_quadrant_counts_and_the_branches_to_talk_about(session):
    shown = view(session, "leader")

    counts = dict(zip(shown.quadrant_counts()["quadrant"], shown.quadrant_counts()["count"], strict=True))
    assert counts == {STRONG_BOTH: 0, PARTY_ONLY: 0, PRODUCTION_ONLY: 1, WEAK_BOTH: 1}
    # 综采一队: 党建 and 生产 pull apart; 掘进一队: an accident
    assert shown.to_talk_about()["branch"].tolist() == [A, B]


def test_february_has_no_record_for_the_office(session):
    rows = view(session, "leader", month="2026-02").by_branch.set_index("branch")

    assert rows["has_record"].tolist() == [True, True, False]
    assert rows.loc[C, "safety_state"] is None
    assert rows.loc[C, "member_violation_rate"] is None


def test_the_trend_of_the_year_through_march(session):
    trend = safety_view.safety_trend(
        session=session, actor=actor(session, "leader"), month="2026-03", today=TODAY
    ).set_index("month")

    assert trend.index.tolist() == ["2026-01", "2026-02", "2026-03"]
    assert trend["safety_branches"].tolist() == [0, 2, 3]
    assert trend["production_branches"].tolist() == [0, 2, 2]
    assert trend.loc["2026-03", "safety_r"] == pytest.approx(0.864, abs=0.001)
    assert trend["production_r"].isna().all()  # never 3 党支部 with both figures
    assert trend.loc[["2026-01", "2026-02"], "safety_r"].isna().all()


def test_the_view_carries_the_month_s_correlation(session):
    shown = view(session, "leader").correlation

    assert (shown.month, shown.safety_branches, shown.production_branches) == ("2026-03", 3, 2)
    assert shown.safety_r == pytest.approx(0.864, abs=0.001)
    assert shown.production_r is None


def test_a_narrowed_scope_scores_its_own_branches_alike(session):
    """一线党总支's trend scores its two 党支部 from their own rows: the same scores as the whole tree's."""
    trend = safety_view.safety_trend(
        session=session,
        actor=actor(session, "leader"),
        month="2026-03",
        org_ids=(org_id(session, "一线党总支"),),
        today=TODAY,
    )

    assert trend["safety_branches"].tolist() == [0, 2, 2]
    assert trend["safety_r"].isna().all()


def test_a_month_without_data_says_why(session):
    shown = view(session, "leader", month="2025-06")

    assert shown.production_rate.value is None
    assert shown.production_rate.reason == safety.NO_PRODUCTION
    assert shown.member_violation_rate.reason == safety.NO_RECORDS
    assert shown.post_clean_rate.reason == safety.NO_POSTS


def test_a_secretary_sees_their_own_branch(session):
    shown = view(session, "sec_a")

    assert shown.by_branch["branch"].tolist() == [A]
    assert shown.member_violation_rate.value == pytest.approx(0.0)
    assert shown.other_violation_rate.value == pytest.approx(200.0)
    assert shown.correlation.safety_branches == 1


def test_one_general_branch(session):
    shown = view(session, "leader", org_ids=(org_id(session, "一线党总支"),))

    assert shown.by_branch["branch"].tolist() == [A, B]
    assert shown.production_rate.value == pytest.approx(0.9525)  # 机关 has none anyway
    assert shown.member_violation_rate.value == pytest.approx(1 / 4 * 1000)
    assert shown.other_violation_rate.value == pytest.approx(3 / 30 * 1000)


def test_the_drill_down_into_one_branch(session):
    shown = safety_view.branch_months(
        session=session,
        actor=actor(session, "leader"),
        branch_id=org_id(session, A),
        month="2026-03",
        today=TODAY,
    )

    assert (shown.branch, shown.unit) == (A, "综采一队")
    assert shown.months["month"].tolist() == ["2026-01", "2026-02", "2026-03"]
    assert shown.months["production_rate"].tolist()[1:] == pytest.approx([0.99, 1.005])
    assert shown.months["violations_others"].tolist() == [0, 1, 2]
    assert shown.months["score"].tolist()[1:] == pytest.approx([73.8338, 77.0], abs=0.0001)
    assert shown.production["indicator"].tolist() == ["原煤产量", "工作面推进"]
    assert shown.production["rate"].tolist() == pytest.approx([1.05, 0.96])
    posts = shown.posts.set_index("name")
    assert posts.index.tolist() == ["检修班先锋岗", "综采工作面先锋岗", "运输巷责任区"]
    assert posts.loc["检修班先锋岗", "violation_free"] is False
    assert posts.loc["检修班先锋岗", "holder"] == "李四"


def test_a_secretary_cannot_drill_into_another_branch(session):
    with pytest.raises(Refused):
        safety_view.branch_months(
            session=session, actor=actor(session, "sec_a"), branch_id=org_id(session, B), month="2026-03"
        )


def test_an_unchecked_post_is_listed_but_not_counted(session):
    shown = safety_view.branch_months(
        session=session,
        actor=actor(session, "leader"),
        branch_id=org_id(session, C),
        month="2026-03",
        today=TODAY,
    )

    assert shown.posts["name"].tolist() == ["安全宣讲岗"]
    assert shown.posts["checked"].tolist() == [False]
    assert shown.production.empty


@pytest.mark.parametrize(
    ("score", "rate", "expected"),
    [
        (80.0, 1.0, STRONG_BOTH),
        (80.0, 0.9999, PARTY_ONLY),
        (79.99, 1.0, PRODUCTION_ONLY),
        (79.99, 0.5, WEAK_BOTH),
        (None, 1.0, None),
        (85.0, None, None),
    ],
)
def test_quadrant_lines(score, rate, expected):
    assert quadrant(score, rate) == expected
