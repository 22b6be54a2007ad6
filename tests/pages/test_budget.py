"""经费使用 per role on the hand-made fixture (figures worked out in tests/handmade.py, "经费使用")."""

import json

import pandas as pd
import pytest
from sqlmodel import select

from data_layer.metrics import budget
from data_layer.models import ExpenseCategory
from tests.actors import actor, org_id
from tests.handmade import MONTH
from tests.pages.apptest import app_as, metrics_by_label, table
from ui import charts as ui_charts
from ui import navigation
from ui.streamlit_internals import arrow_to_frame

RULE_OK = "2026年度经费预算 2.0 万元，不低于按上年度职工工资总额 1% 计算的 2.0 万元（组通字〔2017〕38号）。"
CARRY_ALERT = "结余超限：截至2025年底累计结余 ¥44,000.00，超过上年度职工工资总额 2% 的 ¥40,000.00"


def open_budget(session, username: str, month: str = MONTH):
    at = app_as(session, username)
    at.switch_page(navigation.script("budget"))
    at.run()
    at.selectbox(key="month").set_value(month)
    return at.run()


def charts(at) -> dict[str, pd.DataFrame]:
    """Each chart's title and the rows it draws."""
    drawn = {}
    for chart in at.get("vega_lite_chart"):
        (dataset,) = chart.proto.datasets
        drawn[json.loads(chart.proto.spec)["title"]] = arrow_to_frame(dataset.data.data)
    return drawn


def category_id(session, name: str) -> int:
    return session.exec(select(ExpenseCategory.id).where(ExpenseCategory.name == name)).one()


def choose(at, key: str, value):
    at.selectbox(key=key).set_value(value)
    return at.run()


@pytest.mark.parametrize("username", ["leader", "admin"])
def test_leader_and_admin_see_the_whole_committee(session, database_url, username):
    at = open_budget(session, username)

    assert not at.exception
    assert at.title[0].value == "经费使用 · 2026年3月"
    assert metrics_by_label(at) == {
        "年度预算": ("2.0 万元", ""),
        "已支出": ("0.8 万元", ""),
        "经费执行率": ("40.0%", "+27.5 个百分点"),
    }
    captions = [caption.value for caption in at.main.caption]
    assert "2026年1–3月累计支出" in captions
    assert "时间进度 25.0%，状态：正常" in captions
    assert RULE_OK in captions
    assert [warning.value for warning in at.warning] == [
        CARRY_ALERT,
        "机关党支部：偏快，经费执行率 60.0%，时间进度 25.0%",
    ]

    status = table(at, "budget-branches")
    assert status["branch"].tolist() == ["综采一队党支部", "掘进一队党支部", "机关党支部"]
    assert status["allocated"].tolist() == [10000.0, 5000.0, 5000.0]
    assert status["spent_ytd"].tolist() == [4000.0, 1000.0, 3000.0]
    assert status["execution_rate"].tolist() == pytest.approx([40.0, 20.0, 60.0])
    assert status["status"].tolist() == ["正常", "正常", "偏快"]
    assert len(at.get("download_button")) == 2


def test_charts_are_titled_with_what_and_when_and_draw_the_figures(session, database_url):
    drawn = charts(open_budget(session, "leader"))

    assert list(drawn) == [
        "各党支部2026年度经费预算与1–3月支出",
        "2026年1–3月累计支出与序时进度",
        "2026年各类别经费预算与1–3月支出",
    ]
    branches = drawn["各党支部2026年度经费预算与1–3月支出"]
    assert branches["allocated"].tolist() == [10000.0, 5000.0, 5000.0]
    assert branches["spent"].tolist() == [4000.0, 1000.0, 3000.0]
    assert branches["label"].tolist() == ["40.0% 正常", "20.0% 正常", "60.0% 偏快"]
    lines = drawn["2026年1–3月累计支出与序时进度"].pivot(
        index="month_label", columns="series", values="amount"
    )
    assert lines.loc[["1月", "2月", "3月"], "累计支出"].tolist() == pytest.approx([1500.5, 2500.5, 8000.0])
    assert lines.loc[["1月", "2月", "3月"], "序时进度"].tolist() == pytest.approx(
        [20000 / 12, 20000 * 2 / 12, 5000.0]
    )
    categories = drawn["2026年各类别经费预算与1–3月支出"]
    assert categories[["category", "allocated", "spent", "label"]].values.tolist() == [
        ["学习教育", 11000.0, 8000.0, "72.7%"],
        ["组织活动", 9000.0, 0.0, "0.0%"],
    ]


def test_overspending_is_labelled_not_only_coloured(session):
    # The page offers months up to the newest data (2026-04), so the chart is drawn here for 2026-12.
    view = budget.budget_view(session=session, actor=actor(session, "leader"), month="2026-12")
    spec = ui_charts.budget_by_branch(view.by_branch, title="各党支部").to_dict()
    (rows,) = spec["datasets"].values()
    assert [row["label"] for row in rows] == [
        "52.0% 偏慢",
        "110.0% ▲ 超支",
        "76.0% 正常",
    ]
    assert [row["status"] for row in rows] == ["偏慢", "超支", "正常"]


def test_choosing_a_branch_and_a_category_changes_the_detail(session, database_url):
    at = open_budget(session, "leader")

    detail = table(at, "budget-detail")
    assert detail["spent_on"].astype(str).tolist() == ["2026-01-15", "2026-03-10"]
    assert detail["amount"].tolist() == [1500.5, 2499.5]
    assert detail["voucher_no"].tolist() == ["—", "—"]

    machine = org_id(session, "机关党支部")
    at = choose(at, "budget_branch", machine)
    detail = table(at, "budget-detail")
    assert detail[["category", "amount"]].values.tolist() == [["学习教育", 3000.0]]
    assert detail["spent_on"].astype(str).tolist() == ["2026-03-31"]
    assert at.query_params["budget_branch"] == str(machine)

    at = choose(at, "budget_branch", org_id(session, "综采一队党支部"))
    assert at.selectbox(key="budget_category").options == ["全部类别", "学习教育", "组织活动"]
    at = choose(at, "budget_category", category_id(session, "组织活动"))
    assert [info.value for info in at.info] == ["综采一队党支部2026年1–3月没有组织活动支出记录。"]

    at = choose(at, "month", "2026-04")
    detail = table(at, "budget-detail")
    assert detail[["category", "amount", "purpose", "voucher_no"]].values.tolist() == [
        ["组织活动", 1200.0, "开展主题党日活动", "PZ-2026-041"]
    ]


def test_secretary_sees_only_their_branch(session, database_url):
    at = open_budget(session, "sec_a")

    assert not at.exception
    assert metrics_by_label(at) == {
        "年度预算": ("1.0 万元", ""),
        "已支出": ("0.4 万元", ""),
        "经费执行率": ("40.0%", "+25.0 个百分点"),
    }
    assert len(at.warning) == 0
    assert RULE_OK not in [caption.value for caption in at.caption]
    assert table(at, "budget-branches")["branch"].tolist() == ["综采一队党支部"]
    assert at.selectbox(key="budget_branch").options == ["综采一队党支部"]
    assert table(at, "budget-detail")["amount"].tolist() == [1500.5, 2499.5]


def test_a_month_without_budget_or_spending_is_explained(session, database_url):
    at = open_budget(session, "leader", "2025-06")

    assert not at.exception
    assert metrics_by_label(at)["年度预算"] == ("—", "")
    assert metrics_by_label(at)["经费执行率"] == ("—", "")
    assert "未下达2025年度经费预算" in [caption.value for caption in at.caption]
    assert [info.value for info in at.info] == [
        "本月尚无经费数据：所选范围内未下达2025年度经费预算，2025年1–6月也没有支出记录。"
    ]
    assert len(at.get("vega_lite_chart")) == 0
    assert len(at.dataframe) == 0


def test_spending_without_a_budget_is_flagged(session, database_url):
    at = open_budget(session, "leader", "2025-12")

    assert not at.exception
    assert [warning.value for warning in at.warning] == ["机关党支部：未下达2025年度经费预算，已支出 ¥500.00"]
    assert table(at, "budget-branches")["status"].tolist() == ["—"]
    assert charts(at)["各党支部2025年度经费预算与1–12月支出"]["label"].tolist() == ["未下达预算"]
