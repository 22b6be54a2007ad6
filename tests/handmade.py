"""A small hand-made organisation whose figures can be checked with pencil and paper.

The month under test is 2026-03 (and 2026-02 for 环比). The expected figures, worked out by hand:

Tasks in scope at M (year 2026, start ≤ M):
  综采一队 A1 target 10, weight 2, 2026-01..04, done 2+3+3 = 8 → ratio 0.8, plan 3/4 = 0.75
  综采一队 A2 target 4,  weight 1, 2026-02..03, done 2+2 = 4   → ratio 1.0, plan 1
  掘进一队 B1 target 20, weight 1, 2026-01..12, done 1+0+1 = 2 → ratio 0.1, plan 3/12 = 0.25
  掘进一队 B2 starts 2026-04: not in scope at M. 机关 C1 target 2, 2026-01..02, done 1 → 0.5 (超期)
  A 2025 task of 综采一队 is never counted in 2026; nor is anything of the inactive 已撤销党支部
  (its task D1 of weight 10 with no progress, its expense of 900.00).
  综采一队 (2×0.8 + 1×1) ÷ 3 = 86.7 % (plan 83.3 % → 正常); 掘进一队 10.0 % (plan 25 % → 严重滞后);
  机关 50.0 % (plan 100 % → 严重滞后); 一线党总支 (1.6 + 1 + 0.1) ÷ 4 = 67.5 %;
  党委 (1.6 + 1 + 0.1 + 0.5) ÷ 5 = 64.0 %.  At 2026-02: (2×0.5 + 0.5 + 0.05 + 0.5) ÷ 5 = 41.0 % → 环比 +23.0.
Study (targets 4 h and 600 points a month; at M a member needs 12 h and 1,800 points):
  a1 4+4+4 h, 600×3 → on track (exactly at target); a2 5+5+1 = 11 h → not; a3 inactive, a4 joined in
  April: not counted; b1 6×3 h, 700×3 → on track; b2 no records → not; c1 4.1+4.2+3.7 = 12.0 h → on track.
  → 3 of 5 = 60.0 %. At 2026-02 (8 h, 1,200 points) a1, a2, b1, c1 → 4 of 5 = 80.0 % → 环比 −20.0.
Budget 2026 allocations: 综采一队 6,000 + 4,000, 掘进一队 5,000, 机关 5,000 = 20,000.
  Expenses in 2026 through M: 1,500.50 + 2,499.50 + 1,000.00 + 3,000.00 = 8,000.00 → 40.0 %
  (time progress 25 %, gap exactly 0.15 → 正常). At 2026-02: 2,500.50 → 12.5 % → 环比 +27.5.
  Dated 2025-12 and 2026-04 expenses are outside.
经费使用 (fixture additions are 2024 money and spending dated after M, so nothing above changes):
  By 党支部 at M: 综采一队 4,000.00 of 10,000 = 40.0 % 正常; 掘进一队 1,000 of 5,000 = 20.0 % 正常;
  机关 3,000.00 (dated 03-31, M's last day; not the 800.00 of 04-02) of 5,000 = 60.0 % → gap 0.35 偏快.
  By category: 学习教育 8,000.00 of 6,000 + 5,000 = 72.7 %; 组织活动 0 of 4,000 + 5,000 = 0.0 %.
  Cumulative 1,500.50 / 2,500.50 / 8,000.00 against pacing 20,000 × n ÷ 12 = 1,666.67 / 3,333.33 / 5,000.
  Carry-forward into 2026: 2024 allocated 30,000 (综采一队) + 20,000 (机关), spent 4,000 + 1,500; 2025
  allocated nothing, spent 500.00 → 50,000 − 5,500 − 500 = 44,000.00 > cap 2 % × 2,000,000 = 40,000.00.
  There is still no 2025 budget and no 2025 payroll: 2025-12 shows 机关 spending 500.00 with no budget.
  2026-04: + 800.00 (机关) + 1,200.00 (综采一队, 组织活动, 04-20) = 10,000.00 → 50.0 % vs 33.3 % 偏快;
  综采一队 5,200 → 52.0 % 偏快, 机关 3,800 → 76.0 % 偏快; 组织活动 1,200 of 9,000 = 13.3 %.
  2026-12: + 4,500.00 (掘进一队, 06-15) = 14,500.00 → 72.5 % 偏慢; 综采一队 52.0 % 偏慢, 掘进一队 5,500
  of 5,000 = 110.0 % 超支, 机关 76.0 % 正常 (gap −0.24). Secretary of 综采一队 at M: 4,000 of 10,000 =
  40.0 %, 环比 from 1,500.50 → 15.0 % (+25.0).
Submissions at M: 综采一队 已审核, 掘进一队 已提交, 机关 草稿 → 2 of 3 active 党支部 = 66.7 %;
  at 2026-02: 已审核, 已退回, none → 33.3 % → 环比 +33.3. 已撤销党支部 is inactive: not counted.
三会一课 (M = 2026-03, the last month of 2026年第一季度, so nothing is 本季度待开):
  Required a month: 支委会 1, 主题党日 1, 党小组会 1 per active 党小组 — 综采一队 has one (3 a month);
  掘进一队 (its only 党小组 dissolved) and 机关 have none (2 a month). A quarter: 党员大会 1, 党课 1.
  Held in March | in January–March, counted as min(held, required):
    综采一队 支委会 1|3, 党小组会 1|2, 主题党日 2|4, 党员大会 0|1, 党课 0|0
      → month 3 of 3 = 100.0 %; quarter (3 + 2 + 3 + 1 + 0) ÷ (3 + 3 + 3 + 1 + 1) = 9/11 = 81.8 %
    掘进一队 支委会 1|2, 主题党日 0|2, 党员大会 0|0, 党课 1|1 → month 1/2 = 50.0 %; quarter 5/8 = 62.5 %
    机关 支委会 1|1, 主题党日 1|1 → month 2/2 = 100.0 %; quarter 2/8 = 25.0 %
  党委 month 6/7 = 85.7 %, quarter 16/27 = 59.3 %; 一线党总支 month 4/5 = 80.0 %, quarter 14/19 = 73.7 %.
  Attendance in March: 综采一队 (4 + 4 + 20 + 17) ÷ (5 + 8 + 20 + 20) = 45/53 = 84.9 %, 掘进一队 13/15 =
  86.7 %, 机关 15/15 = 100.0 % → 73/83 = 88.0 %. In the quarter: 111/131 = 84.7 %, 37/42 = 88.1 %,
  15/15 → 163/188 = 86.7 %.
  Below quorum (actual ≤ expected ÷ 2) in the quarter, by date: 掘进一队 支委会 03-10 (1 of 3), 综采一队
  党小组会 03-12 (4 of 8, exactly half). 综采一队 主题党日 01-20 (11 of 20) is just above half: not listed.
  Never counted: 综采一队 2025-12-30, 机关 2026-04-02, the inactive 已撤销党支部's 03-04 (1 of 3).
  At 2026-02 (two months of the quarter): month 2/3, 1/2, 0/2 → 3/7 = 42.9 % (so 环比 at M +42.9);
  quarter: 综采一队's 党员大会 is held and counts, the other 党员大会 and every 党课 are 本季度待开 and left
  out → (2 + 1 + 2 + 1)/7, (1 + 2)/4, 0/4 → 9/15 = 60.0 %. Attendance 52/57 = 91.2 % (环比 at M −3.3).
  At 2026-01: month 3/3, 2/2, 0/2 → 5/7 = 71.4 %.
  With lecture_frequency = monthly, 党课 is due every month: at M month (3 + 2 + 2) ÷ (4 + 3 + 3) = 70.0 %,
  quarter 16 ÷ (13 + 10 + 10) = 48.5 %. 2025-06 has no meetings: the figures are "—" with the reason.
"""

from datetime import date
from decimal import Decimal

from sqlmodel import Session

from data_layer import auth, orgs
from data_layer.models import (
    BudgetAllocation,
    Expense,
    ExpenseCategory,
    Goal,
    Meeting,
    Member,
    StudyRecord,
    Submission,
    Task,
    TaskProgress,
    User,
    YearParameter,
)
from data_layer.vocab import MeetingKind, MemberCategory, OrgKind, Role, SubmissionStatus, TaskMode
from tests.handmade_lean import add_dues, add_ideas, add_pairs, add_stars
from tests.handmade_safety import add_safety

PASSWORD = "secret-pass"
MONTH = "2026-03"


def build_handmade(session: Session) -> None:
    committee = orgs.add_organisation(session=session, name="测试党委", kind=OrgKind.COMMITTEE)
    general = orgs.add_organisation(
        session=session, name="一线党总支", kind=OrgKind.GENERAL_BRANCH, parent=committee, sort_order=1
    )
    # 掘进一队 is created first but sorts second: lists follow sort_order, not ids.
    branch_b = orgs.add_organisation(
        session=session, name="掘进一队党支部", kind=OrgKind.BRANCH, parent=general, sort_order=2, grid="井下"
    )
    branch_a = orgs.add_organisation(
        session=session, name="综采一队党支部", kind=OrgKind.BRANCH, parent=general, sort_order=1, grid="井下"
    )
    branch_c = orgs.add_organisation(
        session=session, name="机关党支部", kind=OrgKind.BRANCH, parent=committee, sort_order=2, grid="机关"
    )
    closed = orgs.add_organisation(
        session=session, name="已撤销党支部", kind=OrgKind.BRANCH, parent=committee, sort_order=3
    )
    closed.active = False
    group_a = orgs.add_organisation(
        session=session, name="综采一队第一党小组", kind=OrgKind.GROUP, parent=branch_a
    )

    def member(no: str, name: str, branch, joined: date = date(2010, 7, 1), active: bool = True) -> Member:
        row = Member(
            member_no=no,
            name=name,
            branch_id=branch.id,
            group_id=group_a.id if branch is branch_a else None,
            category=MemberCategory.FULL,
            joined_on=joined,
            active=active,
        )
        session.add(row)
        return row

    a1 = member("T001", "张三", branch_a)
    a2 = member("T002", "李四", branch_a)
    member("T003", "王五", branch_a, active=False)
    member("T004", "赵六", branch_a, joined=date(2026, 4, 10))
    b1 = member("T005", "欧阳明", branch_b)
    member("T006", "孙七", branch_b)
    c1 = member("T007", "周八", branch_c)
    session.flush()

    goal = Goal(year=2026, title="推进党支部标准化规范化建设", category="组织建设")
    old_goal = Goal(year=2025, title="上年度目标", category="思想建设")
    session.add_all([goal, old_goal])
    session.flush()

    def task(code, branch, target, weight, start, due, owner, goal_row=goal, mode=TaskMode.ASSIGNED) -> Task:
        row = Task(
            code=code,
            title=f"任务{code}",
            goal_id=goal_row.id,
            branch_id=branch.id,
            owner_member_id=owner.id,
            unit="次",
            target_quantity=Decimal(target),
            weight=Decimal(weight),
            start_month=start,
            due_month=due,
            mode=mode,
        )
        session.add(row)
        return row

    tasks = {
        "A1": task("A1", branch_a, 10, 2, "2026-01", "2026-04", a1),
        "A2": task("A2", branch_a, 4, 1, "2026-02", "2026-03", a2),
        "B1": task("B1", branch_b, 20, 1, "2026-01", "2026-12", b1),
        "B2": task("B2", branch_b, 5, 1, "2026-04", "2026-06", b1, mode=TaskMode.CLAIMED),
        "C1": task("C1", branch_c, 2, 1, "2026-01", "2026-02", c1),
        "A0": task("A0", branch_a, 1, 5, "2025-03", "2025-06", a1, goal_row=old_goal),
        "D1": task("D1", closed, 1, 10, "2026-01", "2026-12", c1),
    }
    session.flush()
    progress = {
        "A1": {"2026-01": 2, "2026-02": 3, "2026-03": 3},
        "A2": {"2026-02": 2, "2026-03": 2},
        "B1": {"2026-01": 1, "2026-03": 1},
        "B2": {"2026-04": 5},
        "C1": {"2026-01": 1},
        "A0": {"2025-04": 1},
    }
    for code, by_month in progress.items():
        for month, quantity in by_month.items():
            session.add(TaskProgress(task_id=tasks[code].id, month=month, quantity=Decimal(quantity)))

    session.add(
        YearParameter(
            year=2026,
            last_year_payroll=Decimal("2000000.00"),
            monthly_hours_target=Decimal("4.00"),
            monthly_points_target=600,
        )
    )
    study = [
        (a1, [("4", 600), ("4", 600), ("4", 600)]),
        (a2, [("5", 600), ("5", 600), ("1", 600)]),
        (b1, [("6", 700), ("6", 700), ("6", 700)]),
        (c1, [("4.1", 600), ("4.2", 600), ("3.7", 600)]),
    ]
    for row, by_month in study:
        for number, (hours, points) in enumerate(by_month, start=1):
            session.add(
                StudyRecord(
                    member_id=row.id,
                    month=f"2026-{number:02d}",
                    hours=Decimal(hours),
                    points=points,
                    sessions=1,
                )
            )

    learning = ExpenseCategory(name="学习教育", sort_order=1)
    activity = ExpenseCategory(name="组织活动", sort_order=2)
    session.add_all([learning, activity])
    session.flush()
    for branch, category, amount in [
        (branch_a, learning, "6000"),
        (branch_a, activity, "4000"),
        (branch_b, learning, "5000"),
        (branch_c, activity, "5000"),
    ]:
        session.add(
            BudgetAllocation(year=2026, branch_id=branch.id, category_id=category.id, amount=Decimal(amount))
        )
    for branch, day, amount in [
        (branch_a, date(2026, 1, 15), "1500.50"),
        (branch_a, date(2026, 3, 10), "2499.50"),
        (branch_b, date(2026, 2, 20), "1000.00"),
        (branch_c, date(2026, 3, 31), "3000.00"),
        (branch_c, date(2025, 12, 28), "500.00"),
        (branch_c, date(2026, 4, 2), "800.00"),
        (closed, date(2026, 3, 1), "900.00"),
    ]:
        session.add(
            Expense(
                spent_on=day,
                month=f"{day.year}-{day.month:02d}",
                branch_id=branch.id,
                category_id=learning.id,
                amount=Decimal(amount),
                purpose="购买学习资料",
            )
        )

    for branch, month, status in [
        (branch_a, "2026-03", SubmissionStatus.APPROVED),
        (branch_b, "2026-03", SubmissionStatus.SUBMITTED),
        (branch_c, "2026-03", SubmissionStatus.DRAFT),
        (branch_a, "2026-02", SubmissionStatus.APPROVED),
        (branch_b, "2026-02", SubmissionStatus.RETURNED),
    ]:
        session.add(Submission(branch_id=branch.id, month=month, status=status))

    # --- 经费使用 fixture additions ---
    # 2024 money, for the carry-forward into 2026 (docstring, "经费使用"); there is still no 2025 budget.
    for branch, category, amount in [(branch_a, learning, "30000"), (branch_c, activity, "20000")]:
        session.add(
            BudgetAllocation(year=2024, branch_id=branch.id, category_id=category.id, amount=Decimal(amount))
        )
    # The second category's spending is dated after 2026-03, so the figures at M above do not change.
    for branch, category, day, amount, purpose, voucher in [
        (branch_a, learning, date(2024, 6, 18), "4000.00", "购买学习资料", "PZ-2024-061"),
        (branch_c, activity, date(2024, 11, 5), "1500.00", "开展主题党日活动", "PZ-2024-112"),
        (branch_a, activity, date(2026, 4, 20), "1200.00", "开展主题党日活动", "PZ-2026-041"),
        (branch_b, activity, date(2026, 6, 15), "4500.00", "参观红色教育基地", "PZ-2026-061"),
    ]:
        session.add(
            Expense(
                spent_on=day,
                month=f"{day.year}-{day.month:02d}",
                branch_id=branch.id,
                category_id=category.id,
                amount=Decimal(amount),
                purpose=purpose,
                voucher_no=voucher,
            )
        )

    # --- 三会一课 fixture additions ---
    # (docstring, "三会一课"): 综采一队 has one 党小组, the other two none (掘进一队's was dissolved).
    dissolved = orgs.add_organisation(
        session=session, name="掘进一队原第一党小组", kind=OrgKind.GROUP, parent=branch_b
    )
    dissolved.active = False
    for branch, kind, day, expected, actual in [
        (branch_a, MeetingKind.COMMITTEE, date(2025, 12, 30), 5, 5),  # before the quarter
        (branch_a, MeetingKind.COMMITTEE, date(2026, 1, 8), 5, 5),
        (branch_a, MeetingKind.GROUP, date(2026, 1, 15), 8, 8),
        (branch_a, MeetingKind.THEME_DAY, date(2026, 1, 20), 20, 11),  # just over half: not below quorum
        (branch_a, MeetingKind.COMMITTEE, date(2026, 2, 6), 5, 5),
        (branch_a, MeetingKind.THEME_DAY, date(2026, 2, 25), 20, 19),
        (branch_a, MeetingKind.CONGRESS, date(2026, 2, 26), 20, 18),
        (branch_a, MeetingKind.COMMITTEE, date(2026, 3, 5), 5, 4),
        (branch_a, MeetingKind.GROUP, date(2026, 3, 12), 8, 4),  # exactly half: below quorum
        (branch_a, MeetingKind.THEME_DAY, date(2026, 3, 20), 20, 20),
        (branch_a, MeetingKind.THEME_DAY, date(2026, 3, 27), 20, 17),  # a second one: held 2, required 1
        (branch_b, MeetingKind.COMMITTEE, date(2026, 1, 9), 3, 3),
        (branch_b, MeetingKind.THEME_DAY, date(2026, 1, 22), 12, 11),
        (branch_b, MeetingKind.THEME_DAY, date(2026, 2, 24), 12, 10),
        (branch_b, MeetingKind.COMMITTEE, date(2026, 3, 10), 3, 1),  # below quorum
        (branch_b, MeetingKind.LECTURE, date(2026, 3, 18), 12, 12),
        (branch_c, MeetingKind.COMMITTEE, date(2026, 3, 3), 5, 5),
        (branch_c, MeetingKind.THEME_DAY, date(2026, 3, 25), 10, 10),
        (branch_c, MeetingKind.THEME_DAY, date(2026, 4, 2), 10, 10),  # after M
        (closed, MeetingKind.COMMITTEE, date(2026, 3, 4), 3, 1),  # inactive branch: never counted
    ]:
        session.add(
            Meeting(
                branch_id=branch.id,
                kind=kind,
                held_on=day,
                month=f"{day.year}-{day.month:02d}",
                expected_attendance=expected,
                actual_attendance=actual,
                topic=f"{kind}（{day.month}月{day.day}日）",
            )
        )

    password_hash = auth.hash_password(PASSWORD)
    for username, role, branch in [
        ("admin", Role.ADMIN, None),
        ("leader", Role.LEADER, None),
        ("sec_a", Role.SECRETARY, branch_a),
        ("sec_b", Role.SECRETARY, branch_b),
    ]:
        session.add(
            User(
                username=username,
                password_hash=password_hash,
                display_name=username,
                role=role,
                branch_id=branch.id if branch else None,
            )
        )
    session.add(
        User(
            username="gone", password_hash=password_hash, display_name="gone", role=Role.LEADER, active=False
        )
    )
    session.flush()
    add_stars(session)
    add_ideas(session)
    add_pairs(session)
    add_dues(session)
    add_safety(session)
