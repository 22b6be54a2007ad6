"""Set-up of 党建+安全生产 (administrators): each 党支部's business unit (区队/科室) and its production
indicators per year.

A 党支部 is attached to the unit whose name the mine's 调度 and 安监 workbooks use (综采一队, 洗选厂…), so
their rows find it; two active 党支部 never share a unit's name. A 党支部's production indicators are
set per year (原煤产量 t, 掘进进尺 m, 设备完好率 % …; a 机关 unit may have none): added, renamed in place
(its figures follow), deactivated (its figures are kept), and copied from the year before when a year
starts (``copy_indicators``, offered by 开始新年度 and the 基础数据 page).

Keyword-only, session first, the caller's transaction (``db.write_scope``), audited through ``writes``.
"""

from typing import Any

import pandas as pd
from sqlalchemy import func
from sqlmodel import Session, col, select

from data_layer import auth, orgs
from data_layer.auth import Actor
from data_layer.entry import figures
from data_layer.errors import Refused
from data_layer.models import Organisation, ProductionIndicator, id_of
from data_layer.schemas import BranchUnitIn, ProductionIndicatorIn
from data_layer.store import writes
from data_layer.vocab import OrgKind

UNIT = "区队"
INDICATOR = "指标"
UNIT_COLUMNS = ["branch_id", "branch", "unit", "unit_kind", "version"]
INDICATOR_COLUMNS = ["indicator_id", "branch_id", "branch", "unit", "name", "measure", "active", "version"]


def set_branch_unit(
    *, session: Session, actor: Actor, item: BranchUnitIn, expected_version: int | None = None
) -> writes.Written[Organisation]:
    """Attach a 党支部 to its unit (or, with no 区队, detach it); a unit name is one active 党支部's."""
    auth.require_admin(session=session, actor=actor)
    branch = figures.branch_by_name(session=session, name=item.branch)
    if item.unit is not None:
        holder = session.exec(
            select(Organisation).where(
                Organisation.unit == item.unit,
                Organisation.kind == OrgKind.BRANCH,
                Organisation.active,
                Organisation.id != branch.id,
            )
        ).first()
        if holder is not None:
            raise Refused(f"区队“{item.unit}”已对应{holder.name}，一个区队只对应一个党支部", field=UNIT)
    return writes.upsert(
        session=session,
        actor=actor.username,
        model=Organisation,
        key={"id": branch.id},
        values={"unit": item.unit, "unit_kind": item.unit_kind if item.unit is not None else None},
        expected_version=expected_version,
        what=f"{branch.name}的区队",
    )


def _indicator(session: Session, *, year: int, branch_id: int, name: str) -> ProductionIndicator | None:
    return session.exec(
        select(ProductionIndicator).where(
            ProductionIndicator.year == year,
            ProductionIndicator.branch_id == branch_id,
            ProductionIndicator.name == name,
        )
    ).first()


def _next_place(session: Session, *, year: int, branch_id: int) -> int:
    last = session.exec(
        select(func.max(ProductionIndicator.sort_order)).where(
            ProductionIndicator.year == year, ProductionIndicator.branch_id == branch_id
        )
    ).one()
    return (last or 0) + 1


def save_indicator(
    *, session: Session, actor: Actor, item: ProductionIndicatorIn, expected_version: int | None = None
) -> writes.Written[ProductionIndicator]:
    """Add a 党支部's production indicator for a year, change its unit of measure, or (with 原名称)
    rename it in place: its monthly figures follow the new name. A deactivated one saved again is active."""
    auth.require_admin(session=session, actor=actor)
    branch = figures.branch_by_name(session=session, name=item.branch)
    branch_id = id_of(branch)
    values: dict[str, Any] = {"measure": item.measure or "", "active": True}
    what = f"{branch.name}{item.year}年的生产指标“{item.old_name or item.name}”"
    if item.old_name is not None and item.old_name != item.name:
        old = _indicator(session, year=item.year, branch_id=branch_id, name=item.old_name)
        if old is None:
            raise Refused(f"{branch.name}{item.year}年没有生产指标“{item.old_name}”", field="原名称")
        if _indicator(session, year=item.year, branch_id=branch_id, name=item.name) is not None:
            raise Refused(
                f"{branch.name}{item.year}年已有生产指标“{item.name}”，请换一个名称", field=INDICATOR
            )
        key: dict[str, Any] = {"id": old.id}
        values["name"] = item.name
    else:
        key = {"year": item.year, "branch_id": branch_id, "name": item.name}
    return writes.upsert(
        session=session,
        actor=actor.username,
        model=ProductionIndicator,
        key=key,
        values=values,
        expected_version=expected_version,
        what=what,
        on_insert={"sort_order": _next_place(session, year=item.year, branch_id=branch_id)},
    )


def set_indicator_active(
    *, session: Session, actor: Actor, indicator_id: int, active: bool, expected_version: int | None = None
) -> writes.Written[ProductionIndicator]:
    """Deactivate an indicator (no longer planned; its figures are kept) or activate it again."""
    auth.require_admin(session=session, actor=actor)
    indicator = session.get(ProductionIndicator, indicator_id)
    if indicator is None:
        raise Refused("找不到该生产指标，请刷新后重试", field=INDICATOR)
    return writes.upsert(
        session=session,
        actor=actor.username,
        model=ProductionIndicator,
        key={"id": indicator_id},
        values={"active": active},
        expected_version=expected_version,
        what=f"生产指标“{indicator.name}”",
    )


def copy_indicators(*, session: Session, actor: Actor, from_year: int, year: int) -> writes.Saved:
    """Give every active 党支部 the active indicators it had in ``from_year`` for ``year`` as well
    (name, unit of measure, order); an indicator ``year`` already has is left as it is (未改动)."""
    auth.require_admin(session=session, actor=actor)
    if year <= from_year:
        raise Refused(f"只能把{from_year}年的指标复制到以后的年度", field="年度")
    rows = session.exec(
        select(ProductionIndicator, Organisation.name)
        .join(Organisation, col(Organisation.id) == ProductionIndicator.branch_id)
        .where(ProductionIndicator.year == from_year, ProductionIndicator.active, Organisation.active)
    ).all()
    position = orgs.tree_positions(session=session)
    saved = writes.Saved()
    for indicator, branch in sorted(
        rows, key=lambda pair: (position.get(pair[0].branch_id, len(position)), pair[0].sort_order)
    ):
        if _indicator(session, year=year, branch_id=indicator.branch_id, name=indicator.name) is not None:
            saved.add(writes.UNCHANGED)
            continue
        row = ProductionIndicator(
            year=year,
            branch_id=indicator.branch_id,
            name=indicator.name,
            measure=indicator.measure,
            sort_order=indicator.sort_order,
        )
        saved.add(writes.insert(session=session, actor=actor.username, row=row), f"{branch} {indicator.name}")
    return saved


# ---------------------------------------------------------------- what the 基础数据 page lists


def branch_units(*, session: Session, actor: Actor) -> pd.DataFrame:
    """Every active 党支部 in tree order with its unit, the unit's kind and the 党支部's version."""
    auth.require_admin(session=session, actor=actor)
    position = orgs.tree_positions(session=session)
    rows = session.exec(
        select(Organisation).where(Organisation.kind == OrgKind.BRANCH, Organisation.active)
    ).all()
    rows = sorted(rows, key=lambda branch: position.get(id_of(branch), len(position)))
    return pd.DataFrame(
        [
            (branch.id, branch.name, branch.unit or "", branch.unit_kind or "", branch.version)
            for branch in rows
        ],
        columns=UNIT_COLUMNS,
    )


def indicator_list(*, session: Session, actor: Actor, year: int) -> pd.DataFrame:
    """A year's production indicators of every 党支部 (deactivated ones too), in tree and set-up order."""
    auth.require_admin(session=session, actor=actor)
    position = orgs.tree_positions(session=session)
    rows = session.exec(
        select(ProductionIndicator, Organisation)
        .join(Organisation, col(Organisation.id) == ProductionIndicator.branch_id)
        .where(ProductionIndicator.year == year)
    ).all()
    rows = sorted(rows, key=lambda pair: (position.get(id_of(pair[1]), len(position)), pair[0].sort_order))
    return pd.DataFrame(
        [
            (
                indicator.id,
                branch.id,
                branch.name,
                branch.unit,
                indicator.name,
                indicator.measure,
                indicator.active,
                indicator.version,
            )
            for indicator, branch in rows
        ],
        columns=INDICATOR_COLUMNS,
    )
