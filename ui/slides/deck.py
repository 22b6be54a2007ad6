"""The deck: every slide of 会议模式, in the order the meeting sees them."""

from collections.abc import Callable
from dataclasses import dataclass

from ui import text
from ui.shell import PageContext
from ui.slides.lean import lean_slide, stars_slide
from ui.slides.overview import alerts_slide, overview_slide, ranking_slide
from ui.slides.safety import safety_slide
from ui.slides.views import budget_slide, meetings_slide, study_slide, tasks_slide


@dataclass(frozen=True)
class Slide:
    subject: str
    draw: Callable[[PageContext], None]


SLIDES = (
    Slide(text.SLIDE_OVERVIEW, overview_slide),
    Slide(text.SLIDE_TASKS, tasks_slide),
    Slide(text.SLIDE_STUDY, study_slide),
    Slide(text.SLIDE_BUDGET, budget_slide),
    Slide(text.SLIDE_MEETINGS, meetings_slide),
    Slide(text.SLIDE_RANKING, ranking_slide),
    Slide(text.SLIDE_STARS, stars_slide),
    Slide(text.LEAN_TITLE, lean_slide),
    Slide(text.SLIDE_SAFETY, safety_slide),
    Slide(text.SLIDE_ALERTS, alerts_slide),
)
