"""Pieces the pages share: the row of headline figures and tables with the house number formats."""

import pandas as pd
import streamlit as st

from data_layer.metrics import Figure
from ui import format, text


def headline_rates(figures: list[tuple[str, Figure, str | None]]) -> None:
    """One bordered metric per rate with its 环比 in 个百分点; a missing value shows "—" and why."""
    for column, (label, figure, note) in zip(st.columns(len(figures), border=True), figures, strict=True):
        with column:
            change = format.rate_change(figure.change)
            flat = change is not None and not change.startswith(("+", "-"))
            st.metric(
                label,
                format.percent(figure.value),
                delta=change,
                delta_description=text.MOM if change else None,
                delta_color="off" if flat else "normal",
                delta_arrow="off" if flat else "auto",
            )
            if figure.reason:
                st.caption(figure.reason)
            elif note:
                st.caption(note)


def rate_table(frame: pd.DataFrame, *, labels: dict[str, str], rates: list[str]) -> None:
    """A table with Chinese headers; rate columns shown as 85.3% but still sorting as numbers."""
    shown = frame[list(labels)].copy()
    config = {}
    for column in rates:
        shown[column] = pd.to_numeric(shown[column], errors="coerce") * 100
        config[column] = st.column_config.NumberColumn(labels[column], format="%.1f%%")
    for column, label in labels.items():
        config.setdefault(column, st.column_config.Column(label))
    st.dataframe(shown, column_config=config, hide_index=True, width="stretch")
