"""The one registry of pages: each page's script, menu title and icon, the menu sections and who sees
what. app.py builds the navigation from it; pages, ui and tests name a page by its registry name
(``script("setup")``) rather than repeating its path.

The scripts live in ``pages/<section>/``, a folder per menu section. Nothing sits directly in
``pages/``: Streamlit's old multipage discovery would run such a file without app.py (no login, no
filters); it ignores subfolders. A page's URL is its file name (``/tasks``), so moving a page between
sections keeps its links.
"""

import streamlit as st

from data_layer.vocab import Role
from ui import text

VIEWS_FOLDER, LEAN_FOLDER, WORK_FOLDER = "pages/views", "pages/lean", "pages/work"

# Every page: its script, its menu title and its icon.
PAGES = {
    "overview": (VIEWS_FOLDER, text.PAGE_OVERVIEW, ":material/dashboard:"),
    "tasks": (VIEWS_FOLDER, text.PAGE_TASKS, ":material/task_alt:"),
    "study": (VIEWS_FOLDER, text.PAGE_STUDY, ":material/menu_book:"),
    "budget": (VIEWS_FOLDER, text.PAGE_BUDGET, ":material/account_balance_wallet:"),
    "meetings": (VIEWS_FOLDER, text.PAGE_MEETINGS, ":material/groups:"),
    "safety": (VIEWS_FOLDER, text.PAGE_SAFETY, ":material/health_and_safety:"),  # 党建+安全生产
    "meeting": (VIEWS_FOLDER, text.PAGE_MEETING, ":material/co_present:"),
    # 精益管理
    "stars": (LEAN_FOLDER, text.PAGE_STARS, ":material/military_tech:"),
    "ideas": (LEAN_FOLDER, text.PAGE_IDEAS, ":material/lightbulb:"),  # 金点子
    "pairs": (LEAN_FOLDER, text.PAGE_PAIRS, ":material/handshake:"),  # 帮扶结对
    "dues": (LEAN_FOLDER, text.PAGE_DUES, ":material/payments:"),  # 党费
    # 填报与审核
    "entry": (WORK_FOLDER, text.PAGE_ENTRY, ":material/edit_note:"),
    "review": (WORK_FOLDER, text.PAGE_REVIEW, ":material/approval:"),
    "board": (WORK_FOLDER, text.PAGE_BOARD, ":material/fact_check:"),
    "history": (WORK_FOLDER, text.PAGE_HISTORY, ":material/history:"),
    "safety_entry": (WORK_FOLDER, text.PAGE_SAFETY_ENTRY, ":material/health_and_safety:"),  # 党建+安全生产
    "setup": (WORK_FOLDER, text.PAGE_SETUP, ":material/settings:"),
}
# The leader views: every role opens them; a secretary sees their own 党支部 only. 会议模式 (the
# projector) shows the committee's views, so leaders and administrators only.
VIEWS = ["overview", "tasks", "study", "budget", "meetings", "safety"]
# 精益管理: every role opens them (a secretary sees and enters their own 党支部's).
LEAN = ["stars", "ideas", "pairs", "dues"]
MENUS = {
    Role.ADMIN: {
        text.NAV_VIEWS: [*VIEWS, "meeting"],
        text.NAV_LEAN: LEAN,
        text.NAV_WORK: ["entry", "safety_entry", "review", "board", "history", "setup"],
    },
    Role.LEADER: {
        text.NAV_VIEWS: [*VIEWS, "meeting"],
        text.NAV_LEAN: LEAN,
        text.NAV_WORK: ["review", "board", "history"],
    },
    Role.SECRETARY: {text.NAV_VIEWS: VIEWS, text.NAV_LEAN: LEAN, text.NAV_WORK: ["entry", "history"]},
}


def script(name: str) -> str:
    """The page's script, relative to the project (what ``st.switch_page`` and ``st.page_link`` take)."""
    return f"{PAGES[name][0]}/{name}.py"


def title(name: str) -> str:
    return PAGES[name][1]


def page(name: str, *, hidden: bool = False) -> st.Page:
    _, title_, icon = PAGES[name]
    return st.Page(
        script(name),
        title=title_,
        icon=icon,
        default=name == "overview",
        visibility="hidden" if hidden else "visible",
    )


def menu(role: Role) -> dict[str, list[st.Page]]:
    """The role's menu. The pages it may not open stay reachable by URL, off the menu, so a link to
    one answers with the page's refusal rather than silently showing another page."""
    sections = {heading: [page(name) for name in names] for heading, names in MENUS[role].items()}
    listed = {name for names in MENUS[role].values() for name in names}
    sections[text.NAV_WORK] += [page(name, hidden=True) for name in PAGES if name not in listed]
    return sections


def every_page() -> list[st.Page]:
    return [page(name) for name in PAGES]
