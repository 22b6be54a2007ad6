"""The query benchmark still runs (``benchmarks.queries``), on the hand-made fixture; no timing is checked."""

import re

import pytest
from sqlmodel import Session

from benchmarks import queries
from tests.handmade import MONTH


@pytest.mark.slow
@pytest.mark.sqlite_only(
    "a benchmark's harness; the reads it times are tested on both databases where defined"
)
def test_every_read_and_page_gets_a_row_for_each_scope(engine, capsys):
    url = engine.url.render_as_string(hide_password=False)
    with Session(engine) as session:
        scopes = queries.contexts(session, username="leader", month=MONTH, general_branch=None, branch=None)

    assert list(scopes) == ["全部", "党总支 一线党总支", "党支部 综采一队党支部"]
    assert scopes["党总支 一线党总支"].org_ids != ()

    results = queries.measure(url, scopes, repeat=1)
    queries.print_tables(url, MONTH, list(scopes), results)
    lines = capsys.readouterr().out.splitlines()

    cell = r"\d[\d,]* / \d[\d,]*"
    for name in [*queries.READS, *queries.PAGES]:
        assert any(re.fullmatch(rf"\| {name} \| {cell} \| {cell} \| {cell} \|", line) for line in lines), name
