"""The demo as the browser tests meet it: its months and task codes come from the seed's calendar on the
product clock's today, which the tests and the dashboards they start read alike (``DASHBOARD_TODAY``)."""

import sqlite3

from seed import demo_calendar
from ui import format

CALENDAR = demo_calendar()
MONTH = CALENDAR.last_month  # the last complete month: where the dashboard opens
LABEL = format.month_label(MONTH)  # "2026年11月"
YEAR = CALENDAR.year


def task_code(abbr: str, number: int) -> str:
    """A task of the demo's year, e.g. ``2026-ZC2-01``."""
    return f"{YEAR}-{abbr}-{number:02d}"


def query(dashboard, sql: str, *parameters) -> list[tuple]:
    """Rows of the dashboard's SQLite database."""
    with sqlite3.connect(dashboard.database_url.removeprefix("sqlite:///")) as connection:
        return connection.execute(sql, parameters).fetchall()


def task_before(dashboard, code: str) -> tuple[str, str]:
    """(target, done before the demo's last month) of a task, as the 月度填报 grid shows them ("4", "2")."""
    ((target, done),) = query(
        dashboard,
        "SELECT task.target_quantity, COALESCE(SUM(taskprogress.quantity), 0) FROM task "
        "LEFT JOIN taskprogress ON taskprogress.task_id = task.id AND taskprogress.month < ? "
        "WHERE task.code = ? GROUP BY task.id",
        MONTH,
        code,
    )
    return f"{float(target):g}", f"{float(done):g}"


def unreported_task(dashboard, branch: str) -> str:
    """The first task of ``branch`` running in the demo's last month, unfinished, with nothing entered for it
    in that month (an import of it adds a row)."""
    rows = query(
        dashboard,
        "SELECT task.code FROM task JOIN organisation ON organisation.id = task.branch_id "
        "WHERE organisation.name = ? AND task.start_month <= ? AND task.due_month >= ? "
        "AND NOT EXISTS (SELECT 1 FROM taskprogress WHERE taskprogress.task_id = task.id AND taskprogress.month = ?) "
        "AND task.target_quantity > (SELECT COALESCE(SUM(quantity), 0) FROM taskprogress "
        "WHERE taskprogress.task_id = task.id) ORDER BY task.code",
        branch,
        MONTH,
        MONTH,
        MONTH,
    )
    return rows[0][0]
