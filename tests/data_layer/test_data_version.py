"""The data version (data_layer/version.py): every committed write adds one, reads and refused writes
change nothing. On both databases, on the hand-made fixture (loaded without write_scope: version 0)."""

from datetime import date

import pytest
from sqlalchemy import event, func
from sqlmodel import Session, select

from data_layer import auth, db, entry, metrics, workflow
from data_layer.errors import Refused
from data_layer.models import DataVersion, Expense
from data_layer.schemas import ExpenseIn
from data_layer.version import data_version
from tests.actors import actor, org_id
from tests.handmade import MONTH, PASSWORD, build_handmade


@pytest.fixture
def engine(empty_engine):
    with Session(empty_engine) as session:
        build_handmade(session)
        session.commit()
    return empty_engine


def version_of(engine) -> int:
    with db.session_scope(engine) as session:
        return data_version(session=session)


def expense(amount: str = "1000.00", *, branch: str = "机关党支部", day: str = "2026-04-10") -> ExpenseIn:
    """An expense of 组织活动, within what is left of the branch's allocation."""
    return ExpenseIn.model_validate(
        {"spent_on": day, "branch": branch, "category": "组织活动", "amount": amount, "purpose": "购买党旗"},
        context={"today": date(2026, 4, 20)},
    )


def expense_count(engine) -> int:
    with Session(engine) as session:
        return session.exec(select(func.count()).select_from(Expense)).one()


def test_the_migration_makes_one_row_at_zero(empty_engine):
    with Session(empty_engine) as session:
        assert [(row.id, row.version) for row in session.exec(select(DataVersion))] == [(1, 0)]


def test_every_committed_write_adds_one(engine):
    assert version_of(engine) == 0
    with db.write_scope(engine) as session:
        entry.save_expense(session=session, actor=actor(session, "admin"), item=expense())
    assert version_of(engine) == 1
    with db.write_scope(engine) as session:
        branch_c = org_id(session, "机关党支部")
        workflow.submit_month(session=session, actor=actor(session, "admin"), branch_id=branch_c, month=MONTH)
    assert version_of(engine) == 2
    with db.write_scope(engine) as session:
        auth.authenticate(session=session, username="leader", password=PASSWORD)
    assert version_of(engine) == 3


def test_a_login_leaves_the_version_as_it_was(engine):
    """A login writes its counters but changes no figure, so no process's caches need to go."""
    with db.write_scope(engine, figures=False) as session:
        auth.authenticate(session=session, username="leader", password=PASSWORD)
    assert version_of(engine) == 0


def test_a_write_of_several_rows_adds_one(engine):
    with db.write_scope(engine) as session:
        admin = actor(session, "admin")
        for amount in ("100.00", "200.00", "300.00"):
            entry.save_expense(session=session, actor=admin, item=expense(amount))
    assert version_of(engine) == 1


def test_reads_change_nothing(engine):
    with db.session_scope(engine) as session:
        leader = actor(session, "leader")
        metrics.overview(session=session, actor=leader, month=MONTH)
        metrics.budget.budget_view(session=session, actor=leader, month=MONTH, org_ids=())
        workflow.pending_reviews(session=session, actor=leader)
    assert version_of(engine) == 0


def test_a_refused_write_changes_nothing(engine):
    count = expense_count(engine)
    with pytest.raises(Refused, match="已审核"), db.write_scope(engine) as session:
        admin = actor(session, "admin")
        entry.save_expense(session=session, actor=admin, item=expense())
        # 综采一队's March is 已审核 (locked): refused after a first row was written in this transaction.
        entry.save_expense(
            session=session, actor=admin, item=expense(branch="综采一队党支部", day="2026-03-05")
        )
    assert version_of(engine) == 0
    assert expense_count(engine) == count


def test_the_bump_commits_with_the_write_and_is_seen_only_then(engine):
    seen = {}

    def before_commit(session: Session) -> None:
        if "inside" not in seen:  # the first commit is the write's; version_of below commits too
            seen["inside"] = data_version(session=session)
            seen["outside"] = version_of(engine)

    event.listen(Session, "before_commit", before_commit)
    try:
        with db.write_scope(engine) as session:
            entry.save_expense(session=session, actor=actor(session, "admin"), item=expense())
    finally:
        event.remove(Session, "before_commit", before_commit)
    assert seen == {"inside": 1, "outside": 0}
    assert version_of(engine) == 1
