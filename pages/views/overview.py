"""总览: the month's four headline figures with 环比, the 精益管理 and 安全生产 rows, and every 党支部 ranked by
task completion."""

import streamlit as st

from data_layer import clock
from ui import charts, columns, components, data, format, lean_ui, safety_ui, shell, text, todo_ui
from ui.derived import derived
from ui.report_ui import report_download

context = shell.page_context()
chosen = context.filters
overview = data.overview(context.url, context.actor, chosen.month, chosen.org_ids)
month = format.month_label(chosen.month)

st.title(f"{text.PAGE_OVERVIEW} · {month}")
todo_ui.notice(context)
branches = overview.branches
single = branches["submission_status"].iloc[0] if len(branches) == 1 else None
submission_note = text.OWN_SUBMISSION.format(status=single) if single else None
budget_note = text.BUDGET_HELP.format(
    time=format.percent(overview.time_progress), status=overview.budget_status or text.NO_VALUE
)
components.headline_rates(
    [
        (text.TASK_COMPLETION, overview.task_completion, None),
        (text.STUDY_ON_TRACK, overview.study_on_track, None),
        (text.BUDGET_EXECUTION, overview.budget_execution, budget_note),
        (text.SUBMISSION_RATE, overview.submission, submission_note),
    ]
)

rule = overview.budget_rule
if rule is not None:
    words = {
        "year": rule.year,
        "allocated": format.wan_yuan(rule.allocated),
        "rule": format.wan_yuan(rule.rule_amount),
    }
    if rule.sufficient:
        st.caption(text.BUDGET_RULE_OK.format(**words))
    else:
        st.warning(text.BUDGET_RULE_SHORT.format(**words), icon=":material/warning:")

lean_ui.lean_row(data.lean_figures(context.url, context.actor, chosen.month, chosen.org_ids, clock.today()))
safety_ui.safety_row(data.safety_headline(context.url, context.actor, chosen.month, chosen.org_ids))

if branches["completion_rate"].notna().any():
    title = text.RANKING_TITLE.format(month=format.short_month_label(chosen.month))
    charts.draw(charts.completion_ranking, branches, title=title)
    st.caption(text.RANKING_CAPTION)
else:
    st.info(text.NO_BRANCH_TASKS)

st.subheader(text.BRANCH_TABLE_TITLE.format(month=month))
components.table(
    derived(branches, charts.with_status_labels),  # once per answer, not every rerun
    columns.BRANCH_FIGURES,
    download=f"各党支部主要指标_{chosen.month}",
    key="overview-branches",
)

st.subheader(text.RANKING_BOARD.format(month=month), help=text.RANKING_HELP)
if overview.black_list.empty:
    st.info(text.NO_RANKING)
else:
    red, black = st.columns(2)
    with red:
        st.markdown(f":red[**{text.RED_LIST}**]")
        components.table(overview.red_list, columns.RANKING, download=f"红榜_{chosen.month}", key="red-list")
    with black:
        st.markdown(f"**{text.BLACK_LIST}**")
        components.table(
            overview.black_list, columns.RANKING, download=f"黑榜_{chosen.month}", key="black-list"
        )

alerts = overview.alerts
st.subheader(text.ALERTS.format(count=alerts.count))
if not alerts.count:
    st.success(text.NO_ALERTS, icon=":material/check_circle:")
for key, frame, spec in [
    ("alert-overdue", alerts.overdue_tasks, columns.OVERDUE_TASKS),
    ("alert-overspent", alerts.overspent, columns.BRANCH | columns.BUDGET_RATE),
    ("alert-study", alerts.study_lagging, columns.BRANCH | columns.STUDY_RATE),
    ("alert-submissions", alerts.missing_submissions, columns.BRANCH | columns.SUBMISSION),
]:
    if len(frame):
        title, file_name = text.ALERT_KINDS[key]
        with st.expander(title.format(count=len(frame)), icon=":material/warning:"):
            components.table(frame, spec, download=f"{file_name}_{chosen.month}", key=key)

report_download(
    url=context.url,
    actor=context.actor,
    month=chosen.month,
    org_ids=chosen.org_ids,
    anonymise=chosen.anonymise,
)
