"""Domain vocabulary: the fixed values stored in the database and shown on screen.

Members are named in English for the code; their values are the Chinese words people use, so the
same word is stored, imported from Excel and shown, with no translation table to keep in step.
"""

from enum import StrEnum


class OrgKind(StrEnum):
    COMMITTEE = "党委"
    GENERAL_BRANCH = "党总支"
    BRANCH = "党支部"
    GROUP = "党小组"


class MemberCategory(StrEnum):
    FULL = "正式党员"
    PROBATIONARY = "预备党员"


class Role(StrEnum):
    ADMIN = "admin"
    LEADER = "leader"
    SECRETARY = "secretary"


class GoalCategory(StrEnum):
    IDEOLOGY = "思想建设"
    ORGANISATION = "组织建设"
    CONDUCT = "作风建设"
    DISCIPLINE = "纪律建设"
    BRAND = "品牌创建"


class TaskMode(StrEnum):
    ASSIGNED = "定制"
    CLAIMED = "领办"


class TaskStatus(StrEnum):
    COMPLETED = "已完成"
    ON_TRACK = "正常"
    BEHIND = "滞后"
    FAR_BEHIND = "严重滞后"
    OVERDUE = "超期"


class BudgetStatus(StrEnum):
    OVERSPENT = "超支"
    TOO_FAST = "偏快"
    TOO_SLOW = "偏慢"
    NORMAL = "正常"


class MeetingKind(StrEnum):
    CONGRESS = "党员大会"
    COMMITTEE = "支委会"
    GROUP = "党小组会"
    LECTURE = "党课"
    THEME_DAY = "主题党日"


class SubmissionStatus(StrEnum):
    NONE = "未填报"
    DRAFT = "草稿"
    SUBMITTED = "已提交"
    APPROVED = "已审核"
    RETURNED = "已退回"


DEFAULT_EXPENSE_CATEGORIES = ("学习教育", "组织活动", "宣传阵地", "帮扶慰问", "培训", "表彰奖励", "其他")


class IndicatorSource(StrEnum):
    """Where a 对标 indicator's value comes from: a figure of the product, a count, or a leader's score."""

    TASK_COMPLETION = "任务完成率"
    STUDY_ON_TRACK = "学习达标率"
    MEETING_COMPLIANCE = "三会一课完成率"
    BUDGET_FIT = "经费执行"
    ON_TIME_SUBMISSION = "按时报送率"
    OVERDUE_TASKS = "超期任务数"
    LATE_SUBMISSIONS = "逾期报送月数"
    # 党建+安全生产 (metrics/safety.py): the 党支部's business unit at the period's end month
    PRODUCTION_RATE = "生产计划完成率"
    MEMBER_VIOLATION_RATE = "党员三违率"  # per thousand party members (‰)
    MEMBER_HAZARD_SHARE = "隐患排查党员贡献率"
    MANUAL = "人工评分"


class ScoringRule(StrEnum):
    LINEAR = "线性"
    THRESHOLD = "阈值"
    DEDUCTION = "扣分"
    MANUAL = "直接评分"


class IdeaStatus(StrEnum):
    """金点子: 提出 → 评审 → 采纳 → 实施 → 见效, or 未采纳 after review."""

    PROPOSED = "提出"
    REVIEWING = "评审"
    ADOPTED = "采纳"
    IMPLEMENTING = "实施"
    EFFECTIVE = "见效"
    REJECTED = "未采纳"


class PairKind(StrEnum):
    MEMBER = "党员结对"
    BRANCH = "支部结对"


class UnitKind(StrEnum):
    """The kind of a 党支部's business unit (区队/科室)."""

    COAL_MINING = "采煤"
    TUNNELLING = "掘进"
    MECHANICAL = "机电"
    VENTILATION = "通风"
    TRANSPORT = "运输"
    WASHING = "洗选"
    DISPATCH = "调度"
    OFFICE = "机关"


class PioneerKind(StrEnum):
    POST = "党员先锋岗"
    ZONE = "党员责任区"
