"""总览 as each role sees it, on the hand-made fixture (figures worked out in tests/handmade.py)."""

import pytest

from tests.handmade import MONTH
from tests.pages.apptest import app_as, charts, metrics_by_label, table


def choose_month(at, month: str):
    at.selectbox(key="month").set_value(month)
    return at.run()


@pytest.mark.parametrize("username", ["leader", "admin"])
def test_leader_and_admin_see_the_committee(session, database_url, username):
    at = choose_month(app_as(session, username), MONTH)

    assert not at.exception
    assert at.title[0].value == "总览 · 2026年3月"
    assert metrics_by_label(at) == {
        "任务完成率": ("64.0%", "+23.0 个百分点"),
        "学习达标率": ("60.0%", "-20.0 个百分点"),
        "经费执行率": ("40.0%", "+27.5 个百分点"),
        "填报率": ("66.7%", "+33.3 个百分点"),
        # 精益管理 (tests/handmade_lean.py): 对标 57.11 vs 55.46; 金点子 3 of 6 vs 3 of 4; 帮扶 2 of 4 vs
        # 2 of 5; 党费 353.23 of 1,543.23 vs 295 of 1,050
        "对标平均分": ("57.1 分", "+1.6 分"),
        "金点子采纳率": ("50.0%", "-25.0 个百分点"),
        "帮扶走访率（本月）": ("50.0%", "+10.0 个百分点"),
        "党费交纳率": ("22.9%", "-5.2 个百分点"),
        # 安全生产 (tests/handmade_safety.py): 党员三违 1 of 5 members vs 0 of 4; 非党员 3 of 35 vs 3 of 30;
        # 生产计划完成率 (1.005 + 0.9) ÷ 2 vs (0.99 + 1.02) ÷ 2; one non-injury accident vs none
        "党员三违率": ("200.0‰", "+200.0 个千分点"),
        "非党员三违率": ("85.7‰", "-14.3 个千分点"),
        "生产计划完成率": ("95.2%", "-5.2 个百分点"),
        "事故": ("1 起", "+1 起"),
    }
    assert "其中伤亡事故 0 起" in [caption.value for caption in at.caption]
    assert "3 个党支部报送了本月安全月报" in [caption.value for caption in at.caption]
    assert "五星 0 个，二星及以下 2 个" in [caption.value for caption in at.caption]
    assert "连续欠缴6个月以上 1 人" in [caption.value for caption in at.caption]
    captions = [caption.value for caption in at.caption]
    assert "时间进度 25.0%，状态：正常" in captions
    assert (
        "2026年度经费预算 2.0 万元，不低于按上年度职工工资总额 1% 计算的 2.0 万元（组通字〔2017〕38号）。"
        in captions
    )
    table = at.dataframe[0].value
    assert table["branch"].tolist() == ["综采一队党支部", "掘进一队党支部", "机关党支部"]
    assert table["completion_rate"].round(1).tolist() == [86.7, 10.0, 50.0]
    assert table["status"].tolist() == ["正常", "▼ 严重滞后", "▼ 严重滞后"]
    assert table["submission_status"].tolist() == ["已审核", "已提交", "草稿"]


def test_leader_narrows_to_a_general_branch(session, database_url):
    at = choose_month(app_as(session, "leader"), MONTH)
    general = next(option for option in at.multiselect(key="org_ids").options if "一线党总支" in option)
    at.multiselect(key="org_ids").select(general)
    at.run()

    assert metrics_by_label(at)["任务完成率"][0] == "67.5%"
    assert metrics_by_label(at)["党员三违率"][0] == "250.0‰"  # 1 of 4 members (综采一队, 掘进一队)
    assert at.dataframe[0].value["branch"].tolist() == ["综采一队党支部", "掘进一队党支部"]


def test_secretary_sees_only_their_branch(session, database_url):
    at = choose_month(app_as(session, "sec_a"), MONTH)

    assert not at.exception
    values = [metric.value for metric in at.metric]
    assert values[:4] == ["86.7%", "50.0%", "40.0%", "100.0%"]
    # 精益管理 of 综采一队 alone: 对标 77.0; 金点子 1 of 3; 帮扶 1 of 3 visited; 党费 160 of 270
    assert values[4:8] == ["77.0 分", "33.3%", "33.3%", "59.3%"]
    # 安全生产 of 综采一队: 党员 0 of 2; others 2 of 10; 原煤 1.05 and 推进 0.96 → 1.005; no accident
    assert values[8:] == ["0.0‰", "200.0‰", "100.5%", "0 起"]
    assert metrics_by_label(at)["非党员三违率"][1] == "+100.0 个千分点"  # February 1 of 10
    assert at.dataframe[0].value["branch"].tolist() == ["综采一队党支部"]
    assert len(at.multiselect) == 0
    assert "组织：综采一队党支部" in [caption.value for caption in at.sidebar.caption]
    assert "本月填报状态：已审核" in [caption.value for caption in at.main.caption]


def test_a_month_without_data_shows_a_dash_and_the_reason(session, database_url):
    at = choose_month(app_as(session, "leader"), "2025-06")

    assert metrics_by_label(at)["经费执行率"] == ("—", "")
    assert metrics_by_label(at)["党员三违率"] == ("—", "")
    assert metrics_by_label(at)["事故"] == ("—", "")
    assert "本月尚无安全月报" in [caption.value for caption in at.caption]
    assert "未下达2025年度经费预算" in [caption.value for caption in at.caption]


def test_changes_carry_the_month_over_month_label(session, database_url):
    at = choose_month(app_as(session, "leader"), MONTH)
    assert all(metric.proto.delta_description == "环比" for metric in at.metric)


def test_a_shared_link_opens_the_same_month_and_organisation(session, database_url):
    from streamlit.testing.v1 import AppTest

    from tests.actors import actor, org_id
    from tests.pages.apptest import APP

    general = org_id(session, "一线党总支")
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["month"] = MONTH
    at.query_params["org"] = str(general)
    at.session_state["actor"] = actor(session, "leader")
    at.run()

    assert at.title[0].value == "总览 · 2026年3月"
    assert metrics_by_label(at)["任务完成率"][0] == "67.5%"
    assert at.query_params["month"] == MONTH
    assert at.query_params["org"] == str(general)


def test_red_black_lists_and_alerts_are_shown(session, database_url):
    at = choose_month(app_as(session, "leader"), MONTH)

    assert table(at, "red-list")["branch"].tolist() == ["综采一队党支部", "机关党支部"]
    assert table(at, "black-list")["branch"].tolist() == ["掘进一队党支部"]
    assert table(at, "black-list")["score"].round(1).tolist() == [51.7]
    assert [expander.label for expander in at.expander] == [
        "超期任务 1 项",
        "学习达标率低于 60% 的党支部 2 个",
        "未提交月度填报的党支部 1 个",
    ]
    assert table(at, "alert-overdue")["code"].tolist() == ["C1"]


def test_ranking_chart_gets_each_branch_rate_plan_and_status(session, database_url):
    at = choose_month(app_as(session, "leader"), MONTH)

    ranking = charts(at)["各党支部3月任务完成率（按计划进度）"].set_index("branch")
    assert ranking["completion_rate"].round(4).to_dict() == {
        "综采一队党支部": 0.8667,
        "掘进一队党支部": 0.1,
        "机关党支部": 0.5,
    }
    assert ranking.loc["综采一队党支部", "plan_progress"] == pytest.approx(2.5 / 3)
    assert ranking.loc["掘进一队党支部", "label"] == "10.0% ▼ 严重滞后"


def test_at_group_scale_the_filter_lists_units_then_the_branches_of_the_chosen_ones(
    session, database_url, monkeypatch
):
    """With more organisations than a list may hold (here: more than 3), the first list has the 党委 and
    党总支 only; choosing 一线党总支 offers its two 党支部, and choosing one narrows to it."""
    from ui import filters

    monkeypatch.setattr(filters, "MAX_ORGANISATIONS", 3)
    at = choose_month(app_as(session, "leader"), MONTH)
    units = at.multiselect(key="org_ids")
    assert [option.strip("　") for option in units.options] == ["测试党委", "一线党总支"]
    assert not [box for box in at.multiselect if box.key == "org_branch_ids"]

    units.select(next(option for option in units.options if "一线党总支" in option)).run()
    branches = at.multiselect(key="org_branch_ids")
    assert [option.strip("　") for option in branches.options] == ["综采一队党支部", "掘进一队党支部"]
    assert metrics_by_label(at)["任务完成率"][0] == "67.5%"

    branches.select(next(option for option in branches.options if "综采一队" in option)).run()
    assert at.dataframe[0].value["branch"].tolist() == ["综采一队党支部"]
    assert metrics_by_label(at)["任务完成率"][0] == "86.7%"
