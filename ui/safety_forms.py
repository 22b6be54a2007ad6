"""The inputs of 党建+安全生产: the 安全生产填报 page's two grids, the 基础数据 page's units and production
indicators, and the 月度填报 page's 先锋岗/责任区 (posts and the month's checks).

They only collect what was typed; validation and saving happen in data_layer/safety (a refusal names the
field and row, nothing is half-written), and the grids are drawn by ui/grids.py (saved against the
sheet as it was loaded).
"""

import pandas as pd
import streamlit as st

from data_layer import safety, schemas
from data_layer.auth import Actor
from data_layer.vocab import PioneerKind, UnitKind
from ui import actions, columns, components, data, grids, text

UNIT_COLUMNS = {  # a row's 党支部 and its unit (区队), first in both grids
    "branch": st.column_config.TextColumn(text.BRANCH),
    "unit": st.column_config.TextColumn(text.SAFETY_UNIT),
}

COUNTED = {
    "workforce": text.SAFETY_WORKFORCE,
    "hazards_found": text.SAFETY_HAZARDS_FOUND,
    "hazards_closed": text.SAFETY_HAZARDS_CLOSED,
    "hazards_by_members": text.SAFETY_HAZARDS_BY_MEMBERS,
    "violations_members": text.SAFETY_VIOLATIONS_MEMBERS,
    "violations_others": text.SAFETY_VIOLATIONS_OTHERS,
    "injury_accidents": text.SAFETY_INJURY,
    "other_accidents": text.SAFETY_OTHER_ACCIDENTS,
    "safe_days": text.SAFETY_SAFE_DAYS,
}

SAFETY = grids.Grid(
    name="safety",
    help=text.SAFETY_EDITOR_HELP,
    columns={
        **UNIT_COLUMNS,
        **{name: grids.typed_number(label, step=1, format="%d") for name, label in COUNTED.items()},
    },
    editable=tuple(COUNTED),
)

PRODUCTION = grids.Grid(
    name="production",
    help=text.PRODUCTION_EDITOR_HELP,
    columns={
        **UNIT_COLUMNS,
        "name": st.column_config.TextColumn(text.PRODUCTION_INDICATOR),
        "measure": st.column_config.TextColumn(text.PRODUCTION_MEASURE),
        "plan": grids.typed_number(text.PRODUCTION_PLAN),
        "actual": grids.typed_number(text.PRODUCTION_ACTUAL),
    },
    editable=("plan", "actual"),
)

CHECKS = grids.Grid(
    name="checks",
    help=text.PIONEER_CHECKS_HELP,
    columns={
        "kind": st.column_config.TextColumn(text.PIONEER_KIND),
        "name": st.column_config.TextColumn(text.PIONEER_NAME),
        "member": st.column_config.TextColumn(text.PIONEER_HOLDER),
        "violation_free": st.column_config.SelectboxColumn(
            text.PIONEER_VIOLATION_FREE, options=list(schemas.YES_NO)
        ),
        "accident_free": st.column_config.SelectboxColumn(
            text.PIONEER_ACCIDENT_FREE, options=list(schemas.YES_NO)
        ),
        "note": st.column_config.TextColumn(text.PIONEER_NOTE, max_chars=200),
    },
    editable=("violation_free", "accident_free", "note"),
)


# ---------------------------------------------------------------- 基础数据: 区队与生产指标


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


# ---------------------------------------------------------------- 月度填报: 先锋岗责任区


def pioneer_section(
    *, url: str, actor: Actor, branch_id: int, branch: str, month: str, locked: bool, members: pd.DataFrame
) -> None:
    """A 党支部's posts and zones, the form to set one up or change it, and the month's checks."""
    st.markdown(f"**{text.PIONEER_POSTS_TITLE}**")
    posts = data.pioneer_posts(url, actor, branch_id)
    if posts.empty:
        st.caption(text.PIONEER_NO_POSTS)
    else:
        components.table(posts, columns.PIONEER_POSTS, key="pioneer-posts")
    _post_form(url, actor, branch, posts, members)
    st.markdown(f"**{text.PIONEER_CHECKS_TITLE.format(month=month)}**")
    checks = data.pioneer_checks(url, actor, branch_id, month)
    if checks.empty:  # a caption, not a box: most 党支部 have no post in most tabs' months yet
        st.caption(text.PIONEER_NO_CHECKS)
        return
    grids.editor_section(
        checks,
        CHECKS,
        safety.save_check_edits,
        text.PIONEER_NO_CHECKS,
        url=url,
        actor=actor,
        month=month,
        locked=locked,
        key=f"{branch_id}-{month}",
    )


def _post_form(url: str, actor: Actor, branch: str, posts: pd.DataFrame, members: pd.DataFrame) -> None:
    holders = dict(zip(members["member_no"], members["name"], strict=True))
    versions = dict(zip(posts["name"], posts["version"], strict=True))
    with st.form("pioneer-post"):
        st.markdown(f"**{text.PIONEER_FORM}**")
        st.caption(text.PIONEER_FORM_HELP)
        left, middle, right = st.columns(3)
        kind = left.selectbox(text.PIONEER_KIND, list(PioneerKind), key="post-kind", placeholder=text.CHOOSE)
        name = middle.text_input(text.PIONEER_NAME, max_chars=50, key="post-name")
        holder = right.selectbox(
            text.PIONEER_HOLDER,
            list(holders),
            format_func=lambda number: f"{holders[number]}（{number}）",
            index=None,
            key="post-holder",
            placeholder=text.CHOOSE,
        )
        start, end = st.columns(2)
        started = start.text_input(text.PIONEER_STARTED, placeholder="2026-04", key="post-started")
        ended = end.text_input(text.PIONEER_ENDED, placeholder="2026-12", key="post-ended")
        sent = st.form_submit_button(text.ENTRY_SAVE, type="primary")
    if sent:
        values = {
            "党支部": branch,
            "类型": kind,
            "岗区名称": name,
            "责任党员编号": holder,
            "开始月份": started,
            "结束月份": ended,
        }

        def save(session):
            item = schemas.from_row(schemas.PioneerPostIn, values)
            version = versions.get(item.name)  # a post shown here is saved at the version shown
            return tuple(  # the outcome with the row: the message says 新增, 修改 or 未改动
                safety.save_post(
                    session=session,
                    actor=actor,
                    item=item,
                    expected_version=None if version is None else int(version),
                )
            )

        actions.run_write(
            url,
            save,
            success=lambda written: text.PIONEER_SAVED[written[0]].format(
                kind=written[1].kind, name=written[1].name
            ),
        )
