"""Fixtures of the browser tests: one Chromium per run, one dashboard process and one page per test."""

import pytest

from tests.e2e import browser, server


@pytest.fixture(scope="session")
def chromium():
    browser.chromium_path()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = browser.launch(playwright)
        yield launched
        launched.close()


@pytest.fixture
def dashboard(tmp_path):
    """A dashboard of its own on the mine demo, so journeys that write do not meet each other."""
    running, process = server.start(tmp_path)
    yield running
    server.stop(process)


@pytest.fixture
def new_page(chromium):
    """Opens fresh pages (each its own browser context, i.e. its own login); fails on outside requests."""
    guard = browser.RouteGuard()
    contexts = []

    def make():
        context = chromium.new_context(viewport=browser.VIEWPORT, accept_downloads=True, locale="zh-CN")
        context.set_default_timeout(browser.TIMEOUT_MS)
        context.route("**/*", guard)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()
    assert not guard.blocked, f"requests left 127.0.0.1: {guard.blocked}"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.when == "call":
        item.call_failed = report.failed


@pytest.fixture
def page(new_page, request, tmp_path):
    """A page; when the test fails, a screenshot of it is kept and its path printed."""
    opened = new_page()
    yield opened
    if getattr(request.node, "call_failed", False):
        shot = tmp_path / "failure.png"
        opened.screenshot(path=str(shot), full_page=True)
        print(f"screenshot of the failed page: {shot}")
