"""精益党建看板 — entry: page config, login, shared filters and the pages each role may open."""

from pathlib import Path

import streamlit as st

from data_layer.store import db
from data_layer.vocab import Role
from ui import auth_ui, data, failure, filters, first_run_ui, text

# A local icon: a material-icon favicon would be fetched from the internet by every browser.
ICON = Path(__file__).resolve().parent / "ui" / "assets" / "icon.png"
st.set_page_config(page_title=text.APP_TITLE, page_icon=str(ICON), layout="wide")

url = db.database_url()

# Every page: its script, its menu title and its icon.
PAGES = {
    "overview": ("app_pages/overview.py", text.PAGE_OVERVIEW, ":material/dashboard:"),
    "tasks": ("app_pages/tasks.py", text.PAGE_TASKS, ":material/task_alt:"),
    "study": ("app_pages/study.py", text.PAGE_STUDY, ":material/menu_book:"),
    "budget": ("app_pages/budget.py", text.PAGE_BUDGET, ":material/account_balance_wallet:"),
    "meetings": ("app_pages/meetings.py", text.PAGE_MEETINGS, ":material/groups:"),
    "meeting": ("app_pages/meeting.py", text.PAGE_MEETING, ":material/co_present:"),
    "entry": ("app_pages/entry.py", text.PAGE_ENTRY, ":material/edit_note:"),
    "review": ("app_pages/review.py", text.PAGE_REVIEW, ":material/approval:"),
    "board": ("app_pages/board.py", text.PAGE_BOARD, ":material/fact_check:"),
    "history": ("app_pages/history.py", text.PAGE_HISTORY, ":material/history:"),
    "setup": ("app_pages/setup.py", text.PAGE_SETUP, ":material/settings:"),
    # 精益管理
    "stars": ("app_pages/stars.py", text.PAGE_STARS, ":material/military_tech:"),
    "ideas": ("app_pages/ideas.py", text.PAGE_IDEAS, ":material/lightbulb:"),  # 金点子
    "pairs": ("app_pages/pairs.py", text.PAGE_PAIRS, ":material/handshake:"),  # 帮扶结对
    "dues": ("app_pages/dues.py", text.PAGE_DUES, ":material/payments:"),  # 党费
}
# The leader views: every role opens them; a secretary sees their own 党支部 only. 会议模式 (the
# projector) shows the committee's views, so leaders and administrators only.
VIEWS = ["overview", "tasks", "study", "budget", "meetings"]
# 精益管理: every role opens them (a secretary sees and enters their own 党支部's).
LEAN = ["stars", "ideas", "pairs", "dues"]
MENUS = {
    Role.ADMIN: {
        text.NAV_VIEWS: [*VIEWS, "meeting"],
        text.NAV_LEAN: LEAN,
        text.NAV_WORK: ["entry", "review", "board", "history", "setup"],
    },
    Role.LEADER: {
        text.NAV_VIEWS: [*VIEWS, "meeting"],
        text.NAV_LEAN: LEAN,
        text.NAV_WORK: ["review", "board", "history"],
    },
    Role.SECRETARY: {text.NAV_VIEWS: VIEWS, text.NAV_LEAN: LEAN, text.NAV_WORK: ["entry", "history"]},
}


def page(name: str, *, hidden: bool = False) -> st.Page:
    path, title, icon = PAGES[name]
    return st.Page(
        path, title=title, icon=icon, default=name == "overview", visibility="hidden" if hidden else "visible"
    )


def menu(role: Role) -> dict[str, list[st.Page]]:
    """The role's menu. The pages it may not open stay reachable by URL, off the menu, so a link to
    one answers with the page's refusal rather than silently showing another page."""
    sections = {title: [page(name) for name in names] for title, names in MENUS[role].items()}
    listed = {name for names in MENUS[role].values() for name in names}
    sections[text.NAV_WORK] += [page(name, hidden=True) for name in PAGES if name not in listed]
    return sections


def run() -> None:
    data.prepare_database(url)
    data.warm_up(url)
    actor = auth_ui.current_actor()
    if actor is None:
        # Every page answers its own URL with the login form (ui/shell.py), so a shared link opens the
        # page it names once the person has logged in.
        current = st.navigation([page(name) for name in PAGES], position="hidden")
    elif filters.sidebar_filters(url, actor) is None:
        # No figures yet: an administrator gets the first-run guide, everyone else a note to wait.
        empty = (
            st.Page(first_run_ui.first_run_page, title=text.FIRST_RUN_TITLE, icon=":material/rocket_launch:")
            if actor.role == Role.ADMIN
            else st.Page(filters.no_data_page, title=text.APP_TITLE, icon=":material/info:")
        )
        current = st.navigation([empty])
    else:
        current = st.navigation(menu(actor.role), expanded=True)  # every page listed, none behind "more"
    if actor is not None:
        auth_ui.sidebar_account(actor)
        failure.saving_banner(url)
    current.run()


# Anything that fails is said in plain Chinese with an error id; the traceback goes to the server log.
with failure.shown_plainly():
    run()
