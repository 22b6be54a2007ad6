"""The administrator's writes about who is active and who does what: deactivating rows (never deleting),
changing logins, and 领办 (claiming an open task for a member).

Like ``setup``: keyword-only, session first, the caller's transaction, audited through ``writes.upsert``,
each returning ``(outcome, row)``.
"""

from typing import cast

from sqlalchemy import func, or_
from sqlmodel import Session, SQLModel, col, select

from data_layer import auth
from data_layer.auth import Actor
from data_layer.errors import Refused
from data_layer.models import ExpenseCategory, Member, Organisation, Task, User
from data_layer.setup.base import find_member, find_organisation
from data_layer.store import writes
from data_layer.vocab import OrgKind, Role, TaskMode

_LABELS: dict[type[SQLModel], str] = {
    Organisation: "组织",
    Member: "党员",
    User: "用户",
    Task: "任务",
    ExpenseCategory: "支出类别",
}


Switchable = Organisation | Member | User | Task | ExpenseCategory
"""The kinds of row that are switched on and off (启用 / 停用) rather than deleted."""


def set_active(
    *, session: Session, actor: Actor, model: type[Switchable], key: dict, active: bool
) -> writes.Written:
    """启用 / 停用 a row found by its natural key (e.g. ``{"name": …}``, ``{"member_no": …}``)."""
    auth.require_admin(session=session, actor=actor)
    if model not in _LABELS:
        raise ValueError(f"{model.__name__} cannot be activated or deactivated")
    label = _LABELS[model]
    statement = select(model)
    for name, value in key.items():
        statement = statement.where(getattr(model, name) == value)
    row = cast("Switchable | None", session.exec(statement).first())  # a row of ``model``
    shown = "、".join(str(value) for value in key.values())
    if row is None:
        raise Refused(f"找不到{label}“{shown}”")
    if row.active != active:
        _check_switch(session=session, actor=actor, row=row, active=active)
    return writes.upsert(
        session=session,
        actor=actor.username,
        model=model,
        key=key,
        values={"active": active},
        what=f"{label}“{shown}”",
    )


def _check_switch(*, session: Session, actor: Actor, row: Switchable, active: bool) -> None:
    """What must hold before a row is switched on or off."""
    if isinstance(row, Organisation):
        if active:
            parent = session.get(Organisation, row.parent_id) if row.parent_id else None
            if parent is not None and not parent.active:
                raise Refused(f"上级组织“{parent.name}”已停用，请先启用它", field="状态")
            return
        members = session.exec(
            select(func.count(col(Member.id))).where(
                Member.active, or_(col(Member.branch_id) == row.id, col(Member.group_id) == row.id)
            )
        ).one()
        if members:
            raise Refused(f"{row.name}还有 {members} 名在册党员，请先将其转出或停用", field="状态")
        children = session.exec(
            select(func.count(col(Organisation.id))).where(
                Organisation.parent_id == row.id, Organisation.active
            )
        ).one()
        if children:
            raise Refused(f"{row.name}还有 {children} 个启用中的下级组织，请先停用它们", field="状态")
    elif isinstance(row, Member) and active:
        branch = session.get_one(Organisation, row.branch_id)
        if not branch.active:
            raise Refused(f"{row.name}所在的{branch.name}已停用", field="状态")
    elif isinstance(row, User) and not active:
        if row.id == actor.user_id:
            raise Refused("不能停用自己的账号", field="状态")
        _keep_an_admin(session=session, user=row)


def _keep_an_admin(*, session: Session, user: User) -> None:
    """Refuse a change that would leave no active administrator (``user`` is about to stop being one)."""
    if user.role != Role.ADMIN or not user.active:
        return
    others = session.exec(
        select(func.count(col(User.id))).where(User.role == Role.ADMIN, User.active, User.id != user.id)
    ).one()
    if not others:
        raise Refused("至少要保留一个启用中的管理员账号")


def update_user(
    *,
    session: Session,
    actor: Actor,
    username: str,
    display_name: str | None = None,
    role: Role | None = None,
    branch_name: str | None = None,
    active: bool | None = None,
    new_password: str | None = None,
) -> writes.Written:
    """Change a login; what is left ``None`` stays as it is. A secretary always keeps a 党支部."""
    auth.require_admin(session=session, actor=actor)
    user = session.exec(select(User).where(User.username == username)).first()
    if user is None:
        raise Refused(f"找不到用户“{username}”", field="用户名")
    new_role = Role(role or user.role)
    values: dict[str, object] = {"role": str(new_role)}
    if display_name is not None:
        if not display_name.strip():
            raise Refused("请填写显示名称", field="显示名称")
        values["display_name"] = display_name.strip()
    if new_role == Role.SECRETARY:
        if branch_name:
            branch = find_organisation(session=session, name=branch_name, kind=OrgKind.BRANCH, field="党支部")
            values["branch_id"] = branch.id
        elif user.branch_id is None or user.role != Role.SECRETARY:
            raise Refused("支部书记账号必须指定所属党支部", field="党支部")
    elif branch_name:
        raise Refused("只有支部书记账号关联党支部", field="党支部")
    else:
        values["branch_id"] = None
    if active is not None:
        values["active"] = active
    if new_role != Role.ADMIN or active is False:
        if user.id == actor.user_id and user.role == Role.ADMIN:
            raise Refused("不能取消或停用自己的管理员账号", field="角色")
        _keep_an_admin(session=session, user=user)
    if new_password is not None:
        values.update(password_hash=auth.hash_password(new_password), failed_logins=0, locked_until=None)
    return writes.upsert(
        session=session,
        actor=actor.username,
        model=User,
        key={"username": username},
        values=values,
        what=f"用户“{username}”",
    )


def claim_task(*, session: Session, actor: Actor, code: str, owner_member_no: str) -> writes.Written:
    """领办: an open task (active, no owner) is taken on by a member, in the member's 党支部.

    A secretary claims only an open task of their own 党支部 (``open_tasks(branch_id=…)`` lists them),
    for a member of their own 党支部; an administrator any open task, for any active member.
    """
    actor = auth.check_actor(session=session, actor=actor)
    if actor.role not in (Role.ADMIN, Role.SECRETARY):
        auth.require_admin(session=session, actor=actor)
    task = session.exec(
        select(Task).where(Task.code == code).with_for_update().execution_options(populate_existing=True)
    ).first()
    if task is None:
        raise Refused(f"找不到任务“{code}”", field="任务编号")
    if actor.role == Role.SECRETARY and task.branch_id != actor.branch_id:
        raise Refused(f"任务“{code}”不是本党支部的任务，不能领办", field="任务编号")
    if not task.active:
        raise Refused(f"任务“{code}”已停用", field="任务编号")
    if task.owner_member_id is not None:
        owner = session.get_one(Member, task.owner_member_id)
        doing = "领办" if task.mode == TaskMode.CLAIMED else "负责"
        raise Refused(f"该任务已由 {owner.name} {doing}", field="责任人党员编号")
    member = find_member(session=session, member_no=owner_member_no, field="责任人党员编号")
    if not member.active:
        raise Refused(f"{member.name}（{member.member_no}）不是在册党员", field="责任人党员编号")
    if actor.role == Role.SECRETARY and member.branch_id != actor.branch_id:
        raise Refused("只能为本党支部的党员领办任务", field="责任人党员编号")
    branch = auth.authorize_write(session=session, actor=actor, branch_id=member.branch_id)
    return writes.upsert(
        session=session,
        actor=actor.username,
        model=Task,
        key={"code": code},
        values={"owner_member_id": member.id, "branch_id": branch.id, "mode": str(TaskMode.CLAIMED)},
        what=f"任务“{code}”",
    )
