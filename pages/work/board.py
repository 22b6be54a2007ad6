"""填报进度: every branch's submission month by month, what is overdue, and whom to remind."""

import streamlit as st

from data_layer import clock
from data_layer.vocab import Role, SubmissionStatus
from ui import actions, charts, columns, components, data, format, reopen_ui, shell, text

BOARD_ORDER = [
    SubmissionStatus.APPROVED,
    SubmissionStatus.SUBMITTED,
    SubmissionStatus.DRAFT,
    SubmissionStatus.RETURNED,
    SubmissionStatus.NONE,
]

context = shell.page_context(roles=frozenset({Role.LEADER, Role.ADMIN}))
chosen = context.filters
result = data.board(context.url, context.actor, chosen.month, chosen.org_ids, clock.today())
month = format.month_label(chosen.month)
st.title(f"{text.PAGE_BOARD} · {month}")
actions.show_flash()

current = result.at(chosen.month)
counts = current["status"].value_counts()
figures = [(text.SUBMISSION_RATE, format.percent(result.rate))] + [
    (status, f"{int(counts.get(status, 0))} 个") for status in BOARD_ORDER
]
for column, (label, value) in zip(st.columns(len(figures), border=True), figures, strict=True):
    column.metric(label, value)

title = text.BOARD_TITLE.format(year=chosen.month[:4], month=int(chosen.month[5:]), day=result.deadline_day)
charts.draw(charts.submission_grid, result.grid, title=title)
st.caption(text.BOARD_CAPTION)

remind = result.remind.assign(deadline=result.remind["deadline"].astype(str))
st.subheader(text.BOARD_REMIND.format(count=remind["branch"].nunique()))
if remind.empty:
    st.success(text.BOARD_NO_REMIND, icon=":material/check_circle:")
else:
    components.table(remind, columns.BOARD_REMIND, download=f"填报提醒_{chosen.month}", key="board-remind")

if context.actor.role == Role.ADMIN:
    reopen_ui.reopen_section(context, chosen.month, current)
