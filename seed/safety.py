"""The demo mine's 党建+安全生产, and the generators the group's (seed/group_safety.py) shares.

Every 党支部 is attached to its business unit (``Organisation.unit``, ``unit_kind``). For every month the
demo covers (the twelve months through the last, as the study records), each unit has:

- production: its kind's indicators (seed/safety_catalog.py), per year, with a monthly plan (lower in
  February and at the year's turn) and an actual mostly 96–105 % of it; a few units fall behind in a few
  months: 综采二队 and 掘进一队 (lagging in party work too), but also 掘进二队 (a fault in its heading) and
  机电队, while the lagging 运输队 meets its plan, so that every quadrant has someone in it;
- safety: 在册职工 (party members are 20–35 % of a 区队, more of an office), 隐患 found and closed (all
  closed but a few, more of them still open in the last month) and how many members found, a larger share
  where party work is stronger (study diligence, tasks on plan) but with noise of its own; 三违 of the
  workers who are not members at the kind's rate, and five of members in the whole span, more likely in
  the weaker 党支部; exactly one accident, a non-injury one in 运输队 four months before the last (within
  the demo's year), and no injury accident, so 安全生产天数 count up from the last one years ago;
- 党员先锋岗 and 党员责任区: two to four per 党支部 by its size, held by its members, each checked every
  month: free of 三违 and 事故, but for a post in the months with a member's 三违 and a zone of 运输队 in
  the month of the accident.

Generators are seeded here, never by the wall clock; ``seed_safety`` only adds and flushes.
"""

import math
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from sqlmodel import Session

from data_layer import months
from data_layer.models import (
    PioneerCheck,
    PioneerPost,
    ProductionFigure,
    ProductionIndicator,
    SafetyRecord,
    User,
)
from data_layer.vocab import PioneerKind, UnitKind
from seed import safety_catalog as words

SEED = 20261210
MEMBER_VIOLATIONS = 5  # 三违 by party members in the span, at the mine
ACCIDENT_BRANCH = "运输队党支部"
ACCIDENT_BEFORE_LAST = 4  # months before the last month (January at the latest: within the demo's year)
BEHIND_MONTHS = {"综采二队党支部": 3, "掘进一队党支部": 2, "掘进二队党支部": 2, "机电队党支部": 1}
LAST_INJURY_DAYS = (400, 2400)  # days before the span's first month since a unit's last injury accident


# --------------------------------------------------------------------------------------------- shared


def poisson(rng: random.Random, mean: float) -> int:
    """A count drawn from a Poisson distribution with this (small) mean."""
    limit, count, product = math.exp(-mean), 0, rng.random()
    while product > limit:
        count += 1
        product *= rng.random()
    return count


def members_share(strength: float, bias: float, noise: float) -> float:
    """The share of a month's 隐患 that party members found: larger where party work is stronger
    (``strength`` 0.3–0.97), with a unit's own ``bias`` and the month's ``noise``."""
    return min(0.9, max(0.03, 0.15 + 0.5 * (strength - 0.5) + bias + noise))


@dataclass(frozen=True)
class IndicatorYear:
    """A unit's production indicator in one year and its months: (month, plan, actual)."""

    year: int
    order: int
    spec: words.Indicator
    figures: list[tuple[str, Decimal, Decimal]]


def _quantity(value: float, step: float) -> Decimal:
    """``value`` rounded to a multiple of ``step`` (0.1 or a whole number), as a Decimal."""
    places = Decimal("0.1") if step < 1 else Decimal(1)
    return (Decimal(round(value / step)) * Decimal(str(step))).quantize(places)


def production(rng: random.Random, kind: UnitKind, span: list[str], behind: set[str]) -> list[IndicatorYear]:
    """The indicators of a unit of ``kind`` for every year of ``span``, with plan and actual for each of its
    months; completion is usual but in the months ``behind``."""
    result = []
    for order, spec in enumerate(words.INDICATORS.get(kind, ()), start=1):
        usual = rng.uniform(spec.low, spec.high)
        by_year: dict[int, list] = {}
        for month in span:
            if spec.rate:
                plan = _quantity(spec.low, spec.step)
            else:
                season = words.PLAN_SEASON.get(months.number_of(month), 1.0)
                plan = _quantity(usual * season * rng.uniform(0.97, 1.03), spec.step)
            completion = rng.uniform(*(words.BEHIND if month in behind else words.ON_PLAN))
            actual = float(plan) * completion
            if spec.rate:  # a rate moves less than a quantity, and stops at 100 %
                actual = min(100.0, float(plan) * (1 + (completion - 1) * 0.6))
            by_year.setdefault(months.year_of(month), []).append((month, plan, _quantity(actual, spec.step)))
        result += [IndicatorYear(year, order, spec, figures) for year, figures in by_year.items()]
    return result


def safety_rows(
    rng: random.Random,
    *,
    branch_id: int,
    kind: UnitKind,
    members: int,
    strength: dict[int, float],
    span: list[str],
    since: date,
    member_violations: dict[str, int],
    accidents: dict[str, int],
    injuries: dict[str, date],
    entered_by: int | None,
) -> Iterator[dict]:
    """A unit's safety months over ``span``: ``members`` party members; ``strength`` of its party work per
    year; events by month (三违 of members, non-injury accidents, the day of an injury accident);
    ``since``: the day of its last injury accident before the span."""
    profile = words.SAFETY[kind]
    workforce = round(members / rng.uniform(*profile.member_share))
    bias = rng.gauss(0, 0.05)
    last_month = span[-1]
    for month in span:
        staff = max(members + 1, workforce + rng.randint(-3, 3))
        found = round(profile.hazards * rng.uniform(0.75, 1.3))
        still_open = rng.randint(0, max(1, found // 8)) if month == last_month else int(rng.random() < 0.08)
        share = members_share(strength[months.year_of(month)], bias, rng.uniform(-0.05, 0.05))
        injury = injuries.get(month)
        if injury is not None:
            since = injury
        yield {
            "branch_id": branch_id,
            "month": month,
            "workforce": staff,
            "hazards_found": found,
            "hazards_closed": found - min(found, still_open),
            "hazards_by_members": round(found * share),
            "violations_members": member_violations.get(month, 0),
            "violations_others": poisson(rng, (staff - members) * profile.violation_rate),
            "injury_accidents": int(injury is not None),
            "other_accidents": accidents.get(month, 0),
            "safe_days": (months.last_day(month) - since).days,
            "entered_by_id": entered_by,
            "version": 1,
        }


def last_injury(rng: random.Random, first_month: str) -> date:
    """The day of a unit's last injury accident, long before ``first_month``."""
    return date(*months.parse(first_month), 1) - timedelta(days=rng.randint(*LAST_INJURY_DAYS))


@dataclass
class Post:
    """A 党员先锋岗 or 党员责任区 as planned, and what its checks note by month."""

    kind: PioneerKind
    name: str
    member_id: int
    started_month: str
    violations: dict[str, str] = field(default_factory=dict)  # month → note: not free of 三违
    accidents: dict[str, str] = field(default_factory=dict)  # month → note: not free of 事故


def plan_posts(
    rng: random.Random, kind: UnitKind, members: int, holders: list[int], span: list[str]
) -> list[Post]:
    """The posts and zones of a 党支部 of ``members`` (two, three from 26 members, four from 34), held by
    some of ``holders`` (member ids): the first two since before ``span``, the others from a month in it."""
    names = words.PIONEERS[kind][: min(len(holders), 2 + (members >= 26) + (members >= 34))]
    posts = []
    for index, ((pioneer_kind, name), holder) in enumerate(
        zip(names, rng.sample(holders, len(names)), strict=True)
    ):
        started = months.shift(span[0], -rng.randint(3, 30) if index < 2 else rng.randint(1, len(span)))
        posts.append(Post(pioneer_kind, name, holder, min(started, span[-1])))
    return posts


def note_events(
    rng: random.Random, posts: list[Post], *, violations: dict[str, int], accidents: dict[str, str]
) -> None:
    """A member's 三违 in a month marks one of the first two posts (held all along) as not free of 三违
    that month; an accident (month → note) marks the first 党员责任区 as not free of 事故."""
    if not posts:
        return
    for month in sorted(violations):
        rng.choice(posts[:2]).violations[month] = rng.choice(words.VIOLATION_NOTES)
    zone = next((post for post in posts if post.kind == PioneerKind.ZONE), None)
    if zone is not None:
        zone.accidents.update(accidents)


def check_rows(post: Post, post_id: int, span: list[str], entered_by: int | None) -> Iterator[dict]:
    """A post's or zone's months in ``span`` from its start: free of 三违 and 事故 but as noted."""
    for month in span:
        if month < post.started_month:
            continue
        notes = [note for note in (post.violations.get(month), post.accidents.get(month)) if note]
        yield {
            "post_id": post_id,
            "month": month,
            "violation_free": month not in post.violations,
            "accident_free": month not in post.accidents,
            "note": "；".join(notes) or None,
            "entered_by_id": entered_by,
            "version": 1,
        }


# --------------------------------------------------------------------------------------------- the mine


def _strength(spec) -> float:
    """How strong a demo 党支部's party work is: its study diligence, less for tasks behind plan."""
    return spec.study_diligence - (0.1 if spec.task_pace is not None else 0.0)


def seed_safety(
    *, session: Session, first_month: str, last_month: str, branches: list, admin: User
) -> dict[str, int]:
    """The mine's units, production, safety months, posts and zones from ``first_month`` through
    ``last_month``; returns the rows written per table. ``branches``: the seed's branches (``.org``,
    ``.spec``, ``.people``, ``.secretary_user``)."""
    rng = random.Random(SEED)
    span = months.span(first_month, last_month)
    years = sorted({months.year_of(month) for month in span})
    kinds = {}
    for branch in branches:
        kinds[branch.spec.name] = words.KIND_BY_PROFILE[branch.spec.profile]
        branch.org.unit, branch.org.unit_kind = words.mine_unit(branch.spec.name), kinds[branch.spec.name]

    violations = _member_violations(rng, branches, kinds, span)
    accident = months.shift(last_month, -min(ACCIDENT_BEFORE_LAST, months.number_of(last_month) - 1))
    counts = dict.fromkeys(
        ("productionindicator", "productionfigure", "safetyrecord", "pioneerpost", "pioneercheck"), 0
    )
    records, figures, checks = [], [], []
    for branch in branches:
        name, kind = branch.spec.name, kinds[branch.spec.name]
        behind = set(rng.sample(span, min(len(span), BEHIND_MONTHS.get(name, 0))))
        indicators = []
        for item in production(rng, kind, span, behind):
            indicator = ProductionIndicator(
                year=item.year,
                branch_id=branch.org.id,
                name=item.spec.name,
                measure=item.spec.measure,
                sort_order=item.order,
            )
            indicators.append((indicator, item))
        session.add_all([indicator for indicator, _ in indicators])
        session.flush()
        for indicator, item in indicators:
            figures += [
                ProductionFigure(
                    indicator_id=indicator.id, month=month, plan=plan, actual=actual, entered_by_id=admin.id
                )
                for month, plan, actual in item.figures
            ]
        counts["productionindicator"] += len(indicators)

        present = [person for person in branch.people if person.present_in(last_month)]
        mine_violations = {month: count for (where, month), count in violations.items() if where == name}
        rows = safety_rows(
            rng,
            branch_id=branch.org.id,
            kind=kind,
            members=len(present),
            strength=dict.fromkeys(years, _strength(branch.spec)),
            span=span,
            since=last_injury(rng, span[0]),
            member_violations=mine_violations,
            accidents={accident: 1} if name == ACCIDENT_BRANCH else {},
            injuries={},
            entered_by=admin.id,
        )
        records += [SafetyRecord(**row) for row in rows]
        posts, post_checks = _pioneers(
            session, rng, branch, kind, span, mine_violations, accident if name == ACCIDENT_BRANCH else None
        )
        counts["pioneerpost"] += posts
        checks += post_checks
    session.add_all(records + figures + checks)
    session.flush()
    counts["productionfigure"], counts["safetyrecord"] = len(figures), len(records)
    counts["pioneercheck"] = len(checks)
    return counts


def _member_violations(rng: random.Random, branches: list, kinds: dict, span: list[str]) -> dict:
    """(党支部 name, month) → 三违 by members: ``MEMBER_VIOLATIONS`` in front-line units, the weaker the
    party work the likelier."""
    front = [branch for branch in branches if words.SAFETY[kinds[branch.spec.name]].front_line]
    weights = [(1 - _strength(branch.spec)) ** 2 for branch in front]
    events: dict[tuple[str, str], int] = {}
    for _ in range(MEMBER_VIOLATIONS):
        branch = rng.choices(front, weights)[0]
        key = (branch.spec.name, rng.choice(span))
        events[key] = events.get(key, 0) + 1
    return events


def _pioneers(
    session: Session,
    rng: random.Random,
    branch,
    kind: UnitKind,
    span: list[str],
    violations: dict[str, int],
    accident: str | None,
) -> tuple[int, list[PioneerCheck]]:
    """A 党支部's posts and zones: how many, and their monthly checks."""
    holders = [p.row.id for p in branch.people if p.stays and p.present_in(span[0])]
    posts = plan_posts(rng, kind, branch.spec.members, holders, span)
    what = words.ACCIDENT_NOTE.format(what=words.ACCIDENTS[kind][0])
    note_events(rng, posts, violations=violations, accidents={accident: what} if accident else {})
    rows = [
        PioneerPost(
            branch_id=branch.org.id,
            kind=post.kind,
            name=post.name,
            member_id=post.member_id,
            started_month=post.started_month,
        )
        for post in posts
    ]
    session.add_all(rows)
    session.flush()
    secretary = branch.secretary_user.id if branch.secretary_user else None
    checks = [
        PioneerCheck(**check)
        for post, row in zip(posts, rows, strict=True)
        for check in check_rows(post, row.id, span, secretary)
    ]
    return len(rows), checks
