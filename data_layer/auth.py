"""Users, password hashing, roles and branch scope: the one place that decides who may do what.

Every read function turns the organisations a person asked for into a ``Scope`` through
``readable_scope``; every write function asks ``authorize_write`` first. A secretary reads and writes
only their own 党支部 (and the 党小组 below it); a leader reads everything and writes nothing but
approvals; an administrator sets up.
"""

from dataclasses import dataclass
from datetime import UTC, datetime

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import ColumnElement, or_
from sqlmodel import Session, select

from data_layer import audit
from data_layer.errors import Refused
from data_layer.models import Organisation, User
from data_layer.vocab import OrgKind, Role

MIN_PASSWORD_LENGTH = 8
_hasher = PasswordHasher()


@dataclass(frozen=True)
class Actor:
    """Who is acting: a logged-in user, or the command line acting as an administrator."""

    username: str
    display_name: str
    role: Role
    branch_id: int | None = None
    user_id: int | None = None


CLI_ACTOR = Actor(username="命令行", display_name="命令行", role=Role.ADMIN)


@dataclass(frozen=True)
class Scope:
    """The part of the tree a read covers: every node whose path starts with one of ``prefixes``."""

    prefixes: tuple[str, ...]

    def covers(self, path_column) -> ColumnElement[bool]:
        return or_(*(path_column.like(f"{prefix}%") for prefix in self.prefixes))

    def contains(self, path: str) -> bool:
        return any(path.startswith(prefix) for prefix in self.prefixes)


WHOLE_TREE = Scope(prefixes=("/",))


def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise Refused(f"密码至少 {MIN_PASSWORD_LENGTH} 位", field="密码")
    return _hasher.hash(password)


def authenticate(*, session: Session, username: str, password: str) -> Actor:
    """The actor for a username and password, or one refusal that does not say which was wrong."""
    wrong = Refused("用户名或密码错误")
    user = session.exec(select(User).where(User.username == username.strip())).first()
    if user is None:
        raise wrong
    try:
        _hasher.verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        raise wrong from None
    if not user.active:
        raise Refused("该账号已停用，请联系管理员")
    user.last_login_at = datetime.now(UTC)
    session.add(user)
    return actor_of(user)


def actor_of(user: User) -> Actor:
    return Actor(
        username=user.username,
        display_name=user.display_name,
        role=Role(user.role),
        branch_id=user.branch_id,
        user_id=user.id,
    )


def _own_branch(*, session: Session, actor: Actor) -> Organisation:
    branch = session.get(Organisation, actor.branch_id) if actor.branch_id else None
    if branch is None:
        raise Refused("该账号未关联党支部，请联系管理员")
    return branch


def readable_scope(*, session: Session, actor: Actor, org_ids: list[int] | tuple[int, ...] = ()) -> Scope:
    """The scope of a read of ``org_ids`` (all the actor may see when empty), or a refusal."""
    if actor.role == Role.SECRETARY:
        own = _own_branch(session=session, actor=actor)
        allowed = Scope(prefixes=(own.path,))
    else:
        allowed = WHOLE_TREE
    if not org_ids:
        return allowed
    paths = session.exec(select(Organisation.path).where(Organisation.id.in_(list(org_ids)))).all()
    if len(paths) != len(set(org_ids)):
        raise Refused("所选组织不存在", field="组织")
    if not all(allowed.contains(path) for path in paths):
        raise Refused("无权查看其他党支部的数据", field="组织")
    return Scope(prefixes=tuple(sorted(paths)))


def authorize_write(*, session: Session, actor: Actor, branch_id: int) -> Organisation:
    """The 党支部 an actor may write figures for, or a refusal."""
    branch = session.get(Organisation, branch_id)
    if branch is None or branch.kind != OrgKind.BRANCH:
        raise Refused("请选择一个党支部", field="党支部")
    if actor.role == Role.ADMIN:
        return branch
    if actor.role == Role.SECRETARY and actor.branch_id == branch_id:
        return branch
    raise Refused(f"无权填报或修改{branch.name}的数据", field="党支部")


def require_admin(actor: Actor) -> None:
    if actor.role != Role.ADMIN:
        raise Refused("只有管理员可以进行此操作")


def create_user(
    *,
    session: Session,
    actor: Actor,
    username: str,
    password: str,
    display_name: str,
    role: Role,
    branch_name: str | None = None,
) -> User:
    """Create a login. Secretaries must name their 党支部; the others must not."""
    require_admin(actor)
    username = username.strip()
    if not username:
        raise Refused("请填写用户名", field="用户名")
    if session.exec(select(User).where(User.username == username)).first():
        raise Refused(f"用户名“{username}”已存在", field="用户名")
    branch_id = None
    if role == Role.SECRETARY:
        if not branch_name:
            raise Refused("支部书记账号必须指定所属党支部", field="党支部")
        branch_name = "".join(branch_name.split())
        branch = session.exec(select(Organisation).where(Organisation.name == branch_name)).first()
        if branch is None or branch.kind != OrgKind.BRANCH or not branch.active:
            raise Refused(f"找不到党支部“{branch_name}”", field="党支部")
        branch_id = branch.id
    user = User(
        username=username,
        password_hash=hash_password(password),
        display_name=display_name.strip() or username,
        role=role,
        branch_id=branch_id,
    )
    session.add(user)
    session.flush()
    audit.record(session=session, actor=actor.username, action="create_user", row=user, before=None)
    return user
