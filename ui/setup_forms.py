"""The forms of the 基础数据 page. They collect what was typed; data_layer validates and saves."""

import pandas as pd
import streamlit as st

from data_layer import auth, clock
from data_layer.vocab import MemberCategory, Role
from ui import actions, text


def new_user(branches: list[str]) -> dict | None:
    with st.form("new-user"):
        st.markdown(f"**{text.SETUP_NEW_USER}**")
        left, middle, right = st.columns(3)
        username = left.text_input(text.USERNAME, max_chars=50, key="new-user-username")
        display_name = middle.text_input(text.SETUP_DISPLAY_NAME, max_chars=50, key="new-user-name")
        role = right.selectbox(
            text.SETUP_ROLE,
            list(Role),
            format_func=text.ROLE_LABELS.__getitem__,
            key="new-user-role",
            placeholder=text.CHOOSE,
        )
        branch = st.selectbox(
            text.BRANCH,
            [None, *branches],
            format_func=lambda b: b or text.SETUP_BRANCH_NONE,
            key="new-user-branch",
            placeholder=text.CHOOSE,
        )
        password = st.text_input(text.SETUP_NEW_PASSWORD, type="password", key="new-user-password")
        if not st.form_submit_button(text.ENTRY_SAVE, type="primary"):
            return None
    return {
        "username": username,
        "display_name": display_name,
        "role": role,
        "branch_name": branch,
        "password": password,
    }


def edit_user(usernames: list[str], active: dict[str, bool]) -> dict | None:
    with st.form("edit-user"):
        st.markdown(f"**{text.SETUP_EDIT_USER}**")
        username = st.selectbox(
            text.SETUP_CHOOSE_USER, usernames, key="edit-user-username", placeholder=text.CHOOSE
        )
        is_active = st.toggle(text.SETUP_USER_ACTIVE, value=True, key="edit-user-active")
        password = st.text_input(text.SETUP_NEW_PASSWORD, type="password", key="edit-user-password")
        if not st.form_submit_button(text.ENTRY_SAVE, type="primary"):
            return None
    changes: dict[str, str | bool | None] = {"username": username, "new_password": password or None}
    if is_active != active.get(username, True):
        changes["active"] = is_active
    return changes


def year_parameters() -> dict | None:
    with st.form("year-parameters"):
        st.markdown(f"**{text.SETUP_PARAMS}**")
        left, middle, right, last = st.columns(4)
        year = left.number_input(
            text.SETUP_YEAR,
            min_value=2000,
            max_value=2100,
            value=clock.today().year,
            step=1,
            key="params-year",
        )
        payroll = middle.text_input(text.PAYROLL, placeholder="例如 150000000.00", key="params-payroll")
        hours = right.text_input(text.HOURS_TARGET, value="4")
        points = last.text_input(text.POINTS_TARGET, value="600")
        if not st.form_submit_button(text.ENTRY_SAVE, type="primary"):
            return None
    return {
        "year": year,
        "last_year_payroll": payroll,
        "monthly_hours_target": hours,
        "monthly_points_target": points,
    }


def new_category() -> str | None:
    with st.form("new-category"):
        name = st.text_input(text.SETUP_CATEGORY_NAME, max_chars=20)
        if not st.form_submit_button(text.SETUP_CATEGORY):
            return None
    return name


def rename_category(names: list[str]) -> tuple[str, str] | None:
    """(old name, new name as typed) when submitted."""
    with st.form("rename-category"):
        st.markdown(f"**{text.SETUP_CATEGORY_RENAME}**")
        left, right = st.columns(2)
        old = left.selectbox(
            text.SETUP_CATEGORY_OLD_NAME, names, key="rename-category-old", placeholder=text.CHOOSE
        )
        new = right.text_input(text.SETUP_CATEGORY_NEW_NAME, max_chars=20, key="rename-category-new")
        if not st.form_submit_button(text.ENTRY_SAVE, type="primary") or old is None:
            return None
    return old, new


def delete_category(names: list[str]) -> str | None:
    """The name of the category to delete, when submitted."""
    with st.form("delete-category"):
        st.markdown(f"**{text.SETUP_CATEGORY_DELETE}**")
        name = st.selectbox(
            text.SETUP_CATEGORY_NAME, names, key="delete-category-name", placeholder=text.CHOOSE
        )
        if not st.form_submit_button(text.SETUP_CATEGORY_DELETE_BUTTON):
            return None
    return name


def switch() -> tuple[str, str, bool] | None:
    with st.form("switch"):
        st.markdown(f"**{text.SETUP_SWITCH}**")
        left, middle, right = st.columns(3)
        kind = left.selectbox(
            text.SETUP_SWITCH_KIND,
            list(text.SETUP_SWITCH_KINDS),
            format_func=text.SETUP_SWITCH_KINDS.__getitem__,
            placeholder=text.CHOOSE,
        )
        key = middle.text_input(text.SETUP_SWITCH_KEY)
        active = right.radio(
            text.SETUP_SWITCH_TO,
            [False, True],
            format_func=lambda on: text.SETUP_ACTIVE if on else text.SETUP_INACTIVE,
            horizontal=True,
        )
        if not st.form_submit_button(text.ENTRY_SAVE, type="primary"):
            return None
    return kind, key, active


def claim(codes: list[str], titles: dict[str, str]) -> tuple[str, str] | None:
    with st.form("claim"):
        st.markdown(f"**{text.SETUP_CLAIM}**")
        code = st.selectbox(
            text.SETUP_CLAIM_TASK,
            codes,
            format_func=lambda c: f"{c} {titles.get(c, '')}",
            placeholder=text.CHOOSE,
        )
        owner = st.text_input(text.SETUP_CLAIM_OWNER)
        if not st.form_submit_button(text.ENTRY_SAVE, type="primary"):
            return None
    return code, owner


def add_user(url: str, actor: auth.Actor, branches: list[str]) -> None:
    """The new-account form, and the account made from it (基础数据 and the first-run guide)."""
    typed = new_user(branches)
    if typed:
        actions.run_write(
            url,
            lambda session: auth.create_user(session=session, actor=actor, **typed),
            success=lambda user: text.SETUP_USER_SAVED.format(username=user.username),
        )


MEMBER_DATE_FIELDS = {
    "joined_on": text.JOINED_ON,
    "arrived_on": text.ARRIVED_ON,
    "left_on": text.LEFT_ON,
    "died_on": text.DIED_ON,
    "moved_on": text.MOVED_ON,
}


def member(members: pd.DataFrame, branches: list[str]) -> tuple[dict, int | None] | None:
    """登记或修改党员: a new member, or one chosen from ``members`` (the 基础数据 list) with its values
    filled in. Returns what was typed (field names of ``schemas.MemberIn``) and the version loaded (None
    for a new member)."""
    st.markdown(f"**{text.SETUP_MEMBER_FORM}**")
    st.caption(text.SETUP_MEMBER_DATES_NOTE)
    rows = members.set_index("member_no")
    chosen = st.selectbox(
        text.SETUP_MEMBER_CHOOSE,
        [None, *rows.index],
        format_func=lambda no: text.SETUP_MEMBER_NEW if no is None else f"{no} {rows.loc[no, 'name']}",
        key="member-choice",
        placeholder=text.CHOOSE,
    )
    loaded = {} if chosen is None else rows.loc[chosen].to_dict()
    key = f"member-{chosen or 'new'}"

    def shown(name: str) -> str:
        value = loaded.get(name)
        return "" if value is None or pd.isna(value) else str(value)

    with st.form(key):
        left, middle, right = st.columns(3)
        number = left.text_input(
            text.MEMBER_NO, value=chosen or "", disabled=chosen is not None, key=f"{key}-no"
        )
        name = middle.text_input(text.MEMBER_NAME_FIELD, value=shown("name"), key=f"{key}-name")
        categories = list(MemberCategory)
        category = right.selectbox(
            text.MEMBER_CATEGORY,
            categories,
            index=categories.index(loaded["category"]) if loaded else 0,
            key=f"{key}-category",
            placeholder=text.CHOOSE,
        )
        branch = left.selectbox(
            text.BRANCH,
            branches,
            index=branches.index(loaded["branch"]) if loaded.get("branch") in branches else 0,
            key=f"{key}-branch",
            placeholder=text.CHOOSE,
        )
        group = middle.text_input(text.GROUP, value=shown("group"), key=f"{key}-group")
        post = right.text_input(text.POST, value=shown("post"), key=f"{key}-post")
        dates = st.columns(len(MEMBER_DATE_FIELDS))
        typed_dates = {
            field: column.text_input(
                label,
                value=shown(field),
                placeholder="YYYY-MM-DD",
                help=text.SETUP_MEMBER_DATE_HELP,
                key=f"{key}-{field}",
            )
            for column, (field, label) in zip(dates, MEMBER_DATE_FIELDS.items(), strict=True)
        }
        if not st.form_submit_button(text.ENTRY_SAVE, type="primary"):
            return None
    typed = {
        "member_no": chosen or number,
        "name": name,
        "branch": branch,
        "group": group,
        "category": category,
        "post": post,
        **typed_dates,
    }
    return typed, None if chosen is None else int(loaded["version"])
