"""Issue 15's acceptance test, on both databases: on an empty database, a workbook written for a mine that is
not the demo (tests/other_mine.py: its own category and unit names, title rows, a two-row header,
near-miss headers, amounts in 元 as text, and a 学习强国 back-end export with no month) imports after one
confirmation — the export's month — and ``report --format json`` for its latest month, 2026-03, equals the
figures worked out by hand in tests/other_mine.py. Neither the seed nor tests/handmade.py is used.

"Today" is 2026-04-15 (the product clock, and the import's ``today``): every date of the workbook is in
2026-01..03.
"""

import json
import subprocess
import sys
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from sqlalchemy import func
from sqlmodel import Session, select

from data_layer import auth, clock, excel, metrics, reports, setup
from data_layer.models import Member, Organisation, StudyRecord, Submission
from data_layer.store import data_version, db
from tests.other_mine import (
    COMMITTEE,
    EXPECTED,
    EXPENSE_ROWS_FROM,
    EXPORT_MONTH,
    EXPORT_ROWS_FROM,
    EXPORT_SHEET,
    MONTH,
    PLAN,
    TODAY,
    other_mine_workbook,
)

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(params=[True, False], ids=["init-db vocabulary", "bare"])
def engine(request, empty_engine, monkeypatch):
    """An empty database, with the default vocabulary (学习教育 … 其他) installed as init-db does, or without
    it: the workbook brings its own categories either way. The product clock reads 2026-04-15."""
    monkeypatch.setenv(clock.VARIABLE, TODAY.isoformat())
    if request.param:
        with db.write_scope(empty_engine) as session:
            setup.install_defaults(session=session)
    return empty_engine


def confirmed_plan(data: bytes) -> excel.ImportPlan:
    """The plan, with the one thing the administrator confirms: the export's month."""
    return excel.plan_workbook(data).with_month(EXPORT_SHEET, EXPORT_MONTH)


def run_import(engine, data: bytes, plan: excel.ImportPlan) -> excel.ImportResult:
    """As the page and the command line do: one write_scope around the import, as the administrator."""
    with db.write_scope(engine) as session:
        return excel.import_workbook(session=session, actor=auth.CLI_ACTOR, data=data, plan=plan, today=TODAY)


def differences(actual: Any, expected: Any, path: str = "") -> list[str]:
    """Where the report differs from the hand-worked figures, one line per value (key path: got, expected)."""
    if isinstance(actual, dict) and isinstance(expected, dict):
        found = []
        for key in [*expected, *(key for key in actual if key not in expected)]:
            if key not in actual:
                found.append(f"{path}/{key}: missing (expected {expected[key]!r})")
            elif key not in expected:
                found.append(f"{path}/{key}: not expected ({actual[key]!r})")
            else:
                found += differences(actual[key], expected[key], f"{path}/{key}")
        return found
    if isinstance(actual, list) and isinstance(expected, list) and len(actual) == len(expected):
        return [
            line
            for i, pair in enumerate(zip(actual, expected, strict=True))
            for line in differences(*pair, f"{path}[{i}]")
        ]
    return [] if actual == expected else [f"{path}: got {actual!r}, expected {expected!r}"]


def of_branch(rows: list[dict], branch: str) -> dict:
    return next(row for row in rows if row["branch"] == branch)


def test_the_plan_reads_every_sheet_and_asks_only_for_the_exports_month():
    data = other_mine_workbook()

    plan = excel.plan_workbook(data)

    sheets = {sheet.title: sheet for sheet in plan.sheets}
    assert list(sheets) == list(PLAN)
    for title, layout in PLAN.items():
        sheet = sheets[title]
        read = (sheet.kind, sheet.header_row, sheet.columns, sheet.rows)
        assert read == (layout.kind, layout.header_row, layout.columns, layout.rows), title
    assert plan.needs_confirmation
    export = sheets[EXPORT_SHEET]
    assert export.month is None  # nothing in the sheet says which month its 本月积分 are for
    assert export.missing == ("月份",)
    assert [title for title, sheet in sheets.items() if sheet.missing] == [EXPORT_SHEET]

    confirmed = {sheet.title: sheet for sheet in plan.with_month(EXPORT_SHEET, EXPORT_MONTH).sheets}

    assert confirmed[EXPORT_SHEET].month == "2026-03"
    assert all(sheet.missing == () for sheet in confirmed.values())
    assert {title: sheet.columns for title, sheet in confirmed.items()} == {
        title: layout.columns for title, layout in PLAN.items()
    }


@pytest.mark.slow
def test_another_mines_workbook_imports_and_its_report_is_the_hand_worked_one(engine):
    data = other_mine_workbook()

    result = run_import(engine, data, confirmed_plan(data))

    assert [str(problem) for problem in result.problems] == []
    assert result.problems == []
    assert result.written
    with Session(engine) as session:
        assert metrics.opening_month(session=session) == MONTH  # the workbook's latest month
        report = reports.monthly_report(session=session, actor=auth.CLI_ACTOR, month=MONTH)
        march = session.exec(
            select(func.count(), func.sum(StudyRecord.hours), func.sum(StudyRecord.sessions)).where(
                StudyRecord.month == EXPORT_MONTH
            )
        ).one()
        chen_in_march = session.exec(
            select(func.count())
            .select_from(StudyRecord)
            .join(Member, Member.id == StudyRecord.member_id)
            .where(Member.member_no == "NS005", StudyRecord.month == EXPORT_MONTH)
        ).one()
        statuses = set(session.exec(select(Submission.status)).all())
    printed = json.loads(json.dumps(report, ensure_ascii=False))  # as `report --format json` prints it

    assert differences(printed, EXPECTED) == []
    assert printed == EXPECTED

    # A few of the hand-worked figures by name (tests/other_mine.py shows the working):
    tasks, study, budget = printed["tasks"], printed["study"], printed["budget"]
    assert printed["org"] == COMMITTEE
    assert of_branch(tasks["by_branch"], "综采队党支部")["completion_rate"] == 0.75  # (2 × 25/40 + 10/10) ÷ 3
    assert of_branch(tasks["by_branch"], "机关党支部")["status_counts"]["滞后"] == 1  # JG-02: 0 vs plan 0.1
    assert tasks["completion_rate"] == 0.4634  # 4.1708 ÷ 9; JG-03 (weight 3) starts in April
    assert [task["code"] for task in tasks["overdue_tasks"]] == ["JD-02"]
    # The export's 本月积分 are March's points; March hours are 0, so only Jan + Feb ≥ 9 h can be on track.
    assert march == (11, 0, 0) and chen_in_march == 0  # 11 rows of the export; 陈立新 is not in it
    assert study["on_track_rate"] == 0.5833  # 7 of 12 (马文涛 counted from his February)
    assert of_branch(study["by_branch"], "综采队党支部")["on_track_rate"] == 0.4  # 王建国, 张海涛 of 5
    assert of_branch(study["by_branch"], "综采队党支部")["avg_points"] == 430.0  # 2,150 ÷ 5 (陈立新 0)
    # The two 李明 are told apart by 所在组织: 550 points in 综采队, 480 in 机关.
    shortfalls = {row["member_no"]: (row["branch"], row["points_short"]) for row in study["laggards"]}
    assert shortfalls["NS004"] == ("综采队党支部", 50) and shortfalls["NS011"] == ("机关党支部", 20)
    assert budget["spent_ytd"] == "7280.40"  # "1,200.00元" + "￥1,800" + "620.40元" + "¥2,000.00" + …
    assert of_branch(budget["by_branch"], "机电队党支部")["status"] == "偏快"  # 3,480 ÷ 8,000 = 43.5 %
    assert [row["category"] for row in budget["by_category"]] == ["学习教育", "党建品牌", "困难党员慰问"]
    assert printed["meetings"]["month_compliance"] == 0.8571  # 6 of 7
    assert printed["meetings"]["quarter_compliance"] == 0.8519  # 23 of 27
    # The import's figures make each 党支部's months 草稿: nothing submitted, so the rate is 0, not "—".
    assert statuses == {"草稿"}
    assert printed["submissions"]["rate"] == 0.0

    # The command line prints the same report.
    url = engine.url.render_as_string(hide_password=False)
    done = subprocess.run(
        [sys.executable, "-m", "data_layer", "report", "--month", MONTH, "--format", "json"],
        cwd=ROOT,
        env={"DATABASE_URL": url, "PATH": "", clock.VARIABLE: TODAY.isoformat()},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == EXPECTED


def with_cell(data: bytes, sheet: str, cell: str, was: Any, value: Any) -> bytes:
    """The workbook with one cell changed (after checking it held ``was``: the row numbers are by hand)."""
    book = load_workbook(BytesIO(data))
    assert book[sheet][cell].value == was
    book[sheet][cell] = value
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


BAD_CELLS = {
    # 综采队's 03-12 expense (the 6th under title, blank row and header): "12,00" is no amount.
    "expense 12,00元": (
        "经费支出台账",
        f"D{EXPENSE_ROWS_FROM + 5}",
        "620.40元",
        "12,00元",
        ("金额(元)", "支出金额（元）"),  # the column by the template's title or as the sheet heads it
        ("应为数字",),
    ),
    # 王建国 (the export's 3rd row) said to be in 机关党支部, which has nobody of that name.
    "member not in 所在组织": (
        EXPORT_SHEET,
        f"B{EXPORT_ROWS_FROM + 2}",
        "南山煤矿党委/综采队党支部",
        "南山煤矿党委/机关党支部",
        ("姓名",),
        ("王建国", "机关党支部"),
    ),
}


@pytest.mark.parametrize(
    ("sheet", "cell", "was", "bad", "columns", "words"), list(BAD_CELLS.values()), ids=list(BAD_CELLS)
)
def test_one_bad_cell_refuses_the_whole_workbook_naming_sheet_row_and_column(
    engine, sheet, cell, was, bad, columns, words
):
    data = with_cell(other_mine_workbook(), sheet, cell, was, bad)
    with Session(engine) as session:
        version_before = data_version(session=session)

    result = run_import(engine, data, confirmed_plan(data))

    assert len(result.problems) == 1, [str(problem) for problem in result.problems]
    problem = result.problems[0]
    assert (problem.sheet, problem.row) == (sheet, int(cell[1:]))
    assert problem.column in columns
    assert all(word in problem.message for word in words), problem.message
    assert not result.written
    with Session(engine) as session:
        assert session.exec(select(func.count()).select_from(Organisation)).one() == 0
        assert session.exec(select(func.count()).select_from(Member)).one() == 0
        assert data_version(session=session) == version_before
