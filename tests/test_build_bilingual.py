"""The repository's sample work as parallel and interleaved editions, built once with the
real Pandoc and WeasyPrint and read back: where each pair starts on the PDF's pages,
the PDF's bookmarks, every segment of both texts in every format, the languages on
each side and the EPUB's one small table per pair. The validators run on the guide's
editions (tests/test_guide_editions.py).

The browser's view of the parallel HTML edition is tests/test_parallel_chromium.py; the
pairing itself, tests/test_pairing.py.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from lxml import html as lxml_html
from pdfminer.high_level import extract_pages
from pdfminer.layout import LTChar, LTContainer, LTPage
from pypdf import PdfReader
from pypdf.generic import Destination

from tests.conftest import REPO
from tests.test_build import XHTML, XML_LANG, _opf
from toolkit.model import Segment
from toolkit.render.pairing import Row, RowKind, pair_rows
from toolkit.store.inline import parse_inline, plain_text
from toolkit.store.work import load_work

pytestmark = pytest.mark.slow

DC = "{http://purl.org/dc/elements/1.1/}"
#: How far apart two sides' first baselines may be: the Chinese side's taller lines
#: (line-height 1.8 against 1.6) put its first baseline about 2 pt lower. A pair set one
#: under the other would be a line (about 17 pt) or more apart.
BASELINE_TOLERANCE = 3.0


def _rows() -> list[Row]:
    work = load_work(REPO, "sample")
    en = work.translations["en"]
    assert work.source is not None and en.document is not None and en.alignment is not None
    return pair_rows(work.source, en.document, en.alignment)


def _plain(segment: Segment) -> str:
    return plain_text(parse_inline(segment.text))


#: What layout adds to a text or moves in it: spaces, word joiners, and the hyphens of
#: hyphenated words (WeasyPrint sets U+2010).
_LAYOUT = re.compile(r"[\s\u00ad\u2060\u2010-]")


def _squeezed(text: str) -> str:
    return _LAYOUT.sub("", text)


Column = list[LTChar]


def _pages(pdf: Path) -> list[tuple[float, Column]]:
    """Each page's middle and its characters in the order PDFMiner reads them, without
    what layout adds (``_LAYOUT``)."""

    def walk(node: object, out: list[LTChar]) -> None:
        if isinstance(node, LTChar):
            if not _LAYOUT.fullmatch(node.get_text()):
                out.append(node)
        elif isinstance(node, LTContainer):
            for child in node:
                walk(child, out)

    pages: list[tuple[float, Column]] = []
    for page in extract_pages(pdf):
        assert isinstance(page, LTPage)
        chars: list[LTChar] = []
        walk(page, chars)
        pages.append(((page.x0 + page.x1) / 2, chars))
    return pages


def _columns(pdf: Path) -> tuple[list[Column], list[Column]]:
    """Each page's characters left of its middle, and right of it (a full-width line, a
    heading, starts on the left)."""
    pages = _pages(pdf)
    left = [[c for c in chars if c.x0 < middle] for middle, chars in pages]
    right = [[c for c in chars if c.x0 >= middle] for middle, chars in pages]
    return left, right


class _Reader:
    """Finds texts in a column, page after page, each after the one found before."""

    def __init__(self, column: list[Column]) -> None:
        self.chars = [(n, c) for n, chars in enumerate(column) for c in chars]
        self.text = "".join(c.get_text() for _, c in self.chars)
        self.at = 0

    def start_at_page(self, page: int) -> None:
        self.at = next(i for i, (n, _) in enumerate(self.chars) if n >= page)

    def find(self, text: str) -> tuple[int, LTChar] | None:
        """The page and first character of ``text`` (found by its first characters: a
        table's cells are read in an order of PDFMiner's own)."""
        needle = _squeezed(text)[:8]
        found = self.text.find(needle, self.at)
        if found < 0:
            return None
        self.at = found + len(needle)
        return self.chars[found]


def test_each_pair_of_the_parallel_pdf_starts_at_the_same_height(
    sample_build: Path,
) -> None:
    left, right = (_Reader(c) for c in _columns(sample_build / "sample.parallel.en.pdf"))
    rows = _rows()
    # The text starts on the page of its first heading, after the cover and title page.
    assert rows[0].kind is RowKind.HEADING
    start = left.find(_plain(rows[0].source[0].segments[0]))
    assert start is not None
    right.start_at_page(start[0])
    measured = 0
    for row in rows:
        if row.kind is not RowKind.TEXT or not row.source or not row.target:
            continue
        original = left.find(_plain(row.source[0].segments[0]))
        translation = right.find(_plain(row.target[0].segments[0]))
        assert original is not None and translation is not None, row
        (page_a, a), (page_b, b) = original, translation
        assert page_a == page_b, (row, page_a, page_b)
        # The baseline is the character's origin (its matrix's y), not its box.
        assert abs(a.matrix[5] - b.matrix[5]) <= BASELINE_TOLERANCE, (row, a, b)
        measured += 1
    assert measured >= 15


@pytest.mark.parametrize("kind", ["parallel", "interleaved"])
def test_every_segment_of_both_texts_is_in_the_pdf(sample_build: Path, kind: str) -> None:
    pdf = sample_build / f"sample.{kind}.en.pdf"
    if kind == "parallel":  # each column read on its own, page after page
        streams = ["".join(c.get_text() for p in side for c in p) for side in _columns(pdf)]
    else:
        streams = ["".join(c.get_text() for _, chars in _pages(pdf) for c in chars)] * 2
    for row in _rows():
        # A heading or a figure's caption is set across the page: it starts on the left.
        sides = streams if row.kind is RowKind.TEXT else [streams[0]] * 2
        for stream, pieces in zip(sides, (row.source, row.target), strict=True):
            for segment in (s for piece in pieces for s in piece.segments):
                assert _squeezed(_plain(segment)) in stream, segment


def test_the_parallel_pdf_bookmarks_each_heading_in_both_languages(
    sample_build: Path,
) -> None:
    reader = PdfReader(sample_build / "sample.parallel.en.pdf")

    def titles(outline: list[object]) -> list[str]:
        out: list[str] = []
        for item in outline:
            if isinstance(item, list):
                out += titles(item)
            elif isinstance(item, Destination):
                out.append(str(item.title))
        return out

    found = titles(list(reader.outline))
    assert "老茶行 / The Old Tea Shops" in found
    assert "店裡的茶 / The Teas in the Shop" in found
    assert not any("\n" in t for t in found)


def _html(path: Path) -> lxml_html.HtmlElement:
    return lxml_html.fromstring(path.read_bytes())


@pytest.mark.parametrize("kind", ["parallel", "interleaved"])
def test_every_segment_has_its_element_once_in_its_language(sample_build: Path, kind: str) -> None:
    page = _html(sample_build / f"sample.{kind}.en.html")
    work = load_work(REPO, "sample")
    en = work.translations["en"].document
    assert work.source is not None and en is not None
    for prefix, doc, lang in (("zh-Hant-TW", work.source, "zh-Hant-TW"), ("en", en, "en")):
        for seg_id in doc.segment_ids():
            [element] = page.xpath(f"//*[@id='{prefix}-{seg_id}']")
            tagged = element.xpath("ancestor-or-self::*[@lang][1]/@lang")
            assert tagged == [lang], (seg_id, tagged)


def test_the_parallel_html_pairs_two_sides_per_bead(sample_build: Path) -> None:
    page = _html(sample_build / "sample.parallel.en.html")
    pairs = page.xpath("//div[contains(@class, 'parallel')]/div[contains(@class, 'pair')]")
    text_rows = [r for r in _rows() if r.kind is RowKind.TEXT]
    assert len(pairs) == len(text_rows)
    for pair in pairs:
        sides = pair.xpath("div")
        assert [s.get("class") for s in sides] == ["side original", "side translation"]
        assert [s.get("lang") for s in sides] == ["zh-Hant-TW", "en"]
    # A heading (or a figure, or code) closes one div.parallel; the next pair opens another.
    kinds = [r.kind for r in _rows()]
    opened = [
        k is RowKind.TEXT and (i == 0 or kinds[i - 1] is not RowKind.TEXT)
        for i, k in enumerate(kinds)
    ]
    assert len(page.xpath("//div[@class='parallel']")) == sum(opened) >= 3
    [omitted] = page.xpath("//div[contains(@class, 'omitted')][.//*[@id='zh-Hant-TW-s22']]")
    assert omitted.xpath("div[2]")[0].text_content().strip() == ""  # unmarked by default


def test_the_interleaved_html_sets_each_original_before_its_translation(
    sample_build: Path,
) -> None:
    page = _html(sample_build / "sample.interleaved.en.html")
    pairs = page.xpath("//div[contains(@class, 'interleaved')]")
    both = [p for p in pairs if len(p.xpath("div")) == 2]
    assert len(both) >= 15
    for pair in both:
        first, second = pair.xpath("div")
        assert first.get("lang") == "zh-Hant-TW" and first.get("class") == "primary"
        assert second.get("lang") == "en" and second.get("class") == "secondary muted"


def _epub_pages(epub: Path) -> list[etree._Element]:
    with zipfile.ZipFile(epub) as z:
        return [
            etree.fromstring(z.read(name))
            for name in sorted(z.namelist())
            if name.endswith(".xhtml") and "/text/" in name
        ]


def test_the_parallel_epub_has_a_small_table_per_pair_in_both_languages(
    sample_build: Path,
) -> None:
    epub = sample_build / "sample.parallel.en.epub"
    pairs = [
        pair
        for page in _epub_pages(epub)
        for pair in page.iter(f"{XHTML}div")
        if "pair" in (pair.get("class") or "").split()
    ]
    assert len(pairs) == len([r for r in _rows() if r.kind is RowKind.TEXT])
    for pair in pairs:
        assert pair.getparent().get("class") == "parallel"  # never inside a table
        sides = pair.findall(f"{XHTML}div")
        assert [s.get(XML_LANG) for s in sides] == ["zh-Hant-TW", "en"]
    opf = _opf(epub)
    languages = [e.text for e in opf.iter(f"{DC}language")]
    assert languages[0] == "en" and "zh-Hant-TW" in languages
    assert next(e.text for e in opf.iter(f"{DC}title")) == "An Afternoon in Dadaocheng"


#: Every edition of the sample work (issue 8's "done when": on the repository's sample).
SAMPLE_EDITIONS = ["zh-Hant-TW", "zh-Hans", "en", "parallel.en", "interleaved.en"]


def test_the_sample_builds_every_edition(sample_build: Path) -> None:
    names = sorted(p.name for p in sample_build.iterdir())
    assert names == sorted(
        f"sample.{e}.{x}" for e in SAMPLE_EDITIONS for x in ("epub", "html", "pdf")
    )


# The validators (epubcheck, Nu, qpdf) run on every edition of the guide, which has every
# kind of block the sample has and more: tests/test_guide_editions.py.
