"""金点子: ideas proposed in the year through M, how many were adopted and took effect by M, per 党支部.

Counted at M: ideas of active 党支部 in scope proposed from January of M's year through M. Of those,
adopted by M = ``adopted_month`` ≤ M (an idea adopted after M is not adopted at M); effective by M =
status 见效 with ``status_month`` ≤ M; their benefit in 元 is summed. 采纳率 = adopted ÷ proposed, added
up over 党支部 (never an average of their rates).
"""

from dataclasses import dataclass
from decimal import Decimal

import pandas as pd
from sqlalchemy import and_, case, func
from sqlmodel import Session, col

from data_layer import months
from data_layer.auth import Actor, Scope, readable_scope
from data_layer.metrics.common import Figure, branches, counted_branches, frame_of, optional_ratios, ratio
from data_layer.models import Idea, Member, Organisation
from data_layer.store import remembered, select_columns
from data_layer.vocab import IdeaStatus

SUM_COLUMNS = ["proposed", "adopted", "effective"]
BRANCH_COLUMNS = ["branch_id", "branch", *SUM_COLUMNS, "adoption_rate", "benefit_amount"]
IDEA_COLUMNS = [
    "idea_id",
    "title",
    "branch_id",
    "branch",
    "proposer",
    "proposer_no",
    "proposed_on",
    "status",
    "status_month",
    "adopted_month",
    "benefit_amount",
    "benefit_text",
    "version",
]
NO_IDEAS = "本年截至本月尚无金点子"


def _in_year_through(month: str):
    return and_(col(Idea.month) >= months.first_of_year(month), col(Idea.month) <= month)


@remembered
def branch_sums(*, session: Session, scope: Scope, month: str) -> pd.DataFrame:
    """Per 党支部 with ideas counted at M: proposed, adopted by M, effective by M, Σ benefit (元)."""
    effective = and_(col(Idea.status) == IdeaStatus.EFFECTIVE, col(Idea.status_month) <= month)
    rows = session.exec(
        select_columns(
            Idea.branch_id,
            func.count(col(Idea.id)),
            func.sum(case((col(Idea.adopted_month) <= month, 1), else_=0)),
            func.sum(case((effective, 1), else_=0)),
            func.sum(case((effective, Idea.benefit_amount), else_=0)),
        )
        .where(col(Idea.branch_id).in_(counted_branches(scope)), _in_year_through(month))
        .group_by(col(Idea.branch_id))
    ).all()
    frame = frame_of(rows, ["branch_id", *SUM_COLUMNS, "benefit_amount"])
    frame = frame.astype(dict.fromkeys(["branch_id", *SUM_COLUMNS], int))
    frame["benefit_amount"] = [
        Decimal(str(value or 0)).quantize(Decimal("0.01")) for value in frame["benefit_amount"]
    ]
    return frame


@remembered
def idea_list(*, session: Session, scope: Scope, month: str) -> pd.DataFrame:
    """The ideas counted at M, newest first, with their status now (and the month it was reached)."""
    stmt = (
        select_columns(
            Idea.id,
            Idea.title,
            Idea.branch_id,
            Organisation.name,
            Member.name,
            Member.member_no,
            Idea.proposed_on,
            Idea.status,
            Idea.status_month,
            Idea.adopted_month,
            Idea.benefit_amount,
            Idea.benefit_text,
            Idea.version,
        )
        .join(Organisation, col(Organisation.id) == Idea.branch_id)
        .join(Member, col(Member.id) == Idea.proposer_member_id)
        .where(col(Idea.branch_id).in_(counted_branches(scope)), _in_year_through(month))
        .order_by(col(Idea.proposed_on).desc(), col(Idea.id).desc())
    )
    return frame_of(session.exec(stmt).all(), IDEA_COLUMNS)


@dataclass(frozen=True)
class IdeasView:
    """The 金点子 page and the 通报: totals at M, 采纳率 with 环比, per 党支部, the list."""

    month: str
    proposed: int
    adopted: int
    effective: int
    adoption_rate: Figure
    benefit_amount: Decimal
    by_branch: pd.DataFrame  # BRANCH_COLUMNS, every active 党支部 in scope in tree order
    ideas: pd.DataFrame  # IDEA_COLUMNS

    @property
    def has_branches(self) -> bool:
        return not self.by_branch.empty


def _per_branch(branch_list: pd.DataFrame, sums: pd.DataFrame) -> pd.DataFrame:
    frame = branch_list[["branch_id", "branch"]].merge(sums, on="branch_id", how="left")
    frame[SUM_COLUMNS] = frame[SUM_COLUMNS].fillna(0).astype(int)
    frame["benefit_amount"] = [
        Decimal(0) if pd.isna(value) else value for value in frame["benefit_amount"].astype(object)
    ]
    frame["adoption_rate"] = optional_ratios(frame["adopted"], frame["proposed"])
    return frame[BRANCH_COLUMNS]


def ideas_view(*, session: Session, actor: Actor, month: str, org_ids: tuple[int, ...] = ()) -> IdeasView:
    """金点子 at M for the actor's scope (or the organisations asked for)."""
    months.parse(month)
    return ideas_view_of(
        session=session, scope=readable_scope(session=session, actor=actor, org_ids=org_ids), month=month
    )


def ideas_view_of(*, session: Session, scope: Scope, month: str) -> IdeasView:
    """金点子 at M for ``scope``."""
    now = branch_sums(session=session, scope=scope, month=month)
    before = branch_sums(session=session, scope=scope, month=months.previous(month))
    branch_list = branches(session=session, scope=scope, month=month)
    proposed, adopted = int(now["proposed"].sum()), int(now["adopted"].sum())
    previous = ratio(int(before["adopted"].sum()), int(before["proposed"].sum()))
    rate = Figure(ratio(adopted, proposed), previous, None if proposed else NO_IDEAS)
    return IdeasView(
        month=month,
        proposed=proposed,
        adopted=adopted,
        effective=int(now["effective"].sum()),
        adoption_rate=rate,
        benefit_amount=sum(now["benefit_amount"], Decimal(0)),
        by_branch=_per_branch(branch_list, now),
        ideas=idea_list(session=session, scope=scope, month=month),
    )
