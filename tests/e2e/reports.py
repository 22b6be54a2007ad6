"""The monthly report of a running dashboard's database, from the command line as a person would get it."""

import json
import os
import subprocess
import sys

from tests.e2e.server import PROJECT_ROOT


def monthly_report(dashboard, month: str, *, as_user: str = "leader") -> dict:
    answer = subprocess.run(
        [sys.executable, "-m", "data_layer", "report", "--month", month, "--format", "json", "--as", as_user],
        cwd=PROJECT_ROOT,
        env={**os.environ, "DATABASE_URL": dashboard.database_url},
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(answer.stdout)


def by_branch(rows: list[dict], branch: str) -> dict:
    return next(row for row in rows if row["branch"] == branch)
