"""The lean mechanisms' part of the monthly report (对标评星, 金点子, 帮扶结对, 党费) as plain data, and the
sheets of the Excel report built from it.

Like ``reports``: rates rounded to 4 decimals, scores to 2, money as text with 2 decimals; 党支部 named.
"""

from decimal import Decimal
from typing import Any

import pandas as pd

from data_layer.excel import Sheet
from data_layer.metrics.ideas import IdeasView  # 金点子
from data_layer.metrics.pairs import PairsView  # 帮扶结对
from data_layer.metrics.stars import StarView
from data_layer.reports import _values as values

STAR_NAMES = {5: "五星", 4: "四星", 3: "三星", 2: "二星", 1: "一星"}


def stars_part(view: StarView) -> dict[str, Any]:
    """对标评星 of the month: the average with 环比, how many 党支部 have each star level, and every 党支部's
    score, stars, rank (among all) and the indicator where it lost most."""
    counts = dict(zip(view.distribution()["stars"], view.distribution()["count"], strict=True))
    return {
        "period": view.period,
        "label": view.label,
        "reason": view.reason,
        "average": values.number(view.average.value, 2),
        "previous": values.number(view.average.previous, 2),
        "change": values.number(view.average.change, 2),
        "five_star_quota": view.five_star_quota,
        "held_to_four": list(view.held_to_four),
        "distribution": {STAR_NAMES[stars]: int(counts[stars]) for stars in STAR_NAMES},
        "by_branch": [
            {
                "branch": row.branch,
                "score": values.number(row.score, 2),
                "stars": values.integer(row.stars),
                "rank": values.integer(row.rank),
                "lost_most": None if pd.isna(row.lost_most) else row.lost_most,
            }
            for row in view.branches.itertuples()
        ],
    }


def stars_sheet(report: dict[str, Any]) -> Sheet:
    part = report["stars"]
    frame = pd.DataFrame(part["by_branch"], columns=["rank", "branch", "score", "stars", "lost_most"])
    frame["stars"] = frame["stars"].map(lambda stars: STAR_NAMES.get(stars) if pd.notna(stars) else None)
    return Sheet(
        "对标评星",
        frame.astype(object).where(frame.notna(), None),
        {
            "rank": "排名",
            "branch": "党支部",
            "score": "对标得分",
            "stars": "星级",
            "lost_most": "失分最多的指标",
        },
        {"rank": "int", "score": "decimal"},
    )


# --- 金点子 and 帮扶结对 ---


def ideas_part(view: IdeasView) -> dict[str, Any]:
    """金点子 of the year through M: proposed, adopted and effective by M, 采纳率 with 环比, 效益, per 党支部."""
    rate = view.adoption_rate
    return {
        "proposed": view.proposed,
        "adopted": view.adopted,
        "effective": view.effective,
        "adoption_rate": values.number(rate.value, 4),
        "previous": values.number(rate.previous, 4),
        "change": values.number(rate.change, 4),
        "benefit_amount": values.money(view.benefit_amount),
        "reason": rate.reason,
        "by_branch": [
            {
                "branch": row.branch,
                "proposed": int(row.proposed),
                "adopted": int(row.adopted),
                "adoption_rate": values.number(row.adoption_rate, 4),
                "effective": int(row.effective),
                "benefit_amount": values.money(row.benefit_amount),
            }
            for row in view.by_branch.itertuples()
        ],
    }


def pairs_part(view: PairsView) -> dict[str, Any]:
    """帮扶结对 at M: pairings in force, visited in M, 走访率 with 环比, 超期未走访 (no names), per 党支部."""
    rate = view.visit_rate
    return {
        "pairs": view.pairs,
        "visited": view.visited,
        "visit_rate": values.number(rate.value, 4),
        "previous": values.number(rate.previous, 4),
        "change": values.number(rate.change, 4),
        "idle": len(view.idle),
        "idle_months": view.idle_months,
        "reason": rate.reason,
        "by_branch": [
            {
                "branch": row.branch,
                "pairs": int(row.pairs),
                "visited": int(row.visited),
                "visit_rate": values.number(row.visit_rate, 4),
                "idle": int(row.idle),
            }
            for row in view.by_branch.itertuples()
        ],
    }


def ideas_sheet(report: dict[str, Any]) -> Sheet:
    frame = pd.DataFrame(
        report["ideas"]["by_branch"],
        columns=["branch", "proposed", "adopted", "adoption_rate", "effective", "benefit_amount"],
    )
    frame["benefit_amount"] = frame["benefit_amount"].map(Decimal)
    return Sheet(
        "金点子",
        frame.astype(object).where(frame.notna(), None),
        {
            "branch": "党支部",
            "proposed": "提出",
            "adopted": "采纳",
            "adoption_rate": "采纳率",
            "effective": "见效",
            "benefit_amount": "效益(元)",
        },
        {
            "proposed": "int",
            "adopted": "int",
            "adoption_rate": "percent",
            "effective": "int",
            "benefit_amount": "money",
        },
    )


def pairs_sheet(report: dict[str, Any]) -> Sheet:
    frame = pd.DataFrame(
        report["pairs"]["by_branch"], columns=["branch", "pairs", "visited", "visit_rate", "idle"]
    )
    return Sheet(
        "帮扶结对",
        frame.astype(object).where(frame.notna(), None),
        {
            "branch": "党支部",
            "pairs": "结对数",
            "visited": "本月已走访",
            "visit_rate": "本月走访率",
            "idle": "超期未走访",
        },
        {"pairs": "int", "visited": "int", "visit_rate": "percent", "idle": "int"},
    )


# --- end of 金点子 and 帮扶结对 ---


def dues_part(view) -> dict[str, Any]:
    """党费 January–M: 应交, 实交, 交纳率 with 环比, per 党支部, and members unpaid 6 months or more running."""
    return {
        "due_ytd": values.money(view.due_ytd),
        "paid_ytd": values.money(view.paid_ytd),
        "paid_rate": values.figure(view.paid_rate),
        "by_branch": [
            {
                "branch": row.branch,
                "members": int(row.members),
                "due_ytd": values.money(row.due_ytd),
                "paid_ytd": values.money(row.paid_ytd),
                "paid_rate": values.rate(row.paid_rate),
                "arrears_members": int(row.arrears_members),
            }
            for row in view.by_branch.itertuples()
        ],
        "arrears": [
            {
                "member_no": row.member_no,
                "name": row.name,
                "branch": row.branch,
                "unpaid_months": int(row.unpaid_months),
                "owed": values.money(row.owed),
            }
            for row in view.arrears.itertuples()
        ],
    }


def dues_sheets(report: dict[str, Any]) -> list[Sheet]:
    """The Excel report's 党费 sheets: per 党支部, and the members unpaid 6 months or more running."""
    dues = pd.DataFrame(
        report["dues"]["by_branch"],
        columns=["branch", "members", "due_ytd", "paid_ytd", "paid_rate", "arrears_members"],
    )
    for column in ("due_ytd", "paid_ytd"):
        dues[column] = dues[column].map(lambda text: None if text is None else Decimal(text))
    owing = pd.DataFrame(report["dues"]["arrears"]).reindex(
        columns=["member_no", "name", "branch", "unpaid_months", "owed"]
    )
    owing["owed"] = owing["owed"].map(lambda text: None if text is None else Decimal(text))
    headers = {
        "member_no": "党员编号",
        "name": "姓名",
        "branch": "党支部",
        "unpaid_months": "连续未交（月）",
        "owed": "欠缴金额(元)",
    }
    if report.get("anonymised"):  # names masked, 党员编号 left out (report_files.anonymised)
        owing = owing.drop(columns="member_no")
        headers.pop("member_no")
    return [
        Sheet(
            "党费_党支部",
            dues.astype(object).where(dues.notna(), None),
            {
                "branch": "党支部",
                "members": "党员（人）",
                "due_ytd": "应交(元)",
                "paid_ytd": "实交(元)",
                "paid_rate": "交纳率",
                "arrears_members": "欠缴6个月以上（人）",
            },
            {
                "members": "int",
                "due_ytd": "money",
                "paid_ytd": "money",
                "paid_rate": "percent",
                "arrears_members": "int",
            },
        ),
        Sheet(
            "党费_欠缴",
            owing.astype(object).where(owing.notna(), None),
            headers,
            {"unpaid_months": "int", "owed": "money"},
        ),
    ]


def lean_headlines(report: dict[str, Any]) -> list[tuple[str, str, float | None, float | None, float | None]]:
    """The four lean figures as (label, kind, value, previous, change): kind "score" (对标, points out of
    100) or "rate"; a part the report lacks is left out."""
    rows = []
    stars = report.get("stars")
    if stars:
        rows.append(("对标平均分", "score", stars["average"], stars["previous"], stars["change"]))
    ideas = report.get("ideas")
    if ideas:
        rows.append(("金点子采纳率", "rate", ideas["adoption_rate"], ideas["previous"], ideas["change"]))
    pairs = report.get("pairs")
    if pairs:
        rows.append(("帮扶走访率", "rate", pairs["visit_rate"], pairs["previous"], pairs["change"]))
    dues = report.get("dues")
    if dues:
        paid = dues["paid_rate"]
        rows.append(("党费交纳率", "rate", paid["value"], paid["previous"], paid["change"]))
    return rows
