"""会议模式 slides: one subject per screen, drawn large for a projector.

Each slide is a function of the page context that draws its subject for the chosen month and
organisations from the cached views (ui/data.py) and the pages' charts (ui/charts), restyled with
twice the type (``projector``). One module per group of slides (``overview``, ``views``, ``lean``,
``safety``); ``deck`` puts them in order; ``timer`` says when to turn (plain functions, tested directly).
Pages use ``slides.<name>``.
"""

from ui.slides.deck import SLIDES, Slide
from ui.slides.projector import MAX_HEIGHT, PROJECTOR_CSS, SLIDE_ROWS, projected
from ui.slides.timer import DEFAULT_SECONDS, seconds_between, seconds_left, step, tick

__all__ = [
    "DEFAULT_SECONDS",
    "MAX_HEIGHT",
    "PROJECTOR_CSS",
    "SLIDES",
    "SLIDE_ROWS",
    "Slide",
    "projected",
    "seconds_between",
    "seconds_left",
    "step",
    "tick",
]
