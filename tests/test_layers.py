"""The package reads as its pipeline: a stage imports the stages before it, never after.

``check/`` reads only the store and the model (and what both use: errors, limits,
languages, the metadata schema, the segmenter's character tables, the exchange readers):
never the importer, the aligner, the renderer or the command line."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "toolkit"

#: What each stage must never import.
FORBIDDEN = {
    "check": ("toolkit.importing", "toolkit.align", "toolkit.render", "toolkit.cli"),
    "store": (
        "toolkit.importing",
        "toolkit.align",
        "toolkit.check",
        "toolkit.render",
        "toolkit.cli",
    ),
}


def imports(path: Path) -> list[tuple[int, str]]:
    """(line, module) of every import in ``path``, relative ones made absolute."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts[:-1])
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level else ""
            module = ".".join(p for p in (base, node.module or "") if p)
            found.append((node.lineno, module))
    return found


@pytest.mark.parametrize("stage", sorted(FORBIDDEN))
def test_a_stage_never_imports_a_later_one(stage: str) -> None:
    files = sorted((PACKAGE / stage).rglob("*.py"))
    assert files, f"toolkit/{stage}/ has no modules"
    wrong = [
        f"{path.relative_to(PACKAGE.parent)}:{line}: {module}"
        for path in files
        for line, module in imports(path)
        if module.startswith(FORBIDDEN[stage])
    ]
    assert wrong == []


def test_the_reader_of_imports_sees_relative_and_absolute_ones(tmp_path: Path) -> None:
    # Guards the test above from passing on a reader that finds nothing.
    found = dict((m, n) for n, m in imports(PACKAGE / "check" / "review.py"))
    assert "toolkit.model" in found
