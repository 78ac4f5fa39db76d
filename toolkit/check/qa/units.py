"""What the translation checks read: sides of text, and units that pair two sides.

A ``Side`` is one language's text of a unit: its segments, each with its plain text (what
a reader sees: markup left out, a code span as one object character, a footnote
reference as one note character) and where its text stands in its file, so a problem
found at an offset in the plain text becomes a ``path:line:column``.

A ``Unit`` is a bead: the source side and the target side (one may be missing: a work
with no original yet, a 1-0 bead). Units come from a work's alignment, or from a
translation file's entries (PO, XLIFF, TMX); paragraphs come from each document's
blocks, for the checks that read one text at a time.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from toolkit.check.findings import Place
from toolkit.check.places import FileLines
from toolkit.languages import language_script, sentence_separator
from toolkit.model import Alignment, BeadState, Block, BlockKind, Document, Segment
from toolkit.segment.markup import project

if TYPE_CHECKING:
    from toolkit.store.work import Work

#: Blocks whose text the one-text checks read (code is never translated; a figure's
#: caption and a table's cells are text too).
TEXT_KINDS = frozenset(
    {
        BlockKind.HEADING,
        BlockKind.PARAGRAPH,
        BlockKind.QUOTE,
        BlockKind.FOOTNOTE,
        BlockKind.LIST_ITEM,
        BlockKind.TABLE,
        BlockKind.FIGURE,
    }
)


@dataclass(frozen=True)
class Text:
    """One segment: its ID, its markup and plain text, and where its text starts."""

    id: str | None
    markup: str
    plain: str
    #: ``markup[offsets[k]]`` is where ``plain[k]`` came from.
    offsets: tuple[int, ...]
    #: The file, line and column (1-based) where the segment's markup starts; the column is
    #: 0 when not known.
    place: Place

    @classmethod
    def of(cls, seg: Segment, place: Place) -> Text:
        projection = project(seg.text)
        return cls(seg.id, seg.text, projection.text, projection.starts, place)

    def place_of(self, offset: int) -> Place:
        """The place of ``plain[offset]`` in the file."""
        if not self.place.column:
            return self.place
        at = self.offsets[offset] if 0 <= offset < len(self.offsets) else len(self.markup)
        return Place(self.place.path, self.place.line, self.place.column + at)


@dataclass(frozen=True)
class Side:
    """One language's text of a unit: its segments, joined by the language's separator."""

    lang: str
    segments: tuple[Text, ...]

    @classmethod
    def of(cls, lang: str, *markups: str, path: str = "<text>") -> Side:
        """A side made of segment texts given as markup, one per line of ``path`` (for
        tests, and for files whose entries are not in the store)."""
        texts = (
            Text.of(Segment(None, markup), Place(path, n, 1)) for n, markup in enumerate(markups, 1)
        )
        return cls(lang, tuple(texts))

    @cached_property
    def chinese(self) -> bool:
        return language_script(self.lang)[0] == "zh"

    @cached_property
    def text(self) -> str:
        return sentence_separator(self.lang).join(t.plain for t in self.segments)

    @cached_property
    def ids(self) -> tuple[str, ...]:
        return tuple(t.id for t in self.segments if t.id is not None)

    def locate(self, offset: int) -> Place | None:
        """The place of ``text[offset]``: its segment's file, line and column."""
        found = self._segment_at(offset)
        return found[0].place_of(found[1]) if found else None

    def segment_at(self, offset: int) -> Text | None:
        """The segment ``text[offset]`` is in."""
        found = self._segment_at(offset)
        return found[0] if found else None

    def _segment_at(self, offset: int) -> tuple[Text, int] | None:
        separator = len(sentence_separator(self.lang))
        for text in self.segments:
            if offset <= len(text.plain):
                return text, offset
            offset -= len(text.plain) + separator
        return (self.segments[-1], len(self.segments[-1].plain)) if self.segments else None


@dataclass(frozen=True)
class Unit:
    """A bead: what the source says and what the translation says (either may be None)."""

    work: str
    #: The translation's language (for a finding's ``lang``).
    lang: str
    source: Side | None
    target: Side | None
    #: The aligner's confidence (0–1), where the bead has one.
    score: float | None = None
    #: The bead's review state; None for an entry of a translation file.
    state: BeadState | None = None


class _Sides:
    """Builds a document's sides, reading its file's lines once for columns."""

    def __init__(self, work: Work, path: Path, doc: Document, lang: str) -> None:
        from toolkit.store.work import relative

        self.shown = relative(work, path)
        self.file = FileLines(path)
        self.lang = lang
        self.where: dict[str, Text] = {}
        self.blocks: list[tuple[Block, Side]] = []
        for block in doc.blocks:
            texts = tuple(self._text(seg, block) for seg in block.segments)
            self.where.update((t.id, t) for t in texts if t.id is not None)
            if block.kind in TEXT_KINDS and texts:
                self.blocks.append((block, Side(lang, texts)))

    def _text(self, seg: Segment, block: Block) -> Text:
        start = self.file.text_start(seg, block)
        return Text.of(seg, Place(self.shown, seg.line, start + 1 if start is not None else 0))

    def side(self, ids: Sequence[str]) -> Side:
        return Side(self.lang, tuple(self.where[i] for i in ids if i in self.where))


def paragraphs(work: Work) -> Iterator[tuple[str | None, Side]]:
    """Every text block of the original (lang None) and of each translation, as a side."""
    if work.source is not None:
        sides = _Sides(work, work.paths.original_text, work.source, work.original.language)
        for _, side in sides.blocks:
            yield None, side
    for lang in sorted(work.translations):
        doc = work.translations[lang].document
        if doc is not None:
            for _, side in _Sides(work, work.paths.translation_text(lang), doc, lang).blocks:
                yield lang, side


def beads(work: Work) -> Iterator[Unit]:
    """Every bead of every aligned translation whose original is in the repository."""
    if work.source is None:
        return
    source = _Sides(work, work.paths.original_text, work.source, work.original.language)
    for lang in sorted(work.translations):
        tr = work.translations[lang]
        if tr.document is None or tr.alignment is None:
            continue
        target = _Sides(work, work.paths.translation_text(lang), tr.document, lang)
        yield from _units(work.id, lang, tr.alignment, source, target)


def review_units(work: Work) -> Iterator[Unit]:
    """What a review shows of a work, bead by bead: each aligned translation's beads; a
    translation not aligned (or with no original in the repository) paragraph by
    paragraph, as beads with only a target side."""
    aligned = {unit.lang for unit in beads(work)}
    yield from beads(work)
    for lang, side in paragraphs(work):
        if lang is not None and lang not in aligned:
            yield Unit(work.id, lang, None, side)


def _units(
    work: str, lang: str, alignment: Alignment, source: _Sides, target: _Sides
) -> Iterator[Unit]:
    for bead in alignment.beads:
        src = source.side(bead.source) if bead.source else None
        tgt = target.side(bead.target) if bead.target else None
        yield Unit(work, lang, src, tgt, bead.score, bead.state)
