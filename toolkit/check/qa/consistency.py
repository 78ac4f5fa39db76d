"""One source, one translation: repeated text translated alike, different text not alike.

``same-source-different-target``: a source segment said again (in Traditional or
Simplified, with other spacing, full- or half-width forms, other case) is translated
otherwise than the first time. Only information: a repeated line of a poem may be varied
on purpose, a PO file's two identical strings may stand in different contexts; and only for
sources of some length (6 Chinese characters, 4 English words), since "Note" or 注 may
well be translated by context. Translations are compared by their words: a comma or a
quotation mark more is not another translation.

``different-source-same-target``: two beads whose sources really differ (beyond
punctuation, spacing, script and case) have the same translation, word for word: most
often a translation pasted twice, or an alignment shifted by one. Sources that are close
(one word or character changed: "Open the file" and "Open a file", 第3章 and 第三章)
may share a translation, so similarity is measured: a warning only when the sources have
less than half in common, information when under three quarters, nothing above.

Both hash each bead by its normalised text, so a work is read once; each finding names the
first bead of the pair, with its place and IDs.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from toolkit.check.qa.framework import Corpus, Problem, Where, corpus_check
from toolkit.check.qa.settings import Settings
from toolkit.check.qa.units import Side, Unit
from toolkit.check.registry import Family, Severity, declare
from toolkit.store.glossary import HAN, fold

SAME_SOURCE = declare(
    "same-source-different-target",
    Family.CONSISTENCY,
    Severity.INFO,
    "A source segment that occurs again is translated differently than the first time.",
    "我們明天早上再談這件事。 as 'We will talk about it tomorrow morning.' and later as "
    "'Let us discuss this tomorrow.'",
)
DIFFERENT_SOURCE = declare(
    "different-source-same-target",
    Family.CONSISTENCY,
    Severity.WARNING,
    "Two beads whose sources really differ have word for word the same translation.",
    "他昨天去了台北。 and 我們今天不去學校。 both as 'He went to Taipei yesterday.'",
)

#: A Chinese character, or a run of other letters and digits: what is counted and compared.
_TOKEN = re.compile(rf"{HAN.pattern}|[^\W_{HAN.pattern[1:-1]}]+")  # one class: fast
#: Shorter sources (in tokens: Chinese characters, words) are not compared.
MIN_CHINESE = 6
MIN_WORDS = 4
#: Sources with less in common than this (difflib's ratio) are different: a warning.
DIFFERENT = 0.5
#: Below this, still different enough to mention: information.
SIMILAR = 0.75
#: English words that Chinese has no word for: sources differing only in them are alike,
#: as are sources differing only in a final s (a plural, a verb's third person).
_ARTICLES = frozenset({"a", "an", "the"})
#: The most tokens compared for similarity (difflib is quadratic in the worst case).
_COMPARED = 200
#: How much of a text a message quotes.
_QUOTED = 50


def _tokens(folded: str) -> tuple[str, ...]:
    """The tokens of a text already folded and in lower case."""
    return tuple(_TOKEN.findall(folded))


def _long_enough(side: Side, tokens: tuple[str, ...]) -> bool:
    return len(tokens) >= (MIN_CHINESE if side.chinese else MIN_WORDS)


@dataclass
class _Rendering:
    """One translation of a source: the first bead with it and how many have it."""

    unit: Unit
    source: Side
    target: Side
    beads: int = 1


@dataclass
class _Target:
    """A translation: the first bead with it, its source's words, the sources reported."""

    unit: Unit
    source: Side
    target: Side
    words: tuple[str, ...]
    reported: set[tuple[str, ...]] = field(default_factory=set)


@corpus_check
def consistency(corpus: Corpus, settings: Settings) -> Iterator[tuple[Unit, Problem]]:
    if {SAME_SOURCE.id, DIFFERENT_SOURCE.id} <= settings.disabled:
        return
    #: Each source text (normalised) → its translations (by their words), in order met.
    sources: dict[tuple[str, str], dict[tuple[str, ...], _Rendering]] = {}
    #: Each translation (by its words) → the first bead with it.
    targets: dict[tuple[str, tuple[str, ...]], _Target] = {}
    for unit in corpus.units:
        source, target = unit.source, unit.target
        if source is None or target is None:
            continue
        source_text = source.text
        folded = fold(source_text).lower()
        source_words = _tokens(folded)
        if not _long_enough(source, source_words):
            continue
        target_words = _tokens(fold(target.text).lower())
        if not target_words:
            continue
        said = "".join(folded.split())
        renderings = sources.setdefault((target.lang, said), {})
        if target_words in renderings:
            renderings[target_words].beads += 1
        else:
            renderings[target_words] = _Rendering(unit, source, target)
        if not _long_enough(target, target_words):
            continue
        first = targets.get((target.lang, target_words))
        if first is None:
            key = (target.lang, target_words)
            targets[key] = _Target(unit, source, target, source_words)
        elif source_words != first.words and source_words not in first.reported:
            first.reported.add(source_words)
            level = _difference(source, source_words, first.words)
            if level is not None:
                yield unit, _same_target(first, source_text, level)
    for renderings in sources.values():
        yield from _different_targets(list(renderings.values()))


def _difference(source: Side, words: tuple[str, ...], other: tuple[str, ...]) -> Severity | None:
    """How far two sources differ: WARNING (less than half in common), INFO (less than
    three quarters), None (close enough to share a translation)."""
    if not source.chinese:
        words, other = _stems(words), _stems(other)
    if words == other:
        return None
    matcher = SequenceMatcher(None, words[:_COMPARED], other[:_COMPARED], autojunk=False)
    ratio = matcher.ratio() if matcher.quick_ratio() >= DIFFERENT else 0.0
    if ratio < DIFFERENT:
        return Severity.WARNING
    return Severity.INFO if ratio < SIMILAR else None


def _stems(words: tuple[str, ...]) -> tuple[str, ...]:
    """English words without articles and a final s ("Returns a list", "Return the list"):
    what Chinese does not mark."""
    return tuple(
        w[:-1] if len(w) > 3 and w.endswith("s") else w for w in words if w not in _ARTICLES
    )


def _quote(text: str) -> str:
    text = " ".join(text.split())
    return f"'{text}'" if len(text) <= _QUOTED else f"'{text[: _QUOTED - 1]}…'"


def _where(source: Side, target: Side) -> str:
    """The place of a bead's translation, and the IDs of both its sides."""
    ids = ", ".join((*source.ids, *target.ids))
    return f"{target.locate(0)}" + (f" ({ids})" if ids else "")


def _same_target(first: _Target, source_text: str, level: Severity) -> Problem:
    return Problem(
        DIFFERENT_SOURCE,
        f"this translation is word for word the one of another source at "
        f"{_where(first.source, first.target)}: {_quote(first.source.text)}; "
        f"here the source is {_quote(source_text)}",
        "check both beads: one translation was likely pasted twice or the alignment has "
        "shifted; translate each source on its own",
        Where.TARGET,
        level=level if level is not DIFFERENT_SOURCE.severity else None,
    )


def _different_targets(renderings: list[_Rendering]) -> Iterator[tuple[Unit, Problem]]:
    """Each translation but the first, at its first bead, naming the first."""
    if len(renderings) < 2:
        return
    first, *others = renderings
    there = f"{_quote(first.target.text)} at {_where(first.source, first.target)}"
    for other in others:
        more = other.beads - 1
        beads = "" if not more else f" (and in {more} more bead{'s' if more > 1 else ''})"
        message = (
            f"the source {_quote(other.source.text)} is translated "
            f"{_quote(other.target.text)} here{beads}, but {there}"
        )
        fix = (
            "translate the repeated text the same way both times, unless its context calls "
            "for another translation"
        )
        yield other.unit, Problem(SAME_SOURCE, message, fix, Where.TARGET)
