"""The 安全生产填报 page's two grids (drawn by ui/grids.py): each 党支部's unit's safety month and its
production indicators' plan and actual.

They only collect what was typed; validation and saving happen in data_layer/safety/figures.py (a refusal
names its 党支部 and field, nothing is half-written).
"""

import streamlit as st

from ui import grids, text

UNIT_COLUMNS = {  # a row's 党支部 and its unit (区队), first in both grids
    "branch": st.column_config.TextColumn(text.BRANCH),
    "unit": st.column_config.TextColumn(text.SAFETY_UNIT),
}

COUNTED = {
    "workforce": text.SAFETY_WORKFORCE,
    "hazards_found": text.SAFETY_HAZARDS_FOUND,
    "hazards_closed": text.SAFETY_HAZARDS_CLOSED,
    "hazards_by_members": text.SAFETY_HAZARDS_BY_MEMBERS,
    "violations_members": text.SAFETY_VIOLATIONS_MEMBERS,
    "violations_others": text.SAFETY_VIOLATIONS_OTHERS,
    "injury_accidents": text.SAFETY_INJURY,
    "other_accidents": text.SAFETY_OTHER_ACCIDENTS,
    "safe_days": text.SAFETY_SAFE_DAYS,
}

SAFETY = grids.Grid(
    name="safety",
    help=text.SAFETY_EDITOR_HELP,
    columns={
        **UNIT_COLUMNS,
        **{name: grids.typed_number(label, step=1, format="%d") for name, label in COUNTED.items()},
    },
    editable=tuple(COUNTED),
)

PRODUCTION = grids.Grid(
    name="production",
    help=text.PRODUCTION_EDITOR_HELP,
    columns={
        **UNIT_COLUMNS,
        "name": st.column_config.TextColumn(text.PRODUCTION_INDICATOR),
        "measure": st.column_config.TextColumn(text.PRODUCTION_MEASURE),
        "plan": grids.typed_number(text.PRODUCTION_PLAN),
        "actual": grids.typed_number(text.PRODUCTION_ACTUAL),
    },
    editable=("plan", "actual"),
)
