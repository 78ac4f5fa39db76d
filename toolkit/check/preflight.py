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

from toolkit.check.coverage import check_coverage, check_ids
from toolkit.check.findings import Finding, Severity
from toolkit.check.safety import check_safety
from toolkit.check.structure import check_structure
from toolkit.store.work import Work

#: The finding codes that are structural: at severity error, each stops a build.
STRUCTURAL: Final[frozenset[str]] = frozenset(
    {
        "duplicate-id",
        "segment-without-id",
        "bead-unknown-id",
        "footnote-undefined",
        "footnote-duplicate",
        "image-missing",
        "invalid-character",
        "unsafe-link",
        "anchor-unknown",
    }
)


def structural_errors(work: Work) -> list[Finding]:
    """The work's structural errors (``STRUCTURAL``), each with its place and fix."""
    findings = check_ids(work) + check_structure(work) + check_safety(work)
    findings += check_coverage(work)[1]  # only for bead-unknown-id
    return [f for f in findings if f.severity is Severity.ERROR and f.code in STRUCTURAL]
