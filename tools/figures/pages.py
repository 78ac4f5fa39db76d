"""Which page of a parallel PDF shows what the edition is: Chinese on the left, English
on the right, both with body text.

The page is found by reading the PDF's text, not by its number, so that the picture
follows the guide as it grows: a page's left half and right half are read apart
(PDFium's text within a rectangle), and the first page whose left half is Chinese text
and whose right half is English text is the one. A title page, whose centred lines fall
in both halves, or a page of Chinese followed by English across the whole width, has
both scripts in each half and is passed over.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_WORD = re.compile(r"[A-Za-z]{2,}")


@dataclass(frozen=True)
class Halves:
    """What one page's two halves hold: Han characters and Latin words (two letters or
    more) in each."""

    left_han: int
    left_words: int
    right_han: int
    right_words: int


@dataclass(frozen=True)
class PageRule:
    """When a page counts as two columns of body text. A half is Chinese when it has at
    least ``min_han`` Han characters and ``dominance`` times as many of them as Latin
    words (a running header, a file name in a table, an English term stay below that);
    a half is English the other way round, with at least ``min_words`` words."""

    min_han: int = 40
    min_words: int = 25
    dominance: int = 2

    def chinese(self, han: int, words: int) -> bool:
        return han >= self.min_han and han >= self.dominance * words

    def english(self, han: int, words: int) -> bool:
        # Counted in words against characters: a Chinese word is about two characters.
        return words >= self.min_words and words >= self.dominance * 2 * han

    def holds(self, halves: Halves) -> bool:
        return self.chinese(halves.left_han, halves.left_words) and self.english(
            halves.right_han, halves.right_words
        )


def halves(pdf: Path) -> list[Halves]:
    """Every page's two halves, read with PDFium."""
    import pypdfium2

    found: list[Halves] = []
    document = pypdfium2.PdfDocument(str(pdf))
    try:
        for index in range(len(document)):
            page = document[index]
            text = page.get_textpage()
            try:
                width, height = (float(size) for size in page.get_size())
                left = str(text.get_text_bounded(0, 0, width / 2, height))
                right = str(text.get_text_bounded(width / 2, 0, width, height))
            finally:
                text.close()
                page.close()
            found.append(
                Halves(
                    len(_HAN.findall(left)),
                    len(_WORD.findall(left)),
                    len(_HAN.findall(right)),
                    len(_WORD.findall(right)),
                )
            )
    finally:
        document.close()
    return found


def first_parallel_page(pdf: Path, rule: PageRule | None = None) -> int:
    """The index (0-based) of ``pdf``'s first page with Chinese body text on the left and
    English on the right; a ValueError when it has none."""
    rule = rule or PageRule()
    pages = halves(pdf)
    for index, page in enumerate(pages):
        if rule.holds(page):
            return index
    raise ValueError(
        f"no page of {pdf} ({len(pages)} pages) has Chinese text on the left and English "
        "on the right"
    )
