"""The bulk editors' save: only changed rows, validated, all or nothing (综采一队, April 2026)."""

from datetime import date

import pytest
from sqlmodel import Session, select

from data_layer import entry
from data_layer.errors import Refused
from data_layer.models import StudyRecord, Task, TaskProgress
from data_layer.store import db
from tests.actors import actor, org_id

TODAY = date(2026, 4, 20)
MONTH = "2026-04"


@pytest.fixture
def engine(fresh_engine):
    return fresh_engine


def sheet(engine, kind):
    with Session(engine) as session:
        reader = entry.progress_sheet if kind == "progress" else entry.study_sheet
        return reader(
            session=session,
            actor=actor(session, "sec_a"),
            branch_id=org_id(session, "综采一队党支部"),
            month=MONTH,
        )


def test_the_progress_sheet_lists_running_tasks_with_what_was_done_before(engine):
    loaded = sheet(engine, "progress")
    assert loaded[["code", "target", "done_before", "quantity"]].fillna(-1).values.tolist() == [
        ["A1", 10.0, 8.0, -1],
        ["A2", 4.0, 4.0, -1],
    ]


def test_only_changed_rows_are_saved(engine):
    loaded = sheet(engine, "progress")
    edited = loaded.copy()
    edited.loc[0, "quantity"] = 2
    with db.write_scope(engine) as session:
        saved = entry.save_progress_edits(
            session=session,
            actor=actor(session, "sec_a"),
            month=MONTH,
            original=loaded,
            edited=edited,
            today=TODAY,
        )
    assert (saved.inserted, saved.updated, saved.lines) == (1, 0, ["A1 本月完成量 2"])
    with Session(engine) as session:
        saved_rows = session.exec(
            select(Task.code, TaskProgress.quantity)
            .join(Task)
            .where(TaskProgress.month == MONTH)
            .order_by(Task.code)
        ).all()
        assert [tuple(row) for row in saved_rows] == [
            ("A1", 2),
            ("B2", 5),
        ]  # B2's April 5 is the fixture's own


def test_one_bad_row_saves_nothing_and_names_row_and_column(engine):
    loaded = sheet(engine, "study")
    edited = loaded.copy()
    edited.loc[0, ["points", "hours", "sessions"]] = [600, 4, 1]
    edited.loc[1, ["points", "hours", "sessions"]] = [600, 4.555, 1]
    with pytest.raises(Refused) as refusal, db.write_scope(engine) as session:
        entry.save_study_edits(
            session=session,
            actor=actor(session, "sec_a"),
            month=MONTH,
            original=loaded,
            edited=edited,
            today=TODAY,
        )
    assert (refusal.value.row, refusal.value.field) == (2, "学习时长(小时)")
    with Session(engine) as session:
        assert session.exec(select(StudyRecord).where(StudyRecord.month == MONTH)).all() == []


def test_a_secretary_cannot_save_another_branch_through_the_editor(engine):
    with Session(engine) as session:
        loaded = entry.study_sheet(
            session=session,
            actor=actor(session, "admin"),
            branch_id=org_id(session, "掘进一队党支部"),
            month=MONTH,
        )
    edited = loaded.copy()
    edited.loc[0, ["points", "hours", "sessions"]] = [1, 1, 1]
    with (
        pytest.raises(Refused, match="无权填报或修改掘进一队党支部的数据"),
        db.write_scope(engine) as session,
    ):
        entry.save_study_edits(
            session=session,
            actor=actor(session, "sec_a"),
            month=MONTH,
            original=loaded,
            edited=edited,
            today=TODAY,
        )


def test_a_secretary_cannot_even_load_another_branch_sheet(engine):
    with Session(engine) as session, pytest.raises(Refused, match="无权查看"):
        entry.study_sheet(
            session=session,
            actor=actor(session, "sec_a"),
            branch_id=org_id(session, "掘进一队党支部"),
            month=MONTH,
        )


def test_progress_beyond_the_target_is_saved_and_said(engine):
    """A1: target 10 次, 8 done before April; 3 more in April make 11 of 10 — kept (more than planned
    happens; the ratio stops at 100 %), and the save line says so; A2's 4 of 4 says nothing more."""
    loaded = sheet(engine, "progress")
    edited = loaded.copy()
    edited.loc[0, "quantity"] = 3
    edited.loc[1, "quantity"] = 0
    with db.write_scope(engine) as session:
        saved = entry.save_progress_edits(
            session=session,
            actor=actor(session, "sec_a"),
            month=MONTH,
            original=loaded,
            edited=edited,
            today=TODAY,
        )
    assert saved.lines == [
        "A1 本月完成量 3（累计 11 次，超过目标 10 次，完成率按 100% 计）",
        "A2 本月完成量 0",
    ]
