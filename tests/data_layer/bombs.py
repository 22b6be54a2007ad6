"""Workbooks small on disk that expand enormously (issue 23, item 16), made on the spot: for
test_excel_reading.py and benchmarks/import_bombs.py."""

from io import BytesIO
from zipfile import ZIP_DEFLATED, ZipFile

from openpyxl import Workbook

SHEET_XML = "xl/worksheets/sheet1.xml"
_HEAD = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
)
_TAIL = "</sheetData></worksheet>"


def _replaced(sheet_title: str, member: str, chunks) -> bytes:
    """An openpyxl workbook of one sheet, ``member`` of its zip written from ``chunks`` (bytes)."""
    book = Workbook()
    book.active.title = sheet_title
    plain = BytesIO()
    book.save(plain)
    out = BytesIO()
    with ZipFile(BytesIO(plain.getvalue())) as source, ZipFile(out, "w", ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename != member:
                target.writestr(info, source.read(info.filename))
        with target.open(member, "w", force_zip64=True) as stream:
            for chunk in chunks:
                stream.write(chunk)
    return out.getvalue()


def rows_bomb(rows: int = 1_000_000, sheet: str = "学习情况") -> bytes:
    """A header row, then ``rows`` empty rows that carry formatting only (each counts in Excel)."""

    def chunks():
        yield (_HEAD + '<row r="1"><c r="A1" t="inlineStr"><is><t>月份</t></is></c></row>').encode()
        row = b'<row s="1" customFormat="1"/>'  # numbered by its place: the same bytes a million times
        for start in range(0, rows, 10_000):
            yield row * min(10_000, rows - start)
        yield _TAIL.encode()

    return _replaced(sheet, SHEET_XML, chunks())


def xml_bomb(megabytes: int = 370, sheet: str = "学习情况") -> bytes:
    """A sheet whose XML is ``megabytes`` long: one cell of blanks in a comment-free run of spaces."""
    block = b" " * (1024 * 1024)

    def chunks():
        yield _HEAD.encode()
        for _ in range(megabytes):
            yield block
        yield _TAIL.encode()

    return _replaced(sheet, SHEET_XML, chunks())
