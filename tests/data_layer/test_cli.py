"""``python -m data_layer``: init-db, create-user and category, against a database of their own."""

import subprocess
import sys

from sqlalchemy import create_engine
from sqlmodel import Session, select

from data_layer import cli
from data_layer.models import AuditLog, ExpenseCategory, Organisation, Submission, User
from data_layer.vocab import SubmissionStatus


def test_init_db_creates_an_empty_schema_in_a_new_process(tmp_path):
    url = f"sqlite:///{tmp_path / 'new.db'}"
    done = subprocess.run(
        [sys.executable, "-m", "data_layer", "init-db"],
        env={"DATABASE_URL": url, "PATH": ""},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "数据库已创建或升级到最新版本" in done.stdout


def test_create_user_makes_a_login_audited_as_the_command_line(fresh_engine, monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", fresh_engine.url.render_as_string(hide_password=False))

    code = cli.main(
        ["create-user", "zhang", "--role", "secretary", "--branch", "机关党支部", "--password", "pass-word-1"]
    )

    assert code == 0
    assert "已创建用户 zhang（secretary）" in capsys.readouterr().out
    with Session(fresh_engine) as session:
        assert session.exec(select(User.display_name).where(User.username == "zhang")).one() == "zhang"
        assert session.exec(select(AuditLog.actor).where(AuditLog.action == "create_user")).one() == "命令行"


def test_create_user_refusal_is_printed_in_chinese_and_writes_nothing(empty_engine, monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", empty_engine.url.render_as_string(hide_password=False))

    code = cli.main(["create-user", "li", "--role", "leader", "--password", "short"])

    assert code == 1
    assert capsys.readouterr().err.strip() == "错误：“密码”：密码至少 8 位"
    with Session(empty_engine) as session:
        assert session.exec(select(User)).all() == []


def test_init_db_sets_up_the_default_categories_of_a_new_database_once(tmp_path):
    url = f"sqlite:///{tmp_path / 'new.db'}"

    def init_db() -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "data_layer", "init-db"],
            env={"DATABASE_URL": url, "PATH": ""},
            capture_output=True,
            text=True,
            check=False,
        )

    first, second = init_db(), init_db()

    assert (first.returncode, second.returncode) == (0, 0), first.stderr + second.stderr
    assert (
        "已设置 7 个默认支出类别（学习教育、组织活动、宣传阵地、帮扶慰问、培训、表彰奖励、其他）"
        in first.stdout
    )
    assert "支出类别" not in second.stdout
    engine = create_engine(url)
    with Session(engine) as session:
        names = session.exec(select(ExpenseCategory.name).order_by(ExpenseCategory.sort_order)).all()
        actors = set(session.exec(select(AuditLog.actor)).all())
    engine.dispose()
    assert names == ["学习教育", "组织活动", "宣传阵地", "帮扶慰问", "培训", "表彰奖励", "其他"]
    assert actors == {"系统"}


def test_category_commands_list_add_rename_disable_enable_and_remove(fresh_engine, monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", fresh_engine.url.render_as_string(hide_password=False))

    def run(*argv: str) -> tuple[int, str, str]:
        code = cli.main(["category", *argv])
        printed = capsys.readouterr()
        return code, printed.out.strip(), printed.err.strip()

    assert run("add", "党建品牌") == (0, "已新增支出类别“党建品牌”（排序 3）", "")
    assert run("add", "党建品牌", "--order", "9") == (0, "已修改支出类别“党建品牌”（排序 9）", "")
    assert run("rename", "组织活动", "组织生活") == (
        0,
        "已把支出类别“组织活动”改名为“组织生活”（以往的预算和支出随之改名）",
        "",
    )
    assert run("disable", "学习教育") == (0, "已停用支出类别“学习教育”", "")
    assert run("remove", "党建品牌") == (0, "已删除支出类别“党建品牌”", "")
    assert run("list") == (0, "1  学习教育（已停用）\n  2  组织生活", "")
    assert run("enable", "学习教育") == (0, "已启用支出类别“学习教育”", "")
    with Session(fresh_engine) as session:
        assert (
            session.exec(select(AuditLog.actor).where(AuditLog.table_name == "expensecategory")).all()
            == ["命令行"] * 6
        )


def test_category_refusals_are_printed_in_chinese_and_write_nothing(fresh_engine, monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", fresh_engine.url.render_as_string(hide_password=False))

    assert cli.main(["category", "remove", "学习教育"]) == 1
    assert capsys.readouterr().err.strip() == (
        "错误：“类别名称”：支出类别“学习教育”已有 3 条预算、8 笔支出，不能删除；"
        "可以停用（停用后不能再新增预算和支出，历史数据保留）"
    )
    assert cli.main(["category", "rename", "学习教育", "组织活动"]) == 1
    assert capsys.readouterr().err.strip() == "错误：“类别名称”：支出类别“组织活动”已存在，请换一个名称"
    with Session(fresh_engine) as session:
        assert session.exec(select(ExpenseCategory.name).order_by(ExpenseCategory.sort_order)).all() == [
            "学习教育",
            "组织活动",
        ]
        assert session.exec(select(AuditLog).where(AuditLog.table_name == "expensecategory")).all() == []


def _subcommands(parser) -> list[list[str]]:
    """Every command line that asks for help: the tool, each command and each sub-command."""
    found = [[]]
    for action in parser._subparsers._group_actions if parser._subparsers else ():
        for name, child in action.choices.items():
            found += [[name, *rest] for rest in _subcommands(child)]
    return found


def test_every_help_page_prints(capsys):
    """``python -m data_layer --help`` is the first command an administrator types: every page of help
    prints (a bare % in a help text once made argparse crash)."""
    lines = _subcommands(cli.build_parser())
    assert ["reopen"] in lines and ["category", "rename"] in lines
    for line in lines:
        try:
            cli.build_parser().parse_args([*line, "--help"])
        except SystemExit as done:
            assert done.code == 0, line
        assert "usage" in capsys.readouterr().out, line
    assert (
        "按 1% 规则"
        in subprocess.run(
            [sys.executable, "-m", "data_layer", "--help"], capture_output=True, text=True, check=True
        ).stdout
    )


def test_reopen_opens_an_approved_month_with_its_reason_audited(fresh_engine, monkeypatch, capsys):
    """综采一队 2026-03 is 已审核 in the hand-made data: reopened from the command line it is 已退回 with
    the reason the secretary reads, and the audit log names the command line."""
    monkeypatch.setenv("DATABASE_URL", fresh_engine.url.render_as_string(hide_password=False))

    code = cli.main(["reopen", "--branch", "综采一队党支部", "--month", "2026-03", "--reason", "学时填错"])

    assert code == 0
    assert "已重新打开：综采一队党支部 2026-03，状态改为已退回" in capsys.readouterr().out
    with Session(fresh_engine) as session:
        row = session.exec(select(Submission).where(Submission.month == "2026-03")).all()
        reopened = {each.branch_id: each for each in row}
        branch = session.exec(select(Organisation).where(Organisation.name == "综采一队党支部")).one()
        assert reopened[branch.id].status == SubmissionStatus.RETURNED
        assert reopened[branch.id].comment == "管理员重新打开：学时填错"
        assert session.exec(select(AuditLog.actor).where(AuditLog.action == "reopen")).one() == "命令行"


def test_reopen_refuses_a_month_that_is_not_locked(fresh_engine, monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", fresh_engine.url.render_as_string(hide_password=False))

    code = cli.main(["reopen", "--branch", "机关党支部", "--month", "2026-03", "--reason", "再改"])

    assert code == 1
    assert capsys.readouterr().err.strip() == "错误：该月未锁定，无需重新打开"
