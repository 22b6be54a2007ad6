"""The monthly report's narrative paragraph, written from the JSON report alone (``reports.monthly_report``).

Pure and deterministic: the same report gives the same words. Every figure it states is a figure of the
report, written by ``data_layer.display`` as the screen, Excel and PDF write it: rates 64.0%, 环比 in
个百分点 with 提高/下降/持平, money in 万元, counts as whole numbers. A sentence whose figure is missing
(None) is left out.
"""

from typing import Any

from data_layer import display
from data_layer.reports.safety import first_few
from data_layer.vocab import BudgetStatus

# Budget statuses named in the narrative, in the order they are mentioned.
_BUDGET_FLAGS = (BudgetStatus.OVERSPENT, BudgetStatus.TOO_FAST, BudgetStatus.TOO_SLOW)

percent = display.percent
month_words = display.month_label


def change(delta: float | None) -> str:
    """ "，环比提高23.0个百分点" / "，环比下降20.0个百分点" / "，环比持平"; nothing without a previous month."""
    words = display.change_words(delta)
    return "" if words is None else f"，环比{words}"


def _figure(report: dict, name: str) -> tuple[float | None, float | None]:
    figure = report["overview"].get(name) or {}
    return figure.get("value"), figure.get("change")


def _tasks(report: dict) -> str | None:
    value, delta = _figure(report, "task_completion")
    if value is None:
        return None
    words = f"党建任务完成率{percent(value)}{change(delta)}"
    ranked = [row for row in report["tasks"]["by_branch"] if row["completion_rate"] is not None]
    if len(ranked) > 1:
        top = max(ranked, key=lambda row: row["completion_rate"])
        low = min(ranked, key=lambda row: row["completion_rate"])
        if top["completion_rate"] > low["completion_rate"]:
            words += (
                f"；{top['branch']}居首（{percent(top['completion_rate'])}），"
                f"{low['branch']}滞后（{percent(low['completion_rate'])}）"
            )
    overdue = report["tasks"]["overdue"]
    words += f"，超期任务{display.count(overdue)}项" if overdue else "，无超期任务"
    return words + "。"


def _study(report: dict) -> str | None:
    value, delta = _figure(report, "study_on_track")
    if value is None:
        return None
    laggards = len(report["study"].get("laggards") or [])
    tail = f"，未达标党员{display.count(laggards)}人" if laggards else "，党员全部达标"
    return f"学习达标率{percent(value)}{change(delta)}{tail}。"


def _budget(report: dict) -> str | None:
    value, delta = _figure(report, "budget_execution")
    if value is None:
        return None
    budget = report["budget"]
    progress = budget.get("time_progress")
    words = f"经费执行率{percent(value)}"
    if progress is not None:
        words += f"（时间进度{percent(progress)}）"
    words += change(delta)
    flagged = []
    for status in _BUDGET_FLAGS:
        names = [row["branch"] for row in budget["by_branch"] if row["status"] == status]
        if names:
            flagged.append(f"{'、'.join(names)}{'' if status == BudgetStatus.OVERSPENT else '进度'}{status}")
    if flagged:
        words += "；" + "，".join(flagged)
    return words + "。"


def _meetings(report: dict) -> str | None:
    meetings = report["meetings"]
    parts = []
    if meetings.get("month_compliance") is not None:
        parts.append(f"本月完成率{percent(meetings['month_compliance'])}")
    if meetings.get("quarter_compliance") is not None:
        parts.append(f"本季度完成率{percent(meetings['quarter_compliance'])}")
    if meetings.get("attendance_rate") is not None:
        parts.append(f"出席率{percent(meetings['attendance_rate'])}")
    if not parts:
        return None
    below = meetings.get("below_quorum") or 0
    if below:
        parts.append(f"到会不足半数的会议{display.count(below)}次")
    return "三会一课" + "，".join(parts) + "。"


def _submissions(report: dict) -> str | None:
    value, delta = _figure(report, "submission")
    if value is None:
        return None
    missing = report["submissions"]["missing"]
    tail = f"；{'、'.join(missing)}尚未报送" if missing else "，各党支部均已报送"
    return f"月度填报率{percent(value)}{change(delta)}{tail}。"


def _stars(report: dict) -> str | None:
    part = report.get("stars") or {}
    if part.get("average") is None:
        return None
    words = f"对标评星平均得分{display.score(part['average'])}"
    moved = display.score_change_words(part.get("change"))
    if moved is not None:
        words += f"，环比{moved}"
    counts = part["distribution"]
    words += f"；五星党支部{counts['五星']}个、四星{counts['四星']}个，二星及以下{counts['二星'] + counts['一星']}个"
    ranked = [row for row in part["by_branch"] if row["score"] is not None]
    if len(ranked) > 1:
        top, low = ranked[0], ranked[-1]
        words += f"，{top['branch']}居首（{display.score(top['score'])}），{low['branch']}末位（{display.score(low['score'])}"
        words += f"，主要失分在{low['lost_most']}）" if low.get("lost_most") else "）"
    return words + "。"


# --- 金点子 and 帮扶结对 ---


def _ideas(report: dict) -> str | None:
    part = report.get("ideas") or {}
    if part.get("adoption_rate") is None:
        return None
    words = (
        f"金点子本年提出{display.count(part['proposed'])}条，采纳{display.count(part['adopted'])}条，"
        f"采纳率{percent(part['adoption_rate'])}"
    )
    words += change(part.get("change"))
    if part["effective"]:
        words += f"；见效{display.count(part['effective'])}条，效益{display.wan_yuan(part['benefit_amount'])}"
    return words + "。"


def _pairs(report: dict) -> str | None:
    part = report.get("pairs") or {}
    if part.get("visit_rate") is None:
        return None
    words = f"帮扶结对{display.count(part['pairs'])}个，本月走访率{percent(part['visit_rate'])}{change(part.get('change'))}"
    if part["idle"]:
        words += f"；连续{part['idle_months']}个月及以上未走访的结对{display.count(part['idle'])}个"
    return words + "。"


# --- end of 金点子 and 帮扶结对 ---


def _dues(report: dict) -> str | None:
    part = report.get("dues") or {}
    paid = (part.get("paid_rate") or {}).get("value")
    if paid is None:
        return None
    words = f"党费交纳率{percent(paid)}{change(part['paid_rate'].get('change'))}"
    owing = len(part.get("arrears") or [])
    words += (
        f"，连续6个月以上未交纳党费{display.count(owing)}人" if owing else "，无连续6个月以上未交纳党费的党员"
    )
    return words + "。"


def _safety(report: dict) -> str | None:
    """党建+安全生产: figures side by side and the 党支部 to talk about; a correlation is stated with its
    number of 党支部 and never as a cause."""
    part = report.get("safety") or {}
    if not part or (not part["records"] and part["production_rate"]["value"] is None):
        return None
    parts = []
    members, others = part["member_violation_rate"]["value"], part["other_violation_rate"]["value"]
    if members is not None:
        parts.append(f"党员三违率{display.per_thousand(members)}，非党员{display.per_thousand(others)}")
    production = part["production_rate"]
    if production["value"] is not None:
        parts.append(f"生产计划完成率{percent(production['value'])}{change(production['change'])}")
    if part["member_hazard_share"]["value"] is not None:
        parts.append(f"隐患排查党员贡献率{percent(part['member_hazard_share']['value'])}")
    if part["records"]:
        accidents = part["accidents"]
        parts.append(
            f"发生事故{display.count(accidents)}起（其中伤亡事故{display.count(part['injury_accidents'])}起）"
            if accidents
            else "未发生事故"
        )
    if any(part["quadrants"].values()):
        parts.append("、".join(f"{name}{display.count(n)}个" for name, n in part["quadrants"].items()))
    talk = part["to_talk_about"]
    if talk:
        named = first_few([f"{row['branch']}{'、'.join(row['reasons'])}" for row in talk], "个党支部", "，")
        parts.append(f"{named}，需重点关注")
    correlation = part["correlation"]
    if correlation.get("safety_r") is not None:
        parts.append(
            f"各党支部对标得分与全员三违率的相关系数为{correlation['safety_r']}"
            f"（{display.count(correlation['safety_branches'])}个党支部；相关不等于因果）"
        )
    return "党建+安全生产方面，" + "；".join(parts) + "。"


def paragraph(report: dict[str, Any]) -> str:
    """One paragraph for the month's 通报, e.g. "2026年3月，测试党委党建任务完成率64.0%，环比提高23.0个百分点；…"."""
    sentences = [
        sentence
        for sentence in (
            _tasks(report),
            _study(report),
            _budget(report),
            _meetings(report),
            _submissions(report),
            _stars(report),
            _ideas(report),  # 金点子
            _pairs(report),  # 帮扶结对
            _dues(report),
            _safety(report),  # 党建+安全生产
        )
        if sentence
    ]
    opening = f"{month_words(report['month'])}，{report.get('org') or ''}"
    if not sentences:
        return f"{opening}暂无可通报的数据。"
    return opening + "".join(sentences)


HEADLINES = (
    ("task_completion", "任务完成率"),
    ("study_on_track", "学习达标率"),
    ("budget_execution", "经费执行率"),
    ("submission", "填报率"),
)


def title(report: dict[str, Any]) -> str:
    """ "测试党委 2026年3月 党建工作月度通报"."""
    return f"{report.get('org') or ''} {month_words(report['month'])} 党建工作月度通报".strip()
