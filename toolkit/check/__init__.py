"""Check: coverage, translation QA, attribution, form and safety findings, for works and
for translation files, with exit-code semantics.

``STRUCTURAL`` names the findings that are about the store's form rather than the
translation's quality; ``structural_errors`` gives them, and ``build`` refuses a work
that has any. Names load on first use, so that checking a PO file does not load what
checking a work needs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from toolkit._lazy import lazy_names

if TYPE_CHECKING:
    from toolkit.check.findings import Coverage, Finding, Report, Severity
    from toolkit.check.preflight import STRUCTURAL, structural_errors
    from toolkit.check.work import check_work

_EXPORTS = {
    "toolkit.check.findings": ("Coverage", "Finding", "Report", "Severity"),
    "toolkit.check.preflight": ("STRUCTURAL", "structural_errors"),
    "toolkit.check.work": ("check_work",),
}

__all__ = [
    "STRUCTURAL",
    "Coverage",
    "Finding",
    "Report",
    "Severity",
    "check_work",
    "structural_errors",
]

__getattr__ = lazy_names(__name__, _EXPORTS)
