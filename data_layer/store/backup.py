"""Backup and restore of the database.

SQLite (the embedded file or a ``sqlite:///`` DATABASE_URL) is copied page by page with SQLite's online
backup API, which reads one consistent snapshot while the dashboard keeps running (WAL mode). A restore
accepts only an SQLite file of this application at a schema revision the code knows, copies it into the
live database the same way and migrates an older revision to head. PostgreSQL is backed up and restored
with its own tools, pg_dump and pg_restore; ``postgres_dump_command`` and ``postgres_restore_command`` write
their command lines for the configured database (docs/operations.md).
"""

import shlex
import sqlite3
import tempfile
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from alembic.script import ScriptDirectory
from sqlalchemy import URL, Engine, make_url
from sqlalchemy.exc import NoResultFound, OperationalError

from data_layer.errors import Refused
from data_layer.store import db, version

SQLITE_MAGIC = b"SQLite format 3\x00"
NOT_OURS = "不是本系统的备份文件"

MAIN_TABLES = {
    "organisation": "组织",
    "member": "党员",
    "app_user": "用户",
    "task": "任务",
    "taskprogress": "任务进度",
    "studyrecord": "学习记录",
    "expense": "经费支出",
    "meeting": "三会一课",
    "submission": "月度填报",
    "auditlog": "修改记录",
}


@dataclass(frozen=True)
class Copy:
    """What a backup or restore copied: the backup file, its size and schema revision, and the rows of
    the main tables (by Chinese label) in the copy made. ``upgraded_to`` is the head revision a restore
    migrated an older backup to."""

    file: Path
    size: int
    revision: str
    row_counts: dict[str, int]
    upgraded_to: str | None = None


def is_postgres(url: str) -> bool:
    return make_url(url).get_backend_name() == "postgresql"


def _libpq_uri(url: str) -> str:
    """The database as a libpq connection URI without the password (pg_dump and pg_restore read it)."""
    given = make_url(url)
    plain = URL.create(
        "postgresql",
        username=given.username,
        host=given.host,
        port=given.port,
        database=given.database,
        query=given.query,
    )
    return plain.render_as_string(hide_password=False)


def postgres_dump_command(*, url: str, file: str) -> str:
    return shlex.join(["pg_dump", "--format=custom", f"--file={file}", f"--dbname={_libpq_uri(url)}"])


def postgres_restore_command(*, url: str, file: str) -> str:
    return shlex.join(
        [
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            f"--dbname={_libpq_uri(url)}",
            file,
        ]
    )


def has_password(url: str) -> bool:
    return make_url(url).password is not None


def _migrations() -> ScriptDirectory:
    return ScriptDirectory(str(db.MIGRATIONS_DIR))


def _sqlite_path(engine: Engine) -> Path:
    """The live SQLite database file."""
    if engine.dialect.name != "sqlite":
        raise Refused(
            "备份和恢复命令只支持 SQLite 数据库；PostgreSQL 请用 pg_dump / pg_restore", field="DATABASE_URL"
        )
    name = engine.url.database
    if not name or name == ":memory:":
        raise Refused("内存中的 SQLite 数据库无法备份或恢复", field="DATABASE_URL")
    return Path(name).resolve()


def _revision(connection: sqlite3.Connection) -> str | None:
    """The schema revision recorded by Alembic, or None where the database has no alembic_version."""
    try:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError:
        return None
    return row[0] if row else None


def _row_counts(connection: sqlite3.Connection) -> dict[str, int]:
    present = {name for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    return {
        label: connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
        for table, label in MAIN_TABLES.items()
        if table in present
    }


def copy_database(*, engine: Engine, file: Path) -> Copy:
    """Copy the live SQLite database into ``file`` (replaced whole once the copy is complete).

    The copy is one consistent snapshot even while the dashboard reads and writes; it is written in
    rollback-journal mode so that the backup is a single self-contained file.
    """
    live = _sqlite_path(engine)
    if not live.exists():
        raise Refused(f"找不到数据库文件“{live}”", field="DATABASE_URL")
    target = Path(file).resolve()
    if target == live:
        raise Refused("备份文件不能是正在使用的数据库文件本身", field="FILE")
    if target.is_dir() or not target.parent.is_dir():
        raise Refused(f"无法写入“{file}”：请给出一个已存在目录中的文件名", field="FILE")
    with tempfile.NamedTemporaryFile(dir=target.parent, prefix=f".{target.name}.", delete=False) as partial:
        partial_path = Path(partial.name)
    try:
        with closing(engine.raw_connection()) as raw:
            source = cast(sqlite3.Connection, raw.driver_connection)  # backups are of SQLite only
            revision = _revision(source)
            if revision is None:
                raise Refused("数据库中还没有本系统的数据表，无需备份", field="DATABASE_URL")
            with closing(sqlite3.connect(partial_path)) as copy:
                source.backup(copy)
                copy.execute("PRAGMA journal_mode=DELETE")
                counts = _row_counts(copy)
        partial_path.replace(target)
    finally:
        partial_path.unlink(missing_ok=True)
    return Copy(file=Path(file), size=target.stat().st_size, revision=revision, row_counts=counts)


def _open_backup(file: Path) -> sqlite3.Connection:
    """A read-only connection to a backup file, refused unless it is an SQLite database."""
    if not file.is_file():
        raise Refused(f"找不到文件“{file}”", field="FILE")
    with file.open("rb") as stream:
        if stream.read(len(SQLITE_MAGIC)) != SQLITE_MAGIC:
            raise Refused(f"{NOT_OURS}：“{file}”不是 SQLite 数据库", field="FILE")
    connection = sqlite3.connect(f"{file.resolve().as_uri()}?mode=ro", uri=True)
    try:
        (verdict,) = connection.execute("PRAGMA quick_check").fetchone()
    except sqlite3.DatabaseError as error:
        connection.close()
        raise Refused(f"{NOT_OURS}：“{file}”无法读取（{error}）", field="FILE") from None
    if verdict != "ok":
        connection.close()
        raise Refused(f"备份文件“{file}”已损坏：{verdict}", field="FILE")
    return connection


def _known_revision(file: Path, connection: sqlite3.Connection) -> str:
    revision = _revision(connection)
    if revision is None:
        raise Refused(f"{NOT_OURS}：“{file}”中没有本系统的数据表（alembic_version）", field="FILE")
    if revision not in {script.revision for script in _migrations().walk_revisions()}:
        raise Refused(
            f"备份文件的数据库版本“{revision}”不是本程序已知的版本：它可能来自更新的程序，请先升级程序再恢复",
            field="FILE",
        )
    return revision


def _live_version(engine: Engine) -> int:
    """The data version of the live database before it is replaced (0 when it has none yet)."""
    try:
        with db.session_scope(engine) as session:
            return version.data_version(session=session)
    except (OperationalError, NoResultFound):
        return 0


def restore(*, engine: Engine, file: Path) -> Copy:
    """Replace the live SQLite database with the backup in ``file``, then migrate it to head.

    Refused, with nothing changed, unless ``file`` is an SQLite database of this application whose schema
    revision this code knows (a backup made by a newer version is refused). Connections the engine holds
    are closed afterwards so that the next session reads the restored data.
    """
    file = Path(file)
    live = _sqlite_path(engine)
    if file.resolve() == live:
        raise Refused("不能从正在使用的数据库文件本身恢复", field="FILE")
    seen = _live_version(engine)
    with closing(_open_backup(file)) as source:
        revision = _known_revision(file, source)
        with closing(engine.raw_connection()) as raw:
            source.backup(cast(sqlite3.Connection, raw.driver_connection))
    engine.dispose()
    head = _migrations().get_current_head()
    if revision != head:
        db.upgrade(engine)
    with db.write_scope(engine, figures=False) as session:
        version.move_past(session=session, seen=seen)
    with closing(engine.raw_connection()) as raw:
        counts = _row_counts(cast(sqlite3.Connection, raw.driver_connection))
    return Copy(
        file=file,
        size=file.stat().st_size,
        revision=revision,
        row_counts=counts,
        upgraded_to=head if revision != head else None,
    )
