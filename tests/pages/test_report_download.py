"""月度通报 on 总览: choose a format, build with a progress bar, then a download is offered."""

import pytest

from data_layer.reports import pdf_text
from tests.handmade import MONTH
from tests.pages.apptest import app_as
from ui.literal import literal


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


def test_without_the_chinese_font_the_pdf_is_refused_in_words(session, database_url, monkeypatch, tmp_path):
    """A server without fonts-wqy-microhei: the leader reads which package is missing, no traceback."""
    monkeypatch.setattr(pdf_text, "FONT_FILES", (tmp_path / "wqy-microhei.ttc",))
    at = app_as(session, "leader")
    at.selectbox(key="month").set_value(MONTH)
    at.run()
    at.radio(key="report-format").set_value("pdf")
    at.button(key="report-build").click()
    at.run(timeout=60)

    assert not at.exception
    assert [box.value for box in at.error] == [literal(pdf_text.MISSING_FONT)]
    assert "report-file" not in at.session_state
