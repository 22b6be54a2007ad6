"""A workbook from a mine that is not the demo — 南山煤矿党委 — written the way people's own spreadsheets
look, and every figure of its 2026-03 report worked out by hand (issue 15's acceptance test,
tests/data_layer/test_other_mine.py). Nothing here uses the seed or tests/handmade.py.

The mine: 南山煤矿党委 (党委) → 机关党支部, 机电队党支部, 综采队党支部 (党支部); 综采队第一党小组 (党小组 of
综采队). 12 members NS001–NS012; two are called 李明 (NS004 综采队, NS011 机关). NS012 马文涛 is a 预备党员 who
joined on 2026-02-10. Tree order (siblings by sort order, then name; the 组织机构 rows are in that order
too): 机关党支部, 机电队党支部, 综采队党支部 — every list below is in that order.

How the workbook differs from the template (data_layer/excel/template.py):
- sheet names: 组织机构, 党员花名册, 年度参数, 2026年任务清单, 任务进展, 支部经费预算, 支出类别, 经费支出台账,
  党员学习情况, 学习强国积分导出, 三会一课记录 — in that order (支出类别 after the budget that uses it);
- every sheet has a title row merged across the table (经费支出台账 also a blank row under it);
- 党员学习情况 has a two-row header: 月份, 党员编号, 姓名, 学习时长 each merged over rows 2–3, and the group title
  本月学习情况 merged over E2:F2 above 积分 and 集中学习次数; its data starts on row 4;
- near-miss headers (支部名称, 所在支部, 编号, 积分, 学习时长, 类别, 单位, 本月完成, 预算金额, 支出金额（元）, 会议日期,
  应到, 实到, …) and extra columns nobody imports (序号, 任务名称 and 单位 in 任务进展, 经办人, 地点, 总积分);
- amounts are text with 元, ¥/￥ and thousands separators ("1,200.00元", "￥1,800", "¥2,000.00"); months and
  days are written several ways ("2026年1月", "2026.06", "2026/1/18", dates);
- units the demo never uses: 条, 万元, 小时, %, and 次; expense categories of its own: 党建品牌, 困难党员慰问 (plus
  学习教育, one of the defaults), listed in a 支出类别 sheet (类别名称, 排序: 学习教育 1, 党建品牌 8, 困难党员慰问 9)
  so the workbook is self-contained; with the default categories installed (setup_vocab.install_defaults:
  学习教育 1 … 其他 7), 学习教育 is already there in that place and its row changes nothing.

The 学习强国 export (sheet 学习强国积分导出): 姓名, 所在组织 ("南山煤矿党委/综采队党支部"), 总积分, 本月积分 — no
党员编号, no month, no hours. The plan guesses it is 学习情况 with 姓名, 所在组织 and 本月积分 → 学习强国积分
(总积分, the member's lifetime total in the app, is not read) and cannot know the month: the administrator
confirms 2026-03 in the preview (``plan.with_month("学习强国积分导出", "2026-03")``) — the one confirmation.
What the importer must do with each row:
- find the member by 姓名 among the active members of the 党支部 that 所在组织 names (the longest 党支部 name
  it contains), counting the members of the same workbook's 党员花名册: the two 李明 are told apart so;
  a name not found there (or found twice) is a problem naming that row and the 姓名 column;
- 本月积分 is the month's points; the month's hours and 集中学习次数 are kept when a record for that member
  and month already exists, otherwise 0 — here (an empty database, and 党员学习情况 holds January and
  February only) every March record has 0 hours and 0 sessions;
- 陈立新 (NS005) is not in the export: he has no March record (his March counts 0, as a missing month does).
So March adds points only, and a member is on track at 2026-03 only if January and February alone brought
the three months' hours (9 h): the hours target is met early or not at all.

The figures of the 2026-03 report, worked out by hand (``EXPECTED`` below holds them as the report's JSON):

Year parameters 2026 (年度参数): 上年度职工工资总额 2,600,000.00 元 → 1 % rule 26,000.00; the mine's own study
targets 3 h and 500 学习强国 points a month → at 2026-03 a member needs 9 h and 1,500 points (at 2026-02:
6 h and 1,000).

任务完成 at 2026-03 (tasks of 2026 started by March; ratio = min(1, Σ progress ÷ target); plan = months from
start through M ÷ months from start through due; status: 已完成 at ratio 1, 正常 if ratio ≥ plan, 滞后 if
≥ plan − 0.10, else 严重滞后; 超期: due before M and ratio < 1):
  机关 JG-01 %    target 100, weight 1, 01–06, 40 + 30 + 20 = 90 → 0.9, plan 3/6 = 0.5  → 正常
  机关 JG-02 次   target 12,  weight 3, 03–12, nothing yet    → 0,   plan 1/10 = 0.1 → 滞后 (gap exactly −0.10)
  机关 JG-03 小时 starts 2026-04: not in scope at March (its weight 3 counts nowhere).
  机电 JD-01 小时 target 48,  weight 1, 01–12, 4 + 0 + 5 = 9   → 0.1875, plan 3/12 = 0.25 → 滞后 (gap −0.0625)
  机电 JD-02 次   target 6,   weight 1, 01–02, 2 + 3 = 5      → 0.8333, plan 1 → 严重滞后, 超期 1 month
  综采 ZC-01 条   target 40,  weight 2, 01–06, 8 + 7 + 10 = 25 → 0.625, plan 0.5 → 正常
  综采 ZC-02 万元 target 10,  weight 1, 01–03, 2.5 + 3 + 4.5 = 10 → 1 → 已完成
  机关 (0.9 + 3 × 0) ÷ 4 = 22.5 % (plan (0.5 + 0.3) ÷ 4 = 20.0 % → 正常);
  机电 (0.1875 + 0.8333) ÷ 2 = 51.04 % (plan (0.25 + 1) ÷ 2 = 62.5 %, gap −0.115 → 严重滞后);
  综采 (2 × 0.625 + 1) ÷ 3 = 75.0 % (plan (1 + 1) ÷ 3 = 66.67 % → 正常);
  党委 (0.9 + 1.0208 + 2.25) ÷ (4 + 2 + 3) = 4.1708 ÷ 9 = 46.34 %, plan (0.8 + 1.25 + 2) ÷ 9 = 45.0 %.
  Counts: 已完成 1, 正常 2, 滞后 2, 严重滞后 1; 超期 1 (JD-02, due 2026-02, owner 周德胜).
  At 2026-02 (JG-02 not started): (0.7 + 0.0833 + 0.8333 + 2 × 0.375 + 0.55) ÷ 6 = 2.9167 ÷ 6 = 48.61 %
  → 环比 46.34 − 48.61 = −2.27 个百分点.

学习达标率 at 2026-03 (hours and points January–March; March from the export: points only, 0 h):
  机关 NS010 郑丽华 5 + 5 = 10 h, 510 + 520 + 530 = 1,560 → on track
       NS011 李明   4.5 + 4.5 = 9 h, 500 + 500 + 480 = 1,480 → not (20 points short)
       NS012 马文涛 joined 2026-02-10: counted from February (docs/metrics.md, 党员的在册月份), so against
                    two months (6 h, 1,000 points): 6 h, 500 + 520 = 1,020 → on track
  机电 NS006 赵永刚 6 + 6 = 12 h, 700 + 700 + 650 = 2,050 → on track
       NS007 孙晓明 4 + 4 = 8 h → not (1 h short), 500 + 500 + 520 = 1,520
       NS008 周德胜 5 + 4 = 9 h, 520 + 500 + 480 = 1,500 → on track (both exactly at target)
       NS009 吴国庆 4.5 + 4.5 = 9 h, 500 × 3 = 1,500 → on track
  综采 NS001 王建国 5 + 4.5 = 9.5 h, 520 + 510 + 500 = 1,530 → on track
       NS002 李红军 3 + 3 = 6 h → not (3 h short), 500 + 500 + 600 = 1,600
       NS003 张海涛 4.5 + 4.5 = 9 h, 480 + 520 + 500 = 1,500 → on track
       NS004 李明   6 + 5 = 11 h, 450 + 450 + 550 = 1,450 → not (50 points short)
       NS005 陈立新 5 + 5 = 10 h, 600 + 600 + (not in the export) 0 = 1,200 → not (300 points short)
  机关 2/3 = 66.67 %, 机电 3/4 = 75.0 %, 综采 2/5 = 40.0 % → 党委 7/12 = 58.33 %.
  Average March points: 机关 (530 + 480 + 520) ÷ 3 = 510.0; 机电 (650 + 520 + 480 + 500) ÷ 4 = 537.5;
  综采 (500 + 600 + 500 + 550 + 0) ÷ 5 = 430.0; 党委 5,830 ÷ 12 = 485.83.
  At 2026-02 (6 h, 1,000 points; NS012 counted for February alone: 3 h, 500 points): all but NS004
  (900 points) → 11/12 = 91.67 % → 环比 −33.33 个百分点.
  未达标党员, biggest hours shortfall first, then points: NS002 (3.0 h, 0), NS007 (1.0 h, 0), NS005 (0, 300),
  NS004 (0, 50), NS011 (0, 20).

经费执行率 at 2026-03 (time progress 3/12 = 25 %; status 超支 > 1, 偏快 if rate − 0.25 > 0.15, 偏慢 if
< −0.25, else 正常):
  Allocations 2026: 机关 学习教育 2,000 + 党建品牌 4,000 + 困难党员慰问 2,000 = 8,000;
  机电 学习教育 3,000 + 困难党员慰问 5,000 = 8,000; 综采 学习教育 4,000 + 党建品牌 6,000 = 10,000 → 26,000.00
  (= the 1 % rule amount: no 经费保障不足; no earlier year → carry-forward 0.00, cap 52,000.00).
  Expenses: 机关 02-16 学习教育 180.00 → 180.00 ÷ 8,000 = 2.25 % (gap −0.2275 → 正常);
  机电 01-25 困难党员慰问 2,000.00, 03-05 学习教育 1,480.00 → 3,480.00 ÷ 8,000 = 43.5 % (gap 0.185 → 偏快);
  综采 01-18 学习教育 1,200.00, 02-26 党建品牌 1,800.00, 03-12 学习教育 620.40 → 3,620.40 ÷ 10,000 = 36.20 % (正常).
  党委 7,280.40 ÷ 26,000 = 28.00 % (正常). At 2026-02: 180 + 2,000 + 3,000 = 5,180 → 19.92 % → 环比 +8.08.
  By category: 学习教育 (180 + 1,480 + 1,200 + 620.40 = 3,480.40) ÷ 9,000 = 38.67 %; 党建品牌 1,800 ÷ 10,000
  = 18.0 %; 困难党员慰问 2,000 ÷ 7,000 = 28.57 %. Alert: 机电队党支部 偏快 (43.5 % against 25.0 %).

填报率: the import writes figures of January, February and March for every 党支部, and the first figure
saved for a 党支部's month makes that month 草稿 (data_layer/entry/workflow.touch_draft, called by every
entry.save_*); nothing is submitted → 未填报 nowhere, 草稿 everywhere: 0 of 3 = 0.0 % (2026-02 also 0.0 %,
环比 0.0), and all three 党支部 are listed as missing.

三会一课 (M = 2026-03, the last month of 2026年第一季度: nothing is 本季度待开; 党课 quarterly):
  Required a month: 支委会 1, 主题党日 1, 党小组会 1 per active 党小组 — 综采队 has one (3 a month), 机关 and
  机电 none (2 a month). A quarter: 3 × the month's, 党员大会 1, 党课 1.
  Held in March | January–March, counted as min(held, required):
    机关 支委会 1|3, 主题党日 1|3, 党员大会 0|1 (02-09), 党课 0|0 → month 2/2; quarter (3 + 3 + 1 + 0)/8 = 7/8
    机电 支委会 0|2, 主题党日 2|3 (two in March count once), 党员大会 0|0, 党课 1|1
      → month (0 + 1)/2 = 50.0 %; quarter (2 + 3 + 0 + 1)/8 = 6/8 = 75.0 %
    综采 支委会 2|4 (03-04, and 03-31: M's last day counts), 党小组会 1|2, 主题党日 1|3, 党员大会 1|1, 党课 1|1
      → month (1 + 1 + 1)/3 = 100.0 %; quarter (3 + 2 + 3 + 1 + 1)/11 = 10/11 = 90.91 %
  党委 month (2 + 1 + 3)/(2 + 2 + 3) = 6/7 = 85.71 %; quarter (7 + 6 + 10)/(8 + 8 + 11) = 23/27 = 85.19 %.
  Attendance in March (every meeting dated in March, 党员大会 and 党课 included): 机关 (3 + 3)/(3 + 3) = 6/6;
  机电 (3 + 2 + 4)/(4 + 4 + 4) = 9/12; 综采 (2 + 5 + 5 + 5 + 4 + 3)/(3 + 5 + 5 + 5 + 5 + 3) = 24/26
  → 39/44 = 88.64 %. Below quorum (actual ≤ expected ÷ 2) in the quarter: 机电 支委会 02-10 (1 of 3) and
  机电 主题党日 03-23 (2 of 4, exactly half) → 2; 综采 支委会 03-04 (2 of 3) is above half.

红黑榜 (score = mean of completion rate, study on-track rate and 1 − |execution rate − 0.25|):
  机关 (0.225 + 0.6667 + 0.7725) ÷ 3 = 0.5547; 机电 (0.5104 + 0.75 + 0.815) ÷ 3 = 0.6918;
  综采 (0.75 + 0.4 + 0.88796) ÷ 3 = 0.6793. Three scored: 红榜 takes 2 (机电, 综采), 黑榜 1 (机关).
"""

from dataclasses import dataclass
from datetime import date, datetime
from io import BytesIO
from typing import Any

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

MONTH = "2026-03"
TODAY = date(2026, 4, 15)
"""Every date of the workbook is in 2026-01..03, so "not after today" holds on this day and any later."""
COMMITTEE = "南山煤矿党委"
EXPORT_SHEET = "学习强国积分导出"
EXPORT_MONTH = "2026-03"


@dataclass(frozen=True)
class Layout:
    """What the import's plan should read from one sheet: its kind, the header row (the lowest row of a
    two-row header: the data begins right below it), column index (0-based) → the template's title, and
    the number of data rows."""

    kind: str
    header_row: int
    columns: dict[int, str]
    rows: int


PLAN: dict[str, Layout] = {
    "组织机构": Layout("组织架构", 2, {0: "组织名称", 1: "组织类型", 2: "上级组织", 3: "网格"}, 5),
    "党员花名册": Layout(
        "党员名册",
        2,
        {1: "党员编号", 2: "姓名", 3: "所在党支部", 4: "党小组", 5: "人员类别", 6: "入党日期", 7: "岗位"},
        12,
    ),
    "年度参数": Layout(
        "年度参数",
        2,
        {0: "年度", 1: "上年度职工工资总额(元)", 2: "每月学习时长目标(小时)", 3: "每月学习强国积分目标"},
        1,
    ),
    "2026年任务清单": Layout(
        "任务清单",
        2,
        {
            0: "任务编号",
            1: "任务名称",
            2: "年度目标",
            3: "目标类别",
            4: "责任党支部",
            5: "责任人党员编号",
            6: "计量单位",
            7: "目标值",
            8: "权重",
            9: "开始月份",
            10: "截止月份",
            11: "方式",
        },
        7,
    ),
    "任务进展": Layout("任务进展", 2, {0: "月份", 1: "任务编号", 4: "本月完成量", 5: "说明"}, 14),
    "支部经费预算": Layout("经费预算", 2, {0: "年度", 1: "党支部", 2: "支出类别", 3: "预算金额(元)"}, 7),
    "支出类别": Layout("支出类别", 2, {0: "类别名称", 1: "排序"}, 3),
    "经费支出台账": Layout(
        "经费支出",
        3,
        {0: "日期", 1: "党支部", 2: "支出类别", 3: "金额(元)", 4: "事由", 5: "凭证号"},
        6,
    ),
    "党员学习情况": Layout(
        "学习情况",
        3,
        {0: "月份", 1: "党员编号", 2: "姓名", 3: "学习时长(小时)", 4: "学习强国积分", 5: "集中学习次数"},
        23,
    ),
    EXPORT_SHEET: Layout("学习情况", 2, {0: "姓名", 1: "所在组织", 3: "学习强国积分"}, 11),
    "三会一课记录": Layout(
        "三会一课",
        2,
        {0: "日期", 1: "党支部", 2: "会议类型", 3: "应到人数", 4: "实到人数", 5: "主题"},
        24,
    ),
}

JIGUAN, JIDIAN, ZONGCAI = "机关党支部", "机电队党支部", "综采队党支部"
GROUP = "综采队第一党小组"

ORGANISATIONS = [
    [COMMITTEE, "党委", None, None],
    [JIGUAN, "党支部", COMMITTEE, "地面"],
    [JIDIAN, "党支部", COMMITTEE, "井下"],
    [ZONGCAI, "党支部", COMMITTEE, "井下"],
    [GROUP, "党小组", ZONGCAI, "井下"],
]

# 序号, 编号, 姓名, 所在支部, 党小组, 党员类别, 入党时间, 职务
MEMBERS = [
    [1, "NS001", "王建国", ZONGCAI, GROUP, "正式党员", datetime(2003, 7, 1), "党支部书记"],
    [2, "NS002", "李红军", ZONGCAI, GROUP, "正式党员", "2010.12.20", "采煤机司机"],
    [3, "NS003", "张海涛", ZONGCAI, GROUP, "正式党员", "2014年6月30日", "支架工"],
    [4, "NS004", "李明", ZONGCAI, GROUP, "正式党员", datetime(2018, 7, 1), "输送机司机"],
    [5, "NS005", "陈立新", ZONGCAI, GROUP, "正式党员", "2021/6/25", "电工"],
    [6, "NS006", "赵永刚", JIDIAN, None, "正式党员", datetime(2005, 7, 1), "队长"],
    [7, "NS007", "孙晓明", JIDIAN, None, "正式党员", "2016-05-20", "电钳工"],
    [8, "NS008", "周德胜", JIDIAN, None, "正式党员", "2011.11.11", "维修工"],
    [9, "NS009", "吴国庆", JIDIAN, None, "正式党员", datetime(2019, 7, 1), "绞车司机"],
    [10, "NS010", "郑丽华", JIGUAN, None, "正式党员", datetime(2008, 7, 1), "党委办公室主任"],
    [11, "NS011", "李明", JIGUAN, None, "正式党员", "2012年6月28日", "组织干事"],
    [12, "NS012", "马文涛", JIGUAN, None, "预备党员", "2026-02-10", "宣传干事"],
]

# 年度, 上年度职工工资总额, 每月学时目标, 每月积分目标
YEAR_PARAMETERS = [["2026年", "2,600,000.00元", 3, 500]]

BRAND, LEARNING, CARE = "打造“党建+安全”品牌", "提升党员队伍素质", "推进党支部标准化规范化建设"
# 编号, 任务名称, 目标, 类别, 支部名称, 责任人编号, 单位, 目标数, 权重, 开始时间, 完成时限, 定制/领办
TASKS = [
    ["JG-01", "党员教育培训覆盖率", CARE, "组织建设", JIGUAN, "NS010", "%", 100, 1, "2026年1月", "2026年6月", "定制"],
    ["JG-02", "开展形势任务宣讲", CARE, "组织建设", JIGUAN, "NS011", "次", 12, 3, "2026年3月", "2026年12月", "定制"],
    ["JG-03", "机关干部下基层蹲点", "转变机关作风", "作风建设", JIGUAN, "NS010", "小时", 120, 3, "2026.04", "2026.12", "定制"],
    ["JD-01", "开展设备包机安全培训", LEARNING, "思想建设", JIDIAN, "NS006", "小时", 48, 1, "2026.01", "2026.12", "定制"],
    ["JD-02", "党员安全隐患排查", LEARNING, "思想建设", JIDIAN, "NS008", "次", 6, 1, "2026.01", "2026.02", "领办"],
    ["ZC-01", "征集安全生产“金点子”", BRAND, "品牌创建", ZONGCAI, "NS001", "条", 40, 2, datetime(2026, 1, 1), "2026-06", "定制"],
    ["ZC-02", "党员先锋岗技术攻关创效", BRAND, "品牌创建", ZONGCAI, "NS002", "万元", 10, 1, "2026-01", "2026-03", "领办"],
]  # fmt: skip

# 统计月份, 编号, 任务名称, 单位, 本月完成, 备注
PROGRESS = [
    ["2026年1月", "JG-01", "党员教育培训覆盖率", "%", 40, "完成第一期轮训"],
    ["2026年2月", "JG-01", "党员教育培训覆盖率", "%", 30, None],
    ["2026年3月", "JG-01", "党员教育培训覆盖率", "%", 20, None],
    ["2026年1月", "JD-01", "开展设备包机安全培训", "小时", 4, None],
    ["2026年2月", "JD-01", "开展设备包机安全培训", "小时", 0, "春节检修，未组织培训"],
    ["2026年3月", "JD-01", "开展设备包机安全培训", "小时", 5, None],
    ["2026年1月", "JD-02", "党员安全隐患排查", "次", 2, None],
    ["2026年2月", "JD-02", "党员安全隐患排查", "次", 3, None],
    ["2026年1月", "ZC-01", "征集安全生产“金点子”", "条", 8, None],
    ["2026年2月", "ZC-01", "征集安全生产“金点子”", "条", 7, None],
    ["2026年3月", "ZC-01", "征集安全生产“金点子”", "条", 10, "采纳3条"],
    ["2026年1月", "ZC-02", "党员先锋岗技术攻关创效", "万元", 2.5, None],
    ["2026年2月", "ZC-02", "党员先锋岗技术攻关创效", "万元", 3, None],
    ["2026年3月", "ZC-02", "党员先锋岗技术攻关创效", "万元", 4.5, "全年目标完成"],
]

# 年度, 支部名称, 类别, 预算金额, 备注
BUDGETS = [
    [2026, JIGUAN, "学习教育", "2,000.00元", None],
    [2026, JIGUAN, "党建品牌", "￥4,000", None],
    [2026, JIGUAN, "困难党员慰问", "2000元", None],
    [2026, JIDIAN, "学习教育", "¥3,000.00", None],
    [2026, JIDIAN, "困难党员慰问", "5,000.00元", "含春节慰问"],
    [2026, ZONGCAI, "学习教育", "4,000.00元", None],
    [2026, ZONGCAI, "党建品牌", "￥6,000.00", "“党建+安全”品牌"],
]

# 类别名称, 排序
CATEGORIES = [["学习教育", 1], ["党建品牌", 8], ["困难党员慰问", 9]]

# 支出日期, 支部名称, 类别, 支出金额（元）, 用途, 凭证号, 经办人
EXPENSES = [
    [datetime(2026, 1, 18), ZONGCAI, "学习教育", "1,200.00元", "购买学习资料", "NS-2026-001", "王建国"],
    ["2026/1/25", JIDIAN, "困难党员慰问", "¥2,000.00", "春节走访慰问困难党员", "NS-2026-002", "赵永刚"],
    ["2026年2月16日", JIGUAN, "学习教育", "180元", "购买党员学习笔记本", "NS-2026-003", "郑丽华"],
    [datetime(2026, 2, 26), ZONGCAI, "党建品牌", "￥1,800", "制作党建品牌展板", "NS-2026-004", "王建国"],
    ["2026-03-05", JIDIAN, "学习教育", "1,480.00元", "购买安全培训教材", "NS-2026-005", "赵永刚"],
    [datetime(2026, 3, 12), ZONGCAI, "学习教育", "620.40元", "订阅党报党刊", "NS-2026-006", "王建国"],
]
EXPENSE_ROWS_FROM = 4  # title, blank row, header

# 月份, 党员编号, 姓名, 学习时长, 积分, 集中学习次数 (January and February; March comes from the export)
STUDY = [
    ["2026-01", "NS001", "王建国", 5, 520, 2],
    ["2026-01", "NS002", "李红军", 3, 500, 1],
    ["2026-01", "NS003", "张海涛", 4.5, 480, 2],
    ["2026-01", "NS004", "李明", 6, 450, 2],
    ["2026-01", "NS005", "陈立新", 5, 600, 2],
    ["2026-01", "NS006", "赵永刚", 6, 700, 3],
    ["2026-01", "NS007", "孙晓明", 4, 500, 1],
    ["2026-01", "NS008", "周德胜", 5, 520, 2],
    ["2026-01", "NS009", "吴国庆", 4.5, 500, 2],
    ["2026-01", "NS010", "郑丽华", 5, 510, 2],
    ["2026-01", "NS011", "李明", 4.5, 500, 2],
    ["2026年2月", "NS001", "王建国", 4.5, 510, 2],
    ["2026年2月", "NS002", "李红军", 3, 500, 1],
    ["2026年2月", "NS003", "张海涛", 4.5, 520, 2],
    ["2026年2月", "NS004", "李明", 5, 450, 2],
    ["2026年2月", "NS005", "陈立新", 5, 600, 2],
    ["2026年2月", "NS006", "赵永刚", 6, 700, 3],
    ["2026年2月", "NS007", "孙晓明", 4, 500, 1],
    ["2026年2月", "NS008", "周德胜", 4, 500, 2],
    ["2026年2月", "NS009", "吴国庆", 4.5, 500, 2],
    ["2026年2月", "NS010", "郑丽华", 5, 520, 2],
    ["2026年2月", "NS011", "李明", 4.5, 500, 2],
    ["2026年2月", "NS012", "马文涛", 6, 500, 2],
]

# 姓名, 所在组织, 总积分, 本月积分 (as the back end lists them: by 总积分; 陈立新 is missing)
EXPORT = [
    ["赵永刚", f"{COMMITTEE}/{JIDIAN}", 21870, 650],
    ["郑丽华", f"{COMMITTEE}/{JIGUAN}", 18342, 530],
    ["王建国", f"{COMMITTEE}/{ZONGCAI}", 16520, 500],
    ["李红军", f"{COMMITTEE}/{ZONGCAI}", 15108, 600],
    ["周德胜", f"{COMMITTEE}/{JIDIAN}", 13376, 480],
    ["李明", f"{COMMITTEE}/{JIGUAN}", 12950, 480],
    ["张海涛", f"{COMMITTEE}/{ZONGCAI}", 11814, 500],
    ["吴国庆", f"{COMMITTEE}/{JIDIAN}", 10262, 500],
    ["孙晓明", f"{COMMITTEE}/{JIDIAN}", 9918, 520],
    ["李明", f"{COMMITTEE}/{ZONGCAI}", 8630, 550],
    ["马文涛", f"{COMMITTEE}/{JIGUAN}", 1020, 520],
]
EXPORT_ROWS_FROM = 3  # title, header

# 会议日期, 支部名称, 会议类型, 应到, 实到, 会议主题, 地点
MEETINGS = [
    [datetime(2026, 1, 15), JIGUAN, "支委会", 3, 3, "研究部署全年党建工作", "党委会议室"],
    [datetime(2026, 1, 28), JIGUAN, "主题党日", 3, 3, "重温入党誓词", "党员活动室"],
    [datetime(2026, 2, 9), JIGUAN, "党员大会", 3, 3, "讨论马文涛同志入党问题", "党员活动室"],
    [datetime(2026, 2, 12), JIGUAN, "支委会", 3, 3, "研究二月工作", "党委会议室"],
    [datetime(2026, 2, 27), JIGUAN, "主题党日", 3, 2, "学习安全生产法", "党员活动室"],
    [datetime(2026, 3, 13), JIGUAN, "支委会", 3, 3, "研究三月工作", "党委会议室"],
    [datetime(2026, 3, 27), JIGUAN, "主题党日", 3, 3, "志愿服务进社区", "南山社区"],
    ["2026/1/8", JIDIAN, "支委会", 3, 3, "研究部署全年工作", "机电队会议室"],
    ["2026/1/22", JIDIAN, "主题党日", 4, 4, "安全隐患随手拍", "井下中央变电所"],
    ["2026/2/10", JIDIAN, "支委会", 3, 1, "研究春节检修安排", "机电队会议室"],
    ["2026/3/9", JIDIAN, "主题党日", 4, 3, "党员设备包机承诺践诺", "机电队会议室"],
    ["2026/3/23", JIDIAN, "主题党日", 4, 2, "观看警示教育片", "机电队会议室"],
    ["2026/3/30", JIDIAN, "党课", 4, 4, "党课：安全生产责任在肩", "机电队会议室"],
    ["2026年1月6日", ZONGCAI, "支委会", 3, 3, "研究部署全年工作", "综采队会议室"],
    ["2026年1月13日", ZONGCAI, "党小组会", 5, 5, "学习全会精神", "综采队会议室"],
    ["2026年1月20日", ZONGCAI, "主题党日", 5, 4, "党员先锋岗授牌", "综采工作面"],
    ["2026年2月5日", ZONGCAI, "支委会", 3, 3, "研究二月工作", "综采队会议室"],
    ["2026年2月24日", ZONGCAI, "主题党日", 5, 5, "节后复工安全第一课", "综采队会议室"],
    ["2026年3月4日", ZONGCAI, "支委会", 3, 2, "研究三月工作", "综采队会议室"],
    ["2026年3月11日", ZONGCAI, "党小组会", 5, 5, "交流金点子", "综采队会议室"],
    ["2026年3月18日", ZONGCAI, "主题党日", 5, 5, "党员安全承诺签名", "综采工作面"],
    ["2026年3月25日", ZONGCAI, "党员大会", 5, 5, "一季度工作总结", "综采队会议室"],
    ["2026年3月27日", ZONGCAI, "党课", 5, 4, "党课：做新时代的产业工人", "综采队会议室"],
    ["2026年3月31日", ZONGCAI, "支委会", 3, 3, "研究二季度工作", "综采队会议室"],
]


def _table(
    book: Workbook,
    name: str,
    *,
    title: str,
    headers: list[list[Any]],
    rows: list[list[Any]],
    blank_row: bool = False,
    merges: tuple[str, ...] = (),
) -> None:
    """A sheet as people lay it out: a title merged across the table, (a blank row,) one or two header
    rows, then the data; ``merges`` are the header cells merged besides the title."""
    sheet = book.create_sheet(name)
    width = max(len(row) for row in headers)
    sheet.append([title])
    sheet.merge_cells(f"A1:{get_column_letter(width)}1")
    if blank_row:
        sheet.append([])
    for row in (*headers, *rows):
        sheet.append(row)
    for cells in merges:
        sheet.merge_cells(cells)
    for index in range(1, width + 1):
        sheet.column_dimensions[get_column_letter(index)].width = 16


def other_mine_workbook() -> bytes:
    """南山煤矿党委's workbook for January–March 2026 (see the module doc)."""
    book = Workbook()
    book.remove(book.active)
    _table(
        book,
        "组织机构",
        title=f"{COMMITTEE}党组织设置一览表",
        headers=[["党组织名称", "类型", "上级党组织", "网格"]],
        rows=ORGANISATIONS,
    )
    _table(
        book,
        "党员花名册",
        title=f"{COMMITTEE}党员花名册",
        headers=[["序号", "编号", "姓名", "所在支部", "党小组", "党员类别", "入党时间", "职务"]],
        rows=MEMBERS,
    )
    _table(
        book,
        "年度参数",
        title="党建工作年度参数",
        headers=[["年度", "上年度职工工资总额", "每月学时目标", "每月积分目标"]],
        rows=YEAR_PARAMETERS,
    )
    _table(
        book,
        "2026年任务清单",
        title=f"{COMMITTEE}2026年党建任务清单",
        headers=[
            [
                "编号",
                "任务名称",
                "目标",
                "类别",
                "支部名称",
                "责任人编号",
                "单位",
                "目标数",
                "权重",
                "开始时间",
                "完成时限",
                "定制/领办",
            ]
        ],
        rows=TASKS,
    )
    _table(
        book,
        "任务进展",
        title="党建任务推进情况（一季度）",
        headers=[["统计月份", "编号", "任务名称", "单位", "本月完成", "备注"]],
        rows=PROGRESS,
    )
    _table(
        book,
        "支部经费预算",
        title=f"{COMMITTEE}党支部党建工作经费预算",
        headers=[["年度", "支部名称", "类别", "预算金额", "备注"]],
        rows=BUDGETS,
    )
    _table(book, "支出类别", title="经费支出类别", headers=[["类别名称", "排序"]], rows=CATEGORIES)
    _table(
        book,
        "经费支出台账",
        title=f"{COMMITTEE}党建工作经费支出台账",
        headers=[["支出日期", "支部名称", "类别", "支出金额（元）", "用途", "凭证号", "经办人"]],
        rows=EXPENSES,
        blank_row=True,
    )
    _table(
        book,
        "党员学习情况",
        title="党员学习情况统计表（一、二月）",
        headers=[
            ["月份", "党员编号", "姓名", "学习时长", "本月学习情况", None],
            [None, None, None, None, "积分", "集中学习次数"],
        ],
        rows=STUDY,
        merges=("A2:A3", "B2:B3", "C2:C3", "D2:D3", "E2:F2"),
    )
    _table(
        book,
        EXPORT_SHEET,
        title="学习强国管理后台 · 组织成员积分明细",
        headers=[["姓名", "所在组织", "总积分", "本月积分"]],
        rows=EXPORT,
    )
    _table(
        book,
        "三会一课记录",
        title=f"{COMMITTEE}“三会一课”开展情况登记表",
        headers=[["会议日期", "支部名称", "会议类型", "应到", "实到", "会议主题", "地点"]],
        rows=MEETINGS,
    )
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _tasks(rate, plan, status, counts, overdue, branch):
    return {
        "branch": branch,
        "completion_rate": rate,
        "plan_ratio": plan,
        "status": status,
        "status_counts": dict(zip(("已完成", "正常", "滞后", "严重滞后"), counts, strict=True)),
        "overdue": overdue,
    }


def _meetings(branch: str, required: tuple[int, ...], held: tuple[int, ...]) -> dict[str, Any]:
    kinds = ("支委会", "党小组会", "主题党日", "党员大会", "党课")
    return {
        "branch": branch,
        "required": dict(zip(kinds, required, strict=True)),
        "held": dict(zip(kinds, held, strict=True)),
    }


def _laggard(member_no: str, name: str, branch: str, hours_short: float, points_short: int) -> dict[str, Any]:
    return {
        "member_no": member_no,
        "name": name,
        "branch": branch,
        "hours_short": hours_short,
        "points_short": points_short,
    }


def _money(key: str, name: str, allocated: str, spent: str, rate: float) -> dict[str, Any]:
    return {key: name, "allocated": allocated, "spent_ytd": spent, "execution_rate": rate}


NO_FIGURE = {"value": None, "previous": None, "change": None}

EXPECTED: dict[str, Any] = {
    "month": MONTH,
    "org": COMMITTEE,
    "overview": {
        "task_completion": {"value": 0.4634, "previous": 0.4861, "change": -0.0227},
        "study_on_track": {"value": 0.5833, "previous": 0.9167, "change": -0.3333},
        "budget_execution": {"value": 0.28, "previous": 0.1992, "change": 0.0808},
        "submission": {"value": 0.0, "previous": 0.0, "change": 0.0},
        "time_progress": 0.25,
    },
    "ranking": {
        "red": [{"branch": JIDIAN, "score": 0.6918}, {"branch": ZONGCAI, "score": 0.6793}],
        "black": [{"branch": JIGUAN, "score": 0.5547}],
    },
    "tasks": {
        "completion_rate": 0.4634,
        "plan_ratio": 0.45,
        "status_counts": {"已完成": 1, "正常": 2, "滞后": 2, "严重滞后": 1},
        "overdue": 1,
        "by_branch": [
            _tasks(0.225, 0.2, "正常", (0, 1, 1, 0), 0, JIGUAN),
            _tasks(0.5104, 0.625, "严重滞后", (0, 0, 1, 1), 1, JIDIAN),
            _tasks(0.75, 0.6667, "正常", (1, 1, 0, 0), 0, ZONGCAI),
        ],
        "overdue_tasks": [
            {
                "code": "JD-02",
                "title": "党员安全隐患排查",
                "branch": JIDIAN,
                "owner": "周德胜",
                "due_month": "2026-02",
                "months_late": 1,
            }
        ],
    },
    "study": {
        "on_track_rate": 0.5833,
        "avg_points": 485.83,
        "members": 12,
        "by_branch": [
            {"branch": JIGUAN, "members": 3, "on_track_rate": 0.6667, "avg_points": 510.0},
            {"branch": JIDIAN, "members": 4, "on_track_rate": 0.75, "avg_points": 537.5},
            {"branch": ZONGCAI, "members": 5, "on_track_rate": 0.4, "avg_points": 430.0},
        ],
        "laggards": [
            _laggard("NS002", "李红军", ZONGCAI, 3.0, 0),
            _laggard("NS007", "孙晓明", JIDIAN, 1.0, 0),
            _laggard("NS005", "陈立新", ZONGCAI, 0.0, 300),
            _laggard("NS004", "李明", ZONGCAI, 0.0, 50),
            _laggard("NS011", "李明", JIGUAN, 0.0, 20),
        ],
    },
    "budget": {
        "rule_amount": "26000.00",
        "allocated": "26000.00",
        "spent_ytd": "7280.40",
        "execution_rate": 0.28,
        "time_progress": 0.25,
        "status": "正常",
        "carry_forward": "0.00",
        "by_branch": [
            {**_money("branch", JIGUAN, "8000.00", "180.00", 0.0225), "status": "正常"},
            {**_money("branch", JIDIAN, "8000.00", "3480.00", 0.435), "status": "偏快"},
            {**_money("branch", ZONGCAI, "10000.00", "3620.40", 0.362), "status": "正常"},
        ],
        "by_category": [
            _money("category", "学习教育", "9000.00", "3480.40", 0.3867),
            _money("category", "党建品牌", "10000.00", "1800.00", 0.18),
            _money("category", "困难党员慰问", "7000.00", "2000.00", 0.2857),
        ],
        "alerts": [f"{JIDIAN}：偏快，经费执行率 43.5%，时间进度 25.0%"],
    },
    "meetings": {
        "month_compliance": 0.8571,
        "quarter_compliance": 0.8519,
        "attendance_rate": 0.8864,
        "below_quorum": 2,
        "by_branch": [
            _meetings(JIGUAN, (1, 0, 1, 0, 0), (1, 0, 1, 0, 0)),
            _meetings(JIDIAN, (1, 0, 1, 0, 0), (0, 0, 2, 0, 1)),
            _meetings(ZONGCAI, (1, 1, 1, 0, 0), (2, 1, 1, 1, 1)),
        ],
        "quarter_by_branch": [
            _meetings(JIGUAN, (3, 0, 3, 1, 1), (3, 0, 3, 1, 0)),
            _meetings(JIDIAN, (3, 0, 3, 1, 1), (2, 0, 3, 0, 1)),
            _meetings(ZONGCAI, (3, 3, 3, 1, 1), (4, 2, 3, 1, 1)),
        ],
    },
    "submissions": {
        "rate": 0.0,
        "by_branch": {JIGUAN: "草稿", JIDIAN: "草稿", ZONGCAI: "草稿"},
        "missing": [JIGUAN, JIDIAN, ZONGCAI],
    },
    # The workbook has no 对标 scheme, 金点子, 帮扶结对 or 党费: each part says so, with every 党支部 listed
    # (党费 counts the members: 3, 4 and 5, as 学习情况 does).
    "stars": {
        "period": "月度",
        "label": "2026年3月",
        "reason": "2026年度尚未制定对标方案",
        "average": None,
        "previous": None,
        "change": None,
        "five_star_quota": 0,
        "held_to_four": [],
        "distribution": {"五星": 0, "四星": 0, "三星": 0, "二星": 0, "一星": 0},
        "by_branch": [
            {"branch": branch, "score": None, "stars": None, "rank": None, "lost_most": None}
            for branch in (JIGUAN, JIDIAN, ZONGCAI)
        ],
    },
    "ideas": {
        "proposed": 0,
        "adopted": 0,
        "effective": 0,
        "adoption_rate": None,
        "previous": None,
        "change": None,
        "benefit_amount": "0.00",
        "reason": "本年截至本月尚无金点子",
        "by_branch": [
            {
                "branch": branch,
                "proposed": 0,
                "adopted": 0,
                "adoption_rate": None,
                "effective": 0,
                "benefit_amount": "0.00",
            }
            for branch in (JIGUAN, JIDIAN, ZONGCAI)
        ],
    },
    "pairs": {
        "pairs": 0,
        "visited": 0,
        "visit_rate": None,
        "previous": None,
        "change": None,
        "idle": 0,
        "idle_months": 3,
        "reason": "本月没有在帮扶期内的结对",
        "by_branch": [
            {"branch": branch, "pairs": 0, "visited": 0, "visit_rate": None, "idle": 0}
            for branch in (JIGUAN, JIDIAN, ZONGCAI)
        ],
    },
    "dues": {
        "due_ytd": "0.00",
        "paid_ytd": "0.00",
        "paid_rate": {"value": None, "previous": None, "change": None},
        "by_branch": [
            {
                "branch": branch,
                "members": members,
                "due_ytd": "0.00",
                "paid_ytd": "0.00",
                "paid_rate": None,
                "arrears_members": 0,
            }
            for branch, members in ((JIGUAN, 3), (JIDIAN, 4), (ZONGCAI, 5))
        ],
        "arrears": [],
    },
    # The workbook has no 安监 or 调度 sheets: no unit, no safety month, no figure — every rate "—".
    "safety": {
        "records": 0,
        **dict.fromkeys(
            [
                "production_rate",
                "member_violation_rate",
                "other_violation_rate",
                "member_hazard_share",
                "hazard_closure",
                "post_clean_rate",
                "zone_clean_rate",
            ],
            NO_FIGURE,
        ),
        **dict.fromkeys(
            [
                "violations_members",
                "violations_others",
                "hazards_found",
                "accidents",
                "injury_accidents",
                "other_accidents",
            ],
            0,
        ),
        "quadrants": {"党建强·生产强": 0, "党建强·生产弱": 0, "党建弱·生产强": 0, "党建弱·生产弱": 0},
        "to_talk_about": [],
        "correlation": {
            "safety_branches": 0,
            "safety_r": None,
            "production_branches": 0,
            "production_r": None,
        },
        "by_branch": [
            {
                "branch": branch,
                **dict.fromkeys(["unit", "score", "production_rate", "quadrant"]),
                "has_record": False,
                **dict.fromkeys(["workforce", "members", "violations_members", "violations_others"], 0),
                **dict.fromkeys(["member_violation_rate", "other_violation_rate"]),
                **dict.fromkeys(["hazards_found", "hazards_closed", "hazards_by_members"], 0),
                "member_hazard_share": None,
                **dict.fromkeys(["injury_accidents", "other_accidents"], 0),
                **dict.fromkeys(["safe_days", "safety_state"]),
                **dict.fromkeys(["posts", "posts_clean", "zones", "zones_clean"], 0),
            }
            for branch in (JIGUAN, JIDIAN, ZONGCAI)
        ],
        "posts_not_clean": [],
    },
}
"""The report for 2026-03 of the whole tree (``reports.monthly_report``, as ``report --format json`` prints
it: rates rounded to 4 decimals, averages to 2, money as text), every value from the hand work above."""
