"""The bilingual editions' body as Pandoc blocks (toolkit.render.bilingual): what each
layout sets where, in which language, and what a work's settings change.

Real editions built from these blocks are read back in tests/test_build_bilingual.py.
"""

from __future__ import annotations

from typing import Any

from toolkit.render.bilingual import (
    Bilingual,
    First,
    Images,
    Interleaved,
    Layout,
    Parallel,
    Remarks,
    Secondary,
    bilingual_blocks,
)
from toolkit.store.alignfile import parse_alignment
from toolkit.store.document import parse_document

Json = dict[str, Any]

SOURCE = """\
# 序 {#s1}

他說：「我們必須記得。」[^a] {#s2}
歷史不會重演。 {#s3}

這段沒有譯出。 {#s4}

![小鳥](birds.png) {#s5}

[^a]: 見原文。 {#s6}
"""
TARGET = """\
# Preface {#t1}

He said: “We must remember.”[^a] {#t2}
History does not repeat itself. {#t3}

A sentence the translator added. {#t4}

![Birds](birds.png) {#t5}

[^a]: See the original. {#t6}
"""
ALIGN = "s1 t1\ns2 t2\ns3 t3\ns4 - - omitted\n- t4\ns5 t5\ns6 t6\n"


def body(layout: Layout, **settings: Any) -> list[Json]:
    texts = Bilingual(
        parse_document(SOURCE),
        "zh-Hant-TW",
        parse_document(TARGET),
        "en",
        parse_alignment(ALIGN),
        layout,
        settings.get("parallel", Parallel()),
        settings.get("interleaved", Interleaved()),
    )
    images = Images({"birds.png": "/abs/birds.png"}, {"birds.png": "/abs/birds.png"})
    return bilingual_blocks(texts, images, Remarks("Left out of the translation.", "Added."))


def classes(node: Json) -> list[str]:
    return list(node["c"][0][1])


def kv(node: Json) -> dict[str, str]:
    return dict(node["c"][0][2])


def text(node: Any) -> str:
    """The words of a node, as a reader sees them (spaces for Space, notes included)."""
    if isinstance(node, list):
        return "".join(text(n) for n in node)
    if not isinstance(node, dict):
        return ""
    if node["t"] == "Str":
        return str(node["c"])
    if node["t"] in ("Space", "LineBreak"):
        return " "
    return text(node.get("c"))


def test_parallel_pairs_hold_the_original_then_the_translation_each_in_its_language() -> None:
    blocks = body(Layout.PARALLEL)
    assert [b["t"] for b in blocks] == ["Header", "Div", "Figure"]
    run = blocks[1]
    assert classes(run) == ["parallel"]
    pairs = run["c"][1]
    assert len(pairs) == 4  # s2, s3, s4 (omitted), t4 (added)
    for pair in pairs:
        assert classes(pair)[0] == "pair"
        original, translation = pair["c"][1]
        assert classes(original) == ["side", "original"] and kv(original) == {"lang": "zh-Hant-TW"}
        assert classes(translation) == ["side", "translation"] and kv(translation) == {"lang": "en"}
    assert "我們必須記得" in text(pairs[0]["c"][1][0]) and "We must" in text(pairs[0]["c"][1][1])
    assert "opens" in classes(pairs[0]) and "opens" not in classes(pairs[1])


def test_an_omission_is_marked_only_when_the_work_asks() -> None:
    def omitted_pair(blocks: list[Json]) -> Json:
        [pair] = [p for p in blocks[1]["c"][1] if "omitted" in classes(p)]
        assert isinstance(pair, dict)
        return pair

    plain = omitted_pair(body(Layout.PARALLEL))
    assert plain["c"][1][1]["c"][1] == []  # the translation's side is empty
    marked = omitted_pair(body(Layout.PARALLEL, parallel=Parallel(mark_omitted=True)))
    assert text(marked["c"][1][1]) == "Left out of the translation."


def test_a_heading_is_one_heading_in_both_languages_with_a_bookmark_label() -> None:
    heading = body(Layout.PARALLEL)[0]
    level, (ident, header_classes, attrs), content = heading["c"]
    assert level == 2 and ident == "zh-Hant-TW-s1" and "bilingual" in header_classes
    assert dict(attrs) == {"lang": "zh-Hant-TW", "data-bookmark": "序 / Preface"}
    first, line_break, second = content
    assert line_break == {"t": "LineBreak"}
    assert kv(first) == {"lang": "zh-Hant-TW"} and text(first) == "序"
    assert kv(second) == {"lang": "en"} and text(second) == "Preface"
    assert "en-t1" in str(second)  # the translation's ID stays, for links to it


def test_a_figure_shows_its_image_once_with_both_captions() -> None:
    figure = body(Layout.PARALLEL)[2]
    assert str(figure).count("'t': 'Image'") == 1
    assert figure["c"][0][0] == "zh-Hant-TW-s5"
    caption = figure["c"][1][1][0]["c"]
    assert text(caption) == "小鳥 Birds"


def test_each_sides_notes_carry_its_language() -> None:
    pairs = body(Layout.PARALLEL)[1]["c"][1]
    notes = [n for n in _walk(pairs[0]) if n.get("t") == "Note"]
    assert len(notes) == 2
    langs = [kv(n["c"][0]["c"][0]) for n in notes]  # Note > Para > Span(lang)
    assert langs == [{"lang": "zh-Hant-TW"}, {"lang": "en"}]
    assert [text(n) for n in notes] == ["見原文。", "See the original."]


def test_interleaved_rows_put_the_first_language_first_and_style_the_other() -> None:
    blocks = body(Layout.INTERLEAVED)
    pairs = [b for b in blocks if b["t"] == "Div"]
    assert len(pairs) == 4 and all("interleaved" in classes(p) for p in pairs)
    first, second = pairs[0]["c"][1]
    assert classes(first) == ["primary"] and kv(first) == {"lang": "zh-Hant-TW"}
    assert classes(second) == ["secondary", "muted"] and kv(second) == {"lang": "en"}
    omitted = next(p for p in pairs if "omitted" in classes(p))
    assert [classes(d) for d in omitted["c"][1]] == [["primary"]]  # the original alone

    reverse = Interleaved(first=First.TRANSLATION, secondary=Secondary.SMALLER)
    pairs = [b for b in body(Layout.INTERLEAVED, interleaved=reverse) if b["t"] == "Div"]
    first, second = pairs[0]["c"][1]
    assert kv(first) == {"lang": "en"} and classes(second) == ["secondary", "smaller"]


def test_nothing_of_either_text_is_lost() -> None:
    for layout in Layout:
        words = text(body(layout))
        for line in (SOURCE + TARGET).splitlines():
            plain = line.split(" {#")[0].lstrip("# ").removeprefix("[^a]: ")
            if plain and not plain.startswith("!["):
                assert plain.replace("[^a]", "") in words, (layout, plain)


def _walk(node: Any) -> list[Json]:
    found: list[Json] = []
    if isinstance(node, dict):
        found.append(node)
        found += _walk(node.get("c"))
    elif isinstance(node, list):
        for item in node:
            found += _walk(item)
    return found


def test_a_passage_the_translator_added_says_so_in_both_layouts() -> None:
    [pair] = [p for p in body(Layout.PARALLEL)[1]["c"][1] if "added" in classes(p)]
    original, translation = pair["c"][1]
    assert text(original) == "Added." and text(translation) == "A sentence the translator added."
    [row] = [b for b in body(Layout.INTERLEAVED) if b["t"] == "Div" and "added" in classes(b)]
    assert [text(part) for part in row["c"][1]] == ["Added.", "A sentence the translator added."]
    # A segment no bead names is shown, but not as the translator's.
    texts = Bilingual(
        parse_document(SOURCE),
        "zh-Hant-TW",
        parse_document(TARGET),
        "en",
        parse_alignment(ALIGN.replace("- t4\n", "")),
        Layout.PARALLEL,
    )
    blocks = bilingual_blocks(texts, Images({}, {}), Remarks("Left out.", "Added."))
    [unaligned] = [p for p in blocks[1]["c"][1] if "unaligned" in classes(p)]
    assert "added" not in classes(unaligned) and "Added." not in text(blocks)


def test_a_note_the_translator_added_is_marked_as_the_translators() -> None:
    from toolkit.render.ast import TranslatorNotes, document_blocks

    target = (
        "He said so.[^a] {#t1}\n"
        "It weighs a catty.[^b] {#t2}\n\n"
        "[^a]: See the original. {#t3}\n\n"
        "[^b]: A catty is 600 grams. {#t4}\n"
    )
    source = "他這麼說。[^a] {#s1}\n重一斤。 {#s2}\n\n[^a]: 見原文。 {#s3}\n"
    align = parse_alignment("s1 t1\ns2 t2\ns3 t3\n- t4\n")
    own = TranslatorNotes.of(align, "Translator’s note: ")
    single = document_blocks(parse_document(target), "en", None, own)
    texts = Bilingual(
        parse_document(source), "zh-Hant-TW", parse_document(target), "en", align, Layout.PARALLEL
    )
    both = bilingual_blocks(texts, Images({}, {}), Remarks(translator_note="Translator’s note: "))
    for blocks in (single, both):
        notes = {text(n): n for n in _walk(blocks) if n.get("t") == "Note"}
        assert set(notes) >= {"See the original.", "Translator’s note: A catty is 600 grams."}
        marked = [
            n for n in _walk(blocks) if n.get("t") == "Span" and "translator-note" in str(n["c"][0])
        ]
        assert len(marked) == 1


def test_a_note_is_the_translators_only_if_every_segment_of_it_is() -> None:
    from toolkit.render.ast import TranslatorNotes, document_blocks

    target = "Text.[^a] {#t1}\n\n[^a]: See the original. {#t2}\nAnd more of mine. {#t3}\n"
    align = parse_alignment("s1 t1\ns2 t2\n- t3\n")  # the note: one segment paired, one added
    own = TranslatorNotes.of(align, "Translator’s note: ")
    blocks = document_blocks(parse_document(target), "en", None, own)
    assert "Translator’s note" not in text(blocks)


def _table(side: str, words: str, columns: int) -> str:
    """A table in the store's format: a header row and one row, ``columns`` wide, its
    cells numbered from 2."""
    lines = [f"| {words}{n} {{#{side}{n + 2}}}" for n in range(columns)]
    lines.append("|===")
    lines += [f"| {words}{n}x {{#{side}{n + 2 + columns}}}" for n in range(columns)]
    return "\n".join(lines)


def _tables(columns: int) -> list[Json]:
    """The parallel edition's blocks of a paragraph, a table ``columns`` wide, and a
    paragraph, each cell its own bead."""
    source = f"開頭。 {{#s1}}\n\n{_table('s', '甲', columns)}\n\n結尾。 {{#s99}}\n"
    target = f"Start. {{#t1}}\n\n{_table('t', 'A', columns)}\n\nEnd. {{#t99}}\n"
    cells = "".join(f"s{n} t{n}\n" for n in range(2, 2 + 2 * columns))
    align = parse_alignment(f"s1 t1\n{cells}s99 t99\n")
    texts = Bilingual(
        parse_document(source),
        "zh-Hant-TW",
        parse_document(target),
        "en",
        align,
        Layout.PARALLEL,
    )
    return bilingual_blocks(texts, Images({}, {}))


def test_a_wide_table_is_set_the_pages_width_the_original_above_the_translation() -> None:
    blocks = _tables(3)
    assert [b["t"] for b in blocks] == ["Div", "Div", "Div"]
    before, table, after = blocks
    assert classes(before) == ["parallel"] and classes(after) == ["parallel"]
    assert classes(table)[:2] == ["pair", "stacked"] and "whole" in classes(table)
    original, translation = table["c"][1]
    assert classes(original) == ["side", "original"] and "甲0甲1甲2" in "".join(
        text(original).split()
    )
    assert classes(translation) == ["side", "translation"] and "A0A1A2" in "".join(
        text(translation).split()
    )


def test_a_narrow_table_stays_beside_its_translation() -> None:
    (run,) = _tables(2)
    assert classes(run) == ["parallel"]
    assert all("stacked" not in classes(pair) for pair in run["c"][1])
