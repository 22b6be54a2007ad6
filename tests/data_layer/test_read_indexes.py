"""The read indexes of migration 0002: they exist on both databases, and the leader pages' sums use them.

Plans are checked on SQLite, whose choices do not depend on table statistics; on PostgreSQL the check is
that a subtree's ``path LIKE '/1/4/%'`` can be answered from the organisation path index at all (the
test databases use the C.UTF-8 collation, under which a plain btree index cannot serve LIKE).
"""

import pytest
from sqlalchemy import event, inspect, text
from sqlmodel import Session

from data_layer.auth import WHOLE_TREE
from data_layer.metrics import study, tasks
from tests.handmade import MONTH

COVERING = {
    "taskprogress": {"ix_taskprogress_task_month_quantity": ["task_id", "month", "quantity"]},
    "studyrecord": {
        "ix_studyrecord_member_month_totals": ["member_id", "month", "hours", "points"],
        "ix_studyrecord_month_totals": ["month", "member_id", "hours", "points"],
    },
    "expense": {"ix_expense_month_totals": ["month", "branch_id", "category_id", "amount"]},
}


@pytest.mark.parametrize("table", sorted(COVERING))
def test_the_covering_indexes_exist_with_their_columns(empty_engine, table):
    found = {index["name"]: index["column_names"] for index in inspect(empty_engine).get_indexes(table)}
    for name, columns in COVERING[table].items():
        assert found.get(name) == columns


def statements_of(engine, read) -> list[str]:
    """The SQL statements ``read(session)`` runs."""
    issued = []

    def grab(conn, cursor, statement, parameters, context, executemany):
        issued.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", grab)
    try:
        with Session(engine) as session:
            read(session)
    finally:
        event.remove(engine, "before_cursor_execute", grab)
    return issued


def plans_of(engine, read) -> list[str]:
    """SQLite's EXPLAIN QUERY PLAN of every statement ``read`` runs, one string each."""
    plans = []
    with engine.connect() as connection:
        for statement, parameters in statements_of(engine, read):
            rows = connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters).all()
            plans.append(" | ".join(row[-1] for row in rows))
    return plans


def sqlite_only(engine) -> None:
    if engine.dialect.name != "sqlite":
        pytest.skip("query plans are checked on SQLite")


def test_task_progress_is_summed_from_the_covering_index(engine):
    sqlite_only(engine)
    plans = plans_of(engine, lambda s: tasks.task_rows(session=s, scope=WHOLE_TREE, month=MONTH))
    assert any("COVERING INDEX ix_taskprogress_task_month_quantity" in plan for plan in plans)


@pytest.mark.parametrize("few", [True, False], ids=["few 党支部", "many 党支部"])
def test_study_sums_per_member_and_per_month_come_from_the_covering_indexes(engine, monkeypatch, few):
    """A scope of few 党支部 (one recomputed after a save) reads its members' rows per member; a larger
    one reads the trend's rows in month order (the fixture's three 党支部 count as many below a limit of 0)."""
    sqlite_only(engine)
    if not few:
        monkeypatch.setattr(study, "FEW_BRANCHES", 0)

    def read(session):
        goal = study.targets(session=session, month=MONTH)
        study.member_rows(session=session, scope=WHOLE_TREE, month=MONTH, goal=goal)
        study.monthly_trend(session=session, scope=WHOLE_TREE, month=MONTH, goal=goal)

    plans = " || ".join(plans_of(engine, read))
    assert "COVERING INDEX ix_studyrecord_member_month_totals" in plans
    assert ("COVERING INDEX ix_studyrecord_month_totals" in plans) is not few
    assert "SCAN studyrecord" not in plans


def test_postgresql_can_answer_a_subtree_prefix_from_the_path_index(empty_engine):
    if empty_engine.dialect.name != "postgresql":
        pytest.skip("the pattern index is PostgreSQL's")
    with empty_engine.connect() as connection:
        definition = connection.execute(
            text("SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_organisation_path'")
        ).scalar_one()
        connection.execute(text("SET LOCAL enable_seqscan = off"))
        plan = connection.execute(
            text("EXPLAIN SELECT id FROM organisation WHERE path LIKE '/1/4/%'")
        ).scalars()
        plan = "\n".join(plan)
    assert "varchar_pattern_ops" in definition
    assert "ix_organisation_path" in plan
