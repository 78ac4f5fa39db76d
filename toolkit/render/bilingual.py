"""The bilingual editions' text: the original and its translation, row by row.

``pairing.pair_rows`` turns the alignment into rows; this module sets them as Pandoc
blocks, in one of two layouts:

- *parallel*: each row a ``div.pair`` holding two ``div.side`` (the original, then the
  translation), consecutive pairs gathered in a ``div.parallel`` that a heading, a
  figure or a code block closes. The stylesheets make one ``div.parallel`` one table with
  a row per pair in the PDF (a row splits across pages with both columns going on), a
  small table per pair in EPUB, and a grid per pair on the web that stacks on a narrow
  screen (``assets/bilingual.css``);
- *interleaved*: each row the first language's text, then the other's (``secondary``,
  styled as the work's build.yaml says).

A heading is one heading in both languages (a line break between them, and a PDF
bookmark label ``original / translation``); a figure shows its image once with both
captions. Every side carries its language (``lang``); each side's footnotes keep
theirs where Pandoc sets them, away from the reference.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from toolkit.model import Alignment, BlockKind, Document, Segment
from toolkit.render.ast import Builder, Json, TranslatorNotes, attr, text_inlines
from toolkit.render.pairing import Piece, Row, RowKind, pair_rows
from toolkit.store.inline import parse_inline, plain_text

__all__ = [
    "Bilingual",
    "Images",
    "Interleaved",
    "Layout",
    "Parallel",
    "Remarks",
    "bilingual_blocks",
]


class _Settings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Parallel(_Settings):
    """The parallel edition's settings (``parallel:`` in build.yaml)."""

    #: A row the translator left out on purpose (an ``omitted`` bead) says so on the
    #: translation's side; otherwise that side is left empty.
    mark_omitted: bool = False


class First(StrEnum):
    ORIGINAL = "original"
    TRANSLATION = "translation"


class Secondary(StrEnum):
    """How the interleaved edition sets the language that comes second."""

    #: A lighter colour.
    MUTED = "muted"
    #: A smaller size.
    SMALLER = "smaller"
    #: As the first.
    PLAIN = "plain"


class Interleaved(_Settings):
    """The interleaved edition's settings (``interleaved:`` in build.yaml)."""

    #: Which text of each row comes first.
    first: First = First.ORIGINAL
    #: How the other is set.
    secondary: Secondary = Secondary.MUTED


DEFAULT_PARALLEL = Parallel()
DEFAULT_INTERLEAVED = Interleaved()
#: A table of this many columns or more is set full width in the parallel edition, the
#: original's above the translation's: in half a page its columns would be a word wide.
WIDE_TABLE = 3


class Layout(StrEnum):
    PARALLEL = "parallel"
    INTERLEAVED = "interleaved"


@dataclass(frozen=True)
class Bilingual:
    """What a bilingual edition sets together: both texts, their languages, the beads."""

    source: Document
    source_lang: str
    target: Document
    target_lang: str
    alignment: Alignment
    layout: Layout
    parallel: Parallel = DEFAULT_PARALLEL
    interleaved: Interleaved = DEFAULT_INTERLEAVED

    def rows(self) -> list[Row]:
        return pair_rows(self.source, self.target, self.alignment)


@dataclass(frozen=True)
class Remarks:
    """What the edition says, in its reader's language, of a passage left out (when the
    work asks for it) and of one the translator added (always)."""

    omitted: str = "Left out of the translation."
    added: str = "Added by the translator."
    #: What marks a note of the translator's own (a footnote a 0-1 bead names).
    translator_note: str = "Translator’s note: "


@dataclass(frozen=True)
class Images:
    """Each text's figures: a path as written in that text to the file to use."""

    source: dict[str, str]
    target: dict[str, str]


def bilingual_blocks(
    texts: Bilingual, images: Images, remarks: Remarks | None = None
) -> list[Json]:
    """The body of a bilingual edition; ``remarks`` are what it says of omissions and
    additions (in the edition's language)."""
    setter = _Setter(texts, images, remarks or Remarks())
    out: list[Json] = []
    run: list[Json] | None = None  # the pairs of the current div.parallel
    for row in texts.rows():
        if row.kind is RowKind.TEXT:
            if texts.layout is Layout.INTERLEAVED:
                out.append(setter.interleaved(row))
                continue
            if _wide(row):
                run = None
                out.append(setter.pair(row, "stacked"))
                continue
            if run is None:
                run = []
                out.append({"t": "Div", "c": [attr("", ["parallel"]), run]})
            run.append(setter.pair(row))
            continue
        run = None
        out += setter.full_width(row)
    return out + setter.source.unplaced_notes() + setter.target.unplaced_notes()


def _wide(row: Row) -> bool:
    """Does the row hold a table too wide to share the page with its translation?"""
    return any(
        p.block.kind is BlockKind.TABLE
        and p.block.table is not None
        and p.block.table.columns >= WIDE_TABLE
        for p in row.source + row.target
    )


class _Setter:
    def __init__(self, texts: Bilingual, images: Images, remarks: Remarks) -> None:
        self.texts = texts
        self.source = Builder(texts.source, texts.source_lang, images.source, texts.source_lang)
        own = TranslatorNotes.of(texts.alignment, remarks.translator_note)
        self.target = Builder(
            texts.target, texts.target_lang, images.target, texts.target_lang, own
        )
        self.images = images.source  # a figure's row shows the original's image
        self.remarks = remarks

    def _side(self, pieces: tuple[Piece, ...], builder: Builder) -> list[Json]:
        return [b for piece in pieces for b in builder.piece(piece.block, piece.segments)]

    def _classes(self, row: Row, *more: str) -> list[str]:
        classes = ["pair", *more]
        if row.opens:
            classes.append("opens")
        kinds = {p.block.kind for p in row.source + row.target}
        if BlockKind.TABLE in kinds:
            classes.append("whole")  # a table: the row is not split across pages
        elif kinds == {BlockKind.LIST_ITEM}:
            classes.append("item")
        if row.omitted:
            classes.append("omitted")
        if row.added:
            classes.append("added")
        if row.state is None:
            classes.append("unaligned")  # segments no bead names (toolkit check lists them)
        return classes

    def pair(self, row: Row, *more: str) -> Json:
        """The row's two sides, side by side (``stacked``: one above the other)."""
        texts = self.texts
        original = self._side(row.source, self.source)
        translation = self._side(row.target, self.target)
        if not translation and row.omitted and texts.parallel.mark_omitted:
            translation = [_remark("omission", self.remarks.omitted)]
        if row.added:  # the original's side says whose the passage is
            original = [_remark("addition", self.remarks.added)]
        sides = [
            _div(["side", "original"], original, texts.source_lang),
            _div(["side", "translation"], translation, texts.target_lang),
        ]
        return _div(self._classes(row, *more), sides)

    def interleaved(self, row: Row) -> Json:
        texts = self.texts
        original = (self._side(row.source, self.source), texts.source_lang)
        translation = (self._side(row.target, self.target), texts.target_lang)
        first, second = original, translation
        if texts.interleaved.first is First.TRANSLATION:
            first, second = translation, original
        parts = []
        if first[0]:
            parts.append(_div(["primary"], first[0], first[1]))
        if second[0]:
            style = texts.interleaved.secondary.value
            parts.append(_div(["secondary", style], second[0], second[1]))
        if row.added:  # whose the passage is, before it
            parts.insert(0, _remark("addition", self.remarks.added))
        return _div(self._classes(row, "interleaved"), parts)

    def full_width(self, row: Row) -> list[Json]:
        if row.kind is RowKind.HEADING:
            return [self._heading(row)]
        if row.kind is RowKind.FIGURE:
            return [self._figure(row)]
        blocks = [self.source.block(p.block) for p in row.source]
        return blocks + [self.target.block(p.block) for p in row.target]

    def _heading(self, row: Row) -> Json:
        """One heading in both languages, the first side's ID on the heading itself."""
        texts = self.texts
        level = min(next(p.block.level for p in row.source + row.target if p.block.level), 5)
        sides: list[Json] = []
        labels: list[str] = []
        for pieces, builder, lang in (
            (row.source, self.source, texts.source_lang),
            (row.target, self.target, texts.target_lang),
        ):
            segments = [s for p in pieces for s in p.segments]
            if not segments:
                continue
            if sides:
                sides.append({"t": "LineBreak"})
            sides.append(_span(["heading-side"], builder.segments(tuple(segments)), lang))
            labels.append(" ".join(_plain(s) for s in segments))
        ident = _take_first_id(sides)
        # The heading speaks its first side's language (its ID is that side's element).
        lang = texts.source_lang if row.source else texts.target_lang
        bookmark = " / ".join(labels)
        header_attr = attr(ident, ["bilingual"], lang=lang, data_bookmark=bookmark)
        return {"t": "Header", "c": [level + 1, header_attr, sides]}

    def _figure(self, row: Row) -> Json:
        """The image once, as the original shows it, with both captions."""
        texts = self.texts
        block = row.source[0].block
        caption: list[Json] = []
        for pieces, builder, lang in (
            (row.source, self.source, texts.source_lang),
            (row.target, self.target, texts.target_lang),
        ):
            segments = tuple(s for p in pieces for s in p.segments)
            if segments:
                if caption:
                    caption.append({"t": "LineBreak"})
                caption.append(_span([], builder.segments(segments), lang))
        ident = _take_first_id(caption)
        alt = list(caption)
        if block.credit:
            credit = _span(["credit"], text_inlines(block.credit))
            caption += [{"t": "LineBreak"}, credit]
        src = self.images.get(block.src, block.src)
        image = {"t": "Image", "c": [attr(), alt, [src, ""]]}
        return {
            "t": "Figure",
            "c": [
                attr(ident),
                [None, [{"t": "Plain", "c": caption}]],
                [{"t": "Plain", "c": [image]}],
            ],
        }


def _remark(kind: str, text: str) -> Json:
    """A remark of the edition's own (in its reader's language, the document's)."""
    return {"t": "Para", "c": [{"t": "Span", "c": [attr("", [kind]), text_inlines(text)]}]}


def _plain(segment: Segment) -> str:
    return plain_text(parse_inline(segment.text))


def _div(classes: list[str], blocks: list[Json], lang: str | None = None) -> Json:
    kv = {"lang": lang} if lang else {}
    return {"t": "Div", "c": [attr("", classes, **kv), blocks]}


def _span(classes: list[str], inlines: list[Json], lang: str | None = None) -> Json:
    kv = {"lang": lang} if lang else {}
    return {"t": "Span", "c": [attr("", classes, **kv), inlines]}


def _take_first_id(inlines: list[Json]) -> str:
    """The first element ID found in ``inlines`` (depth first), taken off its span so that
    the enclosing element can carry it (a heading's ID is the heading's, for the table of
    contents and the links that name it)."""
    for node in inlines:
        if node.get("t") != "Span":
            continue
        ident_attr = node["c"][0]
        if ident_attr[0]:
            ident: str = ident_attr[0]
            ident_attr[0] = ""
            return ident
        found = _take_first_id(node["c"][1])
        if found:
            return found
    return ""
