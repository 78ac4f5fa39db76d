"""A work started from a bitext: the original's side of an exchange file as the work's
original text (``toolkit new``, then ``toolkit import`` of each side).

Each unit with text on the original's side becomes a paragraph, a segment per line (the
file says nothing of paragraphs; join lines in the store where the text has them). A
file this toolkit exported names the segments (``s3,s4``) and they keep those IDs; any
other file's are numbered ``s1``, ``s2``, … in order, which is how the translation's side,
imported next from the same file, finds them.
"""

from __future__ import annotations

from collections.abc import Iterable

from toolkit.errors import Location, ToolkitError
from toolkit.exchange.files.common import FileRead
from toolkit.exchange.units import FileUnit, parse_key
from toolkit.languages import same_language
from toolkit.model import Block, BlockKind, Document, Segment


def original_from(read: FileRead, language: str) -> Document:
    """The original's text from the units' original side."""

    if read.source_lang is not None and not same_language(read.source_lang, language):
        raise ToolkitError(
            f"the file's original is in {read.source_lang}, the work's in {language}",
            where=Location(read.path, 1),
            fix="import it into a work whose original is in that language",
        )
    units = [u for u in read.units if u.source is not None and any(u.source.lines)]
    if not units:
        raise ToolkitError(
            "the file has no text on the original's side",
            where=Location(read.path, 1),
            fix="give the file with both languages, or import the original's own text",
        )
    named = _named(units)
    blocks: list[Block] = []
    number = 0
    for unit in units:
        assert unit.source is not None
        segments = []
        for k, line in enumerate(unit.source.lines):
            number += 1
            ident = named[id(unit)][k] if named else f"s{number}"
            segments.append(Segment(ident, line))
        blocks.append(Block(BlockKind.PARAGRAPH, tuple(segments), blank_before=int(bool(blocks))))
    return Document(tuple(blocks))


def _named(units: Iterable[FileUnit]) -> dict[int, tuple[str, ...]]:
    """The IDs each unit names, when every unit names as many as it has lines and no ID
    twice (a file this toolkit wrote); else nothing."""
    out: dict[int, tuple[str, ...]] = {}
    seen: set[str] = set()
    for unit in units:
        parsed = parse_key(unit.key or "")
        lines = unit.source.lines if unit.source is not None else ()
        if parsed is None or len(parsed[0]) != len(lines) or seen & set(parsed[0]):
            return {}
        seen.update(parsed[0])
        out[id(unit)] = parsed[0]
    return out
