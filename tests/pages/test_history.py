"""修改记录 per role after a secretary's save (the fixture's own rows have no audit history)."""

from datetime import UTC, date, datetime

from sqlalchemy import update
from sqlmodel import select

from data_layer import entry
from data_layer.models import AuditLog, User
from data_layer.schemas import ProgressIn
from data_layer.store import db
from tests.actors import actor, org_id
from tests.pages.apptest import app_as, table
from ui import navigation


def save_april(session):
    engine = session.get_bind()
    with db.write_scope(engine) as writing:
        item = ProgressIn(month="2026-04", task_code="A1", quantity="2", note="第一次")
        entry.save_progress(
            session=writing, actor=actor(writing, "sec_a"), item=item, today=date(2026, 4, 20)
        )


def open_history(session, username, branch=None):
    at = app_as(session, username)
    at.switch_page(navigation.script("history"))
    at.run()
    at.selectbox(key="month").set_value("2026-04")
    if branch:
        at.selectbox(key="history_branch").set_value(org_id(session, branch))
    return at.run()


def test_secretary_sees_who_changed_what_in_their_month(writable):
    save_april(writable)
    at = open_history(writable, "sec_a")

    assert at.subheader[0].value == "综采一队党支部 2026年4月 的修改记录"
    rows = table(at, "history")
    quantity = rows[rows["field"] == "本月完成量"]
    assert quantity[["actor", "action", "record", "before", "after"]].values.tolist() == [
        ["sec_a", "新增", "任务 A1 任务A1", "—", "2.00"]
    ]
    assert "开始填报" in rows["action"].tolist()


def test_leader_chooses_a_branch_and_sees_an_empty_month_explained(writable):
    save_april(writable)
    at = open_history(writable, "leader", branch="机关党支部")
    assert at.info[0].value == "该月没有修改记录。"
    at.selectbox(key="history_branch").set_value(org_id(writable, "综采一队党支部"))
    at.run()
    assert len(table(at, "history")) > 0


def test_admin_filters_one_record(writable):
    save_april(writable)
    at = open_history(writable, "admin", branch="综采一队党支部")
    at.selectbox(key="history_record").set_value("任务 A1 任务A1")
    at.run()
    assert set(table(at, "history")["record"]) == {"任务 A1 任务A1"}


def test_leader_reads_beijing_time_the_person_and_what_an_id_points_at(writable):
    save_april(writable)
    writable.exec(update(AuditLog).values(at=datetime(2026, 12, 6, 21, 43, tzinfo=UTC)))
    writable.exec(select(User).where(User.username == "sec_a")).one().display_name = "王晓明"
    writable.commit()
    at = open_history(writable, "leader", branch="综采一队党支部")

    rows = table(at, "history")
    assert set(rows["at"]) == {"2026-12-07 05:43"}
    assert set(rows["actor"]) == {"王晓明"}
    task = rows[rows["field"] == "任务"]
    assert task["after"].tolist() == ["A1 任务A1"]
    month = rows[(rows["field"] == "月份") & (rows["record"] == "任务 A1 任务A1")]
    assert month["after"].tolist() == ["2026年4月"]
