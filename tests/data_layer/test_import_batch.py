"""The Excel import writes many rows through a ``writes.Batch`` (rows looked up beforehand, flushes and
audit rows batched). It must leave exactly what writing row by row leaves, on both databases.

Hand-made fixture, "today" 2026-04-20. Submissions: 综采一队 2026-02 and 2026-03 已审核 (locked),
掘进一队 2026-02 已退回 (open) and 2026-03 已提交 (locked), 机关 2026-03 草稿; no other month has one.
Study records: 张三 T001, 李四 T002, 欧阳明 T005 and 周八 T007 in 2026-01..03.
"""

import json
from collections.abc import Callable, Iterator
from datetime import date
from decimal import Decimal
from typing import Any
from unittest.mock import ANY

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from data_layer import auth, entry, excel, lean, safety, schemas, setup
from data_layer.errors import Refused
from data_layer.excel import BY_SHEET
from data_layer.models import (
    AuditLog,
    BudgetAllocation,
    Expense,
    Idea,
    Meeting,
    Member,
    Organisation,
    Pairing,
    PairVisit,
    PioneerCheck,
    PioneerPost,
    SafetyRecord,
    StudyRecord,
    Submission,
    Task,
    TaskProgress,
)
from data_layer.store import db, writes
from tests.actors import actor
from tests.data_layer.test_excel_import import workbook
from tests.databases import BACKENDS, HANDMADE, new_database

TODAY = date(2026, 4, 20)
STUDY = "学习情况"
PROGRESS = "任务进展"

STUDY_ROWS = [
    ["2026-01", "T001", "张三", 600, 4, 1],  # row 2: as it is → unchanged, no 草稿
    ["2026-01", "T002", "李四", 650, 5, 1],  # row 3: 600 → 650 points → updated; 综采一队 2026-01 草稿
    ["2026-04", "T001", "张三", 610, 4.5, 2],  # row 4: new; 综采一队 2026-04 草稿
    ["2026-02", "T005", "欧阳明", 710, 6, 1],  # row 5: 700 → 710; 掘进一队 2026-02 stays 已退回
    ["2026-04", "T006", "孙七", 300, 2, 1],  # row 6: new; 掘进一队 2026-04 草稿
    ["2026-04", "T002", None, 500, 3, 1],  # row 7: new; 综采一队 2026-04 already touched
    ["2026-03", "T007", "周八", 600, 3.7, 2],  # row 8: 1 → 2 sessions; 机关 2026-03 is 草稿 already
]
PROGRESS_ROWS = [
    ["2026-04", "A1", 2, "完成"],  # new; 综采一队 2026-04 草稿
    ["2026-02", "B1", 3, None],  # new; 掘进一队 2026-02 stays 已退回
    ["2026-01", "B1", 1, None],  # as it is → unchanged
    ["2026-01", "C1", 2, "补报"],  # 1 → 2; 机关 2026-01 草稿
]


@pytest.fixture(params=BACKENDS)
def two_engines(request, tmp_path_factory) -> Iterator[tuple[Engine, Engine]]:
    """Two databases holding the same hand-made fixture, so that their ids agree."""
    made = [new_database(request.param, tmp_path_factory, contents=HANDMADE) for _ in range(2)]
    yield made[0][0], made[1][0]
    for _, drop in made:
        drop()


def import_as(engine: Engine, username: str, data: bytes) -> excel.ImportResult:
    with db.write_scope(engine) as session:
        who = actor(session, username)
        return excel.import_workbook(session=session, actor=who, data=data, today=TODAY)


def row_by_row(engine: Engine, username: str) -> None:
    """What the forms do: each row saved on its own (no cache, no batch), in the workbook's order."""
    with db.write_scope(engine) as session:
        who = actor(session, username)
        for model, rows, save in [
            (schemas.ProgressIn, PROGRESS_ROWS, entry.save_progress),
            (schemas.StudyIn, STUDY_ROWS, entry.save_study),
        ]:
            headers = schemas.HEADERS[model]
            for number, values in enumerate(rows, start=2):
                item = schemas.from_row(
                    model, dict(zip(headers, values, strict=True)), row=number, today=TODAY
                )
                save(session=session, actor=who, item=item, today=TODAY)


def _untimed(values: str | None) -> str | None:
    """An audit row's values without ``created_at`` (an expense is stamped when it is saved)."""
    if values is None:
        return None
    return json.dumps({k: v for k, v in json.loads(values).items() if k != "created_at"}, ensure_ascii=False)


def audit_trail(engine: Engine, untimed: bool = False) -> list[tuple]:
    with Session(engine) as session:
        entries = session.exec(select(AuditLog).order_by(AuditLog.id)).all()
        plain = _untimed if untimed else (lambda values: values)
        return [
            (e.id, e.actor, e.action, e.table_name, e.row_id, plain(e.before), plain(e.after))
            for e in entries
        ]


def table(engine: Engine, model, *columns: str) -> list[tuple]:
    with Session(engine) as session:
        rows = session.exec(select(model).order_by(model.id)).all()
        return [tuple(getattr(row, name) for name in columns) for row in rows]


STUDY_COLUMNS = ("id", "member_id", "month", "points", "hours", "sessions", "version")
PROGRESS_COLUMNS = ("id", "task_id", "month", "quantity", "note", "entered_by_id", "version")
SUBMISSION_COLUMNS = ("id", "branch_id", "month", "status", "version")


def everything(engine: Engine, untimed: bool = False) -> tuple:
    return (
        table(engine, StudyRecord, *STUDY_COLUMNS),
        table(engine, TaskProgress, *PROGRESS_COLUMNS),
        table(engine, Submission, *SUBMISSION_COLUMNS),
        audit_trail(engine, untimed),
    )


@pytest.mark.parametrize("batch_rows", [1000, 2])
def test_the_import_leaves_what_saving_row_by_row_leaves(two_engines, monkeypatch, batch_rows):
    """Ids, values, versions, 草稿 and every audit row (its id, before and after) are the same; with
    ``batch_rows`` 2 the batch is also flushed in the middle of each sheet."""
    imported, saved = two_engines
    monkeypatch.setattr(writes, "BATCH_ROWS", batch_rows)

    result = import_as(imported, "admin", workbook({PROGRESS: PROGRESS_ROWS, STUDY: STUDY_ROWS}))
    row_by_row(saved, "admin")

    assert result.problems == []
    counts = {sheet: (s.inserted, s.updated, s.unchanged) for sheet, s in result.saved.items()}
    assert counts == {PROGRESS: (2, 1, 1), STUDY: (3, 3, 1)}
    assert everything(imported) == everything(saved)


def _ids(session: Session) -> tuple[dict[str, int], dict[str, int]]:
    members = {m.member_no: m.id for m in session.exec(select(Member)).all()}
    branches = {o.name: o.id for o in session.exec(select(Organisation)).all()}
    return members, branches


def test_study_rows_audits_versions_and_drafts_by_hand(two_engines):
    engine, _ = two_engines
    with Session(engine) as session:
        members, branches = _ids(session)
        first_audit = len(session.exec(select(AuditLog)).all())

    result = import_as(engine, "admin", workbook({STUDY: STUDY_ROWS}))

    assert result.problems == []
    assert (result.saved[STUDY].inserted, result.saved[STUDY].updated, result.saved[STUDY].unchanged) == (
        3,
        3,
        1,
    )
    with Session(engine) as session:
        records = {
            (r.member_id, r.month): r
            for r in session.exec(
                select(StudyRecord).where(StudyRecord.member_id.in_(list(members.values())))
            )
        }
        a_jan, b_jan = records[(members["T001"], "2026-01")], records[(members["T002"], "2026-01")]
        new_a = records[(members["T001"], "2026-04")]
        assert (a_jan.points, a_jan.version) == (600, 1)  # unchanged: not written
        assert (b_jan.points, b_jan.version) == (650, 2)
        assert (new_a.points, float(new_a.hours), new_a.sessions, new_a.version) == (610, 4.5, 2, 1)
        assert records[(members["T005"], "2026-02")].version == 2
        assert (
            records[(members["T007"], "2026-03")].sessions,
            records[(members["T007"], "2026-03")].version,
        ) == (
            2,
            2,
        )
        drafts = session.exec(select(Submission).where(Submission.status == "草稿")).all()
        assert sorted((d.branch_id, d.month) for d in drafts) == sorted(
            [
                (branches["综采一队党支部"], "2026-01"),
                (branches["综采一队党支部"], "2026-04"),
                (branches["掘进一队党支部"], "2026-04"),
                (branches["机关党支部"], "2026-03"),  # the fixture's
            ]
        )
        returned = session.exec(
            select(Submission.status).where(
                Submission.branch_id == branches["掘进一队党支部"], Submission.month == "2026-02"
            )
        ).one()
        assert returned == "已退回"
        trail = session.exec(select(AuditLog).order_by(AuditLog.id)).all()[first_audit:]

    # One entry per changed row and per new 草稿, in the order the rows were written.
    assert [(e.action, e.table_name) for e in trail] == [
        ("update", "studyrecord"),  # row 3
        ("draft", "submission"),
        ("insert", "studyrecord"),  # row 4
        ("draft", "submission"),
        ("update", "studyrecord"),  # row 5
        ("insert", "studyrecord"),  # row 6
        ("draft", "submission"),
        ("insert", "studyrecord"),  # row 7
        ("update", "studyrecord"),  # row 8
    ]
    assert {e.actor for e in trail} == {"admin"}
    update, _, insert = trail[0], trail[1], trail[2]
    before, after = json.loads(update.before), json.loads(update.after)
    assert (update.row_id, before["points"], after["points"]) == (str(b_jan.id), 600, 650)
    assert (before["version"], after["version"]) == (1, 2)
    assert insert.before is None and insert.row_id == str(new_a.id)
    assert json.loads(insert.after) == {
        "id": new_a.id,
        "member_id": members["T001"],
        "month": "2026-04",
        "points": 610,
        "hours": "4.50",
        "sessions": 2,
        "version": 1,
    }


def test_new_progress_is_audited_before_its_time_stamp_and_stamped(two_engines):
    engine, _ = two_engines
    result = import_as(engine, "sec_a", workbook({PROGRESS: [["2026-04", "A1", 2, "完成"]]}))

    assert result.problems == []
    with Session(engine) as session:
        task = session.exec(select(Task).where(Task.code == "A1")).one()
        row = session.exec(
            select(TaskProgress).where(TaskProgress.task_id == task.id, TaskProgress.month == "2026-04")
        ).one()
        entry_ = session.exec(select(AuditLog).where(AuditLog.table_name == "taskprogress")).one()
    assert row.updated_at is not None and row.entered_by_id is not None
    after = json.loads(entry_.after)
    assert (entry_.action, entry_.row_id, after["id"], after["updated_at"]) == (
        "insert",
        str(row.id),
        row.id,
        None,
    )


def test_every_refused_row_is_named_and_nothing_is_written(two_engines):
    """Checks done once per 党支部 and month beforehand never hide a refusal: each row gets its own."""
    engine, _ = two_engines
    before = everything(engine)
    rows = [
        ["2026-04", "T001", "张三", 600, 4, 1],  # fine
        ["2026-03", "T002", "李四", 600, 4, 1],  # 综采一队 2026-03 已审核
        ["2026-03", "T001", "张三", 600, 4, 1],  # the same locked month again
        ["2026-04", "T005", "欧阳明", 600, 4, 1],  # another 党支部 for sec_a
        ["2026-04", "T006", None, 600, 4, 1],  # and again
        ["2026-04", "T999", None, 600, 4, 1],  # unknown
        ["2026-04", "T003", None, 600, 4, 1],  # inactive
    ]

    result = import_as(engine, "sec_a", workbook({STUDY: rows}))

    locked = "综采一队党支部2026年3月的填报已审核，已锁定，不能修改"
    other = "无权填报或修改掘进一队党支部的数据"
    assert result.problems == [
        excel.Problem(STUDY, 3, "月份", locked),
        excel.Problem(STUDY, 4, "月份", locked),
        excel.Problem(STUDY, 5, "党员编号", other),
        excel.Problem(STUDY, 6, "党员编号", other),
        excel.Problem(STUDY, 7, "党员编号", "找不到党员编号“T999”"),
        excel.Problem(STUDY, 8, "党员编号", "找不到党员编号“T003”"),
    ]
    assert (result.saved, result.written) == ({}, False)
    assert everything(engine) == before


def test_a_form_save_after_a_batch_sees_its_rows(two_engines):
    """``upsert`` without a batch (the forms) still selects its row: it finds what a batch inserted."""
    engine, _ = two_engines
    with db.write_scope(engine) as session:
        who = auth.CLI_ACTOR
        batch = writes.Batch(session)
        member = session.exec(select(Member).where(Member.member_no == "T006")).one()
        key = {"member_id": member.id, "month": "2026-04"}
        batch.preload(model=StudyRecord, keys=[key])
        first = writes.upsert(
            session=session, actor=who.username, model=StudyRecord, key=key, values={"points": 1}, batch=batch
        )
        batch.settle()
        second = writes.upsert(
            session=session, actor=who.username, model=StudyRecord, key=key, values={"points": 2}
        )
    assert (first[0], second[0]) == (writes.INSERTED, writes.UPDATED)
    assert first[1] is second[1] and second[1].version == 2
    trail = audit_trail(engine)
    assert [
        (action, json.loads(after)["points"])
        for _, _, action, table_, _, _, after in trail
        if table_ == "studyrecord"
    ] == [
        ("insert", 1),
        ("update", 2),
    ]


# 综采一队's 组织活动 has 4,000.00 allocated for 2026 and 1,200.00 spent (凭证 PZ-2026-041, 2026-04-20).
EXPENSE = "经费支出"
LEDGER = [
    [
        date(2026, 4, 20),
        "综采一队党支部",
        "组织活动",
        2000,
        "开展主题党日活动",
        "PZ-2026-041",
    ],  # 1,200 → 2,000
    [date(2026, 4, 8), "综采一队党支部", "组织活动", 1500, "参观学习", "PZ-N1"],  # new: 2,000 left → 500
    [date(2026, 4, 9), "综采一队党支部", "组织活动", 600, "购买器材", "PZ-N2"],  # new: 600 > 500 left
    [date(2026, 4, 9), "综采一队党支部", "学习教育", 100, "购书", None],  # new, no 凭证号, another category
]
EXPENSE_COLUMNS = (
    "id",
    "spent_on",
    "branch_id",
    "category_id",
    "amount",
    "voucher_no",
    "over_allocation_confirmed",
    "version",
)


def expenses_by_hand(engine: Engine, username: str) -> None:
    """What the form does, one expense at a time: no cache, no batch; a 凭证号 met again updates its expense."""
    headers = schemas.HEADERS[schemas.ExpenseIn]
    with db.write_scope(engine) as session:
        who = actor(session, username)
        for number, values in enumerate(LEDGER, start=2):
            item = schemas.from_row(
                schemas.ExpenseIn, dict(zip(headers, values, strict=True)), row=number, today=TODAY
            )
            entry.save_expense(
                session=session, actor=who, item=item, by_voucher=True, confirm_over_allocation=True
            )


def test_what_is_left_counts_the_ledgers_own_rows_changed_and_added(two_engines):
    """The allocation left is counted down by the import's rows: the changed expense gives back its old
    amount, the new ones take theirs, so the third row is over by the two before it together."""
    engine, _ = two_engines
    before = everything(engine), table(engine, Expense, *EXPENSE_COLUMNS)

    result = import_as(engine, "sec_a", workbook({EXPENSE: LEDGER}))

    message = "超出“组织活动”剩余预算 ¥500.00；如确需支出，请勾选“确认超预算支出”"
    assert result.problems == [excel.Problem(EXPENSE, 4, "金额(元)", message)]
    assert (everything(engine), table(engine, Expense, *EXPENSE_COLUMNS)) == before


@pytest.mark.parametrize("batch_rows", [1000, 2])
def test_an_imported_ledger_leaves_what_the_form_leaves(two_engines, monkeypatch, batch_rows):
    """Confirmed over the allocation: the same expenses, flags, versions, 草稿 and audit rows as saving
    them one by one; only the row beyond what is left is flagged."""
    imported, saved = two_engines
    monkeypatch.setattr(writes, "BATCH_ROWS", batch_rows)

    with db.write_scope(imported) as session:
        result = excel.import_workbook(
            session=session,
            actor=actor(session, "sec_a"),
            data=workbook({EXPENSE: LEDGER}),
            today=TODAY,
            confirm_over_allocation=True,
        )
    expenses_by_hand(saved, "sec_a")

    assert result.problems == []
    saved_counts = result.saved[EXPENSE]
    assert (saved_counts.inserted, saved_counts.updated, saved_counts.unchanged) == (3, 1, 0)
    flags = {row[5]: (row[4], row[6]) for row in table(imported, Expense, *EXPENSE_COLUMNS) if row[5]}
    assert flags["PZ-2026-041"] == (Decimal("2000.00"), False)
    assert flags["PZ-N1"] == (Decimal("1500.00"), False)
    assert flags["PZ-N2"] == (Decimal("600.00"), True)
    assert (everything(imported, untimed=True), table(imported, Expense, *EXPENSE_COLUMNS)) == (
        everything(saved, untimed=True),
        table(saved, Expense, *EXPENSE_COLUMNS),
    )


# Sheets written with a preload and the batch, each with an update, a new row and (most) a row as it is;
# the same rows saved one by one through the forms' functions must leave the same database.
SHEETS: dict[str, tuple[type, Callable[..., Any], dict[str, Any], list[list]]] = {
    "三会一课": (
        Meeting,
        entry.save_meeting,
        {"update_same": True},
        [
            [date(2026, 4, 9), "综采一队党支部", "综采一队第一党小组", "党小组会", 8, 7, "学习贯彻全会精神"],
            [date(2026, 4, 2), "机关党支部", None, "主题党日", 10, 9, "主题党日（4月2日）"],  # 10 → 9
            [date(2026, 1, 8), "综采一队党支部", None, "支委会", 5, 5, "支委会（1月8日）"],  # as it is
            [date(2026, 4, 10), "掘进一队党支部", None, "党课", 12, 10, "党课学习"],
        ],
    ),
    "金点子": (
        Idea,
        lean.save_idea,
        {"today": TODAY},
        [
            [
                "综采一队党支部",
                "截齿回收再利用",
                "T002",
                "李四",
                date(2026, 2, 20),
                "实施",
                date(2026, 4, 15),
                None,
                None,
            ],
            ["机关党支部", "会议室预约小程序", "T007", "周八", date(2026, 4, 10), "提出", None, None, None],
            [
                "综采一队党支部",
                "班前安全确认卡",
                "T001",
                "张三",
                date(2026, 3, 5),
                "评审",
                date(2026, 3, 18),
                None,
                None,
            ],
        ],
    ),
    "帮扶结对": (
        Pairing,
        lean.save_pairing,
        {"today": TODAY},
        [
            ["机关党支部", "党员结对", "T007", "困难党员老赵", "2026-04", None, "每月走访"],  # a note added
            ["综采一队党支部", "党员结对", "T001", "困难职工家属", "2026-04", None, None],
            ["掘进一队党支部", "支部结对", None, "机关党支部", "2026-04", None, None],
        ],
    ),
    "帮扶走访": (
        PairVisit,
        lean.save_visit,
        {"today": TODAY},
        [
            ["2026-04", "综采一队党支部", "T002", "新入职青工小王", 2, "入户"],
            ["2026-01", "综采一队党支部", "T002", "新入职青工小王", 2, "补记"],  # 1 → 2
            ["2026-04", "综采一队党支部", None, "机关党支部", 1, "支部共建"],
            ["2026-04", "掘进一队党支部", "T005", "退休老党员陈师傅", 1, None],
        ],
    ),
    "经费预算": (
        BudgetAllocation,
        setup.save_allocation,
        {},
        [
            [2026, "综采一队党支部", "学习教育", 6500],  # 6,000 → 6,500
            [2026, "机关党支部", "学习教育", 3000],
            [2026, "掘进一队党支部", "学习教育", 5000],  # as it is
        ],
    ),
    "党员名册": (
        Member,
        setup.save_member,
        {},
        [
            [
                "T006",
                "孙七",
                "掘进一队党支部",
                None,
                "正式党员",
                date(2010, 7, 1),
                "掘进机司机",
            ],  # a post added
            ["T100", "钱一", "综采一队党支部", "综采一队第一党小组", "正式党员", date(2026, 4, 1)],
            ["T101", "吴二", "机关党支部", None, "预备党员", date(2026, 4, 5)],
        ],
    ),
    "安全月报": (  # 党建+安全生产: units named by their 党支部 (the fixture attaches none)
        SafetyRecord,
        safety.save_safety,
        {"today": TODAY},
        [
            ["2026-04", "综采一队党支部", 400, 12, 10, 5, 1, 3, 0, 1, 380],
            ["2026-04", "掘进一队党支部", 250, 8, 8, 2, 0, 2, 0, 0, 1200],
            ["2026-04", "机关党支部", 60, None, None, None, None, None, None, None, 2000],
        ],
    ),
}


def _stored(engine: Engine, model) -> list[dict]:
    """Every row of ``model`` by id, without the moments it was saved at."""
    with Session(engine) as session:
        rows = session.exec(select(model).order_by(model.id)).all()
        return [{k: v for k, v in row.model_dump().items() if not k.endswith("_at")} for row in rows]


@pytest.mark.parametrize("sheet", list(SHEETS))
def test_a_preloaded_sheet_leaves_what_saving_row_by_row_leaves(two_engines, monkeypatch, sheet):
    imported, saved = two_engines
    monkeypatch.setattr(writes, "BATCH_ROWS", 2)  # flushed in the middle of the sheet too
    model, save, options, rows = SHEETS[sheet]
    headers = schemas.HEADERS[BY_SHEET[sheet].model]
    rows = [row + [None] * (len(headers) - len(row)) for row in rows]

    result = import_as(imported, "admin", workbook({sheet: rows}))
    with db.write_scope(saved) as session:
        who = actor(session, "admin")
        for number, values in enumerate(rows, start=2):
            item = schemas.from_row(
                BY_SHEET[sheet].model, dict(zip(headers, values, strict=True)), row=number, today=TODAY
            )
            save(session=session, actor=who, item=item, **options)

    assert result.problems == []
    assert result.saved[sheet].changed == len(rows) - (sheet in ("三会一课", "金点子", "经费预算"))
    assert _stored(imported, model) == _stored(saved, model)
    assert everything(imported, untimed=True) == everything(saved, untimed=True)


def test_a_roster_row_that_changes_a_locked_month_is_refused_where_it_stands(two_engines):
    """The locked months are preloaded for the roster: a new member who would count in 综采一队's approved
    March is refused, naming the row and the field, and nothing is written."""
    engine, _ = two_engines
    before = everything(engine), _stored(engine, Member)
    rows = [
        ["T100", "钱一", "综采一队党支部", None, "正式党员", date(2026, 4, 1)],
        ["T101", "吴二", "综采一队党支部", None, "正式党员", date(2026, 3, 1)],  # counts in March
    ]

    result = import_as(engine, "admin", workbook({"党员名册": rows}))

    message = "综采一队党支部2026年3月已提交或已审核，这样填写转入日期会改变该月的党员人数；请填写该月之后的日期，或请管理员先重新打开该月"
    assert result.problems == [excel.Problem("党员名册", 3, "转入日期", message)]
    assert (everything(engine), _stored(engine, Member)) == before


# 党员先锋岗 / 党员责任区 (tests/handmade_safety.py): both sheets in one workbook, so that the checks name a
# post the same import set up. Before it, both databases get the same check of 机关's 安全宣讲岗 for April
# (机关 2026-04 草稿), so that a check can be left as it is.
POSTS, CHECKS = "先锋岗责任区", "岗区检查"
EARLIER_CHECK = ["2026-04", "机关党支部", "安全宣讲岗", "是", "是", None]
PIONEER_SHEETS = {
    POSTS: [
        [
            "综采一队党支部",
            "党员先锋岗",
            "检修班先锋岗",
            "T001",
            "2026-02",
            None,
        ],  # 李四 → 张三: 修改, 04 草稿
        ["综采一队党支部", "党员责任区", "运输巷责任区", "T001", "2026-01", None],  # as it is: 未改动
        ["掘进一队党支部", "党员先锋岗", "通风先锋岗", "T006", "2026-04", None],  # 新增; 掘进一队 04 草稿
        ["机关党支部", "党员先锋岗", "安全宣讲岗", "T007", "2026-03", "2026-04"],  # ends in April: 修改
    ],
    CHECKS: [
        [
            "2026-02",
            "掘进一队党支部",
            "支护先锋岗",
            "否",
            "是",
            "班组三违一次",
        ],  # ✓✓ → 三违: 修改 (已退回 stays)
        EARLIER_CHECK,  # as it is: 未改动
        ["2026-04", "掘进一队党支部", "通风先锋岗", "是", "是", None],  # 新增, of the post set up above
        ["2026-04", "综采一队党支部", "检修班先锋岗", "是", "否", "运输事故"],  # 新增
        ["2026-01", "综采一队党支部", "综采工作面先锋岗", "是", "是", "补报"],  # 新增; 综采一队 01 草稿
    ],
}
PIONEER_SAVES = {POSTS: safety.save_post, CHECKS: safety.save_check}


def _save_rows(session: Session, who: auth.Actor, sheet: str, rows: list[list]) -> list[tuple[int, str]]:
    """Each row saved on its own as the forms do (no cache, no batch); the refusals by row number."""
    model = BY_SHEET[sheet].model
    headers = schemas.HEADERS[model]
    refused = []
    for number, values in enumerate(rows, start=2):
        item = schemas.from_row(model, dict(zip(headers, values, strict=True)), row=number, today=TODAY)
        try:
            PIONEER_SAVES[sheet](session=session, actor=who, item=item, today=TODAY)
        except Refused as refusal:
            refused.append((number, refusal.message))
    return refused


def _pioneer_tables(engine: Engine) -> tuple:
    return _stored(engine, PioneerPost), _stored(engine, PioneerCheck), everything(engine, untimed=True)


@pytest.mark.parametrize("batch_rows", [1000, 2])
def test_pioneer_posts_and_checks_leave_what_saving_row_by_row_leaves(two_engines, monkeypatch, batch_rows):
    imported, saved = two_engines
    monkeypatch.setattr(writes, "BATCH_ROWS", batch_rows)
    for engine in (imported, saved):
        with db.write_scope(engine) as session:
            assert _save_rows(session, actor(session, "admin"), CHECKS, [EARLIER_CHECK]) == []

    with Session(imported) as session:
        first_audit = len(session.exec(select(AuditLog)).all())

    result = import_as(imported, "admin", workbook(PIONEER_SHEETS))
    with db.write_scope(saved) as session:
        who = actor(session, "admin")
        for sheet, rows in PIONEER_SHEETS.items():
            assert _save_rows(session, who, sheet, rows) == []

    assert result.problems == []
    counts = {sheet: (s.inserted, s.updated, s.unchanged) for sheet, s in result.saved.items()}
    assert counts == {POSTS: (1, 2, 1), CHECKS: (3, 1, 1)}
    assert _pioneer_tables(imported) == _pioneer_tables(saved)

    with Session(imported) as session:
        members, branches = _ids(session)
        posts = {post.name: post for post in session.exec(select(PioneerPost)).all()}
        assert (posts["检修班先锋岗"].member_id, posts["检修班先锋岗"].version) == (members["T001"], 2)
        assert (posts["运输巷责任区"].member_id, posts["运输巷责任区"].version) == (members["T001"], 1)
        assert (posts["安全宣讲岗"].ended_month, posts["安全宣讲岗"].version) == ("2026-04", 2)
        new = posts["通风先锋岗"]
        assert (new.branch_id, new.kind, new.member_id, new.started_month, new.ended_month, new.version) == (
            branches["掘进一队党支部"],
            "党员先锋岗",
            members["T006"],
            "2026-04",
            None,
            1,
        )
        checks = {
            (check.post_id, check.month): (
                check.violation_free,
                check.accident_free,
                check.note,
                check.version,
            )
            for check in session.exec(select(PioneerCheck)).all()
        }
        assert checks[(posts["支护先锋岗"].id, "2026-02")] == (False, True, "班组三违一次", 2)
        assert checks[(posts["安全宣讲岗"].id, "2026-04")] == (True, True, None, 1)
        assert checks[(new.id, "2026-04")] == (True, True, None, 1)
        assert checks[(posts["检修班先锋岗"].id, "2026-04")] == (True, False, "运输事故", 1)
        assert checks[(posts["综采工作面先锋岗"].id, "2026-01")] == (True, True, "补报", 1)
        states = {
            (row.branch_id, row.month): row.status
            for row in session.exec(select(Submission).where(Submission.month >= "2026-01")).all()
        }
        assert {key: state for key, state in states.items() if state == "草稿"} == {
            (branches["综采一队党支部"], "2026-04"): "草稿",
            (branches["综采一队党支部"], "2026-01"): "草稿",
            (branches["掘进一队党支部"], "2026-04"): "草稿",
            (branches["机关党支部"], "2026-03"): "草稿",  # the fixture's
            (branches["机关党支部"], "2026-04"): "草稿",  # the earlier check's
        }
        assert states[(branches["掘进一队党支部"], "2026-02")] == "已退回"
        trail = session.exec(select(AuditLog).order_by(AuditLog.id)).all()[first_audit:]
    # a row per change and per new 草稿, in the order written
    assert [(e.action, e.table_name, e.row_id) for e in trail] == [
        ("update", "pioneerpost", str(posts["检修班先锋岗"].id)),
        ("draft", "submission", ANY),  # 综采一队 2026-04
        ("insert", "pioneerpost", str(new.id)),
        ("draft", "submission", ANY),  # 掘进一队 2026-04
        ("update", "pioneerpost", str(posts["安全宣讲岗"].id)),  # 机关 2026-04 is 草稿 already
        ("update", "pioneercheck", ANY),  # 支护先锋岗 2026-02; 已退回 stays
        ("insert", "pioneercheck", ANY),  # 通风先锋岗 2026-04
        ("insert", "pioneercheck", ANY),  # 检修班先锋岗 2026-04
        ("insert", "pioneercheck", ANY),  # 综采工作面先锋岗 2026-01
        ("draft", "submission", ANY),  # 综采一队 2026-01
    ]
    update = trail[0]
    before, after = json.loads(update.before), json.loads(update.after)
    assert (before["member_id"], after["member_id"]) == (members["T002"], members["T001"])
    assert (before["version"], after["version"]) == (1, 2)


REFUSED_POSTS = [
    ["综采一队党支部", "党员先锋岗", "综采工作面先锋岗", "T001", "2026-01", "2026-01"],  # checked Feb and Mar
    ["综采一队党支部", "党员先锋岗", "检修班先锋岗", "T001", "2026-03", None],  # 2026-02 checked
    ["综采一队党支部", "党员先锋岗", "夜班先锋岗", "T001", "2026-03", None],  # 2026-03 已审核
    ["综采一队党支部", "党员先锋岗", "早班先锋岗", "T999", "2026-04", None],  # unknown member
    ["综采一队党支部", "党员先锋岗", "中班先锋岗", "T005", "2026-04", None],  # 掘进一队's member
    ["掘进一队党支部", "党员先锋岗", "通风先锋岗", "T006", "2026-04", None],  # not sec_a's 党支部
    ["没有的党支部", "党员先锋岗", "通风先锋岗", "T006", "2026-04", None],
    ["综采一队党支部", "党员责任区", "运输巷责任区", "T001", "2026-01", None],  # as it is: fine
]
REFUSED_CHECKS = [
    ["2026-03", "综采一队党支部", "综采工作面先锋岗", "是", "是", None],  # 已审核
    ["2026-04", "综采一队党支部", "没有的岗", "是", "是", None],
    ["2026-04", "掘进一队党支部", "掘进头责任区", "是", "是", None],  # not sec_a's 党支部
    ["2026-01", "综采一队党支部", "检修班先锋岗", "是", "是", None],  # set up from 2026-02
    ["2026-04", "机关党支部", "安全宣讲岗", "是", "是", None],  # not sec_a's either
    ["2026-04", "没有的党支部", "安全宣讲岗", "是", "是", None],
    ["2026-04", "综采一队党支部", "综采工作面先锋岗", "是", "是", None],  # fine
]
PIONEER_ROWS_REFUSED = [(POSTS, REFUSED_POSTS), (CHECKS, REFUSED_CHECKS)]


def test_pioneer_rows_are_refused_as_saving_them_one_by_one_refuses_them(two_engines):
    """The preloads never hide a refusal nor change its message: each row gets the one the form gives."""
    engine, _ = two_engines
    before = _pioneer_tables(engine)
    with db.write_scope(engine) as session:
        who = actor(session, "sec_a")
        expected = {sheet: _save_rows(session, who, sheet, rows) for sheet, rows in PIONEER_ROWS_REFUSED}
        session.rollback()

    result = import_as(engine, "sec_a", workbook(dict(PIONEER_ROWS_REFUSED)))

    got = [(p.sheet, p.row, p.message) for p in result.problems]
    assert got == [(sheet, row, message) for sheet, refused in expected.items() for row, message in refused]
    assert [row for _, row, _ in got] == [2, 3, 4, 5, 6, 7, 8, 2, 3, 4, 5, 6, 7]
    assert got[0][2] in (  # the month the database names first
        f"{month} 已有该岗区的月度检查，不在所填的开始和结束月份之间" for month in ("2026-02", "2026-03")
    )
    assert [(p.row, p.column) for p in result.problems if p.sheet == POSTS] == [
        (2, "开始月份"),
        (3, "开始月份"),
        (4, "开始月份"),
        (5, "责任党员编号"),
        (6, "责任党员编号"),
        (7, "党支部"),
        (8, "党支部"),
    ]
    assert (result.saved, result.written) == ({}, False)
    assert _pioneer_tables(engine) == before
