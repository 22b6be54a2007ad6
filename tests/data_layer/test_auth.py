"""Login, users and branch scope: the one place that decides who may do what."""

import json
import threading
from datetime import UTC, datetime, timedelta

import pytest
from argon2 import PasswordHasher
from sqlalchemy import text
from sqlmodel import Session, select

from data_layer import auth, cli
from data_layer.errors import Refused
from data_layer.models import AuditLog, Organisation, User
from data_layer.store import db, version
from data_layer.vocab import Role
from tests.actors import actor, org_id
from tests.handmade import PASSWORD


def test_right_password_gives_the_actor_with_role_and_branch(session):
    found = auth.authenticate(session=session, username="sec_a", password=PASSWORD)
    assert (found.username, found.role, found.branch_id) == (
        "sec_a",
        Role.SECRETARY,
        org_id(session, "综采一队党支部"),
    )


@pytest.mark.parametrize("username, password", [("leader", "wrong-pass"), ("nobody", PASSWORD), ("", "")])
def test_wrong_login_says_the_same_thing_whatever_was_wrong(session, username, password):
    with pytest.raises(Refused, match=r"^用户名或密码错误$"):
        auth.authenticate(session=session, username=username, password=password)


def test_passwords_are_stored_as_argon2_hashes(session):
    stored = session.exec(select(User.password_hash).where(User.username == "leader")).one()
    assert stored.startswith("$argon2")
    assert PASSWORD not in stored


def test_short_password_is_refused_naming_the_field():
    with pytest.raises(Refused) as refusal:
        auth.hash_password("short")
    assert refusal.value.field == "密码"
    assert str(refusal.value) == "“密码”：密码至少 8 位"


def test_scope_of_each_role(session):
    leader = auth.readable_scope(session=session, actor=actor(session, "leader"))
    secretary = auth.readable_scope(session=session, actor=actor(session, "sec_a"))
    a_path = session.get(Organisation, org_id(session, "综采一队党支部")).path
    assert leader == auth.WHOLE_TREE
    assert secretary.prefixes == (a_path,)


@pytest.mark.parametrize(
    "username, branch, allowed",
    [
        ("admin", "综采一队党支部", True),
        ("admin", "掘进一队党支部", True),
        ("sec_a", "综采一队党支部", True),
        ("sec_a", "掘进一队党支部", False),
        ("sec_b", "综采一队党支部", False),
        ("leader", "综采一队党支部", False),
    ],
)
def test_who_may_write_a_branch_figures(session, username, branch, allowed):
    branch_id = org_id(session, branch)
    if allowed:
        assert (
            auth.authorize_write(session=session, actor=actor(session, username), branch_id=branch_id).name
            == branch
        )
    else:
        with pytest.raises(Refused, match=f"无权填报或修改{branch}的数据"):
            auth.authorize_write(session=session, actor=actor(session, username), branch_id=branch_id)


def test_writing_for_a_general_branch_is_refused(session):
    with pytest.raises(Refused, match="请选择一个党支部"):
        auth.authorize_write(
            session=session, actor=actor(session, "admin"), branch_id=org_id(session, "一线党总支")
        )


def test_admin_creates_a_secretary_and_it_is_audited(fresh_engine):
    with Session(fresh_engine) as session:
        admin = actor(session, "admin")
        _, user = auth.create_user(
            session=session,
            actor=admin,
            username="sec_c",
            password="long-enough",
            display_name="机关书记",
            role=Role.SECRETARY,
            branch_name="机关党支部",
        )
        session.commit()
        assert user.branch_id == org_id(session, "机关党支部")
        entry = session.exec(select(AuditLog).where(AuditLog.action == "create_user")).one()
        assert (entry.actor, entry.table_name, entry.row_id) == ("admin", "app_user", str(user.id))
        assert "password_hash" not in entry.after
        assert (
            auth.authenticate(session=session, username="sec_c", password="long-enough").branch_id
            == user.branch_id
        )


@pytest.mark.parametrize(
    "username, role, branch, message",
    [
        ("leader", Role.LEADER, None, "用户名“leader”已存在"),
        ("new", Role.SECRETARY, None, "支部书记账号必须指定所属党支部"),
        ("new", Role.SECRETARY, "一线党总支", "找不到党支部“一线党总支”"),
        ("  ", Role.LEADER, None, "请填写用户名"),
    ],
)
def test_bad_users_are_refused_and_nothing_is_written(session, username, role, branch, message):
    before = len(session.exec(select(User)).all())
    with pytest.raises(Refused, match=message):
        auth.create_user(
            session=session,
            actor=actor(session, "admin"),
            username=username,
            password="long-enough",
            display_name="x",
            role=role,
            branch_name=branch,
        )
    assert len(session.exec(select(User)).all()) == before


@pytest.mark.parametrize("username", ["leader", "sec_a"])
def test_only_an_admin_creates_users(session, username):
    with pytest.raises(Refused, match="只有管理员"):
        auth.create_user(
            session=session,
            actor=actor(session, username),
            username="x1",
            password="long-enough",
            display_name="x",
            role=Role.LEADER,
        )


def test_a_secretary_account_needs_an_active_branch(session):
    with pytest.raises(Refused, match="找不到党支部“已撤销党支部”"):
        auth.create_user(
            session=session,
            actor=actor(session, "admin"),
            username="sec_x",
            password="long-enough",
            display_name="x",
            role=Role.SECRETARY,
            branch_name="已撤销 党支部",
        )


# --- The door: the same answer for every name; a client that keeps failing waits, nobody else ---

# 06:20 UTC is 14:20 in Beijing.
START = datetime(2026, 3, 10, 6, 20, tzinfo=UTC)
WRONG = "用户名或密码错误"


def throttled(hh_mm: str) -> str:
    return f"登录失败次数过多，请于 {hh_mm}（北京时间）后再试"


def login(engine, throttle, username: str, password: str, at: datetime, client: str = "10.0.0.1") -> str:
    """One login as the form makes it (auth.log_in), its answer as a person reads it."""
    try:
        found = auth.log_in(
            engine=engine, username=username, password=password, client=client, throttle=throttle, now=at
        )
    except Refused as refusal:
        return str(refusal)
    return f"ok {found.username}"


@pytest.fixture
def door(fresh_engine):
    return fresh_engine, auth.Throttle()


def failures_of(engine, username: str) -> int:
    with Session(engine) as session:
        return session.exec(select(User.failed_logins).where(User.username == username)).one()


@pytest.mark.parametrize("username", ["leader", "nobody", "admin"])
def test_five_wrong_passwords_make_the_client_wait_with_the_same_answer_for_any_name(door, username):
    engine, throttle = door
    outcomes = [login(engine, throttle, username, "wrong-pass", START) for _ in range(5)]
    # four plain refusals, then one minute's wait: a name that exists and one that does not read alike
    assert outcomes == [WRONG] * 4 + [throttled("14:21")]
    # while it waits even the right password is not checked
    assert login(engine, throttle, "leader", PASSWORD, START + timedelta(seconds=59)) == throttled("14:21")


def test_the_account_s_owner_elsewhere_logs_in_while_a_guesser_waits(door):
    engine, throttle = door
    for _ in range(12):
        login(engine, throttle, "admin", "wrong-pass", START, client="203.0.113.9")
    assert login(engine, throttle, "admin", PASSWORD, START, client="10.0.0.1") == "ok admin"
    assert login(engine, throttle, "admin", PASSWORD, START, client="203.0.113.9").startswith(
        "登录失败次数过多"
    )


def test_each_further_failure_doubles_the_wait_up_to_15_minutes(door):
    engine, throttle = door
    at = START
    waits = []
    for _ in range(5):
        login(engine, throttle, "leader", "wrong-pass", at)
    for _ in range(6):
        until = throttle.wait_until("10.0.0.1", at)
        waits.append(until - at)
        at = until
        assert login(engine, throttle, "leader", "wrong-pass", at) == throttled(
            f"{(at + min(waits[-1] * 2, timedelta(minutes=15))).astimezone(auth.BEIJING):%H:%M}"
        )
    assert waits == [timedelta(minutes=m) for m in (1, 2, 4, 8, 15, 15)]


def test_a_success_or_half_an_hour_without_an_attempt_starts_the_count_afresh(door):
    engine, throttle = door
    for _ in range(4):
        login(engine, throttle, "leader", "wrong-pass", START)
    assert login(engine, throttle, "leader", PASSWORD, START) == "ok leader"
    assert [login(engine, throttle, "leader", "wrong-pass", START) for _ in range(4)] == [WRONG] * 4

    later = START + timedelta(minutes=30)
    assert [login(engine, throttle, "leader", "wrong-pass", later) for _ in range(4)] == [WRONG] * 4


def test_the_throttle_remembers_a_bounded_number_of_clients():
    throttle = auth.Throttle(max_clients=3)
    for n in range(10):
        throttle.failed(f"10.0.0.{n}", START)
    assert len(throttle._failures) == 3
    assert throttle.failed("10.0.0.9", START) == 2  # the most recent ones are kept
    assert throttle.failed("10.0.0.0", START) == 1  # the oldest were forgotten


def test_failures_the_reset_and_the_wait_are_audited(door):
    engine, throttle = door
    with Session(engine) as session:
        user_id = str(session.exec(select(User.id).where(User.username == "sec_a")).one())
    for _ in range(5):
        login(engine, throttle, "sec_a", "wrong-pass", START)
    assert failures_of(engine, "sec_a") == 5
    assert login(engine, throttle, "sec_a", PASSWORD, START + timedelta(minutes=1)) == "ok sec_a"
    assert failures_of(engine, "sec_a") == 0

    with Session(engine) as session:
        entries = session.exec(select(AuditLog).where(AuditLog.action.like("%login%"))).all()
    assert [(entry.actor, entry.action, entry.table_name, entry.row_id) for entry in entries] == [
        *[("sec_a", "login_failed", "app_user", user_id)] * 5,
        ("sec_a", "login_throttled", "login", "10.0.0.1"),
        ("sec_a", "failed_logins_reset", "app_user", user_id),
    ]
    assert json.loads(entries[5].after) == {"client": "10.0.0.1", "username": "sec_a", "failures": 5}
    assert all("password_hash" not in (entry.after or "") for entry in entries)


def test_an_unknown_name_is_throttled_and_audited_without_touching_any_account(door):
    engine, throttle = door
    for _ in range(5):
        login(engine, throttle, "nobody", "wrong-pass", START)
    with Session(engine) as session:
        entries = session.exec(select(AuditLog).where(AuditLog.action.like("%login%"))).all()
    assert [(entry.actor, entry.action, entry.row_id) for entry in entries] == [
        ("nobody", "login_throttled", "10.0.0.1")
    ]


def test_a_login_works_while_another_connection_holds_the_write_lock(door):
    """A long save (an import) holds the write lock: the login is checked and let in at once; its
    bookkeeping waits at most a second on SQLite, then is left undone."""
    engine, throttle = door
    holding, release = threading.Event(), threading.Event()

    def long_write() -> None:
        with db.write_scope(engine) as session:
            session.execute(text("UPDATE setting SET value = value"))
            holding.set()
            release.wait(60)

    writer = threading.Thread(target=long_write)
    writer.start()
    try:
        assert holding.wait(30)
        # both answered while the writer still holds the lock (it is released only below)
        assert login(engine, throttle, "leader", PASSWORD, START) == "ok leader"
        assert login(engine, throttle, "leader", "wrong-pass", START) == WRONG
    finally:
        release.set()
        writer.join()


class CountingHasher(PasswordHasher):
    """The login's hasher (its parameters), counting the passwords it checks."""

    def __init__(self) -> None:
        login = auth._hasher
        super().__init__(login.time_cost, login.memory_cost, login.parallelism)
        self.verified = 0

    def verify(self, password_hash, password):
        self.verified += 1
        return super().verify(password_hash, password)


def test_an_unknown_username_costs_one_password_check_and_says_the_same(session, monkeypatch):
    hasher = CountingHasher()
    monkeypatch.setattr(auth, "_hasher", hasher)
    outcomes = []
    for username in ("nobody", "leader"):
        try:
            auth.authenticate(session=session, username=username, password="wrong-pass")
        except Refused as refusal:
            outcomes.append(str(refusal))
    assert outcomes == [WRONG, WRONG]
    assert hasher.verified == 2


# --- A hash made with older parameters is upgraded at the next login ---

# Far cheaper than the login's setting (OWASP's), as an older release's (or a hand-made) hash would be.
WEAK_HASHER = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)


def stored_hash(engine, username: str) -> str:
    with Session(engine) as session:
        return session.exec(select(User.password_hash).where(User.username == username)).one()


def set_hash(engine, username: str, password_hash: str) -> None:
    with Session(engine) as session:
        user = session.exec(select(User).where(User.username == username)).one()
        user.password_hash = password_hash
        session.add(user)
        session.commit()


def versions(engine) -> tuple[int, dict[str, int]]:
    with Session(engine) as session:
        return version.data_version(session=session), version.table_versions(session=session)


def test_a_login_upgrades_a_hash_made_with_weaker_parameters_and_the_password_still_works(door):
    engine, throttle = door
    weak = WEAK_HASHER.hash(PASSWORD)
    set_hash(engine, "leader", weak)
    assert auth._hasher.check_needs_rehash(weak)
    before = versions(engine)
    assert login(engine, throttle, "leader", PASSWORD, START) == "ok leader"
    upgraded = stored_hash(engine, "leader")
    assert upgraded != weak
    assert "$m=19456,t=2,p=1$" in upgraded and not auth._hasher.check_needs_rehash(upgraded)
    assert PasswordHasher().verify(upgraded, PASSWORD)
    assert login(engine, throttle, "leader", PASSWORD, START) == "ok leader"
    assert login(engine, throttle, "leader", "wrong-pass", START) == WRONG
    assert stored_hash(engine, "leader") == upgraded
    assert versions(engine) == before  # no figure changed


class HashCountingHasher(PasswordHasher):
    """The login's hasher (its parameters), counting the hashes it makes."""

    def __init__(self) -> None:
        login = auth._hasher
        super().__init__(login.time_cost, login.memory_cost, login.parallelism)
        self.hashed = 0

    def hash(self, password, *, salt=None):
        self.hashed += 1
        return super().hash(password, salt=salt)


def test_a_login_with_a_current_hash_neither_hashes_nor_writes_one(door, monkeypatch):
    engine, throttle = door
    hasher = HashCountingHasher()
    monkeypatch.setattr(auth, "_hasher", hasher)
    current = stored_hash(engine, "leader")
    before = versions(engine)
    assert login(engine, throttle, "leader", PASSWORD, START) == "ok leader"
    assert hasher.hashed == 0
    assert stored_hash(engine, "leader") == current
    assert versions(engine) == before


def test_an_upgrade_never_replaces_a_password_changed_since_the_check(door):
    """An administrator sets a new password between the login's check and its bookkeeping: the new
    password's hash stays, and the old password no longer logs in."""
    engine, throttle = door
    weak = WEAK_HASHER.hash(PASSWORD)
    new_hash = auth.hash_password("brand-new-pass")
    set_hash(engine, "leader", new_hash)
    with db.bookkeeping_scope(engine) as session:
        auth.note_login(
            session=session,
            username="leader",
            succeeded=True,
            client="x",
            failures=0,
            now=START,
            rehash=(weak, auth._hasher.hash(PASSWORD)),
        )
    assert stored_hash(engine, "leader") == new_hash
    assert login(engine, throttle, "leader", PASSWORD, START) == WRONG
    assert login(engine, throttle, "leader", "brand-new-pass", START) == "ok leader"


# --- The first administrator ---


def test_a_new_database_has_no_users_until_create_user_makes_the_first_admin(
    empty_engine, monkeypatch, capsys
):
    monkeypatch.setenv("DATABASE_URL", empty_engine.url.render_as_string(hide_password=False))
    assert cli.main(["init-db"]) == 0
    with Session(empty_engine) as session:
        assert not auth.has_users(session=session)

    assert (
        cli.main(["create-user", "root", "--role", "admin", "--name", "管理员", "--password", "long-enough"])
        == 0
    )

    with Session(empty_engine) as session:
        assert auth.has_users(session=session)
        first = auth.authenticate(session=session, username="root", password="long-enough")
        assert (first.role, first.display_name) == (Role.ADMIN, "管理员")


# --- A login that survives a refresh: a signed token, good for a working day, revoked at logout ---

ISSUED = datetime(2026, 4, 20, 0, 30, tzinfo=UTC)  # 08:30 in Beijing
SECRET = b"a test secret of the dashboard"


def token_of(session, username: str) -> str:
    return auth.issue_token(actor=actor(session, username), secret=SECRET, now=ISSUED)


def named(session, token: str, at: datetime, secret: bytes = SECRET) -> str | None:
    found = auth.actor_for_token(session=session, token=token, secret=secret, now=at)
    return found.username if found else None


def test_a_token_names_its_user_for_twelve_hours(fresh_session):
    token = token_of(fresh_session, "sec_a")
    assert named(fresh_session, token, ISSUED) == "sec_a"
    assert named(fresh_session, token, ISSUED + timedelta(hours=11, minutes=59)) == "sec_a"
    assert named(fresh_session, token, ISSUED + timedelta(hours=12)) is None


def test_a_forged_or_altered_token_is_refused(fresh_session):
    token = token_of(fresh_session, "sec_a")
    user_id, issued, signature = token.split(".")
    leader_id = actor(fresh_session, "leader").user_id
    assert named(fresh_session, f"{leader_id}.{issued}.{signature}", ISSUED) is None  # another account
    assert named(fresh_session, f"{user_id}.{int(issued) + 3_600_000}.{signature}", ISSUED) is None  # later
    assert named(fresh_session, token, ISSUED, secret=b"another secret") is None
    assert named(fresh_session, "", ISSUED) is None
    assert named(fresh_session, "1.2", ISSUED) is None


def test_a_logout_revokes_every_token_issued_before_it_and_is_audited(fresh_session):
    token = token_of(fresh_session, "sec_a")
    other = token_of(fresh_session, "leader")
    auth.sign_out(session=fresh_session, actor=actor(fresh_session, "sec_a"), now=ISSUED + timedelta(hours=1))
    fresh_session.commit()

    assert named(fresh_session, token, ISSUED + timedelta(hours=1, minutes=1)) is None
    assert named(fresh_session, other, ISSUED + timedelta(hours=1, minutes=1)) == "leader"  # only sec_a's
    later = auth.issue_token(
        actor=actor(fresh_session, "sec_a"), secret=SECRET, now=ISSUED + timedelta(hours=2)
    )
    assert named(fresh_session, later, ISSUED + timedelta(hours=2)) == "sec_a"  # a new login works
    [entry] = fresh_session.exec(select(AuditLog).where(AuditLog.action == "signed_out")).all()
    assert (entry.actor, entry.table_name) == ("sec_a", "app_user")


def test_a_deactivated_account_s_token_is_refused(fresh_session):
    token = token_of(fresh_session, "sec_a")
    user = fresh_session.exec(select(User).where(User.username == "sec_a")).one()
    user.active = False
    fresh_session.add(user)
    fresh_session.commit()
    assert named(fresh_session, token, ISSUED) is None


def test_the_secret_is_made_once_and_kept_unless_the_environment_gives_one(empty_engine, monkeypatch):
    monkeypatch.delenv(auth.SECRET_ENV, raising=False)
    first = auth.token_secret(engine=empty_engine)
    assert len(first) >= 32
    assert auth.token_secret(engine=empty_engine) == first
    monkeypatch.setenv(auth.SECRET_ENV, "from-the-environment")
    assert auth.token_secret(engine=empty_engine) == b"from-the-environment"
