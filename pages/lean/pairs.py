"""帮扶结对: pairings in force this month, the month's visits and those not visited for N months, per
党支部; for a secretary (own 党支部) and an administrator (chosen 党支部) the forms and the Excel import."""

import streamlit as st

from ui import actions, charts, columns, components, data, format, import_ui, lean_forms, shell, text
from ui.literal import literal

context = shell.page_context()
url, actor, chosen = context.url, context.actor, context.filters
view = data.pairs_view(url, actor, chosen.month, chosen.org_ids)
month = format.month_label(chosen.month)

st.title(f"{text.PAGE_PAIRS} · {month}")
actions.show_flash()
if not view.has_branches:
    st.info(text.PAIRS_NO_BRANCHES, icon=":material/info:")
    st.stop()

pairs_column, rate_column, idle_column = st.columns(3, border=True)
pairs_column.metric(text.PAIRS_COUNT, f"{view.pairs} 个")
pairs_column.caption(text.PAIRS_COUNT_NOTE.format(month=month))
with rate_column:
    components.rate_metric(
        text.PAIRS_VISIT_RATE, view.visit_rate, note=text.PAIRS_VISIT_NOTE.format(visited=view.visited)
    )
idle_column.metric(text.PAIRS_IDLE, f"{len(view.idle)} 个")
idle_column.caption(text.PAIRS_IDLE_NOTE.format(months=view.idle_months))

if view.pairs == 0:
    st.info(text.PAIRS_NONE.format(month=month), icon=":material/info:")
else:
    title = text.PAIRS_CHART_TITLE.format(month=format.short_month_label(chosen.month))
    charts.draw(charts.pairs_by_branch, view.by_branch, title=title)
st.subheader(text.PAIRS_TABLE_TITLE)
components.table(
    view.by_branch, columns.PAIR_BRANCHES, download=f"各党支部帮扶结对_{chosen.month}", key="pairs-branches"
)


def shown(frame):
    """The pairings as listed: a pairing without a 帮扶人 or never visited says so."""
    return frame.assign(
        helper=frame["helper"].fillna(text.PAIRS_NO_HELPER),
        last_visit=frame["last_visit"].fillna(text.PAIRS_NEVER),
    )


st.subheader(text.PAIRS_IDLE_TITLE.format(count=len(view.idle)))
if view.idle.empty:
    st.success(text.PAIRS_IDLE_NONE.format(months=view.idle_months), icon=":material/check_circle:")
else:
    components.table(
        shown(view.idle), columns.PAIRS, download=f"超期未走访结对_{chosen.month}", key="pairs-idle"
    )
st.subheader(text.PAIRS_LIST_TITLE)
components.table(
    shown(view.pair_list), columns.PAIRS, download=f"帮扶结对清单_{chosen.month}", key="pairs-list"
)

branch = lean_forms.entry_branch(url, actor, view.by_branch, key="pairs_branch")
if branch is not None:
    branch_id, branch_name = branch
    st.subheader(text.PAIRS_WORK.format(branch=literal(branch_name)))
    lean_forms.save_pairing(url, actor, branch_name, branch_id, chosen.month)
    mine = view.pair_list[view.pair_list["branch_id"] == branch_id]
    lean_forms.log_visits(url, actor, branch_name, mine, chosen.month)
    with st.expander(text.IDEAS_IMPORT, icon=":material/upload_file:"):
        import_ui.import_panel(url=url, actor=actor, kinds=("帮扶结对", "帮扶走访"), key="pairs-import")
