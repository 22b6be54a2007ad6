"""The monthly report: as plain data, its narrative, and as Excel, PDF and chart files.

The public functions of the modules below, re-exported; modules of this package import each other's
modules, never this file."""

from data_layer.reports.anonymise import (
    COMPOUND_SURNAMES,
    HIDDEN_NUMBER,
    Masker,
    known_people,
    mask_frame,
    mask_name,
    masker,
)
from data_layer.reports.charts import (
    WIDTH,
    budget_by_branch,
    completion_ranking,
    png,
    report_charts,
    safety_quadrants,
    study_by_branch,
)
from data_layer.reports.lean import (
    STAR_NAMES,
    dues_part,
    dues_sheets,
    ideas_part,
    ideas_sheet,
    lean_headlines,
    pairs_part,
    pairs_sheet,
    stars_part,
    stars_sheet,
)
from data_layer.reports.monthly import (
    monthly_report,
)
from data_layer.reports.narrative import (
    HEADLINES,
    change,
    month_words,
    paragraph,
    percent,
    title,
)
from data_layer.reports.pdf import (
    pdf_bytes,
)
from data_layer.reports.pdf_text import (
    pdf_font,
    pdf_markup,
)
from data_layer.reports.safety import (
    first_few,
    per_mille_words,
    safety_headlines,
    safety_notes,
    safety_part,
    safety_sheets,
    talk_reasons,
)
from data_layer.reports.theme import (
    AMBER,
    GOLD,
    GREEN,
    GREY,
    PARTY_RED,
    RATE_AXIS,
    RED_BROWN,
    STATUS_COLOURS,
    STATUS_ICONS,
    themed,
)
from data_layer.reports.xlsx import (
    TASK_STATUSES,
    TOTAL,
    anonymised,
    report_pdf,
    report_sheets,
    report_xlsx,
)

__all__ = [
    "AMBER",
    "COMPOUND_SURNAMES",
    "GOLD",
    "GREEN",
    "GREY",
    "HEADLINES",
    "HIDDEN_NUMBER",
    "PARTY_RED",
    "RATE_AXIS",
    "RED_BROWN",
    "STAR_NAMES",
    "STATUS_COLOURS",
    "STATUS_ICONS",
    "TASK_STATUSES",
    "TOTAL",
    "WIDTH",
    "Masker",
    "anonymised",
    "budget_by_branch",
    "change",
    "completion_ranking",
    "dues_part",
    "dues_sheets",
    "first_few",
    "ideas_part",
    "ideas_sheet",
    "known_people",
    "lean_headlines",
    "mask_frame",
    "mask_name",
    "masker",
    "month_words",
    "monthly_report",
    "pairs_part",
    "pairs_sheet",
    "paragraph",
    "pdf_bytes",
    "pdf_font",
    "pdf_markup",
    "per_mille_words",
    "percent",
    "png",
    "report_charts",
    "report_pdf",
    "report_sheets",
    "report_xlsx",
    "safety_headlines",
    "safety_notes",
    "safety_part",
    "safety_quadrants",
    "safety_sheets",
    "stars_part",
    "stars_sheet",
    "study_by_branch",
    "talk_reasons",
    "themed",
    "title",
]
