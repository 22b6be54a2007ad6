"""The screen's number, money, month and time formats: ``data_layer.display``, the one formatting
module the narrative, Excel and PDF use too (so a figure reads the same everywhere)."""

from data_layer.display import (
    count_change,
    date_label,
    decimal,
    money,
    month_label,
    per_thousand,
    per_thousand_change,
    percent,
    rate_change,
    score,
    score_change,
    short_month_label,
    time_label,
    wan_yuan,
)

__all__ = [
    "count_change",
    "date_label",
    "decimal",
    "money",
    "month_label",
    "per_thousand",
    "per_thousand_change",
    "percent",
    "rate_change",
    "score",
    "score_change",
    "short_month_label",
    "time_label",
    "wan_yuan",
]
