"""首次使用向导: an administrator on a database with no figures gets the four steps; nobody else does."""

import pytest
from sqlmodel import Session, select

from data_layer import auth
from data_layer.models import User
from data_layer.vocab import Role
from tests.data_layer.test_first_run import half_set_up
from tests.pages.apptest import app_as
from ui import text

DONE = ":material/check_circle:"
TODO = ":material/radio_button_unchecked:"


@pytest.fixture
def empty(empty_engine, monkeypatch):
    """An empty database with an administrator and a leader account; the app uses it."""
    monkeypatch.setenv("DASHBOARD_TODAY", "2026-04-20")
    monkeypatch.setenv("DATABASE_URL", empty_engine.url.render_as_string(hide_password=False))
    with Session(empty_engine) as session:
        for username, role in (("admin", Role.ADMIN), ("leader", Role.LEADER)):
            auth.create_user(
                session=session,
                actor=auth.CLI_ACTOR,
                username=username,
                password="long-enough",
                display_name=username,
                role=role,
            )
        session.commit()
        yield session


def steps(at) -> list[tuple[str, str]]:
    return [(expander.label, expander.icon) for expander in at.expander]


def test_an_administrator_on_an_empty_database_sees_the_guide(empty):
    at = app_as(empty, "admin")

    assert not at.exception
    assert at.title[0].value == "首次使用向导"
    assert steps(at) == [
        ("第 1 步 · 组织架构", TODO),
        ("第 2 步 · 党员与账号", TODO),
        ("第 3 步 · 任务与预算", TODO),
        ("第 4 步 · 第一个月", TODO),
    ]
    assert at.warning[0].value == "还缺少：\n- 还没有党委\n- 还没有党支部"
    assert at.button(key="first-run-open").disabled
    templates = [button.label for button in at.download_button]
    assert templates[:2] == ["组织架构模板", "党员名册模板"]  # a step of one kind: one button named after it
    assert templates[2:7] == [
        "下载模板（全部工作表）",
        "年度参数模板",
        "支出类别模板",
        "任务清单模板",
        "经费预算模板",
    ]


def test_a_leader_on_the_same_database_is_told_to_wait(empty):
    at = app_as(empty, "leader")

    assert not at.exception
    assert [info.value for info in at.info] == [text.NO_DATA_YET]
    assert not at.title and not at.expander


def test_with_the_organisation_and_people_steps_one_and_two_are_done(empty):
    half_set_up(empty, office=False)

    at = app_as(empty, "admin")

    assert not at.exception
    assert [icon for _, icon in steps(at)] == [DONE, DONE, TODO, TODO]
    assert (
        at.warning[0].value
        == "还缺少：\n- 还没有2026年度参数\n- 还没有2026年度任务\n- 还没有2026年度经费预算"
    )


def test_an_account_made_in_step_two(empty):
    at = app_as(empty, "admin")
    at.text_input(key="new-user-username").input("leader2")
    at.text_input(key="new-user-name").input("党委书记")
    at.text_input(key="new-user-password").input("long-password")
    at.selectbox(key="new-user-role").set_value("leader")
    at.button(key="FormSubmitter:new-user-保存").click()
    at.run()

    assert not at.exception
    assert at.success[0].value == "已保存账号：leader2"
    empty.expire_all()
    assert empty.exec(select(User.role).where(User.username == "leader2")).one() == "leader"
