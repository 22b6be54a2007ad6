"""Every Chinese string the screens show, in one table (words as in the UX guide)."""

from data_layer.display import NO_VALUE as NO_VALUE  # as the narrative and files write it
from data_layer.display import POINTS_UNIT as POINTS_UNIT

APP_TITLE = "精益党建看板"
ROLE_LABELS = {"admin": "管理员", "leader": "党委领导", "secretary": "党支部书记"}

# Login
LOGIN_TITLE = "登录精益党建看板"
USERNAME = "用户名"
PASSWORD = "密码"
LOGIN = "登录"
LOGOUT = "退出登录"
DEMO_LOGINS_TITLE = "演示账号（仅演示数据库显示）"
DEMO_PASSWORD_NOTE = "所有演示账号的密码均为 {password}"
DEMO_MORE = "另有 {count} 个演示账号未列出（集团演示数据中每个党支部一个书记账号，如 zb0001、zb0002 …）。"
IDLE_LOGGED_OUT = "长时间未操作，已自动退出，请重新登录"
NO_USERS_YET = (
    "数据库中还没有任何账号，也没有默认管理员密码。请在服务器上用下面的命令创建第一个管理员账号"
    "（不带 --password 时在终端输入密码，至少 8 位），然后用它登录："
)
FIRST_ADMIN_COMMAND = "uv run python -m data_layer create-user 用户名 --role admin --name 姓名"
SSO_LOGIN = "使用单位统一身份认证登录"
SSO_LOGOUT = "退出统一身份认证"
OR_PASSWORD = "或使用本系统的用户名和密码登录："

# Charts of many branches
CHART_LIMITED = "（最需关注的 {shown} 个党支部，共 {total:,} 个；全部见下表）"

TABLE_LIMITED = "表中显示前 {shown:,} 行，共 {total:,} 行。"
TABLE_LIMITED_DOWNLOAD = "表中显示前 {shown:,} 行，共 {total:,} 行；全部行请点“下载 Excel”。"

FIND = "查找（{what}）"
FIND_HINT = "输入名称、姓名或编号的一部分"
FIND_COUNT = "列出 {shown:,} 项，共 {total:,} 项符合"

# Filters
BRANCHES_OF_CHOSEN = "其中的党支部（可选）"
MONTH = "月份"
ORGANISATIONS = "组织"
ALL_ORGANISATIONS = "全部组织"
ORGANISATIONS_HELP = "可多选；不选即为全部。选择党总支包含其下全部党支部。"
OWN_BRANCH = "本支部"
PAGE_REFUSED = "您的账号无权查看此页面。"
NO_DATA_YET = "数据库中还没有任务进度或学习记录。管理员可运行 python -m seed --scale mine 载入演示数据。"

# Pages
NAV_VIEWS = "看板"
NAV_WORK = "填报与审核"
NAV_LEAN = "精益管理"
PAGE_OVERVIEW = "总览"

# Overview
TASK_COMPLETION = "任务完成率"
STUDY_ON_TRACK = "学习达标率"
BUDGET_EXECUTION = "经费执行率"
SUBMISSION_RATE = "填报率"
PLAN_PROGRESS = "计划进度"
TIME_PROGRESS = "时间进度"
STATUS = "状态"
BRANCH = "党支部"
SUBMISSION_STATUS = "填报状态"
MOM = "环比"
DOWNLOAD_EXCEL = "下载 Excel"
RANKING_TITLE = "各党支部{month}任务完成率（按计划进度）"
RANKING_CAPTION = "条形为任务完成率，竖线为计划进度；颜色和文字表示状态。"
BRANCH_TABLE_TITLE = "各党支部{month}主要指标"
BUDGET_RULE_OK = (
    "{year}年度经费预算 {allocated}，不低于按上年度职工工资总额 1% 计算的 {rule}（组通字〔2017〕38号）。"
)
BUDGET_RULE_SHORT = (
    "经费保障不足：{year}年度经费预算 {allocated}，低于按上年度职工工资总额 1% 计算的 {rule}。"
)
OWN_SUBMISSION = "本月填报状态：{status}"
BUDGET_HELP = "时间进度 {time}，状态：{status}"
NO_BRANCH_TASKS = "所选范围内没有已开始的任务。"
RANKING_BOARD = "红黑榜（{month}）"
RANKING_HELP = "综合得分 = 任务完成率、学习达标率、经费得分（1 − |经费执行率 − 时间进度|）三项的平均。"
RED_LIST = "红榜（前三）"
BLACK_LIST = "黑榜（后三）"
SCORE = "综合得分"
BUDGET_SCORE = "经费得分"
NO_RANKING = "所选范围内的党支部不足两个，不排红黑榜。"
ALERTS = "预警（{count} 项）"
NO_ALERTS = "本月没有预警。"
ALERT_KINDS = {  # key: (title, file name)
    "alert-overdue": ("超期任务 {count} 项", "预警_超期任务"),
    "alert-overspent": ("经费超支 {count} 个党支部", "预警_经费超支"),
    "alert-study": ("学习达标率低于 60% 的党支部 {count} 个", "预警_学习滞后"),
    "alert-submissions": ("未提交月度填报的党支部 {count} 个", "预警_未提交填报"),
}
TASK_CODE = "任务编号"
TASK_TITLE = "任务"
OWNER = "责任人"
DUE_MONTH = "完成时限"
MONTHS_LATE = "超期（月）"
RATIO = "完成比例"

# Pages and their sections (one block per page; keep each page's words together)

# --- 任务完成 ---
PAGE_TASKS = "任务完成"
TASKS_OVERDUE = "超期"
TASKS_HEATMAP_TITLE = "各党支部{year}年1–{month}月任务完成率"
TASKS_OVERDUE_TITLE = "超期预警（{count} 项）"
TASKS_NO_OVERDUE = "没有超期任务。"
TASKS_DRILL = "任务明细"
TASKS_CHOOSE_BRANCH = "选择党支部"
TASKS_CHOOSE_BRANCH_HELP = "也可以点击上方图中的条形。"
TASKS_CHOOSE_TASK = "选择任务查看逐月进度"
TASKS_PROGRESS_TITLE = "{code} {title}：逐月完成量与累计（虚线为目标 {target}{unit}）"
TASKS_NONE = "所选范围内本月没有已开始的任务。"
TASKS_WORKLOAD = "任务量均衡"
TASKS_WORKLOAD_HELP = "负荷 = 责任人本年度全部任务的权重之和；超过中位数 2 倍的标为“负荷过重”。"
TASKS_WORKLOAD_SUMMARY = "责任人负荷中位数 {median}；领办任务占 {claimed}。"
TASKS_OVERLOADED = "负荷过重"
TARGET = "目标"
DONE = "已完成量"
UNIT = "单位"
WEIGHT = "权重"
MODE = "方式"
TASK_COUNT = "任务数"
QUANTITY = "完成量"
CUMULATIVE = "累计"
LOAD = "负荷（权重和）"
CLAIMED_SHARE = "领办占比"
ASSIGNED_SHARE = "定制占比"
FLAG = "提示"

# --- 学习进度 ---
PAGE_STUDY = "学习进度"
STUDY_NO_TARGETS = "未设置{year}年度学习目标（每月学时和学习强国积分），请管理员在基础数据中设置。"
STUDY_NO_MEMBERS = "所选范围内没有在册党员。"
STUDY_AVG_POINTS = "本月人均学习强国积分"
STUDY_AVG_HOURS = "本月人均学习时长（小时）"
STUDY_TARGET_NOTE = (
    "目标：每月 {hours:g} 小时、{points} 分；截至本月应累计 {hours_due:g} 小时、{points_due} 分"
)
STUDY_BY_BRANCH_TITLE = "各党支部{month}学习达标率（虚线为 60%）"
STUDY_HOURS_TREND_TITLE = "{year}年各月人均学习时长（小时，虚线为目标）"
STUDY_POINTS_TREND_TITLE = "{year}年各月人均学习强国积分（虚线为目标）"
STUDY_HISTOGRAM_TITLE = "党员1–{month}月累计学习时长分布（虚线为应达 {due:g} 小时）"
STUDY_LAGGARDS = "未达标党员（{count} 人）"
STUDY_NOT_ON_TRACK = "未达标党员"
STUDY_NO_LAGGARDS = "所选范围内党员全部达标。"
STUDY_MEMBER = "选择党员查看逐月学习情况"
STUDY_MEMBER_HISTORY = "{name}（{no}）{year}年逐月学习情况"
STUDY_LAGGING = "低于 60%"
STUDY_OK = "不低于 60%"
STUDY_MEMBERS = "党员人数"
STUDY_ON_TRACK_COUNT = "达标人数"
STUDY_YTD_HOURS = "累计学习时长（小时）"
STUDY_YTD_POINTS = "累计学习强国积分"
STUDY_HOURS_SHORT = "学时差额（小时）"
STUDY_POINTS_SHORT = "积分差额"
STUDY_HOURS = "学习时长（小时）"
STUDY_POINTS = "学习强国积分"
STUDY_SESSIONS = "参加集中学习（次）"
MEMBER_NO = "党员编号"
MEMBER_NAME = "姓名"

# --- 经费使用 ---
PAGE_BUDGET = "经费使用"
BUDGET_ALLOCATED = "年度预算"
BUDGET_SPENT = "已支出"
BUDGET_SPAN = "1–{month}月"
BUDGET_SPENT_NOTE = "{year}年{span}累计支出"
BUDGET_CARRY_OK = "截至{year}年底累计结余 {balance}，未超过上年度职工工资总额 2% 的 {cap}。"
BUDGET_EMPTY = "本月尚无经费数据：所选范围内未下达{year}年度经费预算，{year}年{span}也没有支出记录。"
BUDGET_BRANCH_TITLE = "各党支部{year}年度经费预算与{span}支出"
BUDGET_BARS_CAPTION = "灰色长条为年度预算，彩色条为已支出；文字为经费执行率和状态（▲ 表示超支）。"
BUDGET_CUMULATIVE_TITLE = "{year}年{span}累计支出与序时进度"
BUDGET_CUMULATIVE_CAPTION = "序时进度 = 年度预算 × 月份 ÷ 12；累计支出在其上方说明花得比时间进度快。"
BUDGET_CATEGORY_TITLE = "{year}年各类别经费预算与{span}支出"
BUDGET_TABLE_TITLE = "各党支部经费执行情况（{month}）"
BUDGET_DETAIL = "支出明细"
BUDGET_CHOOSE_BRANCH = "选择党支部"
BUDGET_CHOOSE_CATEGORY = "选择类别"
BUDGET_ALL_CATEGORIES = "全部类别"
BUDGET_NO_EXPENSES = "{branch}{year}年{span}没有{category}支出记录。"
BUDGET_UNBUDGETED = "未下达预算"
BUDGET_AMOUNT_AXIS = "金额（元）"
BUDGET_ALLOCATED_YUAN = "年度预算（元）"
BUDGET_SPENT_YUAN = "已支出（元）"
BUDGET_CUMULATIVE = "累计支出"
BUDGET_PACING = "序时进度"
BUDGET_SERIES = "项目"
BUDGET_CATEGORY = "类别"
BUDGET_SPENT_ON = "支出日期"
BUDGET_AMOUNT = "金额"
BUDGET_PURPOSE = "用途"
BUDGET_VOUCHER = "凭证号"

# --- 三会一课 ---
PAGE_MEETINGS = "三会一课"
MEETINGS_MONTH_RATE = "本月完成率"
MEETINGS_QUARTER_RATE = "本季度完成率"
MEETINGS_ATTENDANCE = "出席率"
MEETINGS_QUARTER_NOTE = "{quarter}（{span}）"
MEETINGS_QUARTER_PENDING = "{quarter}（{span}）；党员大会、党课季度末前召开即可，未开的记为本季度待开"
MEETINGS_ATTENDANCE_NOTE = "本月应到 {expected} 人次，实到 {actual} 人次"
MEETINGS_RULES = (
    "要求：支委会、主题党日每月 1 次；党小组会每个党小组每月 1 次（同一党小组多开只计 1 次，未设党小组的党支部无需召开）；"
    "党员大会每季度 1 次；党课{lecture} 1 次。完成率 = 各类会议 min(已开, 应开) 之和 ÷ 应开之和。"
)
MEETINGS_LECTURE = {"monthly": "每月", "quarterly": "每季度"}
MEETINGS_NO_BRANCHES = "所选范围内没有在册党支部。"
MEETINGS_NO_MONTH = "本月尚无三会一课记录。下图按要求列出各党支部应开的会议。"
MEETINGS_CHART_TITLE = "各党支部{month}三会一课开展情况"
MEETINGS_CHART_CAPTION = "格内为已开/应开次数和状态；党员大会、党课按{quarter}累计。"
MEETINGS_KIND = "会议类型"
MEETINGS_QUARTER_KIND = "{kind}（本季度）"
MEETINGS_HELD = "已开"
MEETINGS_REQUIRED = "应开"
MEETINGS_TABLE_TITLE = "各党支部三会一课开展情况（已开/应开）"
MEETINGS_COMPLIANCE = "完成率"
MEETINGS_COUNT = "会议次数"
MEETINGS_BELOW_TITLE = "出席不足半数的会议（{quarter}，实到 ≤ 应到的一半）"
MEETINGS_BELOW_NONE = "{quarter}截至{month}没有出席不足半数的会议。"
MEETINGS_BELOW_FLAG = "▼ 出席不足半数"
MEETINGS_DETAIL = "党支部会议记录（{quarter}）"
MEETINGS_CHOOSE_BRANCH = "选择党支部"
MEETINGS_BRANCH_NONE = "{branch}{quarter}截至{month}尚无三会一课记录。"
MEETINGS_HELD_ON = "召开日期"
MEETINGS_TOPIC = "主题"
MEETINGS_EXPECTED = "应到人数"
MEETINGS_ACTUAL = "实到人数"
MEETINGS_FLAG = "提示"

# --- 填报进度 ---
PAGE_BOARD = "填报进度"
BOARD_TITLE = "各党支部{year}年1–{month}月填报状态（截止日为次月 {day} 日）"
BOARD_REMIND = "需要提醒的党支部（{count} 个）"
BOARD_NO_REMIND = "本月各党支部均已提交。"
BOARD_OVERDUE = "逾期"
REOPEN_TITLE = "重新打开已锁定的月份"
REOPEN_NONE = "{month}没有已提交或已审核的党支部，无需重新打开。"
REOPEN_BRANCH = "{month}已锁定的党支部"
REOPEN_REASON = "重新打开的原因（必填，支部书记会看到，并记入修改记录）"
REOPEN_REASON_HINT = "例如：10 月学习学时录入有误，请更正后重新提交"
REOPEN_BUTTON = "重新打开"
REOPEN_DONE = "已重新打开：{branch} {month}，状态改为已退回；支部书记将看到原因：{reason}"
CHOOSE = "请选择"
BOARD_CAPTION = "格内为填报状态；标“逾期”的为已过截止日仍未提交或审核。"
DEADLINE = "截止日"
SECRETARY = "支部书记"
USERNAME_SHORT = "账号"

# --- 审核 ---
PAGE_REVIEW = "审核"
REVIEW_NONE = "没有等待审核的填报。"
REVIEW_WAITING = "等待审核（{count} 份）"
REVIEW_CHOOSE = "选择要审核的填报"
REVIEW_SUBMITTED = "{branch} {month}：{who} 于 {when} 提交"
REVIEW_COMMENT = "审核意见（退回时必填）"
REVIEW_APPROVE = "审核通过"
REVIEW_RETURN = "退回修改"
REVIEW_APPROVED = "已审核通过：{branch} {month}，该月已锁定。"
REVIEW_RETURNED = "已退回：{branch} {month}，支部书记将看到审核意见。"
SECTION_PROGRESS = "任务进展"
SECTION_STUDY = "学习情况"
SECTION_EXPENSES = "经费支出"
SECTION_MEETINGS = "三会一课"
SECTION_VISITS = "帮扶走访"
THIS_MONTH = "本月完成量"
DONE_BEFORE = "此前累计"
NOTE = "说明"
SPENT_ON = "日期"
CATEGORY = "支出类别"
AMOUNT = "金额(元)"
PURPOSE = "事由"
VOUCHER = "凭证号"
OVER_ALLOCATION = "超预算"
HELD_ON = "日期"
MEETING_KIND = "会议类型"
EXPECTED = "应到人数"
ACTUAL = "实到人数"
TOPIC = "主题"

# --- 月度填报 ---
PAGE_ENTRY = "月度填报"
ENTRY_MONTH = "填报月份"
TODO_RETURNED = "{month}的填报已退回，请修改后重新提交。意见：{comment}"
TODO_OPEN = "{month}的填报{status}，截止日 {deadline}，请填报后提交审核。"
TODO_GO = "去月度填报"
ENTRY_ALSO_NEEDED = "另外，{month}的填报{status}，需要您处理（在上方“填报月份”中选择）。"
ENTRY_MONTH_HELP = (
    "默认与侧栏所选月份一致，即最近一个完整的月份：每月 {day} 日前填报上月的任务进展、学习、经费和三会一课；"
    "本月已发生的支出和会议也可随时登记。"
)
ENTRY_BRANCH = "党支部"
ENTRY_STATUS = "{branch} {month}：{status}"
ENTRY_RETURNED = "已退回，审核意见：{comment}"
ENTRY_LOCKED = "本月填报{status}，已锁定；如需修改请联系党委（已审核的月份由管理员重新打开）。"
ENTRY_LOCKED_ADMIN = (
    "本月填报{status}，已锁定；如需修改，请在“" + PAGE_BOARD + "”页重新打开（写明原因，记入修改记录）。"
)
ENTRY_SAVE = "保存"
ENTRY_SAVED = "已保存：新增 {inserted} 条，修改 {updated} 条{unchanged}。{lines}"
ENTRY_NOTHING = "没有改动需要保存{unchanged}。"
ENTRY_UNCHANGED = "，{unchanged} 条与已保存的相同（未改动）"
ENTRY_RELOAD = "重新载入"
ENTRY_RELOAD_HELP = "放弃表格中尚未保存的修改，显示最新保存的数据"
ENTRY_PROGRESS_HELP = "在“本月完成量”和“说明”两列中填写，然后点“保存”。"
ENTRY_STUDY_HELP = "逐人填写本月学习强国积分、学习时长和集中学习次数，然后点“保存”。"
ENTRY_NO_TASKS = "本支部本月没有执行中的任务。"
ENTRY_NO_MEMBERS = "本支部没有在册党员。"
ENTRY_ALLOCATION = "本年度各类别预算余额"
ENTRY_EXPENSE_FORM = "登记一笔支出"
ENTRY_CONFIRM_OVER = "确认超预算支出（将提示党委）"
ENTRY_EXPENSE_SAVED = "已登记支出：{day} {category} ¥{amount:,.2f}（{purpose}）"
ENTRY_DELETE_EXPENSE = "删除所选支出"
ENTRY_CHOOSE_EXPENSE = "选择要删除的支出"
ENTRY_DELETE_EXPENSE_ASK = "确定删除这笔支出吗？{expense}（删除后修改记录中仍保留）"
ENTRY_DELETE_EXPENSE_YES = "删除"
ENTRY_DELETE_EXPENSE_NO = "取消"
ENTRY_EXPENSE_DELETED = "已删除该支出（修改记录中保留）。"
ENTRY_MEETING_FORM = "登记一次会议"
ENTRY_MEETING_EDIT_FORM = "修改会议：{meeting}"
ENTRY_MEETING_CHOOSE = "选择本月的会议（修改或删除）"
ENTRY_MEETING_NEW = "（不选：登记新的会议）"
ENTRY_MEETING_NO_GROUP = "（非党小组会不填）"
ENTRY_MEETING_GROUP_HELP = "党小组会须选择召开会议的党小组；几个党小组同一天开会，各登记一次。"
ENTRY_MEETING_OUTCOME = {
    "inserted": "已新增会议：{meeting}（实到 {actual}/{expected} 人）",
    "updated": "已修改会议：{meeting}（实到 {actual}/{expected} 人）",
    "unchanged": "未改动：{meeting}与已登记的内容相同，没有保存。",
    "deleted": "已删除会议：{meeting}（修改记录中保留）。",
}
ENTRY_MEETING_DELETE = "删除所选会议"
ENTRY_MEETING_DELETE_CONFIRM = "确定删除{meeting}吗？删除后可在修改记录中查看原内容。"
ENTRY_CONFIRM_DELETE = "确认删除"
ENTRY_CANCEL = "取消"
ENTRY_CLAIM = "可领办任务（{count} 项）"
ENTRY_CLAIM_BUTTON = "领办"
ENTRY_SUBMIT = "提交审核"
ENTRY_SUBMITTED = "已提交 {branch} {month} 的填报，等待党委审核；提交后本月锁定。"
ENTRY_NONE_YET = "本月暂无记录。"
ALLOCATED = "年度预算"
SPENT = "已支出"
REMAINING = "余额"

# --- 修改记录 ---
PAGE_HISTORY = "修改记录"
HISTORY_TITLE = "{branch} {month} 的修改记录"
HISTORY_NONE = "该月没有修改记录。"
HISTORY_RECORD = "只看某一条记录"
HISTORY_ALL = "全部记录"
HISTORY_AT = "时间"
HISTORY_ACTOR = "操作人"
HISTORY_ACTION = "操作"
HISTORY_RECORD_COLUMN = "记录"
HISTORY_FIELD = "字段"
HISTORY_BEFORE = "原值"
HISTORY_AFTER = "新值"
ACTION_LABELS = {
    "insert": "新增",
    "update": "修改",
    "delete": "删除",
    "draft": "开始填报",
    "submit": "提交审核",
    "approve": "审核通过",
    "return": "退回",
    "reopen": "重新打开",
    "move": "调整上级",
    "create_user": "新建账号",
}
FIELD_LABELS = {
    "quantity": "本月完成量",
    "note": "说明",
    "points": "学习强国积分",
    "hours": "学习时长(小时)",
    "sessions": "集中学习次数",
    "spent_on": "日期",
    "month": "月份",
    "category_id": "支出类别",
    "amount": "金额(元)",
    "purpose": "事由",
    "voucher_no": "凭证号",
    "over_allocation_confirmed": "超预算确认",
    "kind": "会议类型",
    "held_on": "日期",
    "expected_attendance": "应到人数",
    "actual_attendance": "实到人数",
    "topic": "主题",
    "status": "状态",
    "comment": "审核意见",
    "submitted_at": "提交时间",
    "reviewed_at": "审核时间",
    "branch_id": "党支部",
    "task_id": "任务",
    "member_id": "党员",
    "group_id": "党小组",
}

# --- 基础数据 ---
PAGE_SETUP = "基础数据"
SETUP_TABS = ["组织", "党员", "账号", "年度任务", "预算与参数", "停用与领办", "开始新年度", "Excel 导入"]
SETUP_YEAR = "年度"
NEW_YEAR = "开始新年度"
NEW_YEAR_HELP = (
    "从上一年度复制任务清单（编号改为新年度，开始和截止月份不变，责任人仍在册的保留），设定新年度的上年度职工工资总额，"
    "并按 1% 规则安排预算：结余经费超过工资总额 2% 的部分从本年度安排中扣减，按上年各党支部、各类别的比例分配。"
    "先预览，确认后一次写入；复制后可在“年度任务”和“预算与参数”中逐项修改。"
)
NEW_YEAR_FROM = "复制自年度"
NEW_YEAR_PREVIEW = "预览"
NEW_YEAR_START = "确认开始{year}年度"
NEW_YEAR_DONE = "已开始{year}年度：{tasks} 项任务、{allocations} 条预算分配，预算合计 ¥{budget:,.2f}"
NEW_YEAR_FROM_CODE = "原任务编号"
NEW_YEAR_LAST_YEAR = "上年预算"
NEW_YEAR_TASKS = "将复制的任务"
NEW_YEAR_ALLOCATIONS = "将写入的预算分配"
SETUP_BRANCH_FILTER = "按党支部查看"
SETUP_ALL_BRANCHES = "全部党支部"
SETUP_ACTIVE = "已启用"
SETUP_INACTIVE = "已停用"
SETUP_NEW_USER = "新建账号"
SETUP_ROLE = "角色"
SETUP_DISPLAY_NAME = "显示名称"
SETUP_BRANCH_NONE = "—（仅支部书记需要）"
SETUP_NEW_PASSWORD = "新密码（至少 8 位）"
SETUP_USER_SAVED = "已保存账号：{username}"
SETUP_EDIT_USER = "修改账号"
SETUP_CHOOSE_USER = "选择账号"
SETUP_USER_ACTIVE = "账号启用"
SETUP_PARAMS = "年度参数"
SETUP_PARAMS_SAVED = "已保存 {year} 年度参数"
SETUP_CATEGORY = "新增支出类别"
SETUP_CATEGORY_NAME = "类别名称"
SETUP_CATEGORY_SAVED = "已保存支出类别：{name}"
SETUP_CATEGORY_RENAME = "支出类别改名（以往的预算和支出随之改名）"
SETUP_CATEGORY_OLD_NAME = "原名称"
SETUP_CATEGORY_NEW_NAME = "新名称"
SETUP_CATEGORY_RENAMED = "已把支出类别“{old}”改名为“{new}”"
SETUP_CATEGORY_DELETE = "删除支出类别（只能删除没有任何预算和支出的类别；已使用的类别请停用）"
SETUP_CATEGORY_DELETE_BUTTON = "删除"
SETUP_CATEGORY_DELETED = "已删除支出类别：{name}"
SETUP_SWITCH = "停用或启用（停用后不再计入统计，历史数据保留）"
SETUP_SWITCH_KIND = "对象"
SETUP_SWITCH_KINDS = {
    "member": "党员（党员编号）",
    "organisation": "组织（名称）",
    "task": "任务（任务编号）",
    "category": "支出类别（名称）",
}
SETUP_SWITCH_KEY = "编号或名称"
SETUP_SWITCH_TO = "设为"
SETUP_SWITCHED = "{state}：{key}"
SETUP_CLAIM = "领办任务（尚无责任人的任务）"
SETUP_CLAIM_TASK = "任务"
SETUP_CLAIM_OWNER = "领办人党员编号"
SETUP_CLAIMED = "已领办：{code} 由 {owner} 负责"
SETUP_NO_OPEN_TASKS = "本年度没有待领办的任务。"
SETUP_MEMBER_FORM = "登记或修改党员"
SETUP_MEMBER_CHOOSE = "党员"
SETUP_MEMBER_NEW = "（新党员）"
SETUP_MEMBER_DATE_HELP = "格式 YYYY-MM-DD，例如 2026-12-07；不适用的留空"
SETUP_MEMBER_DATES_NOTE = (
    "党员从入党日期和转入日期中较晚的那个月起计入所在党支部的学习、党费和人数，到转出或离世的前一个月为止；"
    "没有转入日期的党员视为数据开始前就已在册。调到另一个党支部请改“所在党支部”并填写调入本支部日期，"
    "此前的月份仍算在原党支部。已提交或已审核的月份不会因此改变。"
)
SETUP_MEMBER_SAVED = {
    "inserted": "已新增党员：{name}（{member_no}）",
    "updated": "已修改党员：{name}（{member_no}）",
    "unchanged": "党员“{name}”（{member_no}）未改动",
}
ORG_NAME = "组织名称"
ORG_KIND = "组织类型"
ORG_PARENT = "上级组织"
GRID = "网格"
STATE = "状态"
GROUP = "党小组"
MEMBER_CATEGORY = "人员类别"
JOINED_ON = "入党日期"
ARRIVED_ON = "转入日期"
LEFT_ON = "转出日期"
DIED_ON = "离世日期"
MOVED_ON = "调入本支部日期"
MEMBER_NAME_FIELD = "姓名"
POST = "岗位"
GOAL = "年度目标"
GOAL_CATEGORY = "目标类别"
START_MONTH = "开始月份"
LAST_LOGIN = "最近登录"
PAYROLL = "上年度职工工资总额(元)"
HOURS_TARGET = "每月学习时长目标(小时)"
POINTS_TARGET = "每月学习强国积分目标"
SORT_ORDER = "排序"

# --- Excel 导入 ---
IMPORT_TAB = "Excel 导入"
IMPORT_HELP = (
    "下载模板，在 Excel 中填写后上传，也可以直接上传自己的表格（系统识别后请核对确认）。一个文件可以有多个工作表。"
    "全部无误才会写入；有任何问题时不写入任何数据，并列出每个问题所在的工作表、行和列。"
)
IMPORT_TEMPLATE_ALL = "下载模板（全部工作表）"
IMPORT_TEMPLATE_ONE = "{kind}模板"
IMPORT_TEMPLATE_FILE = "导入模板"
IMPORT_TEMPLATE_SUFFIX = "模板"
IMPORT_FILE = "上传填好的 Excel 文件（.xlsx）"
IMPORT_FILE_HELP = (
    "点击下面框中的“Upload”按钮选择文件，或把文件拖到框中。"
    "只能导入 Excel 工作簿（.xlsx）：.xls 或 .csv 文件请先在 Excel 或 WPS 中“另存为” .xlsx。"
)
IMPORT_DRY_RUN = "试运行（只检查不写入）"
IMPORT_CONFIRM_OVER = "确认超预算支出（将提示党委）"
IMPORT_RUN = "导入"
IMPORT_RUN_CONFIRMED = "确认以上对应关系并导入"
PLAN_HELP = (
    "这个文件不是模板的格式：下面是系统识别的每个工作表的内容和各列的对应关系。"
    "请逐项核对，需要时改正（例如选择月份），然后点击“确认以上对应关系并导入”。"
)
PLAN_KIND = "工作表“{sheet}”的内容"
PLAN_NOT_IMPORTED = "不导入"
PLAN_SHEET = "表头在第 {row} 行，数据从第 {first} 行开始，约 {rows} 行"
PLAN_COLUMN = "“{header}”列"
PLAN_COLUMN_UNUSED = "不使用"
PLAN_MONTH = "“{sheet}”中的数据属于哪个月份（YYYY-MM）"
PLAN_POINTS_ONLY = (
    "只有积分：按姓名和所在组织找到党员，只更新学习强国积分，本月学习时长和集中学习次数保持不变。"
)
PLAN_MISSING = "还缺少：{names}。请在上面指定对应的列"
IMPORT_CHECKING = "正在检查：{done}/{total} 行"
IMPORT_WRITING = "正在写入：{done}/{total} 行"
IMPORT_FINISHED = "已完成（结果见下方）"
IMPORT_DONE = "导入完成："
IMPORT_DRY_RUN_DONE = "试运行通过，未写入任何数据。正式导入将："
IMPORT_SHEET_COUNTS = "{sheet}：新增 {inserted} 条，修改 {updated} 条，未变 {unchanged} 条"
IMPORT_NOTHING = "文件中没有需要导入的数据行（示例行和空行已跳过）。"
IMPORT_IGNORED = "未导入的工作表（名称不是可导入的类型）：{sheets}"
IMPORT_FAILED = "未导入：发现 {count} 个问题，没有写入任何数据。请按下表修改后重新上传。"
IMPORT_PROBLEMS_DOWNLOAD = "下载问题清单（Excel）"
IMPORT_PROBLEMS_FILE = "导入问题清单.xlsx"
PROBLEM_SHEET = "工作表"
PROBLEM_ROW = "行"
PROBLEM_COLUMN = "列"
PROBLEM_MESSAGE = "问题"

# Anonymised mode (a sidebar switch) and 会议模式
ANONYMISE = "匿名演示模式"
ANONYMISE_HELP = (
    "向来访者演示时打开：所有页面、图表和下载文件中的人员姓名只显示姓（如“王*”），党员编号隐藏；"
    "党支部名称照常显示。演示模式下只能查看，不能保存。"
)
ANONYMISE_NO_SAVE = "匿名演示模式下不能保存：请先关闭侧边栏的“匿名演示模式”，再保存。"
ANONYMISE_READ_ONLY = "匿名演示模式下本页只读：关闭侧边栏的“匿名演示模式”后才能填报或修改。"
ANONYMISE_NO_SETUP = "匿名演示模式下不显示基础数据：关闭侧边栏的“匿名演示模式”后再设置。"
PAGE_MEETING = "会议模式"
MEETING_PREVIOUS = "上一页"
MEETING_NEXT = "下一页"
MEETING_PAUSE = "暂停"
MEETING_RESUME = "继续"
MEETING_EXIT = "退出会议模式"
MEETING_COUNTDOWN = "{seconds} 秒后自动翻页"
MEETING_PAUSED = "已暂停自动翻页"
MEETING_ANONYMISED = "匿名演示"
SLIDE_OVERVIEW = "主要指标"
SLIDE_TASKS = "各党支部任务完成率"
SLIDE_STUDY = "各党支部学习达标率"
SLIDE_BUDGET = "各党支部经费执行率"
SLIDE_MEETINGS = "各党支部三会一课"
SLIDE_RANKING = "红黑榜"
SLIDE_STARS = "各党支部对标得分与星级"
SLIDE_ALERTS = "预警"
SLIDE_SCORE_NOTE = "综合得分 = 任务完成率、学习达标率、经费得分三项的平均"
SLIDE_ALERT_BRANCHES = "{kind}：{branches}"
SLIDE_MORE = "另有 {count} 项，详见总览页。"
SLIDE_LIMITED = "最需关注的 {shown} 个党支部（共 {total:,} 个，全部见各页）"
SLIDE_BRANCHES_MORE = "等 {count} 个党支部"

# --- 月度通报 ---
REPORT_TITLE = "月度通报"
REPORT_HELP = "与看板相同的全部指标：Excel 含摘要和明细工作表；PDF 含核心指标、文字通报和主要图表。"
REPORT_FORMAT = "文件格式"
REPORT_FORMATS = {"xlsx": "Excel", "pdf": "PDF"}
REPORT_BUILD = "生成月度通报"
REPORT_STEP_FIGURES = "正在汇总指标…"
REPORT_STEP_FILE = "正在生成 {kind} 文件…"
REPORT_STEP_DONE = "已生成，请下载"
REPORT_DOWNLOAD = "下载月度通报（{kind}）"
REPORT_FILE = "党建月度通报_{month}"
REPORT_ANONYMISED = "（匿名演示模式：党员姓名已脱敏，不含党员编号）"

# --- 首次使用向导 ---
FIRST_RUN_TITLE = "首次使用向导"
FIRST_RUN_INTRO = (
    "数据库中还没有任何月度数据。请按以下四步准备：每一步下载模板、在 Excel 中填写后上传；"
    "系统会列出每一步还缺少的内容。"
)
FIRST_RUN_STEP = "第 {number} 步 · {title}"
FIRST_RUN_STEP_DONE = "这一步已完成。"
FIRST_RUN_MISSING = "还缺少："
FIRST_RUN_ACCOUNTS = (
    "账号可以在下面新建（每个党支部一个党支部书记账号，另建党委领导账号），"
    "也可以在服务器上运行 `python -m data_layer create-user`；有了数据以后在“基础数据”页管理。"
)
FIRST_RUN_MONTH = "导入第一个月的数据后，看板即显示本组织的指标。"
FIRST_RUN_END = "完成后打开“总览”，查看本组织自己的指标。"
FIRST_RUN_OPEN = "打开总览"

# --- 总览 · 精益管理 ---
LEAN_TITLE = "精益管理"
STAR_AVERAGE_LONG = "对标平均分"
LEAN_STARS = "五星 {five} 个，二星及以下 {low} 个"
IDEA_ADOPTION_LONG = "金点子采纳率"
LEAN_IDEAS = "本年提出 {proposed} 条，已采纳 {adopted} 条"
VISIT_RATE_LONG = "帮扶走访率（本月）"
LEAN_PAIRS = "{months}个月以上未走访 {count} 对"
DUES_RATE_LONG = "党费交纳率"
LEAN_DUES = "连续欠缴6个月以上 {count} 人"

# --- 对标评星 ---
PAGE_STARS = "对标评星"
STAR_PERIOD = "评定周期"
STAR_PERIOD_HELP = (
    "月度按所选月份；季度、年度按所选月份时已结束的最近一个季度、年度。得分取自该期末各页面的同一指标。"
)
STAR_AVERAGE = "平均得分"
STAR_LEVELS = {5: "五星", 4: "四星", 3: "三星", 2: "二星", 1: "一星"}
STAR_LEVEL_TITLE = "星级"
STAR_SCORE = "对标得分"
STAR_RANK = "排名"
STAR_LOST_MOST = "失分最多的指标"
STAR_LOW = "二星及以下"
STAR_UNIT = "{count} 个"
STAR_RANKING_TITLE = "{label}各党支部对标得分与星级"
STAR_CAPTION = (
    "得分 = 各指标得分之和 ÷ 计分指标分值之和 × 100（无数据或未评分的指标不计入）；"
    "90 分及以上五星，80 分四星，70 分三星，60 分二星，其余一星。"
)
STAR_QUOTA = "五星比例上限：{share}（本期最多 {quota} 个党支部评为五星）。"
STAR_QUOTA_NONE = "五星不设比例上限。"
STAR_HELD = "{names}得分达到五星，但受五星比例上限限制评为四星（同分者同等对待）。"
STAR_TABLE_TITLE = "排名与得分"
STAR_BREAKDOWN = "得分明细"
STAR_BREAKDOWN_BRANCH = "查看党支部"
STAR_FACTS = "查看依据："
STAR_NO_SCHEME_ADMIN = "请在下方“对标方案”中制定本年度方案。"
STAR_INDICATOR = "指标"
STAR_SOURCE = "数据来源"
STAR_RULE = "计分方式"
STAR_WEIGHT = "分值"
STAR_EARNED = "得分"
STAR_LOST = "失分"
STAR_DETAIL = "依据"
STAR_MANUAL_TITLE = "人工评分（{month}）"
STAR_MANUAL_HELP = "人工评分指标由党委领导或管理员评定；每期以截至期末本年度最近一次评分为准。"
STAR_MANUAL_NONE = "本年度方案中没有人工评分指标。"
STAR_MANUAL_SAVE = "保存评分"
STAR_MANUAL_SAVED = "已保存：{branch} {month}“{indicator}” {points} 分。"
STAR_POINTS = "得分（0—{weight} 分）"
STAR_NOTE = "评分说明"
STAR_SCHEME_TITLE = "对标方案（{year}年度）"
STAR_SCHEME_EMPTY = "{year}年度还没有对标方案。"
STAR_SCHEME_INSTALL = "沿用上年度方案（没有上年度方案时使用推荐方案）"
STAR_SCHEME_INSTALLED = "已为{year}年度建立对标方案，共 {count} 项指标。"
STAR_SCHEME_ADD = "新增或修改指标（按指标名称）"
STAR_SCHEME_SAVE = "保存指标"
STAR_SCHEME_SAVED = "已保存指标“{name}”。"
STAR_TARGET = "目标值(%)"
STAR_FLOOR = "及格值(%)（阈值计分）"
STAR_DEDUCTION = "每项扣分（扣分计分）"
STAR_ORDER = "排序"
STAR_ACTIVE = "状态"
STAR_STATES = {True: "启用", False: "停用"}
STAR_CHOOSE_INDICATOR = "选择指标"
STAR_DISABLE = "停用"
STAR_ENABLE = "启用"
STAR_DELETE = "删除"
STAR_TOGGLED = "已{state}指标“{name}”。"
STAR_DELETED = "已删除指标“{name}”。"
STAR_SHARE = "五星比例上限"
STAR_SHARE_SAVE = "保存五星比例上限"
STAR_SHARE_SAVED = "五星比例上限已设为 {share}。"

# --- 金点子 and 帮扶结对 ---
PAGE_IDEAS = "金点子"
IDEAS_PROPOSED = "提出"
IDEAS_ADOPTED = "采纳"
IDEAS_NOT_ADOPTED = "评审中或未采纳"
IDEAS_ADOPTION_RATE = "采纳率"
IDEAS_EFFECTIVE = "见效"
IDEAS_BENEFIT = "效益"
IDEAS_COUNT = "{count} 条"
IDEAS_SPAN_NOTE = "{year}年1月至{month}提出的金点子；采纳、见效按截至{month}计"
IDEAS_BENEFIT_NOTE = "见效金点子的效益合计"
IDEAS_NO_BRANCHES = "所选范围内没有在册党支部。"
IDEAS_NONE = "{year}年1月至{month}尚无金点子。"
IDEAS_CHART_TITLE = "各党支部{year}年金点子（截至{month}）"
IDEAS_TABLE_TITLE = "各党支部金点子"
IDEAS_LIST_TITLE = "金点子清单"
IDEAS_TITLE = "金点子名称"
IDEAS_PROPOSER = "提出人"
IDEAS_PROPOSER_NO = "提出人党员编号"
IDEAS_PROPOSED_ON = "提出日期"
IDEAS_STATUS = "状态"
IDEAS_STATUS_MONTH = "状态月份"
IDEAS_BENEFIT_AMOUNT = "效益(元)"
IDEAS_BENEFIT_TEXT = "效益说明"
IDEAS_WORK = "填报金点子（{branch}）"
IDEAS_PROPOSE_FORM = "提出金点子"
IDEAS_ADVANCE_FORM = "推进金点子状态"
IDEAS_CHOOSE = "金点子"
IDEAS_NEW_STATUS = "新状态"
IDEAS_STATUS_ON = "状态日期"
IDEAS_SAVE = "保存"
IDEAS_PROPOSED_SAVED = "已登记金点子“{title}”（{status}）。"
IDEAS_ADVANCED = "金点子“{title}”已改为“{status}”（{month}）。"
IDEAS_NOTHING_TO_ADVANCE = "本支部没有可推进的金点子。"
IDEAS_ADVANCE_HELP = "状态只能向前推进：提出→评审→采纳→实施→见效，或评审后未采纳；见效时填写效益。"
IDEAS_CHOOSE_BRANCH = "填报的党支部"
IDEAS_IMPORT = "Excel 导入"
PAGE_PAIRS = "帮扶结对"
PAIRS_COUNT = "结对数"
PAIRS_VISIT_RATE = "本月走访率"
PAIRS_IDLE = "超期未走访"
PAIRS_COUNT_NOTE = "{month}在帮扶期内的结对"
PAIRS_VISIT_NOTE = "本月走访 {visited} 个结对"
PAIRS_IDLE_NOTE = "连续 {months} 个月及以上未走访"
PAIRS_NO_BRANCHES = "所选范围内没有在册党支部。"
PAIRS_NONE = "{month}没有在帮扶期内的结对。"
PAIRS_CHART_TITLE = "各党支部{month}帮扶走访"
PAIRS_VISITED = "已走访"
PAIRS_NOT_VISITED = "未走访"
PAIRS_TABLE_TITLE = "各党支部帮扶结对"
PAIRS_IDLE_TITLE = "超期未走访的结对（{count} 个）"
PAIRS_IDLE_NONE = "没有连续 {months} 个月及以上未走访的结对。"
PAIRS_LIST_TITLE = "结对清单"
PAIRS_KIND = "结对类型"
PAIRS_HELPER = "帮扶人"
PAIRS_HELPER_NO = "帮扶人党员编号"
PAIRS_TARGET = "帮扶对象"
PAIRS_STARTED = "开始月份"
PAIRS_ENDED = "结束月份"
PAIRS_NOTE = "备注"
PAIRS_MONTH_VISITS = "本月走访次数"
PAIRS_LAST_VISIT = "最近走访"
PAIRS_IDLE_MONTHS = "未走访月数"
PAIRS_NEVER = "未走访过"
PAIRS_WORK = "填报帮扶（{branch}）"
PAIRS_PAIRING_FORM = "登记或修改结对"
PAIRS_VISIT_FORM = "登记{month}走访"
PAIRS_CHOOSE = "结对"
PAIRS_VISITS = "走访次数"
PAIRS_VISIT_NOTE_LABEL = "走访情况"
PAIRS_SAVE = "保存"
PAIRS_PAIRING_SAVED = "已保存“{target}”的结对。"
PAIRS_VISIT_SAVED = "已登记“{target}”{month}走访 {visits} 次。"
PAIRS_NOTHING_TO_VISIT = "本支部{month}没有在帮扶期内的结对。"
PAIRS_FORM_HELP = (
    "党员结对填写帮扶人；支部结对的帮扶对象填写结对党支部的全称。同一帮扶人和帮扶对象再次保存即修改原结对。"
)
PAIRS_NO_HELPER = "（支部结对）"
PAIRS_HELPER_HELP = "党员结对时选择帮扶人；支部结对没有帮扶人，此处的选择不会保存。"
# --- end of 金点子 and 帮扶结对 ---

# --- 党费 ---
PAGE_DUES = "党费"
DUES_PAID_RATE = "党费交纳率"
DUES_DUE = "应交党费"
DUES_PAID = "实交党费"
DUES_ARREARS_COUNT = "欠缴{months}个月以上"
DUES_PERSONS = "{count} 人"
DUES_SPAN = "{year}年1–{month}月"
DUES_YTD_NOTE = "{span}累计；交纳率 = 实交 ÷ 应交"
DUES_ARREARS_NOTE = "连续{months}个月以上未交纳党费（截至{month}）"
DUES_EMPTY = "{span}还没有党费记录。支部书记可在下方逐人填写，或用“Excel 导入”上传工资表或党费收缴表。"
DUES_BY_BRANCH_TITLE = "各党支部党费交纳率（{span}）"
DUES_BAR_CAPTION = "条形长度为交纳率；红褐色标记有党员连续{months}个月以上未交纳党费的党支部。"
DUES_OK = "无长期欠缴"
DUES_HAS_ARREARS = "有长期欠缴"
DUES_TABLE_TITLE = "各党支部党费交纳情况"
DUES_MEMBERS = "党员人数"
DUES_ARREARS_MEMBERS = "长期欠缴人数"
DUES_ARREARS_TITLE = "连续{months}个月以上未交纳党费的党员（{count} 人）"
DUES_ARREARS_RULE = (
    "依据党章第九条：党员如果没有正当理由，连续六个月不交纳党费，就被认为是自行脱党。"
    "名单供党支部核实情况、谈心谈话，不是处理结论。"
)
DUES_NO_ARREARS = "没有连续{months}个月以上未交纳党费的党员。"
DUES_UNPAID_MONTHS = "连续未交(月)"
DUES_OWED = "欠缴金额"
DUES_MONTH_TITLE = "{branch} · {month}党员党费"
DUES_MEMBERS_TITLE = "{month}党员党费明细"
DUES_CHOOSE_BRANCH = "填写哪个党支部"
DUES_INCOME = "月工资收入(元)"
DUES_RATE = "比例(%)"
DUES_MONTH_DUE = "应交(元)"
DUES_MONTH_PAID = "实缴(元)"
DUES_PAID_ON = "缴纳日期"
DUES_EDITOR_HELP = (
    "填写税后月工资收入、实缴金额和缴纳日期后点“保存”；比例和应交金额按保存时的党费比例自动计算。"
    "未交纳时实缴金额留空。"
)
DUES_NO_MEMBERS = "该党支部在本月没有在册党员。"
DUES_IMPORT = "Excel 导入党费（工资表或党费收缴表）"
DUES_BRACKETS_TITLE = "党费交纳比例"
DUES_BRACKETS_SOURCE = (
    "按税后月工资收入（上限含本数），依据中组部《关于中国共产党党费收缴、使用和管理的规定》。"
)
DUES_BRACKET_UPTO = "{bound} 元及以下"
DUES_BRACKET_ABOVE = "{bound} 元以上"
DUES_BRACKET_BETWEEN = "{lower} 元以上至 {bound} 元"
DUES_BRACKET_ALL = "任何收入"
DUES_BRACKETS_INPUT = "修改比例"
DUES_BRACKETS_HELP = (
    "写成“上限:比例(%)”，用逗号分隔，最后一档的上限写 *，例如 3000:0.5,5000:1,10000:1.5,*:2。"
    "只影响此后保存的记录，已有记录保留原比例。"
)
DUES_BRACKETS_SAVE = "保存比例"
DUES_BRACKETS_SAVED = "党费比例已改为 {brackets}"
FIELD_LABELS.update(income="月工资收入(元)", rate="比例", due="应交(元)", paid="实缴(元)", paid_on="缴纳日期")
# --- end of 党费 ---

# --- when something around the dashboard fails (ui/failure.py) ---
UNEXPECTED_ERROR = "系统出错了，请稍后再试。如果问题一直存在，请把错误编号 {error_id} 告诉管理员。"
DATABASE_FAILURE = {
    "busy": "数据库正忙（有人正在保存大量数据），请稍等一两分钟再试。刚才填写的内容还在，没有保存。",
    "down": "暂时连不上数据库，请稍后刷新页面再试；恢复后无需其他操作。请把错误编号 {error_id} 告诉管理员。",
    "full": "数据库所在磁盘已满，暂时无法保存。刚才填写的内容还在，没有保存；请通知管理员清理磁盘（错误编号 {error_id}）。",
    "read_only": "数据库当前为只读，暂时无法保存。刚才填写的内容还在，没有保存；请通知管理员（错误编号 {error_id}）。",
}
SAVING_UNAVAILABLE = "数据库当前为只读：现在可以查看数据，但暂时无法保存，请通知管理员。"

# --- 党建+安全生产 (pages/views/safety.py, ui/charts/safety.py) ---
PAGE_SAFETY = "党建+安全生产"
SAFETY_PRODUCTION_RATE = "生产计划完成率"
SAFETY_PRODUCTION_NOTE = "各党支部完成率的平均（每项指标实际 ÷ 计划）"
SAFETY_PRODUCTION_NOTE_ONE = "本党支部各项指标完成率的平均（实际 ÷ 计划）"
SAFETY_MEMBER_RATE = "党员三违率"
SAFETY_OTHER_RATE = "非党员三违率"
SAFETY_VIOLATIONS_NOTE = "本月三违 {count} 人次，按每千人计"
SAFETY_HAZARD_SHARE = "隐患排查党员贡献率"
SAFETY_HAZARD_SHARE_NOTE = "本月排查隐患 {count} 项，其中党员查出的比例"
SAFETY_HAZARD_CLOSURE = "隐患整改率"
SAFETY_HAZARD_CLOSURE_NOTE = "已整改 ÷ 排查出的隐患"
SAFETY_POST_CLEAN = "党员身边无三违率"
SAFETY_POST_NOTE = "本月检查的党员先锋岗中无三违的比例"
SAFETY_ZONE_CLEAN = "党员责任区无事故率"
SAFETY_ZONE_NOTE = "本月检查的党员责任区中无事故的比例"
SAFETY_ACCIDENT_COUNT = "{count} 起"
SAFETY_ACCIDENTS_NOTE = "伤人 {injury} 起，非伤人 {other} 起"
SAFETY_NO_RECORD = "无安全月报"  # a 党支部's 安全状况 without a safety record for the month
SAFETY_STATE = "安全状况"
SAFETY_QUADRANT = "象限"
SAFETY_SCORE = "对标得分"
SAFETY_QUADRANT_TITLE = "{month}各党支部党建与生产：对标得分 × 生产计划完成率"
SAFETY_QUADRANT_CAPTION = (
    "每个点是一个党支部。横轴为对标得分，{strong} 分及以上为党建强；纵轴为生产计划完成率，100% 及以上为生产强；"
    "点的颜色和形状表示本月安全状况。"
)
SAFETY_UNPLACED = "另有 {count} 个党支部没有对标得分或没有生产指标，未在图中标出（见下表）。"
SAFETY_NO_QUADRANT = "本月没有同时有对标得分和生产计划完成率的党支部，无法划分象限。"
SAFETY_COUNT = "{count} 个"
SAFETY_TALK_TITLE = "需要关注的党支部"
SAFETY_TALK_NONE = "本月没有需要关注的党支部：没有发生事故，党建与生产也没有一强一弱。"
SAFETY_REASON = "原因"
SAFETY_REASON_ACCIDENT = "本月发生事故"
SAFETY_REASON_PARTY_ONLY = "党建强，生产计划未完成"
SAFETY_REASON_PRODUCTION_ONLY = "生产计划完成，对标得分不到 {strong} 分"
SAFETY_RATES_TITLE = "{month}各党支部党员与非党员三违率（每千人）"
SAFETY_RATES_CAPTION = "党员三违率 = 党员三违人次 ÷ 党员人数 × 1000；非党员三违率 = 非党员三违人次 ÷（在册职工 − 党员人数）× 1000。"
SAFETY_RATES_AXIS = "三违率（‰）"
SAFETY_MEMBERS = "党员"
SAFETY_OTHERS = "非党员"
SAFETY_GROUP = "人员"
SAFETY_VIOLATIONS = "三违人次"
SAFETY_PEOPLE = "人数"
SAFETY_TREND_TITLE = "{year}年各月对标得分与生产、安全的相关系数"
SAFETY_TREND_PRODUCTION = "对标得分与生产计划完成率"
SAFETY_TREND_SAFETY = "对标得分与三违率（每千名职工）"
SAFETY_TREND_CAPTION = (
    "相关系数 r 在 −1 到 1 之间：正数表示对标得分高的党支部这项数字也高，负数表示相反，接近 0 表示看不出关系。"
    "它只说明各党支部的两项数字是否一同高低，不说明谁导致谁（不是因果关系）；每月至少 {least} 个党支部有数据才计算。"
)
SAFETY_TREND_ASK = "计算{year}年各月的相关系数（{count} 个党支部逐月对标评分，首次可能需要一分钟）"
SAFETY_TREND_NONE = (
    "{year}年还没有哪个月份有至少 {least} 个党支部同时有对标得分和生产、安全数据，暂不计算相关系数。"
)
SAFETY_R = "相关系数 r"
SAFETY_BRANCH_COUNT = "党支部数"
SAFETY_TREND_COLUMNS = {
    "production_branches": "党支部数（生产）",
    "production_r": "r（得分与生产计划完成率）",
    "safety_branches": "党支部数（安全）",
    "safety_r": "r（得分与三违率）",
}
SAFETY_R_FEW = "—（{count} 个党支部，不足 {least} 个）"
SAFETY_R_FLAT = "—（各党支部数字相同）"
SAFETY_SERIES = "指标"
SAFETY_TABLE_TITLE = "{month}各党支部安全生产情况"
SAFETY_MEMBER_COUNT = "党员人数"
SAFETY_MEMBER_VIOLATIONS = "党员三违"
SAFETY_OTHER_VIOLATIONS = "非党员三违"
SAFETY_POSTS_CLEAN = "先锋岗无三违"
SAFETY_ZONES_CLEAN = "责任区无事故"
SAFETY_OF_CHECKED = "{clean}/{checked}"
SAFETY_DETAIL = "党支部明细"
SAFETY_CHOOSE_BRANCH = "查看党支部"
SAFETY_MONTHS_TITLE = "{branch}（{unit}）{year}年逐月情况"
SAFETY_MONTHS_TITLE_NO_UNIT = "{branch}{year}年逐月情况"
SAFETY_INDICATORS_TITLE = "{month}生产指标"
SAFETY_INDICATOR = "指标"
SAFETY_MEASURE = "单位"
SAFETY_PLAN = "计划"
SAFETY_ACTUAL = "实际"
SAFETY_NO_INDICATORS = "该党支部{month}没有生产指标数据。"
SAFETY_POSTS_TITLE = "{month}党员先锋岗和党员责任区"
SAFETY_NO_POSTS = "该党支部{month}没有在岗的党员先锋岗或党员责任区。"
SAFETY_KIND = "类型"
SAFETY_POST_NAME = "名称"
SAFETY_HOLDER = "责任党员"
SAFETY_STARTED = "设立月份"
SAFETY_VIOLATION_FREE = "无三违"
SAFETY_ACCIDENT_FREE = "无事故"
SAFETY_NOTE = "备注"
SAFETY_YES, SAFETY_NO, SAFETY_UNCHECKED = "是", "▼ 否", "本月未检查"
# --- end of 党建+安全生产 ---
# --- 党建+安全生产: set-up, 安全生产填报, 先锋岗/责任区 (the writes) ---
PAGE_SAFETY_ENTRY = "安全生产填报"
SAFETY_ENTRY_CAPTION = (
    "按调度和安监部门的月报填写各区队本月的生产指标和安全情况；已提交或已审核的党支部月份不能修改，"
    "需先重新打开。也可在“Excel 导入”中直接导入生产月报和安全月报。"
)
SAFETY_TABS = ["安全月报", "生产月报", "Excel 导入"]
SAFETY_UNIT = "区队"
SAFETY_WORKFORCE = "在册人数"
SAFETY_HAZARDS_FOUND = "隐患发现"
SAFETY_HAZARDS_CLOSED = "隐患整改"
SAFETY_HAZARDS_BY_MEMBERS = "其中党员发现"
SAFETY_VIOLATIONS_MEMBERS = "党员三违"
SAFETY_VIOLATIONS_OTHERS = "非党员三违"
SAFETY_INJURY = "伤人事故"
SAFETY_OTHER_ACCIDENTS = "非伤人事故"
SAFETY_SAFE_DAYS = "安全生产天数"
SAFETY_EDITOR_HELP = (
    "每个党支部一行：填写其区队本月的在册人数、安全生产天数，以及隐患、三违（人次）和事故（起）；"
    "隐患、三违和事故没有时可留空（按 0 计）。整改和党员发现的隐患不能多于发现的隐患。"
)
SAFETY_NO_BRANCHES = "所选范围内没有党支部。"
PRODUCTION_INDICATOR = "指标"
PRODUCTION_MEASURE = "计量单位"
PRODUCTION_PLAN = "计划"
PRODUCTION_ACTUAL = "实际"
PRODUCTION_EDITOR_HELP = "每个生产指标一行：填写本月计划和实际完成（不能为负数，最多两位小数）后点“保存”。"
PRODUCTION_NO_INDICATORS = (
    "{year}年还没有设置生产指标：请在“基础数据 → 区队与生产指标”中为各党支部的区队设置。"
)
SETUP_UNITS_TAB = "区队与生产指标"
SETUP_UNITS_TITLE = "党支部对应的区队"
SETUP_UNITS_HELP = (
    "区队名称与调度、安监月报中的一致，导入时据此找到党支部；一个区队只对应一个党支部。区队留空即取消对应。"
)
SETUP_UNIT_KIND = "区队类型"
SETUP_UNIT_SAVED = "已保存{branch}的区队：{unit}"
SETUP_UNIT_CLEARED = "已取消{branch}与区队的对应"
SETUP_INDICATORS_TITLE = "{year}年生产指标"
SETUP_INDICATOR_NEW = "新增或修改生产指标"
SETUP_INDICATOR_OLD = "原名称（改名时选择）"
SETUP_INDICATOR_KEEP = "（新增）"
SETUP_INDICATOR_SAVED = {
    "inserted": "已新增生产指标：{branch} {name}",
    "updated": "已修改生产指标：{branch} {name}",
    "unchanged": "生产指标未改动：{branch} {name}",
}
SETUP_INDICATOR_SWITCH = "停用或启用生产指标"
SETUP_INDICATOR_CHOOSE = "选择指标"
SETUP_INDICATOR_ACTIVE = "启用"
SETUP_INDICATOR_SWITCHED = "生产指标“{name}”：{state}"
SETUP_INDICATORS_NONE = "{year}年还没有生产指标。"
SETUP_INDICATORS_COPY = "复制{from_year}年的生产指标到{year}年"
SETUP_INDICATORS_COPY_HELP = "把各党支部{from_year}年启用的生产指标（名称、计量单位、顺序）复制到{year}年；{year}年已有的同名指标不变。"
SETUP_INDICATORS_COPIED = "已复制生产指标：新增 {inserted} 个，{unchanged} 个已有（未改动）。"
NEW_YEAR_PRODUCTION_INDICATORS = "；复制生产指标 {count} 个"
PIONEER_TAB = "先锋岗责任区"
PIONEER_POSTS_TITLE = "党员先锋岗和党员责任区"
PIONEER_KIND = "类型"
PIONEER_NAME = "岗区名称"
PIONEER_HOLDER = "责任党员"
PIONEER_STARTED = "开始月份"
PIONEER_ENDED = "结束月份"
PIONEER_NO_POSTS = "还没有登记先锋岗或责任区。"
PIONEER_FORM = "登记或修改先锋岗、责任区"
PIONEER_FORM_HELP = "同一党支部同名的岗区再次保存时修改其类型、责任党员和起止月份；结束月份留空表示仍在设。"
PIONEER_SAVED = {
    "inserted": "已登记{kind}“{name}”",
    "updated": "已修改{kind}“{name}”",
    "unchanged": "{kind}“{name}”未改动",
}
PIONEER_CHECKS_TITLE = "{month}岗区检查"
PIONEER_VIOLATION_FREE = "无三违"
PIONEER_ACCIDENT_FREE = "无事故"
PIONEER_NOTE = "情况说明"
PIONEER_CHECKS_HELP = (
    "每个在设的岗区一行：本月是否无三违、无事故（选择“是”或“否”），有情况时写明；然后点“保存”。"
)
PIONEER_NO_CHECKS = "本月没有在设的先锋岗或责任区。"
FIELD_LABELS.update(
    workforce="在册人数",
    hazards_found="隐患发现",
    hazards_closed="隐患整改",
    hazards_by_members="其中党员发现",
    violations_members="党员三违",
    violations_others="非党员三违",
    injury_accidents="伤人事故",
    other_accidents="非伤人事故",
    safe_days="安全生产天数",
    plan="计划",
    actual="实际",
    indicator_id="生产指标",
    post_id="岗区",
    violation_free="无三违",
    accident_free="无事故",
    started_month="开始月份",
    ended_month="结束月份",
    name="名称",
)
TABLE_FIELD_LABELS = {("pioneerpost", "kind"): "类型", ("pioneercheck", "note"): "情况说明"}
"""修改记录's label of a field in one table, where FIELD_LABELS' label is another table's meaning."""
# --- end of 党建+安全生产 (the writes) ---
# --- 党建+安全生产 on the overview and the projector (issue 26) ---
SAFETY_TITLE = "安全生产"
MEMBER_VIOLATION_RATE = "党员三违率"
OTHER_VIOLATION_RATE = "非党员三违率"
PRODUCTION_RATE = "生产计划完成率"
ACCIDENTS = "事故"
ACCIDENT_UNIT = "起"
ACCIDENT_COUNT = "{count} 起"
ACCIDENT_NOTE = "其中伤亡事故 {injury} 起"
SAFETY_PER_THOUSAND = "每千人三违人次：党员按在册党员、非党员按其余在册职工计"
SAFETY_RECORDS = "{count} 个党支部报送了本月安全月报"
SLIDE_SAFETY = "党建+安全生产"
SLIDE_QUADRANTS = "党建与生产四象限"
SLIDE_TALK_ABOUT = "需重点关注"
SLIDE_TALK_MORE = "另有 {count} 个党支部，详见党建+安全生产页。"
SLIDE_NO_TALK = "本月没有党建与生产不同步或发生事故的党支部。"
QUADRANT = "象限"
QUADRANT_BRANCHES = "党支部（个）"
TALK_REASON = "原因"
SLIDE_QUADRANT_NOTE = (
    "党建强：对标得分达四星线（{score}）；生产强：生产计划完成率达 100%。未设生产指标或未评分的党支部不计入。"
)
STAR_SOURCE_HELP = (
    "比率（任务完成率、学习达标率、三会一课完成率、经费执行、按时报送率、生产计划完成率、隐患排查党员贡献率）"
    "按线性或阈值计分，目标值、及格值按百分比填写；计数（超期任务数、逾期报送月数）按扣分计分。"
    "党员三违率按每千名党员计、越低越好，只能扣分计分，“每项扣分”即每 1‰ 扣的分数（如 0.02）。"
    "党支部当月没有相应数据时，该项不计分。"
)
# --- end of 党建+安全生产 ---
