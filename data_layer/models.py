"""SQLModel tables only. Validation lives in schemas.py; these models trust what they are given.

Conventions: money is ``Numeric(14, 2)`` in 元 (``Decimal`` in Python); months are ``YYYY-MM`` text;
every row people edit carries ``version`` for optimistic locking; fixed values are the words in
``vocab.py``. A "branch" column always points at an organisation of kind 党支部.
"""

from datetime import date, datetime
from decimal import Decimal
from typing import Protocol

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Column,
    DateTime,
    Index,
    LargeBinary,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlmodel import Field, SQLModel

from data_layer import clock

MONEY = Numeric(14, 2)
QUANTITY = Numeric(14, 2)


class _Stored(Protocol):
    id: int | None


def id_of(row: _Stored) -> int:
    """A stored row's id. SQLModel types it optional: it is None only until the row is first flushed."""
    assert row.id is not None, f"{type(row).__name__} is not stored yet"
    return row.id


def utc_now() -> datetime:
    """Now, by the product clock (data_layer.clock), in UTC."""
    return clock.now()


def _when(nullable: bool = True):
    return Field(default=None, sa_column=Column(DateTime(timezone=True), nullable=nullable))


class Organisation(SQLModel, table=True):
    """A node of the tree 党委 → 党总支 → 党支部 → 党小组.

    ``path`` is the materialised path of ids (``/1/4/17/``): a subtree is ``path LIKE '/1/4/%'``, one
    indexed range scan at any scale (on PostgreSQL the index uses ``varchar_pattern_ops``, which serves
    LIKE 'prefix%' in any collation).
    """

    __table_args__ = (Index("ix_organisation_path", "path", postgresql_ops={"path": "varchar_pattern_ops"}),)

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(sa_type=String(100), unique=True)
    kind: str = Field(sa_type=String(8))
    parent_id: int | None = Field(default=None, foreign_key="organisation.id", index=True)
    path: str = Field(default="", sa_type=String(200))
    sort_order: int = 0
    grid: str | None = Field(default=None, sa_type=String(50))
    # a 党支部's business unit (区队/科室) for 党建+安全生产: its name in the mine's 调度/安监 workbooks
    unit: str | None = Field(default=None, sa_type=String(50))
    unit_kind: str | None = Field(default=None, sa_type=String(8))
    active: bool = True
    version: int = 1


class Member(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    member_no: str = Field(sa_type=String(30), unique=True)
    name: str = Field(sa_type=String(50))
    branch_id: int = Field(foreign_key="organisation.id", index=True)
    group_id: int | None = Field(default=None, foreign_key="organisation.id")
    grid: str | None = Field(default=None, sa_type=String(50))
    category: str = Field(sa_type=String(8))
    joined_on: date  # 入党
    post: str | None = Field(default=None, sa_type=String(50))
    active: bool = True
    version: int = 1
    # A member's life in the organisation (metrics/membership.py reads them; docs/metrics.md): 转入 (None: a
    # member since before the data begins), 转出, 离世; and the latest move between 党支部: counted in
    # previous_branch_id before the month of moved_on, in branch_id from it.
    arrived_on: date | None = None
    left_on: date | None = None
    died_on: date | None = None
    moved_on: date | None = None
    previous_branch_id: int | None = Field(default=None, foreign_key="organisation.id")


class User(SQLModel, table=True):
    __tablename__ = "app_user"

    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(sa_type=String(50), unique=True)
    password_hash: str = Field(sa_type=String(200))
    display_name: str = Field(sa_type=String(50))
    role: str = Field(sa_type=String(16))
    branch_id: int | None = Field(default=None, foreign_key="organisation.id")
    active: bool = True
    last_login_at: datetime | None = _when()
    failed_logins: int = 0
    locked_until: datetime | None = _when()
    signed_out_at: datetime | None = _when()  # revokes every login token issued before (auth.sign_out)
    version: int = 1


class Goal(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    year: int = Field(index=True)
    title: str = Field(sa_type=String(200))
    category: str = Field(sa_type=String(8))
    version: int = 1


class Task(SQLModel, table=True):
    """A quantified task with one owner. Its year is its goal's year; start and due lie in that year."""

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(sa_type=String(30), unique=True)
    title: str = Field(sa_type=String(200))
    goal_id: int = Field(foreign_key="goal.id", index=True)
    branch_id: int = Field(foreign_key="organisation.id", index=True)
    owner_member_id: int | None = Field(default=None, foreign_key="member.id", index=True)
    unit: str = Field(sa_type=String(8))
    target_quantity: Decimal = Field(sa_type=QUANTITY)
    weight: Decimal = Field(default=Decimal(1), sa_type=Numeric(6, 2))
    start_month: str = Field(sa_type=String(7), index=True)
    due_month: str = Field(sa_type=String(7))
    mode: str = Field(sa_type=String(4))
    active: bool = True
    version: int = 1


class TaskProgress(SQLModel, table=True):
    """The quantity done on a task in one month (one row per task and month).

    ``ix_taskprogress_task_month_quantity`` covers a task's progress through M: summed from the index alone.
    """

    __table_args__ = (
        UniqueConstraint("task_id", "month"),
        Index("ix_taskprogress_task_month_quantity", "task_id", "month", "quantity"),
    )

    id: int | None = Field(default=None, primary_key=True)
    task_id: int = Field(foreign_key="task.id")
    month: str = Field(sa_type=String(7), index=True)
    quantity: Decimal = Field(sa_type=QUANTITY)
    note: str | None = Field(default=None, sa_type=String(500))
    entered_by_id: int | None = Field(default=None, foreign_key="app_user.id")
    updated_at: datetime | None = _when()
    version: int = 1


class StudyRecord(SQLModel, table=True):
    """A member's study in one month (one row per member and month).

    ``ix_studyrecord_member_month_totals`` covers a member's hours and points over a span of months,
    ``ix_studyrecord_month_totals`` the sums of each month.
    """

    __table_args__ = (
        UniqueConstraint("member_id", "month"),
        Index("ix_studyrecord_month", "month"),
        Index("ix_studyrecord_member_month_totals", "member_id", "month", "hours", "points"),
        Index("ix_studyrecord_month_totals", "month", "member_id", "hours", "points"),
    )

    id: int | None = Field(default=None, primary_key=True)
    member_id: int = Field(foreign_key="member.id")
    month: str = Field(sa_type=String(7))
    points: int = 0
    hours: Decimal = Field(default=Decimal(0), sa_type=Numeric(8, 2))
    sessions: int = 0
    version: int = 1


class YearParameter(SQLModel, table=True):
    """Per year: last year's payroll (base of the 1 % rule) and the monthly study targets."""

    year: int = Field(primary_key=True)
    last_year_payroll: Decimal = Field(sa_type=Numeric(16, 2))
    monthly_hours_target: Decimal = Field(sa_type=Numeric(8, 2))
    monthly_points_target: int
    version: int = 1


class Setting(SQLModel, table=True):
    """Named settings (submission deadline day, 党课 frequency, idle timeout, demo marker…)."""

    key: str = Field(sa_type=String(50), primary_key=True)
    value: str = Field(sa_type=String(200))


class ExpenseCategory(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(sa_type=String(20), unique=True)
    sort_order: int = 0
    active: bool = True


class BudgetAllocation(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("year", "branch_id", "category_id"),)

    id: int | None = Field(default=None, primary_key=True)
    year: int
    branch_id: int = Field(foreign_key="organisation.id", index=True)
    category_id: int = Field(foreign_key="expensecategory.id")
    amount: Decimal = Field(sa_type=MONEY)
    version: int = 1


class Expense(SQLModel, table=True):
    """Money spent from the party-building budget. ``month`` is ``spent_on`` as ``YYYY-MM``.

    ``ix_expense_month_totals`` covers the sums over a span of months by branch, category or month.
    """

    __table_args__ = (
        Index("ix_expense_branch_month", "branch_id", "month"),
        Index("ix_expense_month_totals", "month", "branch_id", "category_id", "amount"),
    )

    id: int | None = Field(default=None, primary_key=True)
    spent_on: date
    month: str = Field(sa_type=String(7), index=True)
    branch_id: int = Field(foreign_key="organisation.id")
    category_id: int = Field(foreign_key="expensecategory.id")
    amount: Decimal = Field(sa_type=MONEY)
    purpose: str = Field(sa_type=String(200))
    voucher_no: str | None = Field(default=None, sa_type=String(50))
    over_allocation_confirmed: bool = False
    entered_by_id: int | None = Field(default=None, foreign_key="app_user.id")
    created_at: datetime | None = _when()
    version: int = 1


class Meeting(SQLModel, table=True):
    """One meeting of 三会一课. ``month`` is ``held_on`` as ``YYYY-MM``.

    A meeting is told apart by its 党支部, 党小组 (a 党小组会's, else none), kind, date and topic: several
    may share a day (three 党小组 meeting the same evening are three meetings). No unique constraint says
    so, because a NULL 党小组 never collides in SQL; ``entry.save_meeting`` checks it under the write lock.
    """

    __table_args__ = (Index("ix_meeting_branch_month", "branch_id", "month"),)

    id: int | None = Field(default=None, primary_key=True)
    branch_id: int = Field(foreign_key="organisation.id")
    group_id: int | None = Field(default=None, foreign_key="organisation.id")
    kind: str = Field(sa_type=String(8))
    held_on: date
    month: str = Field(sa_type=String(7), index=True)
    expected_attendance: int
    actual_attendance: int
    topic: str = Field(sa_type=String(200))
    entered_by_id: int | None = Field(default=None, foreign_key="app_user.id")
    version: int = 1


class Submission(SQLModel, table=True):
    """A branch's monthly submission and its review."""

    __table_args__ = (UniqueConstraint("branch_id", "month"), Index("ix_submission_month", "month"))

    id: int | None = Field(default=None, primary_key=True)
    branch_id: int = Field(foreign_key="organisation.id")
    month: str = Field(sa_type=String(7))
    status: str = Field(sa_type=String(8))
    submitted_by_id: int | None = Field(default=None, foreign_key="app_user.id")
    submitted_at: datetime | None = _when()
    reviewed_by_id: int | None = Field(default=None, foreign_key="app_user.id")
    reviewed_at: datetime | None = _when()
    comment: str | None = Field(default=None, sa_type=String(500))
    version: int = 1


class AuditLog(SQLModel, table=True):
    """Who changed what: one row per written record, with its values before and after (JSON)."""

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utc_now, sa_column=Column(DateTime(timezone=True), nullable=False))
    actor: str = Field(sa_type=String(50))
    action: str = Field(sa_type=String(30))
    table_name: str = Field(sa_type=String(50), index=True)
    row_id: str = Field(sa_type=String(50))
    before: str | None = Field(default=None, sa_column=Column(Text))
    after: str | None = Field(default=None, sa_column=Column(Text))


class DataVersion(SQLModel, table=True):
    """One row (id 1) counting committed writes: ``db.write_scope`` adds one in every write transaction.

    Restores move it past any value a process has seen (``version.move_past``). The migration inserts
    the row.
    """

    __tablename__ = "data_version"
    __table_args__ = (CheckConstraint("id = 1", name="ck_data_version_single_row"),)

    id: int = Field(default=1, primary_key=True)
    version: int = Field(default=0, sa_type=BigInteger)


class TableVersion(SQLModel, table=True):
    """For each table, the data version of the last committed write that changed it (``version``), and of
    the last one that changed it without naming the 党支部 whose rows it changed (``whole``).

    A remembered read (data_layer/store/memo.py) is given again only while every table its SQL read still has
    the version it had when the answer was computed, in whichever app process the write was made. A read
    whose answer has a part per 党支部 is recomputed only for the 党支部 written since, unless ``whole``
    moved (data_layer/store/version.py).
    """

    __tablename__ = "table_version"

    name: str = Field(primary_key=True, sa_type=String(63))
    version: int = Field(default=0, sa_type=BigInteger)
    whole: int = Field(default=0, sa_type=BigInteger)


class BranchVersion(SQLModel, table=True):
    """For each 党支部 a write named, the data version of the last such write (see ``TableVersion``)."""

    __tablename__ = "branch_version"

    branch_id: int = Field(primary_key=True)
    version: int = Field(default=0, sa_type=BigInteger, index=True)


class KeptAnswer(SQLModel, table=True):
    """A remembered answer kept in the database (data_layer/store/kept.py), so that a process started later
    gives it without computing it, while the tables it read have the versions recorded with it. Not a
    figure: it has no table version, is written outside the write lock and is dropped at will."""

    __tablename__ = "kept_answer"

    key: str = Field(primary_key=True, sa_type=String(64))  # the question, and the code that answers it
    name: str = Field(sa_type=String(200))  # the read's module and name, for people
    stored: int = Field(default=0, sa_type=BigInteger, index=True)  # the data version it was right at
    answer: bytes = Field(sa_type=LargeBinary)


class BenchmarkIndicator(SQLModel, table=True):
    """对标指标: one line of a year's scheme for scoring 党支部 (source, rule, weight in points).

    ``target``: the value that earns the full weight (线性, 阈值); ``floor``: under 阈值, the value that
    earns half of it; ``deduction``: under 扣分, the points taken off per unit of the count.
    """

    __table_args__ = (UniqueConstraint("year", "name"),)

    id: int | None = Field(default=None, primary_key=True)
    year: int = Field(index=True)
    name: str = Field(sa_type=String(50))
    source: str = Field(sa_type=String(12))
    rule: str = Field(sa_type=String(8))
    weight: Decimal = Field(sa_type=Numeric(6, 2))
    target: Decimal | None = Field(default=None, sa_type=Numeric(10, 4))
    floor: Decimal | None = Field(default=None, sa_type=Numeric(10, 4))
    deduction: Decimal | None = Field(default=None, sa_type=Numeric(6, 2))
    sort_order: int = 0
    active: bool = True
    version: int = 1


class ManualScore(SQLModel, table=True):
    """A leader's score of a 党支部 on a 人工评分 indicator for a month (points, 0 to the weight)."""

    __table_args__ = (UniqueConstraint("indicator_id", "branch_id", "month"),)

    id: int | None = Field(default=None, primary_key=True)
    indicator_id: int = Field(foreign_key="benchmarkindicator.id", index=True)
    branch_id: int = Field(foreign_key="organisation.id", index=True)
    month: str = Field(sa_type=String(7))
    points: Decimal = Field(sa_type=Numeric(6, 2))
    note: str | None = Field(default=None, sa_type=String(200))
    entered_by_id: int | None = Field(default=None, foreign_key="app_user.id")
    version: int = 1


class Idea(SQLModel, table=True):
    """金点子: an idea a member proposed, and how far it has come.

    ``month`` is ``proposed_on`` as ``YYYY-MM``; ``adopted_month`` the month it was 采纳 (kept when it goes
    on to 实施 and 见效); ``status_month`` the month of its last change of status.
    """

    __table_args__ = (
        UniqueConstraint("branch_id", "title"),
        Index("ix_idea_branch_month", "branch_id", "month"),
    )

    id: int | None = Field(default=None, primary_key=True)
    title: str = Field(sa_type=String(100))
    branch_id: int = Field(foreign_key="organisation.id")
    proposer_member_id: int = Field(foreign_key="member.id")
    proposed_on: date
    month: str = Field(sa_type=String(7), index=True)
    status: str = Field(sa_type=String(4))
    status_month: str = Field(sa_type=String(7))
    adopted_month: str | None = Field(default=None, sa_type=String(7))
    benefit_amount: Decimal | None = Field(default=None, sa_type=MONEY)
    benefit_text: str | None = Field(default=None, sa_type=String(200))
    entered_by_id: int | None = Field(default=None, foreign_key="app_user.id")
    version: int = 1


class Pairing(SQLModel, table=True):
    """帮扶结对: a member (党员结对) or the branch itself (支部结对) paired with whom it helps."""

    __table_args__ = (UniqueConstraint("branch_id", "helper_member_id", "target"),)

    id: int | None = Field(default=None, primary_key=True)
    branch_id: int = Field(foreign_key="organisation.id", index=True)
    kind: str = Field(sa_type=String(4))
    helper_member_id: int | None = Field(default=None, foreign_key="member.id")
    target: str = Field(sa_type=String(50))
    partner_branch_id: int | None = Field(default=None, foreign_key="organisation.id")
    started_month: str = Field(sa_type=String(7))
    ended_month: str | None = Field(default=None, sa_type=String(7))
    note: str | None = Field(default=None, sa_type=String(200))
    active: bool = True
    version: int = 1


class PairVisit(SQLModel, table=True):
    """The visits of one pairing in one month (one row per pairing and month)."""

    __table_args__ = (UniqueConstraint("pairing_id", "month"), Index("ix_pairvisit_month", "month"))

    id: int | None = Field(default=None, primary_key=True)
    pairing_id: int = Field(foreign_key="pairing.id")
    month: str = Field(sa_type=String(7))
    visits: int = 1
    note: str | None = Field(default=None, sa_type=String(200))
    entered_by_id: int | None = Field(default=None, foreign_key="app_user.id")
    version: int = 1


class DuesRecord(SQLModel, table=True):
    """党费: a member's month — income (税后月工资收入), the rate and amount due by the brackets in force
    when it was entered, and what was paid."""

    __table_args__ = (
        UniqueConstraint("member_id", "month"),
        Index("ix_duesrecord_month_totals", "month", "member_id", "due", "paid"),
    )

    id: int | None = Field(default=None, primary_key=True)
    member_id: int = Field(foreign_key="member.id")
    month: str = Field(sa_type=String(7))
    income: Decimal = Field(sa_type=MONEY)
    rate: Decimal = Field(sa_type=Numeric(6, 4))
    due: Decimal = Field(sa_type=MONEY)
    paid: Decimal = Field(default=Decimal(0), sa_type=MONEY)
    paid_on: date | None = None
    entered_by_id: int | None = Field(default=None, foreign_key="app_user.id")
    version: int = 1


class ProductionIndicator(SQLModel, table=True):
    """A production indicator of a 党支部's unit for a year (原煤产量 t, 掘进进尺 m, 设备完好率 %…);
    ``measure`` is its unit of measure, empty for a count."""

    __table_args__ = (UniqueConstraint("year", "branch_id", "name"),)

    id: int | None = Field(default=None, primary_key=True)
    year: int = Field(index=True)
    branch_id: int = Field(foreign_key="organisation.id", index=True)
    name: str = Field(sa_type=String(30))
    measure: str = Field(default="", sa_type=String(10))
    sort_order: int = 0
    active: bool = True
    version: int = 1


class ProductionFigure(SQLModel, table=True):
    """One production indicator's plan and actual for a month (from the mine's 调度 workbook)."""

    __table_args__ = (UniqueConstraint("indicator_id", "month"), Index("ix_productionfigure_month", "month"))

    id: int | None = Field(default=None, primary_key=True)
    indicator_id: int = Field(foreign_key="productionindicator.id")
    month: str = Field(sa_type=String(7))
    plan: Decimal = Field(sa_type=QUANTITY)
    actual: Decimal = Field(sa_type=QUANTITY)
    entered_by_id: int | None = Field(default=None, foreign_key="app_user.id")
    version: int = 1


class SafetyRecord(SQLModel, table=True):
    """A 党支部's unit's safety month (from the mine's 安监 workbook).

    ``workforce``: the unit's 在册职工 (party members included); 三违 are counted for party members and for
    the others separately; ``hazards_by_members``: of the 隐患 found, those found by party members;
    ``safe_days``: 安全生产天数 at the month's end (days since the last injury accident).
    """

    __table_args__ = (UniqueConstraint("branch_id", "month"), Index("ix_safetyrecord_month", "month"))

    id: int | None = Field(default=None, primary_key=True)
    branch_id: int = Field(foreign_key="organisation.id")
    month: str = Field(sa_type=String(7))
    workforce: int
    hazards_found: int = 0
    hazards_closed: int = 0
    hazards_by_members: int = 0
    violations_members: int = 0
    violations_others: int = 0
    injury_accidents: int = 0
    other_accidents: int = 0
    safe_days: int = 0
    entered_by_id: int | None = Field(default=None, foreign_key="app_user.id")
    version: int = 1


class PioneerPost(SQLModel, table=True):
    """党员先锋岗 or 党员责任区: a post or zone a party member holds, from ``started_month`` until
    ``ended_month`` (inclusive; open while None)."""

    __table_args__ = (UniqueConstraint("branch_id", "name"),)

    id: int | None = Field(default=None, primary_key=True)
    branch_id: int = Field(foreign_key="organisation.id", index=True)
    kind: str = Field(sa_type=String(8))
    name: str = Field(sa_type=String(50))
    member_id: int = Field(foreign_key="member.id")
    started_month: str = Field(sa_type=String(7))
    ended_month: str | None = Field(default=None, sa_type=String(7))
    active: bool = True
    version: int = 1


class PioneerCheck(SQLModel, table=True):
    """A post's or zone's month: whether it stayed free of 三违 and of 事故."""

    __table_args__ = (UniqueConstraint("post_id", "month"), Index("ix_pioneercheck_month", "month"))

    id: int | None = Field(default=None, primary_key=True)
    post_id: int = Field(foreign_key="pioneerpost.id")
    month: str = Field(sa_type=String(7))
    violation_free: bool = True
    accident_free: bool = True
    note: str | None = Field(default=None, sa_type=String(200))
    entered_by_id: int | None = Field(default=None, foreign_key="app_user.id")
    version: int = 1
