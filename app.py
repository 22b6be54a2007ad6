"""精益党建看板 — entry: page config, login, shared filters and the pages each role may open."""

from pathlib import Path

import streamlit as st

from data_layer.store import db
from data_layer.vocab import Role
from ui import auth_ui, data, failure, filters, first_run_ui, navigation, text, warm

# A local icon: a material-icon favicon would be fetched from the internet by every browser.
ICON = Path(__file__).resolve().parent / "ui" / "assets" / "icon.png"
st.set_page_config(page_title=text.APP_TITLE, page_icon=str(ICON), layout="wide")

url = db.database_url()


def run() -> None:
    data.prepare_database(url)
    warm.warm_up(url)
    actor = auth_ui.current_actor()
    if actor is None:
        # Every page answers its own URL with the login form (ui/shell.py), so a shared link opens the
        # page it names once the person has logged in.
        current = st.navigation(navigation.every_page(), position="hidden")
    elif filters.sidebar_filters(url, actor) is None:
        # No figures yet: an administrator gets the first-run guide, everyone else a note to wait.
        empty = (
            st.Page(first_run_ui.first_run_page, title=text.FIRST_RUN_TITLE, icon=":material/rocket_launch:")
            if actor.role == Role.ADMIN
            else st.Page(filters.no_data_page, title=text.APP_TITLE, icon=":material/info:")
        )
        current = st.navigation([empty])
    else:
        current = st.navigation(
            navigation.menu(actor.role), expanded=True
        )  # every page listed, none behind "more"
    if actor is not None:
        auth_ui.sidebar_account(actor)
        failure.saving_banner(url)
    current.run()


# Anything that fails is said in plain Chinese with an error id; the traceback goes to the server log.
with failure.shown_plainly():
    run()
