"""Findings a person has looked at and decided to leave: suppressions.

A suppression names a check and, optionally, a language and a segment; it comes from a
work's ``check.yaml`` or, in a PO file, from a translator comment on the entry
(``# toolkit: ignore CHECK-ID reason``). A suppressed finding is kept in the report,
with the suppression that silenced it (SARIF shows it as suppressed), but no longer
counts toward ``--fail-on``. A suppression without a reason is itself a finding, and so
is one that silences nothing (the text it was for has changed).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace

from toolkit.check.findings import Finding, Place, Suppression
from toolkit.check.registry import CHECKS, Check, Family, Severity, declare

SUPPRESSION_WITHOUT_REASON = declare(
    "suppression-without-reason",
    Family.SUPPRESSION,
    Severity.WARNING,
    "A finding is suppressed without a reason saying why it is not a problem.",
    "ignore: [{check: number-missing, segment: s4}] (no reason)",
)
SUPPRESSION_UNUSED = declare(
    "suppression-unused",
    Family.SUPPRESSION,
    Severity.INFO,
    "A suppression silences no finding: the text it was written for has changed.",
    "ignore: [{check: number-missing, segment: s4, reason: …}] and s4 has no finding",
)
SUPPRESSION_UNKNOWN_CHECK = declare(
    "suppression-unknown-check",
    Family.SUPPRESSION,
    Severity.WARNING,
    "A translator comment suppresses a check that does not exist.",
    "# toolkit: ignore numbr-missing the year is implied",
)

#: A translator comment that suppresses a finding on its entry.
_COMMENT = re.compile(r"^\s*toolkit:\s*ignore\s+(?P<check>\S+)\s*(?P<reason>.*?)\s*$")


def from_comments(notes: Iterable[str], entry: Place) -> list[Suppression]:
    """The suppressions written as translator comments on one entry of a file."""
    found = []
    for note in notes:
        m = _COMMENT.match(note)
        if m:
            found.append(Suppression(m["check"], m["reason"], entry, entry=entry))
    return found


def apply(
    findings: Sequence[Finding], suppressions: Sequence[Suppression], work: str
) -> tuple[list[Finding], list[Finding]]:
    """(findings that stand, findings suppressed): each suppressed finding carries its
    suppression; suppressions without a reason, unknown or unused add findings that stand."""
    kept: list[Finding] = []
    silenced: list[Finding] = []
    used: set[int] = set()
    for finding in findings:
        n = next((n for n, s in enumerate(suppressions) if s.matches(finding)), None)
        if n is None:
            kept.append(finding)
        else:
            used.add(n)
            silenced.append(replace(finding, suppression=suppressions[n], level=finding.severity))
    for n, s in enumerate(suppressions):
        if s.check not in CHECKS:
            kept.append(
                _about(
                    s,
                    work,
                    SUPPRESSION_UNKNOWN_CHECK,
                    f"no check is called {s.check!r}",
                    "correct the check's ID (docs/checks.md lists them)",
                )
            )
            continue
        if not s.reason:
            kept.append(
                _about(
                    s,
                    work,
                    SUPPRESSION_WITHOUT_REASON,
                    f"{s.check} is suppressed without a reason",
                    "say why the finding is not a problem (after the check's ID in a comment)",
                )
            )
        if n not in used:
            kept.append(
                _about(
                    s,
                    work,
                    SUPPRESSION_UNUSED,
                    f"the suppression of {s.check} silences no finding",
                    "delete it, or correct its check, language or segment",
                )
            )
    return kept, silenced


def _about(s: Suppression, work: str, check: Check, message: str, fix: str) -> Finding:
    return Finding(check=check, message=message, work=work, at=s.place, fix=fix)
