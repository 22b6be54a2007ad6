"""党费: the 交纳率 January–M with 环比, by 党支部, the members in long arrears; for a secretary (own 党支部)
and an administrator (chosen 党支部) the month's members to fill and the Excel import; the brackets."""

import streamlit as st

from data_layer import months
from data_layer.lean import dues_entry
from data_layer.rules import DUES_ARREARS_MONTHS
from ui import (
    actions,
    charts,
    columns,
    components,
    data,
    dues_forms,
    format,
    grids,
    import_ui,
    shell,
    text,
)
from ui.literal import literal

context = shell.page_context()
url, actor, chosen = context.url, context.actor, context.filters
view = data.dues_view(url, actor, chosen.month, chosen.org_ids)
month = format.month_label(chosen.month)
span = text.DUES_SPAN.format(year=months.year_of(chosen.month), month=months.number_of(chosen.month))

st.title(f"{text.PAGE_DUES} · {month}")
actions.show_flash()

rate_column, due_column, paid_column, arrears_column = st.columns(4, border=True)
with rate_column:
    components.rate_metric(text.DUES_PAID_RATE, view.paid_rate, note=text.DUES_YTD_NOTE.format(span=span))
due_column.metric(text.DUES_DUE, format.money(view.due_ytd) if view.has_data else text.NO_VALUE)
due_column.caption(span)
paid_column.metric(text.DUES_PAID, format.money(view.paid_ytd) if view.has_data else text.NO_VALUE)
paid_column.caption(span)
arrears_column.metric(
    text.DUES_ARREARS_COUNT.format(months=DUES_ARREARS_MONTHS),
    text.DUES_PERSONS.format(count=len(view.arrears)),
)
arrears_column.caption(text.DUES_ARREARS_NOTE.format(months=DUES_ARREARS_MONTHS, month=month))

if not view.has_data:
    st.info(text.DUES_EMPTY.format(span=span), icon=":material/info:")
else:
    charts.draw(charts.dues_by_branch, view.by_branch, title=text.DUES_BY_BRANCH_TITLE.format(span=span))
    st.caption(text.DUES_BAR_CAPTION.format(months=DUES_ARREARS_MONTHS))
    st.subheader(text.DUES_TABLE_TITLE)
    components.table(
        view.by_branch,
        columns.DUES_BRANCHES,
        download=f"各党支部党费交纳情况_{chosen.month}",
        key="dues-branches",
    )

arrears = view.arrears
st.subheader(text.DUES_ARREARS_TITLE.format(months=DUES_ARREARS_MONTHS, count=len(arrears)))
if arrears.empty:
    st.success(text.DUES_NO_ARREARS.format(months=DUES_ARREARS_MONTHS), icon=":material/check_circle:")
else:
    st.warning(text.DUES_ARREARS_RULE, icon=":material/warning:")
    components.table(
        arrears, columns.DUES_ARREARS, download=f"长期欠缴党费党员_{chosen.month}", key="dues-arrears"
    )

branch = dues_forms.entry_branch(url, actor, view.by_branch)
if branch is None:  # leaders: the month's members, read only
    st.subheader(text.DUES_MEMBERS_TITLE.format(month=month))
    components.table(
        view.members,
        columns.DUES_MEMBERS,
        download=f"党员党费明细_{chosen.month}",
        key="dues-members",
    )
else:
    branch_id, branch_name = branch
    st.subheader(text.DUES_MONTH_TITLE.format(branch=literal(branch_name), month=month))
    state = data.month_state(url, branch_id, chosen.month)
    if state.locked:
        st.info(text.ENTRY_LOCKED.format(status=state.status), icon=":material/lock:")
    sheet = data.dues_sheet(url, actor, branch_id, chosen.month)
    grids.editor_section(
        sheet,
        dues_forms.DUES,
        dues_entry.save_dues_edits,
        text.DUES_NO_MEMBERS,
        url=url,
        actor=actor,
        month=chosen.month,
        locked=state.locked,
        key=f"{branch_id}-{chosen.month}",
    )
    with st.expander(text.DUES_IMPORT, icon=":material/upload_file:"):
        import_ui.import_panel(
            url=url, actor=actor, kinds=("党费",), month=chosen.month, branch_id=branch_id, key="dues-import"
        )

dues_forms.brackets_form(url, actor, data.dues_brackets(url))
