"""The fixed shape and wording of the demo mine: organisations, people, goals, task, expense and meeting texts.

Numbers here are the knobs the generator in ``mine.py`` turns into rows; changing them changes the demo.
"""

from dataclasses import dataclass

from data_layer.vocab import GoalCategory, SubmissionStatus

COMMITTEE = "北山煤矿党委"

FRONT_LINE = "生产一线党总支"
SUPPORT = "生产辅助党总支"
OFFICES = "机关党总支"
GENERAL_BRANCHES = (FRONT_LINE, SUPPORT, OFFICES)

GRID_MINING = "井下采掘网格"
GRID_UNDERGROUND = "井下辅助网格"
GRID_SURFACE = "地面生产网格"
GRID_OFFICE = "机关服务网格"


@dataclass(frozen=True)
class BranchSpec:
    """One 党支部 of the demo mine and the knobs that shape its figures."""

    name: str
    general: str
    grid: str
    username: str  # the secretary's login, pinyin of the branch
    abbr: str  # task code infix
    profile: str  # key into POSTS and SPECIFIC_TASKS
    members: int
    secretary: str
    task_pace: float | None  # None: on plan; else completion as a share of plan progress
    study_diligence: float  # chance a member keeps up with the study targets
    budget_rate: float  # execution of the year's allocation by LAST_MONTH
    last_month_status: SubmissionStatus | None  # None: no submission row for LAST_MONTH
    female_share: float = 0.05


BRANCHES = (
    BranchSpec("综采一队党支部", FRONT_LINE, GRID_MINING, "zongcai1", "ZC1", "longwall", 40, "张伟",
               None, 0.88, 0.76, SubmissionStatus.APPROVED),
    BranchSpec("综采二队党支部", FRONT_LINE, GRID_MINING, "zongcai2", "ZC2", "longwall", 36, "刘志强",
               0.52, 0.57, 0.66, None),
    BranchSpec("掘进一队党支部", FRONT_LINE, GRID_MINING, "juejin1", "JJ1", "heading", 34, "陈建军",
               0.56, 0.55, 0.70, SubmissionStatus.RETURNED),
    BranchSpec("掘进二队党支部", FRONT_LINE, GRID_MINING, "juejin2", "JJ2", "heading", 33, "杨振华",
               None, 0.84, 0.78, SubmissionStatus.APPROVED),
    BranchSpec("机电队党支部", FRONT_LINE, GRID_UNDERGROUND, "jidian", "JD", "electrical", 30, "赵海涛",
               None, 0.86, 0.72, SubmissionStatus.APPROVED),
    BranchSpec("通风队党支部", FRONT_LINE, GRID_UNDERGROUND, "tongfeng", "TF", "ventilation", 28, "黄国庆",
               None, 0.90, 0.80, SubmissionStatus.APPROVED),
    BranchSpec("运输队党支部", FRONT_LINE, GRID_UNDERGROUND, "yunshu", "YS", "transport", 27, "周立新",
               0.63, 0.55, 0.68, SubmissionStatus.DRAFT),
    BranchSpec("洗选厂党支部", SUPPORT, GRID_SURFACE, "xixuan", "XX", "washery", 26, "吴秀兰",
               None, 0.84, 0.74, SubmissionStatus.SUBMITTED, 0.25),
    BranchSpec("调度中心党支部", SUPPORT, GRID_SURFACE, "diaodu", "DD", "dispatch", 20, "徐明",
               None, 0.88, 0.77, SubmissionStatus.APPROVED, 0.3),
    BranchSpec("安全监察部党支部", SUPPORT, GRID_UNDERGROUND, "anjian", "AJ", "safety", 22, "孙永刚",
               None, 0.92, 0.79, SubmissionStatus.APPROVED, 0.1),
    BranchSpec("后勤服务党支部", SUPPORT, GRID_SURFACE, "houqin", "HQ", "logistics", 25, "马丽",
               None, 0.82, 1.04, SubmissionStatus.DRAFT, 0.45),
    BranchSpec("地测防治水科党支部", SUPPORT, GRID_UNDERGROUND, "dice", "DC", "survey", 16, "胡建平",
               None, 0.86, 0.50, None, 0.15),
    BranchSpec("机关第一党支部", OFFICES, GRID_OFFICE, "jiguan1", "JG1", "office", 24, "郭晓燕",
               None, 0.92, 0.99, SubmissionStatus.APPROVED, 0.4),
    BranchSpec("机关第二党支部", OFFICES, GRID_OFFICE, "jiguan2", "JG2", "office", 20, "林涛",
               None, 0.88, 0.75, SubmissionStatus.APPROVED, 0.4),
    BranchSpec("机关第三党支部", OFFICES, GRID_OFFICE, "jiguan3", "JG3", "office", 18, "何文静",
               None, 0.86, 0.72, SubmissionStatus.SUBMITTED, 0.45),
)  # fmt: skip

RETURN_COMMENT = "学习时长数据与台账不一致，请核对后重新提交"

# Committee leaders are members of the first office branch.
LEADER_NAME = "王建国"
ORG_DEPT_NAME = "李红梅"
LEADER_BRANCH = "机关第一党支部"

# Heads of the office branches (the other branches' heads are their unit's 队长, 厂长…).
HEAD_POSTS = {
    "机关第一党支部": "党委办公室主任",
    "机关第二党支部": "生产技术部部长",
    "机关第三党支部": "经营管理部部长",
}

# Posts: the branch head's title, then the pool the rest are drawn from (repeats weigh more).
POSTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "longwall": (
        "队长",
        ("采煤机司机",) * 4 + ("支架工",) * 5 + ("电钳工",) * 3 + ("输送机司机",) * 2
        + ("班组长",) * 3 + ("技术员", "安全员", "副队长", "泵站工", "验收员"),
    ),
    "heading": (
        "队长",
        ("掘进机司机",) * 4 + ("锚杆支护工",) * 5 + ("电钳工",) * 3 + ("皮带司机",) * 2
        + ("班组长",) * 3 + ("技术员", "安全员", "副队长", "瓦检员"),
    ),
    "electrical": (
        "队长",
        ("电钳工",) * 5 + ("维修电工",) * 3 + ("主提升机司机",) * 2 + ("变电所值班员",) * 2
        + ("班组长",) * 2 + ("技术员", "安全员", "副队长", "水泵司机"),
    ),
    "ventilation": (
        "队长",
        ("通风工",) * 4 + ("瓦检员",) * 4 + ("测风员",) * 2 + ("抽采工",) * 2
        + ("班组长",) * 2 + ("技术员", "安全员", "副队长", "防突工"),
    ),
    "transport": (
        "队长",
        ("电机车司机",) * 3 + ("无轨胶轮车司机",) * 3 + ("信号工",) * 2 + ("把钩工",) * 2
        + ("绞车司机",) * 2 + ("班组长",) * 2 + ("技术员", "安全员", "副队长"),
    ),
    "washery": (
        "厂长",
        ("分选工",) * 3 + ("浮选工",) * 2 + ("压滤工",) * 2 + ("集控员",) * 2 + ("维修工",) * 2
        + ("班组长",) * 2 + ("化验员", "技术员", "安全员", "副厂长"),
    ),
    "dispatch": (
        "调度中心主任",
        ("调度员",) * 5 + ("值班调度长",) * 2 + ("安全监控员",) * 3 + ("信息技术员",) * 2 + ("科员",),
    ),
    "safety": (
        "安全监察部部长",
        ("安全监察员",) * 6 + ("安全员",) * 2 + ("质量标准化验收员",) * 2 + ("科员",) * 2 + ("副部长",),
    ),
    "logistics": (
        "后勤服务中心经理",
        ("食堂管理员",) * 2 + ("宿舍管理员",) * 2 + ("驾驶员",) * 3 + ("库管员",) * 2 + ("科员",) * 3
        + ("炊事员",) * 2 + ("班组长",),
    ),
    "survey": (
        "地测防治水科科长",
        ("测量工",) * 3 + ("地质员",) * 2 + ("防治水技术员",) * 2 + ("探放水工",) * 3 + ("科员", "副科长"),
    ),
    "office": (
        "办公室主任",
        ("科员",) * 6 + ("科长", "副科长", "党建干事", "宣传干事", "纪检干事", "会计", "人力资源专员", "工程师"),
    ),
}  # fmt: skip


@dataclass(frozen=True)
class GoalSpec:
    key: str
    category: GoalCategory
    title: str


GOALS = (
    GoalSpec("g_plenum", GoalCategory.IDEOLOGY, "深入学习贯彻党的二十届四中全会精神"),
    GoalSpec("g_study", GoalCategory.IDEOLOGY, "推进党员常态化学习教育，筑牢安全生产思想根基"),
    GoalSpec("g_standard", GoalCategory.ORGANISATION, "推进党支部标准化规范化建设"),
    GoalSpec("g_members", GoalCategory.ORGANISATION, "加强党员队伍建设，做好发展党员工作"),
    GoalSpec("g_life", GoalCategory.ORGANISATION, "严格落实“三会一课”等组织生活制度"),
    GoalSpec("g_people", GoalCategory.CONDUCT, "深化“我为群众办实事”实践活动"),
    GoalSpec("g_frontline", GoalCategory.CONDUCT, "深入一线调查研究，推动解决安全生产难题"),
    GoalSpec("g_clean", GoalCategory.DISCIPLINE, "深化党纪学习教育，筑牢廉洁从业防线"),
    GoalSpec("g_oversight", GoalCategory.DISCIPLINE, "加强安全生产领域监督执纪"),
    GoalSpec("g_safety_brand", GoalCategory.BRAND, "打造“党建+安全生产”品牌"),
    GoalSpec("g_vanguard", GoalCategory.BRAND, "深化“一支部一品牌”创建，擦亮“党员先锋岗”"),
)


@dataclass(frozen=True)
class TaskTemplate:
    goal: str
    title: str
    unit: str
    targets: tuple[int, ...]  # one is picked per branch
    weight: str
    start: int  # month number in the year
    due: tuple[int, ...]  # one is picked per branch
    note: str  # "{n}" is the month's quantity


COMMON_TASKS = {
    "lecture": TaskTemplate("g_plenum", "书记讲专题党课", "次", (4,), "2", 1, (12,), "讲授专题党课{n}次"),
    "activists": TaskTemplate("g_members", "发展入党积极分子", "人", (2, 2, 3), "1.5", 2, (9, 10), "确定入党积极分子{n}人"),
    "standard": TaskTemplate("g_standard", "党支部标准化规范化建设自查整改", "项", (10, 12, 15), "2", 1, (11, 12),
                             "完成标准化自查整改{n}项"),
    "help": TaskTemplate("g_people", "党员帮扶困难职工", "人", (4, 6, 8), "1.5", 1, (12,), "结对帮扶困难职工{n}人"),
}  # fmt: skip

EXTRA_TASKS = {
    "seminar": TaskTemplate("g_plenum", "开展二十届四中全会精神专题学习研讨", "次", (6, 8), "2", 1, (10, 12),
                            "组织专题学习研讨{n}次"),
    "research": TaskTemplate("g_frontline", "撰写党建调研文章", "篇", (2,), "1", 3, (11, 12), "完成调研文章{n}篇"),
    "warning": TaskTemplate("g_clean", "开展警示教育", "次", (4,), "1", 2, (12,), "组织警示教育{n}次"),
    "risk": TaskTemplate("g_clean", "排查廉洁风险点并制定防控措施", "个", (6, 8), "1", 1, (6, 7), "排查廉洁风险点{n}个"),
    "practical": TaskTemplate("g_people", "办好“我为群众办实事”项目", "个", (3, 4, 5), "2", 2, (12,), "办结实事项目{n}个"),
    "microclass": TaskTemplate("g_study", "开展党员“安全知识微课堂”", "次", (10, 12), "1.5", 1, (12,), "开展微课堂{n}次"),
    "meetings": TaskTemplate("g_life", "开展“主题党日+”特色活动", "次", (6, 8), "1", 1, (11, 12), "开展特色主题党日{n}次"),
}  # fmt: skip

HAZARD = TaskTemplate("g_safety_brand", "开展“党员先锋岗”安全隐患排查", "项", (24, 30, 36), "3", 1, (12,),
                      "完成井下隐患排查{n}项")  # fmt: skip
ANTI_VIOLATION = TaskTemplate("g_oversight", "开展党员安全监督岗“反三违”检查", "次", (20, 24), "2", 1, (12,),
                              "开展反“三违”检查{n}次")  # fmt: skip

SPECIFIC_TASKS: dict[str, tuple[TaskTemplate, ...]] = {
    "longwall": (
        HAZARD,
        TaskTemplate("g_vanguard", "打造综采工作面“党员先锋岗”", "个", (2, 3), "2", 2, (9,), "挂牌党员先锋岗{n}个"),
        TaskTemplate("g_frontline", "党员带头开展采煤工艺技术攻关", "项", (3,), "2.5", 2, (12,), "完成技术攻关{n}项"),
    ),
    "heading": (
        HAZARD,
        TaskTemplate("g_vanguard", "组织党员突击队开展快掘专项攻坚", "次", (6, 8), "2", 1, (12,), "组织突击攻坚{n}次"),
        ANTI_VIOLATION,
    ),
    "electrical": (
        HAZARD,
        TaskTemplate("g_vanguard", "推行党员“设备包机”责任制检修", "项", (30, 36), "2", 1, (12,), "完成包机设备检修{n}项"),
        TaskTemplate("g_frontline", "党员带头开展机电设备技术革新", "项", (2, 3), "2.5", 3, (12,), "完成技术革新{n}项"),
    ),
    "ventilation": (
        TaskTemplate("g_safety_brand", "开展党员瓦斯巡检“零超限”专项行动", "次", (12, 20), "3", 1, (12,),
                     "开展瓦斯专项巡检{n}次"),
        HAZARD,
        ANTI_VIOLATION,
    ),
    "transport": (
        HAZARD,
        TaskTemplate("g_vanguard", "创建“党员安全运输示范岗”", "个", (3,), "2", 2, (8,), "建成示范岗{n}个"),
        ANTI_VIOLATION,
    ),
    "washery": (
        TaskTemplate("g_frontline", "党员攻关提高精煤回收率", "项", (2,), "3", 2, (12,), "完成攻关课题{n}项"),
        TaskTemplate("g_vanguard", "开展“党员示范岗”节能降耗活动", "次", (6,), "2", 1, (12,), "开展节能降耗活动{n}次"),
    ),
    "dispatch": (
        TaskTemplate("g_safety_brand", "组织党员参加应急救援演练", "次", (4,), "2", 1, (12,), "参加应急演练{n}次"),
        TaskTemplate("g_vanguard", "打造“智慧调度”党员责任区", "项", (3,), "2", 2, (11,), "完成信息化改进{n}项"),
    ),
    "safety": (
        TaskTemplate("g_oversight", "开展党员安全监督检查", "次", (40, 48), "3", 1, (12,), "开展安全监督检查{n}次"),
        TaskTemplate("g_safety_brand", "安全警示教育进班组", "次", (12,), "2", 1, (12,), "安全警示教育进班组{n}次"),
    ),
    "logistics": (
        TaskTemplate("g_people", "“暖心后勤”为一线职工办实事", "个", (6,), "2", 1, (12,), "办结暖心实事{n}个"),
        TaskTemplate("g_vanguard", "开展职工食堂满意度提升活动", "次", (4,), "1.5", 2, (12,), "开展满意度提升活动{n}次"),
    ),
    "survey": (
        TaskTemplate("g_safety_brand", "党员带头开展水害隐患排查", "项", (12,), "3", 1, (12,), "完成水害隐患排查{n}项"),
        TaskTemplate("g_frontline", "开展地测防治水党员攻关课题", "项", (2,), "2", 3, (12,), "完成攻关课题{n}项"),
    ),
    "office": (
        TaskTemplate("g_frontline", "机关党员下基层蹲点调研", "次", (10,), "2", 1, (12,), "下基层蹲点调研{n}次"),
        TaskTemplate("g_people", "开展“机关联系区队”服务基层活动", "次", (8,), "2", 2, (12,), "开展服务基层活动{n}次"),
    ),
}  # fmt: skip

# Per branch: which extra tasks complete its list (with the 4 common and its specific ones, ~8 each).
EXTRA_BY_BRANCH = {
    "综采一队党支部": ("seminar",),
    "综采二队党支部": ("seminar", "risk"),
    "掘进一队党支部": ("research", "risk"),
    "掘进二队党支部": ("warning",),
    "机电队党支部": ("seminar",),
    "通风队党支部": ("microclass",),
    "运输队党支部": ("research", "risk"),
    "洗选厂党支部": ("seminar", "risk"),
    "调度中心党支部": ("microclass", "warning"),
    "安全监察部党支部": ("risk", "research"),
    "后勤服务党支部": ("practical", "warning"),
    "地测防治水科党支部": ("seminar", "risk"),
    "机关第一党支部": ("seminar", "research", "risk"),
    "机关第二党支部": ("practical", "warning", "meetings"),
    "机关第三党支部": ("research", "risk", "meetings"),
}

# Expense categories: share of each branch's allocation (same order as DEFAULT_EXPENSE_CATEGORIES).
CATEGORY_SHARES = (0.20, 0.25, 0.12, 0.18, 0.12, 0.10, 0.03)

# Raw amount range in 元 per category, and how the amount is rounded (0.01, 0.5, 10 or 100).
AMOUNT_RANGES = {
    "学习教育": (300, 4000, "0.1"),
    "组织活动": (800, 8000, "0.01"),
    "宣传阵地": (500, 12800, "1"),
    "帮扶慰问": (1000, 6000, "100"),
    "培训": (1000, 9000, "10"),
    "表彰奖励": (1500, 8000, "100"),
    "其他": (150, 2500, "0.01"),
}

# Purposes; "{n}" is filled with a count derived from the amount and the per-unit price.
PURPOSES: dict[str, tuple[tuple[str, int], ...]] = {
    "学习教育": (
        ("购买《习近平谈治国理政》第五卷{n}套", 96),
        ("购买党的二十届四中全会精神学习辅导读本{n}册", 28),
        ("订阅《求是》《党建》杂志{n}份", 180),
        ("购买《中国共产党章程》单行本{n}本", 8),
        ("订阅《中国煤炭报》{n}份", 240),
        ("购买党纪学习教育读本{n}册", 32),
        ("印制“三会一课”学习笔记本{n}本", 15),
    ),
    "组织活动": (
        ("主题党日赴红色教育基地参观学习交通费", 0),
        ("主题党日活动场地布置", 0),
        ("党员大会会务用品", 0),
        ("开展“党员先锋岗”创建活动物资", 0),
        ("党小组活动用品", 0),
        ("主题党日重温入党誓词活动租车费用", 0),
    ),
    "宣传阵地": (
        ("更新党建文化长廊展板{n}块", 450),
        ("制作井口“党员先锋岗”标识牌{n}块", 120),
        ("印制安全生产宣传海报{n}张", 15),
        ("维护党员活动室设施", 0),
        ("制作安全生产宣传横幅{n}条", 90),
        ("更换党务公开栏", 0),
    ),
    "帮扶慰问": (
        ("慰问困难党员{n}人", 500),
        ("走访慰问老党员{n}人", 400),
        ("慰问生病住院职工{n}人", 300),
        ("慰问一线党员职工家属{n}户", 300),
    ),
    "培训": (
        ("党务干部培训班资料费", 0),
        ("入党积极分子培训班教材费", 0),
        ("支部书记轮训住宿费", 0),
        ("邀请党校教师讲党课授课费", 0),
        ("党员安全技能培训教材{n}套", 45),
    ),
    "表彰奖励": (
        ("表彰“安全生产先进党员”奖品{n}份", 300),
        ("表彰“党员先锋岗”荣誉证书及奖品", 0),
        ("季度“党员之星”奖励{n}人", 200),
    ),
    "其他": (
        ("党建台账档案盒购置", 0),
        ("党费收据及办公耗材", 0),
        ("党员活动室饮用水", 0),
    ),
}

# Seasonal purposes that replace the generic ones in some months.
SEASONAL_PURPOSES = {
    ("帮扶慰问", 1): ("春节前走访慰问困难党员{n}人", 500),
    ("帮扶慰问", 2): ("春节走访慰问老党员和困难职工{n}人", 500),
    ("帮扶慰问", 7): ("“七一”走访慰问老党员和生活困难党员{n}人", 500),
    ("帮扶慰问", 8): ("“金秋助学”资助困难党员子女{n}人", 1000),
    ("表彰奖励", 6): ("“七一”表彰优秀共产党员奖品{n}份", 300),
    ("表彰奖励", 7): ("“七一”表彰优秀共产党员和优秀党务工作者{n}人", 300),
    ("组织活动", 7): ("“七一”主题党日重温入党誓词活动", 0),
}

# Category weight by month (1..10), on top of the allocation share: festivals and the 七一 season.
MONTH_CATEGORY_BOOST = {
    1: {"帮扶慰问": 3.0},
    2: {"帮扶慰问": 2.5},
    3: {"培训": 1.8},
    4: {"培训": 1.5, "组织活动": 1.3},
    6: {"表彰奖励": 2.5, "组织活动": 1.4},
    7: {"表彰奖励": 2.0, "组织活动": 1.6, "帮扶慰问": 1.5},
    8: {"帮扶慰问": 1.5},
    9: {"培训": 1.5, "学习教育": 1.3},
}

COMMITTEE_TOPICS = {
    1: "研究部署{year}年党建工作要点和任务清单",
    2: "研究春节期间困难党员职工走访慰问名单",
    3: "研究确定入党积极分子人选",
    4: "研究党支部标准化规范化建设自查整改方案",
    5: "研究“安全生产月”党员先锋岗活动安排",
    6: "研究“七一”评先树优推荐人选",
    7: "分析上半年党建任务完成情况",
    8: "研究发展对象培养考察情况",
    9: "研究第四季度重点工作和党员学习积分情况",
    10: "研究二十届四中全会精神学习研讨安排",
    11: "研究年度党员民主评议和组织生活会准备工作",
    12: "研究年度党建工作总结和述职评议考核安排",
}
GROUP_TOPICS = (
    "学习二十届四中全会精神",
    "学习《煤矿安全规程》修订内容",
    "交流安全生产心得，开展批评与自我批评",
    "学习《中国共产党纪律处分条例》",
    "学习习近平总书记关于安全生产的重要论述",
    "讨论班组安全隐患和整改措施",
    "学习《安全生产法》，落实全员安全生产责任制",
    "学习党章，对照检查党员义务",
    "学习典型事故案例，开展安全警示教育",
    "交流“学习强国”学习体会",
)
THEME_DAY_TOPICS = {
    1: "新年党员承诺践诺活动",
    2: "春节前走访慰问困难党员职工",
    3: "学雷锋志愿服务活动",
    4: "清明祭英烈，传承红色基因",
    5: "“安全生产月”前党员安全隐患排查行动",
    6: "“安全生产月”党员安全承诺签名",
    7: "庆“七一”重温入党誓词",
    8: "“八一”走访慰问退役军人党员",
    9: "“党员先锋岗”安全示范观摩",
    10: "学习贯彻二十届四中全会精神专题研讨",
    11: "“119”消防宣传月党员志愿服务",
    12: "“12·4”国家宪法日学习宪法",
}
CONGRESS_TOPICS = {
    3: "传达学习全国两会精神，通报一季度党建工作",
    6: "讨论发展对象，通报上半年党费收缴情况",
    9: "预备党员转正表决，总结三季度党建工作",
    12: "召开年度组织生活会，开展民主评议党员",
}
LECTURE_TOPICS = {
    3: "书记讲党课：以高质量党建引领煤矿安全生产",
    6: "专题党课：深入学习贯彻党的二十届四中全会精神",
    9: "党课：弘扬伟大建党精神，争当安全生产先锋",
    12: "年终党课：总结全年党建工作，谋划来年安全生产",
}


# Each year's theme of study: the texts above name the 2026 one ("二十届四中全会").
PLENUMS = {2023: "二十大", 2024: "二十届三中全会", 2025: "二十届三中全会", 2026: "二十届四中全会"}
_PLENUM = "二十届四中全会"


def for_year(text: str, year: int) -> str:
    """A text of this catalog (written for 2026) as it reads in ``year``."""
    return (
        text.replace(_PLENUM, PLENUMS.get(year, _PLENUM))
        .replace("2026年", f"{year}年")
        .replace("{year}", str(year))
    )
