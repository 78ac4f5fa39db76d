"""A work started from a bitext: `toolkit new`, then `toolkit import` of each side of a
TMX or an aligned CSV from another tool, or of one of our own exports."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from tests.exchange_work import make_exchange_work
from tests.test_exchange import snapshot
from toolkit.check import structural_errors
from toolkit.cli import cli
from toolkit.model import BeadState
from toolkit.store import load_work

OTHER_TOOLS_TMX = """\
<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="Other" creationtoolversion="2" datatype="plaintext"
 segtype="sentence" adminlang="en-US" srclang="zh-TW" o-tmf="other"/>
<body>
<tu><tuv xml:lang="zh-TW"><seg>今天天氣很好。</seg></tuv>
<tuv xml:lang="en-US"><seg>The weather is fine today.</seg></tuv></tu>
<tu><tuv xml:lang="zh-TW"><seg>我們去公園散步，看見BOLD小鳥。</seg></tuv>
<tuv xml:lang="en-US"><seg>We walked in the park.</seg></tuv></tu>
<tu><tuv xml:lang="zh-TW"><seg>只有中文。</seg></tuv></tu>
</body></tmx>
"""
BOLD = '<bpt i="1">&lt;b&gt;</bpt>三隻<ept i="1">&lt;/b&gt;</ept>'


def run(root: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--root", str(root), *args])


def new_work(root: Path, work: str) -> None:
    (root / "source").mkdir(parents=True, exist_ok=True)
    made = run(root, "new", work, "--lang", "zh-Hant-TW", "--title", "散步", "--translation", "en")
    assert made.exit_code == 0, made.output


def both_sides(root: Path, work: str, file: Path) -> None:
    for lang in ("zh-Hant-TW", "en"):
        result = run(root, "import", work, str(file), "--lang", lang)
        assert result.exit_code == 0, result.output


@pytest.mark.parametrize("variant", ["zh-TW", "zh-Hant-TW"])
def test_another_tools_tmx_starts_a_work(tmp_path: Path, variant: str) -> None:
    """The original's variants are those in the header's language, however the tag is
    written (found in review: zh-Hant-TW under srclang zh-TW was taken for the translation)."""
    new_work(tmp_path, "walk")
    tmx = tmp_path / "memory.tmx"
    tmx.write_text(
        OTHER_TOOLS_TMX.replace("BOLD", "三隻").replace(
            '<tuv xml:lang="zh-TW">', f'<tuv xml:lang="{variant}">'
        )
    )
    both_sides(tmp_path, "walk", tmx)
    work = load_work(tmp_path, "walk")
    assert work.source is not None
    assert [(s.id, s.text) for s in work.source.segments()] == [
        ("s1", "今天天氣很好。"),
        ("s2", "我們去公園散步，看見三隻小鳥。"),
        ("s3", "只有中文。"),
    ]
    translation = work.translations["en"]
    assert translation.document is not None and translation.alignment is not None
    assert translation.document.segment_ids() == ["t1", "t2"]
    assert [(b.source, b.target, b.state) for b in translation.alignment.beads] == [
        (("s1",), ("t1",), BeadState.AUTO),
        (("s2",), ("t2",), BeadState.AUTO),
    ]
    assert structural_errors(work) == []
    text = (tmp_path / "source/walk/text.md").read_text()
    assert text.startswith("今天天氣很好。 {#s1}\n\n")


def test_codes_another_tool_wrote_are_refused_not_guessed(tmp_path: Path) -> None:
    new_work(tmp_path, "walk")
    tmx = tmp_path / "memory.tmx"
    tmx.write_text(OTHER_TOOLS_TMX.replace("BOLD", BOLD))
    before = snapshot(tmp_path)
    result = run(tmp_path, "import", "walk", str(tmx), "--lang", "zh-Hant-TW")
    assert result.exit_code == 2
    assert "memory.tmx:7" in result.output and "'<b>' does not start emphasis" in result.output
    assert snapshot(tmp_path) == before


def test_an_aligned_csv_starts_a_work_and_keeps_the_translators_additions(tmp_path: Path) -> None:
    new_work(tmp_path, "pair")
    csv = tmp_path / "pairs.csv"
    csv.write_text(
        "zh-TW,en\r\n一。,One.\r\n二。,Two.\r\n,Added by the translator.\r\n三。,\r\n"
        '"四。\n五。",Four and five.\r\n六。,Six.\r\n',
        "utf-8-sig",
    )
    both_sides(tmp_path, "pair", csv)
    work = load_work(tmp_path, "pair")
    assert work.source is not None
    assert work.source.segment_ids() == ["s1", "s2", "s3", "s4", "s5", "s6"]
    alignment = work.translations["en"].alignment
    assert alignment is not None
    assert [(b.source, b.target) for b in alignment.beads] == [
        (("s1",), ("t1",)),
        (("s2",), ("t2",)),
        ((), ("t3",)),
        (("s4", "s5"), ("t4",)),
        (("s6",), ("t5",)),
    ]
    text = (tmp_path / "translations/pair/en.md").read_text()
    assert text.startswith("One. {#t1}\n\nTwo. {#t2}\nAdded by the translator. {#t3}\n")
    assert structural_errors(work) == []


def test_one_of_our_exports_starts_a_copy_with_the_same_original_ids(tmp_path: Path) -> None:
    make_exchange_work(tmp_path)
    exported = run(tmp_path, "export", "rich", "--to", "xliff", "-o", str(tmp_path / "rich.xlf"))
    assert exported.exit_code == 0
    new_work(tmp_path, "copy")
    both_sides(tmp_path, "copy", tmp_path / "rich.xlf")
    copy, rich = load_work(tmp_path, "copy"), load_work(tmp_path, "rich")
    assert copy.source is not None and rich.source is not None
    assert sorted(copy.source.segment_ids()) == sorted(rich.source.segment_ids())
    alignment = copy.translations["en"].alignment
    assert alignment is not None
    shapes = {b.source: len(b.target) for b in alignment.beads}
    assert shapes[("s2", "s12")] == 1 and shapes[("s4",)] == 2 and shapes[()] == 1
    # an exchange file carries text, not blocks: a footnote's text comes in as a paragraph
    # (docs/exchange.md), so the references to it are all the checks find
    assert {f.check.id for f in structural_errors(copy)} == {"footnote-undefined"}


@pytest.mark.parametrize("first", ["en", "zh-Hant-TW"])
def test_each_side_in_its_turn(tmp_path: Path, first: str) -> None:
    make_exchange_work(tmp_path)
    run(tmp_path, "export", "rich", "--to", "po", "-o", str(tmp_path / "rich.po"))
    if first == "en":
        new_work(tmp_path, "early")
        result = run(tmp_path, "import", "early", str(tmp_path / "rich.po"), "--lang", "en")
        assert result.exit_code == 2
        assert "import the original from this same file first" in result.output
    else:
        result = run(tmp_path, "import", "rich", str(tmp_path / "rich.po"), "--lang", first)
        assert result.exit_code == 2
        assert "the work has its original's text" in result.output


def test_contexts_another_tool_repeats_are_not_taken_for_ids(tmp_path: Path) -> None:
    new_work(tmp_path, "menu")
    po = tmp_path / "menu.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: en\\n"\n\n'
        'msgctxt "title"\nmsgid "開始"\nmsgstr "Start"\n\n'
        'msgctxt "title"\nmsgid "結束"\nmsgstr "End"\n'
    )
    both_sides(tmp_path, "menu", po)
    work = load_work(tmp_path, "menu")
    assert work.source is not None and work.source.segment_ids() == ["s1", "s2"]
    assert structural_errors(work) == []


def test_a_row_added_in_a_spreadsheet_becomes_the_translators_addition_in_place(
    tmp_path: Path,
) -> None:
    make_exchange_work(tmp_path)
    assert run(tmp_path, "export", "rich", "--to", "csv").exit_code == 0
    csv = tmp_path / "build/rich/rich.en.csv"
    lines = csv.read_bytes().decode("utf-8-sig").split("\r\n")
    at = next(n for n, line in enumerate(lines) if line.startswith("s3,"))
    lines.insert(at + 1, ",,,,,A sentence the translator adds.,")
    csv.write_bytes("\r\n".join(lines).encode("utf-8-sig"))
    result = run(tmp_path, "import", "rich", str(csv), "--lang", "en")
    assert result.exit_code == 0, result.output
    alignment = load_work(tmp_path, "rich").translations["en"].alignment
    assert alignment is not None
    keys = [(b.source, b.target) for b in alignment.beads]
    assert keys[keys.index((("s3",), ("t3",))) + 1] == ((), ("t12",))
    text = (tmp_path / "translations/rich/en.md").read_text()
    assert "matters most! {#t3}\nA sentence the translator adds. {#t12}\n" in text


def test_another_tools_text_starting_with_an_apostrophe_keeps_it(tmp_path: Path) -> None:
    """Found in review: the formula guard came off every CSV cell, another tool's too,
    whose cells were never guarded: 'Tis lost its apostrophe."""
    new_work(tmp_path, "pair")
    csv = tmp_path / "pairs.csv"
    csv.write_text("zh-TW,en\r\n一。,'Tis one.\r\n", "utf-8-sig")
    both_sides(tmp_path, "pair", csv)
    text = (tmp_path / "translations/pair/en.md").read_text()
    assert text.startswith("'Tis one. {#t1}")
