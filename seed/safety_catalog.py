"""The shape and wording of 党建+安全生产 in the demos: what kind of business unit each post profile is, the
production indicators of each kind with their usual monthly plans, the safety figures of each kind, and
the names of 党员先锋岗 and 党员责任区.

The mine's and the group's units share their profiles (``catalog.POSTS``), so one table serves both.
"""

from dataclasses import dataclass

from data_layer.vocab import PioneerKind, UnitKind

# catalog.POSTS profile → the kind of unit a 党支部 of that profile is attached to
KIND_BY_PROFILE = {
    "longwall": UnitKind.COAL_MINING,
    "heading": UnitKind.TUNNELLING,
    "electrical": UnitKind.MECHANICAL,
    "ventilation": UnitKind.VENTILATION,
    "transport": UnitKind.TRANSPORT,
    "washery": UnitKind.WASHING,
    "dispatch": UnitKind.DISPATCH,
    "safety": UnitKind.OFFICE,
    "survey": UnitKind.OFFICE,
    "logistics": UnitKind.OFFICE,
    "office": UnitKind.OFFICE,
}

# The mine's units as its 调度 and 安监 workbooks write them, where not the 党支部's name less 党支部.
MINE_UNITS = {
    "后勤服务党支部": "后勤服务中心",
    "机关第一党支部": "党群工作部",
    "机关第二党支部": "生产技术部",
    "机关第三党支部": "经营管理部",
}


def mine_unit(branch_name: str) -> str:
    """The business unit of a demo mine's 党支部: 综采一队党支部 → 综采一队."""
    return MINE_UNITS.get(branch_name, branch_name.removesuffix("党支部"))


@dataclass(frozen=True)
class Indicator:
    """A production indicator: its monthly plan lies between ``low`` and ``high`` (drawn once per unit),
    rounded to ``step``; a rate (%) has the same plan every month and never exceeds 100."""

    name: str
    measure: str
    low: float
    high: float
    step: float

    @property
    def rate(self) -> bool:
        return self.measure == "%"


INDICATORS: dict[UnitKind, tuple[Indicator, ...]] = {
    UnitKind.COAL_MINING: (
        Indicator("原煤产量", "t", 90_000, 140_000, 100),
        Indicator("工作面推进度", "m", 150, 220, 1),
    ),
    UnitKind.TUNNELLING: (Indicator("掘进进尺", "m", 280, 420, 1),),
    UnitKind.MECHANICAL: (Indicator("设备完好率", "%", 95, 95, 0.1),),
    UnitKind.VENTILATION: (Indicator("测风合格率", "%", 98, 98, 0.1),),
    UnitKind.TRANSPORT: (Indicator("运输量", "t", 200_000, 260_000, 100),),
    UnitKind.WASHING: (Indicator("洗选量", "t", 180_000, 240_000, 100),),
}  # 调度 and 机关: none
# A month's plan against the usual (the Spring Festival in February, the year's turn).
PLAN_SEASON = {1: 0.95, 2: 0.84, 12: 0.96}
ON_PLAN = (0.96, 1.05)  # completion of a usual month
BEHIND = (0.84, 0.93)  # completion of a month behind plan


@dataclass(frozen=True)
class SafetyProfile:
    """A kind of unit's safety month: 隐患 found in a usual month, the party members' share of the
    workforce (drawn once per unit) and 三违 per head and month of the workers who are not members."""

    hazards: int
    member_share: tuple[float, float]
    violation_rate: float

    @property
    def front_line(self) -> bool:
        return self.violation_rate >= 0.002


SAFETY: dict[UnitKind, SafetyProfile] = {
    UnitKind.COAL_MINING: SafetyProfile(26, (0.22, 0.30), 0.005),
    UnitKind.TUNNELLING: SafetyProfile(22, (0.22, 0.30), 0.005),
    UnitKind.MECHANICAL: SafetyProfile(16, (0.25, 0.33), 0.003),
    UnitKind.VENTILATION: SafetyProfile(14, (0.25, 0.33), 0.003),
    UnitKind.TRANSPORT: SafetyProfile(14, (0.22, 0.30), 0.004),
    UnitKind.WASHING: SafetyProfile(9, (0.20, 0.28), 0.002),
    UnitKind.DISPATCH: SafetyProfile(4, (0.45, 0.60), 0.0003),
    UnitKind.OFFICE: SafetyProfile(3, (0.50, 0.70), 0.0003),
}

# 党员先锋岗 and 党员责任区 per kind of unit, in the order a 党支部 takes them (the first of each kind first).
_POST, _ZONE = PioneerKind.POST, PioneerKind.ZONE
PIONEERS: dict[UnitKind, tuple[tuple[PioneerKind, str], ...]] = {
    UnitKind.COAL_MINING: (
        (_POST, "采煤机司机党员先锋岗"),
        (_ZONE, "综采工作面党员责任区"),
        (_POST, "液压支架维护党员先锋岗"),
        (_ZONE, "工作面上隅角党员责任区"),
    ),
    UnitKind.TUNNELLING: (
        (_POST, "掘进机司机党员先锋岗"),
        (_ZONE, "掘进工作面党员责任区"),
        (_POST, "锚杆支护党员先锋岗"),
        (_ZONE, "迎头临时支护党员责任区"),
    ),
    UnitKind.MECHANICAL: (
        (_POST, "机电设备检修党员先锋岗"),
        (_ZONE, "中央变电所党员责任区"),
        (_POST, "主提升机党员先锋岗"),
        (_ZONE, "主排水泵房党员责任区"),
    ),
    UnitKind.VENTILATION: (
        (_POST, "瓦斯检查党员先锋岗"),
        (_ZONE, "回风大巷党员责任区"),
        (_POST, "瓦斯抽采党员先锋岗"),
        (_ZONE, "局部通风机党员责任区"),
    ),
    UnitKind.TRANSPORT: (
        (_POST, "电机车司机党员先锋岗"),
        (_ZONE, "运输大巷党员责任区"),
        (_POST, "无轨胶轮车党员先锋岗"),
        (_ZONE, "井底车场党员责任区"),
    ),
    UnitKind.WASHING: (
        (_POST, "重介分选党员先锋岗"),
        (_ZONE, "主厂房党员责任区"),
        (_POST, "压滤车间党员先锋岗"),
        (_ZONE, "装车站党员责任区"),
    ),
    UnitKind.DISPATCH: (
        (_POST, "安全监控值守党员先锋岗"),
        (_ZONE, "调度指挥大厅党员责任区"),
        (_POST, "应急值班党员先锋岗"),
    ),
    UnitKind.OFFICE: (
        (_POST, "下井跟班党员先锋岗"),
        (_ZONE, "包保区队党员责任区"),
        (_POST, "服务一线党员先锋岗"),
        (_ZONE, "办公区域党员责任区"),
    ),
}
VIOLATION_NOTES = (
    "党员违章作业，已停岗帮教",
    "岗位党员未执行手指口述确认，已通报帮教",
    "党员未按规定佩戴自救器，已批评教育",
    "党员班前会后擅自进入警戒区，已帮教",
)
ACCIDENT_NOTE = "责任区内发生一起非伤人事故（{what}），已分析整改"
INJURY_NOTE = "责任区内发生一起伤人事故，已停工整顿"
# Non-injury accidents a unit of each kind might have.
ACCIDENTS: dict[UnitKind, tuple[str, ...]] = {
    UnitKind.COAL_MINING: ("支架液压管爆裂", "刮板输送机断链", "局部冒顶"),
    UnitKind.TUNNELLING: ("迎头局部冒顶", "掘进机电缆损坏", "皮带机撕带"),
    UnitKind.MECHANICAL: ("电缆损坏停电", "水泵电机烧毁", "变电所跳闸停电"),
    UnitKind.VENTILATION: ("局部通风机停风", "风门损坏", "抽采管路破损"),
    UnitKind.TRANSPORT: ("矿车掉道", "绞车钢丝绳断丝", "胶轮车刮蹭巷帮"),
    UnitKind.WASHING: ("皮带机撕带", "压滤机滤板破裂", "溜槽堵塞停机"),
    UnitKind.DISPATCH: ("监控系统通讯中断",),
    UnitKind.OFFICE: ("车辆刮蹭",),
}
