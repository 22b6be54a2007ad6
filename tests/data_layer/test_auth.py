"""Login, users and branch scope: the one place that decides who may do what."""

import contextlib
import json
from datetime import UTC, datetime, timedelta

import pytest
from argon2 import PasswordHasher
from sqlmodel import Session, select

from data_layer import auth, cli
from data_layer.errors import Refused
from data_layer.models import AuditLog, Organisation, User
from data_layer.store import db
from data_layer.vocab import Role
from tests.actors import actor, org_id
from tests.handmade import PASSWORD, build_handmade


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


def test_admin_creates_a_secretary_and_it_is_audited(empty_engine):
    with Session(empty_engine) as session:
        build_handmade(session)
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


# --- Lockout: 5 wrong passwords in a row lock an account for 15 minutes ---

# 06:20 UTC is 14:20 in Beijing: a lock from then runs until 14:35 Beijing time.
LOCK_START = datetime(2026, 3, 10, 6, 20, tzinfo=UTC)
LOCKED = "连续 5 次登录失败，账号已锁定，请于 14:35（北京时间）后再试"


def attempt(session: Session, password: str, at: datetime, username: str = "sec_a") -> str:
    """One login as the form makes it: the failure is kept, as the form's transaction commits either way."""
    try:
        found = auth.authenticate(session=session, username=username, password=password, now=at)
    except Refused as refusal:
        outcome = str(refusal)
    else:
        outcome = f"ok {found.username}"
    session.commit()
    return outcome


def stored(session: Session, username: str = "sec_a") -> tuple[int, datetime | None]:
    session.expire_all()
    user = session.exec(select(User).where(User.username == username)).one()
    locked = user.locked_until
    return user.failed_logins, locked.replace(tzinfo=UTC) if locked and locked.tzinfo is None else locked


def test_the_fifth_wrong_password_in_a_row_locks_the_account_for_15_minutes(fresh_session):
    outcomes = [attempt(fresh_session, "wrong-pass", LOCK_START + timedelta(seconds=n)) for n in range(4)]
    assert outcomes == ["用户名或密码错误"] * 4
    assert stored(fresh_session) == (4, None)

    assert attempt(fresh_session, "wrong-pass", LOCK_START) == LOCKED
    assert stored(fresh_session) == (5, LOCK_START + timedelta(minutes=15))


def test_a_locked_account_refuses_even_the_right_password_until_the_lock_runs_out(fresh_session):
    for _ in range(5):
        attempt(fresh_session, "wrong-pass", LOCK_START)

    assert attempt(fresh_session, PASSWORD, LOCK_START + timedelta(minutes=1)) == LOCKED
    assert attempt(fresh_session, "wrong-pass", LOCK_START + timedelta(minutes=2)) == LOCKED
    assert attempt(fresh_session, PASSWORD, LOCK_START + timedelta(minutes=14, seconds=59)) == LOCKED
    # neither the right nor a wrong password changes the lock while it lasts
    assert stored(fresh_session) == (5, LOCK_START + timedelta(minutes=15))

    assert attempt(fresh_session, PASSWORD, LOCK_START + timedelta(minutes=15)) == "ok sec_a"
    assert stored(fresh_session) == (0, None)


def test_after_a_lock_runs_out_the_count_starts_again(fresh_session):
    for _ in range(5):
        attempt(fresh_session, "wrong-pass", LOCK_START)

    assert attempt(fresh_session, "wrong-pass", LOCK_START + timedelta(minutes=16)) == "用户名或密码错误"
    assert stored(fresh_session) == (1, None)


def test_a_success_resets_the_count_so_only_failures_in_a_row_lock(fresh_session):
    for _ in range(4):
        attempt(fresh_session, "wrong-pass", LOCK_START)
    assert attempt(fresh_session, PASSWORD, LOCK_START) == "ok sec_a"
    assert stored(fresh_session) == (0, None)

    outcomes = [attempt(fresh_session, "wrong-pass", LOCK_START) for _ in range(4)]
    assert outcomes == ["用户名或密码错误"] * 4
    assert stored(fresh_session) == (4, None)


def test_a_lock_starting_at_the_half_minute_is_shown_to_the_next_whole_minute(fresh_session):
    for _ in range(5):
        last = attempt(fresh_session, "wrong-pass", LOCK_START + timedelta(seconds=30))
    assert last == "连续 5 次登录失败，账号已锁定，请于 14:36（北京时间）后再试"


def test_each_failure_the_lock_and_the_reset_are_audited(fresh_session):
    user_id = str(fresh_session.exec(select(User.id).where(User.username == "sec_a")).one())
    for _ in range(5):
        attempt(fresh_session, "wrong-pass", LOCK_START)
    attempt(fresh_session, PASSWORD, LOCK_START + timedelta(minutes=15))

    entries = fresh_session.exec(select(AuditLog).where(AuditLog.table_name == "app_user")).all()
    assert [(entry.actor, entry.action, entry.row_id) for entry in entries] == [
        *[("sec_a", "login_failed", user_id)] * 4,
        ("sec_a", "account_locked", user_id),
        ("sec_a", "failed_logins_reset", user_id),
    ]
    lock = json.loads(entries[4].before), json.loads(entries[4].after)
    assert (lock[0]["failed_logins"], lock[0]["locked_until"]) == (4, None)
    assert lock[1]["failed_logins"] == 5
    assert datetime.fromisoformat(lock[1]["locked_until"]) == LOCK_START + timedelta(minutes=15)
    assert all("password_hash" not in entry.after for entry in entries)


def test_failures_count_across_separate_transactions_of_the_form(empty_engine):
    """The login form checks each attempt in its own write_scope, which commits although it was refused."""
    with Session(empty_engine) as session:
        build_handmade(session)
        session.commit()
    for _ in range(5):
        with db.write_scope(empty_engine) as session, contextlib.suppress(Refused):
            auth.authenticate(session=session, username="leader", password="wrong-pass", now=LOCK_START)
    with Session(empty_engine) as session:
        assert stored(session, "leader") == (5, LOCK_START + timedelta(minutes=15))


class CountingHasher(PasswordHasher):
    """argon2's hasher, counting the passwords it checks."""

    def __init__(self) -> None:
        super().__init__()
        self.verified = 0

    def verify(self, password_hash, password):
        self.verified += 1
        return super().verify(password_hash, password)


def test_an_unknown_username_costs_one_password_check_and_says_the_same(fresh_session, monkeypatch):
    hasher = CountingHasher()
    monkeypatch.setattr(auth, "_hasher", hasher)
    outcomes = [attempt(fresh_session, "wrong-pass", LOCK_START, username="nobody") for _ in range(6)]

    assert outcomes == ["用户名或密码错误"] * 6
    assert hasher.verified == 6
    assert fresh_session.exec(select(AuditLog).where(AuditLog.table_name == "app_user")).all() == []


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
