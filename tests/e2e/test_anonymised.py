"""匿名演示模式 in Chromium on the mine demo: a leader and an administrator switch it on in the sidebar and
open every page of their menu; no page's text — headings, tables (the grids' accessible cells), pickers,
chart marks and their tooltips' labels, the sidebar — holds any member's or user's full name."""

import re

import pytest
from playwright.sync_api import expect

from seed import DEMO_PASSWORD
from tests.e2e import browser, demo
from ui import text

# Everything a page holds as text, the hidden tabs and the charts' mark labels (their tooltips) included.
PAGE_TEXT = """() => [document.body.textContent,
  ...Array.from(document.querySelectorAll('[aria-label]'), element => element.getAttribute('aria-label')),
  ...Array.from(document.querySelectorAll('[title]'), element => element.getAttribute('title')),
].join('\\n')"""


def _full_names(dashboard) -> set[str]:
    """Every member's and user's name of two characters or more (a masked name is one and a star)."""
    rows = demo.query(dashboard, "SELECT name FROM member UNION SELECT display_name FROM app_user")
    return {name.strip() for (name,) in rows if name and len(name.strip()) >= 2}


@pytest.mark.parametrize("username", ["leader", "admin"])
def test_no_full_name_on_any_page_with_anonymised_mode_on(new_page, dashboard, username):
    names = _full_names(dashboard)
    assert len(names) > 100  # the demo's members and users

    page = new_page()
    browser.log_in(page, dashboard.base_url, username, DEMO_PASSWORD, path=f"?month={demo.MONTH}")
    page.locator("[data-testid='stSidebar']").get_by_text(text.ANONYMISE, exact=True).click()
    expect(page).to_have_url(re.compile(r"anon=1"), timeout=browser.TIMEOUT_MS)
    browser.settle(page)

    links = page.locator("[data-testid='stSidebarNav'] a").all_inner_texts()
    assert len(links) >= 13
    masked_somewhere = False
    for link in [label.split("\n")[-1].strip() for label in links]:  # after the icon's name
        page.locator("[data-testid='stSidebarNav']").get_by_text(link, exact=True).click()
        expect(page.locator("h1").first).to_contain_text(
            link if link != "会议模式" else demo.LABEL, timeout=browser.TIMEOUT_MS
        )
        if link == "会议模式":  # its clock reruns the page every second: stop it to read the slide
            page.get_by_role("button", name=text.MEETING_PAUSE).click()
            page.get_by_text(text.MEETING_PAUSED).wait_for()
        browser.settle(page)
        expect(page.locator("[data-testid='stSkeleton']")).to_have_count(0, timeout=browser.TIMEOUT_MS)
        shown = page.evaluate(PAGE_TEXT)
        leaked = sorted(name for name in names if name in shown)
        assert leaked == [], (link, leaked[:5])
        masked_somewhere = masked_somewhere or "*" in shown
        if link == "会议模式":  # no sidebar there: back through its own link
            page.get_by_text(text.MEETING_EXIT).click()
            expect(page.locator("[data-testid='stSidebarNav']")).to_be_visible(timeout=browser.TIMEOUT_MS)
    assert masked_somewhere
