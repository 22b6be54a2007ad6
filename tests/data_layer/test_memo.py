"""Remembered reads (data_layer/store/memo.py): an answer is given again, the same object, while the tables its
SQL read keep their version, and computed afresh once a write changed one of them. On both databases, on
a fresh copy of the hand-made fixture (tests/handmade.py) per test, whose figures at 2026-03 are:

  budget.branch_sums (allocated / spent): 综采一队 10,000 / 4,000.00, 掘进一队 5,000 / 1,000.00,
      机关 5,000 / 3,000.00 — 8,000.00 spent in all;
  tasks.branch_completion_at: 综采一队 86.7 %, 掘进一队 10.0 %, 机关 50.0 % (C1: 1 done of 2);
  overview: tasks 64.0 %, study 60.0 % (3 of 5), budget 40.0 % (8,000 of 20,000), submissions 2 of 3.
"""

import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from decimal import Decimal

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal
from sqlalchemy import create_engine, event, text
from sqlmodel import Session

from data_layer import metrics
from data_layer.auth import WHOLE_TREE
from data_layer.entry import figures, meetings
from data_layer.models import YearParameter
from data_layer.schemas import ExpenseIn, MeetingIn, ProgressIn, StudyIn
from data_layer.store import AskedOwnQuestion, ChangedAnswer, Memo, db, remembered
from data_layer.store import memo as memo_module
from tests.actors import actor, org_id
from tests.handmade import MONTH

TODAY = date(2026, 4, 20)
calls: Counter = Counter()


@pytest.fixture
def engine(fresh_engine):
    """The hand-made fixture in a database of the test's own (the tests write)."""
    return fresh_engine


@pytest.fixture(autouse=True)
def no_calls_yet():
    calls.clear()


# --- reads that count how often they are computed (module level: the memo keys them by name) ----------


@remembered
def budget_sums(*, session: Session, scope, month: str) -> pd.DataFrame:
    calls["budget"] += 1
    return metrics.budget.branch_sums(session=session, scope=scope, month=month)


def task_completion(*, session: Session, scope, at: tuple[str, ...]) -> dict[str, pd.DataFrame]:
    calls["tasks"] += 1
    return metrics.tasks.branch_completion_at(session=session, scope=scope, at=at)


def total_spent(*, session: Session, month: str) -> Decimal:
    """An outer read that sends no SQL of its own: it asks for the (remembered) budget sums."""
    calls["total"] += 1
    return budget_sums(session=session, scope=WHOLE_TREE, month=month)["spent"].sum()


def with_option(*, session: Session, month: str, option) -> pd.DataFrame:
    calls["option"] += 1
    return metrics.budget.branch_sums(session=session, scope=WHOLE_TREE, month=month)


class Unhashable:
    __hash__ = None


# --- helpers ------------------------------------------------------------------------------------------


@contextmanager
def statements(engine) -> Iterator[list[str]]:
    """The SQL statements sent through ``engine`` inside the block."""
    sent: list[str] = []

    def listener(_connection, _cursor, statement, _parameters, _context, _executemany) -> None:
        sent.append(statement)

    event.listen(engine, "before_cursor_execute", listener)
    try:
        yield sent
    finally:
        event.remove(engine, "before_cursor_execute", listener)


def by_branch(session: Session, frame: pd.DataFrame, column: str) -> dict[str, object]:
    """``column`` of a per-branch frame by 党支部 name (short names: 综采一队, 掘进一队, 机关)."""
    names = {org_id(session, f"{name}党支部"): name for name in ("综采一队", "掘进一队", "机关")}
    return {names[branch]: value for branch, value in zip(frame["branch_id"], frame[column], strict=True)}


def expense(amount: str = "1000.00", *, day: str = "2026-03-15") -> ExpenseIn:
    """An expense of 机关党支部's 组织活动 (5,000.00 allocated, nothing spent); March is 草稿 (open)."""
    return ExpenseIn.model_validate(
        {
            "spent_on": day,
            "branch": "机关党支部",
            "category": "组织活动",
            "amount": amount,
            "purpose": "购买党旗",
        },
        context={"today": TODAY},
    )


def save_expense(engine, amount: str = "1000.00") -> None:
    with db.write_scope(engine) as session:
        figures.save_expense(session=session, actor=actor(session, "admin"), item=expense(amount))


def save_progress(engine) -> None:
    """机关's task C1 (target 2, 1 done in January): 1 more in March → 2 of 2 = 100 %."""
    with db.write_scope(engine) as session:
        item = ProgressIn(month=MONTH, task_code="C1", quantity=Decimal(1))
        figures.save_progress(session=session, actor=actor(session, "admin"), item=item, today=TODAY)


def save_study(engine) -> None:
    """周八 (机关) had 4.1 + 4.2 + 3.7 = 12.0 h; March at 3.0 h makes 11.3 h, short of 12: 2 of 5 on track."""
    with db.write_scope(engine) as session:
        item = StudyIn(
            month=MONTH, member_no="T007", name="周八", points=600, hours=Decimal("3.0"), sessions=1
        )
        figures.save_study(session=session, actor=actor(session, "admin"), item=item, today=TODAY)


def save_meeting(engine) -> None:
    """A 党课 of 机关 in March: no overview figure counts meetings."""
    with db.write_scope(engine) as session:
        item = MeetingIn.model_validate(
            {
                "held_on": "2026-03-18",
                "branch": "机关党支部",
                "kind": "党课",
                "expected_attendance": 10,
                "actual_attendance": 10,
                "topic": "党课（3月18日）",
            },
            context={"today": TODAY},
        )
        meetings.save_meeting(session=session, actor=actor(session, "admin"), item=item)


# --- 1. remembered ------------------------------------------------------------------------------------


def test_a_second_read_gives_the_same_answer_after_one_statement(engine):
    memo = Memo()
    with Session(engine) as session:
        first = memo.read(budget_sums, session=session, scope=WHOLE_TREE, month=MONTH)
        with statements(engine) as sent:
            second = memo.read(budget_sums, session=session, scope=WHOLE_TREE, month=MONTH)
        spent = by_branch(session, second, "spent")
    assert calls == {"budget": 1}
    assert second is first
    assert len(sent) == 1 and "table_version" in sent[0]  # only the versions query
    assert spent == {
        "综采一队": Decimal("4000.00"),
        "掘进一队": Decimal("1000.00"),
        "机关": Decimal("3000.00"),
    }
    assert len(memo) == 1


# --- 2. precise invalidation --------------------------------------------------------------------------


def test_a_write_recomputes_only_the_answers_that_read_its_tables(engine):
    memo = Memo()

    def both() -> tuple[pd.DataFrame, pd.DataFrame, dict, dict]:
        with Session(engine) as session:
            money = memo.read(budget_sums, session=session, scope=WHOLE_TREE, month=MONTH)
            done = memo.read(task_completion, session=session, scope=WHOLE_TREE, at=(MONTH,))
            return (
                money,
                done,
                by_branch(session, money, "spent"),
                by_branch(session, done[MONTH], "completion_rate"),
            )

    money, done, spent, completion = both()
    assert spent["机关"] == Decimal("3000.00")
    assert completion["机关"] == pytest.approx(0.5)

    save_expense(engine)  # 机关 spends 1,000.00 more
    money_2, done_2, spent_2, completion_2 = both()
    assert calls == {"budget": 2, "tasks": 1}  # the budget sums were computed twice, the task sums once
    assert spent_2 == spent | {"机关": Decimal("4000.00")}
    assert done_2 is done and money_2 is not money
    assert completion_2 == completion

    save_progress(engine)  # C1 done 2 of 2: 机关 at 100 %
    money_3, done_3, spent_3, completion_3 = both()
    assert calls == {"budget": 2, "tasks": 2}
    assert completion_3 == completion | {"机关": pytest.approx(1.0)}
    assert money_3 is money_2 and spent_3 == spent_2
    assert done_3 is not done_2


# --- 3. the overview through the memo equals the overview computed directly ------------------------------

HEADLINES = ("task_completion", "study_on_track", "budget_execution", "submission")


def test_the_remembered_overview_equals_the_direct_one_after_each_kind_of_write(engine):
    memo = Memo()

    def compare() -> tuple[dict[str, float], list[str]]:
        """The headline values (after checking both ways agree) and the statements the memo's way sent."""
        with Session(engine) as session:
            admin = actor(session, "admin")
            with statements(engine) as sent, memo.using():
                remembered = memo.read(metrics.overview, session=session, actor=admin, month=MONTH)
            direct = metrics.overview(session=session, actor=admin, month=MONTH)
        assert {name: getattr(remembered, name) for name in HEADLINES} == {
            name: getattr(direct, name) for name in HEADLINES
        }
        assert_frame_equal(remembered.branches, direct.branches)
        assert remembered.alerts.count == direct.alerts.count
        return {name: round(getattr(direct, name).value, 3) for name in HEADLINES}, sent

    def naming(sent: list[str], table: str) -> int:
        return sum(f" {table}" in statement.lower() for statement in sent)  # FROM/JOIN <table>

    answers, cold = compare()
    assert answers == {
        "task_completion": 0.64,
        "study_on_track": 0.6,
        "budget_execution": 0.4,
        "submission": 0.667,
    }
    _, warm = compare()
    assert len(warm) == 1  # nothing written: the versions query only

    save_expense(engine)  # 9,000 of 20,000
    answers, after_expense = compare()
    assert answers["budget_execution"] == 0.45
    assert 1 < len(after_expense) < len(cold)
    assert naming(after_expense, "expense") >= 1
    assert naming(after_expense, "taskprogress") == naming(after_expense, "studyrecord") == 0

    save_progress(engine)  # (1.6 + 1 + 0.1 + 1.0) ÷ 5
    answers, after_progress = compare()
    assert answers["task_completion"] == 0.74
    assert naming(after_progress, "taskprogress") >= 1
    assert naming(after_progress, "expense") == naming(after_progress, "studyrecord") == 0

    save_study(engine)  # 2 of 5 on track
    answers, after_study = compare()
    assert answers["study_on_track"] == 0.4
    assert naming(after_study, "studyrecord") >= 1
    assert naming(after_study, "expense") == naming(after_study, "taskprogress") == 0

    save_meeting(engine)  # writes meeting and auditlog, which the overview does not read
    answers, after_meeting = compare()
    assert answers == {
        "task_completion": 0.74,
        "study_on_track": 0.4,
        "budget_execution": 0.45,
        "submission": 0.667,
    }
    assert len(after_meeting) == 1


# --- 4. a write by another process --------------------------------------------------------------------


def test_a_write_through_another_engine_is_seen_at_once(engine):
    memo = Memo()
    with Session(engine) as session:
        before = by_branch(
            session, memo.read(budget_sums, session=session, scope=WHOLE_TREE, month=MONTH), "spent"
        )
    other = create_engine(engine.url.render_as_string(hide_password=False))  # as another app process would
    try:
        save_expense(other)
    finally:
        other.dispose()
    with Session(engine) as session:
        after = by_branch(
            session, memo.read(budget_sums, session=session, scope=WHOLE_TREE, month=MONTH), "spent"
        )
    assert calls == {"budget": 2}
    assert before["机关"] == Decimal("3000.00") and after["机关"] == Decimal("4000.00")


# --- 5. MEMO_CHECK ------------------------------------------------------------------------------------


def test_an_answer_changed_in_place_is_caught_when_next_given(engine):
    memo = Memo()
    with Session(engine) as session:
        frame = memo.read(budget_sums, session=session, scope=WHOLE_TREE, month=MONTH)
        frame.loc[0, "spent"] = 99
        with pytest.raises(ChangedAnswer, match=r"test_memo\.budget_sums was changed in place"):
            memo.read(budget_sums, session=session, scope=WHOLE_TREE, month=MONTH)


def test_without_memo_check_no_fingerprint_is_kept(engine, monkeypatch):
    monkeypatch.delenv("MEMO_CHECK")
    memo = Memo()
    with Session(engine) as session:
        frame = memo.read(budget_sums, session=session, scope=WHOLE_TREE, month=MONTH)
        frame.loc[0, "spent"] = 99
        again = memo.read(budget_sums, session=session, scope=WHOLE_TREE, month=MONTH)
    assert [entry.fingerprint for entry in memo._entries.values()] == [None]
    assert again is frame and again.loc[0, "spent"] == 99  # unchecked: the changed answer is given
    assert calls == {"budget": 1}


@remembered
def asks_itself(*, session: Session, month: str) -> str:
    """Asks for its own answer while it is first computed (a recursion the store must not wait for)."""
    calls["itself"] += 1
    return asks_itself(session=session, month=month) + "!" if calls["itself"] == 1 else month


def test_a_read_that_asks_for_its_own_answer_fails_the_check_and_otherwise_does_not_wait(engine, monkeypatch):
    memo = Memo()
    with Session(engine) as session, memo.using():
        with pytest.raises(AskedOwnQuestion, match=r"test_memo\.asks_itself asked for itself"):
            asks_itself(session=session, month=MONTH)
        calls.clear()
        monkeypatch.delenv("MEMO_CHECK")
        monkeypatch.setattr(memo_module, "WAIT_SECONDS", 600)  # waiting for itself would hit the timeout
        assert asks_itself(session=session, month=MONTH) == MONTH + "!"
    assert calls == {"itself": 2}


# --- 6. arguments that cannot be a key ----------------------------------------------------------------


def test_an_unhashable_argument_is_computed_every_time(engine):
    memo = Memo()
    with Session(engine) as session:
        option = Unhashable()
        first = memo.read(with_option, session=session, month=MONTH, option=option)
        second = memo.read(with_option, session=session, month=MONTH, option=option)
    assert calls == {"option": 2}
    assert first is not second
    assert len(memo) == 0


def test_a_dict_holding_a_list_is_frozen_into_a_key(engine):
    memo = Memo()
    with Session(engine) as session:
        first = memo.read(with_option, session=session, month=MONTH, option={"months": [MONTH]})
        second = memo.read(with_option, session=session, month=MONTH, option={"months": [MONTH]})
    assert calls == {"option": 1}
    assert second is first


# --- 7. eviction --------------------------------------------------------------------------------------


def test_only_the_most_recently_used_answers_are_kept(engine):
    memo = Memo(max_entries=2)
    with Session(engine) as session:

        def read(month: str) -> None:
            memo.read(budget_sums, session=session, scope=WHOLE_TREE, month=month)

        read("2026-01")
        read("2026-02")
        read("2026-01")  # given again: now the most recently used
        read("2026-03")  # a third answer: 2026-02, the least recently used, goes
        assert len(memo) == 2
        assert calls == {"budget": 3}
        read("2026-01")  # still kept
        assert calls == {"budget": 3}
        read("2026-02")  # computed again
        assert calls == {"budget": 4}
        assert len(memo) == 2


def test_answers_outdated_by_a_write_are_dropped_on_the_next_read(engine):
    memo = Memo()
    with Session(engine) as session:
        memo.read(budget_sums, session=session, scope=WHOLE_TREE, month=MONTH)
        memo.read(task_completion, session=session, scope=WHOLE_TREE, at=(MONTH,))
    assert len(memo) == 2
    save_expense(engine)
    assert len(memo) == 2  # nothing read yet
    with Session(engine) as session:
        memo.read(task_completion, session=session, scope=WHOLE_TREE, at=(MONTH,))
        assert len(memo) == 1  # the budget sums, which read expense, are gone
        memo.read(budget_sums, session=session, scope=WHOLE_TREE, month=MONTH)
    assert len(memo) == 2
    assert calls == {"budget": 2, "tasks": 1}


def test_numbers_that_go_back_make_every_answer_of_that_database_forgotten(engine):
    """pg_restore brings back the data version of the dump: answers remembered since may sit under the
    same numbers as the restored, different data. A read that sees the number go down forgets them all."""
    memo = Memo()
    with Session(engine) as session:
        memo.read(task_completion, session=session, scope=WHOLE_TREE, at=(MONTH,))
    save_expense(engine)  # version 1
    with Session(engine) as session:
        memo.read(task_completion, session=session, scope=WHOLE_TREE, at=(MONTH,))
        memo.read(budget_sums, session=session, scope=WHOLE_TREE, month=MONTH)
    assert len(memo) == 2
    with Session(engine) as session:  # a restore that leaves the numbers as they were in the backup
        session.execute(text("UPDATE data_version SET version = 0"))
        session.execute(text("UPDATE table_version SET version = 0"))
        session.commit()
    with Session(engine) as session:
        memo.read(task_completion, session=session, scope=WHOLE_TREE, at=(MONTH,))
    assert len(memo) == 1  # computed afresh; the budget sums were forgotten too
    assert calls == {"budget": 1, "tasks": 2}


# --- nested reads -------------------------------------------------------------------------------------


def test_nested_reads_share_one_versions_query(engine):
    memo = Memo()
    with Session(engine) as session, statements(engine) as sent, memo.using():
        total = memo.read(total_spent, session=session, month=MONTH)
    assert total == Decimal("8000.00")
    assert calls == {"total": 1, "budget": 1}
    assert len(sent) == 2  # the versions once, then the budget sums
    assert sum("table_version" in statement for statement in sent) == 1


def test_an_inner_answer_given_from_memory_counts_its_tables_for_the_outer_one(engine):
    memo = Memo()
    with Session(engine) as session:
        memo.read(budget_sums, session=session, scope=WHOLE_TREE, month=MONTH)  # the inner one, first alone
        with memo.using():  # the inner one given from memory
            total = memo.read(total_spent, session=session, month=MONTH)
    assert total == Decimal("8000.00")
    assert calls == {"budget": 1, "total": 1}
    save_expense(engine)  # expense was read only by the inner answer's SQL, which ran before the outer one
    with Session(engine) as session, memo.using():
        total = memo.read(total_spent, session=session, month=MONTH)
    assert total == Decimal("9000.00")
    assert calls == {"budget": 2, "total": 2}


@remembered
def points_target(*, session: Session, year: int) -> int:
    """An inner read by primary key: session.get() gives an object the session holds without SQL."""
    return session.get(YearParameter, year).monthly_points_target


def points_target_after_holding_it(*, session: Session, year: int) -> int:
    session.get(YearParameter, year)  # the outer read already holds the row
    return points_target(session=session, year=year)


def test_a_row_the_session_already_holds_still_counts_as_read(engine):
    """The inner read sends no SQL for a row its session holds unless the memo expires what the session
    holds first; otherwise a change of that row would leave the inner answer stale."""
    memo = Memo()

    def target() -> int:
        with Session(engine) as session, memo.using():
            return memo.read(points_target_after_holding_it, session=session, year=2026)

    before = target()
    with db.write_scope(engine) as session:
        session.get(YearParameter, 2026).monthly_points_target = before + 100
    assert target() == before + 100


def test_two_sessions_asking_at_once_compute_the_answer_once(engine, monkeypatch):
    """Whichever session claims the answer first computes it, and holds on until the other has asked
    and been told to wait for it: the order is made, not hoped for. A memo that let the second compute
    too would never tell it to wait: the first gives up holding on after a few seconds and the count
    shows two computations."""
    memo = Memo()
    answers = []
    other_waits = threading.Event()
    claim = memo._claim

    def claim_seen(key: tuple):
        computing, claimed = claim(key)
        if computing is not None:  # this session found the answer being computed by the other
            other_waits.set()
        return computing, claimed

    monkeypatch.setattr(memo, "_claim", claim_seen)

    def slow_budget_sums(*, session: Session, scope, month: str) -> pd.DataFrame:
        calls["slow"] += 1
        other_waits.wait(timeout=5)
        return metrics.budget.branch_sums(session=session, scope=scope, month=month)

    def ask() -> None:
        with Session(engine) as session:
            answers.append(memo.read(slow_budget_sums, session=session, scope=WHOLE_TREE, month=MONTH))

    threads = [threading.Thread(target=ask) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert other_waits.is_set()
    assert calls["slow"] == 1
    assert answers[0] is answers[1]
