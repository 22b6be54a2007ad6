"""The hand-made organisation's lean mechanisms (对标, 金点子, 帮扶结对, 党费), added after its monthly figures.

Each function adds one mechanism's rows to the organisation ``tests/handmade.py`` builds, looking its
党支部 and members up by name; its docstring works out by hand the figures the tests expect.
"""

from sqlmodel import Session


def add_stars(session: Session) -> None:
    """对标: no indicators yet."""


def add_ideas(session: Session) -> None:
    """金点子: no ideas yet."""


def add_pairs(session: Session) -> None:
    """帮扶结对: no pairings yet."""


def add_dues(session: Session) -> None:
    """党费: no dues yet."""
