"""Demo data for a group company (集团公司): one 党委, about 120 党总支 (its enterprises), 2,500 党支部 with
2–4 党小组 each, 60,000 members and 36 months of figures ending at the last complete month
(the product clock's, as for the mine, or ``last_month``).

Built for size: rows are generated as dicts and written in chunks by ``seed.bulk``; the ids later rows
point at are given here. Each 党支部 has a form per year (most on plan, some leading, some lagging) that
shapes its tasks, study, spending, meetings and submissions together, so the charts have something to
show. Every section draws from generators seeded per 党支部, never the wall clock, so every run writes the
same rows. ``seed_group`` only adds; the caller owns the transaction.
"""

import math
import random
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import func
from sqlmodel import Session, SQLModel, select

from data_layer import months as cal
from data_layer.auth import hash_password
from data_layer.errors import Refused
from data_layer.models import (
    BenchmarkIndicator,
    BudgetAllocation,
    DuesRecord,
    Expense,
    Goal,
    Idea,
    ManualScore,
    Meeting,
    Member,
    Organisation,
    Pairing,
    PairVisit,
    PioneerCheck,
    PioneerPost,
    ProductionFigure,
    ProductionIndicator,
    SafetyRecord,
    Setting,
    StudyRecord,
    Submission,
    Task,
    TaskProgress,
    User,
    YearParameter,
)
from data_layer.rules import budget_rule_amount, largest_remainder
from data_layer.store import settings
from data_layer.vocab import MeetingKind, MemberCategory, OrgKind, Role, SubmissionStatus, TaskMode
from seed import catalog, group_lean, group_safety, stars
from seed import group_catalog as words
from seed.bulk import BulkWriter, analyze, reset_sequences
from seed.catalog import TaskTemplate
from seed.common import (
    CENT,
    beijing,
    expense_categories,
    money,
    purpose,
    random_day,
    workday,
)
from seed.mine import (
    DEMO_PASSWORD,
    MONTHLY_HOURS_TARGET,
    MONTHLY_POINTS_TARGET,
    SETTINGS,
    demo_calendar,
    is_empty,
)
from seed.names import NameBook

SEED = 20231101
DEMO_SCALE = "group"
BRANCHES, MEMBERS, MONTHS = 2500, 60000, 36
BRANCHES_PER_GENERAL = 2500 / 120
MIN_MEMBERS = 6  # per 党支部: a secretary, a head and enough people to own tasks
TASKS_PER_YEAR = 12
PAYROLL_PER_MEMBER = 375_000  # last year's payroll per member in the last year, as at the mine
PAYROLL_GROWTH = 1.04  # a year
JOINING_SHARE, LEAVING_SHARE = 0.05, 0.025  # of the members: joined, left within the months seeded

_HUNDREDTHS = [Decimal(k).scaleb(-2) for k in range(1001)]  # 0.00 … 10.00
_SECRETARY_TASKS = ("lecture", "standard")  # the secretary owns these
_ASPECTS = ("tasks", "study", "budget", "meetings", "submissions")
_SPENDING_WEIGHT = {1: 1.3, 2: 1.2, 6: 1.3, 7: 1.5, 12: 1.4}  # festivals, 七一, the year's end
_STALL_NOTES = (
    "受工作面搬家倒面影响，本月暂缓开展",
    "本月生产任务重，活动延期至下月",
    "负责人外出培训，本月未开展",
)


def _rng(section: str, number: int = 0) -> random.Random:
    """One generator per section and 党支部, so each part stays the same while another is tuned."""
    return random.Random(f"{SEED}/{section}/{number}")


def secretary_username(number: int, branches: int = BRANCHES) -> str:
    """The login of the secretary of the ``number``-th 党支部: zb0001 … zb2500."""
    return f"zb{number:0{max(4, len(str(branches)))}d}"


def demo_usernames(branches: int = BRANCHES) -> tuple[str, ...]:
    """The demo logins a group seed of ``branches`` 党支部 leaves, in the order they are created."""
    return ("admin", "leader", "zuzhibu", *(secretary_username(n, branches) for n in range(1, branches + 1)))


@dataclass(slots=True)
class _Person:
    id: int
    name: str
    post: str
    joined: date
    left: str | None = None  # first month no longer a member (inactive members only)
    group_id: int = 0
    joined_month: str = field(init=False)

    def __post_init__(self) -> None:
        self.joined_month = cal.of_date(self.joined)

    def present_in(self, month: str) -> bool:
        return self.joined_month <= month and (self.left is None or month < self.left)

    def studies_in(self, month: str) -> bool:
        """Present, and not joined after the 15th of ``month`` (they start recording the month after)."""
        return self.present_in(month) and (self.joined_month < month or self.joined.day <= 15)


@dataclass
class _Branch:
    number: int  # 1 … branches, in tree order
    id: int
    name: str
    unit: words.Unit
    size: int
    form: dict[int, float]  # per year: about N(0, 1); below −1 lags, above 1 leads
    bias: dict[str, float]  # per aspect, added to the form
    groups: list[int] = field(default_factory=list)
    people: list[_Person] = field(default_factory=list)
    secretary_user: int | None = None
    allocated: dict[tuple[int, int], Decimal] = field(default_factory=dict)  # (year, category id) → 元

    def form_in(self, year: int, aspect: str) -> float:
        return self.form[year] + self.bias[aspect]


@dataclass(frozen=True)
class _Window:
    months: list[str]

    @property
    def last(self) -> str:
        """The window's last month."""
        return self.months[-1]

    @property
    def last_year(self) -> int:
        return cal.year_of(self.last)

    @property
    def years(self) -> list[int]:
        return sorted({cal.year_of(month) for month in self.months})

    def of_year(self, year: int) -> list[str]:
        return [month for month in self.months if cal.year_of(month) == year]

    def first_number(self, year: int) -> int:
        """The first month number of ``year`` in the window (1 unless the window starts within it)."""
        return cal.number_of(self.of_year(year)[0])


# --------------------------------------------------------------------------------------------- entry


def seed_group(
    *,
    session: Session,
    branches: int = BRANCHES,
    members: int = MEMBERS,
    months: int = MONTHS,
    last_month: str | None = None,
    progress: Callable[[str], object] | None = None,
) -> dict[str, int]:
    """Fill an empty database with the demo group; returns the number of rows written per table name.

    The figures end at ``last_month`` (default: the last complete month by the product clock).
    ``progress`` (the command line passes ``print``) receives a line per table: rows so far, seconds.
    """
    if not is_empty(session=session):
        raise Refused("数据库中已有组织数据，演示数据只能写入空数据库")
    if branches < 1:
        raise Refused("党支部数量至少为 1", field="党支部数量")
    if members < MIN_MEMBERS * branches:
        raise Refused(f"党员人数至少为党支部数量的 {MIN_MEMBERS} 倍", field="党员人数")
    if months < 1:
        raise Refused("月份数至少为 1", field="月份数")
    last_month = last_month or demo_calendar().last_month
    window = _Window(cal.span(cal.shift(last_month, 1 - months), last_month))
    writer = BulkWriter(session, progress)

    payroll = _parameters(session, writer, window, members)
    tree = _organisations(session, writer, branches, members, window)
    _members(session, writer, tree, window)
    leader = _users(session, writer, tree)
    goals = _goals(session, writer, window)
    _tasks(session, writer, tree, window, goals)
    writer.write(StudyRecord.__table__, _study(tree, window))
    categories = _allocations(session, writer, tree, window, payroll)
    writer.write(Expense.__table__, _expenses(tree, window, categories))
    writer.write(Meeting.__table__, _meetings(tree, window))
    writer.write(Submission.__table__, _submissions(tree, window, leader))
    _benchmark(session, writer, tree, window, leader)
    _lean(session, writer, tree, window)
    _safety(session, writer, tree, window)
    settings.put(session=session, key=settings.DEMO_MARKER, value=DEMO_SCALE)
    settings.put(session=session, key=settings.DEMO_PASSWORD, value=DEMO_PASSWORD)
    session.flush()
    reset_sequences(
        session,
        [
            model.__table__
            for model in (
                Organisation,
                Member,
                User,
                Goal,
                Task,
                BenchmarkIndicator,
                Pairing,
                ProductionIndicator,
                PioneerPost,
            )
        ],
    )
    analyze(session, [SQLModel.metadata.tables[name] for name in writer.counts])
    return writer.counts


def _benchmark(session: Session, writer: BulkWriter, tree: list, window: "_Window", leader: int) -> None:
    """对标: the recommended scheme every year, and 人工评分 at each quarter's end and in the last month."""
    rows, manual = stars.group_indicator_rows(
        first_id=_next_id(session, BenchmarkIndicator), years=window.years
    )
    writer.write(BenchmarkIndicator.__table__, rows)
    scored = [month for month in window.months if cal.number_of(month) % 3 == 0 or month == window.last]
    branches = [(branch.id, branch.form_in(cal.year_of(window.last), "tasks")) for branch in tree]
    writer.write(
        ManualScore.__table__,
        stars.group_score_rows(branches=branches, months_scored=scored, manual=manual, leader=leader),
    )


def _lean(session: Session, writer: BulkWriter, tree: list, window: "_Window") -> None:
    """金点子, 帮扶结对 and 党费 for the window's last year (seed/group_lean.py)."""
    year_months = window.of_year(window.last_year)
    writer.write(DuesRecord.__table__, group_lean.dues_rows(tree, year_months))
    writer.write(Idea.__table__, group_lean.idea_rows(tree, year_months))
    pairings, visits = group_lean.pairing_rows(tree, _next_id(session, Pairing), year_months)
    writer.write(Pairing.__table__, pairings)
    writer.write(PairVisit.__table__, visits)


def _safety(session: Session, writer: BulkWriter, tree: list, window: "_Window") -> None:
    """党建+安全生产 for the window's last twelve months (seed/group_safety.py)."""
    tables = group_safety.rows(
        tree, window.months, _next_id(session, ProductionIndicator), _next_id(session, PioneerPost)
    )
    for model in (ProductionIndicator, ProductionFigure, SafetyRecord, PioneerPost, PioneerCheck):
        writer.write(model.__table__, tables[model.__tablename__])


def _next_id(session: Session, model) -> int:
    return (session.exec(select(func.max(model.id))).one() or 0) + 1


# --------------------------------------------------------------------------------------------- sections


def _parameters(session: Session, writer: BulkWriter, window: _Window, members: int) -> dict[int, Decimal]:
    """Each year's payroll (growing a few per cent a year, in whole 10,000 元, so that the 1 % rule gives
    whole hundreds) and study targets; the settings of the mine."""
    payroll = {}
    for year in window.years:
        amount = members * PAYROLL_PER_MEMBER / PAYROLL_GROWTH ** (window.last_year - year)
        payroll[year] = Decimal(round(amount / 10_000) * 10_000).quantize(CENT)
        session.merge(
            YearParameter(
                year=year,
                last_year_payroll=payroll[year],
                monthly_hours_target=MONTHLY_HOURS_TARGET,
                monthly_points_target=MONTHLY_POINTS_TARGET,
            )
        )
    for key, value in SETTINGS.items():
        session.merge(Setting(key=key, value=value))
    writer.counts["yearparameter"] = len(payroll)
    writer.counts["setting"] = len(SETTINGS) + 2
    return payroll


def _organisations(
    session: Session, writer: BulkWriter, count: int, members: int, window: _Window
) -> list[_Branch]:
    """The tree: 党委, its 党总支 (the group's offices first, then enterprises of uneven size), their 党支部
    (named after the enterprise's units) and 2–4 党小组 per 党支部 by its size."""
    rng = _rng("organisations")
    general_count = min(count, max(2, round(count / BRANCHES_PER_GENERAL)))
    kinds = [words.OFFICES, words.MINE]
    kinds += rng.choices(words.KINDS, weights=[kind.share for kind in words.KINDS], k=general_count - 2)
    kinds = kinds[:general_count]
    places = words.place_names(rng, general_count)
    weights = [kind.branches * rng.lognormvariate(0, 0.35) for kind in kinds]
    per_general = [1 + part for part in largest_remainder(count - general_count, weights)]

    next_id = _next_id(session, Organisation)
    committee = _org(next_id, words.COMMITTEE, OrgKind.COMMITTEE, None, 0)
    rows = [committee]
    units: list[tuple[dict, str, words.Unit, float]] = []  # (general row, branch name, unit, form)
    for order, (kind, place, size) in enumerate(zip(kinds, places, per_general, strict=True), start=1):
        next_id += 1
        prefix = words.OFFICES_PREFIX if kind is words.OFFICES else place + kind.suffix
        name = words.OFFICES_GENERAL if kind is words.OFFICES else f"{prefix}党总支"
        general = _org(next_id, name, OrgKind.GENERAL_BRANCH, committee, order)
        rows.append(general)
        general_form = rng.gauss(0, 0.6)
        for unit_name, unit in _units(kind, size):
            units.append((general, f"{prefix}{unit_name}党支部", unit, general_form))

    sizes = largest_remainder(
        members - MIN_MEMBERS * count, [unit.size * rng.lognormvariate(0, 0.35) for _, _, unit, _ in units]
    )
    branches, groups, position = [], [], defaultdict(int)
    for number, ((general, name, unit, general_form), extra) in enumerate(zip(units, sizes, strict=True), 1):
        next_id += 1
        position[general["id"]] += 1
        row = _org(next_id, name, OrgKind.BRANCH, general, position[general["id"]], unit.grid)
        row["unit"], row["unit_kind"] = group_safety.unit_of(name, unit.profile)
        rows.append(row)
        base = general_form + rng.gauss(0, 0.8)
        branch = _Branch(
            number=number,
            id=next_id,
            name=name,
            unit=unit,
            size=MIN_MEMBERS + extra,
            form={year: base + rng.gauss(0, 0.4) + 0.15 * (year - window.last_year) for year in window.years},
            bias={aspect: rng.gauss(0, 0.5) for aspect in _ASPECTS},
        )
        branches.append(branch)
        stem = name.removesuffix("党支部")
        if unit.name.endswith("{n}") or stem.endswith("联合"):
            stem += "支部"  # 机关第一支部第一党小组, not 机关第一第一党小组
        for index in range(2 if branch.size < 16 else 3 if branch.size < 36 else 4):
            groups.append((branch, row, f"{stem}第{words.numeral(index + 1)}党小组", index + 1))
    for branch, parent, name, order in groups:
        next_id += 1
        branch.groups.append(next_id)
        rows.append(_org(next_id, name, OrgKind.GROUP, parent, order, branch.unit.grid))
    writer.write(Organisation.__table__, rows)
    return branches


def _org(
    id_: int, name: str, kind: OrgKind, parent: dict | None, order: int, grid: str | None = None
) -> dict:
    """An organisation row; its path is its parent's and its own id, as ``orgs.add_organisation`` makes it."""
    path = f"{parent['path'] if parent else '/'}{id_}/"
    return {
        "id": id_,
        "name": name,
        "kind": kind,
        "parent_id": parent["id"] if parent else None,
        "path": path,
        "sort_order": order,
        "grid": grid,
        "unit": None,  # a 党支部's business unit: set by the caller
        "unit_kind": None,
    }


def _units(kind: words.EnterpriseKind, count: int) -> Iterator[tuple[str, words.Unit]]:
    """``count`` unit names of an enterprise: one of each unit first, then second copies…, then 联合党支部."""
    made = 0
    for copy in range(1, max(unit.copies for unit in kind.units) + 1):
        for unit in kind.units:
            if copy <= unit.copies and made < count:
                made += 1
                yield unit.name.format(n=words.numeral(copy)), unit
    for extra in range(1, count - made + 1):
        unit = kind.units[extra % len(kind.units)]
        yield words.OVERFLOW_UNIT.format(n=words.numeral(extra)), unit


def _members(session: Session, writer: BulkWriter, branches: list[_Branch], window: _Window) -> None:
    """Members with unique names; a few joined or left within the months seeded (recent ones are 预备党员);
    the committee's leaders belong to the first 党支部 of the group's offices."""
    rng = _rng("members")
    book = NameBook(rng, reserved={words.LEADER_NAME, words.ORG_DEPT_NAME})
    probation_from = cal.last_day(window.last) - timedelta(days=365)
    first_day = date(*cal.parse(window.months[0]), 1)
    window_days = (cal.last_day(window.months[-1]) - first_day).days + 1
    next_id = _next_id(session, Member)
    rows = []
    for branch in branches:
        head_post, pool = catalog.POSTS[branch.unit.profile]
        female_share = 0.4 if branch.unit.profile in ("office", "logistics") else 0.08
        fixed = [(book.take(), "党支部书记"), (book.take(), head_post)]
        if branch.number == 1:
            fixed += [(words.LEADER_NAME, words.LEADER_POST), (words.ORG_DEPT_NAME, words.ORG_DEPT_POST)]
        for index in range(branch.size):
            if index < len(fixed):
                name, post = fixed[index]
                person = _Person(next_id, name, post, random_day(rng, rng.randint(1990, 2010)))
            else:
                name = book.take(female=rng.random() < female_share)
                roll = rng.random()
                if roll < JOINING_SHARE:  # new members are front-line workers or clerks
                    person = _Person(
                        next_id, name, pool[0], first_day + timedelta(days=rng.randrange(window_days))
                    )
                else:
                    joined = random_day(rng, int(rng.triangular(1988, first_day.year - 0.51, 2013)))
                    person = _Person(next_id, name, rng.choice(pool), joined)
                    if roll > 1 - LEAVING_SHARE and len(window.months) > 1:
                        person.left = rng.choice(window.months[1:])
            branch.people.append(person)
            next_id += 1
        # Groups: the secretary leads the first; the others are dealt round-robin after a shuffle.
        others = branch.people[1:]
        rng.shuffle(others)
        branch.people[0].group_id = branch.groups[0]
        for position, person in enumerate(others, start=1):
            person.group_id = branch.groups[position % len(branch.groups)]
        for person in branch.people:
            probationary = person.joined > probation_from
            rows.append(
                {
                    "id": person.id,
                    "member_no": f"JT{person.id:06d}",
                    "name": person.name,
                    "branch_id": branch.id,
                    "group_id": person.group_id,
                    "grid": branch.unit.grid,
                    "category": MemberCategory.PROBATIONARY if probationary else MemberCategory.FULL,
                    "joined_on": person.joined,
                    "post": person.post,
                    "active": person.left is None,
                }
            )
    writer.write(Member.__table__, rows)


def _users(session: Session, writer: BulkWriter, branches: list[_Branch]) -> int:
    """admin, leader, zuzhibu and one secretary per 党支部, sharing one hash of DEMO_PASSWORD (an argon2
    hash carries its salt, so the same string verifies for every one of them). Returns the leader's id."""
    password_hash = hash_password(DEMO_PASSWORD)
    existing = dict(session.exec(select(User.username, User.id)).all())
    logins = [
        ("admin", Role.ADMIN, "系统管理员", None),
        ("leader", Role.LEADER, f"党委书记 {words.LEADER_NAME}", None),
        ("zuzhibu", Role.LEADER, f"组织部 {words.ORG_DEPT_NAME}", None),
    ]
    logins += [
        (secretary_username(b.number, len(branches)), Role.SECRETARY, f"{b.name}书记 {b.people[0].name}", b)
        for b in branches
    ]
    next_id, rows, ids = _next_id(session, User), [], dict(existing)
    for username, role, display_name, branch in logins:
        if username not in existing:
            ids[username] = next_id
            rows.append(
                {
                    "id": next_id,
                    "username": username,
                    "password_hash": password_hash,
                    "display_name": display_name,
                    "role": role,
                    "branch_id": branch.id if branch else None,
                }
            )
            next_id += 1
        if branch is not None:
            branch.secretary_user = ids[username]
    writer.write(User.__table__, rows)
    return ids["leader"]


# --------------------------------------------------------------------------------------------- tasks


def _goals(session: Session, writer: BulkWriter, window: _Window) -> dict[tuple[int, str], int]:
    """The mine's goals for every year, worded for the year; returns their ids by (year, key)."""
    next_id, rows, ids = _next_id(session, Goal), [], {}
    for year in window.years:
        for spec in catalog.GOALS:
            ids[year, spec.key] = next_id
            title = words.for_year(spec.title, year)
            rows.append({"id": next_id, "year": year, "title": title, "category": spec.category})
            next_id += 1
    writer.write(Goal.__table__, rows)
    return ids


@dataclass(frozen=True, slots=True)
class _Plan:
    """A task as the progress generator needs it."""

    id: int
    year: int
    start: int
    due: int
    target: int
    note: str


def _tasks(
    session: Session, writer: BulkWriter, branches: list[_Branch], window: _Window, goals: dict
) -> None:
    """TASKS_PER_YEAR tasks per 党支部 and year (pro rata in a year the window starts within), then their
    progress month by month."""
    next_id, rows, plans = _next_id(session, Task), [], []
    goal_order = [spec.key for spec in catalog.GOALS]
    for branch in branches:
        rng = _rng("tasks", branch.number)
        for year in window.years:
            first = window.first_number(year)
            count = round(TASKS_PER_YEAR * (13 - first) / 12)
            owners = [
                p for p in branch.people[1:] if p.joined.year < year and p.present_in(cal.make(year, 1))
            ]
            chosen = _templates(rng, branch.unit.profile, count)
            chosen.sort(key=lambda item: goal_order.index(item[1].goal))
            for number, (key, template) in enumerate(chosen, start=1):
                start = max(first, min(4, template.start + (1 if rng.random() < 0.3 else 0)))
                due = min(12, max(rng.choice(template.due), start + 4))
                target = rng.choice(template.targets)
                owner = branch.people[0] if key in _SECRETARY_TASKS or not owners else rng.choice(owners)
                claimed = rng.random() < (0.15 if key in catalog.COMMON_TASKS else 0.45)
                rows.append(
                    {
                        "id": next_id,
                        "code": f"{year}-ZB{branch.number:04d}-{number:02d}",
                        "title": words.for_year(template.title, year),
                        "goal_id": goals[year, template.goal],
                        "branch_id": branch.id,
                        "owner_member_id": owner.id,
                        "unit": template.unit,
                        "target_quantity": Decimal(target),
                        "weight": Decimal(template.weight),
                        "start_month": cal.make(year, start),
                        "due_month": cal.make(year, due),
                        "mode": TaskMode.CLAIMED if claimed else TaskMode.ASSIGNED,
                    }
                )
                plans.append((branch, _Plan(next_id, year, start, due, target, template.note)))
                next_id += 1
    writer.write(Task.__table__, rows)
    writer.write(TaskProgress.__table__, _progress(plans, window.last))


def _templates(rng: random.Random, profile: str, count: int) -> list[tuple[str, TaskTemplate]]:
    """The year's task list: the common tasks, the unit's own, extras to make TASKS_PER_YEAR; or ``count``
    of them in a short year."""
    chosen = list(catalog.COMMON_TASKS.items())
    chosen += [(f"specific{i}", t) for i, t in enumerate(catalog.SPECIFIC_TASKS[profile])]
    chosen += rng.sample(list(catalog.EXTRA_TASKS.items()), TASKS_PER_YEAR - len(chosen))
    return chosen if count >= len(chosen) else rng.sample(chosen, count)


def _pace(form: float) -> float:
    """The share of plan progress a 党支部 achieves in a year: about 1 or more on plan, below 0.95 lagging."""
    return min(1.2, max(0.4, 1.06 + 0.1 * form))


def _progress(plans: list[tuple[_Branch, _Plan]], last_month: str) -> Iterator[dict]:
    """Monthly quantities along a curve from the start month: on-plan 党支部 finish every task by its due
    month (some early); lagging ones fall short, note stalls now and then, and leave tasks 超期."""
    last_number, last_year = cal.number_of(last_month), cal.year_of(last_month)
    rng, current = None, None
    for branch, plan in plans:
        if branch is not current:
            rng, current = _rng("progress", branch.number), branch
        pace = _pace(branch.form_in(plan.year, "tasks"))
        lagging = pace < 0.95
        if lagging:
            task_pace, gamma = min(1.0, pace * rng.uniform(0.8, 1.15)), rng.uniform(0.8, 1.25)
        else:
            task_pace, gamma = max(1.0, pace * rng.uniform(0.97, 1.1)), rng.uniform(0.75, 1.05)
        length = plan.due - plan.start + 1
        last = min(plan.due, last_number) if plan.year == last_year else plan.due
        done = carried = 0
        for step, number in enumerate(range(plan.start, last + 1), start=1):
            ideal = plan.target * min(1.0, task_pace * (step / length) ** gamma)
            reached = min(plan.target, max(done, round(ideal + rng.gauss(0, 0.3))))
            if step == length and not lagging:
                reached = plan.target + (1 if plan.target >= 10 and rng.random() < 0.3 else 0)
            quantity, done = reached - done + carried, reached
            carried = 0
            if quantity and number < last and rng.random() < 0.1:
                quantity, carried = 0, quantity  # entered with the next month's
            month = cal.make(plan.year, number)
            note = None
            if quantity == 0:
                if not (lagging and step > 3 and rng.random() < 0.12):
                    continue
                note = rng.choice(_STALL_NOTES)
            elif rng.random() < 0.4:
                note = plan.note.format(n=quantity)
            entered = workday(rng, cal.shift(month, 1), 1, 6)
            yield {
                "task_id": plan.id,
                "month": month,
                "quantity": Decimal(quantity),
                "note": note,
                "entered_by_id": branch.secretary_user if rng.random() < 0.8 else None,
                "updated_at": beijing(entered, rng.randint(9, 17), rng.choice((0, 15, 30, 45))),
            }


# --------------------------------------------------------------------------------------------- study


def _diligence(form: float) -> float:
    """The share of a 党支部's members who keep up with the study targets in a year."""
    return min(0.97, max(0.3, 0.8 + 0.1 * form))


def _study(branches: list[_Branch], window: _Window) -> Iterator[dict]:
    """One record per member and month present; each member and year is diligent (every month at or
    above the targets) or not (short on hours, points or both); some months are missing."""
    hours_target = int(MONTHLY_HOURS_TARGET * 100)
    for branch in branches:
        rng = _rng("study", branch.number)
        shares = {year: _diligence(branch.form_in(year, "study")) for year in window.years}
        for person in branch.people:
            quantum = rng.choice((50, 50, 25, 10))  # hundredths of an hour this member rounds to
            for year in window.years:
                diligent = rng.random() < shares[year]
                if diligent:
                    f_hours, f_points, gap = rng.uniform(1.05, 1.35), rng.uniform(1.03, 1.2), 0.01
                else:
                    short = rng.choice(("hours", "points", "both"))
                    f_hours = rng.uniform(0.7, 0.96) if short != "points" else rng.uniform(1.0, 1.25)
                    f_points = rng.uniform(0.8, 0.97) if short != "hours" else rng.uniform(1.0, 1.15)
                    gap = 0.06
                for month in window.of_year(year):
                    if not person.studies_in(month) or rng.random() < gap:
                        continue
                    hours = round(400 * f_hours * rng.uniform(0.8, 1.2) / quantum) * quantum
                    hours = min(800, max(100, hours))
                    points = min(
                        800, max(300, round(MONTHLY_POINTS_TARGET * f_points * rng.uniform(0.88, 1.12)))
                    )
                    if diligent:
                        hours, points = max(hours, hours_target), max(points, MONTHLY_POINTS_TARGET)
                    yield {
                        "member_id": person.id,
                        "month": month,
                        "points": points,
                        "hours": _HUNDREDTHS[hours],
                        "sessions": max(1, min(6, round(hours / 100 / rng.uniform(0.9, 2.2)))),
                    }


# --------------------------------------------------------------------------------------------- budget


def _allocations(
    session: Session,
    writer: BulkWriter,
    branches: list[_Branch],
    window: _Window,
    payroll: dict[int, Decimal],
) -> list:
    """Each year's budget, the 1 % of last year's payroll, in whole hundreds by member count, then by
    category; returns the expense categories."""
    categories, added = expense_categories(session)
    writer.counts["expensecategory"] = added
    rows = []
    for year in window.years:
        total_hundreds = int(budget_rule_amount(payroll[year]) / 100)
        per_branch = largest_remainder(total_hundreds, [b.size for b in branches])
        for branch, hundreds in zip(branches, per_branch, strict=True):
            parts = largest_remainder(hundreds, list(catalog.CATEGORY_SHARES))
            for category, part in zip(categories, parts, strict=True):
                amount = Decimal(part * 100).quantize(CENT)
                branch.allocated[year, category.id] = amount
                rows.append(
                    {"year": year, "branch_id": branch.id, "category_id": category.id, "amount": amount}
                )
    writer.write(BudgetAllocation.__table__, rows)
    return categories


def _spending_rate(form: float) -> float:
    """The share of its year's allocation a 党支部 spends by December (above 1: overspent)."""
    return min(1.15, max(0.5, 0.88 + 0.06 * form))


def _monthly_shares(timing: float) -> list[float]:
    """The share of a year's spending in each month 1–12: by the months' weights (festivals, 七一, the
    year's end), spent early in the year when ``timing`` < 1 and late when above."""
    cumulative = [0.0]
    for number in range(1, 13):
        cumulative.append(cumulative[-1] + _SPENDING_WEIGHT.get(number, 1.0))
    reached = [(c / cumulative[-1]) ** timing for c in cumulative]
    return [reached[number] - reached[number - 1] for number in range(1, 13)]


def _expenses(branches: list[_Branch], window: _Window, categories: list) -> Iterator[dict]:
    """3–7 expenses a month per 党支部, the year's spending spread over the months (more at festivals,
    七一 and the year's end), each month's split over categories by their shares; vouchers numbered per
    党支部 and month in date order, over-allocation confirmed once a category's running sum passes its budget."""
    names = [category.name for category in categories]
    ranges = [catalog.AMOUNT_RANGES[name] for name in names]
    logs = [(math.log(low), math.log(high)) for low, high, _ in ranges]
    for branch in branches:
        rng = _rng("expenses", branch.number)
        for year in window.years:
            allocated = [branch.allocated[year, category.id] for category in categories]
            budget = float(sum(allocated)) * _spending_rate(branch.form_in(year, "budget"))
            shares = _monthly_shares(rng.uniform(0.7, 1.45))
            running = [Decimal(0)] * len(categories)
            for month in window.of_year(year):
                number = cal.number_of(month)
                boost = catalog.MONTH_CATEGORY_BOOST.get(number, {})
                weights = [
                    share * boost.get(name, 1.0)
                    for share, name in zip(catalog.CATEGORY_SHARES, names, strict=True)
                ]
                picked = rng.choices(range(len(names)), weights, k=rng.randint(3, 7))
                raws = [math.exp(rng.uniform(*logs[index])) for index in picked]
                scale = budget * shares[number - 1] * rng.uniform(0.85, 1.15) / sum(raws)
                days = sorted(workday(rng, month, 1, 28) for _ in picked)
                for sequence, (day, index, raw) in enumerate(zip(days, picked, raws, strict=True), start=1):
                    step = ranges[index][2]
                    amount = max(Decimal(step).quantize(CENT), money(raw * scale, step))
                    running[index] += amount
                    yield {
                        "spent_on": day,
                        "month": month,
                        "branch_id": branch.id,
                        "category_id": categories[index].id,
                        "amount": amount,
                        "purpose": purpose(rng, names[index], number, amount),
                        "voucher_no": f"PZ-{month}-{sequence:04d}",
                        "over_allocation_confirmed": running[index] > allocated[index],
                        "entered_by_id": branch.secretary_user,
                        "created_at": beijing(
                            day + timedelta(days=rng.randint(0, 3)), rng.randint(9, 17), rng.randint(0, 59)
                        ),
                    }


# --------------------------------------------------------------------------------------------- meetings


def _headcounts(branch: _Branch, window: _Window) -> tuple[list[int], dict[int, list[int]]]:
    """Members present in each month of the window: in the 党支部, and per 党小组."""
    total = [0] * len(window.months)
    by_group = {group: [0] * len(window.months) for group in branch.groups}
    for person in branch.people:
        for index, month in enumerate(window.months):
            if person.present_in(month):
                total[index] += 1
                by_group[person.group_id][index] += 1
    return total, by_group


def _meetings(branches: list[_Branch], window: _Window) -> Iterator[dict]:
    """三会一课 at the 条例's frequencies: every month a 支委会, a 党小组会 per 党小组 and a 主题党日 (on 1 July
    in July); every quarter a 党员大会 and a 党课 in one of its months. Lagging 党支部 miss more meetings
    and see more absences; now and then half the people miss one."""
    for branch in branches:
        rng = _rng("meetings", branch.number)
        total, by_group = _headcounts(branch, window)
        quarterly = _quarterly_months(rng, window)
        for index, month in enumerate(window.months):
            year, number = cal.parse(month)
            form = branch.form_in(year, "meetings")
            missing = 0.01 + 0.05 * max(0.0, -form)
            absent = (0.04 if branch.unit.grid == catalog.GRID_OFFICE else 0.07) + 0.03 * max(0.0, -form)
            committee = min(total[index], 7 if branch.size >= 30 else 5)
            planned = [
                (
                    MeetingKind.COMMITTEE,
                    workday(rng, month, 3, 9),
                    committee,
                    catalog.COMMITTEE_TOPICS[number],
                    None,
                )
            ]
            for position, group in enumerate(branch.groups):
                topic = catalog.GROUP_TOPICS[(number + position) % len(catalog.GROUP_TOPICS)]
                planned.append(
                    (MeetingKind.GROUP, workday(rng, month, 10, 20), by_group[group][index], topic, group)
                )
            theme_day = date(year, 7, 1) if number == 7 else workday(rng, month, 15, 26)
            planned.append(
                (MeetingKind.THEME_DAY, theme_day, total[index], catalog.THEME_DAY_TOPICS[number], None)
            )
            if month in quarterly:
                quarter = (number - 1) // 3 + 1
                planned.append(
                    (
                        MeetingKind.CONGRESS,
                        workday(rng, month, 18, 28),
                        total[index],
                        words.CONGRESS_TOPICS[quarter],
                        None,
                    )
                )
                planned.append(
                    (
                        MeetingKind.LECTURE,
                        workday(rng, month, 18, 28),
                        total[index],
                        words.LECTURE_TOPICS[quarter],
                        None,
                    )
                )
            for kind, day, expected, topic, group in planned:
                if expected <= 0 or rng.random() < missing:
                    continue
                if rng.random() < 0.015:
                    actual = expected // 2 - rng.randint(0, 2)
                else:
                    actual = expected - round(expected * absent * rng.uniform(0.2, 1.8))
                yield {
                    "branch_id": branch.id,
                    "group_id": group,  # a 党小组会's 党小组
                    "kind": kind,
                    "held_on": day,
                    "month": month,
                    "expected_attendance": expected,
                    "actual_attendance": max(1, actual),
                    "topic": words.for_year(topic, year),
                    "entered_by_id": branch.secretary_user,
                }


def _quarterly_months(rng: random.Random, window: _Window) -> set[str]:
    """The month of each quarter in which the quarterly meetings are held, the quarter's last month most
    often; a month after the window's last means not held yet."""
    chosen = set()
    for month in window.months:
        number = cal.number_of(month)
        if number % 3 == 1 or month == window.months[0]:
            first = cal.shift(month, -((number - 1) % 3))
            options = [cal.shift(first, step) for step in range(3)]
            options = [option for option in options if option >= window.months[0]]
            chosen.add(rng.choices(options, [2, 3, 5][-len(options) :])[0])
    return chosen


# --------------------------------------------------------------------------------------------- submissions


def _submissions(branches: list[_Branch], window: _Window, leader: int) -> Iterator[dict]:
    """Every month before the window's last submitted early the next month and 已审核 a day or three later;
    for the last month most are 已审核, some 已提交, a few 已退回 or 草稿, some not yet started (no row)."""
    statuses = [
        SubmissionStatus.APPROVED,
        SubmissionStatus.SUBMITTED,
        SubmissionStatus.RETURNED,
        SubmissionStatus.DRAFT,
        None,
    ]
    for branch in branches:
        rng = _rng("submissions", branch.number)
        for month in window.months:
            form = branch.form_in(cal.year_of(month), "submissions")
            if month < window.last:
                status = SubmissionStatus.APPROVED
            else:
                weights = (70, 15, 4, 4, 7) if form >= -1 else (30, 15, 12, 18, 25)
                status = rng.choices(statuses, weights)[0]
            if status is None:
                continue
            submitted_on = workday(rng, cal.shift(month, 1), 1, 5 if form >= -1 else 10)
            reviewed_on = submitted_on + timedelta(days=rng.randint(1, 3))
            submitted = status != SubmissionStatus.DRAFT
            reviewed = status in (SubmissionStatus.APPROVED, SubmissionStatus.RETURNED)
            yield {
                "branch_id": branch.id,
                "month": month,
                "status": status,
                "submitted_by_id": branch.secretary_user if submitted else None,
                "submitted_at": beijing(submitted_on, rng.randint(9, 17), rng.randint(0, 59))
                if submitted
                else None,
                "reviewed_by_id": leader if reviewed else None,
                "reviewed_at": beijing(reviewed_on, rng.randint(9, 17), rng.randint(0, 59))
                if reviewed
                else None,
                "comment": rng.choice(words.RETURN_COMMENTS) if status == SubmissionStatus.RETURNED else None,
            }
