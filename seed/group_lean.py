"""The group demo's 金点子, 帮扶结对 and 党费 for the last year of its window, as rows for bulk writes: enough
for the pages and the report to be measured at group scale (docs/performance.md), shaped like the mine's.

- 党费: every member present in a month of that year, an income kept near their own level, the 规定's
  rate; about 3 % of months paid late or not at all, and 0.2 % of members paying nothing from mid-year on.
- 金点子: about three ideas per 党支部 over the year, carried along 提出 → 评审 → 采纳/未采纳 → 实施 → 见效.
- 帮扶结对: one 党员结对 per twelve members, visited most months; one in twenty stops being visited.
"""

import random
from collections.abc import Iterator
from datetime import date
from decimal import Decimal

from data_layer import months
from data_layer.lean import dues_entry
from data_layer.vocab import IdeaStatus, PairKind
from seed.ideas import TITLES
from seed.pairs import TARGETS, VISIT_NOTES

SEED = 20261209
LATE_OR_UNPAID = 0.03
STOPS_PAYING = 0.002
IDEAS_PER_BRANCH = 3
MEMBERS_PER_PAIRING = 12
STOPS_VISITING = 0.05


def _day(month: str, day: int) -> date:
    year, number = months.parse(month)
    return date(year, number, min(day, months.last_day(month).day))


def dues_rows(branches: list, year_months: list[str]) -> Iterator[dict]:
    """``branches``: the group seed's (``.people`` with ``.id`` and ``present_in``)."""
    rng = random.Random(SEED)
    half = year_months[len(year_months) // 2]
    for branch in branches:
        for person in branch.people:
            level = rng.randrange(400, 1200) * 10
            stops = rng.random() < STOPS_PAYING
            for month in year_months:
                if not person.present_in(month):
                    continue
                income = Decimal(level + rng.choice((-200, 0, 0, 0, 300)))
                rate = dues_entry.rate_for(income)
                due = dues_entry.due_for(income, rate)
                unpaid = (stops and month >= half) or rng.random() < LATE_OR_UNPAID
                yield {
                    "member_id": person.id,
                    "month": month,
                    "income": income,
                    "rate": rate,
                    "due": due,
                    "paid": Decimal(0) if unpaid else due,
                    "paid_on": None if unpaid else _day(month, rng.randint(5, 25)),
                    "entered_by_id": None,
                    "version": 1,
                }


def idea_rows(branches: list, year_months: list[str]) -> Iterator[dict]:
    rng = random.Random(SEED + 1)
    last = year_months[-1]
    for branch in branches:
        for number in range(rng.randint(IDEAS_PER_BRANCH - 2, IDEAS_PER_BRANCH + 2)):
            month = rng.choice(year_months)
            proposer = rng.choice(branch.people)
            adopted = rng.random() < 0.7
            steps = [(IdeaStatus.PROPOSED, 0), (IdeaStatus.REVIEWING, 1)]
            steps += (
                [(IdeaStatus.ADOPTED, 2), (IdeaStatus.IMPLEMENTING, 3), (IdeaStatus.EFFECTIVE, 5)]
                if adopted
                else [(IdeaStatus.REJECTED, 2)]
            )
            reached = [(status, months.shift(month, after)) for status, after in steps]
            reached = [(status, when) for status, when in reached if when <= last]
            status, status_month = reached[-1]
            adopted_month = months.shift(month, 2) if adopted and len(reached) > 2 else None
            effective = status == IdeaStatus.EFFECTIVE
            yield {
                "title": f"{rng.choice(TITLES)}（{number + 1}）",
                "branch_id": branch.id,
                "proposer_member_id": proposer.id,
                "proposed_on": _day(month, rng.randint(1, 28)),
                "month": month,
                "status": status,
                "status_month": status_month,
                "adopted_month": adopted_month,
                "benefit_amount": Decimal(rng.randrange(20, 400) * 100) if effective else None,
                "benefit_text": "节约材料费用" if effective else None,
                "entered_by_id": None,
                "version": 1,
            }


def pairing_rows(branches: list, first_id: int, year_months: list[str]) -> tuple[list[dict], list[dict]]:
    """Pairings (with ids from ``first_id``) and their monthly visits."""
    rng = random.Random(SEED + 2)
    pairings, visits = [], []
    next_id = first_id
    for branch in branches:
        helpers = rng.sample(branch.people, max(1, len(branch.people) // MEMBERS_PER_PAIRING))
        for helper in helpers:
            start = year_months[0]
            stops = (
                months.shift(year_months[-1], -rng.randint(3, 6)) if rng.random() < STOPS_VISITING else None
            )
            pairings.append(
                {
                    "id": next_id,
                    "branch_id": branch.id,
                    "kind": PairKind.MEMBER,
                    "helper_member_id": helper.id,
                    "target": f"{rng.choice(TARGETS)}{next_id}",
                    "partner_branch_id": None,
                    "started_month": start,
                    "ended_month": None,
                    "note": None,
                    "active": True,
                    "version": 1,
                }
            )
            for month in year_months:
                if (stops and month > stops) or rng.random() < 0.15:
                    continue
                visits.append(
                    {
                        "pairing_id": next_id,
                        "month": month,
                        "visits": rng.choice((1, 1, 1, 2)),
                        "note": rng.choice(VISIT_NOTES),
                        "entered_by_id": None,
                        "version": 1,
                    }
                )
            next_id += 1
    return pairings, visits
