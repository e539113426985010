"""The tests are laid out like the app (docs/ARCHITECTURE.md): unit tests need no app, integration
tests sit in the folder of their page area, and no test module imports another one (shared
fixtures live in a conftest.py, shared helpers in a helper module such as helpers.py)."""

import ast
from collections import Counter
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]
TEST_FILES = sorted(TESTS.rglob("test_*.py"))
PYTHON_FILES = sorted(TESTS.rglob("*.py"))
# The fixtures that start the app or touch the database (tests/conftest.py and the conftests
# under tests/integration/).
APP_FIXTURES = {
    "app",
    "app_ctx",
    "client",
    "db_url",
    "make_case",
    "make_conference",
    "make_user",
    "security_world",
    "signed_in",
    "world",
}


def imported_modules(path: Path) -> set[str]:
    """Every module the file imports, at any depth of the file."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def test_the_suite_has_test_files_to_check():
    assert len(TEST_FILES) > 50


def test_no_module_imports_a_test_module():
    """Shared fixtures go in a conftest.py, shared helpers in a helper module (helpers.py, …)."""
    found = {
        str(path.relative_to(TESTS)): sorted(
            name
            for name in imported_modules(path)
            if any(part.startswith("test_") for part in name.split("."))
        )
        for path in PYTHON_FILES
    }
    assert {path: names for path, names in found.items() if names} == {}


def test_test_module_names_are_unique():
    """Without __init__.py files pytest imports each test module by its file name alone."""
    names = Counter(path.name for path in TEST_FILES)
    assert [name for name, n in names.items() if n > 1] == []


def test_every_test_module_is_in_its_place():
    """tests/unit/…, tests/integration/<area>/ (or tests/integration/ for a suite across areas)
    or tests/browser/: not loose in tests/."""
    misplaced = [
        str(path.relative_to(TESTS))
        for path in TEST_FILES
        if not (
            TESTS / "integration" in path.parents
            or TESTS / "unit" in path.parents
            or path.parent == TESTS / "browser"
        )
    ]
    assert misplaced == []


def test_unit_tests_need_no_app():
    """A test that takes the app or the database is an integration test."""
    uses = {
        f"{path.relative_to(TESTS)}: {node.name}({argument.arg})"
        for path in TEST_FILES
        if TESTS / "unit" in path.parents
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path)))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        for argument in node.args.args
        if argument.arg in APP_FIXTURES
    }
    assert uses == set()
