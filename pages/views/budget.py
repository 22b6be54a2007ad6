"""经费使用: the year's budget against spending by 党支部, by category and month by month; the 1 % rule,
the carry-forward cap and the alerts; the expenses of a chosen 党支部 and category."""

import streamlit as st

from data_layer import months
from ui import charts, components, data, format, shell, text
from ui.derived import derived
from ui.literal import literal

context = shell.page_context()
chosen = context.filters
view = data.budget_view(context.url, context.actor, chosen.month, chosen.org_ids)
year, number = months.parse(chosen.month)
span = text.BUDGET_SPAN.format(month=number) if number > 1 else format.short_month_label(chosen.month)

st.title(f"{text.PAGE_BUDGET} · {format.month_label(chosen.month)}")
budget_column, spent_column, rate_column = st.columns(3, border=True)
budget_column.metric(
    text.BUDGET_ALLOCATED, format.wan_yuan(view.allocated) if view.allocated else text.NO_VALUE
)
if view.reason:
    budget_column.caption(view.reason)
spent_column.metric(text.BUDGET_SPENT, format.wan_yuan(view.spent_ytd))
spent_column.caption(text.BUDGET_SPENT_NOTE.format(year=year, span=span))
with rate_column:
    components.change_metric(
        text.BUDGET_EXECUTION,
        format.percent(view.execution_rate),
        format.rate_change(view.execution.change),
        coloured=False,
    )
status = charts.status_label(view.status)
rate_column.caption(text.BUDGET_HELP.format(time=format.percent(view.time_progress), status=status))

rule, carried = view.rule, view.carry_forward
if rule is not None and rule.sufficient:
    words = {"allocated": format.wan_yuan(rule.allocated), "rule": format.wan_yuan(rule.rule_amount)}
    st.caption(text.BUDGET_RULE_OK.format(year=rule.year, **words))
if carried is not None and not carried.exceeded:
    words = {"balance": format.money(carried.balance), "cap": format.money(carried.cap)}
    st.caption(text.BUDGET_CARRY_OK.format(year=carried.year - 1, **words))
for alert in view.alerts:
    st.warning(literal(alert), icon=":material/warning:")

if not view.has_data:
    st.info(text.BUDGET_EMPTY.format(year=year, span=span), icon=":material/info:")
    st.stop()

title = text.BUDGET_BRANCH_TITLE.format(year=year, span=span)
charts.draw(charts.budget_by_branch, view.by_branch, title=title)
st.caption(text.BUDGET_BARS_CAPTION)
title = text.BUDGET_CUMULATIVE_TITLE.format(year=year, span=span)
charts.draw(charts.cumulative_spending, view.cumulative, title=title)
st.caption(text.BUDGET_CUMULATIVE_CAPTION)
title = text.BUDGET_CATEGORY_TITLE.format(year=year, span=span)
charts.draw(charts.budget_by_category, view.by_category, title=title)

st.subheader(text.BUDGET_TABLE_TITLE.format(month=format.month_label(chosen.month)))
components.table(
    derived(view.by_branch, charts.with_status_labels),
    {
        "branch": (text.BRANCH, "text"),
        "allocated": (text.BUDGET_ALLOCATED, "money"),
        "spent_ytd": (text.BUDGET_SPENT, "money"),
        "execution_rate": (text.BUDGET_EXECUTION, "percent"),
        "status": (text.STATUS, "text"),
    },
    download=f"各党支部经费执行情况_{chosen.month}",
    key="budget-branches",
)

st.subheader(text.BUDGET_DETAIL)
branch_names = {
    int(i): name for i, name in zip(view.by_branch["branch_id"], view.by_branch["branch"], strict=True)
}
category_names = {
    int(i): name
    for i, name in zip(view.by_category["category_id"], view.by_category["category"], strict=True)
}
branch_column, category_column = st.columns(2)
with branch_column:
    branch_id = components.remembered_choice(
        text.BUDGET_CHOOSE_BRANCH, list(branch_names), key="budget_branch", format_func=branch_names.get
    )
with category_column:
    category_id = components.remembered_choice(
        text.BUDGET_CHOOSE_CATEGORY,
        [None, *category_names],
        key="budget_category",
        format_func=lambda chosen_id: category_names.get(chosen_id, text.BUDGET_ALL_CATEGORIES),
    )
detail = data.expense_detail(context.url, context.actor, chosen.month, branch_id, category_id)
if detail.empty:
    category = category_names.get(category_id, "")
    st.info(
        text.BUDGET_NO_EXPENSES.format(
            branch=literal(branch_names[branch_id]), year=year, span=span, category=literal(category)
        ),
        icon=":material/info:",
    )
else:
    components.table(
        detail.assign(voucher_no=detail["voucher_no"].fillna(text.NO_VALUE)),
        {
            "spent_on": (text.BUDGET_SPENT_ON, "text"),
            "category": (text.BUDGET_CATEGORY, "text"),
            "amount": (text.BUDGET_AMOUNT, "money"),
            "purpose": (text.BUDGET_PURPOSE, "text"),
            "voucher_no": (text.BUDGET_VOUCHER, "text"),
        },
        download=f"支出明细_{branch_names[branch_id]}_{chosen.month}",
        key="budget-detail",
    )
