"""精益党建看板 — entry: page config, login, shared filters and the pages each role may open."""

import streamlit as st

from data_layer import db
from data_layer.vocab import Role
from ui import auth_ui, data, filters, text

st.set_page_config(page_title=text.APP_TITLE, page_icon=":material/flag:", layout="wide")

url = db.database_url()
data.prepare_database(url)

# The leader views: every role opens them; a secretary sees their own 党支部 only.
VIEWS = [
    st.Page("pages/overview.py", title=text.PAGE_OVERVIEW, icon=":material/dashboard:", default=True),
    st.Page("pages/tasks.py", title=text.PAGE_TASKS, icon=":material/task_alt:"),
    st.Page("pages/study.py", title=text.PAGE_STUDY, icon=":material/menu_book:"),
    st.Page("pages/budget.py", title=text.PAGE_BUDGET, icon=":material/account_balance_wallet:"),
    st.Page("pages/meetings.py", title=text.PAGE_MEETINGS, icon=":material/groups:"),
]
PAGES_BY_ROLE = {Role.ADMIN: VIEWS, Role.LEADER: VIEWS, Role.SECRETARY: VIEWS}

actor = auth_ui.current_actor()
if actor is None:
    page = st.navigation([st.Page(auth_ui.login_page, title=text.LOGIN, icon=":material/login:")])
elif filters.sidebar_filters(url, actor) is None:
    page = st.navigation([st.Page(filters.no_data_page, title=text.APP_TITLE, icon=":material/info:")])
else:
    page = st.navigation(PAGES_BY_ROLE[actor.role])
if actor is not None:
    auth_ui.sidebar_account(actor)
page.run()
