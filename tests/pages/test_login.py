"""The login page: the form, a wrong password, the lock, the idle timeout, logout, the first-admin hint,
single sign-on only when configured, XSRF protection, and demo accounts only on the demo database."""

import tomllib
from datetime import timedelta
from pathlib import Path

from sqlmodel import Session, select
from streamlit.testing.v1 import AppTest

from data_layer import auth
from data_layer.models import ExpenseCategory, User
from data_layer.store import settings
from tests.handmade import PASSWORD
from tests.pages.apptest import APP, app_as, shown
from ui import auth_ui, navigation, preload


def log_in(at, username: str, password: str):
    at.text_input[0].input(username)
    at.text_input[1].input(password)
    at.button[0].click()
    return at.run()


def test_the_login_page_loads_the_code_of_the_first_page_s_elements_hidden_and_without_figures(
    session, database_url
):
    """ui/preload.py: one element of each kind, in a block its own style hides, holding no figure; the
    block is the page's first, an expander (see test_page_refusals for why)."""
    at = app_as(session, None)

    assert (at.main.children[0].type, at.main.children[0].label) == ("expander", preload.KEY)

    assert [(metric.label, metric.value) for metric in at.metric] == [(preload.KEY, "1")]
    styles = [element.proto.body for element in at.get("html")]
    assert f".st-key-{preload.KEY} {{display: none;}}" in "".join(styles)
    assert [frame.value.to_dict("list") for frame in at.dataframe] == [{"x": [1]}]


def test_login_opens_the_overview(session, database_url):
    at = log_in(app_as(session, None), "leader", PASSWORD)

    assert not at.exception
    assert at.title[0].value.startswith("总览")
    assert at.session_state["actor"].role == "leader"


def test_wrong_password_is_refused_and_nothing_is_shown(writable):
    at = log_in(app_as(writable, None), "leader", "wrong-password")

    assert [error.value for error in at.error] == ["用户名或密码错误"]
    assert shown(at, "metric") == []


def test_deactivated_user_cannot_log_in(session, database_url):
    at = log_in(app_as(session, None), "gone", PASSWORD)
    assert [error.value for error in at.error] == ["该账号已停用，请联系管理员"]


def test_logout_returns_to_the_login_form(session, database_url):
    at = app_as(session, "sec_a")
    at.sidebar.button[0].click()
    at.run()

    assert "actor" not in at.session_state
    assert at.title[0].value == "登录精益党建看板"


def test_demo_accounts_are_not_shown_outside_the_demo_database(session, database_url):
    at = app_as(session, None)
    assert shown(at, "expander") == []
    assert len(at.table) == 0


def test_a_shared_link_asks_for_login_then_opens_the_page_it_names(session, database_url):
    at = AppTest.from_file(APP, default_timeout=60)
    at.switch_page(navigation.script("tasks"))
    at.query_params["month"] = "2026-03"
    at.run()
    assert at.title[0].value == "登录精益党建看板"
    assert shown(at, "metric") == []

    at = log_in(at, "leader", PASSWORD)
    assert at.title[0].value == "任务完成 · 2026年3月"


def test_a_page_opened_by_its_url_is_drawn_inside_the_app(session, database_url):
    """A shared link names a page: app.py still runs first (login, sidebar), then the page."""
    from tests.actors import actor

    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["actor"] = actor(session, "leader")
    at.run()
    at.switch_page(navigation.script("budget"))
    at.run()

    assert not at.exception
    assert at.title[0].value.startswith("经费使用")
    assert [button.label for button in at.sidebar.button] == ["退出登录"]  # drawn by app.py only


def test_five_wrong_passwords_make_this_browser_wait_whatever_the_name(writable, monkeypatch):
    monkeypatch.setattr(auth_ui, "THROTTLE", auth.Throttle())
    at = app_as(writable, None)
    answers = [log_in(at, name, "wrong-password").error[0].value for name in ("sec_a", "nobody") * 2]
    assert answers == ["用户名或密码错误"] * 4

    log_in(at, "nobody", "wrong-password")
    assert at.error[0].value.startswith("登录失败次数过多，请于 ")
    log_in(at, "sec_a", PASSWORD)  # not even the right password is checked while this browser waits
    assert at.error[0].value.startswith("登录失败次数过多，请于 ")
    assert "actor" not in at.session_state
    assert shown(at, "metric") == []
    sec_a = writable.exec(select(User).where(User.username == "sec_a")).one()
    writable.refresh(sec_a)
    assert (sec_a.failed_logins, sec_a.locked_until) == (2, None)  # counted, never locked for its owner


def idle_for(at, minutes: int, monkeypatch):
    """Rerun the app as if nobody had touched it for ``minutes`` since its last run."""
    last = at.session_state["last_activity"]
    monkeypatch.setattr(auth_ui, "now", lambda: last + timedelta(minutes=minutes))
    return at.run()


def test_a_session_idle_for_the_timeout_is_logged_out_with_a_notice(session, database_url, monkeypatch):
    at = app_as(session, "leader")
    assert at.title[0].value.startswith("总览")

    idle_for(at, 60, monkeypatch)

    assert "actor" not in at.session_state
    assert at.title[0].value == "登录精益党建看板"
    assert [info.value for info in at.info] == ["长时间未操作，已自动退出，请重新登录"]
    assert shown(at, "metric") == []

    at = log_in(at, "leader", PASSWORD)  # the notice goes once the person is back
    assert at.title[0].value.startswith("总览")
    assert "长时间未操作，已自动退出，请重新登录" not in [info.value for info in at.info]


def test_a_session_used_within_the_timeout_stays_logged_in(session, database_url, monkeypatch):
    at = app_as(session, "leader")
    for _ in range(3):  # 59 minutes, three times: each rerun counts as activity
        idle_for(at, 59, monkeypatch)
        assert at.session_state["actor"].username == "leader"
    assert at.title[0].value.startswith("总览")


def test_the_idle_timeout_is_the_setting(writable, monkeypatch):
    settings.put(session=writable, key="idle_timeout_minutes", value="10")
    writable.commit()
    at = app_as(writable, "leader")

    idle_for(at, 9, monkeypatch)
    assert at.session_state["actor"].username == "leader"
    idle_for(at, 10, monkeypatch)
    assert "actor" not in at.session_state
    assert [info.value for info in at.info] == ["长时间未操作，已自动退出，请重新登录"]


def test_a_database_without_users_tells_how_to_make_the_first_admin(empty_engine, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", empty_engine.url.render_as_string(hide_password=False))
    at = AppTest.from_file(APP, default_timeout=60).run()

    assert at.title[0].value == "登录精益党建看板"
    assert "没有默认管理员密码" in at.warning[0].value
    assert [code.value for code in at.code] == [
        "uv run python -m data_layer create-user 用户名 --role admin --name 姓名"
    ]
    # The first start of a new installation also set up the default expense categories.
    with Session(empty_engine) as session:
        assert session.exec(select(ExpenseCategory.name).order_by(ExpenseCategory.sort_order)).all() == [
            "学习教育",
            "组织活动",
            "宣传阵地",
            "帮扶慰问",
            "培训",
            "表彰奖励",
            "其他",
        ]


def test_a_database_with_users_shows_no_first_admin_hint(session, database_url):
    at = app_as(session, None)
    assert len(at.warning) == 0
    assert len(at.code) == 0


def test_xsrf_protection_is_not_switched_off():
    config = tomllib.loads((Path(APP).parent / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config.get("server", {}).get("enableXsrfProtection", True) is not False


# --- Single sign-on (st.login), only when .streamlit/secrets.toml has an [auth] section ---

AUTH_SECRETS = {
    "auth": {
        "redirect_uri": "http://localhost:8501/oauth2callback",
        "cookie_secret": "test-cookie-secret",
        "client_id": "dashboard",
        "client_secret": "test-client-secret",
        "server_metadata_url": "https://sso.example.cn/.well-known/openid-configuration",
    }
}


def sso_app(user: dict) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets.update(AUTH_SECRETS)
    at.user = user
    return at.run()


def test_without_secrets_there_is_no_single_sign_on(session, database_url):
    at = app_as(session, None)
    assert [button.label for button in at.button] == ["登录"]


def test_with_secrets_the_login_page_offers_single_sign_on(session, database_url):
    at = sso_app({"is_logged_in": False})
    assert [button.label for button in at.button] == ["使用单位统一身份认证登录", "登录"]
    assert "actor" not in at.session_state


def test_a_signed_on_person_gets_their_account_role_and_branch(session, database_url):
    at = sso_app({"is_logged_in": True, "preferred_username": "sec_a", "email": "x@mine.example"})

    assert not at.exception
    found = at.session_state["actor"]
    assert (found.username, found.role) == ("sec_a", "secretary")
    assert at.title[0].value.startswith("总览")


def test_a_signed_on_stranger_is_refused_and_offered_to_sign_out(session, database_url):
    at = sso_app({"is_logged_in": True, "email": "zhangsan@mine.example"})

    assert "actor" not in at.session_state
    assert [error.value for error in at.error] == ["统一身份认证账号“zhangsan”未在本系统开通，请联系管理员"]
    assert [button.label for button in at.button] == ["退出统一身份认证", "登录"]

    at.button[0].click().run()
    assert at.user == {"is_logged_in": False}
    assert [button.label for button in at.button] == ["使用单位统一身份认证登录", "登录"]


def test_an_idle_signed_on_session_also_ends_the_single_sign_on(session, database_url, monkeypatch):
    at = sso_app({"is_logged_in": True, "preferred_username": "leader"})
    assert at.session_state["actor"].username == "leader"

    idle_for(at, 60, monkeypatch)

    assert "actor" not in at.session_state
    assert at.user == {"is_logged_in": False}  # or reopening the page would sign straight back in
    assert [button.label for button in at.button] == ["使用单位统一身份认证登录", "登录"]
