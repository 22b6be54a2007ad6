"""Bulk writing for large seeds: rows as dicts, inserted in chunks through one Core ``INSERT`` each, with
progress reports; then, on PostgreSQL, the id sequences set past ids that were given explicitly and the
planner's statistics refreshed."""

import time
from collections.abc import Callable, Iterable
from itertools import islice

from sqlalchemy import Table, insert, text
from sqlmodel import Session

from seed.common import TABLE_LABELS

CHUNK = 20_000
REPORT_EVERY = 200_000  # rows of one table between two progress lines


class BulkWriter:
    """Inserts streams of rows into a session's transaction and reports (table, rows so far, seconds)."""

    def __init__(self, session: Session, progress: Callable[[str], object] | None = None) -> None:
        self._session = session
        self._progress = progress
        self._began = time.perf_counter()
        self.counts: dict[str, int] = {}

    def report(self, table: str, rows: int) -> None:
        if self._progress is not None:
            seconds = time.perf_counter() - self._began
            self._progress(f"  {TABLE_LABELS.get(table, table):　<4} {rows:>9} 行  {seconds:7.1f} 秒")

    def write(self, table: Table, rows: Iterable[dict]) -> int:
        """Insert every row (all with the same keys) in chunks; returns how many were written."""
        written = self.counts.get(table.name, 0)
        reported = written
        stream = iter(rows)
        while chunk := list(islice(stream, CHUNK)):
            self._session.execute(insert(table), chunk)
            written += len(chunk)
            if written - reported >= REPORT_EVERY:
                self.report(table.name, written)
                reported = written
        self.counts[table.name] = written
        self.report(table.name, written)
        return written


def reset_sequences(session: Session, tables: Iterable[Table]) -> None:
    """On PostgreSQL, move each table's id sequence to its largest id, so the application's next insert
    gets a fresh id; other databases (SQLite) take the next id from the table itself."""
    if session.get_bind().dialect.name != "postgresql":
        return
    for table in tables:
        session.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), (SELECT max(id) FROM \"{table.name}\"))"
            )
        )


def analyze(session: Session, tables: Iterable[Table]) -> None:
    """On PostgreSQL, refresh the planner's statistics of freshly filled tables, so the first queries after
    the seed do not plan for empty tables (autovacuum would only catch up later)."""
    if session.get_bind().dialect.name != "postgresql":
        return
    for table in tables:
        session.execute(text(f'ANALYZE "{table.name}"'))
