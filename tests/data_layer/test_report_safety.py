"""党建+安全生产 in the 月度通报 (JSON, narrative, Excel, PDF) on the hand-made fixture, both databases: every
figure is one tests/handmade_safety.py works out by hand; typed names stay text; anonymised files mask
the 先锋岗 / 责任区 holders."""

import re
from io import BytesIO

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlmodel import Session, col, select

from data_layer import reports
from data_layer.models import PioneerCheck, PioneerPost, id_of
from data_layer.reports import paragraph, xlsx
from tests.actors import actor
from tests.handmade import MONTH
from tests.handmade_safety import A, B, C

FORMULA = '=HYPERLINK("x")'
MARKUP = "<b>岗</b>&amp;"


def report(session, username="leader"):
    return reports.monthly_report(session=session, actor=actor(session, username), month=MONTH)


def plain(text: str) -> str:
    return re.sub(r"\s+", "", text)


def rows_of(page, header_row: int = 1) -> list[dict]:
    rows = list(page.iter_rows(min_row=header_row, values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def pdf_text(data: bytes) -> str:
    return plain("".join(page.extract_text() for page in PdfReader(BytesIO(data)).pages))


def test_the_section_carries_the_hand_made_figures(session):
    part = report(session)["safety"]

    assert part["records"] == 3
    # (1.005 + 0.9) ÷ 2 = 0.9525; February (0.99 + 1.02) ÷ 2 = 1.005
    assert part["production_rate"] == {"value": 0.9525, "previous": 1.005, "change": -0.0525}
    # members' 三违 1 of 5 = 200‰ (February 0 of 4); others' 3 of 35 = 85.71‰ (February 3 of 30 = 100‰)
    assert part["member_violation_rate"] == {"value": 200.0, "previous": 0.0, "change": 200.0}
    assert part["other_violation_rate"] == {"value": 85.71, "previous": 100.0, "change": -14.29}
    # 隐患 by members 5 of 16 (February 4 of 12); closed 15 of 16 (February 11 of 12)
    assert part["member_hazard_share"] == {"value": 0.3125, "previous": 0.3333, "change": -0.0208}
    assert part["hazard_closure"] == {"value": 0.9375, "previous": 0.9167, "change": 0.0208}
    # 先锋岗 1 of 2 free of 三违, 责任区 1 of 2 free of 事故; February 3 of 3 and 1 of 1
    assert part["post_clean_rate"] == {"value": 0.5, "previous": 1.0, "change": -0.5}
    assert part["zone_clean_rate"] == {"value": 0.5, "previous": 1.0, "change": -0.5}
    counts = {key: part[key] for key in ("violations_members", "violations_others", "hazards_found")}
    assert counts == {"violations_members": 1, "violations_others": 3, "hazards_found": 16}
    assert (part["accidents"], part["injury_accidents"], part["other_accidents"]) == (1, 0, 1)
    # 综采一队 77.0 with 1.005; 掘进一队 48.0 with 0.9; 机关 has no production indicators
    assert part["quadrants"] == {
        "党建强·生产强": 0,
        "党建强·生产弱": 0,
        "党建弱·生产强": 1,
        "党建弱·生产弱": 1,
    }
    assert part["to_talk_about"] == [
        {"branch": A, "reasons": ["党建弱·生产强"]},
        {"branch": B, "reasons": ["发生事故"]},
    ]
    # r over 3 党支部 = 2,488.0 ÷ √(595.12 × 13,927.2) = 0.864 → 0.86; production has 2 党支部 with both: none
    assert part["correlation"] == {
        "safety_branches": 3,
        "safety_r": 0.86,
        "production_branches": 2,
        "production_r": None,
    }
    branches = {row["branch"]: row for row in part["by_branch"]}
    assert list(branches) == [A, B, C]
    assert {key: branches[B][key] for key in ("unit", "score", "production_rate", "quadrant")} == {
        "unit": "掘进一队",
        "score": 48.0,
        "production_rate": 0.9,
        "quadrant": "党建弱·生产弱",
    }
    # 掘进一队: members' 1 of 2 = 500‰, others' 1 of 20 = 50‰; 隐患 by members 1 of 6
    assert (branches[B]["member_violation_rate"], branches[B]["other_violation_rate"]) == (500.0, 50.0)
    assert branches[B]["member_hazard_share"] == 0.1667
    assert (branches[B]["safety_state"], branches[B]["safe_days"]) == ("事故", 120)
    assert (branches[C]["production_rate"], branches[C]["quadrant"]) == (None, None)
    assert branches[C]["member_hazard_share"] is None  # nothing found: no share, not 0
    assert part["posts_not_clean"] == [
        {
            "branch": A,
            "kind": "党员先锋岗",
            "name": "检修班先锋岗",
            "holder": "李四",
            "violation_free": False,
            "accident_free": True,
        },
        {
            "branch": B,
            "kind": "党员责任区",
            "name": "掘进头责任区",
            "holder": "欧阳明",
            "violation_free": False,
            "accident_free": False,
        },
    ]


def test_a_secretary_sees_their_branch_only(session):
    part = report(session, "sec_b")["safety"]

    assert [row["branch"] for row in part["by_branch"]] == [B]
    # 掘进一队 alone: members' 1 of 2 = 500‰, others' 1 of 20 = 50‰
    assert part["member_violation_rate"]["value"] == 500.0
    assert part["other_violation_rate"]["value"] == 50.0
    assert part["to_talk_about"] == [{"branch": B, "reasons": ["发生事故"]}]
    assert [row["name"] for row in part["posts_not_clean"]] == ["掘进头责任区"]
    assert part["correlation"]["safety_r"] is None  # one 党支部: no correlation


def test_the_narrative_states_the_figures_side_by_side_without_a_cause(session):
    words = paragraph(report(session))

    assert (
        "党建+安全生产方面，党员三违率200.0‰，非党员85.7‰；生产计划完成率95.2%，环比下降5.2 个百分点；"
        "隐患排查党员贡献率31.2%；发生事故1起（其中伤亡事故0起）；"
        "党建强·生产强0个、党建强·生产弱0个、党建弱·生产强1个、党建弱·生产弱1个；"
        "综采一队党支部党建弱·生产强，掘进一队党支部发生事故，需重点关注；"
        "各党支部对标得分与全员三违率的相关系数为0.86（3个党支部；相关不等于因果）。"
    ) in words


def test_a_month_without_safety_figures_says_nothing_of_them(session):
    data = reports.monthly_report(session=session, actor=actor(session, "leader"), month="2026-01")

    assert data["safety"]["records"] == 0
    assert data["safety"]["production_rate"]["value"] is None
    assert data["safety"]["member_violation_rate"]["value"] is None
    assert "党建+安全生产" not in paragraph(data)


def test_the_workbook_has_the_section_sheets_and_summary_rows(session):
    data = report(session)
    book = load_workbook(BytesIO(xlsx.report_xlsx(data)))

    rows = {row["党支部"]: row for row in rows_of(book["党建+安全生产"])}
    assert list(rows) == [A, B, C, "合计"]
    assert rows[A]["生产计划完成率"] == 1.005
    assert (rows[A]["党员三违率(‰)"], rows[A]["非党员三违率(‰)"]) == (0, 200)
    assert rows[B]["安全状况"] == "事故"
    assert rows[C]["生产计划完成率"] is None
    total = rows["合计"]
    # 在册职工 12 + 22 + 6; party members 2 + 2 + 1; 隐患 10 + 6 + 0, closed 9 + 6 + 0
    assert (total["在册职工"], total["党员"], total["隐患排查"], total["隐患整改"]) == (40, 5, 16, 15)
    assert (total["生产计划完成率"], total["党员三违率(‰)"], total["非党员三违率(‰)"]) == (0.9525, 200, 85.71)
    assert book["党建+安全生产"]["D2"].number_format == "0.0%"
    posts = rows_of(book["先锋岗责任区_未保持"])
    assert [(row["岗位/责任区"], row["党员"], row["无三违"], row["无事故"]) for row in posts] == [
        ("检修班先锋岗", "李四", "否", "是"),
        ("掘进头责任区", "欧阳明", "否", "否"),
    ]
    summary = {
        row["项目"]: row for row in rows_of(book["通报摘要"], header_row=3) if row["类别"] == "党建+安全生产"
    }
    assert (summary["生产计划完成率"]["本月"], summary["生产计划完成率"]["上月"]) == (0.9525, 1.005)
    assert summary["党员三违率"]["说明"] == "200.0‰（环比 +200.0 个千分点）"
    assert summary["非党员三违率"]["说明"] == "85.7‰（环比 -14.3 个千分点）"
    assert summary["需重点关注"]["说明"] == f"{A}（党建弱·生产强）；{B}（发生事故）"
    assert summary["象限分布"]["说明"].startswith("党建强·生产强 0 个")


def test_the_pdf_has_the_section_and_the_quadrant_chart(session):
    data = report(session)
    pdf = xlsx.report_pdf(data)
    text = pdf_text(pdf)

    assert "生产计划完成率95.2%100.5%-5.2个百分点" in text
    assert "党员三违率200.0‰0.0‰+200.0个千分点" in text
    assert "非党员三违率85.7‰100.0‰-14.3个千分点" in text
    assert "四、党建+安全生产" in text and "五、学习未达标党员" in text
    assert f"需重点关注{A}（党建弱·生产强）；{B}（发生事故）" in text
    assert "检修班先锋岗（李四）" in text
    images = [image for page in PdfReader(BytesIO(pdf)).pages for image in page.images]
    assert len(images) == 4  # tasks, study, budget and the quadrants


def test_anonymised_files_mask_the_holders(session):
    data = report(session)
    book = load_workbook(BytesIO(xlsx.report_xlsx(data, anonymise=True)))

    assert [row["党员"] for row in rows_of(book["先锋岗责任区_未保持"])] == ["李*", "欧阳*"]
    cells = {str(cell.value) for page in book for row in page.iter_rows() for cell in row}
    assert not any("欧阳明" in cell or "李四" in cell for cell in cells)
    text = pdf_text(xlsx.report_pdf(data, anonymise=True))
    assert "检修班先锋岗（李*）" in text and "欧阳明" not in text
    assert data["safety"]["posts_not_clean"][0]["holder"] == "李四"  # the report itself is untouched


@pytest.fixture
def typed(fresh_engine):
    """The hand-made fixture with a 先锋岗 named like a formula and one named like markup, both failing
    their March check."""
    with Session(fresh_engine) as session:
        post = session.exec(select(PioneerPost).where(PioneerPost.name == "综采工作面先锋岗")).one()
        post.name = FORMULA
        zone = session.exec(select(PioneerPost).where(PioneerPost.name == "运输巷责任区")).one()
        zone.name = MARKUP
        for check in session.exec(
            select(PioneerCheck).where(
                PioneerCheck.month == MONTH, col(PioneerCheck.post_id).in_((id_of(post), id_of(zone)))
            )
        ):
            check.violation_free = check.accident_free = False
        session.commit()
        yield report(session)


def test_typed_names_stay_text_in_the_files(typed):
    book = load_workbook(BytesIO(xlsx.report_xlsx(typed)))
    posts = book["先锋岗责任区_未保持"]
    names = {row[2].value: row[2] for row in posts.iter_rows(min_row=2)}
    assert names[FORMULA].value == FORMULA and names[FORMULA].data_type == "s"
    assert names[MARKUP].data_type == "s"
    summary_notes = [
        row[5] for row in book["通报摘要"].iter_rows(min_row=4) if row[1].value == "先锋岗/责任区未保持"
    ]
    assert MARKUP in summary_notes[0].value
    assert "<b>岗</b>&amp;（张三）" in pdf_text(xlsx.report_pdf(typed))


def test_a_group_names_five_branches_to_talk_about_and_counts_the_rest(session):
    data = report(session)
    part = data["safety"]
    part["to_talk_about"] = [{"branch": f"第{n}党支部", "reasons": ["发生事故"]} for n in range(1, 8)]

    words = paragraph(data)
    assert "第5党支部发生事故等7个党支部，需重点关注" in words
    assert "第6党支部" not in words
    notes = dict(reports.safety_notes(data))
    assert notes["需重点关注"].endswith("第5党支部（发生事故）等7个党支部")


def chart_labels(data: dict) -> list[str]:
    datasets = reports.safety_quadrants(data).to_dict()["datasets"].values()
    (rows,) = [rows for rows in datasets if "label" in rows[0]]  # the rules at 80 and 100 % have their own
    return [row["label"] for row in rows]


def test_the_quadrant_chart_names_its_points_while_they_can_be_read(session):
    data = report(session)
    assert chart_labels(data) == [A, f"{B}（事故）"]  # 机关 has no production: not on the chart

    many = [
        data["safety"]["by_branch"][0] | {"branch": f"第{n}党支部", "safety_state": "无事故无三违"}
        for n in range(1, 13)
    ]
    data["safety"]["by_branch"] = [*many, data["safety"]["by_branch"][1]]
    assert chart_labels(data) == [""] * 12 + [f"{B}（事故）"]  # 13 points: only the accident is named
