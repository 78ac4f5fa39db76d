"""Segment files: write a document back as its file text (the reader is ``document``).

The writer refuses, with ValueError, any document that would not read back as
itself: ``parse_document(write_document(doc)) == doc`` whenever it returns.
"""

from __future__ import annotations

import re

from toolkit.model import ID_RE, Block, BlockKind, Document, Segment
from toolkit.store.grammar import (
    FENCE_ONLY,
    FIGURE_SRC,
    HEADER_ROW,
    LABEL,
    ROW,
    RULE,
    starts_block,
)
from toolkit.store.inline import find_id
from toolkit.store.lines import join_lines

_UNESCAPED_ID = re.compile(r"(?<!\\)\{#")


class WriteError(ValueError):
    """A block that cannot be written so that it reads back as itself; ``block`` is its
    index in the document (or None when the document as a whole is at fault)."""

    def __init__(self, message: str, block: int | None) -> None:
        super().__init__(message)
        self.block = block


def write_document(doc: Document) -> str:
    """The file text of a document. Raises WriteError (a ValueError) naming the block that
    cannot be written."""
    lines: list[str] = []
    columns: list[int] = []  # content columns of the list items above, outermost first
    previous: Block | None = None
    for index, block in enumerate(doc.blocks):
        try:
            columns = _write_block(block, previous, columns, lines)
        except ValueError as exc:
            raise WriteError(str(exc), index) from exc
        previous = block
    lines.extend([""] * doc.layout.trailing_blank)
    if lines and lines[0].startswith("\ufeff") and not doc.layout.bom:
        raise WriteError(
            "the first line starts with U+FEFF, which would read as a byte order mark", None
        )
    return join_lines(lines, doc.layout)


def _write_block(
    block: Block, previous: Block | None, columns: list[int], lines: list[str]
) -> list[int]:
    """Add ``block``'s lines (and the blank lines before it); return the list columns."""
    if block.kind is BlockKind.QUOTE and block.continues:
        if previous is None or previous.kind is not BlockKind.QUOTE:
            raise ValueError("a continued quote must follow a quote")
        if block.blank_before:
            raise ValueError("a continued quote cannot have blank lines before it")
        lines.append(">")
    else:
        if previous is not None and block.blank_before == 0 and _merges(previous, block):
            raise ValueError(f"a {block.kind} block needs a blank line before it")
        lines.extend([""] * block.blank_before)
    if block.kind is BlockKind.LIST_ITEM:
        in_list = previous is not None and previous.kind is BlockKind.LIST_ITEM
        columns = _item_columns(block, columns if in_list and not block.blank_before else [])
        lines.extend(_item_lines(block, columns))
    else:
        lines.extend(_block_lines(block))
    return columns


def write_segment(seg: Segment) -> str:
    """One segment's line content (without a block prefix)."""
    if "\n" in seg.text or "\r" in seg.text:
        raise ValueError(f"segment {seg.id}: text has a line break")
    if seg.id is None:
        if not seg.text.strip():
            raise ValueError("a segment without an ID cannot be blank")
        if looks_like_id(seg.text):
            raise ValueError(f"segment text ends like an ID; escape the brace: {seg.text!r}")
    elif not ID_RE.fullmatch(seg.id):
        raise ValueError(f"{seg.id!r} is not a segment ID")
    if find_id(seg.text) >= 0:
        raise ValueError(f"segment text holds a segment ID; escape the brace: {seg.text!r}")
    if seg.id is None:
        return seg.text
    return f"{seg.text} {{#{seg.id}}}" if seg.text else f"{{#{seg.id}}}"


def looks_like_id(text: str) -> bool:
    """An unescaped '{#' in a line that ends with '}': a mistyped or misplaced ID."""
    return bool(_UNESCAPED_ID.search(text)) and text.rstrip().endswith("}")


def _merges(previous: Block, block: Block) -> bool:
    """Would ``block`` written right under ``previous`` be read as part of it (or refused)?"""
    if previous.kind in (BlockKind.PARAGRAPH, BlockKind.FOOTNOTE, BlockKind.LIST_ITEM):
        return block.kind is BlockKind.PARAGRAPH
    return previous.kind is block.kind and block.kind in (BlockKind.QUOTE, BlockKind.TABLE)


def _item_columns(block: Block, above: list[int]) -> list[int]:
    """The content columns after this item: its parent's, then its own."""
    item = block.item
    if item is None:
        raise ValueError("a list item block needs its item (number and depth)")
    if item.depth > len(above):
        raise ValueError(f"a list item at depth {item.depth} needs a parent item right above it")
    if item.depth and block.blank_before:
        raise ValueError("a nested list item cannot have blank lines before it")
    indent = above[item.depth - 1] if item.depth else 0
    return [*above[: item.depth], indent + len(_marker(block))]


def _marker(block: Block) -> str:
    assert block.item is not None
    number = block.item.number
    if number is not None and not 0 <= number < 10**9:
        raise ValueError(f"list number {number} is not 0 to 999999999")
    return "- " if number is None else f"{number}. "


def _item_lines(block: Block, columns: list[int]) -> list[str]:
    if not block.segments:
        raise ValueError("a list item needs at least one segment")
    texts = [write_segment(s) for s in block.segments]
    column = columns[-1]
    marker = _marker(block)
    for text in texts[1:]:
        if text[:1].isspace() or starts_block(text):
            raise ValueError(f"the next line of a list item would not read back: {text!r}")
    first = " " * (column - len(marker)) + marker + texts[0]
    return [first, *(" " * column + t for t in texts[1:])]


def _block_lines(block: Block) -> list[str]:
    kind = block.kind
    if kind is BlockKind.RULE:
        return [RULE]
    if kind is BlockKind.FIGURE:
        return [_figure_line(block)]
    if kind is BlockKind.CODE:
        return _code_lines(block)
    texts = [write_segment(s) for s in block.segments]
    if kind is BlockKind.HEADING:
        if not 1 <= block.level <= 6:
            raise ValueError(f"heading level {block.level} is not 1 to 6")
        return [f"{'#' * block.level} {texts[0]}"]
    if kind is BlockKind.QUOTE:
        return [f"> {t}" for t in texts]
    if kind is BlockKind.TABLE:
        return _table_lines(block, texts)
    if kind is BlockKind.FOOTNOTE and not LABEL.fullmatch(block.label):
        raise ValueError(f"footnote label {block.label!r} is not letters, digits, '-' or '_'")
    for t in texts[1:] if kind is BlockKind.FOOTNOTE else texts:
        if starts_block(t):
            raise ValueError(f"paragraph line would read as another block: {t!r}")
    if kind is BlockKind.FOOTNOTE:
        return [f"[^{block.label}]: {texts[0]}", *texts[1:]]
    return texts


def _figure_line(block: Block) -> str:
    seg = block.segments[0]
    if not FIGURE_SRC.fullmatch(block.src) or (seg.id is not None and not ID_RE.fullmatch(seg.id)):
        raise ValueError(f"figure {block.src!r}: bad path or ID {seg.id!r}")
    if any(c in "\r\n" for c in seg.text + block.credit):
        raise ValueError(f"figure {block.src!r}: caption or credit has a line break")
    if find_id(seg.text) >= 0:
        raise ValueError(f"figure {block.src!r}: the caption holds a segment ID")
    credit = block.credit.replace("\\", "\\\\").replace('"', '\\"')
    title = f' "{credit}"' if block.credit else ""
    ident = f" {{#{seg.id}}}" if seg.id else ""
    return f"![{seg.text}]({block.src}{title}){ident}"


def _table_lines(block: Block, texts: list[str]) -> list[str]:
    shape = block.table
    if shape is None or shape.columns < 1:
        raise ValueError("a table block needs its shape (at least one column)")
    if not texts or len(texts) % shape.columns:
        raise ValueError(f"a table of {shape.columns} columns cannot hold {len(texts)} cells")
    rows = len(texts) // shape.columns
    if shape.header and rows < 2:
        raise ValueError("a table with a header row needs a row under it")
    out: list[str] = []
    for row in range(rows):
        if row:
            out.append(HEADER_ROW if row == 1 and shape.header else ROW)
        out += [f"| {t}" for t in texts[row * shape.columns : (row + 1) * shape.columns]]
    return out


def _code_lines(block: Block) -> list[str]:
    code = block.code
    if code is None:
        raise ValueError("a code block needs its code")
    if block.segments:
        raise ValueError("a code block has no segments: code is never translated")
    if not FENCE_ONLY.fullmatch(code.fence) or any(c in code.info for c in "`\r\n"):
        raise ValueError(f"code fence {code.fence!r} {code.info!r} would not read back")
    for line in code.lines:
        if line == code.fence or "\n" in line or "\r" in line:
            raise ValueError(f"code line {line!r} would not read back inside {code.fence}")
    return [code.fence + code.info, *code.lines, code.fence]
