"""The shared filters in the sidebar (month, organisations); they persist across pages."""

from dataclasses import dataclass

import streamlit as st

from data_layer import months
from data_layer.auth import Actor
from data_layer.vocab import Role
from ui import components, data, format, text

FILTERS_KEY = "filters"


@dataclass(frozen=True)
class Filters:
    month: str
    org_ids: tuple[int, ...]


def _month_choices(latest: str) -> list[str]:
    """From January of the year before the newest data through the newest month, newest first."""
    first = months.make(months.year_of(latest) - 1, 1)
    return list(reversed(months.span(first, latest)))


def sidebar_filters(url: str, actor: Actor) -> Filters | None:
    """Draw the filters; ``None`` when there is no data to choose a month from."""
    latest = data.latest_month(url)
    if latest is None:
        return None
    nodes = data.visible_nodes(url, actor)
    labels = {node.id: "　" * node.depth + node.name for node in nodes}
    with st.sidebar:
        month = components.remembered_choice(
            text.MONTH, _month_choices(latest), key="month", format_func=format.month_label
        )
        if actor.role == Role.SECRETARY:
            st.caption(f"{text.ORGANISATIONS}：{'、'.join(node.name for node in nodes) or text.NO_VALUE}")
            org_ids: list[int] = []
        else:
            if "org_ids" not in st.session_state:
                wanted = st.query_params.get("org", "").split(",")
                st.session_state["org_ids"] = [node for node in labels if str(node) in wanted]
            org_ids = st.multiselect(
                text.ORGANISATIONS,
                list(labels),
                format_func=labels.__getitem__,
                help=text.ORGANISATIONS_HELP,
                placeholder=text.ALL_ORGANISATIONS,
                key="org_ids",
            )
            if org_ids:
                st.query_params["org"] = ",".join(str(node) for node in sorted(org_ids))
            else:
                st.query_params.pop("org", None)
    filters = Filters(month=month, org_ids=tuple(sorted(org_ids)))
    st.session_state[FILTERS_KEY] = filters
    return filters


def current() -> Filters | None:
    return st.session_state.get(FILTERS_KEY)


def no_data_page() -> None:
    st.info(text.NO_DATA_YET, icon=":material/info:")
