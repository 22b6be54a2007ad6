"""A select box over thousands of 党支部 or members offers 300 at a time, narrowed by a search box."""

from streamlit.testing.v1 import AppTest


def _page():
    from ui import components

    names = {number: f"党员{number:05d}" for number in range(1, 60_001)}
    components.remembered_choice("党员", list(names), key="member", format_func=names.get)


def test_sixty_thousand_members_are_offered_300_at_a_time_and_found_by_search():
    at = AppTest.from_function(_page, default_timeout=30).run()
    box = at.selectbox(key="member")
    assert len(box.options) == 300
    assert at.caption[0].value == "列出 300 项，共 60,000 项符合"

    at.text_input(key="member-find").input("5999").run()
    box = at.selectbox(key="member")
    # 党员05999, 15999 … 55999 and 党员59990 … 59999 contain "5999"; the first member stays chosen.
    found = [f"党员{n:05d}" for n in (5999, 15999, 25999, 35999, 45999, 55999, *range(59990, 60000))]
    assert box.options == ["党员00001", *found]
    assert at.caption[0].value == "列出 16 项，共 16 项符合"

    box.select(59995).run()
    assert at.selectbox(key="member").value == 59995
    assert at.query_params["member"] == "59995"
