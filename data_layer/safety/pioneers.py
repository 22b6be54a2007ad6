"""Write side of 党员先锋岗 and 党员责任区: a 党支部's posts and zones, each held by one of its members
from a month (until a month), and each month's check — did it stay free of 三违 and of 事故.

Secretaries keep their own 党支部's (they know who holds what), administrators any 党支部's. As with
帮扶结对: the months a post's start or end is set in must be open and become 草稿; a check is one row
per post and month, within the post's months, in an open month that is not in the future, and makes
the month 草稿. Keyword-only, session first, the caller's transaction, audited through ``writes``.

An import passes its ``cache`` and ``batch`` (``writes.Batch``), filled beforehand for a whole sheet by
``preload_posts`` and ``preload_checks``: the same checks, refusals and audit rows in a few queries.
"""

from datetime import date
from typing import Any

import pandas as pd
from sqlalchemy import and_, func
from sqlmodel import Session, col, select

from data_layer import auth, clock, months
from data_layer.auth import Actor
from data_layer.entry import edits, figures
from data_layer.errors import Refused
from data_layer.lean import pairs_entry
from data_layer.models import Member, Organisation, PioneerCheck, PioneerPost, id_of
from data_layer.schemas import YES_NO, PioneerCheckIn, PioneerPostIn
from data_layer.store import select_columns, writes

POST = "岗区名称"
POST_COLUMNS = ["post_id", "kind", "name", "member_no", "member", "started_month", "ended_month", "version"]
CHECK_COLUMNS = [
    "post_id",
    "branch",
    "kind",
    "name",
    "member",
    "violation_free",
    "accident_free",
    "note",
    "version",
]


def save_post(
    *,
    session: Session,
    actor: Actor,
    item: PioneerPostIn,
    expected_version: int | None = None,
    today: date | None = None,
    cache: figures.Cache | None = None,
    batch: writes.Batch | None = None,
) -> writes.Written[PioneerPost]:
    """Set up a 先锋岗 or 责任区 (by 党支部 and 岗区名称), or change its kind, holder or months. An import
    passes its ``cache`` and ``batch``, filled beforehand by ``preload_posts``."""
    branch = figures.remembered(
        cache, ("branch", item.branch), lambda: figures.branch_by_name(session=session, name=item.branch)
    )
    branch_id = id_of(branch)
    current = months.of_date(today or clock.today())
    if item.started_month > current:
        raise Refused(f"开始月份不能晚于本月（{current}）", field="开始月份")
    figures.remembered(
        cache,
        ("authorized", branch_id),
        lambda: auth.authorize_write(session=session, actor=actor, branch_id=branch_id),
    )
    member = pairs_entry.member_of_branch(
        session=session, member_no=item.member_no, branch=branch, field="责任党员编号", cache=cache
    )
    key = {"branch_id": branch_id, "name": item.name}
    existing = batch.found(model=PioneerPost, key=key) if batch is not None else writes.NOT_LOOKED_UP
    if existing is writes.NOT_LOOKED_UP:
        existing = session.exec(
            select(PioneerPost).where(PioneerPost.branch_id == branch.id, PioneerPost.name == item.name)
        ).first()
    changed = pairs_entry.months_changed(existing, item, current)
    for month in changed:
        figures.open_branch(session, actor, branch_id, month, cache)
    if existing is not None:
        outside = _check_outside(session, existing, item, cache)
        if outside is not None:
            raise Refused(f"{outside} 已有该岗区的月度检查，不在所填的开始和结束月份之间", field="开始月份")
    outcome, row = writes.upsert(
        session=session,
        actor=actor.username,
        model=PioneerPost,
        key=key,
        values={
            "kind": item.kind,
            "member_id": id_of(member),
            "started_month": item.started_month,
            "ended_month": item.ended_month,
            "active": True,
        },
        expected_version=expected_version,
        what=f"{item.kind}“{item.name}”",
        batch=batch,
    )
    if outcome != writes.UNCHANGED:
        for month in changed:
            figures.draft_month(session, actor, branch_id, month, cache, batch)
    return writes.Written(outcome, row)


def _checked_months_key(post_id: int) -> tuple:
    return ("pioneer checked months", post_id)


def _check_outside(
    session: Session, post: PioneerPost, item: PioneerPostIn, cache: figures.Cache | None
) -> str | None:
    """A month of the post's checks outside the item's months, or None. ``preload_posts`` remembers the
    first and last month checked of each post: within the months, nothing is asked; otherwise the month
    named is the one the database gives, as without a preload."""
    end = item.ended_month or "9999-12"
    key = _checked_months_key(id_of(post))
    if cache is not None and key in cache:
        span = cache[key]
        if span is None or (span[0] >= item.started_month and span[1] <= end):
            return None
    return session.exec(
        select(PioneerCheck.month)
        .where(
            PioneerCheck.post_id == post.id,
            (PioneerCheck.month < item.started_month) | (PioneerCheck.month > end),
        )
        .limit(1)
    ).first()


def preload_posts(
    *,
    session: Session,
    actor: Actor,
    items: list[PioneerPostIn],
    cache: figures.Cache,
    batch: writes.Batch,
    today: date | None = None,
) -> None:
    """Before ``save_post`` of a sheet's rows: their 党支部 and holders, the posts already set up (with
    the first and last month each was checked in) and the months the rows are entered in, in a few
    queries. What would be refused is not remembered: each of its rows is refused when written."""
    branches = figures.preload_branches(session=session, names={item.branch for item in items}, cache=cache)
    figures.preload_keyed(session, Member.member_no, {item.member_no for item in items}, cache, "member")
    known = [(id_of(branches[item.branch]), item) for item in items if item.branch in branches]
    keys = [{"name": item.name, "branch_id": branch_id} for branch_id, item in known]
    batch.preload(model=PioneerPost, keys=keys)
    existing = [batch.found(model=PioneerPost, key=key) for key in keys]
    post_ids = [id_of(post) for post in existing if post is not None]
    spans: dict[int, tuple[str, str]] = {}
    for chunk in writes.chunks(post_ids):
        rows = session.exec(
            select(PioneerCheck.post_id, func.min(PioneerCheck.month), func.max(PioneerCheck.month))
            .where(col(PioneerCheck.post_id).in_(chunk))
            .group_by(col(PioneerCheck.post_id))
        ).all()
        spans |= {post_id: (first, last) for post_id, first, last in rows}
    for post_id in post_ids:
        cache[_checked_months_key(post_id)] = spans.get(post_id)
    current = months.of_date(today or clock.today())
    entered = {
        (branch_id, month)
        for (branch_id, item), post in zip(known, existing, strict=True)
        for month in pairs_entry.months_changed(post, item, current)
    }
    figures.preload_months(session, actor, entered, cache, batch)


def save_check(
    *,
    session: Session,
    actor: Actor,
    item: PioneerCheckIn,
    expected_version: int | None = None,
    today: date | None = None,
    cache: figures.Cache | None = None,
    batch: writes.Batch | None = None,
) -> writes.Written[PioneerCheck]:
    """A post's or zone's month (one row per post and month), within the post's months. An import
    passes its ``cache`` and ``batch``, filled beforehand by ``preload_checks``."""
    branch = figures.remembered(
        cache, ("branch", item.branch), lambda: figures.branch_by_name(session=session, name=item.branch)
    )
    figures.open_branch(session, actor, id_of(branch), item.month, cache)
    current = months.of_date(today or clock.today())
    if item.month > current:
        raise Refused(f"不能填报未来的月份（当前为 {current}）", field="月份")
    post = figures.remembered(
        cache,
        _post_key(id_of(branch), item.post),
        lambda: session.exec(
            select(PioneerPost).where(
                PioneerPost.branch_id == branch.id, PioneerPost.name == item.post, PioneerPost.active
            )
        ).first(),
    )
    if post is None:
        raise Refused(f"{branch.name}没有先锋岗或责任区“{item.post}”，请先登记", field=POST)
    if item.month < post.started_month or (post.ended_month and item.month > post.ended_month):
        span = f"{post.started_month} 至 {post.ended_month or '今'}"
        raise Refused(f"“{post.name}”的设立时间为 {span}，不能填报 {item.month} 的检查", field="月份")
    outcome, row = writes.upsert(
        session=session,
        actor=actor.username,
        model=PioneerCheck,
        key={"post_id": id_of(post), "month": item.month},
        values={
            "violation_free": item.violation_free,
            "accident_free": item.accident_free,
            "note": item.note,
        },
        expected_version=expected_version,
        what=f"“{post.name}”{item.month}的检查",
        on_insert={"entered_by_id": actor.user_id},
        batch=batch,
    )
    if cache is not None and outcome == writes.INSERTED:  # its post's months checked are no longer known
        cache.pop(_checked_months_key(id_of(post)), None)
    if outcome != writes.UNCHANGED:
        figures.draft_month(session, actor, id_of(branch), item.month, cache, batch)
    return writes.Written(outcome, row)


def _post_key(branch_id: int, name: str) -> tuple:
    """The import's memo of a 党支部's active post of that name (None: none), which checks name."""
    return ("pioneer post", branch_id, name)


def preload_checks(
    *, session: Session, actor: Actor, items: list[PioneerCheckIn], cache: figures.Cache, batch: writes.Batch
) -> None:
    """Before ``save_check`` of a sheet's rows: their 党支部 and months, the active posts they name and
    the checks already entered for those posts and months, in a few queries. What would be refused is
    not remembered, or remembered as None (no such post): each of its rows is refused when written."""
    branches = figures.preload_branches(session=session, names={item.branch for item in items}, cache=cache)
    known = [(id_of(branches[item.branch]), item) for item in items if item.branch in branches]
    posts = {
        (post.branch_id, post.name): post
        for post in writes.load_by(
            session=session,
            column=PioneerPost.branch_id,
            values={branch_id for branch_id, _ in known},
            where=[PioneerPost.active],
        )
        if isinstance(post, PioneerPost)
    }
    keys = []
    for branch_id, item in known:
        post = cache[_post_key(branch_id, item.post)] = posts.get((branch_id, item.post))
        if post is not None:
            keys.append({"post_id": id_of(post), "month": item.month})
    batch.preload(model=PioneerCheck, keys=keys)
    figures.preload_months(
        session, actor, {(branch_id, item.month) for branch_id, item in known}, cache, batch
    )


# ---------------------------------------------------------------- what the 先锋岗责任区 tab shows


def _readable(session: Session, actor: Actor, branch_id: int) -> Organisation:
    branch = session.get(Organisation, branch_id)
    if branch is None or not auth.readable_scope(session=session, actor=actor).contains(branch.path):
        raise Refused("无权查看其他党支部的数据", field="党支部")
    return branch


def posts_of(*, session: Session, actor: Actor, branch_id: int) -> pd.DataFrame:
    """The 党支部's posts and zones (ended ones too), by kind and name, with their holders."""
    _readable(session, actor, branch_id)
    rows = session.exec(
        select_columns(
            PioneerPost.id,
            PioneerPost.kind,
            PioneerPost.name,
            Member.member_no,
            Member.name,
            PioneerPost.started_month,
            PioneerPost.ended_month,
            PioneerPost.version,
        )
        .join(Member, col(Member.id) == PioneerPost.member_id)
        .where(PioneerPost.branch_id == branch_id, PioneerPost.active)
        .order_by(col(PioneerPost.kind).desc(), PioneerPost.name)
    ).all()
    frame = pd.DataFrame([tuple(row) for row in rows], columns=POST_COLUMNS)
    return frame.assign(ended_month=frame["ended_month"].fillna(""))


def _yes_no(value: bool | None) -> str | None:
    return None if value is None else YES_NO[0] if value else YES_NO[1]


def checks_sheet(*, session: Session, actor: Actor, branch_id: int, month: str) -> pd.DataFrame:
    """The posts and zones in force at M with M's check (是 / 否, blank where not yet checked)."""
    months.parse(month)
    branch = _readable(session, actor, branch_id)
    rows = session.exec(
        select_columns(
            PioneerPost.id,
            PioneerPost.kind,
            PioneerPost.name,
            Member.name,
            PioneerCheck.violation_free,
            PioneerCheck.accident_free,
            PioneerCheck.note,
            PioneerCheck.version,
        )
        .join(Member, col(Member.id) == PioneerPost.member_id)
        .outerjoin(
            PioneerCheck, and_(col(PioneerCheck.post_id) == PioneerPost.id, col(PioneerCheck.month) == month)
        )
        .where(
            PioneerPost.branch_id == branch_id,
            PioneerPost.active,
            PioneerPost.started_month <= month,
            (col(PioneerPost.ended_month).is_(None)) | (col(PioneerPost.ended_month) >= month),
        )
        .order_by(col(PioneerPost.kind).desc(), PioneerPost.name)
    ).all()
    frame = pd.DataFrame(
        [
            (post_id, branch.name, kind, name, member, _yes_no(free), _yes_no(safe), note or "", version)
            for post_id, kind, name, member, free, safe, note, version in rows
        ],
        columns=CHECK_COLUMNS,
    )
    for name in ("violation_free", "accident_free"):  # 是, 否 or None: a blank stays a blank
        frame[name] = pd.Series([None if pd.isna(v) else v for v in frame[name]], dtype=object)
    frame["version"] = pd.Series([None if pd.isna(v) else int(v) for v in frame["version"]], dtype=object)
    return frame


CHECK_EDITOR = edits.Editor(
    model=PioneerCheckIn,
    key="post_id",
    columns=("violation_free", "accident_free", "note"),
    fields={
        "branch": "branch",
        "post": "name",
        "violation_free": "violation_free",
        "accident_free": "accident_free",
        "note": "note",
    },
    save=save_check,
    line=lambda row, item, _: (
        f"{row['name']} 无三违：{_yes_no(item.violation_free)}、无事故：{_yes_no(item.accident_free)}"
    ),
)


def save_check_edits(*, session: Session, actor: Actor, month: str, **tables: Any) -> writes.Saved:
    """Save the posts whose month's check changed (``original``, ``edited``, ``today``; all or nothing)."""
    return edits.save_edits(CHECK_EDITOR, session=session, actor=actor, month=month, **tables)
