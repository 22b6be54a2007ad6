"""开始新年度 on the 基础数据 page: the administrator types the new year and its payroll, sees what will be
written (data_layer.setup.new_year's plan, with its reasons) and confirms; nothing is written before that."""

import streamlit as st

from data_layer import setup
from data_layer.auth import Actor
from data_layer.errors import Refused
from ui import actions, columns, components, data, text
from ui.literal import literal

TYPED_KEY = "new-year-typed"


def new_year_panel(*, url: str, actor: Actor) -> None:
    st.markdown(f"**{text.NEW_YEAR}**")
    st.caption(text.NEW_YEAR_HELP)
    suggested = data.suggested_year(url)
    with st.form("new-year"):
        left, middle, right = st.columns(3)
        year = left.number_input(
            text.SETUP_YEAR, min_value=2000, max_value=2100, value=suggested, step=1, key="new-year-year"
        )
        payroll = middle.text_input(text.PAYROLL, placeholder="例如 156,000,000.00", key="new-year-payroll")
        from_year = right.number_input(
            text.NEW_YEAR_FROM,
            min_value=2000,
            max_value=2100,
            value=suggested - 1,
            step=1,
            key="new-year-from",
        )
        if st.form_submit_button(text.NEW_YEAR_PREVIEW):
            st.session_state[TYPED_KEY] = {"year": int(year), "payroll": payroll, "from_year": int(from_year)}
    typed = st.session_state.get(TYPED_KEY)
    if typed is None:
        return
    try:
        plan = data.new_year_plan(url, actor, **typed)
    except Refused as refusal:
        st.error(literal(refusal), icon=":material/error:")
        return
    st.markdown("\n".join(f"- {literal(line)}" for line in setup.summary(plan)))
    st.markdown(f"**{text.NEW_YEAR_TASKS}**")
    components.table(plan.tasks, columns.NEW_YEAR_TASKS, key="new-year-tasks")
    st.markdown(f"**{text.NEW_YEAR_ALLOCATIONS}**")
    components.table(plan.allocations, columns.NEW_YEAR_ALLOCATIONS, key="new-year-allocations")
    if st.button(text.NEW_YEAR_START.format(year=plan.year), type="primary", key="new-year-start"):
        actions.run_write(
            url,
            lambda session: setup.start_new_year(session=session, actor=actor, **typed),
            success=_started,
        )


def _started(done: setup.NewYearStarted) -> str:
    st.session_state.pop(TYPED_KEY, None)  # the year is set up: no preview of it again
    started = text.NEW_YEAR_DONE.format(
        year=done.year, tasks=done.tasks, allocations=done.allocations, budget=done.budget
    )
    copied = done.production_indicators  # 党建+安全生产
    return started + (text.NEW_YEAR_PRODUCTION_INDICATORS.format(count=copied) if copied else "")
