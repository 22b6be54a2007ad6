"""The narrative paragraph: exact words for the hand-made fixture, and no figure the JSON report lacks."""

import re
from decimal import Decimal

from data_layer import reports
from data_layer.reports import narrative as words
from tests.actors import actor
from tests.handmade import MONTH

EXPECTED = (
    "2026年3月，测试党委党建任务完成率64.0%，环比提高23.0 个百分点；综采一队党支部居首（86.7%），"
    "掘进一队党支部滞后（10.0%），超期任务1项。学习达标率60.0%，环比下降20.0 个百分点，未达标党员2人。"
    "经费执行率40.0%（时间进度25.0%），环比提高27.5 个百分点；机关党支部进度偏快。"
    "三会一课本月完成率85.7%，本季度完成率59.3%，出席率87.9%，到会不足半数的会议2次。"
    "月度填报率66.7%，环比提高33.3 个百分点；机关党支部尚未报送。"
    "对标评星平均得分57.1 分，环比提高1.6 分；五星党支部0个、四星0个，二星及以下2个，"
    "综采一队党支部居首（77.0 分），机关党支部末位（46.3 分，主要失分在三会一课）。"
    # 金点子 and 帮扶结对 (tests/handmade_lean.py add_ideas, add_pairs)
    "金点子本年提出6条，采纳3条，采纳率50.0%，环比下降25.0 个百分点；见效1条，效益1.2 万元。"
    "帮扶结对4个，本月走访率50.0%，环比提高10.0 个百分点；连续3个月及以上未走访的结对1个。"
    # 党费 (tests/handmade_lean.py add_dues)
    "党费交纳率22.9%，环比下降5.2 个百分点，连续6个月以上未交纳党费1人。"
    # 党建+安全生产 (tests/handmade_safety.py): 三违 1 of 5 members and 3 of 35 others; (1.005 + 0.9) ÷ 2
    # against (0.99 + 1.02) ÷ 2; 隐患 5 of 16 by members; 掘进一队's non-injury accident; r over 3 党支部
    "党建+安全生产方面，党员三违率200.0‰，非党员85.7‰；生产计划完成率95.2%，环比下降5.2 个百分点；"
    "隐患排查党员贡献率31.2%；发生事故1起（其中伤亡事故0起）；"
    "党建强·生产强0个、党建强·生产弱0个、党建弱·生产强1个、党建弱·生产弱1个；"
    "综采一队党支部党建弱·生产强，掘进一队党支部发生事故，需重点关注；"
    "各党支部对标得分与全员三违率的相关系数为0.86（3个党支部；相关不等于因果）。"
)


def stated_numbers(report: dict) -> set[str]:
    """Every number the report holds, formatted as the narrative may state it."""
    found: set[str] = set()

    def walk(value) -> None:
        if isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            found.add(str(len(value)))
            for item in value:
                walk(item)
        elif isinstance(value, bool):
            return
        elif isinstance(value, int | float):
            found.update({f"{value * 100:.1f}", f"{abs(value) * 100:.1f}", str(value)})
            found.update({f"{value:.1f}", f"{abs(value):.1f}"})  # scores (对标得分) read with one decimal
        elif isinstance(value, str):
            found.update(re.findall(r"\d+(?:\.\d+)?", value))
            if re.fullmatch(r"\d+\.\d{2}", value):  # money, which sentences state in 万元
                found.add(f"{Decimal(value) / 10000:.1f}")

    walk(report)
    year, month = report["month"].split("-")
    return found | {year, str(int(month))}


def report(session):
    return reports.monthly_report(session=session, actor=actor(session, "leader"), month=MONTH)


def test_the_hand_made_month_reads_as_expected(session):
    assert words.paragraph(report(session)) == EXPECTED


def test_every_number_in_the_text_is_a_figure_of_the_report(session):
    data = report(session)
    text = words.paragraph(data)
    numbers = re.findall(r"\d+(?:\.\d+)?", text)
    assert numbers
    assert set(numbers) <= stated_numbers(data)


def test_a_secretary_narrative_names_only_their_branch(session):
    data = reports.monthly_report(session=session, actor=actor(session, "sec_b"), month=MONTH)
    text = words.paragraph(data)
    assert text.startswith("2026年3月，掘进一队党支部党建任务完成率10.0%")
    assert "综采一队" not in text and "机关" not in text
    assert set(re.findall(r"\d+(?:\.\d+)?", text)) <= stated_numbers(data)


def test_missing_figures_drop_their_sentence_and_changes_read_in_words():
    data = {
        "month": "2026-01",
        "org": "某党委",
        "overview": {
            "task_completion": {"value": 0.5, "previous": None, "change": None},
            "study_on_track": {"value": None, "previous": None, "change": None},
            "budget_execution": {"value": None, "previous": None, "change": None},
            "submission": {"value": 1.0, "previous": 1.0, "change": 0.0},
        },
        "tasks": {"by_branch": [], "overdue": 0},
        "study": {"laggards": []},
        "budget": {"by_branch": []},
        "meetings": {"month_compliance": None, "quarter_compliance": None, "attendance_rate": None},
        "submissions": {"missing": []},
    }
    assert words.paragraph(data) == (
        "2026年1月，某党委党建任务完成率50.0%，无超期任务。月度填报率100.0%，环比持平，各党支部均已报送。"
    )
    assert words.change(-0.0004) == "，环比持平"
    assert words.change(-0.2) == "，环比下降20.0 个百分点"
