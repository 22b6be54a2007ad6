"""The overview's 安全生产 figures on the hand-made fixture (both databases): the 党建+安全生产 page's
figures at M and M−1, worked out in tests/handmade_safety.py."""

import pytest

from data_layer.metrics.safety_overview import safety_headline
from tests.actors import actor, org_id


def headline(session, username: str, month: str = "2026-03", org_ids: tuple[int, ...] = ()):
    return safety_headline(session=session, actor=actor(session, username), month=month, org_ids=org_ids)


def test_the_committee_at_march(session):
    shown = headline(session, "leader")

    # 党员 三违 1 of 5 members (February 0 of 4); others 3 of 35 (February 3 of 30)
    assert shown.member_violation_rate.value == pytest.approx(200.0)
    assert shown.member_violation_rate.previous == pytest.approx(0.0)
    assert shown.other_violation_rate.value == pytest.approx(3 / 35 * 1000)
    assert shown.other_violation_rate.change == pytest.approx(3 / 35 * 1000 - 100)
    # (1.005 + 0.9) ÷ 2 against (0.99 + 1.02) ÷ 2
    assert shown.production_rate.value == pytest.approx(0.9525)
    assert shown.production_rate.change == pytest.approx(-0.0525)
    assert (shown.records, shown.injury_accidents, shown.other_accidents) == (3, 0, 1)
    assert (shown.accidents, shown.previous_accidents, shown.accident_change) == (1, 0, 1)


def test_a_secretary_and_a_general_branch(session):
    mine = headline(session, "sec_a")  # 综采一队: members 0 of 2, others 2 of 10, 1.005, no accident
    assert (mine.member_violation_rate.value, mine.other_violation_rate.value) == (0.0, 200.0)
    assert mine.production_rate.value == pytest.approx(1.005)
    assert (mine.accidents, mine.accident_change) == (0, 0)
    general = headline(session, "leader", org_ids=(org_id(session, "一线党总支"),))
    assert general.member_violation_rate.value == pytest.approx(250.0)  # 1 of 4 members


def test_a_month_without_records_has_no_figures_and_says_why(session):
    shown = headline(session, "leader", month="2026-02")  # 机关 has no record; February's M−1 has none
    assert shown.records == 2
    assert shown.member_violation_rate.previous is None
    assert shown.accident_change is None  # January had no records to compare with
    empty = headline(session, "leader", month="2025-06")
    assert empty.member_violation_rate.value is None
    assert empty.member_violation_rate.reason == "本月尚无安全月报"
    assert empty.production_rate.reason == "本月尚无生产计划数据"
    assert (empty.records, empty.accident_change) == (0, None)
