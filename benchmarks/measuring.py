"""What the page benchmarks share: one timed AppTest run, and measuring runs beside the reference page.

The reference page (benchmarks/reference_page.py) is rerun right after every measured run, so that a page
and the reference it is divided by see the same machine load; one reference measured at the start of a
long run would make every ratio depend on how busy the machine was at that moment.
"""

import time
from collections.abc import Callable
from typing import TypeVar

from streamlit.testing.v1 import AppTest

T = TypeVar("T")


class BenchmarkError(RuntimeError):
    """A page raised, or the database lacks what the benchmark needs."""


def run(at: AppTest, name: str) -> float:
    """One script run in milliseconds; a page that raised stops the benchmark."""
    start = time.perf_counter()
    at.run()
    elapsed = (time.perf_counter() - start) * 1000
    if at.exception:
        raise BenchmarkError(f"{name}: {at.exception[0].value}")
    return elapsed


def timed(at: AppTest, name: str) -> tuple[float, float]:
    """One script run: wall and CPU milliseconds (CPU of this process: the script and the driver)."""
    cpu = time.process_time()
    wall = run(at, name)
    return wall, (time.process_time() - cpu) * 1000


def beside_reference(
    reference: AppTest, count: int, measured: Callable[[int], T]
) -> tuple[list[T], list[float]]:
    """``measured(0)`` … ``measured(count - 1)``, each followed right away by one rerun of the reference
    page: what each measurement returned, and the reference's milliseconds. ``reference`` must have run
    once already, so that its reruns are warm."""
    results, references = [], []
    for number in range(count):
        results.append(measured(number))
        references.append(run(reference, "reference"))
    return results, references
