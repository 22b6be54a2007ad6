"""党建+安全生产's writes per role: the administrator's 安全生产填报 page (its two grids and import), the
基础数据 page's 区队与生产指标 tab, and the 月度填报 page's 先锋岗责任区 tab (a secretary's own 党支部).

"Today" is 2026-04-20: April is open, 综采一队's March 已审核. The grids cannot be typed into by AppTest
(their saves are tested in tests/data_layer/test_safety_entry.py); here: who sees what, the forms.
"""

import pytest
from sqlmodel import select

from data_layer import safety
from data_layer.models import Organisation, PioneerPost, ProductionIndicator
from data_layer.schemas import BranchUnitIn, PioneerCheckIn, PioneerPostIn, SafetyIn
from data_layer.store import db
from tests.actors import actor
from tests.handmade_safety import remove_safety
from tests.pages.apptest import app_as, open_entry, table
from ui import navigation

A, B, C = "综采一队党支部", "掘进一队党支部", "机关党支部"


@pytest.fixture
def writable(writable):
    """The hand-made organisation without its 党建+安全生产 rows: each test sets up what it writes."""
    remove_safety(writable)
    writable.commit()
    return writable


@pytest.fixture
def today(monkeypatch):
    monkeypatch.setenv("DASHBOARD_TODAY", "2026-04-20")


def open_page(session, username: str, name: str, month: str = "2026-04"):
    at = app_as(session, username)
    at.switch_page(navigation.script(name))
    at.run()
    if username != "sec_a" and at.selectbox(key="month") is not None:
        at.selectbox(key="month").set_value(month)
    return at.run()


def editor_frames(at):
    """The rows of every grid and table on the page (AppTest lists a data editor as a data frame)."""
    return [node.value for node in at.main if getattr(node, "type", "") == "dataframe"]


def test_the_admin_fills_the_month_s_safety_and_production(writable, today):
    with db.write_scope(writable.get_bind()) as session:
        admin = actor(session, "admin")
        safety.set_branch_unit(
            session=session, actor=admin, item=BranchUnitIn(branch=A, unit="综采一队", unit_kind="采煤")
        )
        item = SafetyIn(month="2026-04", unit="综采一队", workforce=400, hazards_found=9, safe_days=380)
        safety.save_safety(session=session, actor=admin, item=item)
    at = open_page(writable, "admin", "safety_entry")

    assert not at.exception
    assert at.title[0].value == "安全生产填报 · 2026年4月"
    assert [tab.label for tab in at.tabs] == ["安全月报", "生产月报", "Excel 导入"]
    assert not at.button(key="save-safety").disabled
    (grid,) = [frame for frame in editor_frames(at) if "workforce" in frame]
    assert grid[["branch", "unit"]].values.tolist() == [[A, "综采一队"], [B, ""], [C, ""]]
    assert grid["workforce"].tolist()[0] == 400 and grid["hazards_found"].tolist()[0] == 9
    # no indicator yet: the production tab says where to set them up
    assert "2026年还没有设置生产指标：请在“基础数据 → 区队与生产指标”中为各党支部的区队设置。" in [
        box.value for box in at.info
    ]


@pytest.mark.parametrize("username", ["leader", "sec_a"])
def test_nobody_else_has_the_safety_page(session, database_url, username):
    at = app_as(session, username)
    at.switch_page(navigation.script("safety_entry"))
    at.run()
    assert [error.value for error in at.error] == ["您的账号无权查看此页面。"]
    assert len(at.tabs) == 0


def test_the_admin_attaches_units_and_sets_up_indicators_on_基础数据(writable, today):
    at = open_page(writable, "admin", "setup")
    assert not at.exception
    assert table(at, "setup-units")["branch"].tolist() == [A, B, C]

    at.selectbox(key="unit-branch").set_value(B)
    at.text_input(key="unit-name").input("掘进一队")
    at.selectbox(key="unit-kind").set_value("掘进")
    at.button(key="FormSubmitter:branch-unit-保存").click()
    at.run()
    assert at.success[0].value == f"已保存{B}的区队：掘进一队"
    assert table(at, "setup-units")[["branch", "unit", "unit_kind"]].values.tolist()[1] == [
        B,
        "掘进一队",
        "掘进",
    ]

    at.selectbox(key="unit-branch").set_value(A)
    at.text_input(key="unit-name").input("掘进一队")
    at.selectbox(key="unit-kind").set_value("采煤")
    at.button(key="FormSubmitter:branch-unit-保存").click()
    at.run()
    assert [box.value for box in at.error] == [f"“区队”：区队“掘进一队”已对应{B}，一个区队只对应一个党支部"]
    assert at.text_input(key="unit-name").value == "掘进一队"  # what was typed stays

    at.selectbox(key="indicator-branch").set_value(B)
    at.text_input(key="indicator-name").input("掘进进尺")
    at.text_input(key="indicator-measure").input("m")
    at.button(key="FormSubmitter:production-indicator-保存").click()
    at.run()
    assert at.success[0].value == f"已新增生产指标：{B} 掘进进尺"
    assert table(at, "setup-indicators")[["branch", "name", "measure", "state"]].values.tolist() == [
        [B, "掘进进尺", "m", "已启用"]
    ]
    writable.expire_all()
    assert writable.exec(select(ProductionIndicator.year)).all() == [2026]
    assert writable.exec(select(Organisation.unit).where(Organisation.name == A)).one() is None

    production = open_page(writable, "admin", "safety_entry")
    (grid,) = [frame for frame in editor_frames(production) if "plan" in frame]
    assert grid[["branch", "unit", "name", "measure"]].values.tolist() == [[B, "掘进一队", "掘进进尺", "m"]]


def test_a_secretary_sets_up_a_post_and_sees_the_month_s_checks(writable, today):
    at = open_entry(writable, "sec_a")
    assert not at.exception
    assert "先锋岗责任区" in [tab.label for tab in at.tabs]
    assert "本月没有在设的先锋岗或责任区。" in [caption.value for caption in at.main.caption]

    at.selectbox(key="post-kind").set_value("党员先锋岗")
    at.text_input(key="post-name").input("采煤机司机岗")
    at.selectbox(key="post-holder").set_value("T001")
    at.text_input(key="post-started").input("2026年4月")
    at.button(key="FormSubmitter:pioneer-post-保存").click()
    at.run()

    assert not at.exception
    assert at.success[0].value == "已登记党员先锋岗“采煤机司机岗”"
    posts = table(at, "pioneer-posts")
    assert posts[["kind", "name", "member", "started_month"]].values.tolist() == [
        ["党员先锋岗", "采煤机司机岗", "张三", "2026-04"]
    ]
    assert not at.button(key="save-checks").disabled
    (checks,) = [frame for frame in editor_frames(at) if "violation_free" in frame]
    assert checks["name"].tolist() == ["采煤机司机岗"]
    writable.expire_all()
    assert writable.exec(select(PioneerPost.name)).all() == ["采煤机司机岗"]


def test_a_locked_month_s_checks_cannot_be_saved(writable, today):
    at = open_entry(writable, "sec_a", month="2026-03")
    assert not at.exception
    assert "本月没有在设的先锋岗或责任区。" in [caption.value for caption in at.main.caption]
    at.text_input(key="post-name").input("采煤机司机岗")
    at.selectbox(key="post-holder").set_value("T001")
    at.text_input(key="post-started").input("2026-03")
    at.button(key="FormSubmitter:pioneer-post-保存").click()
    at.run()
    assert [box.value for box in at.error] == [
        "“月份”：综采一队党支部2026年3月的填报已审核，已锁定，不能修改"
    ]


def test_the_admin_reaches_any_branch_s_posts(writable, today):
    with db.write_scope(writable.get_bind()) as session:
        item = PioneerPostIn(
            branch=B, kind="党员责任区", name="掘进工作面", member_no="T005", started_month="2026-04"
        )
        safety.save_post(session=session, actor=actor(session, "admin"), item=item)
    at = open_entry(writable, "admin", branch=B)
    assert not at.exception
    assert table(at, "pioneer-posts")[["name", "member"]].values.tolist() == [["掘进工作面", "欧阳明"]]
    (checks,) = [frame for frame in editor_frames(at) if "violation_free" in frame]
    assert checks[["name", "violation_free", "accident_free"]].values.tolist() == [["掘进工作面", None, None]]
    own = open_entry(writable, "sec_a")  # 综采一队's secretary sees her own 党支部's: none yet
    assert "还没有登记先锋岗或责任区。" in [caption.value for caption in own.main.caption]


def test_the_history_page_shows_a_post_and_its_check(writable, today):
    with db.write_scope(writable.get_bind()) as session:
        secretary = actor(session, "sec_a")
        item = PioneerPostIn(
            branch=A, kind="党员先锋岗", name="采煤机司机岗", member_no="T001", started_month="2026-04"
        )
        safety.save_post(session=session, actor=secretary, item=item)
        check = PioneerCheckIn(
            month="2026-04", branch=A, post="采煤机司机岗", violation_free=False, accident_free=True
        )
        safety.save_check(session=session, actor=secretary, item=check)
    at = open_page(writable, "sec_a", "history")
    at.selectbox(key="month").set_value("2026-04")
    at.run()
    assert not at.exception
    shown = table(at, "history")
    lines = shown[["record", "field", "after"]].values.tolist()
    assert ["党员先锋岗 采煤机司机岗", "类型", "党员先锋岗"] in lines
    assert ["党员先锋岗 采煤机司机岗", "党员", "张三（T001）"] in lines
    assert ["岗区检查 采煤机司机岗", "无三违", "否"] in lines
