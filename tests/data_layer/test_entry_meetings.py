"""三会一课 records that never replace each other, on both databases (a database of its own per test).

The hand-made fixture's 综采一队 has one 党小组 (综采一队第一党小组); the tests add its second and third.
综采一队 2026-03 is 已审核 (locked) and holds a 支委会 of 03-05; April is open and 综采一队 has no meeting in it.
In April 综采一队 must hold 支委会 1, 主题党日 1 and 党小组会 1 per 党小组: 5 with three 党小组.
"""

from datetime import date
from io import BytesIO

import pytest
from openpyxl import Workbook
from sqlmodel import Session, select

from data_layer import entry, excel, orgs
from data_layer.errors import Refused
from data_layer.metrics.meetings import MONTH, MeetingStatus, branch_meetings, meetings_view
from data_layer.models import AuditLog, Meeting, Organisation
from data_layer.schemas import HEADERS, MeetingIn
from data_layer.store import db, writes
from data_layer.vocab import MeetingKind, OrgKind
from tests.actors import actor, org_id

A = "综采一队党支部"
GROUPS = ["综采一队第一党小组", "综采一队第二党小组", "综采一队第三党小组"]
EVENING = date(2026, 4, 15)
TODAY = date(2026, 4, 20)


@pytest.fixture
def session(fresh_session):
    branch = fresh_session.get(Organisation, org_id(fresh_session, A))
    for order, name in enumerate(GROUPS[1:], start=1):
        orgs.add_organisation(
            session=fresh_session, name=name, kind=OrgKind.GROUP, parent=branch, sort_order=order
        )
    fresh_session.commit()
    return fresh_session


def meeting(
    group: str | None = GROUPS[0], *, kind=MeetingKind.GROUP, held_on=EVENING, topic="学习安全规程", **more
):
    values = {"expected_attendance": 8, "actual_attendance": 7} | more
    return MeetingIn(held_on=held_on, branch=A, group=group, kind=kind, topic=topic, **values)


def save(session: Session, item: MeetingIn, username: str = "sec_a", **options) -> writes.Written[Meeting]:
    return entry.save_meeting(session=session, actor=actor(session, username), item=item, **options)


def group_cell(session: Session, month: str = "2026-04") -> tuple[int, int, str]:
    """综采一队's 党小组会 in the month: (held, required, status)."""
    view = meetings_view(
        session=session, actor=actor(session, "leader"), month=month, org_ids=(org_id(session, A),)
    )
    rows = view.by_branch[(view.by_branch["period"] == MONTH) & (view.by_branch["kind"] == MeetingKind.GROUP)]
    row = rows.iloc[0]
    return int(row["held"]), int(row["required"]), row["status"]


def audit_actions(session: Session) -> list[str]:
    return list(
        session.exec(
            select(AuditLog.action).where(AuditLog.table_name == "meeting").order_by(AuditLog.id)
        ).all()
    )


def test_three_groups_meeting_the_same_evening_are_three_meetings(session):
    outcomes = [save(session, meeting(group)).outcome for group in GROUPS]
    session.commit()

    assert outcomes == [writes.INSERTED] * 3
    listed = entry.meetings_of(
        session=session, actor=actor(session, "sec_a"), branch_id=org_id(session, A), month="2026-04"
    )
    assert listed["group"].tolist() == GROUPS
    assert listed["held_on"].tolist() == [EVENING] * 3
    quarter = branch_meetings(
        session=session, actor=actor(session, "leader"), branch_id=org_id(session, A), month="2026-04"
    )  # the 三会一课 page's list of the branch
    assert quarter["group"].tolist() == GROUPS
    assert group_cell(session) == (3, 3, MeetingStatus.DONE)
    view = meetings_view(
        session=session, actor=actor(session, "leader"), month="2026-04", org_ids=(org_id(session, A),)
    )
    assert view.month_compliance.value == pytest.approx(3 / 5)  # 党小组会 3 of 3; 支委会 and 主题党日 not yet
    assert view.month_meetings == 3


def test_one_group_meeting_three_times_stands_for_one_group(session):
    for day, topic in [(8, "学习安全规程"), (15, "讨论班组管理"), (22, "民主评议准备")]:
        save(session, meeting(GROUPS[0], held_on=date(2026, 4, day), topic=topic))
    save(
        session,
        meeting(
            None, kind=MeetingKind.COMMITTEE, topic="研究四月工作", expected_attendance=5, actual_attendance=5
        ),
    )
    session.commit()

    assert group_cell(session) == (1, 3, MeetingStatus.MISSING)  # the second and third 党小组 did not meet
    view = meetings_view(
        session=session, actor=actor(session, "leader"), month="2026-04", org_ids=(org_id(session, A),)
    )
    # counted: 支委会 min(1, 1) + 党小组会 min(1, 3) + 主题党日 min(0, 1) = 2 of 5
    assert view.month_compliance.value == pytest.approx(2 / 5)
    assert view.month_meetings == 4


def test_the_same_meeting_typed_twice_is_refused_naming_it(session):
    save(session, meeting())
    with pytest.raises(Refused) as refused:
        save(session, meeting(actual_attendance=8))

    assert refused.value.message == (
        "综采一队党支部已登记2026-04-15 综采一队第一党小组党小组会“学习安全规程”；"
        "如需修改，请在会议列表中选择这次会议修改；本次未保存"
    )
    assert [
        row.actual_attendance for row in session.exec(select(Meeting).where(Meeting.held_on == EVENING))
    ] == [7]
    assert audit_actions(session) == ["insert"]


def test_another_topic_the_same_day_is_another_meeting(session):
    first = save(session, meeting(None, kind=MeetingKind.COMMITTEE, topic="研究四月工作"))
    second = save(session, meeting(None, kind=MeetingKind.COMMITTEE, topic="研究民主评议"))
    assert (first.outcome, second.outcome) == (writes.INSERTED, writes.INSERTED)
    assert first.row.id != second.row.id


@pytest.mark.parametrize(
    ("item", "message"),
    [
        (lambda: meeting(None), "请填写召开党小组会的党小组（综采一队党支部有 3 个党小组）"),
        (
            lambda: meeting("掘进一队原第一党小组"),
            "党小组“掘进一队原第一党小组”不是综采一队党支部的在册党小组",
        ),
        (lambda: meeting(GROUPS[0], kind=MeetingKind.COMMITTEE), "只有党小组会填写党小组；支委会请留空"),
    ],
)
def test_a_group_meeting_names_one_of_the_branch_groups(session, item, message):
    with pytest.raises(Refused) as refused:
        save(session, item())
    assert (refused.value.message, refused.value.field) == (message, "党小组")
    assert (
        session.exec(
            select(Meeting).where(Meeting.month == "2026-04", Meeting.branch_id == org_id(session, A))
        ).all()
        == []
    )


def test_an_edit_uses_the_meeting_and_its_version(session):
    row = save(session, meeting()).row
    first_version = row.version
    session.commit()

    edited = save(session, meeting(actual_attendance=8), meeting_id=row.id, expected_version=first_version)
    assert (edited.outcome, edited.row.actual_attendance, edited.row.version) == (writes.UPDATED, 8, 2)
    same = save(session, meeting(actual_attendance=8), meeting_id=row.id, expected_version=2)
    assert same.outcome == writes.UNCHANGED
    session.commit()

    with pytest.raises(Refused, match=r"学习安全规程”已被 sec_a 于 .* 修改，请刷新后重新填写；本次未保存"):
        save(session, meeting(actual_attendance=6), meeting_id=row.id, expected_version=first_version)
    assert session.get(Meeting, row.id).actual_attendance == 8


def test_an_edit_never_turns_a_meeting_into_another_recorded_one(session):
    first = save(session, meeting(GROUPS[0])).row
    second = save(session, meeting(GROUPS[1])).row
    session.commit()
    with pytest.raises(Refused, match="已登记2026-04-15 综采一队第一党小组党小组会"):
        save(session, meeting(GROUPS[0]), meeting_id=second.id, expected_version=second.version)
    assert (session.get(Meeting, first.id).group_id, session.get(Meeting, second.id).group_id) == (
        org_id(session, GROUPS[0]),
        org_id(session, GROUPS[1]),
    )


def test_a_meeting_deleted_meanwhile_is_not_saved_again(session):
    row = save(session, meeting()).row
    entry.delete_meeting(
        session=session, actor=actor(session, "sec_a"), meeting_id=row.id, expected_version=1
    )
    with pytest.raises(Refused, match="该会议已被他人删除"):
        save(session, meeting(actual_attendance=8), meeting_id=row.id, expected_version=1)


def test_delete_asks_for_the_version_it_showed_and_is_audited(session):
    row = save(session, meeting()).row
    save(session, meeting(actual_attendance=8), meeting_id=row.id, expected_version=1)
    sec_a = actor(session, "sec_a")

    with pytest.raises(Refused, match="已被 sec_a"):
        entry.delete_meeting(session=session, actor=sec_a, meeting_id=row.id, expected_version=1)
    done = entry.delete_meeting(session=session, actor=sec_a, meeting_id=row.id, expected_version=2)

    assert done.outcome == writes.DELETED
    assert session.exec(select(Meeting).where(Meeting.held_on == EVENING)).all() == []
    assert audit_actions(session) == ["insert", "update", "delete"]
    history = entry.month_history(session=session, actor=sec_a, branch_id=org_id(session, A), month="2026-04")
    meeting_lines = history[history["table"] == "meeting"]
    assert meeting_lines["action"].drop_duplicates().tolist() == [
        "insert",
        "update",
        "delete",
    ]  # 修改记录 keeps it


def test_a_locked_month_refuses_new_edited_and_deleted_meetings_until_reopened(session):
    march = session.exec(
        select(Meeting).where(Meeting.branch_id == org_id(session, A), Meeting.held_on == date(2026, 3, 5))
    ).one()
    sec_a, admin = actor(session, "sec_a"), actor(session, "admin")
    locked = "综采一队党支部2026年3月的填报已审核，已锁定，不能修改"
    committee = meeting(
        None,
        kind=MeetingKind.COMMITTEE,
        held_on=date(2026, 3, 5),
        topic=march.topic,
        expected_attendance=5,
        actual_attendance=5,
    )

    with pytest.raises(Refused, match=locked):
        save(session, meeting(held_on=date(2026, 3, 20)))
    with pytest.raises(Refused, match=locked):
        save(session, committee, meeting_id=march.id, expected_version=march.version)
    with pytest.raises(Refused, match=locked):  # moved into April: its own month is still locked
        save(
            session,
            meeting(None, kind=MeetingKind.COMMITTEE, topic=march.topic),
            meeting_id=march.id,
            expected_version=march.version,
        )
    with pytest.raises(Refused, match=locked):
        entry.delete_meeting(
            session=session, actor=sec_a, meeting_id=march.id, expected_version=march.version
        )

    entry.reopen_month(
        session=session, actor=admin, branch_id=org_id(session, A), month="2026-03", reason="补录会议"
    )
    done = entry.delete_meeting(
        session=session, actor=sec_a, meeting_id=march.id, expected_version=march.version
    )
    assert done.outcome == writes.DELETED
    assert audit_actions(session) == ["delete"]


def test_another_branch_secretary_can_neither_edit_nor_delete(session):
    row = save(session, meeting()).row
    with pytest.raises(Refused, match="无权填报或修改综采一队党支部的数据"):
        entry.delete_meeting(session=session, actor=actor(session, "sec_b"), meeting_id=row.id)
    with pytest.raises(Refused, match="无权填报或修改综采一队党支部的数据"):
        save(session, meeting(actual_attendance=1), "sec_b", meeting_id=row.id, expected_version=1)


def _workbook(rows: list[list]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "三会一课"
    sheet.append(HEADERS[MeetingIn])
    for row in rows:
        sheet.append(row)
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _import(session: Session, data: bytes) -> excel.ImportResult:
    with db.write_scope(session.get_bind()) as own:
        return excel.import_workbook(session=own, actor=actor(own, "sec_a"), data=data, today=TODAY)


def test_an_import_of_three_group_meetings_round_trips(session):
    rows = [[EVENING, A, group, "党小组会", 8, 7, "学习安全规程"] for group in GROUPS]
    rows.append([EVENING, A, None, "支委会", 5, 5, "研究四月工作"])

    first = _import(session, _workbook(rows))
    assert first.problems == []
    assert (first.saved["三会一课"].inserted, first.saved["三会一课"].updated) == (4, 0)

    rows[1][5] = 8  # the second 党小组: one more came
    again = _import(session, _workbook(rows))
    saved = again.saved["三会一课"]
    assert (saved.inserted, saved.updated, saved.unchanged) == (0, 1, 3)

    session.expire_all()
    listed = entry.meetings_of(
        session=session, actor=actor(session, "sec_a"), branch_id=org_id(session, A), month="2026-04"
    )
    assert list(zip(listed["group"].fillna(""), listed["kind"], listed["actual"], strict=True)) == [
        (GROUPS[0], "党小组会", 7),
        (GROUPS[1], "党小组会", 8),
        (GROUPS[2], "党小组会", 7),
        ("", "支委会", 5),
    ]  # the same day, in the order they were recorded
    assert group_cell(session) == (3, 3, MeetingStatus.DONE)


def test_an_import_naming_the_same_meeting_twice_is_refused(session):
    row = [EVENING, A, GROUPS[0], "党小组会", 8, 7, "学习安全规程"]
    result = _import(session, _workbook([row, list(row)]))
    assert len(result.problems) == 1
    assert result.problems[0].row == 3
    assert session.exec(select(Meeting).where(Meeting.held_on == EVENING)).all() == []


def test_a_branch_with_one_group_needs_no_group_named(session):
    """掘进一队 gets one 党小组: a 党小组会 typed without one (a workbook people made) is that 党小组's."""
    branch = session.get(Organisation, org_id(session, "掘进一队党支部"))
    only = orgs.add_organisation(
        session=session, name="掘进一队第二党小组", kind=OrgKind.GROUP, parent=branch
    )
    item = MeetingIn(
        held_on=EVENING,
        branch="掘进一队党支部",
        kind=MeetingKind.GROUP,
        topic="学习安全规程",
        expected_attendance=6,
        actual_attendance=6,
    )
    written = entry.save_meeting(session=session, actor=actor(session, "sec_b"), item=item)
    assert (written.outcome, written.row.group_id) == (writes.INSERTED, only.id)
