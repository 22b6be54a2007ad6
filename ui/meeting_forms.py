"""The 三会一课 tab of 月度填报: the month's meetings, a form to record one or edit the chosen one, and
deleting the chosen one after a confirmation.

The form only collects what was typed; data_layer (``entry.save_meeting``) validates, refuses a meeting
already recorded and an edit over someone else's change, and says what it did (新增 / 修改 / 未改动).
"""

from datetime import date

import pandas as pd
import streamlit as st

from data_layer import clock, entry, schemas
from data_layer.auth import Actor
from data_layer.store import writes
from data_layer.vocab import MeetingKind
from ui import actions, columns, components, confirm, text
from ui.literal import literal

CHOSEN = "entry-meeting-chosen"  # the meeting chosen in the list (its id), kept across reruns
CONFIRMING = "entry-meeting-confirm-delete"  # the id whose deletion waits for 确认删除


def _label(row) -> str:
    group = row.group if isinstance(row.group, str) else None
    return entry.describe_meeting(held_on=row.held_on, kind=row.kind, topic=row.topic, group=group)


def _said(written: writes.Written, group: str | None) -> str:
    """What the save did, in the words of ENTRY_MEETING_OUTCOME."""
    row = written.row
    meeting = entry.describe_meeting(held_on=row.held_on, kind=row.kind, topic=row.topic, group=group)
    return text.ENTRY_MEETING_OUTCOME[written.outcome].format(
        meeting=meeting, actual=row.actual_attendance, expected=row.expected_attendance
    )


def meeting_form(
    *, branch: str, groups: list[str], month_last_day: date, locked: bool, current=None
) -> dict | None:
    """The typed meeting as {MeetingIn field name: value}, once submitted; ``current`` (a row of
    ``entry.meetings_of``) fills it for an edit."""
    kinds = [kind.value for kind in MeetingKind]
    group_choices = [None, *groups]
    if current is None:
        key, title = "meeting-form", text.ENTRY_MEETING_FORM
        day, kind, group, expected, actual, topic = min(month_last_day, clock.today()), None, None, 10, 10, ""
    else:
        key, title = (
            f"meeting-form-{current.meeting_id}",
            text.ENTRY_MEETING_EDIT_FORM.format(meeting=_label(current)),
        )
        day, kind, expected, actual, topic = (
            current.held_on,
            current.kind,
            int(current.expected),
            int(current.actual),
            current.topic,
        )
        group = current.group if current.group in groups else None
    with st.form(key):
        st.markdown(f"**{literal(title)}**")
        first, second, third = st.columns(3)
        held_on = first.date_input(
            text.HELD_ON, value=day, max_value=clock.today(), format="YYYY-MM-DD", key=f"{key}-held_on"
        )
        chosen_kind = second.selectbox(
            text.MEETING_KIND,
            kinds,
            index=kinds.index(kind) if kind in kinds else 0,
            key=f"{key}-kind",
            placeholder=text.CHOOSE,
        )
        chosen_group = third.selectbox(
            text.GROUP,
            group_choices,
            index=group_choices.index(group),
            format_func=lambda name: name or text.ENTRY_MEETING_NO_GROUP,
            help=text.ENTRY_MEETING_GROUP_HELP,
            key=f"{key}-group",
            placeholder=text.CHOOSE,
        )
        left, right = st.columns(2)
        expected_count = left.number_input(
            text.EXPECTED, min_value=1, step=1, value=expected, key=f"{key}-expected"
        )
        actual_count = right.number_input(text.ACTUAL, min_value=0, step=1, value=actual, key=f"{key}-actual")
        typed_topic = st.text_input(text.TOPIC, value=topic, max_chars=200, key=f"{key}-topic")
        sent = st.form_submit_button(text.ENTRY_SAVE, type="primary", disabled=locked)
    if not sent:
        return None
    return {
        "held_on": held_on,
        "branch": branch,
        "group": chosen_group,
        "kind": chosen_kind,
        "expected_attendance": expected_count,
        "actual_attendance": actual_count,
        "topic": typed_topic,
    }


def meetings_section(
    *,
    url: str,
    actor: Actor,
    branch: str,
    groups: list[str],
    meetings: pd.DataFrame,
    month_last_day: date,
    locked: bool,
    download: str,
) -> None:
    """The month's meetings; choosing one lets the form edit it (at the version shown) or delete it."""
    if meetings.empty:
        st.caption(text.ENTRY_NONE_YET)
    else:
        listed = meetings.assign(held_on=meetings["held_on"].astype(str))
        components.table(listed, columns.MEETINGS, download=download, key="entry-meetings")
    labels = {row.meeting_id: _label(row) for row in meetings.itertuples(index=False)}
    if st.session_state.get(CHOSEN) not in labels:
        st.session_state.pop(CHOSEN, None)  # deleted meanwhile, or another month: record a new one
    chosen = st.selectbox(
        text.ENTRY_MEETING_CHOOSE,
        [None, *labels],
        format_func=lambda meeting_id: labels.get(meeting_id, text.ENTRY_MEETING_NEW),
        key=CHOSEN,
        placeholder=text.CHOOSE,
    )
    current = next((row for row in meetings.itertuples(index=False) if row.meeting_id == chosen), None)
    typed = meeting_form(
        branch=branch, groups=groups, month_last_day=month_last_day, locked=locked, current=current
    )
    if typed:
        actions.run_write(
            url,
            lambda session: _said(
                entry.save_meeting(
                    session=session,
                    actor=actor,
                    item=schemas.from_row(schemas.MeetingIn, typed),
                    meeting_id=chosen,
                    expected_version=int(current.version) if current is not None else None,
                ),
                typed["group"],
            ),
            success=lambda said: said,
        )
    if current is not None:
        _delete(url=url, actor=actor, current=current, locked=locked)


def _delete(*, url: str, actor: Actor, current, locked: bool) -> None:
    """删除所选会议, which asks first (ui/confirm.py): nothing is deleted by one click."""
    st.button(
        text.ENTRY_MEETING_DELETE,
        key="meeting-delete",
        disabled=locked,
        icon=":material/delete:",
        on_click=confirm.ask,
        args=(CONFIRMING, current.meeting_id),
    )
    if confirm.asked(CONFIRMING) != current.meeting_id or locked:
        return
    group = current.group if isinstance(current.group, str) else None

    def deleted(said: str) -> str:
        st.session_state.pop(CHOSEN, None)
        return said

    confirm.dialog(
        key=CONFIRMING,
        title=text.ENTRY_MEETING_DELETE,
        question=text.ENTRY_MEETING_DELETE_CONFIRM.format(meeting=literal(_label(current))),
        yes=text.ENTRY_CONFIRM_DELETE,
        no=text.ENTRY_CANCEL,
        keys=("meeting-delete-confirm", "meeting-delete-cancel"),
        delete=lambda: actions.run_write(
            url,
            lambda session: _said(
                entry.delete_meeting(
                    session=session,
                    actor=actor,
                    meeting_id=int(current.meeting_id),
                    expected_version=int(current.version),
                ),
                group,
            ),
            success=deleted,
        ),
    )
