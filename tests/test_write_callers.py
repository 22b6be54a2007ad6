"""Every public data_layer function that takes an actor — every write and every read a person asks
for — has a way in: a page (pages/, ui/, app.py), the command line (data_layer/cli.py), or the
Excel import (data_layer/excel/, itself reached from the 导入 tab and ``python -m data_layer import``).
A write nobody can call is a promise the product does not keep (reopening a month once had no caller)."""

import re
from pathlib import Path

from data_layer import excel
from tests.data_layer.test_permissions_matrix import NOT_IN_MATRIX
from tests.discovery import public_functions_taking_an_actor

ROOT = Path(__file__).resolve().parent.parent
WAYS_IN = ["app.py", "pages", "ui", "data_layer/cli.py"]
THROUGH_IMPORT = "data_layer/excel"


def _source(*places: str) -> str:
    files = []
    for place in places:
        path = ROOT / place
        files += sorted(path.rglob("*.py")) if path.is_dir() else [path]
    return "\n".join(file.read_text(encoding="utf-8") for file in files)


def _called(name: str, source: str) -> bool:
    return re.search(rf"\b{re.escape(name)}\b", source) is not None


def test_the_excel_import_itself_has_a_way_in():
    assert _called(excel.import_file.__name__, _source("ui")), "the 导入 tab"
    assert _called(excel.import_file.__name__, _source("data_layer/cli.py")), "python -m data_layer import"


def test_every_public_function_taking_an_actor_has_a_way_in():
    ways_in, through_import = _source(*WAYS_IN), _source(THROUGH_IMPORT)
    unreached = sorted(
        name
        for function, name in public_functions_taking_an_actor().items()
        if function not in NOT_IN_MATRIX  # the checks themselves and steps of checked writes
        and not _called(function.__name__, ways_in)
        and not _called(function.__name__, through_import)
    )
    assert not unreached, f"public functions no page, CLI command or import calls: {unreached}"
