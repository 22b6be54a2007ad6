"""docs/architecture.md's map of each subject across the layers names real files, so it cannot rot: every
path in its table exists, and every page script is on it."""

import re
from pathlib import Path

from ui import navigation

ROOT = Path(__file__).resolve().parents[1]
HEADING = "## Each subject across the layers"
COLUMNS = ["Subject", "Metrics (read)", "Write", "Excel import", "Seed", "UI form", "Chart", "Page(s)"]


def _rows() -> list[list[str]]:
    """The table's rows (header first), each a list of its cells."""
    document = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    section = document.split(HEADING, 1)[1].split("\n## ", 1)[0]
    lines = [line.strip() for line in section.splitlines() if line.strip().startswith("|")]
    rows = [[cell.strip() for cell in line.strip("|").split("|")] for line in lines]
    return [row for row in rows if not all(set(cell) <= {"-", ":"} for cell in row)]


def _paths(cell: str) -> list[str]:
    return re.findall(r"`([^`]+)`", cell)


def test_the_map_has_its_columns_and_a_row_per_subject():
    header, *rows = _rows()
    assert header == COLUMNS
    assert all(len(row) == len(COLUMNS) for row in rows)
    subjects = [row[0] for row in rows]
    for subject in (
        "任务",
        "学习",
        "经费",
        "三会一课",
        "对标评星",
        "金点子",
        "帮扶结对",
        "党费",
        "填报/审核",
        "组织与成员",
    ):
        assert subject in subjects


def test_every_path_on_the_map_exists():
    _, *rows = _rows()
    named = [path for row in rows for cell in row[1:] for path in _paths(cell)]
    assert len(named) > 50
    assert [path for path in named if not (ROOT / path).is_file()] == []


def test_every_page_is_on_the_map():
    _, *rows = _rows()
    on_map = {path for row in rows for path in _paths(row[-1])}
    assert sorted({navigation.script(name) for name in navigation.PAGES} - on_map) == []
