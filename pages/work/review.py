"""审核: submitted months waiting for a leader; look at one, then approve it or return it with a comment."""

import streamlit as st

from data_layer import entry
from data_layer.vocab import Role
from ui import actions, components, data, format, month_sheets, shell, text
from ui.literal import literal

context = shell.page_context(roles=frozenset({Role.LEADER, Role.ADMIN}))
st.title(text.PAGE_REVIEW)
actions.show_flash()

pending = data.pending_reviews(context.url, context.actor, context.filters.org_ids)
if not pending:
    st.info(text.REVIEW_NONE, icon=":material/inbox:")
    st.stop()

st.subheader(text.REVIEW_WAITING.format(count=len(pending)))
by_key = {f"{item.branch_id}:{item.month}": item for item in pending}
labels = {key: f"{item.branch} · {format.month_label(item.month)}" for key, item in by_key.items()}
chosen = by_key[
    components.remembered_choice(text.REVIEW_CHOOSE, list(by_key), key="review", format_func=labels.get)
]
st.caption(
    text.REVIEW_SUBMITTED.format(
        branch=literal(chosen.branch),
        month=format.month_label(chosen.month),
        who=literal(chosen.submitted_by or text.NO_VALUE),
        when=format.time_label(chosen.submitted_at),
    )
)
month_sheets.read_only(
    data.month_sheets(context.url, context.actor, chosen.branch_id, chosen.month), key="review"
)

with st.form("review-form"):
    comment = st.text_area(text.REVIEW_COMMENT, max_chars=500)
    approve, send_back = st.columns(2)
    approved = approve.form_submit_button(text.REVIEW_APPROVE, type="primary", icon=":material/check:")
    returned = send_back.form_submit_button(text.REVIEW_RETURN, icon=":material/undo:")
if approved or returned:
    label = format.month_label(chosen.month)
    message = text.REVIEW_APPROVED if approved else text.REVIEW_RETURNED
    actions.run_write(
        context.url,
        lambda session: entry.review_month(
            session=session,
            actor=context.actor,
            branch_id=chosen.branch_id,
            month=chosen.month,
            approve=bool(approved),
            comment=comment,
            expected_version=chosen.version,
        ),
        success=lambda state: message.format(branch=state.branch, month=label),
    )
