"""The administrator's writes (基础数据): organisation tree, members, year parameters, goals and tasks,
allocations, expense categories. (Activation, logins and 领办 are in ``setup_people``.)

Each checks the actor is an administrator, resolves the names typed to rows (a refusal naming the
field when unknown) and writes through ``writes.upsert`` by natural key, in the caller's transaction
(``db.write_scope``; only flushes). Returns ``(outcome, row)``: ``writes.INSERTED / UPDATED / UNCHANGED``.
"""

from functools import partial

from sqlalchemy import func
from sqlmodel import Session, col, select

from data_layer import auth, entry, months, orgs, parse
from data_layer.auth import Actor
from data_layer.errors import Refused
from data_layer.metrics import membership
from data_layer.models import (
    BudgetAllocation,
    ExpenseCategory,
    Goal,
    Member,
    Organisation,
    Submission,
    Task,
    YearParameter,
    id_of,
)
from data_layer.schemas import AllocationIn, MemberIn, OrganisationIn, TaskIn, YearParameterIn
from data_layer.store import audit, writes
from data_layer.vocab import GoalCategory, OrgKind


def find_organisation(*, session: Session, name: str, kind: OrgKind, field: str) -> Organisation:
    """The active organisation of ``kind`` called ``name``, or a refusal naming ``field``."""
    node = session.exec(select(Organisation).where(Organisation.name == name)).first()
    if node is None or node.kind != kind:
        raise Refused(f"找不到{kind}“{name}”", field=field)
    if not node.active:
        raise Refused(f"{kind}“{name}”已停用", field=field)
    return node


def _admin(session: Session, actor: Actor, cache: entry.Cache | None) -> None:
    """``auth.require_admin``, once per import (its ``cache``)."""
    entry.remembered(cache, ("admin",), partial(auth.require_admin, session=session, actor=actor))


def _node(session: Session, cache: entry.Cache | None, name: str, kind: OrgKind, field: str) -> Organisation:
    """``find_organisation``, remembered in an import's ``cache`` (``_preload_nodes`` fills it)."""
    return entry.remembered(
        cache,
        ("organisation", name, kind),
        partial(find_organisation, session=session, name=name, kind=kind, field=field),
    )


def _preload_nodes(session: Session, names: set[str], cache: entry.Cache) -> list[Organisation]:
    """The organisations of these names in one query per 500, remembered as ``_node`` remembers them;
    an inactive one is not remembered, so each of its rows is refused as ``find_organisation`` refuses."""
    nodes = [
        node
        for node in writes.load_by(session=session, column=Organisation.name, values=names)
        if isinstance(node, Organisation)
    ]
    for node in nodes:
        if node.active:
            cache[("organisation", node.name, node.kind)] = node
    return nodes


def find_member(*, session: Session, member_no: str, field: str) -> Member:
    member = session.exec(select(Member).where(Member.member_no == member_no)).first()
    if member is None:
        raise Refused(f"找不到党员编号为“{member_no}”的党员", field=field)
    return member


# Organisation tree


def save_organisation(
    *, session: Session, actor: Actor, item: OrganisationIn, expected_version: int | None = None
) -> writes.Written:
    """Add a node, or change an existing node's 网格 or 上级组织 (moving its whole subtree)."""
    auth.require_admin(session=session, actor=actor)
    kind = OrgKind(item.kind)
    parent = None
    if item.parent:
        parent = session.exec(select(Organisation).where(Organisation.name == item.parent)).first()
        if parent is None:
            raise Refused(f"找不到上级组织“{item.parent}”", field="上级组织")
    node = session.exec(select(Organisation).where(Organisation.name == item.name)).first()
    if node is None:
        if parent is not None and not parent.active:
            raise Refused(f"上级组织“{parent.name}”已停用", field="上级组织")
        node = orgs.add_organisation(
            session=session, name=item.name, kind=kind, parent=parent, grid=item.grid
        )
        audit.record(session=session, actor=actor.username, action="insert", row=node, before=None)
        return writes.Written(writes.INSERTED, node)

    if node.kind != kind:
        raise Refused(f"不能修改组织类型：“{node.name}”是{node.kind}", field="组织类型")
    old_path = node.path
    values: dict[str, object] = {"grid": item.grid}
    if (parent.id if parent else None) != node.parent_id:
        if parent is not None and parent.path.startswith(old_path):
            raise Refused(f"不能把“{node.name}”移到它自己或它的下级组织之下", field="上级组织")
        if parent is not None and not parent.active:
            raise Refused(f"上级组织“{parent.name}”已停用", field="上级组织")
        orgs.check_placement(node.kind, parent)
        values["parent_id"] = parent.id if parent else None
        values["path"] = f"{parent.path if parent else '/'}{node.id}/"
    outcome, node = writes.upsert(
        session=session,
        actor=actor.username,
        model=Organisation,
        key={"name": item.name},
        values=values,
        expected_version=expected_version,
        what=f"组织“{item.name}”",
    )
    if node.path != old_path:
        _move_subtree(session=session, actor=actor, old_prefix=old_path, new_prefix=node.path)
    return writes.Written(outcome, node)


def _move_subtree(*, session: Session, actor: Actor, old_prefix: str, new_prefix: str) -> None:
    """Rewrite the paths below a moved node; each changed row gets an audit row (action ``move``)."""
    for row in session.exec(select(Organisation).where(col(Organisation.path).like(f"{old_prefix}%"))).all():
        before = audit.snapshot(row)
        row.path = new_prefix + row.path.removeprefix(old_prefix)
        session.add(row)
        session.flush()
        audit.record(session=session, actor=actor.username, action="move", row=row, before=before)


# Members and year parameters


def save_member(
    *,
    session: Session,
    actor: Actor,
    item: MemberIn,
    expected_version: int | None = None,
    adding: bool = False,
    cache: entry.Cache | None = None,
    batch: writes.Batch | None = None,
) -> writes.Written:
    """Add or change a member by 党员编号; the member's 网格 is their 党支部's.

    ``adding``: a form's new member; a 党员编号 already in use is refused rather than that member changed.
    A change of 党支部 takes effect from the month of its 调入本支部日期 (the months before stay with the
    党支部 before it). A write that would change who counts in a submitted or approved month of a 党支部
    (a new member without a later 转入, a date or a move inside that month or before it) is refused
    naming the field; the month changes only once an administrator reopens it.
    ``cache`` and ``batch``: an import's, filled beforehand by ``preload_members``.
    """
    _admin(session, actor, cache)
    branch = _node(session, cache, item.branch, OrgKind.BRANCH, "所在党支部")
    group_id = None
    if item.group:
        group = _node(session, cache, item.group, OrgKind.GROUP, "党小组")
        if group.parent_id != branch.id:
            raise Refused(f"党小组“{group.name}”不属于{branch.name}", field="党小组")
        group_id = group.id
    key = {"member_no": item.member_no}
    existing = batch.found(model=Member, key=key) if batch is not None else writes.NOT_LOOKED_UP
    if existing is writes.NOT_LOOKED_UP:
        existing = session.exec(select(Member).where(Member.member_no == item.member_no)).first()
    if adding and existing is not None:
        raise Refused(f"党员编号 {item.member_no} 已是“{existing.name}”的编号，本次未保存", field="党员编号")
    values = {
        "name": item.name,
        "branch_id": branch.id,
        "group_id": group_id,
        "grid": branch.grid,
        "category": str(item.category),
        "joined_on": item.joined_on,
        "post": item.post,
        "arrived_on": item.arrived_on,
        "left_on": item.left_on,
        "died_on": item.died_on,
        **_move(existing, branch, item.moved_on),
    }
    before = set() if existing is None else _locked_months_counted(session, existing, cache)
    dates = {} if existing is None else {name: getattr(existing, name) for name in DATE_FIELDS}
    written = writes.upsert(
        session=session,
        actor=actor.username,
        model=Member,
        key=key,
        values=values,
        expected_version=expected_version,
        what=f"党员“{item.name}”（{item.member_no}）",
        batch=batch,
    )
    changed = before ^ _locked_months_counted(session, written.row, cache)
    if changed:
        _refuse_locked_change(session, dates, values, min(changed, key=lambda pair: pair[1]))
    return written


MOVE_FIELD = "调入本支部日期"


def _move(existing: Member | None, branch: Organisation, moved_on) -> dict:
    """The move between 党支部 a write records: a new 党支部 needs the day of the move; the same 党支部
    keeps its last move (its day may be corrected)."""
    if existing is None or existing.branch_id == branch.id:
        if moved_on is not None and (existing is None or existing.previous_branch_id is None):
            raise Refused(f"{MOVE_FIELD}只用于在党支部之间调动；新到的党员请填写转入日期", field=MOVE_FIELD)
        return {} if moved_on is None else {"moved_on": moved_on}
    if moved_on is None:
        raise Refused(f"调到{branch.name}，请填写{MOVE_FIELD}", field=MOVE_FIELD)
    return {"moved_on": moved_on, "previous_branch_id": existing.branch_id}


def _locked_months_counted(
    session: Session, member: Member, cache: entry.Cache | None = None
) -> set[tuple[int, str]]:
    """The submitted or approved months (党支部, month) whose members include this one, as it is in hand
    (``membership.branch_of``, the rule of the metrics' SQL): of its 党支部 and the one it moved from."""
    counted: set[tuple[int, str]] = set()
    branch_at = membership.branches_of(member)
    for branch_id in (member.branch_id, member.previous_branch_id):
        if branch_id is None:
            continue
        locked = entry.remembered(cache, ("locked", branch_id), partial(_locked_of, session, branch_id))
        counted |= {(branch_id, month) for month in locked if branch_at(month) == branch_id}
    return counted


def _locked_months(session: Session, branch_ids: list[int]) -> dict[int, list[str]]:
    """The submitted or approved months of each of these 党支部."""
    found: dict[int, list[str]] = {branch_id: [] for branch_id in branch_ids}
    for branch_id, month in session.exec(
        select(Submission.branch_id, Submission.month).where(
            col(Submission.branch_id).in_(branch_ids), col(Submission.status).in_(entry.LOCKED)
        )
    ).all():
        found[branch_id].append(month)
    return found


def _locked_of(session: Session, branch_id: int) -> list[str]:
    return _locked_months(session, [branch_id])[branch_id]


def preload_members(
    *, session: Session, actor: Actor, items: list[MemberIn], cache: entry.Cache, batch: writes.Batch
) -> None:
    """Before ``save_member`` of a roster's rows: their 党支部 and 党小组, the members of those 党员编号
    and the locked months of the 党支部 they count in, in a few queries. What ``find_organisation``
    refuses is not remembered: each of its rows is refused."""
    nodes = _preload_nodes(
        session, {item.branch for item in items} | {item.group for item in items if item.group}, cache
    )
    keys = [{"member_no": item.member_no} for item in items]
    batch.preload(model=Member, keys=keys)
    existing = [
        member for member in (batch.found(model=Member, key=key) for key in keys) if member is not None
    ]
    branch_ids = {id_of(node) for node in nodes if node.kind == OrgKind.BRANCH}
    branch_ids |= {member.branch_id for member in existing}
    branch_ids |= {member.previous_branch_id for member in existing if member.previous_branch_id is not None}
    for chunk in writes.chunks(sorted(branch_ids)):
        for branch_id, locked in _locked_months(session, chunk).items():
            cache[("locked", branch_id)] = locked


DATE_FIELDS = {
    "arrived_on": "转入日期",
    "left_on": "转出日期",
    "died_on": "离世日期",
    "joined_on": "入党日期",
}


def _refuse_locked_change(session: Session, dates: dict, values: dict, first: tuple[int, str]) -> None:
    """Refuse a member write that changes who counts in the locked month ``first``, naming the field
    that did it (``dates``: the member's dates before the write; none for a new member)."""
    branch_id, month = first
    label = (
        f"{session.get_one(Organisation, branch_id).name}{months.year_of(month)}年{months.number_of(month)}月"
    )
    changed = [title for name, title in DATE_FIELDS.items() if dates and values[name] != dates[name]]
    field = "转入日期" if not dates else next(iter(changed), MOVE_FIELD)
    raise Refused(
        f"{label}已提交或已审核，这样填写{field}会改变该月的党员人数；请填写该月之后的日期，"
        "或请管理员先重新打开该月",
        field=field,
    )


def save_year_parameters(
    *, session: Session, actor: Actor, item: YearParameterIn, expected_version: int | None = None
) -> writes.Written:
    auth.require_admin(session=session, actor=actor)
    return writes.upsert(
        session=session,
        actor=actor.username,
        model=YearParameter,
        key={"year": item.year},
        values={
            "last_year_payroll": item.last_year_payroll,
            "monthly_hours_target": item.monthly_hours_target,
            "monthly_points_target": item.monthly_points_target,
        },
        expected_version=expected_version,
        what=f"{item.year}年度参数",
    )


# Goals and tasks


def _add_goal(*, session: Session, actor: Actor, year: int, title: str, category: GoalCategory) -> Goal:
    """A task's goal that does not exist yet: goals come with their tasks (form and Excel), a step of
    ``save_task`` after its administrator check."""
    return writes.insert(
        session=session,
        actor=actor.username,
        row=Goal(year=year, title=title, category=str(category)),
    ).row


def save_task(
    *, session: Session, actor: Actor, item: TaskIn, expected_version: int | None = None
) -> writes.Written:
    """Add or change a task by 任务编号. Its goal is found by (year, title) or created with its category."""
    auth.require_admin(session=session, actor=actor)
    existing = session.exec(select(Task).where(Task.code == item.code)).first()
    if existing is not None:
        old_year = session.get_one(Goal, existing.goal_id).year
        if old_year != item.year:
            raise Refused(f"任务“{item.code}”属于{old_year}年度，不能改为{item.year}年度", field="开始月份")
    branch = session.exec(select(Organisation).where(Organisation.name == item.branch)).first()
    if branch is None or branch.kind != OrgKind.BRANCH:
        raise Refused(f"找不到党支部“{item.branch}”", field="责任党支部")
    if not branch.active and (existing is None or existing.branch_id != branch.id):
        raise Refused(f"党支部“{item.branch}”已停用", field="责任党支部")
    owner_id = None
    if item.owner_member_no:
        owner = find_member(session=session, member_no=item.owner_member_no, field="责任人党员编号")
        if not owner.active or owner.branch_id != branch.id:
            raise Refused(
                f"{owner.name}（{owner.member_no}）不是{branch.name}的在册党员", field="责任人党员编号"
            )
        owner_id = owner.id
    goal = session.exec(select(Goal).where(Goal.year == item.year, Goal.title == item.goal)).first()
    if goal is None:
        goal = _add_goal(
            session=session, actor=actor, year=item.year, title=item.goal, category=item.goal_category
        )
    elif goal.category != item.goal_category:
        raise Refused(
            f"目标“{goal.title}”的类别是{goal.category}，与填写的{item.goal_category}不一致", field="目标类别"
        )
    return writes.upsert(
        session=session,
        actor=actor.username,
        model=Task,
        key={"code": item.code},
        values={
            "title": item.title,
            "goal_id": goal.id,
            "branch_id": branch.id,
            "owner_member_id": owner_id,
            "unit": item.unit,
            "target_quantity": item.target_quantity,
            "weight": item.weight,
            "start_month": item.start_month,
            "due_month": item.due_month,
            "mode": str(item.mode),
        },
        expected_version=expected_version,
        what=f"任务“{item.code}”",
    )


# Budget


def save_allocation(
    *,
    session: Session,
    actor: Actor,
    item: AllocationIn,
    expected_version: int | None = None,
    cache: entry.Cache | None = None,
    batch: writes.Batch | None = None,
) -> writes.Written:
    """Set a 党支部's allocation for one year and expense category. ``cache`` and ``batch``: an
    import's, filled beforehand by ``preload_allocations``."""
    _admin(session, actor, cache)
    branch = _node(session, cache, item.branch, OrgKind.BRANCH, "党支部")
    category = entry.remembered(
        cache,
        ("category", item.category),
        lambda: session.exec(select(ExpenseCategory).where(ExpenseCategory.name == item.category)).first(),
    )
    if category is None:
        raise Refused(f"找不到支出类别“{item.category}”", field="支出类别")
    if not category.active:
        raise Refused(f"支出类别“{item.category}”已停用", field="支出类别")
    return writes.upsert(
        session=session,
        actor=actor.username,
        model=BudgetAllocation,
        key={"branch_id": branch.id, "year": item.year, "category_id": category.id},
        values={"amount": item.amount},
        expected_version=expected_version,
        what=f"{branch.name}{item.year}年度“{category.name}”预算",
        batch=batch,
    )


def preload_allocations(
    *, session: Session, actor: Actor, items: list[AllocationIn], cache: entry.Cache, batch: writes.Batch
) -> None:
    """Before ``save_allocation`` of a sheet's rows: their 党支部, categories and allocations already
    set, in a few queries."""
    nodes = _preload_nodes(session, {item.branch for item in items}, cache)
    branches = {node.name: node for node in nodes if node.kind == OrgKind.BRANCH and node.active}
    categories = entry.preload_keyed(
        session, ExpenseCategory.name, {item.category for item in items}, cache, "category"
    )
    keys = [
        {
            "branch_id": id_of(branches[item.branch]),
            "year": item.year,
            "category_id": id_of(categories[item.category]),
        }
        for item in items
        if item.branch in branches and item.category in categories
    ]
    batch.preload(model=BudgetAllocation, keys=keys)


def save_category(
    *, session: Session, actor: Actor, name: str, sort_order: int | None = None
) -> writes.Written:
    """Add an expense category (placed last unless ``sort_order`` is given) or change its place."""
    auth.require_admin(session=session, actor=actor)
    name = parse.name(name, field="支出类别", max_length=20)
    exists = session.exec(select(ExpenseCategory.id).where(ExpenseCategory.name == name)).first()
    if sort_order is None and exists is None:
        sort_order = (session.exec(select(func.max(ExpenseCategory.sort_order))).one() or 0) + 1
    return writes.upsert(
        session=session,
        actor=actor.username,
        model=ExpenseCategory,
        key={"name": name},
        values={} if sort_order is None else {"sort_order": sort_order},
        what=f"支出类别“{name}”",
    )
