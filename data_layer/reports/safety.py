"""党建+安全生产 in the monthly report: the scope's figures at M with 环比, the quadrant counts, the 党支部 to
talk about, every 党支部's row and the 党员先锋岗 / 党员责任区 that did not stay clean, as plain data; and the
Excel sheets built from it.

Like ``reports``: rates rounded to 4 decimals; 三违率 per thousand people, 对标 scores and Pearson's r to
2; 党支部 named, 先锋岗 / 责任区 holders named (masked in anonymised files).
The figures are ``metrics.safety_view``'s (one definition).
"""

from typing import Any

import pandas as pd

from data_layer import display
from data_layer.excel import Sheet
from data_layer.metrics import safety
from data_layer.metrics.common import Figure
from data_layer.metrics.safety_view import PARTY_ONLY, PRODUCTION_ONLY, SafetyView
from data_layer.reports import _values as values

TOTAL = "合计"
ACCIDENT_REASON = "发生事故"
APART = (PARTY_ONLY, PRODUCTION_ONLY)


def _per_mille(shown: Figure) -> dict[str, float | None]:
    return {
        "value": values.average(shown.value),
        "previous": values.average(shown.previous),
        "change": values.average(shown.change),
    }


def talk_reasons(row: dict[str, Any]) -> list[str]:
    """Why a 党支部 of ``SafetyView.to_talk_about`` is there: 党建 and 生产 pulling apart (its quadrant), an
    accident."""
    reasons = [row["quadrant"]] if row.get("quadrant") in APART else []
    if row.get("safety_state") == safety.ACCIDENT:
        reasons.append(ACCIDENT_REASON)
    return reasons


def _branch(row) -> dict[str, Any]:
    return {
        "branch": row.branch,
        "unit": None if pd.isna(row.unit) else row.unit,
        "score": values.average(row.score),
        "production_rate": values.rate(row.production_rate),
        "quadrant": row.quadrant,
        "has_record": bool(row.has_record),
        "workforce": int(row.workforce),
        "members": int(row.members),
        "violations_members": int(row.violations_members),
        "violations_others": int(row.violations_others),
        "member_violation_rate": values.average(row.member_violation_rate),
        "other_violation_rate": values.average(row.other_violation_rate),
        "hazards_found": int(row.hazards_found),
        "hazards_closed": int(row.hazards_closed),
        "hazards_by_members": int(row.hazards_by_members),
        "member_hazard_share": values.rate(row.member_hazard_share),
        "injury_accidents": int(row.injury_accidents),
        "other_accidents": int(row.other_accidents),
        "safe_days": int(row.safe_days) if row.has_record else None,
        "safety_state": row.safety_state,
        "posts": int(row.posts),
        "posts_clean": int(row.posts_clean),
        "zones": int(row.zones),
        "zones_clean": int(row.zones_clean),
    }


def _not_clean(posts: pd.DataFrame, names: dict[int, str]) -> list[dict[str, Any]]:
    checked = posts[posts["checked"]]
    broken = checked[~(checked["violation_free"].astype(bool) & checked["accident_free"].astype(bool))]
    return [
        {
            "branch": names[int(row.branch_id)],
            "kind": str(row.kind),
            "name": row.name,
            "holder": row.holder,
            "violation_free": bool(row.violation_free),
            "accident_free": bool(row.accident_free),
        }
        for row in broken.itertuples()
        if int(row.branch_id) in names
    ]


def safety_part(view: SafetyView, posts: pd.DataFrame) -> dict[str, Any]:
    """党建+安全生产 at M from the page's view and the 先锋岗 / 责任区 held at M (``safety.pioneer_rows``)."""
    totals = view.totals
    correlation = view.correlation
    branches = [_branch(row) for row in view.by_branch.itertuples()]
    counts = view.quadrant_counts()
    return {
        "records": totals.records,
        "production_rate": values.figure(view.production_rate),
        "member_violation_rate": _per_mille(view.member_violation_rate),
        "other_violation_rate": _per_mille(view.other_violation_rate),
        "member_hazard_share": values.figure(view.member_hazard_share),
        "hazard_closure": values.figure(view.hazard_closure),
        "post_clean_rate": values.figure(view.post_clean_rate),
        "zone_clean_rate": values.figure(view.zone_clean_rate),
        "violations_members": totals.violations_members,
        "violations_others": totals.violations_others,
        "hazards_found": totals.hazards_found,
        "accidents": totals.injury_accidents + totals.other_accidents,
        "injury_accidents": totals.injury_accidents,
        "other_accidents": totals.other_accidents,
        "quadrants": dict(zip(counts["quadrant"], (int(n) for n in counts["count"]), strict=True)),
        "to_talk_about": [
            {"branch": row["branch"], "reasons": talk_reasons(row)}
            for row in view.to_talk_about().to_dict("records")
        ],
        "correlation": {
            "safety_branches": correlation.safety_branches,
            "safety_r": values.average(correlation.safety_r),
            "production_branches": correlation.production_branches,
            "production_r": values.average(correlation.production_r),
        },
        "by_branch": branches,
        "posts_not_clean": _not_clean(
            posts, dict(zip(view.by_branch["branch_id"], view.by_branch["branch"], strict=True))
        ),
    }


def safety_headlines(
    report: dict[str, Any],
) -> list[tuple[str, str, float | None, float | None, float | None]]:
    """The section's headline figures as (label, kind, value, previous, change): kind "rate" or "per_mille"
    (三违 per thousand people); none when the report lacks the section."""
    part = report.get("safety")
    if not part:
        return []
    rows = []
    for key, label, kind in (
        ("production_rate", "生产计划完成率", "rate"),
        ("member_violation_rate", "党员三违率", "per_mille"),
        ("other_violation_rate", "非党员三违率", "per_mille"),
        ("member_hazard_share", "隐患排查党员贡献率", "rate"),
        ("post_clean_rate", "党员身边无三违率", "rate"),
        ("zone_clean_rate", "党员责任区无事故率", "rate"),
    ):
        shown = part[key]
        rows.append((label, kind, shown["value"], shown["previous"], shown["change"]))
    return rows


def per_mille_words(value: float | None, delta: float | None) -> str:
    """ "200.0‰（环比 +200.0 ‰）", as the summary sheet states a figure that is not a rate."""
    words = display.per_thousand(value)
    moved = display.per_thousand_change(delta)
    return words if moved is None else f"{words}（环比 {moved}）"


NAMED = 5  # 党支部 (or 先锋岗) named in a sentence or a note; the rest are counted


def first_few(words: list[str], unit: str, separator: str = "；") -> str:
    """The first NAMED of ``words``, then "等 N 个<unit>" when there are more (a group has hundreds)."""
    named = separator.join(words[:NAMED])
    return named if len(words) <= NAMED else f"{named}等{display.count(len(words))}{unit}"


def safety_notes(report: dict[str, Any]) -> list[tuple[str, str]]:
    """The section's words beside its figures, as (item, words): the quadrant counts, the 党支部 to talk
    about, the 先锋岗 / 责任区 not kept clean."""
    part = report.get("safety")
    if not part:
        return []
    notes = [
        ("象限分布", "、".join(f"{name} {display.count(n)} 个" for name, n in part["quadrants"].items()))
    ]
    if part["to_talk_about"]:
        notes.append(
            (
                "需重点关注",
                first_few(
                    [f"{row['branch']}（{'、'.join(row['reasons'])}）" for row in part["to_talk_about"]],
                    "个党支部",
                ),
            )
        )
    if part["posts_not_clean"]:
        notes.append(
            (
                "先锋岗/责任区未保持",
                first_few(
                    [f"{row['branch']} {row['name']}（{row['holder']}）" for row in part["posts_not_clean"]],
                    "个岗区",
                ),
            )
        )
    return notes


BRANCH_HEADERS = {
    "branch": "党支部",
    "unit": "区队/科室",
    "score": "对标得分",
    "production_rate": "生产计划完成率",
    "quadrant": "象限",
    "workforce": "在册职工",
    "members": "党员",
    "violations_members": "党员三违",
    "violations_others": "非党员三违",
    "member_violation_rate": "党员三违率(‰)",
    "other_violation_rate": "非党员三违率(‰)",
    "hazards_found": "隐患排查",
    "hazards_closed": "隐患整改",
    "hazards_by_members": "党员排查隐患",
    "member_hazard_share": "隐患排查党员贡献率",
    "injury_accidents": "伤亡事故",
    "other_accidents": "非伤亡事故",
    "safe_days": "安全生产天数",
    "safety_state": "安全状况",
}
POST_HEADERS = {
    "branch": "党支部",
    "kind": "类别",
    "name": "岗位/责任区",
    "holder": "党员",
    "violation_free": "无三违",
    "accident_free": "无事故",
}


def safety_sheets(report: dict[str, Any]) -> list[Sheet]:
    """The Excel report's 党建+安全生产 sheets: every 党支部 with the scope's total (counts added over the 党支部
    with a safety record, as the figures are), and the 先锋岗 / 责任区 that had a 三违 or an accident in M."""
    part = report.get("safety")
    if not part:
        return []
    recorded = [row for row in part["by_branch"] if row["has_record"]]
    total = {
        name: sum(row[name] for row in recorded)
        for name in ("workforce", "members", "hazards_closed", "hazards_by_members")
    } | {
        "branch": TOTAL,
        "production_rate": part["production_rate"]["value"],
        "violations_members": part["violations_members"],
        "violations_others": part["violations_others"],
        "member_violation_rate": part["member_violation_rate"]["value"],
        "other_violation_rate": part["other_violation_rate"]["value"],
        "hazards_found": part["hazards_found"],
        "member_hazard_share": part["member_hazard_share"]["value"],
        "injury_accidents": part["injury_accidents"],
        "other_accidents": part["other_accidents"],
    }
    branches = pd.DataFrame([*part["by_branch"], total], columns=list(BRANCH_HEADERS))
    posts = pd.DataFrame(part["posts_not_clean"], columns=list(POST_HEADERS))
    for column in ("violation_free", "accident_free"):
        posts[column] = posts[column].map({True: "是", False: "否"})
    counts = dict.fromkeys(
        (
            "workforce",
            "members",
            "violations_members",
            "violations_others",
            "hazards_found",
            "hazards_closed",
            "hazards_by_members",
            "injury_accidents",
            "other_accidents",
            "safe_days",
        ),
        "int",
    )
    return [
        Sheet(
            "党建+安全生产",
            branches.astype(object).where(branches.notna(), None),
            BRANCH_HEADERS,
            counts
            | {
                "score": "decimal",
                "production_rate": "percent",
                "member_violation_rate": "decimal",
                "other_violation_rate": "decimal",
                "member_hazard_share": "percent",
            },
        ),
        Sheet("先锋岗责任区_未保持", posts.astype(object).where(posts.notna(), None), POST_HEADERS),
    ]
