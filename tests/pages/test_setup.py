"""基础数据 as an administrator: lists, new account, year parameters, deactivation; nobody else gets in."""

from datetime import UTC, datetime

import pytest
from sqlmodel import select

from data_layer.models import Member, User, YearParameter
from tests.pages.apptest import app_as, table
from ui import navigation


def open_setup(session):
    at = app_as(session, "admin")
    at.switch_page(navigation.script("setup"))
    at.run()
    at.selectbox(key="month").set_value("2026-03")
    return at.run()


def text_inputs(at):
    return {field.label: field for field in at.text_input}


def test_admin_sees_the_tree_members_and_tasks(writable):
    at = open_setup(writable)

    assert not at.exception
    assert at.title[0].value == "基础数据 · 2026年度"
    orgs = table(at, "setup-orgs")
    assert orgs["name"].str.strip("　").tolist()[:3] == ["测试党委", "一线党总支", "综采一队党支部"]
    groups = orgs[orgs["kind"] == "党小组"]
    assert groups[["parent", "state"]].values.tolist() == [
        ["综采一队党支部", "已启用"],
        ["掘进一队党支部", "已停用"],
    ]
    members = table(at, "setup-members").set_index("member_no")
    assert members.loc["T003", "state"] == "已停用"
    assert table(at, "setup-tasks")["code"].tolist() == ["A1", "A2", "B1", "B2", "C1", "D1"]
    assert "本年度没有待领办的任务。" in [caption.value for caption in at.caption]


def test_accounts_list_the_last_login_in_beijing_time(writable):
    writable.exec(select(User).where(User.username == "sec_a")).one().last_login_at = datetime(
        2026, 12, 6, 21, 43, tzinfo=UTC
    )
    writable.commit()
    users = table(open_setup(writable), "setup-users").set_index("username")
    assert users.loc["sec_a", "last_login_at"] == "2026-12-07 05:43"
    assert users.loc["sec_b", "last_login_at"] == "—"  # never logged in


def test_admin_creates_a_secretary_account(writable):
    at = open_setup(writable)
    at.text_input(key="new-user-username").input("sec_c")
    at.text_input(key="new-user-name").input("机关书记")
    at.text_input(key="new-user-password").input("long-password")
    at.selectbox(key="new-user-role").set_value("secretary")
    at.selectbox(key="new-user-branch").set_value("机关党支部")
    at.button(key="FormSubmitter:new-user-保存").click()
    at.run()

    assert at.success[0].value == "已保存账号：sec_c"
    writable.expire_all()
    assert writable.exec(select(User.display_name).where(User.username == "sec_c")).one() == "机关书记"


def test_a_short_password_is_refused_and_no_account_is_made(writable):
    at = open_setup(writable)
    at.text_input(key="new-user-username").input("x1")
    at.text_input(key="new-user-password").input("short")
    at.button(key="FormSubmitter:new-user-保存").click()
    at.run()
    assert at.error[0].value == "“密码”：密码至少 8 位"
    writable.expire_all()
    assert writable.exec(select(User).where(User.username == "x1")).first() is None


def test_admin_saves_year_parameters_typed_the_way_people_type(writable):
    at = open_setup(writable)
    at.number_input(key="params-year").set_value(2027)
    at.text_input(key="params-payroll").input("１５０,０００,０００")
    at.button(key="FormSubmitter:year-parameters-保存").click()
    at.run()

    assert at.success[0].value == "已保存 2027 年度参数"
    writable.expire_all()
    assert str(writable.get(YearParameter, 2027).last_year_payroll) == "150000000.00"


def test_admin_deactivates_a_member(writable):
    at = open_setup(writable)
    text_inputs(at)["编号或名称"].input("T006")
    at.button(key="FormSubmitter:switch-保存").click()
    at.run()

    assert at.success[0].value == "已停用：T006"
    writable.expire_all()
    assert writable.exec(select(Member.active).where(Member.member_no == "T006")).one() is False


@pytest.mark.parametrize("username", ["leader", "sec_a"])
def test_nobody_else_has_the_page(session, database_url, username):
    """Off their menu; its URL answers with the refusal and nothing of the set-up."""
    at = app_as(session, username)
    at.switch_page(navigation.script("setup"))
    at.run()
    assert [error.value for error in at.error] == ["您的账号无权查看此页面。"]
    assert len(at.tabs) == 0 and len(at.text_input) == 0


def test_admin_imports_the_yearly_set_up_workbook(writable):
    from io import BytesIO

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "年度参数"
    sheet.append(["年度", "上年度职工工资总额(元)", "每月学习时长目标(小时)", "每月学习强国积分目标"])
    sheet.append(["2027年", "１５０,０００,０００.００", "4", "600"])
    buffer = BytesIO()
    book.save(buffer)

    at = open_setup(writable)
    xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    at.file_uploader(key="setup-import-file").set_value(("设置.xlsx", buffer.getvalue(), xlsx))
    at.run()
    at.button(key="setup-import-run").click()
    at.run()

    assert not at.exception
    writable.expire_all()
    assert str(writable.get(YearParameter, 2027).last_year_payroll) == "150000000.00"


def test_admin_renames_a_category_and_its_budgets_follow(writable):
    at = open_setup(writable)
    at.selectbox(key="rename-category-old").set_value("组织活动")
    at.text_input(key="rename-category-new").input("组织生活")
    at.button(key="FormSubmitter:rename-category-保存").click()
    at.run()

    assert not at.exception
    assert at.success[0].value == "已把支出类别“组织活动”改名为“组织生活”"
    assert table(at, "setup-categories")["name"].tolist() == ["学习教育", "组织生活"]
    # 2026: 综采一队 6,000 + 4,000, 掘进一队 5,000, 机关 5,000 (组织活动, now 组织生活).
    budgets = table(at, "setup-budgets")
    assert budgets[budgets["category"] == "组织生活"]["branch"].tolist() == ["综采一队党支部", "机关党支部"]


def test_a_category_in_use_is_not_deleted_and_the_page_says_to_deactivate_it(writable):
    at = open_setup(writable)
    at.selectbox(key="delete-category-name").set_value("组织活动")
    at.button(key="FormSubmitter:delete-category-删除").click()
    at.run()

    assert [error.value for error in at.error] == [
        "“类别名称”：支出类别“组织活动”已有 3 条预算、3 笔支出，不能删除；"
        "可以停用（停用后不能再新增预算和支出，历史数据保留）"
    ]
    assert table(at, "setup-categories")["name"].tolist() == ["学习教育", "组织活动"]


def test_admin_deletes_a_category_added_by_mistake(writable):
    at = open_setup(writable)
    text_inputs(at)["类别名称"].input("差旅")
    at.button(key="FormSubmitter:new-category-新增支出类别").click()
    at.run()
    assert at.success[0].value == "已保存支出类别：差旅"

    at.selectbox(key="delete-category-name").set_value("差旅")
    at.button(key="FormSubmitter:delete-category-删除").click()
    at.run()

    assert at.success[0].value == "已删除支出类别：差旅"
    assert table(at, "setup-categories")["name"].tolist() == ["学习教育", "组织活动"]


def new_member(at, number, name, **dates):
    at.text_input(key="member-new-no").input(number)
    at.text_input(key="member-new-name").input(name)
    at.selectbox(key="member-new-branch").set_value("综采一队党支部")
    for field, value in {"joined_on": "2015-07-01", **dates}.items():
        at.text_input(key=f"member-new-{field}").input(value)
    at.button(key="FormSubmitter:member-new-保存").click()
    return at.run()


def member_row(session, number):
    session.expire_all()
    return session.exec(select(Member).where(Member.member_no == number)).first()


def test_admin_adds_a_member_who_arrived_in_april(writable, monkeypatch):
    monkeypatch.setenv("DASHBOARD_TODAY", "2026-04-20")
    at = new_member(open_setup(writable), "T100", "新同志", arrived_on="2026-04-08")

    assert not at.exception
    assert at.success[0].value == "已新增党员：新同志（T100）"
    row = member_row(writable, "T100")
    assert (str(row.arrived_on), row.left_on) == ("2026-04-08", None)
    listed = table(at, "setup-members").set_index("member_no")
    assert listed.loc["T100", ["arrived_on", "left_on"]].tolist() == [
        "2026-04-08",
        "—",
    ]  # no 转出: "—", as every missing value


def test_a_member_who_would_change_an_approved_month_is_refused_and_not_saved(writable, monkeypatch):
    """综采一队's 2026-02 and 2026-03 are approved: a member with no 转入 date would count in them."""
    monkeypatch.setenv("DASHBOARD_TODAY", "2026-04-20")
    at = new_member(open_setup(writable), "T101", "无日期")

    assert at.error[0].value.startswith("“转入日期”：综采一队党支部2026年")
    assert "已提交或已审核" in at.error[0].value
    assert member_row(writable, "T101") is None


def test_a_new_member_with_a_number_in_use_is_refused_not_overwritten(writable, monkeypatch):
    monkeypatch.setenv("DASHBOARD_TODAY", "2026-04-20")
    at = new_member(open_setup(writable), "T001", "重名", arrived_on="2026-04-08")

    assert at.error[0].value == "“党员编号”：党员编号 T001 已是“张三”的编号，本次未保存"
    assert member_row(writable, "T001").name == "张三"


def test_admin_records_a_members_departure(writable, monkeypatch):
    monkeypatch.setenv("DASHBOARD_TODAY", "2026-04-20")
    at = open_setup(writable)
    at.selectbox(key="member-choice").set_value("T002")
    at.run()
    assert at.text_input(key="member-T002-name").value == "李四"
    at.text_input(key="member-T002-left_on").input("2026-04-15")
    at.button(key="FormSubmitter:member-T002-保存").click()
    at.run()

    assert at.success[0].value == "已修改党员：李四（T002）"
    assert str(member_row(writable, "T002").left_on) == "2026-04-15"
