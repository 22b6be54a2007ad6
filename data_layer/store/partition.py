"""Which 党支部 a written row belongs to: the rows whose changes can change that 党支部's figures only.

A row of a table below belongs to the 党支部 named in its own columns, or in those of the row it refers
to (a task's progress belongs to the task's 党支部; a member's study and dues rows to both 党支部 the
member counts in, before and after a move). A row of any other table (an organisation, a member, a
setting, a category, a year's parameters) may change the figures of any 党支部: its table counts as
changed as a whole. An update counts the 党支部 its row belonged to before too (an expense moved to
another 党支部 changes both).

data_layer/store/version.py gives each 党支部 written the write's number; memo.by_branch answers are
recomputed for those 党支部 only. A figure computed per 党支部 must read, for a 党支部, only rows that
belong to it here (or tables changed only as a whole): tests/data_layer/test_branch_recompute.py
checks every figure so computed against a computation from scratch after every kind of write.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import inspect
from sqlmodel import Session, SQLModel, select

from data_layer.models import (
    BudgetAllocation,
    DuesRecord,
    Expense,
    Idea,
    ManualScore,
    Meeting,
    Member,
    Pairing,
    PairVisit,
    PioneerCheck,
    PioneerPost,
    ProductionFigure,
    ProductionIndicator,
    SafetyRecord,
    StudyRecord,
    Submission,
    Task,
    TaskProgress,
)

IN_LIST_SIZE = 500

OWN: dict[type[SQLModel], tuple[str, ...]] = {
    Task: ("branch_id",),
    BudgetAllocation: ("branch_id",),
    Expense: ("branch_id",),
    Meeting: ("branch_id",),
    Submission: ("branch_id",),
    ManualScore: ("branch_id",),
    Idea: ("branch_id",),
    Pairing: ("branch_id", "partner_branch_id"),
    ProductionIndicator: ("branch_id",),
    SafetyRecord: ("branch_id",),
    PioneerPost: ("branch_id",),
}
"""Rows that name their 党支部 themselves."""

THROUGH: dict[type[SQLModel], tuple[str, type[SQLModel]]] = {
    TaskProgress: ("task_id", Task),
    StudyRecord: ("member_id", Member),
    DuesRecord: ("member_id", Member),
    PairVisit: ("pairing_id", Pairing),
    ProductionFigure: ("indicator_id", ProductionIndicator),
    PioneerCheck: ("post_id", PioneerPost),
}
"""Rows that belong to the 党支部 of the row they refer to (by this column)."""

_BRANCH_COLUMNS: dict[type[SQLModel], tuple[str, ...]] = {
    Task: ("branch_id",),
    Member: ("branch_id", "previous_branch_id"),
    Pairing: ("branch_id", "partner_branch_id"),
    ProductionIndicator: ("branch_id",),
    PioneerPost: ("branch_id",),
}


@dataclass
class Rows:
    """The rows a write flushed: the 党支部 they name, the rows they refer to, and the tables changed in
    rows of no one 党支部."""

    branches: set[int] = field(default_factory=set)
    referred: dict[type[SQLModel], set[int]] = field(default_factory=dict)
    unattributed: set[str] = field(default_factory=set)

    def note(self, session: Session) -> None:
        """Attribute the rows of a flush (call in ``after_flush``: new, changed and deleted rows still listed)."""
        for row in (*session.new, *session.dirty, *session.deleted):
            self._note(row)

    def _note(self, row: Any) -> None:
        kind = type(row)
        if kind in OWN:
            self.branches.update(_values(row, OWN[kind]))
        elif kind in THROUGH:
            column, parent = THROUGH[kind]
            self.referred.setdefault(parent, set()).update(_values(row, (column,)))
        elif isinstance(row, SQLModel) and hasattr(kind, "__tablename__"):
            self.unattributed.add(str(kind.__tablename__))

    def branches_of(self, *, session: Session) -> tuple[set[int], set[str]]:
        """(the 党支部 the rows belong to, the tables changed as a whole): a row referring to a row that
        is gone counts as changing its table as a whole."""
        found = set(self.branches)
        unattributed = set(self.unattributed)
        for parent, ids in self.referred.items():
            columns = _BRANCH_COLUMNS[parent]
            seen: set[int] = set()
            for chunk in _chunks(sorted(ids)):
                key = inspect(parent).primary_key[0]  # id
                rows = session.execute(
                    select(key, *(getattr(parent, name) for name in columns)).where(key.in_(chunk))
                ).all()
                for row_id, *branch_ids in rows:
                    seen.add(row_id)
                    found.update(branch_id for branch_id in branch_ids if branch_id is not None)
            if seen != ids:
                unattributed.update(
                    str(kind.__tablename__) for kind, (_, of) in THROUGH.items() if of is parent
                )
        return found, unattributed


def _values(row: Any, columns: Iterable[str]) -> set[int]:
    """The values of ``columns`` in ``row``, now and (for an update) before."""
    state = inspect(row)
    found: set[int] = set()
    for name in columns:
        history = state.attrs[name].history
        found.update(
            value for value in (*history.unchanged, *history.added, *history.deleted) if value is not None
        )
        current = getattr(row, name)
        if current is not None:
            found.add(current)
    return found


def _chunks(values: list[int]) -> Iterable[list[int]]:
    for start in range(0, len(values), IN_LIST_SIZE):
        yield values[start : start + IN_LIST_SIZE]
