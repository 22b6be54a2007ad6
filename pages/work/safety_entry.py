"""安全生产填报 (administrators): the month's safety record of every 党支部's unit and its production
indicators' plan and actual, from the mine's 安监 and 调度 monthly reports, typed or imported."""

import streamlit as st

from data_layer import excel, months, safety
from data_layer.vocab import Role
from ui import actions, data, format, grids, import_ui, safety_forms, shell, text

context = shell.page_context(roles=frozenset({Role.ADMIN}))
url, actor, chosen = context.url, context.actor, context.filters
month = chosen.month
st.title(f"{text.PAGE_SAFETY_ENTRY} · {format.month_label(month)}")
actions.show_flash()
st.caption(text.SAFETY_ENTRY_CAPTION)
if chosen.anonymise:  # the grids would save masked names
    st.info(text.ANONYMISE_READ_ONLY, icon=":material/visibility_off:")
    st.stop()


def grid(sheet, editor, save_edits, empty: str) -> None:
    """A grid of the month (a refused row names its 党支部, so nothing locks the whole grid)."""
    grids.editor_section(
        sheet, editor, save_edits, empty, url=url, actor=actor, month=month, locked=False, key=month
    )


safety_tab, production_tab, workbook = st.tabs(text.SAFETY_TABS, key="safety-section", on_change="rerun")
with safety_tab:
    grid(
        data.safety_sheet(url, actor, month, chosen.org_ids),
        safety_forms.SAFETY,
        safety.save_safety_edits,
        text.SAFETY_NO_BRANCHES,
    )
with production_tab:
    grid(
        data.production_sheet(url, actor, month, chosen.org_ids),
        safety_forms.PRODUCTION,
        safety.save_production_edits,
        text.PRODUCTION_NO_INDICATORS.format(year=months.year_of(month)),
    )
with workbook:
    import_ui.import_panel(url=url, actor=actor, kinds=excel.SAFETY_KINDS, key="safety-import")
