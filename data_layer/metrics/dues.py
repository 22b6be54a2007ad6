"""党费: dues owed and paid January–M by 党支部 and member, the 交纳率, and the members in arrears.

Members counted at M: ``membership.in_branch`` for an active 党支部 of the scope (as 学习进度), each
in the 党支部 they count in at M. Sums are taken in SQL per 党支部 and stay ``Decimal``; the rate adds
numerators and denominators.

An *unpaid month* of a member is a month from the later of the month they started counting
(``membership.start``) and the first month of their 党支部's dues ledger (its earliest record) whose
record has nothing paid, or that has no record at all. A member is in arrears at M when their unpaid months run without a break up to M for
``rules.DUES_ARREARS_MONTHS`` months or more (党章第九条: 连续6个月不交纳党费); a partial payment breaks
the run. ``owed`` adds due − paid over the run's months that have a record.
"""

from dataclasses import dataclass
from decimal import Decimal

import pandas as pd
from sqlalchemy import and_, func
from sqlmodel import Session, col, select

from data_layer import months, orgs
from data_layer.auth import Actor, Scope, readable_scope
from data_layer.metrics import membership
from data_layer.metrics.common import Figure, counted_branches, frame_of, in_tree_order, month_index, ratio
from data_layer.models import DuesRecord, Member, Organisation
from data_layer.rules import DUES_ARREARS_MONTHS
from data_layer.store import remembered, select_columns

BRANCH_COLUMNS = ["branch_id", "branch", "members", "due_ytd", "paid_ytd", "paid_rate", "arrears_members"]
MEMBER_COLUMNS = [
    "member_id",
    "member_no",
    "name",
    "branch_id",
    "branch",
    "income",
    "rate",
    "due",
    "paid",
    "paid_on",
    "version",
]
LINE_COLUMNS = [*MEMBER_COLUMNS, "rate_percent", "paid_day"]
ARREARS_COLUMNS = ["member_no", "name", "branch", "unpaid_months", "owed", "branch_id"]


def _counted(scope: Scope, month: str):
    """The member counts at M in a 党支部 the scope counts (join Organisation on ``_branch(month)``)."""
    return and_(membership.present(month), membership.branch_at(month).in_(counted_branches(scope)))


@remembered(by_branch=in_tree_order(), kept=True)
def branch_sums(*, session: Session, scope: Scope, month: str) -> pd.DataFrame:
    """Per active 党支部 in scope with members counted at M, in tree order: members, Σ due and Σ paid of
    their records January–M."""
    in_year = and_(
        col(DuesRecord.month) >= months.first_of_year(month),
        col(DuesRecord.month) <= month,
        month_index(DuesRecord.month) >= membership.first_month_in_year(month),
    )
    stmt = (
        select_columns(
            Organisation.id,
            Organisation.name,
            func.count(func.distinct(Member.id)),
            func.sum(DuesRecord.due),
            func.sum(DuesRecord.paid),
        )
        .join(Member, membership.branch_at(month) == Organisation.id)
        .outerjoin(DuesRecord, and_(col(DuesRecord.member_id) == Member.id, in_year))
        .where(_counted(scope, month))
        .group_by(col(Organisation.id), Organisation.name)
    )
    frame = frame_of(session.exec(stmt).all(), ["branch_id", "branch", "members", "due_ytd", "paid_ytd"])
    for column in ("due_ytd", "paid_ytd"):
        frame[column] = [Decimal(value or 0).quantize(Decimal("0.01")) for value in frame[column]]
    position = orgs.tree_positions(session=session)
    return frame.sort_values("branch_id", key=lambda ids: ids.map(position), ignore_index=True)


def member_rows(*, session: Session, scope: Scope, month: str) -> pd.DataFrame:
    """Every member counted at M with M's record (blank where there is none), by 党支部 and 党员编号.
    Remembered as a part of ``member_lines`` (not on its own: one copy of 60,000 rows is enough)."""
    stmt = (
        select_columns(
            Member.id,
            Member.member_no,
            Member.name,
            Organisation.id,
            Organisation.name,
            DuesRecord.income,
            DuesRecord.rate,
            DuesRecord.due,
            DuesRecord.paid,
            DuesRecord.paid_on,
            DuesRecord.version,
        )
        .join(Organisation, col(Organisation.id) == membership.branch_at(month))
        .outerjoin(DuesRecord, and_(col(DuesRecord.member_id) == Member.id, col(DuesRecord.month) == month))
        .where(_counted(scope, month))
    )
    frame = frame_of(session.exec(stmt).all(), MEMBER_COLUMNS)
    position = orgs.tree_positions(session=session)
    return frame.sort_values(
        ["branch_id", "member_no"],
        key=lambda c: c.map(position) if c.name == "branch_id" else c,
        ignore_index=True,
    )


@remembered(by_branch=in_tree_order("member_no"))
def member_lines(*, session: Session, scope: Scope, month: str) -> pd.DataFrame:
    """``member_rows`` as the 党费 page lists them (LINE_COLUMNS): the rate in percent (``rate_percent``,
    1.5 for 1.5 %) and the day paid as text (``paid_day``, "2026-04-10"). Remembered, so the 60,000
    members' lines are made once per data version (after a save, the saved 党支部's only), not each rerun."""
    rows = member_rows(session=session, scope=scope, month=month)
    return rows.assign(
        rate_percent=pd.Series(
            [None if pd.isna(rate) else rate * 100 for rate in rows["rate"]], index=rows.index, dtype=object
        ),
        paid_day=pd.Series(
            [None if pd.isna(day) else str(day) for day in rows["paid_on"]], index=rows.index, dtype=object
        ),
    )[LINE_COLUMNS]


@remembered(kept=True)
def arrears(*, session: Session, scope: Scope, month: str) -> pd.DataFrame:
    """The members counted at M whose unpaid months run up to M for ``DUES_ARREARS_MONTHS`` or more,
    the longest run first (see the module's docstring for what an unpaid month is)."""
    at_record = membership.branch_at(DuesRecord.month)
    ledger = (
        select(at_record.label("branch_id"), func.min(DuesRecord.month).label("start"))
        .join(Member, col(Member.id) == DuesRecord.member_id)
        .where(DuesRecord.month <= month)
        .group_by(at_record)
        .subquery()
    )
    last_paid = (
        select(DuesRecord.member_id, func.max(DuesRecord.month).label("month"))
        .where(DuesRecord.month <= month, DuesRecord.paid > 0)
        .group_by(col(DuesRecord.member_id))
        .subquery()
    )
    stmt = (
        select_columns(
            Member.id,
            Member.member_no,
            Member.name,
            Organisation.name,
            Organisation.id,
            membership.start(),
            ledger.c.start,
            last_paid.c.month,
        )
        .join(Organisation, col(Organisation.id) == membership.branch_at(month))
        .join(ledger, ledger.c.branch_id == membership.branch_at(month))
        .outerjoin(last_paid, last_paid.c.member_id == Member.id)
        .where(_counted(scope, month))
    )
    flagged = []
    for member_id, number, name, branch, branch_id, started, start, paid_month in session.exec(stmt).all():
        first = max(start, months.of_date(started), months.shift(paid_month, 1) if paid_month else start)
        run = months.index(month) - months.index(first) + 1
        if run >= DUES_ARREARS_MONTHS:
            flagged.append((member_id, number, name, branch, run, first, branch_id))
    if not flagged:
        return pd.DataFrame(columns=ARREARS_COLUMNS)
    first_of = {row[0]: row[5] for row in flagged}
    owed = dict.fromkeys(first_of, Decimal(0))
    for member_id, each, due, paid in session.exec(  # the run's records: a few rows per flagged member
        select_columns(DuesRecord.member_id, DuesRecord.month, DuesRecord.due, DuesRecord.paid).where(
            col(DuesRecord.member_id).in_(list(first_of)),
            DuesRecord.month >= min(first_of.values()),
            DuesRecord.month <= month,
        )
    ).all():
        if each >= first_of[member_id]:
            owed[member_id] += Decimal(due) - Decimal(paid)
    frame = pd.DataFrame(
        [
            (number, name, branch, run, owed[member_id], branch_id)
            for member_id, number, name, branch, run, _, branch_id in flagged
        ],
        columns=ARREARS_COLUMNS,
    )
    return frame.sort_values(["unpaid_months", "member_no"], ascending=[False, True], ignore_index=True)


@dataclass(frozen=True)
class DuesView:
    month: str
    due_ytd: Decimal
    paid_ytd: Decimal
    paid_rate: Figure  # paid_ytd ÷ due_ytd at M, and at M−1 (its own year's January–M−1)
    by_branch: pd.DataFrame  # BRANCH_COLUMNS
    members: pd.DataFrame  # LINE_COLUMNS, every member counted at M
    arrears: pd.DataFrame  # ARREARS_COLUMNS

    @property
    def has_data(self) -> bool:
        return self.due_ytd > 0


def _rate(sums: pd.DataFrame) -> tuple[Decimal, Decimal, float | None]:
    due, paid = sum(sums["due_ytd"], Decimal(0)), sum(sums["paid_ytd"], Decimal(0))
    return due, paid, ratio(paid, due)


def paid_rate_figure(*, session: Session, scope: Scope, month: str) -> Figure:
    """交纳率 at M with 环比 (the overview's and the page's one definition), or "—" with the reason."""
    rate = _rate(branch_sums(session=session, scope=scope, month=month))[2]
    previous = _rate(branch_sums(session=session, scope=scope, month=months.previous(month)))[2]
    reason = None
    if rate is None:
        number = months.number_of(month)
        span = f"{month[:4]}年1月" + (f"至{number}月" if number > 1 else "")
        reason = f"{span}没有党费记录"
    return Figure(rate, previous, reason)


def dues_view(*, session: Session, actor: Actor, month: str, org_ids: tuple[int, ...] = ()) -> DuesView:
    """党费 of the scope at M: the headline 交纳率 with 环比, per 党支部, per member, and the arrears list."""
    months.parse(month)
    scope = readable_scope(session=session, actor=actor, org_ids=org_ids)
    now = branch_sums(session=session, scope=scope, month=month)
    owing = arrears(session=session, scope=scope, month=month)
    due, paid, _ = _rate(now)
    by_branch = now.assign(
        paid_rate=[ratio(p, d) for p, d in zip(now["paid_ytd"], now["due_ytd"], strict=True)],
        arrears_members=now["branch_id"].map(owing["branch_id"].value_counts()).fillna(0).astype(int),
    )[BRANCH_COLUMNS]
    return DuesView(
        month=month,
        due_ytd=due,
        paid_ytd=paid,
        paid_rate=paid_rate_figure(session=session, scope=scope, month=month),
        by_branch=by_branch,
        members=member_lines(session=session, scope=scope, month=month),
        arrears=owing,
    )
