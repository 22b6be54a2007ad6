"""Write side of 金点子: a member's idea proposed, then carried along 提出 → 评审 → 采纳 → 实施 → 见效
(or 评审 → 未采纳).

Status rules (docs/entry.md):
- a change moves forward along the chain, and may skip steps (an idea adopted at its review goes from
  提出 straight to 采纳); 未采纳 only from 提出 or 评审, and nothing follows it;
- moving backwards (a correction) is for administrators only;
- the change's day is today by the product clock unless given; its month must be open for the 党支部,
  not before the idea's last change, not in the future. ``status_month`` is that month, ``adopted_month``
  the month it reached 采纳 (or a later status, when 采纳 was skipped); it is kept through 实施 and 见效;
- 见效 needs its benefit: an amount in 元 and/or a description; other statuses carry none.

Every write: authorize → validate → open month → ``writes.upsert`` (audited) → the month becomes 草稿.
"""

from datetime import date
from decimal import Decimal
from typing import Any

from sqlmodel import Session, select

from data_layer import clock, entry, months
from data_layer.auth import Actor, authorize_write
from data_layer.errors import Refused
from data_layer.models import Idea, Member, id_of
from data_layer.schemas import IdeaIn, IdeaStepIn
from data_layer.store import writes
from data_layer.vocab import IdeaStatus, Role

CHAIN = (
    IdeaStatus.PROPOSED,
    IdeaStatus.REVIEWING,
    IdeaStatus.ADOPTED,
    IdeaStatus.IMPLEMENTING,
    IdeaStatus.EFFECTIVE,
)
ADOPTED_OR_LATER = frozenset(CHAIN[2:])
REJECTABLE_FROM = frozenset({IdeaStatus.PROPOSED, IdeaStatus.REVIEWING})


def next_statuses(status: str) -> list[IdeaStatus]:
    """The statuses a secretary may move an idea to from ``status``, nearest first."""
    if status == IdeaStatus.REJECTED:
        return []
    later = list(CHAIN[CHAIN.index(IdeaStatus(status)) + 1 :])
    return later + ([IdeaStatus.REJECTED] if status in REJECTABLE_FROM else [])


def _step_allowed(actor: Actor, old: str, new: str) -> None:
    if new == old or new in next_statuses(old):
        return
    if actor.role == Role.ADMIN:  # corrections backwards
        return
    if old == IdeaStatus.REJECTED:
        message = "未采纳的金点子不能再改变状态（如需更正请联系管理员）"
    elif new == IdeaStatus.REJECTED:
        message = f"只有“提出”或“评审”中的金点子可以改为未采纳，该金点子已{old}"
    else:
        message = f"金点子状态只能向前推进（提出→评审→采纳→实施→见效），不能从“{old}”改回“{new}”"
    raise Refused(message, field="状态")


def _benefit(status: str, amount: Decimal | None, text: str | None) -> tuple[Decimal | None, str | None]:
    if status == IdeaStatus.EFFECTIVE:
        if amount is None and not text:
            raise Refused("金点子见效时请填写效益（元）或效益说明", field="效益(元)")
        return amount, text
    if amount is not None or text:
        raise Refused(f"只有见效的金点子填写效益，该金点子状态为“{status}”", field="效益(元)")
    return None, None


def _member(
    session: Session, member_no: str, name: str | None, branch_id: int, branch: str, cache: entry.Cache | None
) -> Member:
    member = entry.remembered(
        cache,
        ("member", member_no),
        lambda: session.exec(select(Member).where(Member.member_no == member_no)).first(),
    )
    if member is None or not member.active:
        raise Refused(f"找不到党员编号“{member_no}”", field="提出人党员编号")
    if member.branch_id != branch_id:
        raise Refused(f"党员编号 {member_no}（{member.name}）不是{branch}的党员", field="提出人党员编号")
    if name and name != member.name:
        raise Refused(f"党员编号 {member_no} 对应的是“{member.name}”，与填写的“{name}”不一致", field="提出人")
    return member


def _open_for_status(
    session: Session, actor: Actor, branch_id: int, month: str, cache: entry.Cache | None = None
) -> None:
    """The month of a status (or its benefit) must be open: a refusal blames the 状态日期 that put it there."""
    try:
        entry.open_branch(session, actor, branch_id, month, cache)
    except Refused as refusal:
        raise Refused(
            refusal.message, field="状态日期" if refusal.field == "月份" else refusal.field
        ) from None


def _status_values(
    *,
    session: Session,
    actor: Actor,
    idea_month: str,
    branch_id: int,
    old: Idea | None,
    status: str,
    on: date,
    today: date | None,
    cache: entry.Cache | None = None,
) -> dict:
    """The status columns after a change to ``status`` on ``on``; checks and opens that month."""
    month = months.of_date(on)
    today = today or clock.today()
    if on > today:
        raise Refused(f"状态日期不能晚于今天（{today}）", field="状态日期")
    if month < idea_month:
        raise Refused("状态日期不能早于提出日期所在月份", field="状态日期")
    if old is not None and old.status != status and month < old.status_month and actor.role != Role.ADMIN:
        raise Refused(f"状态日期不能早于上次状态变化的月份（{old.status_month}）", field="状态日期")
    _open_for_status(session, actor, branch_id, month, cache)
    adopted = old.adopted_month if old is not None else None
    if status in ADOPTED_OR_LATER:
        adopted = adopted if adopted is not None and adopted <= month else month
    else:
        adopted = None
    return {"status": status, "status_month": month, "adopted_month": adopted}


def save_idea(
    *,
    session: Session,
    actor: Actor,
    item: IdeaIn,
    expected_version: int | None = None,
    today: date | None = None,
    cache: entry.Cache | None = None,
    batch: writes.Batch | None = None,
) -> writes.Written[Idea]:
    """Propose an idea, or (a row of Excel naming an existing 党支部 and 金点子名称) update it.

    The proposer must be an active member of the 党支部 the actor may write. The months a change is
    entered in must be open and become 草稿: the proposal's (new idea, or proposer or date changed — as it
    was and as it is), the status change's (see the module's rules), or, for a changed benefit alone, the
    month of the status it belongs to. ``cache`` and ``batch``: an import's, filled beforehand by
    ``preload_ideas``.
    """
    branch = entry.remembered(
        cache, ("branch", item.branch), lambda: entry.branch_by_name(session=session, name=item.branch)
    )
    branch_id = id_of(branch)
    entry.remembered(
        cache,
        ("authorized", branch_id),
        lambda: authorize_write(session=session, actor=actor, branch_id=branch_id),
    )
    proposer = _member(session, item.proposer_no, item.proposer_name, branch_id, branch.name, cache)
    key = {"branch_id": branch_id, "title": item.title}
    existing = batch.found(model=Idea, key=key) if batch is not None else writes.NOT_LOOKED_UP
    if existing is writes.NOT_LOOKED_UP:
        existing = session.exec(
            select(Idea).where(Idea.branch_id == branch_id, Idea.title == item.title)
        ).first()
    proposal: dict[str, Any] = {
        "proposer_member_id": proposer.id,
        "proposed_on": item.proposed_on,
        "month": item.month,
    }
    touched: set[str] = set()
    if existing is None or any(getattr(existing, name) != value for name, value in proposal.items()):
        touched |= {item.month} | ({existing.month} if existing is not None else set())
    for month in sorted(touched):
        entry.open_branch(session, actor, branch_id, month, cache)
    values: dict[str, Any] = dict(proposal)
    status = item.status
    if existing is None or existing.status != status:
        if existing is not None:
            _step_allowed(actor, existing.status, status)
        values |= _status_values(
            session=session,
            actor=actor,
            idea_month=item.month,
            branch_id=branch_id,
            old=existing,
            status=status,
            on=item.status_on or item.proposed_on,
            today=today,
            cache=cache,
        )
        touched.add(values["status_month"])
    amount, text = _benefit(status, item.benefit_amount, item.benefit_text)
    if existing is not None and (existing.benefit_amount, existing.benefit_text) != (amount, text):
        month = values.get("status_month", existing.status_month)
        if month not in touched:
            _open_for_status(session, actor, branch_id, month, cache)
            touched.add(month)
    values |= {"benefit_amount": amount, "benefit_text": text}
    outcome, row = writes.upsert(
        session=session,
        actor=actor.username,
        model=Idea,
        key=key,
        values=values,
        expected_version=expected_version,
        what=f"金点子“{item.title}”",
        on_insert={"entered_by_id": actor.user_id},
        batch=batch,
    )
    if outcome != writes.UNCHANGED:
        for month in sorted(touched):
            entry.draft_month(session, actor, branch_id, month, cache, batch)
    return writes.Written(outcome, row)


def preload_ideas(
    *, session: Session, actor: Actor, items: list[IdeaIn], cache: entry.Cache, batch: writes.Batch
) -> None:
    """Before ``save_idea`` of a sheet's rows: their 党支部, proposers, the ideas of those names and the
    months they are entered in, in a few queries."""
    branches = entry.preload_branches(session=session, names={item.branch for item in items}, cache=cache)
    entry.preload_keyed(session, Member.member_no, {item.proposer_no for item in items}, cache, "member")
    known = [(id_of(branches[item.branch]), item) for item in items if item.branch in branches]
    keys = [{"title": item.title, "branch_id": branch_id} for branch_id, item in known]
    batch.preload(model=Idea, keys=keys)
    found = [idea for idea in (batch.found(model=Idea, key=key) for key in keys) if idea is not None]
    pairs = {(branch_id, item.month) for branch_id, item in known}
    pairs |= {(branch_id, months.of_date(item.status_on or item.proposed_on)) for branch_id, item in known}
    pairs |= {(idea.branch_id, month) for idea in found for month in (idea.month, idea.status_month)}
    entry.preload_months(session, actor, pairs, cache, batch)


def advance_idea(
    *,
    session: Session,
    actor: Actor,
    idea_id: int,
    step: IdeaStepIn,
    expected_version: int | None = None,
    today: date | None = None,
) -> writes.Written[Idea]:
    """Change an idea's status (the form): ``step`` gives the status, its day and, at 见效, the benefit."""
    idea = session.get(Idea, idea_id)
    if idea is None:
        raise Refused("找不到该金点子", field="金点子名称")
    authorize_write(session=session, actor=actor, branch_id=idea.branch_id)
    if step.status == idea.status:
        raise Refused(f"该金点子已是“{idea.status}”", field="状态")
    _step_allowed(actor, idea.status, step.status)
    values = _status_values(
        session=session,
        actor=actor,
        idea_month=idea.month,
        branch_id=idea.branch_id,
        old=idea,
        status=step.status,
        on=step.status_on,
        today=today,
    )
    amount, text = _benefit(step.status, step.benefit_amount, step.benefit_text)
    values |= {"benefit_amount": amount, "benefit_text": text}
    outcome, row = writes.upsert(
        session=session,
        actor=actor.username,
        model=Idea,
        key={"id": idea.id},
        values=values,
        expected_version=expected_version,
        what=f"金点子“{idea.title}”",
    )
    entry.draft_month(session, actor, idea.branch_id, row.status_month, None)
    return writes.Written(outcome, row)
