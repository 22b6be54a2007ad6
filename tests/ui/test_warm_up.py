"""The running dashboard's warm-up (ui/warm.py): what leaders open first is recomputed after a
write and kept in the database, so that a dashboard started later gives the new figures without
computing them — even when nobody opened the overview between the save and the restart. On both
databases, on the hand-made fixture (tests/handmade.py), which opens on 2026-06: by then 14,500.00 of
the 20,000.00 budget is spent (72.5 %); the expense saved here (tests/data_layer/test_memo.py) adds
1,000.00: 15,500 of 20,000 = 77.5 %."""

from data_layer.store import Memo, kept
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
