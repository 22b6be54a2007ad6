"""The group demo's 党建+安全生产 for the last twelve months of its window, as rows for bulk writes, shaped
like the mine's (seed/safety.py, whose generators it uses): every 党支部's unit with its kind's production
indicators and safety months, and two to four 党员先锋岗 / 党员责任区 with their monthly checks.

Events are drawn per unit and month rather than placed by hand: 三违 of members at a tenth to a half of the
others' rate per head (the weaker the party work, the more), now and then a non-injury accident in a front-line
unit, and rarely an injury accident, from which the unit's 安全生产天数 count again. A unit falls behind its
production plan in a month now and then, more often where party work lags.
"""

import random
from datetime import date

from data_layer import months
from data_layer.vocab import UnitKind
from seed import safety
from seed import safety_catalog as words

SEED = 20261211
MONTHS = 12
ACCIDENT_RATE = 0.012  # non-injury accidents per front-line unit and month
INJURY_RATE = 0.0006  # injury accidents per front-line unit and month
BEHIND_RATE = 0.06  # months behind plan, per unit; more where party work lags


def unit_of(name: str, profile: str) -> tuple[str, UnitKind]:
    """A group 党支部's unit (its name less 党支部: unique, as the 党支部 names are) and its kind."""
    return name.removesuffix("党支部"), words.KIND_BY_PROFILE[profile]


def strength(branch, year: int) -> float:
    """How strong a group 党支部's party work is in ``year`` (0.3–0.97), from its form in tasks and study."""
    return min(0.97, max(0.3, 0.8 + 0.05 * (branch.form_in(year, "tasks") + branch.form_in(year, "study"))))


def rows(
    tree: list, window_months: list[str], first_indicator: int, first_post: int
) -> dict[str, list[dict]]:
    """Rows per table name (productionindicator, productionfigure, safetyrecord, pioneerpost, pioneercheck)
    for the last ``MONTHS`` of ``window_months``; ids from the first ones given. ``tree``: the group seed's
    branches (``.id``, ``.name``, ``.unit.profile``, ``.size``, ``.people``, ``.form_in``, ``.number``)."""
    span = window_months[-MONTHS:]
    years = sorted({months.year_of(month) for month in span})
    tables: dict[str, list[dict]] = {
        name: []
        for name in ("productionindicator", "productionfigure", "safetyrecord", "pioneerpost", "pioneercheck")
    }
    indicator_id, post_id = first_indicator, first_post
    for branch in tree:
        rng = random.Random(f"{SEED}/{branch.number}")
        _, kind = unit_of(branch.name, branch.unit.profile)
        power = {year: strength(branch, year) for year in years}
        behind = {m for m in span if rng.random() < BEHIND_RATE * (1.5 - power[months.year_of(m)])}
        for item in safety.production(rng, kind, span, behind):
            tables["productionindicator"].append(
                {
                    "id": indicator_id,
                    "year": item.year,
                    "branch_id": branch.id,
                    "name": item.spec.name,
                    "measure": item.spec.measure,
                    "sort_order": item.order,
                    "active": True,
                    "version": 1,
                }
            )
            tables["productionfigure"] += [
                {
                    "indicator_id": indicator_id,
                    "month": month,
                    "plan": plan,
                    "actual": actual,
                    "entered_by_id": None,
                    "version": 1,
                }
                for month, plan, actual in item.figures
            ]
            indicator_id += 1

        present = [person for person in branch.people if person.present_in(span[-1])]
        violations, accidents, injuries = _events(rng, kind, len(present), power, span)
        tables["safetyrecord"] += safety.safety_rows(
            rng,
            branch_id=branch.id,
            kind=kind,
            members=len(present),
            strength=power,
            span=span,
            since=safety.last_injury(rng, span[0]),
            member_violations=violations,
            accidents=dict.fromkeys(accidents, 1),
            injuries=injuries,
            entered_by=None,
        )

        holders = [
            person.id for person in branch.people if person.left is None and person.present_in(span[0])
        ]
        posts = safety.plan_posts(rng, kind, branch.size, holders, span)
        events = accidents | {month: words.INJURY_NOTE for month in injuries}
        safety.note_events(rng, posts, violations=violations, accidents=events)
        for post in posts:
            tables["pioneerpost"].append(
                {
                    "id": post_id,
                    "branch_id": branch.id,
                    "kind": post.kind,
                    "name": post.name,
                    "member_id": post.member_id,
                    "started_month": post.started_month,
                    "ended_month": None,
                    "active": True,
                    "version": 1,
                }
            )
            tables["pioneercheck"] += safety.check_rows(post, post_id, span, branch.secretary_user)
            post_id += 1
    return tables


def _events(
    rng: random.Random, kind: UnitKind, members: int, power: dict[int, float], span: list[str]
) -> tuple[dict[str, int], dict[str, str], dict[str, date]]:
    """A unit's months with 三违 of members (month → count), with a non-injury accident (month → note) and
    with an injury accident (month → day); accidents are ten times rarer away from the front line."""
    profile = words.SAFETY[kind]
    front = 1.0 if profile.front_line else 0.1
    violations, accidents, injuries = {}, {}, {}
    for month in span:
        weakness = 0.1 + 0.6 * (1 - power[months.year_of(month)])
        if count := safety.poisson(rng, members * profile.violation_rate * weakness):
            violations[month] = count
        if rng.random() < ACCIDENT_RATE * front:
            accidents[month] = words.ACCIDENT_NOTE.format(what=rng.choice(words.ACCIDENTS[kind]))
        elif rng.random() < INJURY_RATE * front:
            injuries[month] = months.last_day(month).replace(day=rng.randint(1, 28))
    return violations, accidents, injuries
