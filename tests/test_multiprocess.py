"""Several app processes on one database: a write in one shows on the next rerun in the others.

Each process (tests/multiprocess_worker.py) runs the app under AppTest as the leader on 经费使用 for
2026-03 of the hand-made fixture, with Streamlit caches of its own, as the replicas of a deployment
have. Figures by hand (tests/handmade.py, 经费使用): 8,000.00 spent of 20,000 → 已支出 0.8 万元, 40.0 %.
The writer adds 1,000.00 for 机关党支部 in March → 9,000.00 → 0.9 万元, 45.0 %.
"""

import json
import os
import queue
import signal
import subprocess
import sys
import threading
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
ANSWER_SECONDS = 120
BEFORE = {"年度预算": "2.0 万元", "已支出": "0.8 万元", "经费执行率": "40.0%"}
AFTER = {"年度预算": "2.0 万元", "已支出": "0.9 万元", "经费执行率": "45.0%"}


class Replica:
    """A worker process and its answers; its log (stderr) is kept beside the test's files."""

    def __init__(self, name: str, database_url: str, directory: Path, *options: str) -> None:
        self.name = name
        self.log = directory / f"{name}.log"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.multiprocess_worker", *options],
            cwd=PROJECT_ROOT,
            env={**os.environ, "DATABASE_URL": database_url},
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.log.open("w"),
            text=True,
            start_new_session=True,
        )
        self.answers: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stdout:
            self.answers.put(line)

    def answer(self, expected: str):
        """The next answer of the given kind (other output is skipped)."""
        while True:
            try:
                line = self.answers.get(timeout=ANSWER_SECONDS)
            except queue.Empty:
                raise AssertionError(
                    f"{self.name} did not answer {expected} in {ANSWER_SECONDS} s:\n{self.log.read_text()}"
                ) from None
            kind, _, value = line.partition(" ")
            if kind == expected:
                return json.loads(value)

    def ask(self, command: str, expected: str):
        self.process.stdin.write(command + "\n")
        self.process.stdin.flush()
        return self.answer(expected)

    def figures(self) -> dict[str, str]:
        shown = self.ask("render", "FIGURES")
        assert shown["title"] == "经费使用 · 2026年3月"
        return shown["metrics"]

    def stop(self) -> None:
        """Close its input (it ends by itself); stop its process group if it does not."""
        if self.process.poll() is None:
            self.process.stdin.close()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


def test_a_write_in_one_process_shows_on_the_next_rerun_in_the_others(fresh_engine, tmp_path):
    url = fresh_engine.url.render_as_string(hide_password=False)
    replicas = [
        Replica("reader", url, tmp_path),
        Replica("writer", url, tmp_path),
        # The control: a process that takes the data version for a constant, as if it were not in the keys.
        Replica("frozen", url, tmp_path, "--frozen-version"),
    ]
    reader, writer, frozen = replicas
    try:
        for replica in replicas:
            replica.answer("READY")
        for replica in replicas:
            assert replica.figures() == BEFORE
            assert replica.figures() == BEFORE  # a warm rerun, from the process's cache

        # The fixture was loaded without write_scope: this is the first counted write since the migration.
        assert writer.ask("write", "WRITTEN") == 1

        assert reader.figures() == AFTER
        assert writer.figures() == AFTER
        # Without the version in the key, the other process keeps answering from what it cached.
        assert frozen.figures() == BEFORE
    finally:
        for replica in replicas:
            replica.stop()
