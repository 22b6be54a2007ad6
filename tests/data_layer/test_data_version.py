"""The data version (data_layer/store/version.py): every committed write adds one, reads and refused writes
change nothing. On both databases, on the hand-made fixture (loaded without write_scope: version 0)."""

import re
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import event, func, text
from sqlmodel import Session, select

from data_layer import auth, entry, metrics
from data_layer.errors import Refused
from data_layer.models import DataVersion, Expense, Submission, TableVersion, User
from data_layer.schemas import ExpenseIn
from data_layer.store import data_version, db, version
from data_layer.vocab import SubmissionStatus
from tests.actors import actor, org_id
from tests.handmade import MONTH, PASSWORD


@pytest.fixture
def engine(fresh_engine):
    return fresh_engine


LOGIN_AT = datetime(2026, 4, 20, 1, 0, tzinfo=UTC)


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
        entry.submit_month(session=session, actor=actor(session, "admin"), branch_id=branch_c, month=MONTH)
    assert version_of(engine) == 2
    with db.write_scope(engine) as session:
        auth.note_login(
            session=session, username="leader", succeeded=True, client="x", failures=0, now=LOGIN_AT
        )
    assert version_of(engine) == 3


def test_a_login_leaves_the_version_as_it_was(engine):
    """A login writes its counters but changes no figure, so no process's caches need to go."""
    actor = auth.log_in(
        engine=engine,
        username="leader",
        password=PASSWORD,
        client="x",
        throttle=auth.Throttle(),
        now=LOGIN_AT,
    )
    assert actor.username == "leader"
    with Session(engine) as session:
        assert session.exec(select(User.last_login_at).where(User.username == "leader")).one() is not None
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
        entry.pending_reviews(session=session, actor=leader)
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


# --- table versions (migration 0004): which tables a write changed ------------------------------------

DATA_TABLES = {
    "organisation",
    "member",
    "app_user",
    "goal",
    "task",
    "taskprogress",
    "studyrecord",
    "yearparameter",
    "setting",
    "expensecategory",
    "budgetallocation",
    "expense",
    "meeting",
    "submission",
    "auditlog",
    # 0005: the lean mechanisms
    "benchmarkindicator",
    "manualscore",
    "idea",
    "pairing",
    "pairvisit",
    "duesrecord",
    # 0010: 党建+安全生产
    "productionindicator",
    "productionfigure",
    "safetyrecord",
    "pioneerpost",
    "pioneercheck",
}


def table_versions_of(engine) -> dict[str, int]:
    """Every table's version (without the data version)."""
    with db.session_scope(engine) as session:
        found = version.table_versions(session=session)
    del found[version.ALL]
    return found


def at(number: int, *, but: dict[str, int] | None = None) -> dict[str, int]:
    """Every data table at ``number``, except those in ``but``."""
    return {name: number for name in DATA_TABLES} | (but or {})


def test_the_migration_makes_one_table_version_row_per_data_table_at_zero(empty_engine):
    with Session(empty_engine) as session:
        rows = {row.name: row.version for row in session.exec(select(TableVersion))}
    assert len(rows) == 26
    assert rows == at(0)


def test_an_expense_gives_exactly_the_tables_it_wrote_the_new_version(engine):
    # 机关 has no April submission yet: the first April expense creates its 草稿 row.
    with db.write_scope(engine) as session:
        entry.save_expense(session=session, actor=actor(session, "admin"), item=expense(day="2026-04-10"))
    assert version_of(engine) == 1
    assert table_versions_of(engine) == at(0, but={"expense": 1, "auditlog": 1, "submission": 1})
    with Session(engine) as session:
        april = session.exec(
            select(Submission).where(
                Submission.branch_id == org_id(session, "机关党支部"), Submission.month == "2026-04"
            )
        ).one()
        assert april.status == SubmissionStatus.DRAFT

    # The second April expense finds the 草稿 row: submission keeps version 1.
    with db.write_scope(engine) as session:
        entry.save_expense(session=session, actor=actor(session, "admin"), item=expense(day="2026-04-11"))
    assert version_of(engine) == 2
    versions = table_versions_of(engine)
    assert versions == at(0, but={"expense": 2, "auditlog": 2, "submission": 1})
    assert [versions[name] for name in ("task", "taskprogress", "studyrecord", "member")] == [0, 0, 0, 0]


def test_an_expense_in_a_month_already_in_draft_leaves_submission_be(engine):
    # 机关's March is 草稿 in the fixture (and 组织活动 has 5,000.00 left there).
    with db.write_scope(engine) as session:
        entry.save_expense(session=session, actor=actor(session, "admin"), item=expense(day="2026-03-15"))
    assert table_versions_of(engine) == at(0, but={"expense": 1, "auditlog": 1})


def test_a_refused_write_changes_no_table_version(engine):
    # 机关's 组织活动 allocation is 5,000.00; after the first 100.00, 6,000.00 unconfirmed is refused.
    with (
        pytest.raises(Refused, match=re.escape("超出“组织活动”剩余预算 ¥4,900.00")),
        db.write_scope(engine) as session,
    ):
        admin = actor(session, "admin")
        entry.save_expense(session=session, actor=admin, item=expense("100.00"))  # written, then rolled back
        entry.save_expense(session=session, actor=admin, item=expense("6000.00", day="2026-04-11"))
    assert version_of(engine) == 0
    assert table_versions_of(engine) == at(0)


def test_a_write_without_figures_changes_no_table_version(engine):
    count = expense_count(engine)
    with db.write_scope(engine, figures=False) as session:
        auth.note_login(
            session=session, username="leader", succeeded=True, client="x", failures=0, now=LOGIN_AT
        )
        entry.save_expense(session=session, actor=actor(session, "admin"), item=expense())
    with Session(engine) as session:
        leader = session.exec(select(User).where(User.username == "leader")).one()
        assert leader.last_login_at is not None  # the login was committed
    assert expense_count(engine) == count + 1  # and so was the expense
    assert version_of(engine) == 0
    assert table_versions_of(engine) == at(0)


def test_a_raw_update_is_recorded_as_a_write_of_its_table(engine):
    with db.write_scope(engine) as session:
        session.execute(text("UPDATE expense SET purpose = purpose"))
    assert table_versions_of(engine) == at(0, but={"expense": 1})


def test_a_changing_statement_that_cannot_be_read_marks_every_table(engine):
    statement = "WITH x AS (SELECT 1) UPDATE expense SET purpose = purpose || '。'"
    with db.write_scope(engine) as session:
        session.execute(text(statement))
    with Session(engine) as session:  # valid SQL on both databases: all 11 of the fixture's expenses changed
        purposes = session.exec(select(Expense.purpose)).all()
    assert len(purposes) == 11 and all(purpose.endswith("。") for purpose in purposes)
    assert version_of(engine) == 1
    assert table_versions_of(engine) == at(1)


def test_move_past_puts_every_table_and_the_data_version_above_seen(engine):
    with db.write_scope(engine) as session:
        entry.save_expense(session=session, actor=actor(session, "admin"), item=expense())
    assert version_of(engine) == 1
    with db.session_scope(engine) as session:
        version.move_past(session=session, seen=41)  # numbers a restored copy may share with a process
    assert version_of(engine) == 42
    assert table_versions_of(engine) == at(42)
    with db.session_scope(engine) as session:
        version.move_past(session=session, seen=7)  # below the data version: one above that
    assert version_of(engine) == 43
    assert table_versions_of(engine) == at(43)


def test_a_changing_statement_after_a_comment_is_recorded(engine):
    with db.write_scope(engine) as session:
        session.execute(text("/* fix a purpose */ UPDATE expense SET purpose = purpose || '。'"))
    assert version_of(engine) == 1
    assert table_versions_of(engine)["expense"] == 1


def _workbook(rows: list[list]) -> bytes:
    from io import BytesIO

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "经费支出"
    for row in [["日期", "党支部", "支出类别", "金额(元)", "事由", "凭证号"], *rows]:
        sheet.append(row)
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("dry_run", [False, True])
def test_a_refused_or_trial_import_changes_not_even_the_data_version(engine, dry_run):
    from data_layer import excel

    good = [date(2026, 4, 10), "机关党支部", "组织活动", "1,000.00元", "购买党旗", "PZ-9"]
    bad = [date(2026, 4, 11), "机关党支部", "组织活动", "十元", "购买党徽", "PZ-10"]
    count = expense_count(engine)
    tables_before = _table_versions(engine)
    with db.write_scope(engine) as session:
        result = excel.import_workbook(
            session=session,
            actor=actor(session, "admin"),
            data=_workbook([good] if dry_run else [good, bad]),
            dry_run=dry_run,
            today=date(2026, 4, 20),
        )
    assert result.problems == (
        [] if dry_run else [excel.Problem("经费支出", 3, "金额(元)", "应为数字，例如 1234.50")]
    )
    assert version_of(engine) == 0
    assert _table_versions(engine) == tables_before
    assert expense_count(engine) == count


def _table_versions(engine) -> dict[str, int]:
    with db.session_scope(engine) as session:
        return version.table_versions(session=session)
