"""Sentence segmentation: golden cases per language, markup, and the interface's guarantees.

Golden cases live in tests/cases/segment/<lang>.txt, the file's name being the language
tag the cases are segmented with. A case is a header line ``=== name``, one line of input
(a paragraph in the store's inline markup), a line ``---``, then the expected sentences,
one per line, exactly as ``split_sentences`` returns them. Blank lines and lines starting
with ``# `` between cases are ignored (no input or sentence starts with ``# ``). Cases
whose white space matters (leading, trailing, U+3000, no-break spaces) are written here in
Python instead, where the characters can be spelled out.
"""

from __future__ import annotations

import string
from collections.abc import Sequence
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import examples
from toolkit.model import Inline, Text
from toolkit.segment import sentence_spans, split_sentences, uses_chinese_rules
from toolkit.segment.chars import NOTE, OBJECT
from toolkit.segment.markup import Kind, pieces, project, scanned, zones
from toolkit.store.inline import merge_texts, parse_inline, plain_text

CASES = Path(__file__).parent / "cases" / "segment"

Case = tuple[str, str, list[str]]


def load_cases(path: Path) -> list[Case]:
    """The cases of one file: (name, input, expected sentences)."""
    cases: list[Case] = []
    lines = [
        line
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("# ")
    ]
    i = 0
    while i < len(lines):
        header = lines[i]
        assert header.startswith("=== "), f"{path.name}: expected '=== name', got {header!r}"
        assert lines[i + 2] == "---", f"{path.name}: case {header} has no '---' after its input"
        j = i + 3
        while j < len(lines) and not lines[j].startswith("=== "):
            j += 1
        cases.append((header[4:].strip(), lines[i + 1], lines[i + 3 : j]))
        i = j
    return cases


def golden(lang: str) -> list[object]:
    return [
        pytest.param(lang, text, expected, id=f"{lang}-{name}")
        for name, text, expected in load_cases(CASES / f"{lang}.txt")
    ]


# --- golden cases ------------------------------------------------------------------------------


def test_the_case_files_hold_enough_distinct_cases() -> None:
    for lang, least in (("zh", 40), ("en", 50)):
        cases = load_cases(CASES / f"{lang}.txt")
        names = [name for name, _, _ in cases]
        assert len(cases) >= least, f"{lang}.txt holds only {len(cases)} cases"
        assert len(set(names)) == len(names), f"{lang}.txt repeats a case name"


@pytest.mark.parametrize(("lang", "text", "expected"), [*golden("zh"), *golden("en")])
def test_golden_case(lang: str, text: str, expected: list[str]) -> None:
    assert split_sentences(text, lang) == expected
    assert_guarantees(text, sentence_spans(text, lang))


# --- languages -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "lang", ["zh", "zh-Hant", "zh-Hant-TW", "zh-Hans", "zh-TW", "zh_CN", "ZH", "yue", "ja"]
)
def test_chinese_tags_select_the_chinese_rules(lang: str) -> None:
    assert uses_chinese_rules(lang)
    # With the Chinese rules, white space after a closed quotation is a break.
    assert split_sentences("他說：「走吧。」 她點點頭。", lang) == [
        "他說：「走吧。」",
        "她點點頭。",
    ]


@pytest.mark.parametrize("lang", ["en", "en-GB", "EN-us", "fr", "de-CH", "", "x-unknown"])
def test_other_tags_select_the_english_rules(lang: str) -> None:
    assert not uses_chinese_rules(lang)
    # With the English rules, what follows the white space decides.
    assert split_sentences("He wrote 「走吧。」 and left.", lang) == [
        "He wrote 「走吧。」 and left."
    ]


def test_script_subtag_selects_the_chinese_rules() -> None:
    assert uses_chinese_rules("und-Hant")
    assert not uses_chinese_rules("en-Latn")


# --- white space ---------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", " ", "\t \u3000\u00a0\n"])
def test_nothing_to_segment(text: str) -> None:
    assert sentence_spans(text, "zh") == []
    assert sentence_spans(text, "en") == []
    assert split_sentences(text, "en") == []


def test_leading_white_space_belongs_to_the_first_sentence() -> None:
    text = "\u3000\u3000他走了。她來了。\u3000"
    assert sentence_spans(text, "zh-Hant") == [(0, 6), (6, 10)]
    assert split_sentences(text, "zh-Hant") == ["\u3000\u3000他走了。", "她來了。"]


def test_white_space_between_sentences_lies_between_the_spans() -> None:
    text = "  One.\t\u00a0Two.\u2028Three.  "
    assert split_sentences(text, "en") == ["  One.", "Two.", "Three."]
    assert sentence_spans(text, "en") == [(0, 6), (8, 12), (13, 19)]


def test_ideographic_space_breaks_chinese_sentences() -> None:
    assert split_sentences("他走了。\u3000她來了。", "zh") == ["他走了。", "她來了。"]


def test_no_break_space_after_an_abbreviation_binds() -> None:
    assert split_sentences("See p.\u00a0Five of the report.", "en") == [
        "See p.\u00a0Five of the report."
    ]
    assert split_sentences("It ended.\u00a0The end.", "en") == ["It ended.\u00a0The end."]


def test_a_tab_separates_like_a_space() -> None:
    assert split_sentences("It ended.\tThe end.", "en") == ["It ended.", "The end."]


# --- protected spans -----------------------------------------------------------------------------


def test_protected_span_prevents_a_boundary() -> None:
    text = "他走了。她來了。我也走了。"
    assert sentence_spans(text, "zh") == [(0, 4), (4, 8), (8, 13)]
    assert sentence_spans(text, "zh", [(2, 6)]) == [(0, 8), (8, 13)]
    # A boundary at a protected span's edge is not inside it.
    assert sentence_spans(text, "zh", [(0, 4), (4, 8)]) == [(0, 4), (4, 8), (8, 13)]


def test_protected_span_covering_the_white_space_between_sentences() -> None:
    text = "One. Two."
    # The space between the sentences may not stand outside them.
    assert sentence_spans(text, "en", [(4, 5)]) == [(0, 9)]
    # Spans that end where a sentence ends, or start where one starts, are not crossed.
    assert sentence_spans(text, "en", [(3, 4)]) == [(0, 4), (5, 9)]
    assert sentence_spans(text, "en", [(5, 6)]) == [(0, 4), (5, 9)]


def test_odd_protected_spans_are_ignored_or_clipped() -> None:
    text = "One. Two."
    assert sentence_spans(text, "en", [(6, 2), (4, 4), (-5, 1), (8, 100)]) == [(0, 4), (5, 9)]
    assert sentence_spans(text, "en", [(-5, 100)]) == [(0, 9)]


# --- markup: the projection agrees with the store's parser ---------------------------------------


def test_projection_reads_through_markup() -> None:
    projection = project("**Go.** `x` [a](u)[^1] \\*")
    assert projection.text == "Go. \ue000 a\ue001 *"
    assert projection.zones == ((0, 7), (8, 11), (12, 18), (18, 22), (23, 25))


# --- properties ----------------------------------------------------------------------------------

HAN = "今天天氣很好我們去公園散步中俄背靠背說明了不"
CJK_PUNCT = "，。「」『』（）《》：；！？、…⋯—“”‘’"
LATIN = "abcXYZ019 .!?"
SPACES = " \t\u3000\u00a0\u2028\u0085\u202f"
MARKUP = ["*", "**", "`", "[", "]", "(", ")", "[^1]", "](https://x.org/a.b)", "\\", "\\*"]
WORDS = ["Mr.", "U.S.", "etc.", "3.5", "...", "……", "。」", "?”", "e.g.", "www.x.org."]

char = st.one_of(
    st.sampled_from(HAN),
    st.sampled_from(CJK_PUNCT),
    st.sampled_from(LATIN),
    st.sampled_from(SPACES),
    st.sampled_from(string.punctuation),
    st.characters(exclude_categories=["Cs"]),
)
chunk = st.one_of(char, st.sampled_from(MARKUP), st.sampled_from(WORDS))
paragraph = st.lists(chunk, max_size=40).map("".join)
langs = st.sampled_from(["zh", "zh-Hant-TW", "en", "en-GB", "fr"])


def assert_guarantees(
    text: str, spans: list[tuple[int, int]], protected: Sequence[tuple[int, int]] = ()
) -> None:
    """The interface's promises: ordered, non-empty, non-overlapping spans that hold
    every non-white-space character, with white space only around them, and no boundary
    inside a protected span."""
    if not text.strip():
        assert spans == []
        return
    assert spans[0][0] == 0
    assert spans[-1][1] == len(text.rstrip())
    assert text[spans[-1][1] :].isspace() or spans[-1][1] == len(text)
    for start, end in spans:
        assert start < end
        assert text[start:end].strip(), "a span of white space only"
    for (_, end), (start, _) in pairwise(spans):
        assert end <= start
        assert text[end:start].strip() == "", f"non-white-space between sentences: {text!r}"
        for low, high in protected:
            # Neither end of the boundary lies strictly inside the span ...
            assert not low < end < high and not low < start < high, f"cut in {(low, high)}"
            # ... nor any character between the sentences in it.
            assert not set(range(end, start)) & set(range(low, high)), f"gap in {(low, high)}"
    rebuilt = text[: spans[0][0]]
    for k, (start, end) in enumerate(spans):
        after = spans[k + 1][0] if k + 1 < len(spans) else len(text)
        rebuilt += text[start:end] + text[end:after]
    assert rebuilt == text


@settings(max_examples=examples(250), deadline=None)
@given(paragraph, langs)
def test_spans_keep_every_guarantee(text: str, lang: str) -> None:
    spans = sentence_spans(text, lang)
    assert_guarantees(text, spans)
    assert split_sentences(text, lang) == [text[s:e] for s, e in spans]


@settings(max_examples=examples(150), deadline=None)
@given(paragraph, langs, st.data())
def test_no_boundary_inside_a_protected_span(text: str, lang: str, data: st.DataObject) -> None:
    offset = st.integers(min_value=0, max_value=len(text))
    protected = data.draw(st.lists(st.tuples(offset, offset), max_size=3))
    spans = sentence_spans(text, lang, protected)
    assert_guarantees(text, spans, [(a, b) for a, b in protected if a < b])


@settings(max_examples=examples(250), deadline=None)
@given(paragraph, langs)
def test_sentences_parse_to_the_paragraphs_inline_nodes(text: str, lang: str) -> None:
    """No boundary splits an inline construct: the sentences, parsed one by one with the
    white space between them, give the paragraph's own nodes."""
    spans = sentence_spans(text, lang)
    nodes: list[Inline] = [Text(text[: spans[0][0]] if spans else text)]
    for k, (start, end) in enumerate(spans):
        nodes.extend(parse_inline(text[start:end]))
        after = spans[k + 1][0] if k + 1 < len(spans) else len(text)
        nodes.append(Text(text[end:after]))
    assert merge_texts(nodes) == merge_texts(list(parse_inline(text)))


@settings(max_examples=examples(250), deadline=None)
@given(paragraph)
def test_projection_agrees_with_the_store_parser(text: str) -> None:
    seen = "".join(
        text[p.start + 1 : p.end - 1]
        if p.kind is Kind.CODE
        else text[p.end - 1]
        if p.kind in (Kind.CHAR, Kind.ESCAPE)
        else ""
        for p in pieces(text)
    )
    assert seen == plain_text(text)
    assert "".join(text[p.start : p.end] for p in pieces(text)) == text
    # Each top-level construct is a zone, and so is each escape (which the parser reads
    # as text): only an escape's zone starts with a backslash.
    constructs = [node for node in parse_inline(text) if not isinstance(node, Text)]
    assert len([z for z in zones(text) if text[z[0]] != "\\"]) == len(constructs)


def test_a_long_paragraph_is_fast() -> None:
    text = "他說：「我們走吧。」然後離開了。Mr. Smith left the U.S. The end... " * 400
    assert len(split_sentences(text, "zh")) > 400


@settings(max_examples=examples(300))
@given(paragraph)
def test_the_projection_of_plain_text_is_taken_as_it_is(text: str) -> None:
    """``project`` skips the scan when no character could start a construct: what it gives
    then is what the scan gives."""
    assert project(text) == scanned(text)


@settings(max_examples=examples(300))
@given(paragraph)
def test_the_projection_is_its_pieces_read_one_by_one(text: str) -> None:
    """``scanned`` takes running text a stretch at a time: what it gives is what reading
    the pieces one by one gives."""
    chars, starts, ends, closing = [], [], [], {}
    for piece in pieces(text):
        if piece.kind is Kind.CLOSE:
            closing[piece.start] = piece.end
        elif piece.kind is not Kind.OPEN:
            kind = piece.kind
            chars.append(
                OBJECT if kind is Kind.CODE else NOTE if kind is Kind.NOTE else text[piece.end - 1]
            )
            starts.append(piece.start)
            ends.append(piece.end)
    projection = scanned(text)
    assert projection.text == "".join(chars)
    assert (projection.starts, projection.ends) == (tuple(starts), tuple(ends))
    assert projection.closing == closing
    assert projection.zones == zones(text)
