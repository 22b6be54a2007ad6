"""党费: the income brackets that set a member's rate, and the write side of a member's month of dues.

A record keeps the rate and the amount due worked out when it was written (due = income × rate, to the
fen, half up), so changing the brackets does not rewrite history; saving a record again recomputes them.
Every save: the member and the name → the 党支部 authorized and its month open → not a future month, not
before joining → written by member and month through ``writes.upsert`` (optimistic locking, audit) → the
month becomes 草稿. They run inside the caller's ``db.write_scope`` transaction.
"""

import re
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

import pandas as pd
from sqlalchemy import and_
from sqlmodel import Session, col, select

from data_layer import auth, clock, months, schemas
from data_layer.auth import Actor
from data_layer.entry import edits, figures
from data_layer.errors import Refused
from data_layer.metrics import membership
from data_layer.models import DuesRecord, Member, Organisation, Setting
from data_layer.rules import DUES_BRACKETS
from data_layer.store import select_columns, settings, writes

Brackets = tuple[tuple[Decimal | None, Decimal], ...]
"""(upper bound of the income, inclusive — None for the last, open bracket; rate as a fraction)."""

SETTING = "dues_brackets"
FIELD = "党费比例"
EXAMPLE = "3000:0.5,5000:1,10000:1.5,*:2"
FEN = Decimal("0.01")
PERCENT = Decimal(100)
_SEPARATORS = re.compile(r"[,，;；、\s]+")


def _bad(message: str) -> Refused:
    return Refused(
        f"{message}；应写成“上限:比例(%)”并用逗号分隔，最后一档上限写 *，例如 {EXAMPLE}", field=FIELD
    )


def _number(text: str, what: str) -> Decimal:
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise _bad(f"“{text}”不是{what}") from None
    exponent = value.as_tuple().exponent  # a whole number once the value is finite
    if not value.is_finite() or value <= 0 or not isinstance(exponent, int) or exponent < -2:
        raise _bad(f"{what}应大于 0 且最多两位小数（现在是“{text}”）")
    return value


def parse_brackets(text: str) -> Brackets:
    """The brackets written "3000:0.5,5000:1,10000:1.5,*:2"; a refusal naming 党费比例 for anything else."""
    parts = [part for part in _SEPARATORS.split(str(text or "").strip()) if part]
    if not parts:
        raise _bad("请填写党费比例")
    found: list[tuple[Decimal | None, Decimal]] = []
    for part in parts:
        bound_text, colon, rate_text = part.replace("：", ":").partition(":")
        if not colon:
            raise _bad(f"“{part}”缺少冒号")
        bound = None if bound_text == "*" else _number(bound_text, "收入上限")
        rate = _number(rate_text, "比例")
        if rate > 10:
            raise _bad(f"比例 {rate_text}% 过高（按月工资收入的百分比填写，例如 0.5 表示 0.5%）")
        previous = found[-1][0] if found else None
        if found and previous is None:
            raise _bad("上限为 * 的一档应是最后一档")
        if bound is not None and previous is not None and bound <= previous:
            raise _bad(f"收入上限应逐档增加（{bound_text} 不大于 {previous}）")
        found.append((bound, rate / PERCENT))
    if found[-1][0] is not None:
        raise _bad(f"最后一档的上限应写 *（收入超过 {found[-1][0]} 元的部分也要有比例）")
    return tuple(found)


def format_brackets(brackets: Brackets) -> str:
    """The brackets as the setting writes them ("3000:0.5,5000:1,10000:1.5,*:2")."""
    return ",".join(
        f"{'*' if bound is None else f'{bound.normalize():f}'}:{(rate * PERCENT).normalize():f}"
        for bound, rate in brackets
    )


def brackets(*, session: Session) -> Brackets:
    """The brackets in force: the setting when an administrator set one, else the 规定's (rules.py)."""
    text = settings.get(session=session, key=SETTING)
    return DUES_BRACKETS if text is None else parse_brackets(text)


def rate_for(income: Decimal, table: Brackets = DUES_BRACKETS) -> Decimal:
    """The rate of a monthly income: the first bracket whose upper bound (inclusive) it does not exceed."""
    for bound, rate in table:
        if bound is None or income <= bound:
            return rate
    raise AssertionError("the last bracket has no upper bound")  # parse_brackets guarantees it


def due_for(income: Decimal, rate: Decimal) -> Decimal:
    """income × rate to the fen, half up (4,322.50 × 1 % = 43.225 → 43.23)."""
    return (Decimal(income) * rate).quantize(FEN, rounding=ROUND_HALF_UP)


def set_brackets(*, session: Session, actor: Actor, text: str) -> Brackets:
    """An administrator sets the brackets (audited); records already written keep their rate and due."""
    auth.require_admin(session=session, actor=actor)
    found = parse_brackets(text)
    writes.upsert(
        session=session,
        actor=actor.username,
        model=Setting,
        key={"key": SETTING},
        values={"value": format_brackets(found)},
        what=FIELD,
    )
    return found


def save_dues(
    *,
    session: Session,
    actor: Actor,
    item: schemas.DuesIn,
    expected_version: int | None = None,
    today: date | None = None,
    cache: figures.Cache | None = None,
    batch: writes.Batch | None = None,
) -> writes.Written[DuesRecord]:
    """A member's 党费 in a month (one row per member and month); the rate and due follow from the income.

    An import passes its ``cache`` and ``batch``, filled beforehand by ``preload_dues``.
    """
    if cache is not None and ("member", item.member_no) in cache:
        member = cache[("member", item.member_no)]
    else:
        member = session.exec(select(Member).where(Member.member_no == item.member_no)).first()
    if member is None or not member.active:
        raise Refused(f"找不到党员编号“{item.member_no}”", field="党员编号")
    if item.name and item.name != member.name:
        raise Refused(
            f"党员编号 {member.member_no} 对应的是“{member.name}”，与填写的“{item.name}”不一致", field="姓名"
        )
    current = months.of_date(today or clock.today())
    if item.month > current:
        raise Refused(f"不能填报未来的月份（当前为 {current}）", field="月份")
    branch_id = figures.counted_branch(member, item.month)
    figures.open_branch(session, actor, branch_id, item.month, cache)
    table = cache.get((SETTING,)) if cache is not None else None
    if table is None:
        table = brackets(session=session)
        if cache is not None:  # an import reads the brackets once
            cache[(SETTING,)] = table
    rate = rate_for(item.income, table)
    outcome, row = writes.upsert(
        session=session,
        actor=actor.username,
        model=DuesRecord,
        key={"member_id": member.id, "month": item.month},
        values={
            "income": item.income,
            "rate": rate,
            "due": due_for(item.income, rate),
            "paid": item.paid,
            "paid_on": item.paid_on,
        },
        expected_version=expected_version,
        what=f"{member.name}的{item.month}党费",
        on_insert={"entered_by_id": actor.user_id},
        batch=batch,
    )
    if outcome != writes.UNCHANGED:
        figures.draft_month(session, actor, branch_id, item.month, cache, batch)
    return writes.Written(outcome, row)


def preload_dues(
    *, session: Session, actor: Actor, items: list[schemas.DuesIn], cache: figures.Cache, batch: writes.Batch
) -> None:
    """Before ``save_dues`` of many rows: their members, months and existing records in a few queries."""
    members = figures.preload_keyed(
        session, Member.member_no, {item.member_no for item in items}, cache, "member"
    )
    known = [(item, members[item.member_no]) for item in items if item.member_no in members]
    branch_months = {(membership.branch_of(member, item.month), item.month) for item, member in known}
    figures.preload_months(
        session,
        actor,
        {(branch, month) for branch, month in branch_months if branch is not None},
        cache,
        batch,
    )
    batch.preload(
        model=DuesRecord, keys=[{"member_id": member.id, "month": item.month} for item, member in known]
    )


# ---------------------------------------------------------------- the page's bulk editor

SHEET_COLUMNS = ["member_id", "member_no", "name", "income", "rate", "due", "paid", "paid_on", "version"]


def dues_sheet(*, session: Session, actor: Actor, branch_id: int, month: str) -> pd.DataFrame:
    """The 党支部's members at M (``membership.in_branch``) with M's record, blank where there is none."""
    months.parse(month)
    branch = session.get(Organisation, branch_id)
    if branch is None or not auth.readable_scope(session=session, actor=actor).contains(branch.path):
        raise Refused("无权查看其他党支部的数据", field="党支部")
    rows = session.exec(
        select_columns(
            Member.id,
            Member.member_no,
            Member.name,
            DuesRecord.income,
            DuesRecord.rate,
            DuesRecord.due,
            DuesRecord.paid,
            DuesRecord.paid_on,
            DuesRecord.version,
        )
        .outerjoin(DuesRecord, and_(col(DuesRecord.member_id) == Member.id, col(DuesRecord.month) == month))
        .where(membership.in_branch(branch_id, month))
        .order_by(Member.member_no)
    ).all()
    frame = pd.DataFrame([tuple(row) for row in rows], columns=SHEET_COLUMNS)
    for column in ("income", "due", "paid"):
        frame[column] = [None if value is None else float(value) for value in frame[column]]
    frame["rate"] = [None if value is None else float(value * PERCENT) for value in frame["rate"]]
    # Whole numbers or None, as the other sheets: a nullable Int64 column of all-NA values pickles
    # differently once the editor has read it, which a remembered answer must not show (memo.ChangedAnswer).
    frame["version"] = pd.Series([None if pd.isna(v) else int(v) for v in frame["version"]], dtype=object)
    return frame


EDITOR = edits.Editor(
    model=schemas.DuesIn,
    key="member_id",
    columns=("income", "paid", "paid_on"),
    fields={"member_no": "member_no", "income": "income", "paid": "paid", "paid_on": "paid_on"},
    save=save_dues,
    line=lambda row, _, record: f"{row['name']} 应交 {record.due:,.2f} 元、实交 {record.paid:,.2f} 元",
)


def save_dues_edits(*, session: Session, actor: Actor, month: str, **tables: Any) -> writes.Saved:
    """Save the members whose income, payment or date of payment changed (``original``, ``edited``,
    ``today``; all or nothing)."""
    return edits.save_edits(EDITOR, session=session, actor=actor, month=month, **tables)
