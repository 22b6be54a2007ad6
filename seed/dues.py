"""The demo mine's 党费: every active member's month from the ledger's start through the demo's last month.

Incomes (税后) follow the 网格: underground miners about 5,000–12,000 元, surface and office staff about
4,000–9,000 元, varying a little month to month; the rate and due are the 规定's (data_layer/lean/dues_entry.py).
Nearly everyone pays in the month; some pay a month late (their last month still open), a few pay part,
the 党支部 that lag in study (the seed's ``study_diligence``) have more late payers, and two members have
paid nothing for six months or more by the last month (one more is at four), so the page has arrears to
flag. The ledger starts in January, or eight months before the last month when that is earlier, so the
arrears can show in every month of the year.
"""

import random
from datetime import date
from decimal import Decimal

from sqlmodel import Session

from data_layer import months
from data_layer.lean import dues_entry
from data_layer.models import DuesRecord
from seed.catalog import GRID_MINING, GRID_UNDERGROUND

SEED = 20261206
INCOME = {GRID_MINING: (6500, 12000), GRID_UNDERGROUND: (5000, 10500)}  # else: surface and offices
OTHER_INCOME = (4000, 9000)
LATE_SHARE = 0.04  # members paying a month late; three times as many in a 党支部 lagging in study
LAGGING_DILIGENCE = 0.6
PARTIAL_SHARE = 0.02  # a member's month paid only in part
ARREARS_RUNS = (7, 6, 4)  # months unpaid up to the last month: two flagged, one on the way
LEDGER_MONTHS = 8


def seed_dues(*, session: Session, year: int, last_month: str, branches: list) -> int:
    """Write the dues records; returns how many. ``branches``: the seed's branches (``.org``, ``.spec``,
    ``.people``)."""
    rng = random.Random(SEED)
    start = min(months.make(year, 1), months.shift(last_month, -LEDGER_MONTHS))
    span = months.span(start, last_month)
    # Those who stay first, then those who left (转出, 离世), who owed dues until they left.
    members = [(branch, person) for branch in branches for person in branch.people]
    people = [pair for pair in members if pair[1].stays] + [pair for pair in members if not pair[1].stays]
    lagging = [  # members there from the ledger's start, in the 党支部 lagging in study
        (branch, person)
        for branch, person in people
        if branch.spec.study_diligence < LAGGING_DILIGENCE and person.present_in(start) and person.stays
    ]
    chosen = rng.sample(lagging, len(ARREARS_RUNS))
    runs = {person.row.id: run for (_, person), run in zip(chosen, ARREARS_RUNS, strict=True)}
    rows = []
    for branch, person in people:
        low, high = INCOME.get(branch.spec.grid, OTHER_INCOME)
        base = rng.uniform(low, high)
        late_share = LATE_SHARE * (3 if branch.spec.study_diligence < LAGGING_DILIGENCE else 1)
        late = rng.random() < late_share
        unpaid_from = months.shift(last_month, 1 - runs[person.row.id]) if person.row.id in runs else None
        for month in span:
            if not person.present_in(month):
                continue
            income = Decimal(base * rng.uniform(0.92, 1.08)).quantize(dues_entry.FEN)
            rate = dues_entry.rate_for(income)
            due = dues_entry.due_for(income, rate)
            paid, paid_on = due, _day(rng, month, 5, 25)
            in_arrears = unpaid_from is not None and month >= unpaid_from
            if in_arrears or (late and month == last_month):  # a late payer's last month: not yet
                paid, paid_on = Decimal("0.00"), None
            elif late:
                paid_on = _day(rng, months.shift(month, 1), 1, 10)
            elif rng.random() < PARTIAL_SHARE:
                paid = (due / 2).quantize(Decimal(1))
            rows.append(
                DuesRecord(
                    member_id=person.row.id,
                    month=month,
                    income=income,
                    rate=rate,
                    due=due,
                    paid=paid,
                    paid_on=paid_on,
                )
            )
    session.add_all(rows)
    session.flush()
    return len(rows)


def _day(rng: random.Random, month: str, first: int, last: int) -> date:
    year, number = months.parse(month)
    return date(year, number, rng.randint(first, last))
