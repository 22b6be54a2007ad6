"""The administrator's writes (基础数据) on the hand-made organisation, each in a database of its own."""

import json
from datetime import date
from decimal import Decimal

import pytest
from sqlmodel import Session, select

from data_layer import auth, metrics, setup
from data_layer.errors import Refused
from data_layer.models import AuditLog, BudgetAllocation, Member, Organisation, Task, User, YearParameter
from data_layer.schemas import AllocationIn, MemberIn, OrganisationIn, TaskIn, YearParameterIn
from data_layer.store import db, writes
from data_layer.vocab import GoalCategory, MemberCategory, OrgKind, Role, TaskMode
from tests.actors import actor, org_id
from tests.handmade import MONTH, PASSWORD


@pytest.fixture
def engine(fresh_engine):
    """The hand-made organisation in a database of its own, for tests that write."""
    return fresh_engine


def org(session: Session, name: str) -> Organisation:
    return session.exec(select(Organisation).where(Organisation.name == name)).one()


def audit_rows(session: Session, table: str, row_id: int | str) -> list[AuditLog]:
    return session.exec(
        select(AuditLog)
        .where(AuditLog.table_name == table, AuditLog.row_id == str(row_id))
        .order_by(AuditLog.id)
    ).all()


def branch_names(session: Session, username: str = "leader", under: str | None = None) -> list[str]:
    org_ids = (org_id(session, under),) if under else ()
    overview = metrics.overview(session=session, actor=actor(session, username), month=MONTH, org_ids=org_ids)
    return overview.branches["branch"].tolist()


def member_in(**changes) -> MemberIn:
    values = {
        "member_no": "T100",
        "name": "钱九",
        "branch": "综采一队党支部",
        "group": "综采一队第一党小组",
        "category": MemberCategory.FULL,
        "joined_on": date(2015, 7, 1),
        "post": None,
        "arrived_on": date(2026, 4, 8),  # after 综采一队's approved months
    }
    return MemberIn(**{**values, **changes})


def task_in(**changes) -> TaskIn:
    values = {
        "code": "N1",
        "title": "建设党员先锋岗",
        "goal": "推进党支部标准化规范化建设",
        "goal_category": GoalCategory.ORGANISATION,
        "branch": "综采一队党支部",
        "owner_member_no": "T001",
        "unit": "个",
        "target_quantity": Decimal(3),
        "weight": Decimal(1),
        "start_month": "2026-02",
        "due_month": "2026-06",
        "mode": TaskMode.ASSIGNED,
    }
    return TaskIn(**{**values, **changes})


# --- the organisation tree -----------------------------------------------------------------------


def test_a_new_branch_under_a_general_branch_gets_its_path_and_shows_in_the_overview(engine):
    with db.write_scope(engine) as session:
        outcome, node = setup.save_organisation(
            session=session,
            actor=actor(session, "admin"),
            item=OrganisationIn(name="综采二队党支部", kind=OrgKind.BRANCH, parent="一线党总支", grid="井下"),
        )
        assert outcome == writes.INSERTED
        new_id = node.id

    with Session(engine) as session:
        general = org(session, "一线党总支")
        assert org(session, "综采二队党支部").path == f"{general.path}{new_id}/"
        # New nodes sort first among their siblings (sort_order 0), before 综采一队 (1) and 掘进一队 (2).
        assert branch_names(session) == ["综采二队党支部", "综采一队党支部", "掘进一队党支部", "机关党支部"]
        assert branch_names(session, under="一线党总支") == [
            "综采二队党支部",
            "综采一队党支部",
            "掘进一队党支部",
        ]
        [entry] = audit_rows(session, "organisation", new_id)
        assert (entry.actor, entry.action, entry.before) == ("admin", "insert", None)
        assert json.loads(entry.after)["path"] == f"{general.path}{new_id}/"


def test_moving_a_branch_moves_its_groups_and_leaves_the_old_general_branch(engine):
    with db.write_scope(engine) as session:
        admin = actor(session, "admin")
        # The new 党总支 is created in the same transaction as the move that uses it.
        setup.save_organisation(
            session=session,
            actor=admin,
            item=OrganisationIn(name="二线党总支", kind=OrgKind.GENERAL_BRANCH, parent="测试党委", grid=None),
        )
        outcome, branch = setup.save_organisation(
            session=session,
            actor=admin,
            item=OrganisationIn(name="综采一队党支部", kind=OrgKind.BRANCH, parent="二线党总支", grid="井下"),
            expected_version=1,
        )
        assert (outcome, branch.version) == (writes.UPDATED, 2)

    with Session(engine) as session:
        second, branch, group = (
            org(session, n) for n in ("二线党总支", "综采一队党支部", "综采一队第一党小组")
        )
        assert branch.parent_id == second.id
        assert branch.path == f"{second.path}{branch.id}/"
        assert group.path == f"{branch.path}{group.id}/"
        assert branch_names(session, under="一线党总支") == ["掘进一队党支部"]
        assert branch_names(session, under="二线党总支") == ["综采一队党支部"]
        # The old 党总支 now holds only 掘进一队 (target 20, 2 done): 10.0 %.
        overview = metrics.overview(
            session=session,
            actor=actor(session, "leader"),
            month=MONTH,
            org_ids=(org_id(session, "一线党总支"),),
        )
        assert overview.task_completion.value == pytest.approx(0.1)
        [moved] = audit_rows(session, "organisation", group.id)
        assert moved.action == "move"
        assert json.loads(moved.before)["path"] != json.loads(moved.after)["path"] == group.path


@pytest.mark.parametrize(
    "item, field, message",
    [
        (
            OrganisationIn(
                name="一线党总支", kind=OrgKind.GENERAL_BRANCH, parent="综采一队党支部", grid=None
            ),
            "上级组织",
            "不能把“一线党总支”移到它自己或它的下级组织之下",
        ),
        (
            OrganisationIn(name="机关党支部", kind=OrgKind.BRANCH, parent="综采一队党支部", grid="机关"),
            "组织类型",
            "综采一队党支部下不能设立党支部",
        ),
        (
            OrganisationIn(name="新党支部", kind=OrgKind.BRANCH, parent="综采一队第一党小组", grid=None),
            "组织类型",
            "综采一队第一党小组下不能设立党支部",
        ),
        (
            OrganisationIn(name="机关党支部", kind=OrgKind.GENERAL_BRANCH, parent="测试党委", grid="机关"),
            "组织类型",
            "不能修改组织类型：“机关党支部”是党支部",
        ),
        (
            OrganisationIn(name="新党支部", kind=OrgKind.BRANCH, parent="二线党总支", grid=None),
            "上级组织",
            "找不到上级组织“二线党总支”",
        ),
        (
            OrganisationIn(name="新党小组", kind=OrgKind.GROUP, parent="已撤销党支部", grid=None),
            "上级组织",
            "上级组织“已撤销党支部”已停用",
        ),
    ],
)
def test_the_tree_rules_refuse_bad_nodes_and_moves(engine, item, field, message):
    with Session(engine) as session, pytest.raises(Refused) as refusal:
        setup.save_organisation(session=session, actor=actor(session, "admin"), item=item)
    assert str(refusal.value) == f"“{field}”：{message}"


def test_a_refusal_inside_the_write_scope_rolls_back_the_whole_transaction(engine):
    with pytest.raises(Refused), db.write_scope(engine) as session:
        admin = actor(session, "admin")
        setup.save_organisation(
            session=session,
            actor=admin,
            item=OrganisationIn(name="二线党总支", kind=OrgKind.GENERAL_BRANCH, parent="测试党委", grid=None),
        )
        setup.save_member(session=session, actor=admin, item=member_in(branch="二线党总支", group=None))
    with Session(engine) as session:
        assert session.exec(select(Organisation).where(Organisation.name == "二线党总支")).first() is None


# --- members -------------------------------------------------------------------------------------


def test_a_member_saved_twice_is_inserted_then_updated_with_before_and_after(engine):
    with db.write_scope(engine) as session:
        first, row = setup.save_member(session=session, actor=actor(session, "admin"), item=member_in())
        member_id = row.id
    with db.write_scope(engine) as session:
        second, row = setup.save_member(
            session=session, actor=actor(session, "admin"), item=member_in(post="班长"), expected_version=1
        )
    with db.write_scope(engine) as session:
        third, _ = setup.save_member(
            session=session, actor=actor(session, "admin"), item=member_in(post="班长")
        )

    assert (first, second, third) == (writes.INSERTED, writes.UPDATED, writes.UNCHANGED)
    with Session(engine) as session:
        saved = session.get(Member, member_id)
        assert (saved.version, saved.post, saved.grid) == (2, "班长", "井下")
        assert saved.group_id == org_id(session, "综采一队第一党小组")
        inserted, updated = audit_rows(session, "member", member_id)  # the unchanged save wrote none
        assert (inserted.action, inserted.before, json.loads(inserted.after)["post"]) == (
            "insert",
            None,
            None,
        )
        assert updated.action == "update"
        assert (json.loads(updated.before)["post"], json.loads(updated.after)["post"]) == (None, "班长")
        assert (json.loads(updated.before)["version"], json.loads(updated.after)["version"]) == (1, 2)


def test_a_stale_version_is_refused_naming_who_changed_the_member(engine):
    with db.write_scope(engine) as session:
        setup.save_member(session=session, actor=actor(session, "admin"), item=member_in())
    with db.write_scope(engine) as session:
        setup.save_member(session=session, actor=auth.CLI_ACTOR, item=member_in(post="班长"))

    with Session(engine) as session, pytest.raises(Refused) as refusal:
        setup.save_member(
            session=session, actor=actor(session, "admin"), item=member_in(post="副班长"), expected_version=1
        )
    assert refusal.value.message.startswith("党员“钱九”（T100）已被 命令行 于 ")
    assert refusal.value.message.endswith("修改，请刷新后重新填写；本次未保存")


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"branch": "不存在党支部"}, "所在党支部", "找不到党支部“不存在党支部”"),
        ({"branch": "一线党总支"}, "所在党支部", "找不到党支部“一线党总支”"),
        ({"branch": "已撤销党支部", "group": None}, "所在党支部", "党支部“已撤销党支部”已停用"),
        ({"group": "不存在党小组"}, "党小组", "找不到党小组“不存在党小组”"),
        ({"branch": "机关党支部"}, "党小组", "党小组“综采一队第一党小组”不属于机关党支部"),
        (
            {"branch": "掘进一队党支部", "group": "掘进一队原第一党小组"},
            "党小组",
            "党小组“掘进一队原第一党小组”已停用",
        ),
    ],
)
def test_unknown_branch_or_group_of_a_member_is_refused_naming_the_field(engine, changes, field, message):
    with Session(engine) as session:
        with pytest.raises(Refused) as refusal:
            setup.save_member(session=session, actor=actor(session, "admin"), item=member_in(**changes))
        assert str(refusal.value) == f"“{field}”：{message}"
        assert session.exec(select(Member).where(Member.member_no == "T100")).first() is None


# --- goals, tasks, year parameters, budget -------------------------------------------------------


def test_a_task_is_saved_under_an_existing_or_a_new_goal(engine):
    with db.write_scope(engine) as session:
        admin = actor(session, "admin")
        outcome, task = setup.save_task(session=session, actor=admin, item=task_in())
        _, other = setup.save_task(
            session=session,
            actor=admin,
            item=task_in(
                code="N2", goal="打造党建品牌", goal_category=GoalCategory.BRAND, owner_member_no=None
            ),
        )
        assert outcome == writes.INSERTED
        assert task.goal_id == session.exec(select(Task.goal_id).where(Task.code == "A1")).one()
        assert (other.owner_member_id, other.goal_id != task.goal_id) == (None, True)
        assert len(audit_rows(session, "goal", other.goal_id)) == 1


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"owner_member_no": "T999"}, "责任人党员编号", "找不到党员编号为“T999”的党员"),
        ({"owner_member_no": "T005"}, "责任人党员编号", "欧阳明（T005）不是综采一队党支部的在册党员"),
        ({"owner_member_no": "T003"}, "责任人党员编号", "王五（T003）不是综采一队党支部的在册党员"),
        ({"branch": "一线党总支"}, "责任党支部", "找不到党支部“一线党总支”"),
        (
            {"code": "A1", "start_month": "2025-02", "due_month": "2025-06"},
            "开始月份",
            "任务“A1”属于2026年度，不能改为2025年度",
        ),
        (
            {"goal_category": GoalCategory.BRAND},
            "目标类别",
            "目标“推进党支部标准化规范化建设”的类别是组织建设，与填写的品牌创建不一致",
        ),
    ],
)
def test_bad_tasks_are_refused_naming_the_field(engine, changes, field, message):
    with Session(engine) as session, pytest.raises(Refused) as refusal:
        setup.save_task(session=session, actor=actor(session, "admin"), item=task_in(**changes))
    assert str(refusal.value) == f"“{field}”：{message}"


def test_year_parameters_allocations_and_categories(engine):
    with db.write_scope(engine) as session:
        admin = actor(session, "admin")
        outcome, params = setup.save_year_parameters(
            session=session,
            actor=admin,
            item=YearParameterIn(
                year=2026,
                last_year_payroll=Decimal("2500000.00"),
                monthly_hours_target=Decimal("4.00"),
                monthly_points_target=600,
            ),
            expected_version=1,
        )
        assert (outcome, params.version) == (writes.UPDATED, 2)
        outcome, category = setup.save_category(session=session, actor=admin, name=" 培训 ")
        assert (outcome, category.name, category.sort_order) == (writes.INSERTED, "培训", 3)
        outcome, allocation = setup.save_allocation(
            session=session,
            actor=admin,
            item=AllocationIn(year=2026, branch="机关党支部", category="培训", amount=Decimal("1500.00")),
        )
        assert outcome == writes.INSERTED
        with pytest.raises(Refused) as refusal:
            setup.save_allocation(
                session=session,
                actor=admin,
                item=AllocationIn(year=2026, branch="机关党支部", category="差旅", amount=Decimal(1)),
            )
        assert str(refusal.value) == "“支出类别”：找不到支出类别“差旅”"
    with Session(engine) as session:
        assert session.get(YearParameter, 2026).last_year_payroll == Decimal("2500000.00")
        assert session.get(BudgetAllocation, allocation.id).amount == Decimal("1500.00")
        # 机关 now has 5,000 + 1,500 allocated and 3,000 spent at M: 46.2 %.
        overview = metrics.overview(
            session=session,
            actor=actor(session, "leader"),
            month=MONTH,
            org_ids=(org_id(session, "机关党支部"),),
        )
        assert overview.budget_execution.value == pytest.approx(3000 / 6500)


# --- only administrators -------------------------------------------------------------------------

CALLS = {
    "save_organisation": lambda s, a: setup.save_organisation(
        session=s, actor=a, item=OrganisationIn(name="x", kind=OrgKind.BRANCH, parent="测试党委", grid=None)
    ),
    "save_member": lambda s, a: setup.save_member(session=s, actor=a, item=member_in()),
    "save_year_parameters": lambda s, a: setup.save_year_parameters(
        session=s,
        actor=a,
        item=YearParameterIn(
            year=2027, last_year_payroll=Decimal(1), monthly_hours_target=Decimal(1), monthly_points_target=1
        ),
    ),
    "save_task": lambda s, a: setup.save_task(session=s, actor=a, item=task_in()),
    "save_allocation": lambda s, a: setup.save_allocation(
        session=s,
        actor=a,
        item=AllocationIn(year=2026, branch="综采一队党支部", category="学习教育", amount=1),
    ),
    "save_category": lambda s, a: setup.save_category(session=s, actor=a, name="培训"),
    "set_active": lambda s, a: setup.set_active(
        session=s, actor=a, model=Member, key={"member_no": "T001"}, active=False
    ),
    "update_user": lambda s, a: setup.update_user(
        session=s, actor=a, username="sec_a", new_password="another-pass"
    ),
}


@pytest.mark.parametrize("username", ["leader", "sec_a"])
@pytest.mark.parametrize("call", CALLS.values(), ids=CALLS.keys())
def test_only_an_administrator_sets_up(engine, call, username):
    with Session(engine) as session:
        count = len(session.exec(select(AuditLog)).all())
        with pytest.raises(Refused) as refusal:
            call(session, actor(session, username))
        assert str(refusal.value) == "只有管理员可以进行此操作"
        assert len(session.exec(select(AuditLog)).all()) == count


# --- deactivate, never delete --------------------------------------------------------------------


def test_a_branch_with_active_members_cannot_be_deactivated(engine):
    with Session(engine) as session, pytest.raises(Refused) as refusal:
        setup.set_active(
            session=session,
            actor=actor(session, "admin"),
            model=Organisation,
            key={"name": "综采一队党支部"},
            active=False,
        )
    # 张三, 李四 and 赵六 are active; 王五 is not.
    assert refusal.value.message == "综采一队党支部还有 3 名在册党员，请先将其转出或停用"


def test_a_branch_deactivated_after_its_member_leaves_drops_out_of_the_overview(engine):
    with db.write_scope(engine) as session:
        admin = actor(session, "admin")
        setup.set_active(session=session, actor=admin, model=Member, key={"member_no": "T007"}, active=False)
        outcome, branch = setup.set_active(
            session=session, actor=admin, model=Organisation, key={"name": "机关党支部"}, active=False
        )
        again, _ = setup.set_active(
            session=session, actor=admin, model=Organisation, key={"name": "机关党支部"}, active=False
        )
    assert (outcome, again) == (writes.UPDATED, writes.UNCHANGED)
    with Session(engine) as session:
        assert branch_names(session) == ["综采一队党支部", "掘进一队党支部"]
        [entry] = audit_rows(session, "organisation", branch.id)
        assert (json.loads(entry.before)["active"], json.loads(entry.after)["active"]) == (True, False)


def test_a_general_branch_with_active_branches_cannot_be_deactivated(engine):
    with Session(engine) as session, pytest.raises(Refused) as refusal:
        setup.set_active(
            session=session,
            actor=actor(session, "admin"),
            model=Organisation,
            key={"name": "一线党总支"},
            active=False,
        )
    assert str(refusal.value) == "“状态”：一线党总支还有 2 个启用中的下级组织，请先停用它们"


# --- 领办 -----------------------------------------------------------------------------------------


def open_task(engine, code: str = "OPEN1", branch: str = "掘进一队党支部") -> None:
    with db.write_scope(engine) as session:
        setup.save_task(
            session=session,
            actor=actor(session, "admin"),
            item=task_in(code=code, branch=branch, owner_member_no=None),
        )


def test_a_secretary_claims_an_open_task_for_a_member_of_their_branch(engine):
    open_task(engine, branch="综采一队党支部")
    with db.write_scope(engine) as session:
        outcome, task = setup.claim_task(
            session=session, actor=actor(session, "sec_a"), code="OPEN1", owner_member_no="T002"
        )
    assert outcome == writes.UPDATED
    with Session(engine) as session:
        task = session.exec(select(Task).where(Task.code == "OPEN1")).one()
        assert (task.branch_id, task.mode) == (org_id(session, "综采一队党支部"), TaskMode.CLAIMED)
        assert session.get(Member, task.owner_member_id).name == "李四"
        assert audit_rows(session, "task", task.id)[-1].actor == "sec_a"
        with pytest.raises(Refused) as refusal:
            setup.claim_task(
                session=session, actor=actor(session, "sec_a"), code="OPEN1", owner_member_no="T001"
            )
        assert refusal.value.message == "该任务已由 李四 领办"


def test_a_secretary_sees_and_claims_only_open_tasks_of_their_own_branch(engine):
    """Issue 23, item 20: 掘进一队's open task is not in 综采一队's list, and 综采一队's secretary cannot
    take it for 综采一队 (for their own member 李四); it stays 掘进一队's, open."""
    open_task(engine, code="OPEN1", branch="掘进一队党支部")
    open_task(engine, code="OPEN2", branch="综采一队党支部")
    with Session(engine) as session:
        a, b = org_id(session, "综采一队党支部"), org_id(session, "掘进一队党支部")
        assert setup.open_tasks(session=session, year=2026, branch_id=a)["code"].tolist() == ["OPEN2"]
        assert setup.open_tasks(session=session, year=2026, branch_id=b)["code"].tolist() == ["OPEN1"]
        assert setup.open_tasks(session=session, year=2026)["code"].tolist() == ["OPEN1", "OPEN2"]
        with pytest.raises(Refused) as refusal:
            setup.claim_task(
                session=session, actor=actor(session, "sec_a"), code="OPEN1", owner_member_no="T002"
            )
        assert (refusal.value.message, refusal.value.field) == (
            "任务“OPEN1”不是本党支部的任务，不能领办",
            "任务编号",
        )
        task = session.exec(select(Task).where(Task.code == "OPEN1")).one()
        assert (task.branch_id, task.owner_member_id) == (b, None)


def test_an_admin_claims_for_anyone_and_a_task_with_an_owner_is_refused(engine):
    open_task(engine)
    with db.write_scope(engine) as session:
        _, task = setup.claim_task(
            session=session, actor=actor(session, "admin"), code="OPEN1", owner_member_no="T007"
        )
        assert task.branch_id == org_id(session, "机关党支部")
    with Session(engine) as session, pytest.raises(Refused) as refusal:
        setup.claim_task(session=session, actor=actor(session, "admin"), code="A1", owner_member_no="T002")
    assert refusal.value.message == "该任务已由 张三 负责"


@pytest.mark.parametrize(
    "username, member_no, message",
    [
        ("sec_a", "T005", "只能为本党支部的党员领办任务"),
        ("sec_a", "T003", "王五（T003）不是在册党员"),
        ("sec_a", "T999", "找不到党员编号为“T999”的党员"),
        ("leader", "T002", "只有管理员可以进行此操作"),
    ],
)
def test_claims_that_are_refused(engine, username, member_no, message):
    open_task(engine, branch="综采一队党支部")
    with Session(engine) as session:
        with pytest.raises(Refused) as refusal:
            setup.claim_task(
                session=session, actor=actor(session, username), code="OPEN1", owner_member_no=member_no
            )
        assert refusal.value.message == message
        assert session.exec(select(Task.owner_member_id).where(Task.code == "OPEN1")).one() is None


# --- users ---------------------------------------------------------------------------------------


def test_a_new_password_lets_the_user_log_in_and_is_never_audited(engine):
    with db.write_scope(engine) as session:
        outcome, user = setup.update_user(
            session=session, actor=actor(session, "admin"), username="sec_a", new_password="brand-new-pass"
        )
    assert (outcome, user.version) == (writes.UPDATED, 2)
    with Session(engine) as session:
        assert (
            auth.authenticate(session=session, username="sec_a", password="brand-new-pass").username
            == "sec_a"
        )
        with pytest.raises(Refused, match="用户名或密码错误"):
            auth.authenticate(session=session, username="sec_a", password=PASSWORD)
        # the wrong password above is audited too ("login_failed"); the change of password is the update
        [entry] = [row for row in audit_rows(session, "app_user", user.id) if row.action == "update"]
        assert "password_hash" not in entry.before
        assert "password_hash" not in entry.after
        assert "brand-new-pass" not in entry.after


def test_user_changes_keep_a_secretary_on_a_branch(engine):
    with db.write_scope(engine) as session:
        admin = actor(session, "admin")
        _, moved = setup.update_user(
            session=session, actor=admin, username="sec_a", branch_name="机关党支部", display_name="机关书记"
        )
        _, promoted = setup.update_user(session=session, actor=admin, username="sec_b", role=Role.LEADER)
        assert (moved.branch_id, moved.display_name) == (org_id(session, "机关党支部"), "机关书记")
        assert (promoted.role, promoted.branch_id) == (Role.LEADER, None)
    with Session(engine) as session:
        admin = actor(session, "admin")
        for changes, message in [
            ({"username": "leader", "role": Role.SECRETARY}, "“党支部”：支部书记账号必须指定所属党支部"),
            ({"username": "sec_a", "branch_name": "一线党总支"}, "“党支部”：找不到党支部“一线党总支”"),
            ({"username": "sec_a", "new_password": "short"}, "“密码”：密码至少 8 位"),
            ({"username": "admin", "active": False}, "“角色”：不能取消或停用自己的管理员账号"),
            ({"username": "nobody"}, "“用户名”：找不到用户“nobody”"),
        ]:
            with pytest.raises(Refused) as refusal:
                setup.update_user(session=session, actor=admin, **changes)
            assert str(refusal.value) == message
        assert session.exec(select(User.role).where(User.username == "leader")).one() == Role.LEADER
