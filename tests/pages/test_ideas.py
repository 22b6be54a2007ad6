"""金点子 as each role sees it, on the hand-made fixture (figures worked out in tests/handmade_lean.py)."""

from datetime import date

import pytest
from sqlmodel import select

from data_layer.models import Idea
from tests.actors import org_id
from tests.handmade import MONTH
from tests.pages.apptest import app_as, charts, metrics_by_label, table
from ui import navigation

A, B, C = "综采一队党支部", "掘进一队党支部", "机关党支部"


def day_input(at, label: str):
    """A date field by its label: it has no key, so that a new month brings its own default day."""
    return next(field for field in at.date_input if field.label == label)


def open_ideas(session, username: str, month: str = MONTH):
    at = app_as(session, username)
    at.switch_page(navigation.script("ideas"))
    at.run()
    at.selectbox(key="month").set_value(month)
    return at.run()


def test_the_leader_sees_every_branch_and_no_form(session, database_url):
    at = open_ideas(session, "leader")

    assert not at.exception
    assert at.title[0].value == "金点子 · 2026年3月"
    assert metrics_by_label(at) == {
        "提出": ("6 条", ""),
        "采纳": ("3 条", ""),
        "采纳率": ("50.0%", "-25.0 个百分点"),
        "见效": ("1 条", ""),
    }
    assert "见效金点子的效益合计：1.2 万元" in [caption.value for caption in at.main.caption]
    branches = table(at, "ideas-branches")
    assert branches["branch"].tolist() == [A, B, C]
    assert branches["adoption_rate"].round(1).tolist() == [33.3, 50.0, 100.0]
    assert branches["benefit_amount"].tolist() == [12000.0, 0.0, 0.0]
    listed = table(at, "ideas-list")
    assert len(listed) == 6 and "旧年点子" not in listed["title"].tolist()
    assert listed["proposer"].tolist()[0] == "孙七"  # newest first: proposed 2026-03-10
    chart = charts(at)["各党支部2026年金点子（截至3月）"]
    assert set(chart["branch"]) == {A, B, C}
    assert not [form for form in at.get("form")]


def test_anonymised_names_are_masked(session, database_url):
    at = app_as(session, "leader")
    at.switch_page(navigation.script("ideas"))
    at.run()
    at.selectbox(key="month").set_value(MONTH)
    at.toggle(key="anonymise").set_value(True)
    at.run()
    assert set(table(at, "ideas-list")["proposer"]) == {"张*", "李*", "欧阳*", "孙*", "周*"}


def test_the_admin_chooses_a_branch_for_the_forms(session, database_url):
    at = open_ideas(session, "admin")
    assert not at.exception
    assert at.subheader[-1].value == f"填报金点子（{A}）"
    at.selectbox(key="ideas_branch").set_value(org_id(session, C))
    at.run()
    assert at.subheader[-1].value == f"填报金点子（{C}）"
    assert at.selectbox(key="idea-proposer").options == ["周八（T007）"]


@pytest.mark.parametrize(
    "username, branch, rate", [("sec_a", A, ("33.3%", "-16.7 个百分点")), ("sec_b", B, None)]
)
def test_a_secretary_sees_and_enters_their_branch(session, database_url, username, branch, rate):
    at = open_ideas(session, username)

    assert not at.exception
    assert table(at, "ideas-branches")["branch"].tolist() == [branch]
    assert set(table(at, "ideas-list")["branch"]) == {branch}
    if rate:
        assert metrics_by_label(at)["采纳率"] == rate
    assert at.subheader[-1].value == f"填报金点子（{branch}）"
    assert "ideas_branch" not in [box.key for box in at.selectbox]


def test_a_secretary_proposes_and_advances_an_idea(writable):
    at = open_ideas(writable, "sec_a", "2026-04")
    at.text_input(key="idea-title").input("井下照明节电改造")
    at.selectbox(key="idea-proposer").set_value("T002")
    day_input(at, "提出日期").set_value(date(2026, 4, 2))
    at.button(key="FormSubmitter:idea-propose-保存").click()
    at.run()

    assert not at.exception
    assert at.success[0].value == "已登记金点子“井下照明节电改造”（提出）。"
    assert metrics_by_label(at)["提出"] == ("4 条", "")
    writable.expire_all()
    idea = writable.exec(select(Idea).where(Idea.title == "井下照明节电改造")).one()

    at.selectbox(key="idea-choice").set_value(idea.id)
    at.selectbox(key="idea-status").set_value("见效")
    day_input(at, "状态日期").set_value(date(2026, 4, 20))
    at.button(key="FormSubmitter:idea-advance-保存").click()
    at.run()
    assert at.error[0].value == "“效益(元)”：金点子见效时请填写效益（元）或效益说明"
    assert at.text_input(key="idea-words").value == ""

    at.text_input(key="idea-amount").input("800")
    at.button(key="FormSubmitter:idea-advance-保存").click()
    at.run()
    assert at.success[0].value == "金点子“井下照明节电改造”已改为“见效”（2026-04）。"
    writable.expire_all()
    assert writable.exec(select(Idea.adopted_month).where(Idea.id == idea.id)).one() == "2026-04"


def test_a_change_into_a_locked_month_is_refused_on_screen(writable):
    at = open_ideas(writable, "sec_b", MONTH)
    spraying = writable.exec(select(Idea.id).where(Idea.title == "截割头喷雾改进")).one()
    at.selectbox(key="idea-choice").set_value(spraying)
    at.selectbox(key="idea-status").set_value("见效")
    day_input(at, "状态日期").set_value(date(2026, 3, 20))
    at.text_input(key="idea-words").input("粉尘浓度降低")
    at.button(key="FormSubmitter:idea-advance-保存").click()
    at.run()
    assert "已锁定" in at.error[0].value
    writable.expire_all()
    assert writable.exec(select(Idea.status).where(Idea.id == spraying)).one() == "实施"


def test_a_month_without_ideas_says_so(session, database_url):
    at = open_ideas(session, "leader", "2025-06")
    assert not at.exception
    assert metrics_by_label(at)["采纳率"] == ("—", "")
    assert "本年截至本月尚无金点子" in [caption.value for caption in at.main.caption]
    assert "2025年1月至2025年6月尚无金点子。" in [box.value for box in at.info]
    assert not charts(at)
