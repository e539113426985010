"""The transaction rule (conference/services/__init__.py): services flush, the view or CLI
command that called them commits once. No module under services/ or pdf/ may commit; a CLI
command (cli.py) is a caller, so it may."""

import ast
from pathlib import Path

import conference

ROOT = Path(conference.__file__).parent
LAYERS = ("services", "pdf")


def commits_in(path: Path, base: Path = ROOT.parent) -> list[str]:
    """Where the module calls `.commit(`, as "path:line"."""
    tree = ast.parse(path.read_text(), filename=str(path))
    return [
        f"{path.relative_to(base)}:{node.lineno}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "commit"
    ]


def test_no_service_or_document_module_commits():
    modules = [
        path
        for layer in LAYERS
        for path in sorted((ROOT / layer).rglob("*.py"))
        if path.name != "cli.py"
    ]
    assert modules, "no modules found"
    found = [place for path in modules for place in commits_in(path)]
    assert not found, "commit() called where only the view or CLI command may: " + ", ".join(found)


def test_the_check_finds_a_commit(tmp_path):
    module = tmp_path / "writes.py"
    module.write_text("def save(db):\n    db.session.add(1)\n    db.session.commit()\n")
    assert commits_in(module, tmp_path) == ["writes.py:3"]
