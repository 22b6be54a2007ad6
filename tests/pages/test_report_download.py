"""月度通报 on 总览: choose a format, build with a progress bar, then a download is offered."""

import pytest

from tests.handmade import MONTH
from tests.pages.apptest import app_as


@pytest.mark.parametrize("kind", ["xlsx", "pdf"])
def test_the_overview_builds_a_report_for_download(session, database_url, kind):
    at = app_as(session, "leader")
    at.selectbox(key="month").set_value(MONTH)
    at.run()
    at.radio(key="report-format").set_value(kind)
    at.button(key="report-build").click()
    at.run(timeout=60)

    assert not at.exception
    built = at.session_state["report-file"]
    assert built[0] == (MONTH, (), kind, False)
    assert built[1][:4] == (b"PK\x03\x04" if kind == "xlsx" else b"%PDF")
