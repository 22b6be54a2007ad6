"""A real dashboard process for the browser tests: ``python -m ui.serve`` (``streamlit run app.py``) on a free port of 127.0.0.1,
on a fresh SQLite file seeded with the mine demo, stopped (with everything it started) afterwards.

The demo is seeded once per test process (about twenty seconds of a core) and each dashboard gets a copy
of that file, so journeys that write never meet each other."""

import atexit
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
STARTUP_SECONDS = 60


@dataclass(frozen=True)
class Dashboard:
    base_url: str
    database_url: str


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_healthy(process: subprocess.Popen, url: str, log: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with {process.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"streamlit did not become healthy in {STARTUP_SECONDS} s:\n{log.read_text()}")


_seeded: list[Path] = []  # the mine demo, seeded once in this process


def seeded_copy(path: Path) -> None:
    """A copy of the mine demo at ``path`` (a SQLite file): seeded on first use, copied afterwards."""
    if not _seeded:
        template = Path(tempfile.mkdtemp(prefix="e2e-demo-")) / "demo.db"
        seed(f"sqlite:///{template}")
        with sqlite3.connect(template) as connection:  # everything into the one file that is copied
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        _seeded.append(template)
        atexit.register(shutil.rmtree, template.parent, True)
    shutil.copyfile(_seeded[0], path)


def seed(database_url: str) -> None:
    environment = {**os.environ, "DATABASE_URL": database_url}
    subprocess.run(
        [sys.executable, "-m", "seed", "--scale", "mine"],
        cwd=PROJECT_ROOT,
        env=environment,
        check=True,
        capture_output=True,
    )


def start(
    directory: Path, extra_env: dict[str, str] | None = None, *, database_url: str | None = None
) -> tuple[Dashboard, subprocess.Popen]:
    """Start the dashboard on ``database_url`` (seeded by the caller), by default on a new SQLite file in
    ``directory`` seeded here; its log is kept in ``directory``. Returns once it answers."""
    if database_url is None:
        database_url = f"sqlite:///{directory / 'e2e.db'}"
        seeded_copy(directory / "e2e.db")
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    log = log_path(directory)
    environment = {**os.environ, "DATABASE_URL": database_url, **(extra_env or {})}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "ui.serve",
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
            "--browser.gatherUsageStats",
            "false",
            "--browser.serverAddress",
            "127.0.0.1",
        ],
        cwd=PROJECT_ROOT,
        env=environment,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        _wait_healthy(process, base_url, log)
    except Exception:
        stop(process)
        raise
    return Dashboard(base_url=base_url, database_url=database_url), process


def log_path(directory: Path) -> Path:
    """Where the dashboard started in ``directory`` writes its log."""
    return directory / "streamlit.log"


def stop(process: subprocess.Popen) -> None:
    """Stop the server and anything it started (its whole process group)."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
