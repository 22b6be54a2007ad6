"""The import's preview: how each sheet of a workbook people made themselves will be read, for the
administrator to correct (a sheet's kind, which column is which field, the month of a sheet with no 月份
column) before confirming. Nothing is written here; the plan returned is what the import follows.
"""

import streamlit as st

from data_layer import parse
from data_layer.errors import Refused
from data_layer.excel import KINDS, ImportPlan, SheetPlan
from ui import text
from ui.literal import literal


def _kind(plan: ImportPlan, sheet: SheetPlan, key: str) -> ImportPlan:
    options = [None, *(kind.sheet for kind in KINDS)]  # every kind: the import reads every sheet
    chosen = st.selectbox(
        text.PLAN_KIND.format(sheet=sheet.title),
        options,
        index=options.index(sheet.kind) if sheet.kind in options else 0,
        format_func=lambda kind: kind or text.PLAN_NOT_IMPORTED,
        key=f"{key}-kind",
        placeholder=text.CHOOSE,
    )
    return plan.with_kind(sheet.title, chosen)


def _columns(plan: ImportPlan, sheet: SheetPlan, key: str) -> ImportPlan:
    options = [None, *sheet.field_options()]
    chosen: dict[int, str | None] = {}
    for column, (index, header) in zip(st.columns(4) * 20, sorted(sheet.headers.items()), strict=False):
        with column:
            current = sheet.columns.get(index)
            chosen[index] = st.selectbox(
                text.PLAN_COLUMN.format(header=header),
                options,
                index=options.index(current) if current in options else 0,
                format_func=lambda name: name or text.PLAN_COLUMN_UNUSED,
                key=f"{key}-column-{index}",
                placeholder=text.CHOOSE,
            )
    if chosen != sheet.columns:
        plan = plan.with_columns(sheet.title, chosen)
    return plan


def _month(plan: ImportPlan, sheet: SheetPlan, key: str) -> ImportPlan:
    typed = st.text_input(
        text.PLAN_MONTH.format(sheet=sheet.title),
        value=sheet.month or "",
        placeholder="2026-03",
        key=f"{key}-month",
    )
    if parse.blank(typed):
        return plan
    try:
        return plan.with_month(sheet.title, typed)
    except Refused as refusal:
        st.error(literal(refusal), icon=":material/error:")
        return plan


def review(plan: ImportPlan, *, key: str) -> ImportPlan:
    """The plan as the administrator corrected it on screen (widgets keyed under ``key``)."""
    st.info(text.PLAN_HELP, icon=":material/fact_check:")
    for number, first in enumerate(plan.sheets):
        sheet_key = f"{key}-{number}"
        with st.container(border=True):
            plan = _kind(plan, first, sheet_key)
            sheet = plan.sheet(first.title)
            if sheet.kind is None:
                continue
            st.caption(text.PLAN_SHEET.format(row=sheet.header_row, first=sheet.first_row, rows=sheet.rows))
            sheet_key = f"{sheet_key}-{sheet.kind}"  # read as another kind, its columns are chosen afresh
            plan = _columns(plan, sheet, sheet_key)
            sheet = plan.sheet(first.title)
            if sheet.needs_month:
                plan = _month(plan, sheet, sheet_key)
                sheet = plan.sheet(first.title)
            if sheet.points_only:
                st.caption(text.PLAN_POINTS_ONLY)
            if sheet.missing:
                st.warning(
                    text.PLAN_MISSING.format(names="、".join(sheet.missing)), icon=":material/warning:"
                )
    return plan
