"""The tests that read the calendar most pass on other days too: the clock, the entry rules
("not after today"), the year's turn and the overview, run again in a fresh process with the product clock
set to the turn of the year, a January whose first month is complete, and years ahead; the pages that open
on the month needing a secretary or a reviewer (月度填报, 审核 and 填报进度) at the turn of the year.

(The demo seed is checked on these days by tests/test_seed.py itself. The whole suite, browser journeys included, runs on any day: ``DASHBOARD_TODAY=2029-06-15 .ci/run``.
These runs keep CI within its time and stay on SQLite; the main run covers PostgreSQL.)
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DAYS = ["2027-01-03", "2027-02-01", "2029-06-15"]
# Not tests/test_seed.py: it seeds the demo as of each of these days itself (its DAYS), in the main run.
DATE_SENSITIVE = [
    "tests/data_layer/test_clock.py",
    "tests/data_layer/test_entry.py",
    "tests/data_layer/test_new_year.py",
    "tests/pages/test_year_rollover.py",
    "tests/pages/test_overview.py",
]
# The pages a secretary and a reviewer work on open on the month that needs them: at the turn of the year
# that is December of the year before, the case those pages could get wrong (each file costs every day
# it runs on about 15 s of a core).
AT_THE_TURN = ["tests/pages/test_entry.py", "tests/pages/test_review_and_board.py"]


def files_on(day: str) -> list[str]:
    return DATE_SENSITIVE + (AT_THE_TURN if day == DAYS[0] else [])


@pytest.fixture(scope="module")
def runs(tmp_path_factory) -> dict[str, subprocess.Popen]:
    """One pytest process per day, all started at once: the machine's cores run them side by side while
    each test below waits for its own (the three in a row took a quarter of CI's time)."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in ("TEST_POSTGRES_URL", "REQUIRE_POSTGRES", "PYTEST_ADDOPTS", "PYTEST_CURRENT_TEST")
    }
    started = {}
    for day in DAYS:
        command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-x"]
        command += ["--basetemp", str(tmp_path_factory.mktemp(f"day-{day}")), *files_on(day)]
        started[day] = subprocess.Popen(
            command,
            cwd=ROOT,
            env={**environment, "DASHBOARD_TODAY": day},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
    yield started
    for process in started.values():
        if process.poll() is None:
            process.kill()


@pytest.mark.timeout(1200)  # the three runs share the machine with the rest of the suite
@pytest.mark.parametrize("day", DAYS)
def test_the_date_sensitive_tests_pass_on(day, runs):
    stdout, stderr = runs[day].communicate(timeout=1200)
    summary = stdout.strip().splitlines()[-1] if stdout.strip() else stderr[-2000:]
    assert runs[day].returncode == 0, f"on {day}: {summary}\n{stdout[-4000:]}"
    assert " passed" in summary and "failed" not in summary, summary
