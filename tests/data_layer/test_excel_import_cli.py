"""``python -m data_layer import FILE`` in a new process, against a SQLite database of its own.

The command line uses the real today: the rows are of April 2026, in the past.
"""

import subprocess
import sys
from datetime import date
from io import BytesIO

import pytest
from openpyxl import Workbook
from sqlmodel import Session, select

from data_layer import cli, schemas
from data_layer.excel import BY_SHEET
from data_layer.models import AuditLog, Expense, StudyRecord, TaskProgress

pytestmark = pytest.mark.sqlite_only(
    "the command calls excel.import_file, which test_excel_import.py and test_import_batch.py run on both "
    "databases; the command line's own PostgreSQL connection is tested by test_reports.py's command"
)


@pytest.fixture
def database(fresh_engine) -> str:
    return fresh_engine.url.render_as_string(hide_password=False)


def xlsx(tmp_path, sheets: dict[str, list[list]]):
    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        page = book.create_sheet(name)
        page.append(schemas.HEADERS[BY_SHEET[name].model])
        for row in rows:
            page.append(row)
    buffer = BytesIO()
    book.save(buffer)
    path = tmp_path / "填报.xlsx"
    path.write_bytes(buffer.getvalue())
    return path


GOOD = {
    "任务进展": [["2026-04", "A1", 2, None]],
    "学习情况": [["2026-04", "T001", "张三", 600, 4, 1], ["2026-01", "T001", "张三", 600, 4, 1]],
}


def run(database: str, *args) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "data_layer", "import", *map(str, args)],
        env={"DATABASE_URL": database, "PATH": ""},
        capture_output=True,
        text=True,
        check=False,
    )


def rows(engine, model) -> int:
    with Session(engine) as session:
        return len(session.exec(select(model)).all())


def test_an_import_without_as_acts_as_the_command_line(database, fresh_engine, tmp_path):
    done = run(database, xlsx(tmp_path, GOOD))

    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "任务进展：新增 1 条，修改 0 条，未变 0 条",
        "学习情况：新增 1 条，修改 0 条，未变 1 条",
    ]
    with Session(fresh_engine) as session:
        actors = session.exec(
            select(AuditLog.actor).where(AuditLog.table_name.in_(["taskprogress", "studyrecord"]))
        ).all()
    assert actors == ["命令行", "命令行"]


def test_problems_are_printed_and_nothing_is_written(database, fresh_engine, tmp_path):
    broken = {
        "任务进展": [["2026-04", "A1", 2, None]],
        "学习情况": [["2026-04", "T001", "张三", "很多", 4, 1], ["2026-04", "T002", "张三", 600, 4, 1]],
    }
    before = rows(fresh_engine, StudyRecord), rows(fresh_engine, TaskProgress)

    done = run(database, xlsx(tmp_path, broken), "--as", "sec_a")

    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.splitlines() == [  # both in one pass: a cell, and a name the write checks
        "未导入：发现 2 个问题，没有写入任何数据",
        "学习情况 第 2 行 学习强国积分：应为整数，例如 12",
        "学习情况 第 3 行 姓名：党员编号 T002 对应的是“李四”，与填写的“张三”不一致",
    ]
    assert (rows(fresh_engine, StudyRecord), rows(fresh_engine, TaskProgress)) == before


def test_a_dry_run_as_a_secretary_checks_and_writes_nothing_then_the_import_is_theirs(
    database, fresh_engine, tmp_path
):
    path = xlsx(tmp_path, GOOD)
    before = rows(fresh_engine, TaskProgress)

    trial = run(database, path, "--as", "sec_a", "--dry-run")

    assert trial.returncode == 0, trial.stderr
    assert trial.stdout.splitlines() == [
        "任务进展：新增 1 条，修改 0 条，未变 0 条（试运行，未写入）",
        "学习情况：新增 1 条，修改 0 条，未变 1 条（试运行，未写入）",
    ]
    assert rows(fresh_engine, TaskProgress) == before

    done = run(database, path, "--as", "sec_a")
    assert done.returncode == 0, done.stderr
    with Session(fresh_engine) as session:
        entry = session.exec(select(AuditLog).where(AuditLog.table_name == "taskprogress")).one()
    assert (entry.actor, entry.action) == ("sec_a", "insert")


def test_a_secretary_cannot_import_another_branch_and_the_refusal_names_the_row(database, tmp_path):
    done = run(
        database, xlsx(tmp_path, {"学习情况": [["2026-04", "T005", None, 600, 4, 1]]}), "--as", "sec_a"
    )
    assert done.returncode == 1
    assert "学习情况 第 2 行 党员编号：无权填报或修改掘进一队党支部的数据" in done.stderr.splitlines()


def test_over_budget_needs_the_flag(database, fresh_engine, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", database)
    path = xlsx(
        tmp_path, {"经费支出": [[date(2026, 4, 8), "综采一队党支部", "学习教育", 2500, "购书", "PZ-9"]]}
    )

    assert cli.main(["import", str(path)]) == 1
    printed = capsys.readouterr().err.splitlines()
    assert printed[1].startswith("经费支出 第 2 行 金额(元)：超出“学习教育”剩余预算 ¥2,000.00")
    assert printed[-1] == "如确需超预算支出，请加 --confirm-over-budget 重新导入"

    assert cli.main(["import", str(path), "--confirm-over-budget"]) == 0
    with Session(fresh_engine) as session:
        saved = session.exec(select(Expense).where(Expense.voucher_no == "PZ-9")).one()
    assert saved.over_allocation_confirmed


def test_an_unknown_user_or_file_is_refused(database, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", database)
    path = xlsx(tmp_path, GOOD)
    assert cli.main(["import", str(path), "--as", "nobody"]) == 1
    assert capsys.readouterr().err.strip() == "错误：“--as”：找不到启用中的用户“nobody”"
    missing = tmp_path / "无此文件.xlsx"
    assert cli.main(["import", str(missing)]) == 1
    assert capsys.readouterr().err.strip() == f"错误：“FILE”：无法读取文件“{missing}”"
