"""Findings: what a check reports, where, how bad, and how to fix it."""

from __future__ import annotations

from dataclasses import InitVar, dataclass, field
from typing import TYPE_CHECKING

from toolkit.check.registry import Check, Severity

if TYPE_CHECKING:
    from toolkit.check.qa.units import Unit

__all__ = ["Check", "Coverage", "Finding", "Place", "Report", "Severity", "Suppression"]

#: The version of the JSON ``check --format json`` writes (docs/checks.md).
JSON_SCHEMA = "toolkit-check/2"


@dataclass(frozen=True)
class Place:
    """A place in a file: 1-based line and column (0 when not known)."""

    path: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if not self.line:
            return self.path
        return (
            f"{self.path}:{self.line}:{self.column}" if self.column else f"{self.path}:{self.line}"
        )

    def to_json(self) -> dict[str, object]:
        return {"path": self.path, "line": self.line or None, "column": self.column or None}


@dataclass(frozen=True)
class Suppression:
    """A person's decision to leave a finding: its check, where, and why
    (``toolkit.check.suppress`` applies them)."""

    check: str
    reason: str
    #: Where the suppression is written.
    place: Place
    lang: str | None = None
    segment: str | None = None
    #: Only findings at this place (a PO entry's line): a comment in the checked file.
    entry: Place | None = None

    @property
    def in_source(self) -> bool:
        """Written in the checked file itself (SARIF's ``inSource``), not beside it."""
        return self.entry is not None

    def matches(self, finding: Finding) -> bool:
        if finding.check.id != self.check:
            return False
        if self.lang is not None and finding.lang != self.lang:
            return False
        ids = (*finding.source_ids, *finding.target_ids)
        if self.segment is not None and self.segment not in ids:
            return False
        if self.entry is not None:
            at = finding.at
            return at is not None and (at.path, at.line) == (self.entry.path, self.entry.line)
        return True

    def to_json(self) -> dict[str, object]:
        return {"reason": self.reason, "at": self.place.to_json(), "in_source": self.in_source}


@dataclass(frozen=True, kw_only=True)
class Finding:
    """One problem a check found: what, how bad, where (``at``: where to fix it; ``other``:
    the same bead on the other side), the segments of both sides, and how to fix it.

    Built the one way everywhere: ``Finding(check=…, message=…, work=…, …)``. The
    severity is the check's unless ``level`` gives another (a per-finding judgement: a
    missing author is worse than a missing date).
    """

    check: Check
    message: str
    work: str
    lang: str | None = None
    at: Place | None = None
    #: Where the text the finding is about ends (after its last character), on ``at``'s
    #: line; None when it is one place or its extent is unknown.
    end: Place | None = None
    other: Place | None = None
    source_ids: tuple[str, ...] = ()
    target_ids: tuple[str, ...] = ()
    fix: str = ""
    #: Set when a person suppressed the finding (it then stays out of ``--fail-on``).
    suppression: Suppression | None = None
    #: The severity: ``level`` when given, else the check's.
    severity: Severity = field(init=False)
    level: InitVar[Severity | None] = None

    def __post_init__(self, level: Severity | None) -> None:
        object.__setattr__(self, "severity", level or self.check.severity)

    @property
    def code(self) -> str:
        return self.check.id

    @property
    def path(self) -> str | None:
        return self.at.path if self.at else None

    @property
    def line(self) -> int:
        return self.at.line if self.at else 0

    @property
    def column(self) -> int:
        return self.at.column if self.at else 0

    @property
    def where(self) -> str:
        """``path:line:column``, as far as each is known (the work's ID without a path)."""
        return str(self.at) if self.at else self.work

    def describe(self) -> str:
        """The finding for a person: its place, severity, message and check; the fix below."""
        text = f"{self.where}: {self.severity.label}: {self.message} [{self.code}]"
        if self.other is not None:
            text += f"\n  see: {self.other}"
        return f"{text}\n  fix: {self.fix}" if self.fix else text

    def to_json(self) -> dict[str, object]:
        """The finding for tools (docs/checks.md, "JSON")."""
        return {
            "check": self.check.id,
            "family": self.check.family.value,
            "severity": self.severity.label,
            "message": self.message,
            "work": self.work,
            "lang": self.lang,
            "at": self.at.to_json() if self.at else None,
            "end": self.end.to_json() if self.end else None,
            "other": self.other.to_json() if self.other else None,
            "source_ids": list(self.source_ids),
            "target_ids": list(self.target_ids),
            "fix": self.fix or None,
            "suppression": self.suppression.to_json() if self.suppression else None,
        }


@dataclass(frozen=True)
class Coverage:
    """How well one translation covers the original, in segments.

    Each source segment is in exactly one of: ``aligned`` (its translation has
    text), ``empty`` (its translation segments are empty), ``untranslated``
    (a 1-0 bead), ``omitted`` (a 1-0 bead marked omitted) or ``missing`` (in
    no bead, or in a bead whose translation segments do not exist).
    """

    work: str
    lang: str
    source_segments: int
    translation_segments: int
    aligned: int
    missing: int
    untranslated: int
    omitted: int
    empty: int
    unaligned_translation: int
    source_present: bool
    #: The coverage of a translation file (PO, XLIFF, TMX): its entries are the segments.
    of_file: bool = False
    #: Entries of a translation file marked as needing work (PO ``fuzzy``), not checked.
    fuzzy: int = 0

    @property
    def ratio(self) -> float:
        return self.aligned / self.source_segments if self.source_segments else 0.0

    def to_json(self) -> dict[str, object]:
        return {
            "work": self.work,
            "lang": self.lang,
            "source_present": self.source_present,
            "source_segments": self.source_segments,
            "translation_segments": self.translation_segments,
            "aligned": self.aligned,
            "missing": self.missing,
            "untranslated": self.untranslated,
            "omitted": self.omitted,
            "empty": self.empty,
            "unaligned_translation": self.unaligned_translation,
            "of_file": self.of_file,
            "fuzzy": self.fuzzy,
            "coverage": round(self.ratio, 4),
        }


@dataclass
class Report:
    findings: list[Finding] = field(default_factory=list)
    coverage: list[Coverage] = field(default_factory=list)
    #: Findings a person suppressed, each with its suppression: reported, never failing.
    suppressed: list[Finding] = field(default_factory=list)
    #: When a list, the checks add the beads they read (for the review report, which
    #: shows the texts beside the findings); None keeps memory to the findings.
    units: list[Unit] | None = None

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity)

    def add(self, other: Report) -> None:
        """Append ``other``'s findings, coverage and (if this report keeps them) beads."""
        self.findings += other.findings
        self.coverage += other.coverage
        self.suppressed += other.suppressed
        if self.units is not None and other.units is not None:
            self.units += other.units

    def fails(self, threshold: Severity) -> bool:
        return any(f.severity >= threshold for f in self.findings)

    def to_json(self) -> dict[str, object]:
        return {
            "schema": JSON_SCHEMA,
            "coverage": [c.to_json() for c in self.coverage],
            "findings": [f.to_json() for f in self.findings],
            "suppressed": [f.to_json() for f in self.suppressed],
            "summary": {
                **{s.label: self.count(s) for s in reversed(Severity)},
                "suppressed": len(self.suppressed),
            },
        }
