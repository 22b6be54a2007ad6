"""Single sign-on: the provider's claims mapped to an active login of the app, by username."""

import pytest

from data_layer import sso
from data_layer.errors import Refused
from data_layer.vocab import Role
from tests.actors import org_id


@pytest.mark.parametrize(
    "claims, username",
    [
        ({"preferred_username": "sec_a", "email": "someone.else@mine.example"}, "sec_a"),
        ({"preferred_username": "  leader  "}, "leader"),
        ({"email": "sec_b@mine.example", "name": "掘进一队书记"}, "sec_b"),
        ({"preferred_username": "", "email": "admin@mine.example"}, "admin"),
        ({"name": "无用户名"}, None),
        ({"email": "@mine.example"}, None),
    ],
)
def test_the_username_is_preferred_username_or_else_the_email_before_the_at(claims, username):
    assert sso.username_from_claims(claims) == username


def test_a_known_username_gets_that_user_role_and_branch(session):
    found = sso.actor_for_claims(
        session=session, claims={"is_logged_in": True, "preferred_username": "sec_a", "email": "x@y.cn"}
    )
    assert (found.username, found.role, found.branch_id) == (
        "sec_a",
        Role.SECRETARY,
        org_id(session, "综采一队党支部"),
    )


def test_the_email_maps_a_leader_who_sees_everything(session):
    found = sso.actor_for_claims(
        session=session, claims={"is_logged_in": True, "email": "leader@mine.example"}
    )
    assert (found.username, found.role, found.branch_id) == ("leader", Role.LEADER, None)


@pytest.mark.parametrize(
    "claims, message",
    [
        ({"preferred_username": "zhangsan"}, "统一身份认证账号“zhangsan”未在本系统开通，请联系管理员"),
        ({"email": "gone@mine.example"}, "该账号已停用，请联系管理员"),
        ({"name": "张三"}, "统一身份认证未提供用户名（preferred_username 或 email），请联系管理员"),
    ],
)
def test_unknown_deactivated_or_nameless_identities_are_refused(session, claims, message):
    with pytest.raises(Refused) as refusal:
        sso.actor_for_claims(session=session, claims={"is_logged_in": True, **claims})
    assert str(refusal.value) == message
