"""任务完成: completion by branch against plan, the year's heat map, 超期预警, drill-down and workload."""

import pandas as pd
import streamlit as st

from data_layer.metrics.tasks import STATUSES, TasksView
from ui import charts, columns, components, data, format, shell, text
from ui.derived import derived


def branch_rows(shown: TasksView, branch_id: int) -> pd.DataFrame:
    """The branch's tasks as the drill-down lists them (built once per view and branch)."""
    return charts.with_status_labels(shown.tasks_of(branch_id))


context = shell.page_context()
chosen = context.filters
view = data.tasks_view(context.url, context.actor, chosen.month, chosen.org_ids)
month = format.month_label(chosen.month)
st.title(f"{text.PAGE_TASKS} · {month}")
if view.tasks.empty:
    st.info(text.TASKS_NONE, icon=":material/info:")
    st.stop()

overdue = view.overdue
figures = [
    (text.TASK_COMPLETION, format.percent(view.completion_rate)),
    (text.PLAN_PROGRESS, format.percent(view.plan_progress)),
    *[(status, f"{view.status_counts[status]} 项") for status in STATUSES],
    (text.TASKS_OVERDUE, f"{len(overdue)} 项"),
]
for column, (label, value) in zip(st.columns(len(figures), border=True), figures, strict=True):
    column.metric(label, value)

title = text.RANKING_TITLE.format(month=format.short_month_label(chosen.month))
event = charts.draw(
    charts.completion_ranking, view.branches, title=title, pick="pick", on_select="rerun", key="task-ranking"
)
st.caption(text.RANKING_CAPTION)
picked = [point["branch_id"] for point in event.selection.get("pick", []) if "branch_id" in point]
if picked and st.session_state.get("task-picked") != picked[0]:
    st.session_state["task-picked"] = st.session_state["task_branch"] = picked[0]

year, number = chosen.month[:4], format.short_month_label(chosen.month)
charts.draw(
    charts.completion_heatmap,
    view.heatmap,
    title=text.TASKS_HEATMAP_TITLE.format(year=year, month=number[:-1]),
)

st.subheader(text.TASKS_OVERDUE_TITLE.format(count=len(overdue)))
if overdue.empty:
    st.success(text.TASKS_NO_OVERDUE, icon=":material/check_circle:")
else:
    components.table(overdue, columns.OVERDUE_TASKS, download=f"超期任务_{chosen.month}", key="tasks-overdue")

st.subheader(text.TASKS_DRILL)
names = dict(zip(view.branches["branch_id"], view.branches["branch"], strict=True))
branch_id = components.remembered_choice(
    text.TASKS_CHOOSE_BRANCH,
    list(names),
    key="task_branch",
    format_func=names.get,
    help=text.TASKS_CHOOSE_BRANCH_HELP,
)
branch_tasks = derived(view, branch_rows, branch_id)
components.table(
    branch_tasks,
    columns.TASK_DETAIL,
    download=f"{names[branch_id]}任务明细_{chosen.month}",
    key="tasks-detail",
)
titles = dict(zip(branch_tasks["task_id"], branch_tasks["code"] + " " + branch_tasks["title"], strict=True))
task_id = components.remembered_choice(
    text.TASKS_CHOOSE_TASK, list(titles), key="task", format_func=titles.get
)
task = branch_tasks.set_index("task_id").loc[task_id]
history = data.task_history(context.url, context.actor, task_id, chosen.month)
progress_title = text.TASKS_PROGRESS_TITLE.format(
    code=task["code"], title=task["title"], target=f"{float(task['target']):g}", unit=task["unit"]
)
charts.draw(charts.task_progress, history, title=progress_title, unit=task["unit"])

st.subheader(text.TASKS_WORKLOAD, help=text.TASKS_WORKLOAD_HELP)
load = data.workload(context.url, context.actor, chosen.month, chosen.org_ids)
st.caption(
    text.TASKS_WORKLOAD_SUMMARY.format(
        median=f"{load.median_weight:g}" if load.median_weight else text.NO_VALUE,
        claimed=format.percent(load.claimed_share),
    )
)
owners = load.by_owner.assign(
    flag=load.by_owner["overloaded"].map({True: f"▲ {text.TASKS_OVERLOADED}", False: ""})
)
left, right = st.columns(2)
with left:
    components.table(
        owners, columns.WORKLOAD_OWNERS, download=f"责任人任务量_{chosen.month}", key="workload-owners"
    )
with right:
    components.table(
        load.by_branch,
        columns.WORKLOAD_BRANCHES,
        download=f"党支部任务量_{chosen.month}",
        key="workload-branches",
    )
