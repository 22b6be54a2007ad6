"""What people typed is shown as the characters they typed: never HTML, never Markdown, never a formula.

On screen: a member's name, a 党支部's name, an expense's 事由 and a review comment holding ``<script>`` and
``**bold**`` are planted in the hand-made fixture; every page that shows them is opened under AppTest and
every piece of Markdown on it (titles, captions, alerts, labels, st.table cells) must hold them escaped
(``ui.literal``), while tables (st.dataframe) hold them unchanged. In files: text that begins with = + - @
is written as text (openpyxl data type "s"), unchanged, by ``excel.workbook_bytes`` and the report.
"""

import re
import tomllib
from io import BytesIO
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook
from sqlmodel import Session, select

from data_layer import reports
from data_layer.excel import Sheet, workbook_bytes
from data_layer.models import Expense, Member, Organisation, Submission, Task
from tests.actors import actor, org_id
from tests.handmade import MONTH
from tests.pages.apptest import APP, app_as, table
from ui import navigation, slides, text
from ui.literal import literal

NAME = "<script>alert(1)</script>**李四**"
BRANCH = "<script>alert(2)</script>**机关**党支部"
PURPOSE = "<script>alert(3)</script> **粗体** 购书"
COMMENT = "<script>alert(4)</script> **请改**"
# How the planted text would look had it reached Markdown unescaped.
UNESCAPED = ("<script>", "**李四**", "**机关**", "**粗体**", "**请改**")


@pytest.fixture
def hostile(writable):
    """The hand-made fixture with 李四 (T002), 机关党支部, one expense's 事由 and 掘进一队's 2026-02 return
    comment replaced by hostile text — as an import or a form could store them."""
    session = writable
    session.exec(select(Member).where(Member.member_no == "T002")).one().name = NAME
    session.get(Organisation, org_id(session, "机关党支部")).name = BRANCH
    session.exec(select(Expense).where(Expense.amount == 2499.50)).one().purpose = PURPOSE
    returned = session.exec(
        select(Submission).where(
            Submission.branch_id == org_id(session, "掘进一队党支部"), Submission.month == "2026-02"
        )
    ).one()
    returned.comment = COMMENT
    session.commit()
    return session


def markdown_texts(at) -> list[str]:
    """Everything on the page that Streamlit reads as Markdown."""
    texts = [
        element.value
        for kind in (
            "markdown",
            "caption",
            "title",
            "header",
            "subheader",
            "info",
            "success",
            "warning",
            "error",
        )
        for element in getattr(at, kind)
    ]
    texts += [element.label for kind in ("metric", "expander", "tabs") for element in getattr(at, kind)]
    for shown in at.table:
        frame = shown.value
        texts += [str(value) for value in [*frame.index, *frame.to_numpy().ravel()]]
    return texts


def assert_only_escaped(at) -> None:
    assert not at.exception
    for shown in markdown_texts(at):
        assert not any(raw in shown for raw in UNESCAPED), shown


def open_page(session, username: str, page: str, month: str = MONTH):
    at = app_as(session, username)
    at.switch_page(page)
    at.run()
    at.selectbox(key="entry_month" if page == navigation.script("entry") else "month").set_value(month)
    return at.run()


def test_literal_escapes_what_markdown_and_html_would_read():
    assert literal("<script>alert(1)</script>") == "\\<script\\>alert(1)\\</script\\>"
    assert literal("**粗体** [链接](javascript:x) $x$ :red[红] _斜体_ `c` ~d~ #e |f| &amp;") == (
        "\\*\\*粗体\\*\\* \\[链接\\](javascript\\:x) \\$x\\$ \\:red\\[红\\] \\_斜体\\_ \\`c\\` \\~d\\~ \\#e \\|f\\| \\&amp;"
    )
    assert literal("sec_c 张_三") == "sec_c 张_三"  # "_" inside a word starts nothing
    assert literal("12:30") == "12\\:30"
    assert (
        literal("综采一队党支部 2026年3月：¥1,234.50（已审核）")
        == "综采一队党支部 2026年3月：¥1,234.50（已审核）"
    )


def test_literal_keeps_bare_urls_emails_and_icons_from_becoming_links():
    """Streamlit links a bare URL (swallowing the Chinese after it) and draws :material/…: as an icon even
    when escaped, so a word joiner (U+2060, invisible) breaks the pattern; seen in Chromium: no <a>, the
    text as typed."""
    joiner = "\u2060"
    assert literal("见https://x.cn/a后面") == f"见https\\:{joiner}//x.cn/a后面"
    assert literal("HTTP://x.cn") == f"HTTP\\:{joiner}//x.cn"
    assert literal("www.x.cn后面") == f"www{joiner}.x.cn后面"
    assert literal("a@b.cn") == f"a@{joiner}b.cn"
    assert literal(":material/home: :smile:") == f"\\:{joiner}material/home\\: \\:smile\\:"
    # Take the joiners away and the escapes read back: exactly the characters typed.
    for typed in ["见https://x.cn/**粗**后面", "www.x.cn", "a@b.cn", ":material/home:"]:
        shown = literal(typed).replace(joiner, "")
        assert re.sub(r"\\(.)", r"\1", shown) == typed


def test_a_member_name_is_plain_in_tables_and_escaped_in_the_history_heading(hostile):
    at = open_page(hostile, "leader", navigation.script("study"))
    assert NAME in table(at, "study-laggards")["name"].tolist()
    li = hostile.exec(select(Member.id).where(Member.member_no == "T002")).one()
    at.selectbox(key="member").set_value(li)
    at.run()

    heading = f"**{text.STUDY_MEMBER_HISTORY.format(name=literal(NAME), no='T002', year='2026')}**"
    assert heading in [element.value for element in at.markdown]
    assert_only_escaped(at)


def test_an_expense_purpose_is_plain_in_the_detail_and_a_branch_escaped_in_the_alerts(hostile):
    at = open_page(hostile, "leader", navigation.script("budget"))
    assert f"{literal(BRANCH)}：偏快，经费执行率 60.0%，时间进度 25.0%" in [box.value for box in at.warning]
    at.selectbox(key="budget_branch").set_value(org_id(hostile, "综采一队党支部"))
    at.run()

    assert PURPOSE in table(at, "budget-detail")["purpose"].tolist()
    assert_only_escaped(at)


def test_a_branch_name_is_escaped_in_the_entry_and_history_headings(hostile):
    at = open_page(hostile, "admin", navigation.script("entry"), month="2026-04")
    at.selectbox(key="entry_branch").set_value(org_id(hostile, BRANCH))
    at.run()
    assert at.subheader[0].value == f"{literal(BRANCH)} 2026年4月：未填报"
    assert_only_escaped(at)

    at = open_page(hostile, "admin", navigation.script("history"))
    at.selectbox(key="history_branch").set_value(org_id(hostile, BRANCH))
    at.run()
    assert at.subheader[0].value == f"{literal(BRANCH)} 2026年3月 的修改记录"
    assert_only_escaped(at)


def test_a_review_comment_is_escaped_where_the_secretary_reads_it(hostile):
    at = open_page(hostile, "sec_b", navigation.script("entry"), month="2026-02")
    assert at.warning[0].value == text.ENTRY_RETURNED.format(comment=literal(COMMENT))
    assert_only_escaped(at)


def test_a_saved_expense_is_confirmed_escaped_and_listed_as_typed(hostile):
    at = open_page(hostile, "sec_a", navigation.script("entry"), month="2026-04")
    inputs = {field.label: field for field in at.text_input}
    inputs["金额(元)"].input("100")
    inputs["事由"].input(PURPOSE)
    inputs["凭证号"].input("PZ-XSS")
    at.button(key="FormSubmitter:expense-form-保存").click()
    at.run()

    assert at.success[0].value.endswith(f"¥100.00（{literal(PURPOSE)}）")
    assert PURPOSE in table(at, "entry-expenses")["purpose"].tolist()
    assert_only_escaped(at)


def test_every_meeting_slide_shows_names_escaped(hostile):
    at = app_as(hostile, "admin")
    at.selectbox(key="month").set_value(MONTH)
    at.run()
    at.switch_page(navigation.script("meeting"))
    at.run()
    for _ in slides.SLIDES:
        assert_only_escaped(at)
        at.button(key="meeting-next").click()
        at.run()
    at.button(key="meeting-previous").click()  # back to the last slide: 预警, overdue C1 of 机关
    at.run()
    overdue = at.table[0].value
    assert literal(BRANCH) in overdue[text.BRANCH].tolist()


@pytest.mark.parametrize(
    "username, pages",
    [
        (
            "leader",
            ["overview", "tasks", "study", "budget", "meetings", "safety", "board", "review", "history"],
        ),
        ("admin", ["entry", "setup"]),
    ],
)
def test_no_page_lets_the_planted_text_reach_markdown_unescaped(hostile, username, pages):
    at = app_as(hostile, username)
    at.selectbox(key="month").set_value(MONTH)
    at.run()
    for page in pages:
        at.switch_page(navigation.script(page))
        at.run()
        assert_only_escaped(at)


# ---------------------------------------------------------------- exported files

FORMULA_LIKE = ["=1+1", '=HYPERLINK("http://x","y")', "+86 138", "-5", "@SUM(A1)", "=", "-"]


def cells_by_value(data: bytes) -> dict[str, list]:
    found: dict[str, list] = {}
    for page in load_workbook(BytesIO(data)).worksheets:
        for row in page.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    found.setdefault(cell.value, []).append(cell)
    return found


def test_tables_offer_no_built_in_csv():
    """Streamlit's own "Download as CSV" wrote internal headers (spent_on, purpose) and left =HYPERLINK(…)
    a live formula; it is switched off, and every table's 下载 Excel (below) is the export. The browser
    check is in tests/e2e/test_leader.py."""
    config = tomllib.loads((Path(APP).parent / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["client"]["disableDataExport"] is True


def test_a_table_export_writes_formula_like_text_as_text():
    frame = pd.DataFrame({"name": FORMULA_LIKE, "amount": range(len(FORMULA_LIKE))})
    data = workbook_bytes(
        [
            Sheet(
                "导出",
                frame,
                {"name": "名称", "amount": "金额"},
                {"amount": "money"},
                intro=("=1+2 情况综述",),
            )
        ]
    )

    cells = cells_by_value(data)
    for value in [*FORMULA_LIKE, "=1+2 情况综述"]:
        assert [(cell.value, cell.data_type) for cell in cells[value]] == [(value, "s")]


def test_the_report_workbook_writes_formula_like_names_as_text(fresh_engine):
    # 孙七 and 李四 are 学习 laggards, 周八 owns the overdue C1: each appears in the report.
    names = {"T006": '=HYPERLINK("http://x","y")', "T002": "+SUM(1)", "T007": "@A1"}
    with Session(fresh_engine) as session:
        for number, name in names.items():
            session.exec(select(Member).where(Member.member_no == number)).one().name = name
        session.exec(select(Task).where(Task.code == "C1")).one().title = "=1+1"
        session.get(Organisation, org_id(session, "掘进一队党支部")).name = "-掘进一队党支部"
        session.commit()
        report = reports.monthly_report(session=session, actor=actor(session, "leader"), month=MONTH)
    data = reports.report_xlsx(report)

    cells = cells_by_value(data)
    for value in ["=1+1", "-掘进一队党支部", *names.values()]:
        assert cells[value], value  # each one is in the report somewhere
    for value, shown in cells.items():
        if value.startswith(("=", "+", "-", "@")):
            assert {cell.data_type for cell in shown} == {"s"}, value
