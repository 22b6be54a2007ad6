"""月度通报 files (Excel, PDF) on the hand-made fixture: every figure as in the JSON report, opened with
openpyxl and pypdf; names beginning with = stay text; anonymised files mask names and drop 党员编号."""

import re
import subprocess
import sys
from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlmodel import Session

from data_layer import reports
from data_layer.models import Member
from data_layer.reports import paragraph, xlsx
from data_layer.vocab import MemberCategory
from tests.actors import actor, org_id
from tests.handmade import MONTH

SHEETS = [
    "通报摘要",
    "任务完成",
    "超期任务",
    "学习_党支部",
    "学习_未达标党员",
    "经费_党支部",
    "经费_类别",
    "三会一课",
    "月度填报",
    "对标评星",
    "金点子",  # 金点子
    "帮扶结对",  # 帮扶结对
    "党费_党支部",
    "党费_欠缴",
    "党建+安全生产",
    "先锋岗责任区_未保持",
]
INJECTION = '=HYPERLINK("x")'
pytestmark = pytest.mark.sqlite_only(
    "the files are drawn from reports.monthly_report, whose every figure test_reports.py checks on both databases"
)


def report(session, username="leader"):
    return reports.monthly_report(session=session, actor=actor(session, username), month=MONTH)


def workbook(data: bytes):
    return load_workbook(BytesIO(data))


def records(page, header_row: int = 1) -> list[dict]:
    rows = list(page.iter_rows(min_row=header_row, values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def plain(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_the_workbook_has_the_summary_and_detail_sheets(session):
    data = report(session)
    book = workbook(xlsx.report_xlsx(data))

    assert book.sheetnames == SHEETS
    summary = book["通报摘要"]
    assert summary["A1"].value == "测试党委 2026年3月 党建工作月度通报"
    assert summary["A2"].value == paragraph(data)
    assert summary.freeze_panes == "A4"
    assert [cell.value for cell in summary[3]] == ["类别", "项目", "本月", "上月", "环比", "说明"]
    rows = records(summary, header_row=3)
    headline = {row["项目"]: row for row in rows if row["类别"] == "核心指标"}
    for key, label in xlsx.HEADLINES:
        figure = data["overview"][key]
        assert (headline[label]["本月"], headline[label]["上月"], headline[label]["环比"]) == (
            figure["value"],
            figure["previous"],
            round(figure["change"] * 100, 1),  # 环比 in 个百分点, as on screen and in the PDF
        )
    assert headline["时间进度"]["本月"] == 0.25
    assert [(row["项目"], row["本月"]) for row in rows if row["类别"] == "黑榜"] == [
        ("掘进一队党支部", 0.5167)
    ]
    assert [row["项目"] for row in rows if row["类别"] == "红榜"] == ["综采一队党支部", "机关党支部"]
    alerts = [row["项目"] for row in rows if row["类别"] == "预警"]
    assert data["budget"]["alerts"][1] in alerts and "超期任务" in alerts
    assert summary["C4"].number_format == "0.0%"
    assert summary["E4"].value == 23.0
    assert summary["E4"].number_format == '+0.0" 个百分点";-0.0" 个百分点";"持平"'


def test_the_detail_sheets_hold_the_report_figures_with_number_formats(session):
    data = report(session)
    book = workbook(xlsx.report_xlsx(data))

    tasks = book["任务完成"]
    assert tasks.freeze_panes == "A2"
    assert tasks.column_dimensions["A"].width > 10
    rows = records(tasks)
    assert [(row["党支部"], row["任务完成率"], row["计划进度"], row["状态"]) for row in rows[:-1]] == [
        (row["branch"], row["completion_rate"], row["plan_ratio"], row["status"])
        for row in data["tasks"]["by_branch"]
    ]
    assert rows[-1]["党支部"] == "合计" and rows[-1]["任务完成率"] == 0.64
    assert rows[-1]["严重滞后（项）"] == 2
    assert tasks["B2"].number_format == "0.0%"
    assert records(book["超期任务"]) == [
        {
            "任务编号": "C1",
            "任务": "任务C1",
            "党支部": "机关党支部",
            "责任人": "周八",
            "截止月份": "2026-02",
            "超期月数": 1,
        }
    ]

    budget = records(book["经费_党支部"])
    assert [(row["党支部"], Decimal(str(row["累计支出（元）"]))) for row in budget] == [
        ("综采一队党支部", Decimal("4000")),
        ("掘进一队党支部", Decimal("1000")),
        ("机关党支部", Decimal("3000")),
        ("合计", Decimal("8000")),
    ]
    assert budget[2]["状态"] == "偏快"
    assert book["经费_党支部"]["B2"].number_format == "¥#,##0.00"
    categories = records(book["经费_类别"])
    assert [(row["经费类别"], row["经费执行率"]) for row in categories] == [
        ("学习教育", 0.7273),
        ("组织活动", 0.0),
    ]

    study = records(book["学习_党支部"])
    assert study[-1] == {"党支部": "合计", "党员数": 5, "学习达标率": 0.6, "平均积分": 500.0}
    laggards = records(book["学习_未达标党员"])
    assert laggards[1] == {
        "党员编号": "T002",
        "姓名": "李四",
        "党支部": "综采一队党支部",
        "学时差额": 1.0,
        "积分差额": 0,
    }

    meetings = records(book["三会一课"])
    first = next(
        r
        for r in meetings
        if r["党支部"] == "综采一队党支部" and r["期间"] == "本季度" and r["会议"] == "党小组会"
    )
    assert (first["应开（次）"], first["已开（次）"]) == (3, 2)
    assert records(book["月度填报"])[2] == {"党支部": "机关党支部", "填报状态": "草稿", "是否报送": "未报送"}


def test_anonymised_files_mask_names_and_drop_member_numbers(session):
    data = report(session)
    book = workbook(xlsx.report_xlsx(data, anonymise=True))

    laggards = records(book["学习_未达标党员"])
    assert [row["姓名"] for row in laggards] == ["孙*", "李*"]
    assert "党员编号" not in laggards[0]
    assert records(book["超期任务"])[0]["责任人"] == "周*"
    cells = {str(cell.value) for page in book for row in page.iter_rows() for cell in row}
    assert not {"T002", "T006", "李四", "孙七", "周八"} & cells
    text = plain(
        "".join(
            page.extract_text() for page in PdfReader(BytesIO(xlsx.report_pdf(data, anonymise=True))).pages
        )
    )
    assert "李*" in text and "李四" not in text and "T002" not in text
    assert data["study"]["laggards"][1]["name"] == "李四"  # the report itself is untouched


def test_a_name_that_looks_like_a_formula_stays_text(fresh_engine):
    with Session(fresh_engine) as session:
        session.add(
            Member(
                member_no="T099",
                name=INJECTION,
                branch_id=org_id(session, "机关党支部"),
                category=MemberCategory.FULL,
                joined_on=date(2010, 7, 1),
                active=True,
            )
        )
        session.commit()
        data = report(session)
    book = workbook(xlsx.report_xlsx(data))
    page = book["学习_未达标党员"]
    cell = next(row[1] for row in page.iter_rows(min_row=2) if row[0].value == "T099")
    assert cell.value == INJECTION
    assert cell.data_type == "s"


def test_the_pdf_has_a_title_page_the_figures_the_narrative_and_charts(session):
    data = report(session)
    reader = PdfReader(BytesIO(xlsx.report_pdf(data)))

    assert len(reader.pages) >= 2
    assert "党建工作月度通报" in plain(reader.pages[0].extract_text())
    text = plain("".join(page.extract_text() for page in reader.pages))
    assert plain(paragraph(data)) in text
    for expected in [
        "任务完成率64.0%41.0%+23.0个百分点",
        "学习达标率60.0%80.0%-20.0个百分点",
        "填报率66.7%33.3%",
    ]:
        assert expected in text
    images = [image for page in reader.pages for image in page.images]
    assert len(images) == 4  # tasks, study, budget and 党建+安全生产 quadrants
    assert all(image.image.width > 600 for image in images)


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["xlsx", "pdf"])
def test_the_command_line_writes_the_file(engine, session, tmp_path, kind):
    url = engine.url.render_as_string(hide_password=False)
    target = tmp_path / f"通报.{kind}"
    command = [
        sys.executable,
        "-m",
        "data_layer",
        "report",
        "--month",
        MONTH,
        "--format",
        kind,
        "--anonymise",
    ]
    done = subprocess.run(
        [*command, "-o", str(target)],
        env={"DATABASE_URL": url, "PATH": ""},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"已写入 {target}"
    if kind == "xlsx":
        assert [row["姓名"] for row in records(workbook(target.read_bytes())["学习_未达标党员"])] == [
            "孙*",
            "李*",
        ]
    else:
        assert plain(paragraph(report(session))) in plain(
            "".join(page.extract_text() for page in PdfReader(target).pages)
        )
    refused = subprocess.run(
        command, env={"DATABASE_URL": url, "PATH": ""}, capture_output=True, text=True, check=False
    )
    assert refused.returncode == 1
    assert f"生成 {kind} 文件须用 -o 指定输出文件" in refused.stderr


def test_the_star_rating_sheet_lists_every_branch_by_rank(session):
    rows = records(workbook(xlsx.report_xlsx(report(session)))["对标评星"])
    assert [(row["排名"], row["党支部"], row["对标得分"], row["星级"]) for row in rows] == [
        (1, "综采一队党支部", 77.0, "三星"),
        (2, "掘进一队党支部", 48.0, "一星"),
        (3, "机关党支部", 46.32, "一星"),
    ]


def test_the_dues_sheets_by_branch_and_in_arrears(session):
    """tests/handmade_lean.py add_dues: 59.3 %, 0.0 %, 100.0 %; 欧阳明 6 months unpaid, 720.00 owed."""
    book = workbook(xlsx.report_xlsx(report(session)))
    rows = records(book["党费_党支部"])
    assert [(row["党支部"], row["应交(元)"], row["实交(元)"]) for row in rows] == [
        ("综采一队党支部", 270.0, 160.0),
        ("掘进一队党支部", 1080.0, 0.0),
        ("机关党支部", 193.23, 193.23),
    ]
    assert [
        (row["姓名"], row["连续未交（月）"], row["欠缴金额(元)"]) for row in records(book["党费_欠缴"])
    ] == [("欧阳明", 6, 720.0)]
    masked = workbook(xlsx.report_xlsx(report(session), anonymise=True))["党费_欠缴"]
    assert [(row["姓名"], "党员编号" in row) for row in records(masked)] == [("欧阳*", False)]


def test_the_summary_and_the_pdf_carry_the_lean_figures(session):
    """对标 57.11 (+1.65), 金点子 50.0 % (−25.0), 帮扶 50.0 % (+10.0), 党费 22.9 % (−5.2): tests/handmade_lean.py."""
    data = report(session)
    rows = [row for row in records(workbook(xlsx.report_xlsx(data))["通报摘要"], header_row=3)]
    lean = {row["项目"]: row for row in rows if row["类别"] == "精益管理"}
    assert lean["对标平均分"]["说明"] == "57.1 分（环比 +1.6 分）"
    assert (lean["金点子采纳率"]["本月"], lean["金点子采纳率"]["上月"]) == (0.5, 0.75)
    assert (lean["帮扶走访率"]["本月"], lean["帮扶走访率"]["上月"]) == (0.5, 0.4)
    assert round(lean["党费交纳率"]["本月"], 4) == 0.2289
    pdf = PdfReader(BytesIO(xlsx.report_pdf(data)))
    text = plain("".join(page.extract_text() for page in pdf.pages))
    assert "对标平均分57.1分55.5分+1.6分" in text
    assert "党费交纳率22.9%28.1%-5.2个百分点" in text
