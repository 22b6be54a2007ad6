"""Demo data for one coal mine, 北山煤矿: about 400 members in 15 党支部, relative to the product clock.

The demo's calendar (``DemoCalendar``) follows ``clock.today()``: the year of the last complete month has
its tasks, budget and figures through that month, the twelve months before it have study records, and a
few 党支部 have begun the current month (a 草稿 with an expense or a meeting). On a day in January the
new year is also started from the old one's task list and budget, as an administrator does
(``data_layer.setup.new_year``). Everything else comes from seeded random generators, so the same day always
writes the same rows. The knobs were tuned for a demo ending in October (``WRITTEN_FOR``); in other months
the dated ones (recent joiners, missed meetings) keep their distance before the last month.
``seed_mine`` only adds and flushes; the caller owns the transaction.
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

from data_layer import clock, months, setup
from data_layer.auth import actor_of, hash_password
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
from data_layer.rules import budget_rule_amount, largest_remainder
from data_layer.store import settings
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
    money,
    purpose,
    random_day,
    workday,
)
from seed.dues import seed_dues  # 党费
from seed.ideas import seed_ideas  # 金点子
from seed.names import NameBook
from seed.pairs import seed_pairs  # 帮扶结对
from seed.safety import seed_safety  # 党建+安全生产
from seed.stars import seed_stars

SEED = 20261001
WRITTEN_FOR = "2026-10"  # the last month the dated knobs below were written for
_WRITTEN_NUMBER = months.number_of(WRITTEN_FOR)
DEMO_PASSWORD = "demo2026"
DEMO_SCALE = "mine"

# Last year's payroll (the base of the 1 % rule) for the demo's year and the year before; the next
# year's grows by the same step when the demo starts it in January.
PAYROLL = Decimal("150000000.00")
PAYROLL_BEFORE = Decimal("142000000.00")
PAYROLL_NEXT = Decimal("156000000.00")
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


# --------------------------------------------------------------------------------------------- calendar


@dataclass(frozen=True)
class DemoCalendar:
    """The months the demo covers on ``today``: figures through the last complete month."""

    today: date

    @property
    def last_month(self) -> str:
        return months.previous(months.of_date(self.today))

    @property
    def year(self) -> int:
        """The year of the last complete month: its tasks, budget and figures are the demo's core."""
        return months.year_of(self.last_month)

    @property
    def number(self) -> int:
        """The last month's number in its year (1–12)."""
        return months.number_of(self.last_month)

    @property
    def first_study_month(self) -> str:
        return months.shift(self.last_month, -11)  # twelve months of study records

    @property
    def offset(self) -> int:
        """Months from ``WRITTEN_FOR`` to the last month."""
        return months.index(self.last_month) - months.index(WRITTEN_FOR)

    def shifted(self, day: date) -> date:
        """A date written for a demo ending in ``WRITTEN_FOR``, as far before this demo's last month
        (never after today)."""
        year, number = months.parse(months.shift(months.of_date(day), self.offset))
        moved = date(year, number, min(day.day, months.last_day(months.make(year, number)).day))
        return min(moved, self.today)

    def recent(self, number: int) -> int | None:
        """A month number of ``WRITTEN_FOR``'s year, as far before the last month; None before January."""
        moved = number + self.number - _WRITTEN_NUMBER
        return moved if moved >= 1 else None


# The demo exactly as its knobs were written (data through WRITTEN_FOR): tests that check its figures
# by value seed it on this day.
AS_WRITTEN = DemoCalendar(date(2026, 11, 10))


def demo_calendar() -> DemoCalendar:
    """The demo's calendar today, by the product clock."""
    return DemoCalendar(clock.today())


# --------------------------------------------------------------------------------------------- helpers


def _rng(section: str) -> random.Random:
    """One generator per section, so tuning one part of the demo leaves the others as they were."""
    return random.Random(f"{SEED}/{section}")


@dataclass
class _Person:
    """A generated member with what the later sections need to know about them."""

    row: Member
    spec: BranchSpec
    left_month: str | None = None  # the month of their 转出 or 离世: from it no longer a member
    fixed: bool = False  # secretary, head or committee leader: never picked for special roles

    @property
    def start(self) -> date:
        """The day they start counting: the later of 入党 and 转入 (as metrics/membership.py)."""
        return max(self.row.joined_on, self.row.arrived_on or self.row.joined_on)

    @property
    def stays(self) -> bool:
        """Still a member at the end of the demo (neither 转出 nor 离世)."""
        return self.left_month is None

    def present_in(self, month: str) -> bool:
        started = months.of_date(self.start) <= month
        return started and (self.left_month is None or month < self.left_month)

    def present_on(self, day: date) -> bool:
        return self.start <= day and (self.left_month is None or months.of_date(day) < self.left_month)


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


def seed_mine(*, session: Session, calendar: DemoCalendar | None = None) -> dict[str, int]:
    """Fill an empty database with the demo mine as of ``calendar`` (default: the product clock's today);
    returns the number of rows written per table name."""
    if not is_empty(session=session):
        raise Refused("数据库中已有组织数据，演示数据只能写入空数据库")
    cal = calendar or demo_calendar()
    counts: dict[str, int] = {}

    _parameters(session, cal, counts)
    branches = _organisations(session, counts)
    _members(session, cal, branches, counts)
    users = _users(session, branches, counts)
    _tasks(session, cal, branches, counts)
    _study(session, cal, branches, counts)
    _budget(session, cal, branches, counts)
    _meetings(session, cal, branches, counts)
    _submissions(session, cal, branches, users["leader"], counts)
    counts["benchmarkindicator"], counts["manualscore"] = seed_stars(
        session=session,
        year=cal.year,
        last_month=cal.last_month,
        branches=branches,
        admin=users["admin"],
        leader=users["leader"],
    )
    counts["idea"] = seed_ideas(  # 金点子
        session=session, year=cal.year, last_month=cal.last_month, today=cal.today, branches=branches
    )
    counts["pairing"], counts["pairvisit"] = seed_pairs(  # 帮扶结对
        session=session, year=cal.year, last_month=cal.last_month, branches=branches
    )
    counts["duesrecord"] = seed_dues(  # 党费
        session=session, year=cal.year, last_month=cal.last_month, branches=branches
    )
    counts |= seed_safety(  # 党建+安全生产
        session=session,
        first_month=cal.first_study_month,
        last_month=cal.last_month,
        branches=branches,
        admin=users["admin"],
    )
    if cal.today.year > cal.year:
        _start_new_year(session, cal, users["admin"], counts)
    _this_month(session, cal, branches, counts)
    settings.put(session=session, key=settings.DEMO_MARKER, value=DEMO_SCALE)
    settings.put(session=session, key=settings.DEMO_PASSWORD, value=DEMO_PASSWORD)
    session.flush()
    return counts


# --------------------------------------------------------------------------------------------- sections


def _parameters(session: Session, cal: DemoCalendar, counts: dict[str, int]) -> None:
    payrolls = {cal.year - 1: PAYROLL_BEFORE, cal.year: PAYROLL}
    for year, payroll in payrolls.items():
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
    counts["yearparameter"] = len(payrolls)
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


# Dates on which members joined the party recently (all probationary), for a demo ending in WRITTEN_FOR
# (DemoCalendar.shifted moves them); two after the last month.
_JOINED_RECENTLY = (
    date(2026, 1, 12), date(2026, 3, 20), date(2026, 6, 26), date(2026, 6, 29), date(2026, 7, 1),
    date(2026, 7, 1), date(2026, 9, 18), date(2026, 9, 25), date(2026, 11, 3), date(2026, 11, 6),
)  # fmt: skip
_JOINED_A_YEAR_AGO = 22
_LEAVING = 8  # 转出 (one of them 离世), 2–9 months before the last month as written
_ARRIVING = (2, 5, 9)  # 转入 from outside the mine, this many months before the last month


def _members(session: Session, cal: DemoCalendar, branches: list[_Branch], counts: dict[str, int]) -> None:
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
                joined = min(joined, cal.shifted(date(2025, 6, 30)))
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
    leaving = rng.sample(veterans, _LEAVING)
    picked = rng.sample(
        [p for p in candidates if p not in leaving], len(_JOINED_RECENTLY) + _JOINED_A_YEAR_AGO
    )
    recent, late = picked[: len(_JOINED_RECENTLY)], picked[len(_JOINED_RECENTLY) :]
    for person, joined in zip(recent, _JOINED_RECENTLY, strict=True):
        person.row.joined_on = cal.shifted(joined)
    for person in late:
        person.row.joined_on = cal.shifted(date(2025, rng.randint(9, 12), rng.randint(1, 28)))
    for person in recent + late:
        person.row.category = MemberCategory.PROBATIONARY
        person.row.post = _young_post(person)
    for number_left, person in enumerate(leaving):
        person.left_month = months.shift(cal.last_month, rng.randint(2, 9) - _WRITTEN_NUMBER)
        day = months.last_day(person.left_month).replace(day=int(person.row.member_no[2:]) % 28 + 1)
        if number_left == 0:
            person.row.died_on = day
        else:
            person.row.left_on = day
    staying = [p for p in candidates if p not in leaving and p not in picked and p.row.joined_on.year < 2020]
    for person, back in zip(_rng("arrivals").sample(staying, len(_ARRIVING)), _ARRIVING, strict=True):
        month = months.shift(cal.last_month, -back)
        person.row.arrived_on = months.last_day(month).replace(day=int(person.row.member_no[2:]) % 28 + 1)

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
    now: int  # the last month's number
    done: int = 0  # quantity done by the last month
    weight: float = 1.0

    @property
    def started(self) -> bool:
        return self.start <= self.now

    @property
    def plan(self) -> float:
        """Plan progress at the last month, as metrics computes it (0 before the start month)."""
        if not self.started:
            return 0.0
        return 1.0 if self.due <= self.now else (self.now - self.start + 1) / (self.due - self.start + 1)

    @property
    def ratio(self) -> float:
        return min(self.done / self.target, 1.0)


def _branch_rate(plans: list[_TaskPlan]) -> tuple[float, float]:
    """(completion, plan progress) weighted over the tasks started by the last month, as metrics counts."""
    plans = [p for p in plans if p.started]
    weight = sum(p.weight for p in plans)
    return sum(p.weight * p.ratio for p in plans) / weight, sum(p.weight * p.plan for p in plans) / weight


def _tasks(session: Session, cal: DemoCalendar, branches: list[_Branch], counts: dict[str, int]) -> None:
    rng = _rng("tasks")
    year = cal.year
    goals = {
        spec.key: Goal(year=year, title=catalog.for_year(spec.title, year), category=spec.category)
        for spec in catalog.GOALS
    }
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
        owners = _owners(rng, branch, [key for key, _ in templates], year)
        plans = []
        for number, ((key, template), owner) in enumerate(zip(templates, owners, strict=True), start=1):
            start = min(4, template.start + (1 if rng.random() < 0.3 else 0))
            due = max(rng.choice(template.due), start + 4)
            target = rng.choice(template.targets)
            claimed = rng.random() < (0.15 if key in catalog.COMMON_TASKS else 0.45)
            row = Task(
                code=f"{year}-{spec.abbr}-{number:02d}",
                title=catalog.for_year(template.title, year),
                goal_id=goals[template.goal].id,
                branch_id=branch.org.id,
                owner_member_id=owner.row.id,
                unit=template.unit,
                target_quantity=Decimal(target),
                weight=Decimal(template.weight),
                start_month=months.make(year, start),
                due_month=months.make(year, due),
                mode=TaskMode.CLAIMED if claimed else TaskMode.ASSIGNED,
            )
            plans.append(
                _TaskPlan(row, template, start, due, target, cal.number, weight=float(template.weight))
            )
        all_plans.append((branch, plans))
    session.add_all([p.row for _, plans in all_plans for p in plans])
    session.flush()

    progress: list[TaskProgress] = []
    for branch, plans in all_plans:
        _choose_done(rng, branch.spec, plans)
        for plan in plans:
            progress += _progress_rows(rng, branch, plan, year)
    session.add_all(progress)
    counts["goal"] = len(goals)
    counts["task"] = sum(len(plans) for _, plans in all_plans)
    counts["taskprogress"] = len(progress)


def _owners(rng: random.Random, branch: _Branch, keys: list[str], year: int) -> list[_Person]:
    """Owners: the secretary takes the 党课 and the standardisation task, the rest are spread out;
    two people are clearly overloaded (the secretary of 综采二队, a 党建干事 of 机关第一)."""
    secretary = branch.people[0]
    pool = [p for p in branch.people[1:] if p.stays and p.row.joined_on.year < year]
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
    """How much of each task is done by the last month: a little ahead of plan progress for most branches
    (tasks past due finished), ``task_pace`` of plan progress for the lagging ones (nothing finished).
    Tasks not started yet have nothing done."""
    plans = [p for p in plans if p.started]
    if not plans:
        return
    now = plans[0].now
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


def _progress_rows(rng: random.Random, branch: _Branch, plan: _TaskPlan, year: int) -> list[TaskProgress]:
    """Monthly quantities from the start month that add up to ``plan.done`` (skipping zero months)."""
    if not plan.started:
        return []
    now = plan.now
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
        month = months.make(year, number)
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


def _study(session: Session, cal: DemoCalendar, branches: list[_Branch], counts: dict[str, int]) -> None:
    """One record per member and month; diligence varies per member, and per branch."""
    rng = _rng("study")
    study_months = months.span(cal.first_study_month, cal.last_month)
    year_months = [m for m in study_months if months.year_of(m) == cal.year]
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
    """Members who started (入党 or 转入) after the 15th start recording the month after."""
    started = person.start
    return months.of_date(started) < month or started.day <= 15


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


def _budget(session: Session, cal: DemoCalendar, branches: list[_Branch], counts: dict[str, int]) -> None:
    rng = _rng("budget")
    categories, added = expense_categories(session)

    # Allocations in whole hundreds: the 1 % of last year's payroll, by member count, then by category.
    total_hundreds = int(budget_rule_amount(PAYROLL) / 100)
    per_branch = largest_remainder(total_hundreds, [b.spec.members for b in branches])
    allocations, allocated = [], {}
    for branch, hundreds in zip(branches, per_branch, strict=True):
        for category, part in zip(
            categories, largest_remainder(hundreds, list(catalog.CATEGORY_SHARES)), strict=True
        ):
            amount = Decimal(part * 100).quantize(CENT)
            allocated[branch.org.id, category.id] = amount
            allocations.append(
                BudgetAllocation(
                    year=cal.year, branch_id=branch.org.id, category_id=category.id, amount=amount
                )
            )
    session.add_all(allocations)

    expenses: list[Expense] = []
    for branch in branches:
        amounts = [allocated[branch.org.id, category.id] for category in categories]
        expenses += _branch_expenses(rng, cal, branch, categories, amounts)
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
    cal: DemoCalendar,
    branch: _Branch,
    categories: list[ExpenseCategory],
    allocations: list[Decimal],
) -> list[Expense]:
    """The branch's expenses of the year through the last month: each category spends about its share of
    ``budget_rate`` (the execution at October, in proportion for other months); seasons (春节, 七一)
    move money between months; 3–6 expenses a month."""
    spec = branch.spec
    names = [c.name for c in categories]
    last = cal.number
    rate = (spec.budget_rate + rng.uniform(-0.006, 0.006)) * (last / _WRITTEN_NUMBER)
    jitter = [rng.uniform(0.88, 1.1) for _ in names]
    norm = sum(float(a) * j for a, j in zip(allocations, jitter, strict=True)) / float(sum(allocations))
    targets = [float(a) * j / norm * rate for a, j in zip(allocations, jitter, strict=True)]
    goal = Decimal(str(sum(targets))).quantize(CENT)

    # How many expenses: about one per 2,000 元, 3–6 a month; split by category as money ÷ typical amount.
    low_high = [catalog.AMOUNT_RANGES[name][:2] for name in names]
    typical = [(high - low) / math.log(high / low) for low, high in low_high]
    total = min(round(5.5 * last), max(round(3.3 * last), round(sum(targets) / 2000 * rng.uniform(0.9, 1.2))))
    total = max(total, len(names))  # at least one expense of each category
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
        day = workday(rng, months.make(cal.year, number), 1, 28)
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

# Meetings a lagging branch did not hold: (branch, kind, month number in WRITTEN_FOR's year, group index
# or None); DemoCalendar.recent moves the month numbers.
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


def _meetings(session: Session, cal: DemoCalendar, branches: list[_Branch], counts: dict[str, int]) -> None:
    rng = _rng("meetings")
    missed, poorly_attended = ({_recent(cal, key) for key in keys} for keys in (_MISSED, _POORLY_ATTENDED))
    rows: list[Meeting] = []
    for branch in branches:
        spec = branch.spec
        by_group = defaultdict(list)
        for person in branch.people:
            by_group[person.row.group_id].append(person)

        def present(day: date, people: list[_Person]) -> int:
            return sum(p.present_on(day) for p in people)

        for number in range(1, cal.number + 1):
            month = months.make(cal.year, number)
            committee_size = _committee_size(spec)
            day = workday(rng, month, 3, 9)
            topic = catalog.for_year(catalog.COMMITTEE_TOPICS[number], cal.year)
            planned = [(MeetingKind.COMMITTEE, day, committee_size, topic, None)]
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
                day = date(cal.year, 7, 1) if is_july_first else workday(rng, month, first, last)
                planned.append((kind, day, present(day, branch.people), topic, None))
            for kind, day, expected, topic, group in planned:
                key = (spec.name, kind, number, group)
                if key in missed or expected <= 0:
                    continue
                held_by = branch.groups[group] if group is not None else None
                rows.append(
                    _meeting(
                        rng, branch, kind, day, expected, topic, poorly=key in poorly_attended, group=held_by
                    )
                )
    session.add_all(rows)
    counts["meeting"] = len(rows)


def _committee_size(spec: BranchSpec) -> int:
    """支委会 members: seven in a branch of 30 or more, else five."""
    return 7 if spec.members >= 30 else 5


def _recent(cal: DemoCalendar, key: tuple) -> tuple:
    branch, kind, number, group = key
    return branch, kind, cal.recent(number), group


def _meeting(
    rng: random.Random,
    branch: _Branch,
    kind: MeetingKind,
    day: date,
    expected: int,
    topic: str,
    *,
    poorly: bool,
    group: Organisation | None = None,
) -> Meeting:
    """A held meeting (a 党小组会 by its ``group``); a few absences (shift work underground), or half
    missing when ``poorly``."""
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
        group_id=group.id if group else None,
        kind=kind,
        held_on=day,
        month=months.of_date(day),
        expected_attendance=expected,
        actual_attendance=max(1, actual),
        topic=topic,
        entered_by_id=branch.secretary_user.id if branch.secretary_user else None,
    )


# --------------------------------------------------------------------------------------------- submissions


def _submissions(
    session: Session, cal: DemoCalendar, branches: list[_Branch], leader: User, counts: dict[str, int]
) -> None:
    """The year's months through the last: 已审核, the last month as each branch's knob says. The months of
    the year before that have study records were 已审核 too (their own generator, so the year's rows stay
    as they are whatever the month)."""
    rows: list[Submission] = []
    _submission_rows(
        rows, _rng("submissions"), cal, branches, leader, first=months.first_of_year(cal.last_month)
    )
    earlier = _rng("submissions-before")
    _submission_rows(
        rows,
        earlier,
        cal,
        branches,
        leader,
        first=cal.first_study_month,
        before=months.first_of_year(cal.last_month),
    )
    session.add_all(rows)
    counts["submission"] = len(rows)


def _submission_rows(
    rows: list[Submission],
    rng: random.Random,
    cal: DemoCalendar,
    branches: list[_Branch],
    leader: User,
    *,
    first: str,
    before: str | None = None,
) -> None:
    """Submissions from ``first`` through the last month, or up to (not including) ``before``."""
    last = months.previous(before) if before else cal.last_month
    if last < first:
        return
    for branch in branches:
        secretary = branch.secretary_user
        for month in months.span(first, last):
            status = SubmissionStatus.APPROVED if month < cal.last_month else branch.spec.last_month_status
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


# --------------------------------------------------------------------------------------------- the turn of the year


def _start_new_year(session: Session, cal: DemoCalendar, admin: User, counts: dict[str, int]) -> None:
    """In January the administrator has started the new year from the old one (data_layer.setup.new_year)."""
    started = setup.start_new_year(
        session=session, actor=actor_of(admin), year=cal.today.year, payroll=PAYROLL_NEXT
    )
    counts["yearparameter"] += 1
    counts["goal"] += started.goals
    counts["task"] += started.tasks
    counts["budgetallocation"] += started.allocations
    counts["benchmarkindicator"] += started.indicators


# --------------------------------------------------------------------------------------------- this month

_STARTED_THIS_MONTH = 4  # 党支部 that have begun the current month by today
_EARLY_EXPENSE = ("学习教育", 300, 1500)  # category and amount range of an expense early in the month


def _this_month(session: Session, cal: DemoCalendar, branches: list[_Branch], counts: dict[str, int]) -> None:
    """A few 党支部 that reported last month on time have begun this month by today: each has an
    expense or a 支委会 dated on or before today, and the month is their 草稿."""
    rng = _rng("this-month")
    month = months.of_date(cal.today)
    number = months.number_of(month)
    punctual = [
        b
        for b in branches
        if b.spec.last_month_status in (SubmissionStatus.APPROVED, SubmissionStatus.SUBMITTED)
    ]
    chosen = sorted(rng.sample(punctual, _STARTED_THIS_MONTH), key=branches.index)
    category = session.exec(select(ExpenseCategory).where(ExpenseCategory.name == _EARLY_EXPENSE[0])).one()
    rows: list = []
    for sequence, branch in enumerate(chosen, start=1):
        day = workday(rng, month, 1, cal.today.day)
        secretary = branch.secretary_user
        if sequence % 2:
            amount = money(rng.uniform(*_EARLY_EXPENSE[1:]), "10")
            rows.append(
                Expense(
                    spent_on=day,
                    month=month,
                    branch_id=branch.org.id,
                    category_id=category.id,
                    amount=amount,
                    purpose=purpose(rng, category.name, number, amount),
                    voucher_no=f"PZ-{month}-{sequence:04d}",
                    entered_by_id=secretary.id if secretary else None,
                    created_at=beijing(day, rng.randint(9, 17), rng.randint(0, 59)),
                )
            )
            counts["expense"] += 1
        else:
            expected = _committee_size(branch.spec)
            topic = catalog.for_year(catalog.COMMITTEE_TOPICS[number], cal.today.year)
            rows.append(_meeting(rng, branch, MeetingKind.COMMITTEE, day, expected, topic, poorly=False))
            counts["meeting"] += 1
        rows.append(Submission(branch_id=branch.org.id, month=month, status=SubmissionStatus.DRAFT))
        counts["submission"] += 1
    session.add_all(rows)
