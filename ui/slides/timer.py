"""When the meeting page turns its slide: the seconds between slides, the next slide, a tick of the clock.

Plain functions of numbers (no Streamlit), tested directly; pages/views/meeting.py asks them each tick.
"""

import math

DEFAULT_SECONDS = 20
MIN_SECONDS, MAX_SECONDS = 5, 600
TICK_SLACK = 0.5  # the timer ticks once a second; a tick half a second early still turns the slide
STALE_AFTER = 3  # a clock this many periods old means the page was left: restart it, do not turn


def seconds_between(value: str | None) -> int:
    """The ``meeting_seconds`` setting as a number of seconds (5–600; 20 when unset or unreadable)."""
    try:
        seconds = int(str(value).strip())
    except (TypeError, ValueError):
        return DEFAULT_SECONDS
    return min(max(seconds, MIN_SECONDS), MAX_SECONDS)


def step(index: int, count: int, by: int) -> int:
    """The slide ``by`` away from ``index``, wrapping at both ends."""
    return (index + by) % count


def tick(
    *, index: int, shown_at: float, now: float, seconds: int, paused: bool, count: int
) -> tuple[int, float]:
    """(slide, shown since) after a tick of the clock at ``now``.

    Paused: nothing moves. A slide shown for ``seconds`` gives way to the next. A clock far older than
    that (the meeting page was left and opened again) restarts without turning the slide.
    """
    if paused:
        return index, shown_at
    elapsed = now - shown_at
    if elapsed >= STALE_AFTER * seconds or elapsed < 0:
        return index, now
    if elapsed >= seconds - TICK_SLACK:
        return step(index, count, 1), now
    return index, shown_at


def seconds_left(*, shown_at: float, now: float, seconds: int) -> int:
    return max(0, math.ceil(seconds - (now - shown_at)))
