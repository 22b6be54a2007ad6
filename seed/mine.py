"""Demo data for one coal mine, 北山煤矿: about 400 members in 15 党支部, data through ``LAST_MONTH``.

Everything comes from seeded random generators and fixed dates, never the wall clock, so every run
writes the same rows. ``seed_mine`` only adds and flushes; the caller owns the transaction.
"""

import math
import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import NamedTuple

from sqlalchemy import func
from sqlmodel import Session, select

from data_layer import months, settings
from data_layer.auth import hash_password
from data_layer.errors import Refused
from data_layer.models import (
    BudgetAllocation,
    Expense,
    ExpenseCategory,
    Goal,
    Meeting,
    Member,
    Organisation,
    Setting,
    StudyRecord,
    Submission,
    Task,
    TaskProgress,
    User,
    YearParameter,
)
from data_layer.orgs import add_organisation
from data_layer.rules import budget_rule_amount
from data_layer.vocab import (
    MeetingKind,
    MemberCategory,
    OrgKind,
    Role,
    SubmissionStatus,
    TaskMode,
)
from seed import catalog
from seed.catalog import BRANCHES, BranchSpec, TaskTemplate
from seed.common import (
    CENT,
    beijing,
    expense_categories,
    largest_remainder,
    money,
    purpose,
    random_day,
    workday,
)
from seed.names import NameBook

SEED = 20261001
LAST_MONTH = "2026-10"
YEAR = months.year_of(LAST_MONTH)
FIRST_STUDY_MONTH = months.shift(LAST_MONTH, -11)  # twelve months of study records
DEMO_PASSWORD = "demo2026"
DEMO_SCALE = "mine"

PAYROLL = {2025: Decimal("142000000.00"), 2026: Decimal("150000000.00")}
MONTHLY_HOURS_TARGET = Decimal("4.00")
MONTHLY_POINTS_TARGET = 600
SETTINGS = {"submission_deadline_day": "5", "lecture_frequency": "quarterly"}


class DemoLogin(NamedTuple):
    username: str
    role: Role
    branch: str | None


DEMO_LOGINS: tuple[DemoLogin, ...] = (
    DemoLogin("admin", Role.ADMIN, None),
    DemoLogin("leader", Role.LEADER, None),
    DemoLogin("zuzhibu", Role.LEADER, None),
    *(DemoLogin(spec.username, Role.SECRETARY, spec.name) for spec in BRANCHES),
)
DEMO_DISPLAY_NAMES: dict[str, str] = {
    "admin": "系统管理员",
    "leader": f"党委书记 {catalog.LEADER_NAME}",
    "zuzhibu": f"组织部 {catalog.ORG_DEPT_NAME}",
    **{spec.username: f"{spec.name}书记 {spec.secretary}" for spec in BRANCHES},
}


# --------------------------------------------------------------------------------------------- helpers


def _rng(section: str) -> random.Random:
    """One generator per section, so tuning one part of the demo leaves the others as they were."""
    return random.Random(f"{SEED}/{section}")


@dataclass
class _Person:
    """A generated member with what the later sections need to know about them."""

    row: Member
    spec: BranchSpec
    left_month: str | None = None  # first month no longer a member (inactive members only)
    fixed: bool = False  # secretary, head or committee leader: never picked for special roles

    def present_in(self, month: str) -> bool:
        joined = months.of_date(self.row.joined_on) <= month
        return joined and (self.left_month is None or month < self.left_month)

    def present_on(self, day: date) -> bool:
        return self.row.joined_on <= day and (
            self.left_month is None or months.of_date(day) < self.left_month
        )


@dataclass
class _Branch:
    spec: BranchSpec
    org: Organisation
    groups: list[Organisation] = field(default_factory=list)
    people: list[_Person] = field(default_factory=list)
    secretary_user: User | None = None


# --------------------------------------------------------------------------------------------- entry


def is_empty(*, session: Session) -> bool:
    """True while the database has no organisation at all (the seed's precondition)."""
    return session.exec(select(func.count()).select_from(Organisation)).one() == 0


def seed_mine(*, session: Session) -> dict[str, int]:
    """Fill an empty database with the demo mine; returns the number of rows written per table name."""
    if not is_empty(session=session):
        raise Refused("数据库中已有组织数据，演示数据只能写入空数据库")
    counts: dict[str, int] = {}

    _parameters(session, counts)
    branches = _organisations(session, counts)
    _members(session, branches, counts)
    users = _users(session, branches, counts)
    _tasks(session, branches, counts)
    _study(session, branches, counts)
    _budget(session, branches, counts)
    _meetings(session, branches, counts)
    _submissions(session, branches, users["leader"], counts)
    settings.put(session=session, key=settings.DEMO_MARKER, value=DEMO_SCALE)
    settings.put(session=session, key=settings.DEMO_PASSWORD, value=DEMO_PASSWORD)
    session.flush()
    return counts


# --------------------------------------------------------------------------------------------- sections


def _parameters(session: Session, counts: dict[str, int]) -> None:
    for year, payroll in PAYROLL.items():
        session.merge(
            YearParameter(
                year=year,
                last_year_payroll=payroll,
                monthly_hours_target=MONTHLY_HOURS_TARGET,
                monthly_points_target=MONTHLY_POINTS_TARGET,
            )
        )
    for key, value in SETTINGS.items():
        session.merge(Setting(key=key, value=value))
    counts["yearparameter"] = len(PAYROLL)
    counts["setting"] = len(SETTINGS) + 2


def _organisations(session: Session, counts: dict[str, int]) -> list[_Branch]:
    committee = add_organisation(session=session, name=catalog.COMMITTEE, kind=OrgKind.COMMITTEE)
    generals = {
        name: add_organisation(
            session=session, name=name, kind=OrgKind.GENERAL_BRANCH, parent=committee, sort_order=order
        )
        for order, name in enumerate(catalog.GENERAL_BRANCHES, start=1)
    }
    created = {
        spec.name: add_organisation(
            session=session,
            name=spec.name,
            kind=OrgKind.BRANCH,
            parent=generals[spec.general],
            sort_order=position,
            grid=spec.grid,
        )
        for position, spec in enumerate(BRANCHES, start=1)
    }
    branches = [_Branch(spec, created[spec.name]) for spec in BRANCHES]
    ordinals = "一二三"
    for branch in branches:
        base = branch.spec.name.removesuffix("党支部")
        if base.startswith("机关"):
            base += "支部"
        count = 3 if branch.spec.members >= 26 else 2
        for number in range(count):
            branch.groups.append(
                add_organisation(
                    session=session,
                    name=f"{base}第{ordinals[number]}党小组",
                    kind=OrgKind.GROUP,
                    parent=branch.org,
                    sort_order=number + 1,
                    grid=branch.spec.grid,
                )
            )
    counts["organisation"] = 1 + len(generals) + len(branches) + sum(len(b.groups) for b in branches)
    return branches


# Dates on which members joined the party recently (all probationary); two after LAST_MONTH.
_JOINED_2026 = (
    date(2026, 1, 12), date(2026, 3, 20), date(2026, 6, 26), date(2026, 6, 29), date(2026, 7, 1),
    date(2026, 7, 1), date(2026, 9, 18), date(2026, 9, 25), date(2026, 11, 3), date(2026, 11, 6),
)  # fmt: skip
_JOINED_LATE_2025 = 22
_INACTIVE = 8


def _members(session: Session, branches: list[_Branch], counts: dict[str, int]) -> None:
    rng = _rng("members")
    fixed_names = {spec.secretary for spec in BRANCHES} | {catalog.LEADER_NAME, catalog.ORG_DEPT_NAME}
    book = NameBook(rng, reserved=fixed_names)
    number = 0
    for branch in branches:
        spec = branch.spec
        head_post, pool = catalog.POSTS[spec.profile]
        head_post = catalog.HEAD_POSTS.get(spec.name, head_post)
        fixed = [(spec.secretary, "党支部书记"), (book.take(), head_post)]
        if spec.name == catalog.LEADER_BRANCH:
            fixed += [(catalog.LEADER_NAME, "党委书记"), (catalog.ORG_DEPT_NAME, "党委组织部部长")]
        for index in range(spec.members):
            number += 1
            if index < len(fixed):
                name, post = fixed[index]
                joined = random_day(rng, rng.randint(1990, 2010))
            else:
                female = rng.random() < spec.female_share
                name, post = book.take(female=female), rng.choice(pool)
                joined = random_day(rng, int(rng.triangular(1988, 2025.49, 2014)))
                joined = min(joined, date(2025, 6, 30))
            row = Member(
                member_no=f"BS{number:04d}",
                name=name,
                branch_id=branch.org.id,
                grid=spec.grid,
                category=MemberCategory.FULL,
                joined_on=joined,
                post=post,
            )
            branch.people.append(_Person(row, spec, fixed=index < len(fixed)))
        # Groups: the secretary leads the first; the others are dealt round-robin after a shuffle.
        others = branch.people[1:]
        rng.shuffle(others)
        branch.people[0].row.group_id = branch.groups[0].id
        for position, person in enumerate(others, start=1):
            person.row.group_id = branch.groups[position % len(branch.groups)].id

    candidates = [p for b in branches for p in b.people if not p.fixed]
    # Those who left (transferred, retired) joined long ago; the recent joiners are any of the others.
    veterans = [p for p in candidates if p.row.joined_on.year < 2012]
    leaving = rng.sample(veterans, _INACTIVE)
    picked = rng.sample([p for p in candidates if p not in leaving], len(_JOINED_2026) + _JOINED_LATE_2025)
    recent, late = picked[: len(_JOINED_2026)], picked[len(_JOINED_2026) :]
    for person, joined in zip(recent, _JOINED_2026, strict=True):
        person.row.joined_on = joined
    for person in late:
        person.row.joined_on = date(2025, rng.randint(9, 12), rng.randint(1, 28))
    for person in recent + late:
        person.row.category = MemberCategory.PROBATIONARY
        person.row.post = _young_post(person)
    for person in leaving:
        person.row.active = False
        person.left_month = months.make(YEAR, rng.randint(2, 9))

    session.add_all([p.row for b in branches for p in b.people])
    session.flush()
    counts["member"] = number


def _young_post(person: _Person) -> str:
    """New members are front-line workers or clerks, not heads of units."""
    post = person.row.post or ""
    if any(word in post for word in ("长", "主任", "经理", "书记")):
        return catalog.POSTS[person.spec.profile][1][0]
    return post


def _users(session: Session, branches: list[_Branch], counts: dict[str, int]) -> dict[str, User]:
    password_hash = hash_password(DEMO_PASSWORD)  # hashed once, shared by every demo login
    existing = {u.username: u for u in session.exec(select(User)).all()}
    by_branch = {b.spec.name: b for b in branches}
    users: dict[str, User] = {}
    added = []
    for login in DEMO_LOGINS:
        user = existing.get(login.username)
        if user is None:
            user = User(
                username=login.username,
                password_hash=password_hash,
                display_name=DEMO_DISPLAY_NAMES[login.username],
                role=login.role,
                branch_id=by_branch[login.branch].org.id if login.branch else None,
            )
            added.append(user)
        users[login.username] = user
    session.add_all(added)
    session.flush()
    for branch in branches:
        branch.secretary_user = users[branch.spec.username]
    counts["app_user"] = len(added)
    return users


# --------------------------------------------------------------------------------------------- tasks


@dataclass
class _TaskPlan:
    row: Task
    template: TaskTemplate
    start: int
    due: int
    target: int
    done: int = 0  # quantity done by LAST_MONTH
    weight: float = 1.0

    @property
    def plan(self) -> float:
        """Plan progress at LAST_MONTH, as metrics computes it."""
        now = months.number_of(LAST_MONTH)
        return 1.0 if self.due <= now else (now - self.start + 1) / (self.due - self.start + 1)

    @property
    def ratio(self) -> float:
        return min(self.done / self.target, 1.0)


def _branch_rate(plans: list[_TaskPlan]) -> tuple[float, float]:
    weight = sum(p.weight for p in plans)
    return sum(p.weight * p.ratio for p in plans) / weight, sum(p.weight * p.plan for p in plans) / weight


def _tasks(session: Session, branches: list[_Branch], counts: dict[str, int]) -> None:
    rng = _rng("tasks")
    goals = {spec.key: Goal(year=YEAR, title=spec.title, category=spec.category) for spec in catalog.GOALS}
    session.add_all(list(goals.values()))
    session.flush()
    goal_order = [spec.key for spec in catalog.GOALS]

    all_plans: list[tuple[_Branch, list[_TaskPlan]]] = []
    for branch in branches:
        spec = branch.spec
        templates = [(key, t) for key, t in catalog.COMMON_TASKS.items()]
        templates += [(f"specific{i}", t) for i, t in enumerate(catalog.SPECIFIC_TASKS[spec.profile])]
        templates += [(key, catalog.EXTRA_TASKS[key]) for key in catalog.EXTRA_BY_BRANCH[spec.name]]
        templates.sort(key=lambda item: goal_order.index(item[1].goal))
        owners = _owners(rng, branch, [key for key, _ in templates])
        plans = []
        for number, ((key, template), owner) in enumerate(zip(templates, owners, strict=True), start=1):
            start = min(4, template.start + (1 if rng.random() < 0.3 else 0))
            due = max(rng.choice(template.due), start + 4)
            target = rng.choice(template.targets)
            claimed = rng.random() < (0.15 if key in catalog.COMMON_TASKS else 0.45)
            row = Task(
                code=f"{YEAR}-{spec.abbr}-{number:02d}",
                title=template.title,
                goal_id=goals[template.goal].id,
                branch_id=branch.org.id,
                owner_member_id=owner.row.id,
                unit=template.unit,
                target_quantity=Decimal(target),
                weight=Decimal(template.weight),
                start_month=months.make(YEAR, start),
                due_month=months.make(YEAR, due),
                mode=TaskMode.CLAIMED if claimed else TaskMode.ASSIGNED,
            )
            plans.append(_TaskPlan(row, template, start, due, target, weight=float(template.weight)))
        all_plans.append((branch, plans))
    session.add_all([p.row for _, plans in all_plans for p in plans])
    session.flush()

    progress: list[TaskProgress] = []
    for branch, plans in all_plans:
        _choose_done(rng, branch.spec, plans)
        for plan in plans:
            progress += _progress_rows(rng, branch, plan)
    session.add_all(progress)
    counts["goal"] = len(goals)
    counts["task"] = sum(len(plans) for _, plans in all_plans)
    counts["taskprogress"] = len(progress)


def _owners(rng: random.Random, branch: _Branch, keys: list[str]) -> list[_Person]:
    """Owners: the secretary takes the 党课 and the standardisation task, the rest are spread out;
    two people are clearly overloaded (the secretary of 综采二队, a 党建干事 of 机关第一)."""
    secretary = branch.people[0]
    pool = [p for p in branch.people[1:] if p.row.active and p.row.joined_on.year < YEAR]
    rng.shuffle(pool)
    owners: list[_Person] = []
    for key in keys:
        if key in ("lecture", "standard"):
            owners.append(secretary)
        elif owners and owners[-1] is not secretary and rng.random() < 0.25 and owners.count(owners[-1]) == 1:
            owners.append(owners[-1])  # some people own two tasks
        else:
            owners.append(pool.pop())
    if branch.spec.name == "综采二队党支部":
        extra = [i for i, o in enumerate(owners) if o is not secretary][:3]
        for i in extra:
            owners[i] = secretary
    if branch.spec.name == "机关第一党支部":
        busy = next((p for p in pool if p.row.post in ("党建干事", "科员")), pool[0])
        busy.row.post = "党建干事"
        extra = [i for i, o in enumerate(owners) if o is not secretary][:4]
        for i in extra:
            owners[i] = busy
    return owners


def _choose_done(rng: random.Random, spec: BranchSpec, plans: list[_TaskPlan]) -> None:
    """How much of each task is done by LAST_MONTH: a little ahead of plan progress for most branches
    (tasks past due finished), ``task_pace`` of plan progress for the lagging ones (nothing finished)."""
    now = months.number_of(LAST_MONTH)
    if spec.task_pace is None:
        for plan in plans:
            if plan.due <= now:
                plan.done = plan.target + (1 if plan.target >= 10 and rng.random() < 0.3 else 0)
            else:
                plan.done = min(plan.target, round(plan.plan * rng.uniform(0.85, 1.15) * plan.target))
        lowest = _branch_rate(plans)[1] + 0.005
        goal = lowest + rng.uniform(0.01, 0.04)
        movable = [p for p in plans if p.due > now]
    else:
        for plan in plans:
            share = plan.plan * spec.task_pace * rng.uniform(0.75, 1.25)
            plan.done = min(plan.target - 1, round(share * plan.target))
        lowest = 0.0
        goal = _branch_rate(plans)[1] * spec.task_pace
        movable = plans
    # Nudge one unit at a time, the task furthest from its own share of the goal first.
    pace = goal / _branch_rate(plans)[1]
    cap = (lambda p: p.target) if spec.task_pace is None else (lambda p: p.target - 1)
    for _ in range(300):
        rate = _branch_rate(plans)[0]
        if rate >= lowest and abs(rate - goal) <= 0.01:
            break
        if rate > goal and rate - goal > 0.01:
            candidates = [p for p in movable if p.done > 0]
            if not candidates:
                break
            ahead = max(candidates, key=lambda p: p.ratio - p.plan * pace)
            ahead.done -= 1
            if _branch_rate(plans)[0] < lowest:
                ahead.done += 1
                break
        else:
            candidates = [p for p in movable if p.done < cap(p)]
            if not candidates:
                break
            behind = min(candidates, key=lambda p: p.ratio - p.plan * pace)
            behind.done += 1


_STALL_NOTES = (
    "受工作面搬家倒面影响，本月暂缓开展",
    "本月生产任务重，活动延期至下月",
    "负责人外出培训，本月未开展",
)


def _progress_rows(rng: random.Random, branch: _Branch, plan: _TaskPlan) -> list[TaskProgress]:
    """Monthly quantities from the start month that add up to ``plan.done`` (skipping zero months)."""
    now = months.number_of(LAST_MONTH)
    last = min(plan.due, now)
    span = list(range(plan.start, last + 1))
    lagging = branch.spec.task_pace is not None
    if plan.done >= plan.target and plan.due > now and rng.random() < 0.5:
        span = span[: max(1, len(span) - rng.randint(1, 2))]  # finished early
    gamma = rng.uniform(0.55, 0.85) if lagging else rng.uniform(0.85, 1.15)
    cumulative, previous = [], 0
    for k in range(1, len(span) + 1):
        ideal = plan.done * (k / len(span)) ** gamma + rng.gauss(0, 0.35)
        value = plan.done if k == len(span) else max(previous, min(plan.done, round(ideal)))
        cumulative.append(value)
        previous = value
    quantities = [c - p for c, p in zip(cumulative, [0, *cumulative[:-1]], strict=True)]
    # Now and then a month's work is entered with the next month's.
    for k in range(len(quantities) - 1):
        if quantities[k] and rng.random() < 0.1:
            quantities[k + 1] += quantities[k]
            quantities[k] = 0
    rows = []
    secretary = branch.secretary_user
    for number, quantity in zip(span, quantities, strict=True):
        month = months.make(YEAR, number)
        note = None
        if quantity == 0:
            if not (lagging and number > plan.start + 2 and rng.random() < 0.12):
                continue
            note = rng.choice(_STALL_NOTES)
        elif rng.random() < 0.4:
            note = plan.template.note.format(n=quantity)
        entered = workday(rng, months.shift(month, 1), 1, 6)
        rows.append(
            TaskProgress(
                task_id=plan.row.id,
                month=month,
                quantity=Decimal(quantity),
                note=note,
                entered_by_id=secretary.id if secretary and rng.random() < 0.8 else None,
                updated_at=beijing(entered, rng.randint(9, 17), rng.choice((0, 15, 30, 45))),
            )
        )
    return rows


# --------------------------------------------------------------------------------------------- study


def _study(session: Session, branches: list[_Branch], counts: dict[str, int]) -> None:
    """One record per member and month; diligence varies per member, and per branch."""
    rng = _rng("study")
    study_months = months.span(FIRST_STUDY_MONTH, LAST_MONTH)
    year_months = [m for m in study_months if months.year_of(m) == YEAR]
    hours_goal = float(MONTHLY_HOURS_TARGET) * len(year_months)
    points_goal = MONTHLY_POINTS_TARGET * len(year_months)
    records: list[StudyRecord] = []
    for branch in branches:
        # A fixed share of each branch keeps up (a share, not a coin toss per member, so that small
        # branches land where their knob says).
        people = list(branch.people)
        diligent_people = rng.sample(people, round(len(people) * branch.spec.study_diligence))
        for person in people:
            present = [m for m in study_months if person.present_in(m) and _studies_in(person, m)]
            if not present:
                continue
            diligent = person in diligent_people
            if diligent:
                f_hours, f_points = rng.uniform(1.06, 1.4), rng.uniform(1.04, 1.2)
            else:
                short = rng.choice(("hours", "points", "both"))
                f_hours = rng.uniform(0.72, 0.96) if short != "points" else rng.uniform(1.0, 1.25)
                f_points = rng.uniform(0.8, 0.97) if short != "hours" else rng.uniform(1.0, 1.15)
            if rng.random() < 0.04:  # a few members have gaps in their records
                for gap in rng.sample(present, min(len(present), rng.randint(1, 2))):
                    present.remove(gap)
            quantum = rng.choice(("0.5", "0.5", "0.25", "0.1"))
            rows = []
            for month in present:
                hours = min(6.5, max(2.0, 4 * f_hours * rng.uniform(0.8, 1.2)))
                points = round(min(780, max(420, 600 * f_points * rng.uniform(0.88, 1.12))))
                rows.append([month, hours, points])
            if diligent:
                _top_up(rows, year_months, hours_goal, points_goal)
            for month, hours, points in rows:
                amount = money(hours, quantum)
                records.append(
                    StudyRecord(
                        member_id=person.row.id,
                        month=month,
                        points=points,
                        hours=amount,
                        sessions=max(1, min(6, round(float(amount) / rng.uniform(0.9, 2.2)))),
                    )
                )
    session.add_all(records)
    counts["studyrecord"] = len(records)


def _studies_in(person: _Person, month: str) -> bool:
    """Members who joined after the 15th start recording the month after."""
    joined = person.row.joined_on
    return months.of_date(joined) < month or joined.day <= 15


def _top_up(rows: list[list], year_months: list[str], hours_goal: float, points_goal: int) -> None:
    """Make sure a diligent member's year-to-date sums clear the targets despite noise and rounding."""
    in_year = [row for row in rows if row[0] in year_months]
    if len(in_year) < len(year_months):
        return  # joined this year or has gaps: cannot be on track anyway
    while sum(r[1] for r in in_year) < hours_goal + 0.6:
        low = min(in_year, key=lambda r: r[1])
        low[1] += 0.5
    while sum(r[2] for r in in_year) < points_goal + 20:
        low = min(in_year, key=lambda r: r[2])
        low[2] += 25


# --------------------------------------------------------------------------------------------- budget


def _budget(session: Session, branches: list[_Branch], counts: dict[str, int]) -> None:
    rng = _rng("budget")
    categories, added = expense_categories(session)

    # Allocations in whole hundreds: the 1 % of last year's payroll, by member count, then by category.
    total_hundreds = int(budget_rule_amount(PAYROLL[YEAR]) / 100)
    per_branch = largest_remainder(total_hundreds, [b.spec.members for b in branches])
    allocations, allocated = [], {}
    for branch, hundreds in zip(branches, per_branch, strict=True):
        for category, part in zip(
            categories, largest_remainder(hundreds, list(catalog.CATEGORY_SHARES)), strict=True
        ):
            amount = Decimal(part * 100).quantize(CENT)
            allocated[branch.org.id, category.id] = amount
            allocations.append(
                BudgetAllocation(year=YEAR, branch_id=branch.org.id, category_id=category.id, amount=amount)
            )
    session.add_all(allocations)

    expenses: list[Expense] = []
    for branch in branches:
        amounts = [allocated[branch.org.id, category.id] for category in categories]
        expenses += _branch_expenses(rng, branch, categories, amounts)
    # Vouchers are numbered through each month in date order; over-allocation confirmed in date order.
    expenses.sort(key=lambda e: (e.spent_on, e.branch_id, e.amount))
    sequence: dict[str, int] = defaultdict(int)
    running: dict[tuple[int, int], Decimal] = defaultdict(Decimal)
    for expense in expenses:
        sequence[expense.month] += 1
        expense.voucher_no = f"PZ-{expense.month}-{sequence[expense.month]:04d}"
        key = (expense.branch_id, expense.category_id)
        running[key] += expense.amount
        expense.over_allocation_confirmed = running[key] > allocated[key]
    session.add_all(expenses)
    counts["expensecategory"] = added
    counts["budgetallocation"] = len(allocations)
    counts["expense"] = len(expenses)


def _branch_expenses(
    rng: random.Random,
    branch: _Branch,
    categories: list[ExpenseCategory],
    allocations: list[Decimal],
) -> list[Expense]:
    """The branch's expenses of the year through LAST_MONTH: each category spends about its share of
    ``budget_rate``; seasons (春节, 七一) move money between months; 3–6 expenses a month."""
    spec = branch.spec
    names = [c.name for c in categories]
    last = months.number_of(LAST_MONTH)
    rate = spec.budget_rate + rng.uniform(-0.006, 0.006)
    jitter = [rng.uniform(0.88, 1.1) for _ in names]
    norm = sum(float(a) * j for a, j in zip(allocations, jitter, strict=True)) / float(sum(allocations))
    targets = [float(a) * j / norm * rate for a, j in zip(allocations, jitter, strict=True)]
    goal = Decimal(str(sum(targets))).quantize(CENT)

    # How many expenses: about one per 2,000 元, 3–6 a month; split by category as money ÷ typical amount.
    low_high = [catalog.AMOUNT_RANGES[name][:2] for name in names]
    typical = [(high - low) / math.log(high / low) for low, high in low_high]
    total = min(round(5.5 * last), max(round(3.3 * last), round(sum(targets) / 2000 * rng.uniform(0.9, 1.2))))
    per_category = largest_remainder(
        total - len(names), [t / m for t, m in zip(targets, typical, strict=True)]
    )
    drafts: list[list] = []  # [month number, category index, raw amount]
    for index, name in enumerate(names):
        boost = [catalog.MONTH_CATEGORY_BOOST.get(m, {}).get(name, 1.0) for m in range(1, last + 1)]
        raws = [
            math.exp(rng.uniform(*map(math.log, low_high[index]))) for _ in range(per_category[index] + 1)
        ]
        scale = targets[index] / sum(raws)
        for raw in raws:
            drafts.append([rng.choices(range(1, last + 1), boost)[0], index, raw * scale])
    # Even out the months to 3–6 expenses each by moving an expense from the busiest month.
    for _ in range(200):
        count = {m: sum(d[0] == m for d in drafts) for m in range(1, last + 1)}
        quiet, busy = min(count, key=count.get), max(count, key=count.get)
        if count[quiet] >= 3 and count[busy] <= 6:
            break
        rng.choice([d for d in drafts if d[0] == busy])[0] = quiet

    amounts = [money(raw, catalog.AMOUNT_RANGES[names[index]][2]) for _, index, raw in drafts]
    # The difference left by rounding goes to the largest cent-rounded expense.
    free = [i for i, (_, index, _) in enumerate(drafts) if catalog.AMOUNT_RANGES[names[index]][2] == "0.01"]
    largest = max(free, key=lambda i: amounts[i])
    amounts[largest] += goal - sum(amounts)
    rows = []
    secretary = branch.secretary_user
    for (number, index, _), amount in zip(drafts, amounts, strict=True):
        day = workday(rng, months.make(YEAR, number), 1, 28)
        rows.append(
            Expense(
                spent_on=day,
                month=months.of_date(day),
                branch_id=branch.org.id,
                category_id=categories[index].id,
                amount=amount,
                purpose=purpose(rng, names[index], number, amount),
                entered_by_id=secretary.id if secretary else None,
                created_at=beijing(
                    day + timedelta(days=rng.randint(0, 3)), rng.randint(9, 17), rng.randint(0, 59)
                ),
            )
        )
    return rows


# --------------------------------------------------------------------------------------------- meetings

# Meetings a lagging branch did not hold: (branch, kind, month number, group index or None).
_MISSED = {
    ("综采二队党支部", MeetingKind.COMMITTEE, 8, None),
    ("综采二队党支部", MeetingKind.GROUP, 7, 2),
    ("综采二队党支部", MeetingKind.GROUP, 9, 1),
    ("掘进一队党支部", MeetingKind.THEME_DAY, 5, None),
    ("掘进一队党支部", MeetingKind.GROUP, 8, 0),
    ("运输队党支部", MeetingKind.GROUP, 4, 1),
    ("运输队党支部", MeetingKind.COMMITTEE, 10, None),
}
# Meetings that half the expected people missed (shift work, an emergency repair, the holidays).
_POORLY_ATTENDED = {
    ("综采一队党支部", MeetingKind.GROUP, 2, 1),
    ("综采二队党支部", MeetingKind.THEME_DAY, 6, None),
    ("掘进一队党支部", MeetingKind.GROUP, 7, 2),
    ("运输队党支部", MeetingKind.THEME_DAY, 9, None),
    ("机电队党支部", MeetingKind.GROUP, 5, 0),
}


def _meetings(session: Session, branches: list[_Branch], counts: dict[str, int]) -> None:
    rng = _rng("meetings")
    rows: list[Meeting] = []
    for branch in branches:
        spec = branch.spec
        by_group = defaultdict(list)
        for person in branch.people:
            by_group[person.row.group_id].append(person)

        def present(day: date, people: list[_Person]) -> int:
            return sum(p.present_on(day) for p in people)

        for number in range(1, months.number_of(LAST_MONTH) + 1):
            month = months.make(YEAR, number)
            committee_size = 7 if spec.members >= 30 else 5
            day = workday(rng, month, 3, 9)
            planned = [(MeetingKind.COMMITTEE, day, committee_size, catalog.COMMITTEE_TOPICS[number], None)]
            for index, group in enumerate(branch.groups):
                day = workday(rng, month, 10, 20)
                topic = catalog.GROUP_TOPICS[(number + index) % len(catalog.GROUP_TOPICS)]
                planned.append((MeetingKind.GROUP, day, present(day, by_group[group.id]), topic, index))
            whole_branch = [(MeetingKind.THEME_DAY, catalog.THEME_DAY_TOPICS[number], 15, 26)]
            if number in catalog.CONGRESS_TOPICS:  # quarterly
                whole_branch.append((MeetingKind.CONGRESS, catalog.CONGRESS_TOPICS[number], 22, 28))
                whole_branch.append((MeetingKind.LECTURE, catalog.LECTURE_TOPICS[number], 18, 28))
            for kind, topic, first, last in whole_branch:
                is_july_first = kind == MeetingKind.THEME_DAY and number == 7
                day = date(YEAR, 7, 1) if is_july_first else workday(rng, month, first, last)
                planned.append((kind, day, present(day, branch.people), topic, None))
            for kind, day, expected, topic, group in planned:
                key = (spec.name, kind, number, group)
                if key in _MISSED or expected <= 0:
                    continue
                rows.append(_meeting(rng, branch, kind, day, expected, topic, poorly=key in _POORLY_ATTENDED))
    session.add_all(rows)
    counts["meeting"] = len(rows)


def _meeting(
    rng: random.Random,
    branch: _Branch,
    kind: MeetingKind,
    day: date,
    expected: int,
    topic: str,
    *,
    poorly: bool,
) -> Meeting:
    """A held meeting; a few absences (shift work underground), or half missing when ``poorly``."""
    if poorly:
        actual = expected // 2 - rng.randint(0, 2)
    else:
        if kind == MeetingKind.COMMITTEE:
            rate = 0.03
        elif branch.spec.task_pace is not None:
            rate = 0.12
        else:
            rate = 0.04 if branch.spec.grid == catalog.GRID_OFFICE else 0.07
        actual = expected - sum(rng.random() < rate for _ in range(expected))
    return Meeting(
        branch_id=branch.org.id,
        kind=kind,
        held_on=day,
        month=months.of_date(day),
        expected_attendance=expected,
        actual_attendance=max(1, actual),
        topic=topic,
        entered_by_id=branch.secretary_user.id if branch.secretary_user else None,
    )


# --------------------------------------------------------------------------------------------- submissions


def _submissions(session: Session, branches: list[_Branch], leader: User, counts: dict[str, int]) -> None:
    rng = _rng("submissions")
    rows: list[Submission] = []
    for branch in branches:
        secretary = branch.secretary_user
        for month in months.span(months.first_of_year(LAST_MONTH), LAST_MONTH):
            status = SubmissionStatus.APPROVED if month < LAST_MONTH else branch.spec.last_month_status
            if status is None:
                continue
            next_month = months.shift(month, 1)
            submitted_on = workday(rng, next_month, 1, 5)
            reviewed_on = submitted_on + timedelta(days=rng.randint(1, 2))
            row = Submission(branch_id=branch.org.id, month=month, status=status)
            if status != SubmissionStatus.DRAFT:
                row.submitted_by_id = secretary.id if secretary else None
                row.submitted_at = beijing(submitted_on, rng.randint(9, 17), rng.randint(0, 59))
            if status in (SubmissionStatus.APPROVED, SubmissionStatus.RETURNED):
                row.reviewed_by_id = leader.id
                row.reviewed_at = beijing(reviewed_on, rng.randint(9, 17), rng.randint(0, 59))
            if status == SubmissionStatus.RETURNED:
                row.comment = catalog.RETURN_COMMENT
            rows.append(row)
    session.add_all(rows)
    counts["submission"] = len(rows)
