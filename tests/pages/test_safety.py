"""党建+安全生产 as each role sees it, on the hand-made organisation: every figure on screen is one that
tests/handmade_safety.py works out by hand (March 2026, 对标 scored as of 2026-04-06)."""

import json

import pytest

from tests.actors import org_id
from tests.handmade import MONTH
from tests.handmade_safety import A, B, C
from tests.pages.apptest import app_as, metrics_by_label, table
from ui import navigation, text
from ui.streamlit_internals import arrow_to_frame

HEADLINE = {
    # (1.005 + 0.9) ÷ 2 = 0.9525 against February's (0.99 + 1.02) ÷ 2 = 1.005
    "生产计划完成率": ("95.2%", "-5.2 个百分点"),
    # 1 三违 of 5 party members; February 0 of 4
    "党员三违率": ("200.0‰", "+200.0 个千分点"),
    # 3 of 35 others = 85.714‰; February 3 of 30 = 100‰
    "非党员三违率": ("85.7‰", "-14.3 个千分点"),
    # 5 of 16 隐患 found by members; February 4 of 12
    "隐患排查党员贡献率": ("31.2%", "-2.1 个百分点"),
    # 15 of 16 closed; February 11 of 12
    "隐患整改率": ("93.8%", "+2.1 个百分点"),
    # 先锋岗 checked 2, 1 free of 三违; February 3 of 3
    "党员身边无三违率": ("50.0%", "-50.0 个百分点"),
    # 责任区 checked 2, 1 free of 事故; February 1 of 1
    "党员责任区无事故率": ("50.0%", "-50.0 个百分点"),
    "事故": ("1 起", ""),
    # 综采一队 77.0 with 100.5 % → 党建弱·生产强; 掘进一队 48.0 with 90 % → 党建弱·生产弱; 机关 has no production
    "党建强·生产强": ("0 个", ""),
    "党建强·生产弱": ("0 个", ""),
    "党建弱·生产强": ("1 个", ""),
    "党建弱·生产弱": ("1 个", ""),
}


@pytest.fixture(autouse=True)
def april_sixth(monkeypatch):
    """March's 对标 scores as tests/handmade_lean.py works them out; the dashboard opens on 2026-03."""
    monkeypatch.setenv("DASHBOARD_TODAY", "2026-04-06")


def open_safety(session, username: str, month: str = MONTH, **query):
    at = app_as(session, username)
    for key, value in query.items():
        at.query_params[key] = value
    at.switch_page(navigation.script("safety"))
    at.run()
    at.selectbox(key="month").set_value(month)
    return at.run()


def _title(spec: dict) -> str:
    title = next(layer["title"] for layer in spec.get("layer", [spec]) if "title" in layer)
    return title if isinstance(title, str) else title["text"]


def chart(at, words: str) -> tuple[dict, dict[str, list[dict]]]:
    """The Vega-Lite spec of the chart whose title holds ``words``, and its datasets' rows by name."""
    for node in at.get("vega_lite_chart"):
        spec = json.loads(node.proto.spec)
        if words in _title(spec):
            data = {found.name: arrow_to_frame(found.data.data) for found in node.proto.datasets}
            return spec, {name: frame.to_dict("records") for name, frame in data.items()}
    raise AssertionError(f"no chart “{words}”")


def dataset_rows(at, words: str, column: str) -> list[dict]:
    """The rows of the chart's dataset that has ``column`` (the points of a layered chart)."""
    return next(rows for rows in chart(at, words)[1].values() if rows and column in rows[0])


def captions(at) -> list[str]:
    return [caption.value for caption in at.main.caption]


@pytest.mark.parametrize("username", ["leader", "admin"])
def test_leader_and_admin_see_the_committee_at_march(session, database_url, username):
    at = open_safety(session, username)

    assert not at.exception
    assert at.title[0].value == "党建+安全生产 · 2026年3月"
    assert metrics_by_label(at) == HEADLINE
    assert "伤人 0 起，非伤人 1 起" in captions(at)
    assert "本月三违 1 人次，按每千人计" in captions(at)
    assert "另有 1 个党支部没有对标得分或没有生产指标，未在图中标出（见下表）。" in captions(at)

    branches = table(at, "safety-branches")
    assert branches["branch"].tolist() == [A, B, C]
    assert branches["unit"].tolist() == ["综采一队", "掘进一队", "机关科室"]
    assert branches["production_rate"].round(1).tolist()[:2] == [100.5, 90.0]
    assert branches["quadrant"].tolist() == ["党建弱·生产强", "党建弱·生产弱", "—"]
    assert branches["state"].tolist() == ["三违", "事故", "无事故无三违"]
    assert branches["member_violation_rate"].tolist() == [0.0, 500.0, 0.0]
    assert branches["other_violation_rate"].tolist() == [200.0, 50.0, 0.0]
    assert branches["hazards_by_members"].tolist() == [4, 1, 0]
    assert branches["safe_days"].tolist() == [400, 120, 800]
    assert branches["posts_clean_of"].tolist() == ["1/2", "—", "—"]
    assert branches["zones_clean_of"].tolist() == ["1/1", "0/1", "—"]

    talk = table(at, "safety-talk")
    assert talk["branch"].tolist() == [A, B]
    assert talk["reason"].tolist() == ["生产计划完成，对标得分不到 80 分", "本月发生事故"]


def test_the_quadrant_chart_places_each_branch_and_names_the_quadrants(session, database_url):
    at = open_safety(session, "leader")

    points = dataset_rows(at, "对标得分 × 生产计划完成率", "state")
    assert [(p["branch"], p["score"], p["production_rate"], p["state"]) for p in points] == [
        (A, 77.0, pytest.approx(1.005), "三违"),
        (B, 48.0, pytest.approx(0.9), "事故"),
    ]
    spec, datasets = chart(at, "3月各党支部党建与生产：对标得分 × 生产计划完成率")
    marks = [layer["mark"]["type"] for layer in spec["layer"]]
    assert marks == ["rule", "rule", "text", "text", "point"]
    corner_names = {
        row["quadrant"]
        for layer in spec["layer"]
        if layer["mark"]["type"] == "text"
        for row in datasets[layer["data"]["name"]]
    }
    assert corner_names == {"党建强·生产强", "党建强·生产弱", "党建弱·生产强", "党建弱·生产弱"}


def test_members_against_others_and_the_trend(session, database_url):
    at = open_safety(session, "leader")

    spec, datasets = chart(at, "党员与非党员三违率")
    rates = next(rows for rows in datasets.values() if rows and "group" in rows[0])
    assert {(r["branch"], r["group"]): r["label"] for r in rates} == {
        (A, "党员"): "0.0‰",
        (A, "非党员"): "200.0‰",
        (B, "党员"): "500.0‰",
        (B, "非党员"): "50.0‰",
        (C, "党员"): "0.0‰",
        (C, "非党员"): "0.0‰",
    }
    bars = next(layer for layer in spec["layer"] if layer.get("mark", {}).get("type") == "bar")
    assert (spec.get("encoding") or bars["encoding"])["y"]["sort"] == [B, A, C]  # highest 党员 rate first
    trend = table(at, "safety-trend")
    assert trend["month_label"].tolist() == ["2026年1月", "2026年2月", "2026年3月"]
    # March: 三违 per thousand 在册职工 166.7‰, 90.9‰, 0‰ against scores 77, 48, 46.3: r = 0.864
    assert trend["safety_r"].tolist() == ["—（0 个党支部，不足 3 个）", "—（2 个党支部，不足 3 个）", "+0.86"]
    assert trend["production_r"].tolist()[-1] == "—（2 个党支部，不足 3 个）"
    assert trend["safety_branches"].tolist() == [0, 2, 3]
    assert any("不是因果关系" in caption for caption in captions(at))


def test_one_general_branch(session, database_url):
    at = app_as(session, "leader")
    at.switch_page(navigation.script("safety"))
    at.run()
    at.selectbox(key="month").set_value(MONTH)
    general = next(option for option in at.multiselect(key="org_ids").options if "一线党总支" in option)
    at.multiselect(key="org_ids").select(general)
    at.run()

    assert not at.exception
    shown = metrics_by_label(at)
    assert shown["党员三违率"] == ("250.0‰", "+250.0 个千分点")  # 1 of 4 members; February 0 of 4
    assert shown["非党员三违率"] == ("100.0‰", "持平")  # 3 of 30, as in February
    assert shown["生产计划完成率"] == HEADLINE["生产计划完成率"]  # 机关 has no production anyway
    assert table(at, "safety-branches")["branch"].tolist() == [A, B]


def test_one_branch(session, database_url):
    at = app_as(session, "leader")
    at.switch_page(navigation.script("safety"))
    at.run()
    at.selectbox(key="month").set_value(MONTH)
    branch = next(option for option in at.multiselect(key="org_ids").options if B in option)
    at.multiselect(key="org_ids").select(branch)
    at.run()

    shown = metrics_by_label(at)
    assert shown["党员三违率"] == ("500.0‰", "+500.0 个千分点")  # 1 of 2; February 0 of 2
    assert shown["非党员三违率"] == ("50.0‰", "-50.0 个千分点")  # 1 of 20; February 2 of 20
    assert shown["生产计划完成率"] == ("90.0%", "-12.0 个百分点")  # 270 of 300 m; February 306 of 300
    assert shown["党建弱·生产弱"] == ("1 个", "")
    assert table(at, "safety-talk")["branch"].tolist() == [B]


def test_the_drill_down_shows_a_branch_s_months_indicators_and_posts(session, database_url):
    at = open_safety(session, "leader")

    months = table(at, "safety-months")  # 综采一队 first
    assert months["month_label"].tolist() == ["2026年1月", "2026年2月", "2026年3月"]
    assert months["state"].tolist() == ["无安全月报", "三违", "三违"]
    assert months["violations_others"].tolist()[1:] == [1, 2]
    assert months["production_rate"].round(1).tolist()[1:] == [99.0, 100.5]
    assert months["score"].round(2).tolist()[1:] == [73.83, 77.0]
    indicators = table(at, "safety-indicators")
    assert indicators["indicator"].tolist() == ["原煤产量", "工作面推进"]
    assert indicators["rate"].round(1).tolist() == [105.0, 96.0]
    posts = table(at, "safety-posts")
    assert posts["name"].tolist() == ["检修班先锋岗", "综采工作面先锋岗", "运输巷责任区"]
    assert posts["holder"].tolist() == ["李四", "张三", "张三"]
    assert posts["violation_free"].tolist() == ["▼ 否", "是", "是"]

    at.selectbox(key="safety_branch").set_value(org_id(session, B))
    at.run()
    assert at.query_params["safety_branch"] == str(org_id(session, B))
    indicators = table(at, "safety-indicators")
    assert indicators["indicator"].tolist() == ["掘进进尺", "设备检修"]
    assert indicators["rate"].round(1).tolist()[0] == 90.0
    assert indicators["rate"].isna().tolist()[1]  # a plan of 0 has no rate
    posts = table(at, "safety-posts")  # 支护先锋岗 ended in February
    assert posts[["name", "holder", "violation_free", "accident_free"]].values.tolist() == [
        ["掘进头责任区", "欧阳明", "▼ 否", "▼ 否"]
    ]

    at.selectbox(key="safety_branch").set_value(org_id(session, C))
    at.run()
    assert "该党支部2026年3月没有生产指标数据。" in [box.value for box in at.info]
    assert table(at, "safety-posts")["violation_free"].tolist() == ["本月未检查"]


def test_secretary_sees_their_own_branch_and_no_other_by_link(session, database_url):
    at = open_safety(session, "sec_a", safety_branch=str(org_id(session, B)))

    assert not at.exception
    shown = metrics_by_label(at)
    assert shown["党员三违率"] == ("0.0‰", "持平")
    assert shown["非党员三违率"] == ("200.0‰", "+100.0 个千分点")  # 2 of 10; February 1 of 10
    assert table(at, "safety-branches")["branch"].tolist() == [A]
    assert at.selectbox(key="safety_branch").options == [A]
    assert table(at, "safety-posts")["name"].tolist() == ["检修班先锋岗", "综采工作面先锋岗", "运输巷责任区"]
    assert table(at, "safety-trend")["safety_r"].tolist()[-1] == "—（1 个党支部，不足 3 个）"
    captions = [caption.value for caption in at.caption]
    assert "本党支部各项指标完成率的平均（实际 ÷ 计划）" in captions  # one 党支部: not 「各党支部…」
    assert "各党支部完成率的平均（每项指标实际 ÷ 计划）" not in captions


def test_anonymised_mode_masks_the_holders_of_posts(session, database_url):
    at = open_safety(session, "leader")
    at.toggle(key="anonymise").set_value(True)
    at.run()

    assert table(at, "safety-posts")["holder"].tolist() == ["李*", "张*", "张*"]
    at.selectbox(key="safety_branch").set_value(org_id(session, B))
    at.run()
    assert table(at, "safety-posts")["holder"].tolist() == ["欧阳*"]


def test_a_month_without_data_says_why(session, database_url):
    at = open_safety(session, "leader", "2025-06")

    assert not at.exception
    shown = metrics_by_label(at)
    assert shown["生产计划完成率"] == ("—", "")
    assert shown["党员三违率"] == ("—", "")
    assert shown["事故"] == ("—", "")
    assert {"本月尚无生产计划数据", "本月尚无安全月报", "本月尚无先锋岗检查", "本月尚无责任区检查"} <= set(
        captions(at)
    )
    infos = [box.value for box in at.info]
    assert text.SAFETY_NO_QUADRANT in infos
    assert "本月尚无安全月报" in infos
    assert text.SAFETY_TREND_NONE.format(year=2025, least=3) in infos
    assert len(at.get("vega_lite_chart")) == 0  # a reason in place of every chart, never a blank one


def test_a_large_scope_computes_the_year_s_trend_when_asked(session, database_url, monkeypatch):
    """Over QUICK_TREND_BRANCHES 党支部 (here lowered to 2) every month's scoring waits for the toggle."""
    monkeypatch.setattr("data_layer.metrics.safety_view.QUICK_TREND_BRANCHES", 2)
    at = open_safety(session, "leader")

    with pytest.raises(KeyError):
        at.get_by_key("safety-trend")
    asked = at.toggle(key="safety_trend")
    assert asked.label == "计算2026年各月的相关系数（3 个党支部逐月对标评分，首次可能需要一分钟）"
    asked.set_value(True)
    at.run()

    assert table(at, "safety-trend")["safety_branches"].tolist() == [0, 2, 3]
