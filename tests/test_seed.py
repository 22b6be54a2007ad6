"""The demo seed: one coal mine, deterministic for a given day, relative to the product clock.

The demo's knobs were written for a demo ending in October 2026 (seed.mine.WRITTEN_FOR): on 2026-11-10
the figures are those the README and the demo story rely on. On other days — today, the turn of the
year, a January, years ahead — the same story holds: data through the last complete month, three
lagging 党支部, two with no submission for that month, a few that have begun the current month.
"""

from datetime import date
from decimal import Decimal

import pytest
from sqlmodel import Session, func, select

from data_layer import auth, metrics, months
from data_layer.errors import Refused
from data_layer.metrics import submissions
from data_layer.models import BudgetAllocation, Goal, Meeting, Member, Organisation, Task, User
from data_layer.store import settings
from data_layer.vocab import MeetingKind, OrgKind, Role, SubmissionStatus, TaskStatus
from seed import AS_WRITTEN, DEMO_LOGINS, DEMO_PASSWORD, DemoCalendar, demo_calendar, seed_mine
from tests.databases import new_database

LAGGING = {"综采二队党支部", "掘进一队党支部", "运输队党支部"}
WRITTEN_FOR = AS_WRITTEN.today  # the demo as written: data through 2026-10
# The day the suite runs (the product clock), the demo as written, the turn of the year, a January
# with the new year's first month complete, and years ahead.
DAYS = [None, WRITTEN_FOR, date(2027, 1, 3), date(2027, 2, 1), date(2029, 6, 15)]
CASES = [
    pytest.param(("sqlite", day), id=f"sqlite-{day or 'today'}") for day in DAYS
] + [  # PostgreSQL on two of the days: the seed writes the same rows through either
    pytest.param(("postgresql", day), id=f"postgresql-{day or 'today'}", marks=pytest.mark.postgres)
    for day in (None, WRITTEN_FOR)
]


@pytest.fixture(scope="module", params=CASES)
def mine(request, tmp_path_factory):
    """One seeded database per backend and day for the whole module (the tests only read)."""
    backend, day = request.param
    calendar = DemoCalendar(day) if day else demo_calendar()
    engine, drop = new_database(backend, tmp_path_factory)
    with Session(engine) as session:
        counts = seed_mine(session=session, calendar=calendar)
        session.commit()
        yield session, counts, calendar
    drop()


def leader(session):
    return auth.authenticate(session=session, username="leader", password=DEMO_PASSWORD)


def test_the_mine_has_its_tree_members_and_users(mine):
    session, counts, _ = mine
    kinds = dict(session.exec(select(Organisation.kind, func.count()).group_by(Organisation.kind)).all())
    assert (kinds[OrgKind.COMMITTEE], kinds[OrgKind.GENERAL_BRANCH], kinds[OrgKind.BRANCH]) == (1, 3, 15)
    assert 350 <= session.exec(select(func.count()).select_from(Member)).one() <= 450
    assert counts["member"] == session.exec(select(func.count()).select_from(Member)).one()
    assert len(DEMO_LOGINS) == session.exec(select(func.count()).select_from(User)).one() == 18


def test_the_demo_ends_at_the_last_complete_month_and_has_begun_this_one(mine):
    session, _, calendar = mine
    this_month = months.of_date(calendar.today)
    assert calendar.last_month == months.previous(this_month)
    assert metrics.latest_month(session=session) == this_month
    assert months.opening(this_month, this_month) == calendar.last_month
    started = submissions.board(
        session=session, actor=leader(session), month=this_month, today=calendar.today
    )
    assert started.at(this_month)["status"].value_counts().to_dict() == {
        SubmissionStatus.NONE: 11,
        SubmissionStatus.DRAFT: 4,
    }


def test_no_month_the_dashboard_offers_shows_every_branch_not_submitted(mine):
    session, _, calendar = mine
    this_month = months.of_date(calendar.today)
    offered = months.offered(this_month, this_month, metrics.earliest_month(session=session))
    assert offered[-1] == calendar.first_study_month  # the twelve months with study records, and this one
    for month in offered:
        board = submissions.board(session=session, actor=leader(session), month=month, today=calendar.today)
        statuses = set(board.at(month)["status"])
        assert statuses != {SubmissionStatus.NONE}, month


def test_allocations_equal_the_one_percent_rule(mine):
    session, _, calendar = mine
    total = session.exec(
        select(func.sum(BudgetAllocation.amount)).where(BudgetAllocation.year == calendar.year)
    ).one()
    assert total == Decimal("1500000.00")
    rule = metrics.budget_rule(session=session, year=calendar.year)
    assert (rule.rule_amount, rule.sufficient) == (Decimal("1500000.00"), True)


def test_in_january_the_new_year_is_started_from_the_old_one(mine):
    session, _, calendar = mine
    new = calendar.today.year
    tasks_of = lambda year: session.exec(  # noqa: E731
        select(func.count()).select_from(Task).join(Goal).where(Goal.year == year)
    ).one()
    if new == calendar.year:
        assert tasks_of(new + 1) == 0
        return
    # 1 % of 156,000,000.00; the balance carried from the old year (1,500,000 less its spending) is
    # far below the 2 % cap of 3,120,000.00, so nothing is taken off.
    rule = metrics.budget_rule(session=session, year=new)
    assert (rule.rule_amount, rule.allocated) == (Decimal("1560000.00"), Decimal("1560000.00"))
    assert tasks_of(new) == tasks_of(calendar.year) > 0
    assert session.exec(select(Task).where(Task.code == f"{new}-ZC1-01")).one().start_month == f"{new}-01"


def test_the_last_month_shows_three_lagging_branches_and_missing_submissions(mine):
    session, _, calendar = mine
    overview = metrics.overview(session=session, actor=leader(session), month=calendar.last_month)

    assert overview.submission.value == pytest.approx(10 / 15)
    assert overview.submission.previous == 1.0  # every month before is 已审核, last December's too
    statuses = overview.branches["submission_status"].value_counts().to_dict()
    assert statuses[SubmissionStatus.NONE] == 2
    assert statuses[SubmissionStatus.RETURNED] == 1
    rates = overview.branches.set_index("branch")["completion_rate"]
    assert rates[list(LAGGING)].max() < rates.drop(list(LAGGING)).min()
    lagging = set(overview.branches.loc[overview.branches["status"] != TaskStatus.ON_TRACK, "branch"])
    assert lagging >= LAGGING
    for figure in (overview.task_completion, overview.study_on_track, overview.budget_execution):
        assert 0 < figure.value <= 1


def test_the_demo_as_written_has_the_figures_the_story_relies_on(mine):
    session, _, calendar = mine
    if calendar.today != WRITTEN_FOR:
        pytest.skip("the figures of the demo as written, 2026-11-10 (the other days check the story)")
    overview = metrics.overview(session=session, actor=leader(session), month=calendar.last_month)
    assert calendar.last_month == "2026-10"
    behind = set(overview.branches.loc[overview.branches["status"] == TaskStatus.FAR_BEHIND, "branch"])
    assert behind == LAGGING
    assert round(overview.task_completion.value, 4) == 0.8119
    assert round(overview.budget_execution.value, 4) == 0.7609
    for figure in (overview.task_completion, overview.study_on_track, overview.budget_execution):
        assert 0.6 < figure.value < 0.9


def test_every_secretary_sees_exactly_their_own_branch(mine):
    session, _, calendar = mine
    for login in DEMO_LOGINS:
        if login.role != Role.SECRETARY:
            continue
        actor = auth.authenticate(session=session, username=login.username, password=DEMO_PASSWORD)
        overview = metrics.overview(session=session, actor=actor, month=calendar.last_month)
        assert overview.branches["branch"].tolist() == [login.branch]


def test_seeding_is_deterministic(mine, tmp_path):
    from data_layer.store import db

    session, _, calendar = mine
    other = db.get_engine(f"sqlite:///{tmp_path / 'again.db'}")
    db.upgrade(other)
    with Session(other) as again:
        seed_mine(session=again, calendar=calendar)
        actor = auth.actor_of(session.exec(select(User).where(User.username == "leader")).one())
        first = metrics.overview(session=session, actor=actor, month=calendar.last_month)
        second = metrics.overview(session=again, actor=actor, month=calendar.last_month)
    assert first.branches.round(9).equals(second.branches.round(9))
    assert first.task_completion.value == pytest.approx(second.task_completion.value)


def test_seed_refuses_a_database_that_is_not_empty(mine):
    session, _, _ = mine
    with pytest.raises(Refused):
        seed_mine(session=session)


def test_demo_marker_is_set(mine):
    session, _, _ = mine
    assert settings.get(session=session, key=settings.DEMO_MARKER) == "mine"
    assert settings.demo_logins(session=session, embedded=True).password == DEMO_PASSWORD


def test_dues_are_nearly_all_paid_and_two_members_are_flagged(mine):  # 党费
    from data_layer.metrics import dues

    session, counts, calendar = mine
    view = dues.dues_view(session=session, actor=leader(session), month=calendar.last_month)
    assert counts["duesrecord"] > 0
    assert 0.9 < view.paid_rate.value < 1
    assert len(view.arrears) == 2
    assert set(view.arrears["branch"]) <= LAGGING
    assert view.arrears["unpaid_months"].tolist() == [7, 6]


def test_every_group_meeting_names_its_group_and_most_groups_meet_monthly(mine):
    """三会一课: the demo records 党小组会 per 党小组 (a branch's groups may meet on the same day)."""
    session, _, calendar = mine
    group_meetings = session.exec(select(Meeting).where(Meeting.kind == MeetingKind.GROUP)).all()
    groups = {
        row.id: row.parent_id
        for row in session.exec(select(Organisation).where(Organisation.kind == OrgKind.GROUP))
    }
    assert group_meetings
    assert all(groups.get(row.group_id) == row.branch_id for row in group_meetings)  # its own branch's group
    met = {row.group_id for row in group_meetings if row.month == calendar.last_month}
    assert len(met) >= len(groups) - 3  # a few lagging groups miss a month, never most
