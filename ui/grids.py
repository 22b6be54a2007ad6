"""The bulk editors (grids) of the month's sheets: how one is drawn, and its 保存 / 重新载入 buttons.

A grid only collects what was typed: the changed rows are validated and saved in data_layer (entry, lean,
safety), against the sheet as the person loaded it, so a refusal names the field and row and nothing is
half-written. Each form module declares its grids as a ``Grid`` (columns, which of them are typed in).
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd
import streamlit as st

from data_layer.auth import Actor
from data_layer.store import writes
from ui import actions, text


@dataclass(frozen=True)
class Grid:
    """A sheet's bulk editor: ``name`` keys its widgets (保存 is ``save-<name>``), ``help`` is the caption
    above it, ``columns`` are those shown, in order, with their st.column_config (the sheet's other
    columns are hidden), and only the ``editable`` ones can be typed in."""

    name: str
    help: str
    columns: Mapping[str, Any]
    editable: tuple[str, ...]


def typed_number(label: str, *, step: float = 0.01, format: str | None = "%.2f") -> Any:
    """A column of numbers people type: never below zero."""
    return st.column_config.NumberColumn(label, min_value=0, step=step, format=format)


def shown_number(label: str) -> Any:
    """A column of figures the sheet shows beside those typed (not typed in), with two decimals."""
    return st.column_config.NumberColumn(label, format="%.2f")


# The first columns of a sheet with a row per 党员.
MEMBER_COLUMNS = {
    "member_no": st.column_config.TextColumn(text.MEMBER_NO),
    "name": st.column_config.TextColumn(text.MEMBER_NAME),
}


def editor(sheet: pd.DataFrame, grid: Grid, *, locked: bool, key: str) -> pd.DataFrame:
    """The grid drawn on ``sheet``: the sheet with what the person typed. Only the editable columns can
    change (none when ``locked``); the rows are fixed. How to fill it in is said only when it can be
    (a locked month says why above it)."""
    if not locked:
        st.caption(grid.help)
    return st.data_editor(
        sheet,
        key=key,
        hide_index=True,
        width="stretch",
        placeholder="",  # an empty cell is shown empty, not as "None"
        disabled=locked or [column for column in sheet.columns if column not in grid.editable],
        column_order=list(grid.columns),
        column_config=dict(grid.columns),
    )


def saved_message(saved: writes.Saved) -> str:
    """What a grid's save did: rows 新增 and 修改 (with their lines), and those typed as already stored."""
    unchanged = text.ENTRY_UNCHANGED.format(unchanged=saved.unchanged) if saved.unchanged else ""
    if not saved.changed:
        return text.ENTRY_NOTHING.format(unchanged=unchanged)
    lines = "；".join(saved.lines[:5])
    return text.ENTRY_SAVED.format(
        inserted=saved.inserted, updated=saved.updated, unchanged=unchanged, lines=lines
    )


def _has_edits(state: object) -> bool:
    """Whether a data editor's widget state holds anything the person typed, added or deleted."""
    return isinstance(state, dict) and any(
        state.get(part) for part in ("edited_rows", "added_rows", "deleted_rows")
    )


def _forget(state: str) -> None:
    """Start the grid whose session state is named ``state`` afresh: a new editor (nothing typed) on the
    sheet as it is now."""
    st.session_state[f"{state}-generation"] = st.session_state.get(f"{state}-generation", 0) + 1
    st.session_state.pop(f"{state}-loaded", None)


def _as_loaded(sheet: pd.DataFrame, *, state: str, editor_key: str) -> pd.DataFrame:
    """The sheet as the person loaded it, kept while they have edits in the grid, so that their save is
    checked against the versions they saw (a row empty then and entered by someone since is refused, not
    replaced); the sheet as it is now whenever they have typed nothing."""
    loaded = f"{state}-loaded"
    if loaded not in st.session_state or not _has_edits(st.session_state.get(editor_key)):
        st.session_state[loaded] = sheet
    return st.session_state[loaded]


def editor_section(
    sheet: pd.DataFrame,
    grid: Grid,
    save_edits: Callable[..., writes.Saved],
    empty: str,
    *,
    url: str,
    actor: Actor,
    month: str,
    locked: bool,
    key: str,
) -> None:
    """A bulk editor with its 保存 button: the changed rows are validated and saved in data_layer, against
    the sheet as the person loaded it. After a save the grid starts afresh; after a refusal it keeps what
    was typed, and 重新载入 drops it for the sheet as it is now."""
    if sheet.empty:
        st.info(empty)
        return
    name = grid.name
    state = f"{name}-{key}"  # the grid's session state: its generation and the sheet as loaded
    editor_key = f"{state}-{st.session_state.get(f'{state}-generation', 0)}"
    loaded = _as_loaded(sheet, state=state, editor_key=editor_key)
    edited = editor(loaded, grid, locked=locked, key=editor_key)

    def saved(result: writes.Saved) -> str:
        _forget(state)
        return saved_message(result)

    save, reload, _ = st.columns([1, 1, 6])
    if save.button(text.ENTRY_SAVE, key=f"save-{name}", type="primary", disabled=locked):
        actions.run_write(
            url,
            lambda session: save_edits(
                session=session, actor=actor, month=month, original=loaded, edited=edited
            ),
            success=saved,
        )
    reload.button(
        text.ENTRY_RELOAD, key=f"reload-{name}", help=text.ENTRY_RELOAD_HELP, on_click=_forget, args=(state,)
    )
