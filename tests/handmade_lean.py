"""The hand-made organisation's lean mechanisms (对标, 金点子, 帮扶结对, 党费), added after its monthly figures.

Each function adds one mechanism's rows to the organisation ``tests/handmade.py`` builds, looking its
党支部 and members up by name; its docstring works out by hand the figures the tests expect.
"""

from decimal import Decimal

from sqlmodel import Session, select

from data_layer.models import BenchmarkIndicator, ManualScore, Organisation


def add_stars(session: Session) -> None:
    """对标: the 2026 scheme (100 points), a disabled indicator, and 人工评分.

    Indicators: 任务完成 (任务完成率, 线性 to 100 %, 30 分), 学习达标 (学习达标率, 线性 to 80 %, 20 分), 三会一课
    (三会一课完成率, 阈值 90 % / 及格 60 %, 20 分), 经费执行 (1 − |执行率 − 时间进度|, 线性 to 100 %, 10 分), 按时报送
    (按时报送率, 线性 to 100 %, 10 分), 超期任务 (扣分 2.5 a task from 5 分), 党建品牌 (人工评分, 5 分). The disabled
    停用指标 (50 分) never counts. 人工评分 of 党建品牌: 综采一队 4 (2026-02), 5 (2026-03) and 1 (2026-04, after M);
    掘进一队 3 (2026-01); 机关 none, so its score is out of 95.

    At M = 2026-03 (today 2026-04-06: every deadline through March's, 04-05, has passed; the first month
    anyone reported in 2026 is February, so January is not counted for 按时报送):
      综采一队 task 2.6/3 → 26.0; study 1 of 2 = 50 % → 20 × 50/80 = 12.5; meetings quarter 9/11 = 81.8 %
        (≥ 60, < 90) → 10; budget 40 % vs 25 % → 0.85 → 8.5; on time Feb ✓ Mar ✓ → 10; overdue 0 → 5;
        brand 5 (March's) → 77.0 → 三星 (70–80).
      掘进一队 task 0.1 → 3.0; study 1 of 2 → 12.5; meetings 5/8 = 62.5 % → 10; budget 20 % → 0.95 → 9.5;
        Feb 已退回 (late), Mar 已提交 → 1/2 → 5; overdue 0 → 5; brand 3 → 48.0 → 一星.
      机关 task 0.5 → 15.0; study 1 of 1 → 20 (capped); meetings 2/8 = 25 % → 0; budget 60 % → 0.65 → 6.5;
        Feb none, Mar 草稿 → 0/2 → 0; C1 overdue → 5 − 2.5 = 2.5; brand not scored → 44.0 of 95 = 46.32 → 一星.
      Ranking 综采一队 1, 掘进一队 2, 机关 3; most points lost: 三会一课 (10), 任务完成 (27), 三会一课 (20).
      Average (77 + 48 + 46.3158) ÷ 3 = 57.11.
    At 2026-02 (for 环比): task 0.5 / 0.05 / 0.5 → 15 / 1.5 / 15; study 100 % / 50 % / 100 % → 20 / 12.5 / 20;
      meetings 6/7, 3/4, 0/4 → 10 / 10 / 0; budget (time 1/6) 1,500.50 of 10,000 → 9.8338, 1,000 of 5,000 →
      9.6667, 0 of 5,000 → 8.3333; on time (February only) 1/1, 0/1, 0/1 → 10 / 0 / 0; no task overdue yet
      → 5 each; brand 4 / 3 / — → 73.8338, 41.6667, 48.3333 of 95 = 50.8772; average 55.46 (环比 +1.65).
    No 2025 scheme: the 年度 rating at M (2025年度) has none, and the quarter before 2026Q1 has no score.
    """
    branches = _by_name(session, Organisation)
    rows = [
        ("任务完成", "任务完成率", "线性", 30, "1", None, None),
        ("学习达标", "学习达标率", "线性", 20, "0.8", None, None),
        ("三会一课", "三会一课完成率", "阈值", 20, "0.9", "0.6", None),
        ("经费执行", "经费执行", "线性", 10, "1", None, None),
        ("按时报送", "按时报送率", "线性", 10, "1", None, None),
        ("超期任务", "超期任务数", "扣分", 5, None, None, "2.5"),
        ("党建品牌", "人工评分", "直接评分", 5, None, None, None),
        ("停用指标", "任务完成率", "线性", 50, "1", None, None),
    ]
    found = {}
    for order, (name, source, rule, weight, target, floor, deduction) in enumerate(rows, 1):
        found[name] = BenchmarkIndicator(
            year=2026,
            name=name,
            source=source,
            rule=rule,
            weight=Decimal(weight),
            target=Decimal(target) if target else None,
            floor=Decimal(floor) if floor else None,
            deduction=Decimal(deduction) if deduction else None,
            sort_order=order,
            active=name != "停用指标",
        )
    session.add_all(found.values())
    session.flush()
    for branch, month, points in [
        ("综采一队党支部", "2026-02", "4"),
        ("综采一队党支部", "2026-03", "5"),
        ("综采一队党支部", "2026-04", "1"),
        ("掘进一队党支部", "2026-01", "3"),
    ]:
        session.add(
            ManualScore(
                indicator_id=found["党建品牌"].id,
                branch_id=branches[branch].id,
                month=month,
                points=Decimal(points),
                note="品牌创建" if month == "2026-03" else None,
            )
        )
    session.flush()


def _by_name(session: Session, model) -> dict:
    return {row.name: row for row in session.exec(select(model)).all()}


# --- 金点子 and 帮扶结对 ---


def add_ideas(session: Session) -> None:
    """金点子 (rows as ``ideas.save_idea`` / ``advance_idea`` leave them; no submission is touched).

      #  党支部    title              proposer  proposed    status  status_month  adopted  benefit
      1  综采一队  液压支架快速移架法  张三 T001  2026-01-12  见效    2026-03       2026-02  12,000.00
      2  综采一队  截齿回收再利用      李四 T002  2026-02-20  采纳    2026-04       2026-04  —
      3  综采一队  班前安全确认卡      张三 T001  2026-03-05  评审    2026-03       —        —
      4  掘进一队  截割头喷雾改进      欧阳明 T005 2026-01-08 实施    2026-03       2026-02  —
      5  掘进一队  托辊更换专用工具    孙七 T006  2026-03-10  未采纳  2026-03       —        —
      6  机关      办公区照明分区控制  周八 T007  2026-02-03  见效    2026-04       2026-02  3,000.00
      7  综采一队  旧年点子            李四 T002  2025-11-15  见效    2026-01       2025-12  5,000.00
      8  已撤销    撤销支部的点子      周八 T007  2026-02-01  采纳    2026-02       2026-02  —

    At M = 2026-03 (proposed 2026-01..03; #7 is of 2025, #8 of an inactive 党支部: never counted):
      综采一队 proposed #1 #2 #3 = 3; adopted by M: #1 only (#2 adopted in April) = 1 → 33.3 %;
        effective #1 (见效 in March) = 1, benefit 12,000.00.
      掘进一队 proposed #4 #5 = 2; adopted #4 = 1 → 50.0 %; effective 0.
      机关 proposed #6 = 1; adopted 1 → 100.0 %; effective 0 (见效 only in April), benefit 0.
      党委: proposed 6, adopted 3 → 50.0 %, effective 1, benefit 12,000.00.
    At 2026-02 (proposed 2026-01..02): #1 #2 #4 #6 = 4; adopted by February #1 #4 #6 = 3 → 75.0 %, so
      环比 at M −25.0 个百分点; effective 0 (#1 took effect in March). 综采一队 alone: #1 #2, adopted #1 →
      50.0 % → 33.3 % at M (−16.7).
    At 2026-04: + nothing proposed; adopted #1 #2 #4 #6 = 4 of 6 = 66.7 %; effective #1 #6 = 2, 15,000.00.
    """
    from datetime import date

    from data_layer import months
    from data_layer.models import Idea, Member

    branches = _by_name(session, Organisation)
    rows = [
        (
            "综采一队党支部",
            "液压支架快速移架法",
            "T001",
            date(2026, 1, 12),
            "见效",
            "2026-03",
            "2026-02",
            "12000.00",
        ),
        ("综采一队党支部", "截齿回收再利用", "T002", date(2026, 2, 20), "采纳", "2026-04", "2026-04", None),
        ("综采一队党支部", "班前安全确认卡", "T001", date(2026, 3, 5), "评审", "2026-03", None, None),
        ("掘进一队党支部", "截割头喷雾改进", "T005", date(2026, 1, 8), "实施", "2026-03", "2026-02", None),
        ("掘进一队党支部", "托辊更换专用工具", "T006", date(2026, 3, 10), "未采纳", "2026-03", None, None),
        (
            "机关党支部",
            "办公区照明分区控制",
            "T007",
            date(2026, 2, 3),
            "见效",
            "2026-04",
            "2026-02",
            "3000.00",
        ),
        ("综采一队党支部", "旧年点子", "T002", date(2025, 11, 15), "见效", "2026-01", "2025-12", "5000.00"),
        ("已撤销党支部", "撤销支部的点子", "T007", date(2026, 2, 1), "采纳", "2026-02", "2026-02", None),
    ]
    for branch, title, proposer, proposed_on, status, status_month, adopted, benefit in rows:
        session.add(
            Idea(
                title=title,
                branch_id=branches[branch].id,
                proposer_member_id=session.exec(select(Member.id).where(Member.member_no == proposer)).one(),
                proposed_on=proposed_on,
                month=months.of_date(proposed_on),
                status=status,
                status_month=status_month,
                adopted_month=adopted,
                benefit_amount=Decimal(benefit) if benefit else None,
                benefit_text="年节约配件费用" if benefit else None,
            )
        )
    session.flush()


def add_pairs(session: Session) -> None:
    """帮扶结对 (N = 3 months, the rule's default); visits with 0 record a month without a visit.

      P1 综采一队 党员结对 张三 T001 → 困难职工刘大海, from 2025-10; visits 2025-11 1, 2025-12 2, 2026-01 0
      P2 综采一队 党员结对 李四 T002 → 新入职青工小王, from 2026-01; visits 2026-01 1
      P3 综采一队 支部结对 → 机关党支部, from 2026-01; visits 2026-02 1, 2026-03 1
      P4 掘进一队 党员结对 欧阳明 T005 → 退休老党员陈师傅, from 2026-02; visits 2026-03 2
      P5 掘进一队 党员结对 孙七 T006 → 伤病职工家属, 2025-06 to 2026-02; visits 2026-02 1
      P6 机关 党员结对 周八 T007 → 困难党员老赵, from 2026-04 (not yet in force at M)
      P7 已撤销党支部 党员结对 周八 T007 → 撤销支部的对象, from 2026-01; visits 2026-03 1 (never counted)

    At M = 2026-03: in force P1 P2 P3 P4 (P5 ended in February, P6 starts in April) = 4; visited in March
      P3 P4 = 2 → 走访率 50.0 %. Idle months: P1 last visit 2025-12 → 3 (flagged, 超期未走访); P2 last
      2026-01 → 2 (not flagged); P3 P4 0. By 党支部: 综采一队 3 pairs, 1 visited (33.3 %), 1 idle;
      掘进一队 1, 1 (100.0 %), 0; 机关 0 pairs (rate —).
    At 2026-02: in force P1 P2 P3 P4 P5 = 5; visited P3 P5 = 2 → 40.0 %, so 环比 at M +10.0 个百分点.
      Idle at February: P1 2, P2 1, P3 0, P4 never visited since 2026-02 → 1, P5 0: none flagged.
    With the setting pairing_idle_months = 2 at M: P1 (3) and P2 (2) are flagged.
    At 2026-04: in force P1 P2 P3 P4 P6 = 5, none visited; idle P1 4, P2 3 flagged; P3 1, P4 1, P6 1.
    """
    from data_layer.models import Member, Pairing, PairVisit

    branches = _by_name(session, Organisation)

    def member_id(no: str) -> int:
        return session.exec(select(Member.id).where(Member.member_no == no)).one()

    rows = [
        (
            "综采一队党支部",
            "党员结对",
            "T001",
            "困难职工刘大海",
            "2025-10",
            None,
            {"2025-11": 1, "2025-12": 2, "2026-01": 0},
        ),
        ("综采一队党支部", "党员结对", "T002", "新入职青工小王", "2026-01", None, {"2026-01": 1}),
        ("综采一队党支部", "支部结对", None, "机关党支部", "2026-01", None, {"2026-02": 1, "2026-03": 1}),
        ("掘进一队党支部", "党员结对", "T005", "退休老党员陈师傅", "2026-02", None, {"2026-03": 2}),
        ("掘进一队党支部", "党员结对", "T006", "伤病职工家属", "2025-06", "2026-02", {"2026-02": 1}),
        ("机关党支部", "党员结对", "T007", "困难党员老赵", "2026-04", None, {}),
        ("已撤销党支部", "党员结对", "T007", "撤销支部的对象", "2026-01", None, {"2026-03": 1}),
    ]
    for branch, kind, helper, target, started, ended, visits in rows:
        pairing = Pairing(
            branch_id=branches[branch].id,
            kind=kind,
            helper_member_id=member_id(helper) if helper else None,
            target=target,
            partner_branch_id=branches[target].id if kind == "支部结对" else None,
            started_month=started,
            ended_month=ended,
        )
        session.add(pairing)
        session.flush()
        for month, count in visits.items():
            session.add(PairVisit(pairing_id=pairing.id, month=month, visits=count, note="入户走访"))
    session.flush()


# --- end of 金点子 and 帮扶结对 ---


def add_dues(session: Session) -> None:
    """党费 (rows as ``dues.save_dues`` writes them: due = income × rate to the fen, half up).

    Rates by income (upper bound inclusive): ≤ 3,000 0.5 %, ≤ 5,000 1 %, ≤ 10,000 1.5 %, above 2 %.
      张三 T001 (综采一队) 2026-01..03: 3,000.00 (the bound: 0.5 %) → 15.00 due, 15.00 paid each month.
      李四 T002 (综采一队) 2026-01..03: 5,000.01 (just above: 1.5 %) → 75.00015 → 75.00 due;
        paid 75.00, 40.00 (partial), 0.
      欧阳明 T005 (掘进一队) 2025-10..2026-03: 8,000.00 × 1.5 % = 120.00 due, nothing paid.
      孙七 T006 (掘进一队) 2025-10..2026-03: 12,000.00 × 2 % = 240.00 due; 2025-10 paid, then nothing.
      周八 T007 (机关) 2026-01: 10,000.00 (the bound: 1.5 %) → 150.00, paid; no 2026-02 record;
        2026-03: 4,322.50 × 1 % = 43.225 → 43.23 (half up), paid 43.23 on 03-25.
      王五 T003 (inactive member) 2026-03: 4,000.00 → 40.00, unpaid: never counted.
    January–M (2026-03), members counted: 综采一队 2 (王五 inactive, 赵六 joins in April), 掘进一队 2, 机关 1.
      综采一队 due 3 × 15 + 3 × 75 = 270.00, paid 45 + 75 + 40 = 160.00 → 59.3 %
      掘进一队 due 3 × 120 + 3 × 240 = 1,080.00, paid 0 → 0.0 %
      机关 due 150.00 + 43.23 = 193.23, paid 193.23 → 100.0 %
      党委 due 1,543.23, paid 353.23 → 22.9 %. At 2026-02: due 180 + 720 + 150 = 1,050.00, paid
      145 + 0 + 150 = 295.00 → 28.1 %, so 环比 −5.2 个百分点. 综采一队 alone: 145/180 = 80.6 % → 59.3 %, −21.3.
      At 2026-01: due 15 + 75 + 120 + 240 + 150 = 600.00, paid 240.00 → 40.0 %, against the whole of
      2025 (October–December): due 3 × 120 + 3 × 240 = 1,080.00, paid 240.00 → 22.2 %.
    Unpaid months running up to M (from the later of joining and the 党支部's first record; a partial
    payment breaks the run): 欧阳明 2025-10..2026-03 = 6 → in arrears, owed 6 × 120 = 720.00; 孙七
    2025-11..2026-03 = 5 → not yet; 李四 2026-03 = 1; 周八 0 (机关's missing February is followed by a
    paid March). At 2026-02 欧阳明 has 5: nobody is in arrears.
    """
    from datetime import date
    from decimal import Decimal

    from sqlmodel import select

    from data_layer.models import DuesRecord, Member

    def record(no: str, month: str, income: str, rate: str, due: str, paid: str, paid_on=None) -> None:
        member_id = session.exec(select(Member.id).where(Member.member_no == no)).one()
        session.add(
            DuesRecord(
                member_id=member_id,
                month=month,
                income=Decimal(income),
                rate=Decimal(rate),
                due=Decimal(due),
                paid=Decimal(paid),
                paid_on=paid_on,
            )
        )

    for number, paid_on in ((1, date(2026, 1, 15)), (2, date(2026, 2, 10)), (3, date(2026, 3, 10))):
        record("T001", f"2026-0{number}", "3000.00", "0.005", "15.00", "15.00", paid_on)
    record("T002", "2026-01", "5000.01", "0.015", "75.00", "75.00", date(2026, 1, 15))
    record("T002", "2026-02", "5000.01", "0.015", "75.00", "40.00", date(2026, 2, 10))
    record("T002", "2026-03", "5000.01", "0.015", "75.00", "0.00")
    for month in ("2025-10", "2025-11", "2025-12", "2026-01", "2026-02", "2026-03"):
        record("T005", month, "8000.00", "0.015", "120.00", "0.00")
        paid = ("240.00", date(2025, 10, 20)) if month == "2025-10" else ("0.00", None)
        record("T006", month, "12000.00", "0.02", "240.00", *paid)
    record("T007", "2026-01", "10000.00", "0.015", "150.00", "150.00", date(2026, 1, 20))
    record("T007", "2026-03", "4322.50", "0.01", "43.23", "43.23", date(2026, 3, 25))
    record("T003", "2026-03", "4000.00", "0.01", "40.00", "0.00")
    session.flush()
