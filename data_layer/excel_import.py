"""Excel import: every sheet of a workbook checked row by row, then written all or nothing.

The sheet's name tells what it holds (``excel_kinds.KINDS``, written in that order: parents first); row 1
holds the Chinese headers (``schemas.HEADERS``; extra columns are ignored). Every problem is reported
as a ``Problem`` naming the sheet, the Excel row and the column, in Chinese.

Transaction contract: call ``import_workbook`` inside a transaction of its own (``db.write_scope``).
It never commits and raises nothing for what is wrong with the file. When the result has problems,
or ``dry_run`` is set, it has already rolled the session back (``session.rollback()``), so the caller's
commit writes nothing; otherwise the caller's commit writes every row (``result.written``). Database
failures and bugs propagate as exceptions, and ``write_scope`` rolls back.
"""

import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from io import BytesIO
from typing import Any

import pandas as pd
from openpyxl import load_workbook
from openpyxl.cell.cell import MergedCell
from sqlmodel import Session

from data_layer import parse, schemas, writes
from data_layer.auth import Actor
from data_layer.errors import Refused
from data_layer.excel import Sheet, workbook_bytes
from data_layer.excel_kinds import BY_SHEET, KINDS, OPTIONS_SHEET, Kind, Writer, is_example, normal, plain
from data_layer.vocab import Role

NOT_A_WORKBOOK = "文件不是有效的 Excel 工作簿（.xlsx）"
MERGED = "单元格已合并，请取消合并后在每一行分别填写"
ERROR_VALUE = "单元格是错误值（{value}），请改为数值或文字"
PROGRESS_EVERY = 250  # rows between two progress reports


@dataclass(frozen=True)
class Problem:
    """One thing wrong: where (sheet, Excel row, column; None when not about one) and what, in Chinese."""

    sheet: str | None
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = [self.sheet or "", f"第 {self.row} 行" if self.row else "", self.column or ""]
        place = " ".join(part for part in where if part)
        return f"{place}：{self.message}" if place else self.message


PROBLEM_HEADERS = {"sheet": "工作表", "row": "行", "column": "列", "message": "问题"}


@dataclass
class ImportResult:
    problems: list[Problem] = field(default_factory=list)
    saved: dict[str, writes.Saved] = field(default_factory=dict)
    ignored_sheets: list[str] = field(default_factory=list)
    dry_run: bool = False

    @property
    def written(self) -> bool:
        """True when the caller's commit writes the rows (no problem, not a dry run)."""
        return not self.problems and not self.dry_run

    def problems_frame(self) -> pd.DataFrame:
        frame = pd.DataFrame(
            [(p.sheet, p.row, p.column, p.message) for p in self.problems], columns=list(PROBLEM_HEADERS)
        )
        frame["row"] = frame["row"].astype("Int64")
        return frame

    def problems_workbook(self) -> bytes:
        return workbook_bytes([Sheet("导入问题", self.problems_frame(), PROBLEM_HEADERS, {"row": "int"})])


@dataclass
class _Checked:
    kind: Kind
    title: str
    rows: list[tuple[int, Any]] = field(default_factory=list)


Progress = Callable[[str, int, int], None]
"""``on_progress(stage, done, total)``; stage is "check" (reading and validating) or "write"."""


def _shown(value: Any) -> str:
    return plain(value) if not isinstance(value, str) else value


def _columns(kind: Kind, title: str, header: tuple, problems: list[Problem]) -> dict[int, str] | None:
    """Column index → title from the header row; None (with problems) when a required one is missing."""
    wanted = {normal(name): name for name in kind.headers}
    columns: dict[int, str] = {}
    for index, cell in enumerate(header):
        name = wanted.get(normal(cell.value))
        if name is None:
            continue
        if name in columns.values():
            problems.append(Problem(title, 1, name, f"列“{name}”出现了两次，请只保留一列"))
        else:
            columns[index] = name
    missing = [name for name in schemas.REQUIRED_HEADERS[kind.model] if name not in columns.values()]
    for name in missing:
        problems.append(Problem(title, 1, name, f"缺少“{name}”列：第 1 行应为表头"))
    return None if missing else columns


def _check_sheet(
    kind: Kind, sheet, today: date, problems: list[Problem], tick: Callable[[], None]
) -> _Checked:
    checked = _Checked(kind, sheet.title)
    rows = sheet.iter_rows()
    header = next(rows, ())
    before = len(problems)
    columns = _columns(kind, sheet.title, header, problems)
    if columns is None or len(problems) > before:
        return checked
    skip_unless = set(kind.figures or kind.headers)
    seen: dict[tuple, int] = {}
    for cells in rows:
        tick()
        if not cells:
            continue
        number = cells[0].row
        values: dict[str, Any] = {}
        cell_problems: list[Problem] = []
        for index, name in columns.items():
            cell = cells[index] if index < len(cells) else None
            value = None if cell is None or isinstance(cell, MergedCell) else cell.value
            if isinstance(cell, MergedCell):
                cell_problems.append(Problem(sheet.title, number, name, MERGED))
            elif cell is not None and cell.data_type == "e":
                cell_problems.append(Problem(sheet.title, number, name, ERROR_VALUE.format(value=value)))
                value = None
            values[name] = value
        filled = any(not parse.blank(values[name]) for name in skip_unless if name in values)
        if not filled and not cell_problems:
            continue
        if is_example(kind, values):
            continue
        blamed = {problem.column for problem in cell_problems}
        problems.extend(cell_problems)
        try:
            item = schemas.from_row(kind.model, values, row=number, today=today)
        except Refused:
            found = schemas.problems(kind.model, values, row=number, today=today)
            problems.extend(
                Problem(sheet.title, number, refusal.field, refusal.message)
                for refusal in found
                if refusal.field not in blamed
            )
            continue
        if cell_problems:
            continue
        key = tuple(getattr(item, name) for name in kind.key)
        if None not in key:
            if key in seen:
                titles = [kind.title(name) for name in kind.key]
                same = "、".join(f"{t} {_shown(v)}" for t, v in zip(titles, key, strict=True))
                message = f"与第 {seen[key]} 行重复（{same} 相同），同一内容只能填写一行"
                problems.append(Problem(sheet.title, number, "、".join(titles), message))
                continue
            seen[key] = number
        checked.rows.append((number, item))
    return checked


def _open(data: bytes):
    try:
        with warnings.catch_warnings():  # "no default style", "extension not supported": nothing to act on
            warnings.simplefilter("ignore")
            return load_workbook(BytesIO(data), data_only=True)
    except Exception:  # openpyxl raises many kinds of errors for what is not an .xlsx file
        return None


def import_workbook(
    *,
    session: Session,
    actor: Actor,
    data: bytes,
    dry_run: bool = False,
    confirm_over_allocation: bool = False,
    today: date | None = None,
    on_progress: Progress | None = None,
) -> ImportResult:
    """Check every sheet of ``data`` and, when nothing is wrong, write every row (see the module doc).

    ``today`` bounds "not after today" (default: the real today); ``confirm_over_allocation`` lets
    expenses beyond their allocation through, flagged as in the form.
    """
    today = today or date.today()
    result = ImportResult(dry_run=dry_run)
    book = _open(data)
    if book is None:
        result.problems.append(Problem(None, None, None, NOT_A_WORKBOOK))
        session.rollback()
        return result

    found: dict[str, Any] = {}
    for sheet in book.worksheets:
        kind = BY_SHEET.get(normal(sheet.title))
        if kind is None:
            if normal(sheet.title) != OPTIONS_SHEET:
                result.ignored_sheets.append(sheet.title)
        elif kind.sheet in found:
            message = f"工作簿中有两个“{kind.sheet}”工作表（“{found[kind.sheet].title}”），请合并为一个"
            result.problems.append(Problem(sheet.title, None, None, message))
        else:
            found[kind.sheet] = sheet
    if not found and not result.problems:
        names = "、".join(kind.sheet for kind in KINDS)
        result.problems.append(Problem(None, None, None, f"没有可导入的工作表：工作表名称应为 {names}"))

    total = sum(max(sheet.max_row - 1, 0) for sheet in found.values())
    done = 0

    def tick() -> None:
        nonlocal done
        done += 1
        if on_progress and done % PROGRESS_EVERY == 0:
            on_progress("check", done, total)

    checked: list[_Checked] = []
    for kind in KINDS:
        sheet = found.get(kind.sheet)
        if sheet is None:
            continue
        if kind.admin_only and actor.role != Role.ADMIN:
            message = f"只有管理员可以导入“{kind.sheet}”；请删除该工作表后重新导入"
            result.problems.append(Problem(sheet.title, None, None, message))
            continue
        checked.append(_check_sheet(kind, sheet, today, result.problems, tick))
    if on_progress:
        on_progress("check", total, total)

    if not result.problems:
        _write(Writer(session, actor, today, confirm_over_allocation), checked, result, on_progress)
    if result.problems:
        result.saved = {}
    if not result.written:
        session.rollback()
    return result


def _write(
    run: Writer,
    checked: list[_Checked],
    result: ImportResult,
    on_progress: Progress | None,
) -> None:
    total = sum(len(part.rows) for part in checked)
    done = 0
    for part in checked:
        saved = result.saved.setdefault(part.kind.sheet, writes.Saved())
        for number, item in part.rows:
            try:
                outcome, _ = part.kind.save(run, item)
            except Refused as refusal:
                column = part.kind.column_for(refusal.field)
                result.problems.append(Problem(part.title, number, column, refusal.message))
            else:
                saved.add(outcome)
            done += 1
            if on_progress and done % PROGRESS_EVERY == 0:
                on_progress("write", done, total)
    if on_progress:
        on_progress("write", total, total)
