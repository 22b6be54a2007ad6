"""Reading uploaded workbooks (data_layer/excel/reading.py): streaming, once, within limits (issue 23,
item 16). Pure: no database. Time and memory are measured in benchmarks/import_bombs.py, not here."""

from io import BytesIO

import pytest
from openpyxl import Workbook

from data_layer import excel
from data_layer.errors import Refused
from data_layer.excel.reading import ErrorValue, Formula
from tests.data_layer.bombs import rows_bomb, xml_bomb


def _refusal(data: bytes) -> str:
    with pytest.raises(Refused) as refused:
        excel.read_workbook(data)
    return refused.value.message


def test_a_million_formatted_rows_stop_the_sheet_at_the_limit():
    data = rows_bomb(1_000_000)
    assert len(data) < 300_000  # small on disk

    (sheet,) = excel.read_workbook(data).worksheets

    assert sheet.problem == excel.TOO_MANY_ROWS.format(limit=excel.MAX_ROWS)
    assert sheet.max_row == excel.MAX_ROWS + 1  # read no further than the header and 100,000 rows
    assert sheet.rows == {1: ("月份",)}  # the empty rows keep nothing


def test_a_workbook_expanding_beyond_the_limit_is_refused_before_it_is_parsed():
    data = xml_bomb(excel.MAX_UNCOMPRESSED // (1024 * 1024) + 1)
    assert len(data) < 1_000_000

    assert _refusal(data) == excel.TOO_LARGE.format(size=201.0, limit=200)


def test_too_many_sheets_are_refused():
    book = Workbook()
    for number in range(excel.MAX_SHEETS):
        book.create_sheet(f"表{number}")
    buffer = BytesIO()
    book.save(buffer)

    assert _refusal(buffer.getvalue()) == excel.TOO_MANY_SHEETS.format(sheets=51, limit=50)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("月份,党员编号,学习强国积分\n2026-03,T001,600\n".encode("utf-8-sig"), excel.TEXT_FILE),
        ("月份,党员编号\n2026-03,T001\n".encode("gb18030"), excel.TEXT_FILE),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500), excel.OLD_FORMAT),
        (bytes(range(256)) * 4, excel.NOT_A_WORKBOOK),
        (b"", excel.EMPTY_FILE),
    ],
    ids=["csv (UTF-8)", "csv (GB18030)", "xls", "binary", "empty"],
)
def test_a_file_that_is_not_an_xlsx_says_in_chinese_what_to_do(data, message):
    assert _refusal(data) == message
    assert "另存为" in message or message == excel.EMPTY_FILE


def test_values_formulas_errors_and_merged_cells_as_read():
    book = Workbook()
    sheet = book.active
    sheet.title = "数据"
    sheet.append(["标题", None, "2026-03"])
    sheet.append([1, "=1+1", "#N/A"])
    sheet["C2"].data_type = "e"
    sheet.merge_cells("A1:B1")
    sheet.cell(1, 60).value = "第 60 列"  # beyond the columns kept
    buffer = BytesIO()
    book.save(buffer)

    (read,) = excel.read_workbook(buffer.getvalue()).worksheets

    assert read.value(1, 1) == "标题"
    assert read.value(1, 3) == "2026-03"
    assert read.value(2, 1) == 1
    assert read.value(2, 2) == Formula("=1+1")  # saved by openpyxl without a value
    assert read.value(2, 3) == ErrorValue("#N/A")
    assert read.value(1, 60) is None
    assert (read.is_merged(1, 2), read.is_merged(1, 1)) == (True, False)
    assert (read.max_row, read.max_column) == (2, 3)
