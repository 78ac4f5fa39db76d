"""Pair an original with its translation for the bilingual editions, bead by bead.

The beads of the alignment drive the pairing: each bead becomes a *row* holding the
original's segments of the bead and the translation's (1-1, n-m, 1-0 with the original
alone, 0-1 with the translation alone). Rows follow the original's order: a bead sits at
the place of its first source segment even when its translation lies elsewhere (a
crossing bead), and a bead with no source stays after the bead the alignment file has
before it.

Nothing is lost. A segment no bead names gets a row of its own (the original's where it
stands, the translation's after the row of the translation's segment before it), and the
rows say so (``Row.state`` is None); ``toolkit check`` reports such segments. A footnote's
segments are not rows: each side's notes are set where that side refers to them. (A
segment without an ID cannot be paired, and is not shown: ``build`` refuses a work
with one, ``segment-without-id``.)

Blocks that are read as a whole are never cut between rows: every bead touching one table
or figure joins one row with that block entire. A heading's row is a heading; a figure's
row shows the image once with both captions. A block with no text to pair (a rule, a code
block) is a row of its own at its place in the original; a code block of the translation
that the original has too is shown once.

Pure: documents and alignment in, rows out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from toolkit.model import Alignment, BeadState, Block, BlockKind, Document, Segment

__all__ = ["Piece", "Row", "RowKind", "pair_rows"]


class RowKind(StrEnum):
    #: Both languages side by side (or one after the other).
    TEXT = "text"
    #: A heading, in both languages.
    HEADING = "heading"
    #: A figure: its image once, its caption in both languages.
    FIGURE = "figure"
    #: A block with no text to pair: a rule, a code block.
    BLOCK = "block"


#: Blocks a row takes whole: a bead in one takes the block with it.
_WHOLE = frozenset({BlockKind.TABLE, BlockKind.FIGURE})
#: Blocks without segments, each a row of its own.
_BARE = frozenset({BlockKind.RULE, BlockKind.CODE})


@dataclass(frozen=True)
class Piece:
    """The part of one block a row shows: some of its segments (all, for a whole block)."""

    block: Block
    segments: tuple[Segment, ...]

    @property
    def opens(self) -> bool:
        """The piece starts its block."""
        return not self.block.segments or self.segments[:1] == self.block.segments[:1]


@dataclass(frozen=True)
class Row:
    kind: RowKind
    source: tuple[Piece, ...] = ()
    target: tuple[Piece, ...] = ()
    #: The bead's review state; None for segments that no bead names.
    state: BeadState | None = None

    @property
    def opens(self) -> bool:
        """The row starts a block (a paragraph, an item) of the original, or of the
        translation when it has no original."""
        first = (self.source or self.target)[:1]
        return bool(first) and first[0].opens

    @property
    def omitted(self) -> bool:
        return self.state is BeadState.OMITTED

    @property
    def added(self) -> bool:
        """The translator's own addition: a 0-1 bead (not a segment no bead names)."""
        return not self.source and bool(self.target) and self.state is not None


# Where a segment or block stands in its document: (block index, segment index).
_Place = tuple[int, int]


@dataclass
class _Unit:
    """Segments that share a row, and the key that orders the rows."""

    source: set[str]
    target: set[str]
    state: BeadState | None
    key: tuple[Any, ...] = ()  # compared element by element: see _order
    bare: tuple[str, int] | None = None  # ("s" | "t", block index) for a block without text


class _Index:
    """One document's segments and blocks by ID and place; footnotes apart."""

    def __init__(self, doc: Document) -> None:
        self.blocks = doc.blocks
        self.place: dict[str, _Place] = {}
        self.notes: set[str] = set()
        for b, block in enumerate(doc.blocks):
            for s, seg in enumerate(block.segments):
                if seg.id is None:
                    continue
                if block.kind is BlockKind.FOOTNOTE:
                    self.notes.add(seg.id)
                else:
                    self.place.setdefault(seg.id, (b, s))

    def known(self, ids: Iterable[str]) -> set[str]:
        return {i for i in ids if i in self.place}

    def whole_key(self, side: str, seg_id: str) -> tuple[str, object]:
        """What joins beads into one row: the block, for a whole one; else the segment."""
        b, _ = self.place[seg_id]
        if self.blocks[b].kind in _WHOLE:
            return (side, b)
        return (side, seg_id)

    def pieces(self, ids: set[str]) -> tuple[Piece, ...]:
        by_block: dict[int, list[int]] = {}
        for seg_id in ids:
            b, s = self.place[seg_id]
            by_block.setdefault(b, []).append(s)
        out = []
        for b in sorted(by_block):
            block = self.blocks[b]
            if block.kind in _WHOLE:
                out.append(Piece(block, block.segments))
            else:
                out.append(Piece(block, tuple(block.segments[s] for s in sorted(by_block[b]))))
        return tuple(out)


def pair_rows(source: Document, target: Document, alignment: Alignment) -> list[Row]:
    """The rows of a bilingual edition of ``source`` and ``target``, as ``alignment`` pairs
    them. Every segment of both documents outside footnotes is in exactly one row (an ID
    that names no segment is passed over: ``build`` refuses such a work first)."""
    src, tgt = _Index(source), _Index(target)
    owner: dict[tuple[str, object], _Unit] = {}
    units = _bead_units(src, tgt, alignment, owner)
    units += _unpaired(src, tgt, units, owner)
    _order(src, tgt, units, alignment)
    units += _bare_blocks(src, tgt, units)
    units.sort(key=lambda u: u.key)
    return [_row(src, tgt, u) for u in units]


def _bead_units(
    src: _Index, tgt: _Index, alignment: Alignment, owner: dict[tuple[str, object], _Unit]
) -> list[_Unit]:
    """One unit per bead (footnotes and unknown IDs left out), joined where beads share a
    whole block; ``owner`` gets the unit of each whole block."""
    units: list[_Unit] = []
    for bead in alignment.beads:
        unit = _Unit(src.known(bead.source), tgt.known(bead.target), bead.state)
        if not unit.source and not unit.target:
            continue
        keys = [src.whole_key("s", i) for i in unit.source]
        keys += [tgt.whole_key("t", i) for i in unit.target]
        joined = next((owner[k] for k in keys if k in owner), None)
        if joined is None:
            units.append(unit)
            joined = unit
        else:  # a block already in a row: this bead joins it
            joined.source |= unit.source
            joined.target |= unit.target
            if joined.state != unit.state:
                joined.state = _weaker(joined.state, unit.state)
        for key in keys:
            owner.setdefault(key, joined)
    return units


def _weaker(a: BeadState | None, b: BeadState | None) -> BeadState | None:
    """The state of a row joining two beads: unreviewed wins over reviewed."""
    for state in (None, BeadState.AUTO, BeadState.OMITTED, BeadState.REVIEWED):
        if state in (a, b):
            return state
    return BeadState.LOCKED


def _unpaired(
    src: _Index, tgt: _Index, units: list[_Unit], owner: dict[tuple[str, object], _Unit]
) -> list[_Unit]:
    """A unit for each segment that no bead names; one in a whole block joins the block's
    row (``owner``)."""
    seen = {("s", i) for u in units for i in u.source} | {("t", i) for u in units for i in u.target}
    out: list[_Unit] = []
    for index, side in ((src, "s"), (tgt, "t")):
        for seg_id in index.place:
            if (side, seg_id) in seen:
                continue
            key = index.whole_key(side, seg_id)
            unit = owner.get(key)
            if unit is None:
                unit = _Unit(set(), set(), None)
                out.append(unit)
                owner[key] = unit
            (unit.source if side == "s" else unit.target).add(seg_id)
    return out


def _order(src: _Index, tgt: _Index, units: list[_Unit], alignment: Alignment) -> None:
    """Give each unit its key: a unit with source segments sits at its first one; one
    without, after the unit before it (in the alignment file, for a bead; in the
    translation, for a segment no bead names)."""
    # Keys are tuples compared element by element: a place (block, segment), then 0 for a
    # unit at its own place, or 1 and a file index, or 2 and a place, after an anchor key.
    for unit in units:
        if unit.source:
            unit.key = (min(src.place[i] for i in unit.source), 0)
    by_source = {i: u for u in units for i in u.source}
    by_target = {i: u for u in units for i in u.target}
    # Beads with no source: after the bead the file has before them.
    previous: tuple[Any, ...] = ((-1, -1), 0)
    for file_index, bead in enumerate(alignment.beads):
        first = next((by_source[i] for i in bead.source if i in by_source), None)
        if first is not None:
            previous = first.key
            continue
        added = next((by_target[i] for i in bead.target if i in by_target), None)
        if added is not None and not added.key:
            added.key = (*previous, 1, file_index)
            previous = added.key
    # Segments no bead names, translation side: after the row of the segment before them.
    anchor: tuple[Any, ...] = ((-1, -1), 0)
    for seg_id in sorted(tgt.place, key=tgt.place.__getitem__):
        unit = by_target[seg_id]
        if not unit.key:
            unit.key = (*anchor, 2, tgt.place[seg_id])
        anchor = unit.key


def _bare_blocks(src: _Index, tgt: _Index, units: list[_Unit]) -> list[_Unit]:
    """A unit for each block without text: the original's at its place; the translation's
    code blocks the original does not have too, after what comes before them in the
    translation (its text, or a code block both have)."""
    out: list[_Unit] = []
    source_code: dict[str, list[_Unit]] = {}
    for b, block in enumerate(src.blocks):
        if block.kind in _BARE:
            unit = _Unit(set(), set(), None, key=((b, -1), 0), bare=("s", b))
            out.append(unit)
            if block.code is not None:
                source_code.setdefault(block.code.text, []).append(unit)
    by_target = {i: u for u in units for i in u.target}
    anchor: tuple[Any, ...] = ((-1, -1), 0)
    for b, block in enumerate(tgt.blocks):
        keys = [by_target[s.id].key for s in block.segments if s.id in by_target]
        if keys:
            anchor = max(keys)
        elif block.code is not None:
            same = source_code.get(block.code.text)
            if same:  # shown once, the original's: it places what follows
                anchor = same.pop(0).key
            else:
                out.append(_Unit(set(), set(), None, key=(*anchor, 3, b), bare=("t", b)))
    return out


def _row(src: _Index, tgt: _Index, unit: _Unit) -> Row:
    if unit.bare is not None:
        side, b = unit.bare
        piece = (Piece((src if side == "s" else tgt).blocks[b], ()),)
        return Row(RowKind.BLOCK, piece if side == "s" else (), piece if side == "t" else ())
    source, target = src.pieces(unit.source), tgt.pieces(unit.target)
    kinds = {p.block.kind for p in source + target}
    if BlockKind.HEADING in kinds:
        kind = RowKind.HEADING
    elif any(p.block.kind is BlockKind.FIGURE for p in source):
        kind = RowKind.FIGURE
    else:
        kind = RowKind.TEXT
    return Row(kind, source, target, unit.state)
