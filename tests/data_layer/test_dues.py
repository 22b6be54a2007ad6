"""党费 on the hand-made fixture: brackets, saving, the figures at 2026-03 and the arrears list, worked out
by hand in tests/handmade_lean.py (add_dues). Writes go to 2026-04 (open for every 党支部) or to months
the fixture leaves open; 综采一队 2026-03 is 已审核 and so locked."""

import re
from datetime import date
from decimal import Decimal

import pytest
from sqlmodel import Session, select

from data_layer import entry
from data_layer.errors import Refused
from data_layer.lean import dues_entry
from data_layer.metrics import dues
from data_layer.models import AuditLog, DuesRecord, Setting
from data_layer.rules import DUES_BRACKETS
from data_layer.schemas import DuesIn, from_row
from data_layer.store import db
from data_layer.vocab import SubmissionStatus
from tests.actors import actor, org_id
from tests.handmade import MONTH

TODAY = date(2026, 4, 20)
A, B, C = "综采一队党支部", "掘进一队党支部", "机关党支部"


def view(session, month: str = MONTH, username: str = "leader", org_ids: tuple[int, ...] = ()):
    return dues.dues_view(session=session, actor=actor(session, username), month=month, org_ids=org_ids)


# ---------------------------------------------------------------- brackets


@pytest.mark.parametrize(
    ("income", "rate", "due"),
    [
        ("0.00", "0.005", "0.00"),
        ("2999.99", "0.005", "15.00"),  # 14.99995 → 15.00
        ("3000.00", "0.005", "15.00"),  # the bound belongs to the lower bracket
        ("3000.01", "0.01", "30.00"),
        ("5000.00", "0.01", "50.00"),
        ("5000.01", "0.015", "75.00"),
        ("10000.00", "0.015", "150.00"),
        ("10000.01", "0.02", "200.00"),
        ("4322.50", "0.01", "43.23"),  # 43.225 rounds half up, not to even
    ],
)
def test_rate_and_due_at_the_bracket_bounds(income, rate, due):
    found = dues_entry.rate_for(Decimal(income))
    assert found == Decimal(rate)
    assert dues_entry.due_for(Decimal(income), found) == Decimal(due)


def test_the_brackets_setting_is_read_and_written_back_the_same():
    assert dues_entry.parse_brackets("3000:0.5,5000:1,10000:1.5,*:2") == DUES_BRACKETS
    assert dues_entry.parse_brackets(" 3000：0.5， 5000:1；10000:1.5 *:2 ") == DUES_BRACKETS
    assert dues_entry.format_brackets(DUES_BRACKETS) == "3000:0.5,5000:1,10000:1.5,*:2"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "请填写党费比例"),
        ("3000-0.5,*:2", "“3000-0.5”缺少冒号"),
        ("3000:abc,*:2", "“abc”不是比例"),
        ("3000:0.5,5000:1", "最后一档的上限应写 *"),
        ("5000:0.5,3000:1,*:2", "收入上限应逐档增加（3000 不大于 5000）"),
        ("*:2,3000:0.5", "上限为 * 的一档应是最后一档"),
        ("3000:0,*:2", "比例应大于 0 且最多两位小数"),
        ("3000:50,*:2", "比例 50% 过高"),
    ],
)
def test_bad_brackets_are_refused_naming_the_field(text, message):
    with pytest.raises(Refused, match=re.escape(message)) as refusal:
        dues_entry.parse_brackets(text)
    assert refusal.value.field == "党费比例"
    assert "例如 3000:0.5,5000:1,10000:1.5,*:2" in refusal.value.message


# ---------------------------------------------------------------- the figures at 2026-03


def test_headline_figures_and_month_over_month(session):
    figures = view(session)
    assert (figures.due_ytd, figures.paid_ytd) == (Decimal("1543.23"), Decimal("353.23"))
    assert figures.paid_rate.value == pytest.approx(353.23 / 1543.23)  # 22.9 %
    assert figures.paid_rate.previous == pytest.approx(295 / 1050)  # 28.1 %
    assert figures.paid_rate.change == pytest.approx(353.23 / 1543.23 - 295 / 1050)  # −5.2 points
    assert figures.paid_rate.reason is None


def test_january_compares_with_the_whole_of_last_year(session):
    january = view(session, month="2026-01")
    # 2026-01: due 15 + 75 + 120 + 240 + 150 = 600.00, paid 15 + 75 + 150 = 240.00 → 40.0 %
    assert (january.due_ytd, january.paid_ytd) == (Decimal("600.00"), Decimal("240.00"))
    # 2025 (October–December only): due 3 × 120 + 3 × 240 = 1,080.00, paid 240.00 → 22.2 %
    assert january.paid_rate.previous == pytest.approx(240 / 1080)
    assert january.paid_rate.value == pytest.approx(0.4)


def test_by_branch_in_tree_order_without_the_inactive_member(session):
    table = view(session).by_branch
    assert table.columns.tolist() == dues.BRANCH_COLUMNS
    rows = table[["branch", "members", "due_ytd", "paid_ytd", "arrears_members"]].values.tolist()
    assert rows == [
        [A, 2, Decimal("270.00"), Decimal("160.00"), 0],
        [B, 2, Decimal("1080.00"), Decimal("0.00"), 1],
        [C, 1, Decimal("193.23"), Decimal("193.23"), 0],
    ]
    assert table["paid_rate"].tolist() == pytest.approx([160 / 270, 0.0, 1.0])


def test_members_of_the_month_with_their_records(session):
    members = view(session).members
    shown = members[["member_no", "income", "rate", "due", "paid", "paid_on"]].values.tolist()
    assert shown == [
        ["T001", Decimal("3000.00"), Decimal("0.005"), Decimal("15.00"), Decimal("15.00"), date(2026, 3, 10)],
        ["T002", Decimal("5000.01"), Decimal("0.015"), Decimal("75.00"), Decimal("0.00"), None],
        ["T005", Decimal("8000.00"), Decimal("0.015"), Decimal("120.00"), Decimal("0.00"), None],
        ["T006", Decimal("12000.00"), Decimal("0.02"), Decimal("240.00"), Decimal("0.00"), None],
        ["T007", Decimal("4322.50"), Decimal("0.01"), Decimal("43.23"), Decimal("43.23"), date(2026, 3, 25)],
    ]


def test_six_unpaid_months_are_arrears_and_five_are_not(session):
    owing = view(session).arrears
    assert owing[["member_no", "name", "branch", "unpaid_months", "owed"]].values.tolist() == [
        ["T005", "欧阳明", B, 6, Decimal("720.00")]
    ]
    assert view(session, month="2026-02").arrears.empty  # 欧阳明 had five


def test_a_secretary_sees_only_their_branch(session):
    own = view(session, username="sec_a")
    assert own.by_branch["branch"].tolist() == [A]
    assert (own.due_ytd, own.paid_ytd) == (Decimal("270.00"), Decimal("160.00"))
    assert own.paid_rate.value == pytest.approx(160 / 270)  # 59.3 %
    assert own.paid_rate.previous == pytest.approx(145 / 180)  # 80.6 %
    assert own.arrears.empty
    assert set(own.members["member_no"]) == {"T001", "T002"}
    with pytest.raises(Refused, match="无权查看其他党支部的数据"):
        view(session, username="sec_a", org_ids=(org_id(session, B),))


def test_a_year_without_records_says_why(session):
    empty = view(session, month="2025-06")
    assert (empty.due_ytd, empty.paid_rate.value) == (Decimal(0), None)
    assert empty.paid_rate.reason == "2025年1月至6月没有党费记录"
    assert not empty.has_data


# ---------------------------------------------------------------- saving


def dues_in(no="T001", month="2026-04", income="3000", paid="15", paid_on=date(2026, 4, 10), name=None):
    return DuesIn(month=month, member_no=no, name=name, income=income, paid=paid, paid_on=paid_on)


def test_a_secretary_saves_dues_audited_and_the_month_becomes_a_draft(fresh_session):
    session, sec_a = fresh_session, actor(fresh_session, "sec_a")
    outcome, row = dues_entry.save_dues(session=session, actor=sec_a, item=dues_in(), today=TODAY)
    assert (outcome, row.rate, row.due, row.paid) == (
        "inserted",
        Decimal("0.005"),
        Decimal("15.00"),
        Decimal("15"),
    )
    assert dues_entry.save_dues(session=session, actor=sec_a, item=dues_in(), today=TODAY)[0] == "unchanged"
    outcome, row = dues_entry.save_dues(
        session=session, actor=sec_a, item=dues_in(income="5000.01"), today=TODAY
    )
    assert (outcome, row.rate, row.due, row.version) == ("updated", Decimal("0.015"), Decimal("75.00"), 2)
    audits = session.exec(select(AuditLog.action).where(AuditLog.table_name == "duesrecord")).all()
    assert audits == ["insert", "update"]
    state = entry.month_state(session=session, branch_id=org_id(session, A), month="2026-04")
    assert state.status == SubmissionStatus.DRAFT
    changes = entry.month_history(session=session, actor=sec_a, branch_id=org_id(session, A), month="2026-04")
    dues_changes = changes[changes["record"] == "党费 张三（T001）"]
    assert dues_changes[dues_changes["action"] == "update"][["field", "before", "after"]].values.tolist() == [
        ["income", "3000.00", "5000.01"],
        ["rate", "0.005", "0.015"],
        ["due", "15.00", "75.00"],
    ]


@pytest.mark.parametrize(
    ("username", "item", "field", "message"),
    [
        ("sec_a", dues_in(month="2026-03"), "月份", "综采一队党支部2026年3月的填报已审核，已锁定"),
        ("sec_a", dues_in(no="T005"), "党支部", "无权填报或修改掘进一队党支部的数据"),
        ("sec_a", dues_in(month="2026-05", paid_on=None), "月份", "不能填报未来的月份（当前为 2026-04）"),
        ("admin", dues_in(no="T004", month="2026-01", paid_on=None), "月份", "赵六于 2026-04-10 入党"),
        ("sec_a", dues_in(name="李四"), "姓名", "党员编号 T001 对应的是“张三”，与填写的“李四”不一致"),
        ("sec_a", dues_in(no="T003"), "党员编号", "找不到党员编号“T003”"),
    ],
)
def test_refusals_write_nothing(fresh_session, username, item, field, message):
    session = fresh_session
    with pytest.raises(Refused, match=re.escape(message)) as refusal:
        dues_entry.save_dues(session=session, actor=actor(session, username), item=item, today=TODAY)
    assert refusal.value.field == field
    assert session.exec(select(DuesRecord).where(DuesRecord.month >= "2026-04")).all() == []


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"月工资收入(元)": "-1"}, "月工资收入(元)", "不能为负数"),
        ({"月工资收入(元)": None}, "月工资收入(元)", "请填写月工资收入(元)"),
        ({"实缴金额(元)": "12.345"}, "实缴金额(元)", "金额最多两位小数"),
        ({"缴纳日期": date(2026, 3, 31)}, "缴纳日期", "缴纳日期不能早于所交党费的月份（2026-04）"),
        ({"缴纳日期": date(2026, 4, 21)}, "缴纳日期", "不能晚于"),
        ({"实缴金额(元)": None}, "实缴金额(元)", "实缴金额应大于 0"),
    ],
)
def test_the_schema_refuses_bad_values_naming_the_column(values, field, message):
    row = {
        "月份": "2026-04",
        "党员编号": "T001",
        "月工资收入(元)": "3000",
        "实缴金额(元)": "15",
        "缴纳日期": date(2026, 4, 10),
    }
    with pytest.raises(Refused, match=re.escape(message)) as refusal:
        from_row(DuesIn, {**row, **values}, row=3, today=TODAY)
    assert (refusal.value.field, refusal.value.row) == (field, 3)


def test_blank_payment_is_nothing_paid():
    item = from_row(DuesIn, {"月份": "2026-04", "党员编号": "T001", "月工资收入(元)": "3000"}, today=TODAY)
    assert (item.paid, item.paid_on) == (Decimal("0.00"), None)


def test_only_an_admin_changes_the_brackets_and_history_keeps_its_rates(fresh_session):
    session = fresh_session
    with pytest.raises(Refused, match="只有管理员"):
        dues_entry.set_brackets(session=session, actor=actor(session, "sec_a"), text="3000:1,*:2")
    dues_entry.set_brackets(session=session, actor=actor(session, "admin"), text="4000:0.5, 8000:1, *:2")
    assert session.get(Setting, "dues_brackets").value == "4000:0.5,8000:1,*:2"
    assert session.exec(select(AuditLog.actor).where(AuditLog.table_name == "setting")).all() == ["admin"]
    assert dues_entry.brackets(session=session)[0] == (Decimal(4000), Decimal("0.005"))
    # a new record uses the new brackets: 3,500 → 0.5 % (it was 1 %); the March records keep theirs
    _, row = dues_entry.save_dues(
        session=session, actor=actor(session, "sec_a"), item=dues_in(income="3500"), today=TODAY
    )
    assert (row.rate, row.due) == (Decimal("0.005"), Decimal("17.50"))
    assert view(session).due_ytd == Decimal("1543.23")


# ---------------------------------------------------------------- the page's bulk editor


@pytest.fixture
def writable_engine(fresh_engine):
    return fresh_engine


def sheet(engine, username="sec_a", branch=A, month="2026-04"):
    with Session(engine) as session:
        return dues_entry.dues_sheet(
            session=session, actor=actor(session, username), branch_id=org_id(session, branch), month=month
        )


def save_edits(engine, loaded, edited, username="sec_a", month="2026-04"):
    with db.write_scope(engine) as session:
        return dues_entry.save_dues_edits(
            session=session,
            actor=actor(session, username),
            month=month,
            original=loaded,
            edited=edited,
            today=TODAY,
        )


def test_the_sheet_lists_the_branch_members_of_the_month(writable_engine):
    loaded = sheet(writable_engine, month="2026-03")
    assert loaded["member_no"].tolist() == ["T001", "T002"]  # 王五 inactive, 赵六 joins in April
    assert loaded[["income", "rate", "due", "paid"]].values.tolist() == [
        [3000.0, 0.5, 15.0, 15.0],
        [5000.01, 1.5, 75.0, 0.0],
    ]
    april = sheet(writable_engine)
    assert april["member_no"].tolist() == ["T001", "T002", "T004"]
    assert april["income"].isna().all()
    with pytest.raises(Refused, match="无权查看"):
        sheet(writable_engine, branch=B)


def test_only_changed_rows_are_saved(writable_engine):
    loaded = sheet(writable_engine)
    edited = loaded.copy()
    edited.loc[0, ["income", "paid", "paid_on"]] = [3000.0, 15.0, date(2026, 4, 12)]
    saved = save_edits(writable_engine, loaded, edited)
    assert (saved.inserted, saved.updated, saved.lines) == (1, 0, ["张三 应交 15.00 元、实交 15.00 元"])
    again = sheet(writable_engine)
    edited = again.copy()
    edited.loc[0, "paid"] = 10.0
    saved = save_edits(writable_engine, again, edited)
    assert (saved.inserted, saved.updated) == (0, 1)
    with Session(writable_engine) as session:
        rows = session.exec(select(DuesRecord.paid).where(DuesRecord.month == "2026-04")).all()
    assert rows == [Decimal("10.00")]


def test_one_bad_row_saves_nothing_and_names_row_and_column(writable_engine):
    loaded = sheet(writable_engine)
    edited = loaded.copy()
    edited.loc[0, ["income", "paid"]] = [3000.0, 15.0]
    edited.loc[2, ["income", "paid"]] = [4000.0, 12.345]
    with pytest.raises(Refused, match="金额最多两位小数") as refusal:
        save_edits(writable_engine, loaded, edited)
    assert (refusal.value.row, refusal.value.field) == (3, "实缴金额(元)")
    with Session(writable_engine) as session:
        assert session.exec(select(DuesRecord).where(DuesRecord.month == "2026-04")).all() == []


def test_a_locked_month_is_refused_in_the_editor(writable_engine):
    loaded = sheet(writable_engine, month="2026-03")
    edited = loaded.copy()
    edited.loc[1, "paid"] = 75.0
    with pytest.raises(Refused, match="已锁定"):
        save_edits(writable_engine, loaded, edited, month="2026-03")
