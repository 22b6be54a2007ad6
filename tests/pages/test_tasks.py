"""任务完成 page per role on the hand-made fixture at 2026-03."""

from tests.actors import org_id
from tests.handmade import MONTH
from tests.pages.apptest import app_as, charts, table
from ui import navigation


def open_tasks(session, username):
    at = app_as(session, username)
    at.switch_page(navigation.script("tasks"))
    at.run()
    at.selectbox(key="month").set_value(MONTH)
    return at.run()


def test_leader_sees_figures_overdue_and_drills_into_a_branch(session, database_url):
    at = open_tasks(session, "leader")

    assert not at.exception
    assert at.title[0].value == "任务完成 · 2026年3月"
    assert [(m.label, m.value) for m in at.metric] == [
        ("任务完成率", "64.0%"),
        ("计划进度", "75.0%"),
        ("已完成", "1 项"),
        ("正常", "1 项"),
        ("滞后", "0 项"),
        ("严重滞后", "2 项"),
        ("超期", "1 项"),
    ]
    assert table(at, "tasks-overdue")[["code", "branch", "months_late"]].values.tolist() == [
        ["C1", "机关党支部", 1]
    ]
    detail = table(at, "tasks-detail")
    assert detail["code"].tolist() == ["A1", "A2"]
    assert detail["ratio"].tolist() == [80.0, 100.0]

    at.selectbox(key="task_branch").set_value(org_id(session, "机关党支部"))
    at.run()
    assert table(at, "tasks-detail")["code"].tolist() == ["C1"]
    assert at.query_params["task_branch"] == str(org_id(session, "机关党支部"))


def test_admin_sees_workload(session, database_url):
    at = open_tasks(session, "admin")

    owners = table(at, "workload-owners").set_index("owner")
    assert owners.loc["欧阳明", "tasks"] == 2
    assert table(at, "workload-branches").set_index("branch").loc["掘进一队党支部", "claimed_share"] == 50.0
    assert "领办任务占 20.0%" in at.caption[-1].value


def test_secretary_sees_only_their_tasks(session, database_url):
    at = open_tasks(session, "sec_b")

    assert at.metric[0].value == "10.0%"
    assert table(at, "tasks-detail")["code"].tolist() == ["B1"]
    assert list(at.selectbox(key="task_branch").options) == ["掘进一队党支部"]


def test_heat_map_and_task_progress_charts_carry_the_fixture_values(session, database_url):
    at = open_tasks(session, "leader")
    drawn = charts(at)

    heat = drawn["各党支部2026年1–3月任务完成率"].pivot(
        index="branch", columns="month", values="completion_rate"
    )
    assert heat.loc["掘进一队党支部"].round(2).tolist() == [0.05, 0.05, 0.1]
    progress = next(frame for title, frame in drawn.items() if title.startswith("A1 "))
    assert progress["quantity"].tolist() == [2, 3, 3]
    assert progress["cumulative"].tolist() == [2, 5, 8]
