"""Excel workbooks: tables with Chinese headers and number formats, written safely.

Text that begins with = + - @ is stored as text, never as a formula (no formula injection).
"""

from dataclasses import dataclass, field
from decimal import Decimal
from io import BytesIO

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from data_layer import display
from data_layer.display import FLAT, PER_MILLE, POINTS_UNIT

FORMATS = {
    "percent": "0.0%",
    "permille": f'0.0"{PER_MILLE}"',  # a rate already per thousand (三违率 200.0‰)
    "money": "¥#,##0.00",
    "int": "#,##0",
    "decimal": "#,##0.00",
    # a change of a rate (0.031), written in 个百分点 as on screen: +3.1 个百分点, -0.5 个百分点, 持平
    "points": f'+0.0" {POINTS_UNIT}";-0.0" {POINTS_UNIT}";"{FLAT}"',
}
# What a column of a format holds is written as that format counts it (a rate change → 个百分点).
_CONVERT = {"points": display.points}
_FORMULA_STARTS = ("=", "+", "-", "@")
_HEADER_FILL = PatternFill("solid", fgColor="FBF6EC")


@dataclass(frozen=True)
class Sheet:
    """One table: ``columns`` maps frame columns to Chinese headers, in order; ``formats`` by column.

    ``intro`` lines (e.g. a report's narrative) go above the header, each merged across the table.
    """

    name: str
    frame: pd.DataFrame
    columns: dict[str, str]
    formats: dict[str, str] = field(default_factory=dict)
    intro: tuple[str, ...] = ()


def _cell_value(value):
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return None
    if isinstance(value, Decimal):
        return float(value)
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def _keep_text(cell) -> None:
    """Text that Excel would run (it begins with = + - @) is stored as the text it is, never a formula."""
    if isinstance(cell.value, str) and cell.value.startswith(_FORMULA_STARTS):
        cell.data_type = "s"


def workbook_bytes(sheets: list[Sheet]) -> bytes:
    """An .xlsx file with one sheet per table: bold frozen header, widths set, number formats applied."""
    book = Workbook()
    book.remove(book.active)
    for sheet in sheets:
        page = book.create_sheet(title=sheet.name[:31])
        for line in sheet.intro:
            page.append([line])
            row = page.max_row
            _keep_text(page.cell(row, 1))
            page.merge_cells(
                start_row=row, start_column=1, end_row=row, end_column=max(1, len(sheet.columns))
            )
            page.cell(row, 1).alignment = Alignment(wrap_text=True, vertical="top")
            page.row_dimensions[row].height = 15 * (1 + len(line) // 60)
        header = len(sheet.intro) + 1
        page.append(list(sheet.columns.values()))
        for cell in page[header]:
            cell.font = Font(bold=True)
            cell.fill = _HEADER_FILL
            _keep_text(cell)
        converters = [_CONVERT.get(sheet.formats.get(column, ""), _cell_value) for column in sheet.columns]
        for row in sheet.frame[list(sheet.columns)].itertuples(index=False):
            page.append([convert(value) for convert, value in zip(converters, row, strict=True)])
        for index, column in enumerate(sheet.columns, start=1):
            letter = get_column_letter(index)
            number_format = FORMATS.get(sheet.formats.get(column, ""))
            widest = max(
                [len(str(sheet.columns[column]))] + [len(str(v)) for v in sheet.frame[column].head(200)]
            )
            page.column_dimensions[letter].width = min(60, max(8, widest * 1.6 + 2))
            for (cell,) in page.iter_rows(min_row=header + 1, min_col=index, max_col=index):
                if isinstance(cell.value, str):
                    _keep_text(cell)
                elif number_format:
                    cell.number_format = number_format
        page.freeze_panes = f"A{header + 1}"
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()
