"""填报进度: each 党支部's submission status month by month, what is overdue, and whom to remind.

A month's submission is due by the deadline day (setting ``submission_deadline_day``, default the 5th)
of the following month; after that day a month that is not 已提交 or 已审核 is overdue (逾期).
"""

from dataclasses import dataclass
from datetime import date

import pandas as pd
from sqlalchemy import and_
from sqlmodel import Session, col, select

from data_layer import clock, months
from data_layer.auth import Actor, readable_scope
from data_layer.metrics.common import branches, frame_of, submission_rate
from data_layer.models import Organisation, Submission, User
from data_layer.store import settings
from data_layer.vocab import Role, SubmissionStatus

DONE = (SubmissionStatus.SUBMITTED, SubmissionStatus.APPROVED)


def deadline(month: str, *, deadline_day: int) -> date:
    following = months.shift(month, 1)
    year, number = months.parse(following)
    return date(year, number, min(deadline_day, months.last_day(following).day))


@dataclass(frozen=True)
class Board:
    month: str
    deadline_day: int
    rate: float | None
    grid: pd.DataFrame  # branch_id, branch, month, status, overdue
    remind: pd.DataFrame  # branch, month, status, secretary, username, deadline

    def at(self, month: str) -> pd.DataFrame:
        return self.grid[self.grid["month"] == month].reset_index(drop=True)


def board(
    *, session: Session, actor: Actor, month: str, org_ids: tuple[int, ...] = (), today: date | None = None
) -> Board:
    """Statuses of every active 党支部 in scope for January through M of M's year."""
    months.parse(month)
    scope = readable_scope(session=session, actor=actor, org_ids=org_ids)
    today = today or clock.today()
    day = int(settings.get(session=session, key="submission_deadline_day") or 5)
    branch_list = branches(session=session, scope=scope, month=month)[["branch_id", "branch"]]
    span = months.span(months.first_of_year(month), month)
    rows = session.exec(
        select(Submission.branch_id, Submission.month, Submission.status)
        .join(Organisation, col(Organisation.id) == Submission.branch_id)
        .where(
            and_(col(Submission.month) >= span[0], col(Submission.month) <= month),
            scope.covers(Organisation.path),
        )
    ).all()
    found = frame_of(rows, ["branch_id", "month", "status"])
    grid = branch_list.merge(pd.DataFrame({"month": span}), how="cross").merge(
        found, on=["branch_id", "month"], how="left"
    )
    grid["status"] = grid["status"].fillna(SubmissionStatus.NONE)
    due = {each: deadline(each, deadline_day=day) for each in span}
    grid["deadline"] = grid["month"].map(due)
    grid["overdue"] = ~grid["status"].isin(DONE) & (grid["deadline"] < today)
    secretaries = dict(
        (branch_id, (name, username))
        for branch_id, name, username in session.exec(
            select(User.branch_id, User.display_name, User.username).where(
                User.role == Role.SECRETARY, User.active
            )
        ).all()
    )
    late = grid[~grid["status"].isin(DONE) & ((grid["month"] == month) | grid["overdue"])].copy()
    late["secretary"] = late["branch_id"].map({b: name for b, (name, _) in secretaries.items()})
    late["secretary"] = late["secretary"].fillna("未设置书记账号")
    late["username"] = late["branch_id"].map({b: username for b, (_, username) in secretaries.items()})
    late["username"] = late["username"].fillna("")
    current = grid[grid["month"] == month]
    return Board(
        month=month,
        deadline_day=day,
        rate=submission_rate(current.rename(columns={"status": "submission_status"})),
        grid=grid,
        remind=late[
            ["branch", "month", "status", "deadline", "overdue", "secretary", "username"]
        ].reset_index(drop=True),
    )
