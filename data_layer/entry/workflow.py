"""A branch's month: 草稿 → 已提交 → 已审核 (or 已退回), the month lock, and an admin's reopening.

A month is locked for its 党支部 while it is 已提交 or 已审核: nothing of that month may be written until
a leader returns it or an administrator reopens it with a written reason (kept in the audit log).
"""

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlmodel import Session, col, func, select

from data_layer import months
from data_layer.auth import Actor, authorize_write, check_actor, readable_scope
from data_layer.errors import Refused
from data_layer.models import Organisation, Submission, User, id_of, utc_now
from data_layer.store import audit, writes
from data_layer.vocab import OrgKind, Role, SubmissionStatus

LOCKED = (SubmissionStatus.SUBMITTED, SubmissionStatus.APPROVED)


@dataclass(frozen=True)
class MonthState:
    branch_id: int
    branch: str
    month: str
    status: str
    comment: str | None
    submitted_by: str | None
    submitted_at: datetime | None
    reviewed_by: str | None
    reviewed_at: datetime | None
    version: int | None

    @property
    def locked(self) -> bool:
        return self.status in LOCKED


def _submission(session: Session, branch_id: int, month: str) -> Submission | None:
    return session.exec(
        select(Submission).where(Submission.branch_id == branch_id, Submission.month == month)
    ).first()


def _display_name(session: Session, user_id: int | None) -> str | None:
    user = session.get(User, user_id) if user_id else None
    return user.display_name if user else None


def month_state(*, session: Session, branch_id: int, month: str) -> MonthState:
    """Where a branch's month stands (未填报 when nothing has been saved yet)."""
    months.parse(month)
    branch = session.get(Organisation, branch_id)
    if branch is None or branch.kind != OrgKind.BRANCH:
        raise Refused("请选择一个党支部", field="党支部")
    row = _submission(session, branch_id, month)
    if row is None:
        return MonthState(
            branch_id, branch.name, month, SubmissionStatus.NONE, None, None, None, None, None, None
        )
    return MonthState(
        branch_id,
        branch.name,
        month,
        row.status,
        row.comment,
        _display_name(session, row.submitted_by_id),
        row.submitted_at,
        _display_name(session, row.reviewed_by_id),
        row.reviewed_at,
        row.version,
    )


def require_open(*, session: Session, branch: Organisation, month: str) -> None:
    """Refuse any write into a locked month."""
    row = _submission(session, id_of(branch), month)
    if row is not None and row.status in LOCKED:
        label = f"{months.year_of(month)}年{months.number_of(month)}月"
        raise Refused(f"{branch.name}{label}的填报{row.status}，已锁定，不能修改", field="月份")


def touch_draft(
    *, session: Session, actor: Actor, branch_id: int, month: str, batch: writes.Batch | None = None
) -> None:
    """The first figure saved for a month makes it 草稿 (a returned month stays 已退回 until resubmitted).

    In an import's ``batch`` whose preload found the month without a submission, the 草稿 is written
    with the batch's other rows; otherwise the batch is settled first, so the audit keeps row order.
    """
    key: dict[str, Any] = {"branch_id": branch_id, "month": month}
    found = batch.found(model=Submission, key=key) if batch is not None else writes.NOT_LOOKED_UP
    if batch is not None and found is None:
        batch.insert(
            actor=actor.username,
            row=Submission(**key, status=SubmissionStatus.DRAFT),
            key=key,
            action="draft",
        )
        return
    if batch is not None and found is writes.NOT_LOOKED_UP:
        batch.settle()
    if found is writes.NOT_LOOKED_UP and _submission(session, branch_id, month) is None:
        row = Submission(**key, status=SubmissionStatus.DRAFT)
        session.add(row)
        session.flush()
        audit.record(session=session, actor=actor.username, action="draft", row=row, before=None)


def _change(
    session: Session, actor: Actor, row: Submission, action: str, expected_version: int | None, **values
) -> MonthState:
    if expected_version is not None and row.version != expected_version:
        raise Refused("该月填报状态已被他人更改，请刷新后再操作")
    before = audit.snapshot(row)
    for name, value in values.items():
        setattr(row, name, value)
    row.version += 1
    session.add(row)
    session.flush()
    audit.record(session=session, actor=actor.username, action=action, row=row, before=before)
    return month_state(session=session, branch_id=row.branch_id, month=row.month)


def submit_month(
    *, session: Session, actor: Actor, branch_id: int, month: str, expected_version: int | None = None
) -> MonthState:
    """提交审核: a secretary (or an administrator) hands the month in; it is locked from now on."""
    months.parse(month)
    authorize_write(session=session, actor=actor, branch_id=branch_id)
    row = _submission(session, branch_id, month)
    if row is None:
        touch_draft(session=session, actor=actor, branch_id=branch_id, month=month)
        row = _submission(session, branch_id, month)
        assert row is not None, "touch_draft has just written it"
    if row.status in LOCKED:
        raise Refused(f"本月填报{row.status}，不能重复提交")
    return _change(
        session,
        actor,
        row,
        "submit",
        expected_version,
        status=SubmissionStatus.SUBMITTED,
        submitted_by_id=actor.user_id,
        submitted_at=utc_now(),
    )


def review_month(
    *,
    session: Session,
    actor: Actor,
    branch_id: int,
    month: str,
    approve: bool,
    comment: str = "",
    expected_version: int | None = None,
) -> MonthState:
    """审核: a leader approves a submitted month, or returns it with a comment saying what to fix."""
    actor = check_actor(session=session, actor=actor)
    if actor.role not in (Role.LEADER, Role.ADMIN):
        raise Refused("只有党委领导可以审核")
    row = _submission(session, branch_id, month)
    if row is None or row.status != SubmissionStatus.SUBMITTED:
        raise Refused("只能审核已提交的填报")
    comment = (comment or "").strip()
    if not approve and not comment:
        raise Refused("退回时请写明需要修改的内容", field="审核意见")
    if len(comment) > 500:
        raise Refused("审核意见最多 500 个字", field="审核意见")
    return _change(
        session,
        actor,
        row,
        "approve" if approve else "return",
        expected_version,
        status=SubmissionStatus.APPROVED if approve else SubmissionStatus.RETURNED,
        reviewed_by_id=actor.user_id,
        reviewed_at=utc_now(),
        comment=comment or None,
    )


def reopen_month(*, session: Session, actor: Actor, branch_id: int, month: str, reason: str) -> MonthState:
    """An administrator reopens an approved (or submitted) month; the reason is kept in the history."""
    actor = check_actor(session=session, actor=actor)
    if actor.role != Role.ADMIN:
        raise Refused("只有管理员可以重新打开已锁定的月份")
    reason = (reason or "").strip()
    if not reason:
        raise Refused("请写明重新打开的原因", field="原因")
    row = _submission(session, branch_id, month)
    if row is None or row.status not in LOCKED:
        raise Refused("该月未锁定，无需重新打开")
    return _change(
        session,
        actor,
        row,
        "reopen",
        None,
        status=SubmissionStatus.RETURNED,
        comment=f"管理员重新打开：{reason}",
    )


NEEDS_ACTION = (SubmissionStatus.RETURNED, SubmissionStatus.DRAFT, SubmissionStatus.NONE)


def month_needing_action(*, session: Session, actor: Actor, branch_id: int, today: date) -> MonthState | None:
    """The month a 党支部 should work on now, or ``None``: the oldest month 已退回 (a leader's return or an
    administrator's reopening); else the oldest month of the reporting year not yet 已提交 — from the
    first month anyone reported that year up to the month being reported (the one before ``today``'s)."""
    readable_scope(session=session, actor=actor, org_ids=(branch_id,))
    returned = session.exec(
        select(Submission.month)
        .where(Submission.branch_id == branch_id, Submission.status == SubmissionStatus.RETURNED)
        .order_by(Submission.month)
    ).first()
    if returned is not None:
        return month_state(session=session, branch_id=branch_id, month=returned)
    reported = months.previous(months.of_date(today))
    first = session.exec(
        select(func.min(Submission.month)).where(
            Submission.month >= months.first_of_year(reported), Submission.month <= reported
        )
    ).one()
    for month in months.span(first, reported) if first else ():
        state = month_state(session=session, branch_id=branch_id, month=month)
        if state.status in NEEDS_ACTION:
            return state
    return None


def pending_reviews(*, session: Session, actor: Actor, org_ids: tuple[int, ...] = ()) -> list[MonthState]:
    """Submitted months waiting for a leader, oldest first, within what the actor may read."""
    scope = readable_scope(session=session, actor=actor, org_ids=org_ids)
    rows = session.exec(
        select(Submission)
        .join(Organisation, col(Organisation.id) == Submission.branch_id)
        .where(Submission.status == SubmissionStatus.SUBMITTED, scope.covers(Organisation.path))
        .order_by(Submission.month, col(Submission.submitted_at))
    ).all()
    return [month_state(session=session, branch_id=row.branch_id, month=row.month) for row in rows]
