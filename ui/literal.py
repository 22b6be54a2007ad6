"""People's text inside Streamlit Markdown, shown character for character.

Streamlit reads Markdown — and its own directives (:red[…], $…$) — in st.markdown, st.caption,
st.title/subheader, st.info/success/warning/error, widget labels and st.table cells; HTML in it is never
rendered (no ``unsafe_allow_html`` anywhere), but ``**粗体**`` would be bold and ``[x](…)`` a link. Names,
purposes, comments and the refusals that quote them go through ``literal`` before they reach Markdown;
tables of people's text use ``st.dataframe`` (components.table), which shows plain text.

GitHub-flavoured Markdown also turns a bare ``https://…``, ``www.…`` or ``name@host.cn`` into a link that runs
on over the Chinese words after it (they have no space to stop it), and Streamlit turns ``:material/home:``
into an icon. Both are found in the text after escapes are read, so no backslash stops them: an invisible
WORD JOINER (U+2060) goes where the pattern would match ("https:⁠//", "www⁠.", "@⁠", ":⁠material/"). It is the
one character ``literal`` adds; people see exactly what they typed, and nothing is a link.
"""

import re

# CommonMark lets a backslash escape any ASCII punctuation; these are the ones that start something.
# "_" inside a word ("sec_c") never starts emphasis, so only a "_" at a word's edge is escaped.
_MARKUP = re.compile(r"[\\`*~\[\]<>&$|#:]|(?<!\w)_|_(?!\w)")
# Where an autolink or an icon would start: a word joiner goes there.
_LINK_START = re.compile(r"(?i)(?<=http:|ttps:)(?=//)|(?<=www)(?=\.)|(?<=@)|(?<=:)(?=material/)")
JOINER = "\u2060"


def literal(value: object) -> str:
    """``value`` as Markdown that shows exactly its characters: "**粗体**" → "\\*\\*粗体\\*\\*"."""
    return _MARKUP.sub(r"\\\g<0>", _LINK_START.sub(JOINER, str(value)))
