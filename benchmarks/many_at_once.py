"""Many people opening the overview at once, in Chromium: ``uv run python -m benchmarks.many_at_once
--url URL [--people 1,10,30]``.

Starts one dashboard process on the database at URL (as ``./dev run`` does, warm-up on) and, for each
number N of ``--people``, opens N browser tabs of their own (separate cookies, as N people), fills in the
login form as ``leader`` in each, then clicks 登录 in all N at the same moment and measures, per person,
from the click until their overview's figures are drawn and their run has ended. Prints the median and
the slowest person per N, the load average and the server's CPU seconds, and whether everyone saw the
overview within the issue's 5 s. Each N starts on a fresh server (the first N=1 is thus a first login
after a start, with the warm-up racing the login).
"""

import argparse
import asyncio
import os
import statistics
import tempfile
import time
from pathlib import Path

from playwright.async_api import async_playwright

from seed import DEMO_PASSWORD
from tests.e2e import browser, server
from ui import text

WITHIN_S = 5
TIMEOUT_MS = 300_000


async def _drawn(page) -> None:
    await page.locator("[data-testid='stMetricValue']").first.wait_for(timeout=TIMEOUT_MS)
    await page.get_by_text(text.BRANCH_TABLE_TITLE.split("{")[0]).first.wait_for(timeout=TIMEOUT_MS)
    await page.wait_for_selector("[data-testid='stStatusWidget']", state="detached", timeout=TIMEOUT_MS)


async def _together(base_url: str, people: int) -> list[float]:
    async with async_playwright() as playwright:
        chromium = await playwright.chromium.launch(
            executable_path=browser.chromium_path(), args=browser.CHROMIUM_FLAGS, headless=True
        )
        pages = []
        for _ in range(people):
            context = await chromium.new_context(viewport=browser.VIEWPORT, locale="zh-CN")
            page = await context.new_page()
            await page.goto(base_url, timeout=TIMEOUT_MS)
            await page.get_by_label(text.USERNAME).fill("leader", timeout=TIMEOUT_MS)
            await page.get_by_label(text.PASSWORD).fill(DEMO_PASSWORD, timeout=TIMEOUT_MS)
            pages.append(page)

        async def one(page) -> float:
            began = time.perf_counter()
            await page.get_by_role("button", name=text.LOGIN).click(timeout=TIMEOUT_MS)
            await _drawn(page)
            return time.perf_counter() - began

        seconds = await asyncio.gather(*(one(page) for page in pages))
        await chromium.close()
    return list(seconds)


def _cpu_seconds(pid: int) -> float:
    """User and system CPU seconds of a process so far (/proc/PID/stat, fields 14 and 15)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", required=True, help="DATABASE_URL of a seeded database")
    parser.add_argument("--people", default="1,10,30")
    args = parser.parse_args(argv)
    print(f"database: {args.url.split('@')[-1]}, {os.cpu_count()} cores")
    print(
        f"{'people':>6}{'median s':>10}{'slowest s':>11}{'server cpu s':>14}{'load':>6}  ≤ {WITHIN_S} s each"
    )
    held = True
    for people in (int(n) for n in args.people.split(",")):
        with tempfile.TemporaryDirectory() as folder:
            dashboard, process = server.start(Path(folder), database_url=args.url)
            try:
                cpu = _cpu_seconds(process.pid)
                seconds = asyncio.run(_together(dashboard.base_url, people))
                used = _cpu_seconds(process.pid) - cpu
            finally:
                server.stop(process)
        ok = max(seconds) <= WITHIN_S
        held &= ok
        print(
            f"{people:>6}{statistics.median(seconds):>10.1f}{max(seconds):>11.1f}{used:>14.1f}"
            f"{os.getloadavg()[0]:>6.1f}  {'holds' if ok else 'FAILS'}",
            flush=True,
        )
    print(f"everyone within {WITHIN_S} s: {'holds' if held else 'fails'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
