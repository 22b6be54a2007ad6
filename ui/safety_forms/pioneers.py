"""先锋岗/责任区 on the 月度填报 page: a 党支部's posts and zones, the form to set one up or change it, and
the month's checks (a grid drawn by ui/grids.py).

They only collect what was typed; validation and saving happen in data_layer/safety/pioneers.py (a refusal
names the field and row, nothing is half-written).
"""

import pandas as pd
import streamlit as st

from data_layer import safety, schemas
from data_layer.auth import Actor
from data_layer.vocab import PioneerKind
from ui import actions, columns, components, data, grids, text

CHECKS = grids.Grid(
    name="checks",
    help=text.PIONEER_CHECKS_HELP,
    columns={
        "kind": st.column_config.TextColumn(text.PIONEER_KIND),
        "name": st.column_config.TextColumn(text.PIONEER_NAME),
        "member": st.column_config.TextColumn(text.PIONEER_HOLDER),
        "violation_free": st.column_config.SelectboxColumn(
            text.PIONEER_VIOLATION_FREE, options=list(schemas.YES_NO)
        ),
        "accident_free": st.column_config.SelectboxColumn(
            text.PIONEER_ACCIDENT_FREE, options=list(schemas.YES_NO)
        ),
        "note": st.column_config.TextColumn(text.PIONEER_NOTE, max_chars=200),
    },
    editable=("violation_free", "accident_free", "note"),
)


def pioneer_section(
    *, url: str, actor: Actor, branch_id: int, branch: str, month: str, locked: bool, members: pd.DataFrame
) -> None:
    """A 党支部's posts and zones, the form to set one up or change it, and the month's checks."""
    st.markdown(f"**{text.PIONEER_POSTS_TITLE}**")
    posts = data.pioneer_posts(url, actor, branch_id)
    if posts.empty:
        st.caption(text.PIONEER_NO_POSTS)
    else:
        components.table(posts, columns.PIONEER_POSTS, key="pioneer-posts")
    _post_form(url, actor, branch, posts, members)
    st.markdown(f"**{text.PIONEER_CHECKS_TITLE.format(month=month)}**")
    checks = data.pioneer_checks(url, actor, branch_id, month)
    if checks.empty:  # a caption, not a box: most 党支部 have no post in most tabs' months yet
        st.caption(text.PIONEER_NO_CHECKS)
        return
    grids.editor_section(
        checks,
        CHECKS,
        safety.save_check_edits,
        text.PIONEER_NO_CHECKS,
        url=url,
        actor=actor,
        month=month,
        locked=locked,
        key=f"{branch_id}-{month}",
    )


def _post_form(url: str, actor: Actor, branch: str, posts: pd.DataFrame, members: pd.DataFrame) -> None:
    holders = dict(zip(members["member_no"], members["name"], strict=True))
    versions = dict(zip(posts["name"], posts["version"], strict=True))
    with st.form("pioneer-post"):
        st.markdown(f"**{text.PIONEER_FORM}**")
        st.caption(text.PIONEER_FORM_HELP)
        left, middle, right = st.columns(3)
        kind = left.selectbox(text.PIONEER_KIND, list(PioneerKind), key="post-kind", placeholder=text.CHOOSE)
        name = middle.text_input(text.PIONEER_NAME, max_chars=50, key="post-name")
        holder = right.selectbox(
            text.PIONEER_HOLDER,
            list(holders),
            format_func=lambda number: f"{holders[number]}（{number}）",
            index=None,
            key="post-holder",
            placeholder=text.CHOOSE,
        )
        start, end = st.columns(2)
        started = start.text_input(text.PIONEER_STARTED, placeholder="2026-04", key="post-started")
        ended = end.text_input(text.PIONEER_ENDED, placeholder="2026-12", key="post-ended")
        sent = st.form_submit_button(text.ENTRY_SAVE, type="primary")
    if sent:
        values = {
            "党支部": branch,
            "类型": kind,
            "岗区名称": name,
            "责任党员编号": holder,
            "开始月份": started,
            "结束月份": ended,
        }

        def save(session):
            item = schemas.from_row(schemas.PioneerPostIn, values)
            version = versions.get(item.name)  # a post shown here is saved at the version shown
            return tuple(  # the outcome with the row: the message says 新增, 修改 or 未改动
                safety.save_post(
                    session=session,
                    actor=actor,
                    item=item,
                    expected_version=None if version is None else int(version),
                )
            )

        actions.run_write(
            url,
            save,
            success=lambda written: text.PIONEER_SAVED[written[0]].format(
                kind=written[1].kind, name=written[1].name
            ),
        )
