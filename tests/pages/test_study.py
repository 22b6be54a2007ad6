"""学习进度 page per role on the hand-made fixture at 2026-03."""

from tests.handmade import MONTH
from tests.pages.apptest import app_as, table
from ui import navigation


def open_study(session, username, month=MONTH):
    at = app_as(session, username)
    at.switch_page(navigation.script("study"))
    at.run()
    at.selectbox(key="month").set_value(month)
    return at.run()


def test_leader_sees_rates_laggards_and_a_member_history(session, database_url):
    at = open_study(session, "leader")

    assert not at.exception
    assert at.title[0].value == "学习进度 · 2026年3月"
    assert [(m.label, m.value) for m in at.metric] == [
        ("学习达标率", "60.0%"),
        ("本月人均学习强国积分", "500.00"),
        ("本月人均学习时长（小时）", "2.94"),
        ("未达标党员", "2 人"),
    ]
    assert table(at, "study-branches")["on_track_rate"].tolist() == [50.0, 50.0, 100.0]
    assert table(at, "study-laggards")["name"].tolist() == ["孙七", "李四"]
    assert "李四（T002，综采一队党支部）" in at.selectbox(key="member").options


def test_choosing_a_member_shows_their_months(session, database_url):
    from sqlmodel import select

    from data_layer.models import Member

    at = open_study(session, "admin")
    li = session.exec(select(Member.id).where(Member.member_no == "T002")).one()
    at.selectbox(key="member").set_value(li)
    at.run()

    assert table(at, "study-member")["hours"].tolist() == [5.0, 5.0, 1.0]
    assert at.query_params["member"] == str(li)


def test_secretary_sees_their_members_only(session, database_url):
    at = open_study(session, "sec_a")

    assert at.metric[0].value == "50.0%"
    assert table(at, "study-laggards")["name"].tolist() == ["李四"]
    assert len(at.selectbox(key="member").options) == 2


def test_a_year_without_targets_says_so(session, database_url):
    at = open_study(session, "leader", month="2025-06")
    assert "未设置2025年度学习目标" in at.info[0].value
