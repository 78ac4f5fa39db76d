"""Alignment files: beads of every shape, exact round trips, and clear errors."""

from __future__ import annotations

import string
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import examples
from toolkit.errors import FormatError
from toolkit.model import Alignment, Bead, BeadState, Layout
from toolkit.store.alignfile import (
    HEADER,
    new_alignment,
    parse_alignment,
    read_alignment,
    write_alignment,
)

A, R, L, OMIT = BeadState.AUTO, BeadState.REVIEWED, BeadState.LOCKED, BeadState.OMITTED

EXAMPLE = (
    "# source\ttranslation\tscore\tstate\n"
    "s1\tt1\t0.93\tauto\n"
    "s2,s3\tt2\t0.71\treviewed\n"
    "s4\tt3,t4\t1\tlocked\n"
    "# 第五句譯者略去，第六句尚未翻譯\n"
    "s5\t-\t-\tomitted\n"
    "s6\t-\n"
    "\n"
    "-\tt5\t-\tlocked\n"
    "s7    t6   0.5\n"
)


def test_every_bead_shape_is_read() -> None:
    alignment = parse_alignment(EXAMPLE)
    assert alignment.beads == (
        Bead(("s1",), ("t1",), 0.93, A),
        Bead(("s2", "s3"), ("t2",), 0.71, R),
        Bead(("s4",), ("t3", "t4"), 1.0, L),
        Bead(("s5",), (), None, OMIT),
        Bead(("s6",), (), None, A),
        Bead((), ("t5",), None, L),
        Bead(("s7",), ("t6",), 0.5, A),
    )
    assert [b.shape for b in alignment.beads] == ["1-1", "2-1", "1-2", "1-0", "1-0", "0-1", "1-1"]
    assert [b.line for b in alignment.beads] == [2, 3, 4, 6, 7, 9, 10]
    assert alignment.comments == (
        (0, "# source\ttranslation\tscore\tstate"),
        (3, "# 第五句譯者略去，第六句尚未翻譯"),
        (5, ""),
    )
    assert write_alignment(alignment) == EXAMPLE


def test_a_changed_bead_is_rewritten_and_nothing_else() -> None:
    text = EXAMPLE.replace("\n", "\r\n")
    alignment = parse_alignment(text)
    beads = list(alignment.beads)
    beads[1] = replace(beads[1], state=L)
    beads[6] = replace(beads[6], target=("t6", "t7"))
    out = write_alignment(replace(alignment, beads=tuple(beads)))
    assert out == (
        text.replace("s2,s3\tt2\t0.71\treviewed", "s2,s3\tt2\t0.71\tlocked").replace(
            "s7    t6   0.5", "s7\tt6,t7\t0.5\tauto"
        )
    )


@pytest.mark.parametrize(
    ("bead", "line"),
    [
        (Bead(("s1",), ("t1",), 0.5), "s1\tt1\t0.5\tauto"),
        (Bead(("s1", "s2"), ("t1",), 1.0, R), "s1,s2\tt1\t1\treviewed"),
        (Bead(("s1",), ("t1", "t2", "t3"), 0.25, L), "s1\tt1,t2,t3\t0.25\tlocked"),
        (Bead(("s3",), (), None, OMIT), "s3\t-\t-\tomitted"),
        (Bead((), ("t2",), 0.0, L), "-\tt2\t0\tlocked"),
        # Scores are kept to three decimals.
        (Bead(("s4",), ("t3",), 0.12345), "s4\tt3\t0.123\tauto"),
        (Bead(("s5",), ("t4",), 0.9999), "s5\tt4\t1\tauto"),
    ],
)
def test_bead_lines_as_written(bead: Bead, line: str) -> None:
    assert write_alignment(Alignment((bead,))) == line + "\n"


def test_new_alignment_starts_with_the_column_header() -> None:
    text = write_alignment(new_alignment([Bead(("s1",), ("t1",))]))
    assert text == "# source\ttranslation\tscore\tstate\tfingerprint\ns1\tt1\t-\tauto\n"
    assert text.startswith(HEADER + "\n")
    assert write_alignment(Alignment()) == ""
    assert parse_alignment("") == Alignment()


def test_bom_and_crlf_are_kept(tmp_path: Path) -> None:
    text = "\ufeff# source\ttranslation\tscore\tstate\r\ns1\tt1\t0.9\tauto\r\n"
    path = tmp_path / "en.align"
    path.write_bytes(text.encode("utf-8"))
    alignment = read_alignment(path)
    assert alignment.beads == (Bead(("s1",), ("t1",), 0.9, A),)
    assert alignment.layout == Layout("\r\n", True, 0, True)
    assert write_alignment(alignment) == text


# --- generated files and alignments ----------------------------------------------------------

HAN = "今天譯者略去第句尚未翻譯校對"
comment_text = st.text(
    st.one_of(st.sampled_from(HAN + "，。「」"), st.sampled_from(string.printable.strip())),
    max_size=20,
).map(lambda t: t.replace("\r", "").replace("\n", ""))
sep = st.sampled_from(["\t", " ", "  ", "\t\t", " \t", "\t "])
score_token = st.one_of(
    st.sampled_from(["-", "0", "1", "0.5", "0.93", ".5", "1.0", "0.125", "1e-1", "0.333333"]),
    st.floats(0, 1).map(repr),
)
prefix = st.sampled_from(["s", "t", "zh.", "p1-", "A_", "x"])


@st.composite
def alignment_files(draw: st.DrawFn) -> tuple[str, list[Bead]]:
    """An alignment file from the format's grammar, and the beads it must read as."""
    counter = iter(range(1, 10_000))

    def ids(n: int) -> tuple[str, ...]:
        return tuple(f"{draw(prefix)}{next(counter)}" for _ in range(n))

    lines: list[str] = []
    beads: list[Bead] = []
    for _ in range(draw(st.integers(0, 8))):
        kind = draw(st.sampled_from(["bead", "bead", "bead", "comment", "blank"]))
        if kind == "comment":
            lines.append("#" + draw(comment_text))
            continue
        if kind == "blank":
            lines.append(draw(st.sampled_from(["", " ", "\t", "  \t"])))
            continue
        n_source, n_target = draw(
            st.tuples(st.integers(0, 3), st.integers(0, 3)).filter(lambda p: p != (0, 0))
        )
        source, target = ids(n_source), ids(n_target)
        columns = [",".join(source) or "-", ",".join(target) or "-"]
        score: float | None = None
        state = A
        fingerprint: str | None = None
        n_columns = draw(st.integers(2, 5))
        if n_columns >= 3:
            token = draw(score_token)
            columns.append(token)
            score = None if token == "-" else float(token)
        if n_columns >= 4:
            states = [s for s in BeadState if s is not OMIT or not target]
            state = draw(st.sampled_from(states))
            columns.append(state.value)
        if n_columns == 5:
            fingerprint = draw(st.text("0123456789abcdef", min_size=12, max_size=12))
            columns.append(fingerprint)
        line = draw(st.sampled_from(["", " ", "\t"]))
        for n, column in enumerate(columns):
            line += (draw(sep) if n else "") + column
        lines.append(line + draw(st.sampled_from(["", "", " ", "\t"])))
        beads.append(Bead(source, target, score, state, fingerprint))
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    text = newline.join(lines) + (newline if draw(st.booleans()) else "")
    return ("\ufeff" if draw(st.booleans()) else "") + text, beads


@settings(max_examples=examples(200), deadline=None)
@given(alignment_files())
def test_generated_files_read_as_their_beads_and_are_written_back_exactly(
    case: tuple[str, list[Bead]],
) -> None:
    text, beads = case
    alignment = parse_alignment(text)
    assert list(alignment.beads) == beads
    assert write_alignment(alignment) == text


@st.composite
def alignments(draw: st.DrawFn) -> Alignment:
    counter = iter(range(1, 10_000))
    beads = []
    for _ in range(draw(st.integers(0, 8))):
        n_source, n_target = draw(
            st.tuples(st.integers(0, 3), st.integers(0, 3)).filter(lambda p: p != (0, 0))
        )
        source = tuple(f"s{next(counter)}" for _ in range(n_source))
        target = tuple(f"t{next(counter)}" for _ in range(n_target))
        score = draw(st.one_of(st.none(), st.integers(0, 1000).map(lambda n: n / 1000)))
        state = draw(st.sampled_from([s for s in BeadState if s is not OMIT or not target]))
        fingerprint = draw(
            st.one_of(st.none(), st.text("0123456789abcdef", min_size=12, max_size=12))
        )
        beads.append(Bead(source, target, score, state, fingerprint))
    comments = draw(st.lists(st.tuples(st.integers(0, len(beads)), comment_text.map("#".__add__))))
    return Alignment(tuple(beads), tuple(sorted(comments, key=lambda c: c[0])))


@settings(max_examples=examples(200), deadline=None)
@given(alignments())
def test_alignments_read_back_as_written(alignment: Alignment) -> None:
    text = write_alignment(alignment)
    back = parse_alignment(text)
    assert back == alignment
    assert back.comments == alignment.comments
    for bead in back.beads:  # fresh beads: four tab-separated columns, or five with a fingerprint
        assert len(bead.raw.split("\t")) == (4 if bead.fingerprint is None else 5)


# --- errors ----------------------------------------------------------------------------------

PATH = "translations/試驗/en.align"


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("s1\n", 1, "2 to 5 columns"),
        ("# 標頭\ns1 t1 0.5 auto 0cc175b9e3b0 多餘\n", 2, "2 to 5 columns"),
        ("s1 t1 0.5 reviewed 多餘\n", 1, "not twelve hex digits"),
        ("s1 t1 0.5 reviewed 0CC175B9E3B0\n", 1, "not twelve hex digits"),
        ("s1 t1 高\n", 1, "score"),
        ("s1 t1 1.5\n", 1, "score"),
        ("s1 t1 -0.1\n", 1, "score"),
        ("s1 t1 nan\n", 1, "score"),
        ("s1 t1 inf\n", 1, "score"),
        ("s1 t1 0,5\n", 1, "score"),
        ("s1 t1 0.5 done\n", 1, "unknown state"),
        ("s1 t1 0.5 Auto\n", 1, "unknown state"),
        ("s0 -\ns1 t1 0.5 omitted\n", 2, "omitted"),
        ("s1 t1\ns1 t2\n", 2, "two beads"),
        ("s1 t1\ns2 t1\n", 2, "two beads"),
        ("s1,s2 t1\n# 註\ns3 t2,t1\n", 3, "two beads"),
        ("- -\n", 1, "at least one side"),
        ("1s t1\n", 1, "not a segment ID"),
        ("s1,,s2 t1\n", 1, "not a segment ID"),
        ("s1 t1,\n", 1, "not a segment ID"),
        ("s#1 t1\n", 1, "not a segment ID"),
        ("s1 t1\n  # 縮排的不是註解\n", 2, "not a segment ID"),
        ("s1,s1 t1\n", 1, "twice"),
        ("s1 t1,t1\n", 1, "twice"),
        ("s1 t1\r\ns2 t2\ns3 t3\r\n", 2, "line endings"),
        ("s1 t1\ns2 -\r\n", 1, "line endings"),
        ("s1\n-\r\n", 1, "line endings"),  # was read as one bead 's1 -'
    ],
)
def test_format_errors_name_file_line_and_fix(text: str, line: int, words: str) -> None:
    with pytest.raises(FormatError) as caught:
        parse_alignment(text, PATH)
    err = caught.value
    assert err.where is not None
    assert (str(err.where.path), err.where.line) == (PATH, line)
    assert err.fix.strip()
    assert str(err).startswith(f"{PATH}:{line}: ")
    assert words in err.message


def test_a_segment_in_two_beads_names_both_lines() -> None:
    with pytest.raises(FormatError) as caught:
        parse_alignment("# 標頭\ns1\tt1\ns2\tt2\ns1\tt3\n", PATH)
    assert caught.value.where is not None and caught.value.where.line == 4
    assert "s1" in caught.value.message and "line 2" in caught.value.message


def test_unknown_state_fix_lists_the_states() -> None:
    with pytest.raises(FormatError) as caught:
        parse_alignment("s1\tt1\t0.5\tdone\n", PATH)
    for state in ("auto", "reviewed", "locked", "omitted"):
        assert state in caught.value.fix


def test_not_utf8_is_refused_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "en.align"
    path.write_bytes("# 標頭\ns1\tt1\n".encode() + "# 第二句\n".encode("big5"))
    with pytest.raises(FormatError) as caught:
        read_alignment(path)
    assert caught.value.where is not None
    assert (caught.value.where.path, caught.value.where.line) == (path, 3)
    assert caught.value.fix.strip()
    assert str(caught.value).startswith(f"{path}:3: ")


@pytest.mark.parametrize(
    "bead",
    [
        Bead((), ()),
        Bead(("s1",), ("t1",), state=BeadState.OMITTED),
        Bead(("1s",), ("t1",)),
        Bead(("s1",), ("t 1",)),
        Bead(("s1",), ("t1",), score=1.5),
        Bead(("s1", "s1"), ("t1",)),
    ],
)
def test_writer_refuses_beads_that_would_not_read_back(bead: Bead) -> None:
    with pytest.raises(ValueError):
        write_alignment(Alignment((bead,)))


def test_scores_are_written_to_three_decimals() -> None:
    text = write_alignment(Alignment((Bead(("s1",), ("t1",), score=0.98765),)))
    assert text == "s1\tt1\t0.988\tauto\n"


def test_only_spaces_and_tabs_separate_columns() -> None:
    # An ideographic space (U+3000) is not a column separator: the line is one column.
    with pytest.raises(FormatError, match="2 to 5 columns, this line has 1"):
        parse_alignment("s1\u3000t1\n", PATH)
