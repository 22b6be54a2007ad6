"""三会一课 as each role sees it, on the hand-made fixture (figures worked out in tests/handmade.py)."""

import pytest

from tests.actors import org_id
from tests.handmade import MONTH
from tests.pages.apptest import app_as, metrics_by_label, table
from ui import navigation

A, B, C = "综采一队党支部", "掘进一队党支部", "机关党支部"


def open_meetings(session, username: str, month: str = MONTH):
    at = app_as(session, username)
    at.switch_page(navigation.script("meetings"))
    at.run()
    at.selectbox(key="month").set_value(month)
    return at.run()


@pytest.mark.parametrize("username", ["leader", "admin"])
def test_leader_and_admin_see_every_branch(session, database_url, username):
    at = open_meetings(session, username)

    assert not at.exception
    assert at.title[0].value == "三会一课 · 2026年3月"
    assert metrics_by_label(at) == {
        "本月完成率": ("85.7%", "+42.9 个百分点"),
        "本季度完成率": ("59.3%", ""),
        "出席率": ("88.0%", "-3.3 个百分点"),
    }
    captions = [caption.value for caption in at.main.caption]
    assert "2026年第一季度（1—3月）" in captions
    assert "本月应到 83 人次，实到 73 人次" in captions

    month = table(at, "meetings-month")
    assert month["branch"].tolist() == [A, B, C]
    assert month["支委会"].tolist() == ["1/1 已完成", "1/1 已完成", "1/1 已完成"]
    assert month["党小组会"].tolist() == ["1/1 已完成", "无需召开", "无需召开"]
    assert month["主题党日"].tolist() == ["2/1 已完成", "0/1 ▼ 未完成", "1/1 已完成"]
    assert "党员大会" not in month.columns  # judged over the quarter
    assert month["month_compliance"].round(1).tolist() == [100.0, 50.0, 100.0]
    assert month["month_attendance"].round(1).tolist() == [84.9, 86.7, 100.0]

    quarter = table(at, "meetings-quarter")
    assert quarter["党员大会"].tolist() == ["1/1 已完成", "0/1 ▼ 未完成", "0/1 ▼ 未完成"]
    assert quarter["党课"].tolist() == ["0/1 ▼ 未完成", "1/1 已完成", "0/1 ▼ 未完成"]
    assert quarter["quarter_compliance"].round(1).tolist() == [81.8, 62.5, 25.0]

    below = table(at, "meetings-below-quorum")
    assert below["branch"].tolist() == [B, A]
    assert below["flag"].tolist() == ["▼ 出席不足半数", "▼ 出席不足半数"]
    assert below["attendance"].round(1).tolist() == [33.3, 50.0]


def test_choosing_a_branch_lists_its_meetings(session, database_url):
    at = open_meetings(session, "leader")
    detail = table(at, "meetings-branch")
    assert len(detail) == 10  # 综采一队 first: its ten meetings of January–March
    assert detail["flag"].tolist().count("▼ 出席不足半数") == 1

    at.selectbox(key="meetings_branch").set_value(org_id(session, B))
    at.run()

    detail = table(at, "meetings-branch")
    assert detail["kind"].tolist() == ["支委会", "主题党日", "主题党日", "支委会", "党课"]
    assert detail["actual"].tolist() == [3, 11, 10, 1, 12]
    assert at.query_params["meetings_branch"] == str(org_id(session, B))


def test_secretary_sees_only_their_branch(session, database_url):
    at = open_meetings(session, "sec_b")

    assert not at.exception
    assert [metric.value for metric in at.metric] == ["50.0%", "62.5%", "86.7%"]
    assert table(at, "meetings-month")["branch"].tolist() == [B]
    assert table(at, "meetings-below-quorum")["branch"].tolist() == [B]
    assert at.selectbox(key="meetings_branch").options == [B]
    assert len(table(at, "meetings-branch")) == 5


def test_pending_quarterly_meetings_are_explained(session, database_url):
    at = open_meetings(session, "leader", "2026-02")

    quarter = table(at, "meetings-quarter")
    assert quarter["党课"].tolist() == ["0/1 本季度待开"] * 3
    assert metrics_by_label(at)["本季度完成率"] == ("60.0%", "")
    assert any("本季度待开" in caption.value for caption in at.main.caption)
    assert "2026年第一季度截至2026年2月没有出席不足半数的会议。" in [box.value for box in at.success]


def test_a_month_without_meetings_says_so(session, database_url):
    at = open_meetings(session, "leader", "2025-06")

    assert not at.exception
    assert metrics_by_label(at)["本月完成率"] == ("—", "")
    assert metrics_by_label(at)["出席率"] == ("—", "")
    captions = [caption.value for caption in at.main.caption]
    assert "本月尚无三会一课记录" in captions
    assert "本季度尚无三会一课记录" in captions
    infos = [box.value for box in at.info]
    assert any(info.startswith("本月尚无三会一课记录。") for info in infos)
    assert "综采一队党支部2025年第二季度截至2025年6月尚无三会一课记录。" in infos
    assert len(at.get("vega_lite_chart")) == 1  # the grid of what was required, never blank
