"""Concurrent writers at scale: the workload of tests/data_layer/test_concurrency.py, 8 × 500 by default.

    uv run python -m benchmarks.concurrency [--writers 8] [--saves 500]

Runs on a throw-away SQLite file (WAL) and, when ``TEST_POSTGRES_URL`` names a PostgreSQL server, on a
throw-away database there; prints acknowledged writes, refusals, errors, throughput and the latency
of one write transaction (p50 / p95), then checks what the test checks and says whether it held.
"""

import argparse
import os
import statistics
import sys
import tempfile
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, text

from data_layer.store import db
from tests.data_layer.test_concurrency import STALE, Run, check, prepare, run_writers


@contextmanager
def sqlite_database() -> Iterator[Engine]:
    with tempfile.TemporaryDirectory() as folder:
        engine = db.get_engine(f"sqlite:///{Path(folder) / 'benchmark.db'}")
        db.upgrade(engine)
        yield engine
        engine.dispose()


@contextmanager
def postgres_database(server: str) -> Iterator[Engine]:
    name = f"benchmark_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    engine = db.get_engine(create_engine(server).url.set(database=name).render_as_string(hide_password=False))
    try:
        db.upgrade(engine)
        yield engine
    finally:
        engine.dispose()
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _refusal_kind(kind: str, message: str) -> str:
    if STALE.fullmatch(message):
        return "version changed"
    if kind == "expense":
        return "over allocation"
    return "month state changed"


def report(name: str, run: Run) -> None:
    acknowledged = [s for s in run.saves if s.acknowledged]
    refused = Counter(_refusal_kind(s.kind, s.message) for s in run.saves if not s.acknowledged)
    stale = [s for s in run.saves if s.stale]
    latencies = sorted(s.seconds * 1000 for s in run.saves)
    p50, p95 = statistics.quantiles(latencies, n=100)[49], statistics.quantiles(latencies, n=100)[94]
    by_kind = Counter(s.kind for s in acknowledged)
    print(f"== {name}")
    print(
        f"saves:        {len(run.saves)} in {run.seconds:.1f} s → {len(run.saves) / run.seconds:.0f} saves/s"
    )
    print(f"acknowledged: {len(acknowledged)} ({', '.join(f'{k} {n}' for k, n in sorted(by_kind.items()))})")
    print(
        f"refused:      {sum(refused.values())} ({', '.join(f'{k} {n}' for k, n in sorted(refused.items()))})"
    )
    print(f"stale saves:  {len(stale)}, of which acknowledged {sum(s.acknowledged for s in stale)}")
    print(f"errors:       {len(run.errors)}")
    print(f"write transaction latency: p50 {p50:.1f} ms, p95 {p95:.1f} ms, max {latencies[-1]:.1f} ms")
    for error in run.errors[:3]:
        print(error, file=sys.stderr)


def bench(name: str, database: Callable[[], object], writers: int, saves: int) -> bool:
    with database() as engine:
        world = prepare(engine)
        run = run_writers(world, writers, saves)
        report(name, run)
        try:
            check(world, run, writers, saves)
        except AssertionError as failure:
            print(f"checks:       FAILED {failure}")
            return False
    print("checks:       every acknowledged write is stored, nothing was overwritten, no errors")
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--writers", type=int, default=8)
    parser.add_argument("--saves", type=int, default=500)
    args = parser.parse_args(argv)
    databases: list[tuple[str, Callable[[], object]]] = [("SQLite (file, WAL)", sqlite_database)]
    server = os.environ.get("TEST_POSTGRES_URL")
    if server:
        databases.append(("PostgreSQL", lambda: postgres_database(server)))
    else:
        print("TEST_POSTGRES_URL is not set: PostgreSQL skipped", file=sys.stderr)
    print(f"{args.writers} writers × {args.saves} saves")
    results = [bench(name, database, args.writers, args.saves) for name, database in databases]
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
