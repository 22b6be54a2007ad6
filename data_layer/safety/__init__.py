"""党建+安全生产, write side: each 党支部's business unit and production indicators (set-up), a unit's
monthly production and safety figures (administrators), and the 党员先锋岗 / 党员责任区 with their
monthly checks (secretaries). The read side is ``metrics.safety``.

The public functions of the modules below, re-exported; modules of this package import each other's
modules, never this file."""

from data_layer.safety.figures import (
    PRODUCTION_COLUMNS,
    PRODUCTION_EDITOR,
    SAFETY_COLUMNS,
    SAFETY_EDITOR,
    SAFETY_FIELDS,
    preload_production,
    preload_safety,
    production_sheet,
    safety_sheet,
    save_production,
    save_production_edits,
    save_safety,
    save_safety_edits,
    unit_branch,
)
from data_layer.safety.pioneers import (
    CHECK_COLUMNS,
    CHECK_EDITOR,
    POST_COLUMNS,
    checks_sheet,
    posts_of,
    preload_checks,
    preload_posts,
    save_check,
    save_check_edits,
    save_post,
)
from data_layer.safety.units import (
    INDICATOR_COLUMNS,
    UNIT_COLUMNS,
    branch_units,
    copy_indicators,
    indicator_list,
    save_indicator,
    set_branch_unit,
    set_indicator_active,
)

__all__ = [
    "CHECK_COLUMNS",
    "CHECK_EDITOR",
    "INDICATOR_COLUMNS",
    "POST_COLUMNS",
    "PRODUCTION_COLUMNS",
    "PRODUCTION_EDITOR",
    "SAFETY_COLUMNS",
    "SAFETY_EDITOR",
    "SAFETY_FIELDS",
    "UNIT_COLUMNS",
    "branch_units",
    "checks_sheet",
    "copy_indicators",
    "indicator_list",
    "posts_of",
    "preload_checks",
    "preload_posts",
    "preload_production",
    "preload_safety",
    "production_sheet",
    "safety_sheet",
    "save_check",
    "save_check_edits",
    "save_indicator",
    "save_post",
    "save_production",
    "save_production_edits",
    "save_safety",
    "save_safety_edits",
    "set_branch_unit",
    "set_indicator_active",
    "unit_branch",
]
