"""Aligning a work's documents: every segment in exactly one bead, in order, whatever the text
and whatever a person set before (property tests, with the test encoder: no model needed)."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import examples
from tests.test_aligner import FAKE
from toolkit.align.work import align_document
from toolkit.model import Alignment, Bead, BeadState, Block, BlockKind, Document, Segment


@st.composite
def documents(draw: st.DrawFn, prefix: str) -> Document:
    """Blocks of 1-3 segments whose text is numbers: the test encoder's meaning."""
    blocks = []
    counter = 0
    for _ in range(draw(st.integers(0, 6))):
        segments = []
        for _ in range(draw(st.integers(1, 3))):
            counter += 1
            meaning = draw(st.integers(1, 9))
            segments.append(Segment(f"{prefix}{counter}", f"{meaning} {meaning * 7}"))
        blocks.append(Block(BlockKind.PARAGRAPH, tuple(segments)))
    return Document(tuple(blocks))


def _covered(alignment: Alignment, doc: Document, side: str) -> None:
    named = [i for bead in alignment.beads for i in getattr(bead, side)]
    assert sorted(named) == sorted(doc.segment_ids())  # each exactly once


@settings(max_examples=examples(60), deadline=None)
@given(documents("s"), documents("t"))
def test_every_segment_is_in_exactly_one_bead(source: Document, target: Document) -> None:
    alignment = align_document(source, target, ("zh-Hant", "en"), encoder=FAKE)
    _covered(alignment, source, "source")
    _covered(alignment, target, "target")
    order = {ident: n for n, ident in enumerate(source.segment_ids())}
    firsts = [order[b.source[0]] for b in alignment.beads if b.source]
    assert firsts == sorted(firsts)  # in the original's order
    assert all(b.state is BeadState.AUTO for b in alignment.beads)


@settings(max_examples=examples(60), deadline=None)
@given(documents("s"), documents("t"), st.data())
def test_what_a_person_set_is_kept_exactly(
    source: Document, target: Document, data: st.DataObject
) -> None:
    first = align_document(source, target, ("zh-Hant", "en"), encoder=FAKE)
    states = [BeadState.REVIEWED, BeadState.LOCKED, BeadState.AUTO]
    beads = []
    for bead in first.beads:
        state = data.draw(st.sampled_from(states))
        if state is not BeadState.AUTO:
            bead = replace(bead, state=state, fingerprint="0123456789ab")
        beads.append(bead)
    person = [b for b in beads if b.state is not BeadState.AUTO]
    again = align_document(source, target, ("zh-Hant", "en"), Alignment(tuple(beads)), encoder=FAKE)
    kept = [b for b in again.beads if b.state is not BeadState.AUTO]
    assert sorted(kept, key=_key) == sorted(person, key=_key)
    _covered(again, source, "source")
    _covered(again, target, "target")


def _key(bead: Bead) -> tuple[str, ...]:
    return (*bead.source, "|", *bead.target)
