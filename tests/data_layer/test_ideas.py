"""金点子 on the hand-made organisation (both databases): the figures of tests/handmade_lean.py add_ideas,
and proposing and advancing ideas with their refusals.

"Today" is 2026-04-20: 综采一队 and 掘进一队 have 2026-03 locked (已审核 / 已提交); April is open.
"""

from datetime import date
from decimal import Decimal

import pytest
from sqlmodel import select

from data_layer import entry
from data_layer.errors import Refused
from data_layer.lean import ideas_entry
from data_layer.metrics.ideas import ideas_view
from data_layer.models import AuditLog, Idea
from data_layer.schemas import IdeaIn, IdeaStepIn
from data_layer.store import writes
from tests.actors import actor, org_id

A, B, C = "综采一队党支部", "掘进一队党支部", "机关党支部"
TODAY = date(2026, 4, 20)


def view(session, username: str, month: str = "2026-03", **options):
    return ideas_view(session=session, actor=actor(session, username), month=month, **options)


def test_the_committee_at_march(session):
    shown = view(session, "leader")

    assert (shown.proposed, shown.adopted, shown.effective) == (6, 3, 1)
    assert shown.adoption_rate.value == pytest.approx(0.5)
    assert shown.adoption_rate.previous == pytest.approx(0.75)
    assert shown.adoption_rate.change == pytest.approx(-0.25)
    assert shown.benefit_amount == Decimal("12000.00")
    by_branch = shown.by_branch
    assert by_branch["branch"].tolist() == [A, B, C]
    assert by_branch["proposed"].tolist() == [3, 2, 1]
    assert by_branch["adopted"].tolist() == [1, 1, 1]
    assert by_branch["effective"].tolist() == [1, 0, 0]
    assert [round(rate, 3) for rate in by_branch["adoption_rate"]] == [0.333, 0.5, 1.0]
    assert by_branch["benefit_amount"].tolist() == [Decimal("12000.00"), Decimal(0), Decimal(0)]
    titles = set(shown.ideas["title"])
    assert len(titles) == 6 and "旧年点子" not in titles and "撤销支部的点子" not in titles


def test_an_idea_adopted_after_m_is_not_adopted_at_m(session):
    april = view(session, "leader", "2026-04")
    assert (april.proposed, april.adopted, april.effective) == (6, 4, 2)
    assert april.benefit_amount == Decimal("15000.00")
    assert april.adoption_rate.previous == pytest.approx(0.5)


def test_a_secretary_sees_their_branch(session):
    shown = view(session, "sec_a")
    assert shown.by_branch["branch"].tolist() == [A]
    assert (shown.proposed, shown.adopted) == (3, 1)
    assert shown.adoption_rate.value == pytest.approx(1 / 3)
    assert shown.adoption_rate.previous == pytest.approx(0.5)
    assert set(shown.ideas["branch"]) == {A}


def test_a_year_without_ideas_says_so(session):
    shown = view(session, "leader", "2025-06")
    assert shown.proposed == 0
    assert shown.adoption_rate.value is None
    assert shown.adoption_rate.reason == "本年截至本月尚无金点子"


def test_a_secretary_can_not_read_another_branch(session):
    with pytest.raises(Refused, match="无权查看"):
        view(session, "sec_a", org_ids=(org_id(session, B),))


# --- writes ---


@pytest.fixture
def writable(fresh_session, monkeypatch):
    monkeypatch.setenv("DASHBOARD_TODAY", TODAY.isoformat())
    return fresh_session


def propose(session, username="sec_a", **values):
    item = {
        "branch": A,
        "title": "井下照明节电改造",
        "proposer_no": "T001",
        "proposer_name": "张三",
        "proposed_on": date(2026, 4, 2),
    } | values
    return ideas_entry.save_idea(
        session=session, actor=actor(session, username), item=IdeaIn(**item), today=TODAY
    )


def step(session, idea_id: int, status: str, on: date, username="sec_a", **benefit):
    return ideas_entry.advance_idea(
        session=session,
        actor=actor(session, username),
        idea_id=idea_id,
        step=IdeaStepIn(status=status, status_on=on, **benefit),
        today=TODAY,
    )


def test_propose_and_carry_an_idea_to_effect(writable):
    session = writable
    outcome, idea = propose(session)
    assert outcome == writes.INSERTED
    assert (idea.status, idea.month, idea.status_month, idea.adopted_month) == (
        "提出",
        "2026-04",
        "2026-04",
        None,
    )
    assert entry.month_state(session=session, branch_id=org_id(session, A), month="2026-04").status == "草稿"

    step(session, idea.id, "评审", date(2026, 4, 8))
    step(session, idea.id, "采纳", date(2026, 4, 10))
    assert idea.adopted_month == "2026-04"
    with pytest.raises(Refused) as refused:
        step(session, idea.id, "见效", date(2026, 4, 18))
    assert refused.value.field == "效益(元)"
    step(session, idea.id, "见效", date(2026, 4, 18), benefit_amount="800")
    session.commit()

    assert (idea.status, idea.adopted_month, idea.benefit_amount) == ("见效", "2026-04", Decimal("800.00"))
    audits = session.exec(select(AuditLog).where(AuditLog.table_name == "idea")).all()
    assert [row.action for row in audits] == ["insert", "update", "update", "update"]
    # April: 6 of the fixture + this one proposed; adopted #1 #2 #4 #6 and this = 5 of 7; effective #1 #6
    # and this = 3, benefit 12,000 + 3,000 + 800.
    april = view(session, "leader", "2026-04")
    assert (april.proposed, april.adopted, april.effective) == (7, 5, 3)
    assert april.benefit_amount == Decimal("15800.00")


def test_proposals_are_refused_with_the_field_to_correct(writable):
    session = writable
    cases = [
        ({"proposed_on": date(2026, 3, 10)}, "sec_a", "月份", "已锁定"),
        ({"branch": B, "proposer_no": "T005", "proposer_name": None}, "sec_a", "党支部", "无权"),
        (
            {"proposer_no": "T005", "proposer_name": None},
            "sec_a",
            "提出人党员编号",
            "不是综采一队党支部的党员",
        ),
        ({"proposer_name": "李四"}, "sec_a", "提出人", "不一致"),
        ({"proposer_no": "T003", "proposer_name": None}, "sec_a", "提出人党员编号", "找不到"),
        ({"benefit_amount": Decimal(5)}, "sec_a", "效益(元)", "只有见效"),
    ]
    for values, username, field, words in cases:
        with pytest.raises(Refused) as refused:
            propose(session, username, **values)
        assert refused.value.field == field, values
        assert words in refused.value.message, values
    assert session.exec(select(Idea).where(Idea.title == "井下照明节电改造")).first() is None


def test_status_moves_forward_only_and_an_administrator_may_correct(writable):
    session = writable
    idea = {row.title: row for row in session.exec(select(Idea)).all()}
    reviewing, adopted = idea["班前安全确认卡"], idea["截齿回收再利用"]

    with pytest.raises(Refused, match="只能向前推进") as refused:
        step(session, reviewing.id, "提出", date(2026, 4, 5))
    assert refused.value.field == "状态"
    with pytest.raises(Refused, match="只有“提出”或“评审”"):
        step(session, adopted.id, "未采纳", date(2026, 4, 20))
    with pytest.raises(Refused, match="无权"):
        step(session, reviewing.id, "采纳", date(2026, 4, 5), username="sec_b")

    step(session, adopted.id, "评审", date(2026, 4, 20), username="admin")
    assert (adopted.status, adopted.adopted_month) == ("评审", None)
    outcome, rejected = step(session, reviewing.id, "未采纳", date(2026, 4, 6))
    assert outcome == writes.UPDATED and rejected.status_month == "2026-04"
    with pytest.raises(Refused, match="未采纳的金点子不能再改变状态"):
        step(session, reviewing.id, "采纳", date(2026, 4, 7))


def test_a_change_dated_in_a_locked_month_is_refused(writable):
    session = writable
    spraying = session.exec(select(Idea).where(Idea.title == "截割头喷雾改进")).one()
    with pytest.raises(Refused, match="已锁定") as refused:
        step(session, spraying.id, "见效", date(2026, 3, 20), username="sec_b", benefit_text="粉尘降低")
    assert refused.value.field == "状态日期"
    with pytest.raises(ValueError, match="日期不能晚于今天"):  # the schema refuses it first
        step(session, spraying.id, "见效", date(2026, 4, 21), username="sec_b", benefit_text="粉尘降低")


def test_an_excel_row_with_a_problem_writes_no_row(writable):
    from tests.data_layer.test_excel_import import run_import, workbook

    session = writable
    good = [A, "采空区注浆新工艺", "T002", "李四", "2026-04-03", "采纳", "2026-04-15", None, None]
    bad = [A, "无效益的见效", "T001", None, "2026-04-03", "见效", "2026-04-16", None, None]
    result = run_import(session.get_bind(), "sec_a", workbook({"金点子": [good, bad]}))

    assert [(p.sheet, p.row, p.column) for p in result.problems] == [("金点子", 3, "效益(元)")]
    assert "见效时请填写效益" in result.problems[0].message
    assert session.exec(select(Idea).where(Idea.title == "采空区注浆新工艺")).first() is None

    result = run_import(session.get_bind(), "sec_a", workbook({"金点子": [good]}))
    assert not result.problems and result.saved["金点子"].inserted == 1
    session.expire_all()
    saved = session.exec(select(Idea).where(Idea.title == "采空区注浆新工艺")).one()
    assert (saved.status, saved.adopted_month, saved.month) == ("采纳", "2026-04", "2026-04")


def test_excel_refuses_a_status_change_into_a_locked_month(writable):
    from tests.data_layer.test_excel_import import run_import, workbook

    session = writable
    row = [
        A,
        "液压支架快速移架法",
        "T001",
        "张三",
        "2026-01-12",
        "见效",
        "2026-03-30",
        "12000",
        "年节约配件费用",
    ]
    unchanged = run_import(session.get_bind(), "sec_a", workbook({"金点子": [row]}))
    assert not unchanged.problems and unchanged.saved["金点子"].unchanged == 1
    # 班前安全确认卡 (评审 since March, proposed in locked March) taken to 见效 dated in March: refused on
    # 状态日期; dated in April (open) it goes through, though it was proposed in a locked month.
    row[1] = "班前安全确认卡"
    row[4] = "2026-03-05"
    result = run_import(session.get_bind(), "sec_a", workbook({"金点子": [row]}))
    assert [(p.sheet, p.row, p.column) for p in result.problems] == [("金点子", 2, "状态日期")]
    assert "已锁定" in result.problems[0].message
    row[6] = "2026-04-15"
    result = run_import(session.get_bind(), "sec_a", workbook({"金点子": [row]}))
    assert not result.problems and result.saved["金点子"].updated == 1
    session.expire_all()
    done = session.exec(select(Idea).where(Idea.title == "班前安全确认卡")).one()
    assert (done.status, done.status_month, done.adopted_month) == ("见效", "2026-04", "2026-04")
    row[4] = "2026-03-06"  # moving the proposal within locked March is refused on its date
    result = run_import(session.get_bind(), "sec_a", workbook({"金点子": [row]}))
    assert [(p.sheet, p.row, p.column) for p in result.problems] == [("金点子", 2, "提出日期")]


def test_the_monthly_report_carries_the_ideas(session):
    from data_layer import reports

    report = reports.monthly_report(session=session, actor=actor(session, "leader"), month="2026-03")
    part = report["ideas"]
    assert (part["proposed"], part["adopted"], part["effective"]) == (6, 3, 1)
    assert (part["adoption_rate"], part["previous"], part["change"]) == (0.5, 0.75, -0.25)
    assert part["benefit_amount"] == "12000.00"
    assert part["by_branch"][0] == {
        "branch": A,
        "proposed": 3,
        "adopted": 1,
        "adoption_rate": 0.3333,
        "effective": 1,
        "benefit_amount": "12000.00",
    }
    sheet = next(sheet for sheet in reports.report_sheets(report) if sheet.name == "金点子")
    assert sheet.frame["proposed"].tolist() == [3, 2, 1]
