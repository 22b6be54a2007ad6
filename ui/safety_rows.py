"""What the 党建+安全生产 page shows of a remembered SafetyView or BranchMonths, built once per answer
(ui/derived.py): the column specs of its tables, each 党支部's row with its 安全状况 in words and its
先锋岗 / 责任区 as "clean/checked", the 党支部 to talk about with why, the year's correlations as text
("—" with the reason where there is none), and the drill-down's months and posts. Counts of a 党支部 or
month without a safety record read "—", never 0 (UX)."""

import pandas as pd

from data_layer.metrics import safety
from data_layer.metrics.safety_view import (
    MIN_BRANCHES,
    PARTY_ONLY,
    PRODUCTION_ONLY,
    STRONG_SCORE,
    BranchMonths,
    SafetyView,
)
from ui import format, text
from ui.charts.safety import state_label
from ui.derived import derived

COUNT_COLUMNS = {
    "workforce": (text.SAFETY_WORKFORCE, "int"),
    "members": (text.SAFETY_MEMBER_COUNT, "int"),
    "violations_members": (text.SAFETY_MEMBER_VIOLATIONS, "int"),
    "member_violation_rate": (text.SAFETY_MEMBER_RATE, "permille"),
    "violations_others": (text.SAFETY_OTHER_VIOLATIONS, "int"),
    "other_violation_rate": (text.SAFETY_OTHER_RATE, "permille"),
    "hazards_found": (text.SAFETY_HAZARDS_FOUND, "int"),
    "hazards_closed": (text.SAFETY_HAZARDS_CLOSED, "int"),
    "hazards_by_members": (text.SAFETY_HAZARDS_BY_MEMBERS, "int"),
    "injury_accidents": (text.SAFETY_INJURY, "int"),
    "other_accidents": (text.SAFETY_OTHER_ACCIDENTS, "int"),
    "safe_days": (text.SAFETY_SAFE_DAYS, "int"),
}
BRANCHES = {
    "branch": (text.BRANCH, "text"),
    "unit": (text.SAFETY_UNIT, "text"),
    "score": (text.SAFETY_SCORE, "decimal"),
    "production_rate": (text.SAFETY_PRODUCTION_RATE, "percent"),
    "quadrant": (text.SAFETY_QUADRANT, "text"),
    "state": (text.SAFETY_STATE, "text"),
    **COUNT_COLUMNS,
    "posts_clean_of": (text.SAFETY_POSTS_CLEAN, "text"),
    "zones_clean_of": (text.SAFETY_ZONES_CLEAN, "text"),
}
TO_TALK_ABOUT = {
    "branch": (text.BRANCH, "text"),
    "unit": (text.SAFETY_UNIT, "text"),
    "score": (text.SAFETY_SCORE, "decimal"),
    "production_rate": (text.SAFETY_PRODUCTION_RATE, "percent"),
    "state": (text.SAFETY_STATE, "text"),
    "reason": (text.SAFETY_REASON, "text"),
}
TREND = {
    "month_label": (text.MONTH, "text"),
    **{
        name: (label, "int" if name.endswith("branches") else "text")
        for name, label in text.SAFETY_TREND_COLUMNS.items()
    },
}
MONTHS = {
    "month_label": (text.MONTH, "text"),
    "score": (text.SAFETY_SCORE, "decimal"),
    "production_rate": (text.SAFETY_PRODUCTION_RATE, "percent"),
    "state": (text.SAFETY_STATE, "text"),
    **COUNT_COLUMNS,
}
INDICATORS = {
    "indicator": (text.SAFETY_INDICATOR, "text"),
    "measure": (text.SAFETY_MEASURE, "text"),
    "plan": (text.SAFETY_PLAN, "decimal"),
    "actual": (text.SAFETY_ACTUAL, "decimal"),
    "rate": (text.SAFETY_PRODUCTION_RATE, "percent"),
}
POSTS = {
    "kind": (text.SAFETY_KIND, "text"),
    "name": (text.SAFETY_POST_NAME, "text"),
    "holder": (text.SAFETY_HOLDER, "text"),
    "started": (text.SAFETY_STARTED, "text"),
    "violation_free": (text.SAFETY_VIOLATION_FREE, "text"),
    "accident_free": (text.SAFETY_ACCIDENT_FREE, "text"),
    "note": (text.SAFETY_NOTE, "text"),
}
_COUNTS = [name for name, (_, kind) in COUNT_COLUMNS.items() if kind == "int"]
_REASONS = {
    PARTY_ONLY: text.SAFETY_REASON_PARTY_ONLY,
    PRODUCTION_ONLY: text.SAFETY_REASON_PRODUCTION_ONLY.format(strong=STRONG_SCORE),
}


def branches(shown: SafetyView) -> pd.DataFrame:
    """Every 党支部's row of the table."""
    return derived(shown, _branches)


def to_talk_about(shown: SafetyView) -> pd.DataFrame:
    """The 党支部 a meeting should discuss (``SafetyView.to_talk_about``), each with why."""
    return derived(shown, _to_talk_about)


def trend(rows: pd.DataFrame) -> pd.DataFrame:
    """The year's months (``safety_trend``) with each correlation as text: "+0.86", or "—" and why."""
    return derived(rows, _trend)


def branch_months(detail: BranchMonths) -> pd.DataFrame:
    """The chosen 党支部's months."""
    return derived(detail, _branch_months)


def posts(detail: BranchMonths) -> pd.DataFrame:
    """The chosen 党支部's 先锋岗 and 责任区 at M with their checks in words."""
    return derived(detail, _posts)


def _blank_without_record(frame: pd.DataFrame, recorded: pd.Series) -> pd.DataFrame:
    blanked = frame.assign(state=[state_label(state) for state in frame["safety_state"]])
    for name in _COUNTS:
        blanked[name] = blanked[name].astype(object).where(recorded, None)
    return blanked


def _of_checked(clean: pd.Series, checked: pd.Series) -> list[str]:
    return [
        text.SAFETY_OF_CHECKED.format(clean=kept, checked=of) if of else text.NO_VALUE
        for kept, of in zip(clean, checked, strict=True)
    ]


def _branches(shown: SafetyView) -> pd.DataFrame:
    rows = _blank_without_record(shown.by_branch, shown.by_branch["has_record"])
    rows["quadrant"] = rows["quadrant"].fillna(text.NO_VALUE)  # no score or no production: in none
    rows["posts_clean_of"] = _of_checked(rows["posts_clean"], rows["posts"])
    rows["zones_clean_of"] = _of_checked(rows["zones_clean"], rows["zones"])
    return rows


def _reason(state: str | None, quadrant: str | None) -> str:
    accident = text.SAFETY_REASON_ACCIDENT if state == safety.ACCIDENT else None
    return "；".join(why for why in (accident, _REASONS.get(quadrant or "")) if why)


def _to_talk_about(shown: SafetyView) -> pd.DataFrame:
    rows = shown.to_talk_about()
    return rows.assign(
        state=[state_label(state) for state in rows["safety_state"]],
        reason=[_reason(*pair) for pair in zip(rows["safety_state"], rows["quadrant"], strict=True)],
    )


def _correlation(r, branches: int) -> str:
    if r is not None and not pd.isna(r):
        return f"{r:+.2f}"
    if branches < MIN_BRANCHES:
        return text.SAFETY_R_FEW.format(count=branches, least=MIN_BRANCHES)
    return text.SAFETY_R_FLAT  # enough 党支部, but one of the figures the same for all: no r


def _trend(rows: pd.DataFrame) -> pd.DataFrame:
    return rows.assign(
        month_label=[format.month_label(month) for month in rows["month"]],
        **{
            r: [_correlation(*pair) for pair in zip(rows[r], rows[count], strict=True)]
            for r, count in (("production_r", "production_branches"), ("safety_r", "safety_branches"))
        },
    )


def _branch_months(detail: BranchMonths) -> pd.DataFrame:
    rows = _blank_without_record(detail.months, detail.months["safety_state"].notna())
    rows["month_label"] = [format.month_label(month) for month in rows["month"]]
    return rows


def _check(value) -> str:
    if value is None or pd.isna(value):
        return text.SAFETY_UNCHECKED
    return text.SAFETY_YES if value else text.SAFETY_NO


def _posts(detail: BranchMonths) -> pd.DataFrame:
    rows = detail.posts
    return rows.assign(
        kind=rows["kind"].astype(str),
        started=[format.month_label(month) for month in rows["started_month"]],
        violation_free=[_check(value) for value in rows["violation_free"]],
        accident_free=[_check(value) for value in rows["accident_free"]],
    )
