"""Sentence spans of one paragraph: the public interface of ``toolkit.segment``.

``sentence_spans`` reads the paragraph's projection (``markup``), finds the candidate
sentence ends (``candidates``), lets the language's rules decide each (``chinese``,
``english``), and maps the ends it keeps back to offsets, dropping any that would fall
inside an inline construct or a protected span.

Guarantees, for any text, language and protected spans:

- the spans are in order, non-empty and non-overlapping, and each holds a non-white-space
  character;
- what lies before the first span, between two spans and after the last is white space
  only: the first span starts at 0 (leading white space belongs to it), trailing white
  space lies after the last, and between two sentences there is the white space that
  separated them (usually none in Chinese);
- no sentence boundary touches the inside of an inline construct or a protected span: a
  boundary is the white space between two spans with its two ends, and neither end lies
  strictly inside such a span, nor does any of its characters lie in one (so a protected
  span always lies within one sentence, unless it reaches beyond the text's sentences);
- an empty or white-space-only text has no sentences: ``[]``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from itertools import accumulate

from toolkit.segment import chinese, english
from toolkit.segment.candidates import Candidate, candidates
from toolkit.segment.chars import CJK_TERMINALS, NON_STARTERS, is_cjk
from toolkit.segment.markup import Projection, project

#: Primary language subtags read with the Chinese rules: Chinese and the Chinese
#: languages (Mandarin, Cantonese, Wu, Hakka, Min, Gan, Xiang, Classical), and Japanese,
#: which writes the same punctuation without spaces.
CHINESE_LANGUAGES = frozenset(
    {"zh", "cmn", "yue", "wuu", "hak", "nan", "cdo", "cpx", "gan", "hsn", "lzh", "cjy", "ja"}
)
#: Script subtags that select the Chinese rules whatever the language (``und-Hant``).
CJK_SCRIPTS = frozenset({"hans", "hant", "hani", "jpan"})


def sentence_spans(
    text: str, lang: str, protected: Sequence[tuple[int, int]] = ()
) -> list[tuple[int, int]]:
    """The (start, end) offsets of the sentences of ``text``, one paragraph in the store's
    inline markup, in the language ``lang`` (a language tag: ``zh-Hant-TW``, ``en-GB``).

    ``protected`` spans (start, end) are zones a caller forbids boundaries in, beside the
    inline constructs; spans beyond the text are clipped, empty ones ignored.
    """
    last = len(text.rstrip())
    if last == 0:
        return []
    projection = project(text)
    forbidden = _Zones(len(text), [*projection.zones, *protected])
    spans: list[tuple[int, int]] = []
    start = 0
    for cut in sentence_cuts(projection.text, chinese_rules=uses_chinese_rules(lang)):
        end = _markup_end(projection, cut)
        following = _skip_space(text, end)
        if following >= last or end <= start or forbidden.crossed_by(end, following):
            continue
        spans.append((start, end))
        start = following
    spans.append((start, last))
    return spans


def split_sentences(text: str, lang: str) -> list[str]:
    """The sentences of ``text`` (see ``sentence_spans``), each exactly as written: the
    first keeps the paragraph's leading white space, none has white space after it."""
    return [text[start:end] for start, end in sentence_spans(text, lang)]


def uses_chinese_rules(lang: str) -> bool:
    """Is ``lang`` read with the Chinese rules? Every other tag gets the English ones."""
    subtags = lang.replace("_", "-").lower().split("-")
    return subtags[0] in CHINESE_LANGUAGES or any(tag in CJK_SCRIPTS for tag in subtags[1:])


def sentence_cuts(text: str, *, chinese_rules: bool) -> Iterator[int]:
    """Where sentences end in a projected paragraph: the index after each one's tail."""
    for candidate in candidates(text):
        if ends_sentence(candidate, chinese_rules=chinese_rules):
            yield candidate.end


def ends_sentence(c: Candidate, *, chinese_rules: bool) -> bool:
    """Does the sentence end at ``c``? Chinese punctuation, or punctuation after a CJK
    character, is weighed by the Chinese rules, in either language; the rest by the
    English ones (so Latin words in Chinese text and Chinese quoted in English both work).
    """
    if c.following in NON_STARTERS:
        return False
    if any(ch in CJK_TERMINALS for ch in c.run) or is_cjk(c.before):
        return chinese.ends_sentence(c, spaced=not chinese_rules)
    return english.ends_sentence(c)


def _markup_end(projection: Projection, cut: int) -> int:
    """The offset after projected character ``cut - 1`` and any closing markup right after
    it (``**Go.**``, ``[the report.](address)``)."""
    end = projection.ends[cut - 1]
    while end in projection.closing:
        end = projection.closing[end]
    return end


def _skip_space(text: str, i: int) -> int:
    while i < len(text) and text[i].isspace():
        i += 1
    return i


class _Zones:
    """Where boundaries may not go, as prefix counts, so that each test is O(1)."""

    def __init__(self, n: int, zones: Iterable[tuple[int, int]]) -> None:
        inner = [0] * (n + 2)  # offsets strictly inside a zone (cut points)
        held = [0] * (n + 2)  # characters in a zone
        for start, end in zones:
            _mark(inner, max(start + 1, 0), min(end - 1, n))
            _mark(held, max(start, 0), min(end - 1, n))
        self._inner = _prefix(inner, n)
        self._held = _prefix(held, n)

    def crossed_by(self, end: int, following: int) -> bool:
        """Does the boundary from ``end`` to ``following`` touch a zone's inside: an offset
        from ``end`` to ``following`` strictly inside one, or a character between them in
        one?"""
        cuts = self._inner[following + 1] - self._inner[end]
        chars = self._held[following] - self._held[end]
        return cuts > 0 or chars > 0


def _mark(delta: list[int], low: int, high: int) -> None:
    """Count the offsets ``low … high`` (inclusive) once more."""
    if low <= high:
        delta[low] += 1
        delta[high + 1] -= 1


def _prefix(delta: list[int], n: int) -> list[int]:
    """``counts[x]``: how many of the offsets ``0 … x - 1`` are marked in ``delta``."""
    depth = list(accumulate(delta))
    return [0, *accumulate(1 if d > 0 else 0 for d in depth[: n + 1])]
