"""Input models that validate: one per kind of row people enter, in a form or as a line of Excel.

Each field's ``title`` is its Chinese name and the Excel header. ``mode="before"`` validators call
``parse`` on the raw value, so a model is built the same way from ``openpyxl`` cells or form values.
Pydantic's own messages are never shown: ``from_row`` and ``problems`` turn a validation error into
:class:`Refused` objects carrying the Chinese message from ``parse`` and the field's title.

"Not after today" uses the product clock (``clock.today()``) unless the validation context gives ``{"today": date}``
(``from_row(..., today=...)``, ``Model.model_validate(data, context={"today": ...})``).
"""

import unicodedata
from collections.abc import Callable, Mapping
from datetime import date
from decimal import Decimal
from typing import Any, TypeVar

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from data_layer import clock, months, parse
from data_layer.errors import Refused
from data_layer.vocab import (
    GoalCategory,
    IdeaStatus,
    IndicatorSource,
    MeetingKind,
    MemberCategory,
    OrgKind,
    PairKind,
    ScoringRule,
    TaskMode,
)

UNIT_SUGGESTIONS = ("次", "人", "篇", "项", "个", "场", "期", "条", "小时", "元", "万元", "%")
"""Units of measure offered in drop-downs; any other short word is accepted too (金点子 5 条, 1.5 万元)."""
UNIT_LENGTH = 8  # Task.unit is String(8)
CATEGORY_NAME_LENGTH = 20  # ExpenseCategory.name is String(20)
CATEGORY_STATES = ("启用", "停用")

FOUNDED = date(1921, 7, 1)  # nobody joined the party before it was founded
EARLIEST_RECORD = date(2000, 1, 1)  # expenses and meetings are recorded from 2000 on

TASK_CODE = {"punctuation": "-_", "example": "2026-ZC1-01"}
MEMBER_NO = {"example": "BS0012"}
IDEA_TITLE_LENGTH = 100  # Idea.title is String(100)

_REFUSED = "refused"


def _today(info: ValidationInfo) -> date:
    context = info.context if isinstance(info.context, Mapping) else {}
    today = context.get("today")
    return today if isinstance(today, date) else clock.today()


def _refusal(message: str, field: str | None = None) -> PydanticCustomError:
    """A pydantic error carrying a parse message verbatim (and, for model checks, the field to blame)."""
    return PydanticCustomError(_REFUSED, "{message}", {"message": message, "field": field})


class _In(BaseModel):
    """Immutable input; extra keys (other columns of the sheet) are ignored."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    @classmethod
    def _parse(
        cls, info: ValidationInfo, function: Callable[..., Any], value: Any, *args: Any, **options: Any
    ) -> Any:
        """Run a parse function with the field's title, turning Refused into a pydantic error."""
        assert info.field_name is not None
        title = cls.model_fields[info.field_name].title
        try:
            return function(value, *args, field=title, **options)
        except Refused as refusal:
            raise _refusal(refusal.message) from None

    @classmethod
    def _required(cls, info: ValidationInfo) -> bool:
        assert info.field_name is not None
        return cls.model_fields[info.field_name].is_required()


class OrganisationIn(_In):
    name: str = Field(title="组织名称")
    kind: OrgKind = Field(title="组织类型")
    parent: str | None = Field(default=None, title="上级组织")
    grid: str | None = Field(default=None, title="网格")

    @field_validator("name", "parent", mode="before")
    @classmethod
    def _names(cls, value: Any, info: ValidationInfo) -> Any:
        return cls._parse(info, parse.name, value, required=cls._required(info), max_length=100)

    @field_validator("grid", mode="before")
    @classmethod
    def _grid(cls, value: Any, info: ValidationInfo) -> Any:
        return cls._parse(info, parse.name, value, required=False, max_length=50)

    @field_validator("kind", mode="before")
    @classmethod
    def _kind(cls, value: Any, info: ValidationInfo) -> Any:
        return cls._parse(info, parse.choice, value, OrgKind)


class MemberIn(_In):
    member_no: str = Field(title="党员编号")
    name: str = Field(title="姓名")
    branch: str = Field(title="所在党支部")
    group: str | None = Field(default=None, title="党小组")
    category: MemberCategory = Field(title="人员类别")
    joined_on: date = Field(title="入党日期")
    post: str | None = Field(default=None, title="岗位")

    @field_validator("member_no", mode="before")
    @classmethod
    def _member_no(cls, value: Any, info: ValidationInfo) -> Any:
        return cls._parse(info, parse.code, value, max_length=30, **MEMBER_NO)

    @field_validator("name", mode="before")
    @classmethod
    def _name(cls, value: Any, info: ValidationInfo) -> Any:
        return cls._parse(info, parse.name, value, max_length=50)

    @field_validator("branch", "group", mode="before")
    @classmethod
    def _organisations(cls, value: Any, info: ValidationInfo) -> Any:
        return cls._parse(info, parse.name, value, required=cls._required(info), max_length=100)

    @field_validator("category", mode="before")
    @classmethod
    def _category(cls, value: Any, info: ValidationInfo) -> Any:
        return cls._parse(info, parse.choice, value, MemberCategory)

    @field_validator("joined_on", mode="before")
    @classmethod
    def _joined_on(cls, value: Any, info: ValidationInfo) -> Any:
        return cls._parse(info, parse.day, value, not_after=_today(info), not_before=FOUNDED)

    @field_validator("post", mode="before")
    @classmethod
    def _post(cls, value: Any, info: ValidationInfo) -> Any:
        return cls._parse(info, parse.text, value, required=False, max_length=50)


class YearParameterIn(_In):
    year: int = Field(title="年度")
    last_year_payroll: Decimal = Field(title="上年度职工工资总额(元)")
    monthly_hours_target: Decimal = Field(title="每月学习时长目标(小时)")
    monthly_points_target: int = Field(title="每月学习强国积分目标")

    @field_validator("year", mode="before")
    @classmethod
    def _year(cls, value: Any, info: ValidationInfo) -> Any:
        return cls._parse(info, parse.year, value)

    @field_validator("last_year_payroll", mode="before")
    @classmethod
    def _payroll(cls, value: Any, info: ValidationInfo) -> Any:
        return cls._parse(info, parse.money, value, positive=True, maximum=Decimal("1e13"))

    @field_validator("monthly_hours_target", mode="before")
    @classmethod
    def _hours(cls, value: Any, info: ValidationInfo) -> Any:
        return cls._parse(info, parse.decimal, value, places=2, maximum=200)

    @field_validator("monthly_points_target", mode="before")
    @classmethod
    def _points(cls, value: Any, info: ValidationInfo) -> Any:
        return cls._parse(info, parse.integer, value, maximum=100_000)


class TaskIn(_In):
    code: str = Field(title="任务编号")
    title: str = Field(title="任务名称")
    goal: str = Field(title="年度目标")
    goal_category: GoalCategory = Field(title="目标类别")
    branch: str = Field(title="责任党支部")
    owner_member_no: str | None = Field(default=None, title="责任人党员编号")
    unit: str = Field(title="计量单位")
    target_quantity: Decimal = Field(title="目标值")
    weight: Decimal = Field(title="权重")
    start_month: str = Field(title="开始月份")
    due_month: str = Field(title="截止月份")
    mode: TaskMode = Field(title="方式")

    @field_validator("code", mode="before")
    @classmethod
    def _code(cls, value: Any, info: ValidationInfo) -> Any:
        return cls._parse(info, parse.code, value, max_length=30, **TASK_CODE)

    @field_validator("owner_member_no", mode="before")
    @classmethod
    def _owner(cls, value: Any, info: ValidationInfo) -> Any:
        return cls._parse(info, parse.code, value, required=False, max_length=30, **MEMBER_NO)

    @field_validator("title", "goal", mode="before")
    @classmethod
    def _texts(cls, value: Any, info: ValidationInfo) -> Any:
        return cls._parse(info, parse.text, value, max_length=200)

    @field_validator("goal_category", mode="before")
    @classmethod
    def _goal_category(cls, value: Any, info: ValidationInfo) -> Any:
        return cls._parse(info, parse.choice, value, GoalCategory)

    @field_validator("branch", mode="before")
    @classmethod
    def _branch(cls, value: Any, info: ValidationInfo) -> Any:
        return cls._parse(info, parse.name, value, max_length=100)

    @field_validator("unit", mode="before")
    @classmethod
    def _unit(cls, value: Any, info: ValidationInfo) -> Any:
        return cls._parse(info, parse.name, value, max_length=UNIT_LENGTH)

    @field_validator("target_quantity", mode="before")
    @classmethod
    def _target(cls, value: Any, info: ValidationInfo) -> Any:
        return cls._parse(info, parse.decimal, value, places=2, positive=True, maximum=1_000_000)

    @field_validator("weight", mode="before")
    @classmethod
    def _weight(cls, value: Any, info: ValidationInfo) -> Any:
        return cls._parse(info, parse.decimal, value, places=2, positive=True, maximum=100)

    @field_validator("start_month", "due_month", mode="before")
    @classmethod
    def _months(cls, value: Any, info: ValidationInfo) -> Any:
        return cls._parse(info, parse.month, value)

    @field_validator("mode", mode="before")
    @classmethod
    def _mode(cls, value: Any, info: ValidationInfo) -> Any:
        return cls._parse(info, parse.choice, value, TaskMode)

    @model_validator(mode="after")
    def _one_year_forward(self) -> "TaskIn":
        same_year = months.year_of(self.start_month) == months.year_of(self.due_month)
        if not same_year or self.start_month > self.due_month:
            raise _refusal("开始月份和截止月份应在同一年度，且开始不晚于截止", "due_month")
        return self

    @property
    def year(self) -> int:
        return months.year_of(self.start_month)


class CategoryIn(_In):
    """An expense category: added, or (with ``old_name``) renamed; its place and 启用/停用 when given."""

    name: str = Field(title="类别名称")
    old_name: str | None = Field(default=None, title="原名称")
    sort_order: int | None = Field(default=None, title="排序")
    active: bool | None = Field(default=None, title="状态")

    @field_validator("name", "old_name", mode="before")
    @classmethod
    def _names(cls, value: Any, info: ValidationInfo) -> Any:
        required = cls._required(info)
        return cls._parse(info, parse.name, value, required=required, max_length=CATEGORY_NAME_LENGTH)

    @field_validator("sort_order", mode="before")
    @classmethod
    def _sort_order(cls, value: Any, info: ValidationInfo) -> Any:
        if parse.blank(value):
            return None
        return cls._parse(info, parse.integer, value, minimum=1, maximum=999)

    @field_validator("active", mode="before")
    @classmethod
    def _active(cls, value: Any, info: ValidationInfo) -> Any:
        if parse.blank(value):
            return None
        if isinstance(value, bool):  # built in code: CategoryIn(name=…, active=False)
            return value
        return cls._parse(info, parse.choice, value, CATEGORY_STATES) == CATEGORY_STATES[0]


class AllocationIn(_In):
    year: int = Field(title="年度")
    branch: str = Field(title="党支部")
    category: str = Field(title="支出类别")
    amount: Decimal = Field(title="预算金额(元)")

    @field_validator("year", mode="before")
    @classmethod
    def _year(cls, value: Any, info: ValidationInfo) -> Any:
        return cls._parse(info, parse.year, value)

    @field_validator("branch", mode="before")
    @classmethod
    def _branch(cls, value: Any, info: ValidationInfo) -> Any:
        return cls._parse(info, parse.name, value, max_length=100)

    @field_validator("category", mode="before")
    @classmethod
    def _category(cls, value: Any, info: ValidationInfo) -> Any:
        return cls._parse(info, parse.name, value, max_length=20)

    @field_validator("amount", mode="before")
    @classmethod
    def _amount(cls, value: Any, info: ValidationInfo) -> Any:
        return cls._parse(info, parse.money, value, maximum=Decimal("1e10"))


class ProgressIn(_In):
    month: str = Field(title="月份")
    task_code: str = Field(title="任务编号")
    quantity: Decimal = Field(title="本月完成量")
    note: str | None = Field(default=None, title="说明")

    @field_validator("month", mode="before")
    @classmethod
    def _month(cls, value: Any, info: ValidationInfo) -> Any:
        return cls._parse(info, parse.month, value)

    @field_validator("task_code", mode="before")
    @classmethod
    def _task_code(cls, value: Any, info: ValidationInfo) -> Any:
        return cls._parse(info, parse.code, value, max_length=30, **TASK_CODE)

    @field_validator("quantity", mode="before")
    @classmethod
    def _quantity(cls, value: Any, info: ValidationInfo) -> Any:
        return cls._parse(info, parse.decimal, value, places=2, maximum=1_000_000)

    @field_validator("note", mode="before")
    @classmethod
    def _note(cls, value: Any, info: ValidationInfo) -> Any:
        return cls._parse(info, parse.text, value, required=False, max_length=500)


class StudyIn(_In):
    month: str = Field(title="月份")
    member_no: str = Field(title="党员编号")
    name: str | None = Field(default=None, title="姓名")
    points: int = Field(title="学习强国积分")
    hours: Decimal = Field(title="学习时长(小时)")
    sessions: int = Field(title="集中学习次数")

    @field_validator("month", mode="before")
    @classmethod
    def _month(cls, value: Any, info: ValidationInfo) -> Any:
        return cls._parse(info, parse.month, value)

    @field_validator("member_no", mode="before")
    @classmethod
    def _member_no(cls, value: Any, info: ValidationInfo) -> Any:
        return cls._parse(info, parse.code, value, max_length=30, **MEMBER_NO)

    @field_validator("name", mode="before")
    @classmethod
    def _name(cls, value: Any, info: ValidationInfo) -> Any:
        return cls._parse(info, parse.name, value, required=False, max_length=50)

    @field_validator("points", mode="before")
    @classmethod
    def _points(cls, value: Any, info: ValidationInfo) -> Any:
        return cls._parse(info, parse.integer, value, maximum=10_000)

    @field_validator("hours", mode="before")
    @classmethod
    def _hours(cls, value: Any, info: ValidationInfo) -> Any:
        return cls._parse(info, parse.decimal, value, places=2, maximum=300)

    @field_validator("sessions", mode="before")
    @classmethod
    def _sessions(cls, value: Any, info: ValidationInfo) -> Any:
        return cls._parse(info, parse.integer, value, maximum=100)


class ExpenseIn(_In):
    spent_on: date = Field(title="日期")
    branch: str = Field(title="党支部")
    category: str = Field(title="支出类别")
    amount: Decimal = Field(title="金额(元)")
    purpose: str = Field(title="事由")
    voucher_no: str | None = Field(default=None, title="凭证号")

    @field_validator("spent_on", mode="before")
    @classmethod
    def _spent_on(cls, value: Any, info: ValidationInfo) -> Any:
        return cls._parse(info, parse.day, value, not_after=_today(info), not_before=EARLIEST_RECORD)

    @field_validator("branch", mode="before")
    @classmethod
    def _branch(cls, value: Any, info: ValidationInfo) -> Any:
        return cls._parse(info, parse.name, value, max_length=100)

    @field_validator("category", mode="before")
    @classmethod
    def _category(cls, value: Any, info: ValidationInfo) -> Any:
        return cls._parse(info, parse.name, value, max_length=20)

    @field_validator("amount", mode="before")
    @classmethod
    def _amount(cls, value: Any, info: ValidationInfo) -> Any:
        return cls._parse(info, parse.money, value, positive=True, maximum=Decimal("1e8"))

    @field_validator("purpose", mode="before")
    @classmethod
    def _purpose(cls, value: Any, info: ValidationInfo) -> Any:
        return cls._parse(info, parse.text, value, max_length=200)

    @field_validator("voucher_no", mode="before")
    @classmethod
    def _voucher_no(cls, value: Any, info: ValidationInfo) -> Any:
        return cls._parse(info, parse.text, value, required=False, max_length=50)

    @property
    def month(self) -> str:
        return months.of_date(self.spent_on)


class MeetingIn(_In):
    held_on: date = Field(title="日期")
    branch: str = Field(title="党支部")
    kind: MeetingKind = Field(title="会议类型")
    expected_attendance: int = Field(title="应到人数")
    actual_attendance: int = Field(title="实到人数")
    topic: str = Field(title="主题")

    @field_validator("held_on", mode="before")
    @classmethod
    def _held_on(cls, value: Any, info: ValidationInfo) -> Any:
        return cls._parse(info, parse.day, value, not_after=_today(info), not_before=EARLIEST_RECORD)

    @field_validator("branch", mode="before")
    @classmethod
    def _branch(cls, value: Any, info: ValidationInfo) -> Any:
        return cls._parse(info, parse.name, value, max_length=100)

    @field_validator("kind", mode="before")
    @classmethod
    def _kind(cls, value: Any, info: ValidationInfo) -> Any:
        return cls._parse(info, parse.choice, value, MeetingKind)

    @field_validator("expected_attendance", mode="before")
    @classmethod
    def _expected(cls, value: Any, info: ValidationInfo) -> Any:
        return cls._parse(info, parse.integer, value, minimum=1, maximum=10_000)

    @field_validator("actual_attendance", mode="before")
    @classmethod
    def _actual(cls, value: Any, info: ValidationInfo) -> Any:
        return cls._parse(info, parse.integer, value, maximum=10_000)

    @field_validator("topic", mode="before")
    @classmethod
    def _topic(cls, value: Any, info: ValidationInfo) -> Any:
        return cls._parse(info, parse.text, value, max_length=200)

    @model_validator(mode="after")
    def _attendance(self) -> "MeetingIn":
        if self.actual_attendance > self.expected_attendance:
            raise _refusal("实到人数不能多于应到人数", "actual_attendance")
        return self

    @property
    def month(self) -> str:
        return months.of_date(self.held_on)


# ---------------------------------------------------------------- 对标 (star rating)

RATE_SOURCES = (
    IndicatorSource.TASK_COMPLETION,
    IndicatorSource.STUDY_ON_TRACK,
    IndicatorSource.MEETING_COMPLIANCE,
    IndicatorSource.BUDGET_FIT,
    IndicatorSource.ON_TIME_SUBMISSION,
)
"""Sources whose value is a rate (0–1): scored 线性 or 阈值 against a target rate."""
COUNT_SOURCES = (IndicatorSource.OVERDUE_TASKS, IndicatorSource.LATE_SUBMISSIONS)
"""Sources whose value is a count: scored 扣分 (points off per unit)."""


class IndicatorIn(_In):
    """One line of a year's 对标 scheme. Rates (目标值, 及格值) are percentages as people write them (90 = 90 %)."""

    year: int = Field(title="年度")
    name: str = Field(title="指标名称")
    source: IndicatorSource = Field(title="数据来源")
    rule: ScoringRule = Field(title="计分方式")
    weight: Decimal = Field(title="分值")
    target: Decimal | None = Field(default=None, title="目标值(%)")
    floor: Decimal | None = Field(default=None, title="及格值(%)")
    deduction: Decimal | None = Field(default=None, title="每项扣分")
    sort_order: int = Field(default=0, title="排序")

    @field_validator("year", mode="before")
    @classmethod
    def _year(cls, value: Any, info: ValidationInfo) -> Any:
        return cls._parse(info, parse.year, value)

    @field_validator("name", mode="before")
    @classmethod
    def _name(cls, value: Any, info: ValidationInfo) -> Any:
        return cls._parse(info, parse.name, value, max_length=50)

    @field_validator("source", mode="before")
    @classmethod
    def _source(cls, value: Any, info: ValidationInfo) -> Any:
        return cls._parse(info, parse.choice, value, IndicatorSource)

    @field_validator("rule", mode="before")
    @classmethod
    def _rule(cls, value: Any, info: ValidationInfo) -> Any:
        return cls._parse(info, parse.choice, value, ScoringRule)

    @field_validator("weight", mode="before")
    @classmethod
    def _weight(cls, value: Any, info: ValidationInfo) -> Any:
        return cls._parse(info, parse.decimal, value, places=2, positive=True, maximum=100)

    @field_validator("target", "floor", mode="before")
    @classmethod
    def _rates(cls, value: Any, info: ValidationInfo) -> Any:
        if parse.blank(value):
            return None
        return cls._parse(info, parse.decimal, value, places=2, maximum=100)

    @field_validator("deduction", mode="before")
    @classmethod
    def _deduction(cls, value: Any, info: ValidationInfo) -> Any:
        if parse.blank(value):
            return None
        return cls._parse(info, parse.decimal, value, places=2, positive=True, maximum=100)

    @field_validator("sort_order", mode="before")
    @classmethod
    def _sort_order(cls, value: Any, info: ValidationInfo) -> Any:
        return 0 if parse.blank(value) else cls._parse(info, parse.integer, value, maximum=999)

    @model_validator(mode="after")
    def _rule_fits_source(self) -> "IndicatorIn":
        manual = self.source == IndicatorSource.MANUAL
        if manual != (self.rule == ScoringRule.MANUAL):
            raise _refusal("“人工评分”指标的计分方式应为“直接评分”，其他来源不能直接评分", "rule")
        if self.source in COUNT_SOURCES and self.rule != ScoringRule.DEDUCTION:
            raise _refusal(f"“{self.source}”是计数，计分方式应为“扣分”", "rule")
        if self.source in RATE_SOURCES and self.rule == ScoringRule.DEDUCTION:
            raise _refusal(f"“{self.source}”是比率，计分方式应为“线性”或“阈值”", "rule")
        if self.rule in (ScoringRule.LINEAR, ScoringRule.THRESHOLD) and not self.target:
            raise _refusal("请填写目标值（大于 0）", "target")
        if self.rule == ScoringRule.THRESHOLD and (self.floor is None or self.floor >= self.target):
            raise _refusal("阈值计分请填写及格值，且应小于目标值", "floor")
        if self.rule == ScoringRule.DEDUCTION and self.deduction is None:
            raise _refusal("扣分计分请填写每项扣分", "deduction")
        return self


class ManualScoreIn(_In):
    """A leader's score of a 党支部 on a 人工评分 indicator for a month."""

    month: str = Field(title="月份")
    branch: str = Field(title="党支部")
    indicator: str = Field(title="指标名称")
    points: Decimal = Field(title="得分")
    note: str | None = Field(default=None, title="评分说明")

    @field_validator("month", mode="before")
    @classmethod
    def _month(cls, value: Any, info: ValidationInfo) -> Any:
        return cls._parse(info, parse.month, value)

    @field_validator("branch", mode="before")
    @classmethod
    def _branch(cls, value: Any, info: ValidationInfo) -> Any:
        return cls._parse(info, parse.name, value, max_length=100)

    @field_validator("indicator", mode="before")
    @classmethod
    def _indicator(cls, value: Any, info: ValidationInfo) -> Any:
        return cls._parse(info, parse.name, value, max_length=50)

    @field_validator("points", mode="before")
    @classmethod
    def _points(cls, value: Any, info: ValidationInfo) -> Any:
        return cls._parse(info, parse.decimal, value, places=2, maximum=100)

    @field_validator("note", mode="before")
    @classmethod
    def _note(cls, value: Any, info: ValidationInfo) -> Any:
        return cls._parse(info, parse.text, value, required=False, max_length=200)


# --- 金点子 and 帮扶结对 (lean mechanisms: ideas, pairs) ---


class IdeaIn(_In):
    """A 金点子 as proposed (or, from Excel, as far as it has come); one per 党支部 and 金点子名称.

    ``status`` blank is 提出; a later status needs its 状态日期 (the day it changed). 效益 belongs to 见效.
    """

    branch: str = Field(title="党支部")
    title: str = Field(title="金点子名称")
    proposer_no: str = Field(title="提出人党员编号")
    proposer_name: str | None = Field(default=None, title="提出人")
    proposed_on: date = Field(title="提出日期")
    status: IdeaStatus = Field(default=IdeaStatus.PROPOSED, title="状态")
    status_on: date | None = Field(default=None, title="状态日期")
    benefit_amount: Decimal | None = Field(default=None, title="效益(元)")
    benefit_text: str | None = Field(default=None, title="效益说明")

    @field_validator("branch", mode="before")
    @classmethod
    def _branch(cls, value: Any, info: ValidationInfo) -> Any:
        return cls._parse(info, parse.name, value, max_length=100)

    @field_validator("title", mode="before")
    @classmethod
    def _title(cls, value: Any, info: ValidationInfo) -> Any:
        return cls._parse(info, parse.text, value, max_length=IDEA_TITLE_LENGTH)

    @field_validator("proposer_no", mode="before")
    @classmethod
    def _proposer_no(cls, value: Any, info: ValidationInfo) -> Any:
        return cls._parse(info, parse.code, value, max_length=30, **MEMBER_NO)

    @field_validator("proposer_name", mode="before")
    @classmethod
    def _proposer_name(cls, value: Any, info: ValidationInfo) -> Any:
        return cls._parse(info, parse.name, value, required=False, max_length=50)

    @field_validator("proposed_on", mode="before")
    @classmethod
    def _proposed_on(cls, value: Any, info: ValidationInfo) -> Any:
        return cls._parse(info, parse.day, value, not_after=_today(info), not_before=EARLIEST_RECORD)

    @field_validator("status", mode="before")
    @classmethod
    def _status(cls, value: Any, info: ValidationInfo) -> Any:
        if parse.blank(value):
            return IdeaStatus.PROPOSED
        return cls._parse(info, parse.choice, value, IdeaStatus)

    @field_validator("status_on", mode="before")
    @classmethod
    def _status_on(cls, value: Any, info: ValidationInfo) -> Any:
        if parse.blank(value):
            return None
        return cls._parse(info, parse.day, value, not_after=_today(info), not_before=EARLIEST_RECORD)

    @field_validator("benefit_amount", mode="before")
    @classmethod
    def _benefit_amount(cls, value: Any, info: ValidationInfo) -> Any:
        if parse.blank(value):
            return None
        return cls._parse(info, parse.money, value, maximum=Decimal("1e10"))

    @field_validator("benefit_text", mode="before")
    @classmethod
    def _benefit_text(cls, value: Any, info: ValidationInfo) -> Any:
        return cls._parse(info, parse.text, value, required=False, max_length=200)

    @model_validator(mode="after")
    def _dates(self) -> "IdeaIn":
        if self.status != IdeaStatus.PROPOSED and self.status_on is None:
            raise _refusal(f"状态为“{self.status}”时请填写状态日期（状态改变的日期）", "status_on")
        if self.status_on is not None and self.status_on < self.proposed_on:
            raise _refusal("状态日期不能早于提出日期", "status_on")
        return self

    @property
    def month(self) -> str:
        return months.of_date(self.proposed_on)


class IdeaStepIn(_In):
    """A 金点子's change of status (form): the new status, the day, and at 见效 its benefit."""

    status: IdeaStatus = Field(title="状态")
    status_on: date = Field(title="状态日期")
    benefit_amount: Decimal | None = Field(default=None, title="效益(元)")
    benefit_text: str | None = Field(default=None, title="效益说明")

    @field_validator("status", mode="before")
    @classmethod
    def _status(cls, value: Any, info: ValidationInfo) -> Any:
        return cls._parse(info, parse.choice, value, IdeaStatus)

    @field_validator("status_on", mode="before")
    @classmethod
    def _status_on(cls, value: Any, info: ValidationInfo) -> Any:
        return cls._parse(info, parse.day, value, not_after=_today(info), not_before=EARLIEST_RECORD)

    _benefit_amount = field_validator("benefit_amount", mode="before")(IdeaIn._benefit_amount.__func__)
    _benefit_text = field_validator("benefit_text", mode="before")(IdeaIn._benefit_text.__func__)


class PairingIn(_In):
    """A 帮扶结对 of a 党支部: a member helping someone (党员结对, 帮扶人党员编号 required) or the 党支部 paired
    with another 党支部 (支部结对, 帮扶对象 = that 党支部's full name, no 帮扶人)."""

    branch: str = Field(title="党支部")
    kind: PairKind = Field(title="结对类型")
    helper_no: str | None = Field(default=None, title="帮扶人党员编号")
    target: str = Field(title="帮扶对象")
    started_month: str = Field(title="开始月份")
    ended_month: str | None = Field(default=None, title="结束月份")
    note: str | None = Field(default=None, title="备注")

    @field_validator("branch", mode="before")
    @classmethod
    def _branch(cls, value: Any, info: ValidationInfo) -> Any:
        return cls._parse(info, parse.name, value, max_length=100)

    @field_validator("kind", mode="before")
    @classmethod
    def _kind(cls, value: Any, info: ValidationInfo) -> Any:
        return cls._parse(info, parse.choice, value, PairKind)

    @field_validator("helper_no", mode="before")
    @classmethod
    def _helper_no(cls, value: Any, info: ValidationInfo) -> Any:
        return cls._parse(info, parse.code, value, required=False, max_length=30, **MEMBER_NO)

    @field_validator("target", mode="before")
    @classmethod
    def _target(cls, value: Any, info: ValidationInfo) -> Any:
        return cls._parse(info, parse.name, value, max_length=50)

    @field_validator("started_month", mode="before")
    @classmethod
    def _started(cls, value: Any, info: ValidationInfo) -> Any:
        return cls._parse(info, parse.month, value)

    @field_validator("ended_month", mode="before")
    @classmethod
    def _ended(cls, value: Any, info: ValidationInfo) -> Any:
        if parse.blank(value):
            return None
        return cls._parse(info, parse.month, value)

    @field_validator("note", mode="before")
    @classmethod
    def _note(cls, value: Any, info: ValidationInfo) -> Any:
        return cls._parse(info, parse.text, value, required=False, max_length=200)

    @model_validator(mode="after")
    def _consistent(self) -> "PairingIn":
        if self.kind == PairKind.MEMBER and self.helper_no is None:
            raise _refusal("党员结对请填写帮扶人党员编号", "helper_no")
        if self.kind == PairKind.BRANCH and self.helper_no is not None:
            raise _refusal("支部结对不填帮扶人党员编号（帮扶对象填写结对党支部的全称）", "helper_no")
        if self.ended_month is not None and self.ended_month < self.started_month:
            raise _refusal("结束月份不能早于开始月份", "ended_month")
        return self


class VisitIn(_In):
    """The visits of one 帮扶结对 in a month, found by 党支部, 帮扶人党员编号 (blank for 支部结对) and 帮扶对象."""

    month: str = Field(title="月份")
    branch: str = Field(title="党支部")
    helper_no: str | None = Field(default=None, title="帮扶人党员编号")
    target: str = Field(title="帮扶对象")
    visits: int = Field(title="走访次数")
    note: str | None = Field(default=None, title="走访情况")

    @field_validator("month", mode="before")
    @classmethod
    def _month(cls, value: Any, info: ValidationInfo) -> Any:
        return cls._parse(info, parse.month, value)

    _branch = field_validator("branch", mode="before")(PairingIn._branch.__func__)
    _helper_no = field_validator("helper_no", mode="before")(PairingIn._helper_no.__func__)
    _target = field_validator("target", mode="before")(PairingIn._target.__func__)

    @field_validator("visits", mode="before")
    @classmethod
    def _visits(cls, value: Any, info: ValidationInfo) -> Any:
        return cls._parse(info, parse.integer, value, maximum=100)

    @field_validator("note", mode="before")
    @classmethod
    def _note(cls, value: Any, info: ValidationInfo) -> Any:
        return cls._parse(info, parse.text, value, required=False, max_length=200)


# --- end of 金点子 and 帮扶结对 ---


# ---------------------------------------------------------------- 党费 (party dues)

DUES_MAXIMUM = Decimal("1e7")  # a month's income or payment beyond ¥10,000,000 is a typing error


class DuesIn(_In):
    """A member's month of 党费: 税后月工资收入 (the rate and amount due follow from it) and what was paid."""

    month: str = Field(title="月份")
    member_no: str = Field(title="党员编号")
    name: str | None = Field(default=None, title="姓名")
    income: Decimal = Field(title="月工资收入(元)")
    paid: Decimal = Field(default=Decimal("0.00"), title="实缴金额(元)")
    paid_on: date | None = Field(default=None, title="缴纳日期")

    @field_validator("month", mode="before")
    @classmethod
    def _month(cls, value: Any, info: ValidationInfo) -> Any:
        return cls._parse(info, parse.month, value)

    @field_validator("member_no", mode="before")
    @classmethod
    def _member_no(cls, value: Any, info: ValidationInfo) -> Any:
        return cls._parse(info, parse.code, value, max_length=30, **MEMBER_NO)

    @field_validator("name", mode="before")
    @classmethod
    def _name(cls, value: Any, info: ValidationInfo) -> Any:
        return cls._parse(info, parse.name, value, required=False, max_length=50)

    @field_validator("income", mode="before")
    @classmethod
    def _income(cls, value: Any, info: ValidationInfo) -> Any:
        return cls._parse(info, parse.money, value, maximum=DUES_MAXIMUM)

    @field_validator("paid", mode="before")
    @classmethod
    def _paid(cls, value: Any, info: ValidationInfo) -> Any:
        if parse.blank(value):  # nothing paid this month
            return Decimal("0.00")
        return cls._parse(info, parse.money, value, maximum=DUES_MAXIMUM)

    @field_validator("paid_on", mode="before")
    @classmethod
    def _paid_on(cls, value: Any, info: ValidationInfo) -> Any:
        if parse.blank(value):
            return None
        return cls._parse(info, parse.day, value, not_after=_today(info), not_before=EARLIEST_RECORD)

    @model_validator(mode="after")
    def _paid_in_or_after_the_month(self) -> "DuesIn":
        if self.paid_on is not None and months.of_date(self.paid_on) < self.month:
            raise _refusal(f"缴纳日期不能早于所交党费的月份（{self.month}）", "paid_on")
        if self.paid_on is not None and not self.paid:
            raise _refusal("填写了缴纳日期，实缴金额应大于 0；未交纳时请清空缴纳日期", "paid")
        return self


# --- end of 党费 ---


# ---------------------------------------------------------------- headers and rows

MODELS: tuple[type[_In], ...] = (
    OrganisationIn,
    MemberIn,
    YearParameterIn,
    TaskIn,
    CategoryIn,
    AllocationIn,
    ProgressIn,
    StudyIn,
    ExpenseIn,
    MeetingIn,
    IndicatorIn,
    ManualScoreIn,
    IdeaIn,  # 金点子
    PairingIn,  # 帮扶结对
    VisitIn,  # 帮扶结对
    DuesIn,  # 党费
)

HEADERS: dict[type[BaseModel], list[str]] = {
    model: [info.title or name for name, info in model.model_fields.items()] for model in MODELS
}
"""Each model's Chinese titles, in order: the header row of its Excel sheet."""

REQUIRED_HEADERS: dict[type[BaseModel], list[str]] = {
    model: [info.title or name for name, info in model.model_fields.items() if info.is_required()]
    for model in MODELS
}
"""The titles that may not be blank ("请填写…"), in header order."""

Model = TypeVar("Model", bound=BaseModel)


def _key(header: Any) -> str:
    """A header as typed: full-width or spaced ("学习时长（小时）", " 姓名 ") matches the title."""
    cleaned = unicodedata.normalize("NFKC", str(header))
    return "".join(char for char in cleaned if char not in parse.ZERO_WIDTH and not char.isspace())


def _title(model: type[BaseModel], name: str | None) -> str | None:
    if name is None or name not in model.model_fields:
        return name
    return model.model_fields[name].title or name


def refusals(model: type[BaseModel], error: ValidationError, *, row: int | None = None) -> list[Refused]:
    """The Refused objects for a pydantic ValidationError of ``model`` (Chinese message, title, row)."""
    found: list[Refused] = []
    for detail in error.errors(include_url=False):
        name = str(detail["loc"][0]) if detail["loc"] else None
        context = detail.get("ctx") or {}
        if detail["type"] == _REFUSED:
            title = _title(model, name or context.get("field"))
            found.append(Refused(str(context["message"]), field=title, row=row))
        elif detail["type"] == "missing":
            title = _title(model, name)
            found.append(Refused(f"请填写{title}", field=title, row=row))
        else:  # a value that skipped the parse functions (e.g. built in code with a wrong type)
            title = _title(model, name)
            found.append(
                Refused(f"无法识别{title or '这一行'}的内容，请检查后重新填写", field=title, row=row)
            )
    return found


def _data(model: type[BaseModel], values: Mapping[str, Any]) -> dict[str, Any]:
    """Field name → raw value, from values keyed by title (or field name); absent fields are blank."""
    by_key = {_key(key): value for key, value in values.items()}
    data: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        for key in (_key(info.title or name), name):
            if key in by_key:
                data[name] = by_key[key]
                break
        else:
            data[name] = None
    return data


def problems(
    model: type[BaseModel],
    values_by_title: Mapping[str, Any],
    *,
    row: int | None = None,
    today: date | None = None,
) -> list[Refused]:
    """Everything wrong with one row, in column order; empty when ``from_row`` would succeed."""
    try:
        model.model_validate(_data(model, values_by_title), context={"today": today or clock.today()})
    except ValidationError as error:
        return refusals(model, error, row=row)
    return []


def from_row(
    model: type[Model],
    values_by_title: Mapping[str, Any],
    *,
    row: int | None = None,
    today: date | None = None,
) -> Model:
    """The model built from one row of raw values keyed by Chinese title; raises the first problem.

    ``row`` is the Excel row number (or None for a form); ``today`` bounds "not after today" dates.
    """
    try:
        return model.model_validate(_data(model, values_by_title), context={"today": today or clock.today()})
    except ValidationError as error:
        raise refusals(model, error, row=row)[0] from None
