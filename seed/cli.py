"""The command line of the demo seed."""

import argparse
import time
import warnings
from collections.abc import Callable
from functools import partial
from typing import NamedTuple

from sqlalchemy import make_url

from data_layer.cli import keep_overview
from data_layer.store import db
from seed import group
from seed.common import TABLE_LABELS
from seed.mine import DEMO_LOGINS, DEMO_PASSWORD, demo_calendar, is_empty, seed_mine


class Scale(NamedTuple):
    seed: Callable[..., dict[str, int]]
    logins: tuple[str, ...]  # the demo usernames it leaves
    description: str


SCALES = {
    "mine": Scale(seed_mine, tuple(login.username for login in DEMO_LOGINS), "一座煤矿"),
    "group": Scale(
        partial(group.seed_group, progress=partial(print, flush=True)),
        group.demo_usernames(),
        f"集团公司（{group.BRANCHES} 个党支部、{group.MEMBERS} 名党员、{group.MONTHS} 个月）",
    ),
}
LOGINS_SHOWN = 6  # a longer list of demo logins is shortened to its first few and its last


def _where() -> str:
    if db.is_embedded():
        return f"内置 SQLite 数据库（{db.DEFAULT_SQLITE_PATH}）"
    return make_url(db.database_url()).render_as_string(hide_password=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m seed", description="向空数据库写入演示数据（精益党建看板）"
    )
    parser.add_argument(
        "--scale",
        choices=sorted(SCALES),
        default="mine",
        help="演示数据规模：" + "；".join(f"{name} = {scale.description}" for name, scale in SCALES.items()),
    )
    parser.add_argument("--if-empty", action="store_true", help="数据库已有数据时跳过（退出码 0）而不报错")
    args = parser.parse_args(argv)
    # SQLite keeps Numeric columns as floats; the values here have two decimals, which it holds exactly.
    warnings.filterwarnings("ignore", message="Dialect sqlite\\+pysqlite does \\*not\\* support Decimal")

    began = time.perf_counter()
    db.upgrade()
    engine = db.get_engine()
    with db.session_scope(engine) as session:
        if not is_empty(session=session):
            if args.if_empty:
                print(f"数据库已有数据，跳过演示数据写入：{_where()}")
                return 0
            print(f"数据库不是空的，未写入演示数据：{_where()}\n如需重建演示数据，请先删除或清空该数据库。")
            return 1
        scale = SCALES[args.scale]
        counts = scale.seed(session=session)
    elapsed = time.perf_counter() - began

    print(f"已写入演示数据（{args.scale}，数据截至 {demo_calendar().last_month}）：{_where()}")
    for table, label in TABLE_LABELS.items():
        if table in counts:
            print(f"  {label:　<4} {counts[table]:>9}")
    print(f"  共 {sum(counts.values())} 行，用时 {elapsed:.1f} 秒")
    keep_overview()
    print(f"演示账号（密码均为 {DEMO_PASSWORD}）：{login_list(scale.logins)}")
    return 0


def login_list(usernames: tuple[str, ...]) -> str:
    """The usernames joined with 、; a long list as its first few, an ellipsis, the last and the count."""
    if len(usernames) <= 2 * LOGINS_SHOWN:
        return "、".join(usernames)
    return f"{'、'.join(usernames[:LOGINS_SHOWN])} … {usernames[-1]}（共 {len(usernames)} 个）"
