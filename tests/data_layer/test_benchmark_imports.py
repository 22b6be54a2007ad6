"""The import benchmark still runs (``benchmarks.imports``), on the hand-made fixture; no timing is checked."""

import re

import pytest

from benchmarks import imports


@pytest.mark.slow
def test_every_kind_is_imported_into_a_copy_and_reported(engine, capsys):
    url = engine.url.render_as_string(hide_password=False)
    engine.dispose()  # PostgreSQL copies a database no one is connected to

    assert imports.main(["--url", url, "--rows", "3"]) == 0

    lines = capsys.readouterr().out.splitlines()
    seconds = r"\d+\.\d\d"
    for kind in imports.BUILDERS:
        row = rf"\| {kind} \| [1-3] \| {seconds} \| {seconds} \| {seconds} \| {seconds} \| [\d,]+ \| 新增 \d+ 修改 \d+ 未改动 \d+ \|"
        assert any(re.fullmatch(row, line) for line in lines), kind
