"""Every page against every role that may not see it: refused, with nothing of the page shown.

A page off a role's menu still answers its URL (app.py), with the refusal of ui/shell.py; a page
script run on its own (no app.py around it) refuses the same way.
Someone not logged in gets the login form on every page, and no figure.
"""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.actors import actor
from tests.pages.apptest import APP, app_as, shown
from ui import navigation, text

PAGES = sorted(navigation.PAGES)

# Who may open which page (ui/navigation.py's MENUS), written out: a change there must change this table.
MAY_OPEN = {
    "overview": ("admin", "leader", "sec_a"),
    "tasks": ("admin", "leader", "sec_a"),
    "study": ("admin", "leader", "sec_a"),
    "budget": ("admin", "leader", "sec_a"),
    "meetings": ("admin", "leader", "sec_a"),
    "safety": ("admin", "leader", "sec_a"),  # 党建+安全生产
    "history": ("admin", "leader", "sec_a"),
    "meeting": ("admin", "leader"),
    "review": ("admin", "leader"),
    "board": ("admin", "leader"),
    "entry": ("admin", "sec_a"),
    "setup": ("admin",),
    "ideas": ("admin", "leader", "sec_a"),  # 金点子
    "pairs": ("admin", "leader", "sec_a"),  # 帮扶结对
    "dues": ("admin", "leader", "sec_a"),  # 党费
    "stars": ("admin", "leader", "sec_a"),  # 对标评星
    "safety_entry": ("admin",),  # 党建+安全生产: the mine's monthly figures
}
FORBIDDEN = [
    pytest.param(page, username, id=f"{page}-{username}")
    for page, allowed in MAY_OPEN.items()
    for username in ("admin", "leader", "sec_a")
    if username not in allowed
]


def test_the_table_names_every_page():
    assert sorted(MAY_OPEN) == PAGES


@pytest.mark.parametrize("username", ["admin", "leader", "sec_a"])
def test_a_role_opens_the_pages_it_may_see(session, database_url, username):
    at = app_as(session, username)
    for page in (page for page, allowed in MAY_OPEN.items() if username in allowed):
        at.switch_page(navigation.script(page))
        at.run()
        assert not at.exception, page
        assert text.PAGE_REFUSED not in [error.value for error in at.error], page
        # not an expander first, which would keep the login page's hidden one's children (ui/preload.py)
        assert getattr(at.main.children[0], "type", None) != "expander", page
        assert at.title, page


def assert_refused(at: AppTest) -> None:
    assert not at.exception
    assert [error.value for error in at.error] == [text.PAGE_REFUSED] == ["您的账号无权查看此页面。"]
    assert len(at.main.children) == 1  # the refusal, and nothing else of the page
    assert (len(at.metric), len(at.dataframe), len(at.table), len(at.get("vega_lite_chart"))) == (0, 0, 0, 0)


@pytest.mark.parametrize("page, username", FORBIDDEN)
def test_a_page_refuses_a_role_that_may_not_see_it(session, database_url, page, username):
    at = app_as(session, username)
    at.switch_page(navigation.script(page))
    assert_refused(at.run())

    alone = AppTest.from_file(str(Path(APP).parent / navigation.script(page)), default_timeout=60)
    alone.session_state["actor"] = actor(session, username)
    assert_refused(alone.run())
    assert len(alone.sidebar.children) == 0


def test_someone_not_logged_in_gets_the_login_form_on_every_page(session, database_url):
    at = AppTest.from_file(APP, default_timeout=60)
    for page in PAGES:
        at.switch_page(navigation.script(page))
        at.run()
        assert not at.exception, page
        assert [title.value for title in at.title] == [text.LOGIN_TITLE], page
        assert [shown(at, kind) for kind in ("metric", "dataframe", "vega_lite_chart")] == [[], [], []], page
