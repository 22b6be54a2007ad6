"""The hostile corpus (tests/hostile.py) in every name and text of the hand-made fixture, through every page
of every role, meeting mode, the Excel 通报 and the PDF 通报.

On a page: no exception; no Markdown (titles, captions, alerts, labels, st.table cells) holds a text as
something active (markup, a link, an icon: ``hostile.ACTIVE``); and every planted 党支部, member, task and
事由 is shown somewhere whole — in a table as typed, or in Markdown as ``literal`` writes it. In the files:
each is there as typed, formulas as text, every PDF font embedded.
"""

from io import BytesIO

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from data_layer import reports
from data_layer.auth import Role
from data_layer.models import Organisation
from tests.actors import actor
from tests.data_layer.test_pdf_text import plain, unembedded
from tests.handmade import MONTH
from tests.hostile import ACTIVE, plant
from tests.pages.apptest import app_as, charts
from tests.pages.test_rendering_safety import markdown_texts
from ui import navigation, slides
from ui.literal import literal

USERS = {Role.LEADER: "leader", Role.ADMIN: "admin", Role.SECRETARY: "sec_a"}


@pytest.fixture
def planted(writable):
    return plant(writable)


def shown_texts(at) -> tuple[list[str], list[str]]:
    """(Markdown on the page, plain text on the page: table cells and choices)."""
    plain_texts = []
    for frame in [element.value for element in at.dataframe]:
        plain_texts += [str(value) for value in [*frame.columns, *frame.to_numpy().ravel()]]
    for kind in ("selectbox", "multiselect"):
        for element in getattr(at, kind):
            plain_texts += [str(option) for option in element.options]
    return markdown_texts(at), plain_texts


def assert_nothing_active(at, where: str) -> None:
    assert not at.exception, (where, at.exception)
    for shown in markdown_texts(at):
        assert not any(raw in shown for raw in ACTIVE), (where, shown)


@pytest.mark.parametrize("role", [Role.LEADER, Role.ADMIN, Role.SECRETARY])
def test_every_page_shows_the_corpus_as_text(planted, writable, role):
    at = app_as(writable, USERS[role])
    at.selectbox(key="month").set_value(MONTH)
    at.run()
    markdown, plain_texts, charted = [], [], set()
    for page in [name for names in navigation.MENUS[role].values() for name in names if name != "meeting"]:
        at.switch_page(navigation.script(page))
        at.run()
        assert_nothing_active(at, page)
        shown = shown_texts(at)
        markdown += shown[0]
        plain_texts += shown[1]
        for frame in charts(at).values():
            charted |= {value for value in frame.to_numpy().ravel() if isinstance(value, str)}

    # A chart may shorten a long label, but its data (the tooltip) holds the whole name.
    if role == Role.LEADER:
        assert set(planted["branch"]) <= charted

    # The administrator's 基础数据 lists every member and task and 月度填报 every 事由; a leader's pages name
    # every 党支部 (members only when they lag, expenses only in a chosen 党支部's detail); a secretary
    # sees their own 党支部.
    expected = [*planted["branch"]]
    if role == Role.ADMIN:
        expected += planted["member"] + planted["task"] + planted["purpose"]
    if role == Role.SECRETARY:
        expected = [writable.get(Organisation, actor(writable, USERS[role]).branch_id).name]
    missing = [
        value
        for value in expected
        if not any(value in shown for shown in plain_texts)
        and not any(literal(value) in shown for shown in markdown)
    ]
    assert missing == []


def test_meeting_mode_shows_the_corpus_as_text(planted, writable):
    at = app_as(writable, "admin")
    at.selectbox(key="month").set_value(MONTH)
    at.run()
    at.switch_page(navigation.script("meeting"))
    at.run()
    for slide in slides.SLIDES:
        assert_nothing_active(at, slide.subject)
        at.button(key="meeting-next").click()
        at.run()


def test_the_report_files_keep_the_corpus_as_typed(planted, writable):
    report = reports.monthly_report(session=writable, actor=actor(writable, "leader"), month=MONTH)

    book = load_workbook(BytesIO(reports.report_xlsx(report)))
    cells = [cell for page in book for row in page.iter_rows() for cell in row if isinstance(cell.value, str)]
    values = {cell.value for cell in cells}
    for value in planted["branch"]:
        assert value in values, value
    assert {cell.data_type for cell in cells if cell.value.startswith(("=", "+", "-", "@"))} <= {"s"}

    data = reports.report_pdf(report)
    text = plain("".join(page.extract_text() for page in PdfReader(BytesIO(data)).pages))
    for value in planted["branch"]:  # on the title page's narrative and in the laggards table
        assert plain(value) in text, value
    for row in report["study"]["laggards"]:
        assert plain(row["name"]) in text, row["name"]
    assert unembedded(data) == []
