"""How long the overview takes to appear in Chromium: ``uv run python -m benchmarks.browser_overview
--url URL [--times 7]``. Starts the dashboard on the database at URL, logs in as ``leader`` and measures
from the click on a menu link until the overview's figures are drawn and the run has ended: the first view
after login (caches cold) and then the median of switching 任务完成 → 总览 (caches warm).

``--starts N`` (2): starts the dashboard N times, one after another, and times the first overview after
each start. A process just started computes nothing the database keeps for it (data_layer/store/kept.py):
on a database no dashboard has opened yet the first start computes the overview and keeps it, and the
next starts give it from there while no figure was written meanwhile.

``--typing-seconds N`` waits N seconds on the login page before clicking 登录, as a person typing does:
meanwhile the server's warm-up (ui/warm.py ``warm_up``) computes the overview's parts. ``WARM_UP=0`` in
the environment turns the warm-up off."""

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright
from sqlmodel import select

from data_layer.models import KeptAnswer
from data_layer.store import db
from seed import DEMO_PASSWORD
from tests.e2e import browser, server
from ui import text


def _overview_drawn(page) -> None:
    page.locator("[data-testid='stMetricValue']").first.wait_for()
    page.get_by_text(text.BRANCH_TABLE_TITLE.split("{")[0]).first.wait_for()
    page.wait_for_selector("[data-testid='stStatusWidget']", state="detached", timeout=browser.TIMEOUT_MS)


def _kept_answers(url: str) -> int:
    """How many answers the database keeps for the next process (data_layer/store/kept.py)."""
    engine = db.get_engine(url)
    db.upgrade(engine)  # as the dashboard does when it starts
    with db.session_scope(engine) as session:
        return len(session.exec(select(KeptAnswer.key)).all())


def _one_start(url: str, *, typing_seconds: float, times: int) -> tuple[float, list[float], int]:
    """Start a dashboard, log in, time the first overview and ``times`` menu clicks back to it; stop it.
    Returns (first, clicks, requests outside 127.0.0.1)."""
    with tempfile.TemporaryDirectory() as folder:
        dashboard, process = server.start(Path(folder), database_url=url)
        try:
            with sync_playwright() as playwright:
                chromium = browser.launch(playwright)
                context = chromium.new_context(viewport=browser.VIEWPORT, locale="zh-CN")
                guard = browser.RouteGuard()
                context.route("**/*", guard)
                page = context.new_page()
                page.goto(dashboard.base_url)
                page.get_by_label(text.USERNAME).fill("leader")
                page.get_by_label(text.PASSWORD).fill(DEMO_PASSWORD)
                time.sleep(typing_seconds)
                began = time.perf_counter()
                page.get_by_role("button", name=text.LOGIN).click()
                _overview_drawn(page)
                first = time.perf_counter() - began
                clicks = []
                for _ in range(times):
                    browser.go_to(page, text.PAGE_TASKS, f"{text.PAGE_TASKS} ·")
                    began = time.perf_counter()
                    page.locator("[data-testid='stSidebarNav']").get_by_text(
                        text.PAGE_OVERVIEW, exact=True
                    ).click()
                    page.get_by_text(f"{text.PAGE_OVERVIEW} ·").first.wait_for()
                    _overview_drawn(page)
                    clicks.append(time.perf_counter() - began)
                chromium.close()
                return first, clicks, len(guard.blocked)
        finally:
            server.stop(process)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", required=True, help="DATABASE_URL of a seeded database")
    parser.add_argument("--times", type=int, default=7)
    parser.add_argument("--typing-seconds", type=float, default=0, help="wait on the login page first")
    parser.add_argument(
        "--starts", type=int, default=2, help="start the dashboard this many times, one after another"
    )
    args = parser.parse_args(argv)
    print(f"database: {args.url.split('@')[-1]}")
    waited = f", {args.typing_seconds:g} s on the login page first" if args.typing_seconds else ""
    blocked = 0
    for number in range(1, args.starts + 1):
        kept = _kept_answers(args.url)
        first, clicks, outside = _one_start(
            args.url, typing_seconds=args.typing_seconds, times=args.times if number == 1 else 0
        )
        blocked += outside
        print(
            f"start {number} (answers kept in the database: {kept}), "
            f"first overview after login{waited}: {first * 1000:.0f} ms, load {os.getloadavg()[0]:.1f}"
        )
        if clicks:
            print(
                f"  after a menu click, median of {len(clicks)}: {statistics.median(clicks) * 1000:.0f} ms "
                f"(max {max(clicks) * 1000:.0f} ms)"
            )
    print(f"requests outside 127.0.0.1: {blocked}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
