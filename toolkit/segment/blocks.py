"""Split a document's paragraphs into sentence lines, losing nothing.

Paragraphs, quotes, footnotes and list items are split; headings, captions and table
cells are one segment each, and code is never touched. A paragraph's sentences are
joined again, when rendered, by the language's separator (a space in English,
nothing in Chinese). Where the text had other white space between two sentences
(two spaces, a tab), the caller either records it (``keep_gaps``: the import record
keeps it, so the file can be put back together byte for byte) or, with nowhere to
record it, leaves those two sentences on one line.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from itertools import pairwise

from toolkit.metadata import sentence_separator
from toolkit.model import Block, BlockKind, Document, Segment
from toolkit.segment.spans import sentence_spans
from toolkit.store.grammar import starts_block
from toolkit.store.inline import line_safe

SPLIT_KINDS = frozenset(
    {BlockKind.PARAGRAPH, BlockKind.QUOTE, BlockKind.FOOTNOTE, BlockKind.LIST_ITEM}
)


@dataclass(frozen=True)
class Split:
    """The document in sentence lines, and what became of each old segment.

    ``gaps`` holds, for every segment in document order, the white space that
    stood after it before the next sentence split from the same line (None when
    no sentence split from its line follows it). ``pieces`` maps the ID of each old
    segment that was split to the IDs of its sentences, in order.
    """

    document: Document
    gaps: tuple[str | None, ...]
    pieces: dict[str, tuple[str, ...]]
    #: Places left unsplit because their white space had nowhere to be recorded.
    kept_together: int = 0


def split_document(
    doc: Document,
    lang: str,
    *,
    keep_gaps: bool,
    new_id: Callable[[], str] | None = None,
) -> Split:
    """Split every splittable segment of ``doc`` into its sentences.

    The first sentence keeps the segment's ID; ``new_id`` gives the others theirs
    (without it, and for a segment without an ID, they have none).
    """
    separator = sentence_separator(lang)
    blocks: list[Block] = []
    gaps: list[str | None] = []
    pieces: dict[str, tuple[str, ...]] = {}
    kept_together = 0
    for block in doc.blocks:
        if block.kind not in SPLIT_KINDS:
            blocks.append(block)
            gaps += [None] * len(block.segments)
            continue
        segments: list[Segment] = []
        for seg in block.segments:
            parts, kept = _sentences(seg.text, lang, separator, keep_gaps)
            kept_together += kept
            ids = [seg.id] + [
                new_id() if (new_id is not None and seg.id is not None) else None for _ in parts[1:]
            ]
            for (text, gap), ident in zip(parts, ids, strict=True):
                segments.append(Segment(ident, text, seg.line))
                gaps.append(gap)
            if len(parts) > 1 and seg.id is not None:
                pieces[seg.id] = tuple(i for i in ids if i is not None)
        blocks.append(replace(block, segments=tuple(segments)))
    return Split(replace(doc, blocks=tuple(blocks)), tuple(gaps), pieces, kept_together)


def _sentences(
    text: str, lang: str, separator: str, keep_gaps: bool
) -> tuple[list[tuple[str, str | None]], int]:
    """(sentence, white space after it) for each sentence of ``text``, and how many
    boundaries were not used because their white space could not be recorded.

    White space before the first sentence stays in it, and white space after the
    last stays in that; joining sentences and gaps gives ``text`` back.
    """
    spans = sentence_spans(text, lang)
    if len(spans) < 2:
        return [(text, None)], 0
    # Each piece is (start, end, start of the next): the text between end and the next
    # start is the white space between two sentences.
    pieces: list[list[int]] = []
    kept = 0
    start = 0
    for (_, end), (following, _) in pairwise(spans):
        if not keep_gaps and text[end:following] != separator:
            kept += 1
            continue
        pieces.append([start, end, following])
        start = following
    pieces.append([start, len(text), len(text)])
    # A sentence that would read as another block (a code fence, say) stays with the one
    # before it.
    merged = [pieces[0]]
    for piece in pieces[1:]:
        if starts_block(line_safe(text[piece[0] : piece[1]])):
            merged[-1][1:] = piece[1:]
        else:
            merged.append(piece)
    out: list[tuple[str, str | None]] = []
    for index, (first, end, following) in enumerate(merged):
        last = index == len(merged) - 1
        sentence = text[first:end]
        after = None if last else text[end:following]
        out.append((line_safe(sentence) if index else sentence, after))
    return out, kept
