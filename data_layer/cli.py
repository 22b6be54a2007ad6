"""``python -m data_layer …``: set up a database and its users from the command line."""

import argparse
import getpass
import json
import sys
import time
from pathlib import Path

from sqlmodel import Session, select

from data_layer import auth, clock, display, entry, excel, orgs, reports, setup
from data_layer.errors import Refused
from data_layer.metrics import opening
from data_layer.models import ExpenseCategory, User, id_of
from data_layer.store import backup, db, writes
from data_layer.vocab import DEFAULT_EXPENSE_CATEGORIES, Role


def _init_db(_args: argparse.Namespace) -> None:
    db.upgrade()
    print(f"数据库已创建或升级到最新版本：{db.get_engine().url.render_as_string(hide_password=True)}")
    with db.write_scope() as session:
        installed = setup.install_defaults(session=session)
    if installed:
        names = "、".join(DEFAULT_EXPENSE_CATEGORIES)
        print(
            f"新数据库：已设置 {len(DEFAULT_EXPENSE_CATEGORIES)} 个默认支出类别（{names}），可在“基础数据”中修改"
        )
    keep_overview()


def keep_overview() -> None:
    """What leaders open first, kept in the database (data_layer/metrics/opening.py), saying so: the first
    leader after the start need not wait."""
    began = time.perf_counter()
    month = opening.keep_opening(today=clock.today())
    if month is not None:
        print(
            f"已准备总览（{display.month_label(month)}，整个组织），用时 {time.perf_counter() - began:.1f} 秒："
            "启动后第一次打开总览不必等待计算"
        )


def _create_user(args: argparse.Namespace) -> None:
    password = args.password or getpass.getpass("密码：")
    db.upgrade()
    with db.write_scope() as session:
        _, user = auth.create_user(
            session=session,
            actor=auth.CLI_ACTOR,
            username=args.username,
            password=password,
            display_name=args.name or args.username,
            role=Role(args.role),
            branch_name=args.branch,
        )
        print(f"已创建用户 {user.username}（{args.role}）")


def _acting_as(session: Session, username: str | None) -> auth.Actor:
    """The command line acts as an administrator, or as the named user with that user's scope."""
    if not username:
        return auth.CLI_ACTOR
    user = session.exec(select(User).where(User.username == username)).first()
    if user is None or not user.active:
        raise Refused(f"找不到启用中的用户“{username}”", field="--as")
    return auth.actor_of(user)


def _report(args: argparse.Namespace) -> None:
    if args.format != "json" and not args.output:
        raise Refused(f"生成 {args.format} 文件须用 -o 指定输出文件", field="-o")
    db.upgrade()
    with db.session_scope() as session:
        actor = _acting_as(session, args.acting_as)
        org_ids = (id_of(orgs.by_name(session=session, name=args.org, field="--org")),) if args.org else ()
        report = reports.monthly_report(session=session, actor=actor, month=args.month, org_ids=org_ids)
        if args.anonymise:  # every person named anywhere in it, beyond the columns ``anonymised`` knows
            report = reports.known_people(session=session).mask(report)
    if args.format in ("xlsx", "pdf"):
        build = reports.report_xlsx if args.format == "xlsx" else reports.report_pdf
        Path(args.output).write_bytes(build(report, anonymise=args.anonymise))
        print(f"已写入 {args.output}")
        return
    if args.anonymise:
        report = reports.anonymised(report)
    rendered = json.dumps(report, ensure_ascii=False, indent=2)
    if args.output:
        Path(args.output).write_text(rendered + "\n", encoding="utf-8")
        print(f"已写入 {args.output}")
    else:
        print(rendered)


def _import_plan(book: excel.Book, month: str | None) -> excel.ImportPlan:
    """How the workbook is read; for one people made themselves, printed (what the web page previews),
    with ``--month`` given to its sheets that have no 月份 column."""
    plan = excel.plan_book(book)
    for sheet in plan.imported:
        if sheet.needs_month and month:
            plan = plan.with_month(sheet.title, month)
    if plan.needs_confirmation:
        for line in excel.describe(plan):
            print(line)
    return plan


def _import(args: argparse.Namespace) -> int:
    """Import a workbook in one transaction: every problem printed and nothing written, or every row."""
    try:
        data = Path(args.file).read_bytes()
    except OSError:
        raise Refused(f"无法读取文件“{args.file}”", field="FILE") from None
    book: excel.Book | None
    try:
        read = excel.read_workbook(data)  # read once, for the plan and the import
    except Refused:
        book, plan = None, None  # the import says why
    else:
        book, plan = read, _import_plan(read, args.month)
    db.upgrade()
    with db.session_scope() as session:
        actor = _acting_as(session, args.acting_as)
    result = excel.import_file(  # checked without the write lock: nobody's save or login waits on it
        engine=db.get_engine(),
        actor=actor,
        data=book or data,
        dry_run=args.dry_run,
        confirm_over_allocation=args.confirm_over_budget,
        plan=plan,
    )
    if result.problems:
        print(f"未导入：发现 {len(result.problems)} 个问题，没有写入任何数据", file=sys.stderr)
        for problem in result.problems:
            print(problem, file=sys.stderr)
        if any("确认超预算支出" in problem.message for problem in result.problems):
            print("如确需超预算支出，请加 --confirm-over-budget 重新导入", file=sys.stderr)
        return 1
    mark = "（试运行，未写入）" if args.dry_run else ""
    for sheet, saved in result.saved.items():
        print(f"{sheet}：新增 {saved.inserted} 条，修改 {saved.updated} 条，未变 {saved.unchanged} 条{mark}")
    if result.ignored_sheets:
        print(f"已忽略的工作表：{'、'.join(result.ignored_sheets)}")
    return 0


def _start_year(args: argparse.Namespace) -> int:
    """开始新年度 from the year before (or ``--from``): print the plan; write it unless ``--dry-run``."""
    db.upgrade()
    with db.write_scope() as session:
        actor = _acting_as(session, args.acting_as)
        wanted = {"year": args.year, "payroll": args.payroll, "from_year": args.from_year}
        plan = setup.plan_new_year(session=session, actor=actor, **wanted)
        for line in setup.summary(plan):
            print(line)
        if args.dry_run:
            print("（试运行，未写入）")
            return 0
        setup.start_new_year(session=session, actor=actor, **wanted)
    print(f"已开始{plan.year}年度：年度参数、{len(plan.tasks)} 项任务、{len(plan.allocations)} 条预算分配")
    return 0


def _reopen(args: argparse.Namespace) -> int:
    """重新打开 an approved (or submitted) month of one 党支部, with the reason the secretary will read."""
    db.upgrade()
    with db.write_scope() as session:
        actor = _acting_as(session, args.acting_as)
        branch = orgs.by_name(session=session, name=args.branch, field="--branch")
        state = entry.reopen_month(
            session=session, actor=actor, branch_id=id_of(branch), month=args.month, reason=args.reason
        )
    print(
        f"已重新打开：{state.branch} {args.month}，状态改为{state.status}；支部书记将看到原因：{args.reason.strip()}"
    )
    return 0


def _category(args: argparse.Namespace) -> int:
    """支出类别: list them, or add, rename, remove (when unused), disable or enable one, as 命令行."""
    db.upgrade()
    if args.action == "list":
        with db.session_scope() as session:
            frame = setup.categories(session=session)
        if frame.empty:
            print("还没有支出类别")
        for row in frame.itertuples(index=False):
            print(f"{row.sort_order:>3}  {row.name}{'' if row.active else '（已停用）'}")
        return 0
    actor = auth.CLI_ACTOR
    with db.write_scope() as session:
        if args.action == "add":
            outcome, row = setup.save_category(
                session=session, actor=actor, name=args.name, sort_order=args.order
            )
            done = {writes.INSERTED: "已新增", writes.UPDATED: "已修改"}.get(outcome, "没有变化：")
            message = f"{done}支出类别“{row.name}”（排序 {row.sort_order}）"
        elif args.action == "rename":
            outcome, row = setup.rename_category(
                session=session, actor=actor, old_name=args.old, new_name=args.new
            )
            message = f"已把支出类别“{args.old.strip()}”改名为“{row.name}”（以往的预算和支出随之改名）"
            if outcome == writes.UNCHANGED:
                message = f"没有变化：支出类别“{row.name}”"
        elif args.action == "remove":
            row = setup.delete_category(session=session, actor=actor, name=args.name).row
            message = f"已删除支出类别“{row.name}”"
        else:
            active = args.action == "enable"
            key = {"name": args.name}
            setup.set_active(session=session, actor=actor, model=ExpenseCategory, key=key, active=active)
            message = f"已{'启用' if active else '停用'}支出类别“{args.name}”"
    print(message)
    return 0


POSTGRES_TOOLS_EXIT = 2


def _postgres_tools(action: str, command_line: str, url: str, then: str | None = None) -> int:
    """PostgreSQL is backed up and restored with its own tools: print the command line, do nothing."""
    print(f"PostgreSQL 数据库请用 PostgreSQL 自带的工具{action}（本命令没有做任何操作）：")
    print(f"  {command_line}")
    if backup.has_password(url):
        print("密码已隐去：运行前请设置环境变量 PGPASSWORD，或写入 ~/.pgpass。")
    if then:
        print(then)
    print("详见 docs/operations.md。")
    return POSTGRES_TOOLS_EXIT


def _print_copy(headline: str, copy: backup.Copy) -> None:
    print(headline)
    print(f"  文件大小 {copy.size / 1_048_576:.1f} MB（{copy.size:,} 字节），数据库版本 {copy.revision}")
    for label, count in copy.row_counts.items():
        print(f"  {label:　<4} {count:>8,} 行")


def _backup(args: argparse.Namespace) -> int:
    url = db.database_url()
    if backup.is_postgres(url):
        return _postgres_tools("备份", backup.postgres_dump_command(url=url, file=args.file), url)
    copy = backup.copy_database(engine=db.get_engine(), file=Path(args.file))
    _print_copy(f"已备份到 {copy.file}", copy)
    return 0


def _restore(args: argparse.Namespace) -> int:
    url = db.database_url()
    if backup.is_postgres(url):
        then = (
            "请先停止看板；恢复后运行 python -m data_layer init-db，把数据库升级到本程序的版本，再启动看板。"
        )
        return _postgres_tools("恢复", backup.postgres_restore_command(url=url, file=args.file), url, then)
    engine = db.get_engine()
    copy = backup.restore(engine=engine, file=Path(args.file))
    _print_copy(f"已从 {copy.file} 恢复到数据库文件 {engine.url.database}", copy)
    if copy.upgraded_to:
        print(f"已把恢复的数据库升级到本程序的版本 {copy.upgraded_to}")
    print("正在运行的看板在各页面下一次刷新时即显示恢复后的数据，无需重启。")
    return 0


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
    report = commands.add_parser("report", help="月度通报：与看板相同的全部指标")
    report.add_argument("--month", required=True, help="月份，格式 YYYY-MM")
    report.add_argument("--org", help="组织全称（党委、党总支或党支部）；不填为全部")
    report.add_argument("--format", choices=["json", "xlsx", "pdf"], default="json")
    report.add_argument("--anonymise", action="store_true", help="党员姓名脱敏（张*），不含党员编号")
    report.add_argument("--as", dest="acting_as", metavar="USERNAME", help="以该用户的身份和范围生成")
    report.add_argument("-o", "--output", help="写入文件（xlsx、pdf 必填）；不填则输出到屏幕")
    report.set_defaults(run=_report)
    load = commands.add_parser("import", help="从 Excel 工作簿导入（全部无误才写入）")
    load.add_argument("file", metavar="FILE", help=".xlsx 文件；工作表名称决定导入的内容")
    load.add_argument(
        "--as", dest="acting_as", metavar="USERNAME", help="以该用户的身份和范围导入；不填为管理员"
    )
    load.add_argument("--dry-run", action="store_true", help="只检查，不写入")
    load.add_argument("--confirm-over-budget", action="store_true", help="确认超出预算余额的支出")
    load.add_argument("--month", metavar="YYYY-MM", help="没有“月份”列的工作表（如学习强国积分导出）的月份")
    load.set_defaults(run=_import)
    start = commands.add_parser(
        "start-year",
        help="开始新年度：复制上年任务清单，设定上年度职工工资总额，按 1%% 规则和结余上限安排预算",
    )
    start.add_argument("year", metavar="YEAR", help="新年度，例如 2027")
    start.add_argument("--payroll", required=True, help="上年度职工工资总额（元），例如 156,000,000")
    start.add_argument("--from", dest="from_year", type=int, help="复制自哪个年度；不填为上一年")
    start.add_argument("--as", dest="acting_as", metavar="USERNAME", help="以该管理员的身份；不填为命令行")
    start.add_argument("--dry-run", action="store_true", help="只列出将要写入的内容，不写入")
    start.set_defaults(run=_start_year)
    reopen = commands.add_parser("reopen", help="重新打开已审核（或已提交）的月份，让支部书记修改后重新提交")
    reopen.add_argument("--branch", required=True, help="党支部全称")
    reopen.add_argument("--month", required=True, metavar="YYYY-MM", help="月份")
    reopen.add_argument("--reason", required=True, help="重新打开的原因（支部书记会看到，记入修改记录）")
    reopen.add_argument("--as", dest="acting_as", metavar="USERNAME", help="以该管理员的身份；不填为命令行")
    reopen.set_defaults(run=_reopen)
    category = commands.add_parser("category", help="支出类别：列出、新增、改名、删除、停用、启用")
    category.set_defaults(run=_category)
    actions = category.add_subparsers(dest="action", required=True)
    actions.add_parser("list", help="列出全部支出类别（含已停用的）")
    add = actions.add_parser("add", help="新增支出类别，或修改已有类别的排序")
    add.add_argument("name", metavar="NAME", help="类别名称，最多 20 个字")
    add.add_argument("--order", type=int, help="排序（小的在前）；新增时不填排在最后")
    rename = actions.add_parser("rename", help="改名（以往的预算和支出随之改名）")
    rename.add_argument("old", metavar="OLD", help="原名称")
    rename.add_argument("new", metavar="NEW", help="新名称")
    for action, description in [
        ("remove", "删除没有任何预算和支出的类别"),
        ("disable", "停用（不能再新增预算和支出，历史数据保留）"),
        ("enable", "重新启用"),
    ]:
        actions.add_parser(action, help=description).add_argument("name", metavar="NAME", help="类别名称")
    save = commands.add_parser("backup", help="备份数据库到文件（SQLite；看板运行时也可备份）")
    save.add_argument("file", metavar="FILE", help="备份文件，已存在时覆盖")
    save.set_defaults(run=_backup)
    back = commands.add_parser("restore", help="用备份文件替换当前数据库（SQLite），并升级到最新版本")
    back.add_argument("file", metavar="FILE", help="由 backup 命令生成的备份文件")
    back.set_defaults(run=_restore)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        code = args.run(args)
    except Refused as refusal:
        print(f"错误：{refusal}", file=sys.stderr)
        return 1
    return code or 0
