"""The running dashboard's warm-up (ui/warm.py): what leaders open first is recomputed after a
write and kept in the database, so that a dashboard started later gives the new figures without
computing them — even when nobody opened the overview between the save and the restart. On both
databases, on the hand-made fixture (tests/handmade.py), which opens on 2026-06: by then 14,500.00 of
the 20,000.00 budget is spent (72.5 %); the expense saved here (tests/data_layer/test_memo.py) adds
1,000.00: 15,500 of 20,000 = 77.5 %."""

from datetime import date

import pandas as pd
from sqlmodel import Session

from data_layer import months
from data_layer.metrics import opening, overview
from data_layer.store import Memo, kept
from tests.actors import actor
from tests.data_layer.test_kept import overview_in_a_new_process
from tests.data_layer.test_memo import save_expense, statements
from ui import data, warm

OPENING = "2026-06"


def reads_figures(sent: list[str]) -> list[str]:
    """The statements that read task progress, study or expenses, other than for the newest and oldest
    month with figures (which month the dashboard opens on)."""
    return [
        s
        for s in sent
        if any(f" {t}" in s.lower() for t in ("taskprogress", "studyrecord", "expense"))
        and not s.startswith(("SELECT max(", "SELECT min("))
    ]


def budget_in_a_process_started_now(engine) -> tuple[float, list[str]]:
    """The overview's budget figure read by a new process, and its statements that read figures."""
    answer, sent = overview_in_a_new_process(engine, month=OPENING)
    return round(answer.budget_execution.value, 3), reads_figures(sent)


def test_after_a_save_the_warm_up_keeps_the_new_overview_for_a_restart(fresh_engine, monkeypatch):
    url = fresh_engine.url.render_as_string(hide_password=False)
    keeper = kept.Keeper()
    monkeypatch.setattr(data, "MEMO", Memo(keeper=keeper))
    assert warm.warm(url) == OPENING
    keeper.flush()
    assert budget_in_a_process_started_now(fresh_engine) == (0.725, [])

    with statements(fresh_engine) as sent:  # nothing written: the remembered answers, no figure read
        assert warm.warm(url) == OPENING
    assert reads_figures(sent) == []

    save_expense(fresh_engine)  # and nobody opens the overview after it
    assert warm.warm(url) == OPENING
    keeper.flush()
    assert budget_in_a_process_started_now(fresh_engine) == (0.775, [])


def test_while_nobody_uses_it_the_warm_up_keeps_the_other_months_one_by_one(fresh_engine, monkeypatch):
    """On 2026-07-10 a leader may choose 2025-01 (the fixture's oldest figure) to 2026-07; the warm-up
    computes 2026-06 and 2026-05 (what the dashboard opens on), and while nobody uses the dashboard keeps
    the 17 others, newest first, one per call — so that a process started later gives 2026-03's overview
    without computing it."""
    monkeypatch.setenv("DASHBOARD_TODAY", "2026-07-10")
    url = fresh_engine.url.render_as_string(hide_password=False)
    keeper = kept.Keeper()
    monkeypatch.setattr(data, "MEMO", Memo(keeper=keeper))
    with Session(fresh_engine) as session:
        older = opening.older_months(session=session, today=date(2026, 7, 10))
    assert older == [
        "2026-07",
        "2026-04",
        "2026-03",
        "2026-02",
        "2026-01",
        *months.span("2025-01", "2025-12")[::-1],
    ]
    done: dict = {}
    assert [warm.keep_older(url, done) for _ in range(3)] == ["2026-07", "2026-04", "2026-03"]
    assert len(data.MEMO) == 0  # computed in a store of its own: nothing held in the pages' memory
    keeper.flush()

    answer, sent = overview_in_a_new_process(fresh_engine, month="2026-03")
    assert reads_figures(sent) == []
    completion = answer.task_completion  # tests/handmade.py: 64.0 %, 环比 from 41.0 %
    assert (completion.value, completion.previous) == (0.64, 0.41)
    with Session(fresh_engine) as session:  # the same as computed now, from scratch
        fresh = overview(session=session, actor=actor(session, "admin"), month="2026-03")
    assert answer.study_on_track == fresh.study_on_track and answer.budget_execution == fresh.budget_execution
    pd.testing.assert_frame_equal(answer.branches, fresh.branches)

    save_expense(fresh_engine)  # after a write each is kept again, newest first, the next quiet minutes
    assert warm.keep_older(url, done) == "2026-07"
    assert warm.keep_older(url, done) == "2026-04"


def test_older_months_are_kept_only_while_answers_are_kept(fresh_engine, monkeypatch):
    monkeypatch.setattr(data, "MEMO", Memo(keeper=None))  # KEPT_ANSWERS=0
    url = fresh_engine.url.render_as_string(hide_password=False)
    assert warm.keep_older(url, {}) is None
