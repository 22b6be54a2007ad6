"""The protocol client of ``benchmarks.many_at_once`` still reaches the overview: two people, each with
cookies of their own, open the login page of a real dashboard on the mine demo over Streamlit's websocket
and log in as ``leader`` at the same moment. No browser and no timing is checked: what is checked is that
the client still speaks the protocol as the server expects (form submit, the login's ``st.rerun()``, the
overview's elements and the end of its run), so that the benchmark measures what a person would see; and
that a login the server refuses is a failure of the client, not a wait until its timeout."""

import asyncio
from concurrent.futures import ThreadPoolExecutor

import pytest

from benchmarks import many_at_once, streamlit_client
from ui import text
from ui.streamlit_internals import ForwardMsg


def run_apart(coroutine):
    """``asyncio.run`` in a thread of its own: the browser tests' Playwright keeps an event loop running
    in this one."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def test_two_people_log_in_together_and_both_reach_the_overview(dashboard):
    together = run_apart(many_at_once.by_protocol([dashboard.base_url], 2))

    assert len(together.seconds) == 2
    assert all(seconds > 0 for seconds in together.seconds)
    for person in together.people:
        assert person.run.metric and person.run.overview_title, person.run
        assert person.run.finished == ForwardMsg.FINISHED_SUCCESSFULLY
        assert not person.running
        assert person.run.alerts == []
        assert {text.USERNAME, text.PASSWORD, text.LOGIN} <= person.widgets.keys()
    first, second = ({cookie.name: cookie.value for cookie in person.cookies} for person in together.people)
    assert first[streamlit_client.XSRF_COOKIE] != second[streamlit_client.XSRF_COOKIE]  # two browsers

    async def wrong_password() -> None:
        person = await streamlit_client.login_page(dashboard.base_url)
        try:
            await streamlit_client.log_in(person, many_at_once.USERNAME, "not the password")
        finally:
            await person.close()

    with pytest.raises(streamlit_client.ProtocolError, match="without the overview"):
        run_apart(asyncio.wait_for(wrong_password(), 60))
