"""基础数据 (administrators): the organisation, members, users, the year's tasks, budgets and parameters;
deactivate rather than delete; 领办 of open tasks."""

import streamlit as st

from data_layer import excel, parse, schemas, setup
from data_layer.models import ExpenseCategory, Member, Organisation, Task
from data_layer.vocab import OrgKind, Role
from ui import (
    actions,
    columns,
    components,
    data,
    format,
    import_ui,
    new_year_ui,
    safety_forms,
    setup_forms,
    shell,
    text,
)

context = shell.page_context(roles=frozenset({Role.ADMIN}))
url, actor = context.url, context.actor
year = int(context.filters.month[:4])
st.title(f"{text.PAGE_SETUP} · {year}年度")
actions.show_flash()
if context.filters.anonymise:  # every list here is people and logins; their forms would save masked text
    st.info(text.ANONYMISE_NO_SETUP, icon=":material/visibility_off:")
    st.stop()


def listed(name: str, **options):
    frame = data.setup_list(url, actor, name, **options)
    if "active" in frame:
        frame = frame.assign(state=frame["active"].map({True: text.SETUP_ACTIVE, False: text.SETUP_INACTIVE}))
    shown = {column: format.date_label for column in DATE_COLUMNS} | {"last_login_at": format.time_label}
    return frame.assign(  # days as days, the last login in Beijing time
        **{column: frame[column].map(way) for column, way in shown.items() if column in frame}
    )


DATE_COLUMNS = ("joined_on", "arrived_on", "left_on", "died_on", "moved_on")


def saved_member(written) -> tuple[str, object]:
    """The outcome with the row, so that the message says whether the member was added or changed."""
    return written.outcome, written.row


SWITCH_TARGETS: dict[str, tuple[type[Member | Organisation | Task | ExpenseCategory], str]] = {
    "member": (Member, "member_no"),
    "organisation": (Organisation, "name"),
    "task": (Task, "code"),
    "category": (ExpenseCategory, "name"),
}
organisations, members, users, tasks, money, switches, next_year, workbook, units = st.tabs(
    [*text.SETUP_TABS, text.SETUP_UNITS_TAB]
)
branches = [node.name for node in data.visible_nodes(url, actor) if node.kind == OrgKind.BRANCH]
with organisations:
    components.table(listed("organisations"), columns.ORGANISATIONS, download="组织架构", key="setup-orgs")
with members:
    branch = st.selectbox(
        text.SETUP_BRANCH_FILTER,
        [None, *branches],
        format_func=lambda b: b or text.SETUP_ALL_BRANCHES,
        placeholder=text.CHOOSE,
    )
    everyone = listed("members")
    people = everyone if branch is None else everyone[everyone["branch"] == branch]
    components.table(people, columns.MEMBERS, download="党员名册", key="setup-members")
    typed = setup_forms.member(data.setup_list(url, actor, "members"), branches)  # the values, not their text
    if typed:
        values, version = typed
        actions.run_write(
            url,
            lambda session: saved_member(
                setup.save_member(
                    session=session,
                    actor=actor,
                    item=schemas.from_row(schemas.MemberIn, values),
                    expected_version=version,
                    adding=version is None,
                )
            ),
            success=lambda result: text.SETUP_MEMBER_SAVED[result[0]].format(
                name=result[1].name, member_no=result[1].member_no
            ),
        )
with users:
    accounts = listed("users").assign(role=lambda f: f["role"].map(text.ROLE_LABELS))
    components.table(accounts, columns.USERS, key="setup-users")
    setup_forms.add_user(url, actor, branches)
    changes = setup_forms.edit_user(
        accounts["username"].tolist(), dict(zip(accounts["username"], accounts["active"], strict=True))
    )
    if changes:
        change: dict = changes  # a module's names are not narrowed inside a lambda
        actions.run_write(
            url,
            lambda session: setup.update_user(session=session, actor=actor, **change),
            success=lambda user: text.SETUP_USER_SAVED.format(username=user.username),
        )
with tasks:
    components.table(
        listed("tasks", year=year), columns.TASKS, download=f"任务清单_{year}", key="setup-tasks"
    )
with money:
    components.table(
        listed("budgets", year=year), columns.BUDGETS, download=f"经费预算_{year}", key="setup-budgets"
    )
    components.table(listed("year_parameters"), columns.PARAMETERS, key="setup-parameters")
    parameters = setup_forms.year_parameters()
    if parameters:
        parameter_row: dict = parameters  # a module's names are not narrowed inside a lambda
        actions.run_write(
            url,
            lambda session: setup.save_year_parameters(
                session=session, actor=actor, item=schemas.from_row(schemas.YearParameterIn, parameter_row)
            ),
            success=lambda row: text.SETUP_PARAMS_SAVED.format(year=row.year),
        )
    categories = listed("categories")
    components.table(categories, columns.CATEGORIES, key="setup-categories")
    name = setup_forms.new_category()
    if name is not None:
        new_name: str = name  # a module's names are not narrowed inside a lambda
        actions.run_write(
            url,
            lambda session: setup.save_category(
                session=session, actor=actor, name=parse.name(new_name, field=text.SETUP_CATEGORY_NAME)
            ),
            success=lambda row: text.SETUP_CATEGORY_SAVED.format(name=row.name),
        )
    renamed = setup_forms.rename_category(categories["name"].tolist())
    if renamed:
        old, new = renamed
        actions.run_write(
            url,
            lambda session: setup.rename_category(session=session, actor=actor, old_name=old, new_name=new),
            success=lambda row: text.SETUP_CATEGORY_RENAMED.format(old=old, new=row.name),
        )
    doomed = setup_forms.delete_category(categories["name"].tolist())
    if doomed:
        doomed_name: str = doomed  # a module's names are not narrowed inside a lambda
        actions.run_write(
            url,
            lambda session: setup.delete_category(session=session, actor=actor, name=doomed_name),
            success=lambda row: text.SETUP_CATEGORY_DELETED.format(name=row.name),
        )
with switches:
    switched = setup_forms.switch()
    if switched:
        kind, key, active = switched
        model, column = SWITCH_TARGETS[kind]
        actions.run_write(
            url,
            lambda session: setup.set_active(
                session=session,
                actor=actor,
                model=model,
                key={column: parse.name(key, field=text.SETUP_SWITCH_KEY)},
                active=active,
            ),
            success=lambda _: text.SETUP_SWITCHED.format(
                state=text.SETUP_ACTIVE if active else text.SETUP_INACTIVE, key=key
            ),
        )
    open_tasks = listed("open_tasks", year=year)
    if open_tasks.empty:
        st.caption(text.SETUP_NO_OPEN_TASKS)
    else:
        claimed = setup_forms.claim(
            open_tasks["code"].tolist(), dict(zip(open_tasks["code"], open_tasks["title"], strict=True))
        )
        if claimed:
            code, owner = claimed
            actions.run_write(
                url,
                lambda session: setup.claim_task(
                    session=session,
                    actor=actor,
                    code=code,
                    owner_member_no=parse.code(owner, field=text.SETUP_CLAIM_OWNER),
                ),
                success=lambda _: text.SETUP_CLAIMED.format(code=code, owner=owner),
            )
with next_year:
    new_year_ui.new_year_panel(url=url, actor=actor)
with workbook:
    import_ui.import_panel(url=url, actor=actor, kinds=excel.SETUP_KINDS, key="setup-import")
with units:  # 党建+安全生产
    safety_forms.units_section(url, actor, year)
