"""How long the overview takes to appear in Chromium: ``uv run python -m benchmarks.browser_overview
--url URL [--times 7]``. Starts the dashboard on the database at URL, logs in as ``leader`` and measures
from the click on a menu link until the overview's figures are drawn and the run has ended: the first view
after login (caches cold) and then the median of switching 任务完成 → 总览 (caches warm).

``--typing-seconds N`` waits N seconds on the login page before clicking 登录, as a person typing does:
meanwhile the server's warm-up (ui/data.py ``warm_up``) computes the overview's parts. ``WARM_UP=0`` in
the environment turns the warm-up off."""

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from seed import DEMO_PASSWORD
from tests.e2e import browser, server
from ui import text


def _overview_drawn(page) -> None:
    page.locator("[data-testid='stMetricValue']").first.wait_for()
    page.get_by_text(text.BRANCH_TABLE_TITLE.split("{")[0]).first.wait_for()
    page.wait_for_selector("[data-testid='stStatusWidget']", state="detached", timeout=browser.TIMEOUT_MS)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", required=True, help="DATABASE_URL of a seeded database")
    parser.add_argument("--times", type=int, default=7)
    parser.add_argument("--typing-seconds", type=float, default=0, help="wait on the login page first")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        dashboard, process = server.start(Path(folder), database_url=args.url)
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
                time.sleep(args.typing_seconds)
                began = time.perf_counter()
                page.get_by_role("button", name=text.LOGIN).click()
                _overview_drawn(page)
                first = time.perf_counter() - began
                warm = []
                for _ in range(args.times):
                    browser.go_to(page, text.PAGE_TASKS, f"{text.PAGE_TASKS} ·")
                    began = time.perf_counter()
                    page.locator("[data-testid='stSidebarNav']").get_by_text(
                        text.PAGE_OVERVIEW, exact=True
                    ).click()
                    page.get_by_text(f"{text.PAGE_OVERVIEW} ·").first.wait_for()
                    _overview_drawn(page)
                    warm.append(time.perf_counter() - began)
                chromium.close()
        finally:
            server.stop(process)
    print(f"database: {args.url.split('@')[-1]}")
    waited = f", {args.typing_seconds:g} s on the login page first" if args.typing_seconds else ""
    print(f"overview after login (cold caches{waited}): {first * 1000:.0f} ms")
    print(
        f"overview after a menu click, median of {len(warm)}: {statistics.median(warm) * 1000:.0f} ms "
        f"(max {max(warm) * 1000:.0f} ms)"
    )
    print(f"requests outside 127.0.0.1: {len(guard.blocked)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
