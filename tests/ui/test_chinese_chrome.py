"""Where Streamlit's own widgets would speak English, the pages say it in Chinese (UX.md): every select
box and multiselect gives its own placeholder (not "Choose an option" / "No options to select"), and a
multiselect offers no English "Select all"."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _widget_calls():
    for folder in ("ui", "pages"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Attribute)
                    and node.func.attr in ("selectbox", "multiselect")
                ):
                    yield f"{path.relative_to(ROOT)}:{node.lineno}", node


def test_every_select_box_says_its_placeholder_in_chinese():
    missing = [
        where
        for where, call in _widget_calls()
        if not {keyword.arg for keyword in call.keywords} & {"placeholder", None}  # None: **kwargs
    ]
    assert not missing, f"select boxes showing Streamlit's English placeholder: {missing}"


def test_no_multiselect_offers_select_all():
    offering = [
        where
        for where, call in _widget_calls()
        if call.func.attr == "multiselect"
        and not any(
            keyword.arg == "select_all"
            and isinstance(keyword.value, ast.Constant)
            and keyword.value.value is False
            for keyword in call.keywords
        )
    ]
    assert not offering, f"multiselects showing Streamlit's English 'Select all': {offering}"
