"""修改记录: every field change of a branch's month — who, when, which field, from what to what.

The data layer writes times (Beijing), people and the records values point at; the page names the
actions and fields in Chinese."""

import streamlit as st

from data_layer.vocab import OrgKind, Role
from ui import columns, components, data, format, shell, text
from ui.literal import literal

context = shell.page_context()
url, actor, month = context.url, context.actor, context.filters.month
st.title(text.PAGE_HISTORY)

if actor.role == Role.SECRETARY:
    assert actor.branch_id is not None, "a secretary's login always names their 党支部 (auth.create_user)"
    branch_id: int = actor.branch_id
    names = {branch_id: next(node.name for node in data.visible_nodes(url, actor) if node.id == branch_id)}
else:
    names = {node.id: node.name for node in data.visible_nodes(url, actor) if node.kind == OrgKind.BRANCH}
    branch_id = components.remembered_choice(
        text.ENTRY_BRANCH, list(names), key="history_branch", format_func=names.get
    )

st.subheader(text.HISTORY_TITLE.format(branch=literal(names[branch_id]), month=format.month_label(month)))
found = data.month_history(url, actor, branch_id, month)
if found.empty:
    st.info(text.HISTORY_NONE, icon=":material/history:")
    st.stop()

records = [text.HISTORY_ALL, *dict.fromkeys(found["record"])]
record = st.selectbox(text.HISTORY_RECORD, records, key="history_record", placeholder=text.CHOOSE)
shown = found if record == text.HISTORY_ALL else found[found["record"] == record]
shown = shown.assign(
    action=shown["action"].map(lambda action: text.ACTION_LABELS.get(action, action)),
    field=[  # a field named alike in two tables may mean two things (a meeting's kind, a post's kind)
        text.TABLE_FIELD_LABELS.get((table, field)) or text.FIELD_LABELS.get(field, field)
        for table, field in zip(shown["table"], shown["field"], strict=True)
    ],
    before=shown["before"].map(lambda value: text.NO_VALUE if value is None else str(value)),
    after=shown["after"].map(lambda value: text.NO_VALUE if value is None else str(value)),
)
components.table(shown, columns.HISTORY, download=f"{names[branch_id]}修改记录_{month}", key="history")
