"""Answers recomputed per 党支部 (memo ``by_branch``, data_layer/store/partition.py) equal answers computed
from scratch after every kind of write, on both databases.

On a fresh copy of the hand-made fixture (tests/handmade.py: 综采一队 and 掘进一队 under 一线党总支, 机关
under the 党委), every leader view of the whole tree and of 一线党总支 is read through a store (warm); then
after each write the views of one of the two, in turn, are read again through the store and compared,
value by value, with the same views computed directly. One of the views whose answers are kept in the
database (data_layer/store/kept.py) — the overview, its 精益 row, 对标评星, 党建+安全生产, in turn — is also
read as a process started at that moment gives it, from the answers kept before the write.

The writes are a secretary's (task progress, study, an expense and its deletion, a meeting, 党费, a 金点子,
an Excel import), the review's (submit, approve, reopen) and an administrator's (a task, a member
deactivated, a year's targets) — the first kinds name their 党支部, the last change tables as a whole.
"""

import dataclasses
from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal
from sqlmodel import Session, col, select

from data_layer import excel, metrics
from data_layer.entry import figures, workflow
from data_layer.lean import dues_entry, ideas_entry
from data_layer.metrics import (
    dues,
    ideas,
    lean_overview,
    meetings,
    pairs,
    safety_view,
    stars,
    study,
    submissions,
    tasks,
)
from data_layer.models import Expense, Member, PioneerCheck, PioneerPost, SafetyRecord
from data_layer.schemas import DuesIn, IdeaIn, TaskIn, YearParameterIn
from data_layer.setup import base, people
from data_layer.store import Keeper, Memo, db, splice
from tests.actors import actor, org_id
from tests.data_layer.test_excel_import import workbook
from tests.data_layer.test_memo import save_expense, save_meeting, save_progress, save_study
from tests.handmade import MONTH

TODAY = date(2026, 4, 20)


@pytest.fixture
def engine(fresh_engine):
    return fresh_engine


VIEWS: dict[str, Callable] = {
    "overview": metrics.overview,
    "tasks": tasks.tasks_view,
    "workload": tasks.workload,
    "study": study.study_view,
    "budget": metrics.budget.budget_view,
    "meetings": meetings.meetings_view,
    "board": lambda **asked: submissions.board(**asked, today=TODAY),
    "stars": lambda **asked: stars.star_view(**asked, period=stars.MONTHLY, today=TODAY),
    "lean": lambda **asked: lean_overview.lean_figures(**asked, today=TODAY),
    "ideas": ideas.ideas_view,
    "pairs": pairs.pairs_view,
    "dues": dues.dues_view,
    "safety": lambda **asked: safety_view.safety_view(**asked, today=TODAY),
}
"""Every leader page's answer, at MONTH, as the 党委's secretary (admin) sees ``org_ids``."""


KEPT = ("overview", "lean", "stars", "safety")
"""The views whose answers are kept in the database (data_layer/store/kept.py) for the next process."""


def _view(*, session: Session, name: str, org_ids: tuple[int, ...]) -> object:
    """One view by name, read as the pages read theirs (a remembered read of its own)."""
    return VIEWS[name](session=session, actor=actor(session, "admin"), month=MONTH, org_ids=org_ids)


def assert_same(remembered: object, direct: object, where: str = "") -> None:
    """Equal value by value: frames with assert_frame_equal, dataclasses field by field."""
    if isinstance(direct, pd.DataFrame):
        assert isinstance(remembered, pd.DataFrame), where
        assert_frame_equal(remembered, direct, obj=where)
    elif isinstance(direct, pd.Series):
        pd.testing.assert_series_equal(remembered, direct, obj=where)
    elif dataclasses.is_dataclass(direct) and not isinstance(direct, type):
        for field in dataclasses.fields(direct):
            assert_same(getattr(remembered, field.name), getattr(direct, field.name), f"{where}.{field.name}")
    elif isinstance(direct, dict):
        assert isinstance(remembered, dict) and remembered.keys() == direct.keys(), where
        for name in direct:
            assert_same(remembered[name], direct[name], f"{where}[{name!r}]")
    elif isinstance(direct, list | tuple):
        assert len(remembered) == len(direct), where
        for i, (a, b) in enumerate(zip(remembered, direct, strict=True)):
            assert_same(a, b, f"{where}[{i}]")
    else:
        assert remembered == direct, where


# --- the writes -------------------------------------------------------------------------------------


def delete_expense(engine) -> None:
    with db.write_scope(engine) as session:
        last = session.exec(select(Expense).order_by(col(Expense.id).desc())).first()
        figures.delete_expense(session=session, actor=actor(session, "admin"), expense_id=last.id)


def in_review(approve: bool | None) -> Callable:
    """Submit 机关's March, then approve it (True) or reopen it after approving (None)."""

    def write(engine) -> None:
        with db.write_scope(engine) as session:
            admin, branch = actor(session, "admin"), org_id(session, "机关党支部")
            if approve is False:
                workflow.submit_month(session=session, actor=admin, branch_id=branch, month=MONTH)
            elif approve:
                workflow.review_month(
                    session=session, actor=admin, branch_id=branch, month=MONTH, approve=True
                )
            else:
                workflow.reopen_month(
                    session=session, actor=admin, branch_id=branch, month=MONTH, reason="补录"
                )

    return write


def import_sheets(engine) -> None:
    """An Excel import of 机关's March: task progress and a member's study (the import's batch writes)."""
    data = workbook(
        {"任务进展": [[MONTH, "C1", 1.5, "导入"]], "学习情况": [[MONTH, "T007", "周八", 650, 3.5, 2]]}
    )
    with db.write_scope(engine) as session:
        result = excel.import_workbook(session=session, actor=actor(session, "admin"), data=data, today=TODAY)
    assert result.problems == []


def save_dues(engine) -> None:
    with db.write_scope(engine) as session:
        item = DuesIn(month=MONTH, member_no="T007", income=Decimal("6000.00"), paid=Decimal("30.00"))
        dues_entry.save_dues(session=session, actor=actor(session, "admin"), item=item, today=TODAY)


def save_idea(engine) -> None:
    with db.write_scope(engine) as session:
        item = IdeaIn(
            branch="机关党支部", title="皮带巡检二维码", proposer_no="T007", proposed_on=date(2026, 3, 9)
        )
        ideas_entry.save_idea(session=session, actor=actor(session, "admin"), item=item, today=TODAY)


def save_task(engine) -> None:
    with db.write_scope(engine) as session:
        item = TaskIn(
            code="B9",
            title="掘进安全质量标准化",
            goal="安全生产",
            goal_category="组织建设",
            branch="掘进一队党支部",
            unit="项",
            target_quantity=Decimal(4),
            weight=Decimal(2),
            start_month="2026-02",
            due_month="2026-06",
            mode="定制",
        )
        base.save_task(session=session, actor=actor(session, "admin"), item=item)


def deactivate_member(engine) -> None:
    with db.write_scope(engine) as session:
        people.set_active(
            session=session,
            actor=actor(session, "admin"),
            model=Member,
            key={"member_no": "T002"},
            active=False,
        )


def save_targets(engine) -> None:
    with db.write_scope(engine) as session:
        item = YearParameterIn(
            year=2026,
            last_year_payroll=Decimal("2000000.00"),
            monthly_hours_target=Decimal("3.5"),
            monthly_points_target=180,
        )
        base.save_year_parameters(session=session, actor=actor(session, "admin"), item=item)


def save_safety(engine) -> None:
    """掘进一队 (in 一线党总支, whose turn it is) gets a member's 三违 in March, and its 掘进头责任区's March
    check is corrected to free of 事故."""
    with db.write_scope(engine) as session:
        unit = org_id(session, "掘进一队党支部")
        record = session.exec(
            select(SafetyRecord).where(SafetyRecord.branch_id == unit, SafetyRecord.month == MONTH)
        ).one()
        record.violations_members += 1
        zone = session.exec(select(PioneerPost).where(PioneerPost.name == "掘进头责任区")).one()
        check = session.exec(
            select(PioneerCheck).where(PioneerCheck.post_id == zone.id, PioneerCheck.month == MONTH)
        ).one()
        check.accident_free = True


WRITES = {  # those of the secretary of 机关 on the whole tree's turn (even places): it is not in 一线党总支
    "task progress": save_progress,
    "expense deleted": delete_expense,
    "study": save_study,
    "meeting": save_meeting,
    "expense": save_expense,
    "submitted": in_review(False),
    "approved": in_review(True),
    "reopened": in_review(None),
    "import": import_sheets,
    "idea": save_idea,
    "dues": save_dues,
    "safety": save_safety,
    "task": save_task,
    "member deactivated": deactivate_member,
    "year targets": save_targets,
}


@pytest.mark.slow
def test_every_view_equals_a_computation_from_scratch_after_every_kind_of_write(engine, monkeypatch):
    keeper = Keeper()
    store = Memo(keeper=keeper)
    patched: list[str] = []
    splicing = splice.spliced

    def counting(old, fresh, branch_ids, order, session):
        patched.append(str(sorted(branch_ids)))
        return splicing(old, fresh, branch_ids, order, session)

    monkeypatch.setattr(splice, "spliced", counting)
    from_kept = Memo._from_kept
    kept_given: list[bool] = []

    def noting(self, key, session, now):
        found = from_kept(self, key, session, now)
        kept_given.append(found is not None)
        return found

    monkeypatch.setattr(Memo, "_from_kept", noting)
    with Session(engine) as session:
        scopes = {"全部": (), "一线党总支": (org_id(session, "一线党总支"),)}

    def compare(after: str, names: list[str], kept_views: tuple[str, ...] = ()) -> None:
        for name in names:
            for view in VIEWS:
                asked = {"name": view, "org_ids": scopes[name]}
                with Session(engine) as session:
                    direct = _view(session=session, **asked)
                if (
                    view in kept_views
                ):  # as a process started now gives it, from the answers kept before the write
                    keeper.flush()
                    started = Memo(keeper=keeper)
                    with Session(engine) as session, started.using():
                        given = started.read(_view, session=session, **asked)
                    assert_same(given, direct, f"{after} / {name} / {view}, kept")
                with Session(engine) as session, store.using():
                    remembered = store.read(_view, session=session, **asked)
                assert_same(remembered, direct, f"{after} / {name} / {view}")

    compare("start", list(scopes))
    # After each write one of the two views is compared, in turn: the other's remembered answers
    # meanwhile fall behind by two writes, then are brought up to date at once.
    for number, (kind, write) in enumerate(WRITES.items()):
        patched.clear()
        write(engine)
        # one kept view in turn (a started process computes everything else from scratch: slow)
        compare(kind, [list(scopes)[number % 2]], kept_views=(KEPT[number // 2 % len(KEPT)],))
        if kind in ("task progress", "study", "expense", "import", "dues", "safety"):
            assert patched, f"{kind}: no answer was recomputed for its 党支部 alone"
    assert True in kept_given and False in kept_given  # kept answers were given, and outdated ones refused
