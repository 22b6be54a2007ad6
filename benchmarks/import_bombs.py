"""Reading uploaded workbooks: time and peak memory of ``excel.read_workbook`` (what the preview and the
import share) on workbooks that expand enormously and on large honest ones, beside openpyxl's whole
load (what the import did before) where that finishes in reasonable time.

    uv run python -m benchmarks.import_bombs [--old]

Seconds are wall-clock and CPU (the CPU figure holds on a shared machine). Peak memory is Python's
(tracemalloc), measured in a second run only with ``--memory``, as tracing slows parsing several times;
``--old`` adds the whole load.
"""

import argparse
import time
import tracemalloc
import warnings
from collections.abc import Callable
from io import BytesIO

from openpyxl import Workbook, load_workbook

from data_layer import excel
from data_layer.errors import Refused
from tests.data_layer.bombs import rows_bomb, xml_bomb


def study_rows(rows: int) -> bytes:
    """A template 学习情况 sheet of ``rows`` honest rows."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet("学习情况")
    sheet.append(["月份", "党员编号", "姓名", "学习强国积分", "学习时长(小时)", "集中学习次数"])
    for number in range(rows):
        sheet.append(["2026-03", f"M{number:06d}", f"党员{number}", 600 + number % 50, 4.5, 1])
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _outcome(read: Callable[[], object]) -> str:
    try:
        read()
        return "read"
    except Refused as refusal:
        return f"refused: {refusal.message[:40]}…"


def measure(read: Callable[[], object], memory: bool) -> tuple[float, float, float | None, str]:
    """Wall and CPU seconds, peak MB (tracemalloc, a second run; None unless ``memory``) and what happened."""
    start, cpu = time.perf_counter(), time.process_time()
    outcome = _outcome(read)
    seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu
    if not memory:
        return seconds, cpu_seconds, None, outcome
    tracemalloc.start()
    _outcome(read)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return seconds, cpu_seconds, peak / 1024 / 1024, outcome


def streaming(data: bytes) -> Callable[[], object]:
    def read() -> object:
        book = excel.read_workbook(data)
        problems = [sheet.problem for sheet in book.worksheets if sheet.problem]
        if problems:  # what the import will answer for the sheet
            raise Refused(problems[0])
        return excel.plan_book(book)

    return read


def whole(data: bytes) -> Callable[[], object]:
    def read() -> object:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return load_workbook(BytesIO(data), data_only=True)

    return read


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--old", action="store_true", help="also time openpyxl's whole load")
    parser.add_argument(
        "--memory", action="store_true", help="also measure peak memory (a second, slower run)"
    )
    args = parser.parse_args()
    cases = {
        "rows bomb, 1,000,000 formatted rows": rows_bomb(1_000_000),
        "XML bomb, 370 MB of XML": xml_bomb(370),
        "学习情况, 24,000 rows": study_rows(24_000),
        "学习情况, 100,000 rows": study_rows(100_000),
    }
    print(f"{'workbook':40} {'on disk':>9} {'how':>10} {'seconds':>8} {'CPU s':>8} {'peak MB':>8}  outcome")
    for name, data in cases.items():
        ways = {"streaming": streaming(data)}
        if args.old and "bomb" not in name:  # the whole load of a bomb takes minutes and gigabytes
            ways["whole"] = whole(data)
        for how, read in ways.items():
            seconds, cpu, peak, outcome = measure(read, args.memory)
            size = f"{len(data) / 1024:,.0f} KB"
            shown = "—" if peak is None else f"{peak:.1f}"
            print(f"{name:40} {size:>9} {how:>10} {seconds:8.2f} {cpu:8.2f} {shown:>8}  {outcome}")


if __name__ == "__main__":
    main()
