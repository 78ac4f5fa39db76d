"""The glossary file: its CSV (and TBX) read exactly, every bad line named with its fix."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import examples
from toolkit.errors import FormatError, FormatErrors, ToolkitError
from toolkit.store.glossary import Entry, fold, parse_csv, parse_tbx, read_glossary

GOOD = """\
zh,en,note,case
普丁|普京,Putin,"Taiwan writes 普丁, the mainland 普京"
# a comment line, then a blank one

習近平,Xi Jinping|Xi,,
世界衛生組織,WHO|World Health Organization,,yes
"""


def test_a_glossary_is_read_with_its_variants_notes_and_case() -> None:
    glossary = parse_csv(GOOD, "glossary.csv")
    assert glossary.entries == (
        Entry(
            ("普丁", "普京"),
            ("Putin",),
            "Taiwan writes 普丁, the mainland 普京",
            False,
            "glossary.csv:2",
        ),
        Entry(("習近平",), ("Xi Jinping", "Xi"), "", False, "glossary.csv:5"),
        Entry(("世界衛生組織",), ("WHO", "World Health Organization"), "", True, "glossary.csv:6"),
    )
    assert glossary.entries[0].terms(chinese=True) == ("普丁", "普京")
    assert glossary.entries[0].terms(chinese=False) == ("Putin",)


@pytest.mark.parametrize(
    "text",
    [
        "\ufeff" + GOOD,  # a spreadsheet's byte-order mark
        GOOD.replace("\n", "\r\n"),  # Windows line ends
        GOOD.replace("zh,en,note,case", " ZH , En ,note,CASE"),  # names in any case and spacing
        GOOD.replace("普丁|普京", " 普丁 | 普京 "),  # spaces around variants
    ],
)
def test_usual_variations_of_the_file_read_the_same(text: str) -> None:
    assert parse_csv(text, "glossary.csv") == parse_csv(GOOD, "glossary.csv")


def test_columns_in_another_order_and_only_the_required_ones() -> None:
    glossary = parse_csv("en,zh\nTaiwan,台灣|臺灣\n")
    assert glossary.entries[0].zh == ("台灣", "臺灣")
    assert glossary.entries[0].en == ("Taiwan",)


def test_a_header_alone_is_an_empty_glossary() -> None:
    assert parse_csv("zh,en,note\n").entries == ()


def test_a_repeated_variant_is_kept_once() -> None:
    assert parse_csv("zh,en\n台灣|台灣,Taiwan|Taiwan\n").entries[0].en == ("Taiwan",)


BAD = [
    # (file text, line of the error, words of the message)
    ("", 0, "no header row"),
    ("# only a comment\n", 0, "no header row"),
    ("zh\ten\n台灣\tTaiwan\n", 1, "tabs or semicolons"),
    ("zh;en\n台灣;Taiwan\n", 1, "tabs or semicolons"),
    ("zh,english\n台灣,Taiwan\n", 1, "'english'"),
    ("zh,note\n台灣,an island\n", 1, "no en column"),
    ("zh,en,en\n台灣,Taiwan,Formosa\n", 1, "more than one en column"),
    ("zh,en,note,note\n台灣,Taiwan,a,b\n", 1, "a column twice"),
    ("zh,en\n台灣,\n", 2, "the en column is empty"),
    ("zh,en\n,Taiwan\n", 2, "the zh column is empty"),
    ("zh,en\nTaiwan,台灣\n", 2, "no Chinese character"),
    ("zh,en\n台灣,臺灣\n", 2, "no Latin letter"),
    ("zh,en\n台灣|,Taiwan\n", 2, "empty variant"),
    ("zh,en\n台灣,Taiwan||Formosa\n", 2, "empty variant"),
    ("zh,en,case\n台灣,Taiwan,maybe\n", 2, "not yes or no"),
    ("zh,en\n台北,Taipei, Taiwan\n", 2, "more than the header's 2 columns"),
    ('zh,en\n台北,"Taipei" City\n', 2, "not CSV"),
    ('zh,en,note\n台北,Taipei,"never closed\n', 2, "not CSV"),
]


@pytest.mark.parametrize(("text", "line", "words"), BAD)
def test_a_bad_glossary_names_the_file_the_line_and_the_fix(
    text: str, line: int, words: str
) -> None:
    with pytest.raises(FormatError) as caught:
        parse_csv(text, "glossary.csv")
    error = caught.value
    assert words in error.message
    assert error.where is not None
    assert str(error.where.path) == "glossary.csv"
    assert error.where.line == line
    assert error.fix


def test_every_bad_line_is_reported_at_once() -> None:
    with pytest.raises(FormatErrors) as caught:
        parse_csv("zh,en\n台灣,\n台北,Taipei\n,Tainan\n", "glossary.csv")
    assert [e.where.line for e in caught.value.errors if e.where] == [2, 4]


def test_a_line_over_the_segment_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TOOLKIT_MAX_SEGMENT_CHARS", "40")
    with pytest.raises(FormatError, match="more than the limit"):
        parse_csv("zh,en,note\n台灣,Taiwan," + "x" * 50 + "\n", "glossary.csv")


def test_a_glossary_file_is_read_from_the_work(tmp_path: Path) -> None:
    path = tmp_path / "glossary.csv"
    path.write_bytes(("\ufeff" + GOOD).encode("utf-8"))
    assert read_glossary(path).entries == parse_csv(GOOD, path).entries


def test_a_glossary_not_in_utf8_says_what_it_looks_like(tmp_path: Path) -> None:
    path = tmp_path / "glossary.csv"
    path.write_bytes("zh,en\n台灣,Taiwan\n".encode("big5"))
    with pytest.raises(FormatError, match="UTF-8"):
        read_glossary(path)


def test_a_glossary_that_leads_out_of_the_work_is_not_read(tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.csv"
    outside.write_text("zh,en\n台灣,Taiwan\n", encoding="utf-8")
    work = tmp_path / "repo" / "source" / "w"
    work.mkdir(parents=True)
    os.symlink(outside, work / "glossary.csv")
    with pytest.raises(ToolkitError, match="outside the work"):
        read_glossary(work / "glossary.csv")


TBX2 = """\
<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd">
<martif type="TBX" xml:lang="en"><text><body>
  <termEntry id="t1">
    <langSet xml:lang="zh-Hant">
      <tig><term>普丁</term></tig>
      <ntig><termGrp><term>普京</term></termGrp></ntig>
    </langSet>
    <langSet xml:lang="en">
      <tig><term>Poutine</term>
        <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig>
      <tig><term>Vladimir  Putin</term></tig>
      <tig><term>Putin</term>
        <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig>
    </langSet>
  </termEntry>
  <termEntry id="t2">
    <langSet xml:lang="fr"><tig><term>Taïwan</term></tig></langSet>
    <langSet xml:lang="en"><tig><term>Taiwan</term></tig></langSet>
  </termEntry>
</body></text></martif>
"""

TBX3 = """\
<?xml version="1.0" encoding="UTF-8"?>
<tbx style="dca" type="TBX-Basic" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
<text><body>
  <conceptEntry id="c7">
    <langSec xml:lang="zh-Hans"><termSec><term>习近平</term></termSec></langSec>
    <langSec xml:lang="en-US"><termSec><term>Xi Jinping</term></termSec></langSec>
  </conceptEntry>
</body></text></tbx>
"""


def test_tbx_entries_with_chinese_and_english_are_read() -> None:
    glossary = parse_tbx(TBX2.encode(), "terms.tbx")
    assert glossary.entries == (
        Entry(("普丁", "普京"), ("Putin", "Vladimir Putin"), where="terms.tbx, entry t1"),
    )
    (entry,) = parse_tbx(TBX3.encode(), "terms.tbx").entries
    assert (entry.zh, entry.en, entry.where) == (
        ("习近平",),
        ("Xi Jinping",),
        "terms.tbx, entry c7",
    )


def test_a_tbx_file_is_read_by_its_name(tmp_path: Path) -> None:
    path = tmp_path / "terms.tbx"
    path.write_text(TBX3, encoding="utf-8")
    assert read_glossary(path).entries[0].en == ("Xi Jinping",)


def test_a_tbx_file_with_entities_is_refused_unexpanded() -> None:
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE tbx [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><tbx><text>&b;</text></tbx>'
    )
    with pytest.raises(ToolkitError, match="entities"):
        parse_tbx(laughs.encode(), "terms.tbx")


def test_a_tbx_file_that_is_not_xml_names_the_line() -> None:
    with pytest.raises(FormatError, match="not well-formed") as caught:
        parse_tbx(b"<tbx>\n<text>\n</tbx>", "terms.tbx")
    assert caught.value.where is not None
    assert caught.value.where.line == 3


FOLDED = [
    ("習近平", "习近平"),
    ("臺灣", "台湾"),
    ("台灣", "台湾"),
    ("裡面", "里面"),
    ("裏面", "里面"),
    ("為什麼", "为什幺"),  # 么 is also a Traditional character (幺): both fold to 幺
    ("爲什麼", "为什幺"),
    ("为什么", "为什幺"),
    ("ＷＨＯ　說", "who 说"),
    ("Putin", "putin"),
]


@pytest.mark.parametrize(("text", "folded"), FOLDED)
def test_traditional_simplified_variant_and_width_forms_fold_alike(text: str, folded: str) -> None:
    assert fold(text) == folded
    assert fold(folded) == folded
    assert len(fold(text)) == len(text)


def test_different_words_do_not_fold_alike() -> None:
    assert fold("台灣") != fold("台北")
    assert fold("普丁") != fold("普京")


CSV_PIECES = st.sampled_from(
    [
        "zh",
        "en",
        "note",
        "case",
        ",",
        "|",
        '"',
        "\n",
        "\r\n",
        "#",
        "普丁",
        "Putin",
        "yes",
        " ",
        "\t",
    ]
)


@settings(max_examples=examples(200))
@given(st.lists(CSV_PIECES | st.text(max_size=5), max_size=30).map("".join))
def test_any_text_is_a_glossary_or_a_format_error(text: str) -> None:
    try:
        glossary = parse_csv(text, "glossary.csv")
    except FormatError as exc:
        assert exc.where is not None and exc.fix
        return
    for entry in glossary.entries:
        assert entry.zh and entry.en and all(entry.zh) and all(entry.en)


@settings(max_examples=examples(200))
@given(
    st.lists(
        st.sampled_from(["<", ">", "/", "term", "langSet", "&", ";", "!", '"'])
        | st.text(max_size=4),
        max_size=30,
    ).map("".join)
)
def test_any_bytes_are_a_tbx_glossary_or_a_toolkit_error(text: str) -> None:
    try:
        parse_tbx(text.encode(), "terms.tbx")
    except ToolkitError as exc:
        assert exc.fix


@given(st.text())
def test_folding_keeps_the_length_and_is_stable(text: str) -> None:
    assert len(fold(text)) == len(text)
    assert fold(fold(text)) == fold(text)
