"""任务完成率 is one figure wherever it is shown: on the mine demo (as written, data through 2026-10), the
overview's headline and per-branch figures, the 任务完成 page's figure and branch rates, and its heat map
agree to 1e-9 for the whole tree and for each 党支部, at two months (all come from
``tasks.completion_sums``; this checks that no page adds them up its own way).
"""

import pytest
from sqlmodel import Session, select

from data_layer import metrics, months
from data_layer.metrics import tasks
from data_layer.models import Organisation
from data_layer.vocab import OrgKind
from seed import AS_WRITTEN, seed_mine
from tests.actors import actor
from tests.databases import BACKENDS, new_database

MONTHS = ("2026-04", "2026-10")
TOLERANCE = 1e-9


@pytest.fixture(scope="module", params=BACKENDS)
def session(request, tmp_path_factory):
    """The mine demo as written, one database per backend for the module (the tests only read)."""
    engine, drop = new_database(request.param, tmp_path_factory)
    with Session(engine) as session:
        seed_mine(session=session, calendar=AS_WRITTEN)
        session.commit()
        yield session
    drop()


def same(first, second) -> bool:
    """Both missing, or both present and within TOLERANCE."""
    missing = [value is None or value != value for value in (first, second)]  # None or NaN
    if any(missing):
        return all(missing)
    return abs(first - second) <= TOLERANCE


def rates(frame, column: str = "completion_rate") -> dict[int, float]:
    return dict(zip(frame["branch_id"], frame[column], strict=True))


def branch_ids(session: Session) -> list[int]:
    return session.exec(
        select(Organisation.id).where(Organisation.kind == OrgKind.BRANCH, Organisation.active)
    ).all()


@pytest.mark.parametrize("month", MONTHS)
def test_the_whole_tree_agrees(session, month):
    leader = actor(session, "leader")
    overview = metrics.overview(session=session, actor=leader, month=month)
    page = tasks.tasks_view(session=session, actor=leader, month=month)
    heat = page.heatmap[page.heatmap["month"] == month]

    assert page.completion_rate is not None
    assert same(overview.task_completion.value, page.completion_rate)
    previous = tasks.tasks_view(session=session, actor=leader, month=months.previous(month))
    assert same(overview.task_completion.previous, previous.completion_rate)

    on_overview, on_page, on_map = rates(overview.branches), rates(page.branches), rates(heat)
    plan_overview, plan_page = (
        rates(overview.branches, "plan_progress"),
        rates(page.branches, "plan_progress"),
    )
    assert len(on_page) > 1
    assert set(on_page) == set(on_map)
    for branch, rate in on_page.items():
        assert same(on_overview[branch], rate), branch
        assert same(on_map[branch], rate), branch
        assert same(plan_overview[branch], plan_page[branch]), branch
    for branch, rate in on_overview.items():  # a 党支部 without started tasks has no rate anywhere
        assert branch in on_page or same(rate, None), branch


@pytest.mark.parametrize("month", MONTHS)
def test_each_branch_agrees(session, month):
    leader = actor(session, "leader")
    heatmap = tasks.tasks_view(session=session, actor=leader, month=month).heatmap
    whole_map = rates(heatmap[heatmap["month"] == month])
    for branch in branch_ids(session):
        overview = metrics.overview(session=session, actor=leader, month=month, org_ids=(branch,))
        page = tasks.tasks_view(session=session, actor=leader, month=month, org_ids=(branch,))
        heat = rates(page.heatmap[page.heatmap["month"] == month])

        assert same(overview.task_completion.value, page.completion_rate), branch
        assert same(rates(overview.branches).get(branch), page.completion_rate), branch
        assert same(rates(page.branches).get(branch), page.completion_rate), branch
        assert same(heat.get(branch), page.completion_rate), branch
        assert same(whole_map.get(branch), page.completion_rate), branch
