"""Pairing an original with its translation, bead by bead (toolkit.render.pairing).

Each case is a small original, its translation and their alignment, and the rows
expected: kind, the original's segments, the translation's, the bead's state (None: no
bead names them). A property test holds, over generated alignments, that every segment is
in exactly one row and that rows follow the original's order.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import examples
from toolkit.model import Alignment, Bead, BeadState, Document
from toolkit.render.pairing import Row, RowKind, pair_rows
from toolkit.store.alignfile import parse_alignment
from toolkit.store.document import parse_document

Shape = tuple[str, list[str], list[str], str | None]


def shapes(source: str, target: str, align: str) -> list[Shape]:
    rows = pair_rows(parse_document(source), parse_document(target), parse_alignment(align))
    return [_shape(row) for row in rows]


def _shape(row: Row) -> Shape:
    ids = [[s.id or "" for p in side for s in p.segments] for side in (row.source, row.target)]
    return (row.kind.value, ids[0], ids[1], row.state.value if row.state else None)


PARAGRAPHS_ZH = "一。 {#s1}\n二。 {#s2}\n三。 {#s3}\n\n四。 {#s4}\n"
PARAGRAPHS_EN = "One. {#t1}\nTwo. {#t2}\nThree. {#t3}\n\nFour. {#t4}\n"


def test_sentence_beads_are_rows_and_the_first_of_a_paragraph_opens_it() -> None:
    rows = pair_rows(
        parse_document(PARAGRAPHS_ZH),
        parse_document(PARAGRAPHS_EN),
        parse_alignment("s1 t1\ns2 t2\ns3 t3\ns4 t4\n"),
    )
    assert [_shape(r)[1:3] for r in rows] == [
        (["s1"], ["t1"]),
        (["s2"], ["t2"]),
        (["s3"], ["t3"]),
        (["s4"], ["t4"]),
    ]
    assert [r.opens for r in rows] == [True, False, False, True]


def test_an_n_to_m_bead_is_one_row() -> None:
    align = "s1,s2 t1\ns3 t2,t3\ns4 t4\n"
    assert shapes(PARAGRAPHS_ZH, PARAGRAPHS_EN, align)[:2] == [
        ("text", ["s1", "s2"], ["t1"], "auto"),
        ("text", ["s3"], ["t2", "t3"], "auto"),
    ]


def test_an_omitted_source_has_an_empty_translation_side() -> None:
    align = "s1 t1\ns2 - - omitted\ns3 t2,t3\ns4 t4\n"
    [row] = [r for r in _rows(align) if r.omitted]
    assert _shape(row) == ("text", ["s2"], [], "omitted")


def test_an_added_translation_stays_after_the_bead_before_it_in_the_file() -> None:
    align = "s1 t1\ns2 -\n- t2\ns3 t3\ns4 t4\n"
    assert shapes(PARAGRAPHS_ZH, PARAGRAPHS_EN, align)[1:3] == [
        ("text", ["s2"], [], "auto"),
        ("text", [], ["t2"], "auto"),
    ]


def test_a_crossing_bead_sits_at_its_source_position() -> None:
    align = "s1 t2\ns2 t1\ns3 t3\ns4 t4\n"
    assert [s[1:3] for s in shapes(PARAGRAPHS_ZH, PARAGRAPHS_EN, align)][:2] == [
        (["s1"], ["t2"]),
        (["s2"], ["t1"]),
    ]


def test_rows_follow_the_original_whatever_order_the_file_has() -> None:
    align = "s4 t4\ns3 t3\ns2 t2\ns1 t1\n"
    assert [s[1] for s in shapes(PARAGRAPHS_ZH, PARAGRAPHS_EN, align)] == [
        ["s1"],
        ["s2"],
        ["s3"],
        ["s4"],
    ]


def test_segments_no_bead_names_get_rows_of_their_own_where_they_stand() -> None:
    align = "s1 t1\ns2 t2\ns4 t4\n"  # s3 and t3 in no bead
    assert shapes(PARAGRAPHS_ZH, PARAGRAPHS_EN, align) == [
        ("text", ["s1"], ["t1"], "auto"),
        ("text", ["s2"], ["t2"], "auto"),
        ("text", [], ["t3"], None),  # after the row of t2, the translation's segment before it
        ("text", ["s3"], [], None),
        ("text", ["s4"], ["t4"], "auto"),
    ]


def test_an_untranslated_paragraph_without_beads_loses_nothing() -> None:
    rows = shapes(PARAGRAPHS_ZH, PARAGRAPHS_EN, "")
    assert [s for r in rows for s in r[1]] == ["s1", "s2", "s3", "s4"]
    assert [s for r in rows for s in r[2]] == ["t1", "t2", "t3", "t4"]
    assert {r[3] for r in rows} == {None}


TABLE_ZH = """\
表前。 {#s1}

| 年 {#s2}
| 鳥 {#s3}
|===
| 2024 {#s4}
| 三 {#s5}

表後。 {#s6}
"""
TABLE_EN = """\
Before. {#t1}

| Year {#t2}
| Birds {#t3}
|===
| 2024 {#t4}
| Three {#t5}

After. {#t6}
"""


def test_a_table_is_one_row_whole_whatever_its_cells_beads() -> None:
    align = "s1 t1\ns2 t2\ns3 t3\ns4 t4\ns6 t6\n"  # s5 and t5 in no bead
    assert shapes(TABLE_ZH, TABLE_EN, align) == [
        ("text", ["s1"], ["t1"], "auto"),
        ("text", ["s2", "s3", "s4", "s5"], ["t2", "t3", "t4", "t5"], "auto"),
        ("text", ["s6"], ["t6"], "auto"),
    ]


def test_a_joined_row_is_as_unreviewed_as_its_least_reviewed_bead() -> None:
    align = "s1 t1\ns2 t2 0.9 reviewed\ns3 t3 0.9 auto\ns4 t4 0.9 reviewed\ns5 t5\ns6 t6\n"
    assert shapes(TABLE_ZH, TABLE_EN, align)[1][3] == "auto"


FIGURE_ZH = (
    "# 題 {#s1}\n\n![鳥](b.png) {#s2}\n\n```\nx = 1\n```\n\n***\n\n"
    "正文。[^a] {#s3}\n\n[^a]: 註。 {#s4}\n"
)
FIGURE_EN = (
    "# Title {#t1}\n\n![Birds](b.png) {#t2}\n\n```\nx = 1\n```\n\n```\ny = 2\n```\n\n"
    "Text.[^a] {#t3}\n\n[^a]: Note. {#t4}\n"
)


def test_headings_figures_rules_and_code_are_rows_of_their_own_and_notes_are_not_rows() -> None:
    align = "s1 t1\ns2 t2\ns3 t3\ns4 t4\n"
    assert shapes(FIGURE_ZH, FIGURE_EN, align) == [
        ("heading", ["s1"], ["t1"], "auto"),
        ("figure", ["s2"], ["t2"], "auto"),
        ("block", [], [], None),  # the code block both have: once, the original's
        ("block", [], [], None),  # the translation's other code block, after its text before
        ("block", [], [], None),  # the rule
        ("text", ["s3"], ["t3"], "auto"),
    ]
    rows = pair_rows(parse_document(FIGURE_ZH), parse_document(FIGURE_EN), parse_alignment(align))
    code = [(len(r.source), len(r.target)) for r in rows if r.kind is RowKind.BLOCK]
    assert code == [(1, 0), (0, 1), (1, 0)]
    assert rows[3].target[0].block.code is not None
    assert rows[3].target[0].block.code.text == "y = 2"


def _rows(align: str) -> list[Row]:
    return pair_rows(
        parse_document(PARAGRAPHS_ZH), parse_document(PARAGRAPHS_EN), parse_alignment(align)
    )


# Property: any alignment of generated paragraphs loses and repeats nothing, and rows with
# an original follow its order.


@st.composite
def texts_and_beads(draw: st.DrawFn) -> tuple[Document, Document, Alignment]:
    n_src = draw(st.integers(0, 12))
    n_tgt = draw(st.integers(0, 12))
    breaks = draw(st.sets(st.integers(1, 11), max_size=4))
    source = parse_document(_paragraphs("s", n_src, breaks))
    target = parse_document(_paragraphs("t", n_tgt, breaks))
    src_ids = draw(st.permutations([f"s{i}" for i in range(1, n_src + 1)]))
    tgt_ids = draw(st.permutations([f"t{i}" for i in range(1, n_tgt + 1)]))
    beads: list[Bead] = []
    while src_ids or tgt_ids:
        take_s = draw(st.integers(0, min(2, len(src_ids))))
        take_t = draw(st.integers(0, min(2, len(tgt_ids))))
        if not take_s and not take_t:
            # leave the rest unaligned, or take one from what is left
            if draw(st.booleans()):
                break
            take_s, take_t = (1, 0) if src_ids else (0, 1)
        s, src_ids = tuple(src_ids[:take_s]), src_ids[take_s:]
        t, tgt_ids = tuple(tgt_ids[:take_t]), tgt_ids[take_t:]
        omitted = not t and draw(st.booleans())
        beads.append(Bead(s, t, None, BeadState.OMITTED if omitted else BeadState.AUTO))
    return source, target, Alignment(tuple(draw(st.permutations(beads))))


def _paragraphs(prefix: str, count: int, breaks: set[int]) -> str:
    lines: list[str] = []
    for i in range(1, count + 1):
        if i in breaks and lines:
            lines.append("")
        lines.append(f"{'字' if prefix == 's' else 'word'} {i}. {{#{prefix}{i}}}")
    return "\n".join(lines) + "\n"


@pytest.mark.filterwarnings("error")
@given(texts_and_beads())
@settings(max_examples=examples(200))
def test_every_segment_is_in_exactly_one_row_and_rows_keep_the_originals_order(
    case: tuple[Document, Document, Alignment],
) -> None:
    source, target, alignment = case
    rows = pair_rows(source, target, alignment)
    shown_src = [s.id or "" for r in rows for p in r.source for s in p.segments]
    shown_tgt = [s.id or "" for r in rows for p in r.target for s in p.segments]
    assert sorted(shown_src) == sorted(source.segment_ids())
    assert sorted(shown_tgt) == sorted(target.segment_ids())
    order = {seg_id: n for n, seg_id in enumerate(source.segment_ids())}
    firsts = [
        min(order[s.id or ""] for p in r.source for s in p.segments) for r in rows if r.source
    ]
    assert firsts == sorted(firsts)
