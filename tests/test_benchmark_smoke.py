"""The page benchmark still runs: ``benchmarks.pages --quick`` on a fresh mine-scale SQLite demo.

No timing is checked; the run must finish, print a row for every leader page, the interactions, the
reference and the naive overview, see the written expense on the overview's next rerun, and leave no
expense of its own behind.
"""

import re
import subprocess
import sys
from pathlib import Path

from sqlmodel import Session, func, select

from data_layer.models import Expense
from seed import seed_mine
from tests.databases import new_database

ROOT = Path(__file__).resolve().parent.parent
LEADER_PAGES = (  # app.py's pages a leader opens
    "overview",
    "tasks",
    "study",
    "budget",
    "meetings",
    "safety",
    "meeting",
    "review",
    "board",
    "stars",
    "ideas",
    "pairs",
    "dues",
)
ROWS = (
    *LEADER_PAGES,
    "change month",
    "change node",
    "drill into a branch",
    "reference (2,500)",
    "empty page",
)


def test_quick_benchmark_prints_every_page_and_sees_the_write(tmp_path_factory):
    engine, drop = new_database("sqlite", tmp_path_factory)
    with Session(engine) as session:
        seed_mine(session=session)
        session.commit()
    url = engine.url.render_as_string(hide_password=False)

    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.pages", "--url", url, "--quick"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )

    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-4000:]
    lines = done.stdout.splitlines()
    for name in (*ROWS, "naive overview"):
        assert any(re.match(rf"{re.escape(name)}\s+\d", line) for line in lines), name
    writes = [line for line in lines if line.startswith("cold after a write")]
    assert [line.split(",")[1].split("(")[0].strip() for line in writes] == [
        "expense",
        "task progress",
        "study",
    ]
    assert all(line.endswith("visible: yes") for line in writes), writes
    assert "naive overview shows the overview's headline figures: yes" in lines
    with Session(engine) as session:
        left = session.exec(select(func.count()).where(Expense.voucher_no.startswith("BENCH-"))).one()
    assert left == 0
    drop()
