"""重新打开: an administrator reopens a locked (已审核 or 已提交) month of one 党支部 with a written reason,
which the secretary reads on 月度填报 and the audit log keeps (修改记录)."""

import pandas as pd
import streamlit as st

from data_layer import entry
from data_layer.vocab import SubmissionStatus
from ui import actions, format, text
from ui.shell import PageContext

LOCKED = (SubmissionStatus.APPROVED, SubmissionStatus.SUBMITTED)


def reopen_section(context: PageContext, month: str, statuses: pd.DataFrame) -> None:
    """``statuses``: the month's branch_id, branch and status of each 党支部 on the board."""
    locked = statuses[statuses["status"].isin(LOCKED)]
    st.subheader(text.REOPEN_TITLE)
    if locked.empty:
        st.caption(text.REOPEN_NONE.format(month=format.month_label(month)))
        return
    names = dict(zip(locked["branch_id"], locked["branch"] + "（" + locked["status"] + "）", strict=True))
    with st.form("reopen-form"):
        branch_id = st.selectbox(
            text.REOPEN_BRANCH.format(month=format.month_label(month)),
            list(names),
            format_func=names.__getitem__,
            placeholder=text.CHOOSE,
        )
        reason = st.text_area(text.REOPEN_REASON, max_chars=200, placeholder=text.REOPEN_REASON_HINT)
        clicked = st.form_submit_button(text.REOPEN_BUTTON, icon=":material/lock_open:")
    if clicked:
        actions.run_write(
            context.url,
            lambda session: entry.reopen_month(
                session=session, actor=context.actor, branch_id=int(branch_id), month=month, reason=reason
            ),
            success=lambda state: text.REOPEN_DONE.format(
                branch=state.branch, month=format.month_label(month), reason=reason.strip()
            ),
        )
