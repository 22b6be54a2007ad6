"""The shared filters in the sidebar (month, organisations); they persist across pages."""

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from data_layer import anonymise as masking
from data_layer import months
from data_layer.auth import Actor
from data_layer.vocab import Role
from ui import components, data, format, text
from ui.literal import literal

FILTERS_KEY = "filters"


@dataclass(frozen=True)
class Filters:
    month: str
    org_ids: tuple[int, ...]
    anonymise: bool = False  # 匿名演示模式: member names masked, 党员编号 hidden, on every page

    def mask_frame(self, frame: pd.DataFrame, *, names=(), numbers=()) -> pd.DataFrame:
        """``frame`` as it may be shown: names masked and numbers hidden in anonymised mode."""
        return masking.mask_frame(frame, names=names, numbers=numbers) if self.anonymise else frame

    def mask_name(self, name: str | None) -> str | None:
        return masking.mask_name(name) if self.anonymise else name

    def mask_number(self, number: str | None) -> str | None:
        return masking.HIDDEN_NUMBER if self.anonymise else number


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
            st.caption(
                f"{text.ORGANISATIONS}：{'、'.join(literal(node.name) for node in nodes) or text.NO_VALUE}"
            )
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
        anonymise = _anonymise_toggle()
    filters = Filters(month=month, org_ids=tuple(sorted(org_ids)), anonymise=anonymise)
    st.session_state[FILTERS_KEY] = filters
    return filters


def _anonymise_toggle() -> bool:
    """The 匿名演示模式 switch; kept in the session and in the URL (``?anon=1``) so a link keeps it."""
    if "anonymise" not in st.session_state:
        st.session_state["anonymise"] = st.query_params.get("anon") == "1"
    on = st.toggle(text.ANONYMISE, key="anonymise", help=text.ANONYMISE_HELP)
    if on:
        st.query_params["anon"] = "1"
    else:
        st.query_params.pop("anon", None)
    return on


def current() -> Filters | None:
    return st.session_state.get(FILTERS_KEY)


def no_data_page() -> None:
    st.info(text.NO_DATA_YET, icon=":material/info:")
