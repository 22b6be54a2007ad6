"""Input models that validate: one per kind of row people enter, in a form or as a line of Excel.

Each field's ``title`` is its Chinese name and the Excel header. Fields are declared with annotated types
(``Month``, ``MemberNo``, ``Annotated[str, Name(100)]``, ``Annotated[OrgKind, Choice(OrgKind)]``…) whose
:class:`Parse` marker names the ``parse`` function and its options; one ``mode="before"`` validator in
``_In`` runs it on the raw value with the field's title (and ``required`` from the field; a blank
optional field takes its default), so a model is built the same way from ``openpyxl`` cells or form values.
Pydantic's own messages are never shown: ``from_row`` and ``problems`` turn a validation error into
:class:`Refused` objects carrying the Chinese message from ``parse`` and the field's title.

"Not after today" uses the product clock (``clock.today()``) unless the validation context gives ``{"today": date}``
(``from_row(..., today=...)``, ``Model.model_validate(data, context={"today": ...})``).
"""

import functools
import inspect
import typing
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import Annotated, Any, ClassVar, TypeVar

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic.fields import FieldInfo
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
    PioneerKind,
    ScoringRule,
    TaskMode,
    UnitKind,
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


# ---------------------------------------------------------------- field types


@dataclass(frozen=True, init=False)
class Parse:
    """The marker of an annotated field type: ``function(raw, *args, field=title, **options)`` reads it.

    ``not_after_today=True`` passes ``not_after=`` today (see ``_today``); functions that take ``required``
    get it from the field.
    """

    function: Callable[..., Any]
    args: tuple[Any, ...]
    options: tuple[tuple[str, Any], ...]  # hashable: ``Month | None`` hashes the metadata
    not_after_today: bool
    takes_required: bool

    def __init__(
        self, function: Callable[..., Any], *args: Any, not_after_today: bool = False, **options: Any
    ) -> None:
        object.__setattr__(self, "function", function)
        object.__setattr__(self, "args", args)
        object.__setattr__(self, "options", tuple(options.items()))
        object.__setattr__(self, "not_after_today", not_after_today)
        object.__setattr__(self, "takes_required", "required" in inspect.signature(function).parameters)


def _marker(name: str, field: FieldInfo) -> Parse:
    """The Parse marker of a field: in its metadata, or (``Month | None``) on the member of its union."""
    found = [item for item in field.metadata if isinstance(item, Parse)]
    for member in typing.get_args(field.annotation) if not found else ():
        if typing.get_origin(member) is Annotated:
            found += [item for item in typing.get_args(member)[1:] if isinstance(item, Parse)]
    if len(found) != 1:
        raise TypeError(f"field {name!r} needs exactly one Parse marker in its type, has {len(found)}")
    return found[0]


def Name(max_length: int) -> Parse:
    """A person's or organisation's name (no spaces at all), at most ``max_length`` characters."""
    return Parse(parse.name, max_length=max_length)


def Text(max_length: int) -> Parse:
    """Free text (spaces kept, runs made one), at most ``max_length`` characters."""
    return Parse(parse.text, max_length=max_length)


def Choice(options: type[Enum]) -> Parse:
    """One of a StrEnum's words."""
    return Parse(parse.choice, options)


def Count(maximum: int, *, minimum: int = 0) -> Parse:
    """A whole number from ``minimum`` to ``maximum``."""
    return Parse(parse.integer, minimum=minimum, maximum=maximum)


HOURS_EXAMPLE = "4.5"  # hours of study, not a sum of money


def Number(maximum: int, *, positive: bool = False, example: str | None = None) -> Parse:
    """A number with at most two decimals, up to ``maximum`` (``positive``: more than 0); a refusal
    suggests ``example`` (by default a sum of money)."""
    options: dict[str, Any] = {"example": example} if example else {}
    return Parse(parse.decimal, places=2, positive=positive, maximum=maximum, **options)


def Money(maximum: Decimal, *, positive: bool = False) -> Parse:
    """An amount in 元 (at most two decimals), up to ``maximum`` (``positive``: more than 0)."""
    return Parse(parse.money, positive=positive, maximum=maximum)


def _category_state(value: Any, *, field: str) -> bool:
    """启用 (True) or 停用 (False) as typed, or the bool of a model built in code (CategoryIn(…, active=False))."""
    if isinstance(value, bool):
        return value
    return parse.choice(value, CATEGORY_STATES, field=field) == CATEGORY_STATES[0]


Month = Annotated[str, Parse(parse.month)]
Year = Annotated[int, Parse(parse.year)]
RecordDay = Annotated[date, Parse(parse.day, not_before=EARLIEST_RECORD, not_after_today=True)]
MemberNo = Annotated[str, Parse(parse.code, max_length=30, **MEMBER_NO)]
TaskCode = Annotated[str, Parse(parse.code, max_length=30, **TASK_CODE)]
OrgName = Annotated[str, Name(100)]  # 党支部, 党小组, 组织名称
PersonName = Annotated[str, Name(50)]
CategoryName = Annotated[str, Name(CATEGORY_NAME_LENGTH)]
IndicatorName = Annotated[str, Name(50)]
PairTarget = Annotated[str, Name(50)]  # 帮扶对象: a person, or the full name of the paired 党支部
Unit = Annotated[str, Name(UNIT_LENGTH)]
Benefit = Annotated[Decimal, Money(Decimal("1e10"))]
CategoryState = Annotated[bool, Parse(_category_state)]


class _In(BaseModel):
    """Immutable input; extra keys (other columns of the sheet) are ignored."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    _markers: ClassVar[dict[str, Parse]] = {}

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        cls._markers = {name: _marker(name, field) for name, field in cls.model_fields.items()}

    @field_validator("*", mode="before")
    @classmethod
    def _parse(cls, value: Any, info: ValidationInfo) -> Any:
        """Run the field's parse function with its title, turning Refused into a pydantic error."""
        assert info.field_name is not None
        field = cls.model_fields[info.field_name]
        required = field.is_required()
        if not required and parse.blank(value):
            return field.get_default(call_default_factory=True)
        marker = cls._markers[info.field_name]
        options = dict(marker.options)
        if marker.takes_required:
            options["required"] = required
        if marker.not_after_today:
            options["not_after"] = _today(info)
        try:
            return marker.function(value, *marker.args, field=field.title or info.field_name, **options)
        except Refused as refusal:
            raise _refusal(refusal.message) from None


class OrganisationIn(_In):
    name: OrgName = Field(title="组织名称")
    kind: Annotated[OrgKind, Choice(OrgKind)] = Field(title="组织类型")
    parent: OrgName | None = Field(default=None, title="上级组织")
    grid: Annotated[str, Name(50)] | None = Field(default=None, title="网格")


# A day in a member's life: not before the party was founded, not after today.
Day = Annotated[date, Parse(parse.day, not_before=FOUNDED, not_after_today=True)]


class MemberIn(_In):
    member_no: MemberNo = Field(title="党员编号")
    name: PersonName = Field(title="姓名")
    branch: OrgName = Field(title="所在党支部")
    group: OrgName | None = Field(default=None, title="党小组")
    category: Annotated[MemberCategory, Choice(MemberCategory)] = Field(title="人员类别")
    joined_on: Day = Field(title="入党日期")
    post: Annotated[str, Text(50)] | None = Field(default=None, title="岗位")
    arrived_on: Day | None = Field(default=None, title="转入日期")
    left_on: Day | None = Field(default=None, title="转出日期")
    died_on: Day | None = Field(default=None, title="离世日期")
    moved_on: Day | None = Field(default=None, title="调入本支部日期")

    @model_validator(mode="after")
    def _dates_in_order(self) -> "MemberIn":
        """转出 and 离世 come after the member started (入党, 转入), and a move within that time."""
        started = max(self.joined_on, self.arrived_on or self.joined_on)
        for name in ("left_on", "died_on", "moved_on"):
            day = getattr(self, name)
            if day is not None and day < started:
                title = type(self).model_fields[name].title
                raise _refusal(f"{title}不能早于入党日期和转入日期", name)
        return self


class YearParameterIn(_In):
    year: Year = Field(title="年度")
    last_year_payroll: Annotated[Decimal, Money(Decimal("1e13"), positive=True)] = Field(
        title="上年度职工工资总额(元)"
    )
    monthly_hours_target: Annotated[Decimal, Number(200, example=HOURS_EXAMPLE)] = Field(
        title="每月学习时长目标(小时)"
    )
    monthly_points_target: Annotated[int, Count(100_000)] = Field(title="每月学习强国积分目标")


class TaskIn(_In):
    code: TaskCode = Field(title="任务编号")
    title: Annotated[str, Text(200)] = Field(title="任务名称")
    goal: Annotated[str, Text(200)] = Field(title="年度目标")
    goal_category: Annotated[GoalCategory, Choice(GoalCategory)] = Field(title="目标类别")
    branch: OrgName = Field(title="责任党支部")
    owner_member_no: MemberNo | None = Field(default=None, title="责任人党员编号")
    unit: Unit = Field(title="计量单位")
    target_quantity: Annotated[Decimal, Number(1_000_000, positive=True)] = Field(title="目标值")
    weight: Annotated[Decimal, Number(100, positive=True)] = Field(title="权重")
    start_month: Month = Field(title="开始月份")
    due_month: Month = Field(title="截止月份")
    mode: Annotated[TaskMode, Choice(TaskMode)] = Field(title="方式")

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

    name: CategoryName = Field(title="类别名称")
    old_name: CategoryName | None = Field(default=None, title="原名称")
    sort_order: Annotated[int, Count(999, minimum=1)] | None = Field(default=None, title="排序")
    active: CategoryState | None = Field(default=None, title="状态")


class AllocationIn(_In):
    year: Year = Field(title="年度")
    branch: OrgName = Field(title="党支部")
    category: CategoryName = Field(title="支出类别")
    amount: Annotated[Decimal, Money(Decimal("1e10"))] = Field(title="预算金额(元)")


class ProgressIn(_In):
    month: Month = Field(title="月份")
    task_code: TaskCode = Field(title="任务编号")
    quantity: Annotated[Decimal, Number(1_000_000)] = Field(title="本月完成量")
    note: Annotated[str, Text(500)] | None = Field(default=None, title="说明")


class StudyIn(_In):
    month: Month = Field(title="月份")
    member_no: MemberNo = Field(title="党员编号")
    name: PersonName | None = Field(default=None, title="姓名")
    points: Annotated[int, Count(10_000)] = Field(title="学习强国积分")
    hours: Annotated[Decimal, Number(300, example=HOURS_EXAMPLE)] = Field(title="学习时长(小时)")
    sessions: Annotated[int, Count(100)] = Field(title="集中学习次数")


class ExpenseIn(_In):
    spent_on: RecordDay = Field(title="日期")
    branch: OrgName = Field(title="党支部")
    category: CategoryName = Field(title="支出类别")
    amount: Annotated[Decimal, Money(Decimal("1e8"), positive=True)] = Field(title="金额(元)")
    purpose: Annotated[str, Text(200)] = Field(title="事由")
    voucher_no: Annotated[str, Text(50)] | None = Field(default=None, title="凭证号")

    @property
    def month(self) -> str:
        return months.of_date(self.spent_on)


class MeetingIn(_In):
    held_on: RecordDay = Field(title="日期")
    branch: OrgName = Field(title="党支部")
    group: OrgName | None = Field(default=None, title="党小组")  # a 党小组会's 党小组
    kind: Annotated[MeetingKind, Choice(MeetingKind)] = Field(title="会议类型")
    expected_attendance: Annotated[int, Count(10_000, minimum=1)] = Field(title="应到人数")
    actual_attendance: Annotated[int, Count(10_000)] = Field(title="实到人数")
    topic: Annotated[str, Text(200)] = Field(title="主题")

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
    IndicatorSource.PRODUCTION_RATE,
    IndicatorSource.MEMBER_HAZARD_SHARE,
)
"""Sources whose value is a rate (0–1; 生产计划完成率 may pass 1): scored 线性 or 阈值 against a target rate."""
COUNT_SOURCES = (IndicatorSource.OVERDUE_TASKS, IndicatorSource.LATE_SUBMISSIONS)
"""Sources whose value is a count: scored 扣分 (points off per unit)."""
PER_THOUSAND_SOURCES = (IndicatorSource.MEMBER_VIOLATION_RATE,)
"""Sources whose value is per thousand people and the fewer the better: scored 扣分 (points off per ‰)."""


class IndicatorIn(_In):
    """One line of a year's 对标 scheme. Rates (目标值, 及格值) are percentages as people write them (90 = 90 %)."""

    year: Year = Field(title="年度")
    name: IndicatorName = Field(title="指标名称")
    source: Annotated[IndicatorSource, Choice(IndicatorSource)] = Field(title="数据来源")
    rule: Annotated[ScoringRule, Choice(ScoringRule)] = Field(title="计分方式")
    weight: Annotated[Decimal, Number(100, positive=True)] = Field(title="分值")
    target: Annotated[Decimal, Number(100)] | None = Field(default=None, title="目标值(%)")
    floor: Annotated[Decimal, Number(100)] | None = Field(default=None, title="及格值(%)")
    deduction: Annotated[Decimal, Number(100, positive=True)] | None = Field(default=None, title="每项扣分")
    sort_order: Annotated[int, Count(999)] = Field(default=0, title="排序")

    @model_validator(mode="after")
    def _rule_fits_source(self) -> "IndicatorIn":
        manual = self.source == IndicatorSource.MANUAL
        if manual != (self.rule == ScoringRule.MANUAL):
            raise _refusal("“人工评分”指标的计分方式应为“直接评分”，其他来源不能直接评分", "rule")
        if self.source in COUNT_SOURCES and self.rule != ScoringRule.DEDUCTION:
            raise _refusal(f"“{self.source}”是计数，计分方式应为“扣分”", "rule")
        if self.source in PER_THOUSAND_SOURCES and self.rule != ScoringRule.DEDUCTION:
            raise _refusal(f"“{self.source}”按每千人计、越低越好，计分方式应为“扣分”（每‰扣分）", "rule")
        if self.source in RATE_SOURCES and self.rule == ScoringRule.DEDUCTION:
            raise _refusal(f"“{self.source}”是比率，计分方式应为“线性”或“阈值”", "rule")
        if self.rule in (ScoringRule.LINEAR, ScoringRule.THRESHOLD) and not self.target:
            raise _refusal("请填写目标值（大于 0）", "target")
        # (a 阈值 rule has its target: checked just above)
        if self.rule == ScoringRule.THRESHOLD and (
            self.floor is None or self.target is None or self.floor >= self.target
        ):
            raise _refusal("阈值计分请填写及格值，且应小于目标值", "floor")
        if self.rule == ScoringRule.DEDUCTION and self.deduction is None:
            raise _refusal("扣分计分请填写每项扣分", "deduction")
        return self


class ManualScoreIn(_In):
    """A leader's score of a 党支部 on a 人工评分 indicator for a month."""

    month: Month = Field(title="月份")
    branch: OrgName = Field(title="党支部")
    indicator: IndicatorName = Field(title="指标名称")
    points: Annotated[Decimal, Number(100)] = Field(title="得分")
    note: Annotated[str, Text(200)] | None = Field(default=None, title="评分说明")


# --- 金点子 and 帮扶结对 (lean mechanisms: ideas, pairs) ---


class IdeaIn(_In):
    """A 金点子 as proposed (or, from Excel, as far as it has come); one per 党支部 and 金点子名称.

    ``status`` blank is 提出; a later status needs its 状态日期 (the day it changed). 效益 belongs to 见效.
    """

    branch: OrgName = Field(title="党支部")
    title: Annotated[str, Text(IDEA_TITLE_LENGTH)] = Field(title="金点子名称")
    proposer_no: MemberNo = Field(title="提出人党员编号")
    proposer_name: PersonName | None = Field(default=None, title="提出人")
    proposed_on: RecordDay = Field(title="提出日期")
    status: Annotated[IdeaStatus, Choice(IdeaStatus)] = Field(default=IdeaStatus.PROPOSED, title="状态")
    status_on: RecordDay | None = Field(default=None, title="状态日期")
    benefit_amount: Benefit | None = Field(default=None, title="效益(元)")
    benefit_text: Annotated[str, Text(200)] | None = Field(default=None, title="效益说明")

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

    status: Annotated[IdeaStatus, Choice(IdeaStatus)] = Field(title="状态")
    status_on: RecordDay = Field(title="状态日期")
    benefit_amount: Benefit | None = Field(default=None, title="效益(元)")
    benefit_text: Annotated[str, Text(200)] | None = Field(default=None, title="效益说明")


class PairingIn(_In):
    """A 帮扶结对 of a 党支部: a member helping someone (党员结对, 帮扶人党员编号 required) or the 党支部 paired
    with another 党支部 (支部结对, 帮扶对象 = that 党支部's full name, no 帮扶人)."""

    branch: OrgName = Field(title="党支部")
    kind: Annotated[PairKind, Choice(PairKind)] = Field(title="结对类型")
    helper_no: MemberNo | None = Field(default=None, title="帮扶人党员编号")
    target: PairTarget = Field(title="帮扶对象")
    started_month: Month = Field(title="开始月份")
    ended_month: Month | None = Field(default=None, title="结束月份")
    note: Annotated[str, Text(200)] | None = Field(default=None, title="备注")

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

    month: Month = Field(title="月份")
    branch: OrgName = Field(title="党支部")
    helper_no: MemberNo | None = Field(default=None, title="帮扶人党员编号")
    target: PairTarget = Field(title="帮扶对象")
    visits: Annotated[int, Count(100)] = Field(title="走访次数")
    note: Annotated[str, Text(200)] | None = Field(default=None, title="走访情况")


# --- end of 金点子 and 帮扶结对 ---


# ---------------------------------------------------------------- 党费 (party dues)

DUES_MAXIMUM = Decimal("1e7")  # a month's income or payment beyond ¥10,000,000 is a typing error

DuesAmount = Annotated[Decimal, Money(DUES_MAXIMUM)]


class DuesIn(_In):
    """A member's month of 党费: 税后月工资收入 (the rate and amount due follow from it) and what was paid."""

    month: Month = Field(title="月份")
    member_no: MemberNo = Field(title="党员编号")
    name: PersonName | None = Field(default=None, title="姓名")
    income: DuesAmount = Field(title="月工资收入(元)")
    paid: DuesAmount = Field(default=Decimal("0.00"), title="实缴金额(元)")  # blank: nothing paid this month
    paid_on: RecordDay | None = Field(default=None, title="缴纳日期")

    @model_validator(mode="after")
    def _paid_in_or_after_the_month(self) -> "DuesIn":
        if self.paid_on is not None and months.of_date(self.paid_on) < self.month:
            raise _refusal(f"缴纳日期不能早于所交党费的月份（{self.month}）", "paid_on")
        if self.paid_on is not None and not self.paid:
            raise _refusal("填写了缴纳日期，实缴金额应大于 0；未交纳时请清空缴纳日期", "paid")
        return self


# --- end of 党费 ---


# ---------------------------------------------------------------- 党建+安全生产

UNIT_NAME_LENGTH = 50  # Organisation.unit is String(50)
PRODUCTION_INDICATOR_LENGTH = 30  # ProductionIndicator.name is String(30)
MEASURE_LENGTH = 10  # ProductionIndicator.measure is String(10)
PRODUCTION_MAXIMUM = 100_000_000  # a month's plan or actual (t, m, %) beyond this is a typing error
HEADCOUNT_MAXIMUM = 100_000  # people of one unit
SAFETY_COUNT_MAXIMUM = 10_000  # 隐患 or 三违 of one unit in a month
YES_NO = ("是", "否")


def _yes_no(value: Any, *, field: str) -> bool:
    """是 (True) or 否 (False) as typed (also √/×, Y/N, 1/0), or the bool of a grid's check box."""
    if isinstance(value, bool):
        return value
    typed = unicodedata.normalize("NFKC", str(value)).strip().upper()
    if typed in ("是", "√", "✓", "Y", "YES", "TRUE", "1", "有"):
        return True
    if typed in ("否", "×", "✗", "N", "NO", "FALSE", "0", "无"):
        return False
    return parse.choice(value, YES_NO, field=field) == YES_NO[0]  # refuses, naming 是 and 否


UnitName = Annotated[str, Name(UNIT_NAME_LENGTH)]
UnitOrBranch = Annotated[str, Name(100)]  # 区队: a unit's name, or its 党支部's full name
Quantity = Annotated[Decimal, Number(PRODUCTION_MAXIMUM, example="12500")]
SafetyCount = Annotated[int, Count(SAFETY_COUNT_MAXIMUM)]  # blank: none that month
YesNo = Annotated[bool, Parse(_yes_no)]


class BranchUnitIn(_In):
    """A 党支部's business unit (区队/科室) and its kind; a blank 区队 detaches the 党支部 from any unit."""

    branch: OrgName = Field(title="党支部")
    unit: UnitName | None = Field(default=None, title="区队")
    unit_kind: Annotated[UnitKind, Choice(UnitKind)] | None = Field(default=None, title="区队类型")

    @model_validator(mode="after")
    def _kind_with_unit(self) -> "BranchUnitIn":
        if self.unit is not None and self.unit_kind is None:
            raise _refusal("请选择区队类型", "unit_kind")
        return self


class ProductionIndicatorIn(_In):
    """A production indicator of a 党支部's unit for a year; ``old_name`` renames one in place."""

    year: Year = Field(title="年度")
    branch: OrgName = Field(title="党支部")
    name: Annotated[str, Name(PRODUCTION_INDICATOR_LENGTH)] = Field(title="指标")
    measure: Annotated[str, Name(MEASURE_LENGTH)] | None = Field(default=None, title="计量单位")
    old_name: Annotated[str, Name(PRODUCTION_INDICATOR_LENGTH)] | None = Field(default=None, title="原名称")


class ProductionIn(_In):
    """A line of the 调度 monthly production workbook (生产月报): an indicator's plan and actual."""

    month: Month = Field(title="月份")
    unit: UnitOrBranch = Field(title="区队")
    indicator: Annotated[str, Name(PRODUCTION_INDICATOR_LENGTH)] = Field(title="指标")
    measure: Annotated[str, Name(MEASURE_LENGTH)] | None = Field(
        default=None, title="单位"
    )  # checked if given
    plan: Quantity = Field(title="计划")
    actual: Quantity = Field(title="实际")


class SafetyIn(_In):
    """A line of the 安监 monthly safety workbook (安全月报): a unit's safety month."""

    month: Month = Field(title="月份")
    unit: UnitOrBranch = Field(title="区队")
    workforce: Annotated[int, Count(HEADCOUNT_MAXIMUM, minimum=1)] = Field(title="在册人数")
    hazards_found: SafetyCount = Field(default=0, title="隐患发现")
    hazards_closed: SafetyCount = Field(default=0, title="隐患整改")
    hazards_by_members: SafetyCount = Field(default=0, title="其中党员发现")
    violations_members: SafetyCount = Field(default=0, title="党员三违")
    violations_others: SafetyCount = Field(default=0, title="非党员三违")
    injury_accidents: SafetyCount = Field(default=0, title="伤人事故")
    other_accidents: SafetyCount = Field(default=0, title="非伤人事故")
    safe_days: Annotated[int, Count(100_000)] = Field(title="安全生产天数")

    @model_validator(mode="after")
    def _parts_within_found(self) -> "SafetyIn":
        if self.hazards_closed > self.hazards_found:
            raise _refusal(
                f"整改的隐患（{self.hazards_closed}）不能多于发现的隐患（{self.hazards_found}）",
                "hazards_closed",
            )
        if self.hazards_by_members > self.hazards_found:
            raise _refusal(
                f"党员发现的隐患（{self.hazards_by_members}）不能多于发现的隐患（{self.hazards_found}）",
                "hazards_by_members",
            )
        return self


class PioneerPostIn(_In):
    """A 党员先锋岗 or 党员责任区 of a 党支部, held by one of its members from a month (until a month)."""

    branch: OrgName = Field(title="党支部")
    kind: Annotated[PioneerKind, Choice(PioneerKind)] = Field(title="类型")
    name: Annotated[str, Name(50)] = Field(title="岗区名称")
    member_no: MemberNo = Field(title="责任党员编号")
    started_month: Month = Field(title="开始月份")
    ended_month: Month | None = Field(default=None, title="结束月份")

    @model_validator(mode="after")
    def _months_in_order(self) -> "PioneerPostIn":
        if self.ended_month is not None and self.ended_month < self.started_month:
            raise _refusal("结束月份不能早于开始月份", "ended_month")
        return self


class PioneerCheckIn(_In):
    """A 先锋岗's or 责任区's month: whether it stayed free of 三违 and of 事故."""

    month: Month = Field(title="月份")
    branch: OrgName = Field(title="党支部")
    post: Annotated[str, Name(50)] = Field(title="岗区名称")
    violation_free: YesNo = Field(title="无三违")
    accident_free: YesNo = Field(title="无事故")
    note: Annotated[str, Text(200)] | None = Field(default=None, title="情况说明")


# --- end of 党建+安全生产 ---


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
    BranchUnitIn,  # 党建+安全生产
    ProductionIndicatorIn,
    ProductionIn,
    SafetyIn,
    PioneerPostIn,
    PioneerCheckIn,
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
    return _text_key(str(header))


@functools.lru_cache(maxsize=4096)  # a sheet's few headers, met again on every one of its rows
def _text_key(header: str) -> str:
    cleaned = unicodedata.normalize("NFKC", header)
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
