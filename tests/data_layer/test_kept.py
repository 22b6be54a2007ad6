"""Kept answers (data_layer/store/kept.py): a store with a keeper keeps the answers of reads declared
``kept`` in the database, and a store of a process started later gives them without computing them —
while every table they read has the version kept with them. On both databases, on a fresh copy of the
hand-made fixture (tests/handmade.py) per test, whose figures at 2026-03 are:

  budget.branch_sums, spent: 综采一队 4,000.00, 掘进一队 1,000.00, 机关 3,000.00 — 8,000.00 in all;
  overview: tasks 64.0 %, study 60.0 % (3 of 5), budget 40.0 % (8,000 of 20,000).
"""

import os
import pickle
import zlib
from collections import Counter
from decimal import Decimal

import pandas as pd
import pytest
from sqlmodel import Session, select

from data_layer import cli, display, metrics, months
from data_layer.auth import WHOLE_TREE
from data_layer.metrics import lean_overview, safety_view, stars
from data_layer.models import KeptAnswer
from data_layer.store import Memo, db, kept, remembered, version
from tests.actors import actor
from tests.data_layer.test_branch_recompute import TODAY, assert_same
from tests.data_layer.test_memo import save_expense, save_meeting, statements
from tests.handmade import MONTH

calls: Counter = Counter()


@pytest.fixture
def engine(fresh_engine):
    """The hand-made fixture in a database of the test's own (the tests write)."""
    return fresh_engine


@pytest.fixture(autouse=True)
def no_calls_yet():
    calls.clear()


@remembered(kept=True)
def kept_budget(*, session: Session, scope, month: str) -> pd.DataFrame:
    calls["budget"] += 1
    return metrics.budget.branch_sums(session=session, scope=scope, month=month)


def spent(engine, *, month: str = MONTH) -> Decimal:
    """The whole tree's spending at ``month`` through a new process's store (a new Memo and keeper)."""
    keeper = kept.Keeper()
    memo = Memo(keeper=keeper)
    with Session(engine) as session, memo.using():
        answer = kept_budget(session=session, scope=WHOLE_TREE, month=month)["spent"].sum()
    keeper.flush()
    return answer


def overview_in_a_new_process(engine, *, month: str = MONTH) -> tuple[metrics.Overview, list[str]]:
    """The whole tree's overview at ``month`` through a new process's store (a new Memo and keeper, its
    answers written before it returns), and the statements it sent."""
    keeper = kept.Keeper()
    memo = Memo(keeper=keeper)
    with Session(engine) as session, statements(engine) as sent, memo.using():
        answer = memo.read(metrics.overview, session=session, actor=actor(session, "admin"), month=month)
    keeper.flush()
    return answer, sent


def test_a_process_started_later_gives_the_kept_answer_without_computing_it(engine):
    assert spent(engine) == Decimal("8000.00")
    assert spent(engine) == Decimal("8000.00")
    assert calls == {"budget": 1}


def test_a_write_to_a_table_it_read_makes_it_computed_again(engine):
    spent(engine)
    save_expense(engine, "1000.00")  # 机关: 3,000.00 → 4,000.00
    assert spent(engine) == Decimal("9000.00")
    assert spent(engine) == Decimal("9000.00")  # and that answer is kept in its place
    assert calls == {"budget": 2}


def test_an_answer_outdated_in_memory_is_not_read_back_from_the_database(engine, monkeypatch):
    """After a write the process drops its outdated answer; the copy it kept is just as old, so it is
    computed again without reading that copy back (reading it cost the overview about 40 ms after a
    secretary's save at group scale). An answer kept later — by another process — is still read."""
    keeper = kept.Keeper()
    memo = Memo(keeper=keeper)
    read_back: dict[str, list[int | None]] = {}  # kept key → what each read asked for
    load = kept.load_kept
    monkeypatch.setattr(
        kept,
        "load_kept",
        lambda **asked: (
            read_back.setdefault(asked["key"], []).append(asked.get("newer_than")) or load(**asked)
        ),
    )

    def spent_here() -> Decimal:
        with Session(engine) as session, memo.using():
            return kept_budget(session=session, scope=WHOLE_TREE, month=MONTH)["spent"].sum()

    assert spent_here() == Decimal("8000.00")
    budget_key = next(iter(read_back))  # the outermost read asks first
    assert read_back[budget_key] == [None]  # nothing in memory yet: any kept answer may do
    keeper.flush()
    save_expense(engine, "1000.00")
    assert spent_here() == Decimal("9000.00")
    assert calls == {"budget": 2}
    dropped_at = read_back[budget_key][1]
    assert dropped_at is not None  # only one kept after the dropped one was right (the data version then)
    keeper.flush()
    assert spent(engine) == Decimal("9000.00")  # a process started now reads the new one
    assert calls == {"budget": 2}


def test_a_write_to_other_tables_leaves_it_good(engine):
    spent(engine)
    save_meeting(engine)  # a 党课: no budget table
    assert spent(engine) == Decimal("8000.00")
    assert calls == {"budget": 1}


def test_a_restore_makes_every_kept_answer_outdated(engine):
    spent(engine)
    with db.write_scope(engine, figures=False) as session:  # what backup.restore does last
        version.move_past(session=session, seen=0)
    assert spent(engine) == Decimal("8000.00")
    assert calls == {"budget": 2}


def test_answers_kept_by_other_code_are_not_read(engine, monkeypatch):
    spent(engine)
    monkeypatch.setattr(kept, "code_fingerprint", lambda: "another version of the program")
    spent(engine)
    assert calls == {"budget": 2}


class RunsCode:
    def __init__(self, path) -> None:
        self.path = path

    def __reduce__(self):
        return (os.mkdir, (str(self.path),))


def test_a_kept_row_that_would_run_code_is_refused_and_the_answer_computed(engine, tmp_path):
    spent(engine)
    planted = tmp_path / "planted"
    with Session(engine) as session:
        row = session.exec(select(KeptAnswer).where(KeptAnswer.name == f"{__name__}.kept_budget")).one()
        row.answer = zlib.compress(pickle.dumps(RunsCode(planted)))
        session.add(row)
        session.commit()
    assert spent(engine) == Decimal("8000.00")
    assert not planted.exists()
    assert calls == {"budget": 2}


def test_only_the_newest_answers_are_kept(engine, monkeypatch):
    monkeypatch.setattr(kept, "MAX_ROWS", 4)  # two months' answers: each month's and its part's
    spent(engine, month="2026-01")
    save_expense(engine, "10.00")
    spent(engine, month="2026-02")
    save_expense(engine, "20.00")
    spent(engine, month="2026-03")
    with Session(engine) as session:
        names = session.exec(select(KeptAnswer.name, KeptAnswer.stored).order_by(KeptAnswer.stored)).all()
    assert [stored for _, stored in names] == [1, 1, 2, 2]  # the 2026-01 ones, right at version 0, are gone
    assert {name for name, _ in names} == {f"{__name__}.kept_budget", "data_layer.metrics.budget.branch_sums"}


def test_the_kept_overview_gives_the_figures_without_reading_a_figure_table(engine):
    """The overview's whole answer is kept: a new process sends no statement that reads tasks, study
    or expenses — and its figures are those of the fixture."""

    first, _ = overview_in_a_new_process(engine)
    second, sent = overview_in_a_new_process(engine)
    figures = {
        name: round(getattr(second, name).value, 3)
        for name in ("task_completion", "study_on_track", "budget_execution")
    }
    assert figures == {"task_completion": 0.64, "study_on_track": 0.6, "budget_execution": 0.4}
    pd.testing.assert_frame_equal(first.branches, second.branches)
    reading = [
        s for s in sent if any(f" {t}" in s.lower() for t in ("taskprogress", "studyrecord", "expense"))
    ]
    assert reading == []


def test_the_first_save_after_a_restart_recomputes_only_what_it_wrote(engine):
    """The overview's parts are kept too: a process started after an expense of 机关 gives the overview
    from the kept task and study parts and recomputes the budget part — 机关 3,000.00 → 4,000.00, so
    9,000 of 20,000 = 45.0 % — without reading task progress or study records."""

    overview_in_a_new_process(engine)
    save_expense(engine, "1000.00")
    answer, sent = overview_in_a_new_process(engine)
    assert round(answer.budget_execution.value, 3) == 0.45
    assert round(answer.task_completion.value, 3) == 0.64
    assert any(" expense" in s.lower() for s in sent)
    assert [s for s in sent if " taskprogress" in s.lower() or " studyrecord" in s.lower()] == []


def test_init_db_keeps_what_leaders_open_first(engine, monkeypatch, capsys):
    """After an upgrade the answers kept by the old program are not read; ``init-db`` (which every upgrade
    runs) computes the whole tree's overview at the opening month and the month before and keeps them
    for the new one."""
    monkeypatch.setenv("DATABASE_URL", engine.url.render_as_string(hide_password=False))
    assert cli.main(["init-db"]) == 0
    with Session(engine) as session:
        month = metrics.opening_month(session=session)
        kept_names = set(session.exec(select(KeptAnswer.name)).all())
    assert month is not None
    assert f"已准备总览（{display.month_label(month)}，整个组织）" in capsys.readouterr().out
    assert kept_names >= {
        "data_layer.metrics.overview.overview_of",
        "data_layer.metrics.lean_overview.lean_figures_of",
        "data_layer.metrics.safety_overview.safety_headline_of",
        "data_layer.metrics.stars.star_view_of",
        # and the parts per 党支部, so that the first save after the start recomputes its 党支部 only
        "data_layer.metrics.tasks.task_rows",
        "data_layer.metrics.study.branch_sums_at",
        "data_layer.metrics.budget.branch_sums",
        "data_layer.metrics.dues.branch_sums",
    }
    memo = Memo(keeper=kept.Keeper())
    with Session(engine) as session, statements(engine) as sent, memo.using():
        for each in (month, months.previous(month)):  # and the month before, which leaders compare with
            memo.read(metrics.overview, session=session, actor=actor(session, "admin"), month=each)
    assert [s for s in sent if " taskprogress" in s.lower() or " expense" in s.lower()] == []


KEPT_VIEWS = {
    "overview": lambda **asked: metrics.overview(**asked),
    "lean": lambda **asked: lean_overview.lean_figures(**asked, today=TODAY),
    "stars": lambda **asked: stars.star_view(**asked, period=stars.MONTHLY, today=TODAY),
    "safety": lambda **asked: safety_view.safety_view(**asked, today=TODAY),
}
"""Every view whose answer is kept, as its page asks for it."""


def test_every_kept_view_is_read_back_by_a_process_started_later(engine, monkeypatch):
    """Each kept answer passes the restricted unpickler (a type it refuses would make the answer be
    computed every time, silently) and equals the one computed."""
    keeper = kept.Keeper()
    given: list[bool] = []
    from_kept = Memo._from_kept

    def noting(self, key, session, now):
        found = from_kept(self, key, session, now)
        given.append(found is not None)
        return found

    monkeypatch.setattr(Memo, "_from_kept", noting)
    answers = {}
    for process in ("first", "started later"):
        given.clear()
        memo = Memo(keeper=keeper)
        for name, view in KEPT_VIEWS.items():
            with Session(engine) as session, memo.using():
                answer = view(session=session, actor=actor(session, "admin"), month=MONTH)
            if process == "first":
                answers[name] = answer
            else:
                assert_same(answer, answers[name], name)
        keeper.flush()
    assert given and all(given)  # every kept read the second process asked for was given from the table
