"""What the figure modules share: month arithmetic in SQL, safe ratios, headline figures, branch lists."""

from dataclasses import dataclass
from decimal import Decimal

import pandas as pd
from sqlalchemy import Integer, and_, cast, func
from sqlmodel import Session, col, select

from data_layer import orgs
from data_layer.auth import Scope
from data_layer.models import Organisation, Submission
from data_layer.store import remembered
from data_layer.store.splice import Order
from data_layer.vocab import OrgKind, SubmissionStatus

# Quantities, hours and money have two decimals; SQLite sums them as binary floats, so "reached" is
# judged half a hundredth early, which is exact for two-decimal values on both databases.
REACHED_TOLERANCE = 0.005


@dataclass(frozen=True)
class Figure:
    """A headline figure at a month and the month before; ``None`` with a reason where there is no data."""

    value: float | None
    previous: float | None
    reason: str | None = None

    @property
    def change(self) -> float | None:
        """Month-over-month change (环比), in the figure's own unit (rate points for rates)."""
        if self.value is None or self.previous is None:
            return None
        return self.value - self.previous


def month_index(column):
    """``YYYY-MM`` text → months since year 0, in SQL that SQLite and PostgreSQL both run."""
    return cast(func.substr(column, 1, 4), Integer) * 12 + cast(func.substr(column, 6, 2), Integer) - 1


def ratio(numerator: float | Decimal | None, denominator: float | Decimal | None) -> float | None:
    """numerator ÷ denominator, or ``None`` when the denominator is missing or zero."""
    if denominator is None or pd.isna(denominator) or not denominator:
        return None
    return float(0 if numerator is None or pd.isna(numerator) else numerator) / float(denominator)


def ratios(numerator: pd.Series, denominator: pd.Series) -> pd.Series:
    """``ratio`` over two columns, as floats: NaN where the denominator is missing or zero."""
    top = numerator.astype(float).fillna(0.0)
    bottom = denominator.astype(float)
    return top / bottom.where(bottom != 0)


def optional_ratios(numerator: pd.Series, denominator: pd.Series) -> pd.Series:
    """``ratio`` over two columns as an object column: None where there is none, as ``ratio`` gives."""
    rates = ratios(numerator, denominator)
    return rates.astype(object).where(rates.notna(), None)


def frame_of(rows, columns: list[str]) -> pd.DataFrame:
    """Rows of a query as a DataFrame, built column by column (far quicker than row by row)."""
    if not rows:
        return pd.DataFrame(columns=columns)
    return pd.DataFrame(dict(zip(columns, zip(*rows, strict=True), strict=True)))


def in_tree_order(*columns: str) -> Order:
    """The ``by_branch`` order of a frame sorted by its 党支部's place in the tree, then by ``columns``
    (stable: rows of one 党支部 keep their order)."""

    def order(frame: pd.DataFrame, session: Session) -> pd.DataFrame:
        position = orgs.tree_positions(session=session)
        return frame.sort_values(
            ["branch_id", *columns],
            key=lambda c: c.map(position) if c.name == "branch_id" else c,
            kind="stable",
            ignore_index=True,
        )

    return order


def by_columns(*columns: str) -> Order:
    """The ``by_branch`` order of a frame sorted by ``columns``."""
    return lambda frame, _session: frame.sort_values(list(columns), kind="stable", ignore_index=True)


def counted_branches(scope: Scope):
    """The ids of the 党支部 whose figures a scope counts (active, in scope), for ``branch_id.in_(…)``:
    the few organisation rows are found first, then the figure tables are reached by their branch index."""
    return select(Organisation.id).where(
        Organisation.kind == OrgKind.BRANCH, Organisation.active, scope.covers(Organisation.path)
    )


@remembered
def branches(*, session: Session, scope: Scope, month: str) -> pd.DataFrame:
    """Active 党支部 in scope with their submission status for M, in tree order (as in the filter)."""
    stmt = (
        select(Organisation.id, Organisation.name, Submission.status)
        .outerjoin(
            Submission, and_(col(Submission.branch_id) == Organisation.id, col(Submission.month) == month)
        )
        .where(Organisation.kind == OrgKind.BRANCH, Organisation.active, scope.covers(Organisation.path))
    )
    frame = pd.DataFrame(session.exec(stmt).all(), columns=["branch_id", "branch", "submission_status"])
    frame["submission_status"] = frame["submission_status"].fillna(SubmissionStatus.NONE)
    position = orgs.tree_positions(session=session)
    return frame.sort_values("branch_id", key=lambda ids: ids.map(position), ignore_index=True)


def submission_rate(branch_list: pd.DataFrame) -> float | None:
    """Share of the listed 党支部 whose submission is 已提交 or 已审核."""
    done = branch_list["submission_status"].isin([SubmissionStatus.SUBMITTED, SubmissionStatus.APPROVED])
    return ratio(int(done.sum()), len(branch_list))
