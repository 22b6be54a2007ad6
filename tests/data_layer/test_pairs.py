"""帮扶结对 on the hand-made organisation (both databases): the figures of tests/handmade_lean.py add_pairs,
and setting up pairings and logging visits with their refusals.

"Today" is 2026-04-20: 综采一队 and 掘进一队 have 2026-03 locked (已审核 / 已提交); April is open.
"""

from datetime import date

import pytest
from sqlmodel import select

from data_layer import entry
from data_layer.errors import Refused
from data_layer.lean import pairs_entry
from data_layer.metrics.pairs import pairs_view
from data_layer.models import AuditLog, Pairing, PairVisit
from data_layer.schemas import PairingIn, VisitIn
from data_layer.store import settings, writes
from tests.actors import actor, org_id

A, B, C = "综采一队党支部", "掘进一队党支部", "机关党支部"
TODAY = date(2026, 4, 20)


def view(session, username: str, month: str = "2026-03"):
    return pairs_view(session=session, actor=actor(session, username), month=month)


def test_the_committee_at_march(session):
    shown = view(session, "leader")

    assert (shown.pairs, shown.visited, shown.idle_months) == (4, 2, 3)
    assert shown.visit_rate.value == pytest.approx(0.5)
    assert shown.visit_rate.previous == pytest.approx(0.4)
    assert shown.visit_rate.change == pytest.approx(0.1)
    by_branch = shown.by_branch
    assert by_branch["branch"].tolist() == [A, B, C]
    assert by_branch["pairs"].tolist() == [3, 1, 0]
    assert by_branch["visited"].tolist() == [1, 1, 0]
    assert by_branch["idle"].tolist() == [1, 0, 0]
    assert round(by_branch["visit_rate"][0], 3) == 0.333 and by_branch["visit_rate"][1] == 1.0
    assert pd_missing(by_branch["visit_rate"][2])
    listed = shown.pair_list.set_index("target")
    assert listed["idle_months"].to_dict() == {
        "困难职工刘大海": 3,
        "新入职青工小王": 2,
        "机关党支部": 0,
        "退休老党员陈师傅": 0,
    }
    assert listed.loc["机关党支部", "kind"] == "支部结对"
    idle = shown.idle
    assert idle[["target", "helper", "last_visit", "idle_months"]].values.tolist() == [
        ["困难职工刘大海", "张三", "2025-12", 3]
    ]


def pd_missing(value) -> bool:
    return value is None or value != value


def test_february_and_april(session):
    february = view(session, "leader", "2026-02")
    assert (february.pairs, february.visited) == (5, 2)
    assert february.idle.empty
    assert february.pair_list.set_index("target")["idle_months"]["退休老党员陈师傅"] == 1  # never visited

    april = view(session, "leader", "2026-04")
    assert (april.pairs, april.visited) == (5, 0)
    assert april.idle["target"].tolist() == ["困难职工刘大海", "新入职青工小王"]
    assert april.idle["idle_months"].tolist() == [4, 3]


def test_a_secretary_sees_their_branch(session):
    shown = view(session, "sec_b")
    assert shown.by_branch["branch"].tolist() == [B]
    assert (shown.pairs, shown.visited) == (1, 1)
    assert shown.visit_rate.previous == pytest.approx(0.5)  # February: P4 not visited, P5 visited


def test_the_setting_changes_what_counts_as_idle(fresh_session):
    settings.put(session=fresh_session, key="pairing_idle_months", value="2")
    fresh_session.commit()
    shown = view(fresh_session, "leader")
    assert shown.idle_months == 2
    assert shown.idle["target"].tolist() == ["困难职工刘大海", "新入职青工小王"]


# --- writes ---


@pytest.fixture
def writable(fresh_session, monkeypatch):
    monkeypatch.setenv("DASHBOARD_TODAY", TODAY.isoformat())
    return fresh_session


def pairing(session, username="sec_a", **values):
    item = {
        "branch": A,
        "kind": "党员结对",
        "helper_no": "T002",
        "target": "困难职工周某",
        "started_month": "2026-04",
    } | values
    return pairs_entry.save_pairing(
        session=session, actor=actor(session, username), item=PairingIn(**item), today=TODAY
    )


def visit(session, username="sec_a", **values):
    item = {
        "month": "2026-04",
        "branch": A,
        "helper_no": "T002",
        "target": "困难职工周某",
        "visits": 2,
    } | values
    return pairs_entry.save_visit(
        session=session, actor=actor(session, username), item=VisitIn(**item), today=TODAY
    )


def test_set_up_a_pairing_and_log_its_visits(writable):
    session = writable
    outcome, row = pairing(session)
    assert outcome == writes.INSERTED and (row.kind, row.started_month) == ("党员结对", "2026-04")
    assert entry.month_state(session=session, branch_id=org_id(session, A), month="2026-04").status == "草稿"
    outcome, logged = visit(session, note="送去慰问品")
    assert outcome == writes.INSERTED and logged.visits == 2
    assert visit(session, note="送去慰问品")[0] == writes.UNCHANGED
    assert visit(session, visits=3, note="送去慰问品")[0] == writes.UPDATED
    outcome, partner = pairing(session, kind="支部结对", helper_no=None, target=B)
    assert partner.partner_branch_id == org_id(session, B)
    session.commit()

    audits = session.exec(select(AuditLog).where(AuditLog.table_name == "pairvisit")).all()
    assert [row.action for row in audits] == ["insert", "update"]
    # April: the fixture's five in force + these two = 7; visited only the new one.
    april = view(session, "leader", "2026-04")
    assert (april.pairs, april.visited) == (7, 1)


def test_ending_a_pairing(writable):
    session = writable
    _, row = pairing(
        session, target="困难职工刘大海", helper_no="T001", started_month="2025-10", ended_month="2026-04"
    )
    assert row.ended_month == "2026-04"
    assert view(session, "leader", "2026-05").pairs == 4  # P1 ended in April; P2 P3 P4 P6 remain


def test_refusals_name_the_field(writable):
    session = writable
    cases = [
        (pairing, {"kind": "支部结对", "helper_no": None, "target": A}, "帮扶对象", "不能与自己结对"),
        (pairing, {"kind": "支部结对", "helper_no": None, "target": "不存在党支部"}, "帮扶对象", "找不到"),
        (pairing, {"helper_no": "T005"}, "帮扶人党员编号", "不是综采一队党支部的党员"),
        (pairing, {"branch": B, "helper_no": "T005"}, "党支部", "无权"),
        (pairing, {"started_month": "2026-03"}, "月份", "已锁定"),
        (pairing, {"started_month": "2026-05"}, "开始月份", "不能晚于本月"),
        (visit, {"target": "困难职工刘大海", "helper_no": "T001", "month": "2026-03"}, "月份", "已锁定"),
        (visit, {"target": "没有结对的人"}, "帮扶对象", "请先登记结对"),
        (visit, {"branch": B, "helper_no": "T006", "target": "伤病职工家属"}, "党支部", "无权"),
    ]
    for write, values, field, words in cases:
        with pytest.raises(Refused) as refused:
            write(session, **values)
        assert refused.value.field == field, values
        assert words in refused.value.message, values
    with pytest.raises(Refused, match="不能填报 2026-04") as refused:
        visit(session, "sec_b", branch=B, helper_no="T006", target="伤病职工家属")
    assert refused.value.field == "月份"
    with pytest.raises(Exception, match="党员结对请填写帮扶人党员编号"):
        PairingIn(branch=A, kind="党员结对", target="某人", started_month="2026-04")
    assert session.exec(select(Pairing).where(Pairing.target == "困难职工周某")).first() is None
    assert session.exec(select(PairVisit).where(PairVisit.month == "2026-04")).first() is None


def test_an_excel_row_with_a_problem_writes_no_row(writable):
    from tests.data_layer.test_excel_import import run_import, workbook

    session = writable
    pair = [A, "党员结对", "T002", "困难职工周某", "2026-04", None, "每月走访"]
    good = ["2026-04", A, "T002", "困难职工周某", 1, "入户走访"]
    bad = ["2026-04", A, "T001", "困难职工刘大海", -1, None]
    result = run_import(session.get_bind(), "sec_a", workbook({"帮扶结对": [pair], "帮扶走访": [good, bad]}))

    assert [(p.sheet, p.row, p.column) for p in result.problems] == [("帮扶走访", 3, "走访次数")]
    assert session.exec(select(Pairing).where(Pairing.target == "困难职工周某")).first() is None

    result = run_import(session.get_bind(), "sec_a", workbook({"帮扶结对": [pair], "帮扶走访": [good]}))
    assert not result.problems
    assert (result.saved["帮扶结对"].inserted, result.saved["帮扶走访"].inserted) == (1, 1)

    unknown = ["2026-04", A, None, "机关", 1, None]
    result = run_import(session.get_bind(), "sec_a", workbook({"帮扶走访": [unknown]}))
    assert [(p.sheet, p.row, p.column) for p in result.problems] == [("帮扶走访", 2, "帮扶对象")]


def test_the_monthly_report_carries_the_pairings(session):
    from data_layer import reports

    report = reports.monthly_report(session=session, actor=actor(session, "leader"), month="2026-03")
    part = report["pairs"]
    assert (part["pairs"], part["visited"], part["idle"], part["idle_months"]) == (4, 2, 1, 3)
    assert (part["visit_rate"], part["previous"], part["change"]) == (0.5, 0.4, 0.1)
    assert [row["visit_rate"] for row in part["by_branch"]] == [0.3333, 1.0, None]
    sheet = next(sheet for sheet in reports.report_sheets(report) if sheet.name == "帮扶结对")
    assert sheet.frame["pairs"].tolist() == [3, 1, 0]
    assert reports.report_xlsx(report)[:2] == b"PK"
