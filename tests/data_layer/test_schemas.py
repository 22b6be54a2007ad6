"""schemas.py: input models built from raw Excel cells or form values, refusals in Chinese by title."""

from datetime import date, datetime
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from data_layer import schemas
from data_layer.errors import Refused
from data_layer.schemas import (
    HEADERS,
    MODELS,
    REQUIRED_HEADERS,
    AllocationIn,
    CategoryIn,
    ExpenseIn,
    MeetingIn,
    MemberIn,
    OrganisationIn,
    ProgressIn,
    StudyIn,
    TaskIn,
    YearParameterIn,
    from_row,
    problems,
)
from data_layer.vocab import GoalCategory, MeetingKind, MemberCategory, OrgKind, TaskMode

TODAY = date(2026, 11, 24)

GOOD = {
    OrganisationIn: {
        "组织名称": "综采一队党支部",
        "组织类型": "党支部",
        "上级组织": "生产一线党总支",
        "网格": "井下采掘网格",
    },
    MemberIn: {
        "党员编号": "BS0012",
        "姓名": "张三",
        "所在党支部": "综采一队党支部",
        "党小组": "综采一队第一党小组",
        "人员类别": "正式党员",
        "入党日期": "2010-07-01",
        "岗位": "采煤机司机",
    },
    YearParameterIn: {
        "年度": 2026,
        "上年度职工工资总额(元)": 150000000,
        "每月学习时长目标(小时)": 4,
        "每月学习强国积分目标": 300,
    },
    TaskIn: {
        "任务编号": "2026-ZC1-01",
        "任务名称": "开展安全生产主题党日",
        "年度目标": "推进党支部标准化规范化建设",
        "目标类别": "组织建设",
        "责任党支部": "综采一队党支部",
        "责任人党员编号": "BS0012",
        "计量单位": "次",
        "目标值": 10,
        "权重": 2,
        "开始月份": "2026-01",
        "截止月份": "2026-06",
        "方式": "定制",
    },
    CategoryIn: {"类别名称": "其他支出", "原名称": "其他", "排序": 8, "状态": "启用"},
    AllocationIn: {"年度": 2026, "党支部": "综采一队党支部", "支出类别": "学习教育", "预算金额(元)": 12000},
    ProgressIn: {"月份": "2026-03", "任务编号": "2026-ZC1-01", "本月完成量": 2, "说明": "组织两次"},
    StudyIn: {
        "月份": "2026-03",
        "党员编号": "BS0012",
        "姓名": "张三",
        "学习强国积分": 320,
        "学习时长(小时)": 4.5,
        "集中学习次数": 2,
    },
    ExpenseIn: {
        "日期": "2026-03-05",
        "党支部": "综采一队党支部",
        "支出类别": "学习教育",
        "金额(元)": 1234.5,
        "事由": "购买学习资料",
        "凭证号": "记-0012",
    },
    MeetingIn: {
        "日期": "2026-03-05",
        "党支部": "综采一队党支部",
        "会议类型": "党课",
        "应到人数": 30,
        "实到人数": 28,
        "主题": "学习贯彻安全生产法",
    },
    # --- 金点子 and 帮扶结对 ---
    schemas.IdeaIn: {
        "党支部": "综采一队党支部",
        "金点子名称": "液压支架快速移架法",
        "提出人党员编号": "BS0012",
        "提出人": "张三",
        "提出日期": "2026-03-05",
        "状态": "见效",
        "状态日期": "2026-03-28",
        "效益(元)": "1,200.50",
        "效益说明": "节约配件费用",
    },
    schemas.PairingIn: {
        "党支部": "综采一队党支部",
        "结对类型": "党员结对",
        "帮扶人党员编号": "BS0012",
        "帮扶对象": "困难职工刘大海",
        "开始月份": "2026-01",
        "结束月份": "2026年12月",
        "备注": "每月入户走访",
    },
    schemas.VisitIn: {
        "月份": "2026-03",
        "党支部": "综采一队党支部",
        "帮扶人党员编号": "BS0012",
        "帮扶对象": "困难职工刘大海",
        "走访次数": 2,
        "走访情况": "送去慰问品",
    },
    # --- 党费 ---
    schemas.DuesIn: {
        "月份": "2026-03",
        "党员编号": "BS0012",
        "姓名": "张三",
        "月工资收入(元)": "6,800.00",
        "实缴金额(元)": "102",
        "缴纳日期": "2026-03-10",
    },
    schemas.IndicatorIn: {  # 对标
        "年度": "2026",
        "指标名称": "三会一课",
        "数据来源": "三会一课完成率",
        "计分方式": "阈值",
        "分值": "15",
        "目标值(%)": "100",
        "及格值(%)": "80",
    },
    schemas.ManualScoreIn: {
        "月份": "2026-03",
        "党支部": "综采一队党支部",
        "指标名称": "党建品牌",
        "得分": "8.5",
    },
    # 党建+安全生产
    schemas.BranchUnitIn: {"党支部": "综采一队党支部", "区队": "综采一队", "区队类型": "采煤"},
    schemas.ProductionIndicatorIn: {
        "年度": 2026,
        "党支部": "综采一队党支部",
        "指标": "原煤产量",
        "计量单位": "t",
    },
    schemas.ProductionIn: {
        "月份": "2026-03",
        "区队": "综采一队",
        "指标": "原煤产量",
        "单位": "t",
        "计划": 85000,
        "实际": 86500,
    },
    schemas.SafetyIn: {
        "月份": "2026-03",
        "区队": "综采一队",
        "在册人数": 145,
        "隐患发现": 12,
        "隐患整改": 11,
        "其中党员发现": 5,
        "党员三违": 0,
        "非党员三违": 2,
        "伤人事故": 0,
        "非伤人事故": 0,
        "安全生产天数": 365,
    },
    schemas.PioneerPostIn: {
        "党支部": "综采一队党支部",
        "类型": "党员先锋岗",
        "岗区名称": "采煤机司机岗",
        "责任党员编号": "ZC1001",
        "开始月份": "2026-01",
    },
    schemas.PioneerCheckIn: {
        "月份": "2026-03",
        "党支部": "综采一队党支部",
        "岗区名称": "采煤机司机岗",
        "无三违": "是",
        "无事故": "是",
    },
}


def good(model, **changes):
    return {**GOOD[model], **changes}


def only_problem(model, values, *, row=None) -> Refused:
    found = problems(model, values, row=row, today=TODAY)
    assert len(found) == 1, [str(problem) for problem in found]
    with pytest.raises(Refused) as caught:
        from_row(model, values, row=row, today=TODAY)
    assert (caught.value.message, caught.value.field, caught.value.row) == (
        found[0].message,
        found[0].field,
        found[0].row,
    )
    return found[0]


# ---------------------------------------------------------------- headers


def test_headers_in_order():
    assert HEADERS[OrganisationIn] == ["组织名称", "组织类型", "上级组织", "网格"]
    assert HEADERS[MemberIn] == [
        "党员编号",
        "姓名",
        "所在党支部",
        "党小组",
        "人员类别",
        "入党日期",
        "岗位",
        "转入日期",
        "转出日期",
        "离世日期",
        "调入本支部日期",
    ]
    assert HEADERS[YearParameterIn] == [
        "年度",
        "上年度职工工资总额(元)",
        "每月学习时长目标(小时)",
        "每月学习强国积分目标",
    ]
    assert HEADERS[TaskIn] == [
        "任务编号",
        "任务名称",
        "年度目标",
        "目标类别",
        "责任党支部",
        "责任人党员编号",
        "计量单位",
        "目标值",
        "权重",
        "开始月份",
        "截止月份",
        "方式",
    ]
    assert HEADERS[CategoryIn] == ["类别名称", "原名称", "排序", "状态"]
    assert HEADERS[AllocationIn] == ["年度", "党支部", "支出类别", "预算金额(元)"]
    assert HEADERS[ProgressIn] == ["月份", "任务编号", "本月完成量", "说明"]
    assert HEADERS[StudyIn] == ["月份", "党员编号", "姓名", "学习强国积分", "学习时长(小时)", "集中学习次数"]
    assert HEADERS[ExpenseIn] == ["日期", "党支部", "支出类别", "金额(元)", "事由", "凭证号"]
    assert HEADERS[MeetingIn] == ["日期", "党支部", "党小组", "会议类型", "应到人数", "实到人数", "主题"]


def test_optional_headers():
    optional = {
        model: [title for title in HEADERS[model] if title not in REQUIRED_HEADERS[model]] for model in MODELS
    }
    assert optional == {
        OrganisationIn: ["上级组织", "网格"],
        MemberIn: ["党小组", "岗位", "转入日期", "转出日期", "离世日期", "调入本支部日期"],
        YearParameterIn: [],
        TaskIn: ["责任人党员编号"],
        CategoryIn: ["原名称", "排序", "状态"],
        AllocationIn: [],
        ProgressIn: ["说明"],
        StudyIn: ["姓名"],
        ExpenseIn: ["凭证号"],
        MeetingIn: ["党小组"],
        # 金点子 and 帮扶结对
        schemas.IdeaIn: ["提出人", "状态", "状态日期", "效益(元)", "效益说明"],
        schemas.PairingIn: ["帮扶人党员编号", "结束月份", "备注"],
        schemas.VisitIn: ["帮扶人党员编号", "走访情况"],
        schemas.DuesIn: ["姓名", "实缴金额(元)", "缴纳日期"],  # 党费
        schemas.IndicatorIn: ["目标值(%)", "及格值(%)", "每项扣分", "排序"],  # 对标
        schemas.ManualScoreIn: ["评分说明"],
        # 党建+安全生产: a unit left blank detaches; blank counts are 0
        schemas.BranchUnitIn: ["区队", "区队类型"],
        schemas.ProductionIndicatorIn: ["计量单位", "原名称"],
        schemas.ProductionIn: ["单位"],
        schemas.SafetyIn: [
            "隐患发现",
            "隐患整改",
            "其中党员发现",
            "党员三违",
            "非党员三违",
            "伤人事故",
            "非伤人事故",
        ],
        schemas.PioneerPostIn: ["结束月份"],
        schemas.PioneerCheckIn: ["情况说明"],
    }


def test_units_are_suggested_not_imposed():
    assert schemas.UNIT_SUGGESTIONS == (
        "次",
        "人",
        "篇",
        "项",
        "个",
        "场",
        "期",
        "条",
        "小时",
        "元",
        "万元",
        "%",
    )
    # 金点子 5 条, 学习 20 小时, 1.5 万元, 覆盖率 100 %: any short word; full-width ％ is the same as %.
    for typed, stored in [
        ("条", "条"),
        ("小时", "小时"),
        ("万元", "万元"),
        ("%", "%"),
        ("％", "%"),
        ("台 次", "台次"),
    ]:
        assert from_row(TaskIn, good(TaskIn, 计量单位=typed), today=TODAY).unit == stored


# ---------------------------------------------------------------- good rows


def test_good_rows_build_with_canonical_values():
    org = from_row(OrganisationIn, GOOD[OrganisationIn], today=TODAY)
    assert org == OrganisationIn(
        name="综采一队党支部", kind=OrgKind.BRANCH, parent="生产一线党总支", grid="井下采掘网格"
    )

    member = from_row(MemberIn, GOOD[MemberIn], today=TODAY)
    assert member.joined_on == date(2010, 7, 1)
    assert member.category is MemberCategory.FULL

    parameter = from_row(YearParameterIn, GOOD[YearParameterIn], today=TODAY)
    assert (parameter.year, parameter.last_year_payroll, parameter.monthly_hours_target) == (
        2026,
        Decimal("150000000.00"),
        Decimal("4.00"),
    )
    assert parameter.monthly_points_target == 300

    task = from_row(TaskIn, GOOD[TaskIn], today=TODAY)
    assert task.year == 2026
    assert (task.goal_category, task.mode, task.unit) == (GoalCategory.ORGANISATION, TaskMode.ASSIGNED, "次")
    assert (task.target_quantity, task.weight) == (Decimal("10.00"), Decimal("2.00"))

    category = from_row(CategoryIn, GOOD[CategoryIn], today=TODAY)
    assert category == CategoryIn(name="其他支出", old_name="其他", sort_order=8, active=True)
    assert from_row(CategoryIn, {"类别名称": "党建品牌", "状态": "停用"}, today=TODAY) == CategoryIn(
        name="党建品牌", old_name=None, sort_order=None, active=False
    )

    allocation = from_row(AllocationIn, GOOD[AllocationIn], today=TODAY)
    assert allocation.amount == Decimal("12000.00")

    progress = from_row(ProgressIn, GOOD[ProgressIn], today=TODAY)
    assert (progress.month, progress.task_code, progress.quantity) == (
        "2026-03",
        "2026-ZC1-01",
        Decimal("2.00"),
    )

    study = from_row(StudyIn, GOOD[StudyIn], today=TODAY)
    assert (study.points, study.hours, study.sessions) == (320, Decimal("4.50"), 2)

    expense = from_row(ExpenseIn, GOOD[ExpenseIn], today=TODAY)
    assert (expense.spent_on, expense.month, expense.amount) == (
        date(2026, 3, 5),
        "2026-03",
        Decimal("1234.50"),
    )
    assert expense.voucher_no == "记-0012"

    meeting = from_row(MeetingIn, GOOD[MeetingIn], today=TODAY)
    assert (meeting.kind, meeting.month) == (MeetingKind.LECTURE, "2026-03")
    for model in MODELS:
        assert problems(model, GOOD[model], today=TODAY) == []


def test_what_people_type_is_made_canonical():
    """One messy Excel row of each kind: full-width, spaces, Excel numbers and dates."""
    member = from_row(
        MemberIn,
        {
            "党员编号": " ｂｓ００１２ ",
            "姓名": "张 三",
            "所在党支部": "综采一队\u3000党支部",
            "党小组": "",
            "人员类别": "预备 党员",
            "入党日期": datetime(2025, 7, 1),
            "岗位": "  采煤机   司机 ",
        },
        today=TODAY,
    )
    assert member == MemberIn(
        member_no="BS0012",
        name="张三",
        branch="综采一队党支部",
        group=None,
        category=MemberCategory.PROBATIONARY,
        joined_on=date(2025, 7, 1),
        post="采煤机 司机",
    )

    task = from_row(
        TaskIn,
        good(
            TaskIn,
            任务编号="2026－zc1－01",
            目标值="１,０００",
            权重=0.5,
            开始月份=46023,
            截止月份="2026年12月",
            方式=" 领办 ",
            责任人党员编号=None,
        ),
        today=TODAY,
    )
    assert (task.code, task.target_quantity, task.weight) == (
        "2026-ZC1-01",
        Decimal("1000.00"),
        Decimal("0.50"),
    )
    assert (task.start_month, task.due_month, task.mode, task.owner_member_no) == (
        "2026-01",
        "2026-12",
        TaskMode.CLAIMED,
        None,
    )

    expense = from_row(ExpenseIn, good(ExpenseIn, 日期=46086, 金额="¥1,234.5", 凭证号=12), today=TODAY)
    assert (expense.spent_on, expense.amount, expense.voucher_no) == (
        date(2026, 3, 5),
        Decimal("1234.50"),
        "12",
    )

    study = from_row(
        StudyIn, good(StudyIn, 月份=datetime(2026, 3, 1), 学习强国积分=320.0, 姓名=None), today=TODAY
    )
    assert (study.month, study.points, study.name) == ("2026-03", 320, None)

    parameter = from_row(
        YearParameterIn, good(YearParameterIn, 年度="2026年", **{"上年度职工工资总额(元)": "150,000,000.00"})
    )
    assert parameter.last_year_payroll == Decimal("150000000.00")


def test_headers_may_be_typed_full_width_or_spaced_and_extra_columns_are_ignored():
    values = {
        "序号": 1,
        " 月 份 ": "2026-03",
        "党员编号": "BS0012",
        "学习强国积分": 1,
        "学习时长（小时）": "2",
        "集中学习次数": 0,
        "备注": "多余的列",
    }
    study = from_row(StudyIn, values, today=TODAY)
    assert (study.month, study.hours) == ("2026-03", Decimal("2.00"))


def test_values_may_also_be_keyed_by_field_name():
    progress = from_row(ProgressIn, {"month": "2026-3", "task_code": "a1", "quantity": "1"})
    assert (progress.month, progress.task_code, progress.note) == ("2026-03", "A1", None)


# ---------------------------------------------------------------- refusals


@pytest.mark.parametrize(
    "model, changes, field, message",
    [
        (OrganisationIn, {"组织类型": "支部"}, "组织类型", "应为以下之一：党委、党总支、党支部、党小组"),
        (OrganisationIn, {"组织名称": "  "}, "组织名称", "请填写组织名称"),
        (OrganisationIn, {"组织名称": "党" * 101}, "组织名称", "最多 100 个字（现在 101 个字）"),
        (OrganisationIn, {"网格": "网" * 51}, "网格", "最多 50 个字（现在 51 个字）"),
        (MemberIn, {"党员编号": "BS-0012"}, "党员编号", "只能包含字母和数字，例如 BS0012"),
        (MemberIn, {"党员编号": "B" * 31}, "党员编号", "最多 30 个字（现在 31 个字）"),
        (MemberIn, {"姓名": None}, "姓名", "请填写姓名"),
        (MemberIn, {"人员类别": "党员"}, "人员类别", "应为以下之一：正式党员、预备党员"),
        (MemberIn, {"入党日期": "2026-11-25"}, "入党日期", "日期不能晚于今天（2026-11-24）"),
        (MemberIn, {"入党日期": "1921-06-30"}, "入党日期", "日期不能早于 1921-07-01"),
        (MemberIn, {"入党日期": "2010-02-30"}, "入党日期", "日期不存在：2010年2月只有 28 天"),
        (MemberIn, {"岗位": "岗" * 51}, "岗位", "最多 50 个字（现在 51 个字）"),
        (YearParameterIn, {"年度": 1999}, "年度", "年度应在 2000–2100 之间，例如 2026"),
        (YearParameterIn, {"上年度职工工资总额(元)": 0}, "上年度职工工资总额(元)", "应大于 0"),
        (
            YearParameterIn,
            {"上年度职工工资总额(元)": "1.005"},
            "上年度职工工资总额(元)",
            "金额最多两位小数，例如 1234.50",
        ),
        (
            YearParameterIn,
            {"上年度职工工资总额(元)": "10,000,000,000,000.01"},
            "上年度职工工资总额(元)",
            "数值过大，最多 10,000,000,000,000",
        ),
        (YearParameterIn, {"每月学习时长目标(小时)": 200.5}, "每月学习时长目标(小时)", "数值过大，最多 200"),
        (
            YearParameterIn,
            {"每月学习时长目标(小时)": "4.125"},
            "每月学习时长目标(小时)",
            "最多 2 位小数，例如 4.5",  # hours, not a sum of money
        ),
        (YearParameterIn, {"每月学习强国积分目标": 100001}, "每月学习强国积分目标", "数值过大，最多 100,000"),
        (YearParameterIn, {"每月学习强国积分目标": -1}, "每月学习强国积分目标", "不能为负数"),
        (TaskIn, {"任务编号": "任务1"}, "任务编号", "只能包含字母、数字和“-”“_”，例如 2026-ZC1-01"),
        (
            TaskIn,
            {"目标类别": "党建"},
            "目标类别",
            "应为以下之一：思想建设、组织建设、作风建设、纪律建设、品牌创建",
        ),
        (TaskIn, {"责任人党员编号": "张三"}, "责任人党员编号", "只能包含字母和数字，例如 BS0012"),
        (TaskIn, {"计量单位": ""}, "计量单位", "请填写计量单位"),
        (TaskIn, {"计量单位": "很长很长很长很长的单位"}, "计量单位", "最多 8 个字（现在 11 个字）"),
        (CategoryIn, {"类别名称": " "}, "类别名称", "请填写类别名称"),
        (CategoryIn, {"类别名称": "类" * 21}, "类别名称", "最多 20 个字（现在 21 个字）"),
        (CategoryIn, {"原名称": "名" * 21}, "原名称", "最多 20 个字（现在 21 个字）"),
        (CategoryIn, {"排序": 0}, "排序", "不能小于 1"),
        (CategoryIn, {"排序": 2.5}, "排序", "应为整数，例如 12"),
        (CategoryIn, {"状态": "作废"}, "状态", "应为以下之一：启用、停用"),
        (TaskIn, {"目标值": 0}, "目标值", "应大于 0"),
        (TaskIn, {"目标值": 1000001}, "目标值", "数值过大，最多 1,000,000"),
        (TaskIn, {"权重": "100.01"}, "权重", "数值过大，最多 100"),
        (TaskIn, {"权重": "-1"}, "权重", "不能为负数"),
        (TaskIn, {"开始月份": "2026-13"}, "开始月份", "月份应在 1–12 之间，例如 2026-03"),
        (TaskIn, {"截止月份": "明年"}, "截止月份", "月份格式应为 YYYY-MM，例如 2026-03"),
        (TaskIn, {"方式": "指派"}, "方式", "应为以下之一：定制、领办"),
        (
            TaskIn,
            {"开始月份": "2026-07", "截止月份": "2026-06"},
            "截止月份",
            "开始月份和截止月份应在同一年度，且开始不晚于截止",
        ),
        (
            TaskIn,
            {"开始月份": "2025-12", "截止月份": "2026-06"},
            "截止月份",
            "开始月份和截止月份应在同一年度，且开始不晚于截止",
        ),
        (AllocationIn, {"年度": "明年"}, "年度", "年度应为四位数字，例如 2026"),
        (AllocationIn, {"支出类别": "类" * 21}, "支出类别", "最多 20 个字（现在 21 个字）"),
        (AllocationIn, {"预算金额(元)": -5}, "预算金额(元)", "不能为负数"),
        (AllocationIn, {"预算金额(元)": 1e10 + 0.01}, "预算金额(元)", "数值过大，最多 10,000,000,000"),
        (AllocationIn, {"预算金额(元)": "一万"}, "预算金额(元)", "应为数字，例如 1234.50"),
        (ProgressIn, {"月份": "2026-3-1"}, "月份", "月份格式应为 YYYY-MM，例如 2026-03"),
        (ProgressIn, {"本月完成量": -1}, "本月完成量", "不能为负数"),
        (ProgressIn, {"本月完成量": "1.234"}, "本月完成量", "最多 2 位小数，例如 1234.50"),
        (ProgressIn, {"说明": "说" * 501}, "说明", "最多 500 个字（现在 501 个字）"),
        (StudyIn, {"党员编号": ""}, "党员编号", "请填写党员编号"),
        (StudyIn, {"学习强国积分": 10001}, "学习强国积分", "数值过大，最多 10,000"),
        (StudyIn, {"学习强国积分": 12.5}, "学习强国积分", "应为整数，例如 12"),
        (StudyIn, {"学习时长(小时)": 300.01}, "学习时长(小时)", "数值过大，最多 300"),
        (StudyIn, {"学习时长(小时)": "4.555"}, "学习时长(小时)", "最多 2 位小数，例如 4.5"),
        (StudyIn, {"学习时长(小时)": "四个半小时"}, "学习时长(小时)", "应为数字，例如 4.5"),
        (StudyIn, {"集中学习次数": 101}, "集中学习次数", "数值过大，最多 100"),
        (StudyIn, {"集中学习次数": None}, "集中学习次数", "请填写集中学习次数"),
        (ExpenseIn, {"日期": date(2026, 11, 25)}, "日期", "日期不能晚于今天（2026-11-24）"),
        (ExpenseIn, {"日期": "1999-12-31"}, "日期", "日期不能早于 2000-01-01"),
        (ExpenseIn, {"金额(元)": 0}, "金额(元)", "应大于 0"),
        (ExpenseIn, {"金额(元)": "12.345"}, "金额(元)", "金额最多两位小数，例如 1234.50"),
        (ExpenseIn, {"金额(元)": 100000000.01}, "金额(元)", "数值过大，最多 100,000,000"),
        (ExpenseIn, {"事由": ""}, "事由", "请填写事由"),
        (ExpenseIn, {"事由": "事" * 201}, "事由", "最多 200 个字（现在 201 个字）"),
        (ExpenseIn, {"凭证号": "号" * 51}, "凭证号", "最多 50 个字（现在 51 个字）"),
        (
            MeetingIn,
            {"会议类型": "座谈会"},
            "会议类型",
            "应为以下之一：党员大会、支委会、党小组会、党课、主题党日",
        ),
        (MeetingIn, {"应到人数": 0}, "应到人数", "不能小于 1"),
        (MeetingIn, {"应到人数": 10001}, "应到人数", "数值过大，最多 10,000"),
        (MeetingIn, {"实到人数": -1}, "实到人数", "不能为负数"),
        (MeetingIn, {"实到人数": 31}, "实到人数", "实到人数不能多于应到人数"),
        (MeetingIn, {"主题": "\x00"}, "主题", "含有无法识别的控制字符，请删除后重新填写"),
    ],
)
def test_refusals_name_the_title_and_say_what_to_do(model, changes, field, message):
    problem = only_problem(model, good(model, **changes), row=7)
    assert (problem.field, problem.message, problem.row) == (field, message, 7)
    assert str(problem) == f"第 7 行“{field}”：{message}"


def test_every_problem_of_a_row_in_column_order():
    found = problems(
        MeetingIn,
        {"日期": "2026/13/5", "应到人数": 3.5, "实到人数": "２８", "备注": "x"},
        row=4,
        today=TODAY,
    )
    assert [(problem.field, problem.message, problem.row) for problem in found] == [
        ("日期", "月份应在 1–12 之间，例如 2026-03-05", 4),
        ("党支部", "请填写党支部", 4),
        ("会议类型", "请填写会议类型", 4),
        ("应到人数", "应为整数，例如 12", 4),
        ("主题", "请填写主题", 4),
    ]
    with pytest.raises(Refused) as caught:
        from_row(MeetingIn, {"日期": "2026/13/5"}, row=4, today=TODAY)
    assert (caught.value.field, caught.value.message) == ("日期", "月份应在 1–12 之间，例如 2026-03-05")


@pytest.mark.parametrize("model", MODELS)
def test_an_empty_row_asks_for_every_required_value(model):
    found = problems(model, {}, row=2, today=TODAY)
    assert [(problem.field, problem.message) for problem in found] == [
        (title, f"请填写{title}") for title in REQUIRED_HEADERS[model]
    ]


def test_today_defaults_to_the_clock_and_can_be_given_as_context():
    tomorrow_row = good(ExpenseIn, 日期="2026-11-25")
    assert problems(ExpenseIn, tomorrow_row, today=date(2026, 11, 25)) == []
    assert problems(ExpenseIn, good(ExpenseIn, 日期="2100-12-31"))[0].message.startswith("日期不能晚于今天（")
    expense = ExpenseIn.model_validate(
        {"spent_on": "2026-11-25", "branch": "b", "category": "c", "amount": 1, "purpose": "p"},
        context={"today": date(2026, 11, 25)},
    )
    assert expense.spent_on == date(2026, 11, 25)


def test_direct_construction_gives_a_validation_error_that_refusals_turn_chinese():
    with pytest.raises(ValidationError) as caught:
        MeetingIn(
            held_on="2026-03-05",
            branch="b",
            kind="党课",
            expected_attendance=30,
            actual_attendance="三十",
            topic="t",
        )
    [problem] = schemas.refusals(MeetingIn, caught.value, row=3)
    assert (problem.field, problem.message, problem.row) == ("实到人数", "应为整数，例如 12", 3)

    with pytest.raises(ValidationError) as caught:
        MemberIn(member_no="BS1")  # the other fields missing altogether
    assert [(problem.field, problem.message) for problem in schemas.refusals(MemberIn, caught.value)] == [
        ("姓名", "请填写姓名"),
        ("所在党支部", "请填写所在党支部"),
        ("人员类别", "请填写人员类别"),
        ("入党日期", "请填写入党日期"),
    ]


def test_inputs_are_immutable():
    org = from_row(OrganisationIn, GOOD[OrganisationIn])
    with pytest.raises(ValidationError):
        org.name = "别的名字"


# ---------------------------------------------------------------- properties

cell = st.one_of(
    st.none(),
    st.booleans(),
    st.text(max_size=30),
    st.text(alphabet="0123456789０１２３４５６７８９,.-/年月日¥ \u200b", max_size=12),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(),
    st.decimals(),
    st.dates(),
    st.datetimes(),
)


@settings(max_examples=100, deadline=None)
@given(model=st.sampled_from(MODELS), data=st.data())
def test_any_row_gives_chinese_problems_by_title_never_an_exception(model, data):
    values = {title: data.draw(cell, label=title) for title in HEADERS[model] if data.draw(st.booleans())}
    found = problems(model, values, row=9, today=TODAY)
    for problem in found:
        assert isinstance(problem, Refused)
        assert problem.field in HEADERS[model]
        assert problem.row == 9
        assert any("\u4e00" <= char <= "\u9fff" for char in problem.message)
    if found:
        with pytest.raises(Refused):
            from_row(model, values, row=9, today=TODAY)
    else:
        assert isinstance(from_row(model, values, row=9, today=TODAY), model)


@settings(max_examples=100, deadline=None)
@given(
    amount=st.decimals(min_value=Decimal("0.01"), max_value=10**8, places=2),
    spelling=st.sampled_from([str, float, lambda d: f"¥{d:,}", lambda d: f"{d}元"]),
)
def test_expense_amount_from_any_spelling(amount, spelling):
    expense = from_row(ExpenseIn, good(ExpenseIn, **{"金额(元)": spelling(amount)}), today=TODAY)
    assert expense.amount == amount
