"""帮扶结对 as each role sees it, on the hand-made fixture (figures worked out in tests/handmade_lean.py)."""

import pytest
from sqlmodel import select

from data_layer.models import Pairing, PairVisit
from tests.actors import org_id
from tests.handmade import MONTH
from tests.pages.apptest import app_as, charts, metrics_by_label, table
from ui import navigation

A, B, C = "综采一队党支部", "掘进一队党支部", "机关党支部"


def open_pairs(session, username: str, month: str = MONTH):
    at = app_as(session, username)
    at.switch_page(navigation.script("pairs"))
    at.run()
    at.selectbox(key="month").set_value(month)
    return at.run()


def test_the_leader_sees_every_branch_and_no_form(session, database_url):
    at = open_pairs(session, "leader")

    assert not at.exception
    assert at.title[0].value == "帮扶结对 · 2026年3月"
    assert metrics_by_label(at) == {
        "结对数": ("4 个", ""),
        "本月走访率": ("50.0%", "+10.0 个百分点"),
        "超期未走访": ("1 个", ""),
    }
    assert "连续 3 个月及以上未走访" in [caption.value for caption in at.main.caption]
    branches = table(at, "pairs-branches")
    assert branches["branch"].tolist() == [A, B, C]
    assert branches["pairs"].tolist() == [3, 1, 0]
    assert branches["idle"].tolist() == [1, 0, 0]
    idle = table(at, "pairs-idle")
    assert idle[["helper", "target", "last_visit", "idle_months"]].values.tolist() == [
        ["张三", "困难职工刘大海", "2025-12", 3]
    ]
    listed = table(at, "pairs-list")
    assert listed["target"].tolist() == ["困难职工刘大海", "新入职青工小王", "机关党支部", "退休老党员陈师傅"]
    assert listed["helper"].tolist()[2] == "（支部结对）"
    assert set(charts(at)["各党支部3月帮扶走访"]["branch"]) == {A, B, C}
    assert not [form for form in at.get("form")]


def test_a_month_without_idle_pairs_says_so(session, database_url):
    at = open_pairs(session, "leader", "2026-02")
    assert metrics_by_label(at)["超期未走访"] == ("0 个", "")
    assert "没有连续 3 个月及以上未走访的结对。" in [box.value for box in at.success]
    assert table(at, "pairs-list").set_index("target")["last_visit"]["退休老党员陈师傅"] == "未走访过"


def test_the_admin_chooses_a_branch_for_the_forms(session, database_url):
    at = open_pairs(session, "admin")
    assert not at.exception
    assert at.subheader[-1].value == f"填报帮扶（{A}）"
    at.selectbox(key="pairs_branch").set_value(org_id(session, B))
    at.run()
    assert at.subheader[-1].value == f"填报帮扶（{B}）"
    assert at.selectbox(key="visit-pair").options == ["欧阳明 → 退休老党员陈师傅"]


@pytest.mark.parametrize(
    "username, branch, figures", [("sec_a", A, ("3 个", "33.3%")), ("sec_b", B, ("1 个", "100.0%"))]
)
def test_a_secretary_sees_and_enters_their_branch(session, database_url, username, branch, figures):
    at = open_pairs(session, username)

    assert not at.exception
    assert table(at, "pairs-branches")["branch"].tolist() == [branch]
    shown = metrics_by_label(at)
    assert (shown["结对数"][0], shown["本月走访率"][0]) == figures
    assert at.subheader[-1].value == f"填报帮扶（{branch}）"
    assert "pairs_branch" not in [box.key for box in at.selectbox]


def test_a_secretary_sets_up_a_pairing_and_logs_a_visit(writable):
    at = open_pairs(writable, "sec_a", "2026-04")
    at.selectbox(key="pair-kind").set_value("支部结对")
    at.text_input(key="pair-target").input(B)
    at.button(key="FormSubmitter:pairing-保存").click()
    at.run()

    assert not at.exception
    assert at.success[0].value == f"已保存“{B}”的结对。"
    assert metrics_by_label(at)["结对数"] == ("4 个", "")  # P1 P2 P3 in force in April, and this one
    writable.expire_all()
    pairing = writable.exec(select(Pairing).where(Pairing.target == B)).one()
    assert (pairing.kind, pairing.started_month, pairing.helper_member_id) == ("支部结对", "2026-04", None)

    young = writable.exec(select(Pairing.id).where(Pairing.target == "新入职青工小王")).one()
    at.selectbox(key="visit-pair").set_value(young)
    at.number_input(key="visit-count").set_value(2)
    at.text_input(key="visit-note").input("谈心谈话")
    at.button(key="FormSubmitter:pair-visit-保存").click()
    at.run()
    assert at.success[0].value == "已登记“新入职青工小王”2026-04走访 2 次。"
    assert metrics_by_label(at)["本月走访率"][0] == "25.0%"  # 1 of the 4
    writable.expire_all()
    assert (
        writable.exec(
            select(PairVisit.visits).where(PairVisit.pairing_id == young, PairVisit.month == "2026-04")
        ).one()
        == 2
    )


def test_the_pairing_form_saves_with_its_defaults(writable):
    """Issue 23: 党员结对 was the default kind with （支部结对） as the default 帮扶人, so a form saved as it
    opened was refused. Now it opens on 党员结对 with 综采一队's first member, 张三 (T001), as 帮扶人."""
    at = open_pairs(writable, "sec_a", "2026-04")
    assert (at.selectbox(key="pair-kind").value, at.selectbox(key="pair-helper").value) == (
        "党员结对",
        "T001",
    )
    at.text_input(key="pair-target").input("新入职青工小李")
    at.button(key="FormSubmitter:pairing-保存").click()
    at.run()
    assert not at.error
    assert at.success[0].value == "已保存“新入职青工小李”的结对。"
    writable.expire_all()
    pairing = writable.exec(select(Pairing).where(Pairing.target == "新入职青工小李")).one()
    assert pairing.kind == "党员结对" and pairing.helper_member_id is not None


def test_a_pairing_with_itself_is_refused_on_screen(writable):
    at = open_pairs(writable, "sec_a", "2026-04")
    at.selectbox(key="pair-kind").set_value("支部结对")
    at.text_input(key="pair-target").input(A)
    at.button(key="FormSubmitter:pairing-保存").click()
    at.run()
    assert at.error[0].value == "“帮扶对象”：党支部不能与自己结对"
    assert at.text_input(key="pair-target").value == A  # what was typed is kept


def test_a_month_without_pairings_says_so(session, database_url):
    at = open_pairs(session, "leader", "2025-05")  # P5, the first pairing, starts in 2025-06
    assert not at.exception
    assert metrics_by_label(at)["本月走访率"] == ("—", "")
    assert "本月没有在帮扶期内的结对" in [caption.value for caption in at.main.caption]
    assert "2025年5月没有在帮扶期内的结对。" in [box.value for box in at.info]
    assert not charts(at)
