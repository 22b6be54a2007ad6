"""data_layer/display, the one formatting module: its formats, and the screen, narrative, Excel and PDF
writing the same figure the same way (a flat 环比 is 持平 everywhere; 399,800.00 元 is 40.0 万元)."""

import copy
from datetime import UTC, date, datetime
from decimal import Decimal
from io import BytesIO

import pandas as pd
import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from data_layer import display, reports
from data_layer.excel import Sheet, workbook_bytes
from data_layer.reports import narrative, xlsx
from tests.actors import actor
from tests.handmade import MONTH
from ui import format


@pytest.mark.parametrize(
    "value, shown",
    [(0.853, "85.3%"), (2 / 3, "66.7%"), (1.0, "100.0%"), (0.0, "0.0%"), (None, "—"), (float("nan"), "—")],
)
def test_percent(value, shown):
    assert display.percent(value) == shown


@pytest.mark.parametrize(
    "change, shown, words",
    [
        (0.031, "+3.1 个百分点", "提高3.1 个百分点"),
        (-0.2, "-20.0 个百分点", "下降20.0 个百分点"),
        (0.0, "持平", "持平"),
        (0.0004, "持平", "持平"),
        (-0.0004, "持平", "持平"),
        (None, None, None),
        (float("nan"), None, None),
    ],
)
def test_a_change_of_a_rate_is_in_percentage_points_and_flat_is_one_word(change, shown, words):
    assert display.rate_change(change) == shown
    assert display.change_words(change) == words


def test_scores_and_their_changes():
    assert display.score(57.14) == "57.1 分"
    assert display.score(None) == "—"
    assert display.score_change(1.6) == "+1.6 分"
    assert display.score_change(-0.04) == "持平"
    assert display.score_change_words(-0.5) == "下降0.5 分"


def test_rates_per_thousand_and_their_changes():
    assert display.per_thousand(3 / 35 * 1000) == "85.7‰"
    assert display.per_thousand(0.0) == "0.0‰"
    assert display.per_thousand(None) == display.per_thousand(float("nan")) == "—"
    assert display.per_thousand_change(200.0) == "+200.0 个千分点"
    assert display.per_thousand_change(3 / 35 * 1000 - 100) == "-14.3 个千分点"
    assert display.per_thousand_change(0.04) == "持平"
    assert display.per_thousand_change(None) is None


def test_money_counts_and_decimals():
    assert display.money(Decimal("1234567.89")) == "¥1,234,567.89"
    assert display.money("88.00") == "¥88.00"
    assert display.wan_yuan(Decimal("1500000.00")) == "150.0 万元"
    assert display.wan_yuan("399800.00") == "40.0 万元"
    assert display.money(None) == display.wan_yuan(None) == "—"
    assert display.count(1234) == "1,234"
    assert display.decimal(4.5) == "4.50"


def test_months_and_days():
    assert display.month_label("2026-03") == "2026年3月"
    assert display.short_month_label("2026-10") == "10月"
    assert display.date_label(date(2026, 3, 5)) == display.date_label("2026-03-05") == "2026-03-05"


@pytest.mark.parametrize(
    "stored",
    [
        datetime(2026, 12, 6, 21, 43, tzinfo=UTC),  # PostgreSQL gives aware times
        datetime(2026, 12, 6, 21, 43),  # SQLite gives them back naive, in UTC
        "2026-12-06T21:43:00+00:00",  # as the audit log's JSON holds them
    ],
)
def test_a_stored_utc_time_reads_in_beijing_time(stored):
    assert display.time_label(stored) == "2026-12-07 05:43"


def test_the_screen_formats_are_this_module():
    assert (format.percent, format.rate_change, format.wan_yuan) == (
        display.percent,
        display.rate_change,
        display.wan_yuan,
    )


# A month in which every figure stayed where it was, and one idea brought 399,800.00 元.
FLAT = {"value": 0.8, "previous": 0.8, "change": 0.0}
REPORT = {
    "month": "2026-11",
    "org": "某党委",
    "overview": {
        "task_completion": FLAT,
        "study_on_track": FLAT,
        "budget_execution": FLAT,
        "submission": FLAT,
        "time_progress": 0.9167,
    },
    "tasks": {"by_branch": [], "overdue": 0, "overdue_tasks": []},
    "study": {"by_branch": [], "laggards": []},
    "budget": {"by_branch": [], "alerts": [], "time_progress": 0.9167},
    "meetings": {"month_compliance": None, "quarter_compliance": None, "attendance_rate": None},
    "submissions": {"missing": []},
    "ranking": {"red": [], "black": []},
    "ideas": {
        "proposed": 4,
        "adopted": 2,
        "adoption_rate": 0.5,
        "previous": 0.5,
        "change": 0.0,
        "effective": 1,
        "benefit_amount": "399800.00",
    },
}


def test_the_narrative_states_money_as_the_screen_does():
    assert format.wan_yuan(Decimal("399800.00")) == "40.0 万元"
    assert "效益40.0 万元。" in narrative.paragraph(REPORT)
    assert "399800" not in narrative.paragraph(REPORT)


def test_a_flat_change_reads_the_same_on_screen_in_the_narrative_excel_and_pdf(session):
    """The hand-made March report, with 任务完成率 and 金点子采纳率 made flat (80.0% both months)."""
    data = copy.deepcopy(reports.monthly_report(session=session, actor=actor(session, "leader"), month=MONTH))
    data["overview"]["task_completion"] = dict(FLAT)
    data["ideas"] |= {"adoption_rate": 0.8, "previous": 0.8, "change": 0.0}

    assert format.rate_change(0.0) == "持平"  # the screen's 环比 under a figure
    words = narrative.paragraph(data)
    assert "党建任务完成率80.0%，环比持平" in words and "采纳率80.0%，环比持平" in words

    summary = load_workbook(BytesIO(xlsx.report_xlsx(data)))["通报摘要"]
    changes = [
        row[4] for row in summary.iter_rows(min_row=4) if row[1].value in ("任务完成率", "金点子采纳率")
    ]
    assert [cell.value for cell in changes] == [0, 0]
    # the third section of a number format is what Excel shows for zero
    assert {cell.number_format.split(";")[2] for cell in changes} == {'"持平"'}

    pdf = PdfReader(BytesIO(xlsx.report_pdf(data)))
    text = "".join(page.extract_text() for page in pdf.pages).replace(" ", "").replace("\n", "")
    assert "任务完成率80.0%80.0%持平" in text
    assert "金点子采纳率80.0%80.0%持平" in text


def test_excel_writes_a_change_of_a_rate_in_percentage_points():
    frame = pd.DataFrame({"change": [0.031, -0.2, 0.0004, None]})
    sheet = Sheet("环比", frame, {"change": "环比"}, {"change": "points"})
    cells = [row[0] for row in load_workbook(BytesIO(workbook_bytes([sheet])))["环比"].iter_rows(min_row=2)]
    # Excel shows "+3.1 个百分点", "-20.0 个百分点", "持平" and an empty cell
    assert [cell.value for cell in cells] == [3.1, -20.0, 0.0, None]
    assert cells[0].number_format == '+0.0" 个百分点";-0.0" 个百分点";"持平"'
