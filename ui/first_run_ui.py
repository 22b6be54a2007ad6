"""首次使用向导: what an administrator sees on a database with no figures yet.

Four steps (data_layer/setup/first_run.py), each with what is still missing, its Excel templates and upload
(ui/import_ui.py); step 2 also makes accounts with the 基础数据 page's form, since that page needs a month
and opens only once there are figures. Once any month has figures app.py shows the normal pages.
"""

import streamlit as st

from data_layer import auth, setup
from data_layer.errors import Refused
from data_layer.store import db
from data_layer.vocab import OrgKind
from ui import actions, auth_ui, data, import_ui, setup_forms, text
from ui.literal import literal

DONE_ICON = ":material/check_circle:"
TODO_ICON = ":material/radio_button_unchecked:"


def _status(url: str, actor: auth.Actor) -> setup.FirstRun:
    with db.session_scope(db.get_engine(url)) as session:
        return setup.first_run_status(session=session, actor=actor)


def _new_user(url: str, actor: auth.Actor) -> None:
    st.markdown(text.FIRST_RUN_ACCOUNTS)
    branches = [node.name for node in data.visible_nodes(url, actor) if node.kind == OrgKind.BRANCH]
    setup_forms.add_user(url, actor, branches)


def _step(url: str, actor: auth.Actor, step: setup.Step, *, expanded: bool) -> None:
    label = text.FIRST_RUN_STEP.format(number=step.number, title=step.title)
    with st.expander(label, expanded=expanded, icon=DONE_ICON if step.done else TODO_ICON):
        if step.done:
            st.success(text.FIRST_RUN_STEP_DONE, icon=DONE_ICON)
        else:
            lines = "\n".join(f"- {literal(sentence)}" for sentence in step.missing)
            st.warning(f"{text.FIRST_RUN_MISSING}\n{lines}", icon=":material/pending:")
        if step.number == 2:
            _new_user(url, actor)
        if step.number == 4:
            st.caption(text.FIRST_RUN_MONTH)
        import_ui.import_panel(url=url, actor=actor, kinds=step.kinds, key=f"first-run-{step.number}")


def first_run_page() -> None:
    url, actor = db.database_url(), auth_ui.current_actor()
    assert actor is not None, "app.py offers this page to a logged-in administrator only"
    st.title(text.FIRST_RUN_TITLE)
    actions.show_flash()
    try:
        status = _status(url, actor)
    except Refused as refusal:
        st.error(literal(refusal), icon=":material/error:")
        return
    st.caption(text.FIRST_RUN_INTRO)
    first_open = next((step.number for step in status.steps if not step.done), None)
    for step in status.steps:
        _step(url, actor, step, expanded=step.number == first_open)
    st.divider()
    st.markdown(text.FIRST_RUN_END)
    if st.button(
        text.FIRST_RUN_OPEN, icon=":material/dashboard:", disabled=not status.done, key="first-run-open"
    ):
        st.rerun()
