"""The code's layout is its architecture (docs/architecture.md): these checks keep it that way.

- ``pages → ui → data_layer``: data_layer imports neither Streamlit nor ui nor pages; ui never
  imports a page; Streamlit's private API is imported in ui/streamlit_internals.py only.
- Inside data_layer, each top-level module or package sits in a layer and imports only lower layers
  (so there are no cycles between them). A package's modules import each other's modules directly.
- Each package's ``__init__`` re-exports every public function of its modules (a module whose name
  starts with ``_`` serves its own package only).
"""

import ast
import importlib
import inspect
import pkgutil
from pathlib import Path

import pytest

import data_layer

ROOT = Path(__file__).resolve().parent.parent

LAYERS: tuple[frozenset[str], ...] = tuple(
    frozenset(names.split())
    for names in (
        "errors vocab",
        "months rules parse",
        "display",  # how figures, months and moments are written for people
        "clock",
        "models schemas",
        "store",  # db, writes, audit, version, memo, backup, settings
        "auth",
        "orgs sso",
        "metrics",  # every figure, one definition each
        "entry",  # the month's figures: writes, editors, sheets, workflow, history
        "lean",  # 对标 set-up, 金点子, 帮扶结对, 党费: writes
        "safety",  # 党建+安全生产: units, production and safety months, 先锋岗/责任区: writes
        "setup",  # the administrator's set-up, a new year, the first run
        "excel",  # workbooks, the import, templates
        "reports",  # the monthly report as data, words, Excel, PDF
        "cli",  # python -m data_layer …
        "__main__",
    )
)
LAYER_OF = {unit: level for level, units in enumerate(LAYERS) for unit in units}
PACKAGES = ("store", "entry", "setup", "excel", "reports", "lean", "safety")


def _python_files(folder: str) -> list[Path]:
    return sorted(path for path in (ROOT / folder).rglob("*.py") if "migrations" not in path.parts)


def _imports(path: Path) -> list[str]:
    """Every module a file imports (``from a import b`` gives ``a.b`` as well as ``a``)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.append(node.module)
            found += [f"{node.module}.{alias.name}" for alias in node.names]
    return found


def _unit(path: Path) -> str:
    """The data_layer unit a file belongs to: its package, or its own name at the top."""
    parts = path.relative_to(ROOT / "data_layer").with_suffix("").parts
    return parts[0]


def test_the_data_layer_never_imports_streamlit_ui_or_pages():
    offending = [
        f"{path.relative_to(ROOT)}: {name}"
        for path in _python_files("data_layer")
        for name in _imports(path)
        if name.split(".")[0] in ("streamlit", "ui", "pages")
    ]
    assert offending == []


def test_ui_never_imports_a_page():
    offending = [
        f"{path.relative_to(ROOT)}: {name}"
        for path in _python_files("ui")
        for name in _imports(path)
        if name.split(".")[0] == "pages"
    ]
    assert offending == []


def test_streamlit_private_api_is_imported_in_one_adapter_only():
    # Streamlit's testing package is public through AppTest only (its runner modules are not).
    public = {"streamlit.testing.v1", "streamlit.testing.v1.AppTest"}
    offending = [
        f"{path.relative_to(ROOT)}: {name}"
        for folder in ("pages", "ui", "data_layer", "seed", "benchmarks", "tests")
        for path in _python_files(folder)
        for name in _imports(path)
        if name.startswith("streamlit.")
        and name not in public
        and path != ROOT / "ui" / "streamlit_internals.py"
    ]
    offending += [f"app.py: {name}" for name in _imports(ROOT / "app.py") if name.startswith("streamlit.")]
    assert offending == []


def test_every_data_layer_unit_has_a_layer():
    units = {_unit(path) for path in _python_files("data_layer")} - {"__init__"}
    assert sorted(units - set(LAYER_OF)) == []


def test_data_layer_units_import_only_lower_layers():
    upward = []
    for path in _python_files("data_layer"):
        unit = _unit(path)
        if unit == "__init__":
            continue
        for name in _imports(path):
            parts = name.split(".")
            if parts[0] != "data_layer" or len(parts) < 2 or parts[1] == unit or parts[1] not in LAYER_OF:
                continue
            if LAYER_OF[parts[1]] >= LAYER_OF[unit]:
                upward.append(f"{path.relative_to(ROOT)} imports {name}")
    assert sorted(set(upward)) == []


def test_a_package_s_modules_never_import_its_own_init():
    """Inside a package, ``from data_layer.entry import figures`` (a module) — never a re-exported name,
    which would need the half-initialised package."""
    offending = []
    for package in PACKAGES:
        modules = {info.name for info in pkgutil.iter_modules([str(ROOT / "data_layer" / package)])}
        for path in sorted((ROOT / "data_layer" / package).glob("*.py")):
            if path.name == "__init__.py":
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if isinstance(node, ast.ImportFrom) and node.module == f"data_layer.{package}":
                    offending += [
                        f"{path.relative_to(ROOT)}: {alias.name}"
                        for alias in node.names
                        if alias.name not in modules
                    ]
    assert offending == []


@pytest.mark.parametrize("package", PACKAGES)
def test_a_package_re_exports_every_public_function_of_its_modules(package):
    facade = importlib.import_module(f"data_layer.{package}")
    missing = []
    for info in pkgutil.iter_modules(facade.__path__):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"data_layer.{package}.{info.name}")
        for name, value in vars(module).items():
            if name.startswith("_") or not inspect.isfunction(value) or value.__module__ != module.__name__:
                continue
            if getattr(facade, name, None) is not value or name not in facade.__all__:
                missing.append(f"{module.__name__}.{name}")
    assert missing == []


def test_the_top_of_data_layer_holds_only_domain_modules_and_packages():
    top = {info.name for info in pkgutil.iter_modules(data_layer.__path__)}
    assert top - {"migrations"} == set(LAYER_OF)


def test_no_page_script_sits_directly_in_pages():
    """Streamlit's old multipage discovery runs a ``.py`` directly in ``pages/`` without app.py (no login,
    no filters); pages live in ``pages/<section>/`` (ui/navigation.py)."""
    assert sorted(path.name for path in (ROOT / "pages").glob("*.py")) == []


def test_the_registry_names_every_page_script_and_nothing_else():
    from ui import navigation

    on_disk = sorted(str(path.relative_to(ROOT)) for path in (ROOT / "pages").rglob("*.py"))
    assert on_disk == sorted(navigation.script(name) for name in navigation.PAGES)
