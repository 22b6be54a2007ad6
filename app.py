"""精益党建看板 — entry: page config, login, shared filters and the pages each role may open."""

from pathlib import Path

import streamlit as st

from data_layer import db
from data_layer.vocab import Role
from ui import auth_ui, data, filters, text

# A local icon: a material-icon favicon would be fetched from the internet by every browser.
ICON = Path(__file__).resolve().parent / "ui" / "assets" / "icon.png"
st.set_page_config(page_title=text.APP_TITLE, page_icon=str(ICON), layout="wide")

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
# 填报 and 审核: each page also checks the role itself (ui/shell.py), so a URL cannot get around this list.
BOARD = st.Page("pages/board.py", title=text.PAGE_BOARD, icon=":material/fact_check:")
REVIEW = st.Page("pages/review.py", title=text.PAGE_REVIEW, icon=":material/approval:")
ENTRY = st.Page("pages/entry.py", title=text.PAGE_ENTRY, icon=":material/edit_note:")
HISTORY = st.Page("pages/history.py", title=text.PAGE_HISTORY, icon=":material/history:")
SETUP = st.Page("pages/setup.py", title=text.PAGE_SETUP, icon=":material/settings:")
# 会议模式 (the projector): the committee's views, so leaders and administrators only.
MEETING = st.Page("pages/meeting.py", title=text.PAGE_MEETING, icon=":material/co_present:")
MEETING_ROLES = (Role.ADMIN, Role.LEADER)
WORK = {
    Role.ADMIN: [ENTRY, REVIEW, BOARD, HISTORY, SETUP],
    Role.LEADER: [REVIEW, BOARD, HISTORY],
    Role.SECRETARY: [ENTRY, HISTORY],
}
PAGES_BY_ROLE = {
    role: {text.NAV_VIEWS: [*VIEWS, MEETING] if role in MEETING_ROLES else VIEWS, text.NAV_WORK: pages}
    for role, pages in WORK.items()
}
EVERY_PAGE = [*VIEWS, MEETING, ENTRY, REVIEW, BOARD, HISTORY, SETUP]

actor = auth_ui.current_actor()
if actor is None:
    # Every page answers its own URL with the login form (ui/shell.py), so a shared link opens the
    # page it names once the person has logged in.
    page = st.navigation(EVERY_PAGE, position="hidden")
elif filters.sidebar_filters(url, actor) is None:
    page = st.navigation([st.Page(filters.no_data_page, title=text.APP_TITLE, icon=":material/info:")])
else:
    page = st.navigation(PAGES_BY_ROLE[actor.role])
if actor is not None:
    auth_ui.sidebar_account(actor)
page.run()
