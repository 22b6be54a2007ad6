"""The kinds of sheet the Excel import knows, in the order they are written (parents first).

Each ``Kind``: the sheet's name, its schema (whose titles are the headers), the natural key of a row
(the same key twice in one file is refused), the write function, and the template's example row (left
as it is, the importer skips it).
"""

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from pydantic import BaseModel
from sqlmodel import Session

from data_layer import entry, parse, safety, schemas, setup
from data_layer.auth import Actor
from data_layer.lean import benchmark, dues_entry, ideas_entry, pairs_entry
from data_layer.store import writes

OPTIONS_SHEET = "选项"  # the template's hidden sheet of drop-down lists, never imported


@dataclass(frozen=True)
class Writer:
    """What every row's write needs besides the row itself.

    ``batch``: the kinds with a ``preload`` write through it (``writes.Batch``); settled after each sheet.
    """

    session: Session
    actor: Actor
    today: date
    confirm_over_allocation: bool
    cache: entry.Cache = field(default_factory=dict)
    batch: writes.Batch | None = None


@dataclass(frozen=True)
class Kind:
    """One kind of sheet: its name, schema, natural key (field names), write and example row.

    ``figures``: on sheets the template pre-fills with keys, a row whose figures are all blank is skipped.
    ``stand_in``: the column to blame when a refusal names a field the sheet does not have.
    ``preload``: looks up what the sheet's rows need, all at once, before they are written.
    """

    sheet: str
    model: type[BaseModel]
    key: tuple[str, ...]
    save: Callable[[Writer, Any], tuple[str, Any]]
    example: dict[str, Any]
    admin_only: bool = False
    figures: tuple[str, ...] = ()
    stand_in: dict[str, str] = field(default_factory=dict)
    preload: Callable[[Writer, list[Any]], None] | None = None

    @property
    def headers(self) -> list[str]:
        return schemas.HEADERS[self.model]

    def title(self, name: str) -> str:
        return self.model.model_fields[name].title or name

    def column_for(self, refused_field: str | None) -> str:
        if refused_field in self.headers:
            return refused_field
        return self.stand_in.get(refused_field or "", self.title(self.key[0]))


def _preloading(preload: Callable[..., None], *, today: bool = False) -> Callable[[Writer, list[Any]], None]:
    """``preload`` of a sheet's rows with the run's session, actor, cache and batch (and ``today``, for
    a preload whose rows' months depend on the month they are saved in)."""
    return lambda run, items: preload(
        session=run.session,
        actor=run.actor,
        items=items,
        cache=run.cache,
        batch=run.batch,
        **({"today": run.today} if today else {}),
    )


def _admin(write: Callable[..., tuple[str, Any]]) -> Callable[[Writer, Any], tuple[str, Any]]:
    return lambda run, item: write(session=run.session, actor=run.actor, item=item)


KINDS: tuple[Kind, ...] = (
    Kind(
        "组织架构",
        schemas.OrganisationIn,
        ("name",),
        _admin(setup.save_organisation),
        {"组织名称": "示例党支部", "组织类型": "党支部", "上级组织": "示例党委", "网格": "井下"},
        admin_only=True,
    ),
    Kind(
        "党员名册",
        schemas.MemberIn,
        ("member_no",),
        lambda run, item: setup.save_member(
            session=run.session, actor=run.actor, item=item, cache=run.cache, batch=run.batch
        ),
        {
            "党员编号": "BS0012",
            "姓名": "示例党员",
            "所在党支部": "示例党支部",
            "党小组": "示例党支部第一党小组",
            "人员类别": "正式党员",
            "入党日期": date(2010, 7, 1),
            "岗位": "采煤机司机",
            "转入日期": date(2024, 3, 1),
        },
        admin_only=True,
        preload=_preloading(setup.preload_members),
    ),
    Kind(
        "年度参数",
        schemas.YearParameterIn,
        ("year",),
        _admin(setup.save_year_parameters),
        {
            "年度": 2026,
            "上年度职工工资总额(元)": 12345678.9,
            "每月学习时长目标(小时)": 4,
            "每月学习强国积分目标": 600,
        },
        admin_only=True,
    ),
    Kind(
        "任务清单",
        schemas.TaskIn,
        ("code",),
        _admin(setup.save_task),
        {
            "任务编号": "2026-SL-01",
            "任务名称": "示例：开展主题党日活动",
            "年度目标": "示例：推进党支部标准化规范化建设",
            "目标类别": "组织建设",
            "责任党支部": "示例党支部",
            "责任人党员编号": "BS0012",
            "计量单位": "次",
            "目标值": 12,
            "权重": 1,
            "开始月份": "2026-01",
            "截止月份": "2026-12",
            "方式": "定制",
        },
        admin_only=True,
    ),
    Kind(
        "支出类别",
        schemas.CategoryIn,
        ("name",),
        _admin(setup.save_category_row),
        {"类别名称": "示例类别", "原名称": None, "排序": 8, "状态": "启用"},
        admin_only=True,
    ),
    Kind(
        "对标指标",
        schemas.IndicatorIn,
        ("year", "name"),
        _admin(benchmark.save_indicator),
        {
            "年度": 2026,
            "指标名称": "示例：任务完成",
            "数据来源": "任务完成率",
            "计分方式": "线性",
            "分值": 30,
            "目标值(%)": 100,
            "及格值(%)": None,
            "每项扣分": None,
            "排序": 1,
        },
        admin_only=True,
    ),
    Kind(
        "经费预算",
        schemas.AllocationIn,
        ("year", "branch", "category"),
        lambda run, item: setup.save_allocation(
            session=run.session, actor=run.actor, item=item, cache=run.cache, batch=run.batch
        ),
        {"年度": 2026, "党支部": "示例党支部", "支出类别": "学习教育", "预算金额(元)": 5000},
        admin_only=True,
        preload=_preloading(setup.preload_allocations),
    ),
    Kind(
        "任务进展",
        schemas.ProgressIn,
        ("month", "task_code"),
        lambda run, item: entry.save_progress(
            session=run.session, actor=run.actor, item=item, today=run.today, cache=run.cache, batch=run.batch
        ),
        {"月份": "2026-03", "任务编号": "2026-SL-01", "本月完成量": 2, "说明": "示例：完成两次主题党日"},
        figures=("本月完成量", "说明"),
        stand_in={"党支部": "任务编号"},
        preload=_preloading(entry.preload_progress),
    ),
    Kind(
        "学习情况",
        schemas.StudyIn,
        ("month", "member_no"),
        lambda run, item: entry.save_study(
            session=run.session, actor=run.actor, item=item, today=run.today, cache=run.cache, batch=run.batch
        ),
        {
            "月份": "2026-03",
            "党员编号": "BS0012",
            "姓名": "示例党员",
            "学习强国积分": 600,
            "学习时长(小时)": 4.5,
            "集中学习次数": 2,
        },
        figures=("学习强国积分", "学习时长(小时)", "集中学习次数"),
        stand_in={"党支部": "党员编号"},
        preload=_preloading(entry.preload_study),
    ),
    Kind(
        "经费支出",
        schemas.ExpenseIn,
        ("branch", "voucher_no"),
        lambda run, item: entry.save_expense(
            session=run.session,
            actor=run.actor,
            item=item,
            confirm_over_allocation=run.confirm_over_allocation,
            by_voucher=True,  # a ledger imported again updates its expenses (修改)
            cache=run.cache,
            batch=run.batch,
        ),
        {
            "日期": date(2026, 3, 5),
            "党支部": "示例党支部",
            "支出类别": "学习教育",
            "金额(元)": 1234.5,
            "事由": "示例：购买学习资料",
            "凭证号": "PZ-2026-001",
        },
        stand_in={"月份": "日期"},
        preload=_preloading(entry.preload_expenses),
    ),
    Kind(
        "三会一课",
        schemas.MeetingIn,
        ("held_on", "branch", "group", "kind", "topic"),  # several meetings may share a day
        lambda run, item: entry.save_meeting(
            session=run.session,
            actor=run.actor,
            item=item,
            update_same=True,
            cache=run.cache,
            batch=run.batch,
        ),
        {
            "日期": date(2026, 3, 5),
            "党支部": "示例党支部",
            "党小组": "示例党支部第一党小组",
            "会议类型": "党小组会",
            "应到人数": 5,
            "实到人数": 5,
            "主题": "示例：研究部署三月工作",
        },
        stand_in={"月份": "日期"},
        preload=_preloading(entry.preload_meetings),
    ),
    # --- 金点子 and 帮扶结对: entered by secretaries (帮扶结对 before 帮扶走访, whose rows name a pairing) ---
    Kind(
        "金点子",
        schemas.IdeaIn,
        ("branch", "title"),
        lambda run, item: ideas_entry.save_idea(
            session=run.session, actor=run.actor, item=item, today=run.today, cache=run.cache, batch=run.batch
        ),
        {
            "党支部": "示例党支部",
            "金点子名称": "示例：综采工作面液压支架快速移架法",
            "提出人党员编号": "BS0012",
            "提出人": "示例党员",
            "提出日期": date(2026, 3, 5),
            "状态": "见效",
            "状态日期": date(2026, 3, 28),
            "效益(元)": 12000,
            "效益说明": "示例：每月节约配件费用",
        },
        stand_in={"月份": "提出日期"},
        preload=_preloading(ideas_entry.preload_ideas),
    ),
    Kind(
        "帮扶结对",
        schemas.PairingIn,
        ("branch", "helper_no", "target"),
        lambda run, item: pairs_entry.save_pairing(
            session=run.session, actor=run.actor, item=item, today=run.today, cache=run.cache, batch=run.batch
        ),
        {
            "党支部": "示例党支部",
            "结对类型": "党员结对",
            "帮扶人党员编号": "BS0012",
            "帮扶对象": "示例：困难职工刘某",
            "开始月份": "2026-01",
            "结束月份": None,
            "备注": "示例：每月入户走访",
        },
        stand_in={"月份": "开始月份"},
        preload=_preloading(pairs_entry.preload_pairings),
    ),
    Kind(
        "帮扶走访",
        schemas.VisitIn,
        ("month", "branch", "helper_no", "target"),
        lambda run, item: pairs_entry.save_visit(
            session=run.session, actor=run.actor, item=item, today=run.today, cache=run.cache, batch=run.batch
        ),
        {
            "月份": "2026-03",
            "党支部": "示例党支部",
            "帮扶人党员编号": "BS0012",
            "帮扶对象": "示例：困难职工刘某",
            "走访次数": 1,
            "走访情况": "示例：入户了解生活困难",
        },
        figures=("走访次数", "走访情况"),
        preload=_preloading(pairs_entry.preload_visits),
    ),
    # --- end of 金点子 and 帮扶结对 ---
    # --- 党费: a payroll or dues list, a row per member and month ---
    Kind(
        "党费",
        schemas.DuesIn,
        ("month", "member_no"),
        lambda run, item: dues_entry.save_dues(
            session=run.session, actor=run.actor, item=item, today=run.today, cache=run.cache, batch=run.batch
        ),
        {
            "月份": "2026-03",
            "党员编号": "BS0012",
            "姓名": "示例党员",
            "月工资收入(元)": 6800,
            "实缴金额(元)": 102,
            "缴纳日期": date(2026, 3, 10),
        },
        figures=("月工资收入(元)", "实缴金额(元)", "缴纳日期"),
        stand_in={"党支部": "党员编号"},
        preload=_preloading(dues_entry.preload_dues),
    ),
    # --- end of 党费 ---
    # --- 党建+安全生产: 先锋岗/责任区 (secretaries); the mine's 调度 and 安监 monthly workbooks (administrators) ---
    Kind(
        "先锋岗责任区",
        schemas.PioneerPostIn,
        ("branch", "name"),
        lambda run, item: safety.save_post(
            session=run.session, actor=run.actor, item=item, today=run.today, cache=run.cache, batch=run.batch
        ),
        {
            "党支部": "示例党支部",
            "类型": "党员先锋岗",
            "岗区名称": "示例：采煤机司机岗",
            "责任党员编号": "BS0012",
            "开始月份": "2026-01",
            "结束月份": None,
        },
        stand_in={"月份": "开始月份"},
        preload=_preloading(safety.preload_posts, today=True),
    ),
    Kind(
        "岗区检查",
        schemas.PioneerCheckIn,
        ("month", "branch", "post"),
        lambda run, item: safety.save_check(
            session=run.session, actor=run.actor, item=item, today=run.today, cache=run.cache, batch=run.batch
        ),
        {
            "月份": "2026-03",
            "党支部": "示例党支部",
            "岗区名称": "示例：采煤机司机岗",
            "无三违": "是",
            "无事故": "是",
            "情况说明": None,
        },
        figures=("无三违", "无事故", "情况说明"),
        preload=_preloading(safety.preload_checks),
    ),
    Kind(
        "生产月报",
        schemas.ProductionIn,
        ("month", "unit", "indicator"),
        lambda run, item: safety.save_production(
            session=run.session, actor=run.actor, item=item, today=run.today, cache=run.cache, batch=run.batch
        ),
        {
            "月份": "2026-03",
            "区队": "示例区队",
            "指标": "原煤产量",
            "单位": "t",
            "计划": 85000,
            "实际": 86500,
        },
        admin_only=True,
        stand_in={"党支部": "区队"},
        preload=_preloading(safety.preload_production),
    ),
    Kind(
        "安全月报",
        schemas.SafetyIn,
        ("month", "unit"),
        lambda run, item: safety.save_safety(
            session=run.session, actor=run.actor, item=item, today=run.today, cache=run.cache, batch=run.batch
        ),
        {
            "月份": "2026-03",
            "区队": "示例区队",
            "在册人数": 320,
            "隐患发现": 12,
            "隐患整改": 11,
            "其中党员发现": 5,
            "党员三违": 0,
            "非党员三违": 2,
            "伤人事故": 0,
            "非伤人事故": 0,
            "安全生产天数": 365,
        },
        admin_only=True,
        stand_in={"党支部": "区队"},
        preload=_preloading(safety.preload_safety),
    ),
    # --- end of 党建+安全生产 ---
)
BY_SHEET = {kind.sheet: kind for kind in KINDS}
SETUP_KINDS = ("组织架构", "党员名册", "年度参数", "任务清单", "支出类别", "对标指标", "经费预算")
"""The administrator's yearly set-up."""
MONTHLY_KINDS = (
    "任务进展",
    "学习情况",
    "经费支出",
    "三会一课",
    "金点子",
    "帮扶结对",
    "帮扶走访",
    "党费",
    "先锋岗责任区",
    "岗区检查",
)  # 金点子, 帮扶结对, 党费, 先锋岗/责任区
"""A 党支部书记's month."""
SAFETY_KINDS = ("生产月报", "安全月报")
"""The mine's 调度 and 安监 monthly workbooks, imported by administrators (党建+安全生产)."""


def normal(text: Any) -> str:
    """A sheet name or header as typed: full-width, spaced or with zero-width characters."""
    cleaned = unicodedata.normalize("NFKC", "" if text is None else str(text))
    return "".join(char for char in cleaned if char not in parse.ZERO_WIDTH and not char.isspace())


def plain(value: Any) -> str:
    """A cell's value as comparable text (the example row may come back as float, date or text)."""
    if parse.blank(value):
        return ""
    if isinstance(value, datetime) and value.time() == datetime.min.time():
        value = value.date()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return f"{Decimal(str(value)).normalize():f}"
    return normal(value)


EXAMPLES = {kind.sheet: {title: plain(value) for title, value in kind.example.items()} for kind in KINDS}


def is_example(kind: Kind, values: dict[str, Any]) -> bool:
    """True for the template's example row, left as it was."""
    example = EXAMPLES[kind.sheet]
    return all(plain(value) == example.get(title, "") for title, value in values.items())
