"""Turn an edition into a Pandoc document (the JSON AST), exactly, with no Markdown re-parsing.

Every segment becomes a span (a heading, for a heading's segment) with an ID
``<prefix>-<segment id>``, so that later editions can put two languages side
by side and link a sentence to its translation. The edition's language is set
on the whole document; credit runs in another script carry their own ``lang``.

A link becomes a link only when its address is safe (``toolkit.store.links``); any other
(``javascript:``, ``data:``, a relative path) is set as its words alone, so that no
edition carries an address that runs code or points outside the book. A ``#`` link
names a segment of the same file: ``#t1`` becomes ``#<prefix>-t1``, the element the
segment is; one naming no segment is set as its words too (``anchor_target``), so that no
edition links to nothing. ``check`` reports each (``unsafe-link``, ``anchor-unknown``)
and ``build`` refuses them, so this is the last defence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from toolkit.check.safety import anchor_target
from toolkit.metadata import sentence_separator
from toolkit.model import (
    Alignment,
    Block,
    BlockKind,
    Code,
    Document,
    Emph,
    Inline,
    Link,
    NoteRef,
    Segment,
    Strong,
    Text,
)
from toolkit.store.inline import parse_inline
from toolkit.store.links import is_safe_url

if TYPE_CHECKING:  # credits reads editions, whose bilingual texts are set here
    from toolkit.render.credits import Credits, Line

Json = dict[str, Any]
#: The Pandoc AST version this module writes (Pandoc 3.x).
API_VERSION = [1, 23, 1]


def attr(ident: str = "", classes: Iterable[str] = (), **kv: str) -> list[Any]:
    return [ident, list(classes), [[k.replace("_", "-"), v] for k, v in kv.items()]]


def _lang_attr(ident: str = "", classes: Iterable[str] = (), lang: str | None = None) -> list[Any]:
    return attr(ident, classes, **({"lang": lang} if lang else {}))


#: Marks that must not start a line, which WeasyPrint lets start one (the middle dots of
#: names, 約翰·史密斯, and the wave dash of ranges, 3～5): a WORD JOINER (U+2060, no width,
#: no glyph to draw) before each binds it to the character before it (clreq §3.1.7).
WORD_JOINER = "\u2060"
_NOT_AT_LINE_START = re.compile("(?<=[^\\s\u2060])([\u00b7\u30fb\uff5e])")


#: Where Han characters meet Latin letters or digits, with or without a space between
#: (clreq §3.2.2): a quarter-em space goes there, as layout (``HAN_LATIN``).
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_LATIN = "A-Za-z0-9\u00c0-\u024f"
_HAN_LATIN = re.compile(f"(?<=[{_HAN}]) ?(?=[{_LATIN}])|(?<=[{_LATIN}]) ?(?=[{_HAN}])")
#: The class of the space set between Han and Latin: a normal space, so that it is a line
#: break opportunity and vanishes at a line's start or end, sized to a quarter em by the
#: edition's stylesheet (the CJK face's own space, its width adjusted by word-spacing).
HAN_LATIN = "han-latin"


def text_inlines(text: str, *, autospace: bool = False) -> list[Json]:
    """A string as Str and Space nodes (line breaks never occur in a segment), with a word
    joiner before each mark that must not start a line. ``autospace`` (Chinese text): a
    quarter-em space between Han characters and Latin letters or digits, whether the
    text has a space there or not (never in the store: only here, as layout)."""
    text = _NOT_AT_LINE_START.sub(WORD_JOINER + r"\1", text)
    if not autospace:
        return _words(text)
    out: list[Json] = []
    for i, chunk in enumerate(_HAN_LATIN.split(text)):
        if i:
            out.append({"t": "Span", "c": [attr("", [HAN_LATIN]), [{"t": "Space"}]]})
        out += _words(chunk)
    return out


def _words(text: str) -> list[Json]:
    out: list[Json] = []
    for i, word in enumerate(text.split(" ")):
        if i:
            out.append({"t": "Space"})
        if word:
            out.append({"t": "Str", "c": word})
    return out


@dataclass(frozen=True)
class TranslatorNotes:
    """A translation's own notes (譯註): the footnotes whose segments the translator added
    (0-1 beads name them), and the words that mark each (``Translator’s note:``)."""

    ids: frozenset[str]
    label: str

    @classmethod
    def of(cls, alignment: Alignment | None, label: str) -> TranslatorNotes:
        added = (
            t
            for bead in (alignment.beads if alignment else ())
            if not bead.source
            for t in bead.target
        )
        return cls(frozenset(added), label)


def document_blocks(
    doc: Document,
    id_prefix: str,
    images: Mapping[str, str] | None = None,
    translator_notes: TranslatorNotes | None = None,
) -> list[Json]:
    """The blocks of a document; each footnote is placed at its first reference.

    ``images`` maps a figure's path as written to the file the output should use.
    Nothing is dropped: a footnote no reference reaches (or a second note with the
    same label) is set as a paragraph at the end, after its label; a reference that
    cannot become a note (undefined, repeated, or inside a note) stays as written.
    ``toolkit check`` reports each of these. A translation's own notes are marked as the
    translator's (``translator_notes``).
    """
    builder = Builder(doc, id_prefix, images, translator_notes=translator_notes)
    out: list[Json] = []
    quote: list[Json] | None = None
    items: list[Block] = []  # the list being gathered
    for block in doc.blocks:
        if block.kind is BlockKind.FOOTNOTE:
            continue
        if items and (block.kind is not BlockKind.LIST_ITEM or block.blank_before):
            out += builder.lists(items)
            items = []
        if block.kind is BlockKind.LIST_ITEM:
            items.append(block)
            continue
        if block.kind is BlockKind.QUOTE:
            para = {"t": "Para", "c": builder.segments(block.segments)}
            if block.continues and quote is not None:
                quote.append(para)
            else:
                quote = [para]
                out.append({"t": "BlockQuote", "c": quote})
            continue
        quote = None
        out.append(builder.block(block))
    out += builder.lists(items)
    return out + builder.unplaced_notes()


#: Blocks whose segments are running text, which a bilingual row may cut between segments.
_TEXT_BLOCKS = frozenset(
    {
        BlockKind.PARAGRAPH,
        BlockKind.QUOTE,
        BlockKind.LIST_ITEM,
        BlockKind.HEADING,
        BlockKind.FOOTNOTE,
    }
)


class Builder:
    """Pandoc blocks and inlines for one document's text.

    ``prefix`` starts every element ID (``<prefix>-<segment id>``) and says the text's
    language; ``note_lang``, when given, is set on each footnote's text, which Pandoc
    places away from its reference (a bilingual edition's notes in both languages).
    """

    def __init__(
        self,
        doc: Document,
        prefix: str,
        images: Mapping[str, str] | None = None,
        note_lang: str | None = None,
        translator_notes: TranslatorNotes | None = None,
    ) -> None:
        self.doc = doc
        self.translator_notes = translator_notes
        self.prefix = prefix
        self.ids = frozenset(doc.segment_ids())  # the segment IDs # links may name
        self.notes: dict[str, Block] = {}
        for block in doc.blocks:
            if block.kind is BlockKind.FOOTNOTE:
                self.notes.setdefault(block.label, block)
        self.images = images or {}
        self.separator = sentence_separator(prefix)
        self.autospace = prefix.split("-")[0].lower() == "zh"  # Chinese text: Han–Latin space
        self.note_lang = note_lang
        self.placed: dict[str, Block] = {}  # footnotes already set at a reference
        self.in_note = False

    def unplaced_notes(self) -> list[Json]:
        """Each footnote no reference reached (or a second with the same label), as a
        paragraph after its label: nothing is dropped."""
        out = []
        for block in self.doc.blocks:
            if block.kind is BlockKind.FOOTNOTE and self.placed.get(block.label) is not block:
                label = [{"t": "Str", "c": f"[{block.label}]"}, {"t": "Space"}]
                content = label + self.segments(block.segments)
                para = [{"t": "Para", "c": content}]
                out.append(
                    {"t": "Div", "c": [_lang_attr("", ["unplaced-note"], self.note_lang), para]}
                )
        return out

    def block(self, block: Block) -> Json:
        kind = block.kind
        if kind is BlockKind.HEADING:
            # The heading carries its segment's ID (in EPUB, Pandoc moves it to the section).
            seg = block.segments[0]
            content = self.inlines(parse_inline(seg.text))
            # The edition's title is the only level 1; HTML has six levels.
            level = min(block.level + 1, 6)
            return {"t": "Header", "c": [level, attr(self._id(seg)), content]}
        if kind is BlockKind.RULE:
            return {"t": "HorizontalRule"}
        if kind is BlockKind.FIGURE:
            seg = block.segments[0]
            caption = self.inlines(parse_inline(seg.text))
            src = self.images.get(block.src, block.src)
            image = {"t": "Image", "c": [attr(), caption, [src, ""]]}
            body = [*caption]
            if block.credit:
                body += [{"t": "LineBreak"}, _span("", ["credit"], text_inlines(block.credit))]
            return {
                "t": "Figure",
                "c": [
                    attr(self._id(seg)),
                    [None, [{"t": "Plain", "c": body}]],
                    [{"t": "Plain", "c": [image]}],
                ],
            }
        if kind is BlockKind.TABLE:
            return self.table(block)
        if kind is BlockKind.CODE:
            assert block.code is not None
            info = block.code.info.split()
            return {"t": "CodeBlock", "c": [attr("", info[:1]), block.code.text]}
        return {"t": "Para", "c": self.segments(block.segments)}

    def piece(self, block: Block, segments: tuple[Segment, ...]) -> list[Json]:
        """The blocks for some of ``block``'s segments (a bilingual edition's row shows a
        paragraph sentence by sentence): a paragraph or quotation of those segments, a
        list item (its marker only where the item starts), or the block entire when
        ``segments`` are all of it and it is not text of its own (a table, a figure)."""
        kind = block.kind
        if kind not in _TEXT_BLOCKS:
            return [self.block(block)]
        content = self.segments(segments)  # once: it places the footnotes it refers to
        if kind is BlockKind.QUOTE:
            return [{"t": "BlockQuote", "c": [{"t": "Para", "c": content}]}]
        if kind is BlockKind.LIST_ITEM:
            depth = [f"list-depth-{_depth(block)}"] if _depth(block) else []
            if segments[:1] != block.segments[:1]:  # the rest of an item: no second marker
                return [{"t": "Div", "c": [attr("", ["list-continues", *depth]), [_para(content)]]}]
            entry = [[{"t": "Plain", "c": content}]]
            number = _number(block)
            if number is None:
                listed: Json = {"t": "BulletList", "c": entry}
            else:
                listed = {
                    "t": "OrderedList",
                    "c": [[number, {"t": "Decimal"}, {"t": "Period"}], entry],
                }
            return [{"t": "Div", "c": [attr("", depth), [listed]]}] if depth else [listed]
        return [_para(content)]

    def segments(self, segments: tuple[Segment, ...]) -> list[Json]:
        out: list[Json] = []
        for i, seg in enumerate(segments):
            if i and self.separator and segments[i - 1].text and seg.text:
                out.append({"t": "Space"})
            out.append(_span(self._id(seg), ["seg"], self.inlines(parse_inline(seg.text))))
        return out

    def lists(self, items: list[Block]) -> list[Json]:
        """A run of list items as Pandoc lists, nested by depth; a change between bullets
        and numbers at one depth starts a new list."""
        out: list[Json] = []
        i = 0
        while i < len(items):
            depth = _depth(items[i])
            start = _number(items[i])
            ordered = start is not None
            entries: list[list[Json]] = []
            while i < len(items) and _depth(items[i]) >= depth:
                if _depth(items[i]) == depth and (_number(items[i]) is not None) != ordered:
                    break
                head = items[i]
                end = i + 1
                while end < len(items) and _depth(items[end]) > depth:
                    end += 1
                content: list[Json] = [{"t": "Plain", "c": self.segments(head.segments)}]
                entries.append(content + self.lists(items[i + 1 : end]))
                i = end
            if ordered:
                style = [start, {"t": "Decimal"}, {"t": "Period"}]
                out.append({"t": "OrderedList", "c": [style, entries]})
            else:
                out.append({"t": "BulletList", "c": entries})
        return out

    def table(self, block: Block) -> Json:
        """A simple table: one cell per segment, the first row a header row if marked."""
        shape = block.table
        assert shape is not None
        cells = [
            [attr(), {"t": "AlignDefault"}, 1, 1, [{"t": "Plain", "c": self.segments((seg,))}]]
            for seg in block.segments
        ]
        rows = [
            [attr(), cells[start : start + shape.columns]]
            for start in range(0, len(cells), shape.columns)
        ]
        head, body = (rows[:1], rows[1:]) if shape.header else ([], rows)
        colspecs = [[{"t": "AlignDefault"}, {"t": "ColWidthDefault"}]] * shape.columns
        return {
            "t": "Table",
            "c": [
                attr(),
                [None, []],
                colspecs,
                [attr(), head],
                [[attr(), 0, [], body]],
                [attr(), []],
            ],
        }

    def inlines(self, nodes: tuple[Inline, ...]) -> list[Json]:
        out: list[Json] = []
        for node in nodes:
            if isinstance(node, Text):
                out += text_inlines(node.text, autospace=self.autospace)
            elif isinstance(node, Emph):
                out.append({"t": "Emph", "c": self.inlines(node.children)})
            elif isinstance(node, Strong):
                out.append({"t": "Strong", "c": self.inlines(node.children)})
            elif isinstance(node, Code):
                out.append({"t": "Code", "c": [attr(), node.text]})
            elif isinstance(node, Link):
                words = self.inlines(node.children)
                url = self._address(node.url)
                if url is not None:
                    out.append({"t": "Link", "c": [attr(), words, [url, ""]]})
                else:
                    out += words
            elif isinstance(node, NoteRef):
                out.append(self._note(node.label))
        return out

    def _note(self, label: str) -> Json:
        block = self.notes.get(label)
        if block is None or label in self.placed or self.in_note:
            return {"t": "Str", "c": f"[^{label}]"}
        self.placed[label] = block
        self.in_note = True
        try:
            content = self.segments(block.segments)
        finally:
            self.in_note = False
        mark = self.translator_notes
        ids = [s.id for s in block.segments]
        if mark is not None and ids and all(i in mark.ids for i in ids):
            content = [_span("", ["translator-note"], text_inlines(mark.label)), *content]
        if self.note_lang:
            content = [_span("", [], content, self.note_lang)]
        return {"t": "Note", "c": [{"t": "Para", "c": content}]}

    def _address(self, url: str) -> str | None:
        """A link's address in the edition, or None when it may not be a link there."""
        if not is_safe_url(url):
            return None
        if url.startswith("#"):
            target = anchor_target(url[1:], self.prefix, self.ids)
            return None if target is None else f"#{target}"
        return url

    def _id(self, seg: Segment) -> str:
        return f"{self.prefix}-{seg.id}" if seg.id else ""


def _para(content: list[Json]) -> Json:
    return {"t": "Para", "c": content}


def _span(ident: str, classes: list[str], content: list[Json], lang: str | None = None) -> Json:
    return {"t": "Span", "c": [_lang_attr(ident, classes, lang), content]}


def _depth(block: Block) -> int:
    return block.item.depth if block.item else 0


def _number(block: Block) -> int | None:
    return block.item.number if block.item else None


def line_inlines(line: Line) -> list[Json]:
    """Credit runs as inlines; a run in another language is a span with its lang."""
    out: list[Json] = []
    for run in line:
        content = text_inlines(run.text)
        if run.url and is_safe_url(run.url):
            content = [{"t": "Link", "c": [attr(), content, [run.url, ""]]}]
        if run.lang:
            out.append(_span("", [], content, run.lang))
        else:
            out.extend(content)
    return out


def credit_blocks(credits: Credits) -> tuple[list[Json], list[Json]]:
    """The title page and the colophon, as blocks.

    Each starts with a top-level heading followed by a div, so that Pandoc's EPUB
    writer makes each its own file; the title page stays out of the table of
    contents (``unlisted``).
    """
    heading_attr = attr("title-page-heading", ["title", "unnumbered", "unlisted"])
    byline = [{"t": "Para", "c": line_inlines(line)} for line in credits.title_page]
    title_page: list[Json] = [
        {"t": "Header", "c": [1, heading_attr, line_inlines(credits.title)]},
        {"t": "Div", "c": [attr("title-page", ["title-page"]), byline]},
    ]
    colophon: list[Json] = []
    for section in credits.colophon:
        colophon.append(
            {"t": "Header", "c": [2, attr("", ["unnumbered"]), text_inlines(section.heading)]}
        )
        items = [e for e in section.entries if e.label]
        if items:
            colophon.append(
                {
                    "t": "DefinitionList",
                    "c": [
                        [text_inlines(e.label), [[{"t": "Plain", "c": line_inlines(e.value)}]]]
                        for e in items
                    ],
                }
            )
        colophon += [
            {"t": "Para", "c": line_inlines(e.value)} for e in section.entries if not e.label
        ]
    heading = text_inlines(credits.colophon_heading)
    return title_page, [
        {"t": "Header", "c": [1, attr("colophon-heading", ["unnumbered"]), heading]},
        {"t": "Div", "c": [attr("colophon", ["colophon"]), colophon]},
    ]


def mark_title_page(blocks: list[Json]) -> list[Json]:
    """For EPUB: the title page's heading marks its section as front matter (``epub:type``).

    Only EPUB's XHTML allows the attribute; the HTML edition must not carry it.
    """
    out = []
    for block in blocks:
        if block["t"] == "Header" and block["c"][1][0] == "title-page-heading":
            level, (ident, classes, kv), content = block["c"]
            block = {
                "t": "Header",
                "c": [level, [ident, classes, [*kv, ["epub:type", "titlepage"]]], content],
            }
        out.append(block)
    return out


def meta_string(value: str) -> Json:
    return {"t": "MetaString", "c": value}


def meta_value(value: object) -> Json:
    """Python data as Pandoc metadata: strings stay literal (never read as Markdown)."""
    if isinstance(value, bool):
        return {"t": "MetaBool", "c": value}
    if isinstance(value, str):
        return meta_string(value)
    if isinstance(value, list):
        return {"t": "MetaList", "c": [meta_value(v) for v in value]}
    if isinstance(value, dict):
        return {"t": "MetaMap", "c": {k: meta_value(v) for k, v in value.items()}}
    raise TypeError(f"no Pandoc metadata for {type(value).__name__}")


def pandoc_document(meta: dict[str, object], blocks: list[Json]) -> Json:
    return {
        "pandoc-api-version": API_VERSION,
        "meta": {k: meta_value(v) for k, v in meta.items()},
        "blocks": blocks,
    }
