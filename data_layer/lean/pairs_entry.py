"""Write side of 帮扶结对: a 党支部's pairings and their monthly visits.

A pairing is a member of the 党支部 helping someone (党员结对: 帮扶人 and 帮扶对象 by name) or the 党支部
paired with another 党支部 (支部结对: 帮扶对象 is the partner's full name). Its natural key is (党支部,
帮扶人, 帮扶对象), 帮扶人 blank for 支部结对. Secretaries set up their own 党支部's pairings (docs/entry.md):
the months a pairing's start or end is set in must be open, and become 草稿. Visits are entered per
pairing and month, within the pairing's months, in an open month.
"""

from contextlib import suppress
from datetime import date
from functools import partial
from typing import Protocol

from sqlmodel import Session, select

from data_layer import clock, entry, months
from data_layer.auth import Actor
from data_layer.errors import Refused
from data_layer.models import Member, Organisation, Pairing, PairVisit, id_of
from data_layer.schemas import PairingIn, VisitIn
from data_layer.store import writes
from data_layer.vocab import OrgKind, PairKind


def member_of_branch(
    *, session: Session, member_no: str, branch: Organisation, field: str, cache: entry.Cache | None = None
) -> Member:
    """The active member with this 党员编号, who must be of ``branch`` (refused naming ``field``)."""
    member = entry.remembered(
        cache,
        ("member", member_no),
        lambda: session.exec(select(Member).where(Member.member_no == member_no)).first(),
    )
    if member is None or not member.active:
        raise Refused(f"找不到党员编号“{member_no}”", field=field)
    if member.branch_id != branch.id:
        raise Refused(f"党员编号 {member_no}（{member.name}）不是{branch.name}的党员", field=field)
    return member


def _partner(
    session: Session, name: str, branch: Organisation, cache: entry.Cache | None = None
) -> Organisation:
    partner = entry.remembered(
        cache,
        ("organisation", name),
        lambda: session.exec(select(Organisation).where(Organisation.name == name)).first(),
    )
    if partner is None or partner.kind != OrgKind.BRANCH or not partner.active:
        raise Refused(f"找不到结对的党支部“{name}”（支部结对的帮扶对象填写党支部全称）", field="帮扶对象")
    if partner.id == branch.id:
        raise Refused("党支部不能与自己结对", field="帮扶对象")
    return partner


def find_pairing(
    *, session: Session, branch: Organisation, helper_no: str | None, target: str, field: str = "帮扶对象"
) -> Pairing:
    """The pairing of a 党支部 with this 帮扶人 (None for 支部结对) and 帮扶对象, or a refusal."""
    helper_id = None
    if helper_no is not None:
        helper = session.exec(select(Member).where(Member.member_no == helper_no)).first()
        helper_id = helper.id if helper else -1
    pairing = session.exec(
        select(Pairing).where(
            Pairing.branch_id == branch.id,
            Pairing.helper_member_id == helper_id,
            Pairing.target == target,
            Pairing.active,
        )
    ).first()
    if pairing is None:
        who = f"帮扶人 {helper_no}、" if helper_no else ""
        raise Refused(f"{branch.name}没有{who}帮扶对象“{target}”的帮扶结对，请先登记结对", field=field)
    return pairing


class Span(Protocol):
    """Something that runs from a month until a month (a pairing, a 先锋岗): as stored, or as typed."""

    @property
    def started_month(self) -> str: ...
    @property
    def ended_month(self) -> str | None: ...


def months_changed(existing: Span | None, item: Span, current: str) -> list[str]:
    """The months a change of a span is entered in (a pairing's, a 先锋岗's): its start and end as set,
    and as they were, up to this month (an end planned later is entered now); a change of anything
    else alone is entered in this month."""
    if existing is None:
        found = {item.started_month, item.ended_month}
    else:
        found = set()
        if existing.started_month != item.started_month:
            found |= {existing.started_month, item.started_month}
        if existing.ended_month != item.ended_month:
            found |= {existing.ended_month, item.ended_month}
    return sorted({month for month in found if month is not None and month <= current}) or [current]


def save_pairing(
    *,
    session: Session,
    actor: Actor,
    item: PairingIn,
    expected_version: int | None = None,
    today: date | None = None,
    cache: entry.Cache | None = None,
    batch: writes.Batch | None = None,
) -> writes.Written[Pairing]:
    """Set up a pairing, or change its months and note (the same 党支部, 帮扶人 and 帮扶对象 again).

    The months of the change (``months_changed``) must be open; they become 草稿. ``cache`` and
    ``batch``: an import's, filled beforehand by ``preload_pairings``.
    """
    branch = entry.remembered(
        cache, ("branch", item.branch), lambda: entry.branch_by_name(session=session, name=item.branch)
    )
    current = months.of_date(today or clock.today())
    if item.started_month > current:
        raise Refused(f"开始月份不能晚于本月（{current}）", field="开始月份")
    helper = (
        None
        if item.helper_no is None
        else member_of_branch(
            session=session, member_no=item.helper_no, branch=branch, field="帮扶人党员编号", cache=cache
        )
    )
    partner = _partner(session, item.target, branch, cache) if item.kind == PairKind.BRANCH else None
    helper_id = helper.id if helper else None
    key = {"branch_id": branch.id, "helper_member_id": helper_id, "target": item.target}
    existing = batch.found(model=Pairing, key=key) if batch is not None else writes.NOT_LOOKED_UP
    if existing is writes.NOT_LOOKED_UP:
        existing = session.exec(
            select(Pairing).where(
                Pairing.branch_id == branch.id,
                Pairing.helper_member_id == helper_id,
                Pairing.target == item.target,
            )
        ).first()
    if existing is not None and existing.kind != item.kind:
        raise Refused(f"该结对已登记为“{existing.kind}”，不能改为“{item.kind}”", field="结对类型")
    changed = months_changed(existing, item, current)
    for month in changed:
        entry.open_branch(session, actor, id_of(branch), month, cache)
    if existing is not None:
        outside = session.exec(
            select(PairVisit.month)
            .where(
                PairVisit.pairing_id == existing.id,
                (PairVisit.month < item.started_month) | (PairVisit.month > (item.ended_month or "9999-12")),
            )
            .limit(1)
        ).first()
        if outside is not None:
            raise Refused(f"{outside} 有该结对的走访记录，不在所填的开始和结束月份之间", field="开始月份")
    outcome, row = writes.upsert(
        session=session,
        actor=actor.username,
        model=Pairing,
        key=key,
        values={
            "kind": item.kind,
            "partner_branch_id": partner.id if partner else None,
            "started_month": item.started_month,
            "ended_month": item.ended_month,
            "note": item.note,
            "active": True,
        },
        expected_version=expected_version,
        what=f"帮扶对象“{item.target}”的结对",
        batch=batch,
    )
    if outcome != writes.UNCHANGED:
        for month in changed:
            entry.draft_month(session, actor, id_of(branch), month, cache, batch)
    return writes.Written(outcome, row)


def preload_pairings(
    *, session: Session, actor: Actor, items: list[PairingIn], cache: entry.Cache, batch: writes.Batch
) -> None:
    """Before ``save_pairing`` of a sheet's rows: their 党支部 (and partners), helpers, the pairings
    already set up and the months they are entered in, in a few queries."""
    partners = {item.target for item in items if item.kind == PairKind.BRANCH}
    entry.preload_keyed(session, Organisation.name, partners, cache, "organisation")
    branches = entry.preload_branches(session=session, names={item.branch for item in items}, cache=cache)
    helpers = entry.preload_keyed(
        session, Member.member_no, {item.helper_no for item in items if item.helper_no}, cache, "member"
    )
    known = [(branches[item.branch], item) for item in items if item.branch in branches]
    keys = [
        {
            "target": item.target,
            "branch_id": id_of(branch),
            "helper_member_id": helpers[item.helper_no].id if item.helper_no in helpers else None,
        }
        for branch, item in known
        if item.helper_no is None or item.helper_no in helpers
    ]
    batch.preload(model=Pairing, keys=keys)
    current = months.of_date(clock.today())
    pairs = {
        (id_of(branch), month) for branch, item in known for month in months_changed(None, item, current)
    }
    entry.preload_months(session, actor, pairs, cache, batch)


def save_visit(
    *,
    session: Session,
    actor: Actor,
    item: VisitIn,
    expected_version: int | None = None,
    today: date | None = None,
    cache: entry.Cache | None = None,
    batch: writes.Batch | None = None,
) -> writes.Written[PairVisit]:
    """A pairing's visits in a month (one row per pairing and month); 0 records a month without a visit.
    ``cache`` and ``batch``: an import's, filled beforehand by ``preload_visits``."""
    branch = entry.remembered(
        cache, ("branch", item.branch), partial(entry.branch_by_name, session=session, name=item.branch)
    )
    entry.open_branch(session, actor, id_of(branch), item.month, cache)
    current = months.of_date(today or clock.today())
    if item.month > current:
        raise Refused(f"不能填报未来的月份（当前为 {current}）", field="月份")
    pairing = _pairing(session, branch, item, cache)
    if item.month < pairing.started_month or (pairing.ended_month and item.month > pairing.ended_month):
        span = f"{pairing.started_month} 至 {pairing.ended_month or '今'}"
        raise Refused(f"该结对的时间为 {span}，不能填报 {item.month} 的走访", field="月份")
    outcome, row = writes.upsert(
        session=session,
        actor=actor.username,
        model=PairVisit,
        key={"pairing_id": pairing.id, "month": item.month},
        values={"visits": item.visits, "note": item.note},
        expected_version=expected_version,
        what=f"帮扶对象“{item.target}”{item.month}的走访",
        on_insert={"entered_by_id": actor.user_id},
        batch=batch,
    )
    if outcome != writes.UNCHANGED:
        entry.draft_month(session, actor, id_of(branch), item.month, cache, batch)
    return writes.Written(outcome, row)


def _pairing(session: Session, branch: Organisation, item: VisitIn, cache: entry.Cache | None) -> Pairing:
    """``find_pairing`` for a row of visits, once per pairing in an import's ``cache``."""
    return entry.remembered(
        cache,
        ("pairing", id_of(branch), item.helper_no, item.target),
        partial(find_pairing, session=session, branch=branch, helper_no=item.helper_no, target=item.target),
    )


def preload_visits(
    *, session: Session, actor: Actor, items: list[VisitIn], cache: entry.Cache, batch: writes.Batch
) -> None:
    """Before ``save_visit`` of a sheet's rows: their 党支部 and months in a few queries, each pairing
    they name once, and the visits already entered for those pairings and months."""
    branches = entry.preload_branches(session=session, names={item.branch for item in items}, cache=cache)
    known = [(branches[item.branch], item) for item in items if item.branch in branches]
    keys = []
    for branch, item in known:
        with suppress(Refused):  # each of its rows is refused when written
            keys.append({"month": item.month, "pairing_id": id_of(_pairing(session, branch, item, cache))})
    batch.preload(model=PairVisit, keys=keys)
    entry.preload_months(
        session, actor, {(id_of(branch), item.month) for branch, item in known}, cache, batch
    )
