"""Many people opening the overview at once: ``uv run python -m benchmarks.many_at_once --url URL
[--people 1,10,30] [--replicas K] [--chromium]``.

Starts K dashboard processes (``--replicas``, default 1) on the database at URL (as ``./dev run`` does,
warm-up on) and, for each number N of ``--people``, lets N people open the login page, each as a browser
of their own (separate cookies), the people spread over the replicas in turn as a proxy with sticky
sessions spreads them; then all N log in as ``leader`` at the same moment, and each person's time from
the click on 登录 until their overview has been sent and its run has ended is measured. Prints the median
and the slowest person per N, the servers' CPU seconds (all replicas together: ``server cpu s`` from the
first page on, start-up and the login pages included; ``from click`` from the click on, the protocol
client only), this process's own CPU seconds (with Chromium and its driver in ``--chromium``), the load
average, and whether everyone saw the overview within the issue's 5 s. Each N starts on fresh servers (the first N=1 is thus a first login after
a start, with the warm-up racing the login).

Two ways to play the people:

- by default, a protocol client (benchmarks/streamlit_client.py) that speaks Streamlit's websocket
  protocol as a browser does which has been to the dashboard before (its static files cached): what the
  server does for people whose browsers run on their own computers, at a few milliseconds of CPU per
  person on this machine;
- ``--chromium``: N headless Chromium tabs on this machine, which fill in the form and click. Their
  JavaScript competes with the server for the same cores, so on a small machine this measures the
  browsers as much as the server.
"""

import argparse
import asyncio
import contextlib
import os
import resource
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from benchmarks import streamlit_client
from seed import DEMO_PASSWORD
from tests.e2e import browser, server
from ui import text

WITHIN_S = 5
TIMEOUT_MS = 300_000
USERNAME = "leader"
MODES = {
    False: "protocol client: like browsers on people's own computers, static files cached",
    True: "chromium: N tabs on this machine",
}


async def _drawn(page) -> None:
    await page.locator("[data-testid='stMetricValue']").first.wait_for(timeout=TIMEOUT_MS)
    await page.get_by_text(text.BRANCH_TABLE_TITLE.split("{")[0]).first.wait_for(timeout=TIMEOUT_MS)
    await page.wait_for_selector("[data-testid='stStatusWidget']", state="detached", timeout=TIMEOUT_MS)


async def _in_chromium(base_urls: list[str], people: int) -> list[float]:
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        chromium = await playwright.chromium.launch(
            executable_path=browser.chromium_path(), args=browser.CHROMIUM_FLAGS, headless=True
        )
        pages = []
        for number in range(people):
            width, height = browser.VIEWPORT["width"], browser.VIEWPORT["height"]
            context = await chromium.new_context(viewport={"width": width, "height": height}, locale="zh-CN")
            page = await context.new_page()
            await page.goto(base_urls[number % len(base_urls)], timeout=TIMEOUT_MS)
            await page.get_by_label(text.USERNAME).fill(USERNAME, timeout=TIMEOUT_MS)
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


@dataclass
class Together:
    """One round of the protocol client: each person's seconds from the click to their overview, the
    servers' CPU seconds from the click on, and the people as their tabs ended (closed)."""

    seconds: list[float]
    from_click_cpu: float
    people: list[streamlit_client.Person]


async def by_protocol(
    base_urls: list[str], people: int, server_cpu: Callable[[], float] = lambda: 0.0
) -> Together:
    """``people`` people open the login page (person i on ``base_urls[i % len(base_urls)]``), then all
    log in at the same moment. ``server_cpu`` reads the servers' CPU seconds so far: only this client
    knows the moment of the click."""
    timeout = TIMEOUT_MS / 1000
    persons = await asyncio.gather(
        *(
            asyncio.wait_for(streamlit_client.login_page(base_urls[number % len(base_urls)]), timeout)
            for number in range(people)
        )
    )
    try:
        before = server_cpu()
        seconds = await asyncio.gather(
            *(
                asyncio.wait_for(streamlit_client.log_in(person, USERNAME, DEMO_PASSWORD), timeout)
                for person in persons
            )
        )
        return Together(list(seconds), server_cpu() - before, list(persons))
    finally:
        await asyncio.gather(*(person.close() for person in persons), return_exceptions=True)


def _servers_cpu(servers: list[subprocess.Popen]) -> float:
    return sum(_cpu_seconds(process.pid) for process in servers)


def _cpu_seconds(pid: int) -> float:
    """User and system CPU seconds of a process so far (/proc/PID/stat, fields 14 and 15)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _own_cpu() -> float:
    """CPU seconds of this process and of the children it has waited for (Chromium and playwright's
    driver, once closed; not the dashboards, which are waited for only when stopped)."""
    mine = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return mine.ru_utime + mine.ru_stime + children.ru_utime + children.ru_stime


@contextlib.contextmanager
def _replicas(database_url: str, count: int) -> Iterator[tuple[list[str], list[subprocess.Popen]]]:
    """``count`` dashboards on one database, each with a folder (and log) of its own: their addresses and
    processes, stopped afterwards."""
    addresses: list[str] = []
    processes: list[subprocess.Popen] = []
    with tempfile.TemporaryDirectory() as folder:
        try:
            for number in range(count):
                (Path(folder) / str(number)).mkdir()
                dashboard, process = server.start(Path(folder) / str(number), database_url=database_url)
                addresses.append(dashboard.base_url)
                processes.append(process)
            yield addresses, processes
        finally:
            for process in processes:
                server.stop(process)


@dataclass
class Round:
    """One N on fresh servers."""

    seconds: list[float]  # per person, from the click to the overview
    server_cpu: float  # all replicas, from their first page on
    from_click_cpu: float | None  # all replicas, from the click on (the protocol client only)
    client_cpu: float  # this process and the children it has waited for


def measure(database_url: str, people: int, *, replicas: int = 1, chromium: bool = False) -> Round:
    with _replicas(database_url, replicas) as (addresses, processes):
        server_cpu, own_cpu = _servers_cpu(processes), _own_cpu()
        if chromium:
            seconds, from_click = asyncio.run(_in_chromium(addresses, people)), None
        else:
            together = asyncio.run(by_protocol(addresses, people, lambda: _servers_cpu(processes)))
            seconds, from_click = together.seconds, together.from_click_cpu
        return Round(seconds, _servers_cpu(processes) - server_cpu, from_click, _own_cpu() - own_cpu)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", required=True, help="DATABASE_URL of a seeded database")
    parser.add_argument("--people", default="1,10,30")
    parser.add_argument("--replicas", type=int, default=1, help="dashboard processes, people spread in turn")
    parser.add_argument("--chromium", action="store_true", help="N headless Chromium tabs on this machine")
    args = parser.parse_args(argv)
    print(
        f"database: {args.url.split('@')[-1]}, {os.cpu_count()} cores, {args.replicas} replica(s), "
        f"load before {os.getloadavg()[0]:.1f}"
    )
    print(f"mode: {MODES[args.chromium]}")
    print(
        f"{'people':>6}{'median s':>10}{'slowest s':>11}{'server cpu s':>14}{'from click':>12}"
        f"{'client cpu s':>14}{'load':>6}  ≤ {WITHIN_S} s each"
    )
    held = True
    for people in (int(n) for n in args.people.split(",")):
        measured = measure(args.url, people, replicas=args.replicas, chromium=args.chromium)
        seconds, from_click = measured.seconds, measured.from_click_cpu
        ok = max(seconds) <= WITHIN_S
        held &= ok
        print(
            f"{people:>6}{statistics.median(seconds):>10.1f}{max(seconds):>11.1f}"
            f"{measured.server_cpu:>14.1f}{'—' if from_click is None else f'{from_click:.1f}':>12}"
            f"{measured.client_cpu:>14.1f}{os.getloadavg()[0]:>6.1f}  {'holds' if ok else 'FAILS'}",
            flush=True,
        )
    print(f"everyone within {WITHIN_S} s: {'holds' if held else 'fails'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
