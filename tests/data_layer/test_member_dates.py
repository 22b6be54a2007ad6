"""A member counts only while a member (issue 23, item 5), on a small 党支部 worked out by hand.

综采一队 has 4 members since 2010 (a1–a4); targets 4 h and 100 points a month. a1–a3 study 4 h and
100 points every month January–November, a4 3 h and 100 points: at November (44 h, 1,100 points due) a1–a3
are on track, a4 is 11 h short → 3 of 4 = 0.75. Everyone pays 10.00 of 10.00 党费 every month January–
November. 掘进一队 has one member, b1, with no study and no 党费.
"""

from datetime import date
from decimal import Decimal

import pytest
from sqlmodel import Session, select

from data_layer import auth, entry, months, orgs, setup
from data_layer.errors import Refused
from data_layer.metrics import dues, membership, study
from data_layer.models import (
    DuesRecord,
    Member,
    Organisation,
    StudyRecord,
    Submission,
    User,
    YearParameter,
)
from data_layer.schemas import MemberIn, StudyIn
from data_layer.vocab import MemberCategory, OrgKind, Role, SubmissionStatus

A = "综采一队党支部"
B = "掘进一队党支部"
NOVEMBER, DECEMBER = "2026-11", "2026-12"


@pytest.fixture
def session(empty_engine, monkeypatch):
    monkeypatch.setenv("DASHBOARD_TODAY", "2026-12-07")
    with Session(empty_engine) as session:
        committee = orgs.add_organisation(session=session, name="测试党委", kind=OrgKind.COMMITTEE)
        branch_a = orgs.add_organisation(session=session, name=A, kind=OrgKind.BRANCH, parent=committee)
        branch_b = orgs.add_organisation(session=session, name=B, kind=OrgKind.BRANCH, parent=committee)
        members = [
            Member(
                member_no=no,
                name=name,
                branch_id=branch.id,
                category=MemberCategory.FULL,
                joined_on=date(2010, 7, 1),
            )
            for no, name, branch in [
                ("A1", "张一", branch_a),
                ("A2", "张二", branch_a),
                ("A3", "张三", branch_a),
                ("A4", "张四", branch_a),
                ("B1", "李一", branch_b),
            ]
        ]
        session.add_all(members)
        session.add(
            YearParameter(
                year=2026,
                last_year_payroll=Decimal("1000000"),
                monthly_hours_target=Decimal(4),
                monthly_points_target=100,
            )
        )
        for username, role in [("admin", Role.ADMIN), ("leader", Role.LEADER)]:
            session.add(User(username=username, password_hash="-", display_name=username, role=role))
        session.flush()
        for member in members[:4]:
            for number in range(1, 12):
                month = f"2026-{number:02d}"
                hours = Decimal(3 if member.member_no == "A4" else 4)
                session.add(
                    StudyRecord(member_id=member.id, month=month, hours=hours, points=100, sessions=1)
                )
                session.add(
                    DuesRecord(
                        member_id=member.id,
                        month=month,
                        income=Decimal(1000),
                        rate=Decimal("0.01"),
                        due=Decimal(10),
                        paid=Decimal(10),
                    )
                )
        session.commit()
        yield session
        session.rollback()


def as_user(session, username):
    return auth.actor_of(session.exec(select(User).where(User.username == username)).one())


def branch_id(session, name):
    return session.exec(select(Organisation.id).where(Organisation.name == name)).one()


def approve(session, branch, month):
    session.add(
        Submission(branch_id=branch_id(session, branch), month=month, status=SubmissionStatus.APPROVED)
    )
    session.commit()


def save(session, no="A5", name="王五", branch=A, **dates):
    item = MemberIn(
        member_no=no, name=name, branch=branch, category="正式党员", joined_on=date(2010, 7, 1), **dates
    )
    written = setup.save_member(session=session, actor=as_user(session, "admin"), item=item)
    session.commit()
    return written


def study_at(session, month):
    return study.study_view(session=session, actor=as_user(session, "leader"), month=month)


def branch_row(view, branch):
    return view.branches.set_index("branch").loc[branch]


def test_a_member_arriving_on_12_07_leaves_the_approved_november_as_it_was(session):
    approve(session, A, NOVEMBER)
    assert branch_row(study_at(session, NOVEMBER), A)[["members", "on_track"]].tolist() == [4, 3]

    outcome, _ = save(session, arrived_on=date(2026, 12, 7))

    assert outcome == "inserted"
    november = study_at(session, NOVEMBER)
    assert branch_row(november, A)["on_track_rate"] == 0.75
    late = november.laggards[november.laggards["branch"] == A]
    assert late[["member_no", "hours_short"]].values.tolist() == [["A4", 11.0]]
    december = study_at(session, DECEMBER)
    # December: 5 members; A5's target is December's alone (4 h, 100 points), not the year's 48 h.
    assert branch_row(december, A)["members"] == 5
    shortfalls = december.laggards.set_index("member_no")[["hours_short", "points_short"]]
    assert shortfalls.loc["A5"].tolist() == [4.0, 100]
    assert december.trend["members"].tolist() == [5] * 11 + [6]  # a1–a4 and b1; A5 from December


def test_a_new_member_without_a_later_arrival_is_refused_once_a_month_is_approved(session):
    approve(session, A, NOVEMBER)

    with pytest.raises(Refused, match="综采一队党支部2026年11月已提交或已审核") as refused:
        save(session)
    assert refused.value.field == "转入日期"
    session.rollback()
    with pytest.raises(Refused) as refused:
        save(session, arrived_on=date(2026, 11, 30))
    assert refused.value.field == "转入日期"
    session.rollback()

    assert session.exec(select(Member).where(Member.member_no == "A5")).first() is None
    assert branch_row(study_at(session, NOVEMBER), A)["members"] == 4


def test_dues_of_a_new_member_run_from_their_arrival(session):
    save(session, arrived_on=date(2026, 5, 10))  # nothing approved yet: May counts

    view = dues.dues_view(session=session, actor=as_user(session, "leader"), month=NOVEMBER)

    # A5 paid nothing May–November: 7 unpaid months (not 11), owing nothing recorded.
    assert view.arrears[["member_no", "unpaid_months", "owed"]].values.tolist() == [["A5", 7, Decimal(0)]]
    assert view.by_branch.set_index("branch").loc[A, "members"] == 5
    before = dues.dues_view(session=session, actor=as_user(session, "leader"), month="2026-04")
    assert before.by_branch.set_index("branch").loc[A, "members"] == 4


def test_a_member_leaving_in_october_counts_through_september_only(session):
    save(session, no="A4", name="张四", left_on=date(2026, 10, 15))

    assert branch_row(study_at(session, "2026-09"), A)["members"] == 4
    assert branch_row(study_at(session, "2026-10"), A)["members"] == 3
    november = study_at(session, NOVEMBER)
    assert branch_row(november, A)[["members", "on_track_rate"]].tolist() == [3, 1.0]
    assert (
        "A4"
        not in dues.dues_view(session=session, actor=as_user(session, "leader"), month=NOVEMBER)
        .members["member_no"]
        .tolist()
    )


def test_a_departure_inside_an_approved_month_is_refused(session):
    approve(session, A, NOVEMBER)

    with pytest.raises(Refused) as refused:
        save(session, no="A4", name="张四", died_on=date(2026, 11, 20))
    assert refused.value.field == "离世日期"
    session.rollback()
    outcome, _ = save(session, no="A4", name="张四", died_on=date(2026, 12, 1))
    assert outcome == "updated"
    assert branch_row(study_at(session, NOVEMBER), A)["members"] == 4
    assert branch_row(study_at(session, DECEMBER), A)["members"] == 3


def test_a_transfer_moves_the_member_from_the_month_of_the_move(session):
    approve(session, A, NOVEMBER)
    approve(session, B, NOVEMBER)

    with pytest.raises(Refused) as refused:
        save(session, no="A4", name="张四", branch=B)
    assert refused.value.field == "调入本支部日期"
    session.rollback()
    outcome, row = save(session, no="A4", name="张四", branch=B, moved_on=date(2026, 12, 3))

    assert outcome == "updated"
    november, december = study_at(session, NOVEMBER), study_at(session, DECEMBER)
    assert branch_row(november, A)["members"] == 4 and branch_row(november, B)["members"] == 1
    assert branch_row(december, A)["members"] == 3 and branch_row(december, B)["members"] == 2
    admin = as_user(session, "admin")
    sheet = entry.study_sheet(session=session, actor=admin, branch_id=row.branch_id, month=DECEMBER)
    assert sheet["member_no"].tolist() == ["A4", "B1"]
    sheet = entry.study_sheet(session=session, actor=admin, branch_id=row.branch_id, month=NOVEMBER)
    assert sheet["member_no"].tolist() == ["B1"]


def test_a_transfer_dated_inside_an_approved_month_is_refused(session):
    approve(session, A, NOVEMBER)

    with pytest.raises(Refused) as refused:
        save(session, no="A4", name="张四", branch=B, moved_on=date(2026, 11, 3))
    assert refused.value.field == "调入本支部日期"


def test_study_is_entered_for_the_branch_of_its_month_and_not_after_leaving(session):
    save(session, no="A4", name="张四", branch=B, moved_on=date(2026, 12, 3))
    save(session, no="A3", name="张三", left_on=date(2026, 10, 15))
    admin = as_user(session, "admin")

    def enter(no, month):
        item = StudyIn(month=month, member_no=no, points=100, hours=Decimal(4), sessions=1)
        written = entry.save_study(session=session, actor=admin, item=item, expected_version=1)
        session.commit()
        return written

    enter("A4", NOVEMBER)  # November is A's: its draft, not B's
    states = {
        branch: entry.month_state(
            session=session, branch_id=branch_id(session, branch), month=NOVEMBER
        ).status
        for branch in (A, B)
    }
    assert states == {A: SubmissionStatus.DRAFT, B: SubmissionStatus.NONE}
    with pytest.raises(Refused, match="张三已于 2026-10-15 转出，不能填报此后月份"):
        enter("A3", "2026-10")


def test_the_rule_for_a_row_in_hand_agrees_with_the_sql(session):
    save(session, no="A4", name="张四", branch=B, moved_on=date(2026, 6, 3))
    save(session, no="A3", name="张三", died_on=date(2026, 9, 30))
    save(session, arrived_on=date(2026, 4, 1))
    for month in months.span("2026-01", DECEMBER):
        in_sql = dict(
            session.exec(
                select(Member.id, membership.branch_at(month)).where(membership.present(month))
            ).all()
        )
        in_hand = {row.id: membership.branch_of(row, month) for row in session.exec(select(Member)).all()}
        assert in_sql == {member: branch for member, branch in in_hand.items() if branch is not None}, month
