"""对标 / 星级评定 on the hand-made organisation (figures worked out in tests/handmade_lean.py add_stars)."""

from datetime import date
from decimal import Decimal
from fractions import Fraction

import pandas as pd
import pytest
from sqlmodel import select

from data_layer import schemas
from data_layer.auth import WHOLE_TREE
from data_layer.errors import Refused
from data_layer.lean import benchmark
from data_layer.metrics import star_sources, stars
from data_layer.models import AuditLog, BenchmarkIndicator, ManualScore
from tests.actors import actor

TODAY = date(2026, 4, 6)


def view(session, username="leader", month="2026-03", **options):
    return stars.star_view(
        session=session, actor=actor(session, username), month=month, today=TODAY, **options
    )


def test_every_branch_is_scored_ranked_and_starred_at_march(session):
    rating = view(session)

    table = rating.branches
    assert table["branch"].tolist() == ["综采一队党支部", "掘进一队党支部", "机关党支部"]
    assert table["score"].round(2).tolist() == [77.0, 48.0, 46.32]
    assert table["stars"].tolist() == [3, 1, 1]
    assert table["rank"].tolist() == [1, 2, 3]
    assert table["scored_weight"].tolist() == [100, 100, 95]  # 机关 has no 人工评分 yet
    assert table["lost_most"].tolist() == ["三会一课", "任务完成", "三会一课"]
    assert round(rating.average.value, 2) == 57.11
    assert round(rating.average.previous, 2) == 55.46
    assert round(rating.average.change, 2) == 1.65
    assert rating.distribution()["count"].tolist() == [0, 0, 1, 0, 2]
    assert rating.label == "2026年3月"


def test_the_breakdown_says_where_each_point_went(session):
    breakdown = view(session).breakdown()
    rows = breakdown[breakdown["branch"] == "机关党支部"].set_index("indicator")

    assert rows["earned"].round(2).fillna(-1).tolist() == [15.0, 20.0, 0.0, 6.5, 0.0, 2.5, -1]
    assert rows.loc["按时报送", "detail"] == "应报2个月，按时0个月"
    assert rows.loc["超期任务", "detail"] == "超期任务1项"
    assert rows.loc["经费执行", "detail"] == "执行率60.0%，与时间进度相差35.0%"
    assert rows.loc["党建品牌", "detail"] == "尚未评分，不计分"
    zongcai = breakdown[breakdown["branch"] == "综采一队党支部"].set_index("indicator")
    assert zongcai.loc["党建品牌", "detail"] == "2026-03评定5分：品牌创建"  # not April's 1 point
    assert "停用指标" not in set(breakdown["indicator"])


def test_a_secretary_sees_their_branch_with_its_rank_among_all(session):
    rating = view(session, "sec_b")
    assert rating.branches[["branch", "score", "stars", "rank"]].values.tolist() == [
        ["掘进一队党支部", 48.0, 1, 2]
    ]
    assert set(rating.breakdown()["branch"]) == {"掘进一队党支部"}
    assert rating.average.value == 48.0


def test_periods_take_the_score_at_the_end_of_the_last_period_ended(session):
    assert stars.period_end("2026-03", stars.QUARTERLY) == "2026-03"
    assert stars.period_end("2026-05", stars.QUARTERLY) == "2026-03"
    assert stars.period_end("2026-02", stars.QUARTERLY) == "2025-12"
    assert stars.period_end("2026-12", stars.YEARLY) == "2026-12"
    assert stars.period_end("2026-11", stars.YEARLY) == "2025-12"
    quarter = view(session, period=stars.QUARTERLY)
    assert (quarter.label, round(quarter.average.value, 2), quarter.average.previous) == (
        "2026年第一季度",
        57.11,
        None,
    )
    year = view(session, period=stars.YEARLY)
    assert (year.label, year.average.value, year.reason) == ("2025年度", None, "2025年度尚未制定对标方案")
    assert year.branches["score"].isna().all()


@pytest.mark.parametrize(
    ("rule", "value", "expected"),
    [
        ("线性", 0.45, 15.0),  # 30 × 0.45 ÷ 0.9
        ("线性", 0.95, 30.0),  # capped at the weight
        ("阈值", 0.9, 30.0),  # exactly the target
        ("阈值", 0.6, 15.0),  # exactly the 及格值: half
        ("阈值", 0.59, 0.0),
        ("扣分", 3, 24.0),  # 30 − 3 × 2
        ("扣分", 20, 0.0),  # never below 0
        ("直接评分", Decimal("7.5"), 7.5),
        ("线性", None, None),  # no data: not scored
    ],
)
def test_scoring_rules(rule, value, expected):
    earned = stars.earned_points(
        rule=rule, weight=30, value=value, target=Decimal("0.9"), floor=Decimal("0.6"), deduction=Decimal(2)
    )
    assert earned == (None if expected is None else pytest.approx(expected))


def test_the_five_star_quota_holds_the_lowest_and_any_tie_at_the_boundary_to_four():
    scores = pd.Series([95.0, 92.0, 91.0, 85.0, 50.0, 30.0], index=list("abcdef"))
    levels, held = stars.assign_stars(scores, Fraction(1, 3))  # ⌊6 ÷ 3⌋ = 2 may be 五星
    assert levels.tolist() == [5, 5, 4, 4, 1, 1] and held == ["c"]

    tied = pd.Series([95.0, 92.0, 92.0, 80.0, 70.0, 60.0], index=list("abcdef"))
    levels, held = stars.assign_stars(tied, Fraction(1, 3))
    assert levels.tolist() == [5, 4, 4, 4, 3, 2] and held == ["b", "c"]

    levels, held = stars.assign_stars(tied, None)  # 不限
    assert levels.tolist() == [5, 5, 5, 4, 3, 2] and held == []


def test_the_quota_setting_is_applied_to_the_whole_organisation(fresh_session):
    admin = actor(fresh_session, "admin")
    for row in fresh_session.exec(select(BenchmarkIndicator)).all():
        row.active = row.name == "任务完成"  # only tasks count: 86.7, 10.0, 50.0
        row.target = Decimal("0.5") if row.name == "任务完成" else row.target
    fresh_session.flush()
    rating = view(fresh_session)  # 综采一队 100 and 机关 100 at 目标 50 %: ⌊3 × 1/3⌋ = 1 may be 五星, a tie
    assert rating.branches["score"].round(1).tolist() == [100.0, 100.0, 20.0]
    assert rating.branches["stars"].tolist() == [4, 4, 1]
    assert (rating.five_star_quota, rating.held_to_four) == (1, ("综采一队党支部", "机关党支部"))

    benchmark.set_five_star_share(session=fresh_session, actor=admin, share="1/2")  # ⌊1.5⌋ = 1: still held
    assert view(fresh_session).branches["stars"].tolist() == [4, 4, 1]
    benchmark.set_five_star_share(session=fresh_session, actor=admin, share="不限")
    assert view(fresh_session).branches["stars"].tolist() == [5, 5, 1]
    with pytest.raises(Refused, match="五星比例上限"):
        benchmark.set_five_star_share(session=fresh_session, actor=admin, share="90%")


def indicator(**values) -> schemas.IndicatorIn:
    typed = {
        "年度": 2027,
        "指标名称": "任务完成",
        "数据来源": "任务完成率",
        "计分方式": "线性",
        "分值": 30,
        "目标值(%)": 95,
    }
    return schemas.from_row(schemas.IndicatorIn, {**typed, **values})


def test_an_admin_saves_an_indicator_with_its_rates_as_percentages(fresh_session):
    admin = actor(fresh_session, "admin")
    outcome, row = benchmark.save_indicator(session=fresh_session, actor=admin, item=indicator())
    assert (outcome, row.target, row.weight) == ("inserted", Decimal("0.9500"), Decimal("30.00"))
    audit = fresh_session.exec(select(AuditLog).where(AuditLog.table_name == "benchmarkindicator")).all()
    assert [entry.action for entry in audit] == ["insert"]
    with pytest.raises(Refused, match="只有管理员"):
        benchmark.save_indicator(
            session=fresh_session, actor=actor(fresh_session, "leader"), item=indicator()
        )


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"计分方式": "扣分", "每项扣分": 1}, "计分方式", "比率，计分方式应为“线性”或“阈值”"),
        ({"数据来源": "超期任务数"}, "计分方式", "是计数，计分方式应为“扣分”"),
        ({"数据来源": "人工评分"}, "计分方式", "计分方式应为“直接评分”"),
        ({"计分方式": "阈值"}, "及格值(%)", "阈值计分请填写及格值"),
        ({"计分方式": "阈值", "及格值(%)": 95}, "及格值(%)", "应小于目标值"),
        ({"目标值(%)": None}, "目标值(%)", "请填写目标值"),
        ({"分值": 0}, "分值", "大于 0"),
        ({"数据来源": "满意度"}, "数据来源", "应为以下之一：任务完成率、学习达标率"),
    ],
)
def test_an_indicator_that_does_not_add_up_is_refused_naming_the_field(values, field, message):
    with pytest.raises(Refused) as refused:
        indicator(**values)
    assert refused.value.field == field
    assert message in refused.value.message


def test_a_new_year_follows_the_last_scheme_or_gets_the_recommended_one(fresh_session):
    admin = actor(fresh_session, "admin")
    assert benchmark.install_scheme(session=fresh_session, actor=admin, year=2027) == 7  # 2026's active ones
    names = [row.name for row in benchmark.scheme(session=fresh_session, year=2027)]
    assert names == ["任务完成", "学习达标", "三会一课", "经费执行", "按时报送", "超期任务", "党建品牌"]
    copied = benchmark.scheme(session=fresh_session, year=2027)[2]
    assert (copied.target, copied.floor, copied.weight) == (
        Decimal("0.9000"),
        Decimal("0.6000"),
        Decimal("20.00"),
    )
    with pytest.raises(Refused, match="2027年度已有对标方案"):
        benchmark.install_scheme(session=fresh_session, actor=admin, year=2027)
    assert benchmark.install_scheme(session=fresh_session, actor=admin, year=2020) == 7  # nothing earlier
    recommended = benchmark.scheme(session=fresh_session, year=2020)
    assert sum(row.weight for row in recommended) == 100


def score(**values) -> schemas.ManualScoreIn:
    typed = {
        "月份": "2026-03",
        "党支部": "机关党支部",
        "指标名称": "党建品牌",
        "得分": 4.5,
        "评分说明": "创建品牌",
    }
    return schemas.from_row(schemas.ManualScoreIn, {**typed, **values})


def test_a_leader_scores_a_branch_and_the_score_counts(fresh_session):
    leader = actor(fresh_session, "leader")
    outcome, _ = benchmark.save_manual_score(session=fresh_session, actor=leader, item=score(), today=TODAY)
    assert outcome == "inserted"
    rows = view(fresh_session).branches.set_index("branch")
    assert round(rows.loc["机关党支部", "score"], 2) == 48.5  # 44 + 4.5 of 100


@pytest.mark.parametrize(
    ("username", "values", "field", "message"),
    [
        ("sec_a", {}, None, "只有党委领导和管理员可以人工评分"),
        ("leader", {"得分": 6}, "得分", "不能超过该指标的分值 5 分"),
        ("leader", {"指标名称": "任务完成"}, "指标名称", "由系统数据计分，不能人工评分"),
        ("leader", {"指标名称": "停用指标"}, "指标名称", "没有启用的指标“停用指标”"),
        ("leader", {"月份": "2026-05"}, "月份", "不能为未来的月份评分"),
        ("leader", {"党支部": "已撤销党支部"}, "党支部", "找不到党支部"),
    ],
)
def test_a_score_that_cannot_stand_is_refused_and_nothing_is_written(
    fresh_session, username, values, field, message
):
    before = len(fresh_session.exec(select(ManualScore)).all())
    with pytest.raises(Refused) as refused:
        benchmark.save_manual_score(
            session=fresh_session, actor=actor(fresh_session, username), item=score(**values), today=TODAY
        )
    assert message in refused.value.message and refused.value.field == field
    assert len(fresh_session.exec(select(ManualScore)).all()) == before


def test_an_indicator_with_scores_can_be_disabled_but_not_deleted(fresh_session):
    admin = actor(fresh_session, "admin")
    brand = fresh_session.exec(select(BenchmarkIndicator).where(BenchmarkIndicator.name == "党建品牌")).one()
    with pytest.raises(Refused, match="已有人工评分，不能删除；可以停用"):
        benchmark.delete_indicator(session=fresh_session, actor=admin, indicator_id=brand.id)
    benchmark.set_indicator_active(session=fresh_session, actor=admin, indicator_id=brand.id, active=False)
    assert view(fresh_session).branches["scored_weight"].tolist() == [95, 95, 95]
    unused = fresh_session.exec(select(BenchmarkIndicator).where(BenchmarkIndicator.name == "停用指标")).one()
    benchmark.delete_indicator(session=fresh_session, actor=admin, indicator_id=unused.id)
    assert fresh_session.get(BenchmarkIndicator, unused.id) is None


def test_on_time_is_judged_by_the_beijing_day_of_the_last_submission(fresh_session):
    """March is due by 04-05: 23:59 in Beijing (15:59 UTC) is on time, 00:01 the next day is late."""
    from datetime import UTC, datetime

    from data_layer.models import Organisation, Submission

    names = {row.id: row.name for row in fresh_session.exec(select(Organisation)).all()}
    for row in fresh_session.exec(select(Submission).where(Submission.month == "2026-03")).all():
        if names[row.branch_id] == "综采一队党支部":
            row.submitted_at = datetime(2026, 4, 5, 15, 59, tzinfo=UTC)
        if names[row.branch_id] == "掘进一队党支部":
            row.submitted_at = datetime(2026, 4, 5, 16, 1, tzinfo=UTC)
    fresh_session.flush()
    counts = star_sources.timeliness(session=fresh_session, scope=WHOLE_TREE, month="2026-03", today=TODAY)
    by_name = {names[row.branch_id]: (row.due, row.on_time, row.late) for row in counts.itertuples()}
    assert by_name == {
        "综采一队党支部": (2, 2, 0),
        "掘进一队党支部": (2, 0, 2),  # February 已退回, March a minute late
        "机关党支部": (2, 0, 2),
    }
    before_the_deadline = star_sources.timeliness(
        session=fresh_session, scope=WHOLE_TREE, month="2026-03", today=date(2026, 4, 3)
    )
    by_name = {names[row.branch_id]: (row.due, row.on_time) for row in before_the_deadline.itertuples()}
    assert by_name["机关党支部"] == (1, 0)  # March 草稿 is not due yet


def test_once_every_deadline_through_a_month_has_passed_any_later_day_is_the_same_question():
    """March 2026's deadline is 04-05 (and February's 03-05): from 05-01 on the counts through March no
    longer change with the day, so the star answers of an older month are read, remembered and kept as
    one question, not again each day."""
    assert star_sources.settled(["2026-03"], date(2026, 4, 3)) == date(2026, 4, 3)
    assert star_sources.settled(["2026-03"], date(2026, 4, 30)) == date(2026, 4, 30)
    assert star_sources.settled(["2026-03"], date(2026, 12, 7)) == date(2026, 5, 1)
    assert star_sources.settled(["2026-03", "2026-02"], date(2026, 12, 7)) == date(2026, 5, 1)
    assert star_sources.settled(["2026-12"], date(2027, 6, 1)) == date(2027, 2, 1)


def test_the_counts_are_the_same_on_the_day_they_settle_and_any_later_day(fresh_session):
    on = {
        day: star_sources.timeliness(session=fresh_session, scope=WHOLE_TREE, month="2026-03", today=day)
        for day in (date(2026, 4, 30), date(2026, 5, 1), date(2029, 6, 15))
    }
    pd.testing.assert_frame_equal(on[date(2026, 4, 30)], on[date(2029, 6, 15)])
    pd.testing.assert_frame_equal(on[date(2026, 5, 1)], on[date(2029, 6, 15)])


def test_the_vectorised_totals_equal_the_breakdown_line_by_line(session):
    rating = view(session)
    lines = rating.breakdown().dropna(subset=["earned"])
    summed = lines.groupby("branch")[["earned", "weight"]].sum()
    totals = rating.branches.set_index("branch")
    for branch, row in summed.iterrows():
        assert totals.loc[branch, "earned"] == pytest.approx(row["earned"])
        assert totals.loc[branch, "scored_weight"] == pytest.approx(row["weight"])
        assert totals.loc[branch, "score"] == pytest.approx(100 * row["earned"] / row["weight"])
