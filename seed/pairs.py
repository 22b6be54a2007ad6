"""The demo mine's 帮扶结对: about one 党员结对 per ten members and three 支部结对, with visits most months.

Pairings start in the second half of the year before or during the demo's year; 党支部 that keep up their
study (the seed's ``study_diligence``) visit more often, and a few pairings — more of them in the other
党支部 — have had no visit for three months or more by the last month, so that the page has some to flag.
"""

import random

from sqlmodel import Session

from data_layer import months
from data_layer.models import Pairing, PairVisit
from data_layer.vocab import PairKind

SEED = 20261208
MEMBERS_PER_PAIRING = 10
BRANCH_PAIRINGS = 3
TARGETS = ("困难职工", "新入职青工", "退休老党员", "伤病职工家属", "单亲职工子女", "大病职工")
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = ("师傅", "大姐", "大爷", "阿姨")
YOUNG = ("新入职青工", "单亲职工子女")  # called 小… rather than 师傅 or 大爷
YOUNG_GIVEN = ("小伙", "小妹")
VISIT_NOTES = ("入户走访", "谈心谈话", "送去慰问品", "协助办理医保报销", "帮助解决子女入学", "电话回访")


def seed_pairs(*, session: Session, year: int, last_month: str, branches: list) -> tuple[int, int]:
    """The pairings in force in the demo's year and their visits through ``last_month``; returns how many
    of each were written. ``branches``: the seed's branches (``.org``, ``.spec``, ``.people``)."""
    rng = random.Random(SEED)
    first = months.make(year, 1)
    plans: list[tuple[Pairing, float]] = []
    for branch in branches:
        helpers = [person for person in branch.people if person.stays and person.present_in(first)]
        count = min(len(helpers), max(1, len(branch.people) // MEMBERS_PER_PAIRING))
        for helper in rng.sample(helpers, count):
            kind = rng.choice(TARGETS)
            target = f"{kind}{rng.choice(SURNAMES)}{rng.choice(YOUNG_GIVEN if kind in YOUNG else GIVEN)}"
            pairing = _pairing(rng, branch, helper.row.id, target, PairKind.MEMBER, None, year, last_month)
            plans.append((pairing, branch.spec.study_diligence))
    for branch, partner in _partners(rng, branches):
        pairing = _pairing(
            rng, branch, None, partner.org.name, PairKind.BRANCH, partner.org.id, year, last_month
        )
        plans.append((pairing, 0.8))
    session.add_all([pairing for pairing, _ in plans])
    session.flush()
    visits = [visit for pairing, diligence in plans for visit in _visits(rng, pairing, diligence, last_month)]
    session.add_all(visits)
    session.flush()
    return len(plans), len(visits)


def _pairing(rng, branch, helper_id, target, kind, partner_id, year, last_month) -> Pairing:
    started = min(months.shift(months.make(year, 1), rng.randint(-6, 3)), last_month)
    return Pairing(
        branch_id=branch.org.id,
        kind=kind,
        helper_member_id=helper_id,
        target=target,
        partner_branch_id=partner_id,
        started_month=started,
        note="每月至少走访一次" if kind == PairKind.MEMBER else "支部共建，联合开展主题党日",
    )


def _partners(rng: random.Random, branches: list) -> list[tuple]:
    """Three 支部结对: a 党支部 of the offices or the surface paired with one at the coal face."""
    ordered = sorted(branches, key=lambda branch: branch.spec.study_diligence)
    front, back = ordered[:BRANCH_PAIRINGS], ordered[-BRANCH_PAIRINGS:]
    return list(zip(back, front, strict=True))


def _visits(rng: random.Random, pairing: Pairing, diligence: float, last_month: str) -> list[PairVisit]:
    """A visit most months (more often when ``diligence`` is high); some pairings are last visited three to
    five months before the last month (or earlier)."""
    stop = None
    if rng.random() < 0.45 * (1.2 - diligence):
        stop = months.shift(last_month, -rng.randint(3, 5))
    rows = []
    for month in months.span(pairing.started_month, last_month):
        if stop is not None and month > stop:
            break
        if rng.random() < 0.45 + 0.5 * diligence:
            rows.append(
                PairVisit(
                    pairing_id=pairing.id,
                    month=month,
                    visits=rng.choice((1, 1, 1, 2, 2, 3)),
                    note=rng.choice(VISIT_NOTES),
                )
            )
    return rows
