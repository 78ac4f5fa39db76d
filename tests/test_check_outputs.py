"""check's outputs for people and for tools: the grouped terminal report, SARIF 2.1.0 and
JUnit XML, read back the way their consumers read them."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from junitparser import Failure, JUnitXml, Skipped
from sarif_pydantic import Sarif

from tests.conftest import ALIGN, TRANSLATION_MD
from toolkit.cli import cli

MakeRepo = Callable[..., Path]

#: t3 names its currency twice (a warning) and ends a quotation it never opened (a warning).
TEXT = TRANSLATION_MD.replace(
    "We walked in the park and saw “three” little birds.",
    "We paid $5 dollars <to> see \x01three little birds.”",
)
SETTINGS = """\
ignore:
  - check: currency-twice
    segment: t3
    reason: the author's own wording, kept on purpose
"""


@pytest.fixture
def root(make_repo: MakeRepo) -> Path:
    root = make_repo(text=TEXT, align=ALIGN)
    (root / "source/trial/check.yaml").write_text(SETTINGS, encoding="utf-8")
    return root


def run(root: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--root", str(root), "check", *args])


def test_sarif_is_sarif_2_1_0(root: Path) -> None:
    result = run(root, "--format", "sarif")
    data: dict[str, Any] = json.loads(result.stdout)
    log = Sarif.model_validate(data)  # the SARIF object model, as its readers type it
    assert log.version == "2.1.0"
    [sarif_run] = data["runs"]
    rules = sarif_run["tool"]["driver"]["rules"]
    assert sarif_run["tool"]["driver"]["name"] == "toolkit"
    results = {r["ruleId"]: r for r in sarif_run["results"]}
    stray = results["quote-unopened"]
    assert rules[stray["ruleIndex"]]["id"] == "quote-unopened"  # §3.27.6
    assert stray["level"] == "warning"  # §3.27.10: error, warning, note or none
    [location] = stray["locations"]
    physical = location["physicalLocation"]
    assert physical["artifactLocation"] == {
        "uri": "translations/trial/en.md",
        "uriBaseId": "%SRCROOT%",
    }
    assert physical["region"]["startLine"] == 4 and physical["region"]["startColumn"] >= 1
    assert "Fix:" in stray["message"]["text"]
    # The suppressed finding is a result with its suppression (§3.35): external, justified.
    [suppression] = results["currency-twice"]["suppressions"]
    # A finding about several characters says where they end: the column after them.
    [twice] = results["currency-twice"]["locations"]
    region = twice["physicalLocation"]["region"]
    line = TEXT.splitlines()[region["startLine"] - 1]
    assert line[region["startColumn"] - 1 : region["endColumn"] - 1] == "$5 dollars"
    assert "endColumn" not in physical["region"]  # a closing quote is one character
    assert suppression["kind"] == "external"
    assert suppression["justification"] == "the author's own wording, kept on purpose"
    levels = {r["defaultConfiguration"]["level"] for r in rules}
    assert levels <= {"error", "warning", "note"}
    # Every region SARIF requires to start at 1 does (§3.30.5).
    for r in sarif_run["results"]:
        for loc in r["locations"]:
            region = loc.get("physicalLocation", {}).get("region", {})
            assert region.get("startLine", 1) >= 1 and region.get("startColumn", 1) >= 1


def test_junit_fails_exactly_what_makes_check_exit_1(root: Path) -> None:
    result = run(root, "--format", "junit", "--fail-on", "warning")
    assert result.exit_code == 1
    xml = JUnitXml.fromstring(result.stdout.encode())
    cases = {(suite.name, case.name): case.result for suite in xml for case in suite}
    failing = {
        name for name, results in cases.items() if any(isinstance(r, Failure) for r in results)
    }
    skipped = {
        name for name, results in cases.items() if any(isinstance(r, Skipped) for r in results)
    }
    assert ("trial [en]", "quote-unopened at translations/trial/en.md:4:49") in failing
    assert ("trial [en]", "invalid-character at translations/trial/en.md:4:29") in failing
    assert any(case.startswith("currency-twice at") for _, case in skipped)
    assert ("trial [en]", "unsafe-link") in cases  # a check that found nothing passes
    assert xml.failures == len(failing)


def test_junit_below_the_threshold_passes(root: Path) -> None:
    result = run(root, "--format", "junit", "--fail-on", "error")
    xml = JUnitXml.fromstring(result.stdout.encode())
    failures = [
        case.name
        for suite in xml
        for case in suite
        if any(isinstance(r, Failure) for r in case.result)
    ]
    assert failures == ["invalid-character at translations/trial/en.md:4:29"]  # an error
    assert result.exit_code == 1
    assert "\x01" not in result.stdout  # XML cannot carry it, even escaped


def test_the_terminal_report_groups_by_work_language_and_family(root: Path) -> None:
    lines = run(root).stdout.splitlines()
    assert "trial [en]" in lines
    punctuation = lines.index("  punctuation (1)")
    assert lines[punctuation + 1].startswith("    translations/trial/en.md:4:49: warning: ”")
    assert lines[-1].endswith("; 1 suppressed")
    assert "currency-twice]" not in "\n".join(lines)  # suppressed: counted, not listed


def test_json_gives_where_a_finding_starts_and_ends(root: Path) -> None:
    data = json.loads(run(root, "--format", "json").stdout)
    [twice] = [f for f in data["suppressed"] if f["check"] == "currency-twice"]
    start, end = twice["at"], twice["end"]
    assert (start["path"], start["line"]) == (end["path"], end["line"])
    line = TEXT.splitlines()[start["line"] - 1]
    assert line[start["column"] - 1 : end["column"] - 1] == "$5 dollars"
    [stray] = [f for f in data["findings"] if f["check"] == "quote-unopened"]
    assert stray["end"] is None
