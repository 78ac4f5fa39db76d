"""The store's structural checks: the findings that stop ``build``.

A structural error makes an edition wrong as a file, whatever the translation says: an
element ID twice (``duplicate-id``, ``footnote-duplicate``), a segment nothing can point
to (``segment-without-id``), a reference to nothing (``bead-unknown-id``,
``footnote-undefined``, ``image-missing``, which includes a figure whose path leaves
the work), a character no XML file can hold (``invalid-character``), an address that
would run code (``unsafe-link``), a ``#`` link to no segment (``anchor-unknown``).
Files that cannot be read are errors before any check runs.

Translation quality (coverage, stale reviews, attribution, a figure without a credit)
is reported by ``check`` and never stops a build: a draft can always be read.
"""

from __future__ import annotations

from typing import Final

from toolkit.check import coverage, safety, structure
from toolkit.check.coverage import check_coverage, check_ids
from toolkit.check.findings import Finding, Severity
from toolkit.check.registry import Check
from toolkit.check.safety import check_safety
from toolkit.check.structure import check_structure
from toolkit.store.work import Work

#: The checks that are structural: at severity error, each stops a build.
STRUCTURAL_CHECKS: Final[frozenset[Check]] = frozenset(
    {
        coverage.DUPLICATE_ID,
        coverage.SEGMENT_WITHOUT_ID,
        coverage.BEAD_UNKNOWN_ID,
        structure.FOOTNOTE_UNDEFINED,
        structure.FOOTNOTE_DUPLICATE,
        structure.IMAGE_MISSING,
        safety.INVALID_CHARACTER,
        safety.UNSAFE_LINK,
        safety.ANCHOR_UNKNOWN,
    }
)
#: Their IDs.
STRUCTURAL: Final[frozenset[str]] = frozenset(check.id for check in STRUCTURAL_CHECKS)


def structural_errors(work: Work) -> list[Finding]:
    """The work's structural errors (``STRUCTURAL``), each with its place and fix."""
    findings = check_ids(work) + check_structure(work) + check_safety(work)
    findings += check_coverage(work)[1]  # only for bead-unknown-id
    return [f for f in findings if f.severity is Severity.ERROR and f.check in STRUCTURAL_CHECKS]
