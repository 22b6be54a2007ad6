"""The overview's figures on the hand-made fixture (worked out by hand in tests/handmade.py)."""

from decimal import Decimal

import pytest

from data_layer import metrics
from data_layer.errors import Refused
from data_layer.vocab import BudgetStatus, SubmissionStatus, TaskStatus
from tests.actors import actor, org_id
from tests.handmade import MONTH


def by_branch(overview: metrics.Overview) -> dict[str, dict]:
    return {row["branch"]: row for row in overview.branches.to_dict("records")}


def test_leader_sees_the_whole_committee(session):
    overview = metrics.overview(session=session, actor=actor(session, "leader"), month=MONTH)

    assert overview.task_completion.value == pytest.approx(0.64)
    assert overview.task_completion.previous == pytest.approx(0.41)
    assert overview.task_completion.change == pytest.approx(0.23)
    assert overview.study_on_track.value == pytest.approx(0.6)
    assert overview.study_on_track.change == pytest.approx(-0.2)
    assert overview.budget_execution.value == pytest.approx(0.4)
    assert overview.budget_execution.previous == pytest.approx(0.125025)
    assert overview.submission.value == pytest.approx(2 / 3)
    assert overview.submission.previous == pytest.approx(1 / 3)
    assert overview.time_progress == pytest.approx(0.25)
    assert overview.budget_status == BudgetStatus.NORMAL


def test_branch_rows_hold_each_branch_figures(session):
    rows = by_branch(metrics.overview(session=session, actor=actor(session, "leader"), month=MONTH))

    assert list(rows) == ["综采一队党支部", "掘进一队党支部", "机关党支部"]
    a, b, c = rows["综采一队党支部"], rows["掘进一队党支部"], rows["机关党支部"]
    assert a["completion_rate"] == pytest.approx(2.6 / 3)
    assert a["plan_progress"] == pytest.approx(2.5 / 3)
    assert a["status"] == TaskStatus.ON_TRACK
    assert b["completion_rate"] == pytest.approx(0.1)
    assert b["status"] == TaskStatus.FAR_BEHIND
    assert c["completion_rate"] == pytest.approx(0.5)
    assert c["plan_progress"] == pytest.approx(1.0)
    assert (a["study_on_track_rate"], b["study_on_track_rate"], c["study_on_track_rate"]) == pytest.approx(
        (0.5, 0.5, 1.0)
    )
    assert (
        a["budget_execution_rate"],
        b["budget_execution_rate"],
        c["budget_execution_rate"],
    ) == pytest.approx((0.4, 0.2, 0.6))
    assert [a["submission_status"], b["submission_status"], c["submission_status"]] == [
        SubmissionStatus.APPROVED,
        SubmissionStatus.SUBMITTED,
        SubmissionStatus.DRAFT,
    ]


def test_general_branch_rolls_up_its_branches_by_weight(session):
    general = org_id(session, "一线党总支")
    overview = metrics.overview(
        session=session, actor=actor(session, "leader"), month=MONTH, org_ids=(general,)
    )

    assert overview.task_completion.value == pytest.approx(0.675)
    assert overview.submission.value == pytest.approx(1.0)
    assert overview.budget_execution.value == pytest.approx(5000 / 15000)
    assert len(overview.branches) == 2


def test_secretary_sees_only_their_branch(session):
    overview = metrics.overview(session=session, actor=actor(session, "sec_a"), month=MONTH)

    assert overview.task_completion.value == pytest.approx(2.6 / 3)
    assert overview.study_on_track.value == pytest.approx(0.5)
    assert overview.budget_execution.value == pytest.approx(0.4)
    assert overview.submission.value == 1.0
    assert overview.branches["branch"].tolist() == ["综采一队党支部"]


def test_secretary_cannot_read_another_branch(session):
    other = org_id(session, "掘进一队党支部")
    with pytest.raises(Refused, match="无权查看"):
        metrics.overview(session=session, actor=actor(session, "sec_a"), month=MONTH, org_ids=(other,))
    committee = org_id(session, "测试党委")
    with pytest.raises(Refused, match="无权查看"):
        metrics.overview(session=session, actor=actor(session, "sec_a"), month=MONTH, org_ids=(committee,))


def test_secretary_may_name_their_own_branch(session):
    own = org_id(session, "综采一队党支部")
    overview = metrics.overview(session=session, actor=actor(session, "sec_a"), month=MONTH, org_ids=(own,))
    assert overview.task_completion.value == pytest.approx(2.6 / 3)


def test_missing_data_is_none_with_a_reason_not_zero(session):
    overview = metrics.overview(session=session, actor=actor(session, "leader"), month="2025-06")

    assert overview.study_on_track.value is None
    assert overview.study_on_track.reason == "未设置2025年度学习目标"
    assert overview.budget_execution.value is None
    assert overview.budget_execution.reason == "未下达2025年度经费预算"
    assert overview.task_completion.value == pytest.approx(1.0)  # the 2025 task was finished in 2025-04
    assert overview.task_completion.change == pytest.approx(0.0)
    assert overview.submission.value == 0.0


def test_january_compares_with_last_december(session):
    overview = metrics.overview(session=session, actor=actor(session, "leader"), month="2026-01")
    # January: A1 2/10 (w2), B1 1/20, C1 1/2 → (0.4 + 0.05 + 0.5) ÷ 4; December 2025: the 2025 task, done.
    assert overview.task_completion.value == pytest.approx(0.95 / 4)
    assert overview.task_completion.previous == pytest.approx(1.0)


def test_bad_month_is_refused_in_chinese(session):
    with pytest.raises(Refused, match="YYYY-MM"):
        metrics.overview(session=session, actor=actor(session, "leader"), month="2026-13")


def test_latest_month_is_the_newest_with_any_figure_entered(session):
    # Progress and study end in 2026-04; 掘进一队's 组织活动 expense is dated 2026-06-15.
    assert metrics.latest_month(session=session) == "2026-06"


def test_one_percent_rule_on_the_whole_committee_only(session):
    leader = actor(session, "leader")
    rule = metrics.overview(session=session, actor=leader, month=MONTH).budget_rule
    # Payroll 2,000,000.00 → 1 % = 20,000.00; allocations 6,000 + 4,000 + 5,000 + 5,000 = 20,000.00.
    assert (rule.rule_amount, rule.allocated, rule.sufficient) == (
        Decimal("20000.00"),
        Decimal("20000.00"),
        True,
    )
    general = org_id(session, "一线党总支")
    assert (
        metrics.overview(session=session, actor=leader, month=MONTH, org_ids=(general,)).budget_rule is None
    )
    assert metrics.overview(session=session, actor=actor(session, "sec_a"), month=MONTH).budget_rule is None


def test_red_and_black_lists_rank_by_the_mean_of_three_parts(session):
    overview = metrics.overview(session=session, actor=actor(session, "leader"), month=MONTH)
    rows = by_branch(overview)
    # Time progress 0.25. 综采一队: (0.8667 + 0.5 + (1 − |0.4 − 0.25|)) ÷ 3 = 0.7389
    # 掘进一队: (0.1 + 0.5 + 0.95) ÷ 3 = 0.5167;  机关: (0.5 + 1.0 + 0.65) ÷ 3 = 0.7167
    assert rows["综采一队党支部"]["budget_score"] == pytest.approx(0.85)
    assert rows["综采一队党支部"]["score"] == pytest.approx((2.6 / 3 + 0.5 + 0.85) / 3)
    assert rows["掘进一队党支部"]["score"] == pytest.approx(1.55 / 3)
    assert rows["机关党支部"]["score"] == pytest.approx(2.15 / 3)
    # Three branches: two on the 红榜, one on the 黑榜, none on both.
    assert overview.red_list["branch"].tolist() == ["综采一队党支部", "机关党支部"]
    assert overview.black_list["branch"].tolist() == ["掘进一队党支部"]


def test_alerts_gather_overdue_overspent_lagging_study_and_missing_submissions(session):
    alerts = metrics.overview(session=session, actor=actor(session, "leader"), month=MONTH).alerts

    assert alerts.overdue_tasks[["code", "branch", "months_late"]].to_dict("records") == [
        {"code": "C1", "branch": "机关党支部", "months_late": 1}
    ]
    assert alerts.overspent.empty
    assert alerts.study_lagging["branch"].tolist() == ["综采一队党支部", "掘进一队党支部"]
    assert alerts.missing_submissions.to_dict("records") == [
        {"branch": "机关党支部", "submission_status": "草稿"}
    ]
    assert alerts.count == 4
