"""length-outlier: a bead whose translation is far longer or shorter, for its source, than
the work's (or the file's) other beads: a sentence missing or added.

Calibrated on the work itself, since how long English runs for a Chinese text depends on
the text and the translator. A Chinese side is measured in Han characters, another in
letters and digits (words vary too much in length); Latin letters inside a Chinese text
(names, code, product names) count at the work's own rate of letters per character, Han
characters in an English text likewise, and a code span as six letters. With one side
Chinese, a bead's ratio is letters per character whichever the direction; otherwise,
target length over source length.

The spread is robust: the median of the log ratios, and their median absolute deviation
(MAD, scaled to a standard deviation). As in Gale and Church's length model, a short
text's ratio varies more than a long one's, so each deviation is weighed by the square
root of the bead's length before it is compared; without that, every short sentence
freely translated would stand out and a paragraph that lost a sentence would not. A bead
is an outlier beyond ``settings.length_deviations`` of these. Beads with a side shorter
than eight Han characters or 24 letters (a heading, a name) are not calibrated on, nor
reported, but for a source three times that long (a long sentence) with a short
translation: that is the plainest loss. A language pair with fewer than
``settings.length_min_beads`` beads of both sides long enough is not checked. Linear in
the beads, apart from sorting for the medians.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from statistics import median

from toolkit.check.qa.framework import Corpus, Problem, Where, corpus_check
from toolkit.check.qa.settings import Settings
from toolkit.check.qa.units import Side, Unit
from toolkit.check.registry import Family, Severity, declare
from toolkit.segment.chars import OBJECT

LENGTH_OUTLIER = declare(
    "length-outlier",
    Family.LENGTH,
    Severity.WARNING,
    "A bead's translation is far longer or shorter, for its source, than the work's others.",
    "a two-sentence paragraph translated by one sentence",
)

#: What is not a Han character, and what is not a letter or digit: counted by deleting it
#: (one pass in C, where finding each character makes a string of it).
_NOT_HAN = re.compile(r"[^\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+")
_NOT_LETTER = re.compile(r"[^A-Za-z0-9\u00c0-\u024f\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]+")
#: A code span, in letters.
CODE_LETTERS = 6
#: Shorter than this (Han characters on a Chinese side, letters on another), a side's
#: length says little about what it lost.
MIN_HAN = 8
MIN_LETTERS = 24
#: A source this many times as long is a long sentence, not a heading: its translation
#: is judged even when short (a sentence lost), though not calibrated on.
LOST_FACTOR = 3
#: The least spread assumed: a translation of uncanny regularity does not make every
#: small difference an outlier (in log ratio times the square root of characters).
MIN_SPREAD = 0.5
#: Scales a MAD to a standard deviation (for normally distributed values).
_MAD_TO_SD = 1.4826


@dataclass(frozen=True, slots=True)
class Size:
    """What a side's length is made of: Han characters, and letters (digits, code)."""

    han: int
    letters: int

    @classmethod
    def of(cls, side: Side) -> Size:
        text = side.text
        code = text.count(OBJECT) * CODE_LETTERS
        han = 0 if text.isascii() else len(_NOT_HAN.sub("", text))
        return cls(han, len(_NOT_LETTER.sub("", text)) + code)


@dataclass(frozen=True, slots=True)
class _Bead:
    unit: Unit
    source: Size
    target: Size


@corpus_check
def length_outliers(corpus: Corpus, settings: Settings) -> Iterator[tuple[Unit, Problem]]:
    #: By language pair: the beads calibrated on (both sides long enough), and the beads
    #: only judged (a long source, a short translation: perhaps a sentence lost).
    pairs: dict[tuple[str, str], tuple[list[_Bead], list[_Bead]]] = defaultdict(lambda: ([], []))
    for unit in corpus.units:
        if unit.source is None or unit.target is None:
            continue
        bead = _Bead(unit, Size.of(unit.source), Size.of(unit.target))
        if _short(bead.source, unit.source.chinese):
            continue
        calibrated, judged = pairs[unit.source.lang, unit.target.lang]
        if not _short(bead.target, unit.target.chinese):
            calibrated.append(bead)
        elif bead.target.han + bead.target.letters and not _short(
            bead.source, unit.source.chinese, LOST_FACTOR
        ):  # an empty translation is another check's; a long heading's may be short
            judged.append(bead)
    for calibrated, judged in pairs.values():
        if len(calibrated) >= settings.length_min_beads:
            yield from _outliers(corpus.name, calibrated, judged, settings.length_deviations)


def _short(size: Size, chinese: bool, factor: int = 1) -> bool:
    return size.han < MIN_HAN * factor if chinese else size.letters < MIN_LETTERS * factor


def _outliers(
    name: str, beads: Sequence[_Bead], judged: Sequence[_Bead], deviations: float
) -> Iterator[tuple[Unit, Problem]]:
    """The outliers among ``beads`` and ``judged``, on the spread of ``beads`` alone."""
    first = beads[0].unit
    assert first.source is not None and first.target is not None
    source_chinese, target_chinese = first.source.chinese, first.target.chinese
    mixed = source_chinese != target_chinese
    everything = [*beads, *judged]
    if mixed:
        chinese = [b.source if source_chinese else b.target for b in everything]
        other = [b.target if source_chinese else b.source for b in everything]
        calibrating = zip(chinese[: len(beads)], other[: len(beads)], strict=True)
        rate = median(o.letters / c.han for c, o in calibrating)
        # Letters per character, each side's other script counted at the work's rate.
        lengths = [
            (c.han + c.letters / rate, o.letters + o.han * rate)
            for c, o in zip(chinese, other, strict=True)
        ]
        ratios = [math.log(o / c) for c, o in lengths]
        weights = [math.sqrt(c) for c, _ in lengths]
    else:
        sizes = [
            (b.source.han + b.source.letters, b.target.han + b.target.letters) for b in everything
        ]
        ratios = [math.log(t / s) for s, t in sizes]
        weights = [math.sqrt(s) for s, _ in sizes]
    typical = median(ratios[: len(beads)])
    scores = [(r - typical) * w for r, w in zip(ratios, weights, strict=True)]
    spread = max(_MAD_TO_SD * median(abs(s) for s in scores[: len(beads)]), MIN_SPREAD)
    for bead, ratio, score in zip(everything, ratios, scores, strict=True):
        if abs(score) > deviations * spread:
            # Is the translation the long side, relative to its source?
            longer = (score > 0) != (mixed and target_chinese)
            yield bead.unit, _problem(name, ratio, typical, mixed, longer)


def _problem(name: str, ratio: float, typical: float, mixed: bool, longer: bool) -> Problem:
    if mixed:
        said = (
            f"{math.exp(ratio):.1f} letters per Chinese character, where the beads of "
            f"{name} typically have {math.exp(typical):.1f}"
        )
    else:
        said = (
            f"{math.exp(ratio):.2f} times the source's length, where the beads of {name} "
            f"are typically {math.exp(typical):.2f} times theirs"
        )
    if longer:
        message = f"the translation is long for its source: {said}"
        fix = "check for a sentence added to the translation or missing from the source"
    else:
        message = f"the translation is short for its source: {said}"
        fix = "check for a sentence of the source missing from the translation"
    return Problem(LENGTH_OUTLIER, message, fix, where=Where.TARGET)
