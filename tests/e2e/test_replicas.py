"""Two replicas in Chromium: two ``streamlit run`` processes on one PostgreSQL database, as behind a
reverse proxy with sticky sessions (docs/deploy.md). A secretary saves an expense through the second;
the leader's next rerun on either shows it, because every cached read is keyed by the data version."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from seed import DEMO_PASSWORD
from tests.databases import BLANK, new_database
from tests.e2e import browser, demo, reports, server
from ui import format, text

MONTH = demo.MONTH
OVERVIEW = f"总览 · {demo.LABEL}"


@pytest.fixture
def replicas(tmp_path, tmp_path_factory):
    """Two dashboards on one PostgreSQL database of their own, seeded with the mine demo."""
    engine, drop = new_database("postgresql", tmp_path_factory, contents=BLANK)
    database_url = engine.url.render_as_string(hide_password=False)
    server.seed(database_url)
    started = []
    try:
        for name in ("first", "second"):
            (tmp_path / name).mkdir()
            started.append(server.start(tmp_path / name, database_url=database_url))
        yield [dashboard for dashboard, _ in started]
    finally:
        for _, process in started:
            server.stop(process)
        drop()


def budget_execution_on_return(page) -> str:
    """Leave the overview and come back (new runs of the app on that replica), then read 经费执行率."""
    browser.go_to(page, text.PAGE_BUDGET, f"{text.PAGE_BUDGET} · {demo.LABEL}")
    browser.go_to(page, text.PAGE_OVERVIEW, OVERVIEW)
    return browser.metric_value(page, text.BUDGET_EXECUTION)


def test_a_write_through_one_replica_shows_on_the_next_rerun_of_the_other(new_page, replicas):
    first, second = replicas
    leaders = [new_page(), new_page()]
    for leader, dashboard in zip(leaders, replicas, strict=True):
        browser.log_in(leader, dashboard.base_url, "leader", DEMO_PASSWORD)
        expect(leader.locator("h1").first).to_have_text(OVERVIEW)  # the login form's title gives way to it
    before = reports.monthly_report(first, MONTH)
    shown_before = format.percent(before["overview"]["budget_execution"]["value"])
    assert [browser.metric_value(leader, text.BUDGET_EXECUTION) for leader in leaders] == [shown_before] * 2

    secretary = new_page()
    browser.log_in(secretary, second.base_url, "zongcai2", DEMO_PASSWORD)
    browser.go_to(secretary, text.PAGE_ENTRY, text.SECTION_PROGRESS)
    expect(secretary.locator("h3").first).to_contain_text(demo.LABEL)  # the sidebar's month
    secretary.get_by_role("tab", name=text.SECTION_EXPENSES).first.click()
    browser.settle(secretary)
    form = secretary.locator("[data-testid='stForm']").filter(has_text=text.PURPOSE).first
    form.get_by_label(text.AMOUNT).fill("3,000.00")
    form.get_by_label(text.PURPOSE).fill("购买党员学习资料（两个副本）")
    form.get_by_role("button", name=text.ENTRY_SAVE).click()
    browser.settle(secretary)
    assert browser.errors(secretary) == []

    after = reports.monthly_report(first, MONTH)
    assert Decimal(after["budget"]["spent_ytd"]) - Decimal(before["budget"]["spent_ytd"]) == Decimal(
        "3000.00"
    )
    shown_after = format.percent(after["overview"]["budget_execution"]["value"])
    assert shown_after != shown_before  # the demo's 1,500,000.00 budget: +0.2 percentage points
    assert [budget_execution_on_return(leader) for leader in leaders] == [shown_after] * 2
