"""Write side of 三会一课: record, edit and delete a meeting.

A meeting is told apart by what the people who hold it would name: its 党支部, its 党小组 (a 党小组会's),
its kind, its date and its topic. Several meetings may share a day, so nothing is keyed by the day alone:
a form that would record a meeting already recorded is refused (naming it), an edit says which meeting
it changes (its id) and the version it was loaded at, and a workbook typed again updates its meetings'
attendance. Every write runs inside the caller's ``db.write_scope`` (the write lock), which is what keeps
two people from recording the same meeting at once.
"""

from typing import Any

from sqlmodel import Session, col, select

from data_layer import months
from data_layer.auth import Actor
from data_layer.entry.figures import (
    Cache,
    branch_by_name,
    draft_month,
    open_branch,
    preload_branches,
    preload_months,
    remembered,
)
from data_layer.errors import Refused
from data_layer.models import Meeting, Organisation, id_of
from data_layer.schemas import MeetingIn
from data_layer.store import writes
from data_layer.vocab import MeetingKind, OrgKind

GROUP_FIELD = "党小组"


def _groups(session: Session, branch_ids: list[int]) -> list[Organisation]:
    """The active 党小组 of these 党支部."""
    return list(
        session.exec(
            select(Organisation).where(
                col(Organisation.parent_id).in_(branch_ids),
                Organisation.kind == OrgKind.GROUP,
                col(Organisation.active),
            )
        ).all()
    )


def _meeting_group(
    *, session: Session, branch: Organisation, item: MeetingIn, cache: Cache | None = None
) -> Organisation | None:
    """The 党小组 of a 党小组会: one of its 党支部's active 党小组 — named when there are several, its only
    one when there is one, none when there are none; no other kind has one."""
    if item.kind != MeetingKind.GROUP:
        if item.group:
            raise Refused(f"只有党小组会填写党小组；{item.kind}请留空", field=GROUP_FIELD)
        return None
    groups = {
        group.name: group
        for group in remembered(cache, ("groups", branch.id), lambda: _groups(session, [id_of(branch)]))
    }
    if item.group is None:
        if len(groups) == 1:  # the 党支部's only 党小组 (a workbook people made has no 党小组 column)
            return next(iter(groups.values()))
        if groups:
            raise Refused(
                f"请填写召开党小组会的党小组（{branch.name}有 {len(groups)} 个党小组）", field=GROUP_FIELD
            )
        return None
    if item.group not in groups:
        raise Refused(f"党小组“{item.group}”不是{branch.name}的在册党小组", field=GROUP_FIELD)
    return groups[item.group]


def describe_meeting(*, held_on, kind: str, topic: str, group: str | None = None) -> str:
    """A meeting as people name it: 2026-04-09 第一党小组党小组会“学习贯彻全会精神”."""
    return f"{held_on} {group or ''}{kind}“{topic}”"


IDENTITY = ("branch_id", "group_id", "kind", "held_on", "topic")


def _identity(meeting: Meeting) -> tuple:
    return tuple(getattr(meeting, name) for name in IDENTITY)


def _same(session: Session, identity: dict, cache: Cache | None = None) -> Meeting | None:
    known = (
        cache.get(("meetings", identity["branch_id"], months.of_date(identity["held_on"]))) if cache else None
    )
    if known is not None:
        return known.get(tuple(identity.values()))
    statement = select(Meeting)
    for name, value in identity.items():
        statement = statement.where(getattr(Meeting, name) == value)  # a None group is IS NULL
    return session.exec(statement.order_by(col(Meeting.id))).first()


def save_meeting(
    *,
    session: Session,
    actor: Actor,
    item: MeetingIn,
    meeting_id: int | None = None,
    expected_version: int | None = None,
    update_same: bool = False,
    cache: Cache | None = None,
    batch: writes.Batch | None = None,
) -> writes.Written[Meeting]:
    """Record a meeting of 三会一课, or edit the one with ``meeting_id``.

    An edit passes the ``expected_version`` it loaded: a meeting changed or deleted since is refused, and
    so is an edit that would make it another meeting already recorded. A new meeting whose 党支部, 党小组,
    kind, date and topic are already recorded is refused naming that meeting — unless ``update_same``
    (an import of a workbook typed again), which updates that meeting's attendance instead.
    ``cache`` and ``batch``: an import's, filled beforehand by ``preload_meetings``.
    """
    branch = remembered(
        cache, ("branch", item.branch), lambda: branch_by_name(session=session, name=item.branch)
    )
    month = months.of_date(item.held_on)
    existing = None
    if meeting_id is not None:
        existing = session.get(Meeting, meeting_id)
        if existing is None:
            raise Refused("该会议已被他人删除，请刷新后重新填写；本次未保存")
        open_branch(session, actor, existing.branch_id, existing.month)  # authorises, and its month is open
        if existing.branch_id != branch.id:
            raise Refused("不能把会议改到其他党支部", field="党支部")
    open_branch(session, actor, id_of(branch), month, cache)
    group = _meeting_group(session=session, branch=branch, item=item, cache=cache)
    identity: dict[str, Any] = {
        "branch_id": id_of(branch),
        "group_id": group.id if group else None,
        "kind": str(item.kind),
        "held_on": item.held_on,
        "topic": item.topic,
    }
    what = describe_meeting(held_on=item.held_on, kind=item.kind, topic=item.topic, group=item.group)
    same = _same(session, identity, cache)
    if same is not None and same.id != meeting_id:
        if existing is not None or not update_same:
            raise Refused(f"{branch.name}已登记{what}；如需修改，请在会议列表中选择这次会议修改；本次未保存")
        existing = same
    attendance: dict[str, Any] = {
        "expected_attendance": item.expected_attendance,
        "actual_attendance": item.actual_attendance,
    }
    if existing is None:
        row = Meeting(**identity, month=month, **attendance, entered_by_id=actor.user_id)
        if batch is None:
            written = writes.insert(session=session, actor=actor.username, row=row)
        else:
            written = batch.insert(actor=actor.username, row=row, key=identity)
        if cache is not None and ("meetings", id_of(branch), month) in cache:
            cache[("meetings", id_of(branch), month)].setdefault(_identity(row), row)
    else:
        written = writes.upsert(
            session=session,
            actor=actor.username,
            model=Meeting,
            key={"id": existing.id},
            values={**identity, "month": month, **attendance},
            expected_version=expected_version if meeting_id is not None else None,
            what=what,
            batch=batch,
        )
    if written.outcome != writes.UNCHANGED:
        draft_month(session, actor, id_of(branch), month, cache, batch)
    return written


def preload_meetings(
    *, session: Session, actor: Actor, items: list[MeetingIn], cache: Cache, batch: writes.Batch
) -> None:
    """Before ``save_meeting`` of a sheet's rows: their 党支部 and 党小组, months and the meetings already
    recorded in those months (by what tells them apart, the first recorded first), in a few queries."""
    branches = preload_branches(session=session, names={item.branch for item in items}, cache=cache)
    pairs = {
        (id_of(branches[item.branch]), months.of_date(item.held_on))
        for item in items
        if item.branch in branches
    }
    preload_months(session, actor, pairs, cache, batch)
    ids = sorted({branch_id for branch_id, _ in pairs})
    for chunk in writes.chunks(ids):
        for branch_id in chunk:
            cache[("groups", branch_id)] = []
        for group in _groups(session, chunk):
            cache[("groups", group.parent_id)].append(group)
    for branch_id, month in pairs:
        cache[("meetings", branch_id, month)] = {}
    for month in {month for _, month in pairs}:
        for chunk in writes.chunks(branch_id for branch_id, of_month in pairs if of_month == month):
            recorded = session.exec(
                select(Meeting)
                .where(col(Meeting.branch_id).in_(chunk), Meeting.month == month)
                .order_by(col(Meeting.id))
            ).all()
            for meeting in recorded:
                cache[("meetings", meeting.branch_id, month)].setdefault(_identity(meeting), meeting)
                batch.know(model=Meeting, key={"id": meeting.id}, row=meeting)


def delete_meeting(
    *, session: Session, actor: Actor, meeting_id: int, expected_version: int | None = None
) -> writes.Written[Meeting]:
    """Remove a wrongly recorded meeting of an open month (the audit log keeps what it was)."""
    row = session.get(Meeting, meeting_id)
    if row is None:
        raise Refused("找不到该会议（可能已被他人删除）")
    open_branch(session, actor, row.branch_id, row.month)
    group = session.get(Organisation, row.group_id) if row.group_id else None
    what = describe_meeting(
        held_on=row.held_on, kind=row.kind, topic=row.topic, group=group.name if group else None
    )
    return writes.delete(
        session=session, actor=actor.username, row=row, expected_version=expected_version, what=what
    )
