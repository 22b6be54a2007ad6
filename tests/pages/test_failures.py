"""When something fails, people read plain Chinese: an unexpected error gives an error id (its traceback
is in the server log only); a read-only database still lets every role log in and read, says that saving
is unavailable, and refuses a save keeping what was typed; a PostgreSQL server that is down is named
without its host or port."""

import logging
import re

import pytest
from streamlit.testing.v1 import AppTest

from tests.failing import UNREACHABLE, read_only
from tests.handmade import PASSWORD
from tests.pages.apptest import APP, app_as
from tests.pages.test_entry import fill_expense, open_entry
from tests.pages.test_login import log_in
from ui import filters, text

UNAVAILABLE = text.SAVING_UNAVAILABLE


def texts(at: AppTest) -> str:
    """Everything the page says in words."""
    return " ".join(
        str(element.value)
        for kind in ("error", "warning", "markdown", "title")
        for element in getattr(at, kind)
    )


def test_an_unexpected_error_shows_an_error_id_and_logs_the_traceback(
    session, database_url, monkeypatch, caplog
):
    monkeypatch.delenv("DASHBOARD_RAISE_ERRORS", raising=False)

    def broken(*_args, **_kwargs):
        raise RuntimeError("/srv/dashboard/secret_path.py went wrong")

    monkeypatch.setattr(filters, "sidebar_filters", broken)
    with caplog.at_level(logging.ERROR, logger="dashboard.errors"):
        at = app_as(session, "leader")

    assert not at.exception
    [shown] = [error.value for error in at.error]
    number = re.fullmatch(
        r"系统出错了，请稍后再试。如果问题一直存在，请把错误编号 ([0-9a-f]{8}) 告诉管理员。", shown
    )
    assert number, shown
    assert "secret_path" not in texts(at)
    [logged] = [record for record in caplog.records if record.name == "dashboard.errors"]
    assert logged.getMessage() == f"error {number[1]}"
    assert "secret_path" in caplog.text  # the traceback is in the server log


@pytest.mark.parametrize("username", ["leader", "sec_a", "admin"])
def test_on_a_read_only_database_every_role_logs_in_reads_and_is_told_saving_is_unavailable(
    writable, monkeypatch, username
):
    with read_only(writable.get_bind()) as url:
        monkeypatch.setenv("DATABASE_URL", url)
        at = log_in(AppTest.from_file(APP, default_timeout=60).run(), username, PASSWORD)

        assert not at.exception
        assert at.title[0].value.startswith("总览")
        assert [warning.value for warning in at.warning] == [UNAVAILABLE]


def test_on_a_read_only_database_a_save_says_so_and_keeps_what_was_typed(writable, monkeypatch):
    with read_only(writable.get_bind()) as url:
        monkeypatch.setenv("DATABASE_URL", url)
        at = fill_expense(open_entry(writable, "sec_a"), "100")

        assert not at.exception
        [shown] = [error.value for error in at.error]
        assert shown.startswith("数据库当前为只读，暂时无法保存。刚才填写的内容还在，没有保存")
        assert {ti.label: ti.value for ti in at.text_input}["金额(元)"] == "100"


def test_a_postgresql_server_that_is_down_is_named_without_host_or_port(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", UNREACHABLE)
    at = AppTest.from_file(APP, default_timeout=60).run()

    assert not at.exception
    [shown] = [error.value for error in at.error]
    assert shown.startswith("暂时连不上数据库，请稍后刷新页面再试")
    for detail in ("127.0.0.1", "psycopg", "port", "connection"):
        assert detail not in texts(at)
