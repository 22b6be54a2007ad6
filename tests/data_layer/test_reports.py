"""The JSON report on the hand-made fixture: the same figures as the pages, rounded as documented."""

import json
import subprocess
import sys

import pytest

from data_layer import reports
from data_layer.errors import Refused
from tests.actors import actor, org_id
from tests.handmade import MONTH


def report(session, username="leader", org_ids=()):
    return reports.monthly_report(
        session=session, actor=actor(session, username), month=MONTH, org_ids=org_ids
    )


def test_the_report_holds_the_overview_tasks_study_and_submissions(session):
    data = report(session)

    assert data["month"] == MONTH
    assert data["org"] == "测试党委"
    assert data["overview"]["task_completion"] == {"value": 0.64, "previous": 0.41, "change": 0.23}
    assert data["tasks"]["completion_rate"] == 0.64
    assert data["tasks"]["overdue"] == 1
    assert data["tasks"]["status_counts"] == {"已完成": 1, "正常": 1, "滞后": 0, "严重滞后": 2}
    first = data["tasks"]["by_branch"][0]
    assert first == {
        "branch": "综采一队党支部",
        "completion_rate": 0.8667,
        "plan_ratio": 0.8333,
        "status": "正常",
        "status_counts": {"已完成": 1, "正常": 1, "滞后": 0, "严重滞后": 0},
        "overdue": 0,
    }
    assert data["study"]["on_track_rate"] == 0.6
    assert data["study"]["avg_points"] == 500.0
    assert data["study"]["laggards"][1] == {
        "member_no": "T002",
        "name": "李四",
        "branch": "综采一队党支部",
        "hours_short": 1.0,
        "points_short": 0,
    }
    assert data["submissions"] == {
        "rate": 0.6667,
        "by_branch": {"综采一队党支部": "已审核", "掘进一队党支部": "已提交", "机关党支部": "草稿"},
        "missing": ["机关党支部"],
    }
    assert data["ranking"]["black"] == [{"branch": "掘进一队党支部", "score": 0.5167}]


def test_budget_money_is_text_with_two_decimals(session):
    budget = report(session)["budget"]
    assert budget["spent_ytd"] == "8000.00"
    assert budget["execution_rate"] == 0.4
    assert budget["time_progress"] == 0.25


def test_a_node_narrows_the_report(session):
    data = report(session, org_ids=(org_id(session, "一线党总支"),))
    assert data["org"] == "一线党总支"
    assert [row["branch"] for row in data["tasks"]["by_branch"]] == ["综采一队党支部", "掘进一队党支部"]


def test_a_secretary_report_is_their_branch_only(session):
    data = report(session, "sec_b")
    assert data["org"] == "掘进一队党支部"
    assert data["submissions"]["by_branch"] == {"掘进一队党支部": "已提交"}
    assert [row["branch"] for row in data["study"]["by_branch"]] == ["掘进一队党支部"]
    with pytest.raises(Refused):
        report(session, "sec_b", org_ids=(org_id(session, "综采一队党支部"),))


@pytest.mark.slow
def test_the_command_line_prints_the_same_report(engine, session):
    url = engine.url.render_as_string(hide_password=False)
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "data_layer",
            "report",
            "--month",
            MONTH,
            "--org",
            "一线党总支",
            "--as",
            "leader",
        ],
        env={"DATABASE_URL": url, "PATH": ""},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    printed = json.loads(done.stdout)
    assert printed == json.loads(
        json.dumps(report(session, org_ids=(org_id(session, "一线党总支"),)), ensure_ascii=False)
    )
    assert printed["overview"]["task_completion"]["value"] == 0.675


def test_the_command_line_refuses_an_unknown_user_or_node(engine):
    url = engine.url.render_as_string(hide_password=False)
    for extra, message in [
        (["--as", "nobody"], "找不到启用中的用户“nobody”"),
        (["--org", "无此组织"], "找不到组织“无此组织”"),
    ]:
        done = subprocess.run(
            [sys.executable, "-m", "data_layer", "report", "--month", MONTH, *extra],
            env={"DATABASE_URL": url, "PATH": ""},
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 1
        assert message in done.stderr


def test_meetings_part_lists_required_and_held_per_branch(session):
    meetings = report(session)["meetings"]

    assert meetings["month_compliance"] == 0.8571  # 6 of 7 (see the 三会一课 paragraph of tests/handmade.py)
    assert meetings["quarter_compliance"] == 0.5926  # 16 of 27
    assert meetings["attendance_rate"] == 0.8795  # 73 of 83
    assert meetings["below_quorum"] == 2
    first = meetings["by_branch"][0]
    assert first["branch"] == "综采一队党支部"
    assert first["required"]["支委会"] == 1
    assert set(first) == {"branch", "required", "held"}


def test_the_star_rating_part_carries_the_scores_by_hand(session):
    """tests/handmade_lean.py add_stars: 77.0, 48.0 and 44 of 95 = 46.32; average 57.11, 环比 +1.65."""
    part = report(session)["stars"]
    assert (part["label"], part["average"], part["previous"], part["change"]) == (
        "2026年3月",
        57.11,
        55.46,
        1.65,
    )
    assert part["distribution"] == {"五星": 0, "四星": 0, "三星": 1, "二星": 0, "一星": 2}
    assert part["five_star_quota"] == 1 and part["held_to_four"] == []
    assert part["by_branch"] == [
        {"branch": "综采一队党支部", "score": 77.0, "stars": 3, "rank": 1, "lost_most": "三会一课"},
        {"branch": "掘进一队党支部", "score": 48.0, "stars": 1, "rank": 2, "lost_most": "任务完成"},
        {"branch": "机关党支部", "score": 46.32, "stars": 1, "rank": 3, "lost_most": "三会一课"},
    ]
    secretary = report(session, "sec_a")["stars"]
    assert [(row["branch"], row["rank"]) for row in secretary["by_branch"]] == [("综采一队党支部", 1)]
