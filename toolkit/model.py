"""The document model: what every stage reads and writes.

A *document* is one language's text of a work: a sequence of blocks (headings,
paragraphs, block quotes, footnotes, figures, rules). Every block holds
*segments*, the units that alignment links across languages; each segment has
a stable ID and its text in inline markup (see ``toolkit.store.inline``).

An *alignment* links source segments to translation segments as *beads*
(1-1, 1-n, n-1, 1-0, 0-1), each with an optional confidence score and a review
state.

The model is plain, immutable data. The ``layout`` fields (blank lines,
newline style) exist only so that a file can be written back byte for byte.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

#: A segment ID: a letter, then letters, digits, ``_``, ``.`` or ``-``.
#: IDs are XML names, so they can be used as-is in XHTML (EPUB) ``id`` attributes.
ID_PATTERN = r"[A-Za-z][A-Za-z0-9_.-]*"
ID_RE = re.compile(ID_PATTERN)


@dataclass(frozen=True)
class Segment:
    """One alignable unit of text.

    ``text`` is inline markup (emphasis, links, footnote references, escapes);
    ``toolkit.store.inline.plain_text`` gives what a reader sees. ``id`` is
    ``None`` for a line a translator added without an ID. ``line`` is where it
    was read from (0 when it was built in memory) and takes no part in equality.
    """

    id: str | None
    text: str
    line: int = field(default=0, compare=False)


class BlockKind(StrEnum):
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    QUOTE = "quote"
    FOOTNOTE = "footnote"
    FIGURE = "figure"
    RULE = "rule"
    LIST_ITEM = "list_item"
    TABLE = "table"
    CODE = "code"


@dataclass(frozen=True)
class ListItem:
    """A list item's place: its number (``None`` for a bullet) and nesting depth (0: top).

    A list is a run of list-item blocks with no blank line between them; an item
    at depth d+1 belongs to the item before it at depth d.
    """

    number: int | None = None
    depth: int = 0

    @property
    def ordered(self) -> bool:
        return self.number is not None


@dataclass(frozen=True)
class TableShape:
    """A table's cells are its block's segments, row by row: ``columns`` per row.

    ``header``: the first row is a header row.
    """

    columns: int
    header: bool = False


@dataclass(frozen=True)
class CodeText:
    """A code block, never translated: its lines exactly, the text after the opening
    fence (``info``, e.g. ``python``) and the fence itself."""

    lines: tuple[str, ...]
    info: str = ""
    fence: str = "```"

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


@dataclass(frozen=True)
class Block:
    """A block of the document.

    - heading: ``level`` 1–6, one segment;
    - paragraph: one or more segments, one per line;
    - quote: a block quote; ``segments`` as a paragraph; quote paragraphs are
      separate ``quote`` blocks joined by ``continues`` (a ``>`` line between them);
    - footnote: the text of footnote ``label``, one or more segments;
    - figure: an image ``src`` whose caption is the one segment; ``credit`` is
      its image credit as published;
    - rule: a thematic break, no segments;
    - list_item: one item of a bulleted or numbered list (``item``), one segment per line;
    - table: a simple table (``table``), one segment per cell, row by row;
    - code: a code block (``code``), kept verbatim and never translated, no segments.

    ``blank_before`` is the number of blank lines before the block in its file.
    """

    kind: BlockKind
    segments: tuple[Segment, ...] = ()
    level: int = 0
    label: str = ""
    src: str = ""
    credit: str = ""
    continues: bool = False
    item: ListItem | None = None
    table: TableShape | None = None
    code: CodeText | None = None
    blank_before: int = field(default=1, compare=False)
    line: int = field(default=0, compare=False)


@dataclass(frozen=True)
class Layout:
    """How a file was laid out on disk, kept so that it is written back unchanged."""

    newline: str = "\n"
    final_newline: bool = True
    trailing_blank: int = 0
    bom: bool = False


@dataclass(frozen=True)
class Document:
    """One language's text of a work."""

    blocks: tuple[Block, ...] = ()
    layout: Layout = field(default_factory=Layout, compare=False)

    def segments(self) -> Iterator[Segment]:
        for block in self.blocks:
            yield from block.segments

    def segment_ids(self) -> list[str]:
        return [s.id for s in self.segments() if s.id is not None]

    def by_id(self) -> dict[str, Segment]:
        return {s.id: s for s in self.segments() if s.id is not None}


class BeadState(StrEnum):
    """Review state of a bead.

    ``auto`` was proposed by a machine; ``reviewed`` a person confirmed;
    ``locked`` a person fixed and re-alignment must leave alone; ``omitted``
    marks a 1-0 bead whose source the translator left out on purpose.
    """

    AUTO = "auto"
    REVIEWED = "reviewed"
    LOCKED = "locked"
    OMITTED = "omitted"


@dataclass(frozen=True)
class Bead:
    """A link between source segments and translation segments.

    ``source`` empty: 0-1, added by the translator. ``target`` empty: 1-0, not
    translated (or omitted, when ``state`` is ``omitted``).
    """

    source: tuple[str, ...]
    target: tuple[str, ...]
    score: float | None = None
    state: BeadState = BeadState.AUTO
    #: What both sides' text was when a person reviewed or locked the bead (a short hash):
    #: when either side changes afterwards, the bead is stale.
    fingerprint: str | None = None
    line: int = field(default=0, compare=False)
    #: The line as read, written back as-is while the bead is unchanged.
    raw: str = field(default="", compare=False, repr=False)

    @property
    def shape(self) -> str:
        return f"{len(self.source)}-{len(self.target)}"


@dataclass(frozen=True)
class Alignment:
    """All beads between a work's original and one translation, in source order.

    ``comments`` are the file's comment lines as (index of the bead they precede, text).
    """

    beads: tuple[Bead, ...] = ()
    comments: tuple[tuple[int, str], ...] = field(default=(), compare=False)
    layout: Layout = field(default_factory=Layout, compare=False)

    def comments_for(self, beads: Sequence[Bead]) -> tuple[tuple[int, str], ...]:
        """This alignment's comments placed among ``beads`` (its beads, some changed,
        moved or aligned afresh, and new ones): each stays above the bead it was written
        above, so that the reason for an omission stays with the omission. One above a
        bead no longer there goes above the bead now holding that bead's first segment,
        or the next one's; the file's header stays first, a comment after the last bead
        stays last."""
        holding: dict[tuple[int, str], int] = {}  # (side, segment ID) → its bead's index
        for n, bead in enumerate(beads):
            for key in _sided(bead):
                holding.setdefault(key, n)

        def now(k: int) -> int:
            if k == 0:
                return 0
            later = (key for bead in self.beads[k:] for key in _sided(bead))
            return next((holding[key] for key in later if key in holding), len(beads))

        placed = [(now(k), n, text) for n, (k, text) in enumerate(self.comments)]
        return tuple((k, text) for k, _, text in sorted(placed))


def _sided(bead: Bead) -> Iterator[tuple[int, str]]:
    """The bead's segment IDs, each with its side (0 the original, 1 the translation)."""
    for side, idents in enumerate((bead.source, bead.target)):
        for ident in idents:
            yield side, ident


# Inline content: what a segment's markup parses to.


@dataclass(frozen=True)
class Text:
    text: str


@dataclass(frozen=True)
class Emph:
    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Strong:
    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Code:
    text: str


@dataclass(frozen=True)
class Link:
    children: tuple[Inline, ...]
    url: str


@dataclass(frozen=True)
class NoteRef:
    """A reference to the footnote block with this label."""

    label: str


Inline = Text | Emph | Strong | Code | Link | NoteRef


# --- review: a person's say on a bead, and when it goes stale (toolkit/align/review.py) ---

#: States a person sets; their beads carry a fingerprint.
PERSON_STATES = frozenset({BeadState.REVIEWED, BeadState.LOCKED, BeadState.OMITTED})


def fingerprint(bead: Bead, source: Mapping[str, Segment], target: Mapping[str, Segment]) -> str:
    """Twelve hex digits: six of the SHA-256 of the source side's text, six of the
    target side's (a missing segment counts as text of its own, so that a segment
    that disappears also changes the fingerprint)."""
    return _side(bead.source, source) + _side(bead.target, target)


def _side(ids: tuple[str, ...], segments: Mapping[str, Segment]) -> str:
    text = "\n".join(segments[i].text if i in segments else f"\0{i}" for i in ids)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:6]


def changed_sides(
    bead: Bead, source: Mapping[str, Segment], target: Mapping[str, Segment]
) -> tuple[bool, bool]:
    """Whether the source side and the target side changed since the fingerprint was
    recorded (both False for a bead without one)."""
    if bead.fingerprint is None:
        return False, False
    now = fingerprint(bead, source, target)
    return bead.fingerprint[:6] != now[:6], bead.fingerprint[6:] != now[6:]


def bead_name(bead: Bead) -> str:
    """A bead as people read it: ``s3,s4 → t2``."""
    return f"{','.join(bead.source) or '-'} → {','.join(bead.target) or '-'}"
