"""Issue 23, item 3: the monthly grids (任务进展, 学习情况, 党费) remember that a row was empty when they
were loaded. Two people who open an empty month and save the same row: the first is 新增, the second is
refused naming the row and who entered it; the first one's figures stay (综采一队, April 2026, where
A1's progress and 张三's study and 党费 are empty in the hand-made fixture)."""

import re
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

import pandas as pd
import pytest
from sqlalchemy import func
from sqlmodel import Session, select

from data_layer import entry
from data_layer.errors import Refused
from data_layer.lean import dues_entry
from data_layer.models import AuditLog, DuesRecord, Member, StudyRecord, Task, TaskProgress
from data_layer.store import db, writes
from tests.actors import actor, org_id

TODAY = date(2026, 4, 20)
MONTH = "2026-04"
BRANCH = "综采一队党支部"


@dataclass(frozen=True)
class Grid:
    """One grid: how it is read and saved, the row contested, and how a person fills it in."""

    read: Any
    save: Any
    key: str  # the column that names a row
    row: Any  # the contested row's key value (task_id or member_id)
    columns: tuple[str, ...]
    refusal: str  # the start of the refusal naming the row
    model: Any
    where: Any  # selects the contested row in the database
    figure: str  # the row's column that tells whose save it is

    def fill(self, loaded: pd.DataFrame, value: int) -> pd.DataFrame:
        """What a person types into the contested row: ``value`` as its main figure."""
        edited = loaded.copy()
        figures = {
            "quantity": [value, "第一位填写"][: len(self.columns)],
            "points": [value, 4.5, 2],
            "income": [float(value), 0.0, None],
        }[self.columns[0]]
        edited.loc[edited[self.key] == self.row, list(self.columns)] = figures
        return edited


GRIDS = {
    "progress": Grid(
        entry.progress_sheet,
        entry.save_progress_edits,
        "task_id",
        1,
        ("quantity", "note"),
        "任务A1的2026-04进度",
        TaskProgress,
        (TaskProgress.month == MONTH, TaskProgress.task_id == select(Task.id).where(Task.code == "A1").scalar_subquery()),
        "quantity",
    ),
    "study": Grid(
        entry.study_sheet,
        entry.save_study_edits,
        "member_id",
        1,
        ("points", "hours", "sessions"),
        "张三的2026-04学习记录",
        StudyRecord,
        (StudyRecord.month == MONTH, StudyRecord.member_id == select(Member.id).where(Member.member_no == "T001").scalar_subquery()),
        "points",
    ),
    "dues": Grid(
        dues_entry.dues_sheet,
        dues_entry.save_dues_edits,
        "member_id",
        1,
        ("income", "paid", "paid_on"),
        "张三的2026-04党费",
        DuesRecord,
        (DuesRecord.month == MONTH, DuesRecord.member_id == select(Member.id).where(Member.member_no == "T001").scalar_subquery()),
        "income",
    ),
}  # fmt: skip


@pytest.fixture
def engine(fresh_engine):
    return fresh_engine


def load(engine, grid: Grid, username: str) -> pd.DataFrame:
    with Session(engine) as session:
        return grid.read(
            session=session, actor=actor(session, username), branch_id=org_id(session, BRANCH), month=MONTH
        )


def save(engine, grid: Grid, username: str, loaded: pd.DataFrame, edited: pd.DataFrame) -> writes.Saved:
    with db.write_scope(engine) as session:
        return grid.save(
            session=session,
            actor=actor(session, username),
            month=MONTH,
            original=loaded,
            edited=edited,
            today=TODAY,
        )


def stored(engine, grid: Grid) -> tuple[list, int]:
    """The contested row's figure and version as stored, and how many audit rows inserted it."""
    with Session(engine) as session:
        rows = session.exec(select(grid.model).where(*grid.where)).all()
        inserts = session.exec(
            select(func.count(AuditLog.id)).where(
                AuditLog.table_name == grid.model.__tablename__, AuditLog.action == "insert"
            )
        ).one()
    return [(Decimal(str(getattr(row, grid.figure))), row.version) for row in rows], inserts


@pytest.mark.parametrize("name", GRIDS)
def test_the_second_person_to_fill_an_empty_row_is_refused_and_the_first_kept(engine, name):
    grid = GRIDS[name]
    _, inserts_before = stored(engine, grid)
    first = load(engine, grid, "sec_a")
    second = load(engine, grid, "admin")  # both open the empty month
    assert first.loc[first[grid.key] == grid.row, "version"].isna().all()

    saved = save(engine, grid, "sec_a", first, grid.fill(first, 3))
    assert (saved.inserted, saved.updated) == (1, 0)

    with pytest.raises(Refused) as refusal:
        save(engine, grid, "admin", second, grid.fill(second, 4))
    assert re.fullmatch(
        rf"{grid.refusal}已被 sec_a 于 \d{{4}}-\d{{2}}-\d{{2}} \d{{2}}:\d{{2}} 填写，请刷新后重新填写；本次未保存",
        refusal.value.message,
    )
    rows, inserts = stored(engine, grid)
    assert rows == [(Decimal(3), 1)]  # sec_a's 3, never replaced by admin's 4
    assert inserts == inserts_before + 1

    reloaded = load(engine, grid, "admin")  # after a refresh the row has its version: admin's change saves
    saved = save(engine, grid, "admin", reloaded, grid.fill(reloaded, 4))
    assert (saved.inserted, saved.updated) == (0, 1)
    assert stored(engine, grid)[0] == [(Decimal(4), 2)]


@pytest.mark.parametrize("name", GRIDS)
def test_typing_what_the_other_person_entered_is_unchanged_not_refused(engine, name):
    grid = GRIDS[name]
    first = load(engine, grid, "sec_a")
    second = load(engine, grid, "admin")
    save(engine, grid, "sec_a", first, grid.fill(first, 3))
    saved = save(engine, grid, "admin", second, grid.fill(second, 3))  # nothing would be lost
    assert (saved.inserted, saved.updated, saved.unchanged) == (0, 0, 1)
    assert stored(engine, grid)[0] == [(Decimal(3), 1)]


WRITERS = 6


@pytest.mark.parametrize("name", GRIDS)
def test_many_people_saving_the_same_empty_row_at_once_one_is_kept(engine, name):
    """``WRITERS`` threads load the empty grid, wait for each other, then save the contested row with
    values 1 … WRITERS at the same moment: exactly one is 新增, every other is refused naming the row, and
    the row holds the value of the one acknowledged, inserted once."""
    grid = GRIDS[name]
    _, inserts_before = stored(engine, grid)
    loaded = [load(engine, grid, "sec_a" if n % 2 else "admin") for n in range(WRITERS)]
    start = threading.Barrier(WRITERS)

    def attempt(number: int) -> tuple[int, str | None]:
        edited = grid.fill(loaded[number], number + 1)
        start.wait()
        try:
            save(engine, grid, "sec_a" if number % 2 else "admin", loaded[number], edited)
        except Refused as refusal:
            return number + 1, refusal.message
        return number + 1, None

    with ThreadPoolExecutor(max_workers=WRITERS) as pool:
        results = list(pool.map(attempt, range(WRITERS)))
    kept = [value for value, message in results if message is None]
    assert len(kept) == 1, results
    for _, message in results:
        if message is not None:
            assert re.fullmatch(
                rf"{grid.refusal}已被 (sec_a|admin) 于 .+ 填写，请刷新后重新填写；本次未保存", message
            )
    rows, inserts = stored(engine, grid)
    assert rows == [(Decimal(kept[0]), 1)]
    assert inserts == inserts_before + 1
