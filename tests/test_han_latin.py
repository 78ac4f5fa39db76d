"""A quarter-em space between Han characters and Latin letters or digits (clreq §3.2.2),
set as layout when rendering, measured on a real built PDF: a quarter em wherever
Han meets Latin on a line (with or without a space typed there), none at a line's start,
and nothing in the store or in an English edition.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from pathlib import Path

import pytest
from pdfminer.high_level import extract_pages
from pdfminer.layout import LTChar, LTContainer, LTPage

from toolkit import BuildOptions, build_work, load_work
from toolkit.render.ast import HAN_LATIN, text_inlines
from toolkit.render.build import Format
from toolkit.render.credits import is_cjk
from toolkit.render.edition import EditionKind

MakeRepo = Callable[..., Path]

#: One-line paragraphs: Han then Latin, Latin then Han, digits, a space typed or not.
SHORT = ["我用Python寫程式。", "在 2024 年出版。", "GDP成長了3%。", "讀了Proust的書。"]
#: Paragraphs long enough to wrap, a Latin word at every place in the line across them.
FILLER = "大稻埕在台北市西邊緊鄰淡水河十九世紀末這裡是全台灣最熱鬧的茶葉集散地"
LONG = [f"{FILLER[:n]}Taipei{FILLER}Dadaocheng{FILLER}" for n in range(0, 30)]
SHORT_SEEN = {p.replace(" ", "") for p in SHORT}  # as extracted: spaces are layout
BODY_PT = 10.5  # print.css: the body's size


def test_the_space_goes_only_where_han_meets_latin() -> None:
    def shown(text: str) -> str:
        out = []
        for node in text_inlines(text, autospace=True):
            if node["t"] == "Str":
                out.append(node["c"])
            elif node["t"] == "Space":
                out.append(" ")
            else:
                assert node["c"][0][1] == [HAN_LATIN]
                out.append("|")
        return "".join(out)

    assert shown("我用Python寫程式。") == "我用|Python|寫程式。"
    assert shown("在 2024 年") == "在|2024|年"  # a typed space becomes the same
    assert shown("「Python」，") == "「Python」，"  # punctuation: no space
    assert shown("Hello world") == "Hello world"
    assert text_inlines("我用Python") == [{"t": "Str", "c": "我用Python"}]  # not asked


@pytest.fixture(scope="module")
def pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hanlatin")
    paragraphs = SHORT + LONG
    text = "".join(f"{p} {{#s{i}}}\n\n" for i, p in enumerate(paragraphs, 1))
    from tests.conftest import ORIGINAL_YAML, write_tree

    write_tree(root, {"source/trial/work.yaml": ORIGINAL_YAML, "source/trial/text.md": text})
    options = BuildOptions(
        out_dir=root / "build", formats=(Format.PDF,), editions=(EditionKind.ORIGINAL,)
    )
    build_work(load_work(root, "trial"), options)
    return root / "build/trial/trial.zh-Hant-TW.pdf"


def _lines(pdf: Path) -> list[list[LTChar]]:
    """The PDF's lines of text, each its characters left to right (by baseline)."""
    lines: dict[tuple[int, float], list[LTChar]] = {}

    def walk(node: object, page: int) -> None:
        if isinstance(node, LTChar):
            if node.get_text().strip():
                lines.setdefault((page, round(node.matrix[5], 1)), []).append(node)
        elif isinstance(node, LTContainer):
            for child in node:
                walk(child, page)

    for number, page in enumerate(extract_pages(pdf)):
        assert isinstance(page, LTPage)
        walk(page, number)
    return [sorted(chars, key=lambda c: c.x0) for _, chars in sorted(lines.items())]


def _latin(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


@pytest.mark.slow
def test_han_and_latin_are_a_quarter_em_apart_in_the_pdf(pdf: Path) -> None:
    gaps = []
    for line in _lines(pdf):
        text = "".join(c.get_text() for c in line)
        if text not in SHORT_SEEN:  # one-line paragraphs: never stretched by justification
            continue
        for a, b in itertools.pairwise(line):
            x, y = a.get_text(), b.get_text()
            if (is_cjk(x) and _latin(y)) or (_latin(x) and is_cjk(y)):
                gaps.append(b.x0 - a.x1)
    assert len(gaps) == 8
    for gap in gaps:
        assert abs(gap - BODY_PT / 4) < 0.3, gaps


@pytest.mark.slow
def test_no_line_starts_with_the_space(pdf: Path) -> None:
    lines = _lines(pdf)
    long_text = "".join(LONG)
    body = [line for line in lines if "".join(c.get_text() for c in line) in long_text]
    margin = min(line[0].x0 for line in body)
    starts_latin = 0
    for line in body:
        first = line[0]
        if first.x0 > margin + 0.5:
            assert abs(first.x0 - margin - 2 * BODY_PT) < 0.5, line  # a first line: 2em
            continue
        starts_latin += _latin(first.get_text())
    assert starts_latin >= 3  # the case this test is for did occur: a Latin word first
