"""``python -m data_layer``: init-db and create-user, against a database of their own."""

import subprocess
import sys

from sqlmodel import Session, select

from data_layer import cli
from data_layer.models import AuditLog, User
from tests.handmade import build_handmade


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


def test_create_user_makes_a_login_audited_as_the_command_line(empty_engine, monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", empty_engine.url.render_as_string(hide_password=False))
    with Session(empty_engine) as session:
        build_handmade(session)
        session.commit()

    code = cli.main(
        ["create-user", "zhang", "--role", "secretary", "--branch", "机关党支部", "--password", "pass-word-1"]
    )

    assert code == 0
    assert "已创建用户 zhang（secretary）" in capsys.readouterr().out
    with Session(empty_engine) as session:
        assert session.exec(select(User.display_name).where(User.username == "zhang")).one() == "zhang"
        assert session.exec(select(AuditLog.actor).where(AuditLog.action == "create_user")).one() == "命令行"


def test_create_user_refusal_is_printed_in_chinese_and_writes_nothing(empty_engine, monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", empty_engine.url.render_as_string(hide_password=False))

    code = cli.main(["create-user", "li", "--role", "leader", "--password", "short"])

    assert code == 1
    assert capsys.readouterr().err.strip() == "错误：“密码”：密码至少 8 位"
    with Session(empty_engine) as session:
        assert session.exec(select(User)).all() == []
