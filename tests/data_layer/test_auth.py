"""Login, users and branch scope: the one place that decides who may do what."""

import pytest
from sqlmodel import Session, select

from data_layer import auth
from data_layer.errors import Refused
from data_layer.models import AuditLog, Organisation, User
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
        user = auth.create_user(
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
