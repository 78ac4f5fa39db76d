"""The checks: every check has a stable ID, a family, a default severity, what it finds and
an example. Each check module declares its checks here at import time (``declare``), so
``CHECKS`` lists them all, and ``docs/checks.md`` documents each (a test keeps the two
in step).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import IntEnum, StrEnum


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


class Family(StrEnum):
    """What a check looks at; reports group findings by it."""

    COVERAGE = "coverage"
    REVIEW = "review"
    ATTRIBUTION = "attribution"
    STRUCTURE = "structure"
    SAFETY = "safety"
    NUMBERS = "numbers"
    TERMS = "terms"
    CONSISTENCY = "consistency"
    SCRIPT = "script"
    PUNCTUATION = "punctuation"
    ENGLISH = "english"
    LENGTH = "length"
    KEPT = "kept-content"
    #: The work's check settings and suppressions themselves.
    SUPPRESSION = "suppression"


@dataclass(frozen=True)
class Check:
    """One check: ``id`` is stable (suppressions and tools name it), lower case with ``-``."""

    id: str
    family: Family
    severity: Severity
    #: What it finds, in one sentence.
    summary: str
    #: A case it reports, for the documentation.
    example: str


_ID = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")

#: Every check, by ID.
CHECKS: dict[str, Check] = {}


def declare(id: str, family: Family, severity: Severity, summary: str, example: str) -> Check:
    """Register a check (once per ID: a second declaration is a bug) and return it."""
    if not _ID.fullmatch(id):
        raise ValueError(f"{id!r} is not a check ID (lower case words joined by '-')")
    if id in CHECKS:
        raise ValueError(f"the check {id!r} is declared twice")
    check = Check(id, family, severity, summary, example)
    CHECKS[id] = check
    return check
