"""A database that is busy, down, full or read-only: each is told apart (store/failure.py), and people can
still log in to read while writing is impossible (auth.log_in takes no write lock)."""

import psycopg
import pytest
from sqlalchemy import create_engine, event, text
from sqlmodel import Session

from data_layer import auth, entry
from data_layer.store import db, failure
from data_layer.store.failure import Kind
from tests.actors import actor
from tests.data_layer.test_data_version import expense
from tests.databases import BACKENDS
from tests.failing import UNREACHABLE, full, read_only, write_lock_held
from tests.handmade import PASSWORD


@pytest.fixture
def engine(fresh_engine):
    return fresh_engine


def error_of(write) -> BaseException:
    with pytest.raises(Exception) as caught:
        write()
    return caught.value


def save_an_expense(engine) -> None:
    with db.write_scope(engine) as session:
        entry.save_expense(session=session, actor=actor(session, "admin"), item=expense())


def log_in(engine, password=PASSWORD) -> str:
    try:
        return auth.log_in(
            engine=engine, username="leader", password=password, client="10.0.0.1", throttle=auth.Throttle()
        ).username
    except Exception as error:
        return str(error)


def test_a_read_only_database_refuses_saves_as_read_only_and_still_lets_people_log_in(engine):
    with read_only(engine) as url:
        reading = db.get_engine(url)
        assert db.read_only(reading)
        assert failure.kind_of(error_of(lambda: save_an_expense(reading))) == Kind.READ_ONLY
        assert log_in(reading) == "leader"
        assert log_in(reading, "wrong-pass") == "用户名或密码错误"
        reading.dispose()
    assert not db.read_only(engine)


def test_a_full_disk_is_told_apart_and_a_login_still_works(engine):
    if engine.dialect.name != "sqlite":
        pytest.skip("a full disk is made on SQLite (max_page_count); PostgreSQL's 53100 is tested below")
    crowded = full(engine)

    def fill() -> None:
        with db.write_scope(crowded) as session:
            session.execute(text("INSERT INTO setting (key, value) VALUES ('x', :v)"), {"v": "x" * 200_000})

    assert failure.kind_of(error_of(fill)) == Kind.FULL
    assert log_in(crowded) == "leader"
    crowded.dispose()


def test_a_busy_database_is_told_apart(engine, monkeypatch):
    monkeypatch.setattr(db, "WRITE_ATTEMPTS", 1)
    if engine.dialect.name == "sqlite":
        monkeypatch.setattr(db, "BUSY_TIMEOUT_MS", 100)
        second = create_engine(engine.url)  # a process of its own, whose writes wait 0.1 s
        event.listen(second, "connect", db._sqlite_pragmas)
    else:
        second = create_engine(engine.url, connect_args={"options": "-c lock_timeout=100"})
    with write_lock_held(engine):
        if engine.dialect.name == "sqlite":
            error = error_of(lambda: save_an_expense(second))
        else:  # the advisory lock waits without end; a row lock taken meanwhile waits lock_timeout

            def row_lock() -> None:
                with Session(second) as session:
                    session.execute(text("LOCK TABLE setting IN EXCLUSIVE MODE"))

            error = error_of(row_lock)
        assert failure.kind_of(error) == Kind.BUSY
        assert log_in(engine) == "leader"  # the login waits for nobody
    second.dispose()


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_postgresql_server_that_is_down_is_told_apart(backend):
    if backend == "sqlite":  # a file that cannot be opened
        down = create_engine("sqlite:////nonexistent-folder/dashboard.db")
    else:
        down = create_engine(UNREACHABLE)
    error = error_of(lambda: down.connect().close())
    assert failure.kind_of(error) == Kind.DOWN


@pytest.mark.parametrize(
    "error, kind",
    [
        (psycopg.errors.DiskFull("could not extend file"), Kind.FULL),
        (psycopg.errors.ReadOnlySqlTransaction("cannot execute INSERT"), Kind.READ_ONLY),
        (psycopg.errors.LockNotAvailable("canceling statement due to lock timeout"), Kind.BUSY),
        (psycopg.errors.AdminShutdown("terminating connection"), Kind.DOWN),
        (psycopg.errors.UniqueViolation("duplicate key"), None),
        (ValueError("not a database error"), None),
    ],
)
def test_postgresql_errors_are_read_by_their_sqlstate(error, kind):
    try:
        raise RuntimeError("wrapped") from error
    except RuntimeError as wrapped:
        assert failure.kind_of(wrapped) == kind
