"""党建+安全生产, write side, on the hand-made organisation (both databases): units and production
indicators (set-up), a unit's production and safety month (administrators), 先锋岗/责任区 and their
monthly checks (secretaries), with their outcomes, refusals, locking and audit.

"Today" is 2026-04-20: 综采一队 has 2026-03 已审核 and 掘进一队 2026-03 已提交 (locked); April is open.
Nothing here is in the fixture: each test sets up what it writes through the writers under test.
"""

import json
from datetime import date
from decimal import Decimal

import pandas as pd
import pytest
from sqlmodel import select

from data_layer import entry, safety, schemas, setup
from data_layer.errors import Refused
from data_layer.models import AuditLog, Organisation, PioneerCheck, ProductionFigure, ProductionIndicator
from data_layer.schemas import (
    BranchUnitIn,
    PioneerCheckIn,
    PioneerPostIn,
    ProductionIn,
    ProductionIndicatorIn,
    SafetyIn,
)
from data_layer.store import writes
from tests.actors import actor, org_id
from tests.handmade_safety import remove_safety

A, B, C = "综采一队党支部", "掘进一队党支部", "机关党支部"
TODAY = date(2026, 4, 20)
APRIL = "2026-04"


@pytest.fixture
def writable(fresh_session, monkeypatch):
    monkeypatch.setenv("DASHBOARD_TODAY", TODAY.isoformat())
    remove_safety(fresh_session)
    fresh_session.commit()
    return fresh_session


def attach(session, branch=A, unit="综采一队", kind="采煤", username="admin"):
    return safety.set_branch_unit(
        session=session,
        actor=actor(session, username),
        item=BranchUnitIn(branch=branch, unit=unit, unit_kind=kind),
    )


def indicator(session, name="原煤产量", measure="t", branch=A, year=2026, **values):
    item = ProductionIndicatorIn(year=year, branch=branch, name=name, measure=measure, **values)
    return safety.save_indicator(session=session, actor=actor(session, "admin"), item=item)


def safety_month(session, username="admin", expected_version=None, **values):
    item = {
        "month": APRIL,
        "unit": "综采一队",
        "workforce": 400,
        "hazards_found": 12,
        "hazards_closed": 10,
        "hazards_by_members": 5,
        "violations_members": 1,
        "violations_others": 3,
        "injury_accidents": 0,
        "other_accidents": 1,
        "safe_days": 380,
    } | values
    return safety.save_safety(
        session=session,
        actor=actor(session, username),
        item=schemas.from_row(SafetyIn, item),
        expected_version=expected_version,
        today=TODAY,
    )


def production(session, username="admin", **values):
    item = {
        "month": APRIL,
        "unit": "综采一队",
        "indicator": "原煤产量",
        "plan": "85000",
        "actual": "86,500.5",
    }
    return safety.save_production(
        session=session,
        actor=actor(session, username),
        item=schemas.from_row(ProductionIn, item | values),
        today=TODAY,
    )


def refusal(call) -> Refused:
    with pytest.raises(Refused) as caught:
        call()
    return caught.value


# ---------------------------------------------------------------- set-up


def test_a_branch_is_attached_to_its_unit_once(writable):
    session = writable
    outcome, branch = attach(session)
    assert outcome == writes.UPDATED and (branch.unit, branch.unit_kind) == ("综采一队", "采煤")
    assert attach(session)[0] == writes.UNCHANGED

    taken = refusal(lambda: attach(session, branch=B))
    assert (taken.field, taken.message) == (
        "区队",
        "区队“综采一队”已对应综采一队党支部，一个区队只对应一个党支部",
    )
    assert refusal(lambda: attach(session, username="sec_a")).message == "只有管理员可以进行此操作"
    no_kind = schemas.problems(BranchUnitIn, {"党支部": A, "区队": "综采一队"})
    assert [(p.field, p.message) for p in no_kind] == [("区队类型", "请选择区队类型")]

    attach(session, branch=B, unit="掘进一队", kind="掘进")
    units = safety.branch_units(session=session, actor=actor(session, "admin"))
    assert units[["branch", "unit", "unit_kind"]].values.tolist() == [
        [A, "综采一队", "采煤"],
        [B, "掘进一队", "掘进"],
        [C, "", ""],
    ]
    session.commit()
    audits = session.exec(select(AuditLog).where(AuditLog.table_name == "organisation")).all()
    assert [(json.loads(row.before)["unit"], json.loads(row.after)["unit"]) for row in audits[-2:]] == [
        (None, "综采一队"),
        (None, "掘进一队"),
    ]


def test_indicators_are_added_renamed_deactivated_and_copied_to_the_next_year(writable):
    session = writable
    admin = actor(session, "admin")
    outcome, coal = indicator(session)
    assert outcome == writes.INSERTED and (coal.measure, coal.sort_order) == ("t", 1)
    assert indicator(session)[0] == writes.UNCHANGED
    _, advance = indicator(session, name="工作面推进", measure="m")
    assert advance.sort_order == 2
    indicator(session, name="设备完好率", measure="%", branch=B)

    outcome, renamed = indicator(session, name="工作面推进度", measure="m", old_name="工作面推进")
    assert outcome == writes.UPDATED and renamed.id == advance.id and renamed.name == "工作面推进度"
    clash = refusal(lambda: indicator(session, name="原煤产量", old_name="工作面推进度"))
    assert (clash.field, clash.message) == (
        "指标",
        "综采一队党支部2026年已有生产指标“原煤产量”，请换一个名称",
    )
    gone = refusal(lambda: indicator(session, name="进尺", old_name="不存在"))
    assert gone.field == "原名称"

    safety.set_indicator_active(session=session, actor=admin, indicator_id=renamed.id, active=False)
    listed = safety.indicator_list(session=session, actor=admin, year=2026)
    assert listed[["branch", "name", "measure", "active"]].values.tolist() == [
        [A, "原煤产量", "t", True],
        [A, "工作面推进度", "m", False],
        [B, "设备完好率", "%", True],
    ]

    copied = safety.copy_indicators(session=session, actor=admin, from_year=2026, year=2027)
    assert (copied.inserted, copied.unchanged) == (2, 0)  # the deactivated one is not copied
    assert copied.lines == [f"{A} 原煤产量", f"{B} 设备完好率"]
    again = safety.copy_indicators(session=session, actor=admin, from_year=2026, year=2027)
    assert (again.inserted, again.unchanged) == (0, 2)
    next_year = safety.indicator_list(session=session, actor=admin, year=2027)
    assert next_year[["branch", "name", "measure"]].values.tolist() == [
        [A, "原煤产量", "t"],
        [B, "设备完好率", "%"],
    ]
    backwards = refusal(
        lambda: safety.copy_indicators(session=session, actor=admin, from_year=2027, year=2026)
    )
    assert backwards.field == "年度"


# ---------------------------------------------------------------- a unit's month


def test_a_safety_month_is_new_then_unchanged_then_changed_and_audited(writable):
    session = writable
    attach(session)
    outcome, record = safety_month(session)
    assert outcome == writes.INSERTED
    assert (record.workforce, record.hazards_by_members, record.violations_others) == (400, 5, 3)
    assert safety_month(session)[0] == writes.UNCHANGED
    outcome, record = safety_month(session, violations_members=0)
    assert outcome == writes.UPDATED and (record.violations_members, record.version) == (0, 2)
    by_name = safety_month(session, unit=B)[1]  # a unit is also found by its 党支部's full name
    assert by_name.branch_id == org_id(session, B)
    # the mine's figures do not start the 党支部's own month
    assert entry.month_state(session=session, branch_id=org_id(session, A), month=APRIL).status == "未填报"
    session.commit()
    audits = session.exec(select(AuditLog).where(AuditLog.table_name == "safetyrecord")).all()
    assert [(row.action, row.actor) for row in audits] == [
        ("insert", "admin"),
        ("update", "admin"),
        ("insert", "admin"),
    ]
    assert (
        json.loads(audits[1].before)["violations_members"],
        json.loads(audits[1].after)["violations_members"],
    ) == (1, 0)


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"hazards_closed": 13}, "隐患整改", "整改的隐患（13）不能多于发现的隐患（12）"),
        ({"hazards_by_members": 20}, "其中党员发现", "党员发现的隐患（20）不能多于发现的隐患（12）"),
        ({"workforce": 0}, "在册人数", None),
        ({"violations_members": -1}, "党员三违", None),
        ({"safe_days": 2.5}, "安全生产天数", None),
        ({"safe_days": None}, "安全生产天数", "请填写安全生产天数"),
    ],
)
def test_a_safety_month_is_checked_field_by_field(values, field, message):
    row = {
        "月份": APRIL,
        "区队": "综采一队",
        "在册人数": 400,
        "隐患发现": 12,
        "隐患整改": 10,
        "其中党员发现": 5,
        "安全生产天数": 380,
    }
    titles = {schemas.SafetyIn.model_fields[name].title: value for name, value in values.items()}
    found = schemas.problems(SafetyIn, row | titles)
    assert [p.field for p in found] == [field]
    if message:
        assert found[0].message == message
    else:  # parse's own words, naming what to do
        assert found[0].message


def test_blank_counts_are_zero(writable):
    item = schemas.from_row(SafetyIn, {"月份": APRIL, "区队": "综采一队", "在册人数": 50, "安全生产天数": 30})
    assert (item.hazards_found, item.violations_members, item.other_accidents) == (0, 0, 0)


def test_a_locked_future_or_unknown_month_or_unit_is_refused(writable):
    session = writable
    attach(session)
    locked = refusal(lambda: safety_month(session, month="2026-03"))
    assert (locked.field, locked.message) == ("月份", "综采一队党支部2026年3月的填报已审核，已锁定，不能修改")
    future = refusal(lambda: safety_month(session, month="2026-05"))
    assert (future.field, future.message) == ("月份", "不能填报未来的月份（当前为 2026-04）")
    unknown = refusal(lambda: safety_month(session, unit="综采二队"))
    assert unknown.field == "区队" and "综采二队" in unknown.message
    secretary = refusal(lambda: safety_month(session, username="sec_a"))
    assert secretary.message == "只有管理员可以进行此操作"
    assert session.exec(select(AuditLog).where(AuditLog.table_name == "safetyrecord")).all() == []


def test_production_figures_need_the_unit_s_indicator_of_that_year(writable):
    session = writable
    attach(session)
    missing = refusal(lambda: production(session))
    assert (missing.field, missing.message) == (
        "指标",
        "综采一队党支部2026年没有生产指标“原煤产量”，请先在基础数据中设置",
    )
    indicator(session)
    outcome, figure = production(session)
    assert outcome == writes.INSERTED and (figure.plan, figure.actual) == (
        Decimal("85000"),
        Decimal("86500.5"),
    )
    assert production(session, measure="t")[0] == writes.UNCHANGED
    wrong = refusal(lambda: production(session, measure="吨"))
    assert (wrong.field, wrong.message) == (
        "单位",
        "生产指标“原煤产量”的计量单位是“t”，与填写的“吨”不一致",
    )
    assert production(session, actual="90000")[0] == writes.UPDATED
    locked = refusal(lambda: production(session, month="2026-03"))
    assert "已锁定" in locked.message


# ---------------------------------------------------------------- the page's grids


def test_the_safety_grid_saves_the_changed_branches_and_refuses_a_row_entered_meanwhile(writable):
    session = writable
    admin = actor(session, "admin")
    attach(session)
    original = safety.safety_sheet(session=session, actor=admin, month=APRIL)
    assert original[["branch", "unit"]].values.tolist() == [[A, "综采一队"], [B, ""], [C, ""]]
    assert original["version"].tolist() == [None, None, None]
    edited = original.copy()
    for name, value in {"workforce": 400, "hazards_found": 8, "safe_days": 200}.items():
        edited.at[0, name] = value
    saved = safety.save_safety_edits(
        session=session, actor=admin, month=APRIL, original=original, edited=edited, today=TODAY
    )
    assert (saved.inserted, saved.updated) == (1, 0)
    assert saved.lines == [f"{A} 在册 400 人、隐患 8 条、三违 党员 0 人次 / 非党员 0 人次"]
    session.commit()

    # someone else saves 机关's month, which this person loaded empty
    meanwhile = original.copy()
    for name, value in {"workforce": 60, "safe_days": 900}.items():
        meanwhile.at[2, name] = value
    safety.save_safety_edits(
        session=session, actor=admin, month=APRIL, original=original, edited=meanwhile, today=TODAY
    )
    session.commit()
    late = meanwhile.copy()
    late.at[2, "workforce"] = 61
    conflict = refusal(
        lambda: safety.save_safety_edits(
            session=session, actor=admin, month=APRIL, original=original, edited=late, today=TODAY
        )
    )
    assert (
        conflict.message.startswith(f"{C}2026-04的安全生产情况已被 admin 于 ")
        and "填写，请刷新后重新填写" in conflict.message
    )
    session.rollback()

    half = safety.safety_sheet(session=session, actor=admin, month=APRIL)
    half.at[1, "workforce"] = 30
    edited_half = half.copy()
    half.at[1, "workforce"] = None
    problem = refusal(
        lambda: safety.save_safety_edits(
            session=session, actor=admin, month=APRIL, original=half, edited=edited_half, today=TODAY
        )
    )
    assert (problem.row, problem.field, problem.message) == (2, "安全生产天数", "请填写安全生产天数")
    secretary = refusal(
        lambda: safety.safety_sheet(session=session, actor=actor(session, "sec_a"), month=APRIL)
    )
    assert secretary.message == "只有管理员可以进行此操作"


def test_the_production_grid_lists_the_year_s_indicators_and_saves_plan_and_actual(writable):
    session = writable
    admin = actor(session, "admin")
    indicator(session)
    indicator(session, name="设备完好率", measure="%", branch=B)
    _, dropped = indicator(session, name="停用指标", measure="", branch=B)
    safety.set_indicator_active(session=session, actor=admin, indicator_id=dropped.id, active=False)
    original = safety.production_sheet(session=session, actor=admin, month=APRIL)
    assert original[["branch", "name", "measure"]].values.tolist() == [
        [A, "原煤产量", "t"],
        [B, "设备完好率", "%"],
    ]
    edited = original.copy()
    edited.at[1, "plan"], edited.at[1, "actual"] = 95.0, 96.5
    saved = safety.save_production_edits(
        session=session, actor=admin, month=APRIL, original=original, edited=edited, today=TODAY
    )
    assert (saved.inserted, saved.lines) == (1, [f"{B} 设备完好率 计划 95 %、实际 96.5 %"])
    again = safety.production_sheet(session=session, actor=admin, month=APRIL)
    assert again.loc[1, ["plan", "actual", "version"]].tolist() == [95.0, 96.5, 1]
    assert pd.isna(again.loc[0, "plan"])
    stored = session.exec(select(ProductionFigure)).one()
    assert (
        stored.indicator_id
        == session.exec(select(ProductionIndicator.id).where(ProductionIndicator.name == "设备完好率")).one()
    )


# ---------------------------------------------------------------- 先锋岗 / 责任区


def post(session, username="sec_a", **values):
    item = {
        "branch": A,
        "kind": "党员先锋岗",
        "name": "采煤机司机岗",
        "member_no": "T001",
        "started_month": APRIL,
    }
    return safety.save_post(
        session=session, actor=actor(session, username), item=PioneerPostIn(**(item | values)), today=TODAY
    )


def check(session, username="sec_a", expected_version=None, **values):
    item = {
        "month": APRIL,
        "branch": A,
        "post": "采煤机司机岗",
        "violation_free": "是",
        "accident_free": "是",
    }
    return safety.save_check(
        session=session,
        actor=actor(session, username),
        item=schemas.from_row(PioneerCheckIn, item | values),
        expected_version=expected_version,
        today=TODAY,
    )


def test_a_secretary_sets_up_a_post_and_checks_its_month(writable):
    session = writable
    outcome, row = post(session)
    assert outcome == writes.INSERTED and (row.kind, row.started_month, row.ended_month) == (
        "党员先锋岗",
        APRIL,
        None,
    )
    assert entry.month_state(session=session, branch_id=org_id(session, A), month=APRIL).status == "草稿"
    assert post(session)[0] == writes.UNCHANGED
    outcome, zone = post(session, kind="党员责任区", name="3105 工作面", member_no="T002")
    assert outcome == writes.INSERTED and zone.name == "3105工作面"  # a name holds no spaces

    outcome, checked = check(session, violation_free="否", note="3月28日违章指挥一次")
    assert outcome == writes.INSERTED and (checked.violation_free, checked.accident_free) == (False, True)
    assert check(session, violation_free="否", note="3月28日违章指挥一次")[0] == writes.UNCHANGED
    assert (
        check(session, violation_free="×", note="3月28日违章指挥一次", accident_free="√")[0]
        == writes.UNCHANGED
    )
    assert check(session, violation_free="是")[0] == writes.UPDATED

    sheet = safety.checks_sheet(
        session=session, actor=actor(session, "sec_a"), branch_id=org_id(session, A), month=APRIL
    )
    assert sheet[["kind", "name", "member", "violation_free", "accident_free"]].values.tolist() == [
        ["党员责任区", "3105工作面", "李四", None, None],
        ["党员先锋岗", "采煤机司机岗", "张三", "是", "是"],
    ]
    posts = safety.posts_of(session=session, actor=actor(session, "admin"), branch_id=org_id(session, A))
    assert posts[["name", "member_no", "started_month", "ended_month"]].values.tolist() == [
        ["3105工作面", "T002", APRIL, ""],
        ["采煤机司机岗", "T001", APRIL, ""],
    ]


def test_posts_and_checks_are_refused_outside_scope_months_and_members(writable):
    session = writable
    other = refusal(lambda: post(session, username="sec_b"))
    assert (other.field, other.message) == ("党支部", f"无权填报或修改{A}的数据")
    stranger = refusal(lambda: post(session, member_no="T005"))
    assert (stranger.field, stranger.message) == ("责任党员编号", f"党员编号 T005（欧阳明）不是{A}的党员")
    later = refusal(lambda: post(session, started_month="2026-05"))
    assert (later.field, later.message) == ("开始月份", "开始月份不能晚于本月（2026-04）")
    locked = refusal(lambda: post(session, started_month="2026-03"))  # the month it is set up in is locked
    assert "已锁定" in locked.message
    ended = schemas.problems(
        PioneerPostIn,
        {
            "党支部": A,
            "类型": "党员先锋岗",
            "岗区名称": "岗",
            "责任党员编号": "T001",
            "开始月份": APRIL,
            "结束月份": "2026-01",
        },
    )
    assert [(p.field, p.message) for p in ended] == [("结束月份", "结束月份不能早于开始月份")]

    post(session)
    assert refusal(lambda: check(session, month="2026-03")).field == "月份"  # locked
    nowhere = refusal(lambda: check(session, post="不存在的岗"))
    assert (nowhere.field, nowhere.message) == ("岗区名称", f"{A}没有先锋岗或责任区“不存在的岗”，请先登记")
    foreign = refusal(lambda: check(session, username="sec_b"))
    assert foreign.message == f"无权填报或修改{A}的数据"
    word = schemas.problems(
        PioneerCheckIn, {"月份": APRIL, "党支部": A, "岗区名称": "岗", "无三违": "也许", "无事故": "是"}
    )
    assert [p.field for p in word] == ["无三违"] and "是" in word[0].message and "否" in word[0].message

    # 机关's months before April are open (March 草稿, February never started): months a post does not cover
    zone = {"branch": C, "name": "机关大楼", "member_no": "T007", "kind": "党员责任区"}
    post(session, username="admin", started_month="2026-03", **zone)
    early = refusal(lambda: check(session, username="admin", month="2026-02", branch=C, post="机关大楼"))
    assert (early.field, early.message) == (
        "月份",
        "“机关大楼”的设立时间为 2026-03 至 今，不能填报 2026-02 的检查",
    )
    check(session, username="admin", month="2026-03", branch=C, post="机关大楼")
    moved = refusal(lambda: post(session, username="admin", started_month=APRIL, **zone))
    assert (moved.field, moved.message) == (
        "开始月份",
        "2026-03 已有该岗区的月度检查，不在所填的开始和结束月份之间",
    )
    assert (
        post(session, username="admin", started_month="2026-03", ended_month=APRIL, **zone)[0]
        == writes.UPDATED
    )


def test_the_checks_grid_refuses_a_check_entered_meanwhile(writable):
    session = writable
    post(session)
    secretary = actor(session, "sec_a")
    branch_id = org_id(session, A)
    original = safety.checks_sheet(session=session, actor=secretary, branch_id=branch_id, month=APRIL)
    edited = original.copy()
    edited.at[0, "violation_free"], edited.at[0, "accident_free"] = "是", "否"
    saved = safety.save_check_edits(
        session=session, actor=secretary, month=APRIL, original=original, edited=edited, today=TODAY
    )
    assert (saved.inserted, saved.lines) == (1, ["采煤机司机岗 无三违：是、无事故：否"])
    session.commit()
    again = edited.copy()
    again.at[0, "note"] = "补充说明"
    conflict = refusal(
        lambda: safety.save_check_edits(
            session=session,
            actor=actor(session, "admin"),
            month=APRIL,
            original=original,
            edited=again,
            today=TODAY,
        )
    )
    assert "已被 sec_a 于" in conflict.message and "填写" in conflict.message
    session.rollback()
    assert session.exec(select(PioneerCheck)).one().note is None
    unit_of = session.get(Organisation, branch_id)
    assert unit_of is not None and unit_of.unit is None


def test_the_month_s_history_shows_these_writes(writable):
    session = writable
    attach(session)
    indicator(session)
    safety_month(session)
    safety_month(session, violations_members=0)
    production(session)
    post(session)
    check(session, violation_free="否")
    session.commit()
    shown = entry.month_history(
        session=session, actor=actor(session, "admin"), branch_id=org_id(session, A), month=APRIL
    )
    records = list(dict.fromkeys(shown["record"]))
    assert records == [
        "安全生产情况",
        "生产 原煤产量",
        "党员先锋岗 采煤机司机岗",
        "月度填报状态",
        "岗区检查 采煤机司机岗",
    ]
    change = shown[(shown["record"] == "安全生产情况") & (shown["action"] == "update")]
    assert change[["field", "before", "after"]].values.tolist() == [["violations_members", "1", "0"]]
    holder = shown[(shown["record"] == "党员先锋岗 采煤机司机岗") & (shown["field"] == "member_id")]
    assert holder["after"].tolist() == ["张三（T001）"]
    checked = shown[(shown["record"] == "岗区检查 采煤机司机岗") & (shown["field"] == "violation_free")]
    assert checked["after"].tolist() == ["否"]
    # another 党支部's month holds none of it
    other = entry.month_history(
        session=session, actor=actor(session, "admin"), branch_id=org_id(session, B), month=APRIL
    )
    assert other.empty


def test_starting_a_new_year_copies_the_production_indicators(writable):
    session = writable
    indicator(session)
    indicator(session, name="设备完好率", measure="%", branch=B)
    done = setup.start_new_year(
        session=session, actor=actor(session, "admin"), year=2027, payroll=Decimal("2000000")
    )
    assert done.production_indicators == 2
    listed = safety.indicator_list(session=session, actor=actor(session, "admin"), year=2027)
    assert listed[["branch", "name", "measure"]].values.tolist() == [
        [A, "原煤产量", "t"],
        [B, "设备完好率", "%"],
    ]
