"""月度填报's 三会一课 tab per role: the month's meetings listed, three 党小组 the same evening, a meeting typed
twice refused, an edit of the chosen meeting, a deletion that asks first, and the month lock.

The hand-made 综采一队 gets its second and third 党小组 here; "today" is 2026-04-20 and April is open.
"""

from datetime import date

import pytest
from sqlmodel import select

from data_layer import orgs
from data_layer.models import AuditLog, Meeting, Organisation
from data_layer.vocab import OrgKind
from tests.actors import org_id
from tests.pages.apptest import open_entry, table

A = "综采一队党支部"
GROUPS = ["综采一队第一党小组", "综采一队第二党小组", "综采一队第三党小组"]
CHOSEN = "entry-meeting-chosen"


@pytest.fixture
def meetings_db(writable, monkeypatch):
    monkeypatch.setenv("DASHBOARD_TODAY", "2026-04-20")
    branch = writable.get(Organisation, org_id(writable, A))
    for order, name in enumerate(GROUPS[1:], start=1):
        orgs.add_organisation(
            session=writable, name=name, kind=OrgKind.GROUP, parent=branch, sort_order=order
        )
    writable.commit()
    return writable


def record(
    at,
    *,
    group,
    topic="学习安全规程",
    kind="党小组会",
    day=date(2026, 4, 15),
    actual=None,
    form="meeting-form",
):
    """Type into the meeting form and press 保存, in one run."""
    at.date_input(key=f"{form}-held_on").set_value(day)
    at.selectbox(key=f"{form}-kind").set_value(kind)
    at.selectbox(key=f"{form}-group").set_value(group)
    at.text_input(key=f"{form}-topic").input(topic)
    if actual is not None:
        at.number_input(key=f"{form}-actual").set_value(actual)
    at.button(key=f"FormSubmitter:{form}-保存").click()
    return at.run()


def meeting_rows(session):
    session.expire_all()
    return session.exec(
        select(Meeting).where(Meeting.month == "2026-04", Meeting.branch_id == org_id(session, A))
    ).all()


def test_a_secretary_records_three_group_meetings_of_one_evening(meetings_db):
    at = open_entry(meetings_db, "sec_a")
    assert at.selectbox(key="meeting-form-group").options == ["（非党小组会不填）", *GROUPS]
    for group in GROUPS:
        at = record(at, group=group)
        assert not at.error
        assert at.success[0].value == f"已新增会议：2026-04-15 {group}党小组会“学习安全规程”（实到 10/10 人）"

    listed = table(at, "entry-meetings")
    assert listed["group"].tolist() == GROUPS
    assert listed["held_on"].tolist() == ["2026-04-15"] * 3
    assert len(meeting_rows(meetings_db)) == 3


def test_the_same_meeting_typed_twice_is_refused_and_kept_in_the_form(meetings_db):
    at = record(open_entry(meetings_db, "sec_a"), group=GROUPS[0])
    at = record(at, group=GROUPS[0], actual=9)

    assert at.error[0].value == (
        "综采一队党支部已登记2026-04-15 综采一队第一党小组党小组会“学习安全规程”；"
        "如需修改，请在会议列表中选择这次会议修改；本次未保存"
    )
    assert at.text_input(key="meeting-form-topic").value == "学习安全规程"  # what was typed is kept
    assert [row.actual_attendance for row in meeting_rows(meetings_db)] == [10]


def test_a_chosen_meeting_is_edited_in_the_form(meetings_db):
    at = record(open_entry(meetings_db, "sec_a"), group=GROUPS[1])
    meeting_id = meeting_rows(meetings_db)[0].id
    at.selectbox(key=CHOSEN).set_value(meeting_id)
    at = at.run()
    form = f"meeting-form-{meeting_id}"
    assert at.text_input(key=f"{form}-topic").value == "学习安全规程"  # the form holds the chosen meeting
    assert at.selectbox(key=f"{form}-group").value == GROUPS[1]

    at.number_input(key=f"{form}-actual").set_value(8)
    at.button(key=f"FormSubmitter:meeting-form-{meeting_id}-保存").click()
    at = at.run()

    assert (
        at.success[0].value
        == "已修改会议：2026-04-15 综采一队第二党小组党小组会“学习安全规程”（实到 8/10 人）"
    )
    (row,) = meeting_rows(meetings_db)
    assert (row.id, row.actual_attendance, row.version) == (meeting_id, 8, 2)


def test_saving_the_chosen_meeting_unchanged_says_so(meetings_db):
    at = record(open_entry(meetings_db, "sec_a"), group=GROUPS[0])
    meeting_id = meeting_rows(meetings_db)[0].id
    at.selectbox(key=CHOSEN).set_value(meeting_id)
    at = at.run()
    at.button(key=f"FormSubmitter:meeting-form-{meeting_id}-保存").click()
    at = at.run()
    assert (
        at.success[0].value
        == "未改动：2026-04-15 综采一队第一党小组党小组会“学习安全规程”与已登记的内容相同，没有保存。"
    )


def test_deleting_a_meeting_asks_first_and_is_audited(meetings_db):
    at = record(open_entry(meetings_db, "sec_a"), group=GROUPS[2])
    meeting_id = meeting_rows(meetings_db)[0].id
    at.selectbox(key=CHOSEN).set_value(meeting_id)
    at = at.run()
    at.button(key="meeting-delete").click()
    at = at.run()

    assert [m.value for m in at.markdown if m.value.startswith("确定删除")] == [
        "确定删除2026-04-15 综采一队第三党小组党小组会“学习安全规程”吗？删除后可在修改记录中查看原内容。"
    ]
    assert len(meeting_rows(meetings_db)) == 1  # nothing deleted by one click
    at.button(key="meeting-delete-confirm").click()
    at = at.run()

    assert (
        at.success[0].value
        == "已删除会议：2026-04-15 综采一队第三党小组党小组会“学习安全规程”（修改记录中保留）。"
    )
    assert meeting_rows(meetings_db) == []
    assert at.selectbox(key=CHOSEN).value is None
    actions = meetings_db.exec(
        select(AuditLog.action).where(AuditLog.table_name == "meeting", AuditLog.row_id == str(meeting_id))
    ).all()
    assert actions == ["insert", "delete"]


def test_cancel_keeps_the_meeting(meetings_db):
    at = record(open_entry(meetings_db, "sec_a"), group=GROUPS[0])
    at.selectbox(key=CHOSEN).set_value(meeting_rows(meetings_db)[0].id)
    at = at.run()
    at.button(key="meeting-delete").click()
    at = at.run()
    at.button(key="meeting-delete-cancel").click()
    at = at.run()
    assert not [m.value for m in at.markdown if m.value.startswith("确定删除")]
    assert len(meeting_rows(meetings_db)) == 1


def test_an_admin_sees_a_locked_month_listed_and_cannot_change_it(meetings_db):
    at = open_entry(meetings_db, "admin", month="2026-03", branch=A)
    listed = table(at, "entry-meetings")
    assert listed["held_on"].tolist() == ["2026-03-05", "2026-03-12", "2026-03-20", "2026-03-27"]
    assert listed["kind"].tolist() == ["支委会", "党小组会", "主题党日", "主题党日"]
    assert at.button(key="FormSubmitter:meeting-form-保存").disabled

    at.selectbox(key=CHOSEN).set_value(meeting_id_on(meetings_db, date(2026, 3, 5)))
    at = at.run()
    assert at.button(key="meeting-delete").disabled


def meeting_id_on(session, day):
    return session.exec(
        select(Meeting.id).where(Meeting.branch_id == org_id(session, A), Meeting.held_on == day)
    ).one()


def test_a_secretary_lists_only_their_branch(meetings_db):
    at = open_entry(meetings_db, "sec_b", month="2026-03")
    listed = table(at, "entry-meetings")
    assert listed["held_on"].tolist() == ["2026-03-10", "2026-03-18"]
    assert listed["kind"].tolist() == ["支委会", "党课"]
    assert at.selectbox(key="meeting-form-group").options == [
        "（非党小组会不填）"
    ]  # 掘进一队's only 党小组 was dissolved
