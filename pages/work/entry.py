"""月度填报: a branch's month — task progress, study, expenses, meetings — then 提交审核."""

import streamlit as st

from data_layer import entry, excel, months, schemas
from data_layer.vocab import OrgKind, Role, SubmissionStatus
from ui import (
    actions,
    columns,
    components,
    data,
    entry_forms,
    filters,
    format,
    grids,
    import_ui,
    meeting_forms,
    month_sheets,
    safety_forms,
    shell,
    text,
    todo_ui,
)
from ui.literal import literal

context = shell.page_context(roles=frozenset({Role.SECRETARY, Role.ADMIN}))
url, actor = context.url, context.actor
st.title(text.PAGE_ENTRY)
actions.show_flash()

offered = filters.month_choices(url)
assert offered is not None, "shell.page_context stopped the page when there is no month of data"
choices, _ = offered
filters.follow_sidebar_month("entry_month")
needing = todo_ui.needing_action(context)  # a secretary opens on the month that needs them
month = components.remembered_choice(
    text.ENTRY_MONTH,
    choices,
    key="entry_month",
    format_func=format.month_label,
    default=needing.month if needing else context.filters.month,
    help=text.ENTRY_MONTH_HELP.format(day=data.setting(url, "submission_deadline_day")),
)
if actor.role == Role.SECRETARY:
    assert actor.branch_id is not None, "a secretary's login always names their 党支部 (auth.create_user)"
    branch_id: int = actor.branch_id
else:
    names = {node.id: node.name for node in data.visible_nodes(url, actor) if node.kind == OrgKind.BRANCH}
    branch_id = components.remembered_choice(
        text.ENTRY_BRANCH, list(names), key="entry_branch", format_func=names.get
    )
sheets = data.month_sheets(url, actor, branch_id, month)
state, label, last_day = sheets["state"], format.month_label(month), months.last_day(month)

st.subheader(text.ENTRY_STATUS.format(branch=literal(state.branch), month=label, status=state.status))
if state.status == SubmissionStatus.RETURNED and state.comment:
    st.warning(text.ENTRY_RETURNED.format(comment=literal(state.comment)), icon=":material/undo:")
if state.locked:
    locked = text.ENTRY_LOCKED_ADMIN if actor.role == Role.ADMIN else text.ENTRY_LOCKED
    st.info(locked.format(status=state.status), icon=":material/lock:")
if needing is not None and needing.month != month:
    st.info(text.ENTRY_ALSO_NEEDED.format(month=format.month_label(needing.month), status=needing.status))
if context.filters.anonymise:  # the sheets hold masked names and numbers: shown, never saved
    st.info(text.ANONYMISE_READ_ONLY, icon=":material/visibility_off:")
    month_sheets.read_only(sheets, key="entry-anonymised")
    st.stop()


progress, study, expenses, meetings, pioneers, workbook = st.tabs(
    [
        text.SECTION_PROGRESS,
        text.SECTION_STUDY,
        text.SECTION_EXPENSES,
        text.SECTION_MEETINGS,
        text.PIONEER_TAB,
        text.IMPORT_TAB,
    ],
    key="entry-section",  # a save reruns the page with its message on top; the open tab stays open
    on_change="rerun",
    # Every tab's section runs, not only the open one's (Streamlit's lazy tabs, ``.open``): a grid's unsaved
    # edits live in its widget, which Streamlit forgets when a run does not draw it, so a secretary looking
    # at another tab would lose what she typed (st.data_editor has no persist_state).
)
section = {"url": url, "actor": actor, "month": month, "locked": state.locked, "key": f"{branch_id}-{month}"}
with progress:
    grids.editor_section(
        sheets["progress"],
        entry_forms.PROGRESS,
        entry.save_progress_edits,
        text.ENTRY_NO_TASKS,
        **section,
    )
    entry_forms.claim_section(
        url=url, actor=actor, year=months.year_of(month), branch_id=branch_id, members=sheets["study"]
    )
with study:
    grids.editor_section(
        sheets["study"],
        entry_forms.STUDY,
        entry.save_study_edits,
        text.ENTRY_NO_MEMBERS,
        **section,
    )
with expenses:
    st.markdown(f"**{text.ENTRY_ALLOCATION}**")
    components.table(sheets["allocation"], columns.ALLOCATION_LEFT, key="entry-allocation")
    typed = entry_forms.expense_form(
        branch=state.branch,
        categories=sheets["allocation"]["category"].tolist(),
        month_last_day=last_day,
        locked=state.locked,
    )
    if typed:
        values, confirm = typed

        def expense_saved(row) -> str:
            entry_forms.clear_expense_form()  # a second click must not record the expense again
            return text.ENTRY_EXPENSE_SAVED.format(
                day=row.spent_on, category=values["category"], amount=row.amount, purpose=row.purpose
            )

        actions.run_write(
            url,
            lambda session: entry.save_expense(
                session=session,
                actor=actor,
                item=schemas.from_row(schemas.ExpenseIn, values),
                confirm_over_allocation=confirm,
            ),
            success=expense_saved,
        )
    if sheets["expenses"].empty:
        st.caption(text.ENTRY_NONE_YET)
    else:
        listed = month_sheets.expenses_for_display(sheets["expenses"])
        components.table(
            listed, columns.EXPENSES, download=f"{state.branch}经费支出_{month}", key="entry-expenses"
        )
        labels = {
            r.expense_id: f"{r.spent_on} {r.category} ¥{r.amount:,.2f} {r.purpose}"
            for r in listed.itertuples()
        }
        versions = dict(zip(listed["expense_id"], listed["version"].astype(int), strict=True))
        entry_forms.delete_expense_section(
            labels,
            locked=state.locked,
            delete=lambda expense_id: actions.run_write(
                url,
                lambda session: entry.delete_expense(
                    session=session, actor=actor, expense_id=expense_id, expected_version=versions[expense_id]
                ),
                success=lambda _: text.ENTRY_EXPENSE_DELETED,
            ),
        )
with meetings:
    meeting_forms.meetings_section(
        url=url,
        actor=actor,
        branch=state.branch,
        groups=sheets["groups"],
        meetings=sheets["meetings"],
        month_last_day=last_day,
        locked=state.locked,
        download=f"{state.branch}三会一课_{month}",
    )
with pioneers:  # 党建+安全生产: 党员先锋岗 and 党员责任区
    safety_forms.pioneer_section(
        url=url,
        actor=actor,
        branch_id=branch_id,
        branch=state.branch,
        month=month,
        locked=state.locked,
        members=sheets["study"],
    )
with workbook:
    import_ui.import_panel(
        url=url,
        actor=actor,
        kinds=excel.MONTHLY_KINDS,
        month=month,
        branch_id=branch_id,
        key="entry-import",
    )

st.divider()
if st.button(text.ENTRY_SUBMIT, type="primary", disabled=state.locked, icon=":material/send:"):
    actions.run_write(
        url,
        lambda session: entry.submit_month(
            session=session, actor=actor, branch_id=branch_id, month=month, expected_version=state.version
        ),
        success=lambda done: text.ENTRY_SUBMITTED.format(branch=done.branch, month=label),
    )
