"""会议模式: for a projector — no sidebar, twice the type, one subject per screen, turning by itself.

The month and organisations are those chosen in the filters before entering. A one-second timer (a
fragment with ``run_every``) asks ``slides.tick`` whether the slide is due to turn; 上一页 / 下一页 / 暂停
change the session's deck state. While paused the timer does not run at all.
"""

import time

import streamlit as st

from data_layer.vocab import Role
from ui import data, navigation, report_ui, shell, slides, text

INDEX, PAUSED, SHOWN_AT = "meeting_slide", "meeting_paused", "meeting_shown_at"

context = shell.page_context(roles=frozenset({Role.LEADER, Role.ADMIN}))
st.html(slides.PROJECTOR_CSS)

deck = slides.SLIDES
seconds = slides.seconds_between(data.setting(context.url, "meeting_seconds"))
state = st.session_state
state.setdefault(INDEX, 0)
state.setdefault(PAUSED, False)
state.setdefault(SHOWN_AT, time.time())
state[INDEX] %= len(deck)


def go(by: int) -> None:
    state[INDEX] = slides.step(state[INDEX], len(deck), by)
    state[SHOWN_AT] = time.time()


def pause(paused: bool) -> None:
    """暂停 pauses and 继续 resumes, whatever the state is when the click arrives: a second click on a
    button not yet redrawn (a double click on a slow projector link) must not undo the first."""
    state[PAUSED] = paused
    state[SHOWN_AT] = time.time()


def clock() -> None:
    """Turn the slide when it is due (a rerun of the whole page draws it); say when the next turn is."""
    now = time.time()
    index, shown_at = slides.tick(
        index=state[INDEX],
        shown_at=state[SHOWN_AT],
        now=now,
        seconds=seconds,
        paused=state[PAUSED],
        count=len(deck),
    )
    state[SHOWN_AT] = shown_at
    if index != state[INDEX]:
        state[INDEX] = index
        st.rerun()
    if state[PAUSED]:
        st.caption(text.MEETING_PAUSED)
    else:
        st.caption(
            text.MEETING_COUNTDOWN.format(
                seconds=slides.seconds_left(shown_at=shown_at, now=now, seconds=seconds)
            )
        )


with st.container(key="meeting-bar", horizontal=True, vertical_alignment="center", gap="medium"):
    counter = st.container(key="meeting-counter", width="content")
    timer = st.container(width="stretch")
    with timer:
        st.fragment(clock, run_every=None if state[PAUSED] else 1)()
    with counter:
        badge = f"　:orange-badge[{text.MEETING_ANONYMISED}]" if context.filters.anonymise else ""
        st.markdown(f"**{state[INDEX] + 1} / {len(deck)}**{badge}")
    st.button(
        text.MEETING_PREVIOUS, key="meeting-previous", on_click=go, args=(-1,), icon=":material/chevron_left:"
    )
    st.button(
        text.MEETING_RESUME if state[PAUSED] else text.MEETING_PAUSE,
        key="meeting-pause",
        on_click=pause,
        args=(not state[PAUSED],),
        icon=":material/play_arrow:" if state[PAUSED] else ":material/pause:",
    )
    st.button(text.MEETING_NEXT, key="meeting-next", on_click=go, args=(1,), icon=":material/chevron_right:")
    st.page_link(navigation.script("overview"), label=text.MEETING_EXIT, icon=":material/close:")

deck[state[INDEX]].draw(context)

# The month's 通报 for the same filters, folded away below the slide.
with st.expander(text.REPORT_TITLE, icon=":material/description:"):
    chosen = context.filters
    report_ui.report_download(
        url=context.url,
        actor=context.actor,
        month=chosen.month,
        org_ids=chosen.org_ids,
        anonymise=chosen.anonymise,
        key="meeting-report",
    )
