"""The 对标评星 page's forms: a leader's 人工评分, and the administrator's scheme and 五星 quota.

They collect what was typed; data_layer.lean.benchmark validates and writes (a refusal names the field)."""

import pandas as pd
import streamlit as st

from data_layer import schemas
from data_layer.auth import Actor
from data_layer.lean import benchmark
from data_layer.vocab import IndicatorSource, ScoringRule
from ui import actions, components, data, format, text

SCHEME = {
    "name": (text.STAR_INDICATOR, "text"),
    "source": (text.STAR_SOURCE, "text"),
    "rule": (text.STAR_RULE, "text"),
    "weight": (text.STAR_WEIGHT, "decimal"),
    "target": (text.STAR_TARGET, "decimal"),
    "floor": (text.STAR_FLOOR, "decimal"),
    "deduction": (text.STAR_DEDUCTION, "decimal"),
    "sort_order": (text.STAR_ORDER, "int"),
    "state": (text.STAR_ACTIVE, "text"),
}


def manual_score_form(
    *, url: str, actor: Actor, month: str, scheme: pd.DataFrame, branches: list[str]
) -> None:
    """人工评分 of one 党支部 on one indicator for the month chosen."""
    st.subheader(text.STAR_MANUAL_TITLE.format(month=format.month_label(month)), help=text.STAR_MANUAL_HELP)
    manual = scheme[(scheme["source"] == IndicatorSource.MANUAL) & scheme["active"]]
    if manual.empty:
        st.caption(text.STAR_MANUAL_NONE)
        return
    weights = dict(zip(manual["name"], manual["weight"], strict=True))
    with st.form("manual-score-form"):
        left, middle, right = st.columns(3)
        indicator = left.selectbox(text.STAR_INDICATOR, list(weights), placeholder=text.CHOOSE)
        branch = middle.selectbox(text.BRANCH, branches, placeholder=text.CHOOSE)
        top = float(max(weights.values()))
        points = right.number_input(
            text.STAR_POINTS.format(weight=f"{top:g}"), min_value=0.0, max_value=top, step=0.5, value=None
        )
        note = st.text_input(text.STAR_NOTE, max_chars=200)
        sent = st.form_submit_button(text.STAR_MANUAL_SAVE, type="primary")
    if sent:
        typed = {"month": month, "branch": branch, "indicator": indicator, "points": points, "note": note}
        actions.run_write(
            url,
            lambda session: benchmark.save_manual_score(
                session=session, actor=actor, item=schemas.from_row(schemas.ManualScoreIn, typed)
            ),
            success=lambda row: text.STAR_MANUAL_SAVED.format(
                branch=branch,
                month=format.month_label(month),
                indicator=indicator,
                points=f"{float(row.points):g}",
            ),
        )


def scheme_section(*, url: str, actor: Actor, year: int) -> None:
    """The year's indicators, with forms to add, change, 停用/启用 or delete one, and the 五星 quota."""
    scheme = data.scheme_table(url, year)
    st.subheader(text.STAR_SCHEME_TITLE.format(year=year))
    if scheme.empty:
        st.info(text.STAR_SCHEME_EMPTY.format(year=year))
        if st.button(text.STAR_SCHEME_INSTALL, icon=":material/playlist_add:"):
            actions.run_write(
                url,
                lambda session: benchmark.install_scheme(session=session, actor=actor, year=year),
                success=lambda count: text.STAR_SCHEME_INSTALLED.format(year=year, count=count),
            )
    else:
        shown = scheme.assign(state=scheme["active"].map(text.STAR_STATES))
        components.table(shown, SCHEME, download=f"对标方案_{year}", key="star-scheme")
        _indicator_actions(url=url, actor=actor, scheme=scheme)
    _indicator_form(url=url, actor=actor, year=year)
    _quota_form(url=url, actor=actor)


def _indicator_actions(*, url: str, actor: Actor, scheme: pd.DataFrame) -> None:
    labels = dict(zip(scheme["indicator_id"], scheme["name"], strict=True))
    active = dict(zip(scheme["indicator_id"], scheme["active"], strict=True))
    chosen = st.selectbox(
        text.STAR_CHOOSE_INDICATOR,
        list(labels),
        format_func=labels.__getitem__,
        key="star-indicator",
        placeholder=text.CHOOSE,
    )
    toggle, remove = st.columns(2)
    state = not active[chosen]
    if toggle.button(text.STAR_ENABLE if state else text.STAR_DISABLE, key="star-toggle"):
        actions.run_write(
            url,
            lambda session: benchmark.set_indicator_active(
                session=session, actor=actor, indicator_id=chosen, active=state
            ),
            success=lambda _: text.STAR_TOGGLED.format(state=text.STAR_STATES[state], name=labels[chosen]),
        )
    if remove.button(text.STAR_DELETE, key="star-delete", icon=":material/delete:"):
        actions.run_write(
            url,
            lambda session: benchmark.delete_indicator(session=session, actor=actor, indicator_id=chosen),
            success=lambda _: text.STAR_DELETED.format(name=labels[chosen]),
        )


def _indicator_form(*, url: str, actor: Actor, year: int) -> None:
    with st.expander(text.STAR_SCHEME_ADD, icon=":material/edit:"), st.form("indicator-form"):
        left, middle, right = st.columns(3)
        name = left.text_input(text.STAR_INDICATOR, max_chars=50)
        source = middle.selectbox(
            text.STAR_SOURCE, list(IndicatorSource), placeholder=text.CHOOSE, help=text.STAR_SOURCE_HELP
        )
        rule = right.selectbox(text.STAR_RULE, list(ScoringRule), placeholder=text.CHOOSE)
        weight = left.number_input(text.STAR_WEIGHT, min_value=0.0, max_value=100.0, value=10.0, step=1.0)
        target = middle.number_input(text.STAR_TARGET, min_value=0.0, max_value=100.0, value=None, step=5.0)
        floor = right.number_input(text.STAR_FLOOR, min_value=0.0, max_value=100.0, value=None, step=5.0)
        deduction = left.number_input(
            text.STAR_DEDUCTION, min_value=0.0, max_value=100.0, value=None, step=0.5
        )
        order = middle.number_input(text.STAR_ORDER, min_value=0, max_value=999, value=0, step=1)
        sent = st.form_submit_button(text.STAR_SCHEME_SAVE, type="primary")
    if sent:
        typed = {
            "year": year,
            "name": name,
            "source": source,
            "rule": rule,
            "weight": weight,
            "target": target,
            "floor": floor,
            "deduction": deduction,
            "sort_order": order,
        }
        actions.run_write(
            url,
            lambda session: benchmark.save_indicator(
                session=session, actor=actor, item=schemas.from_row(schemas.IndicatorIn, typed)
            ),
            success=lambda row: text.STAR_SCHEME_SAVED.format(name=row.name),
        )


def _quota_form(*, url: str, actor: Actor) -> None:
    current = data.setting(url, benchmark.FIVE_STAR_SETTING) or "1/3"
    with st.form("five-star-form"):
        share = st.selectbox(
            text.STAR_SHARE,
            benchmark.FIVE_STAR_CHOICES,
            index=benchmark.FIVE_STAR_CHOICES.index(current),
            placeholder=text.CHOOSE,
        )
        sent = st.form_submit_button(text.STAR_SHARE_SAVE)
    if sent:
        actions.run_write(
            url,
            lambda session: benchmark.set_five_star_share(session=session, actor=actor, share=share),
            success=lambda _: text.STAR_SHARE_SAVED.format(share=share),
        )
