"""Every check is documented in docs/checks.md, with its severity, in its family's table."""

from __future__ import annotations

import importlib
import pkgutil
import re
import subprocess
import sys
from pathlib import Path

import pytest

import toolkit.check
import toolkit.check.work  # what `toolkit check` loads
from toolkit.check.registry import CHECKS, Check

DOC = Path(__file__).resolve().parent.parent / "docs" / "checks.md"
ROW = re.compile(
    r"^\| `(?P<id>[a-z0-9-]+)` \| (?P<severity>\w+) \| (?P<summary>(?:[^|\\]|\\.)*) \| "
    r"(?P<example>(?:[^|\\]|\\.)*) \|$"
)


def _declared_anywhere() -> set[str]:
    for module in pkgutil.walk_packages(toolkit.check.__path__, "toolkit.check."):
        importlib.import_module(module.name)
    return set(CHECKS)


def _rows() -> dict[str, tuple[str, str, str, str]]:
    """ID → (severity, family heading, summary, example) of each row of the doc's check
    tables (a cell's ``\\|`` read as ``|``)."""
    rows: dict[str, tuple[str, str, str, str]] = {}
    family, inside = "", False
    for line in DOC.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            inside = line == "## The checks"
        elif not inside:
            continue
        elif line.startswith("### "):
            family = line[4:].strip()
        elif m := ROW.match(line):
            assert m["id"] not in rows, f"{m['id']} is documented twice"
            summary, example = (m[c].replace("\\|", "|") for c in ("summary", "example"))
            rows[m["id"]] = (m["severity"], family, summary, example)
    return rows


def test_the_command_loads_every_check_the_package_declares() -> None:
    # A check declared in a module `toolkit check` never imports would never run, and
    # check.yaml would call its ID unknown.
    # A fresh interpreter, so that what other tests imported does not count.
    code = (
        "import toolkit.check.work\n"
        "from toolkit.check.registry import CHECKS\n"
        "print(' '.join(CHECKS))"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = set(run.stdout.split())
    assert _declared_anywhere() == loaded
    assert len(loaded) > 50


ALL: list[Check] = sorted(CHECKS.values(), key=lambda c: c.id)


@pytest.mark.parametrize("check", ALL, ids=[c.id for c in ALL])
def test_check_is_documented_as_the_registry_declares_it(check: Check) -> None:
    # One description of a check: the registry's, which the reports show too.
    rows = _rows()
    assert check.id in rows, f"docs/checks.md has no row for {check.id}"
    assert rows[check.id] == (
        check.severity.label,
        check.family.value,
        check.summary,
        check.example,
    )


def test_the_doc_lists_no_check_that_does_not_exist() -> None:
    assert set(_rows()) <= set(CHECKS)
