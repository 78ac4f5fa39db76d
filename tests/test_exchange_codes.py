"""Pure round trips: any segment markup through the inline codes and back reads the same;
any text through a spreadsheet cell and back is the same text."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import examples
from toolkit.exchange.codes import Close, Open, Point, markup, same_text, tokens
from toolkit.exchange.files.table import guard, tsv_escape, tsv_unescape, unguard
from toolkit.store.inline import escape, parse_inline, plain_text

#: Markup's own characters and the text around them, Chinese punctuation included.
PIECES = st.sampled_from(
    [
        "*",
        "**",
        "[",
        "]",
        "(",
        ")",
        "`",
        "\\",
        "^",
        "[^1]",
        "](https://e.org/a_(b))",
        " ",
        "字",
        "「",
        "」",
        "，",
        "。",
        "a",
        "1",
        "#",
        "- ",
        "{#",
        "x}",
        "&",
        "<",
    ]
)
MARKUP = st.lists(PIECES, max_size=14).map("".join)


@settings(max_examples=examples(300))
@given(MARKUP)
def test_markup_through_codes_reads_the_same(text: str) -> None:
    try:
        back = markup(tokens(text))
    except ValueError:
        # emphasis whose text begins or ends with a space has no markup: the store never
        # holds one (parse_inline never makes it), so this is only an odd input
        return
    assert same_text(back, text)
    assert plain_text(back) == plain_text(text)


def test_codes_carry_the_store_markup() -> None:
    parts = tokens("See *the* [site](https://e.org) `x`[^2].")
    assert parts == [
        "See ",
        Open("*"),
        "the",
        Close("*"),
        " ",
        Open("["),
        "site",
        Close("](https://e.org)"),
        " ",
        Point("`x`"),
        Point("[^2]"),
        ".",
    ]
    assert markup(parts) == "See *the* [site](https://e.org) `x`[^2]."


@settings(max_examples=examples(300))
@given(st.text(max_size=40))
def test_a_cell_comes_back_as_written(text: str) -> None:
    assert unguard(guard(text)) == text
    assert unguard(tsv_unescape(Path("x.tsv"), 1, tsv_escape(guard(text)))) == text


@settings(max_examples=examples(200))
@given(st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\n\r"), max_size=40))
def test_plain_text_escaped_reads_as_itself(text: str) -> None:
    assert plain_text(parse_inline(escape(text))) == text


@pytest.mark.parametrize("key", ["s3", "s3,s4", "s4,s3", "+t7", "+t7,t8"])
def test_an_xliff2_unit_id_reads_back_as_its_bead_key(key: str) -> None:
    """A unit whose name a tool dropped is still known by its id (found in review: +t7
    came back as ,t7)."""
    from toolkit.exchange.files.xliff2 import key_of, unit_id

    assert key_of(unit_id(key)) == key


def test_a_units_tk_marks_say_no_translation_only_when_the_export_wrote_them() -> None:
    """An XLIFF unit the toolkit wrote for a bead with no translation has a state but no
    IDs: it says 'none' (an import refuses it if the store has some since); another
    tool's unit says nothing."""
    from lxml import etree

    from toolkit.exchange.files.tk import TK, TkMarks

    ours = etree.fromstring(f'<unit xmlns:tk="{TK}" tk:state="auto" tk:base="ab"/>')
    assert TkMarks.of(ours) == TkMarks("auto", (), "ab")
    named = etree.fromstring(f'<unit xmlns:tk="{TK}" tk:state="reviewed" tk:translation="t1,t2"/>')
    assert TkMarks.of(named).target_ids == ("t1", "t2")
    assert TkMarks.of(etree.fromstring("<unit/>")) == TkMarks(None, None, None)
