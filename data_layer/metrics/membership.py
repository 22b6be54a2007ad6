"""Who is a member of a 党支部 in month M: the one definition study, 党费, the entry sheets and the
guard on approved months all use (docs/metrics.md, 党员的在册月份).

A member counts in M when M lies from their *start* (the later of 入党 and 转入; no 转入 date: a member
since before the data begins) up to, not including, the month of their 转出 or 离世, and they are not
停用. They count in ``branch_id`` from the month of their latest move between 党支部 (``moved_on``), in
``previous_branch_id`` before it. Months are compared as ``months.index`` values, so that M may be a
literal or a column (a submission's month).
"""

from collections.abc import Callable

from sqlalchemy import Integer, and_, case, cast, extract, literal, or_
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import col

from data_layer import months
from data_layer.metrics.common import month_index
from data_layer.models import Member


def date_index(day) -> ColumnElement:
    """A date column's month as months since year 0 (as ``months.index``), in SQL."""
    return cast(extract("year", day), Integer) * 12 + cast(extract("month", day), Integer) - 1


def start() -> ColumnElement:
    """The day a member starts counting: the later of 入党 and 转入 (入党 without a 转入 date)."""
    return case((col(Member.arrived_on) > Member.joined_on, Member.arrived_on), else_=Member.joined_on)


def _index(month) -> ColumnElement:
    return literal(months.index(month)) if isinstance(month, str) else month_index(month)


def present(month) -> ColumnElement:
    """The member counts in M (a ``YYYY-MM`` literal or column), in whichever 党支部."""
    at = _index(month)
    return and_(
        col(Member.active),
        date_index(start()) <= at,
        or_(col(Member.left_on).is_(None), date_index(Member.left_on) > at),
        or_(col(Member.died_on).is_(None), date_index(Member.died_on) > at),
    )


def branch_at(month) -> ColumnElement:
    """The 党支部 a member counts in at M (when ``present``)."""
    before_move = and_(col(Member.moved_on).is_not(None), date_index(Member.moved_on) > _index(month))
    return case((before_move, Member.previous_branch_id), else_=Member.branch_id)


def in_branch(branch_id, month) -> ColumnElement:
    """The member counts in the 党支部 ``branch_id`` (a value or column) at M. (The first condition follows
    from the others; checked first, it spares the other 党支部's members the date arithmetic.)"""
    either = or_(col(Member.branch_id) == branch_id, col(Member.previous_branch_id) == branch_id)
    return and_(either, present(month), branch_at(month) == branch_id)


def first_month_in_year(month: str) -> ColumnElement:
    """The first month of M's year a member counts in (January when they started in an earlier year), as
    ``months.index``: a member's study target and dues run from it."""
    january = months.index(months.first_of_year(month))
    started = date_index(start())
    return case((started > january, started), else_=january)


def branch_of(member: Member, month: str) -> int | None:
    """The 党支部 a member in hand counts in at M, or None when they do not count in M: the rule of
    ``present`` and ``branch_at`` for one row a write has loaded (tests/data_layer/test_member_dates.py
    checks that the two agree)."""
    return branches_of(member)(month)


def branches_of(member: Member) -> Callable[[str], int | None]:
    """``branch_of`` for one member at many months: the member's dates are read once."""
    started = max(member.joined_on, member.arrived_on or member.joined_on)
    first = months.index(months.of_date(started))
    gone = [months.index(months.of_date(day)) for day in (member.left_on, member.died_on) if day is not None]
    last = min(gone, default=None)  # the first month they no longer count in
    moved = None if member.moved_on is None else months.index(months.of_date(member.moved_on))
    active, branch_id, previous_id = member.active, member.branch_id, member.previous_branch_id

    def at(month: str) -> int | None:
        number = months.index(month)
        if not active or first > number or (last is not None and last <= number):
            return None
        return previous_id if moved is not None and moved > number else branch_id

    return at
