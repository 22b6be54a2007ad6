"""Fixtures of the browser tests: one Chromium per run, one dashboard process and one page per test."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e import browser, server

# expect() waits as long as actions do (its own default is 5 s; a dashboard on a busy CI machine is slower)
expect.set_options(timeout=browser.TIMEOUT_MS)


@pytest.fixture(scope="session")
def chromium():
    browser.chromium_path()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = browser.launch(playwright)
        yield launched
        launched.close()


@pytest.fixture
def dashboard(tmp_path, request):
    """A dashboard of its own on the mine demo, so journeys that write do not meet each other. When the
    test fails, the end of the dashboard's log is printed (what the server did while the page waited)."""
    running, process = server.start(tmp_path)
    yield running
    server.stop(process)
    if getattr(request.node, "call_failed", False):
        print(
            "the dashboard's log, last lines:",
            *server.log_path(tmp_path).read_text().splitlines()[-60:],
            sep="\n",
        )


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.when == "call":
        item.call_failed = report.failed


@pytest.fixture
def new_page(chromium, request):
    """Opens fresh pages (each its own browser context, i.e. its own login); fails on outside requests.
    When the test fails, a screenshot of every page it opened is kept (``E2E_ARTIFACTS``, default
    ``/tmp/e2e-failures``) and its path printed."""
    guard = browser.RouteGuard()
    pages = []

    def make():
        context = chromium.new_context(viewport=browser.VIEWPORT, accept_downloads=True, locale="zh-CN")
        context.set_default_timeout(browser.TIMEOUT_MS)
        context.route("**/*", guard)
        pages.append(context.new_page())
        return pages[-1]

    yield make
    if getattr(request.node, "call_failed", False):
        folder = Path(os.environ.get("E2E_ARTIFACTS", "/tmp/e2e-failures"))
        folder.mkdir(parents=True, exist_ok=True)
        for number, opened in enumerate(pages):
            shot = folder / f"{request.node.name}-{number}.png"
            opened.screenshot(path=str(shot), full_page=True)
            print(f"screenshot of the failed page: {shot}")
    for opened in pages:
        opened.context.close()
    assert not guard.blocked, f"requests left 127.0.0.1: {guard.blocked}"


@pytest.fixture
def page(new_page):
    return new_page()
