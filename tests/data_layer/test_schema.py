"""The migrations own the schema: they build exactly what the models describe, on both databases."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect
from sqlmodel import SQLModel

from data_layer.store import db


def test_migrations_match_the_models(empty_engine):
    with empty_engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), SQLModel.metadata)
    assert differences == []


def test_upgrading_twice_changes_nothing(empty_engine):
    db.upgrade(empty_engine)
    tables = set(inspect(empty_engine).get_table_names())
    assert {"organisation", "member", "task", "taskprogress", "studyrecord", "expense", "auditlog"} <= tables


def test_money_is_exact_decimal_with_two_places(empty_engine):
    columns = {column["name"]: column["type"] for column in inspect(empty_engine).get_columns("expense")}
    assert (columns["amount"].precision, columns["amount"].scale) == (14, 2)


def test_sqlite_runs_with_wal_and_foreign_keys(tmp_path):
    engine = db.get_engine(f"sqlite:///{tmp_path / 'pragma.db'}")
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 10000
