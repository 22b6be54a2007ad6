"""Write side of the monthly figures: task progress, study and expenses (meetings: ``entry.meetings``).

Every function: authorize the actor for the row's 党支部 → check what the schema cannot (the task, member
or branch exists; the month is open and not in the future) → write by natural key through
``writes.upsert`` (optimistic locking, audit before/after) → mark the month 草稿. They run inside the
caller's ``db.write_scope`` transaction, so a refusal anywhere writes nothing.
"""

from collections.abc import Callable
from contextlib import suppress
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, SQLModel, col, select

from data_layer import clock, months
from data_layer.auth import Actor, authorize_write
from data_layer.entry import workflow
from data_layer.errors import Refused
from data_layer.metrics import membership
from data_layer.models import (
    BudgetAllocation,
    Expense,
    ExpenseCategory,
    Member,
    Organisation,
    StudyRecord,
    Submission,
    Task,
    TaskProgress,
    User,
    id_of,
    utc_now,
)
from data_layer.schemas import ExpenseIn, ProgressIn, StudyIn
from data_layer.store import writes
from data_layer.vocab import OrgKind

FEN = Decimal("0.01")

Cache = dict[tuple, Any]
"""A memo for one import of many rows by one actor in one transaction (``excel_import``): lookups and
checks whose answer cannot change while the import runs. Refusals are not remembered. The ``preload_*``
functions fill it for a whole sheet in a few queries before its rows are written."""


def remembered(cache: Cache | None, key: tuple, compute: Callable[[], Any]) -> Any:
    if cache is None:
        return compute()
    if key not in cache:
        cache[key] = compute()
    return cache[key]


def open_branch(
    session: Session, actor: Actor, branch_id: int, month: str, cache: Cache | None = None
) -> Organisation:
    def check() -> Organisation:
        branch = authorize_write(session=session, actor=actor, branch_id=branch_id)
        workflow.require_open(session=session, branch=branch, month=month)
        return branch

    return remembered(cache, ("open", branch_id, month), check)


def draft_month(
    session: Session,
    actor: Actor,
    branch_id: int,
    month: str,
    cache: Cache | None,
    batch: writes.Batch | None = None,
) -> None:
    def touch() -> bool:
        workflow.touch_draft(session=session, actor=actor, branch_id=branch_id, month=month, batch=batch)
        return True

    remembered(cache, ("draft", branch_id, month), touch)


def _not_future(month: str, today: date | None, field: str = "月份") -> None:
    current = months.of_date(today or clock.today())
    if month > current:
        raise Refused(f"不能填报未来的月份（当前为 {current}）", field=field)


def branch_by_name(*, session: Session, name: str, field: str = "党支部") -> Organisation:
    branch = session.exec(select(Organisation).where(Organisation.name == name)).first()
    if branch is None or branch.kind != OrgKind.BRANCH or not branch.active:
        raise Refused(f"找不到党支部“{name}”", field=field)
    return branch


def preload_branches(*, session: Session, names: set[str], cache: Cache) -> dict[str, Organisation]:
    """The 党支部 of these names in one query per 500, remembered as ``branch_by_name`` remembers them
    (``("branch", name)``); a name it would refuse is not remembered, so each of its rows is refused."""
    found = {}
    for branch in writes.load_by(session=session, column=Organisation.name, values=names):
        if isinstance(branch, Organisation) and branch.kind == OrgKind.BRANCH and branch.active:
            cache[("branch", branch.name)] = found[branch.name] = branch
    return found


def save_progress(
    *,
    session: Session,
    actor: Actor,
    item: ProgressIn,
    expected_version: int | None = None,
    today: date | None = None,
    cache: Cache | None = None,
    batch: writes.Batch | None = None,
) -> writes.Written[TaskProgress]:
    """This month's quantity of one task (one row per task and month).

    An import passes its ``cache`` and ``batch``, filled beforehand by ``preload_progress``.
    """
    task = remembered(
        cache,
        ("task", item.task_code),
        lambda: session.exec(select(Task).where(Task.code == item.task_code)).first(),
    )
    if task is None or not task.active:
        raise Refused(f"找不到任务“{item.task_code}”", field="任务编号")
    open_branch(session, actor, task.branch_id, item.month, cache)
    _not_future(item.month, today)
    if not (
        task.start_month <= item.month and months.year_of(item.month) == months.year_of(task.start_month)
    ):
        raise Refused(
            f"任务{task.code}的执行期为 {task.start_month} 起（{task.start_month[:4]}年），不能填报 {item.month}"
        )
    outcome, row = writes.upsert(
        session=session,
        actor=actor.username,
        model=TaskProgress,
        key={"task_id": task.id, "month": item.month},
        values={"quantity": item.quantity, "note": item.note},
        expected_version=expected_version,
        what=f"任务{task.code}的{item.month}进度",
        on_insert={"entered_by_id": actor.user_id},
        batch=batch,
    )
    if outcome != writes.UNCHANGED:
        row.updated_at = utc_now()
        draft_month(session, actor, task.branch_id, item.month, cache, batch)
    return writes.Written(outcome, row)


def save_study(
    *,
    session: Session,
    actor: Actor,
    item: StudyIn,
    expected_version: int | None = None,
    today: date | None = None,
    cache: Cache | None = None,
    batch: writes.Batch | None = None,
) -> writes.Written[StudyRecord]:
    """A member's study in a month (one row per member and month).

    An import passes its ``cache`` and ``batch``, filled beforehand by ``preload_study``.
    """
    member = remembered(
        cache,
        ("member", item.member_no),
        lambda: session.exec(select(Member).where(Member.member_no == item.member_no)).first(),
    )
    if member is None or not member.active:
        raise Refused(f"找不到党员编号“{item.member_no}”", field="党员编号")
    if item.name and item.name != member.name:
        raise Refused(
            f"党员编号 {member.member_no} 对应的是“{member.name}”，与填写的“{item.name}”不一致", field="姓名"
        )
    _not_future(item.month, today)
    branch_id = counted_branch(member, item.month)
    open_branch(session, actor, branch_id, item.month, cache)
    outcome, row = writes.upsert(
        session=session,
        actor=actor.username,
        model=StudyRecord,
        key={"member_id": member.id, "month": item.month},
        values={"points": item.points, "hours": item.hours, "sessions": item.sessions},
        expected_version=expected_version,
        what=f"{member.name}的{item.month}学习记录",
        batch=batch,
    )
    if outcome != writes.UNCHANGED:
        draft_month(session, actor, branch_id, item.month, cache, batch)
    return writes.Written(outcome, row)


def counted_branch(member: Member, month: str) -> int:
    """The 党支部 a member's figures of M belong to (``membership.branch_of``); refused, naming the
    month, when the member does not count in M (before 入党 or 转入, from the month of 转出 or 离世)."""
    branch_id = membership.branch_of(member, month)
    if branch_id is not None:
        return branch_id
    started = max(member.joined_on, member.arrived_on or member.joined_on)
    if month < months.of_date(started):
        how = "转入" if started != member.joined_on else "入党"
        raise Refused(f"{member.name}于 {started} {how}，不能填报此前月份", field="月份")
    gone = min(day for day in (member.left_on, member.died_on) if day is not None)
    how = "离世" if gone == member.died_on else "转出"
    raise Refused(f"{member.name}已于 {gone} {how}，不能填报此后月份", field="月份")


def preload_months(
    session: Session, actor: Actor, branch_months: set[tuple[int, str]], cache: Cache, batch: writes.Batch
) -> None:
    """For a sheet's 党支部 and months, in a few queries: their submissions (into ``batch``, for
    ``draft_month``) and ``open_branch`` as remembered.

    A month is open unless its submission is locked (``workflow.require_open``). What is refused is not
    remembered: each of its rows is checked again when written and refused with its own message.
    """
    # Held while checking: the session's identity map (which session.get reads) keeps only rows in use.
    held: list[SQLModel | None] = [
        *writes.load_by(session=session, column=Organisation.id, values={b for b, _ in branch_months})
    ]
    held.append(session.get(User, actor.user_id) if actor.user_id else None)
    keys: list[dict[str, Any]] = [
        {"branch_id": branch_id, "month": month} for branch_id, month in sorted(branch_months)
    ]
    batch.preload(model=Submission, keys=keys)
    for key in keys:
        submission = batch.found(model=Submission, key=key)
        if submission is not None and submission.status in workflow.LOCKED:
            continue
        with suppress(Refused):
            cache[("open", key["branch_id"], key["month"])] = authorize_write(
                session=session, actor=actor, branch_id=key["branch_id"]
            )


def preload_keyed(session: Session, column, values: set[Any], cache: Cache, name: str) -> dict[Any, Any]:
    """Rows by a unique ``column``, remembered as ``(name, value)`` (None for a value not found)."""
    found = {
        getattr(row, column.key): row for row in writes.load_by(session=session, column=column, values=values)
    }
    for value in values:
        cache[(name, value)] = found.get(value)
    return found


def preload_study(
    *, session: Session, actor: Actor, items: list[StudyIn], cache: Cache, batch: writes.Batch
) -> None:
    """Before ``save_study`` of many rows: their members, months and existing records in a few queries."""
    members = preload_keyed(session, Member.member_no, {item.member_no for item in items}, cache, "member")
    known = [(item, members[item.member_no]) for item in items if item.member_no in members]
    branch_months = {(membership.branch_of(member, item.month), item.month) for item, member in known}
    preload_months(
        session,
        actor,
        {(branch, month) for branch, month in branch_months if branch is not None},
        cache,
        batch,
    )
    keys = [{"member_id": member.id, "month": item.month} for item, member in known]
    batch.preload(model=StudyRecord, keys=keys)


def preload_progress(
    *, session: Session, actor: Actor, items: list[ProgressIn], cache: Cache, batch: writes.Batch
) -> None:
    """Before ``save_progress`` of many rows: their tasks, months and existing progress in a few queries."""
    tasks = preload_keyed(session, Task.code, {item.task_code for item in items}, cache, "task")
    known = [(item, tasks[item.task_code]) for item in items if item.task_code in tasks]
    preload_months(session, actor, {(task.branch_id, item.month) for item, task in known}, cache, batch)
    keys = [{"task_id": task.id, "month": item.month} for item, task in known]
    batch.preload(model=TaskProgress, keys=keys)


def _money(total: Any) -> Decimal:
    """A sum of money as the database returns it (SQLite: a float), to the fen."""
    return Decimal(total or 0).quantize(FEN)


def remaining_allocation(
    *, session: Session, branch_id: int, category_id: int, year: int, excluding: int | None = None
) -> Decimal:
    """The year's allocation of a branch and category less what is already spent from it."""
    allocated = session.exec(
        select(func.sum(BudgetAllocation.amount)).where(
            BudgetAllocation.year == year,
            BudgetAllocation.branch_id == branch_id,
            BudgetAllocation.category_id == category_id,
        )
    ).one()
    spent = select(func.sum(Expense.amount)).where(
        Expense.branch_id == branch_id,
        Expense.category_id == category_id,
        Expense.month >= months.make(year, 1),
        Expense.month <= months.make(year, 12),
    )
    if excluding is not None:
        spent = spent.where(Expense.id != excluding)
    return _money(allocated) - _money(session.exec(spent).one())


def _left_key(branch_id: int, category_id: int, year: int) -> tuple:
    return ("left", branch_id, category_id, year)


def _left_of(expense: Expense) -> tuple:
    return _left_key(expense.branch_id, expense.category_id, expense.spent_on.year)


def _preload_left(session: Session, keys: set[tuple], cache: Cache) -> None:
    """``remaining_allocation`` of many (branch, category, year), remembered by ``_left_key``: a query
    of allocations and one of expenses per year and 500 党支部."""
    for year in {year for _, _, _, year in keys}:
        wanted = {(branch, category) for _, branch, category, of_year in keys if of_year == year}
        allocated: dict[tuple[int, int], Any] = {}
        spent: dict[tuple[int, int], Any] = {}
        for branches in writes.chunks(branch for branch, _ in wanted):
            allocated |= {
                (branch, category): total
                for branch, category, total in session.exec(
                    select(
                        BudgetAllocation.branch_id,
                        BudgetAllocation.category_id,
                        func.sum(BudgetAllocation.amount),
                    )
                    .where(BudgetAllocation.year == year, col(BudgetAllocation.branch_id).in_(branches))
                    .group_by(col(BudgetAllocation.branch_id), col(BudgetAllocation.category_id))
                ).all()
            }
            spent |= {
                (branch, category): total
                for branch, category, total in session.exec(
                    select(Expense.branch_id, Expense.category_id, func.sum(Expense.amount))
                    .where(
                        col(Expense.branch_id).in_(branches),
                        Expense.month >= months.make(year, 1),
                        Expense.month <= months.make(year, 12),
                    )
                    .group_by(col(Expense.branch_id), col(Expense.category_id))
                ).all()
            }
        for pair in wanted:
            cache[_left_key(*pair, year)] = _money(allocated.get(pair)) - _money(spent.get(pair))


def preload_expenses(
    *, session: Session, actor: Actor, items: list[ExpenseIn], cache: Cache, batch: writes.Batch
) -> None:
    """Before ``save_expense`` of a ledger's rows: their 党支部, categories, months, the expenses their
    凭证号 name and what is left of each allocation they spend from, in a few queries.

    A 党支部 that ``branch_by_name`` refuses is not remembered: each of its rows is refused when written."""
    preload_branches(session=session, names={item.branch for item in items}, cache=cache)
    categories = preload_keyed(
        session, ExpenseCategory.name, {item.category for item in items}, cache, "category"
    )
    known = [
        (id_of(cache[("branch", item.branch)]), item) for item in items if ("branch", item.branch) in cache
    ]
    preload_months(session, actor, {(branch_id, item.month) for branch_id, item in known}, cache, batch)
    vouchers = [
        {"voucher_no": item.voucher_no, "branch_id": branch_id}
        for branch_id, item in known
        if item.voucher_no
    ]
    batch.preload(model=Expense, keys=vouchers)
    existing = [batch.found(model=Expense, key=key) for key in vouchers]
    for row in existing:
        if row is not None:  # an update finds its row by id too (``writes.upsert``)
            batch.know(model=Expense, key={"id": row.id}, row=row)
    left = {_left_of(row) for row in existing if row is not None}
    left |= {
        _left_key(branch_id, id_of(categories[item.category]), item.spent_on.year)
        for branch_id, item in known
        if item.category in categories
    }
    _preload_left(session, left, cache)


def _same_voucher(
    session: Session, branch_id: int, voucher_no: str, batch: writes.Batch | None
) -> Expense | None:
    key = {"voucher_no": voucher_no, "branch_id": branch_id}
    found = batch.found(model=Expense, key=key) if batch is not None else writes.NOT_LOOKED_UP
    if found is not writes.NOT_LOOKED_UP:
        return found
    return session.exec(
        select(Expense).where(Expense.branch_id == branch_id, Expense.voucher_no == voucher_no)
    ).first()


def save_expense(
    *,
    session: Session,
    actor: Actor,
    item: ExpenseIn,
    expense_id: int | None = None,
    expected_version: int | None = None,
    confirm_over_allocation: bool = False,
    by_voucher: bool = False,
    cache: Cache | None = None,
    batch: writes.Batch | None = None,
) -> writes.Written[Expense]:
    """An expense from the party-building budget: a new one, or the expense ``expense_id`` changed
    (with the ``expected_version`` it was loaded at).

    A 凭证号 names one expense of its 党支部: a new expense (or a change) with the 凭证号 of another
    expense is refused, naming that expense. A ledger re-imported (``by_voucher``) updates the expense
    with its 凭证号 instead. Spending beyond what is left of the category's allocation needs
    ``confirm_over_allocation``; such an expense is kept with its flag so that leaders see it.
    ``cache`` and ``batch``: an import's (``Cache``, filled beforehand by ``preload_expenses``): the
    党支部, its open month, its draft, the expenses of its 凭证号 and what is left of each allocation
    looked up once; what is left is then counted as each expense of the import is added or changed.
    """
    branch = remembered(
        cache, ("branch", item.branch), lambda: branch_by_name(session=session, name=item.branch)
    )
    branch_id = id_of(branch)
    open_branch(session, actor, branch_id, item.month, cache)
    category = remembered(
        cache,
        ("category", item.category),
        lambda: session.exec(select(ExpenseCategory).where(ExpenseCategory.name == item.category)).first(),
    )
    if category is None or not category.active:
        raise Refused(f"找不到支出类别“{item.category}”", field="支出类别")
    same_voucher = _same_voucher(session, branch_id, item.voucher_no, batch) if item.voucher_no else None
    if expense_id:
        existing = session.get(Expense, expense_id)
        if existing is None:
            raise Refused("该支出已被他人删除，请刷新后重新填写；本次未保存")
    else:
        existing = same_voucher if by_voucher else None
    if same_voucher is not None and same_voucher is not existing:
        raise Refused(
            f"凭证号“{item.voucher_no}”已用于 {same_voucher.spent_on} ¥{same_voucher.amount:,.2f}"
            f"（{same_voucher.purpose}）的支出；本次未保存。若是另一笔支出，请核对凭证号",
            field="凭证号",
        )
    if existing is not None and existing.branch_id != branch_id:
        raise Refused("不能把支出改到其他党支部", field="党支部")
    if existing is not None and existing.month != item.month:
        open_branch(session, actor, branch_id, existing.month, cache)
    left_key = _left_key(branch_id, id_of(category), item.spent_on.year)
    was = (_left_of(existing), existing.amount) if existing is not None else None
    if cache is None or left_key not in cache:
        left = remaining_allocation(
            session=session,
            branch_id=branch_id,
            category_id=id_of(category),
            year=item.spent_on.year,
            excluding=existing.id if existing else None,
        )
    else:  # what is left without the expense this row changes
        left = cache[left_key] + (was[1] if was is not None and was[0] == left_key else 0)
    over = item.amount > left
    if over and not confirm_over_allocation:
        raise Refused(
            f"超出“{category.name}”剩余预算 ¥{left:,.2f}；如确需支出，请勾选“确认超预算支出”",
            field="金额(元)",
        )
    values: dict[str, Any] = {
        "spent_on": item.spent_on,
        "month": item.month,
        "branch_id": branch_id,
        "category_id": id_of(category),
        "amount": item.amount,
        "purpose": item.purpose,
        "voucher_no": item.voucher_no,
        "over_allocation_confirmed": over,
    }
    what = f"凭证{item.voucher_no or ''}支出"
    if existing is None:
        row = Expense(**values, entered_by_id=actor.user_id, created_at=utc_now())
        if batch is not None:
            outcome, row = batch.insert(
                actor=actor.username, row=row, key={"voucher_no": item.voucher_no, "branch_id": branch_id}
            )
        else:
            outcome, row = writes.insert(session=session, actor=actor.username, row=row)
    else:
        outcome, row = writes.upsert(
            session=session,
            actor=actor.username,
            model=Expense,
            key={"id": existing.id},
            values=values,
            expected_version=expected_version,
            what=what,
            batch=batch,
        )
    if cache is not None:
        _count_left(cache, was, left_key, item.amount)
    if outcome != writes.UNCHANGED:
        draft_month(session, actor, branch_id, item.month, cache, batch)
    return writes.Written(outcome, row)


def _count_left(cache: Cache, was: tuple[tuple, Decimal] | None, left_key: tuple, amount: Decimal) -> None:
    """What an import's next expense has left: this one's amount spent, what it changed (``was``: its
    allocation and amount before) given back; remembered only where it was already counted."""
    if was is not None and was[0] in cache:
        cache[was[0]] += was[1]
    if left_key in cache:
        cache[left_key] -= amount


def delete_expense(
    *, session: Session, actor: Actor, expense_id: int, expected_version: int | None = None
) -> writes.Written[Expense]:
    """Remove a wrongly entered expense of an open month (the audit log keeps what it was)."""
    row = session.get(Expense, expense_id)
    if row is None:
        raise Refused("找不到该支出")
    open_branch(session, actor, row.branch_id, row.month)
    return writes.delete(
        session=session, actor=actor.username, row=row, expected_version=expected_version, what="该支出"
    )
