"""Users, password hashing, roles and branch scope: the one place that decides who may do what.

Every read function turns the organisations a person asked for into a ``Scope`` through
``readable_scope``; every write function asks ``authorize_write`` (or ``require_admin``) first. All of
them check the account first (``check_actor``), so a deactivated or changed account stops at once. A
secretary reads and writes only their own 党支部 (and the 党小组 below it); a leader reads everything
and writes nothing but approvals; an administrator sets up.
"""

import base64
import hashlib
import hmac
import json
import logging
import os
import secrets
import threading
from collections import OrderedDict
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import ColumnElement, Engine, or_, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session, col, select

from data_layer import clock
from data_layer.clock import BEIJING
from data_layer.errors import Refused
from data_layer.models import AuditLog, Organisation, Setting, User
from data_layer.store import audit, db, failure
from data_layer.store.writes import INSERTED, Written
from data_layer.vocab import OrgKind, Role

MIN_PASSWORD_LENGTH = 8
# Argon2id at OWASP's recommended setting (Password Storage Cheat Sheet: 19 MiB, 2 passes, 1 lane): a
# login costs about 40 ms of one core instead of argon2-cffi's default 64 MiB × 3 × 4 lanes (about 170 ms),
# which twenty people logging in together at a meeting on a two-core server felt. Hashes made with other
# settings still verify, and are made again with these at the next login (``check_needs_rehash``).
_hasher = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)
_log = logging.getLogger(__name__)


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


@cache
def _dummy_hash() -> str:
    """A hash no password matches, verified for unknown usernames so they cost as long as known ones."""
    return _hasher.hash(secrets.token_urlsafe(32))


def _password_matches(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


WRONG = "用户名或密码错误"


def authenticate(*, session: Session, username: str, password: str) -> Actor:
    """The actor for a username and password, or a refusal that does not say which of the two was wrong.

    Reads only: an unknown name, a wrong password and a deactivated account's wrong password all get
    the same answer, and cost the same one password check. A login's bookkeeping (counters, audit) and
    its throttle are ``log_in``'s."""
    return actor_of(_verified_user(session=session, username=username, password=password))


def _verified_user(*, session: Session, username: str, password: str) -> User:
    user = session.exec(select(User).where(User.username == username.strip())).first()
    matches = _password_matches(user.password_hash if user else _dummy_hash(), password)
    if user is None or not matches:
        raise Refused(WRONG)
    if not user.active:
        raise Refused("该账号已停用，请联系管理员")
    return user


def log_in(
    *,
    engine: Engine,
    username: str,
    password: str,
    client: str,
    throttle: "Throttle",
    now: datetime | None = None,
) -> Actor:
    """A login from the form: ``authenticate``'s check unless ``client`` must wait (``Throttle``), then
    its bookkeeping. Nothing here takes the write lock: the password is checked in a read, and the
    counters, audit rows and a hash upgraded to the current parameters (``_rehash``) are written by
    ``note_login`` in a ``bookkeeping_scope``, left undone (and logged) when the database is busy, full
    or read-only, so that people can still log in to read the figures."""
    now = now or clock.now()
    waiting = throttle.wait_until(client, now)
    if waiting is not None:
        raise _throttled(waiting)
    with db.session_scope(engine) as session:
        try:
            user = _verified_user(session=session, username=username, password=password)
        except Refused as refusal:
            failures = throttle.failed(client, now)
            _bookkeep(engine, username=username, succeeded=False, client=client, failures=failures, now=now)
            waiting = throttle.wait_until(client, now)
            raise (_throttled(waiting) if waiting is not None else refusal) from None
        actor, verified_hash = actor_of(user), user.password_hash
    throttle.succeeded(client)
    rehash = _rehash(verified_hash, password)
    _bookkeep(engine, username=username, succeeded=True, client=client, failures=0, now=now, rehash=rehash)
    return actor


def _rehash(password_hash: str, password: str) -> tuple[str, str] | None:
    """A verified hash and its replacement, when it was made with other parameters than the hasher's
    current ones (an older argon2-cffi's defaults); None, without hashing, when it was not."""
    if not _hasher.check_needs_rehash(password_hash):
        return None
    return password_hash, _hasher.hash(password)


def _throttled(until: datetime) -> Refused:
    # Rounded up to the minute, so that trying again at the time shown is let through.
    shown = until.astimezone(BEIJING)
    if shown.second or shown.microsecond:
        shown = shown.replace(second=0, microsecond=0) + timedelta(minutes=1)
    return Refused(f"登录失败次数过多，请于 {shown:%H:%M}（北京时间）后再试")


def _bookkeep(engine: Engine, **details) -> None:
    try:
        with db.bookkeeping_scope(engine) as session:
            note_login(session=session, **details)
    except SQLAlchemyError as error:
        if failure.kind_of(error) is None:
            raise
        _log.warning("a login's bookkeeping was left undone: the database is %s", failure.kind_of(error))


def note_login(
    *,
    session: Session,
    username: str,
    succeeded: bool,
    client: str,
    failures: int,
    now: datetime,
    rehash: tuple[str, str] | None = None,
) -> None:
    """A login's bookkeeping, audited: a success resets the account's count of wrong passwords and notes
    the time; a wrong password on an existing account counts one more; the failure that makes
    ``client`` wait (``failures`` in a row from it, ``Throttle.FREE``) is recorded with the client.
    ``rehash`` (the hash the password was verified against, its replacement) upgrades the stored hash
    unless it has changed since (an administrator's new password is never replaced)."""
    user = session.exec(
        select(User).where(User.username == username.strip()).execution_options(populate_existing=True)
    ).first()
    if user is not None:
        before = audit.snapshot(user)
        had_failures = user.failed_logins > 0 or user.locked_until is not None
        if succeeded:
            user.failed_logins, user.locked_until, user.last_login_at = 0, None, now
        else:
            user.failed_logins += 1
        session.add(user)
        session.flush()
        if succeeded and rehash is not None:
            verified, replacement = rehash
            session.execute(
                update(User)
                .where(col(User.id) == user.id, col(User.password_hash) == verified)
                .values(password_hash=replacement)
            )
        if not succeeded or had_failures:
            action = "failed_logins_reset" if succeeded else "login_failed"
            audit.record(session=session, actor=user.username, action=action, row=user, before=before)
    if not succeeded and failures == Throttle.FREE:
        entry = {"client": client, "username": username.strip(), "failures": failures}
        session.add(
            AuditLog(
                at=now,
                actor=username.strip()[:50],
                action="login_throttled",
                table_name="login",
                row_id=client[:50],
                after=json.dumps(entry, ensure_ascii=False),
            )
        )


class Throttle:
    """Wrong passwords per client (a browser's address), in this process: after ``FREE`` in a row the
    client waits before its next attempt is even checked, one minute, then twice as long after each
    further failure, at most ``LONGEST``; a success, or ``FORGET`` without an attempt, starts it afresh.
    It slows down the one who guesses, never the account's owner elsewhere, and it tells nothing about
    which names exist. At most ``max_clients`` are remembered (the least recently failing go first)."""

    FREE = 5
    FIRST_WAIT = timedelta(minutes=1)
    LONGEST = timedelta(minutes=15)
    FORGET = timedelta(minutes=30)

    def __init__(self, *, max_clients: int = 10_000) -> None:
        self.max_clients = max_clients
        self._failures: OrderedDict[str, tuple[int, datetime]] = OrderedDict()
        self._lock = threading.Lock()

    def wait_until(self, client: str, now: datetime) -> datetime | None:
        """When ``client`` may try again, or None if it may now."""
        with self._lock:
            count, last = self._current(client, now)
        if count < self.FREE:
            return None
        until = last + min(self.LONGEST, self.FIRST_WAIT * 2 ** (count - self.FREE))
        return until if until > now else None

    def failed(self, client: str, now: datetime) -> int:
        """Count one more wrong password from ``client``; the failures in a row so far."""
        with self._lock:
            count = self._current(client, now)[0] + 1
            self._failures[client] = (count, now)
            self._failures.move_to_end(client)
            while len(self._failures) > self.max_clients:
                self._failures.popitem(last=False)
        return count

    def succeeded(self, client: str) -> None:
        with self._lock:
            self._failures.pop(client, None)

    def _current(self, client: str, now: datetime) -> tuple[int, datetime]:
        count, last = self._failures.get(client, (0, now))
        return (0, now) if now - last >= self.FORGET else (count, last)


# --- A login that survives a refresh: a signed, expiring token, revoked at logout -------------------

TOKEN_LIFETIME = timedelta(hours=12)  # a working day
SECRET_SETTING = "login_token_secret"
SECRET_ENV = "DASHBOARD_SECRET"


def token_secret(*, engine: Engine) -> bytes:
    """The key login tokens are signed with: ``DASHBOARD_SECRET`` when set, else the one stored in the
    settings, made once (the first process to need it stores it; every other reads that one)."""
    configured = os.environ.get(SECRET_ENV)
    if configured:
        return configured.encode()
    with db.session_scope(engine) as session:
        stored = session.get(Setting, SECRET_SETTING)
        if stored is not None:
            return stored.value.encode()
    dialect = sqlite if engine.dialect.name == "sqlite" else postgresql
    with db.bookkeeping_scope(engine) as session:  # two processes at once: the first one's is kept
        session.execute(
            dialect.insert(Setting).on_conflict_do_nothing(index_elements=["key"]),
            {"key": SECRET_SETTING, "value": secrets.token_urlsafe(32)},
        )
    with db.session_scope(engine) as session:
        setting = session.get(Setting, SECRET_SETTING)
        assert setting is not None, "inserted just above unless there was one"
        return setting.value.encode()


def _signature(secret: bytes, payload: str) -> str:
    digest = hmac.new(secret, payload.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def issue_token(*, actor: Actor, secret: bytes, now: datetime) -> str:
    """A token naming ``actor``'s account, issued ``now``, good for ``TOKEN_LIFETIME`` unless revoked."""
    issued = int(now.timestamp() * 1000)
    payload = f"{actor.user_id}.{issued}"
    return f"{payload}.{_signature(secret, payload)}"


def actor_for_token(*, session: Session, token: str, secret: bytes, now: datetime) -> Actor | None:
    """The actor a token names, or None when it is forged, expired, revoked by a logout since it was
    issued, or its account is gone or deactivated."""
    user_id, _, rest = token.partition(".")
    issued, _, signature = rest.partition(".")
    if not (user_id.isdigit() and issued.isdigit()):
        return None
    if not hmac.compare_digest(signature, _signature(secret, f"{user_id}.{issued}")):
        return None
    issued_at = datetime.fromtimestamp(int(issued) / 1000, tz=UTC)
    if not now - TOKEN_LIFETIME < issued_at <= now + timedelta(minutes=1):
        return None
    user = session.get(User, int(user_id))
    if user is None or not user.active:
        return None
    signed_out = user.signed_out_at
    if signed_out is not None and issued_at <= (
        signed_out if signed_out.tzinfo else signed_out.replace(tzinfo=UTC)
    ):
        return None
    return actor_of(user)


def sign_out(*, session: Session, actor: Actor, now: datetime) -> None:
    """Revoke every login token of ``actor``'s account issued until ``now`` (a logout); audited."""
    user = session.get(User, actor.user_id) if actor.user_id is not None else None
    if user is None:
        return
    before = audit.snapshot(user)
    user.signed_out_at = now
    session.add(user)
    session.flush()
    audit.record(session=session, actor=user.username, action="signed_out", row=user, before=before)


def has_users(*, session: Session) -> bool:
    """Whether any login exists (outside the demo there is none until ``create-user`` makes the first)."""
    return session.exec(select(User.id).limit(1)).first() is not None


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


SIGNED_OUT = "请先登录"
DEACTIVATED = "该账号已停用，请联系管理员"
ACCOUNT_CHANGED = "该账号的角色或所属党支部已被管理员更改，请退出后重新登录"


def check_actor(*, session: Session, actor: Actor | None) -> Actor:
    """The actor, if they may still act: someone is logged in, and their account is active and has the
    role and 党支部 it had when they logged in. An ``Actor`` lingers in a browser session after an
    administrator deactivates the account or changes it; from that moment on every read
    (``readable_scope``) and every write (``authorize_write``, ``require_admin``) refuses it.
    The command line acts as an administrator and has no account (``CLI_ACTOR``)."""
    if actor is None:
        raise Refused(SIGNED_OUT)
    if actor.user_id is None:
        return actor
    user = session.get(User, actor.user_id)
    if user is None or not user.active:
        raise Refused(DEACTIVATED)
    if (Role(user.role), user.branch_id) != (actor.role, actor.branch_id):
        raise Refused(ACCOUNT_CHANGED)
    return actor


def readable_scope(
    *, session: Session, actor: Actor | None, org_ids: list[int] | tuple[int, ...] = ()
) -> Scope:
    """The scope of a read of ``org_ids`` (all the actor may see when empty), or a refusal."""
    actor = check_actor(session=session, actor=actor)
    if actor.role == Role.SECRETARY:
        own = _own_branch(session=session, actor=actor)
        allowed = Scope(prefixes=(own.path,))
    else:
        allowed = WHOLE_TREE
    if not org_ids:
        return allowed
    paths = session.exec(select(Organisation.path).where(col(Organisation.id).in_(list(org_ids)))).all()
    if len(paths) != len(set(org_ids)):
        raise Refused("所选组织不存在", field="组织")
    if not all(allowed.contains(path) for path in paths):
        raise Refused("无权查看其他党支部的数据", field="组织")
    return Scope(prefixes=tuple(sorted(paths)))


def authorize_write(*, session: Session, actor: Actor | None, branch_id: int) -> Organisation:
    """The 党支部 an actor may write figures for, or a refusal."""
    actor = check_actor(session=session, actor=actor)
    branch = session.get(Organisation, branch_id)
    if branch is None or branch.kind != OrgKind.BRANCH:
        raise Refused("请选择一个党支部", field="党支部")
    if actor.role == Role.ADMIN:
        return branch
    if actor.role == Role.SECRETARY and actor.branch_id == branch_id:
        return branch
    raise Refused(f"无权填报或修改{branch.name}的数据", field="党支部")


def require_admin(*, session: Session, actor: Actor | None) -> None:
    actor = check_actor(session=session, actor=actor)
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
) -> Written[User]:
    """Create a login. Secretaries must name their 党支部; the others must not."""
    require_admin(session=session, actor=actor)
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
    return Written(INSERTED, user)
