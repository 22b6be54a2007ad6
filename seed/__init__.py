"""Demo data: ``python -m seed --scale mine`` fills an empty database with one coal mine's figures.

``seed_mine`` writes the rows into any session (tests call it directly); ``main`` is the command line.
``DEMO_LOGINS`` lists the demo accounts, all with the password ``DEMO_PASSWORD``.
"""

from seed.cli import main
from seed.mine import DEMO_DISPLAY_NAMES, DEMO_LOGINS, DEMO_PASSWORD, LAST_MONTH, DemoLogin, seed_mine

__all__ = [
    "DEMO_DISPLAY_NAMES",
    "DEMO_LOGINS",
    "DEMO_PASSWORD",
    "LAST_MONTH",
    "DemoLogin",
    "main",
    "seed_mine",
]
