"""What the 基础数据 page lists: organisations, members, users, the year's tasks, categories and budgets.

Administrators only; inactive rows are listed too (deactivated, never deleted), marked as such.
"""

import pandas as pd
from sqlalchemy import Float, cast
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from data_layer import months, orgs
from data_layer.auth import Actor, require_admin
from data_layer.models import (
    BudgetAllocation,
    ExpenseCategory,
    Goal,
    Member,
    Organisation,
    Task,
    User,
    YearParameter,
)
from data_layer.store import select_columns


def organisations(*, session: Session, actor: Actor) -> pd.DataFrame:
    require_admin(session=session, actor=actor)
    names: dict[int | None, str] = {node.id: node.name for node in orgs.all_nodes(session=session)}
    rows = [
        (node.id, "　" * node.depth + node.name, node.kind, names.get(node.parent_id), node.active)
        for node in orgs.all_nodes(session=session)
    ]
    grids = dict(session.exec(select(Organisation.id, Organisation.grid)).all())
    frame = pd.DataFrame(rows, columns=["org_id", "name", "kind", "parent", "active"])
    frame.insert(4, "grid", frame["org_id"].map(grids))
    return frame


# A member's 转入, 转出, 离世 and latest move between 党支部 (blank where there is none).
MEMBER_DATES = ("arrived_on", "left_on", "died_on", "moved_on")


def members(*, session: Session, actor: Actor, branch_id: int | None = None) -> pd.DataFrame:
    require_admin(session=session, actor=actor)
    branch, group = aliased(Organisation), aliased(Organisation)
    stmt = (
        select_columns(
            Member.id,
            Member.member_no,
            Member.name,
            branch.name,
            group.name,
            Member.category,
            Member.joined_on,
            Member.post,
            Member.active,
            *(getattr(Member, name) for name in MEMBER_DATES),
            Member.version,
        )
        .join(branch, col(branch.id) == Member.branch_id)
        .outerjoin(group, col(group.id) == Member.group_id)
        .order_by(Member.member_no)
    )
    if branch_id is not None:
        stmt = stmt.where(Member.branch_id == branch_id)
    columns = ["member_id", "member_no", "name", "branch", "group", "category", "joined_on", "post", "active"]
    columns += [*MEMBER_DATES, "version"]
    return pd.DataFrame(session.exec(stmt).all(), columns=columns)


def users(*, session: Session, actor: Actor) -> pd.DataFrame:
    require_admin(session=session, actor=actor)
    stmt = (
        select_columns(
            User.username, User.display_name, User.role, Organisation.name, User.active, User.last_login_at
        )
        .outerjoin(Organisation, col(Organisation.id) == User.branch_id)
        .order_by(col(User.id))
    )
    columns = ["username", "display_name", "role", "branch", "active", "last_login_at"]
    return pd.DataFrame(session.exec(stmt).all(), columns=columns)


def tasks(*, session: Session, actor: Actor, year: int) -> pd.DataFrame:
    require_admin(session=session, actor=actor)
    stmt = (
        select_columns(
            Task.code,
            Task.title,
            Goal.title,
            Goal.category,
            Organisation.name,
            Member.name,
            Task.unit,
            cast(Task.target_quantity, Float),
            cast(Task.weight, Float),
            Task.start_month,
            Task.due_month,
            Task.mode,
            Task.active,
        )
        .join(Goal, col(Goal.id) == Task.goal_id)
        .join(Organisation, col(Organisation.id) == Task.branch_id)
        .outerjoin(Member, col(Member.id) == Task.owner_member_id)
        .where(Task.start_month >= months.make(year, 1), Task.start_month <= months.make(year, 12))
        .order_by(Task.code)
    )
    columns = [
        "code", "title", "goal", "goal_category", "branch", "owner", "unit",
        "target", "weight", "start_month", "due_month", "mode", "active",
    ]  # fmt: skip
    return pd.DataFrame(session.exec(stmt).all(), columns=columns)


def open_tasks(*, session: Session, year: int, branch_id: int | None = None) -> pd.DataFrame:
    """Active tasks of the year with no owner yet: what may be claimed (领办) — with ``branch_id``, those
    of that 党支部, the only ones its secretary may claim (``claim_task``)."""
    stmt = (
        select_columns(
            Task.code,
            Task.title,
            Organisation.name,
            Task.unit,
            cast(Task.target_quantity, Float),
            Task.due_month,
        )
        .join(Organisation, col(Organisation.id) == Task.branch_id)
        .where(
            Task.active,
            col(Task.owner_member_id).is_(None),
            Task.start_month >= months.make(year, 1),
            Task.start_month <= months.make(year, 12),
        )
        .order_by(Task.code)
    )
    if branch_id is not None:
        stmt = stmt.where(Task.branch_id == branch_id)
    return pd.DataFrame(
        session.exec(stmt).all(), columns=["code", "title", "branch", "unit", "target", "due_month"]
    )


def budgets(*, session: Session, actor: Actor, year: int) -> pd.DataFrame:
    require_admin(session=session, actor=actor)
    stmt = (
        select_columns(Organisation.id, Organisation.name, ExpenseCategory.name, BudgetAllocation.amount)
        .join(Organisation, col(Organisation.id) == BudgetAllocation.branch_id)
        .join(ExpenseCategory, col(ExpenseCategory.id) == BudgetAllocation.category_id)
        .where(BudgetAllocation.year == year)
        .order_by(col(ExpenseCategory.sort_order))
    )
    frame = pd.DataFrame(session.exec(stmt).all(), columns=["branch_id", "branch", "category", "amount"])
    position = orgs.tree_positions(session=session)
    frame = frame.sort_values(
        "branch_id", key=lambda ids: ids.map(position), kind="stable", ignore_index=True
    )
    return frame.drop(columns="branch_id")


def categories(*, session: Session) -> pd.DataFrame:
    stmt = select(ExpenseCategory.name, ExpenseCategory.sort_order, ExpenseCategory.active).order_by(
        col(ExpenseCategory.sort_order)
    )
    return pd.DataFrame(session.exec(stmt).all(), columns=["name", "sort_order", "active"])


def year_parameters(*, session: Session) -> pd.DataFrame:
    stmt = select(YearParameter).order_by(col(YearParameter.year).desc())
    rows = [
        (p.year, p.last_year_payroll, float(p.monthly_hours_target), p.monthly_points_target)
        for p in session.exec(stmt).all()
    ]
    return pd.DataFrame(
        rows, columns=["year", "last_year_payroll", "monthly_hours_target", "monthly_points_target"]
    )
