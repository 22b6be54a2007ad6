"""Every Chinese string the screens show, in one table (words as in the UX guide)."""

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

# Filters
MONTH = "月份"
ORGANISATIONS = "组织"
ALL_ORGANISATIONS = "全部组织"
ORGANISATIONS_HELP = "可多选；不选即为全部。选择党总支包含其下全部党支部。"
OWN_BRANCH = "本支部"
PAGE_REFUSED = "您的账号无权查看此页面。"
NO_DATA_YET = "数据库中还没有任务进度或学习记录。管理员可运行 python -m seed --scale mine 载入演示数据。"

# Pages
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
POINTS_UNIT = "个百分点"
NO_VALUE = "—"
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
ALERT_OVERDUE = "超期任务 {count} 项"
ALERT_OVERSPENT = "经费超支 {count} 个党支部"
ALERT_STUDY = "学习达标率低于 60% 的党支部 {count} 个"
ALERT_SUBMISSIONS = "未提交月度填报的党支部 {count} 个"
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

# --- 经费使用 ---

# --- 三会一课 ---
