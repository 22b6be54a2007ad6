"""The hand-made organisation's 党建+安全生产 rows, added after its lean mechanisms (tests/handmade.py).

Units: 综采一队党支部 → 综采一队 (采煤), 掘进一队党支部 → 掘进一队 (掘进), 机关党支部 → 机关科室 (机关); the
inactive 已撤销党支部 → 已撤销队, whose rows (a 9-三违 month, a 0.5 production month) never count.
Members counted at 2026-02 and 2026-03: 综采一队 2 (张三, 李四; 王五 is 停用, 赵六 joins in April), 掘进一队 2
(欧阳明, 孙七), 机关 1 (周八).

生产计划完成率 (2026 indicators; the mean of actual ÷ plan over a unit's indicators with a plan above 0):
  综采一队 March: 原煤产量 105,000 of 100,000 t = 1.05, 工作面推进 144 of 150 m = 0.96 → 1.005;
    February: 98,000 of 100,000 = 0.98, 150 of 150 = 1.0 → 0.99. Its 停用 indicator 旧指标 (March 50 of
    100) never counts.
  掘进一队 March: 掘进进尺 270 of 300 m = 0.9; 设备检修 plan 0 (actual 2) has no rate → 0.9; February
    306 of 300 = 1.02. 机关 has no indicators: none.
  Scope: March (1.005 + 0.9) ÷ 2 = 0.9525; February (0.99 + 1.02) ÷ 2 = 1.005 → 环比 −0.0525.
Safety months (在册职工 − party members = the others):
  March  综采一队 workforce 12 (others 10): 隐患 10 found, 9 closed, 4 by members; 三违 members 0, others 2
           → 0‰ and 200‰; 安全状况 三违.
         掘进一队 workforce 22 (others 20): 6 found, 6 closed, 1 by members; 三违 1 and 1 → 500‰ and 50‰;
           one non-injury accident → 事故.
         机关 workforce 6 (others 5): nothing found, no 三违 → 无事故无三违.
         Scope: members' 三违 1 of 5 members = 200‰; others' 3 of 35 = 85.714‰; 隐患 by members 5 of 16 =
           31.25 %; closed 15 of 16 = 93.75 %; accidents: 0 injury, 1 other.
  February 综采一队 workforce 12: 8 found, 8 closed, 2 by members, others' 三违 1; 掘进一队 workforce 22: 4
           found, 3 closed, 2 by members, others' 三违 2; 机关 has no record.
         Scope: members' 0 of 4 = 0‰ (环比 at March +200‰); others' 3 of 30 = 100‰ (环比 −14.286‰); by members
           4 of 12 = 33.33 %; closed 11 of 12.
党员先锋岗 / 党员责任区:
  综采一队 先锋岗 综采工作面先锋岗 (张三, from 2026-01): Feb ✓✓, Mar ✓✓; 先锋岗 检修班先锋岗 (李四, from
    2026-02): Feb ✓✓, Mar 三违 ✗; 责任区 运输巷责任区 (张三, from 2026-01): Feb ✓✓, Mar ✓✓.
  掘进一队 责任区 掘进头责任区 (欧阳明, from 2026-01): Mar 三违 ✗ 事故 ✗ (no February check); 先锋岗 支护先锋岗
    (孙七, 2026-01 to 2026-02): Feb ✓✓, not held in March.
  机关 先锋岗 安全宣讲岗 (周八, from 2026-03): no check in March (not counted).
  March: 先锋岗 checked 2, free of 三违 1 → 50 %; 责任区 checked 2, free of 事故 1 → 50 %.
  February: 先锋岗 3 of 3 → 100 %; 责任区 1 of 1 → 100 % (环比 at March −50 points each).
Quadrants at March (对标 scores of tests/handmade_lean.py add_stars: 77.0, 48.0, 46.32; 党建强 from 80):
  综采一队 77.0 with 1.005 → 党建弱·生产强; 掘进一队 48.0 with 0.9 → 党建弱·生产弱; 机关 no production: none.
Trend, March: 三违 of all per thousand 在册职工 — 综采一队 2 of 12 = 166.667‰, 掘进一队 2 of 22 = 90.909‰,
  机关 0 of 6 = 0‰ — against scores 77, 48, 46.3158 over 3 党支部: Pearson r = 0.864 (means 57.105 and
  85.859; Σ dx·dy 2,488.0, Σ dx² 595.12, Σ dy² 13,927.2). Production has 2 党支部 with both: no r.
  February: 2 党支部 with records (机关 has none): no r either way.
"""

from decimal import Decimal

from sqlmodel import Session, select

from data_layer.models import (
    Member,
    Organisation,
    PioneerCheck,
    PioneerPost,
    ProductionFigure,
    ProductionIndicator,
    SafetyRecord,
    id_of,
)
from data_layer.vocab import PioneerKind, UnitKind

A, B, C, CLOSED = "综采一队党支部", "掘进一队党支部", "机关党支部", "已撤销党支部"
FEB, MAR = "2026-02", "2026-03"


def add_safety(session: Session) -> None:
    branches = {row.name: row for row in session.exec(select(Organisation)).all()}
    members = {row.name: row for row in session.exec(select(Member)).all()}
    for name, unit, kind in (
        (A, "综采一队", UnitKind.COAL_MINING),
        (B, "掘进一队", UnitKind.TUNNELLING),
        (C, "机关科室", UnitKind.OFFICE),
        (CLOSED, "已撤销队", UnitKind.COAL_MINING),
    ):
        branches[name].unit, branches[name].unit_kind = unit, kind

    def indicator(branch: str, name: str, measure: str, order: int, figures: dict, active: bool = True):
        row = ProductionIndicator(
            year=2026,
            branch_id=id_of(branches[branch]),
            name=name,
            measure=measure,
            sort_order=order,
            active=active,
        )
        session.add(row)
        session.flush()
        for month, (plan, actual) in figures.items():
            session.add(
                ProductionFigure(
                    indicator_id=id_of(row), month=month, plan=Decimal(plan), actual=Decimal(actual)
                )
            )

    indicator(A, "原煤产量", "t", 1, {FEB: (100000, 98000), MAR: (100000, 105000)})
    indicator(A, "工作面推进", "m", 2, {FEB: (150, 150), MAR: (150, 144)})
    indicator(A, "旧指标", "t", 3, {MAR: (100, 50)}, active=False)
    indicator(B, "掘进进尺", "m", 1, {FEB: (300, 306), MAR: (300, 270)})
    indicator(B, "设备检修", "台", 2, {MAR: (0, 2)})
    indicator(CLOSED, "原煤产量", "t", 1, {MAR: (100, 50)})

    def record(branch: str, month: str, workforce: int, found, closed, by_members, members, others, **more):
        session.add(
            SafetyRecord(
                branch_id=id_of(branches[branch]),
                month=month,
                workforce=workforce,
                hazards_found=found,
                hazards_closed=closed,
                hazards_by_members=by_members,
                violations_members=members,
                violations_others=others,
                **more,
            )
        )

    record(A, MAR, 12, 10, 9, 4, 0, 2, safe_days=400)
    record(B, MAR, 22, 6, 6, 1, 1, 1, other_accidents=1, safe_days=120)
    record(C, MAR, 6, 0, 0, 0, 0, 0, safe_days=800)
    record(CLOSED, MAR, 30, 3, 3, 0, 9, 0)
    record(A, FEB, 12, 8, 8, 2, 0, 1, safe_days=372)
    record(B, FEB, 22, 4, 3, 2, 0, 2, safe_days=92)

    def post(
        branch: str, kind: str, name: str, holder: str, start: str, checks: dict, end: str | None = None
    ):
        row = PioneerPost(
            branch_id=id_of(branches[branch]),
            kind=kind,
            name=name,
            member_id=id_of(members[holder]),
            started_month=start,
            ended_month=end,
        )
        session.add(row)
        session.flush()
        for month, (violation_free, accident_free) in checks.items():
            session.add(
                PioneerCheck(
                    post_id=id_of(row),
                    month=month,
                    violation_free=violation_free,
                    accident_free=accident_free,
                )
            )

    post(A, PioneerKind.POST, "综采工作面先锋岗", "张三", "2026-01", {FEB: (True, True), MAR: (True, True)})
    post(A, PioneerKind.POST, "检修班先锋岗", "李四", "2026-02", {FEB: (True, True), MAR: (False, True)})
    post(A, PioneerKind.ZONE, "运输巷责任区", "张三", "2026-01", {FEB: (True, True), MAR: (True, True)})
    post(B, PioneerKind.ZONE, "掘进头责任区", "欧阳明", "2026-01", {MAR: (False, False)})
    post(B, PioneerKind.POST, "支护先锋岗", "孙七", "2026-01", {FEB: (True, True)}, end=FEB)
    post(C, PioneerKind.POST, "安全宣讲岗", "周八", "2026-03", {})
    session.flush()


def remove_safety(session: Session) -> None:
    """The hand-made organisation without its 党建+安全生产 rows or units (for tests of the writers, which
    set up what they write themselves); the caller commits."""
    for model in (PioneerCheck, PioneerPost, ProductionFigure, ProductionIndicator, SafetyRecord):
        for row in session.exec(select(model)).all():
            session.delete(row)
        session.flush()
    for branch in session.exec(select(Organisation)).all():
        branch.unit = branch.unit_kind = None
    session.flush()
