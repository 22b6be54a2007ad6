"""开始新年度: a new year set up from the last one, as an organisation does at the turn of the year.

- 年度参数: the new year's 上年度职工工资总额 is set (the study targets carry over from last year);
- 任务清单: last year's tasks of active 党支部 are copied — title, goal, unit, target, weight, the same
  start and due months in the new year, the owner while still an active member of the branch — under a
  new 任务编号 (``2026-ZC1-01`` → ``2027-ZC1-01``); the administrator then edits the targets;
- 经费预算: the 1 % rule on the new payroll (组通字〔2017〕38号), less whatever the carried-forward
  balance exceeds the 2 % cap by (the same notice: 结余经费累计超过上年度职工工资总额 2% 的，应减少
  下一年度的安排), split over 党支部 and categories in last year's proportions, to the fen.

``plan_new_year`` only reads (the preview); ``start_new_year`` writes the plan in the caller's
transaction, audited, or refuses and writes nothing. A year that already has tasks or allocations is
refused: copying is for a year not set up yet.
"""

from dataclasses import dataclass
from decimal import Decimal

import pandas as pd
from sqlalchemy import func
from sqlmodel import Session, col, select

from data_layer import auth, clock, orgs, parse, safety
from data_layer.auth import Actor
from data_layer.errors import Refused
from data_layer.lean import benchmark
from data_layer.metrics.budget import carry_forward
from data_layer.models import (
    BudgetAllocation,
    ExpenseCategory,
    Goal,
    Member,
    Organisation,
    Task,
    YearParameter,
    id_of,
)
from data_layer.rules import budget_rule_amount, largest_remainder
from data_layer.schemas import YearParameterIn
from data_layer.setup.base import save_year_parameters
from data_layer.store import select_columns, writes
from data_layer.vocab import OrgKind

CENT = Decimal("0.01")
CODE_LENGTH = 30  # Task.code
DEFAULT_HOURS_TARGET = Decimal("4.00")
DEFAULT_POINTS_TARGET = 600
PAYROLL_FIELD = "上年度职工工资总额(元)"
MAX_PAYROLL = Decimal("1e13")
TASK_COLUMNS = [
    "code", "from_code", "title", "branch", "owner", "unit", "target", "weight", "start_month", "due_month"
]  # fmt: skip
ALLOCATION_COLUMNS = ["branch_id", "branch", "category_id", "category", "last_year", "amount"]


@dataclass(frozen=True)
class NewYearPlan:
    """What starting ``year`` from ``from_year`` will write."""

    year: int
    from_year: int
    payroll: Decimal  # the new year's 上年度职工工资总额
    rule_amount: Decimal  # payroll × 1 %
    balance: Decimal  # 结余经费 carried into the new year
    cap: Decimal  # payroll × 2 %
    reduction: Decimal  # what the balance exceeds the cap by (0 when within it)
    budget: Decimal  # rule_amount − reduction, the total of the new allocations
    tasks: pd.DataFrame  # TASK_COLUMNS, one row per task to create
    allocations: pd.DataFrame  # ALLOCATION_COLUMNS
    without_owner: int  # copied tasks whose owner is no longer an active member of the branch
    left_out: int  # last year's tasks of 党支部 no longer active, not copied


@dataclass(frozen=True)
class NewYearStarted:
    year: int
    goals: int
    tasks: int
    allocations: int
    budget: Decimal
    without_owner: int
    indicators: int = 0  # 对标 indicators written (沿用 the last scheme), 0 when the year had its own
    production_indicators: int = 0  # 党建+安全生产: the 党支部' production indicators copied


def new_code(code: str, *, from_year: int, year: int) -> str:
    """``2026-ZC1-01`` → ``2027-ZC1-01``; a code without the year in front gets the new year in front."""
    old = str(from_year)
    return str(year) + code[len(old) :] if code.startswith(old) else f"{year}-{code}"


def _retitled(text: str, *, from_year: int, year: int) -> str:
    return text.replace(f"{from_year}年", f"{year}年")


def suggested_year(*, session: Session) -> int:
    """The year an administrator most likely starts next: the one after the newest year with tasks."""
    newest = session.exec(select(func.max(Goal.year))).one()
    return (newest or clock.today().year - 1) + 1


def plan_new_year(
    *, session: Session, actor: Actor, year: int, payroll: Decimal, from_year: int | None = None
) -> NewYearPlan:
    """The preview of starting ``year`` (from the year before unless ``from_year``); refusals name the field."""
    auth.require_admin(session=session, actor=actor)
    year = parse.year(year, field="年度")
    from_year = year - 1 if from_year is None else parse.year(from_year, field="复制自年度")
    payroll = parse.money(payroll, field=PAYROLL_FIELD, positive=True, maximum=MAX_PAYROLL)
    if from_year >= year:
        raise Refused(f"只能从更早的年度开始新年度：{from_year} 不早于 {year}", field="复制自年度")
    _refuse_if_set_up(session=session, year=year)
    tasks, without_owner, left_out = _copied_tasks(session=session, from_year=from_year, year=year)
    last_year = _last_allocations(session=session, year=from_year)
    if tasks.empty and last_year.empty:
        raise Refused(f"{from_year}年度没有可复制的任务和预算", field="复制自年度")
    carried = carry_forward(session=session, year=year, last_year_payroll=payroll)
    rule_amount = budget_rule_amount(payroll)
    reduction = max(Decimal(0), carried.balance - carried.cap)
    budget = max(Decimal(0), rule_amount - reduction)
    allocations = last_year.assign(amount=_split(budget, last_year["last_year"].tolist()))
    return NewYearPlan(
        year=year,
        from_year=from_year,
        payroll=payroll,
        rule_amount=rule_amount,
        balance=carried.balance,
        cap=carried.cap,
        reduction=reduction,
        budget=budget,
        tasks=tasks,
        allocations=allocations[ALLOCATION_COLUMNS],
        without_owner=without_owner,
        left_out=left_out,
    )


def start_new_year(
    *, session: Session, actor: Actor, year: int, payroll: Decimal, from_year: int | None = None
) -> NewYearStarted:
    """Write the plan: year parameters, goals, tasks and allocations, the 对标 scheme of the year before
    when the new year has none (benchmark.install_scheme) and the 党支部' production indicators of the
    year before (safety.copy_indicators), each row audited."""
    plan = plan_new_year(session=session, actor=actor, year=year, payroll=payroll, from_year=from_year)
    targets = session.get(YearParameter, plan.from_year)
    save_year_parameters(
        session=session,
        actor=actor,
        item=YearParameterIn(
            year=plan.year,
            last_year_payroll=plan.payroll,
            monthly_hours_target=targets.monthly_hours_target if targets else DEFAULT_HOURS_TARGET,
            monthly_points_target=targets.monthly_points_target if targets else DEFAULT_POINTS_TARGET,
        ),
    )
    sources = {
        task.code: task
        for task in session.exec(
            select(Task).join(Goal, col(Goal.id) == Task.goal_id).where(Goal.year == plan.from_year)
        )
    }
    goals = _copy_goals(
        session=session,
        actor=actor,
        plan=plan,
        goal_ids={sources[code].goal_id for code in plan.tasks["from_code"]},
    )
    for row in plan.tasks.itertuples():
        source = sources[row.from_code]
        writes.insert(
            session=session,
            actor=actor.username,
            row=Task(
                code=row.code,
                title=row.title,
                goal_id=goals[source.goal_id],
                branch_id=source.branch_id,
                owner_member_id=None if pd.isna(row.owner_id) else int(row.owner_id),
                unit=source.unit,
                target_quantity=source.target_quantity,
                weight=source.weight,
                start_month=row.start_month,
                due_month=row.due_month,
                mode=source.mode,
            ),
        )
    for row in plan.allocations.itertuples():
        writes.insert(
            session=session,
            actor=actor.username,
            row=BudgetAllocation(
                year=plan.year, branch_id=row.branch_id, category_id=row.category_id, amount=row.amount
            ),
        )
    has_scheme = bool(benchmark.scheme(session=session, year=plan.year, active_only=False))
    production = safety.copy_indicators(
        session=session, actor=actor, from_year=plan.from_year, year=plan.year
    )
    return NewYearStarted(
        year=plan.year,
        goals=len(goals),
        tasks=len(plan.tasks),
        allocations=len(plan.allocations),
        budget=plan.budget,
        without_owner=plan.without_owner,
        indicators=0
        if has_scheme
        else benchmark.install_scheme(session=session, actor=actor, year=plan.year),
        production_indicators=production.inserted,
    )


def _refuse_if_set_up(*, session: Session, year: int) -> None:
    tasks = session.exec(
        select(func.count())
        .select_from(Task)
        .join(Goal, col(Goal.id) == Task.goal_id)
        .where(Goal.year == year)
    ).one()
    allocations = session.exec(
        select(func.count()).select_from(BudgetAllocation).where(BudgetAllocation.year == year)
    ).one()
    if tasks or allocations:
        raise Refused(
            f"{year}年度已有 {tasks} 项任务、{allocations} 条预算分配：从上年复制只用于尚未建立任务和预算的年度，"
            "请在“年度任务”和“预算”中逐项修改",
            field="年度",
        )


def _copied_tasks(*, session: Session, from_year: int, year: int) -> tuple[pd.DataFrame, int, int]:
    rows = session.exec(
        select(Task, Organisation.name, Organisation.active, Member)
        .join(Goal, col(Goal.id) == Task.goal_id)
        .join(Organisation, col(Organisation.id) == Task.branch_id)
        .outerjoin(Member, col(Member.id) == Task.owner_member_id)
        .where(Goal.year == from_year)
        .order_by(Task.code)
    ).all()
    copied, without_owner, left_out = [], 0, 0
    for task, branch, active, owner in rows:
        if not active:
            left_out += 1
            continue
        keeps_owner = owner is not None and owner.active and owner.branch_id == task.branch_id
        without_owner += not keeps_owner
        code = new_code(task.code, from_year=from_year, year=year)
        if len(code) > CODE_LENGTH:
            raise Refused(f"任务“{task.code}”的新编号“{code}”超过 {CODE_LENGTH} 个字符", field="任务编号")
        copied.append(
            {
                "code": code,
                "from_code": task.code,
                "title": _retitled(task.title, from_year=from_year, year=year),
                "branch": branch,
                "owner": owner.name if keeps_owner else None,
                "owner_id": owner.id if keeps_owner else None,
                "unit": task.unit,
                "target": task.target_quantity,
                "weight": task.weight,
                "start_month": str(year) + task.start_month[4:],
                "due_month": str(year) + task.due_month[4:],
            }
        )
    frame = pd.DataFrame(copied, columns=[*TASK_COLUMNS, "owner_id"]).astype(
        {"owner": object, "owner_id": object}
    )
    taken = [
        code
        for chunk in writes.chunks(frame["code"])
        for code in session.exec(select(Task.code).where(col(Task.code).in_(chunk))).all()
    ]
    if taken:
        raise Refused(
            f"任务编号已存在：{'、'.join(sorted(taken)[:5])}{' 等' if len(taken) > 5 else ''}",
            field="任务编号",
        )
    return frame, without_owner, left_out


def _last_allocations(*, session: Session, year: int) -> pd.DataFrame:
    """Last year's allocations of active 党支部 in active categories, in the tree's and categories' order."""
    rows = session.exec(
        select_columns(
            Organisation.id,
            Organisation.name,
            ExpenseCategory.id,
            ExpenseCategory.name,
            BudgetAllocation.amount,
        )
        .join(Organisation, col(Organisation.id) == BudgetAllocation.branch_id)
        .join(ExpenseCategory, col(ExpenseCategory.id) == BudgetAllocation.category_id)
        .where(
            BudgetAllocation.year == year,
            BudgetAllocation.amount > 0,
            Organisation.active,
            Organisation.kind == OrgKind.BRANCH,
            ExpenseCategory.active,
        )
        .order_by(col(ExpenseCategory.sort_order))
    ).all()
    frame = pd.DataFrame(rows, columns=["branch_id", "branch", "category_id", "category", "last_year"])
    position = orgs.tree_positions(session=session)
    return frame.sort_values("branch_id", key=lambda ids: ids.map(position), kind="stable", ignore_index=True)


def _split(total: Decimal, weights: list[Decimal]) -> list[Decimal]:
    """``total`` split in proportion to ``weights``, to the fen, the parts summing to exactly ``total``."""
    if not weights:
        return []
    fen = largest_remainder(int(total * 100), [float(w) for w in weights])
    return [(Decimal(part) / 100).quantize(CENT) for part in fen]


def _copy_goals(*, session: Session, actor: Actor, plan: NewYearPlan, goal_ids: set[int]) -> dict[int, int]:
    """Last year's goals used by the copied tasks, copied once each: old goal id → new goal id."""
    old = session.exec(select(Goal).where(Goal.year == plan.from_year).order_by(col(Goal.id))).all()
    copied: dict[int, int] = {}
    for goal in (goal for goal in old if goal.id in goal_ids):
        title = _retitled(goal.title, from_year=plan.from_year, year=plan.year)
        existing = session.exec(select(Goal).where(Goal.year == plan.year, Goal.title == title)).first()
        if existing is None:
            _, existing = writes.insert(
                session=session,
                actor=actor.username,
                row=Goal(year=plan.year, title=title, category=goal.category),
            )
        copied[id_of(goal)] = id_of(existing)
    return copied


def summary(plan: NewYearPlan) -> list[str]:
    """The plan in a few Chinese lines, as the command line prints it and the admin page lists it."""
    within = "超出上限，按规定减少本年度安排" if plan.reduction else "未超出上限"
    lines = [
        f"{plan.year}年度上年度职工工资总额 ¥{plan.payroll:,.2f}，按 1% 安排 ¥{plan.rule_amount:,.2f}",
        f"截至{plan.from_year}年底结余经费 ¥{plan.balance:,.2f}，上限（工资总额 2%）¥{plan.cap:,.2f}，{within}"
        + (f" ¥{plan.reduction:,.2f}" if plan.reduction else ""),
        f"{plan.year}年度预算 ¥{plan.budget:,.2f}，按{plan.from_year}年度各党支部、各支出类别的比例分为 "
        f"{len(plan.allocations)} 条",
        f"从{plan.from_year}年度复制任务 {len(plan.tasks)} 项，目标值和期限可在“年度任务”中逐项修改",
    ]
    if plan.without_owner:
        lines.append(f"其中 {plan.without_owner} 项的原责任人已不是该党支部在册党员，须重新指定责任人")
    if plan.left_out:
        lines.append(f"已停用党支部的 {plan.left_out} 项任务未复制")
    return lines
