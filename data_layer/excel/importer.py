"""Excel import: every sheet of a workbook checked row by row, then written all or nothing.

What each sheet holds and which column is which comes from a plan (``excel_layout``): the template's
sheet names and headers (``schemas.HEADERS``) read as they are, a workbook people made themselves read
by its headers and their usual other names, with the plan shown to the administrator to correct and
confirm before anything is written. Kinds are written in ``excel_kinds.KINDS`` order (parents first);
extra columns are ignored. Every problem is reported as a ``Problem`` naming the sheet, the Excel row
and the column, in Chinese.

Two steps, so that reading a large workbook never holds the database's write lock: ``check_workbook``
reads the file (streaming, within limits: ``reading``) and checks every row, writing nothing, in any
session; ``write_workbook`` writes what it found inside ``db.write_scope``, checking again first if
a table the check read has changed since. ``import_workbook`` does both in one session.

Transaction contract of ``write_workbook`` (and ``import_workbook``): it never commits and raises
nothing for what is wrong with the file. When the result has problems, or ``dry_run`` is set, it has
already rolled the session back (``session.rollback()``), so the caller's commit writes nothing;
otherwise the caller's commit writes every row (``result.written``). Database failures and bugs
propagate as exceptions, and ``write_scope`` rolls back.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pandas as pd
from sqlalchemy import Engine
from sqlmodel import Session

from data_layer import clock, parse, schemas
from data_layer.auth import Actor, check_actor
from data_layer.errors import Refused
from data_layer.excel import layout, reading
from data_layer.excel.kinds import BY_SHEET, KINDS, OPTIONS_SHEET, Kind, Writer, is_example, normal, plain
from data_layer.excel.layout import MONTH, ORGANISATION, ImportPlan, SheetPlan
from data_layer.excel.names import MemberNames
from data_layer.excel.reading import Book, ErrorValue, Formula, SheetData
from data_layer.excel.workbook import Sheet, workbook_bytes
from data_layer.store import db, version, writes
from data_layer.vocab import Role

NO_HEADER = "前 10 行中找不到表头：表头应为 {headers}；请对照模板修改"
MISSING = "缺少“{name}”列：第 {row} 行的表头中没有这一列（可在导入预览中指定哪一列是“{name}”）"
NO_MONTH = "工作表没有“月份”列：请在导入预览中选择这些行的月份（命令行加 --month YYYY-MM）"
MERGED = "单元格已合并，请取消合并后在每一行分别填写"
FORMULA = (
    "单元格是公式（{formula}），文件中没有保存它的计算结果：请在 Excel 中打开并保存后重新导入，或直接填写结果"
)
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


def _columns(plan: SheetPlan, problems: list[Problem]) -> dict[int, str] | None:
    """Column index → title as planned; None (with problems) when the header or a required column is missing."""
    assert plan.kind is not None, "only the sheets of a known kind are checked (_check)"
    kind = BY_SHEET[plan.kind]
    if not plan.columns:  # one problem, not one per column
        problems.append(Problem(plan.title, 1, None, NO_HEADER.format(headers="、".join(kind.headers))))
        return None
    found = len(problems)
    for name in dict.fromkeys(plan.columns.values()):  # each title once, in column order
        same = [i for i, text in plan.headers.items() if normal(text) == normal(name)]
        if len(same) > 1:
            problems.append(Problem(plan.title, plan.header_row, name, f"列“{name}”出现了两次，请只保留一列"))
    for name in plan.missing:
        if name == MONTH and plan.needs_month:
            problems.append(Problem(plan.title, None, MONTH, NO_MONTH))
        else:
            problems.append(
                Problem(plan.title, plan.header_row, name, MISSING.format(name=name, row=plan.header_row))
            )
    return None if len(problems) > found else dict(plan.columns)


def _check_sheet(
    plan: SheetPlan,
    sheet: SheetData,
    today: date,
    problems: list[Problem],
    tick: Callable[[], None],
    names: Callable[[], MemberNames],
    seen: dict[tuple, tuple[str, int]],
) -> _Checked:
    """Every row of one sheet checked.

    ``names`` gives the members found by name, for a 学习情况 sheet with no 党员编号 column; ``seen`` the
    keys of the kind's rows checked so far (sheet, row), in this sheet and the kind's other sheets."""
    assert plan.kind is not None, "only the sheets of a known kind are checked (_check)"
    kind = BY_SHEET[plan.kind]
    checked = _Checked(kind, sheet.title)
    if sheet.problem:
        problems.append(Problem(sheet.title, None, None, sheet.problem))
        return checked
    columns = _columns(plan, problems)
    if columns is None:
        return checked
    complete = _completion(plan, columns, names)
    skip_unless = set(kind.figures or kind.headers)
    for number in range(plan.first_row, sheet.max_row + 1):
        tick()
        values: dict[str, Any] = {}
        cell_problems: list[Problem] = []
        for index, name in columns.items():
            value = sheet.value(number, index + 1)
            if sheet.is_merged(number, index + 1):
                cell_problems.append(Problem(sheet.title, number, name, MERGED))
            elif isinstance(value, ErrorValue):
                cell_problems.append(Problem(sheet.title, number, name, ERROR_VALUE.format(value=value)))
            elif isinstance(value, Formula):  # a formula with no value saved is unknown, not blank
                cell_problems.append(Problem(sheet.title, number, name, FORMULA.format(formula=value)))
            values[name] = None if isinstance(value, ErrorValue | Formula) else value
        filled = any(not parse.blank(values[name]) for name in skip_unless if name in values)
        if not filled and not cell_problems:
            continue
        if is_example(kind, values):
            continue
        blamed = {problem.column for problem in cell_problems}
        problems.extend(cell_problems)
        if complete is not None and not cell_problems:
            try:
                complete(values)
            except Refused as refusal:
                problems.append(Problem(sheet.title, number, refusal.field, refusal.message))
                continue
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
                where, first = seen[key]
                other = "" if where == sheet.title else f"工作表“{where}”"
                message = f"与{other}第 {first} 行重复（{same} 相同），同一内容只能填写一行"
                problems.append(Problem(sheet.title, number, "、".join(titles), message))
                continue
            seen[key] = (sheet.title, number)
        checked.rows.append((number, item))
    return checked


def _completion(
    plan: SheetPlan, columns: dict[int, str], names: Callable[[], MemberNames]
) -> Callable[[dict[str, Any]], None] | None:
    """What a row of this sheet needs filled in before it is checked: the month the preview gave, the
    党员编号 of a member named with 所在组织, the hours and sessions a points-only row keeps."""
    held = set(columns.values())
    by_name = plan.kind == "学习情况" and "党员编号" not in held
    if not (plan.month and MONTH not in held) and not by_name and not plan.points_only:
        return None
    lookup = names() if by_name or plan.points_only else None

    def complete(values: dict[str, Any]) -> None:
        if plan.month and MONTH not in held:
            values[MONTH] = plan.month
        if by_name:
            name = parse.name(values.get("姓名"), field="姓名", max_length=50)
            assert lookup is not None, "looked up for a sheet read by name"
            values["党员编号"] = lookup.member_no(
                name=name, organisation=values.pop(ORGANISATION, None), has_organisation=ORGANISATION in held
            )
        values.pop(ORGANISATION, None)
        if plan.points_only:
            month = parse.month(values.get(MONTH), field=MONTH)
            number = parse.code(values.get("党员编号"), field="党员编号", max_length=30)
            assert lookup is not None, "looked up for a sheet of points only"
            sessions, hours = lookup.kept(member_no=number, month=month)
            values.update({"学习时长(小时)": hours, "集中学习次数": sessions})

    return complete


def plan_workbook(data: bytes | Book) -> ImportPlan:
    """How the import reads ``data`` (excel_layout): shown for the administrator to correct and confirm.
    Refused saying why when the file is not a workbook or is beyond the limits (``reading``)."""
    return layout.plan_book(data if isinstance(data, Book) else reading.read_workbook(data))


@dataclass
class CheckedWorkbook:
    """What ``check_workbook`` found: the rows to write, every problem, and the database it read
    (``read_tables`` at ``versions``), so ``write_workbook`` can tell whether anything changed since."""

    book: Book | None
    plan: ImportPlan | None
    today: date
    problems: list[Problem] = field(default_factory=list)
    ignored_sheets: list[str] = field(default_factory=list)
    parts: list[_Checked] = field(default_factory=list)
    read_tables: frozenset[str] = frozenset()
    versions: dict[str, int] = field(default_factory=dict)


def check_workbook(
    *,
    session: Session,
    actor: Actor,
    data: bytes | Book,
    today: date | None = None,
    on_progress: Progress | None = None,
    plan: ImportPlan | None = None,
) -> CheckedWorkbook:
    """Read and check every sheet of ``data`` (the file, or the ``Book`` the preview read), writing nothing:
    call it outside the write lock, in any session, and hand the result to ``write_workbook``.

    ``today`` bounds "not after today" (default: the product clock's today); ``plan`` is how the sheets
    are read, as the administrator confirmed it (default: ``plan_workbook``'s reading of ``data``).
    """
    today = today or clock.today()
    try:
        check_actor(session=session, actor=actor)
        book = data if isinstance(data, Book) else reading.read_workbook(data)
    except Refused as refusal:  # nobody (still) logged in, or not a workbook
        return CheckedWorkbook(None, None, today, [Problem(None, None, None, refusal.message)])
    version.watch(session.get_bind())
    versions = version.table_versions(session=session)
    with version.recording_reads() as read:
        checked = _check(session, actor, book, plan or layout.plan_book(book), today, on_progress)
    checked.read_tables, checked.versions = frozenset(read), versions
    return checked


def _check(
    session: Session,
    actor: Actor,
    book: Book,
    plan: ImportPlan,
    today: date,
    on_progress: Progress | None,
) -> CheckedWorkbook:
    result = CheckedWorkbook(book, plan, today)
    # A kind may come in several sheets of a workbook people made (a study sheet and the 学习强国 export);
    # two sheets both named as the template names it are one sheet copied by mistake.
    found: dict[str, list[SheetPlan]] = {}
    for sheet in plan.sheets:
        if sheet.kind is None:
            if normal(sheet.title) != OPTIONS_SHEET:
                result.ignored_sheets.append(sheet.title)
            continue
        twin = next((other for other in found.get(sheet.kind, []) if other.exact and sheet.exact), None)
        if twin is not None:
            message = f"工作簿中有两个“{sheet.kind}”工作表（“{twin.title}”），请合并为一个"
            result.problems.append(Problem(sheet.title, None, None, message))
        else:
            found.setdefault(sheet.kind, []).append(sheet)
    if not found and not result.problems:
        sheet_names = "、".join(kind.sheet for kind in KINDS)
        result.problems.append(Problem(None, None, None, f"没有可导入的工作表：工作表名称应为 {sheet_names}"))

    total = sum(sheet.rows for sheets in found.values() for sheet in sheets)
    done = 0

    def tick() -> None:
        nonlocal done
        done += 1
        if on_progress and done % PROGRESS_EVERY == 0:
            on_progress("check", done, total)

    names: list[MemberNames] = []

    def member_names() -> MemberNames:  # built once, when a sheet names members without 党员编号
        if not names:

            def rows_of(kind: str) -> list[Any]:
                return [item for part in result.parts if part.kind.sheet == kind for _, item in part.rows]

            names.append(
                MemberNames(session=session, organisations=rows_of("组织架构"), members=rows_of("党员名册"))
            )
        return names[0]

    for kind in KINDS:
        seen: dict[tuple, tuple[str, int]] = {}
        for sheet_plan in found.get(kind.sheet, []):
            if kind.admin_only and actor.role != Role.ADMIN:
                message = f"只有管理员可以导入“{kind.sheet}”；请删除该工作表后重新导入"
                result.problems.append(Problem(sheet_plan.title, None, None, message))
                continue
            result.parts.append(
                _check_sheet(
                    sheet_plan, book[sheet_plan.title], today, result.problems, tick, member_names, seen
                )
            )
    if on_progress:
        on_progress("check", total, total)
    return result


def write_workbook(
    *,
    session: Session,
    actor: Actor,
    checked: CheckedWorkbook,
    dry_run: bool = False,
    confirm_over_allocation: bool = False,
    on_progress: Progress | None = None,
) -> ImportResult:
    """Write what ``check_workbook`` found, all or nothing (see the module doc): call it inside
    ``db.write_scope``. When a table the check read has changed since (a member added, hours saved),
    the workbook is checked again here, under the lock, so nothing saved in between is overwritten
    with what was read before it.

    Every row that passed the check is written even when others did not, so that what only the write
    finds (an unknown 党支部, a locked month) is reported in the same pass as the rest; then, with any
    problem, everything is rolled back. ``confirm_over_allocation`` lets expenses beyond their
    allocation through, flagged as in the form.
    """
    if checked.book is not None and _changed_since(session, checked):
        assert checked.plan is not None, "a workbook that was read has its plan (check_workbook)"
        checked = _check(session, actor, checked.book, checked.plan, checked.today, on_progress)
    result = ImportResult(
        problems=list(checked.problems), ignored_sheets=list(checked.ignored_sheets), dry_run=dry_run
    )
    if checked.book is not None:
        try:
            check_actor(session=session, actor=actor)  # still logged in, now that the lock is held
        except Refused as refusal:
            result.problems.append(Problem(None, None, None, refusal.message))
        else:
            run = Writer(session, actor, checked.today, confirm_over_allocation, batch=writes.Batch(session))
            _write(run, checked.parts, result, on_progress)
    if result.problems:
        result.saved = {}
    if not result.written:
        session.rollback()
    return result


def _changed_since(session: Session, checked: CheckedWorkbook) -> bool:
    now = version.table_versions(session=session)
    tables = set(now) if version.ALL in checked.read_tables else checked.read_tables - {version.ALL}
    return any(now.get(table) != checked.versions.get(table) for table in tables)


def import_file(
    *,
    engine: Engine,
    actor: Actor,
    data: bytes | Book,
    dry_run: bool = False,
    confirm_over_allocation: bool = False,
    today: date | None = None,
    on_progress: Progress | None = None,
    plan: ImportPlan | None = None,
) -> ImportResult:
    """The page's and the command line's import: ``check_workbook`` in a session of its own, without
    the write lock (reading a large workbook keeps nobody's save or login waiting), then
    ``write_workbook`` in ``db.write_scope``, which commits what it wrote (or nothing)."""
    with db.session_scope(engine) as session:
        checked = check_workbook(
            session=session, actor=actor, data=data, today=today, on_progress=on_progress, plan=plan
        )
    with db.write_scope(engine) as session:
        return write_workbook(
            session=session,
            actor=actor,
            checked=checked,
            dry_run=dry_run,
            confirm_over_allocation=confirm_over_allocation,
            on_progress=on_progress,
        )


def import_workbook(
    *,
    session: Session,
    actor: Actor,
    data: bytes | Book,
    dry_run: bool = False,
    confirm_over_allocation: bool = False,
    today: date | None = None,
    on_progress: Progress | None = None,
    plan: ImportPlan | None = None,
) -> ImportResult:
    """Check and write in one session (``check_workbook`` then ``write_workbook``), for a caller that
    already holds the write lock; the page and the command line use ``import_file``, which checks
    before it takes the lock."""
    checked = check_workbook(
        session=session, actor=actor, data=data, today=today, on_progress=on_progress, plan=plan
    )
    return write_workbook(
        session=session,
        actor=actor,
        checked=checked,
        dry_run=dry_run,
        confirm_over_allocation=confirm_over_allocation,
        on_progress=on_progress,
    )


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
        if part.kind.preload is not None:
            part.kind.preload(run, [item for _, item in part.rows])
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
        assert run.batch is not None, "this Writer was made with a batch"
        run.batch.settle()  # the sheet's last rows and audit rows, before the next sheet reads
    if on_progress:
        on_progress("write", total, total)
