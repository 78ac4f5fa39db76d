"""A Chinese edition's pages, read back from a real built PDF: no paragraph leaves a
single line at the foot of a page or carries one alone to the next (orphans and widows
of 2), a running head of the edition's title from the page after the text begins, and a
page number at the foot of every page after the title page.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from pdfminer.high_level import extract_pages
from pdfminer.layout import LTChar, LTContainer, LTPage

from tests.conftest import ORIGINAL_YAML, write_tree
from toolkit import BuildOptions, build_work, load_work
from toolkit.render.build import Format
from toolkit.render.edition import EditionKind

pytestmark = pytest.mark.slow

TITLE = "測試之作"
WORDS = (
    "大稻埕在台北市西邊緊鄰淡水河十九世紀末這裡是全台灣最熱鬧的茶葉集散地洋行和茶行沿著河岸一字排開"
)
#: Paragraphs of 1 to 9 lines (a line holds about 24 characters), each opening with its
#: number so that its lines can be told from the others'.
LENGTHS = [(n * 7) % 9 + 1 for n in range(48)]
PARAGRAPHS = [f"第{n}段" + (WORDS * 9)[: 24 * lines - 6] + "。" for n, lines in enumerate(LENGTHS)]


@dataclass
class Line:
    page: int
    y: float
    chars: list[LTChar] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(c.get_text() for c in sorted(self.chars, key=lambda c: c.x0))


@dataclass
class Page:
    number: int
    height: float
    lines: list[Line]

    def above(self, y: float) -> str:
        return "".join(line.text for line in self.lines if line.y > y)

    def below(self, y: float) -> str:
        return "".join(line.text for line in self.lines if line.y < y)


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> list[Page]:
    root = tmp_path_factory.mktemp("pages")
    text = "".join(f"{p} {{#s{i}}}\n\n" for i, p in enumerate(PARAGRAPHS, 1))
    write_tree(root, {"source/trial/work.yaml": ORIGINAL_YAML, "source/trial/text.md": text})
    options = BuildOptions(root / "build", (Format.PDF,), editions=(EditionKind.ORIGINAL,))
    build_work(load_work(root, "trial"), options)
    return list(_pages(root / "build/trial/trial.zh-Hant-TW.pdf"))


def _pages(pdf: Path) -> Iterator[Page]:
    def walk(node: object, out: list[LTChar]) -> None:
        if isinstance(node, LTChar):
            if node.get_text().strip():
                out.append(node)
        elif isinstance(node, LTContainer):
            for child in node:
                walk(child, out)

    for number, layout in enumerate(extract_pages(pdf), 1):
        assert isinstance(layout, LTPage)
        chars: list[LTChar] = []
        walk(layout, chars)
        lines: dict[float, Line] = {}
        for char in chars:
            y = round(char.matrix[5], 1)
            lines.setdefault(y, Line(number, y)).chars.append(char)
        yield Page(number, layout.height, sorted(lines.values(), key=lambda line: -line.y))


#: The text block's edges on an A5 page (print.css: margins 20 mm top, 22 mm foot), pt.
TOP_MARGIN, FOOT_MARGIN = 20 * 72 / 25.4, 22 * 72 / 25.4


def _text_start(pages: list[Page]) -> int:
    """The number of the page where the text begins (its title repeated, then 第0段)."""
    return next(p.number for p in pages if any("第0段" in line.text for line in p.lines))


def test_no_paragraph_leaves_one_line_at_a_page_foot_or_carries_one_to_the_next(
    pages: list[Page],
) -> None:
    body = [
        line
        for page in pages
        for line in page.lines
        if FOOT_MARGIN < line.y < page.height - TOP_MARGIN
    ]
    crossings = 0
    start = next(i for i, line in enumerate(body) if line.text.startswith("第0段"))
    i = start
    for n, paragraph in enumerate(PARAGRAPHS):
        assert body[i].text.startswith(f"第{n}段"), (n, body[i].text)
        spelt, lines = "", []
        while spelt != paragraph:
            spelt += body[i].text
            lines.append(body[i])
            i += 1
            assert paragraph.startswith(spelt), (n, spelt)
        on_pages = [line.page for line in lines]
        if len(set(on_pages)) > 1:
            crossings += 1
            first_page = on_pages[0]
            assert on_pages.count(first_page) >= 2, f"paragraph {n}: an orphan"
            assert len(on_pages) - on_pages.count(first_page) >= 2, f"paragraph {n}: a widow"
    assert crossings >= 5  # the rule had pages to act on


def test_a_running_head_from_the_page_after_the_text_begins(pages: list[Page]) -> None:
    start = _text_start(pages)
    for page in pages:
        head = page.above(page.height - TOP_MARGIN + 2)
        if page.number <= start:  # the cover, the title page, the text's first page
            assert head == "", (page.number, head)
        else:
            assert head == TITLE, (page.number, head)


def test_every_page_after_the_title_page_has_its_number_at_the_foot(pages: list[Page]) -> None:
    start = _text_start(pages)
    assert len(pages) - start >= 5
    for page in pages:
        foot = page.below(FOOT_MARGIN - 2)
        if page.number < start:
            assert foot == "", (page.number, foot)
        else:
            assert foot == str(page.number), (page.number, foot)
