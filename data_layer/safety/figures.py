"""Write side of a unit's month in 党建+安全生产 (administrators, from the mine's 调度 and 安监 workbooks):
each production indicator's plan and actual (生产月报), and the safety month (安全月报).

A row names its unit (区队) by ``Organisation.unit`` or by the 党支部's full name. Every save: the
administrator → the 党支部 found and its month open (an approved or submitted month refuses until it is
reopened, as for every other figure) → not a future month → written by natural key through
``writes.upsert`` (optimistic locking, ``writes.ABSENT`` for a row that was empty when loaded; audit).
These are the mine's figures, not the secretary's: saving them does not make the 党支部's month 草稿.

The page's two grids (``safety_sheet``, ``production_sheet``) are saved by ``save_safety_edits`` and
``save_production_edits`` (entry.edits: only the changed rows, each validated, all or nothing).
"""

from contextlib import suppress
from datetime import date
from typing import Any

import pandas as pd
from sqlalchemy import Float, and_, cast
from sqlmodel import Session, col, select

from data_layer import auth, clock, months, orgs
from data_layer.auth import Actor
from data_layer.entry import edits, figures
from data_layer.errors import Refused
from data_layer.models import Organisation, ProductionFigure, ProductionIndicator, SafetyRecord, id_of
from data_layer.schemas import ProductionIn, SafetyIn
from data_layer.store import select_columns, writes
from data_layer.vocab import OrgKind

UNIT = "区队"
SAFETY_FIELDS = (
    "workforce",
    "hazards_found",
    "hazards_closed",
    "hazards_by_members",
    "violations_members",
    "violations_others",
    "injury_accidents",
    "other_accidents",
    "safe_days",
)
SAFETY_COLUMNS = ["branch_id", "branch", "unit", *SAFETY_FIELDS, "version"]
PRODUCTION_COLUMNS = [
    "indicator_id",
    "branch_id",
    "branch",
    "unit",
    "name",
    "measure",
    "plan",
    "actual",
    "version",
]


def _require_admin(session: Session, actor: Actor, cache: figures.Cache | None) -> None:
    """Administrators only: checked once per import."""

    def check() -> bool:
        auth.require_admin(session=session, actor=actor)
        return True

    figures.remembered(cache, ("admin",), check)


def unit_branch(*, session: Session, name: str, cache: figures.Cache | None = None) -> Organisation:
    """The active 党支部 of the unit named so (``Organisation.unit``), else the 党支部 of that full name."""

    def find() -> Organisation:
        branch = session.exec(
            select(Organisation).where(
                Organisation.unit == name, Organisation.kind == OrgKind.BRANCH, Organisation.active
            )
        ).first()
        if branch is not None:
            return branch
        try:
            return figures.branch_by_name(session=session, name=name, field=UNIT)
        except Refused:
            raise Refused(
                f"找不到区队“{name}”（请填写基础数据中设置的区队名称，或党支部全称）", field=UNIT
            ) from None

    return figures.remembered(cache, ("unit", name), find)


def _open_month(
    session: Session, actor: Actor, unit: str, month: str, today: date | None, cache: figures.Cache | None
) -> Organisation:
    _require_admin(session, actor, cache)
    branch = unit_branch(session=session, name=unit, cache=cache)
    figures.open_branch(session, actor, id_of(branch), month, cache)
    current = months.of_date(today or clock.today())
    if month > current:
        raise Refused(f"不能填报未来的月份（当前为 {current}）", field="月份")
    return branch


def save_safety(
    *,
    session: Session,
    actor: Actor,
    item: SafetyIn,
    expected_version: int | None = None,
    today: date | None = None,
    cache: figures.Cache | None = None,
    batch: writes.Batch | None = None,
) -> writes.Written[SafetyRecord]:
    """A unit's safety month (one row per 党支部 and month). An import passes its ``cache`` and ``batch``,
    filled beforehand by ``preload_safety``."""
    branch = _open_month(session, actor, item.unit, item.month, today, cache)
    return writes.upsert(
        session=session,
        actor=actor.username,
        model=SafetyRecord,
        key={"branch_id": id_of(branch), "month": item.month},
        values={name: getattr(item, name) for name in SAFETY_FIELDS},
        expected_version=expected_version,
        what=f"{branch.name}{item.month}的安全生产情况",
        on_insert={"entered_by_id": actor.user_id},
        batch=batch,
    )


def save_production(
    *,
    session: Session,
    actor: Actor,
    item: ProductionIn,
    expected_version: int | None = None,
    today: date | None = None,
    cache: figures.Cache | None = None,
    batch: writes.Batch | None = None,
) -> writes.Written[ProductionFigure]:
    """One production indicator's plan and actual in a month; the indicator is the unit's for that year
    (set up on 基础数据), and a 计量单位 given must be the indicator's. An import passes its ``cache`` and
    ``batch``, filled beforehand by ``preload_production``."""
    branch = _open_month(session, actor, item.unit, item.month, today, cache)
    year = months.year_of(item.month)
    indicator = figures.remembered(
        cache,
        ("production indicator", id_of(branch), year, item.indicator),
        lambda: session.exec(
            select(ProductionIndicator).where(
                ProductionIndicator.year == year,
                ProductionIndicator.branch_id == branch.id,
                ProductionIndicator.name == item.indicator,
                ProductionIndicator.active,
            )
        ).first(),
    )
    if indicator is None:
        raise Refused(
            f"{branch.name}{year}年没有生产指标“{item.indicator}”，请先在基础数据中设置", field="指标"
        )
    if item.measure is not None and item.measure != indicator.measure:
        shown = f"“{indicator.measure}”" if indicator.measure else "空（不填）"
        raise Refused(
            f"生产指标“{item.indicator}”的计量单位是{shown}，与填写的“{item.measure}”不一致", field="单位"
        )
    return writes.upsert(
        session=session,
        actor=actor.username,
        model=ProductionFigure,
        key={"indicator_id": id_of(indicator), "month": item.month},
        values={"plan": item.plan, "actual": item.actual},
        expected_version=expected_version,
        what=f"{branch.name}{item.month}的“{item.indicator}”",
        on_insert={"entered_by_id": actor.user_id},
        batch=batch,
    )


# ---------------------------------------------------------------- an import's sheet at once


def _preload_units(
    session: Session, actor: Actor, items: list[Any], cache: figures.Cache, batch: writes.Batch
) -> dict[str, Organisation]:
    """The 党支部 of a sheet's 区队 (by unit, else by full name) and their months, in a few queries,
    remembered as ``unit_branch`` and ``open_branch`` remember them; what is refused is not remembered."""
    with suppress(Refused):  # refused again, with its message, on each row
        _require_admin(session, actor, cache)
    names = {item.unit for item in items}
    found: dict[str, Organisation] = {}
    for row in writes.load_by(session=session, column=Organisation.unit, values=names):
        if isinstance(row, Organisation) and row.kind == OrgKind.BRANCH and row.active and row.unit:
            found[row.unit] = row
    found |= figures.preload_branches(session=session, names=names - set(found), cache=cache)
    for name, branch in found.items():
        cache[("unit", name)] = branch
    months_of = {(id_of(found[item.unit]), item.month) for item in items if item.unit in found}
    figures.preload_months(session, actor, months_of, cache, batch)
    return found


def preload_safety(
    *, session: Session, actor: Actor, items: list[SafetyIn], cache: figures.Cache, batch: writes.Batch
) -> None:
    """Before ``save_safety`` of a sheet's rows: their 党支部, months and stored records at once."""
    found = _preload_units(session, actor, items, cache, batch)
    keys = [{"branch_id": id_of(found[i.unit]), "month": i.month} for i in items if i.unit in found]
    batch.preload(model=SafetyRecord, keys=keys)


def preload_production(
    *, session: Session, actor: Actor, items: list[ProductionIn], cache: figures.Cache, batch: writes.Batch
) -> None:
    """Before ``save_production`` of a sheet's rows: their 党支部, months, indicators and stored figures."""
    found = _preload_units(session, actor, items, cache, batch)
    known = [
        (id_of(found[item.unit]), months.year_of(item.month), item) for item in items if item.unit in found
    ]
    indicators = {}
    for year in {year for _, year, _ in known}:
        rows = writes.load_by(
            session=session,
            column=ProductionIndicator.branch_id,
            values={branch_id for branch_id, of, _ in known if of == year},
            where=[ProductionIndicator.year == year, ProductionIndicator.active],
        )
        for row in rows:
            assert isinstance(row, ProductionIndicator)
            indicators[(row.branch_id, year, row.name)] = row
    keys = []
    for branch_id, year, item in known:
        indicator = indicators.get((branch_id, year, item.indicator))
        cache[("production indicator", branch_id, year, item.indicator)] = indicator  # None: refused per row
        if indicator is not None:
            keys.append({"indicator_id": id_of(indicator), "month": item.month})
    batch.preload(model=ProductionFigure, keys=keys)


# ---------------------------------------------------------------- the page's two grids


def _branches(session: Session, actor: Actor, org_ids: list[int] | tuple[int, ...]) -> list[Organisation]:
    """The active 党支部 under ``org_ids`` (everything when empty), in tree order; administrators only."""
    auth.require_admin(session=session, actor=actor)
    scope = auth.readable_scope(session=session, actor=actor, org_ids=org_ids)
    position = orgs.tree_positions(session=session)
    rows = session.exec(
        select(Organisation).where(Organisation.kind == OrgKind.BRANCH, Organisation.active)
    ).all()
    return sorted(
        (branch for branch in rows if scope.contains(branch.path)),
        key=lambda branch: position.get(id_of(branch), len(position)),
    )


def _whole(value: Any) -> Any:
    return None if value is None or pd.isna(value) else int(value)


def safety_sheet(
    *, session: Session, actor: Actor, month: str, org_ids: list[int] | tuple[int, ...] = ()
) -> pd.DataFrame:
    """Every active 党支部 under ``org_ids`` with its unit and its safety month M (blank where none)."""
    months.parse(month)
    branches = _branches(session, actor, org_ids)
    stored = {
        record.branch_id: record
        for record in session.exec(select(SafetyRecord).where(SafetyRecord.month == month)).all()
    }
    rows = []
    for branch in branches:
        record = stored.get(id_of(branch))
        values = [getattr(record, name) if record else None for name in SAFETY_FIELDS]
        rows.append([branch.id, branch.name, branch.unit or "", *values, record.version if record else None])
    frame = pd.DataFrame(rows, columns=SAFETY_COLUMNS)
    # the counts as numbers (a blank is NaN, as the grids' other number columns), the version a whole
    # number or None: a nullable integer column of all-NA values pickles differently once the editor has
    # read it, which a remembered answer must not show (memo.ChangedAnswer)
    frame["version"] = pd.Series([_whole(value) for value in frame["version"]], dtype=object)
    return frame.astype(dict.fromkeys(SAFETY_FIELDS, "float64"))


def production_sheet(
    *, session: Session, actor: Actor, month: str, org_ids: list[int] | tuple[int, ...] = ()
) -> pd.DataFrame:
    """The active production indicators of M's year of every 党支部 under ``org_ids``, with M's plan and
    actual (blank where none)."""
    months.parse(month)
    branches = {id_of(branch): branch for branch in _branches(session, actor, org_ids)}
    order = {branch_id: place for place, branch_id in enumerate(branches)}
    rows = session.exec(
        select_columns(
            ProductionIndicator.id,
            ProductionIndicator.branch_id,
            ProductionIndicator.name,
            ProductionIndicator.measure,
            cast(ProductionFigure.plan, Float),
            cast(ProductionFigure.actual, Float),
            ProductionFigure.version,
            ProductionIndicator.sort_order,
        )
        .outerjoin(
            ProductionFigure,
            and_(
                col(ProductionFigure.indicator_id) == ProductionIndicator.id,
                col(ProductionFigure.month) == month,
            ),
        )
        .where(ProductionIndicator.year == months.year_of(month), ProductionIndicator.active)
    ).all()
    kept = sorted((row for row in rows if row[1] in branches), key=lambda row: (order[row[1]], row[7]))
    frame = pd.DataFrame(
        [
            (
                ind,
                branch_id,
                branches[branch_id].name,
                branches[branch_id].unit or "",
                name,
                measure,
                plan,
                actual,
                v,
            )
            for ind, branch_id, name, measure, plan, actual, v, _ in kept
        ],
        columns=PRODUCTION_COLUMNS,
    )
    frame["version"] = pd.Series([_whole(value) for value in frame["version"]], dtype=object)
    return frame.astype({"plan": "float64", "actual": "float64"})


def _safety_line(row: pd.Series, item: SafetyIn, _saved: Any) -> str:
    return (
        f"{row['branch']} 在册 {item.workforce} 人、隐患 {item.hazards_found} 条、"
        f"三违 党员 {item.violations_members} 人次 / 非党员 {item.violations_others} 人次"
    )


def _production_line(row: pd.Series, item: ProductionIn, _saved: Any) -> str:
    measure = f" {row['measure']}" if row["measure"] else ""
    return (
        f"{row['branch']} {item.indicator} 计划 {item.plan.normalize():f}{measure}、"
        f"实际 {item.actual.normalize():f}{measure}"
    )


SAFETY_EDITOR = edits.Editor(
    model=SafetyIn,
    key="branch_id",
    columns=SAFETY_FIELDS,
    fields={"unit": "branch", **{name: name for name in SAFETY_FIELDS}},
    save=save_safety,
    line=_safety_line,
)
PRODUCTION_EDITOR = edits.Editor(
    model=ProductionIn,
    key="indicator_id",
    columns=("plan", "actual"),
    fields={"unit": "branch", "indicator": "name", "plan": "plan", "actual": "actual"},
    save=save_production,
    line=_production_line,
)


def save_safety_edits(*, session: Session, actor: Actor, month: str, **tables: Any) -> writes.Saved:
    """Save the 党支部 whose safety month changed (``original``, ``edited``, ``today``; all or nothing)."""
    return edits.save_edits(SAFETY_EDITOR, session=session, actor=actor, month=month, **tables)


def save_production_edits(*, session: Session, actor: Actor, month: str, **tables: Any) -> writes.Saved:
    """Save the indicators whose plan or actual changed (``original``, ``edited``, ``today``; all or nothing)."""
    return edits.save_edits(PRODUCTION_EDITOR, session=session, actor=actor, month=month, **tables)
