"""Read through a segment's inline markup: what the sentence rules see, and where it came from.

The rules read a *projection* of the paragraph: every character of running text as it is
(inside emphasis and link text too), a backslash escape as the character it stands for, a
code span as one ``OBJECT`` and a footnote reference as one ``NOTE``. The markup itself
(``*``, ``**``, ``[``, ``](address)``) is left out, so ``**Go.** Then`` reads ``Go. Then``.
Each projected character keeps the offsets of the text it came from, and the closing
markup is recorded, so that a sentence ending inside emphasis takes the closing ``**``
with it.

``zones`` are the top-level inline constructs (emphasis, links, code, footnote references,
escapes): no sentence boundary may fall strictly inside one.

The walk mirrors the store's parser (``toolkit.store.inline.parse_inline``) step by step,
so that a construct here is exactly a node there; tests/test_segment.py checks the two
agree on random markup.
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from typing import TypeAlias, Union

from toolkit.segment.chars import NOTE, OBJECT

# The grammar, as in toolkit/store/inline.py (kept in step by the tests).
_PUNCT = frozenset(string.punctuation)
_NOTE_RE = re.compile(r"\[\^([A-Za-z0-9_-]+)\]")
_URL_RE = re.compile(r"\(((?:[^\s()]|\([^\s()]*\))+)\)")
_MAX_DEPTH = 32


class Kind(Enum):
    """What a piece of markup text is."""

    CHAR = "char"  # one character of running text
    ESCAPE = "escape"  # a backslash and the punctuation character it stands for
    CODE = "code"  # a whole code span, backticks included
    NOTE = "note"  # a whole footnote reference
    OPEN = "open"  # the markup that opens emphasis or a link: '*', '**', '['
    CLOSE = "close"  # the markup that closes them: '*', '**', '](address)'


@dataclass(frozen=True, slots=True)
class Piece:
    """A stretch ``text[start:end]`` of markup and what it is."""

    start: int
    end: int
    kind: Kind


@dataclass(frozen=True, slots=True)
class Projection:
    """What the rules read (``text``) and where each of its characters came from."""

    text: str
    #: ``markup[starts[k]:ends[k]]`` is what ``text[k]`` stands for.
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    #: Closing markup (``*``, ``**``, ``](address)``): its start offset to its end offset.
    closing: Mapping[int, int]
    #: The top-level inline constructs, as (start, end) offsets.
    zones: tuple[tuple[int, int], ...]


#: The structural pieces a scan found (running text is implied, between them), as a tree
#: that shares each inner scan's result instead of copying it: unclosed openers
#: ('[[[[…') would otherwise cost quadratic time and memory.
_Tree: TypeAlias = tuple[Union[Piece, "_Tree"], ...]
#: The characters any inline construct starts or ends with: text without them is plain.
_MARKUP = re.compile(r"[\\*\[\]`]")

#: The tree, the index after it, and whether the closer was found.
_Scan = tuple[_Tree, int, bool]


def project(markup: str) -> Projection:
    """The projection of ``markup`` (one paragraph's text in the store's inline markup)."""
    if not _MARKUP.search(markup):  # most text: every character stands for itself
        n = len(markup)
        return Projection(markup, tuple(range(n)), tuple(range(1, n + 1)), {}, ())
    return scanned(markup)


def scanned(markup: str) -> Projection:
    """The projection, from the markup's constructs (what ``project`` gives for any text):
    the running text between them is taken a stretch at a time, not a character at a
    time."""
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    closing: dict[int, int] = {}
    structure = _structure(markup)
    at = 0
    for piece in (*structure, Piece(len(markup), len(markup), Kind.CHAR)):
        if at < piece.start:  # running text: each character stands for itself
            chars.append(markup[at : piece.start])
            starts.extend(range(at, piece.start))
            ends.extend(range(at + 1, piece.start + 1))
        at = piece.end
        if piece.kind is Kind.OPEN or piece.kind is Kind.CHAR:
            continue
        if piece.kind is Kind.CLOSE:
            closing[piece.start] = piece.end
            continue
        chars.append(_projected_char(markup, piece))
        starts.append(piece.start)
        ends.append(piece.end)
    return Projection("".join(chars), tuple(starts), tuple(ends), closing, _zones(structure))


def pieces(markup: str) -> tuple[Piece, ...]:
    """The markup cut into pieces, in order, covering it exactly."""
    out: list[Piece] = []
    at = 0
    for piece in _structure(markup):
        out.extend(Piece(k, k + 1, Kind.CHAR) for k in range(at, piece.start))
        out.append(piece)
        at = piece.end
    out.extend(Piece(k, k + 1, Kind.CHAR) for k in range(at, len(markup)))
    return tuple(out)


def _structure(markup: str) -> list[Piece]:
    """The markup's constructs' pieces, in order (running text is what lies between)."""
    return _flatten(_scan(markup, 0, "", {}, 0)[0], [])


def _flatten(tree: _Tree, out: list[Piece]) -> list[Piece]:
    """The tree's pieces in order (it is as deep as the markup's nesting, at most 32)."""
    for item in tree:
        if isinstance(item, Piece):
            out.append(item)
        else:
            _flatten(item, out)
    return out


def zones(markup: str) -> tuple[tuple[int, int], ...]:
    """The (start, end) offsets of each top-level construct: emphasis, strong emphasis,
    link, code span, footnote reference or backslash escape."""
    return _zones(_structure(markup))


def _zones(structure: list[Piece]) -> tuple[tuple[int, int], ...]:
    found: list[tuple[int, int]] = []
    depth = 0
    opened = 0
    for piece in structure:
        if piece.kind is Kind.OPEN:
            if depth == 0:
                opened = piece.start
            depth += 1
        elif piece.kind is Kind.CLOSE:
            depth -= 1
            if depth == 0:
                found.append((opened, piece.end))
        elif piece.kind is not Kind.CHAR and depth == 0:
            found.append((piece.start, piece.end))
    return tuple(found)


def _projected_char(markup: str, piece: Piece) -> str:
    if piece.kind is Kind.CODE:
        return OBJECT
    if piece.kind is Kind.NOTE:
        return NOTE
    return markup[piece.end - 1]  # a character, or the one an escape stands for


def _scan(s: str, i: int, closer: str, memo: dict[tuple[int, str], _Scan], depth: int) -> _Scan:
    """Scan from ``i`` until ``closer`` (or the end), once per (start, closer), as the
    store's parser does: unclosed openers would otherwise be rescanned exponentially."""
    key = (i, closer)
    if key not in memo:
        memo[key] = _scan_from(s, i, closer, memo, depth)
    return memo[key]


def _scan_from(
    s: str, i: int, closer: str, memo: dict[tuple[int, str], _Scan], depth: int
) -> _Scan:
    out: list[Piece | _Tree] = []
    n = len(s)
    while i < n:
        ch = s[i]
        if closer and s.startswith(closer, i) and _closes(s, i, closer):
            return tuple(out), i + len(closer), True
        if ch == "\\" and i + 1 < n and s[i + 1] in _PUNCT:
            out.append(Piece(i, i + 2, Kind.ESCAPE))
            i += 2
            continue
        if ch == "`":
            end = s.find("`", i + 1)
            if end > i + 1:
                out.append(Piece(i, end + 1, Kind.CODE))
                i = end + 1
                continue
        elif ch == "*" and depth < _MAX_DEPTH:
            mark = "**" if s.startswith("**", i) else "*"
            after = i + len(mark)
            # Followed by white space (or nothing), a '*' or '**' cannot open emphasis.
            if after < n and not s[after].isspace():
                inner, j, closed = _scan(s, after, mark, memo, depth + 1)
                if closed and j - len(mark) > after:  # closed, and not empty
                    out += [Piece(i, after, Kind.OPEN), inner, Piece(j - len(mark), j, Kind.CLOSE)]
                    i = j
                    continue
            i = after  # the stars are text
            continue
        elif ch == "[":
            note = _NOTE_RE.match(s, i)
            if note:
                out.append(Piece(i, note.end(), Kind.NOTE))
                i = note.end()
                continue
            if depth < _MAX_DEPTH:
                inner, j, closed = _scan(s, i + 1, "]", memo, depth + 1)
                url = _URL_RE.match(s, j) if closed else None
                if url and j - 1 > i + 1:  # an address, and link text
                    out += [Piece(i, i + 1, Kind.OPEN), inner, Piece(j - 1, url.end(), Kind.CLOSE)]
                    i = url.end()
                    continue
        i += 1  # running text
    return tuple(out), i, False


def _closes(s: str, i: int, closer: str) -> bool:
    """May the ``closer`` found at ``i`` close what is open?"""
    if closer == "]":
        return True
    # '*' inside '**' is not a closer; a '*' or '**' after white space cannot close emphasis.
    return not (closer == "*" and s.startswith("**", i)) and not s[i - 1].isspace()
