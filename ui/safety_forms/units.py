"""区队与生产指标 on the 基础数据 page: the 党支部' units (a form to attach one) and the year's production
indicators (new or renamed, switched on or off, copied from last year).

They only collect what was typed; validation and saving happen in data_layer/safety/units.py (a refusal
names the field, nothing is half-written).
"""

import pandas as pd
import streamlit as st

from data_layer import safety, schemas
from data_layer.auth import Actor
from data_layer.vocab import UnitKind
from ui import actions, columns, components, data, text


def units_section(url: str, actor: Actor, year: int) -> None:
    """The 党支部' units, a form to attach one, the year's indicators with their forms."""
    st.subheader(text.SETUP_UNITS_TITLE)
    st.caption(text.SETUP_UNITS_HELP)
    units = data.branch_units(url, actor)
    components.table(units, columns.BRANCH_UNITS, key="setup-units")
    versions = dict(zip(units["branch"], units["version"], strict=True))
    with st.form("branch-unit"):
        left, middle, right = st.columns(3)
        branch = left.selectbox(text.BRANCH, list(versions), key="unit-branch", placeholder=text.CHOOSE)
        unit = middle.text_input(text.SAFETY_UNIT, max_chars=schemas.UNIT_NAME_LENGTH, key="unit-name")
        kind = right.selectbox(
            text.SETUP_UNIT_KIND, list(UnitKind), index=None, key="unit-kind", placeholder=text.CHOOSE
        )
        sent = st.form_submit_button(text.ENTRY_SAVE, type="primary")
    if sent and branch is not None:
        chosen: str = branch  # a module's names are not narrowed inside a lambda
        actions.run_write(
            url,
            lambda session: safety.set_branch_unit(
                session=session,
                actor=actor,
                item=schemas.from_row(
                    schemas.BranchUnitIn, {"党支部": chosen, "区队": unit, "区队类型": kind}
                ),
                expected_version=int(versions[chosen]),
            ),
            success=lambda row: (
                text.SETUP_UNIT_SAVED.format(branch=row.name, unit=row.unit)
                if row.unit
                else text.SETUP_UNIT_CLEARED.format(branch=row.name)
            ),
        )
    _indicators_section(url, actor, year, list(versions))


def _indicators_section(url: str, actor: Actor, year: int, branches: list[str]) -> None:
    st.subheader(text.SETUP_INDICATORS_TITLE.format(year=year))
    listed = data.production_indicators(url, actor, year)
    if listed.empty:
        st.caption(text.SETUP_INDICATORS_NONE.format(year=year))
    else:
        shown = listed.assign(
            state=listed["active"].map({True: text.SETUP_ACTIVE, False: text.SETUP_INACTIVE})
        )
        components.table(
            shown, columns.PRODUCTION_INDICATORS, download=f"生产指标_{year}", key="setup-indicators"
        )
    with st.form("production-indicator"):
        st.markdown(f"**{text.SETUP_INDICATOR_NEW}**")
        left, middle, right = st.columns(3)
        branch = left.selectbox(text.BRANCH, branches, key="indicator-branch", placeholder=text.CHOOSE)
        name = middle.text_input(
            text.PRODUCTION_INDICATOR, max_chars=schemas.PRODUCTION_INDICATOR_LENGTH, key="indicator-name"
        )
        measure = right.text_input(
            text.PRODUCTION_MEASURE, max_chars=schemas.MEASURE_LENGTH, key="indicator-measure"
        )
        old = st.selectbox(
            text.SETUP_INDICATOR_OLD,
            [None, *dict.fromkeys(listed["name"])],
            format_func=lambda value: value or text.SETUP_INDICATOR_KEEP,
            key="indicator-old",
            placeholder=text.CHOOSE,
        )
        sent = st.form_submit_button(text.ENTRY_SAVE, type="primary")
    if sent:
        values = {"年度": year, "党支部": branch, "指标": name, "计量单位": measure, "原名称": old}
        actions.run_write(
            url,
            lambda session: tuple(  # the outcome with the row: the message says 新增, 修改 or 未改动
                safety.save_indicator(
                    session=session, actor=actor, item=schemas.from_row(schemas.ProductionIndicatorIn, values)
                )
            ),
            success=lambda written: text.SETUP_INDICATOR_SAVED[written[0]].format(
                branch=branch, name=written[1].name
            ),
        )
    if not listed.empty:
        _switch_indicator(url, actor, listed)
    _copy_indicators(url, actor, year)


def _switch_indicator(url: str, actor: Actor, listed: pd.DataFrame) -> None:
    labels: dict[int, str] = {
        int(
            row.indicator_id
        ): f"{row.branch} {row.name}（{text.SETUP_ACTIVE if row.active else text.SETUP_INACTIVE}）"
        for row in listed.itertuples()
    }
    with st.form("indicator-switch"):
        st.markdown(f"**{text.SETUP_INDICATOR_SWITCH}**")
        chosen = st.selectbox(
            text.SETUP_INDICATOR_CHOOSE,
            list(labels),
            format_func=labels.__getitem__,
            key="switch-indicator",
            placeholder=text.CHOOSE,
        )
        active = st.toggle(text.SETUP_INDICATOR_ACTIVE, value=False, key="switch-indicator-active")
        sent = st.form_submit_button(text.ENTRY_SAVE)
    if sent and chosen is not None:
        indicator_id: int = chosen  # a module's names are not narrowed inside a lambda
        version = int(listed.set_index("indicator_id").at[indicator_id, "version"])
        actions.run_write(
            url,
            lambda session: safety.set_indicator_active(
                session=session,
                actor=actor,
                indicator_id=indicator_id,
                active=active,
                expected_version=version,
            ),
            success=lambda row: text.SETUP_INDICATOR_SWITCHED.format(
                name=row.name, state=text.SETUP_ACTIVE if row.active else text.SETUP_INACTIVE
            ),
        )


def _copy_indicators(url: str, actor: Actor, year: int) -> None:
    """Copy last year's indicators into this year (what a new year starts with)."""
    label = text.SETUP_INDICATORS_COPY.format(from_year=year - 1, year=year)
    help_text = text.SETUP_INDICATORS_COPY_HELP.format(from_year=year - 1, year=year)
    if st.button(label, help=help_text, key="copy-indicators", icon=":material/content_copy:"):
        actions.run_write(
            url,
            lambda session: safety.copy_indicators(
                session=session, actor=actor, from_year=year - 1, year=year
            ),
            success=lambda saved: text.SETUP_INDICATORS_COPIED.format(
                inserted=saved.inserted, unchanged=saved.unchanged
            ),
        )
