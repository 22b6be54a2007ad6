"""对标评星 per role, on the hand-made organisation (figures worked out in tests/handmade_lean.py add_stars)."""

import pytest
from sqlmodel import select

from data_layer.models import BenchmarkIndicator, ManualScore, Setting
from tests.actors import org_id
from tests.pages.apptest import app_as, charts, metrics_by_label, table
from ui import navigation


@pytest.fixture(autouse=True)
def april_sixth(monkeypatch):
    """Every deadline through March's (04-05) has passed; the dashboard opens on 2026-03."""
    monkeypatch.setenv("DASHBOARD_TODAY", "2026-04-06")


def labelled(widgets, label):
    """The one widget of a kind with this label."""
    return next(widget for widget in widgets if widget.label == label)


def open_stars(session, username):
    at = app_as(session, username)
    at.switch_page(navigation.script("stars"))
    return at.run()


def test_a_leader_sees_the_ranking_the_stars_and_where_points_were_lost(session, database_url):
    at = open_stars(session, "leader")

    assert not at.exception
    assert at.title[0].value == "对标评星 · 2026年3月"
    figures = metrics_by_label(at)
    assert figures["平均得分"] == ("57.1 分", "+1.6 分")
    assert (
        figures["五星"][0] == "0 个" and figures["三星"][0] == "1 个" and figures["二星及以下"][0] == "2 个"
    )
    ranking = table(at, "star-ranking")
    assert ranking["branch"].tolist() == ["综采一队党支部", "掘进一队党支部", "机关党支部"]
    assert ranking["score"].round(2).tolist() == [77.0, 48.0, 46.32]
    assert ranking["star_text"].tolist() == ["★★★☆☆", "★☆☆☆☆", "★☆☆☆☆"]
    assert ranking["lost_most"].tolist() == ["三会一课", "任务完成", "三会一课"]
    assert charts(at)["2026年3月各党支部对标得分与星级"]["score"].round(2).tolist() == [77.0, 48.0, 46.32]
    breakdown = table(at, "star-breakdown")  # the first 党支部: 综采一队
    assert breakdown["earned"].tolist() == [26.0, 12.5, 10.0, 8.5, 10.0, 5.0, 5.0]
    assert breakdown["detail"].iloc[2] == "三会一课完成率81.8%"
    assert "五星比例上限：1/3（本期最多 1 个党支部评为五星）。" in [caption.value for caption in at.caption]
    assert at.button(key="FormSubmitter:manual-score-form-保存评分")  # leaders score
    assert not [form for form in at.main if getattr(form, "form_id", "") == "indicator-form"]


def test_choosing_a_branch_shows_its_breakdown(session, database_url):
    at = open_stars(session, "leader")
    at.selectbox(key="star_branch").set_value(org_id(session, "机关党支部"))
    at.run()
    breakdown = table(at, "star-breakdown")
    assert breakdown["indicator"].tolist()[-2:] == ["超期任务", "党建品牌"]
    assert breakdown["detail"].tolist()[-2:] == ["超期任务1项", "尚未评分，不计分"]


def test_the_quarter_and_the_year_take_the_last_period_ended(session, database_url):
    at = open_stars(session, "leader")
    at.selectbox(key="star_period").set_value("年度")
    at.run()
    assert at.title[0].value == "对标评星 · 2025年度"
    assert at.info[0].value == "2025年度尚未制定对标方案"


def test_a_secretary_sees_only_their_branch_with_its_rank_and_cannot_score(session, database_url):
    at = open_stars(session, "sec_b")

    assert not at.exception
    ranking = table(at, "star-ranking")
    assert ranking[["rank", "branch", "score"]].values.tolist() == [[2, "掘进一队党支部", 48.0]]
    assert metrics_by_label(at)["平均得分"][0] == "48.0 分"
    assert not [button for button in at.button if "保存评分" in str(button.label)]


def test_a_leader_scores_a_branch_and_the_ranking_follows(writable):
    at = open_stars(writable, "leader")
    labelled(at.selectbox, "党支部").set_value("机关党支部")
    at.number_input[0].set_value(4.5)
    at.text_input[0].input("品牌创建有成效")
    at.button(key="FormSubmitter:manual-score-form-保存评分").click()
    at.run()

    assert not at.exception
    assert at.success[0].value == "已保存：机关党支部 2026年3月“党建品牌” 4.5 分。"
    writable.expire_all()
    assert [
        row.points for row in writable.exec(select(ManualScore).where(ManualScore.note == "品牌创建有成效"))
    ] == [4.5]
    assert table(at, "star-ranking")["score"].round(2).tolist() == [77.0, 48.5, 48.0]  # 机关 44 + 4.5 of 100


def test_an_admin_keeps_the_scheme_and_sees_a_refusal_naming_the_field(writable):
    at = open_stars(writable, "admin")

    assert not at.exception
    scheme = table(at, "star-scheme")
    assert scheme["name"].tolist()[:3] == ["任务完成", "学习达标", "三会一课"]
    assert scheme["state"].tolist()[-1] == "停用"
    labelled(at.text_input, "指标").input("满意度测评")
    labelled(at.selectbox, "计分方式").set_value("阈值")
    labelled(at.number_input, "目标值(%)").set_value(90.0)
    at.button(key="FormSubmitter:indicator-form-保存指标").click()
    at.run()

    assert at.error[0].value == "“及格值(%)”：阈值计分请填写及格值，且应小于目标值"
    writable.expire_all()
    assert (
        writable.exec(select(BenchmarkIndicator).where(BenchmarkIndicator.name == "满意度测评")).first()
        is None
    )


def test_an_admin_lifts_the_five_star_quota(writable):
    at = open_stars(writable, "admin")
    labelled(at.selectbox, "五星比例上限").set_value("不限")
    at.button(key="FormSubmitter:five-star-form-保存五星比例上限").click()
    at.run()

    assert at.success[0].value == "五星比例上限已设为 不限。"
    writable.expire_all()
    assert writable.get(Setting, "five_star_share").value == "不限"
    assert "五星不设比例上限。" in [caption.value for caption in at.caption]
