"""对标 on 党建+安全生产's figures (both databases): a 2026 scheme with the hand-made one's indicators plus
生产计划完成率 (线性 to 100 %, 10 分), 党员三违率 (扣分 0.02 a ‰ from 10 分) and 隐患排查党员贡献率 (阈值 30 % /
及格 20 %, 10 分), added inside these tests only. Values at 2026-03 are tests/handmade_safety.py's:

  综采一队 生产 1.005 → 10 (capped); 党员三违 0 of 2 = 0‰ → 10; 隐患 4 of 10 = 40 % → 10.
    (77 + 30) of 130 = 82.31 → 四星.
  掘进一队 生产 0.9 → 9.0; 党员三违 1 of 2 = 500‰ → 10 − 0.02 × 500 = 0; 隐患 1 of 6 = 16.7 % (< 20 %) → 0.
    (48 + 9) of 130 = 43.85.
  机关 no production indicator: 生产 not scored; 党员三违 0 of 1 = 0‰ → 10; no 隐患 found: not scored.
    (44 + 10) of (95 + 10) = 51.43.
"""

from datetime import date

import pandas as pd
import pytest

from data_layer import schemas
from data_layer.errors import Refused
from data_layer.lean import benchmark
from data_layer.metrics import star_sources, stars
from data_layer.vocab import IndicatorSource
from tests.actors import actor

TODAY = date(2026, 4, 6)
ADDED = [
    {"指标名称": "生产完成", "数据来源": "生产计划完成率", "计分方式": "线性", "分值": 10, "目标值(%)": 100},
    {"指标名称": "党员三违", "数据来源": "党员三违率", "计分方式": "扣分", "分值": 10, "每项扣分": "0.02"},
    {
        "指标名称": "党员查隐患",
        "数据来源": "隐患排查党员贡献率",
        "计分方式": "阈值",
        "分值": 10,
        "目标值(%)": 30,
        "及格值(%)": 20,
    },
]


def indicator(**values) -> schemas.IndicatorIn:
    return schemas.from_row(schemas.IndicatorIn, {"年度": 2026, "排序": 20, **values})


@pytest.fixture
def scored(fresh_session):
    admin = actor(fresh_session, "admin")
    for values in ADDED:
        benchmark.save_indicator(session=fresh_session, actor=admin, item=indicator(**values))
    fresh_session.commit()
    return stars.star_view(
        session=fresh_session, actor=actor(fresh_session, "leader"), month="2026-03", today=TODAY
    )


def test_the_safety_sources_score_each_branch_by_hand(scored):
    table = scored.branches.set_index("branch")

    assert table["score"].round(2).to_dict() == {
        "综采一队党支部": 82.31,
        "机关党支部": 51.43,
        "掘进一队党支部": 43.85,
    }
    assert table["scored_weight"].to_dict() == {
        "综采一队党支部": 130,
        "机关党支部": 105,
        "掘进一队党支部": 130,
    }
    assert table.loc["综采一队党支部", "stars"] == 4
    lines = scored.breakdown().set_index(["branch", "indicator"])
    earned = lines["earned"].round(2)
    assert [earned[("综采一队党支部", name)] for name in ("生产完成", "党员三违", "党员查隐患")] == [
        10,
        10,
        10,
    ]
    assert [earned[("掘进一队党支部", name)] for name in ("生产完成", "党员三违", "党员查隐患")] == [9, 0, 0]
    assert lines.loc[("掘进一队党支部", "党员三违"), "detail"] == "党员三违率500.0‰"
    assert lines.loc[("掘进一队党支部", "生产完成"), "detail"] == "生产计划完成率90.0%"
    assert lines.loc[("掘进一队党支部", "党员查隐患"), "detail"] == "隐患排查党员贡献率16.7%"
    for name in ("生产完成", "党员查隐患"):  # no data: not scored, not 0
        assert lines.loc[("机关党支部", name), "detail"] == "无数据，不计分"
        assert pd.isna(lines.loc[("机关党支部", name), "earned"])
    assert earned[("机关党支部", "党员三违")] == 10


def test_a_scheme_without_them_reads_no_safety_figures(session):
    values = star_sources.source_values_at(
        session=session,
        scope=stars.WHOLE_TREE,
        at=("2026-03",),
        today=TODAY,
    )["2026-03"]
    for source in (
        IndicatorSource.PRODUCTION_RATE,
        IndicatorSource.MEMBER_VIOLATION_RATE,
        IndicatorSource.MEMBER_HAZARD_SHARE,
    ):
        assert values[source].isna().all()


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"数据来源": "党员三违率"}, "计分方式", "按每千人计、越低越好，计分方式应为“扣分”"),
        ({"数据来源": "党员三违率", "计分方式": "阈值", "及格值(%)": 5}, "计分方式", "越低越好"),
        (
            {"数据来源": "生产计划完成率", "计分方式": "扣分", "每项扣分": 1},
            "计分方式",
            "比率，计分方式应为“线性”或“阈值”",
        ),
        ({"数据来源": "隐患排查党员贡献率", "计分方式": "扣分", "每项扣分": 1}, "计分方式", "比率"),
    ],
)
def test_a_safety_indicator_that_does_not_fit_its_source_is_refused(values, field, message):
    typed = {"指标名称": "安全", "计分方式": "线性", "分值": 10, "目标值(%)": 100}
    with pytest.raises(Refused) as refused:
        indicator(**(typed | values))
    assert refused.value.field == field
    assert message in refused.value.message
