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


def _doc(*blocks: tuple[str, ...]) -> Document:
    """A paragraph per tuple of segment IDs; each segment's text is the test encoder's
    meaning, the ID's digits."""
    return Document(
        tuple(
            Block(BlockKind.PARAGRAPH, tuple(Segment(i, f"{i[1:]} {int(i[1:]) * 7}") for i in b))
            for b in blocks
        )
    )


def test_a_comment_stays_above_its_bead_when_beads_are_added_before_it() -> None:
    """Found on the guide: new text early in a work moved the reason for an omission to
    the bead above it."""
    mark = "0123456789ab"
    existing = Alignment(
        (
            Bead(("s1",), ("t1",), state=BeadState.REVIEWED, fingerprint=mark),
            Bead(("s2",), ("t2",), state=BeadState.REVIEWED, fingerprint=mark),
            Bead(("s3",), (), state=BeadState.OMITTED, fingerprint=mark),
        ),
        comments=((0, "# the header"), (2, "# s3 is a pun: left out"), (3, "# the end")),
    )
    source = _doc(("s8", "s9"), ("s1", "s2", "s3"))  # a new first paragraph
    target = _doc(("t8", "t9"), ("t1", "t2"))
    again = align_document(source, target, ("zh-Hant", "en"), existing, encoder=FAKE)
    above = {text: again.beads[k] if k < len(again.beads) else None for k, text in again.comments}
    assert above["# s3 is a pun: left out"] == existing.beads[2]
    assert above["# the end"] is None
    assert again.comments[0] == (0, "# the header")
    assert [b.source for b in again.beads[:2]] == [("s8",), ("s9",)]


def test_a_comment_above_a_bead_aligned_afresh_goes_above_the_bead_holding_its_segment() -> None:
    existing = Alignment(
        (Bead(("s1",), ("t1",)), Bead(("s2",), ("t2",)), Bead(("s3",), ("t3",))),
        comments=((0, "# the header"), (2, "# about s3")),
    )
    source = _doc(("s7",), ("s1", "s2", "s3"))
    target = _doc(("t7",), ("t1", "t2", "t3"))
    again = align_document(source, target, ("zh-Hant", "en"), existing, encoder=FAKE)
    (k,) = [k for k, text in again.comments if text == "# about s3"]
    assert "s3" in again.beads[k].source
