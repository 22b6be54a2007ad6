"""匿名演示模式 on every page of the leader's and the administrator's menu: no member's or user's full name,
and no 党员编号, anywhere on the page — headings, tables, pickers, chart data, the sidebar's account line.

The hand-made fixture's users get people's names, and 综采一队 has an April study row (so 修改记录 names a
member in its 记录 column and its picker); every page is opened in one app session with the mode on and its
every element read: texts, options, and the rows of every table and chart."""

from datetime import date

import pytest
from google.protobuf import text_format
from sqlmodel import select

from data_layer import entry
from data_layer.models import Member, User
from data_layer.schemas import StudyIn
from data_layer.store import db
from tests.actors import actor, org_id
from tests.handmade import MONTH
from tests.pages.apptest import app_as
from ui import navigation
from ui.streamlit_internals import arrow_to_frame

USERS = {"admin": "陈建国", "leader": "刘志强", "sec_a": "钱晓东", "sec_b": "郑海波"}
MENU_PAGES = {
    "leader": [
        "overview", "tasks", "study", "budget", "meetings", "safety", "meeting",
        "stars", "ideas", "pairs", "dues", "review", "board", "history",
    ],
    "admin": [
        "overview", "tasks", "study", "budget", "meetings", "safety", "meeting",
        "stars", "ideas", "pairs", "dues", "entry", "safety_entry", "review", "board", "history", "setup",
    ],
}  # fmt: skip


@pytest.fixture
def people(writable):
    """Every full name and 党员编号 of the database, after the users are named and sec_a saved April's
    study of 张三."""
    session = writable
    for user in session.exec(select(User)).all():
        user.display_name = USERS.get(user.username, user.display_name)
    session.commit()
    with db.write_scope(session.get_bind()) as writing:
        item = StudyIn(month="2026-04", member_no="T001", points=900, hours=12, sessions=2)
        entry.save_study(session=writing, actor=actor(writing, "sec_a"), item=item, today=date(2026, 4, 20))
    session.expire_all()
    members = session.exec(select(Member.name, Member.member_no)).all()
    users = session.exec(select(User.display_name)).all()
    return [name for name, _ in members] + [number for _, number in members] + list(users)


def page_text(at) -> str:
    """Everything the page holds: every element's fields, and the rows of its tables and charts."""
    found = []
    for root in (at.main, at.sidebar):
        for node in root:
            proto = getattr(node, "proto", None)
            if proto is None:
                continue
            found.append(text_format.MessageToString(proto, as_utf8=True))
            kind = getattr(node, "type", "")
            if kind in ("arrow_data_frame", "arrow_table"):
                found.append(node.value.to_csv())
            if kind == "vega_lite_chart":
                found += [arrow_to_frame(data.data.data).to_csv() for data in proto.datasets]
    return "\n".join(found)


def assert_masked(at, people: list[str], page: str) -> None:
    assert not at.exception, (page, at.exception)
    shown = page_text(at)
    assert "*" in shown or page in ("budget", "meetings", "stars", "board", "setup", "safety_entry"), page
    leaked = [name for name in people if name in shown]
    assert leaked == [], (
        page,
        [shown[max(0, shown.index(name) - 300) : shown.index(name) + 50] for name in leaked],
    )


@pytest.mark.parametrize("username", ["leader", "admin"])
def test_no_full_name_or_member_number_on_any_page(writable, people, username):
    at = app_as(writable, username)
    at.selectbox(key="month").set_value(MONTH)
    at.toggle(key="anonymise").set_value(True)
    at.run()
    for page in MENU_PAGES[username]:
        at.switch_page(navigation.script(page))
        at.run()
        assert_masked(at, people, page)

    at.switch_page(navigation.script("history"))
    at.selectbox(key="month").set_value("2026-04")
    at.run()
    at.selectbox(key="history_branch").set_value(org_id(writable, "综采一队党支部"))
    at.run()
    assert "学习 张*" in page_text(at)  # the 记录 column and its picker name the member, masked
    assert_masked(at, people, "history")
