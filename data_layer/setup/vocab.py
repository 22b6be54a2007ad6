"""The vocabularies an administrator can change: expense categories (支出类别).

A new installation starts with the default categories (``install_defaults``); an administrator adds and
reorders them (``base.save_category``), renames them, deletes one nothing uses yet, or deactivates one
(``people.set_active``). A rename keeps the row's id, so the budgets and expenses of past years
follow it: history is kept under the new name. The Excel sheet 支出类别 does all of it a row at a time
(``save_category_row``). Units of measure need no table: any short word is accepted
(``schemas.UNIT_SUGGESTIONS`` are only offered).

Like ``setup``: keyword-only, session first, the caller's transaction (``db.write_scope``), audited.
"""

from sqlalchemy import func
from sqlmodel import Session, col, select

from data_layer import auth, parse
from data_layer.auth import Actor
from data_layer.errors import Refused
from data_layer.models import BudgetAllocation, Expense, ExpenseCategory, Organisation, id_of
from data_layer.schemas import CATEGORY_NAME_LENGTH, CategoryIn
from data_layer.setup import base, people
from data_layer.store import writes
from data_layer.vocab import DEFAULT_EXPENSE_CATEGORIES

SYSTEM_ACTOR = "系统"
"""Who the audit log names for what the program writes by itself, as ``auth.CLI_ACTOR`` (命令行) is
for what an administrator writes from the command line."""

NAME = "类别名称"
OLD_NAME = "原名称"


def needs_defaults(*, session: Session) -> bool:
    """True for a new installation: no organisation and no expense category yet (two cheap lookups)."""
    if session.exec(select(Organisation.id).limit(1)).first() is not None:
        return False
    return session.exec(select(ExpenseCategory.id).limit(1)).first() is None


def install_defaults(*, session: Session) -> bool:
    """Give a new installation the default expense categories, in their order, audited as ``SYSTEM_ACTOR``.

    Does nothing (False) once the database holds an organisation or a category: an organisation that
    deleted or renamed defaults keeps its own list, and the demo brings its own.
    """
    if not needs_defaults(session=session):
        return False
    for order, name in enumerate(DEFAULT_EXPENSE_CATEGORIES, start=1):
        writes.insert(session=session, actor=SYSTEM_ACTOR, row=ExpenseCategory(name=name, sort_order=order))
    return True


def _find(*, session: Session, name: str, field: str) -> ExpenseCategory:
    category = session.exec(select(ExpenseCategory).where(ExpenseCategory.name == name)).first()
    if category is None:
        raise Refused(f"找不到支出类别“{name}”", field=field)
    return category


def _name(value: str | None, field: str) -> str:
    name = parse.name(value, field=field, max_length=CATEGORY_NAME_LENGTH)
    assert name is not None  # required
    return name


def rename_category(*, session: Session, actor: Actor, old_name: str, new_name: str) -> writes.Written:
    """Rename a category in place: its budgets and expenses, of every year, now show the new name."""
    auth.require_admin(session=session, actor=actor)
    old_name = _name(old_name, OLD_NAME)
    new_name = _name(new_name, NAME)
    category = _find(session=session, name=old_name, field=OLD_NAME)
    if new_name == category.name:
        return writes.Written(writes.UNCHANGED, category)
    if session.exec(select(ExpenseCategory.id).where(ExpenseCategory.name == new_name)).first() is not None:
        raise Refused(f"支出类别“{new_name}”已存在，请换一个名称", field=NAME)
    return writes.upsert(
        session=session,
        actor=actor.username,
        model=ExpenseCategory,
        key={"id": category.id},
        values={"name": new_name},
        what=f"支出类别“{old_name}”",
    )


def category_uses(*, session: Session, category_id: int) -> tuple[int, int]:
    """How many allocations and expenses, of any year and any 党支部, are of this category."""
    allocations = session.exec(
        select(func.count(col(BudgetAllocation.id))).where(BudgetAllocation.category_id == category_id)
    ).one()
    expenses = session.exec(
        select(func.count(col(Expense.id))).where(Expense.category_id == category_id)
    ).one()
    return allocations, expenses


def delete_category(*, session: Session, actor: Actor, name: str) -> writes.Written[ExpenseCategory]:
    """Delete a category nothing uses (one added by mistake); one in use can only be deactivated."""
    auth.require_admin(session=session, actor=actor)
    name = _name(name, NAME)
    category = _find(session=session, name=name, field=NAME)
    allocations, expenses = category_uses(session=session, category_id=id_of(category))
    if allocations or expenses:
        raise Refused(
            f"支出类别“{name}”已有 {allocations} 条预算、{expenses} 笔支出，不能删除；"
            "可以停用（停用后不能再新增预算和支出，历史数据保留）",
            field=NAME,
        )
    return writes.delete(session=session, actor=actor.username, row=category, what=f"支出类别“{name}”")


def save_category_row(*, session: Session, actor: Actor, item: CategoryIn) -> writes.Written:
    """One row of the 支出类别 sheet: rename (when 原名称 is filled), add, reorder, 启用 / 停用.

    Importing the same file again changes nothing: a rename whose old name is gone and whose new name
    exists has been done already.
    """
    auth.require_admin(session=session, actor=actor)
    outcomes = []
    if item.old_name and item.old_name != item.name:
        exists = session.exec(select(ExpenseCategory.id).where(ExpenseCategory.name == item.name)).first()
        gone = session.exec(select(ExpenseCategory.id).where(ExpenseCategory.name == item.old_name)).first()
        if exists is None or gone is not None:
            outcomes.append(
                rename_category(session=session, actor=actor, old_name=item.old_name, new_name=item.name)[0]
            )
    outcome, category = base.save_category(
        session=session, actor=actor, name=item.name, sort_order=item.sort_order
    )
    outcomes.append(outcome)
    if item.active is not None:
        outcome, category = people.set_active(
            session=session, actor=actor, model=ExpenseCategory, key={"name": item.name}, active=item.active
        )
        outcomes.append(outcome)
    if writes.INSERTED in outcomes:
        return writes.Written(writes.INSERTED, category)
    return writes.Written(writes.UPDATED if writes.UPDATED in outcomes else writes.UNCHANGED, category)
