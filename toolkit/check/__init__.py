"""Check: coverage, attribution, form and safety findings for works, with exit-code semantics.

``STRUCTURAL`` names the findings that are about the store's form rather than the
translation's quality; ``structural_errors`` gives them, and ``build`` refuses a work
that has any.
"""

from __future__ import annotations

from toolkit.check.attribution import check_attribution
from toolkit.check.coverage import check_coverage, check_ids
from toolkit.check.findings import Coverage, Finding, Report, Severity
from toolkit.check.preflight import STRUCTURAL, structural_errors
from toolkit.check.qa import check_translation
from toolkit.check.review import check_review
from toolkit.check.safety import check_safety
from toolkit.check.structure import check_structure
from toolkit.store.work import Work

__all__ = [
    "STRUCTURAL",
    "Coverage",
    "Finding",
    "Report",
    "Severity",
    "check_work",
    "structural_errors",
]


def check_work(work: Work, report: Report | None = None) -> Report:
    """Run every check on one work; add to ``report`` if given."""
    report = report or Report()
    coverage, findings = check_coverage(work)
    report.coverage.extend(coverage)
    report.findings.extend(findings)
    report.findings.extend(check_ids(work))
    report.findings.extend(check_attribution(work))
    report.findings.extend(check_structure(work))
    report.findings.extend(check_review(work))
    report.findings.extend(check_safety(work))
    report.findings.extend(check_translation(work))
    return report
