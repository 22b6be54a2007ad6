"""The turn of the year, as the organisation lives it: on 2027-01-03 the demo mine has all of 2026 and the
new year started from it (tasks copied, budget by the 1 % rule). The leader pages open on December,
offer January 2027 first, and draw January without errors or empty charts; 2026 stays browsable; the
command-line report answers for January too. By the product clock, set here to that day."""

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from sqlmodel import Session

from seed import DemoCalendar, seed_mine
from tests.databases import new_database
from tests.pages.apptest import app_as, charts, metrics_by_label
from ui import navigation

DAY = date(2027, 1, 3)
ROOT = Path(__file__).resolve().parents[2]
PAGES = {
    navigation.script("overview"): "总览",
    navigation.script("tasks"): "任务完成",
    navigation.script("study"): "学习进度",
    navigation.script("budget"): "经费使用",
    navigation.script("meetings"): "三会一课",
    navigation.script("board"): "填报进度",
}


@pytest.fixture(scope="module")
def january(tmp_path_factory):
    engine, drop = new_database("sqlite", tmp_path_factory)
    with Session(engine) as session:
        seed_mine(session=session, calendar=DemoCalendar(DAY))
        session.commit()
    yield engine
    drop()


@pytest.fixture
def session(january, monkeypatch):
    monkeypatch.setenv("DASHBOARD_TODAY", DAY.isoformat())
    monkeypatch.setenv("DATABASE_URL", january.url.render_as_string(hide_password=False))
    with Session(january) as session:
        yield session


def open_page(session, username: str, page: str, month: str | None = None):
    at = app_as(session, username)
    at.switch_page(page)
    at.run()
    if month:
        at.selectbox(key="month").set_value(month)
        at.run()
    return at


def test_the_leader_opens_on_december_with_january_offered_first(session):
    at = app_as(session, "leader")
    assert not at.exception
    assert at.title[0].value == "总览 · 2026年12月"
    months = at.selectbox(key="month").options
    assert months[:2] == ["2027年1月", "2026年12月"]
    assert months[-1] == "2026年1月"  # last year stays browsable from its January
    assert metrics_by_label(at)["任务完成率"][0] == "90.6%"  # the seed's 2026 figure (test_seed, on this day)


@pytest.mark.parametrize("page", list(PAGES))
def test_every_leader_page_draws_january_without_errors_or_empty_charts(session, page):
    at = open_page(session, "leader", page, "2027-01")
    assert not at.exception
    assert at.title[0].value.startswith(f"{PAGES[page]} · 2027年1月")
    drawn = charts(at)
    assert drawn, "no chart on the page"
    assert all(len(rows) > 0 for rows in drawn.values()), {title: len(rows) for title, rows in drawn.items()}
    assert not [e.value for e in at.error]


def test_january_figures_are_the_new_years(session):
    at = open_page(session, "leader", navigation.script("overview"), "2027-01")
    figures = metrics_by_label(at)
    assert figures["任务完成率"][0] == "0.0%"  # the copied tasks have just started
    assert figures["填报率"][0] == "0.0%"  # four 草稿 of 15, none submitted yet
    at = open_page(session, "leader", navigation.script("budget"), "2027-01")
    assert "156.0 万元" in [metric.value for metric in at.metric]  # 1 % of 156,000,000.00


def test_a_secretary_fills_december_by_default(session):
    at = open_page(session, "zongcai1", navigation.script("entry"))
    assert not at.exception
    assert at.selectbox(key="entry_month").value == "2026-12"
    assert at.selectbox(key="entry_month").options[0] == "2027年1月"


@pytest.mark.slow
def test_the_command_line_report_answers_for_january(session, january):
    environment = {
        "DATABASE_URL": january.url.render_as_string(hide_password=False),
        "DASHBOARD_TODAY": DAY.isoformat(),
        "PATH": "/usr/bin:/bin",
    }
    answer = subprocess.run(
        [sys.executable, "-m", "data_layer", "report", "--month", "2027-01", "--format", "json"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    report = json.loads(answer.stdout)
    assert report["month"] == "2027-01"
    assert report["overview"]["time_progress"] == round(1 / 12, 4)
    assert report["overview"]["task_completion"]["previous"] == 0.9061  # December 2026
    assert len(report["tasks"]["by_branch"]) == 15
    assert report["budget"]["allocated"] == "1560000.00"
