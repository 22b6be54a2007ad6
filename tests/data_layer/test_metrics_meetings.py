"""三会一课 on the hand-made fixture (figures worked out by hand in tests/handmade.py, "三会一课")."""

from datetime import date

import pytest
from sqlmodel import Session

from data_layer import rules
from data_layer.errors import Refused
from data_layer.metrics.meetings import MeetingStatus, branch_meetings, meetings_view, quarter_of
from data_layer.store import settings
from data_layer.vocab import MeetingKind
from tests.actors import actor, org_id
from tests.handmade import MONTH

A, B, C = "综采一队党支部", "掘进一队党支部", "机关党支部"
COMMITTEE, GROUP, THEME_DAY = MeetingKind.COMMITTEE, MeetingKind.GROUP, MeetingKind.THEME_DAY
CONGRESS, LECTURE = MeetingKind.CONGRESS, MeetingKind.LECTURE


def cells(view, period: str) -> dict[tuple[str, str], tuple[int, int, str]]:
    """(branch, kind) → (held, required, status) in a period."""
    rows = view.by_branch[view.by_branch["period"] == period]
    return {
        (row.branch, row.kind): (row.held, row.required, row.status) for row in rows.itertuples(index=False)
    }


def rows(view) -> dict[str, dict]:
    return {row["branch"]: row for row in view.branches.to_dict("records")}


def test_headline_figures_of_the_committee(session):
    view = meetings_view(session=session, actor=actor(session, "leader"), month=MONTH)

    assert view.quarter.label == "2026年第一季度"
    assert view.quarter.span == "1—3月"
    assert view.quarter.over
    assert view.month_compliance.value == pytest.approx(6 / 7)
    assert view.month_compliance.previous == pytest.approx(3 / 7)
    assert view.month_compliance.change == pytest.approx(3 / 7)
    assert view.quarter_compliance.value == pytest.approx(16 / 27)
    assert view.quarter_compliance.previous is None  # a quarter-to-date rate has no 环比
    assert view.attendance.value == pytest.approx(73 / 83)
    assert view.attendance.previous == pytest.approx(52 / 57)
    assert (view.month_meetings, view.quarter_meetings) == (8, 17)


def test_held_and_required_per_branch_and_kind(session):
    view = meetings_view(session=session, actor=actor(session, "leader"), month=MONTH)
    month, quarter = cells(view, "month"), cells(view, "quarter")

    assert list(dict.fromkeys(view.by_branch["branch"])) == [A, B, C]  # tree order, not ids
    assert month[A, COMMITTEE] == (1, 1, MeetingStatus.DONE)
    assert month[A, GROUP] == (1, 1, MeetingStatus.DONE)
    assert month[A, THEME_DAY] == (2, 1, MeetingStatus.DONE)
    assert month[A, CONGRESS] == (0, 0, MeetingStatus.QUARTERLY)
    assert month[B, GROUP] == (0, 0, MeetingStatus.NOT_REQUIRED)  # its only 党小组 is dissolved
    assert month[B, THEME_DAY] == (0, 1, MeetingStatus.MISSING)
    assert month[B, LECTURE] == (1, 0, MeetingStatus.QUARTERLY)
    assert quarter[A, GROUP] == (2, 3, MeetingStatus.MISSING)
    assert quarter[A, THEME_DAY] == (4, 3, MeetingStatus.DONE)
    assert quarter[A, CONGRESS] == (1, 1, MeetingStatus.DONE)
    assert quarter[A, LECTURE] == (0, 1, MeetingStatus.MISSING)  # the quarter is over: no longer 待开
    assert quarter[B, COMMITTEE] == (2, 3, MeetingStatus.MISSING)
    assert quarter[B, CONGRESS] == (0, 1, MeetingStatus.MISSING)
    assert quarter[C, COMMITTEE] == (1, 3, MeetingStatus.MISSING)
    assert view.counts()[0] == {
        "branch_id": org_id(session, A),
        "branch": A,
        "required": {COMMITTEE: 1, GROUP: 1, THEME_DAY: 1, CONGRESS: 0, LECTURE: 0},
        "held": {COMMITTEE: 1, GROUP: 1, THEME_DAY: 2, CONGRESS: 0, LECTURE: 0},
    }


def test_compliance_and_attendance_per_branch(session):
    branches = rows(meetings_view(session=session, actor=actor(session, "leader"), month=MONTH))

    assert list(branches) == [A, B, C]
    a, b, c = branches[A], branches[B], branches[C]
    assert (a["month_compliance"], b["month_compliance"], c["month_compliance"]) == pytest.approx((1, 0.5, 1))
    assert (a["quarter_compliance"], b["quarter_compliance"], c["quarter_compliance"]) == pytest.approx(
        (9 / 11, 5 / 8, 2 / 8)
    )
    assert (a["month_attendance"], b["month_attendance"], c["month_attendance"]) == pytest.approx(
        (45 / 53, 13 / 15, 1)
    )
    assert (a["quarter_attendance"], b["quarter_attendance"]) == pytest.approx((111 / 131, 37 / 42))
    assert (a["month_expected"], a["month_actual"], a["quarter_meetings"]) == (53, 45, 10)


def test_meetings_below_quorum_include_exactly_half(session):
    below = meetings_view(session=session, actor=actor(session, "leader"), month=MONTH).below_quorum

    assert below[["branch", "kind", "held_on", "expected", "actual"]].values.tolist() == [
        [B, COMMITTEE, date(2026, 3, 10), 3, 1],
        [A, GROUP, date(2026, 3, 12), 8, 4],
    ]
    assert below["topic"].tolist() == ["支委会（3月10日）", "党小组会（3月12日）"]
    assert below["attendance"].tolist() == pytest.approx([1 / 3, 0.5])


def test_quorum_rule_at_its_edge():
    assert rules.below_quorum(actual=4, expected=8)
    assert rules.below_quorum(actual=1, expected=3)
    assert not rules.below_quorum(actual=11, expected=20)
    assert not rules.below_quorum(actual=2, expected=3)


def test_before_the_quarter_ends_quarterly_kinds_are_pending_not_missing(session):
    view = meetings_view(session=session, actor=actor(session, "leader"), month="2026-02")
    quarter = cells(view, "quarter")

    assert not view.quarter.over and view.quarter.span == "1—2月"
    assert quarter[A, CONGRESS] == (1, 1, MeetingStatus.DONE)
    assert quarter[A, LECTURE] == (0, 1, MeetingStatus.PENDING)
    assert quarter[B, CONGRESS] == (0, 1, MeetingStatus.PENDING)
    assert quarter[A, COMMITTEE] == (2, 2, MeetingStatus.DONE)
    assert view.month_compliance.value == pytest.approx(3 / 7)
    assert view.month_compliance.previous == pytest.approx(5 / 7)
    assert view.quarter_compliance.value == pytest.approx(9 / 15)
    assert view.attendance.value == pytest.approx(52 / 57)
    assert view.below_quorum.empty


def test_a_general_branch_shows_its_branches(session):
    general = org_id(session, "一线党总支")
    view = meetings_view(session=session, actor=actor(session, "leader"), month=MONTH, org_ids=(general,))

    assert list(rows(view)) == [A, B]
    assert view.month_compliance.value == pytest.approx(4 / 5)
    assert view.quarter_compliance.value == pytest.approx(14 / 19)


def test_secretary_sees_only_their_branch_and_is_refused_another(session):
    secretary = actor(session, "sec_b")
    view = meetings_view(session=session, actor=secretary, month=MONTH)

    assert list(rows(view)) == [B]
    assert view.month_compliance.value == pytest.approx(0.5)
    assert view.quarter_compliance.value == pytest.approx(5 / 8)
    assert view.attendance.value == pytest.approx(13 / 15)
    assert view.below_quorum["branch"].tolist() == [B]
    with pytest.raises(Refused, match="无权查看"):
        meetings_view(session=session, actor=secretary, month=MONTH, org_ids=(org_id(session, A),))
    with pytest.raises(Refused, match="无权查看"):
        branch_meetings(session=session, actor=secretary, branch_id=org_id(session, A), month=MONTH)


def test_branch_meetings_list_the_quarter_by_date(session):
    listed = branch_meetings(
        session=session, actor=actor(session, "leader"), branch_id=org_id(session, B), month=MONTH
    )

    assert listed["held_on"].tolist() == [
        date(2026, 1, 9),
        date(2026, 1, 22),
        date(2026, 2, 24),
        date(2026, 3, 10),
        date(2026, 3, 18),
    ]
    assert listed["below_quorum"].tolist() == [False, False, False, True, False]
    assert listed["attendance"].iloc[3] == pytest.approx(1 / 3)
    with pytest.raises(Refused, match="请选择一个党支部"):
        branch_meetings(
            session=session,
            actor=actor(session, "leader"),
            branch_id=org_id(session, "一线党总支"),
            month=MONTH,
        )


def test_a_month_without_meetings_explains_itself(session):
    view = meetings_view(session=session, actor=actor(session, "leader"), month="2025-06")

    assert view.month_compliance.value is None
    assert view.month_compliance.reason == "本月尚无三会一课记录"
    assert view.attendance.reason == "本月尚无三会一课记录"
    assert view.quarter_compliance.reason == "本季度尚无三会一课记录"
    assert view.below_quorum.empty
    assert cells(view, "month")[A, COMMITTEE] == (0, 1, MeetingStatus.MISSING)  # still required


def test_the_month_after_the_quarter_starts_a_new_one(session):
    view = meetings_view(session=session, actor=actor(session, "leader"), month="2026-04")

    assert (view.quarter.label, view.quarter.span, view.quarter.code) == ("2026年第二季度", "4月", "2026Q2")
    assert (view.month_meetings, view.quarter_meetings) == (1, 1)  # 机关's 主题党日 of 04-02
    assert view.month_compliance.value == pytest.approx(1 / 7)
    assert view.quarter_compliance.value == pytest.approx(1 / 7)  # 党员大会 and 党课 not yet due
    assert quarter_of("2026-12").months == ("2026-10", "2026-11", "2026-12")


def test_monthly_lectures_by_setting(fresh_engine):
    with Session(fresh_engine) as session:
        leader = actor(session, "leader")
        assert meetings_view(session=session, actor=leader, month=MONTH).lecture_frequency == "quarterly"
        settings.put(session=session, key="lecture_frequency", value="monthly")
        session.flush()

        view = meetings_view(session=session, actor=leader, month=MONTH)
        month, quarter = cells(view, "month"), cells(view, "quarter")
        assert view.lecture_frequency == "monthly"
        assert month[A, LECTURE] == (0, 1, MeetingStatus.MISSING)
        assert month[B, LECTURE] == (1, 1, MeetingStatus.DONE)
        assert quarter[B, LECTURE] == (1, 3, MeetingStatus.MISSING)
        assert quarter[A, CONGRESS] == (1, 1, MeetingStatus.DONE)  # 党员大会 stays quarterly
        assert view.month_compliance.value == pytest.approx(7 / 10)
        assert view.quarter_compliance.value == pytest.approx(16 / 33)
