"""Safe upgrades: a database that holds data at the first migration, upgraded to head, shows the same figures.

Database A is made at head and seeded with the demo mine. Database B is made at the first revision only;
every row of A is copied into it (only the columns B has at that revision), then B is upgraded to head.
The monthly reports of several months, organisations and users, and the row count of every table, must be
equal in A and B. Nothing here names a migration, so the test covers each one added after the first.
"""

from datetime import date

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, Integer, MetaData, and_, bindparam, func, insert, select, text, update
from sqlmodel import Session

from data_layer import entry, reports
from data_layer.schemas import ExpenseIn
from data_layer.store import db
from seed import AS_WRITTEN, seed_mine
from tests.actors import actor, org_id
from tests.databases import BACKENDS, BLANK, new_database

MIGRATIONS = ScriptDirectory(str(db.MIGRATIONS_DIR))
FIRST = MIGRATIONS.get_base()
HEAD = MIGRATIONS.get_current_head()
MONTHS = ["2026-01", "2026-06", "2026-09", "2026-10"]
VIEWS = [
    ("leader", None),
    ("leader", "生产一线党总支"),
    ("leader", "综采一队党支部"),
    ("zuzhibu", "机关党总支"),
    ("zongcai1", None),
]


def copy_rows(source: Engine, target: Engine, only: set[str] | None = None) -> list[str]:
    """Copy every row of ``source`` into the tables ``target`` has (or the ``only`` ones), only the columns
    it has, parents before children; returns the names of the tables copied."""
    source_tables, target_tables = MetaData(), MetaData()
    source_tables.reflect(source)
    target_tables.reflect(target)
    copied = []
    with source.connect() as reading, target.begin() as writing:
        for table in target_tables.sorted_tables:
            if table.name == "alembic_version" or (only is not None and table.name not in only):
                continue
            origin = source_tables.tables[table.name]
            columns = [origin.c[column.name] for column in table.columns if column.name in origin.c]
            query = select(*columns).order_by(*origin.primary_key.columns)
            rows = [dict(row) for row in reading.execute(query).mappings()]
            if rows:
                writing.execute(insert(table), rows)
            copied.append(table.name)
        if target.dialect.name == "postgresql":
            for name in copied:
                _reset_sequences(writing, target_tables.tables[name])
    return copied


def _reset_sequences(connection, table) -> None:
    """Let PostgreSQL hand out the id after the largest copied one (rows were inserted with their ids)."""
    for column in table.primary_key.columns:
        if not isinstance(column.type, Integer):
            continue
        connection.execute(
            text(
                f'SELECT setval(pg_get_serial_sequence(:table, :column), max("{column.name}")) '
                f'FROM "{table.name}" HAVING max("{column.name}") IS NOT NULL'
            ),
            {"table": f'"{table.name}"', "column": column.name},
        )


@pytest.fixture(scope="module", params=BACKENDS)
def databases(request, tmp_path_factory):
    """(A: seeded at head, B: filled at the first revision then upgraded, the tables copied, seed counts)."""
    head, drop_head = new_database(request.param, tmp_path_factory)
    with Session(head) as session:
        counts = seed_mine(session=session, calendar=AS_WRITTEN)  # the months below are its own
        session.commit()
    upgraded, drop_upgraded = new_database(request.param, tmp_path_factory, contents=BLANK)
    command.upgrade(db._alembic_config(upgraded), FIRST)
    copied = copy_rows(head, upgraded)
    first_columns = _columns(upgraded)
    db.upgrade(upgraded)
    # Columns a later migration added to a copied table (a meeting's 党小组, a member's 转入/转出 dates …)
    # are what people fill in after the upgrade: copied now, by primary key.
    _copy_new_columns(head, upgraded, {name: first_columns[name] for name in copied})
    # Tables a later migration created (金点子, 党费 …) start empty, as on a real upgrade; their rows are
    # entered after it. (Those a migration fills itself, such as data_version, are left as it made them.)
    tables = MetaData()
    tables.reflect(upgraded)
    with upgraded.connect() as connection:
        later = {
            name
            for name, table in tables.tables.items()
            if name not in copied
            and name != "alembic_version"
            and connection.execute(select(func.count()).select_from(table)).scalar_one() == 0
        }
    copy_rows(head, upgraded, only=later)
    yield head, upgraded, copied, counts
    drop_upgraded()
    drop_head()


def _columns(engine: Engine) -> dict[str, set[str]]:
    tables = MetaData()
    tables.reflect(engine)
    return {name: {column.name for column in table.columns} for name, table in tables.tables.items()}


def _copy_new_columns(source: Engine, target: Engine, before: dict[str, set[str]]) -> None:
    source_tables, target_tables = MetaData(), MetaData()
    source_tables.reflect(source)
    target_tables.reflect(target)
    with source.connect() as reading, target.begin() as writing:
        for name, had in before.items():
            table, origin = target_tables.tables[name], source_tables.tables[name]
            added = [column.name for column in table.columns if column.name not in had]
            if not added:
                continue
            keys = [column.name for column in table.primary_key.columns]
            rows = reading.execute(select(*(origin.c[c] for c in keys + added))).mappings().all()
            condition = and_(*(table.c[key] == bindparam(f"key_{key}") for key in keys))
            statement = update(table).where(condition).values({c: bindparam(f"new_{c}") for c in added})
            if rows:
                writing.execute(
                    statement,
                    [
                        {**{f"key_{k}": row[k] for k in keys}, **{f"new_{c}": row[c] for c in added}}
                        for row in rows
                    ],
                )


def report_of(engine: Engine, username: str, org: str | None, month: str) -> dict:
    with Session(engine) as session:
        org_ids = (org_id(session, org),) if org else ()
        return reports.monthly_report(
            session=session, actor=actor(session, username), month=month, org_ids=org_ids
        )


def revision_of(engine: Engine) -> str:
    with engine.connect() as connection:
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar_one()


def row_count(engine: Engine, table: str) -> int:
    tables = MetaData()
    tables.reflect(engine, only=[table])
    with engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(tables.tables[table])).scalar_one()


def test_the_copy_was_made_at_the_first_revision_and_upgraded_to_head(databases):
    head, upgraded, copied, _ = databases
    assert revision_of(upgraded) == revision_of(head) == HEAD
    assert {"organisation", "member", "task", "taskprogress", "studyrecord", "expense"} <= set(copied)


def test_every_copied_table_has_the_same_rows_as_the_seed(databases):
    head, upgraded, copied, counts = databases
    assert {table: row_count(upgraded, table) for table in copied} == {
        table: row_count(head, table) for table in copied
    }
    assert row_count(upgraded, "member") == counts["member"]
    assert row_count(upgraded, "organisation") == counts["organisation"]


# The whole tree at every month; each narrower view (a 党总支, a 党支部, a secretary) at the latest month:
# a report of a part is the whole's rows of that part, so every month of every view added only CI time.
CASES = [(*VIEWS[0], month) for month in MONTHS] + [(*view, MONTHS[-1]) for view in VIEWS[1:]]


@pytest.mark.parametrize(("username", "org", "month"), CASES)
def test_every_figure_is_unchanged_by_the_upgrade(databases, username, org, month):
    head, upgraded, _, _ = databases
    before = report_of(head, username, org, month)
    assert before["month"] == month
    assert report_of(upgraded, username, org, month) == before


def test_the_upgraded_database_takes_new_rows_like_the_original(databases):
    """A new expense gets the next id in both (PostgreSQL sequences continue after the copied ids)."""
    item = ExpenseIn.model_validate(
        {
            "spent_on": "2026-10-21",
            "branch": "综采二队党支部",
            "category": "培训",
            "amount": "1200.00",
            "purpose": "党务干部培训",
        },
        context={"today": date(2026, 11, 1)},
    )
    ids = []
    for engine in databases[:2]:
        with db.write_scope(engine) as session:
            _, row = entry.save_expense(session=session, actor=actor(session, "admin"), item=item)
            ids.append(row.id)
    head, upgraded, _, _ = databases
    assert ids[0] == ids[1]
    assert report_of(upgraded, "leader", None, "2026-10") == report_of(head, "leader", None, "2026-10")
