"""Align a work's translation with its original: blocks first, then sentences within them.

Stages, as the log names them: ``anchors`` (beads a person reviewed, locked or omitted
stay exactly as they are; the aligner fills the gaps between them) → ``blocks``
(headings and paragraphs of each gap, aligned as units) → ``sentences`` (the
sentence lines of each pair of aligned blocks) → ``beads``. A block the translator
left out gives a 1-0 bead per sentence, a block the translator added a 0-1 bead per
sentence. Segment IDs never change.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from toolkit.align.core import AlignOptions, Encoder, align_sentences, estimate_ratio
from toolkit.metadata import sentence_separator
from toolkit.model import PERSON_STATES, Alignment, Bead, BeadState, Document
from toolkit.store.alignfile import HEADER
from toolkit.store.inline import plain_text

log = logging.getLogger("toolkit.align")

#: The first pass, over blocks: a paragraph the translator left out or added is a common
#: and whole-paragraph thing, and its meaning is strong evidence, so an empty bead costs
#: nothing beyond the score it forgoes (measured: benchmarks/blocks_bench.py).
BLOCK_OPTIONS = AlignOptions(empty_penalty=0.0)


@dataclass(frozen=True)
class _Unit:
    """One block's segments (those not in a person's bead), with their plain text."""

    ids: tuple[str, ...]
    texts: tuple[str, ...]


@dataclass(frozen=True)
class Side:
    """One language's text as the aligner sees it: segment IDs in order, by block."""

    lang: str
    blocks: tuple[_Unit, ...]

    @classmethod
    def of(cls, doc: Document, lang: str) -> Side:
        units = []
        for block in doc.blocks:
            pairs = [(s.id, plain_text(s.text)) for s in block.segments if s.id is not None]
            if pairs:
                ids, texts = zip(*pairs, strict=True)
                units.append(_Unit(tuple(ids), tuple(texts)))
        return cls(lang, tuple(units))

    def order(self) -> dict[str, int]:
        return {ident: n for n, ident in enumerate(i for u in self.blocks for i in u.ids)}

    def keeping(self, wanted: Callable[[str], bool]) -> Side:
        """This side with only the segments ``wanted`` says yes to (empty blocks dropped)."""
        units = []
        for unit in self.blocks:
            keep = [(i, t) for i, t in zip(unit.ids, unit.texts, strict=True) if wanted(i)]
            if keep:
                ids, texts = zip(*keep, strict=True)
                units.append(_Unit(tuple(ids), tuple(texts)))
        return Side(self.lang, tuple(units))

    def block_text(self, unit: _Unit) -> str:
        return sentence_separator(self.lang).join(unit.texts)


def align_document(
    source: Document,
    target: Document,
    langs: tuple[str, str],
    existing: Alignment | None = None,
    *,
    options: AlignOptions | None = None,
    encoder: Encoder | None = None,
) -> Alignment:
    """The alignment of ``target`` (language ``langs[1]``) with ``source`` (``langs[0]``).

    Beads of ``existing`` that a person set (reviewed, locked, omitted) are kept exactly,
    comments of the file too; every other segment is aligned afresh in state ``auto``.
    """
    src, tgt = Side.of(source, langs[0]), Side.of(target, langs[1])
    src_order, tgt_order = src.order(), tgt.order()
    fixed = [b for b in (existing.beads if existing else ()) if b.state in PERSON_STATES]
    taken_src = {i for b in fixed for i in b.source}
    taken_tgt = {i for b in fixed for i in b.target}
    anchors = _anchors(fixed, src_order, tgt_order)
    log.info("anchors: %d beads a person set, %d used as anchors", len(fixed), len(anchors))
    options = options or AlignOptions()
    all_src = [t for u in src.blocks for t in u.texts]
    all_tgt = [t for u in tgt.blocks for t in u.texts]
    if options.length_ratio is None and all_src and all_tgt:
        options = replace(options, length_ratio=estimate_ratio(all_src, all_tgt))
    free_src = src.keeping(lambda i: i not in taken_src)
    free_tgt = tgt.keeping(lambda i: i not in taken_tgt)
    new: list[Bead] = []
    # Gap k lies after anchor k-1 and before anchor k, on both sides.
    last = 10**12
    bounds = [(-1, -1), *[_span(a, src_order, tgt_order, max) for a in anchors]]
    ends = [*[_span(a, src_order, tgt_order, min) for a in anchors], (last, last)]
    for (s_low, t_low), (s_high, t_high) in zip(bounds, ends, strict=True):
        gap_src = free_src.keeping(_between(src_order, s_low, s_high))
        gap_tgt = free_tgt.keeping(_between(tgt_order, t_low, t_high))
        new += _align_gap(gap_src, gap_tgt, options, encoder)
    beads = _in_source_order([*fixed, *new], src_order, tgt_order)
    log.info("beads: %d (%d kept, %d new)", len(beads), len(fixed), len(new))
    comments = existing.comments_for(beads) if existing else ((0, HEADER),)
    layout = existing.layout if existing else Alignment().layout
    return Alignment(tuple(beads), comments, layout)


def _between(order: dict[str, int], low: int, high: int) -> Callable[[str], bool]:
    """Whether a segment stands between positions ``low`` and ``high`` (both excluded)."""
    return lambda ident: low < order[ident] < high


def _span(
    bead: Bead, src_order: dict[str, int], tgt_order: dict[str, int], pick: Callable[..., int]
) -> tuple[int, int]:
    return pick(src_order[i] for i in bead.source), pick(tgt_order[i] for i in bead.target)


def _anchors(
    fixed: Sequence[Bead], src_order: dict[str, int], tgt_order: dict[str, int]
) -> list[Bead]:
    """The person's beads with both sides present and known that keep source and target in
    the same order: they split the rest into gaps aligned one by one."""
    usable = [
        b
        for b in fixed
        if b.source
        and b.target
        and all(i in src_order for i in b.source)
        and all(i in tgt_order for i in b.target)
    ]
    usable.sort(key=lambda b: src_order[b.source[0]])
    chain: list[Bead] = []
    for bead in usable:
        if not chain or (
            tgt_order[bead.target[0]] > tgt_order[chain[-1].target[-1]]
            and src_order[bead.source[0]] > src_order[chain[-1].source[-1]]
        ):
            chain.append(bead)
    return chain


def _align_gap(src: Side, tgt: Side, options: AlignOptions, encoder: Encoder | None) -> list[Bead]:
    """Blocks first, then the sentences of each pair of aligned blocks."""
    if not src.blocks or not tgt.blocks:
        # Nothing on the other side to compare with: each sentence is a bead of its own, and
        # the aligner has no confidence to give (a person decides: translate it, or mark it).
        return [Bead((i,), ()) for u in src.blocks for i in u.ids] + [
            Bead((), (i,)) for u in tgt.blocks for i in u.ids
        ]
    block_options = replace(BLOCK_OPTIONS, length_ratio=options.length_ratio)
    block_beads = align_sentences(
        [src.block_text(u) for u in src.blocks],
        [tgt.block_text(u) for u in tgt.blocks],
        block_options,
        encoder,
    )
    out: list[Bead] = []
    for block in block_beads:
        s_units = [src.blocks[i] for i in block.source]
        t_units = [tgt.blocks[i] for i in block.target]
        s_ids = [i for u in s_units for i in u.ids]
        t_ids = [i for u in t_units for i in u.ids]
        if not s_ids or not t_ids:
            # A block left out or added: each of its sentences is a bead of its own.
            out += [Bead((i,), (), block.score) for i in s_ids]
            out += [Bead((), (i,), block.score) for i in t_ids]
            continue
        if len(s_ids) == 1 and len(t_ids) == 1:
            out.append(Bead((s_ids[0],), (t_ids[0],), block.score))
            continue
        s_texts = [t for u in s_units for t in u.texts]
        t_texts = [t for u in t_units for t in u.texts]
        for bead in align_sentences(s_texts, t_texts, options, encoder):
            source = tuple(s_ids[i] for i in bead.source)
            target = tuple(t_ids[i] for i in bead.target)
            # A sentence bead is no surer than the pairing of the blocks it lies in.
            out.append(Bead(source, target, min(bead.score, block.score), BeadState.AUTO))
    return [replace(b, score=None if b.score is None else round(b.score, 3)) for b in out]


def _in_source_order(
    beads: Sequence[Bead], src_order: dict[str, int], tgt_order: dict[str, int]
) -> list[Bead]:
    """Beads in the order of the original; a 0-1 bead after the bead before its sentence.

    A bead naming segments that no longer exist keeps its place at the end.
    """
    known = len(src_order) + 1

    def key(bead: Bead) -> tuple[float, float]:
        if bead.source:
            first = src_order.get(bead.source[0], known)
            return (first, tgt_order.get(bead.target[0], -1) if bead.target else -1)
        # 0-1: just after the source position of the bead holding the target sentence before it.
        position = tgt_order.get(bead.target[0], len(tgt_order) + 1)
        return (_source_before(beads, src_order, tgt_order, position), position)

    return sorted(beads, key=key)


def _source_before(
    beads: Sequence[Bead], src_order: dict[str, int], tgt_order: dict[str, int], position: int
) -> float:
    """The source position just after the last bead whose translation comes before
    ``position`` (a half step, so a 0-1 bead sorts after that bead)."""
    best = -1.0
    for bead in beads:
        if bead.source and bead.target:
            last = max(tgt_order.get(t, -1) for t in bead.target)
            if last < position:
                best = max(best, max(src_order.get(s, -1) for s in bead.source) + 0.5)
    return best
