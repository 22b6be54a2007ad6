"""The demo mine's 金点子: about four ideas a month from January through the last month, carried along
提出 → 评审 → 采纳 → 实施 → 见效 over the following months; 党支部 that keep up their study (the seed's
``study_diligence``) adopt more of theirs, the others leave more 未采纳 or waiting for review."""

import random
from datetime import date
from decimal import Decimal

from sqlmodel import Session

from data_layer import months
from data_layer.models import Idea
from data_layer.vocab import IdeaStatus

SEED = 20261207
PER_MONTH = 4
TITLES = (
    "综采工作面液压支架快速移架法",
    "采煤机截齿回收再利用",
    "刮板输送机链条张紧改进",
    "工作面端头支护优化",
    "综采面顶板来压预警看板",
    "掘进机截割头内喷雾改造",
    "掘进工作面临时支护快速安装",
    "锚杆钻车钻杆防卡措施",
    "巷道成型激光指向改进",
    "皮带机托辊更换专用工具",
    "带式输送机智能调速节电",
    "主通风机变频节能运行",
    "井下照明分区控制节电",
    "空压机余热回收用于洗浴",
    "水泵房峰谷用电调度",
    "矿井水复用于井下降尘",
    "废旧油脂回收再利用",
    "支架乳化液配比自动监测",
    "电缆挂钩标准化改进",
    "机电设备点检二维码",
    "变电所巡检记录电子化",
    "防爆开关维修工装",
    "井下监控分站防潮措施",
    "瓦斯抽采管路放水器改进",
    "局部通风机双风机自动切换",
    "运输大巷轨道道岔防脱改进",
    "无极绳绞车防跑车装置",
    "选煤厂浮选药剂节约",
    "重介旋流器耐磨衬里改进",
    "煤泥水处理加药量优化",
    "班前会安全确认卡",
    "手指口述安全确认法推广",
    "新工人师带徒积分制",
    "班组安全积分超市",
    "班组建设“一班一品”",
    "岗位描述标准化卡片",
    "机关公文流转精简办法",
    "办公用品集中采购节约",
    "食堂节粮减损措施",
    "职工通勤班车线路优化",
    "井口等候区防寒改造",
    "矿灯房充电架改进",
    "安全帽定位卡一体化",
    "调度通报一张图",
    "隐患排查闭环销号看板",
    "党员先锋岗积分考核",
    "党员责任区挂牌公示",
    "“党建+安全”主题活动方案",
)
BENEFIT_NOTES = (
    "节约材料费用",
    "降低电耗",
    "减少设备停机时间",
    "提高单班进尺",
    "减少配件消耗",
    "隐患整改及时率提高",
)


def _day(rng: random.Random, month: str, today: date) -> date:
    last = months.last_day(month)
    return min(date(last.year, last.month, rng.randint(1, last.day)), today)


def seed_ideas(*, session: Session, year: int, last_month: str, today: date, branches: list) -> int:
    """The ideas of the demo's year through ``last_month``; returns how many were written.

    ``branches``: the seed's branches (``.org``, ``.spec.study_diligence``, ``.people``, ``.secretary_user``).
    """
    rng = random.Random(SEED)
    weights = [len(branch.people) for branch in branches]
    titles = list(TITLES)
    rng.shuffle(titles)
    rows: list[Idea] = []
    for month in months.span(months.make(year, 1), last_month):
        for _ in range(PER_MONTH):
            if not titles:
                break
            branch = rng.choices(branches, weights=weights)[0]
            people = [person for person in branch.people if person.present_in(month) and person.stays]
            if not people:
                continue
            proposed_on = _day(rng, month, today)
            status, status_month, adopted = _history(rng, branch.spec.study_diligence, month, last_month)
            effective = status == IdeaStatus.EFFECTIVE
            amount = Decimal(rng.randrange(20, 600) * 100) if effective and rng.random() < 0.75 else None
            rows.append(
                Idea(
                    title=titles.pop(),
                    branch_id=branch.org.id,
                    proposer_member_id=rng.choice(people).row.id,
                    proposed_on=proposed_on,
                    month=month,
                    status=status,
                    status_month=status_month,
                    adopted_month=adopted,
                    benefit_amount=amount,
                    benefit_text=rng.choice(BENEFIT_NOTES) if effective else None,
                    entered_by_id=branch.secretary_user.id if branch.secretary_user else None,
                )
            )
    session.add_all(rows)
    session.flush()
    return len(rows)


def _history(
    rng: random.Random, diligence: float, month: str, last_month: str
) -> tuple[str, str, str | None]:
    """(status, its month, adopted month) of an idea proposed in ``month``, as far as ``last_month``: each
    step takes one or two months; a diligent 党支部 reviews sooner and adopts more."""
    status, at, adopted = IdeaStatus.PROPOSED, month, None
    steps = [IdeaStatus.REVIEWING, IdeaStatus.ADOPTED, IdeaStatus.IMPLEMENTING, IdeaStatus.EFFECTIVE]
    for step in steps:
        wait = 1 if rng.random() < diligence else rng.randint(2, 3)
        if step == IdeaStatus.ADOPTED and rng.random() > diligence + 0.1:
            step = IdeaStatus.REJECTED
        if step == IdeaStatus.EFFECTIVE:
            wait += 1
        when = months.shift(at, wait)
        if when > last_month:
            break
        status, at = step, when
        if step == IdeaStatus.ADOPTED:
            adopted = when
        if step == IdeaStatus.REJECTED:
            break
    return status, at, adopted
