"""Findings: what a check reports, where, how bad, and how to fix it."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum


class Severity(IntEnum):
    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        return cls[text.upper()]


@dataclass(frozen=True)
class Finding:
    """One problem: its code, how bad, where (file, 1-based line and column; 0 when not
    known) and how to fix it."""

    code: str
    severity: Severity
    message: str
    work: str
    lang: str | None = None
    path: str | None = None
    line: int = 0
    fix: str = ""
    column: int = 0

    @property
    def where(self) -> str:
        """``path:line:column``, as far as each is known (the work's ID without a path)."""
        if not self.path:
            return self.work
        if not self.line:
            return self.path
        return (
            f"{self.path}:{self.line}:{self.column}" if self.column else f"{self.path}:{self.line}"
        )

    def describe(self) -> str:
        """The finding for a person: its place, severity, message and code; the fix below."""
        text = f"{self.where}: {self.severity.label}: {self.message} [{self.code}]"
        return f"{text}\n  fix: {self.fix}" if self.fix else text

    def to_json(self) -> dict[str, object]:
        """The finding for tools; ``column`` is there only where it is known."""
        data: dict[str, object] = {
            "code": self.code,
            "severity": self.severity.label,
            "message": self.message,
            "work": self.work,
            "lang": self.lang,
            "path": self.path,
            "line": self.line or None,
        }
        if self.column:
            data["column"] = self.column
        data["fix"] = self.fix or None
        return data


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
            "coverage": round(self.ratio, 4),
        }


@dataclass
class Report:
    findings: list[Finding] = field(default_factory=list)
    coverage: list[Coverage] = field(default_factory=list)

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity)

    def fails(self, threshold: Severity) -> bool:
        return any(f.severity >= threshold for f in self.findings)

    def to_json(self) -> dict[str, object]:
        return {
            "coverage": [c.to_json() for c in self.coverage],
            "findings": [f.to_json() for f in self.findings],
            "summary": {s.label: self.count(s) for s in reversed(Severity)},
        }
