"""Character classes the sentence rules read: terminals, closers, openers, CJK.

The rules read a projection of the paragraph (``markup.project``) in which a code span is
one ``OBJECT`` character and a footnote reference one ``NOTE`` character; both come from
the Unicode private use area, so they never stand for real text.
"""

from __future__ import annotations

#: A code span, as the rules see it: an opaque word.
OBJECT = "\ue000"
#: A footnote reference (``[^1]``), as the rules see it: it follows its sentence's punctuation.
NOTE = "\ue001"

#: Sentence-final punctuation of Chinese (and Japanese) text: full-width and small forms.
CJK_TERMINALS = frozenset("。！？｡﹒﹗﹖")
#: Every character that may end a sentence, alone or in a run (``？！``, ``?!``, ``……。``).
#: ``．`` is the full-width full stop (also a decimal point between full-width digits).
TERMINALS = CJK_TERMINALS | frozenset(".!?…⋯．‼⁇⁈⁉")
#: Ellipsis characters; three ASCII dots count as one.
ELLIPSES = frozenset("…⋯")

#: Closing quotes and brackets: after sentence-final punctuation they stay with the
#: sentence. The ASCII quotes ``"`` and ``'`` open as often as they close, so the rules
#: decide those case by case (``candidates.tail_end``).
CLOSERS = frozenset("」』”’）》〉】〕〗〙〛｝］﹂﹄)]}")
#: The closers of quotations and titles, as opposed to brackets: what follows one directly
#: may continue the sentence that quotes (``「走吧。」他說。``, ``《走吧！》是一部電影。``).
QUOTE_CLOSERS = frozenset("」』”’﹂﹄》〉\"'")
#: Opening quotes and brackets, ASCII quotes included: what may stand before a sentence's
#: first word.
OPENERS = frozenset("「『“‘（《〈【〔〖〘〚｛［﹁﹃([{\"'¡¿")
#: What never begins a sentence: a boundary before one of these is never made.
NON_STARTERS = frozenset("，、；：,;:%") | TERMINALS | CLOSERS | {NOTE}
#: White space that binds (no-break spaces): English never breaks a sentence at it alone.
NO_BREAK = frozenset("\u00a0\u202f\u2007")

#: Code point ranges of CJK scripts, their punctuation and full-width forms.
_CJK_RANGES = (
    (0x2E80, 0x2FDF),  # radicals
    (0x3000, 0x303F),  # CJK symbols and punctuation (。「」、 and the ideographic space)
    (0x3040, 0x31FF),  # kana, bopomofo, Hangul compatibility jamo, kanbun, strokes
    (0x3400, 0x4DBF),  # extension A
    (0x4E00, 0x9FFF),  # unified ideographs
    (0xF900, 0xFAFF),  # compatibility ideographs
    (0xFE10, 0xFE1F),  # vertical forms
    (0xFE30, 0xFE6F),  # compatibility and small forms (﹁﹂﹒)
    (0xFF00, 0xFFEF),  # full-width and half-width forms (，！？（）)
    (0x20000, 0x3134F),  # extensions B to G
)
#: The ideographic and syllabic part of those ranges: letters, not punctuation.
_IDEOGRAPH_RANGES = (
    (0x3040, 0x30FF),
    (0x3100, 0x312F),
    (0x31A0, 0x31BF),
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xF900, 0xFAFF),
    (0x20000, 0x3134F),
)


def is_cjk(ch: str) -> bool:
    """Is ``ch`` a CJK character: an ideograph, kana, CJK punctuation or a full-width form?"""
    return bool(ch) and _in_ranges(ord(ch[0]), _CJK_RANGES)


def is_ideograph(ch: str) -> bool:
    """Is ``ch`` a Han character (or kana, bopomofo): a CJK letter, not punctuation?"""
    return bool(ch) and _in_ranges(ord(ch[0]), _IDEOGRAPH_RANGES)


def _in_ranges(code: int, ranges: tuple[tuple[int, int], ...]) -> bool:
    return any(low <= code <= high for low, high in ranges)
