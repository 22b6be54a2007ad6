"""The shape and wording of the demo group company: its enterprises (党总支), their units (党支部) and the
texts the mine's catalog lacks (months 11–12, the fourth quarter, other years' themes).

The mine's catalog (``seed/catalog.py``) supplies the posts, task templates, expense texts and most meeting
topics; this module only adds what a group over several years needs.
"""

import random
from dataclasses import dataclass

from seed import catalog

COMMITTEE = "集团公司党委"
LEADER_NAME = "赵振国"
ORG_DEPT_NAME = "孙丽华"
LEADER_POST = "集团公司党委书记"
ORG_DEPT_POST = "集团公司党委组织部部长"


@dataclass(frozen=True)
class Unit:
    """A kind of unit that has its own 党支部; ``name`` holds ``{n}`` where an enterprise has several."""

    name: str
    profile: str  # key into catalog.POSTS and catalog.SPECIFIC_TASKS
    grid: str
    copies: int  # at most this many in one enterprise
    size: float  # relative number of members


@dataclass(frozen=True)
class EnterpriseKind:
    suffix: str  # the enterprise's name is a place name and this
    share: float  # share of the 党总支 that are of this kind
    branches: float  # relative number of 党支部
    units: tuple[Unit, ...]


_MINING, _UNDERGROUND = catalog.GRID_MINING, catalog.GRID_UNDERGROUND
_SURFACE, _OFFICE = catalog.GRID_SURFACE, catalog.GRID_OFFICE

MINE = EnterpriseKind(
    "煤矿",
    0.72,
    1.2,
    (
        Unit("综采{n}队", "longwall", _MINING, 4, 1.6),
        Unit("掘进{n}队", "heading", _MINING, 6, 1.4),
        Unit("机电{n}队", "electrical", _UNDERGROUND, 2, 1.2),
        Unit("通风队", "ventilation", _UNDERGROUND, 1, 1.1),
        Unit("运输{n}队", "transport", _UNDERGROUND, 2, 1.1),
        Unit("机关第{n}", "office", _OFFICE, 3, 0.8),
        Unit("调度中心", "dispatch", _SURFACE, 1, 0.7),
        Unit("安全监察部", "safety", _UNDERGROUND, 1, 0.8),
        Unit("地测防治水科", "survey", _UNDERGROUND, 1, 0.6),
        Unit("后勤服务中心", "logistics", _SURFACE, 1, 0.9),
        Unit("洗选厂", "washery", _SURFACE, 1, 1.0),
        Unit("开拓{n}队", "heading", _MINING, 2, 1.3),
        Unit("准备{n}队", "longwall", _MINING, 2, 1.2),
        Unit("抽采队", "ventilation", _UNDERGROUND, 1, 1.0),
        Unit("供电队", "electrical", _UNDERGROUND, 1, 0.9),
        Unit("巷修队", "heading", _UNDERGROUND, 1, 1.0),
    ),
)
KINDS = (
    MINE,
    EnterpriseKind(
        "选煤厂",
        0.10,
        0.5,
        (
            Unit("分选车间", "washery", _SURFACE, 1, 1.2),
            Unit("浮选车间", "washery", _SURFACE, 1, 1.0),
            Unit("机电车间", "electrical", _SURFACE, 1, 1.0),
            Unit("装车站", "transport", _SURFACE, 1, 0.9),
            Unit("调度室", "dispatch", _SURFACE, 1, 0.6),
            Unit("质量检验站", "washery", _SURFACE, 1, 0.7),
            Unit("机关第{n}", "office", _OFFICE, 2, 0.8),
            Unit("后勤服务站", "logistics", _SURFACE, 1, 0.7),
        ),
    ),
    EnterpriseKind(
        "机电装备公司",
        0.05,
        0.6,
        (
            Unit("综机修理车间", "electrical", _SURFACE, 1, 1.2),
            Unit("电机修理车间", "electrical", _SURFACE, 1, 1.0),
            Unit("液压支架车间", "electrical", _SURFACE, 1, 1.1),
            Unit("铸锻车间", "electrical", _SURFACE, 1, 0.9),
            Unit("机关第{n}", "office", _OFFICE, 2, 0.8),
            Unit("营销服务部", "logistics", _SURFACE, 1, 0.7),
        ),
    ),
    EnterpriseKind(
        "铁路运输公司",
        0.03,
        0.6,
        (
            Unit("机务段", "transport", _SURFACE, 1, 1.2),
            Unit("车务段", "transport", _SURFACE, 1, 1.1),
            Unit("工务段", "transport", _SURFACE, 1, 1.0),
            Unit("电务段", "electrical", _SURFACE, 1, 0.8),
            Unit("调度所", "dispatch", _SURFACE, 1, 0.6),
            Unit("机关第{n}", "office", _OFFICE, 2, 0.8),
        ),
    ),
    EnterpriseKind(
        "物资供应公司",
        0.03,
        0.4,
        (
            Unit("仓储中心", "logistics", _SURFACE, 1, 1.0),
            Unit("配送中心", "transport", _SURFACE, 1, 1.0),
            Unit("采购部", "office", _OFFICE, 1, 0.7),
            Unit("机关第{n}", "office", _OFFICE, 2, 0.8),
        ),
    ),
    EnterpriseKind(
        "建设工程公司",
        0.04,
        0.5,
        (
            Unit("第{n}工程处", "heading", _UNDERGROUND, 4, 1.3),
            Unit("机电安装处", "electrical", _UNDERGROUND, 1, 1.0),
            Unit("机关第{n}", "office", _OFFICE, 2, 0.8),
        ),
    ),
    EnterpriseKind(
        "煤矸石电厂",
        0.03,
        0.4,
        (
            Unit("运行部", "electrical", _SURFACE, 1, 1.2),
            Unit("检修部", "electrical", _SURFACE, 1, 1.0),
            Unit("燃料部", "transport", _SURFACE, 1, 0.8),
            Unit("机关第{n}", "office", _OFFICE, 2, 0.8),
        ),
    ),
)

# The group's own offices: the first 党总支, its 党支部 named after departments.
OFFICES = EnterpriseKind(
    "",
    0.0,
    0.5,
    (
        Unit("党委办公室", "office", _OFFICE, 1, 1.0),
        Unit("党委组织部", "office", _OFFICE, 1, 0.8),
        Unit("党委宣传部", "office", _OFFICE, 1, 0.8),
        Unit("纪委办公室", "office", _OFFICE, 1, 0.7),
        Unit("安全监察局", "safety", _OFFICE, 1, 1.0),
        Unit("生产技术部", "office", _OFFICE, 1, 1.0),
        Unit("财务部", "office", _OFFICE, 1, 0.8),
        Unit("人力资源部", "office", _OFFICE, 1, 0.8),
        Unit("企业管理部", "office", _OFFICE, 1, 0.7),
        Unit("规划发展部", "office", _OFFICE, 1, 0.7),
        Unit("调度指挥中心", "dispatch", _OFFICE, 1, 0.9),
        Unit("工会", "office", _OFFICE, 1, 0.6),
    ),
)
OFFICES_GENERAL = "集团公司机关党总支"
OFFICES_PREFIX = "集团公司"
OVERFLOW_UNIT = "第{n}联合"  # more 党支部 than an enterprise's units: 联合党支部

_PLACE_FIRST = "东西南北青白金石红柳杨马王赵孙李张刘陈高黄清沙盘凤卧龙泉梁葛新古长大永太兴宝银铁玉桃杏梨松柏槐榆枣花平万朱潘顾丁许钱九车鲍唐"
_PLACE_SECOND = "山岭屯庄村沟河湾泉峪坪口集桥店营楼塔坡台寨堡"


def place_names(rng: random.Random, count: int) -> list[str]:
    """``count`` different two-character place names."""
    pairs = [first + second for first in _PLACE_FIRST for second in _PLACE_SECOND if first != second]
    if count > len(pairs):
        raise ValueError(f"at most {len(pairs)} enterprises")
    return rng.sample(pairs, count)


_DIGITS = "零一二三四五六七八九"


def numeral(n: int) -> str:
    """1–99 in Chinese numerals (一, 十, 十一, 二十三); larger numbers in digits."""
    if n >= 100:
        return str(n)
    tens, ones = divmod(n, 10)
    if not tens:
        return _DIGITS[ones]
    return ("" if tens == 1 else _DIGITS[tens]) + "十" + (_DIGITS[ones] if ones else "")


for_year = catalog.for_year
# Quarterly meetings, by quarter (1–4): the mine's topics of March, June, September and December.
CONGRESS_TOPICS = {month // 3: topic for month, topic in catalog.CONGRESS_TOPICS.items()}
LECTURE_TOPICS = {month // 3: topic for month, topic in catalog.LECTURE_TOPICS.items()}
RETURN_COMMENTS = (
    catalog.RETURN_COMMENT,
    "经费支出缺少凭证号，请补充后重新提交",
    "三会一课参会人数与签到表不符，请核实",
    "任务进展说明过于简单，请补充具体完成情况",
)
