"""The group seed at a size checked by hand: 6 党支部, 120 members, 14 months (2025-09 … 2026-10).

Worked out by hand from the parameters:
  党总支: max(2, round(6 ÷ 20.83)) = 2 (the group's offices and one mine); 6 党支部, 2–4 党小组 each.
  Tasks: 2025 is in the window from September, so 12 × 4 ÷ 12 = 4 per 党支部; 2026 has the full 12.
  Payroll (the base of the 1 % rule): 120 × 375,000 = 45,000,000.00 for 2026; 2025 is 45,000,000 ÷ 1.04
  = 43,269,230.77, to whole 10,000s 43,270,000.00. Budgets: 450,000.00 and 432,700.00.
  Submissions: the 13 months before 2026-10 are 已审核 for every 党支部: 78 rows.
  Logins: admin, leader, zuzhibu and zb0001 … zb0006.
"""

from collections import Counter
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import inspect, text
from sqlmodel import Session, func, select

from data_layer import auth, metrics
from data_layer import months as cal
from data_layer.errors import Refused
from data_layer.metrics import budget, meetings, study, submissions, tasks
from data_layer.models import (
    BudgetAllocation,
    Expense,
    ExpenseCategory,
    Goal,
    Meeting,
    Member,
    Organisation,
    PioneerCheck,
    PioneerPost,
    ProductionFigure,
    ProductionIndicator,
    SafetyRecord,
    StudyRecord,
    Submission,
    Task,
    TaskProgress,
    User,
    YearParameter,
)
from data_layer.orgs import add_organisation
from data_layer.store import settings
from data_layer.vocab import MeetingKind, MemberCategory, OrgKind, Role, SubmissionStatus, TaskMode, UnitKind
from seed import DEMO_PASSWORD, safety_catalog, seed_group
from seed.cli import login_list
from seed.group import demo_usernames
from tests.databases import BACKENDS, new_database

BRANCHES, MEMBERS, MONTHS = 6, 120, 14
FIRST_MONTH, LAST_MONTH = "2025-09", "2026-10"  # the window checked by hand, whatever the clock says
MONTHLY_TABLES = (StudyRecord, TaskProgress, Expense, Meeting, Submission)


def _seed(session: Session) -> dict[str, int]:
    counts = seed_group(
        session=session, branches=BRANCHES, members=MEMBERS, months=MONTHS, last_month=LAST_MONTH
    )
    session.commit()
    return counts


@pytest.fixture(scope="module", params=BACKENDS)
def group(request, tmp_path_factory):
    """One seeded database per backend for the module; tests that write roll back."""
    engine, drop = new_database(request.param, tmp_path_factory)
    with Session(engine) as session:
        counts = _seed(session)
    yield engine, counts
    drop()


@pytest.fixture
def session(group):
    engine, _ = group
    with Session(engine) as session:
        yield session
        session.rollback()


def _count(session: Session, model) -> int:
    return session.exec(select(func.count()).select_from(model)).one()


def _branch_ids(session: Session) -> list[int]:
    return session.exec(select(Organisation.id).where(Organisation.kind == OrgKind.BRANCH)).all()


def _leader(session: Session) -> auth.Actor:
    return auth.actor_of(session.exec(select(User).where(User.username == "leader")).one())


def test_the_tree_follows_the_parameters(session):
    kinds = dict(session.exec(select(Organisation.kind, func.count()).group_by(Organisation.kind)).all())
    assert (kinds[OrgKind.COMMITTEE], kinds[OrgKind.GENERAL_BRANCH], kinds[OrgKind.BRANCH]) == (1, 2, 6)
    groups = dict(
        session.exec(
            select(Organisation.parent_id, func.count())
            .where(Organisation.kind == OrgKind.GROUP)
            .group_by(Organisation.parent_id)
        ).all()
    )
    assert sorted(groups) == sorted(_branch_ids(session))
    assert all(2 <= count <= 4 for count in groups.values())
    # Paths as orgs.add_organisation makes them: the parent's path and the node's own id.
    nodes = {node.id: node for node in session.exec(select(Organisation)).all()}
    for node in nodes.values():
        parent_path = nodes[node.parent_id].path if node.parent_id else "/"
        assert node.path == f"{parent_path}{node.id}/"


def test_members_users_and_counts(group, session):
    _, counts = group
    assert _count(session, Member) == MEMBERS
    per_branch = session.exec(select(func.count()).select_from(Member).group_by(Member.branch_id)).all()
    assert len(per_branch) == BRANCHES and min(per_branch) >= 6
    # Every member is in a 党小组 of their own 党支部.
    strays = session.exec(
        select(func.count())
        .select_from(Member)
        .join(Organisation, Organisation.id == Member.group_id)
        .where(Organisation.parent_id != Member.branch_id)
    ).one()
    assert strays == 0
    usernames = session.exec(select(User.username).order_by(User.id)).all()
    assert tuple(usernames) == demo_usernames(BRANCHES)
    assert usernames[-BRANCHES:] == ["zb0001", "zb0002", "zb0003", "zb0004", "zb0005", "zb0006"]
    for model in (Organisation, Member, User, Goal, Task, *MONTHLY_TABLES, BudgetAllocation, YearParameter):
        assert counts[model.__tablename__] == _count(session, model)


def test_every_secretary_logs_in_and_sees_only_their_branch(session):
    secretaries = session.exec(select(User).where(User.role == Role.SECRETARY)).all()
    assert sorted(user.branch_id for user in secretaries) == sorted(_branch_ids(session))
    assert len({user.password_hash for user in session.exec(select(User)).all()}) == 1  # hashed once
    for user in secretaries:
        actor = auth.authenticate(session=session, username=user.username, password=DEMO_PASSWORD)
        assert actor.branch_id == user.branch_id
        overview = metrics.overview(session=session, actor=actor, month=LAST_MONTH)
        assert overview.branches["branch_id"].tolist() == [user.branch_id]
    assert auth.authenticate(session=session, username="leader", password=DEMO_PASSWORD).role == Role.LEADER


def test_tasks_per_branch_and_year(session):
    starts = session.exec(select(Task.branch_id, Task.start_month)).all()
    per_year = Counter((branch_id, start[:4]) for branch_id, start in starts)
    assert sorted(Counter(per_year.values()).items()) == [(4, BRANCHES), (12, BRANCHES)]
    assert sorted({year for _, year in per_year}) == ["2025", "2026"]
    rows = session.exec(select(Task, Member).join(Member, Member.id == Task.owner_member_id)).all()
    assert len(rows) == 16 * BRANCHES
    for task, owner in rows:
        assert owner.branch_id == task.branch_id
        assert task.start_month[:4] == task.due_month[:4] and task.start_month < task.due_month
        assert task.start_month >= FIRST_MONTH and task.mode in (TaskMode.ASSIGNED, TaskMode.CLAIMED)
    assert session.exec(select(func.count()).select_from(Goal).where(Goal.year == 2025)).one() == 11


def test_monthly_rows_lie_in_the_window(session):
    for model in MONTHLY_TABLES:
        first, last = session.exec(select(func.min(model.month), func.max(model.month))).one()
        assert (first, last) == (FIRST_MONTH, LAST_MONTH), model.__tablename__
    # At most one study record per member and month, most months recorded.
    studied = _count(session, StudyRecord)
    assert 0.8 * MEMBERS * MONTHS < studied <= MEMBERS * MONTHS
    least, most = session.exec(select(func.min(StudyRecord.hours), func.max(StudyRecord.hours))).one()
    assert 1 <= least < most <= 8
    # 3–7 expenses per 党支部 and month, in every month.
    per_month = session.exec(
        select(func.count()).select_from(Expense).group_by(Expense.branch_id, Expense.month)
    ).all()
    assert len(per_month) == BRANCHES * MONTHS and min(per_month) >= 3 and max(per_month) <= 7
    # At most one 支委会 and one 主题党日 a month, held in most months by every 党支部.
    held = session.exec(
        select(func.count())
        .select_from(Meeting)
        .where(Meeting.kind.in_([MeetingKind.COMMITTEE, MeetingKind.THEME_DAY]))
        .group_by(Meeting.branch_id, Meeting.month, Meeting.kind)
    ).all()
    assert max(held) == 1 and len(held) > 0.8 * BRANCHES * MONTHS * 2
    # Every month before LAST_MONTH is 已审核; LAST_MONTH has at most one row per 党支部.
    past = session.exec(
        select(Submission.status, func.count())
        .where(Submission.month < LAST_MONTH)
        .group_by(Submission.status)
    ).all()
    assert past == [(SubmissionStatus.APPROVED, 13 * BRANCHES)]
    last = session.exec(
        select(func.count()).select_from(Submission).where(Submission.month == LAST_MONTH)
    ).one()
    assert last <= BRANCHES


def test_budget_follows_the_one_percent_rule(session):
    payroll = dict(session.exec(select(YearParameter.year, YearParameter.last_year_payroll)).all())
    assert payroll == {2025: Decimal("43270000.00"), 2026: Decimal("45000000.00")}
    for year, expected in ((2025, Decimal("432700.00")), (2026, Decimal("450000.00"))):
        rule = metrics.budget_rule(session=session, year=year)
        assert (rule.rule_amount, rule.allocated, rule.sufficient) == (expected, expected, True)
    assert _count(session, BudgetAllocation) == BRANCHES * 7 * 2
    assert _count(session, ExpenseCategory) == 7
    # Amounts are in whole hundreds and every expense is positive.
    amounts = session.exec(select(BudgetAllocation.amount)).all()
    assert all(Decimal(str(amount)) % 100 == 0 for amount in amounts)
    assert session.exec(select(func.min(Expense.amount))).one() > 0


def test_probationary_members_joined_within_the_year(session):
    for category, joined in session.exec(select(Member.category, Member.joined_on)).all():
        assert (category == MemberCategory.PROBATIONARY) == (str(joined) > "2025-10-31")


@pytest.mark.parametrize("month", [LAST_MONTH, "2026-03", "2025-12"])
def test_metrics_run_on_the_seed_and_give_rates(session, month):
    leader = _leader(session)
    overview = metrics.overview(session=session, actor=leader, month=month)
    assert len(overview.branches) == BRANCHES
    for figure in (overview.task_completion, overview.budget_execution, overview.submission):
        assert 0 < figure.value <= 1
    if month == "2025-12":
        # Study targets count from January, records from September (the first month seeded): nobody is
        # on track in the first, partial year.
        assert overview.study_on_track.value == 0
    else:
        assert 0 < overview.study_on_track.value < 1
    assert 0 < tasks.tasks_view(session=session, actor=leader, month=month).completion_rate <= 1
    assert len(study.study_view(session=session, actor=leader, month=month).branches) == BRANCHES
    assert budget.budget_view(session=session, actor=leader, month=month) is not None
    held = meetings.meetings_view(session=session, actor=leader, month=month)
    assert 0 < held.month_compliance.value <= 1 and 0 < held.attendance.value <= 1
    assert 0 < submissions.board(session=session, actor=leader, month=month).rate <= 1
    assert metrics.latest_month(session=session) == LAST_MONTH


def test_the_demo_marker_and_logins_are_left(session):
    assert settings.get(session=session, key=settings.DEMO_MARKER) == "group"
    demo = settings.demo_logins(session=session, embedded=True)
    assert demo.password == DEMO_PASSWORD
    assert [username for username, _, _ in demo.users] == list(demo_usernames(BRANCHES))


def test_the_application_can_insert_after_seeding(session):
    """Ids were given explicitly; PostgreSQL's sequences were moved past them, so ORM inserts work."""
    largest = {
        model: session.exec(select(func.max(model.id))).one() for model in (Organisation, Member, User)
    }
    general = session.exec(select(Organisation).where(Organisation.kind == OrgKind.GENERAL_BRANCH)).first()
    branch = add_organisation(session=session, name="新设党支部", kind=OrgKind.BRANCH, parent=general)
    joined = date(2026, 11, 2)
    member = Member(
        member_no="NEW0001",
        name="新党员",
        branch_id=branch.id,
        category=MemberCategory.FULL,
        joined_on=joined,
    )
    user = User(username="new_user", password_hash="x", display_name="新用户", role=Role.ADMIN)
    goal = Goal(year=2026, title="新目标", category="思想建设")
    session.add_all([member, user, goal])
    session.flush()
    task = Task(
        code="NEW-01",
        title="新任务",
        goal_id=goal.id,
        branch_id=branch.id,
        owner_member_id=member.id,
        unit="次",
        target_quantity=Decimal(1),
        start_month="2026-11",
        due_month="2026-12",
        mode=TaskMode.ASSIGNED,
    )
    category = session.exec(select(ExpenseCategory.id)).first()
    expense = Expense(
        spent_on=joined,
        month="2026-11",
        branch_id=branch.id,
        category_id=category,
        amount=1,
        purpose="新支出",
    )
    session.add_all([task, expense])
    session.flush()
    assert branch.id > largest[Organisation] and member.id > largest[Member] and user.id > largest[User]
    assert branch.path == f"{general.path}{branch.id}/"


def test_postgresql_has_planner_statistics_right_after_seeding(group, session):
    """Without them the first queries would be planned for empty tables (reltuples −1: never analysed)."""
    engine, _ = group
    if engine.dialect.name != "postgresql":
        pytest.skip("planner statistics are refreshed on PostgreSQL only")
    for model in (StudyRecord, TaskProgress, Task, Organisation):
        estimate = session.connection().execute(
            text("SELECT reltuples FROM pg_class WHERE relname = :name"), {"name": model.__tablename__}
        )
        assert estimate.scalar_one() == _count(session, model)


def test_seeding_is_deterministic(tmp_path_factory):
    tables = []
    for _ in range(2):
        engine, drop = new_database("sqlite", tmp_path_factory)
        with Session(engine) as session:
            _seed(session)
            names = sorted(set(inspect(engine).get_table_names()) - {"alembic_version"})
            # Argon2 salts differ between runs, so the shared password hash is left out.
            tables.append(
                {
                    name: session.connection().execute(text(f'SELECT * FROM "{name}" ORDER BY 1')).all()
                    for name in names
                    if name != "app_user"
                }
                | {"app_user": session.exec(select(User.username, User.display_name, User.branch_id)).all()}
            )
        drop()
    assert tables[0] == tables[1]
    assert len(tables[0]["studyrecord"]) > 0


def test_the_seed_refuses_a_database_that_is_not_empty_or_a_size_it_cannot_fill(session, tmp_path_factory):
    with pytest.raises(Refused):
        seed_group(session=session, branches=BRANCHES, members=MEMBERS, months=MONTHS, last_month=LAST_MONTH)
    engine, drop = new_database("sqlite", tmp_path_factory)
    with Session(engine) as empty, pytest.raises(Refused) as refusal:
        seed_group(session=empty, branches=10, members=50, months=MONTHS)
    drop()
    assert refusal.value.field == "党员人数"


def test_a_long_login_list_is_shortened():
    assert (
        login_list(demo_usernames(2500))
        == "admin、leader、zuzhibu、zb0001、zb0002、zb0003 … zb2500（共 2503 个）"
    )
    assert login_list(("admin", "leader")) == "admin、leader"


def test_safety_and_production_for_the_last_twelve_months(group, session):
    """党建+安全生产 for 2025-11 … 2026-10 (the window's last twelve months): every 党支部 attached to its
    unit (its name less 党支部), a safety month each month, its kind's production indicators for 2025
    and 2026 with each month's plan and actual, two or three 先锋岗 / 责任区 (6–35 members) checked monthly."""
    _, counts = group
    units = session.exec(
        select(Organisation.id, Organisation.name, Organisation.unit, Organisation.unit_kind).where(
            Organisation.kind == OrgKind.BRANCH
        )
    ).all()
    assert all(unit == name.removesuffix("党支部") and kind for _, name, unit, kind in units)
    kinds = {branch_id: UnitKind(kind) for branch_id, _, _, kind in units}
    records = session.exec(select(SafetyRecord)).all()
    assert len(records) == counts["safetyrecord"] == BRANCHES * 12
    assert {row.month for row in records} == set(cal.span("2025-11", LAST_MONTH))
    members = dict(
        session.exec(
            select(Member.branch_id, func.count()).where(Member.active).group_by(Member.branch_id)
        ).all()
    )
    for row in records:
        assert row.hazards_closed <= row.hazards_found and row.hazards_by_members <= row.hazards_found
        assert row.workforce > members[row.branch_id]
    member_violations = sum(row.violations_members for row in records)
    others = sum(row.workforce - members[row.branch_id] for row in records) / 12
    assert member_violations / sum(members.values()) <= sum(row.violations_others for row in records) / others

    indicators = session.exec(select(ProductionIndicator)).all()
    expected = sum(len(safety_catalog.INDICATORS.get(kind, ())) for kind in kinds.values())
    assert len(indicators) == counts["productionindicator"] == 2 * expected  # 2025 and 2026
    figures = session.exec(select(ProductionFigure)).all()
    assert len(figures) == counts["productionfigure"] == 12 * expected
    assert all(0.8 < float(row.actual) / float(row.plan) <= 1.06 for row in figures)

    posts = session.exec(select(PioneerPost, Member).join(Member, Member.id == PioneerPost.member_id)).all()
    assert len(posts) == counts["pioneerpost"]
    assert all(post.branch_id == holder.branch_id for post, holder in posts)
    per_branch = Counter(post.branch_id for post, _ in posts)
    assert sorted(per_branch) == sorted(kinds) and set(per_branch.values()) <= {2, 3}
    checks = session.exec(select(PioneerCheck)).all()
    assert len(checks) == counts["pioneercheck"] > 0
