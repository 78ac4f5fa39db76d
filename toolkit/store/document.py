"""Segment files: read and write one language's text of a work.

The format (``docs/format.md``) is line based: one segment per line, blocks
separated by blank lines, each segment's stable ID at the end of its line::

    ## Stuck in Ukraine {#s4}

    Since Russia began its invasion of Ukraine in 2022, ... {#s5}
    A second sentence of the same paragraph. {#s6}

    > A quoted line. {#s7}

    [^1]: The text of footnote 1. {#s8}

    ![A caption](images/photo.jpg "Photo: credit as published") {#s9}

    ***

The ID is the last ``{#…}`` on the line: an ID anywhere before it (``One. {#t2} Two.
{#t3}``, or in a line without an ID) is an error, not text, since it is most likely two
segments written on one line; ``\\{#`` writes a literal brace.

``write_document(parse_document(text)) == text`` for every file that parses.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from toolkit.errors import FormatError, Location
from toolkit.model import ID_PATTERN, ID_RE, Block, BlockKind, Document, Segment
from toolkit.store.inline import find_id
from toolkit.store.lines import join_lines, read_text, split_lines

_ID_ONLY = re.compile(rf"\{{#({ID_PATTERN})\}}")
_ID_AT_END = re.compile(rf"(.*) \{{#({ID_PATTERN})\}}")
_HEADING = re.compile(r"(#{1,6}) (.*)")
_FOOTNOTE = re.compile(r"\[\^([A-Za-z0-9_-]+)\]: (.*)")
_FIGURE = re.compile(
    rf'!\[(.*)\]\(([^\s()"]+)(?: "((?:[^"\\]|\\["\\])+)")?\)(?: \{{#({ID_PATTERN})\}})?'
)
_UNESCAPED_ID = re.compile(r"(?<!\\)\{#")
_LABEL = re.compile(r"[A-Za-z0-9_-]+")
_SRC = re.compile(r'[^\s()"]+')
RULE = "***"


def read_document(path: Path) -> Document:
    """Read a segment file. Raises FormatError naming the file and line."""
    return parse_document(read_text(path), path)


def parse_document(text: str, path: Path | str = "<text>") -> Document:
    lines, layout = split_lines(text, path)
    parser = _Parser(path)
    for number, line in enumerate(lines, 1):
        parser.feed(line, number)
    blocks, trailing = parser.finish()
    return Document(tuple(blocks), replace(layout, trailing_blank=trailing))


class _Parser:
    def __init__(self, path: Path | str) -> None:
        self.path = path
        self.blocks: list[Block] = []
        self.gap = 0  # blank lines seen since the last block line
        self.open: Block | None = None  # a block that further lines may continue
        self.pending_continue = 0  # line of a lone '>' just read: the next quote continues

    def feed(self, line: str, number: int) -> None:
        if line.strip() == "":
            if line:
                raise self.error(
                    number, "a blank line holds spaces", "delete the spaces on the blank line"
                )
            if self.pending_continue:
                raise self._lone_quote_error()
            self._close()
            self.gap += 1
            return
        if line == RULE:
            self._start(Block(BlockKind.RULE, line=number), number, can_continue=False)
            return
        if line.startswith("#"):
            m = _HEADING.fullmatch(line)
            if not m:
                raise self.error(
                    number,
                    "a heading needs 1 to 6 '#' and a space",
                    r"write '## Title', or '\#' for a literal '#' at the start of a line",
                )
            seg = self._segment(m.group(2), number, len(m.group(1)) + 1)
            block = Block(BlockKind.HEADING, (seg,), level=len(m.group(1)), line=number)
            self._start(block, number, can_continue=False)
            return
        if line.startswith(">"):
            self._quote_line(line, number)
            return
        if line.startswith("[^"):
            m = _FOOTNOTE.fullmatch(line)
            if not m:
                raise self.error(
                    number,
                    "a footnote starts '[^label]: ' (label: letters, digits, '-' or '_')",
                    r"write '[^1]: text', or '\[' for a literal '['",
                )
            seg = self._segment(m.group(2), number, len(m.group(1)) + 5)
            block = Block(BlockKind.FOOTNOTE, (seg,), label=m.group(1), line=number)
            self._start(block, number, can_continue=True)
            return
        if line.startswith("!["):
            m = _FIGURE.fullmatch(line)
            if not m:
                raise self.error(
                    number,
                    'a figure is ![caption](path "credit") {#id}',
                    'fix the figure line (drop an empty credit ""), '
                    r"or write '!\[' for literal text",
                )
            self._no_id_within(m.group(1), number, 2)
            seg = Segment(m.group(4), m.group(1), number)
            credit = re.sub(r'\\(["\\])', r"\1", m.group(3) or "")
            block = Block(BlockKind.FIGURE, (seg,), src=m.group(2), credit=credit, line=number)
            self._start(block, number, can_continue=False)
            return
        seg = self._segment(line, number, 0)
        if self.open is not None and self.open.kind in (BlockKind.PARAGRAPH, BlockKind.FOOTNOTE):
            self._extend(seg)
        else:
            self._start(Block(BlockKind.PARAGRAPH, (seg,), line=number), number, True)

    def _quote_line(self, line: str, number: int) -> None:
        if line == ">":
            if self.open is None or self.open.kind is not BlockKind.QUOTE:
                raise self.error(
                    number,
                    "a lone '>' must separate two paragraphs of a block quote",
                    "delete the line, or put quoted lines ('> text') on both sides",
                )
            self._close()
            self.pending_continue = number
            return
        if not line.startswith("> "):
            raise self.error(
                number, "a quoted line starts with '> '", r"add a space after '>', or write '\>'"
            )
        seg = self._segment(line[2:], number, 2)
        if self.open is not None and self.open.kind is BlockKind.QUOTE:
            self._extend(seg)
            return
        continues = bool(self.pending_continue)
        self.pending_continue = 0
        block = Block(BlockKind.QUOTE, (seg,), continues=continues, line=number)
        self._start(block, number, can_continue=True)

    def _segment(self, rest: str, number: int, column: int) -> Segment:
        m = _ID_ONLY.fullmatch(rest)
        if m:
            return Segment(m.group(1), "", number)
        m = _ID_AT_END.fullmatch(rest)
        if m and not m.group(1):
            raise self.error(
                number,
                "a space before the ID of an empty segment",
                "write the ID alone: {#s12}",
                column + 1,
            )
        if m:
            self._no_id_within(m.group(1), number, column)
            return Segment(m.group(2), m.group(1), number)
        if _looks_like_id(rest):
            raise self.error(
                number,
                "this looks like a segment ID but is not one",
                "IDs are ' {#s12}' at the end of the line: a letter, then letters, digits, "
                r"'.', '_' or '-'; write '\{' for a literal brace",
                column + rest.rfind("{#") + 1,
            )
        if not rest.strip():
            raise self.error(
                number, "this line has no text and no ID", "delete it, or give it an ID: {#s12}"
            )
        self._no_id_within(rest, number, column)
        return Segment(None, rest, number)

    def _no_id_within(self, text: str, number: int, column: int) -> None:
        """Refuse a segment ID standing in a segment's text (two segments on one line)."""
        at = find_id(text)
        if at >= 0:
            raise self.error(
                number,
                "a segment ID in the middle of a line",
                r"put each segment on its own line, or write \{# for a literal brace",
                column + at + 1,
            )

    def _start(self, block: Block, number: int, can_continue: bool) -> None:
        if self.pending_continue and block.kind is not BlockKind.QUOTE:
            raise self._lone_quote_error()
        self._close()
        block = _replace_gap(block, self.gap)
        self.gap = 0
        self.blocks.append(block)
        self.open = block if can_continue else None

    def _extend(self, seg: Segment) -> None:
        assert self.open is not None
        block = self.blocks[-1]
        grown = replace(block, segments=(*block.segments, seg))
        self.blocks[-1] = grown
        self.open = grown

    def _close(self) -> None:
        self.open = None

    def finish(self) -> tuple[list[Block], int]:
        if self.pending_continue:
            raise self._lone_quote_error()
        return self.blocks, self.gap

    def _lone_quote_error(self) -> FormatError:
        return self.error(
            self.pending_continue,
            "a lone '>' must be followed at once by another quoted line",
            "delete the '>' line, or put the next '> text' line right under it",
        )

    def error(self, number: int, message: str, fix: str, column: int = 0) -> FormatError:
        return FormatError(message, where=Location(self.path, number, column), fix=fix)


def _replace_gap(block: Block, gap: int) -> Block:
    return replace(block, blank_before=gap)


def _looks_like_id(text: str) -> bool:
    """An unescaped '{#' in a line that ends with '}': a mistyped or misplaced ID."""
    return bool(_UNESCAPED_ID.search(text)) and text.rstrip().endswith("}")


def write_document(doc: Document) -> str:
    """The file text of a document. Raises ValueError for a segment that cannot be written."""
    lines: list[str] = []
    for index, block in enumerate(doc.blocks):
        if block.kind is BlockKind.QUOTE and block.continues:
            if index == 0 or doc.blocks[index - 1].kind is not BlockKind.QUOTE:
                raise ValueError("a continued quote must follow a quote")
            if block.blank_before:
                raise ValueError("a continued quote cannot have blank lines before it")
            lines.append(">")
        else:
            if index and block.blank_before == 0 and _merges(doc.blocks[index - 1], block):
                raise ValueError(f"block {index} needs a blank line before it")
            lines.extend([""] * block.blank_before)
        lines.extend(_block_lines(block))
    lines.extend([""] * doc.layout.trailing_blank)
    if lines and lines[0].startswith("\ufeff") and not doc.layout.bom:
        raise ValueError("the first line starts with U+FEFF, which would read as a byte order mark")
    return join_lines(lines, doc.layout)


def write_segment(seg: Segment) -> str:
    """One segment's line content (without a block prefix)."""
    if "\n" in seg.text or "\r" in seg.text:
        raise ValueError(f"segment {seg.id}: text has a line break")
    if seg.id is None:
        if not seg.text.strip():
            raise ValueError("a segment without an ID cannot be blank")
        if _looks_like_id(seg.text):
            raise ValueError(f"segment text ends like an ID; escape the brace: {seg.text!r}")
    elif not ID_RE.fullmatch(seg.id):
        raise ValueError(f"{seg.id!r} is not a segment ID")
    if find_id(seg.text) >= 0:
        raise ValueError(f"segment text holds a segment ID; escape the brace: {seg.text!r}")
    if seg.id is None:
        return seg.text
    return f"{seg.text} {{#{seg.id}}}" if seg.text else f"{{#{seg.id}}}"


def _merges(previous: Block, block: Block) -> bool:
    """Would ``block`` written right under ``previous`` be read as part of it?"""
    if previous.kind in (BlockKind.PARAGRAPH, BlockKind.FOOTNOTE):
        return block.kind is BlockKind.PARAGRAPH
    return previous.kind is BlockKind.QUOTE and block.kind is BlockKind.QUOTE


def _block_lines(block: Block) -> list[str]:
    kind = block.kind
    if kind is BlockKind.RULE:
        return [RULE]
    if kind is BlockKind.FIGURE:
        seg = block.segments[0]
        if not _SRC.fullmatch(block.src) or (seg.id is not None and not ID_RE.fullmatch(seg.id)):
            raise ValueError(f"figure {block.src!r}: bad path or ID {seg.id!r}")
        if any(c in "\r\n" for c in seg.text + block.credit):
            raise ValueError(f"figure {block.src!r}: caption or credit has a line break")
        if find_id(seg.text) >= 0:
            raise ValueError(f"figure {block.src!r}: the caption holds a segment ID")
        credit = block.credit.replace("\\", "\\\\").replace('"', '\\"')
        title = f' "{credit}"' if block.credit else ""
        ident = f" {{#{seg.id}}}" if seg.id else ""
        return [f"![{seg.text}]({block.src}{title}){ident}"]
    texts = [write_segment(s) for s in block.segments]
    if kind is BlockKind.HEADING:
        if not 1 <= block.level <= 6:
            raise ValueError(f"heading level {block.level} is not 1 to 6")
        return [f"{'#' * block.level} {texts[0]}"]
    if kind is BlockKind.QUOTE:
        return [f"> {t}" for t in texts]
    if kind is BlockKind.FOOTNOTE and not _LABEL.fullmatch(block.label):
        raise ValueError(f"footnote label {block.label!r} is not letters, digits, '-' or '_'")
    for t in texts[1:] if kind is BlockKind.FOOTNOTE else texts:
        if _starts_block(t):
            raise ValueError(f"paragraph line would read as another block: {t!r}")
    if kind is BlockKind.FOOTNOTE:
        return [f"[^{block.label}]: {texts[0]}", *texts[1:]]
    return texts


def _starts_block(text: str) -> bool:
    return text == RULE or text.startswith(("#", ">", "[^", "!["))
