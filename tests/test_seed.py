"""The demo seed: one coal mine, deterministic, with the figures the README and demo rely on."""

from decimal import Decimal

import pytest
from sqlmodel import Session, func, select

from data_layer import auth, metrics, settings
from data_layer.errors import Refused
from data_layer.models import BudgetAllocation, Member, Organisation, User
from data_layer.vocab import OrgKind, Role, SubmissionStatus, TaskStatus
from seed import DEMO_LOGINS, DEMO_PASSWORD, LAST_MONTH, seed_mine
from tests.databases import BACKENDS, new_database

LAGGING = {"综采二队党支部", "掘进一队党支部", "运输队党支部"}


@pytest.fixture(scope="module", params=BACKENDS)
def mine(request, tmp_path_factory):
    """One seeded database per backend for the whole module (the tests only read)."""
    engine, drop = new_database(request.param, tmp_path_factory)
    with Session(engine) as session:
        counts = seed_mine(session=session)
        session.commit()
        yield session, counts
    drop()


def test_the_mine_has_its_tree_members_and_users(mine):
    session, counts = mine
    kinds = dict(session.exec(select(Organisation.kind, func.count()).group_by(Organisation.kind)).all())
    assert (kinds[OrgKind.COMMITTEE], kinds[OrgKind.GENERAL_BRANCH], kinds[OrgKind.BRANCH]) == (1, 3, 15)
    assert 350 <= session.exec(select(func.count()).select_from(Member)).one() <= 450
    assert counts["member"] == session.exec(select(func.count()).select_from(Member)).one()
    assert len(DEMO_LOGINS) == session.exec(select(func.count()).select_from(User)).one() == 18


def test_allocations_equal_the_one_percent_rule(mine):
    session, _ = mine
    total = session.exec(select(func.sum(BudgetAllocation.amount)).where(BudgetAllocation.year == 2026)).one()
    assert total == Decimal("1500000.00")
    rule = metrics.budget_rule(session=session, year=2026)
    assert (rule.rule_amount, rule.sufficient) == (Decimal("1500000.00"), True)


def test_october_overview_shows_three_lagging_branches_and_missing_submissions(mine):
    session, _ = mine
    leader = auth.authenticate(session=session, username="leader", password=DEMO_PASSWORD)
    overview = metrics.overview(session=session, actor=leader, month=LAST_MONTH)

    assert LAST_MONTH == "2026-10"
    assert overview.submission.value == pytest.approx(10 / 15)
    assert overview.submission.previous == 1.0
    behind = set(overview.branches.loc[overview.branches["status"] == TaskStatus.FAR_BEHIND, "branch"])
    assert behind == LAGGING
    statuses = overview.branches["submission_status"].value_counts().to_dict()
    assert statuses[SubmissionStatus.NONE] == 2
    assert statuses[SubmissionStatus.RETURNED] == 1
    for figure in (overview.task_completion, overview.study_on_track, overview.budget_execution):
        assert 0.6 < figure.value < 0.9


def test_every_secretary_sees_exactly_their_own_branch(mine):
    session, _ = mine
    for login in DEMO_LOGINS:
        if login.role != Role.SECRETARY:
            continue
        actor = auth.authenticate(session=session, username=login.username, password=DEMO_PASSWORD)
        overview = metrics.overview(session=session, actor=actor, month=LAST_MONTH)
        assert overview.branches["branch"].tolist() == [login.branch]


def test_seeding_is_deterministic(mine, tmp_path):
    from data_layer import db

    session, _ = mine
    other = db.get_engine(f"sqlite:///{tmp_path / 'again.db'}")
    db.upgrade(other)
    with Session(other) as again:
        seed_mine(session=again)
        leader = auth.actor_of(session.exec(select(User).where(User.username == "leader")).one())
        first = metrics.overview(session=session, actor=leader, month=LAST_MONTH)
        second = metrics.overview(session=again, actor=leader, month=LAST_MONTH)
    assert first.branches.round(9).equals(second.branches.round(9))
    assert first.task_completion.value == pytest.approx(second.task_completion.value)


def test_seed_refuses_a_database_that_is_not_empty(mine):
    session, _ = mine
    with pytest.raises(Refused):
        seed_mine(session=session)


def test_demo_marker_is_set(mine):
    session, _ = mine
    assert settings.get(session=session, key=settings.DEMO_MARKER) == "mine"
    assert settings.demo_logins(session=session, embedded=True).password == DEMO_PASSWORD
