"""The PDF 通报 embeds every font it uses and prints people's text as the characters they typed.

Read back with pypdf (and, where poppler is installed, with pdffonts and pdftotext — the viewer that drew
every Chinese line blank while the font was only named): every font has its file in the PDF; markup, `<`,
`&`, entities, `<img>`, URLs, formulas, emoji and line breaks come out as typed; nothing is fetched.
"""

import re
import shutil
import subprocess
from io import BytesIO

import pytest
from pypdf import PdfReader
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, SimpleDocTemplate
from sqlmodel import select

from data_layer import reports
from data_layer.errors import Refused
from data_layer.models import Member, Organisation
from data_layer.reports import pdf_text
from tests.actors import actor, org_id
from tests.handmade import MONTH

HOSTILE = [
    "<b>粗体</b>",
    "<script>alert(1)</script>",
    "a < b & c > d",
    "&amp; &lt; &#60;",
    '<img src="/etc/passwd"/>',
    '<img src="http://127.0.0.1:9/x.png" width="9" height="9"/>',
    '<font name="Helvetica" color="red">红</font>',
    "<para><br/></para>",
    "**bold** $x^2$ [链接](javascript:alert(1)) https://example.com/a?b=1&c=2 后面的字",
    '=1+1 +1 -1 @SUM(A1) =HYPERLINK("http://x","y")',
    "党员😀👍✅",
    "\u200f右向左标记",
]
# Every Chinese word of the planted names: each must be printed.
BRANCH = "<b>综采</b>&一队 <img src='/etc/passwd'/> https://x.cn 党支部"
MEMBER = "李<四>&amp;😀"


def plain(text: str) -> str:
    return re.sub(r"\s+", "", text)


def unembedded(data: bytes) -> list[str]:
    """The fonts a page uses without the font's file inside the PDF (what pdffonts lists as emb no)."""
    missing = []
    for page in PdfReader(BytesIO(data)).pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            described = [font, *[part.get_object() for part in font.get("/DescendantFonts", [])]]
            descriptors = [
                part["/FontDescriptor"].get_object() for part in described if "/FontDescriptor" in part
            ]
            if not any(key in d for d in descriptors for key in ("/FontFile", "/FontFile2", "/FontFile3")):
                missing.append(str(font["/BaseFont"]))
    return missing


def pdf_of(texts: list[str]) -> bytes:
    style = ParagraphStyle("body", fontName=pdf_text.pdf_font(), fontSize=11, leading=18)
    buffer = BytesIO()
    document = SimpleDocTemplate(buffer, initialFontName=pdf_text.pdf_font(), invariant=1)
    document.build([Paragraph(pdf_text.pdf_markup(text), style) for text in texts])
    return buffer.getvalue()


def test_markup_escapes_what_reportlab_would_read_as_markup():
    assert pdf_text.pdf_markup("<b>粗</b> & &amp;") == "&lt;b&gt;粗&lt;/b&gt; &amp; &amp;amp;"
    assert pdf_text.pdf_markup("第一行\n第二行") == "第一行<br/>第二行"
    # The Chinese face has no emoji: they are drawn with the fallback font.
    assert pdf_text.pdf_markup("好😀") == f'好<font name="{pdf_text.FALLBACK}">😀</font>'


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_prints_as_typed_in_embedded_fonts(text):
    data = pdf_of([text])
    reader = PdfReader(BytesIO(data))

    assert plain(reader.pages[0].extract_text()) == plain(text)
    assert not reader.pages[0].images  # an <img> was text, not a file or URL opened
    assert unembedded(data) == []


def test_a_line_break_is_kept():
    reader = PdfReader(BytesIO(pdf_of(["第一行\n第二行"])))
    assert reader.pages[0].extract_text().splitlines() == ["第一行", "第二行"]


def test_without_the_chinese_font_the_pdf_is_refused_naming_the_package(monkeypatch, tmp_path):
    monkeypatch.setattr(pdf_text, "FONT_FILES", (tmp_path / "wqy-microhei.ttc",))
    with pytest.raises(Refused, match="fonts-wqy-microhei"):
        pdf_text.pdf_font()


def test_the_report_prints_hostile_names_in_embedded_fonts(fresh_session):
    session = fresh_session
    session.get(Organisation, org_id(session, "综采一队党支部")).name = BRANCH
    session.exec(select(Member).where(Member.member_no == "T002")).one().name = MEMBER  # a 学习 laggard
    session.commit()
    report = reports.monthly_report(session=session, actor=actor(session, "leader"), month=MONTH)

    data = reports.report_pdf(report)
    reader = PdfReader(BytesIO(data))
    text = plain("".join(page.extract_text() for page in reader.pages))
    assert plain(reports.paragraph(report)) in text
    assert plain(BRANCH) in text and plain(MEMBER) in text
    assert "党建工作月度通报" in text
    assert (
        len([image for page in reader.pages for image in page.images]) == 4
    )  # the charts, 党建+安全生产 among them
    assert unembedded(data) == []


@pytest.mark.skipif(not shutil.which("pdffonts"), reason="poppler-utils is not installed")
def test_poppler_finds_every_font_embedded_and_reads_the_chinese(tmp_path):
    target = tmp_path / "通报.pdf"
    target.write_bytes(pdf_of(["党建工作月度通报", "综采一队党支部 学习达标率 85.3%", "😀"]))

    listed = subprocess.run(["pdffonts", str(target)], capture_output=True, text=True, check=True).stdout
    fonts = listed.splitlines()[2:]
    assert len(fonts) == 2  # the Chinese face and the fallback, each a subset
    assert all(line.split()[-5:-2] == ["yes", "yes", "yes"] for line in fonts), listed  # emb sub uni
    read = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True, check=True).stdout
    assert plain(read) == plain("党建工作月度通报综采一队党支部学习达标率85.3%😀")
