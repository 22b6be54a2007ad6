"""总览 · 精益管理 and the report's 党费 part on the hand-made organisation (tests/handmade_lean.py)."""

from datetime import date

import pytest

from data_layer import reports
from data_layer.metrics.lean_overview import lean_figures
from tests.actors import actor
from tests.handmade import MONTH


def figures(session, username="leader"):
    return lean_figures(session=session, actor=actor(session, username), month=MONTH, today=date(2026, 4, 6))


def test_the_committee_sees_each_mechanism_with_its_change(session):
    lean = figures(session)
    assert round(lean.star_average.value, 2) == 57.11 and round(lean.star_average.change, 2) == 1.65
    assert (lean.five_stars, lean.low_stars) == (0, 2)
    assert (lean.ideas_proposed, lean.ideas_adopted) == (6, 3)
    assert lean.idea_adoption.value == 0.5 and lean.idea_adoption.previous == 0.75
    assert lean.visit_rate.value == 0.5 and lean.visit_rate.previous == 0.4
    assert (lean.idle_pairs, lean.idle_months) == (1, 3)
    assert round(lean.dues_rate.value, 4) == round(353.23 / 1543.23, 4)
    assert round(lean.dues_rate.previous, 4) == round(295 / 1050, 4)
    assert lean.arrears_members == 1  # 欧阳明, 6 months


def test_a_secretary_sees_their_branch_only(session):
    lean = figures(session, "sec_a")
    assert lean.star_average.value == 77.0
    assert (lean.ideas_proposed, lean.ideas_adopted) == (3, 1)
    assert round(lean.dues_rate.value, 4) == round(160 / 270, 4)
    assert lean.arrears_members == 0


def test_the_report_carries_dues_by_hand(session):
    part = reports.monthly_report(session=session, actor=actor(session, "leader"), month=MONTH)["dues"]
    assert (part["due_ytd"], part["paid_ytd"]) == ("1543.23", "353.23")
    assert part["paid_rate"] == {"value": 0.2289, "previous": 0.281, "change": -0.0521}
    assert [(row["branch"], row["paid_rate"]) for row in part["by_branch"]] == [
        ("综采一队党支部", 0.5926),
        ("掘进一队党支部", 0.0),
        ("机关党支部", 1.0),
    ]
    assert part["arrears"] == [
        {
            "member_no": "T005",
            "name": "欧阳明",
            "branch": "掘进一队党支部",
            "unpaid_months": 6,
            "owed": "720.00",
        }
    ]


@pytest.mark.parametrize("username", ["leader", "sec_b"])
def test_every_figure_has_a_value_or_a_reason(session, username):
    lean = figures(session, username)
    for figure in (lean.star_average, lean.idea_adoption, lean.visit_rate, lean.dues_rate):
        assert figure.value is not None or figure.reason
