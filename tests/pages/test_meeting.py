"""会议模式 on the hand-made fixture at 2026-03: who opens it, turning slides, pausing, anonymised names."""

import time

import pytest

from tests.handmade import MONTH
from tests.pages.apptest import app_as, charts, metrics_by_label, table
from ui import navigation, slides

COUNT = len(slides.SLIDES)


def open_meeting(session, username, *, anonymise=False):
    at = app_as(session, username)
    at.selectbox(key="month").set_value(MONTH)
    if anonymise:
        at.toggle(key="anonymise").set_value(True)
    at.run()
    at.switch_page(navigation.script("meeting"))
    return at.run()


def counter(at) -> str:
    return at.get_by_key("meeting-counter").markdown[0].value


def click(at, key):
    at.button(key=key).click()
    return at.run()


def only_chart(at):
    (chart,) = charts(at).values()
    return chart


@pytest.mark.parametrize("username", ["leader", "admin"])
def test_leader_and_admin_open_the_overview_slide(session, database_url, username):
    at = open_meeting(session, username)

    assert not at.exception
    assert counter(at) == f"**1 / {COUNT}**"
    assert at.title[0].value == "2026年3月 主要指标"
    figures = metrics_by_label(at)
    assert figures["任务完成率"] == ("64.0%", "+23.0 个百分点")
    assert figures["学习达标率"][0] == "60.0%"
    assert [link.proto.label for link in at.get("page_link")] == ["退出会议模式"]


def test_secretary_has_no_meeting_page(session, database_url):
    """Off the menu; its URL answers with the refusal."""
    at = app_as(session, "sec_a")
    at.switch_page(navigation.script("meeting"))
    at.run()
    assert [error.value for error in at.error] == ["您的账号无权查看此页面。"]
    assert len(at.button) == 1  # 退出登录 only


def test_next_and_previous_turn_the_slides_and_wrap(session, database_url):
    at = open_meeting(session, "leader")

    at = click(at, "meeting-next")
    assert counter(at) == f"**2 / {COUNT}**"
    assert at.title[0].value == "2026年3月 各党支部任务完成率"
    ranking = only_chart(at).set_index("branch")
    assert ranking["completion_rate"].round(4).to_dict() == {
        "综采一队党支部": 0.8667,
        "掘进一队党支部": 0.1,
        "机关党支部": 0.5,
    }
    assert metrics_by_label(at)["任务完成率"][0] == "64.0%"

    at = click(at, "meeting-previous")
    assert counter(at) == f"**1 / {COUNT}**"
    at = click(at, "meeting-previous")
    assert counter(at) == f"**{COUNT} / {COUNT}**"
    assert at.title[0].value.startswith("2026年3月 预警")
    at = click(at, "meeting-next")
    assert counter(at) == f"**1 / {COUNT}**"


def test_every_slide_draws_without_error(session, database_url):
    at = open_meeting(session, "admin")
    titles = []
    for _ in range(COUNT):
        assert not at.exception
        titles.append(at.title[0].value)
        at = click(at, "meeting-next")
    assert titles == [
        "2026年3月 主要指标",
        "2026年3月 各党支部任务完成率",
        "2026年3月 各党支部学习达标率",
        "2026年3月 各党支部经费执行率",
        "2026年3月 各党支部三会一课",
        "2026年3月 红黑榜",
        "2026年3月 各党支部对标得分与星级",
        "2026年3月 精益管理",
        "2026年3月 党建+安全生产",
        "2026年3月 预警（4 项）",
    ]


def test_a_due_slide_turns_by_itself_unless_paused(session, database_url):
    at = open_meeting(session, "leader")
    seconds = slides.DEFAULT_SECONDS

    at.session_state["meeting_shown_at"] = time.time() - seconds - 1
    at.run()
    assert counter(at) == f"**2 / {COUNT}**"

    at = click(at, "meeting-pause")
    assert at.button(key="meeting-pause").label == "继续"
    at.session_state["meeting_shown_at"] = time.time() - seconds - 1
    at.run()
    assert counter(at) == f"**2 / {COUNT}**"
    assert "已暂停自动翻页" in [caption.value for caption in at.caption]

    at = click(at, "meeting-pause")
    assert at.button(key="meeting-pause").label == "暂停"
    at.run()
    assert counter(at) == f"**2 / {COUNT}**"  # resuming restarts the clock


def test_the_interval_is_a_setting(writable):
    from data_layer.store import settings
    from ui import data

    settings.put(session=writable, key="meeting_seconds", value="5")
    writable.commit()
    data.clear()
    at = open_meeting(writable, "leader")
    at.session_state["meeting_shown_at"] = time.time() - 6
    at.run()
    assert counter(at) == f"**2 / {COUNT}**"


def test_anonymised_alerts_mask_owners(session, database_url):
    at = open_meeting(session, "leader", anonymise=True)
    at = click(at, "meeting-previous")  # the last slide: 预警

    overdue = at.table[0].value
    assert overdue["责任人"].tolist() == ["周\\*"]  # st.table reads Markdown: the mask's * is escaped
    assert "周八" not in overdue.to_string()
    assert "匿名演示" in counter(at)


def test_alerts_show_owners_when_not_anonymised(session, database_url):
    at = open_meeting(session, "leader")
    at = click(at, "meeting-previous")
    assert at.table[0].value["责任人"].tolist() == ["周八"]


def test_anonymise_toggle_masks_the_study_laggards(session, database_url):
    at = app_as(session, "leader")
    at.selectbox(key="month").set_value(MONTH)
    at.toggle(key="anonymise").set_value(True)
    at.run()
    at.switch_page(navigation.script("study"))
    at.run()

    laggards = table(at, "study-laggards")
    assert laggards["name"].tolist() == ["孙*", "李*"]
    assert set(laggards["member_no"]) == {"****"}
    assert "李*（****，综采一队党支部）" in at.selectbox(key="member").options
    assert not any("T00" in option for option in at.selectbox(key="member").options)
    assert at.query_params["anon"] == "1"


# --- The deck logic, directly ---


def test_step_wraps_both_ways():
    assert slides.step(0, 7, -1) == 6
    assert slides.step(6, 7, 1) == 0
    assert slides.step(2, 7, 1) == 3


def test_tick_turns_when_due_and_not_when_paused():
    args = {"index": 2, "seconds": 20, "count": 7}
    assert slides.tick(shown_at=100.0, now=110.0, paused=False, **args) == (2, 100.0)
    assert slides.tick(shown_at=100.0, now=119.6, paused=False, **args) == (3, 119.6)
    assert slides.tick(shown_at=100.0, now=125.0, paused=True, **args) == (2, 100.0)
    assert slides.tick(shown_at=100.0, now=100.0 + 3 * 20, paused=False, **args) == (2, 160.0)
    assert slides.tick(index=6, shown_at=0.0, now=21.0, seconds=20, paused=False, count=7) == (0, 21.0)


def test_seconds_setting_is_read_safely():
    assert slides.seconds_between("30") == 30
    assert slides.seconds_between(None) == 20
    assert slides.seconds_between("abc") == 20
    assert slides.seconds_between("1") == 5


def test_the_lean_slides_show_the_stars_and_the_four_figures(session, database_url):
    """tests/handmade_lean.py: scores 77.0, 48.0, 46.32; 对标 57.1, 金点子 50.0 %, 帮扶 50.0 %, 党费 22.9 %."""
    at = open_meeting(session, "leader")
    for _ in range(6):
        at = click(at, "meeting-next")
    assert at.title[0].value == "2026年3月 各党支部对标得分与星级"
    drawn = charts(at)[""]
    assert drawn["score"].round(2).tolist() == [77.0, 48.0, 46.32]
    at = click(at, "meeting-next")
    assert at.title[0].value == "2026年3月 精益管理"
    assert [metric.value for metric in at.metric] == ["57.1 分", "50.0%", "50.0%", "22.9%"]


def test_the_safety_slide_shows_the_figures_the_quadrants_and_the_branches_to_talk_about(
    session, database_url
):
    """tests/handmade_safety.py at 2026-03: 党员三违 1 of 5 members, others 3 of 35, 生产计划完成率
    (1.005 + 0.9) ÷ 2, one non-injury accident; 综采一队 (77.0, 1.005) 党建弱·生产强, 掘进一队 (48.0, 0.9)
    党建弱·生产弱 with the accident, 机关 without production in no quadrant."""
    at = open_meeting(session, "leader")
    at = click(at, "meeting-previous")
    at = click(at, "meeting-previous")  # the one before 预警

    assert not at.exception
    assert at.title[0].value == "2026年3月 党建+安全生产"
    assert metrics_by_label(at) == {
        "党员三违率": ("200.0‰", "+200.0 个千分点"),
        "非党员三违率": ("85.7‰", "-14.3 个千分点"),
        "生产计划完成率": ("95.2%", "-5.2 个百分点"),
        "事故": ("1 起", "+1 起"),
    }
    quadrants, talk = (table.value for table in at.table)
    assert quadrants["党支部（个）"].tolist() == [0, 0, 1, 1]
    assert quadrants.index.tolist() == ["党建强·生产强", "党建强·生产弱", "党建弱·生产强", "党建弱·生产弱"]
    assert talk.to_dict()["原因"] == {"综采一队党支部": "党建弱·生产强", "掘进一队党支部": "发生事故"}
    assert at.get("page_link")[0].proto.label == "退出会议模式"
    assert len(at.get("page_link")) == 1  # no link away from the projector
