"""``python -m data_layer …``: set up a database and its users from the command line."""

import argparse
import getpass
import sys

from data_layer import auth, db
from data_layer.errors import Refused
from data_layer.vocab import Role


def _init_db(_args: argparse.Namespace) -> None:
    db.upgrade()
    print(f"数据库已创建或升级到最新版本：{db.get_engine().url.render_as_string(hide_password=True)}")


def _create_user(args: argparse.Namespace) -> None:
    password = args.password or getpass.getpass("密码：")
    db.upgrade()
    with db.session_scope() as session:
        user = auth.create_user(
            session=session,
            actor=auth.CLI_ACTOR,
            username=args.username,
            password=password,
            display_name=args.name or args.username,
            role=Role(args.role),
            branch_name=args.branch,
        )
        print(f"已创建用户 {user.username}（{args.role}）")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m data_layer", description="精益党建看板 数据库工具")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("init-db", help="创建或升级数据库（不含演示数据）").set_defaults(run=_init_db)
    create = commands.add_parser("create-user", help="创建登录账号")
    create.add_argument("username")
    create.add_argument("--role", choices=[role.value for role in Role], required=True)
    create.add_argument("--name", help="显示名称")
    create.add_argument("--branch", help="支部书记所属党支部的全称")
    create.add_argument("--password", help="不填则在终端输入（不回显）")
    create.set_defaults(run=_create_user)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        args.run(args)
    except Refused as refusal:
        print(f"错误：{refusal}", file=sys.stderr)
        return 1
    return 0
