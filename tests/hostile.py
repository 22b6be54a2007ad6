"""A corpus of hostile names and texts, and a way to plant it into the hand-made fixture.

Each text is something a person could type or an import could carry: HTML and reportlab markup, a lone
``<`` or ``&``, an entity, bare and Markdown URLs, Markdown emphasis and maths, Streamlit's icon codes,
spreadsheet formulas, a 10,000-character text, emoji, a right-to-left mark and a newline. ``plant`` writes
them into names, titles, purposes, topics and comments, each cut to what its column allows (the schema
refuses longer text, so that is what can be stored), and returns what it stored.
"""

from sqlmodel import Session, select

from data_layer.models import Expense, Idea, Meeting, Member, Organisation, Submission, Task, User

CORPUS = [
    "<b>粗</b>x",
    "<script>alert(1)</script>",
    "a < b",
    "x&amp;y",
    '<img src="/etc/passwd"/>',
    "见https://x.cn/a_b后面的字",
    "www.x.cn后面",
    "[点我](javascript:alert(1))",
    "**加粗**",
    "$x^2$数学",
    ":material/home:图标",
    "=1+1",
    "+1",
    "-1",
    "@SUM(A1)",
    '=HYPERLINK("http://x","y")',
    "党员😀👍",
    "\u200f右向左",
    "第一行\n第二行",
    "长" * 10_000,
]
# How each text would look had it reached Markdown or reportlab unescaped, or become a link: none of these
# may appear in any Markdown on a page. (The formulas are harmless in Markdown; the files check them.)
ACTIVE = [
    "<b>",
    "<script>",
    "a < b",
    "x&amp;",
    "<img",
    "https://",
    "www.x",
    "[点我](",
    "**加粗**",
    "$x^2$",
    ":material/home:",
]


def _cycle(rows, length: int, attribute: str, start: int) -> list[str]:
    """Set ``attribute`` of each row to the next corpus text (from ``start``), cut to ``length``."""
    stored = []
    for offset, row in enumerate(rows):
        value = CORPUS[(start + offset) % len(CORPUS)][:length]
        setattr(row, attribute, value)
        stored.append(value)
    return stored


def plant(session: Session) -> dict[str, list[str]]:
    """The corpus in the hand-made fixture's names and texts; what was stored, by what it is."""
    branches = session.exec(
        select(Organisation).where(Organisation.name.in_(["综采一队党支部", "机关党支部"]))
    ).all()
    planted = {
        # A 党支部's name keeps its 党支部 ending (pages and files name 党支部 by it); still unique.
        "branch": [],
        "member": _cycle(session.exec(select(Member).order_by(Member.member_no)).all(), 50, "name", 0),
        "task": _cycle(session.exec(select(Task).order_by(Task.code)).all(), 200, "title", 3),
        "purpose": _cycle(session.exec(select(Expense).order_by(Expense.id)).all(), 200, "purpose", 6),
        "topic": _cycle(session.exec(select(Meeting).order_by(Meeting.id)).all(), 200, "topic", 9),
        "idea": _cycle(session.exec(select(Idea).order_by(Idea.id)).all(), 100, "title", 12),
        "user": _cycle(session.exec(select(User).order_by(User.id)).all(), 50, "display_name", 15),
        "comment": _cycle(session.exec(select(Submission).order_by(Submission.id)).all(), 500, "comment", 0),
    }
    for number, branch in enumerate(branches):
        branch.name = CORPUS[[0, 5][number]] + "党支部"
        planted["branch"].append(branch.name)
    session.commit()
    return planted
