"""党费 as each role sees it, on the hand-made fixture (figures worked out in tests/handmade_lean.py, add_dues)."""

import pytest

from data_layer.models import Setting
from tests.actors import org_id
from tests.handmade import MONTH
from tests.pages.apptest import app_as, charts, metrics_by_label, table
from ui import navigation

A, B, C = "综采一队党支部", "掘进一队党支部", "机关党支部"
BRACKETS = "3000 元及以下 0.5%；3000 元以上至 5000 元 1%；5000 元以上至 10000 元 1.5%；10000 元以上 2%"


def open_dues(session, username: str, month: str = MONTH, *, anonymise: bool = False):
    at = app_as(session, username)
    at.switch_page(navigation.script("dues"))
    at.run()
    at.selectbox(key="month").set_value(month)
    if anonymise:
        at.toggle(key="anonymise").set_value(True)
    return at.run()


def markdown(at) -> list[str]:
    return [block.value for block in at.main.markdown]


def test_the_leader_sees_every_branch_the_arrears_and_the_members_read_only(session, database_url):
    at = open_dues(session, "leader")

    assert not at.exception
    assert at.title[0].value == "党费 · 2026年3月"
    assert metrics_by_label(at) == {
        "党费交纳率": ("22.9%", "-5.2 个百分点"),
        "应交党费": ("¥1,543.23", ""),
        "实交党费": ("¥353.23", ""),
        "欠缴6个月以上": ("1 人", ""),
    }
    branches = table(at, "dues-branches")
    assert branches["branch"].tolist() == [A, B, C]
    assert branches["due_ytd"].tolist() == [270.0, 1080.0, 193.23]
    assert branches["paid_ytd"].tolist() == [160.0, 0.0, 193.23]
    assert branches["paid_rate"].tolist() == pytest.approx([100 * 160 / 270, 0.0, 100.0])
    assert branches["arrears_members"].tolist() == [0, 1, 0]
    arrears = table(at, "dues-arrears")
    assert arrears[["member_no", "name", "branch", "unpaid_months", "owed"]].values.tolist() == [
        ["T005", "欧阳明", B, 6, 720.0]
    ]
    assert table(at, "dues-members")["member_no"].tolist() == ["T001", "T002", "T005", "T006", "T007"]
    (chart,) = charts(at).values()
    assert chart.set_index("branch")["flag"].to_dict() == {A: "无长期欠缴", B: "有长期欠缴", C: "无长期欠缴"}
    assert BRACKETS in markdown(at)
    assert "save-dues" not in [button.key for button in at.button]  # no editor for leaders
    assert not [form for form in at.get("form")]


def test_anonymised_names_and_numbers_are_hidden(session, database_url):
    at = open_dues(session, "leader", anonymise=True)
    assert table(at, "dues-arrears")["name"].tolist() == ["欧阳*"]
    assert "T001" not in table(at, "dues-members")["member_no"].tolist()


def test_a_month_without_arrears_says_so(session, database_url):
    at = open_dues(session, "leader", "2026-02")
    assert metrics_by_label(at)["欠缴6个月以上"] == ("0 人", "")
    assert "没有连续6个月以上未交纳党费的党员。" in [box.value for box in at.success]


def test_a_year_without_records_shows_a_dash_and_why(session, database_url):
    at = open_dues(session, "leader", "2025-06")
    assert metrics_by_label(at)["党费交纳率"] == ("—", "")
    assert "2025年1月至6月没有党费记录" in [caption.value for caption in at.main.caption]
    assert at.info[0].value.startswith("2025年1–6月还没有党费记录")


@pytest.mark.parametrize(
    ("username", "branch", "figures", "arrears"),
    [
        ("sec_a", A, ("59.3%", "-21.3 个百分点", "¥270.00"), []),
        ("sec_b", B, ("0.0%", "持平", "¥1,080.00"), ["欧阳明"]),
    ],
)
def test_a_secretary_sees_and_fills_only_their_branch(
    session, database_url, username, branch, figures, arrears
):
    at = open_dues(session, username)

    assert not at.exception
    shown = metrics_by_label(at)
    assert (*shown["党费交纳率"], shown["应交党费"][0]) == figures
    assert table(at, "dues-branches")["branch"].tolist() == [branch]
    if arrears:
        assert table(at, "dues-arrears")["name"].tolist() == arrears
    assert f"{branch} · 2026年3月党员党费" in [header.value for header in at.subheader]
    assert "dues_branch" not in [box.key for box in at.selectbox]
    assert at.button(key="save-dues").disabled  # 2026-03 is 已审核 / 已提交: locked
    assert not [form for form in at.get("form")]  # the brackets are the administrator's


def test_the_admin_chooses_a_branch_to_fill(session, database_url):
    at = open_dues(session, "admin", "2026-04")
    assert not at.exception
    assert f"{A} · 2026年4月党员党费" in [header.value for header in at.subheader]
    assert not at.button(key="save-dues").disabled
    at.selectbox(key="dues_branch").set_value(org_id(session, C))
    at.run()
    assert f"{C} · 2026年4月党员党费" in [header.value for header in at.subheader]


def test_the_admin_changes_the_brackets(writable):
    at = open_dues(writable, "admin")
    at.text_input(key="dues-brackets-text").input("4000:0.5, 8000:1, *:2")
    at.button(key="FormSubmitter:dues-brackets-保存比例").click()
    at.run()

    assert not at.exception
    assert (
        at.success[0].value == "党费比例已改为 4000 元及以下 0.5%；4000 元以上至 8000 元 1%；8000 元以上 2%"
    )
    writable.expire_all()
    assert writable.get(Setting, "dues_brackets").value == "4000:0.5,8000:1,*:2"
    assert metrics_by_label(at)["应交党费"] == ("¥1,543.23", "")  # records keep the rate they were saved with


def test_bad_brackets_are_refused_on_screen_and_kept(writable):
    at = open_dues(writable, "admin")
    at.text_input(key="dues-brackets-text").input("3000:0.5,5000:1")
    at.button(key="FormSubmitter:dues-brackets-保存比例").click()
    at.run()

    assert at.error[0].value.replace("\\", "").startswith("“党费比例”：最后一档的上限应写 *")
    assert at.text_input(key="dues-brackets-text").value == "3000:0.5,5000:1"
    writable.expire_all()
    assert writable.get(Setting, "dues_brackets") is None
