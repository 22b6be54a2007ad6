"""Pieces the pages share: headline figures, tables with the house formats and an Excel download, and
selections remembered in the URL so that a link opens the same view."""

import re
from typing import TYPE_CHECKING, Literal

import pandas as pd
import streamlit as st

from data_layer.excel import Sheet, workbook_bytes
from data_layer.metrics import Figure
from ui import format, text
from ui.derived import derived
from ui.streamlit_internals import frame_to_arrow

if TYPE_CHECKING:  # Streamlit's dependency, not ours: named for the type only
    import pyarrow as pa  # type: ignore[import-untyped]

# How a column is shown: on screen (printf format over the stored value) and in Excel.
_SCREEN = {"percent": "%.1f%%", "money": "¥%,.2f", "int": "%d", "decimal": "%.2f"}


def change_metric(
    label: str,
    value: str,
    change: str | None,
    *,
    border: bool = False,
    coloured: bool = True,
    worse_up: bool = False,
) -> None:
    """A figure with its 环比 as ``format`` writes it ("+3.1 个百分点", "+1.6 分"); 持平 has no arrow.
    ``coloured=False`` where up is not simply good (经费执行率); ``worse_up`` where up is bad (三违率)."""
    flat = change is not None and not change.startswith(("+", "-"))
    st.metric(
        label,
        value,
        delta=change,
        delta_description=text.MOM if change else None,
        delta_color="off" if flat or not coloured else "inverse" if worse_up else "normal",
        delta_arrow="off" if flat else "auto",
        border=border,
    )


def rate_metric(label: str, figure: Figure, *, note: str | None = None, border: bool = False) -> None:
    """A rate with its 环比 in 个百分点 (no arrow when flat); a missing value shows "—" and why."""
    change_metric(label, format.percent(figure.value), format.rate_change(figure.change), border=border)
    if figure.reason or note:
        st.caption(figure.reason or note)


def headline_rates(figures: list[tuple[str, Figure, str | None]]) -> None:
    """One bordered metric per rate, side by side."""
    for column, (label, figure, note) in zip(st.columns(len(figures), border=True), figures, strict=True):
        with column:
            rate_metric(label, figure, note=note)


MAX_TABLE_ROWS = 300
MAX_CHOICES = 300


def table(
    frame: pd.DataFrame,
    columns: dict[str, tuple[str, str]],
    *,
    download: str | None = None,
    key: str | None = None,
    height: int | Literal["auto", "content", "stretch"] = "auto",
) -> None:
    """A table of ``columns`` {name: (Chinese header, kind)}, kinds text/percent/money/int/decimal.

    Rates stay numbers (sortable) and show as 85.3%; money as ¥1,234.56. At most ``MAX_TABLE_ROWS``
    rows go to the browser, with a note of how many there are; with ``download`` a button offers every
    row as an Excel file of that name, built only when it is clicked. ``key`` names the table's
    container (tests find it with ``at.get_by_key``).
    """
    shown = derived(frame, _on_screen, tuple((name, kind) for name, (_, kind) in columns.items()))
    config = {
        name: st.column_config.NumberColumn(label, format=_SCREEN[kind])
        if kind in _SCREEN
        else st.column_config.Column(label)
        for name, (label, kind) in columns.items()
    }
    with st.container(key=key) if key else st.container():
        st.dataframe(
            shown, column_config=config, hide_index=True, width="stretch", height=height, placeholder="—"
        )  # an empty cell reads "—" (UX), never "None"
    if len(frame) > MAX_TABLE_ROWS:
        note = text.TABLE_LIMITED_DOWNLOAD if download else text.TABLE_LIMITED
        st.caption(note.format(shown=MAX_TABLE_ROWS, total=len(frame)))
    if download:
        sheet = Sheet(
            name=re.sub(r"[\\/*?:\[\]]", "", download)[:31],
            frame=frame,
            columns={name: label for name, (label, _) in columns.items()},
            formats={name: kind for name, (_, kind) in columns.items() if kind != "text"},
        )
        st.download_button(
            text.DOWNLOAD_EXCEL,
            data=lambda: workbook_bytes([sheet]),
            file_name=f"{download}.xlsx",
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            icon=":material/download:",
            key=f"download-{key or download}",
        )


def _on_screen(frame: pd.DataFrame, kinds: tuple[tuple[str, str], ...]) -> "pa.Table":
    """The first ``MAX_TABLE_ROWS`` rows of the columns as the screen shows them, in Arrow as
    ``st.dataframe`` would convert them (once per frame)."""
    shown = frame.head(MAX_TABLE_ROWS)[[name for name, _ in kinds]].copy()
    for name, kind in kinds:
        if kind == "percent":
            shown[name] = pd.to_numeric(shown[name], errors="coerce") * 100
        if kind in ("money", "decimal"):
            shown[name] = pd.to_numeric(shown[name], errors="coerce")
        if kind == "text":  # an empty cell shows as blank, not "None"
            shown[name] = shown[name].astype(object).where(shown[name].notna(), "")
    return frame_to_arrow(shown)


def remembered_choice(label: str, options: list, *, key: str, format_func=str, default=None, **kwargs):
    """A selectbox whose choice lives in the URL (``?key=…``), so a shared link opens the same view;
    without a link or an earlier choice it shows ``default`` (when one of the options), else the first.

    Not Streamlit's ``bind="query-params"``: a bound selectbox keeps its *shown* text in the URL, which
    for a member or 党支部 choice is a person's name (in links, browser history and server logs, and past
    匿名演示模式); here the URL holds the option itself, an id or a month.

    The box is drawn with the current choice as its own default (``index``): the browser falls back to
    a widget's default when it forgets its state (it can, while a page switch redraws the sidebar), and
    that must never turn a choice into another one (the month jumping to the newest under a click).

    With more than ``MAX_CHOICES`` options (2,500 党支部, 60,000 members at group scale) a search box
    above narrows them by their shown text, and the box offers at most ``MAX_CHOICES`` of the matches,
    always including the current choice, with a note of how many there are.
    """
    wanted = st.query_params.get(key)
    if key not in st.session_state and wanted is not None:  # opened from a link
        linked = next((option for option in options if str(option) == wanted), None)
        if linked is not None:
            st.session_state[key] = linked
    if key in st.session_state and st.session_state[key] not in options:
        st.session_state.pop(key)
    current = st.session_state.get(key, default if default in options else None)
    if len(options) > MAX_CHOICES:
        options = _narrowed(label, options, key=key, format_func=format_func, current=current)
    kwargs.setdefault("placeholder", text.CHOOSE)  # not Streamlit's English "Choose an option"
    index = options.index(current) if current in options else 0
    choice = st.selectbox(label, options, index=index, key=key, format_func=format_func, **kwargs)
    if choice is None:
        st.query_params.pop(key, None)
    else:
        st.query_params[key] = str(choice)
    return choice


def _narrowed(label: str, options: list, *, key: str, format_func, current) -> list:
    found = st.text_input(text.FIND.format(what=label), key=f"{key}-find", placeholder=text.FIND_HINT)
    matches = (
        [option for option in options if found.strip() in str(format_func(option))] if found else options
    )
    kept = [] if current is None or current in matches[:MAX_CHOICES] else [current]  # the choice stays
    listed = matches[: MAX_CHOICES - len(kept)]
    st.caption(text.FIND_COUNT.format(shown=len(listed), total=len(matches)))
    return kept + listed
