"""How a workbook people already have is laid out: which kind each sheet holds, where its header is,
and which column holds which field. The import's plan, shown to the administrator before anything is
written, who may correct it (``SheetPlan.with_*``) and confirm it.

Real workbooks are not the template: a title row (or two) above the header, header cells merged over two
rows or under a group title, near-miss names (支部名称 for 党支部, 积分 for 学习强国积分), sheets named
"2026年任务清单" or "党员花名册", and the export of the 学习强国 back end (姓名, 所在组织, 总积分,
本月积分: no 党员编号 and no month). Pure: reads a workbook as ``reading`` read it, touches no database.
"""

import re
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from data_layer import parse, schemas
from data_layer.excel.kinds import BY_SHEET, KINDS, OPTIONS_SHEET, Kind, normal
from data_layer.excel.reading import HEADER_COLUMNS, Book

HEADER_ROWS = 10  # a header is looked for in the first rows
MONTH = "月份"
ORGANISATION = "所在组织"
"""A column only the 学习强国 export has: with 姓名, it finds a member when 党员编号 is missing."""
POINTS_ONLY = ("学习时长(小时)", "集中学习次数")
"""A 学习情况 sheet with neither column holds points only: the month's hours and sessions are kept."""

# Other names people give a column, by the template's title. Compared as typed, after normal() and
# without a bracketed unit ("学习时长（h）"); a title is never matched by another title's exact name.
ALIASES: dict[str, tuple[str, ...]] = {
    "组织名称": ("名称", "党组织名称", "党组织", "组织"),
    "组织类型": ("类型", "组织类别", "党组织类型", "层级"),
    "上级组织": ("上级", "上级党组织", "隶属", "所属上级"),
    "网格": ("所属网格", "网格名称"),
    "党员编号": ("编号", "党员号", "工号", "人员编号"),
    "姓名": ("党员姓名", "名字"),
    "所在党支部": ("党支部", "支部", "支部名称", "所在支部", "所属支部", "所属党支部", "党支部名称"),
    "党小组": ("所在党小组", "小组"),
    "人员类别": ("党员类别", "人员类型", "身份", "类别"),
    "入党日期": ("入党时间",),
    "岗位": ("职务", "岗位/职务", "工作岗位"),
    "年度": ("年份",),
    "上年度职工工资总额(元)": ("上年度职工工资总额", "职工工资总额", "工资总额"),
    "每月学习时长目标(小时)": ("每月学习时长目标", "每月学时目标", "学时目标"),
    "每月学习强国积分目标": ("每月积分目标", "积分目标"),
    "任务编号": ("编号", "任务代码"),
    "任务名称": ("任务", "任务内容", "名称"),
    "年度目标": ("目标", "所属目标"),
    "目标类别": ("类别", "目标类型"),
    "责任党支部": ("党支部", "支部", "支部名称", "责任支部", "所在党支部", "所在支部"),
    "责任人党员编号": ("责任人编号", "责任人"),
    "计量单位": ("单位",),
    "目标值": ("目标数", "目标数量", "指标值", "目标任务量"),
    "开始月份": ("开始", "起始月份", "开始时间"),
    "截止月份": ("截止", "结束月份", "完成时限", "截止时间"),
    "方式": ("任务方式", "定制/领办", "认领方式"),
    "党支部": ("支部", "支部名称", "所在支部", "党支部名称", "所属支部", "所在党支部", "责任党支部"),
    "支出类别": ("类别", "经费类别", "支出项目", "科目", "类别名称"),
    "预算金额(元)": ("预算金额", "预算", "金额", "预算数"),
    MONTH: ("月", "填报月份", "统计月份"),
    "本月完成量": ("完成量", "本月完成", "完成数量", "本月完成数", "完成数"),
    "说明": ("备注", "完成情况"),
    "学习强国积分": ("积分", "本月积分", "学习强国"),
    "学习时长(小时)": ("学习时长", "学时", "时长"),
    "集中学习次数": ("集中学习", "学习次数"),
    "日期": ("支出日期", "开会日期", "会议日期", "召开日期", "时间"),
    "金额(元)": ("金额", "支出金额", "发生额"),
    "事由": ("用途", "摘要", "支出事由", "内容"),
    "凭证号": ("凭证编号", "凭证"),
    "会议类型": ("类型", "会议类别", "会议"),
    "应到人数": ("应到",),
    "实到人数": ("实到",),
    "主题": ("会议主题", "内容"),
    "类别名称": ("类别", "名称", "支出类别"),
    ORGANISATION: ("所属组织", "组织", "所在党组织"),
    # --- 党费: the headers of a payroll or dues list ---
    "月工资收入(元)": (
        "月工资收入",
        "税后工资",
        "税后月工资",
        "税后收入",
        "工资收入",
        "应发工资",
        "月工资",
        "工资",
    ),
    "实缴金额(元)": ("实缴金额", "党费", "已交党费", "实缴党费", "实交党费", "缴纳金额", "交纳金额"),
    "缴纳日期": ("交纳日期", "缴费日期", "交费日期"),
    # --- end of 党费 ---
    # --- 党建+安全生产: the 调度 and 安监 workbooks' headers (two-row headers read on their lower row) ---
    "区队": ("单位", "单位名称", "区队名称", "区队/科室", "队组", "科室", "部门", "队别"),
    "指标": ("指标名称", "生产指标", "考核指标"),
    "单位": ("计量单位",),
    "计划": ("计划数", "本月计划", "月计划", "计划量", "计划值"),
    "实际": ("实际完成", "实际数", "本月实际", "完成量", "实际量", "实际值"),
    "在册人数": ("在册职工", "在册职工人数", "职工人数", "在册", "人数"),
    "隐患发现": ("发现", "发现隐患", "隐患排查发现", "排查隐患", "隐患数", "发现数"),
    "隐患整改": ("整改", "已整改", "整改隐患", "隐患整改数", "整改数"),
    "其中党员发现": ("其中：党员发现", "党员发现", "党员发现隐患", "党员排查"),
    "党员三违": ("党员", "三违党员", "党员违章"),
    "非党员三违": ("非党员", "三违非党员", "群众", "其他人员"),
    "伤人事故": ("伤人", "伤人事故起数", "人身伤害事故"),
    "非伤人事故": ("非伤人", "非伤人事故起数", "其他事故"),
    "安全生产天数": ("安全天数", "安全生产天", "连续安全生产天数", "安全生产周期"),
    "岗区名称": ("岗位名称", "责任区名称", "先锋岗名称", "名称"),
    "责任党员编号": ("党员编号", "责任人编号"),
    "无三违": ("是否无三违", "党员身边无三违"),
    "无事故": ("是否无事故", "党员责任区无事故"),
    "情况说明": ("说明", "备注"),
    # --- end of 党建+安全生产 ---
}
# Other names of sheets, by kind; a sheet whose name contains one of them (or the kind's name) is a guess.
SHEET_ALIASES: dict[str, tuple[str, ...]] = {
    "组织架构": ("组织机构", "党组织", "组织"),
    "党员名册": ("花名册", "名册", "党员信息"),
    "年度参数": ("参数",),
    "支出类别": ("类别",),
    "任务清单": ("任务",),
    "经费预算": ("预算",),
    "任务进展": ("进展", "完成情况"),
    "学习情况": ("学习强国", "学习", "积分"),
    "经费支出": ("支出", "台账"),
    "三会一课": ("会议",),
    "党费": ("缴费", "工资"),  # 党费
    "生产月报": ("生产", "调度", "产量"),  # 党建+安全生产
    "安全月报": ("安全", "安监", "三违", "隐患"),
    "先锋岗责任区": ("岗区设置", "设岗"),
    "岗区检查": ("检查", "先锋岗", "责任区"),  # a month's sheet is the usual one
}
_BRACKETED = re.compile(r"\(.*?\)")
_MONTH_IN_TEXT = re.compile(r"(20\d\d)\s*(?:年|-|/|\.)\s*(1[0-2]|0?[1-9])\s*(?:月|\b)")


def bare(text: Any) -> str:
    """A header without spaces, full-width forms or a bracketed unit: "学习时长（h）" → "学习时长"."""
    return _BRACKETED.sub("", normal(text))


@dataclass(frozen=True)
class SheetPlan:
    """How one sheet is read.

    ``kind``: the kind's sheet name, or None (not imported). ``header_row``: the Excel row of the header
    (data starts below it and below any header cell merged over more rows: ``first_row``). ``columns``:
    0-based column index → the template's title. ``headers``: what each column's header says, for the
    preview. ``month``: for a sheet with no 月份 column, the month its rows are for (None: not known yet).
    ``exact``: the sheet's name and every header are the template's, so there is nothing to confirm.
    """

    title: str
    kind: str | None
    header_row: int
    first_row: int
    columns: dict[int, str]
    headers: dict[int, str]
    rows: int
    month: str | None = None
    exact: bool = True

    @property
    def needs_month(self) -> bool:
        return self.kind is not None and _needs_month(BY_SHEET[self.kind], self.columns)

    @property
    def missing(self) -> tuple[str, ...]:
        """The required titles no column holds (the 月份 of a sheet with ``month`` set is held)."""
        if self.kind is None:
            return ()
        return _missing(BY_SHEET[self.kind], self.columns, self.month)

    @property
    def points_only(self) -> bool:
        """A 学习情况 sheet with neither hours nor sessions (the 学习强国 export)."""
        return self.kind == "学习情况" and not set(POINTS_ONLY) & set(self.columns.values())

    def field_options(self) -> list[str]:
        """The titles a column of this sheet may be given (the kind's headers and its extra columns)."""
        return [] if self.kind is None else _titles(BY_SHEET[self.kind])


@dataclass(frozen=True)
class ImportPlan:
    sheets: tuple[SheetPlan, ...]

    @property
    def needs_confirmation(self) -> bool:
        """Whether anything was guessed (a sheet's kind, its header row, a column) or a month is missing."""
        return any(not sheet.exact or sheet.needs_month for sheet in self.imported)

    @property
    def imported(self) -> tuple[SheetPlan, ...]:
        return tuple(sheet for sheet in self.sheets if sheet.kind is not None)

    def sheet(self, title: str) -> SheetPlan:
        for sheet in self.sheets:
            if sheet.title == title:
                return sheet
        raise KeyError(title)

    def _with(self, title: str, **changes: Any) -> "ImportPlan":
        return ImportPlan(
            tuple(replace(s, exact=False, **changes) if s.title == title else s for s in self.sheets)
        )

    def with_month(self, title: str, month: str) -> "ImportPlan":
        """The rows of sheet ``title`` are for ``month`` (YYYY-MM, checked like a cell)."""
        return self._with(title, month=parse.month(month, field=f"“{title}”的月份"))

    def with_kind(self, title: str, kind: str | None) -> "ImportPlan":
        """Sheet ``title`` holds ``kind`` (None: not imported); its header row is read again for it."""
        sheet = self.sheet(title)
        if kind == sheet.kind:
            return self
        columns = _match(BY_SHEET[kind], sheet.headers)[0] if kind is not None else {}
        return self._with(title, kind=kind, columns=columns)

    def with_columns(self, title: str, columns: dict[int, str | None]) -> "ImportPlan":
        """Sheet ``title`` reads column index → title as given (None: the column is not read)."""
        return self._with(title, columns={i: name for i, name in sorted(columns.items()) if name})


def _titles(kind: Kind) -> list[str]:
    extra = [ORGANISATION] if kind.sheet == "学习情况" else []
    return [*kind.headers, *extra]


def _needs_month(kind: Kind, columns: dict[int, str]) -> bool:
    return MONTH in kind.headers and MONTH not in columns.values()


def _missing(kind: Kind, columns: dict[int, str], month: str | None) -> tuple[str, ...]:
    held = set(columns.values()) | ({MONTH} if month else set())
    if kind.sheet == "学习情况":
        if "姓名" in held and "党员编号" not in held:
            held.add("党员编号")  # found by name (within 所在组织)
        if not set(POINTS_ONLY) & held:
            held.update(POINTS_ONLY)  # kept as they are
    return tuple(name for name in schemas.REQUIRED_HEADERS[kind.model] if name not in held)


def _header_text(sheet, row: int, column: int, merged: dict[tuple[int, int], Any]) -> str:
    """A header cell's text; a cell inside a merged range reads the range's (top-left) text."""
    value = merged.get((row, column)) if (row, column) in merged else sheet.value(row, column)
    return "" if parse.blank(value) else str(value)


@cache
def _names(sheet: str) -> tuple[dict[str, str], dict[str, str]]:
    """A kind's titles by their exact name, and by their aliases and bracket-less names (built once)."""
    titles = _titles(BY_SHEET[sheet])
    exact = {normal(title): title for title in titles}
    by_alias: dict[str, str] = {}
    for title in titles:
        for name in (bare(title), *ALIASES.get(title, ())):
            key = bare(name)
            if key not in exact:
                by_alias.setdefault(key, title)
    return exact, by_alias


def _match(kind: Kind, texts: dict[int, str]) -> tuple[dict[int, str], bool]:
    """Column → title for one header row, and whether every match was the template's exact title.

    Exact titles first, then aliases and bracket-less names, left to right; a title is held once.
    """
    exact, by_alias = _names(kind.sheet)
    columns: dict[int, str] = {}
    for index, text in texts.items():
        title = exact.get(normal(text))
        if title is not None and title not in columns.values():
            columns[index] = title
    exactly = True
    for index, text in texts.items():
        if index in columns or not text:
            continue
        title = by_alias.get(bare(text))
        if title is not None and title not in columns.values():
            columns[index] = title
            exactly = False
    return columns, exactly


@dataclass(frozen=True)
class _Reading:
    header_row: int
    first_row: int
    columns: dict[int, str]
    headers: dict[int, str]
    exact: bool
    missing: int

    @property
    def score(self) -> tuple[int, int, bool]:
        return (-self.missing, len(self.columns), self.exact)


def _merged_values(sheet) -> tuple[dict[tuple[int, int], Any], dict[tuple[int, int], int]]:
    """Every cell of a merged range near the top → the text it reads as, and → the range's last row."""
    values: dict[tuple[int, int], Any] = {}
    last: dict[tuple[int, int], int] = {}
    for cells in sheet.merged_ranges:
        if cells.min_row > HEADER_ROWS + 1:
            continue
        text = sheet.value(cells.min_row, cells.min_col)
        for row in range(cells.min_row, min(cells.max_row, HEADER_ROWS + 1) + 1):
            for column in range(cells.min_col, min(cells.max_col, HEADER_COLUMNS) + 1):
                # the range's text heads its first column only: merged across, the others read blank
                values[(row, column)] = text if column == cells.min_col else None
                last[(row, column)] = cells.max_row
    return values, last


def _read(kind: Kind, sheet, merged, last_rows) -> _Reading | None:
    """The best header row for ``kind`` among the first rows (None when no row names any column)."""
    width = min(sheet.max_column or 1, HEADER_COLUMNS)
    best: _Reading | None = None
    for row in range(1, min(sheet.max_row or 1, HEADER_ROWS) + 1):
        texts = {column - 1: _header_text(sheet, row, column, merged) for column in range(1, width + 1)}
        columns, exact = _match(kind, texts)
        if not columns:
            continue
        first = 1 + max([row] + [last_rows.get((row, column + 1), row) for column in columns])
        reading = _Reading(
            header_row=row,
            first_row=first,
            columns=columns,
            headers={index: text for index, text in texts.items() if text},
            exact=exact and row == 1 and not any((row, c + 1) in merged for c in columns),
            missing=len(_missing(kind, columns, "given")),  # a month can be given in the preview
        )
        if best is None or reading.score > best.score:
            best = reading
    return best


def _first_texts(sheet, merged) -> tuple[int, dict[int, str]]:
    """The first of the top rows with two or more texts, and its texts by column (row 1 when none)."""
    width = min(sheet.max_column or 1, HEADER_COLUMNS)
    for row in range(1, min(sheet.max_row or 1, HEADER_ROWS) + 1):
        texts = {c - 1: t for c in range(1, width + 1) if (t := _header_text(sheet, row, c, merged))}
        if len(texts) > 1:
            return row, texts
    return 1, {}


def _name_guess(title: str) -> tuple[Kind | None, bool]:
    """The kind a sheet's name says, and whether it says it exactly."""
    key = normal(title)
    if key in BY_SHEET:
        return BY_SHEET[key], True
    for kind in sorted(KINDS, key=lambda k: -len(k.sheet)):  # 任务进展 before 任务
        if kind.sheet in key:
            return kind, False
    for kind in KINDS:
        if any(alias in key for alias in SHEET_ALIASES.get(kind.sheet, ())):
            return kind, False
    return None, False


def month_in(text: Any) -> str | None:
    """A month a sheet's name or title row states ("2026年3月学习强国积分"), or None."""
    found = _MONTH_IN_TEXT.search(normal(text))
    return f"{found.group(1)}-{int(found.group(2)):02d}" if found else None


def _plan_sheet(sheet) -> SheetPlan:
    rows = max((sheet.max_row or 0) - 1, 0)
    named, exactly = _name_guess(sheet.title)
    if normal(sheet.title) == OPTIONS_SHEET:
        return SheetPlan(sheet.title, None, 1, 2, {}, {}, rows)
    merged, last_rows = _merged_values(sheet)
    # Not imported unless the administrator says what it holds: then its first row of two or more texts
    # is its header.
    header, texts = _first_texts(sheet, merged)
    ignored = SheetPlan(sheet.title, None, header, header + 1, {}, texts, rows, exact=named is None)
    readings = {kind.sheet: _read(kind, sheet, merged, last_rows) for kind in KINDS}
    # By its header: the kinds read with nothing missing, from at least two columns.
    whole = [
        (r.score, kind)
        for kind in KINDS
        if (r := readings[kind.sheet]) is not None and not r.missing and len(r.columns) > 1
    ]
    if named is not None and (exactly or any(kind is named for _, kind in whole)):
        kind, reading = named, readings[named.sheet]
    elif whole:  # the header says more than the name: the kind with the most columns recognised
        kind = max(whole, key=lambda pair: pair[0])[1]
        reading, exactly = readings[kind.sheet], False
    elif named is not None and readings[named.sheet] is not None:  # named so: what is missing is shown
        kind, reading = named, readings[named.sheet]
    else:
        return ignored
    if reading is None:  # named exactly, but no header found: the import says what the header should be
        return SheetPlan(sheet.title, kind.sheet, 1, 2, {}, {}, rows)
    month = None
    if _needs_month(kind, reading.columns):
        above = [sheet.value(row, 1) for row in range(1, reading.header_row)]
        month = next((m for text in (sheet.title, *above) if (m := month_in(text))), None)
    return SheetPlan(
        title=sheet.title,
        kind=kind.sheet,
        header_row=reading.header_row,
        first_row=reading.first_row,
        columns=reading.columns,
        headers=reading.headers,
        rows=max((sheet.max_row or 0) - reading.first_row + 1, 0),
        month=month,
        exact=exactly and reading.exact,
    )


def plan_book(book: Book) -> ImportPlan:
    """What each sheet of ``book`` holds and how it is read (see the module doc)."""
    return ImportPlan(tuple(_plan_sheet(sheet) for sheet in book.worksheets))


def describe(plan: ImportPlan) -> list[str]:
    """The plan in Chinese, a line per sheet and column (the command line's preview)."""
    lines = []
    for sheet in plan.sheets:
        if sheet.kind is None:
            lines.append(f"工作表“{sheet.title}”：不导入")
            continue
        month = f"，月份 {sheet.month}" if sheet.month else ""
        lines.append(f"工作表“{sheet.title}” → {sheet.kind}（表头第 {sheet.header_row} 行{month}）")
        lines.extend(f"  “{sheet.headers[i]}” → {name}" for i, name in sorted(sheet.columns.items()))
        if sheet.missing:
            lines.append(f"  缺少：{'、'.join(sheet.missing)}")
    return lines
