"""Domain rules with their source. Each threshold is named once here and used everywhere.

See docs/metrics.md for how the figures use them.
"""

import math
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pandas as pd

from data_layer.vocab import BudgetStatus, MeetingKind, TaskStatus

# 组通字〔2017〕38号: 党建工作经费一般按上年度职工工资总额 1% 的比例安排.
BUDGET_SHARE_OF_PAYROLL = Decimal("0.01")
# Same notice: 结余经费累计超过上年度职工工资总额 2% 的, 应减少下一年度的安排.
CARRY_FORWARD_CAP_SHARE = Decimal("0.02")

# Task status against plan progress (house definitions, issue "Foundation" §6).
BEHIND_TOLERANCE = 0.10

# 任务量均衡: an owner whose load (Σ weight of the year's tasks) exceeds this many times the median.
WORKLOAD_FACTOR = 2

# 红黑榜 and alerts: a 党支部 whose study on-track rate is below this is "学习滞后".
STUDY_LAGGING_RATE = 0.6

# Budget pacing against time progress (month ÷ 12).
TOO_FAST_MARGIN = 0.15
TOO_SLOW_MARGIN = -0.25


def budget_rule_amount(last_year_payroll: Decimal) -> Decimal:
    """The 1 % rule: the year's party-building budget from last year's payroll, to the fen."""
    return (last_year_payroll * BUDGET_SHARE_OF_PAYROLL).quantize(Decimal("0.01"))


def largest_remainder(total: int, weights: list[float]) -> list[int]:
    """Split an integer total in proportion to weights, the parts summing to exactly ``total``."""
    raw = [total * w / sum(weights) for w in weights]
    parts = [math.floor(x) for x in raw]
    by_remainder = sorted(range(len(raw)), key=lambda i: (raw[i] - parts[i], -i), reverse=True)
    for i in by_remainder[: total - sum(parts)]:
        parts[i] += 1
    return parts


def task_status(ratio: float, plan: float) -> TaskStatus:
    """已完成 at ratio 1; else 正常 / 滞后 / 严重滞后 by the gap to plan progress."""
    if ratio >= 1:
        return TaskStatus.COMPLETED
    gap = round(ratio - plan, 9)  # rates come from float SQL arithmetic; compare at a fixed precision
    if gap >= 0:
        return TaskStatus.ON_TRACK
    if gap >= -BEHIND_TOLERANCE:
        return TaskStatus.BEHIND
    return TaskStatus.FAR_BEHIND


def is_overdue(*, due_month_index: int, month_index: int, ratio: float) -> bool:
    """超期: the due month is before M and the task is not finished."""
    return due_month_index < month_index and ratio < 1


def budget_status(execution_rate: float, time_progress: float) -> BudgetStatus:
    if execution_rate > 1:
        return BudgetStatus.OVERSPENT
    gap = round(execution_rate - time_progress, 9)
    if gap > TOO_FAST_MARGIN:
        return BudgetStatus.TOO_FAST
    if gap < TOO_SLOW_MARGIN:
        return BudgetStatus.TOO_SLOW
    return BudgetStatus.NORMAL


def budget_statuses(execution_rates: pd.Series, time_progress: float) -> pd.Series:
    """``budget_status`` of each execution rate (None where there is no rate)."""
    return execution_rates.map(
        lambda rate: budget_status(rate, time_progress) if rate is not None and pd.notna(rate) else None
    ).astype(object)


# --- 三会一课 ---
# 《中国共产党支部工作条例（试行）》(2018): 党支部党员大会 "一般每季度召开1次" (第十一条); 党支部委员会会议
# "一般每月召开1次" (第十二条); 党小组会 "一般每月召开1次" (第十三条); "党支部每月相对固定1天开展主题党日"
# (组织生活一章). The 条例 asks branches to 按期上党课 without fixing how often: quarterly by default,
# monthly when the setting "lecture_frequency" is "monthly".
MONTHLY = "monthly"
QUARTERLY = "quarterly"
MEETING_FREQUENCIES = {
    MeetingKind.COMMITTEE: MONTHLY,
    MeetingKind.GROUP: MONTHLY,  # once a month in every active 党小组 of the branch
    MeetingKind.THEME_DAY: MONTHLY,
    MeetingKind.CONGRESS: QUARTERLY,
}
# 第十一条: 表决必须有半数以上有表决权的党员到会方可进行; 第十二条: 支委会须有半数以上委员到会方可进行.
# A meeting where no more than half of those expected came (actual ≤ expected × 1/2) is below quorum.
QUORUM_SHARE = Fraction(1, 2)


def meeting_frequency(kind: str, *, lecture_frequency: str | None) -> str:
    """MONTHLY or QUARTERLY: 党课 follows the setting, the other kinds the 条例."""
    if kind == MeetingKind.LECTURE:
        return MONTHLY if lecture_frequency == MONTHLY else QUARTERLY
    return MEETING_FREQUENCIES[MeetingKind(kind)]


def below_quorum(*, actual: int, expected: int) -> bool:
    return actual <= expected * QUORUM_SHARE


# --- 对标 / 星级评定 ---
# A 党支部's score is out of 100; its star level is the highest whose threshold the score reaches.
STAR_THRESHOLDS = ((5, 90), (4, 80), (3, 70), (2, 60))
LOWEST_STAR = 1
# 五星 is capped at this share of the scored 党支部 (setting "five_star_share" overrides it, e.g. "1/3").
FIVE_STAR_SHARE = Fraction(1, 3)


def stars_of(scores: pd.Series) -> pd.Series:
    """Star level 1–5 of each score out of 100, before the 五星 quota (index kept)."""
    rounded = scores.astype(float).round(9)
    levels = np.select(
        [rounded >= lowest for _, lowest in STAR_THRESHOLDS],
        [stars for stars, _ in STAR_THRESHOLDS],
        LOWEST_STAR,
    )
    return pd.Series(levels, index=scores.index)


# --- 帮扶结对 ---
# A pairing with no visit in this many months running (setting "pairing_idle_months") is flagged.
PAIRING_IDLE_MONTHS = 3

# --- 党费 ---
# 《关于中国共产党党费收缴、使用和管理的规定》(中组发〔2008〕3号): 每月工资收入（税后）在3000元以下（含3000元）
# 者交纳月工资收入的0.5%；3000元以上至5000元（含5000元）者交纳1%；5000元以上至10000元（含10000元）者交纳
# 1.5%；10000元以上者交纳2%. Upper bound of each bracket (None: no bound) and its rate; the setting
# "dues_brackets" overrides it ("3000:0.5,5000:1,10000:1.5,*:2", rates in percent).
DUES_BRACKETS: tuple[tuple[Decimal | None, Decimal], ...] = (
    (Decimal(3000), Decimal("0.005")),
    (Decimal(5000), Decimal("0.01")),
    (Decimal(10000), Decimal("0.015")),
    (None, Decimal("0.02")),
)
# Same 规定: 党员连续6个月不交纳党费 is reviewed as 自行脱党 (党章第九条).
DUES_ARREARS_MONTHS = 6
