"""填报进度 on the hand-made fixture: Jan nothing; Feb 综采一队 已审核, 掘进一队 已退回; Mar 已审核/已提交/草稿."""

from datetime import date

from data_layer.metrics import submissions
from tests.actors import actor


def board(session, username="leader", today=date(2026, 4, 10)):
    return submissions.board(session=session, actor=actor(session, username), month="2026-03", today=today)


def test_grid_of_branches_by_month_with_overdue_after_the_5th(session):
    result = board(session)
    grid = result.grid.pivot(index="branch", columns="month", values="status")

    assert grid.loc["综采一队党支部"].tolist() == ["未填报", "已审核", "已审核"]
    assert grid.loc["掘进一队党支部"].tolist() == ["未填报", "已退回", "已提交"]
    assert grid.loc["机关党支部"].tolist() == ["未填报", "未填报", "草稿"]
    overdue = result.grid[result.grid["overdue"]]
    assert len(overdue) == 6  # Jan × 3, Feb × 2 (已退回, 未填报), Mar 机关 草稿 (deadline 2026-04-05 passed)
    assert result.rate == 2 / 3


def test_remind_list_names_the_secretary(session):
    remind = board(session).remind
    march = remind[remind["month"] == "2026-03"]
    assert march[["branch", "status", "secretary"]].values.tolist() == [
        ["机关党支部", "草稿", "未设置书记账号"]
    ]
    assert set(remind[remind["branch"] == "掘进一队党支部"]["username"]) == {"sec_b"}


def test_before_the_deadline_the_month_is_not_overdue_yet(session):
    result = board(session, today=date(2026, 4, 3))
    march = result.at("2026-03").set_index("branch")
    assert not march.loc["机关党支部", "overdue"]
    assert str(march.loc["机关党支部", "deadline"]) == "2026-04-05"
    assert "机关党支部" in result.remind["branch"].tolist()


def test_secretary_sees_their_own_row(session):
    result = board(session, "sec_a")
    assert set(result.grid["branch"]) == {"综采一队党支部"}
