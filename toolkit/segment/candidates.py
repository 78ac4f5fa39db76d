"""Candidate sentence ends in a projected paragraph: a run of sentence-final punctuation,
what closes with it, and what follows.

A candidate is found at every run of ``TERMINALS`` outside web addresses and e-mail
addresses. Its *tail* is what stays with the sentence if it ends there: closing quotes and
brackets, footnote references, and further punctuation (``。」``, ``?”``, ``.)``, ``.[^1]``,
``」。``). Whether it does end there is for the language rules (``chinese``, ``english``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from toolkit.segment.chars import CLOSERS, NOTE, TERMINALS

#: A web address: a scheme or 'www.', then anything but white space, quotes, CJK punctuation
#: and the projection's placeholders. Trailing punctuation is trimmed off (``_trim``).
_ADDRESS = re.compile(
    r"(?<![A-Za-z0-9+.-])(?:[A-Za-z][A-Za-z0-9+.-]*://|www\.)"
    r"[^\s<>\"“”‘’「」『』（）《》【】，。！？；：、\ue000\ue001]+"
)
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
#: What an address does not end with: it belongs to the sentence around it.
_TRAILING = ".,;:!?'\"…"


@dataclass(frozen=True, slots=True)
class Candidate:
    """A possible sentence end in ``text`` (a projected paragraph).

    ``text[start:stop]`` is the run of punctuation, ``text[stop:end]`` its tail,
    ``text[end:next]`` the white space after it, and ``text[next]`` the character that
    would begin the next sentence (a candidate at the paragraph's end is never made).
    """

    text: str
    start: int
    stop: int
    end: int
    next: int

    @property
    def run(self) -> str:
        """The sentence-final punctuation: ``。``, ``？！``, ``...``, ``.``."""
        return self.text[self.start : self.stop]

    @property
    def tail(self) -> str:
        """The closers, footnote references and further punctuation after the run."""
        return self.text[self.stop : self.end]

    @property
    def gap(self) -> str:
        """The white space between the tail and the next sentence (often none in Chinese)."""
        return self.text[self.end : self.next]

    @property
    def following(self) -> str:
        """The first character after the gap."""
        return self.text[self.next]

    @property
    def before(self) -> str:
        """The character before the run, closing quotes, brackets and notes skipped
        (``好”!`` → ``好``); empty at the paragraph's start."""
        j = self.start - 1
        while j >= 0 and (self.text[j] == NOTE or self.text[j] in CLOSERS):
            j -= 1
        return self.text[j] if j >= 0 else ""


def candidates(text: str) -> Iterator[Candidate]:
    """Every candidate sentence end in ``text``, in order, none at the very end."""
    opaque = address_mask(text)
    closing = closing_double_quotes(text)
    n = len(text)
    k = 0
    while k < n:
        if text[k] not in TERMINALS or opaque[k]:
            k += 1
            continue
        stop = k + 1
        while stop < n and text[stop] in TERMINALS and not opaque[stop]:
            stop += 1
        end = tail_end(text, stop, closing, opaque)
        following = end
        while following < n and text[following].isspace():
            following += 1
        if following < n:
            yield Candidate(text, k, stop, end, following)
        k = end


def tail_end(text: str, i: int, closing: frozenset[int], opaque: list[bool]) -> int:
    """Where the tail starting at ``i`` ends: after the closers, notes and punctuation.

    An ASCII ``"`` is a closer when it closes by count (the 2nd, 4th, … in the paragraph);
    a ``'`` when no letter or digit follows it (``'Go.' Then`` but not ``.'s``).
    """
    n = len(text)
    while i < n:
        ch = text[i]
        closes = (
            ch in CLOSERS
            or ch == NOTE
            or (ch in TERMINALS and not opaque[i])
            or (ch == '"' and i in closing)
            or (ch == "'" and not (i + 1 < n and text[i + 1].isalnum()))
        )
        if not closes:
            return i
        i += 1
    return i


def closing_double_quotes(text: str) -> frozenset[int]:
    """The positions of the ASCII ``"`` that close a quotation: every second one."""
    return frozenset([i for i, ch in enumerate(text) if ch == '"'][1::2])


def address_mask(text: str) -> list[bool]:
    """Which characters belong to a web or e-mail address (never a sentence end)."""
    mask = [False] * len(text)
    for pattern in (_ADDRESS, _EMAIL):
        for match in pattern.finditer(text):
            start, end = match.start(), _trim(text, match.start(), match.end())
            mask[start:end] = [True] * (end - start)
    return mask


def _trim(text: str, start: int, end: int) -> int:
    """The end of an address, sentence punctuation after it and unmatched brackets left off."""
    while end > start:
        last = text[end - 1]
        if not (last in _TRAILING or (last in ")]" and _unbalanced(text[start:end], last))):
            break
        end -= 1
    return end


def _unbalanced(address: str, bracket: str) -> bool:
    opener = "(" if bracket == ")" else "["
    return address.count(bracket) > address.count(opener)
