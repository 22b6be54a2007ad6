"""金点子: ideas proposed this year through the month, adopted and in effect, per 党支部; the list; for a
secretary (own 党支部) and an administrator (chosen 党支部) the forms and the Excel import."""

import streamlit as st

from data_layer import months
from ui import actions, charts, columns, components, data, format, import_ui, lean_forms, shell, text
from ui.literal import literal

context = shell.page_context()
url, actor, chosen = context.url, context.actor, context.filters
view = data.ideas_view(url, actor, chosen.month, chosen.org_ids)
month, year = format.month_label(chosen.month), months.year_of(chosen.month)

st.title(f"{text.PAGE_IDEAS} · {month}")
actions.show_flash()
if not view.has_branches:
    st.info(text.IDEAS_NO_BRANCHES, icon=":material/info:")
    st.stop()

proposed_column, adopted_column, rate_column, effect_column = st.columns(4, border=True)
proposed_column.metric(text.IDEAS_PROPOSED, text.IDEAS_COUNT.format(count=view.proposed))
proposed_column.caption(text.IDEAS_SPAN_NOTE.format(year=year, month=month))
adopted_column.metric(text.IDEAS_ADOPTED, text.IDEAS_COUNT.format(count=view.adopted))
with rate_column:
    components.rate_metric(text.IDEAS_ADOPTION_RATE, view.adoption_rate)
effect_column.metric(text.IDEAS_EFFECTIVE, text.IDEAS_COUNT.format(count=view.effective))
effect_column.caption(f"{text.IDEAS_BENEFIT_NOTE}：{format.wan_yuan(view.benefit_amount)}")

if view.proposed == 0:
    st.info(text.IDEAS_NONE.format(year=year, month=month), icon=":material/info:")
else:
    title = text.IDEAS_CHART_TITLE.format(year=year, month=format.short_month_label(chosen.month))
    charts.draw(charts.ideas_by_branch, view.by_branch, title=title)
st.subheader(text.IDEAS_TABLE_TITLE)
components.table(
    view.by_branch, columns.IDEA_BRANCHES, download=f"各党支部金点子_{chosen.month}", key="ideas-branches"
)

st.subheader(text.IDEAS_LIST_TITLE)
listed = view.ideas
components.table(
    listed.assign(proposed_on=listed["proposed_on"].astype(str)),
    columns.IDEAS,
    download=f"金点子清单_{chosen.month}",
    key="ideas-list",
)

branch = lean_forms.entry_branch(url, actor, view.by_branch, key="ideas_branch")
if branch is not None:
    branch_id, branch_name = branch
    st.subheader(text.IDEAS_WORK.format(branch=literal(branch_name)))
    lean_forms.propose_idea(url, actor, branch_name, branch_id, chosen.month)
    lean_forms.advance_idea(url, actor, view.ideas[view.ideas["branch_id"] == branch_id], chosen.month)
    with st.expander(text.IDEAS_IMPORT, icon=":material/upload_file:"):
        import_ui.import_panel(url=url, actor=actor, kinds=("金点子",), key="ideas-import")
