"""Debian's Chromium driven by playwright, and the few moves every journey makes.

The browser comes from ``/usr/bin/chromium`` (``CHROMIUM`` overrides), never from ``playwright install``.
Without it the browser tests skip with the reason, unless ``REQUIRE_BROWSER=1`` (as in CI) makes that a
failure. Every page gets a route guard: a request that would leave 127.0.0.1/localhost is aborted and
recorded, and the test fails on it.
"""

import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from ui import text

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
VIEWPORT = {"width": 1440, "height": 900}
TIMEOUT_MS = 30_000


def chromium_path() -> str:
    """The Chromium to drive, or a skip (a failure under ``REQUIRE_BROWSER=1``) with the reason."""
    path = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    if not Path(path).exists():
        reason = f"no Chromium at {path} (apt-get install chromium)"
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(reason + " (REQUIRE_BROWSER=1)")
        pytest.skip(reason)
    return path


def launch(playwright):
    return playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS, headless=True)


class RouteGuard:
    """Aborts every request to a host other than 127.0.0.1/localhost and remembers it."""

    def __init__(self) -> None:
        self.blocked: list[str] = []

    def __call__(self, route) -> None:
        url = route.request.url
        host = urlsplit(url).hostname
        if url.startswith(("data:", "blob:")) or host in LOCAL_HOSTS:
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()


def settle(page) -> None:
    """Wait until the app is drawn and no script run is in progress."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=TIMEOUT_MS)
    page.wait_for_timeout(300)
    page.wait_for_selector('[data-testid="stStatusWidget"]', state="detached", timeout=TIMEOUT_MS)


def open_page(page, url: str, expect: str) -> None:
    """Go to ``url`` and wait for the text ``expect`` and for the run to finish."""
    page.goto(url)
    page.wait_for_selector('[data-testid="stApp"]', timeout=TIMEOUT_MS)
    page.get_by_text(expect, exact=False).first.wait_for(timeout=TIMEOUT_MS)
    settle(page)


def log_in(page, base_url: str, username: str, password: str, *, path: str = "") -> None:
    page.goto(f"{base_url}/{path}")
    page.get_by_label("用户名").wait_for(timeout=TIMEOUT_MS)
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()
    # Logged in: the navigation appears; refused: an error appears under the form.
    page.locator("[data-testid='stSidebarNav']").or_(page.locator("[data-testid='stAlert']")).first.wait_for(
        state="attached"
    )
    if page.locator("[data-testid='stSidebarNav']").count():
        # the login form can linger a moment after the navigation is drawn: logged in once it is gone
        page.get_by_label("用户名").wait_for(state="detached", timeout=TIMEOUT_MS)
    settle(page)


def log_out(page) -> None:
    page.get_by_role("button", name=re.compile("退出登录")).click()
    page.get_by_label("用户名").wait_for(timeout=TIMEOUT_MS)
    settle(page)


def metric_value(page, label: str) -> str:
    """The shown value of the metric labelled ``label``."""
    metric = page.locator('[data-testid="stMetric"]').filter(
        has=page.locator('[data-testid="stMetricLabel"]', has_text=label)
    )
    return metric.locator('[data-testid="stMetricValue"]').first.inner_text().strip()


def grid(page, key: str):
    """The table (``ui.components.table``) or editor kept in the container with this key."""
    return page.locator(f".st-key-{key} [data-testid='stDataFrame']").first


def grid_rows(table) -> list[dict[str, str]]:
    """The rows a grid draws, as header → cell text (the grid's accessible table holds the raw values).
    Read in one step in the page, so the header and the body come from the same drawing; a grid caught
    mid-redraw (the body there a moment before its header) reads as no rows."""
    table.scroll_into_view_if_needed()
    return table.evaluate(
        """grid => {
            const headers = [...grid.querySelectorAll("thead th")].map(th => th.textContent);
            if (!headers.length || headers.some(h => !h)) return [];
            return [...grid.querySelectorAll("tbody tr")].map(tr => Object.fromEntries(
                [...tr.querySelectorAll("td")].map((td, i) => [headers[i], td.textContent])));
        }"""
    )


def edit_cell(page, table, *, row: int, column: int, value: str) -> None:
    """Type ``value`` into a data editor cell, moving there with the keyboard as a person can; tries
    again if the grid was not ready to take the keys (it draws a moment after the run ends)."""
    cell = table.locator("tbody tr").nth(row).locator("td").nth(column)
    for _ in range(5):
        settle(page)
        table.scroll_into_view_if_needed()
        page.wait_for_timeout(300)
        box = table.locator("[data-testid='data-grid-canvas']").bounding_box()
        page.mouse.click(box["x"] + 20, box["y"] + 52)
        if not table.evaluate("grid => grid.contains(document.activeElement)"):
            continue  # the grid moved under the click (a message drawn above it): the keys would go elsewhere
        for _ in range(row):
            page.keyboard.press("ArrowDown")
        for _ in range(column):
            page.keyboard.press("ArrowRight")
        page.keyboard.press("Enter")  # open the cell's editor, then replace what it holds
        page.wait_for_timeout(200)
        page.keyboard.press("Control+A")
        page.keyboard.type(value, delay=30)
        page.keyboard.press("Enter")
        page.wait_for_timeout(300)
        if cell.text_content(timeout=5000) == value:
            return
        page.keyboard.press("Escape")
    raise AssertionError(f"the grid did not take {value!r} at row {row}, column {column}")


def choose(page, label: str, option: str) -> None:
    """Pick ``option`` in the select box labelled ``label``."""
    box = page.locator("[data-testid='stSelectbox']").filter(has_text=label).first
    wanted = page.locator("[role='listbox'] [role='option']").get_by_text(option, exact=True)
    for _ in range(5):  # a rerun that ends just then redraws the box and closes its list; open it again
        settle(page)
        box.click()
        try:
            wanted.wait_for(timeout=3000)
        except PlaywrightTimeout:
            page.keyboard.press("Escape")
            continue
        wanted.click()
        settle(page)
        return
    raise AssertionError(f"“{label}” does not offer “{option}”")


def find(page, label: str, words: str) -> None:
    """Type into the search box of a long list (``ui.components.remembered_choice``)."""
    page.get_by_label(text.FIND.format(what=label)).fill(words)
    page.keyboard.press("Enter")
    settle(page)


def go_to(page, link: str, expect: str) -> None:
    """Follow a sidebar link and wait for ``expect``."""
    page.locator("[data-testid='stSidebarNav']").get_by_text(link, exact=True).click()
    page.get_by_text(expect).first.wait_for(timeout=TIMEOUT_MS)
    settle(page)


def chart_marks(page, title: str) -> list[str]:
    """The accessible labels of the marks of the chart whose title contains ``title``."""
    chart = page.locator(".vega-embed").filter(has=page.locator("svg text", has_text=title)).first
    chart.scroll_into_view_if_needed()
    return [label for label in chart.locator("[aria-label]").evaluate_all("els => els.map(e => e.ariaLabel)")]


def alerts(page) -> list[str]:
    return [message.strip() for message in page.locator("[data-testid='stAlert']").all_inner_texts()]


def eventually(page, read, expected, *, seconds: float = 15):
    """``read()`` once it equals ``expected`` (the grid redraws a moment after the run ends), else the
    last value read, for the assertion to show. A read that meets an element being replaced (detached
    from the page mid-redraw) counts as not yet."""

    def attempt():
        try:
            return read()
        except PlaywrightError as error:
            if "not attached" not in str(error):
                raise
            return None

    value = attempt()
    for _ in range(int(seconds * 4)):
        if value == expected:
            break
        page.wait_for_timeout(250)
        value = attempt()
    return value


def errors(page) -> list[str]:
    return page.locator("[data-testid='stAlertContentError']").all_inner_texts()
