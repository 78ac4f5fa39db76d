"""Segment files: read one language's text of a work (the writer is ``docwriter``).

The format (``docs/format.md``) is line based: one segment per line, blocks
separated by blank lines, each segment's stable ID at the end of its line::

    ## Stuck in Ukraine {#s4}

    Since Russia began its invasion of Ukraine in 2022, ... {#s5}
    A second sentence of the same paragraph. {#s6}

    > A quoted line. {#s7}

    - A list item. {#s8}
      Its second sentence. {#s9}
      1. A numbered item inside it. {#s10}

    | A table cell {#s11}
    | Another cell of the same row {#s12}
    |---
    | The second row {#s13}
    | ... {#s14}

    [^1]: The text of footnote 1. {#s15}

    ![A caption](images/photo.jpg "Photo: credit as published") {#s16}

    ```python
    print("code is kept verbatim and never translated")
    ```

    ***

The ID is the last ``{#…}`` on the line: an ID anywhere before it (``One. {#t2} Two.
{#t3}``, or in a line without an ID) is an error, not text, since it is most likely two
segments written on one line; ``\\{#`` writes a literal brace.

``write_document(parse_document(text)) == text`` for every file that parses.

A file with bad lines is reported whole: the reader notes each error and reads on at the
next line (:class:`toolkit.errors.FormatErrors`). No line may be longer than the segment
limit (:mod:`toolkit.limits`), checked before the line is parsed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from toolkit.errors import FormatError, Location, raise_collected
from toolkit.limits import Limits
from toolkit.model import (
    ID_PATTERN,
    Block,
    BlockKind,
    CodeText,
    Document,
    ListItem,
    Segment,
    TableShape,
)
from toolkit.store.docwriter import looks_like_id, write_document, write_segment
from toolkit.store.grammar import (
    FENCE,
    FENCE_ONLY,
    FIGURE,
    FOOTNOTE,
    HEADER_ROW,
    HEADING,
    ITEM,
    NOTE_DEFINITION,
    ROW,
    RULE,
    starts_block,
)
from toolkit.store.inline import find_id
from toolkit.store.lines import read_text, split_lines

__all__ = ["parse_document", "read_document", "write_document", "write_segment"]

_ID_ONLY = re.compile(rf"\{{#({ID_PATTERN})\}}")
_ID_AT_END = re.compile(rf"(.*) \{{#({ID_PATTERN})\}}")


def read_document(path: Path, limits: Limits | None = None) -> Document:
    """Read a segment file of a work. Raises FormatError naming the file and every bad line."""
    limits = limits or Limits.from_env()
    return parse_document(read_text(path, limits), path, limits)


def parse_document(
    text: str, path: Path | str = "<text>", limits: Limits | None = None
) -> Document:
    limits = limits or Limits.from_env()
    lines, layout = split_lines(text, path)
    parser = _Parser(path)
    errors: list[FormatError] = []
    for number, line in enumerate(lines, 1):
        try:
            limits.check_segment(path, number, line)
            parser.feed(line, number)
        except FormatError as exc:
            errors.append(exc)
            parser.recover()
    try:
        blocks, trailing = parser.finish()
    except FormatError as exc:
        errors.append(exc)
        blocks, trailing = [], 0
    raise_collected(path, [*parser.errors, *errors])
    return Document(tuple(blocks), replace(layout, trailing_blank=trailing))


@dataclass
class _Table:
    """A table being read: cells per row so far, and where its header line was."""

    rows: list[int] = field(default_factory=lambda: [0])
    #: The line each row starts on.
    starts: list[int] = field(default_factory=list)
    header_line: int = 0
    last_line: int = 0


@dataclass
class _Fence:
    fence: str
    info: str
    line: int
    lines: list[str] = field(default_factory=list)


class _Parser:
    def __init__(self, path: Path | str) -> None:
        self.path = path
        self.blocks: list[Block] = []
        self.gap = 0  # blank lines seen since the last block line
        self.open: Block | None = None  # a block that further lines may continue
        #: The segments read into the open block after its first line: the block (the last
        #: of ``blocks``) is given them when it closes, not rebuilt line by line.
        self.more: list[Segment] = []
        self.pending_continue = 0  # line of a lone '>' just read: the next quote continues
        self.items: list[int] = []  # content columns of the open list items, outermost first
        self.table: _Table | None = None
        self.fence: _Fence | None = None
        #: Errors noted while reading on: a line's own error, where the structure of the
        #: file is still clear (a bad segment, a blank line holding spaces).
        self.errors: list[FormatError] = []

    def feed(self, line: str, number: int) -> None:
        if self.fence is not None:
            self._code_line(line, number)
            return
        if line.strip() == "":
            if line:  # read on as a blank line
                self.note(
                    number, "a blank line holds spaces", "delete the spaces on the blank line"
                )
            if self.pending_continue:
                self.errors.append(self._lone_quote_error())
                self.pending_continue = 0
            self._close()
            self.gap += 1
            return
        if line.startswith(" ") and self.items:
            self._indented_list_line(line, number)
            return
        if line == RULE:
            self._start(Block(BlockKind.RULE, line=number), number, can_continue=False)
            return
        if line.startswith("#"):
            self._heading(line, number)
            return
        if line.startswith(">"):
            self._quote_line(line, number)
            return
        if NOTE_DEFINITION.match(line):
            self._footnote(line, number)
            return
        if line.startswith("!["):
            self._figure(line, number)
            return
        if line.startswith("|"):
            self._table_line(line, number)
            return
        if line.startswith("```"):
            self._open_fence(line, number)
            return
        item = ITEM.fullmatch(line)
        if item and item.group(1):
            raise self.error(
                number,
                "an indented list item must be under an item whose text it lines up with",
                "start a list at the first column, or write '\\-' for a literal '-'",
            )
        if item:
            self._item(item, number)
            return
        if self.open is not None and self.open.kind is BlockKind.LIST_ITEM:
            column = self.items[-1]
            self.note(
                number,
                "a line right under a list item must be indented to continue it",
                f"indent it by {column} spaces to continue the item, or leave a blank line "
                "before a new paragraph",
            )  # and read on: the line starts a paragraph after the list
        seg = self._segment(line, number, 0)
        if self.open is not None and self.open.kind in (BlockKind.PARAGRAPH, BlockKind.FOOTNOTE):
            self._extend(seg)
        else:
            self._start(Block(BlockKind.PARAGRAPH, (seg,), line=number), number, True)

    # --- one kind of line each ------------------------------------------------------------

    def _heading(self, line: str, number: int) -> None:
        m = HEADING.fullmatch(line)
        if not m:
            raise self.error(
                number,
                "a heading needs 1 to 6 '#' and a space",
                r"write '## Title', or '\#' for a literal '#' at the start of a line",
            )
        seg = self._segment(m.group(2), number, len(m.group(1)) + 1)
        block = Block(BlockKind.HEADING, (seg,), level=len(m.group(1)), line=number)
        self._start(block, number, can_continue=False)

    def _footnote(self, line: str, number: int) -> None:
        m = FOOTNOTE.fullmatch(line)
        if not m:
            raise self.error(
                number,
                "a footnote starts '[^label]: ' (label: letters, digits, '-' or '_')",
                r"write '[^1]: text', or '\[' for a literal '['",
            )
        seg = self._segment(m.group(2), number, len(m.group(1)) + 5)
        block = Block(BlockKind.FOOTNOTE, (seg,), label=m.group(1), line=number)
        self._start(block, number, can_continue=True)

    def _figure(self, line: str, number: int) -> None:
        m = FIGURE.fullmatch(line)
        if not m:
            raise self.error(
                number,
                'a figure is ![caption](path "credit") {#id}',
                "fix the figure line (drop an empty credit \"\"), or write '!\\[' for literal text",
            )
        self._no_id_within(m.group(1), number, 2)
        seg = Segment(m.group(4), m.group(1), number)
        credit = re.sub(r'\\(["\\])', r"\1", m.group(3) or "")
        block = Block(BlockKind.FIGURE, (seg,), src=m.group(2), credit=credit, line=number)
        self._start(block, number, can_continue=False)

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

    def _item(self, m: re.Match[str], number: int) -> None:
        """A list item; its indentation says how deep it is (see ``_indented_list_line``)."""
        indent = len(m.group(1))
        depth = 0 if indent == 0 else self.items.index(indent) + 1
        marker = len(m.group(0)) - len(m.group(3)) - indent  # '- ' or '12. '
        seg = self._segment(m.group(3), number, indent + marker)
        num = None if m.group(2) is None else int(m.group(2))
        block = Block(BlockKind.LIST_ITEM, (seg,), item=ListItem(num, depth), line=number)
        items = self.items[:depth]
        if indent == 0:
            self._start(block, number, can_continue=True)
        else:  # a nested item follows its parent with no blank line
            self._settle()
            self._close_table()
            self.blocks.append(replace(block, blank_before=0))
            self.open = self.blocks[-1]
        self.items = [*items, indent + marker]

    def _indented_list_line(self, line: str, number: int) -> None:
        """Inside a list, an indented line is a nested item (indented to its parent's text)
        or the next sentence of the last item (indented to that item's text)."""
        indent = len(line) - len(line.lstrip(" "))
        m = ITEM.fullmatch(line)
        if m and indent in self.items:
            self._item(m, number)
            return
        if indent == self.items[-1] and not m:
            seg = self._segment(line[indent:], number, indent)
            if starts_block(line[indent:]):
                raise self.error(
                    number,
                    "this line under a list item would start another block",
                    "escape its first character with a backslash",
                    indent + 1,
                )
            self._extend(seg)
            return
        columns = " or ".join(str(c) for c in self.items)
        raise self.error(
            number,
            f"a line inside a list is indented by {columns} spaces, not {indent}",
            "indent a nested item or the next sentence of an item to the text of the item "
            "above it, or leave a blank line to end the list",
        )

    def _table_line(self, line: str, number: int) -> None:
        table = self.table if self.open is not None and self.open.kind is BlockKind.TABLE else None
        if line in (ROW, HEADER_ROW):
            if table is None or table.rows[-1] == 0:
                raise self.error(
                    number,
                    f"'{line}' must follow a row of cells",
                    "put '| cell' lines above it, or delete it",
                )
            if line == HEADER_ROW:
                if len(table.rows) > 1:
                    table.rows.append(0)  # read on as if it were '|---'
                    raise self.error(
                        number,
                        "only the first row of a table can be its header ('|===')",
                        "write '|---' between other rows",
                    )
                table.header_line = number
            table.rows.append(0)
            table.last_line = number
            return
        if not line.startswith("| "):
            self.note(
                number,
                "a table line is '| cell text {#id}', '|---' (next row) or '|===' (after "
                "the header row)",
                r"fix the line, or write '\|' for a literal '|' at the start of a line",
            )
            line = "| " + line[1:]  # read on as the cell it most likely is
        seg = self._segment(line[2:], number, 2)
        if table is None:
            self._start(Block(BlockKind.TABLE, (seg,), line=number), number, can_continue=True)
            self.table = _Table(rows=[1], starts=[number], last_line=number)
            return
        self._extend(seg)
        if not table.rows[-1]:
            table.starts.append(number)
        table.rows[-1] += 1
        table.last_line = number

    def _close_table(self) -> None:
        """Give the table just read its shape, refusing ragged rows."""
        table, block = self.table, self.blocks[-1] if self.blocks else None
        self.table = None
        if table is None or block is None or block.kind is not BlockKind.TABLE:
            return
        if table.rows[-1] == 0:
            raise self.error(
                table.last_line,
                "a table cannot end with a row separator",
                "delete the separator, or add the row's cells under it",
            )
        columns = table.rows[0]
        for index, count in enumerate(table.rows):
            if count != columns:
                raise self.error(
                    table.starts[index],
                    f"row {index + 1} of this table has {count} cell(s), the first row {columns}",
                    "give every row the same number of cells ('| {#id}' is an empty cell)",
                )
        shape = TableShape(columns, header=bool(table.header_line))
        self.blocks[-1] = replace(block, table=shape)

    def _open_fence(self, line: str, number: int) -> None:
        m = FENCE.fullmatch(line)
        self._start(Block(BlockKind.CODE, line=number), number, can_continue=False)
        if not m:
            # Read on as if it opened the block, so that its code is not read as text.
            fence = FENCE_ONLY.match(line)
            self.fence = _Fence(fence.group(0) if fence else "```", "", number)
            raise self.error(
                number,
                "a code block starts with ``` and an optional language, with no other backticks",
                r"fix the fence, or write '\`' for a literal backtick at the start of a line",
            )
        self.fence = _Fence(m.group(1), m.group(2), number)

    def _code_line(self, line: str, number: int) -> None:
        fence = self.fence
        assert fence is not None
        if line != fence.fence:
            fence.lines.append(line)
            return
        code = CodeText(tuple(fence.lines), fence.info, fence.fence)
        self.blocks[-1] = replace(self.blocks[-1], code=code)
        self.fence = None

    # --- segments and blocks ---------------------------------------------------------------

    def _segment(self, rest: str, number: int, column: int) -> Segment:
        m = _ID_ONLY.fullmatch(rest)
        if m:
            return Segment(m.group(1), "", number)
        m = _ID_AT_END.fullmatch(rest)
        if m and not m.group(1):
            self.note(
                number,
                "a space before the ID of an empty segment",
                "write the ID alone: {#s12}",
                column + 1,
            )
            return Segment(m.group(2), "", number)
        if m:
            self._no_id_within(m.group(1), number, column)
            return Segment(m.group(2), m.group(1), number)
        if looks_like_id(rest):
            self.note(
                number,
                "this looks like a segment ID but is not one",
                "IDs are ' {#s12}' at the end of the line: a letter, then letters, digits, "
                r"'.', '_' or '-'; write '\{' for a literal brace",
                column + rest.rfind("{#") + 1,
            )
            return Segment(None, rest, number)
        if not rest.strip():
            self.note(
                number, "this line has no text and no ID", "delete it, or give it an ID: {#s12}"
            )
            return Segment(None, rest, number)
        self._no_id_within(rest, number, column)
        return Segment(None, rest, number)

    def _no_id_within(self, text: str, number: int, column: int) -> None:
        """Refuse a segment ID standing in a segment's text (two segments on one line)."""
        at = find_id(text)
        if at >= 0:
            self.note(
                number,
                "a segment ID in the middle of a line",
                r"put each segment on its own line, or write \{# for a literal brace",
                column + at + 1,
            )

    def _start(self, block: Block, number: int, can_continue: bool) -> None:
        if self.pending_continue and block.kind is not BlockKind.QUOTE:
            self.errors.append(self._lone_quote_error())
            self.pending_continue = 0
        self._close()
        block = replace(block, blank_before=self.gap)
        self.gap = 0
        self.blocks.append(block)
        self.open = block if can_continue else None

    def _extend(self, seg: Segment) -> None:
        """Add ``seg`` to the open block (in constant time: see :meth:`_settle`)."""
        assert self.open is not None
        self.more.append(seg)

    def _settle(self) -> None:
        """Give the last block the segments read into it since it was started."""
        if self.more:
            block = self.blocks[-1]
            self.blocks[-1] = replace(block, segments=(*block.segments, *self.more))
            self.more = []

    def _close(self) -> None:
        self._settle()
        self.open = None
        self.items = []
        self._close_table()

    def recover(self) -> None:
        """After an error, read on at the next line: the bad line is left out, and a lone
        '>' already reported is not reported again."""
        self.pending_continue = 0

    def finish(self) -> tuple[list[Block], int]:
        if self.pending_continue:
            raise self._lone_quote_error()
        if self.fence is not None:
            raise self.error(
                self.fence.line,
                "this code block is never closed",
                f"end it with a line holding only {self.fence.fence}",
            )
        self._close()
        return self.blocks, self.gap

    def _lone_quote_error(self) -> FormatError:
        return self.error(
            self.pending_continue,
            "a lone '>' must be followed at once by another quoted line",
            "delete the '>' line, or put the next '> text' line right under it",
        )

    def error(self, number: int, message: str, fix: str, column: int = 0) -> FormatError:
        return FormatError(message, where=Location(self.path, number, column), fix=fix)

    def note(self, number: int, message: str, fix: str, column: int = 0) -> None:
        """Note an error and read on (the file is refused at the end all the same)."""
        self.errors.append(self.error(number, message, fix, column))
