"""The shared filters in the sidebar (month, organisations); they persist across pages."""

from collections.abc import Collection
from dataclasses import dataclass

import streamlit as st

from data_layer import clock, months, orgs
from data_layer.auth import Actor
from data_layer.vocab import OrgKind, Role
from ui import components, data, format, masking, text
from ui.literal import literal

FILTERS_KEY = "filters"
MAX_ORGANISATIONS = 300  # more than this in one list and the filter asks for a unit first


@dataclass(frozen=True)
class Filters:
    month: str
    org_ids: tuple[int, ...]
    anonymise: bool = False  # 匿名演示模式: every answer a page reads is masked (ui/masking.py)


def month_choices(url: str) -> tuple[list[str], str] | None:
    """The months offered (months.offered, by the product clock) and the one to open on; ``None``
    without any data."""
    latest = data.latest_month(url)
    if latest is None:
        return None
    current = clock.this_month()
    return months.offered(latest, current, data.earliest_month(url)), months.opening(latest, current)


def sidebar_filters(url: str, actor: Actor) -> Filters | None:
    """Draw the filters; ``None`` when there is no data to choose a month from."""
    offered = month_choices(url)
    if offered is None:
        return None
    choices, opening = offered
    nodes = data.visible_nodes(url, actor)
    with st.sidebar:
        month = components.remembered_choice(
            text.MONTH, choices, key="month", format_func=format.month_label, default=opening
        )
        if actor.role == Role.SECRETARY:
            st.caption(
                f"{text.ORGANISATIONS}：{'、'.join(literal(node.name) for node in nodes) or text.NO_VALUE}"
            )
            org_ids: list[int] = []
        else:
            org_ids = _organisations(nodes)
        anonymise = _anonymise_toggle()
    filters = Filters(month=month, org_ids=tuple(sorted(org_ids)), anonymise=anonymise)
    st.session_state[FILTERS_KEY] = filters
    return filters


def _organisations(nodes: list[orgs.OrgNode]) -> list[int]:
    """The organisations chosen, kept in the URL (``?org=1,2``). A mine's few dozen nodes are one list;
    at group scale (thousands of 党支部) one list of the 党委 and 党总支, and a second of the 党支部 of
    those chosen, so the browser is never sent thousands of names."""
    wanted = [int(part) for part in st.query_params.get("org", "").split(",") if part.isdigit()]
    by_id = {node.id: node for node in nodes}
    if len(nodes) <= MAX_ORGANISATIONS:
        chosen = _pick(text.ORGANISATIONS, nodes, key="org_ids", wanted=wanted)
    else:
        units = [node for node in nodes if node.kind != OrgKind.BRANCH]
        wanted_units = [
            by_id[i].parent_id if by_id[i].kind == OrgKind.BRANCH else i for i in wanted if i in by_id
        ]
        chosen = _pick(text.ORGANISATIONS, units, key="org_ids", wanted=wanted_units)
        branches = [node for node in nodes if node.kind == OrgKind.BRANCH and node.parent_id in chosen]
        if branches:
            chosen = _pick(text.BRANCHES_OF_CHOSEN, branches, key="org_branch_ids", wanted=wanted) or chosen
    if chosen:
        st.query_params["org"] = ",".join(str(node) for node in sorted(chosen))
    else:
        st.query_params.pop("org", None)
    return chosen


def _pick(label: str, nodes: list[orgs.OrgNode], *, key: str, wanted: Collection[int | None]) -> list[int]:
    labels = {node.id: "　" * node.depth + node.name for node in nodes}
    if key not in st.session_state:
        st.session_state[key] = [node for node in labels if node in wanted]
    st.session_state[key] = [node for node in st.session_state[key] if node in labels]
    return st.multiselect(
        label,
        list(labels),
        format_func=labels.__getitem__,
        help=text.ORGANISATIONS_HELP,
        placeholder=text.ALL_ORGANISATIONS,
        select_all=False,  # Streamlit's English "Select all"; choosing the 党委 is choosing all
        key=key,
    )


def _anonymise_toggle() -> bool:
    """The 匿名演示模式 switch; kept in the session and in the URL (``?anon=1``) so a link keeps it."""
    if masking.KEY not in st.session_state:
        st.session_state[masking.KEY] = st.query_params.get("anon") == "1"
    on = st.toggle(text.ANONYMISE, key=masking.KEY, help=text.ANONYMISE_HELP)
    if on:
        st.query_params["anon"] = "1"
    else:
        st.query_params.pop("anon", None)
    return on


def follow_sidebar_month(key: str) -> None:
    """Make a page's own month choice ``key`` follow the sidebar's month each time that changes: the two
    agree by default, and a month chosen on the page (or opened from a link) holds until the sidebar's
    month changes."""
    followed, month = f"{key}-follows", st.session_state[FILTERS_KEY].month
    if st.session_state.get(followed, month) != month:
        st.session_state.pop(key, None)
        st.query_params.pop(key, None)
    st.session_state[followed] = month


def current() -> Filters | None:
    return st.session_state.get(FILTERS_KEY)


def no_data_page() -> None:
    st.info(text.NO_DATA_YET, icon=":material/info:")
