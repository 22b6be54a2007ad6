"""Demo data: ``python -m seed --scale mine`` fills an empty database with one coal mine's figures,
``python -m seed --scale group`` with a group company's (2,500 党支部, 60,000 members, 36 months).

``seed_mine`` and ``seed_group`` write the rows into any session (tests call them directly); ``main`` is
the command line. ``DEMO_LOGINS`` lists the mine's demo accounts, all with the password ``DEMO_PASSWORD``
(the group's are ``seed.group.demo_usernames()``, with the same password).
"""

from seed.cli import main
from seed.group import seed_group
from seed.mine import (
    AS_WRITTEN,
    DEMO_DISPLAY_NAMES,
    DEMO_LOGINS,
    DEMO_PASSWORD,
    DemoCalendar,
    DemoLogin,
    demo_calendar,
    seed_mine,
)

__all__ = [
    "AS_WRITTEN",
    "DEMO_DISPLAY_NAMES",
    "DEMO_LOGINS",
    "DEMO_PASSWORD",
    "DemoCalendar",
    "DemoLogin",
    "demo_calendar",
    "main",
    "seed_group",
    "seed_mine",
]
