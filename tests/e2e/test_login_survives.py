"""In Chromium: a login survives a reload and a new tab, on the same URL; after logout a reload shows the
login form, and the token the browser held is refused by the server even when sent again."""

import re

from playwright.sync_api import expect

from seed import DEMO_PASSWORD
from tests.e2e import browser
from ui import login_cookie, text

WAIT = browser.TIMEOUT_MS  # expect()'s own default (5 s) is short for a busy machine


def login_token(page) -> str | None:
    return next((c["value"] for c in page.context.cookies() if c["name"] == login_cookie.COOKIE), None)


def test_a_login_survives_a_reload_and_a_new_tab_until_logout(new_page, dashboard):
    page = new_page()
    browser.log_in(page, dashboard.base_url, "leader", DEMO_PASSWORD)
    browser.go_to(page, text.PAGE_BUDGET, "经费使用")
    page.wait_for_url(re.compile(r"/budget\?"))  # the address follows the page a moment later
    where = page.url
    page.wait_for_function(f"document.cookie.includes({login_cookie.COOKIE!r} + '=')")  # written by the page
    token = login_token(page)
    assert token

    page.reload()
    expect(page.locator("h1").first).to_have_text(re.compile("^经费使用"), timeout=WAIT)
    assert page.url.startswith(where)  # the same page and month (the page may add its own choices)
    tab = page.context.new_page()
    tab.goto(where)
    expect(tab.locator("h1").first).to_have_text(re.compile("^经费使用"), timeout=WAIT)
    tab.close()

    browser.log_out(page)
    page.reload()
    expect(page.get_by_label("用户名")).to_be_visible(timeout=WAIT)
    expect(page.locator("h1").first).to_have_text(text.LOGIN_TITLE, timeout=WAIT)

    stolen = new_page()  # the old token sent again from another browser: revoked at logout
    stolen.context.add_cookies([{"name": login_cookie.COOKIE, "value": token, "url": dashboard.base_url}])
    stolen.goto(where)
    expect(stolen.get_by_label("用户名")).to_be_visible(timeout=WAIT)
    expect(stolen.locator("h1").first).to_have_text(text.LOGIN_TITLE, timeout=WAIT)
