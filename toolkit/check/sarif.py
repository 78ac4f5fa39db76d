"""The report as SARIF 2.1.0, the format code hosts read to show findings inline.

One run of one tool (``toolkit``); each check is a rule (its ID, summary, example and
default level, its family as a tag); each finding is a result at its place, with the
other side of its bead as a related location and its fix in the message. Suppressed
findings are results with a ``suppressions`` entry (``inSource`` for a comment in the
checked file, ``external`` for check.yaml), as the standard has them.
Paths are relative to the repository (``%SRCROOT%``) or as given for a file checked.
"""

from __future__ import annotations

from pathlib import PurePath
from urllib.parse import quote

from toolkit._version import __version__
from toolkit.check.findings import Finding, Place, Report
from toolkit.check.registry import CHECKS, Check, Severity

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"

#: SARIF's levels (§3.27.10): our info is its "note".
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def render_sarif(report: Report) -> dict[str, object]:
    rules = sorted(CHECKS.values(), key=lambda c: c.id)
    index = {check.id: n for n, check in enumerate(rules)}
    results = [_result(f, index) for f in report.findings]
    results += [_result(f, index) for f in report.suppressed]
    return {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "toolkit",
                        "fullName": "bilingual toolkit check",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "rules": [_rule(c) for c in rules],
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


def _rule(check: Check) -> dict[str, object]:
    return {
        "id": check.id,
        "name": "".join(part.capitalize() for part in check.id.split("-")),
        "shortDescription": {"text": check.summary},
        "fullDescription": {"text": f"{check.summary} Example: {check.example}"},
        "defaultConfiguration": {"level": LEVELS[check.severity]},
        "properties": {"tags": [check.family.value]},
    }


def _result(f: Finding, index: dict[str, int]) -> dict[str, object]:
    text = f"{f.message}." if not f.message.endswith((".", "?", "!")) else f.message
    if f.fix:
        text += f" Fix: {f.fix}."
    result: dict[str, object] = {
        "ruleId": f.check.id,
        "ruleIndex": index[f.check.id],
        "level": LEVELS[f.severity],
        "message": {"text": text},
        "locations": [_location(f.at, f.work, f.end)],
        "properties": {
            "work": f.work,
            "lang": f.lang,
            "sourceIds": list(f.source_ids),
            "targetIds": list(f.target_ids),
        },
    }
    if f.other is not None:
        result["relatedLocations"] = [
            {**_location(f.other, f.work), "id": 1, "message": {"text": "the other side"}}
        ]
    if f.suppression is not None:
        result["suppressions"] = [
            {
                "kind": "inSource" if f.suppression.in_source else "external",
                "justification": f.suppression.reason,
                "location": _location(f.suppression.place, f.work),
            }
        ]
    return result


def _location(at: Place | None, work: str, end: Place | None = None) -> dict[str, object]:
    if at is None:
        return {"message": {"text": f"the work {work}"}}
    artifact: dict[str, object] = {"uri": _uri(at.path)}
    if not PurePath(at.path).is_absolute():
        artifact["uriBaseId"] = "%SRCROOT%"
    physical: dict[str, object] = {"artifactLocation": artifact}
    if at.line > 0:
        region: dict[str, int] = {"startLine": at.line}
        if at.column > 0:
            region["startColumn"] = at.column
            if end is not None and end.line == at.line and end.column > at.column:
                region["endColumn"] = end.column  # the column after the region (§3.30.7)
        physical["region"] = region
    return {"physicalLocation": physical}


def _uri(path: str) -> str:
    """A path as a URI reference (§3.4.4): forward slashes, percent-encoded."""
    posix = PurePath(path).as_posix()
    if PurePath(path).is_absolute():
        return "file://" + quote(posix)
    return quote(posix)
