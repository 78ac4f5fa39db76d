"""How a work, or a translation file, wants its translation checks run: one options object.

Every check receives the same ``Settings``; a work sets it in ``source/<work>/check.yaml``
(docs/checks.md), a file from another tool from the command line. Defaults suit a
Traditional Chinese original and an English translation.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path


class QuoteStyle(StrEnum):
    """The quotation marks a Chinese text is expected to use."""

    #: 「」 and 『』, as Taiwan and Hong Kong set them.
    CORNER = "corner"
    #: “” and ‘’, as mainland China sets them.
    CURLY = "curly"
    #: Either: the check does not look.
    ANY = "any"


@dataclass(frozen=True)
class Settings:
    #: Check IDs switched off.
    disabled: frozenset[str] = frozenset()
    #: The quotation marks Chinese text should use.
    quote_style: QuoteStyle = QuoteStyle.CORNER
    #: An automatic bead scored below this is reported as low confidence (scores run 0–1).
    low_confidence: float = 0.5
    #: A bead's length ratio is an outlier this many robust standard deviations (from the
    #: median, scaled by the median absolute deviation) away from the work's own.
    length_deviations: float = 4.0
    #: Fewer beads than this, and the length ratio is not calibrated, so not checked.
    length_min_beads: int = 12
    #: The glossary; None: ``glossary.csv`` beside the original, if there is one.
    glossary: Path | None = None


DEFAULT = Settings()
