"""Surface cues that survive translation, read from punctuation without any dictionary.

Speech stays in quotation marks and an exclamation stays an exclamation: a bead whose two
sides disagree on these is less likely (``cue_prefix``), and so is a bead that ends inside
quoted speech on one side only (``in_speech``). Fiction is full of dialogue, and where a
translator splits or joins sentences these cues often decide which side of a boundary a
short sentence belongs to. ``clause_ends`` cuts a sentence's first and last clause out, for
the clause signal at bead boundaries (``signals.boundary_scores``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

#: The cues, in the order of the count vector.
CUES = ("speech", "exclamation")

# An opening quotation mark: a CJK or curly one anywhere, a straight or single one only at
# the start of a word (so that the apostrophe of "don't" is not speech).
_SPEECH = re.compile(r"[“「『]|(?:^|(?<=[\s(\[—–-]))['‘\"](?=\w)")
_EXCLAMATION = re.compile(r"[!！]")


def cue_counts(text: str) -> list[int]:
    """How often each cue of ``CUES`` occurs in one sentence."""
    return [len(_SPEECH.findall(text)), len(_EXCLAMATION.findall(text))]


# Quotation marks that open or close speech. CJK and curly double marks are unambiguous; a
# curly single mark is too when it touches CJK text. Elsewhere a straight or single mark opens
# at the start of a word and closes after punctuation (so "don't" and "Jia's" are neither).
_MARKS = re.compile(
    r"(?P<sure>[“”「」『』]|(?<=[\u2e80-\uffef])[‘’]|[‘’](?=[\u2e80-\uffef]))"
    r"|(?P<open>(?:^|(?<=[\s(\[—–-]))['‘\"](?=\S))"
    r"|(?P<close>(?<=[,.!?;:—–…\-])['’](?=$|[\s,.;:!?)—–-])|(?<=\S)\"(?=$|[\s,.;:!?)—–-]))"
    r"|(?P<maybe>(?<=\w)['’](?=$|[\s,.;:!?)—–-]))"
)
_KIND = {"“": "double", "”": "double", "「": "double", "」": "double", '"': "double"}
_OPENS = frozenset("“「『‘")


def in_speech(texts: Sequence[str]) -> NDArray[np.bool_]:
    """For each prefix ``texts[:k]`` (k = 0..n): does it end inside quoted speech?

    Open quotations are a stack of kinds (double, single). A closing mark closes the latest
    quotation of its kind and any left open inside it; an opening mark of a kind already open
    starts afresh from it (speech that runs on into a new paragraph reopens without
    closing). So a missed or stray mark is forgotten soon instead of inverting everything
    after it. A single mark right after a word closes only a quotation opened in the same
    sentence (scare quotes: the 'book' part), never a possessive (the Jias' house).
    """
    out = np.zeros(len(texts) + 1, dtype=np.bool_)
    stack: list[tuple[str, int]] = []  # (kind, sentence where it opened)
    for k, text in enumerate(texts, 1):
        for match in _MARKS.finditer(text):
            mark = match.group(0)
            kind = _KIND.get(mark, "single")
            if match.group("maybe") and (kind, k) not in stack:
                continue
            opening = mark in _OPENS if match.group("sure") else bool(match.group("open"))
            kinds = [open_kind for open_kind, _ in stack]
            if kind in kinds:
                del stack[kinds.index(kind) :]
            if opening:
                stack.append((kind, k))
        out[k] = bool(stack)
    return out


_CLAUSE_BREAK = re.compile(r"[，；：,;:]")


def clause_ends(text: str) -> tuple[str, str]:
    """The first and the last clause of a sentence (split at commas, semicolons and colons);
    the sentence itself twice when it has one clause."""
    clauses = [part for part in _CLAUSE_BREAK.split(text) if part.strip()]
    if len(clauses) < 2:
        return text, text
    return clauses[0], clauses[-1]


def cue_prefix(texts: Sequence[str]) -> NDArray[np.float64]:
    """Prefix sums of the cue counts: row k holds the counts of ``texts[:k]``."""
    out = np.zeros((len(texts) + 1, len(CUES)), dtype=np.float64)
    if texts:
        np.cumsum([cue_counts(text) for text in texts], axis=0, out=out[1:])
    return out
