"""Vocabularies an administrator changes: the default expense categories of a new installation, renaming
and deleting categories (by hand and by the Excel sheet 支出类别), and units of measure as free text.

The hand-made fixture (tests/handmade.py) has two categories. 学习教育: 2026 allocations 综采一队 6,000 and
掘进一队 5,000, 2024 综采一队 30,000 (3 allocations) and 8 expenses (the seven of 2025–2026 and one of
2024). 组织活动: 2026 综采一队 4,000 and 机关 5,000, 2024 机关 20,000 (3 allocations) and 3 expenses.
"""

import json
from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from openpyxl import Workbook
from sqlmodel import Session, select

from data_layer import excel, orgs, schemas, setup
from data_layer.errors import Refused
from data_layer.excel import Problem
from data_layer.metrics import budget, tasks
from data_layer.models import AuditLog
from data_layer.schemas import CategoryIn, TaskIn
from data_layer.store import db, writes
from data_layer.vocab import GoalCategory, OrgKind, TaskMode
from tests.actors import actor, org_id

TODAY = date(2026, 4, 20)


def categories(session: Session) -> list[tuple[str, int, bool]]:
    session.expire_all()
    frame = setup.categories(session=session)
    return list(frame.itertuples(index=False, name=None))


def category_audit(session: Session) -> list[tuple[str, str, dict | None, dict | None]]:
    rows = session.exec(
        select(AuditLog).where(AuditLog.table_name == "expensecategory").order_by(AuditLog.id)
    ).all()
    return [
        (row.actor, row.action, row.before and json.loads(row.before), row.after and json.loads(row.after))
        for row in rows
    ]


# --- the defaults of a new installation ----------------------------------------------------------------


def test_an_empty_database_gets_the_seven_default_categories_once(empty_engine):
    with db.write_scope(empty_engine) as session:
        assert setup.install_defaults(session=session) is True
    with db.write_scope(empty_engine) as session:
        assert setup.install_defaults(session=session) is False

    with Session(empty_engine) as session:
        assert categories(session) == [
            ("学习教育", 1, True),
            ("组织活动", 2, True),
            ("宣传阵地", 3, True),
            ("帮扶慰问", 4, True),
            ("培训", 5, True),
            ("表彰奖励", 6, True),
            ("其他", 7, True),
        ]
        audit = category_audit(session)
        assert [(who, action, before) for who, action, before, _ in audit] == [("系统", "insert", None)] * 7
        assert audit[0][3]["name"] == "学习教育"


def test_a_database_with_an_organisation_gets_no_default_categories(empty_engine):
    with db.write_scope(empty_engine) as session:
        orgs.add_organisation(session=session, name="北山煤矿党委", kind=OrgKind.COMMITTEE, parent=None)
    with db.write_scope(empty_engine) as session:
        assert setup.install_defaults(session=session) is False
    with Session(empty_engine) as session:
        assert categories(session) == []


def test_the_hand_made_organisation_keeps_its_own_categories(fresh_session):
    assert setup.install_defaults(session=fresh_session) is False
    assert categories(fresh_session) == [("学习教育", 1, True), ("组织活动", 2, True)]


# --- rename: the same row, so every year's budget and spending follows -------------------------------


def budget_by_category(session: Session, branch: str) -> list[tuple[int, str, Decimal, Decimal]]:
    session.expire_all()
    view = budget.budget_view(
        session=session, actor=actor(session, "leader"), month="2026-03", org_ids=(org_id(session, branch),)
    )
    return list(
        view.by_category[["category_id", "category", "allocated", "spent_ytd"]].itertuples(
            index=False, name=None
        )
    )


def test_a_renamed_category_keeps_its_budgets_and_spending_of_every_year(fresh_session):
    session = fresh_session
    before = budget_by_category(session, "综采一队党支部")
    learning_id = before[0][0]
    # 综采一队 in 2026 through March: 学习教育 6,000 allocated, 1,500.50 + 2,499.50 spent; 组织活动 4,000, nothing.
    assert [row[1:] for row in before] == [
        ("学习教育", Decimal("6000"), Decimal("4000.00")),
        ("组织活动", Decimal("4000"), Decimal("0")),
    ]

    outcome, row = setup.rename_category(
        session=session, actor=actor(session, "admin"), old_name="学习教育", new_name=" 理论 学习 "
    )
    session.commit()

    assert (outcome, row.id, row.name) == (writes.UPDATED, learning_id, "理论学习")
    assert budget_by_category(session, "综采一队党支部") == [
        (learning_id, "理论学习", Decimal("6000"), Decimal("4000.00")),
        (before[1][0], "组织活动", Decimal("4000"), Decimal("0")),
    ]
    past = setup.budgets(session=session, actor=actor(session, "admin"), year=2024)
    assert past.values.tolist() == [
        ["综采一队党支部", "理论学习", Decimal("30000")],
        ["机关党支部", "组织活动", Decimal("20000")],
    ]
    assert categories(session) == [("理论学习", 1, True), ("组织活动", 2, True)]
    assert [(who, action, b["name"], a["name"]) for who, action, b, a in category_audit(session)] == [
        ("admin", "update", "学习教育", "理论学习")
    ]


@pytest.mark.parametrize(
    "old_name, new_name, field, message",
    [
        ("差旅", "差旅费", "原名称", "找不到支出类别“差旅”"),
        ("学习教育", "组织活动", "类别名称", "支出类别“组织活动”已存在，请换一个名称"),
        ("学习教育", " ", "类别名称", "请填写类别名称"),
        ("学习教育", "类" * 21, "类别名称", "最多 20 个字（现在 21 个字）"),
        ("", "理论学习", "原名称", "请填写原名称"),
    ],
)
def test_renames_that_are_refused_name_the_field(fresh_session, old_name, new_name, field, message):
    session = fresh_session
    with pytest.raises(Refused) as refusal:
        setup.rename_category(
            session=session, actor=actor(session, "admin"), old_name=old_name, new_name=new_name
        )
    assert (refusal.value.field, refusal.value.message) == (field, message)
    session.rollback()
    assert categories(session) == [("学习教育", 1, True), ("组织活动", 2, True)]


def test_renaming_to_the_same_name_changes_nothing(fresh_session):
    session = fresh_session
    outcome, row = setup.rename_category(
        session=session, actor=actor(session, "admin"), old_name="组织活动", new_name="组织活动"
    )
    assert (outcome, row.name) == (writes.UNCHANGED, "组织活动")
    assert category_audit(session) == []


# --- delete: only a category nothing uses ------------------------------------------------------------------


def test_a_category_in_use_cannot_be_deleted_and_the_refusal_says_to_deactivate(fresh_session):
    session = fresh_session
    with pytest.raises(Refused) as refusal:
        setup.delete_category(session=session, actor=actor(session, "admin"), name="学习教育")
    assert refusal.value.field == "类别名称"
    assert refusal.value.message == (
        "支出类别“学习教育”已有 3 条预算、8 笔支出，不能删除；可以停用（停用后不能再新增预算和支出，历史数据保留）"
    )
    with pytest.raises(Refused) as refusal:
        setup.delete_category(session=session, actor=actor(session, "admin"), name="组织活动")
    assert refusal.value.message.startswith("支出类别“组织活动”已有 3 条预算、3 笔支出，不能删除")
    with pytest.raises(Refused) as refusal:
        setup.delete_category(session=session, actor=actor(session, "admin"), name="差旅")
    assert (refusal.value.field, refusal.value.message) == ("类别名称", "找不到支出类别“差旅”")
    session.rollback()
    assert categories(session) == [("学习教育", 1, True), ("组织活动", 2, True)]


def test_a_category_added_by_mistake_is_deleted_and_the_audit_keeps_it(fresh_session):
    session = fresh_session
    admin = actor(session, "admin")
    setup.save_category(session=session, actor=admin, name="差旅")
    session.commit()

    outcome, deleted = setup.delete_category(session=session, actor=admin, name="差旅")
    session.commit()

    assert (outcome, deleted.name) == (writes.DELETED, "差旅")
    assert categories(session) == [("学习教育", 1, True), ("组织活动", 2, True)]
    assert [
        (who, action, b and b["name"], a and a["name"]) for who, action, b, a in category_audit(session)
    ] == [
        ("admin", "insert", None, "差旅"),
        ("admin", "delete", "差旅", None),
    ]


# --- the Excel sheet 支出类别 ---------------------------------------------------------------------------------


def category_workbook(*rows: list) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "支出类别"
    sheet.append(schemas.HEADERS[CategoryIn])
    for row in rows:
        sheet.append(row)
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def import_as_admin(engine, data: bytes) -> excel.ImportResult:
    with db.write_scope(engine) as session:
        return excel.import_workbook(session=session, actor=actor(session, "admin"), data=data, today=TODAY)


def test_the_category_sheet_adds_renames_and_deactivates(fresh_session, fresh_engine):
    data = category_workbook(
        ["党建品牌", None, 8, None],
        ["组织生活", "组织活动", None, None],
        ["学习教育", None, None, "停用"],
    )

    result = import_as_admin(fresh_engine, data)

    assert result.problems == []
    assert {sheet: (s.inserted, s.updated, s.unchanged) for sheet, s in result.saved.items()} == {
        "支出类别": (1, 2, 0)
    }
    assert categories(fresh_session) == [("学习教育", 1, False), ("组织生活", 2, True), ("党建品牌", 8, True)]
    # 机关's 2026 budget of 5,000 was 组织活动: it is the renamed category's.
    budgets = setup.budgets(session=fresh_session, actor=actor(fresh_session, "admin"), year=2026)
    assert budgets[budgets["branch"] == "机关党支部"].values.tolist() == [
        ["机关党支部", "组织生活", Decimal("5000")]
    ]

    again = import_as_admin(fresh_engine, data)
    assert again.problems == []
    assert again.saved["支出类别"].unchanged == 3


def test_the_category_sheet_refuses_a_rename_to_a_name_in_use_and_an_unknown_old_name(
    fresh_session, fresh_engine
):
    data = category_workbook(["学习教育", "组织活动", None, None], ["其他支出", "其他", None, None])

    result = import_as_admin(fresh_engine, data)

    assert result.problems == [
        Problem("支出类别", 2, "类别名称", "支出类别“学习教育”已存在，请换一个名称"),
        Problem("支出类别", 3, "原名称", "找不到支出类别“其他”"),
    ]
    assert categories(fresh_session) == [("学习教育", 1, True), ("组织活动", 2, True)]


# --- units of measure: free text ---------------------------------------------------------------------------


def test_tasks_counted_in_any_unit_keep_it(fresh_session):
    session = fresh_session
    admin = actor(session, "admin")
    for code, unit, target in [("N1", "条", 5), ("N2", "万元", "1.5"), ("N3", "％", 100)]:
        item = schemas.from_row(
            TaskIn,
            {
                "任务编号": code,
                "任务名称": f"任务{code}",
                "年度目标": "推进党支部标准化规范化建设",
                "目标类别": GoalCategory.ORGANISATION,
                "责任党支部": "综采一队党支部",
                "计量单位": unit,
                "目标值": target,
                "权重": 1,
                "开始月份": "2026-01",
                "截止月份": "2026-12",
                "方式": TaskMode.ASSIGNED,
            },
        )
        setup.save_task(session=session, actor=admin, item=item)
    session.commit()

    view = tasks.tasks_view(
        session=session, actor=admin, month="2026-03", org_ids=(org_id(session, "综采一队党支部"),)
    )
    shown = view.tasks.set_index("code").loc[["N1", "N2", "N3"], ["unit", "target"]]
    assert [(unit, float(target)) for unit, target in shown.itertuples(index=False, name=None)] == [
        ("条", 5.0),
        ("万元", 1.5),
        ("%", 100.0),
    ]
