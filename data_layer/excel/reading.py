"""Reading an uploaded workbook: streaming, once, within limits.

A small .xlsx can expand enormously (0.26 MB holding a million rows, 1.26 MB holding 370 MB of XML).
So the workbook is never loaded whole: the zip directory's uncompressed sizes are checked first, then
every sheet is parsed as a stream (openpyxl's read-only parser), keeping only the first
``HEADER_COLUMNS`` columns (the layout looks for a header there; no other column is read) of the rows that hold something, and a sheet stops being read at
``MAX_ROWS`` data rows. What is kept (a ``Book``) is what the preview plans and the import checks: the
file is parsed once per upload.

Each cell is read as the value Excel saved. A formula with no saved value and an error value (#N/A)
are kept as ``Formula`` and ``ErrorValue``, so the import can say what is wrong with them.

openpyxl's read-only worksheet cannot say which cells are merged, nor give a formula and its saved
value together; its worksheet parser (``openpyxl.worksheet._reader.WorkSheetParser``, the one the
read-only worksheet uses) can. That private class is used here only; an openpyxl upgrade that changes it
breaks here and in tests/data_layer/test_excel_reading.py.
"""

import codecs
import warnings
from dataclasses import dataclass, field
from io import BytesIO
from typing import Any
from zipfile import BadZipFile, ZipFile

from openpyxl import load_workbook
from openpyxl.worksheet._reader import FORMULA_TAG, VALUE_TAG, WorkSheetParser
from openpyxl.worksheet.cell_range import CellRange

from data_layer.errors import Refused

NOT_A_WORKBOOK = "文件不是有效的 Excel 工作簿（.xlsx）：请在 Excel 或 WPS 中打开它，“另存为” Excel 工作簿（.xlsx）后重新导入"
TEXT_FILE = (
    "文件是文本文件（如 .csv），不是 Excel 工作簿：请在 Excel 或 WPS 中打开它，"
    "“另存为” Excel 工作簿（.xlsx）后重新导入"
)
EMPTY_FILE = "文件是空的（0 字节），请选择填好的 Excel 工作簿（.xlsx）"
OLD_FORMAT = (
    "文件是旧版 Excel 97-2003 格式（.xls）或设置了打开密码：请在 Excel 中取消密码，"
    "“另存为” Excel 工作簿（.xlsx）后重新导入"
)
TOO_LARGE = (
    "工作簿解压后有 {size:,.1f} MB，一次最多导入 {limit:,} MB：请删除多余的工作表、行和格式，或分成几个文件"
)
TOO_MANY_ROWS = (
    "工作表超过 {limit:,} 行：一次最多导入 {limit:,} 行，请删除多余的行（含只有格式的行）或分成几个文件"
)
TOO_MANY_MERGED = "工作表中合并的单元格太多：请取消合并后在每一行分别填写"
TOO_MANY_SHEETS = "工作簿有 {sheets:,} 个工作表，一次最多导入 {limit:,} 个：请删除多余的工作表或分成几个文件"

HEADER_COLUMNS = 50  # columns kept of each row
MAX_ROWS = 100_000  # data rows in one sheet; a group's year of 学习情况 fits
MAX_SHEETS = 50
MAX_UNCOMPRESSED = 200 * 1024 * 1024  # bytes of XML (and everything else) the zip expands to
MAX_MERGED_CELLS = 200_000  # cells inside merged ranges, below a sheet's top rows
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # compound file: .xls, and an .xlsx with an open password
_MB = 1024 * 1024


@dataclass(frozen=True)
class Formula:
    """A cell holding a formula whose value Excel did not save."""

    text: str

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class ErrorValue:
    """A cell holding an error value: #N/A, #DIV/0! …"""

    text: str

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class SheetData:
    """One sheet as read: ``max_row`` is its last row (rows of formatting only count, as in Excel);
    ``rows`` the values of the first columns of each row that holds something, by Excel row number;
    ``problem`` says why the sheet was not read to its end (more than ``MAX_ROWS`` data rows), in Chinese."""

    title: str
    max_row: int
    max_column: int
    rows: dict[int, tuple[Any, ...]]
    merged_ranges: tuple[CellRange, ...] = ()
    merged: frozenset[tuple[int, int]] = frozenset()
    problem: str | None = None

    def value(self, row: int, column: int) -> Any:
        """The value at Excel row ``row`` and 1-based ``column`` (None when blank or not kept)."""
        values = self.rows.get(row, ())
        return values[column - 1] if column <= len(values) else None

    def is_merged(self, row: int, column: int) -> bool:
        """Whether the cell lies in a merged range other than at its top left (it reads blank)."""
        return (row, column) in self.merged


@dataclass(frozen=True)
class Book:
    sheets: tuple[SheetData, ...] = field(default_factory=tuple)

    @property
    def worksheets(self) -> tuple[SheetData, ...]:
        return self.sheets

    def __getitem__(self, title: str) -> SheetData:
        for sheet in self.sheets:
            if sheet.title == title:
                return sheet
        raise KeyError(title)


class _Parser(WorkSheetParser):
    """The read-only parser, reading the value Excel saved and noting a formula that has none."""

    def parse_cell(self, element):
        cell = super().parse_cell(element)  # data_only: the saved value
        saved = element.findtext(VALUE_TAG) or element.get("t") == "str"  # "str": the value saved is ""
        if element.find(FORMULA_TAG) is not None and not saved:
            formula = self.parse_formula(element)
            cell["value"] = Formula(str(getattr(formula, "text", formula)))  # an array formula has .text
        elif cell["data_type"] == "e":
            cell["value"] = ErrorValue(str(cell["value"]))
        return cell


def _is_text(data: bytes) -> bool:
    """Whether the file starts as text does (a .csv saved by Excel, WPS or a bank's system)."""
    start = data[:4096]
    if b"\x00" in start:
        return False
    for encoding in ("utf-8", "gb18030"):
        try:  # not final: a character cut at the 4096th byte is still text
            codecs.getincrementaldecoder(encoding)().decode(start, final=False)
            return True
        except UnicodeDecodeError:
            continue
    return False


def _check_size(archive: ZipFile) -> None:
    size = sum(member.file_size for member in archive.infolist())  # as the zip directory states it
    if size > MAX_UNCOMPRESSED:
        raise Refused(TOO_LARGE.format(size=size / _MB, limit=MAX_UNCOMPRESSED // _MB))


def _merged_cells(ranges: tuple[CellRange, ...], last_row: int) -> frozenset[tuple[int, int]] | None:
    """The cells of merged ranges other than their top left, within the kept rows and columns;
    None when there are more than ``MAX_MERGED_CELLS``."""
    cells: set[tuple[int, int]] = set()
    for merged in ranges:
        for row in range(merged.min_row, min(merged.max_row, last_row) + 1):
            for column in range(merged.min_col, min(merged.max_col, HEADER_COLUMNS) + 1):
                if (row, column) != (merged.min_row, merged.min_col):
                    cells.add((row, column))
            if len(cells) > MAX_MERGED_CELLS:
                return None
    return frozenset(cells)


def _read_sheet(book, sheet) -> SheetData:
    rows: dict[int, tuple[Any, ...]] = {}
    max_row = max_column = 0
    too_many = False
    with sheet._get_source() as source:
        parser = _Parser(
            source,
            sheet._shared_strings,
            data_only=True,
            epoch=book.epoch,
            date_formats=book._date_formats,
            timedelta_formats=book._timedelta_formats,
        )
        for number, cells in parser.parse():
            parser.row_dimensions.clear()  # a row's height and style: not needed, and a million of them add up
            if number - 1 > MAX_ROWS:  # the header row and MAX_ROWS data rows are read, no more
                too_many = True
                break
            max_row = number
            values = [None] * HEADER_COLUMNS
            width = 0
            for cell in cells:
                column = cell["column"]
                if column <= HEADER_COLUMNS and cell["value"] is not None:
                    values[column - 1] = cell["value"]
                    width = max(width, column)
            if width:
                rows[number] = tuple(values[:width])
                max_column = max(max_column, width)
    if too_many:
        return SheetData(sheet.title, max_row, max_column, rows, problem=TOO_MANY_ROWS.format(limit=MAX_ROWS))
    ranges = tuple(CellRange(merged.ref) for merged in _merge_list(parser))
    merged = _merged_cells(ranges, max_row)
    if merged is None:
        return SheetData(sheet.title, max_row, max_column, rows, ranges, problem=TOO_MANY_MERGED)
    return SheetData(sheet.title, max_row, max_column, rows, ranges, merged)


def _merge_list(parser: WorkSheetParser) -> list:
    return list(parser.merged_cells.mergeCell) if parser.merged_cells else []


def read_workbook(data: bytes) -> Book:
    """The sheets of ``data`` as read (see the module doc); refused saying why when the file is not an
    .xlsx openpyxl can read, or expands beyond the limits."""
    if not data:
        raise Refused(EMPTY_FILE)
    if data.startswith(_OLE2):
        raise Refused(OLD_FORMAT)
    try:
        with ZipFile(BytesIO(data)) as archive:
            _check_size(archive)
    except BadZipFile:
        raise Refused(TEXT_FILE if _is_text(data) else NOT_A_WORKBOOK) from None
    try:
        with warnings.catch_warnings():  # "no default style", "extension not supported": nothing to act on
            warnings.simplefilter("ignore")
            book = load_workbook(BytesIO(data), read_only=True, data_only=True)
            try:
                if len(book.worksheets) > MAX_SHEETS:
                    raise Refused(TOO_MANY_SHEETS.format(sheets=len(book.worksheets), limit=MAX_SHEETS))
                return Book(tuple(_read_sheet(book, sheet) for sheet in book.worksheets))
            finally:
                book.close()
    except Refused:
        raise
    except Exception:  # openpyxl raises many kinds of errors for what is not an .xlsx file
        raise Refused(NOT_A_WORKBOOK) from None
