"""The monthly report as a PDF (reportlab): title page, headline figures, narrative, charts, laggards.

Every font is embedded and people's text (organisation, branch and member names in the narrative and the
tables) is escaped: ``pdf_text`` says how. The charts are PNG images rendered by vl-convert with the
screen's theme and Noto Sans CJK, so they look as on screen.
"""

from io import BytesIO
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import (
    Image,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from data_layer import display
from data_layer.reports import charts, lean
from data_layer.reports import safety as safety_report
from data_layer.reports.narrative import HEADLINES, paragraph, title
from data_layer.reports.pdf_text import pdf_font, pdf_markup
from data_layer.reports.theme import PARTY_RED

_TEXT_WIDTH = A4[0] - 40 * mm


def _styles(font: str) -> dict[str, ParagraphStyle]:
    return {
        "title": ParagraphStyle(
            "title",
            fontName=font,
            fontSize=26,
            leading=36,
            alignment=TA_CENTER,
            textColor=colors.HexColor(PARTY_RED),
        ),
        "subtitle": ParagraphStyle("subtitle", fontName=font, fontSize=14, leading=22, alignment=TA_CENTER),
        "heading": ParagraphStyle(
            "heading",
            fontName=font,
            fontSize=15,
            leading=22,
            spaceBefore=8,
            spaceAfter=6,
            textColor=colors.HexColor(PARTY_RED),
        ),
        # Chinese is broken between characters (reportlab's CJK wrapping, which keeps "，。" off a line's
        # start); by words, a line broke only at the spaces inside "1.6 分" and ran short or started with "。".
        "body": ParagraphStyle(
            "body", fontName=font, fontSize=11, leading=19, firstLineIndent=22, wordWrap="CJK"
        ),
        "cell": ParagraphStyle("cell", fontName=font, fontSize=10, leading=14, wordWrap="CJK"),
    }


def _change(delta: float | None) -> str:
    return display.rate_change(delta) or display.NO_VALUE


def _table(rows: list[list[str]], font: str, widths: list[float]) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), font, 10.5),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#FBF6EC")),
                ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#CCCCCC")),
                ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return table


def _headlines(report: dict, font: str) -> Table:
    rows = [["指标", "本月", "上月", "环比"]]
    for key, label in HEADLINES:
        figure = report["overview"][key]
        rows.append(
            [
                label,
                display.percent(figure["value"]),
                display.percent(figure["previous"]),
                _change(figure["change"]),
            ]
        )
    for label, kind, value, previous, delta in lean.lean_headlines(report):
        if kind == "score":
            shown = [display.score(number) for number in (value, previous)]
            change = display.score_change(delta) or display.NO_VALUE
        else:
            shown = [display.percent(number) for number in (value, previous)]
            change = _change(delta)
        rows.append([label, *shown, change])
    for label, kind, value, previous, delta in safety_report.safety_headlines(report):
        if kind == "per_mille":
            shown = [display.per_thousand(number) for number in (value, previous)]
            change = display.per_thousand_change(delta) or display.NO_VALUE
        else:
            shown = [display.percent(number) for number in (value, previous)]
            change = _change(delta)
        rows.append([label, *shown, change])
    return _table(rows, font, [_TEXT_WIDTH * share for share in (0.34, 0.2, 0.2, 0.26)])


def _chart(chart) -> Image:
    png = charts.png(chart)
    width, height = ImageReader(BytesIO(png)).getSize()
    shown = min(_TEXT_WIDTH, width / 2 * 0.75)
    return Image(BytesIO(png), width=shown, height=shown * height / width)


def pdf_bytes(report: dict[str, Any]) -> bytes:
    """Page 1 the title; then the headline table and the narrative; the charts; 党建+安全生产's quadrants and
    the 党支部 to talk about; the study laggards."""
    font = pdf_font()
    styles = _styles(font)
    story = [
        Spacer(1, 70 * mm),
        Paragraph(pdf_markup(report.get("org") or ""), styles["subtitle"]),
        Spacer(1, 6 * mm),
        Paragraph("党建工作月度通报", styles["title"]),
        Spacer(1, 8 * mm),
        Paragraph(display.month_label(report["month"]), styles["subtitle"]),
        Spacer(1, 60 * mm),
        Paragraph("精益党建看板", styles["subtitle"]),
        PageBreak(),
        Paragraph("一、核心指标", styles["heading"]),
        _headlines(report, font),
        Spacer(1, 5 * mm),
        Paragraph("二、总体情况", styles["heading"]),
        Paragraph(pdf_markup(paragraph(report)), styles["body"]),
    ]
    drawn = charts.report_charts(report)
    for number, chart in enumerate(drawn):
        # The heading travels with the first chart, so it never stands alone at the foot of a page.
        heading = [Paragraph("三、主要图表", styles["heading"])] if number == 0 else []
        story += [KeepTogether([*heading, _chart(chart)]), Spacer(1, 4 * mm)]
    headings = iter(("四", "五"))
    notes = safety_report.safety_notes(report)
    if notes:
        story.append(Paragraph(f"{next(headings)}、党建+安全生产", styles["heading"]))
        rows = [["项目", "说明"]]
        rows += [
            [Paragraph(pdf_markup(item), styles["cell"]), Paragraph(pdf_markup(words), styles["cell"])]
            for item, words in notes
        ]
        story += [_table(rows, font, [_TEXT_WIDTH * share for share in (0.25, 0.75)]), Spacer(1, 4 * mm)]
    laggards = report["study"].get("laggards") or []
    if laggards:
        story.append(Paragraph(f"{next(headings)}、学习未达标党员", styles["heading"]))
        rows = [["姓名", "党支部", "学时差额", "积分差额"]]
        # Names are paragraphs, so a long one wraps inside its column rather than running over the next.
        rows += [
            [
                Paragraph(pdf_markup(row["name"]), styles["cell"]),
                Paragraph(pdf_markup(row["branch"]), styles["cell"]),
                display.decimal(row["hours_short"]),
                display.count(row["points_short"]),
            ]
            for row in laggards
        ]
        story.append(_table(rows, font, [_TEXT_WIDTH * share for share in (0.2, 0.4, 0.2, 0.2)]))
    buffer = BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
        title=title(report),
        author="精益党建看板",
        invariant=1,
        # reportlab's canvas starts in Helvetica, which it names but never embeds.
        initialFontName=font,
    )
    document.build(story)
    return buffer.getvalue()
