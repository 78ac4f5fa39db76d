"""Pandoc's blocks as the store's blocks, one segment per paragraph, heading, list-item
paragraph, table cell, caption and footnote paragraph; what is not text is set aside.

- ``Header``: a heading (levels are shifted at the end so the shallowest is 1); the first
  one, before any text, that repeats the metadata's title is set aside instead;
- ``Para``, ``Plain``, ``LineBlock``: a paragraph (a line block: a segment per line);
- ``BlockQuote``: quote blocks, a paragraph each, joined by ``continues``;
- ``BulletList``, ``OrderedList``: list items (an item's paragraphs are its segments,
  nested lists one level deeper, numbers from the list's start); code, tables and images
  inside an item follow the top-level item, since the store's list items hold only lines;
- ``Table``: a simple table (``pandoc_tables``), its caption a paragraph after it;
- ``CodeBlock``: code; ``HorizontalRule``: a rule; ``Figure`` and an image alone in its
  paragraph: a figure when the image can be brought in (``pandoc_images``), else the
  caption stays as a paragraph and the image's address is set aside;
- ``Div``: its content, or a marker the web page cleaner left; ``RawBlock``: set aside
  when it would show text; a ``Note``: a footnote block after the top-level block that
  refers to it, numbered 1, 2, … in order.

A paragraph that is only an image credit goes with the figure right above it, else to the
metadata (:class:`CreditLine`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from toolkit.importing.imported import ReadContext
from toolkit.importing.pandoc_events import CreditLine, Event, Piece, SetAside
from toolkit.importing.pandoc_images import Fetched, Images
from toolkit.importing.pandoc_inlines import (
    Node,
    attributes,
    convert,
    finish,
    markup,
    raw_lines,
    shown_address,
    stringify,
    tooltip,
)
from toolkit.importing.pandoc_nodes import (
    code_text,
    credit_of,
    figure_like,
    finish_events,
    holds,
    images_in,
    joined,
    lone_image,
    note_bodies,
    without_images,
)
from toolkit.importing.pandoc_tables import table_grid
from toolkit.importing.recognise import credit_line, same_title
from toolkit.model import Block, BlockKind, Inline, ListItem, NoteRef, Segment, TableShape
from toolkit.store.importrecord import Reason

#: Blocks a list item or a quote cannot hold as lines: they stand after it.
_STRUCTURAL = frozenset({"CodeBlock", "Table", "Figure", "HorizontalRule"})
#: The store's list numbers are 0 to 999999999.
_MAX_NUMBER = 10**9 - 1


class Mapper:
    """Maps one document's blocks to events (blocks and pieces), in order."""

    def __init__(
        self, context: ReadContext, images: Images, markers: Mapping[str, Piece] | None = None
    ) -> None:
        self.context = context
        self.images = images
        self.events: list[Event] = []
        #: The web page cleaner's markers and wrapped footnotes count only in a page.
        self._page = markers is not None
        self._markers = dict(markers or {})
        self._used: set[str] = set()
        self._note_bodies: dict[str, list[Node]] = {}
        self._notes_used: set[str] = set()
        self._pending: list[Block] = []
        self._note_count = 0
        self._body_started = False
        self._title_done = False

    @property
    def lang(self) -> str:
        return self.context.lang

    def run(self, blocks: list[Node]) -> list[Event]:
        """The events of ``blocks``: what the cleaner set aside but Pandoc dropped, and notes
        no link led to, come at the end, so nothing is lost."""
        if self._page:
            note_bodies(blocks, self._note_bodies)
        self._sequence(blocks, top=True)
        for key, piece in self._markers.items():
            if key not in self._used:
                self.events.append(piece)
        for key, body in self._note_bodies.items():
            if key not in self._notes_used:
                self._sequence(body, top=True)
        self._flush_notes()
        return finish_events(self.events)

    # --- the Host protocol of pandoc_inlines ------------------------------------------------

    def note(self, blocks: list[Node]) -> str:
        self._note_count += 1
        label = str(self._note_count)
        segments = self._segments(self._paragraphs(blocks)) or [Segment(None, "")]
        self._pending.append(Block(BlockKind.FOOTNOTE, tuple(segments), label=label))
        return label

    def span_marker(self, attrs: dict[str, str]) -> list[Inline] | None:
        if self._marker(attrs):
            return []
        key = attrs.get("toolkit-note")
        if key is not None and key in self._note_bodies and key not in self._notes_used:
            self._notes_used.add(key)
            return [NoteRef(self.note(self._note_bodies[key]))]
        return None

    def set_aside(self, piece: SetAside) -> None:
        self.events.append(piece)

    # --- blocks ------------------------------------------------------------------------------

    def _sequence(self, blocks: list[Node], top: bool) -> None:
        i = 0
        while i < len(blocks):
            node, credit = blocks[i], ""
            if i + 1 < len(blocks) and figure_like(node):
                credit = credit_of(blocks[i + 1])
                i += 1 if credit else 0
            self._block(node, top, credit)
            if top:
                self._flush_notes()
            i += 1

    def _block(self, node: Node, top: bool, credit: str = "") -> None:
        kind: str = node["t"]
        c: Any = node.get("c")
        if kind in ("Para", "Plain"):
            self._paragraph(c, credit)
        elif kind == "LineBlock":
            self._emit_text(BlockKind.PARAGRAPH, self._segments(c))
        elif kind == "Header":
            self._heading(c)
        elif kind == "BlockQuote":
            self._quote(c)
        elif kind == "BulletList":
            self._list(None, c, 0, [])
        elif kind == "OrderedList":
            self._list(int(c[0][0]), c[1], 0, [])
        elif kind == "DefinitionList":
            for term, definitions in c:
                self._emit_text(BlockKind.PARAGRAPH, self._segments([term]))
                for definition in definitions:
                    self._sequence(definition, top=False)
        elif kind == "CodeBlock":
            self._emit(Block(BlockKind.CODE, code=code_text(c[0], c[1])))
        elif kind == "Table":
            self._table(c)
        elif kind == "Figure":
            self._figure(c, credit)
        elif kind == "HorizontalRule":
            self._emit(Block(BlockKind.RULE))
        elif kind == "RawBlock":
            self._raw(c[0], c[1])
        elif kind == "Div" and not self._marker(attributes(c[0])) and not self._note_body(c):
            self._sequence(c[1], top)

    def _paragraph(self, inlines: list[Node], credit: str) -> None:
        image = lone_image(inlines)
        if image is not None:
            self._image(image, None, credit)
            return
        text = stringify(inlines)
        if credit_line(text) and not holds(inlines, ("Image", "Note")):
            self.events.append(CreditLine("p (image credit)", text))
            return
        self._emit_text(BlockKind.PARAGRAPH, self._segments([inlines]))

    def _heading(self, c: list[Any]) -> None:
        level, _, inlines = c
        text = stringify(inlines)
        if not self._body_started and not self._title_done and same_title(text, self.context.title):
            self._title_done = True
            self.events.append(SetAside(f"h{level}", Reason.TITLE, (text,)))
            return
        segments = self._segments([inlines])
        if segments:
            self._emit(Block(BlockKind.HEADING, (segments[0],), level=int(level)))

    def _quote(self, blocks: list[Node]) -> None:
        continuing = False
        for node in blocks:
            if node["t"] in _STRUCTURAL or figure_like(node):
                self._block(node, top=False)
                continuing = False
                continue
            for segment in self._segments(self._paragraphs([node])):
                blank = 0 if continuing else 1
                quote = Block(BlockKind.QUOTE, (segment,), continues=continuing, blank_before=blank)
                self._emit(quote)
                continuing = True

    def _list(self, start: int | None, items: list[Any], depth: int, later: list[Node]) -> None:
        """A list's items; ``later`` holds blocks that follow the top-level item."""
        broken = False
        for k, blocks in enumerate(items):
            number = None if start is None else max(0, min(start + k, _MAX_NUMBER))
            texts: list[list[Node]] = []
            nested: list[Node] = []
            for node in blocks:
                if node["t"] in ("BulletList", "OrderedList"):
                    nested.append(node)
                elif node["t"] in _STRUCTURAL or figure_like(node):
                    later.append(node)
                else:
                    texts += self._paragraphs([node])
            segments = self._segments(texts) or [Segment(None, "")]
            blank = 0 if depth or (k and not broken) else 1
            item = ListItem(number, depth)
            self._emit(Block(BlockKind.LIST_ITEM, tuple(segments), item=item, blank_before=blank))
            for sub in nested:
                if sub["t"] == "BulletList":
                    self._list(None, sub["c"], depth + 1, later)
                else:
                    self._list(int(sub["c"][0][0]), sub["c"][1], depth + 1, later)
            broken = depth == 0 and bool(later)
            if broken:
                for node in later:
                    self._block(node, top=False)
                later.clear()

    def _table(self, c: list[Any]) -> None:
        grid = table_grid(c)
        if grid.rows:
            cells = [
                self._segment(joined(self._paragraphs(list(cell)))) or Segment(None, "")
                for row in grid.rows
                for cell in row
            ]
            shape = TableShape(grid.columns, grid.header)
            self._emit(Block(BlockKind.TABLE, tuple(cells), table=shape))
            if grid.changes:
                self.events.append(SetAside("table", Reason.TABLE_FLATTENED, grid.changes))
        self._emit_text(BlockKind.PARAGRAPH, self._segments(self._paragraphs(c[1][1])))

    def _figure(self, c: list[Any], credit: str) -> None:
        caption = self._paragraphs(c[1][1])
        images: list[Node] = []
        rest: list[Node] = []
        for node in c[2]:
            found = images_in(node["c"]) if node["t"] in ("Para", "Plain") else []
            images += found
            text = without_images(node["c"]) if found else []
            if not found or stringify(text):
                rest.append({"t": "Para", "c": text} if found else node)
        if not images:
            self._emit_text(BlockKind.PARAGRAPH, self._segments(caption))
        for n, image in enumerate(images):
            self._image(
                image, joined(caption) if n == 0 and caption else None, credit if n == 0 else ""
            )
        for node in rest:
            self._block(node, top=False)

    def _image(self, image: Node, caption: list[Node] | None, credit: str) -> None:
        """A figure, or (when the image cannot be brought in) its caption as a paragraph,
        its credit to the metadata and its address set aside."""
        _, alt, (src, title) = image["c"]
        credit = attributes(image["c"][0]).get("toolkit-credit") or credit
        if not credit and credit_line(title):
            credit = title
        shown: list[Node] = caption if caption and stringify(caption) else alt
        if title and title != credit:
            tooltip(title, stringify(shown), "img", self)
        credit = " ".join(credit.split())
        got = self.images.fetch(src)
        if isinstance(got, Fetched):
            segment = self._segment(shown) or Segment(None, "")
            self._emit(Block(BlockKind.FIGURE, (segment,), src=got.path, credit=credit))
            return
        if shown is not alt:
            self._emit_text(BlockKind.PARAGRAPH, self._segments([shown]))
        if credit:
            self.events.append(CreditLine("img (image credit)", credit))
        alt_text = stringify(alt) if shown is alt else ""
        text = (shown_address(src), *([alt_text] if alt_text else []))
        self.events.append(SetAside("img", Reason.IMAGE_UNAVAILABLE, text))

    def _raw(self, fmt: str, text: str) -> None:
        lines = raw_lines(fmt, text)
        if lines:
            self.events.append(SetAside(f"raw {fmt}", Reason.NOT_TEXT, lines))

    def _marker(self, attrs: dict[str, str]) -> bool:
        """A piece the web page cleaner took out here: put it in the events."""
        key = attrs.get("toolkit-part")
        if key is None or key not in self._markers:
            return False
        if key not in self._used:
            self._used.add(key)
            self.events.append(self._markers[key])
        return True

    def _note_body(self, div: list[Any]) -> bool:
        """A footnote the web page cleaner wrapped: it stands where its reference is."""
        return attributes(div[0]).get("toolkit-note-body") in self._note_bodies

    # --- paragraphs and segments ---------------------------------------------------------------

    def _paragraphs(self, blocks: list[Node]) -> list[list[Node]]:
        """The inline runs of ``blocks``, a run per paragraph, whatever the blocks are (for
        notes, cells, captions, quotes and list items, which hold only lines)."""
        out: list[list[Node]] = []
        for node in blocks:
            kind: str = node["t"]
            c: Any = node.get("c")
            if kind in ("Para", "Plain"):
                out.append(c)
            elif kind == "LineBlock":
                out += c
            elif kind == "Header":
                out.append(c[2])
            elif kind == "BlockQuote":
                out += self._paragraphs(c)
            elif kind == "Div" and not self._marker(attributes(c[0])) and not self._note_body(c):
                out += self._paragraphs(c[1])
            elif kind == "BulletList":
                for item in c:
                    out += self._paragraphs(item)
            elif kind == "OrderedList":
                for item in c[1]:
                    out += self._paragraphs(item)
            elif kind == "DefinitionList":
                for term, definitions in c:
                    out.append(term)
                    for definition in definitions:
                        out += self._paragraphs(definition)
            elif kind == "CodeBlock":
                out += [[{"t": "Code", "c": [c[0], line]}] for line in c[1].splitlines()]
            elif kind == "Table":
                out += [
                    p
                    for row in table_grid(c).rows
                    for cell in row
                    for p in self._paragraphs(list(cell))
                ]
                out += self._paragraphs(c[1][1])
            elif kind == "Figure":
                out += self._paragraphs(c[1][1]) + self._paragraphs(c[2])
            elif kind == "RawBlock":
                self._raw(c[0], c[1])
        return out

    def _segment(self, inlines: list[Node]) -> Segment | None:
        nodes = finish(convert(inlines, self))
        return Segment(None, markup(nodes)) if nodes else None

    def _segments(self, runs: list[list[Node]]) -> list[Segment]:
        return [s for s in (self._segment(run) for run in runs) if s is not None]

    def _emit_text(self, kind: BlockKind, segments: list[Segment]) -> None:
        if segments:
            self._emit(Block(kind, tuple(segments)))

    def _emit(self, block: Block) -> None:
        self.events.append(block)
        self._body_started = self._body_started or bool(block.segments)

    def _flush_notes(self) -> None:
        for block in sorted(self._pending, key=lambda b: int(b.label)):
            self._emit(block)
        self._pending.clear()
