"""The month a secretary should work on — 已退回, or not yet submitted — told on 总览 with a link that
opens 月度填报 on that month."""

import streamlit as st

from data_layer import clock, entry
from data_layer.metrics import submissions
from data_layer.vocab import Role, SubmissionStatus
from ui import data, format, navigation, text
from ui.literal import literal
from ui.shell import PageContext

ENTRY_PAGE = navigation.script("entry")


def needing_action(context: PageContext) -> entry.MonthState | None:
    """A secretary's month needing action (administrators choose a 党支部 first: none)."""
    if context.actor.role != Role.SECRETARY or context.actor.branch_id is None:
        return None
    return data.month_needing_action(context.url, context.actor, context.actor.branch_id, clock.today())


def notice(context: PageContext) -> None:
    state = needing_action(context)
    if state is None:
        return
    label = format.month_label(state.month)
    if state.status == SubmissionStatus.RETURNED:
        st.warning(
            text.TODO_RETURNED.format(month=label, comment=literal(state.comment or text.NO_VALUE)),
            icon=":material/undo:",
        )
    else:
        day = int(data.setting(context.url, "submission_deadline_day") or 5)
        deadline = submissions.deadline(state.month, deadline_day=day)
        st.info(
            text.TODO_OPEN.format(month=label, status=state.status, deadline=format.date_label(deadline)),
            icon=":material/edit_note:",
        )
    st.page_link(
        ENTRY_PAGE,
        label=text.TODO_GO,
        icon=":material/arrow_forward:",
        query_params={"entry_month": state.month},
    )
