"""Backup and restore: back up the demo mine, change it, restore it, and get the October report of before.

The report is compared as the JSON ``python -m data_layer report`` prints, byte for byte.
"""

import json
import shlex
import shutil
import sqlite3
import stat
import subprocess
from contextlib import closing
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, delete, event
from sqlmodel import Session

from data_layer import cli, entry, reports
from data_layer.errors import Refused
from data_layer.models import Expense
from data_layer.schemas import ExpenseIn
from data_layer.store import backup, db, version
from data_layer.store.memo import Memo
from seed import AS_WRITTEN, seed_mine
from tests.actors import actor
from tests.databases import new_database

LAST_MONTH = AS_WRITTEN.last_month  # 2026-10: the dates below are of the demo as written
OPEN_BRANCH = "综采二队党支部"  # has no submission for LAST_MONTH in the demo, so its October is open
HEAD = ScriptDirectory(str(db.MIGRATIONS_DIR)).get_current_head()


@pytest.fixture(scope="module")
def seeded(tmp_path_factory) -> Path:
    """An SQLite file holding the demo mine, made once; each test works on a copy of its own."""
    path = tmp_path_factory.mktemp("seeded") / "mine.db"
    engine = db.get_engine(f"sqlite:///{path}")
    db.upgrade(engine)
    with Session(engine) as session:
        seed_mine(session=session, calendar=AS_WRITTEN)
        session.commit()
    engine.dispose()
    return path


@pytest.fixture
def live(seeded, tmp_path) -> Engine:
    """The demo mine in a database file of the test's own: the "live" database that is backed up."""
    path = tmp_path / "live.db"
    with closing(sqlite3.connect(seeded)) as source, closing(sqlite3.connect(path)) as target:
        source.backup(target)
    engine = db.get_engine(f"sqlite:///{path}")
    yield engine
    engine.dispose()


def october_report(engine: Engine) -> str:
    with Session(engine) as session:
        report = reports.monthly_report(session=session, actor=actor(session, "leader"), month=LAST_MONTH)
    return json.dumps(report, ensure_ascii=False, indent=2)


def spend(engine: Engine, amount: str) -> None:
    """An administrator enters an October expense for the open branch."""
    item = ExpenseIn.model_validate(
        {
            "spent_on": "2026-10-20",
            "branch": OPEN_BRANCH,
            "category": "学习教育",
            "amount": amount,
            "purpose": "购买学习资料",
        },
        context={"today": date(2026, 11, 1)},
    )
    with db.write_scope(engine) as session:
        entry.save_expense(session=session, actor=actor(session, "admin"), item=item)


def count(path: Path, table: str) -> int:
    with closing(sqlite3.connect(path)) as connection:
        return connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


@pytest.mark.slow
def test_restore_brings_back_the_report_of_before_the_change(live, tmp_path):
    before = october_report(live)
    saved = backup.copy_database(engine=live, file=tmp_path / "before.db")

    spend(live, "500.00")
    changed = october_report(live)
    spent = [Decimal(json.loads(report)["budget"]["spent_ytd"]) for report in (before, changed)]
    assert spent[1] - spent[0] == Decimal("500.00")
    assert json.loads(changed)["submissions"]["by_branch"][OPEN_BRANCH] == "草稿"

    restored = backup.restore(engine=live, file=tmp_path / "before.db")

    assert october_report(live) == before
    assert restored.row_counts == saved.row_counts
    assert (restored.revision, restored.upgraded_to) == (HEAD, None)


def test_after_a_restore_the_data_version_is_one_no_process_has_cached_figures_under(live, tmp_path):
    """Backup at version v, one write (v + 1, which every app process may have cached under), restore:
    the copied-in number is v again, so restore moves it to v + 2 and every cache key changes."""
    with Session(live) as session:
        at_backup = version.data_version(session=session)
    backup.copy_database(engine=live, file=tmp_path / "before.db")
    spend(live, "500.00")
    backup.restore(engine=live, file=tmp_path / "before.db")
    with Session(live) as session:
        assert version.data_version(session=session) == at_backup + 2


def test_the_backup_reports_its_size_revision_and_row_counts(live, tmp_path):
    file = tmp_path / "backup.db"
    live_file = Path(live.url.database)

    saved = backup.copy_database(engine=live, file=file)

    assert saved.size == file.stat().st_size > 0
    assert saved.revision == HEAD
    assert saved.row_counts["经费支出"] == count(live_file, "expense") == count(file, "expense")
    assert saved.row_counts["党员"] == count(live_file, "member")
    assert list(saved.row_counts)[:2] == ["组织", "党员"]


def test_the_backup_is_one_self_contained_file_only_its_owner_reads(live, tmp_path):
    file = tmp_path / "backup.db"
    file.write_text("yesterday's backup")
    file.chmod(0o644)

    backup.copy_database(engine=live, file=file)

    assert sorted(path.name for path in tmp_path.iterdir() if not path.name.startswith("live.db")) == [
        "backup.db"
    ]
    assert stat.S_IMODE(file.stat().st_mode) == 0o600
    with closing(sqlite3.connect(file)) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "delete"


def test_a_backup_taken_while_others_read_and_write_holds_the_committed_data(live, tmp_path):
    live_file = Path(live.url.database)
    expenses = count(live_file, "expense")
    october = count(live_file, "expense WHERE month = '2026-10'")
    with (
        closing(sqlite3.connect(live_file, isolation_level=None)) as reader,
        closing(sqlite3.connect(live_file, isolation_level=None)) as writer,
    ):
        reader.execute("BEGIN")
        assert reader.execute("SELECT count(*) FROM expense").fetchone()[0] == expenses
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("DELETE FROM expense WHERE month = '2026-10'")

        saved = backup.copy_database(engine=live, file=tmp_path / "during.db")

        assert reader.execute("SELECT count(*) FROM expense").fetchone()[0] == expenses
        reader.execute("COMMIT")
        writer.execute("COMMIT")
    assert saved.row_counts["经费支出"] == count(tmp_path / "during.db", "expense") == expenses
    assert count(live_file, "expense") == expenses - october > 0


def test_a_backup_restores_onto_a_new_machine_without_a_database(live, tmp_path):
    before = october_report(live)
    backup.copy_database(engine=live, file=tmp_path / "nightly.db")
    fresh = db.get_engine(f"sqlite:///{tmp_path / 'new-server' / 'dashboard.db'}")

    backup.restore(engine=fresh, file=tmp_path / "nightly.db")

    assert october_report(fresh) == before
    fresh.dispose()


def test_a_connection_open_before_the_restore_reads_the_restored_data(live, tmp_path):
    live_file = Path(live.url.database)
    backup.copy_database(engine=live, file=tmp_path / "before.db")
    expenses = count(live_file, "expense")
    with Session(live) as session:
        session.exec(delete(Expense))
        session.commit()

    with closing(sqlite3.connect(live_file)) as open_before:
        assert open_before.execute("SELECT count(*) FROM expense").fetchone()[0] == 0
        backup.restore(engine=live, file=tmp_path / "before.db")
        assert open_before.execute("SELECT count(*) FROM expense").fetchone()[0] == expenses


def _text_file(path: Path) -> Path:
    path.write_text("组织,党员\n综采一队党支部,40\n", encoding="utf-8")
    return path


def _foreign_sqlite(path: Path) -> Path:
    with closing(sqlite3.connect(path)) as connection:
        connection.execute("CREATE TABLE expense (id INTEGER PRIMARY KEY, amount NUMERIC)")
        connection.commit()
    return path


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (_text_file, "不是本系统的备份文件：“{file}”不是 SQLite 数据库"),
        (_foreign_sqlite, "不是本系统的备份文件：“{file}”中没有本系统的数据表（alembic_version）"),
    ],
    ids=["text file", "sqlite without our tables"],
)
def test_restore_refuses_a_file_that_is_not_ours_and_changes_nothing(live, tmp_path, make, message):
    before = october_report(live)
    live_file = Path(live.url.database)
    expenses = count(live_file, "expense")
    file = make(tmp_path / "other.db")

    with pytest.raises(Refused) as refusal:
        backup.restore(engine=live, file=file)

    assert (refusal.value.field, refusal.value.message) == ("FILE", message.format(file=file))
    assert october_report(live) == before
    assert count(live_file, "expense") == expenses


def test_restore_refuses_a_backup_made_by_a_newer_version(live, tmp_path):
    file = tmp_path / "newer.db"
    backup.copy_database(engine=live, file=file)
    with closing(sqlite3.connect(file)) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999_future'")
        connection.commit()
    spend(live, "300.00")
    after_spending = october_report(live)

    with pytest.raises(Refused) as refusal:
        backup.restore(engine=live, file=file)

    assert refusal.value.message == (
        "备份文件的数据库版本“9999_future”不是本程序已知的版本：它可能来自更新的程序，请先升级程序再恢复"
    )
    assert october_report(live) == after_spending


def test_restoring_a_backup_of_the_first_revision_migrates_it_to_head(live, tmp_path):
    first = ScriptDirectory(str(db.MIGRATIONS_DIR)).get_base()
    old = db.get_engine(f"sqlite:///{tmp_path / 'old.db'}")
    command.upgrade(db._alembic_config(old), first)
    saved = backup.copy_database(engine=old, file=tmp_path / "old-backup.db")
    old.dispose()

    restored = backup.restore(engine=live, file=tmp_path / "old-backup.db")

    assert (saved.revision, restored.revision) == (first, first)
    assert restored.upgraded_to == (None if first == HEAD else HEAD)
    with closing(sqlite3.connect(live.url.database)) as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchall() == [(HEAD,)]
    assert restored.row_counts["经费支出"] == restored.row_counts["党员"] == 0


def test_the_command_line_backs_up_and_restores(live, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", live.url.render_as_string(hide_password=False))
    file = tmp_path / "nightly.db"
    expenses = count(Path(live.url.database), "expense")
    before = october_report(live)

    assert cli.main(["backup", str(file)]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert printed[0] == f"已备份到 {file}"
    assert f"（{file.stat().st_size:,} 字节），数据库版本 {HEAD}" in printed[1]
    assert f"  经费支出 {expenses:>8,} 行" in printed

    spend(live, "800.00")
    assert october_report(live) != before

    assert cli.main(["restore", str(file)]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert printed[0] == f"已从 {file} 恢复到数据库文件 {live.url.database}"
    assert f"  经费支出 {expenses:>8,} 行" in printed
    assert october_report(live) == before


def test_the_command_line_prints_a_refused_restore_in_chinese(live, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", live.url.render_as_string(hide_password=False))
    file = _text_file(tmp_path / "notes.csv")

    assert cli.main(["restore", str(file)]) == 1
    assert (
        capsys.readouterr().err.strip() == f"错误：“FILE”：不是本系统的备份文件：“{file}”不是 SQLite 数据库"
    )


def test_for_postgresql_the_commands_print_pg_dump_and_pg_restore_and_do_nothing(
    tmp_path, monkeypatch, capsys
):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://dash:s3cret@127.0.0.1:5999/party")

    assert cli.main(["backup", "party.dump"]) == cli.POSTGRES_TOOLS_EXIT != 0
    dumped = capsys.readouterr().out
    assert cli.main(["restore", "party.dump"]) == cli.POSTGRES_TOOLS_EXIT
    restored = capsys.readouterr().out

    uri = "--dbname=postgresql://dash@127.0.0.1:5999/party"
    assert f"  pg_dump --format=custom --file=party.dump {uri}\n" in dumped
    assert f"  pg_restore --clean --if-exists --no-owner --single-transaction {uri} party.dump\n" in restored
    assert "s3cret" not in dumped + restored
    assert "PGPASSWORD" in dumped
    assert list(tmp_path.iterdir()) == []


@pytest.mark.postgres
@pytest.mark.skipif(shutil.which("pg_dump") is None, reason="pg_dump / pg_restore are not installed")
def test_the_printed_postgresql_commands_back_up_and_restore(tmp_path_factory, tmp_path, monkeypatch, capsys):
    engine, drop = new_database("postgresql", tmp_path_factory)
    try:
        with Session(engine) as session:
            seed_mine(session=session, calendar=AS_WRITTEN)
            session.commit()
        before = october_report(engine)
        monkeypatch.setenv("DATABASE_URL", engine.url.render_as_string(hide_password=False))
        file = str(tmp_path / "mine.dump")

        cli.main(["backup", file])
        subprocess.run(shlex.split(capsys.readouterr().out.splitlines()[1]), check=True)
        spend(engine, "500.00")
        assert october_report(engine) != before
        engine.dispose()
        cli.main(["restore", file])
        subprocess.run(shlex.split(capsys.readouterr().out.splitlines()[1]), check=True)

        assert october_report(engine) == before
    finally:
        drop()


def test_a_running_dashboard_shows_the_restored_figures_on_its_next_read(live, tmp_path):
    """The dashboard remembers the October report (a Memo, as ui/data.py does); ``restore`` runs in another
    process (an engine of its own on the same file). The next read gives the report of the backup."""
    memo = Memo()

    def remembered_report() -> str:
        with Session(live) as session:
            report = memo.read(
                reports.monthly_report, session=session, actor=actor(session, "leader"), month=LAST_MONTH
            )
        return json.dumps(report, ensure_ascii=False, indent=2)

    before = remembered_report()
    backup.copy_database(engine=live, file=tmp_path / "before.db")
    spend(live, "500.00")
    changed = remembered_report()
    assert changed != before
    assert remembered_report() == changed  # remembered while nothing changes

    command_line = create_engine(live.url)  # the restore command's own process and engine
    event.listen(command_line, "connect", db._sqlite_pragmas)
    backup.restore(engine=command_line, file=tmp_path / "before.db")
    command_line.dispose()

    assert remembered_report() == before
