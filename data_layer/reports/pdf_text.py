"""Text in the PDF 通报: the fonts it embeds, and people's text as reportlab paragraph markup that prints
exactly its characters.

Fonts. A PDF that only names its font is blank in viewers that have no such font (poppler on a Linux
desktop draws every Chinese line empty), so every font is embedded. reportlab embeds TrueType (glyf)
outlines only, as subsets of the glyphs used; Noto Sans CJK is CFF and cannot be. The Chinese face is
文泉驿微米黑 (WenQuanYi Micro Hei, Debian ``fonts-wqy-microhei``, Apache-2.0 / GPL-3 with the font
exception, so it may be embedded and passed on); no well-kept PyPI package ships a Chinese TrueType face
under a licence that allows it (the ones there ship CFF Noto or SimHei, which is not free). Characters
that face lacks — emoji, most symbols — are drawn with Symbola (Debian ``fonts-symbola``, "free for any
use") when it is installed. ``.ci/run`` and ``./dev`` install both; without the Chinese face the PDF is
refused in Chinese, naming the package.

Text. reportlab's Paragraph reads its text as XML-like markup: ``<b>`` is bold, ``<img src=…>`` opens a
file or URL, ``&`` starts an entity and a lone ``<`` is a parse error. ``pdf_markup`` escapes all three,
keeps a newline as a line break and wraps characters the Chinese face lacks in the fallback font.
"""

from functools import cache
from itertools import groupby
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont

from data_layer.errors import Refused

FONT = "WenQuanYiMicroHei"
FALLBACK = "Symbola"
# Where Debian's packages put them; the first that exists is used.
FONT_FILES = (Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),)
FALLBACK_FILES = (Path("/usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf"),)
MISSING_FONT = (
    "无法生成 PDF：服务器缺少中文字体“文泉驿微米黑”（Debian 软件包 fonts-wqy-microhei）。"
    "请管理员安装后再试：apt-get install fonts-wqy-microhei"
)

_REPORTLAB_CMAP = ttfonts.makeToUnicodeCMap


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab's ToUnicode map, with characters beyond U+FFFF (emoji) written as UTF-16 as PDF requires.

    reportlab 5.1 writes 😀 as ``<1F600>``, which viewers read as another character ("ὠ"), so a copied
    or searched emoji was lost; the glyph itself is drawn right either way.
    """
    cmap = _REPORTLAB_CMAP(fontname, subset)
    for code, char in enumerate(subset):
        if char > 0xFFFF:
            utf16 = chr(char).encode("utf-16-be").hex().upper()
            cmap = cmap.replace(f"<{code:02X}> <{char:04X}>", f"<{code:02X}> <{utf16}>")
    return cmap


ttfonts.makeToUnicodeCMap = _to_unicode_cmap


def _first(files: tuple[Path, ...]) -> Path | None:
    return next((file for file in files if file.is_file()), None)


@cache
def _register(name: str, file: Path) -> frozenset[int]:
    """Register ``file`` as ``name`` (once per process); the code points it has glyphs for."""
    font = TTFont(name, str(file), subfontIndex=0)
    pdfmetrics.registerFont(font)
    return frozenset(font.face.charToGlyph)


def _main() -> frozenset[int]:
    file = _first(FONT_FILES)
    if file is None:
        raise Refused(MISSING_FONT)
    return _register(FONT, file)


def _fallback() -> frozenset[int]:
    file = _first(FALLBACK_FILES)
    return _register(FALLBACK, file) if file else frozenset()


def pdf_font() -> str:
    """The embedded Chinese font's registered name; refused when its file is not installed."""
    _main()
    _fallback()
    return FONT


def _runs(text: str) -> list[tuple[bool, str]]:
    """``text`` cut into runs of (drawn with the fallback font, characters)."""
    main, extra = _main(), _fallback()

    def needs_fallback(char: str) -> bool:
        return ord(char) not in main and ord(char) in extra

    return [(fallback, "".join(chars)) for fallback, chars in groupby(text, key=needs_fallback)]


def pdf_markup(value: object) -> str:
    """``value`` as Paragraph markup that prints exactly its characters: "<b>&" → "&lt;b&gt;&amp;"."""
    return "<br/>".join(
        "".join(
            f'<font name="{FALLBACK}">{escape(run)}</font>' if fallback else escape(run)
            for fallback, run in _runs(line)
        )
        for line in str(value).split("\n")
    )
