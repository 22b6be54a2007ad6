"""Excel templates for the import: one sheet per kind with the Chinese headers, drop-down lists, and an
example row whose cells carry a note explaining each column (the importer skips that row as it is).

A 党支部's 任务进展 and 学习情况 for a month come pre-filled with the keys (and the figures already
saved), so that the secretary only types the numbers; those sheets have no example row and carry the
notes on their headers instead.
"""

from io import BytesIO
from typing import Any

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from data_layer import auth, entry, orgs, parse, schemas
from data_layer.auth import Actor
from data_layer.excel.kinds import BY_SHEET, OPTIONS_SHEET, Kind
from data_layer.lean import dues_entry
from data_layer.models import ExpenseCategory, Organisation
from data_layer.vocab import (
    GoalCategory,
    IdeaStatus,
    MeetingKind,
    MemberCategory,
    OrgKind,
    PairKind,
    PioneerKind,
    TaskMode,
)

AUTHOR = "精益党建看板"
TASK_TITLE = "任务名称"  # the extra, read-only column of a pre-filled 任务进展 sheet
VALIDATED_ROWS = 2000  # drop-downs reach this row (or the last pre-filled row)

_HEADER_FILL = PatternFill("solid", fgColor="FBF6EC")
_KEY_FILL = PatternFill("solid", fgColor="F2F2F2")
_EXAMPLE_FONT = Font(italic=True, color="808080")

_FORMATS = {
    "@": (
        "月份",
        "开始月份",
        "截止月份",
        "结束月份",
        "任务编号",
        "党员编号",
        "责任人党员编号",
        "责任党员编号",
        "凭证号",
    ),
    "yyyy-mm-dd": ("日期", "入党日期"),
    "#,##0.00": ("金额(元)", "预算金额(元)", "上年度职工工资总额(元)"),
}
FORMAT_OF = {title: number_format for number_format, titles in _FORMATS.items() for title in titles}

_BRANCH = "党支部全称，从下拉列表选择"
NOTES = {
    "月份": "月份：2026-03 或 2026年3月（也可写 2026/3、202603）；不能填报未来的月份",
    "任务编号": "任务编号：与任务清单一致，例如 2026-ZC1-01（字母、数字和“-”“_”）",
    "本月完成量": "本月完成量：本月新完成的数量（不是累计），不能为负数，最多两位小数；本月没有进展的任务留空",
    "说明": "说明：选填，最多 500 个字",
    "党员编号": "党员编号：字母和数字，例如 BS0012",
    "姓名": "姓名：最多 50 个字",
    "学习强国积分": "学习强国积分：本月积分，0–10,000 的整数",
    "学习时长(小时)": "学习时长（小时）：本月学习时长，0–300，最多两位小数，例如 4.5",
    "集中学习次数": "集中学习次数：本月参加集中学习的次数，0–100 的整数",
    "日期": "日期：2026-03-05 或 2026年3月5日；不能晚于今天",
    "党支部": f"党支部：{_BRANCH}",
    "支出类别": "支出类别：从下拉列表选择",
    "金额(元)": "金额（元）：大于 0，最多两位小数，例如 1234.50；超出预算余额时须勾选“确认超预算支出”",
    "事由": "事由：最多 200 个字",
    "凭证号": "凭证号：选填；同一党支部的同一凭证号再次导入时修改原记录（不填则每次导入都新增一笔）",
    "会议类型": f"会议类型：{'、'.join(MeetingKind)}（下拉选择）",
    "应到人数": "应到人数：1–10,000 的整数",
    "实到人数": "实到人数：整数，不能多于应到人数",
    "主题": "主题：最多 200 个字",
    "组织名称": "组织名称：全称，最多 100 个字；已有的组织按名称修改其上级组织和网格",
    "组织类型": f"组织类型：{'、'.join(OrgKind)}（下拉选择）",
    "上级组织": "上级组织：上级组织的全称；党委留空",
    "网格": "网格：选填，例如 井下、地面、机关",
    "所在党支部": f"所在党支部：{_BRANCH}",
    "党小组": "党小组：选填，须属于所在党支部",
    "人员类别": f"人员类别：{'或'.join(MemberCategory)}",
    "入党日期": "入党日期：例如 2010-07-01，不能晚于今天",
    "岗位": "岗位：选填，最多 50 个字",
    "年度": "年度：四位数字，例如 2026",
    "上年度职工工资总额(元)": "上年度职工工资总额（元）：大于 0，最多两位小数；党建经费按其 1% 计提",
    "每月学习时长目标(小时)": "每月学习时长目标（小时）：0–200，最多两位小数",
    "每月学习强国积分目标": "每月学习强国积分目标：0–100,000 的整数",
    "任务名称": "任务名称：最多 200 个字",
    "年度目标": "年度目标：同一年度同名的目标归为一个；新目标按所填目标类别建立",
    "目标类别": f"目标类别：{'、'.join(GoalCategory)}（下拉选择）",
    "责任党支部": f"责任党支部：{_BRANCH}",
    "责任人党员编号": "责任人党员编号：选填，须是责任党支部的在册党员",
    "计量单位": (
        f"计量单位：可从下拉列表选择，也可填写其他单位（最多 {schemas.UNIT_LENGTH} 个字），"
        f"例如 {'、'.join(schemas.UNIT_SUGGESTIONS)}"
    ),
    "目标值": "目标值：大于 0，最多两位小数",
    "权重": "权重：大于 0，最多 100，用于加权计算任务完成率",
    "开始月份": "开始月份：2026-01 或 2026年1月；与截止月份在同一年度",
    "截止月份": "截止月份：不早于开始月份",
    "方式": f"方式：{'或'.join(TaskMode)}",
    "预算金额(元)": "预算金额（元）：不能为负数，最多两位小数",
    "类别名称": "类别名称：最多 20 个字；没有的类别新增，已有的按名称修改排序和状态",
    "原名称": "原名称：选填；填写时把该类别改名为“类别名称”，它以往的预算和支出随之改名",
    "排序": "排序：选填，1–999 的整数，小的排在前面；新增时不填排在最后",
    "状态": f"状态：选填，{'或'.join(schemas.CATEGORY_STATES)}；停用后不能再新增该类别的预算和支出，历史数据保留",
}
SHEET_NOTES = {
    ("学习情况", "姓名"): "姓名：选填；填写时须与党员编号对应的姓名一致",
    ("学习情况", "党员编号"): "党员编号：须是在册党员，例如 BS0012",
    ("任务进展", TASK_TITLE): "任务名称：仅供对照，导入时不读取",
    ("三会一课", "党小组"): "党小组：党小组会填写召开会议的党小组全称（须属于该党支部）；其他会议留空",
    ("三会一课", "主题"): (
        "主题：最多 200 个字；党支部、党小组、会议类型、日期和主题都相同的会议再次导入时修改其人数，"
        "同一天可登记多次会议"
    ),
}
EXAMPLE_NOTE = "（示例行：原样保留时导入会跳过；可直接改成实际数据或删除）"

# Which drop-down list a column uses.
LIST_OF = {
    "党支部": "党支部",
    "所在党支部": "党支部",
    "责任党支部": "党支部",
    "支出类别": "支出类别",
    "组织类型": "组织类型",
    "人员类别": "人员类别",
    "目标类别": "目标类别",
    "计量单位": "计量单位",
    "方式": "方式",
    "会议类型": "会议类型",
    "党小组": "党小组",
    "原名称": "支出类别",
    "状态": "状态",
}
_STRICT_LISTS = {"组织类型", "人员类别", "目标类别", "方式", "会议类型", "状态"}  # others warn
_OPEN_LISTS = {"计量单位"}  # suggestions only: any other value is taken without a word

# --- 金点子 and 帮扶结对 ---
NOTES |= {
    "金点子名称": "金点子名称：最多 100 个字；同一党支部同名的金点子再次导入时修改原记录",
    "提出人党员编号": "提出人党员编号：须是该党支部的在册党员，例如 BS0012",
    "提出人": "提出人：选填；填写时须与党员编号对应的姓名一致",
    "提出日期": "提出日期：例如 2026-03-05，不能晚于今天；所在月份须未锁定",
    "状态日期": "状态日期：状态改变的日期（提出时可留空）；不早于提出日期，所在月份须未锁定",
    "效益(元)": "效益（元）：见效时填写效益（元）或效益说明；其他状态留空",
    "效益说明": "效益说明：最多 200 个字",
    "结对类型": "结对类型：党员结对（填写帮扶人党员编号）或支部结对（帮扶对象填写结对党支部全称）",
    "帮扶人党员编号": "帮扶人党员编号：党员结对填写本党支部党员的编号；支部结对留空",
    "帮扶对象": "帮扶对象：帮扶对象姓名，或支部结对的党支部全称；最多 50 个字",
    "结束月份": "结束月份：选填；结对结束的月份",
    "备注": "备注：选填，最多 200 个字",
    "走访次数": "走访次数：本月走访次数，0–100 的整数；0 表示本月未走访",
    "走访情况": "走访情况：选填，最多 200 个字",
}
SHEET_NOTES |= {
    ("金点子", "状态"): f"状态：{'、'.join(IdeaStatus)}（下拉选择）；只能向前推进，留空为提出",
    ("金点子", "党支部"): f"党支部：{_BRANCH}",
    ("帮扶走访", "帮扶人党员编号"): "帮扶人党员编号：与帮扶结对一致；支部结对留空",
}
SHEET_LISTS = {("金点子", "状态"): "金点子状态", ("帮扶结对", "结对类型"): "结对类型"}
"""Drop-downs of one sheet's column where the column's name means another list elsewhere."""
_STRICT_LISTS |= {"金点子状态", "结对类型"}
# --- end of 金点子 and 帮扶结对 ---

# --- 党费 ---
NOTES |= {
    "月工资收入(元)": "月工资收入（元）：税后月工资收入，不能为负数，最多两位小数；比例和应交金额按保存时的党费比例计算",
    "实缴金额(元)": "实缴金额（元）：本月实际交纳的党费，最多两位小数；未交纳留空",
    "缴纳日期": "缴纳日期：选填，例如 2026-03-10；不早于所交党费的月份，不能晚于今天；填写时实缴金额应大于 0",
}
SHEET_NOTES |= {
    ("党费", "姓名"): "姓名：选填；填写时须与党员编号对应的姓名一致",
    ("党费", "党员编号"): "党员编号：须是在册党员，例如 BS0012",
}
# --- end of 党费 ---

# --- 党建+安全生产 ---
_UNIT = "区队：基础数据中为党支部设置的区队名称（从下拉列表选择），也可填写党支部全称"
_COUNT = "本月{what}，不能为负数的整数；没有时填 0 或留空"
NOTES |= {
    "区队": _UNIT,
    "指标": "指标：该区队本年度的生产指标名称（在基础数据中设置），例如 原煤产量",
    "单位": "单位：选填；填写时须与该指标设置的计量单位一致，例如 t、m、%",
    "计划": "计划：本月计划，不能为负数，最多两位小数",
    "实际": "实际：本月实际完成，不能为负数，最多两位小数",
    "在册人数": "在册人数：区队本月在册职工人数（含党员），大于 0 的整数",
    "隐患发现": "隐患发现：" + _COUNT.format(what="排查发现的隐患条数"),
    "隐患整改": "隐患整改：本月整改的隐患条数，不能多于隐患发现",
    "其中党员发现": "其中党员发现：隐患发现中由党员发现的条数，不能多于隐患发现",
    "党员三违": "党员三违：" + _COUNT.format(what="党员的三违人次"),
    "非党员三违": "非党员三违：" + _COUNT.format(what="非党员职工的三违人次"),
    "伤人事故": "伤人事故：" + _COUNT.format(what="伤人事故起数"),
    "非伤人事故": "非伤人事故：" + _COUNT.format(what="非伤人事故起数"),
    "安全生产天数": "安全生产天数：截至月末连续安全生产的天数，不能为负数的整数",
    "类型": f"类型：{'或'.join(PioneerKind)}（下拉选择）",
    "岗区名称": "岗区名称：先锋岗或责任区的名称，最多 50 个字；同一党支部同名的再次导入时修改原记录",
    "责任党员编号": "责任党员编号：须是该党支部的在册党员，例如 BS0012",
    "无三违": f"无三违：本月该岗区是否无三违，{'或'.join(schemas.YES_NO)}",
    "无事故": f"无事故：本月该岗区是否无事故，{'或'.join(schemas.YES_NO)}",
    "情况说明": "情况说明：选填，最多 200 个字",
}
SHEET_NOTES |= {
    ("先锋岗责任区", "开始月份"): "开始月份：设岗的月份，例如 2026-01；不能晚于本月，所在月份须未锁定",
    ("先锋岗责任区", "结束月份"): "结束月份：选填；撤岗的月份",
}
LIST_OF |= {"区队": "区队", "无三违": "是否", "无事故": "是否"}
SHEET_LISTS |= {("先锋岗责任区", "类型"): "岗区类型"}
_STRICT_LISTS |= {"岗区类型", "是否"}
# --- end of 党建+安全生产 ---


PREFILLED = ("任务进展", "学习情况", "党费")
"""The sheets a 党支部's template for a month comes pre-filled with (its running tasks, its members)."""


def note(sheet: str, title: str) -> str:
    return SHEET_NOTES.get((sheet, title)) or NOTES.get(title, title)


def _options(session: Session, actor: Actor) -> dict[str, list[str]]:
    branches = [
        node.name for node in orgs.visible_nodes(session=session, actor=actor) if node.kind == OrgKind.BRANCH
    ]
    categories = session.exec(
        select(ExpenseCategory.name)
        .where(ExpenseCategory.active)
        .order_by(col(ExpenseCategory.sort_order), ExpenseCategory.name)
    ).all()
    return {
        "党支部": branches,
        "支出类别": list(categories),
        "组织类型": list(OrgKind),
        "人员类别": list(MemberCategory),
        "目标类别": list(GoalCategory),
        "计量单位": list(schemas.UNIT_SUGGESTIONS),
        "方式": list(TaskMode),
        "会议类型": list(MeetingKind),
        "状态": list(schemas.CATEGORY_STATES),
        "金点子状态": list(IdeaStatus),  # 金点子
        "结对类型": list(PairKind),  # 帮扶结对
        "党小组": _groups(session, branches),
        "区队": _units(session, branches),  # 党建+安全生产
        "岗区类型": list(PioneerKind),
        "是否": list(schemas.YES_NO),
    }


def _units(session: Session, branches: list[str]) -> list[str]:
    """The units these 党支部 are attached to, in their order (the 调度 and 安监 workbooks' 区队)."""
    found = dict(
        session.exec(
            select(Organisation.name, Organisation.unit).where(col(Organisation.unit).is_not(None))
        ).all()
    )
    return [unit for name in branches if (unit := found.get(name))]


def _groups(session: Session, branches: list[str]) -> list[str]:
    """The active 党小组 of these 党支部, by 党支部 and in their order (a 党小组会's 党小组)."""
    branch = aliased(Organisation)
    return list(
        session.exec(
            select(Organisation.name)
            .join(branch, col(branch.id) == Organisation.parent_id)
            .where(Organisation.kind == OrgKind.GROUP, Organisation.active, col(branch.name).in_(branches))
            .order_by(col(branch.sort_order), branch.name, col(Organisation.sort_order), Organisation.name)
        ).all()
    )


def _put(cell, value: Any) -> None:
    """A value written as data: text beginning with "=" stays text, never a formula."""
    if parse.blank(value):
        return
    cell.value = value.item() if hasattr(value, "item") else value
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"


def _comment(text: str) -> Comment:
    comment = Comment(text, AUTHOR)
    comment.width, comment.height = 260, 90
    return comment


def _prefilled(
    session: Session, actor: Actor, kind: Kind, month: str, branch_id: int
) -> tuple[list[str], list[list[Any]]]:
    """Headers and rows of a pre-filled 任务进展 / 学习情况 / 党费 sheet."""
    if kind.sheet == "任务进展":
        frame = entry.progress_sheet(session=session, actor=actor, branch_id=branch_id, month=month)
        headers = ["月份", "任务编号", TASK_TITLE, "本月完成量", "说明"]
        columns = ["code", "title", "quantity", "note"]
    elif kind.sheet == "党费":
        frame = dues_entry.dues_sheet(session=session, actor=actor, branch_id=branch_id, month=month)
        headers = list(kind.headers)
        columns = ["member_no", "name", "income", "paid", "paid_on"]
    else:
        frame = entry.study_sheet(session=session, actor=actor, branch_id=branch_id, month=month)
        headers = list(kind.headers)
        columns = ["member_no", "name", "points", "hours", "sessions"]
    rows = [[month, *row] for row in frame[columns].astype(object).itertuples(index=False)]
    return headers, rows


def _sheet(
    book: Workbook,
    kind: Kind,
    headers: list[str],
    rows: list[list[Any]] | None,
    lists: dict[str, str],
) -> None:
    page = book.create_sheet(kind.sheet)
    prefilled = rows is not None
    page.append(headers)
    for index, title in enumerate(headers, start=1):
        letter = get_column_letter(index)
        cell = page.cell(row=1, column=index)
        cell.font, cell.fill = Font(bold=True), _HEADER_FILL
        wide = title in (TASK_TITLE, "年度目标", "说明", "事由", "主题") or title.endswith("(元)")
        page.column_dimensions[letter].width = 30 if wide else max(12, len(title) * 2 + 4)
        if title in FORMAT_OF:
            page.column_dimensions[letter].number_format = FORMAT_OF[title]
        if prefilled:
            cell.comment = _comment(note(kind.sheet, title))
    body = rows if rows is not None else [[kind.example.get(title) for title in headers]]
    for number, values in enumerate(body, start=2):
        for index, (title, value) in enumerate(zip(headers, values, strict=True), start=1):
            cell = page.cell(row=number, column=index)
            _put(cell, value)
            if title in FORMAT_OF:
                cell.number_format = FORMAT_OF[title]
            if prefilled and title in (*kind.headers[:2], TASK_TITLE, "姓名"):
                cell.fill = _KEY_FILL
            if not prefilled:
                cell.font = _EXAMPLE_FONT
                cell.comment = _comment(f"{note(kind.sheet, title)}\n{EXAMPLE_NOTE}")
    last = max(VALIDATED_ROWS, len(body) + 1)
    for index, title in enumerate(headers, start=1):
        listed = SHEET_LISTS.get((kind.sheet, title), LIST_OF.get(title))
        if listed not in lists:
            continue
        strict = listed in _STRICT_LISTS
        validation = DataValidation(
            type="list",
            formula1=lists[listed],
            allow_blank=True,
            showErrorMessage=listed not in _OPEN_LISTS,
            errorStyle="stop" if strict else "warning",
            errorTitle=title,
            error=f"请从下拉列表中选择{title}",
        )
        letter = get_column_letter(index)
        validation.add(f"{letter}2:{letter}{last}")
        page.add_data_validation(validation)
    page.freeze_panes = "A2"


def template_workbook(
    *,
    session: Session,
    actor: Actor,
    kinds: list[str] | tuple[str, ...],
    month: str | None = None,
    branch_id: int | None = None,
) -> bytes:
    """An .xlsx template with one sheet per kind (in the order asked) and a hidden sheet of lists.

    With ``month`` and ``branch_id``, 任务进展, 学习情况 and 党费 are pre-filled with that 党支部's
    running tasks and members (read within the actor's scope).
    """
    unknown = [name for name in kinds if name not in BY_SHEET]
    if unknown or not kinds:
        raise ValueError(f"unknown import kinds: {unknown or kinds}")
    if any(BY_SHEET[name].admin_only for name in kinds):
        auth.require_admin(session=session, actor=actor)
    book = Workbook()
    book.remove(book.active)
    options = _options(session, actor)
    lists: dict[str, str] = {}
    for column, (name, values) in enumerate(options.items(), start=1):
        if values:
            letter = get_column_letter(column)
            lists[name] = f"'{OPTIONS_SHEET}'!${letter}$2:${letter}${len(values) + 1}"
    for name in kinds:
        kind = BY_SHEET[name]
        rows = None
        headers = list(kind.headers)
        if month and branch_id and name in PREFILLED:
            headers, rows = _prefilled(session, actor, kind, month, branch_id)
        _sheet(book, kind, headers, rows, lists)
    hidden = book.create_sheet(OPTIONS_SHEET)
    for column, (name, values) in enumerate(options.items(), start=1):
        hidden.cell(row=1, column=column, value=name)
        for number, value in enumerate(values, start=2):
            _put(hidden.cell(row=number, column=column), value)
    hidden.sheet_state = "hidden"
    book.active = 0
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()
