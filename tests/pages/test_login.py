"""The login page: the form, a wrong password, logout, and demo accounts only on the demo database."""

from streamlit.runtime.pages_manager import PagesManager

from tests.handmade import PASSWORD
from tests.pages.apptest import app_as

ORIGINAL_INIT = PagesManager.__init__


def log_in(at, username: str, password: str):
    at.text_input[0].input(username)
    at.text_input[1].input(password)
    at.button[0].click()
    return at.run()


def test_login_opens_the_overview(session, database_url):
    at = log_in(app_as(session, None), "leader", PASSWORD)

    assert not at.exception
    assert at.title[0].value.startswith("总览")
    assert at.session_state["actor"].role == "leader"


def test_wrong_password_is_refused_and_nothing_is_shown(session, database_url):
    at = log_in(app_as(session, None), "leader", "wrong-password")

    assert [error.value for error in at.error] == ["用户名或密码错误"]
    assert len(at.metric) == 0


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
    assert len(at.expander) == 0
    assert len(at.table) == 0


def test_a_shared_link_asks_for_login_then_opens_the_page_it_names(session, database_url):
    from streamlit.testing.v1 import AppTest

    from tests.pages.apptest import APP

    at = AppTest.from_file(APP, default_timeout=60)
    at.switch_page("pages/tasks.py")
    at.query_params["month"] = "2026-03"
    at.run()
    assert at.title[0].value == "登录精益党建看板"
    assert len(at.metric) == 0

    at = log_in(at, "leader", PASSWORD)
    assert at.title[0].value == "任务完成 · 2026年3月"


def test_a_page_asked_for_first_thing_is_shown_through_the_app(session, database_url, monkeypatch):
    """As on a server whose very first request is a page's URL: the page reruns through app.py."""
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.testing.v1 import AppTest

    from tests.actors import actor
    from tests.pages.apptest import APP

    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["actor"] = actor(session, "leader")
    at.run()
    at.switch_page("pages/budget.py")

    def old_style(self, *args, **kwargs):
        PagesManager.uses_pages_directory = True
        ORIGINAL_INIT(self, *args, **kwargs)

    monkeypatch.setattr(PagesManager, "__init__", old_style)
    at.run()

    assert not at.exception
    assert at.title[0].value.startswith("经费使用")
    assert [button.label for button in at.sidebar.button] == ["退出登录"]  # drawn by app.py only
    assert PagesManager.uses_pages_directory is False
