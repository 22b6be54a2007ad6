"""任务完成 on the hand-made fixture at 2026-03 (worked out in tests/handmade.py)."""

import pytest

from data_layer.errors import Refused
from data_layer.metrics import tasks
from tests.actors import actor, org_id
from tests.handmade import MONTH


def view(session, username="leader", org_ids=()):
    return tasks.tasks_view(session=session, actor=actor(session, username), month=MONTH, org_ids=org_ids)


def test_each_started_task_has_ratio_plan_status_and_overdue(session):
    rows = view(session).tasks.set_index("code")

    assert rows.index.tolist() == ["A1", "A2", "B1", "C1"]  # B2 starts in April; D1's branch is inactive
    assert rows.loc["A1", ["done", "ratio", "plan", "status"]].tolist() == [8.0, 0.8, 0.75, "正常"]
    assert rows.loc["A2", ["ratio", "status"]].tolist() == [1.0, "已完成"]
    assert rows.loc["B1", "ratio"] == pytest.approx(0.1)
    assert rows.loc["B1", "status"] == "严重滞后"
    assert rows.loc["C1", ["ratio", "plan", "overdue", "months_late"]].tolist() == [0.5, 1.0, True, 1]
    assert rows.loc["A1", "owner"] == "张三"


def test_scope_figures_counts_and_overdue_list(session):
    result = view(session)

    assert result.completion_rate == pytest.approx(0.64)
    assert result.plan_progress == pytest.approx(3.75 / 5)
    assert result.status_counts == {"已完成": 1, "正常": 1, "滞后": 0, "严重滞后": 2}
    assert result.overdue["code"].tolist() == ["C1"]


def test_branches_carry_status_counts(session):
    branches = view(session).branches.set_index("branch")

    assert branches.loc["综采一队党支部", ["tasks", "已完成", "正常", "overdue"]].tolist() == [2, 1, 1, 0]
    assert branches.loc["机关党支部", ["严重滞后", "overdue"]].tolist() == [1, 1]
    assert branches.loc["综采一队党支部", "completion_rate"] == pytest.approx(2.6 / 3)


def test_heatmap_has_every_branch_in_every_month_so_far(session):
    grid = view(session).heatmap.pivot(index="branch", columns="month", values="completion_rate")

    assert grid.loc["综采一队党支部"].tolist() == pytest.approx([0.2, 0.5, 2.6 / 3])
    assert grid.loc["掘进一队党支部"].tolist() == pytest.approx([0.05, 0.05, 0.1])
    assert grid.loc["机关党支部"].tolist() == pytest.approx([0.5, 0.5, 0.5])


def test_general_branch_shows_its_branches_only(session):
    result = view(session, org_ids=(org_id(session, "一线党总支"),))
    assert result.branches["branch"].tolist() == ["综采一队党支部", "掘进一队党支部"]
    assert result.completion_rate == pytest.approx(0.675)


def test_task_history_month_by_month(session):
    a1 = view(session).tasks.set_index("code").loc["A1", "task_id"]
    history = tasks.task_history(session=session, actor=actor(session, "sec_a"), task_id=int(a1), month=MONTH)

    assert history["month"].tolist() == ["2026-01", "2026-02", "2026-03"]
    assert history["quantity"].tolist() == [2, 3, 3]
    assert history["cumulative"].tolist() == [2, 5, 8]
    assert history["target"].tolist() == [10, 10, 10]


def test_a_secretary_cannot_open_another_branch_task(session):
    b1 = view(session).tasks.set_index("code").loc["B1", "task_id"]
    with pytest.raises(Refused, match="无权查看"):
        tasks.task_history(session=session, actor=actor(session, "sec_a"), task_id=int(b1), month=MONTH)


def test_secretary_view_is_their_branch(session):
    result = view(session, "sec_b")
    assert result.tasks["code"].tolist() == ["B1"]
    assert result.completion_rate == pytest.approx(0.1)


def test_workload_counts_every_task_of_the_year(session):
    load = tasks.workload(session=session, actor=actor(session, "leader"), month=MONTH)
    owners = load.by_owner.set_index("owner")

    # A1 (w2, 张三), A2 (w1, 李四), B1 + B2 (w1 each, 欧阳明), C1 (w1, 周八); B2 is 领办.
    assert owners.loc["张三", ["tasks", "weight"]].tolist() == [1, 2.0]
    assert owners.loc["欧阳明", ["tasks", "weight"]].tolist() == [2, 2.0]
    assert load.median_weight == 1.5
    assert not owners["overloaded"].any()
    assert load.claimed_share == pytest.approx(0.2)
    assert load.by_branch.set_index("branch").loc["掘进一队党支部", "claimed_share"] == 0.5
