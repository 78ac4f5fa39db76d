"""make figures (tools/figures): the pipeline diagram, the page of the parallel PDF, the
PNGs they make, and the committed pictures; and a figure wider than the page in a PDF."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pypdfium2
import pytest
from lxml import html as lxml_html
from PIL import Image

from tests.conftest import ORIGINAL_YAML, REPO, TRANSLATION_YAML, write_tree
from tools.figures.__main__ import PARALLEL_PNG, PIPELINE_PNG
from tools.figures.diagram import (
    HEIGHT,
    PIPELINE,
    WIDTH,
    Diagram,
    Stage,
    diagram_html,
    font_faces,
    overflows,
    render_diagram_pdf,
)
from tools.figures.pages import Halves, PageRule, first_parallel_page, halves
from tools.figures.raster import PngOptions, ink_fraction, rasterise, save_png

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

# Text of our own for the pages the tests set: Chinese enough to fill a half page's
# column, English enough to fill the other.
ZH = "這一段中文是測試用的文字，用來確認頁面左半邊的內容是中文，而且字數足夠多。" * 3
EN = (
    "This English paragraph is written for the test, to show that the right half of "
    "the page holds English words, and enough of them to count as body text. "
) * 2


@pytest.fixture(scope="module")
def faces(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The diagram's faces, cut down to its text, these tests' texts and ASCII."""
    ascii_letters = "".join(chr(c) for c in range(32, 127))
    text = PIPELINE.text() + ZH + EN + ascii_letters
    return font_faces(text, tmp_path_factory.mktemp("faces"))


def _pdf(html: str, out: Path, faces: str) -> Path:
    import weasyprint

    style = f"<style>{faces} @page {{ size: A5; margin: 15mm; }} body {{ font-family: "
    style += '"Figure Latin", "Figure CJK"; font-size: 10pt; } td { vertical-align: top; '
    style += "width: 50%; padding: 0 4mm; }</style>"
    weasyprint.HTML(string=f"<!DOCTYPE html><html><head>{style}</head>{html}</html>").write_pdf(
        target=str(out)
    )
    return out


def _columns(left: str, right: str) -> str:
    return f'<table style="width: 100%"><tr><td>{left}</td><td>{right}</td></tr></table>'


@pytest.fixture(scope="module")
def three_pages(tmp_path_factory: pytest.TempPathFactory, faces: str) -> Path:
    """Page 1: a centred title and Chinese then English across the whole width; page 2:
    English in both columns; page 3: Chinese on the left, English on the right."""
    body = (
        '<body><h1 style="text-align: center">使用指南 The Guide</h1>'
        f"<p>{ZH}</p><p>{EN}</p>"
        f'<div style="break-before: page">{_columns(EN, EN)}</div>'
        f'<div style="break-before: page">{_columns(ZH, EN)}</div></body>'
    )
    return _pdf(body, tmp_path_factory.mktemp("pages") / "three.pdf", faces)


# Which page ------------------------------------------------------------------------


def test_the_first_page_with_chinese_left_and_english_right_is_chosen(three_pages: Path) -> None:
    pages = halves(three_pages)
    assert len(pages) == 3
    # The trap is real: page 1 has Han and Latin words in each half.
    first = pages[0]
    assert min(first.left_han, first.left_words, first.right_han, first.right_words) > 0
    assert first_parallel_page(three_pages) == 2


def test_each_half_is_read_apart(three_pages: Path) -> None:
    english_both, parallel = halves(three_pages)[1:]
    assert english_both.left_han == english_both.right_han == 0
    assert english_both.left_words >= 25 and english_both.right_words >= 25
    assert parallel.left_han >= 40 and parallel.right_han == 0
    assert parallel.left_words == 0 and parallel.right_words >= 25


def test_the_rule_wants_each_half_in_its_own_language() -> None:
    rule = PageRule()
    assert rule.holds(Halves(left_han=106, left_words=13, right_han=4, right_words=58))
    assert not rule.holds(Halves(left_han=106, left_words=13, right_han=60, right_words=58))
    assert not rule.holds(Halves(left_han=0, left_words=60, right_han=0, right_words=60))
    assert not rule.holds(Halves(left_han=30, left_words=0, right_han=0, right_words=60))


def test_a_pdf_without_such_a_page_is_an_error(tmp_path: Path, faces: str) -> None:
    pdf = _pdf(f"<body><p>{ZH}</p><p>{EN}</p></body>", tmp_path / "one.pdf", faces)
    with pytest.raises(ValueError, match=r"no page of .* has Chinese text on the left"):
        first_parallel_page(pdf)


# Drawing a page ----------------------------------------------------------------------


def test_a_page_is_drawn_at_the_width_asked_and_is_not_blank(three_pages: Path) -> None:
    image = rasterise(three_pages, 2, 640)
    a5 = 210 / 148
    assert image.mode == "RGB"
    assert image.width == 640 and abs(image.height - 640 * a5) <= 1
    assert image.getpixel((0, 0)) == (255, 255, 255)  # the page is white
    assert 0.005 < ink_fraction(image) < 0.3


def test_a_blank_page_has_no_ink(tmp_path: Path, faces: str) -> None:
    pdf = _pdf("<body><p></p></body>", tmp_path / "blank.pdf", faces)
    assert ink_fraction(rasterise(pdf, 0, 300)) == 0.0


def test_a_page_that_is_not_there_is_an_error(three_pages: Path) -> None:
    with pytest.raises(ValueError, match="has 3 pages: no page 4"):
        rasterise(three_pages, 3, 300)


def test_the_png_is_a_small_palette_image_with_its_frame(three_pages: Path, tmp_path: Path) -> None:
    image = rasterise(three_pages, 2, 600)
    out = tmp_path / "page.png"
    size = save_png(image, out, PngOptions(width=600, colours=32, frame=(200, 0, 0)))
    assert out.read_bytes()[:8] == PNG_SIGNATURE and size == out.stat().st_size
    with Image.open(out) as saved:
        assert saved.format == "PNG" and saved.mode == "P" and saved.size == image.size
        rgb = saved.convert("RGB")
    colours = rgb.getcolors(256)
    assert colours is not None and len(colours) <= 32
    assert rgb.getpixel((0, 0)) == rgb.getpixel((599, rgb.height - 1)) == (200, 0, 0)
    assert rgb.getpixel((1, 1)) == (255, 255, 255)
    assert ink_fraction(rgb) > 0.005  # the text survived the palette


# The diagram -------------------------------------------------------------------------


def test_the_diagram_names_every_stage_in_both_languages() -> None:
    page = lxml_html.fromstring(diagram_html())
    names = [
        (name.xpath("string(span[@lang='zh-Hant-TW'])"), name.xpath("string(span[@lang='en'])"))
        for name in page.xpath("//p[@class='name']")
    ]
    assert names == [
        ("匯入", "import"),
        ("切句", "segment"),
        ("對齊", "align"),
        ("檢查", "check"),
        ("交換", "export / import"),
        ("出版", "build"),
    ]
    formats = " ".join(page.xpath("//p[@class='formats']/text()"))
    assert re.findall(r"[A-Z]+", formats) == [
        *("TMX", "XLIFF", "PO", "CSV", "XLSX"),
        *("HTML", "EPUB", "PDF"),
    ]


@pytest.fixture(scope="module")
def diagram_png(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Image.Image]:
    pdf = render_diagram_pdf(tmp_path_factory.mktemp("diagram") / "pipeline.pdf")
    image = rasterise(pdf, 0, WIDTH)
    yield image
    image.close()


def test_the_diagram_is_drawn_whole_on_white(diagram_png: Image.Image) -> None:
    assert diagram_png.size == (WIDTH, HEIGHT)
    assert diagram_png.getpixel((0, 0)) == (255, 255, 255)
    assert 0.02 < ink_fraction(diagram_png, threshold=200) < 0.3
    # Every stage's box is drawn: its pale blue-grey fill near the top of each column
    # (columns 261 px wide, 36 apart, from 24 px; boxes from 22 px down).
    for column in range(4):
        pixel = diagram_png.getpixel((24 + column * (261 + 36) + 130, 30))
        assert isinstance(pixel, tuple)
        red, _, blue = pixel
        assert blue > red and blue < 255


def test_a_note_too_long_for_its_box_is_found(faces: str) -> None:
    import weasyprint

    def rendered(diagram: Diagram) -> list[str]:
        return overflows(weasyprint.HTML(string=diagram_html(diagram, faces)).render())

    assert rendered(PIPELINE) == []
    first = PIPELINE.stages[0]
    long = replace(first, note_en=EN)
    spilt = rendered(replace(PIPELINE, stages=(long, *PIPELINE.stages[1:])))
    assert spilt and all(word.endswith("in box 匯入") for word in spilt)
    wide = replace(PIPELINE, build=Stage("出版", "build" * 12, "", ""))
    assert any("in box 出版" in word for word in rendered(wide))


# The committed pictures -----------------------------------------------------------------


@pytest.mark.parametrize("path", [PIPELINE_PNG, PARALLEL_PNG], ids=str)
def test_the_committed_pictures_are_small_pngs_of_a_readable_width(path: Path) -> None:
    file = REPO / path
    assert file.read_bytes()[:8] == PNG_SIGNATURE
    assert file.stat().st_size < 400_000
    with Image.open(file) as image:
        assert image.format == "PNG"
        assert 1000 <= image.width <= 1400 and 300 <= image.height <= 2000
        assert 0.005 < ink_fraction(image.convert("RGB")) < 0.3


def test_the_guides_figure_is_the_diagram_as_drawn_now() -> None:
    # Beside the guide's texts (the import copies it into the work: tests/test_guide.py
    # holds the copies to it), at the size the diagram's code gives: a changed layout not
    # drawn again fails here.
    assert PIPELINE_PNG.parent == Path("docs/examples/guide")
    with Image.open(REPO / PIPELINE_PNG) as image:
        assert image.size == (WIDTH, HEIGHT)


# A wide figure in a PDF ------------------------------------------------------------------

WIDE_SOURCE = """\
# 流程 {#s1}

下面這張圖比頁面還寬。 {#s2}

![一張很寬的圖](wide.png "圖：王小明") {#s3}
"""
WIDE_TRANSLATION = """\
# The Pipeline {#t1}

The picture below is wider than the page. {#t2}

![A wide picture](wide.png "Picture: Hsiao-ming Wang") {#t3}
"""
WIDE_ALIGN = "# source\ttranslation\tscore\tstate\n" + "".join(
    f"s{n}\tt{n}\t0.9\tauto\n" for n in (1, 2, 3)
)


@pytest.mark.slow
def test_a_figure_wider_than_the_page_is_set_to_the_width_of_the_text(tmp_path: Path) -> None:
    from toolkit import BuildOptions, Format, build_work, load_work
    from toolkit.render.edition import EditionKind

    write_tree(
        tmp_path,
        {
            "source/wide/work.yaml": ORIGINAL_YAML,
            "source/wide/text.md": WIDE_SOURCE,
            "translations/wide/en.yaml": TRANSLATION_YAML,
            "translations/wide/en.md": WIDE_TRANSLATION,
            "translations/wide/en.align": WIDE_ALIGN,
        },
    )
    # 1,500 px: 397 mm at WeasyPrint's 96 pixels an inch, on an A5 page of 148.
    Image.new("RGB", (1500, 300), (40, 90, 160)).save(tmp_path / "source/wide/wide.png")
    options = BuildOptions(
        out_dir=tmp_path / "build",
        formats=(Format.PDF,),
        editions=(EditionKind.ORIGINAL, EditionKind.PARALLEL),
    )
    build_work(load_work(tmp_path, "wide"), options)
    margin = 16 / 25.4 * 72  # print.css: 16 mm each side
    for name in ("wide.zh-Hant-TW.pdf", "wide.parallel.en.pdf"):
        bounds = _figure_bounds(tmp_path / "build/wide" / name)
        assert len(bounds) == 1, name
        (left, bottom, right, top), page_width = bounds[0]
        text_width = page_width - 2 * margin
        assert left >= margin - 0.5 and right <= page_width - margin + 0.5, name
        assert right - left > 0.95 * text_width, name  # scaled to fit, not left out
        assert abs((top - bottom) / (right - left) - 300 / 1500) < 0.01, name  # not squeezed


def _figure_bounds(pdf: Path) -> list[tuple[tuple[float, float, float, float], float]]:
    """Each image's bounds on the pages after the cover, with its page's width."""
    found = []
    document = pypdfium2.PdfDocument(str(pdf))
    try:
        for index in range(1, len(document)):
            page = document[index]
            for image in page.get_objects(filter=[pypdfium2.raw.FPDF_PAGEOBJ_IMAGE]):
                found.append((tuple(image.get_bounds()), float(page.get_width())))
            page.close()
    finally:
        document.close()
    return found


def test_the_readme_shows_the_picture_and_make_figures_draws_it() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    tour = readme[readme.index("## A tour") :]
    assert tour.split("\n\n")[1].startswith(f'<img src="{PARALLEL_PNG.as_posix()}"')
    assert "`make figures`" in tour.split("\n\n")[2]
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    target = makefile[makefile.index("\nfigures:") :].split("\n\n")[0]
    assert "$(BIN)/python -m tools.figures" in target
    assert "# make figures:" in makefile.split("\n\n")[0]  # the header says what it does
    lint = makefile[makefile.index("\nlint:") :].split("\n\n")[0]
    assert lint.count(" tools") == 2  # ruff check and ruff format see the tool


TALL_CAPTION = "這張圖的說明很長，" * 24
TALL_SOURCE = f"""\
# 流程 {{#s1}}

![{TALL_CAPTION}](tall.png "圖：王小明") {{#s2}}

圖後的文字。 {{#s3}}
"""


@pytest.mark.slow
def test_a_figure_and_its_caption_stay_on_one_page(tmp_path: Path) -> None:
    # The image (116 × 106 mm once fitted to the text) fits below the heading on the
    # first page of text; with its long caption (about 35 mm) the figure does not, and
    # moves to the next page whole, rather than leave its caption's end behind.
    from toolkit import BuildOptions, Format, build_work, load_work
    from toolkit.render.edition import EditionKind

    write_tree(
        tmp_path,
        {"source/tall/work.yaml": ORIGINAL_YAML, "source/tall/text.md": TALL_SOURCE},
    )
    Image.new("RGB", (1200, 1100), (40, 90, 160)).save(tmp_path / "source/tall/tall.png")
    options = BuildOptions(
        out_dir=tmp_path / "build", formats=(Format.PDF,), editions=(EditionKind.ORIGINAL,)
    )
    build_work(load_work(tmp_path, "tall"), options)
    document = pypdfium2.PdfDocument(str(tmp_path / "build/tall/tall.zh-Hant-TW.pdf"))
    try:
        with_image, text = [], []
        for index in range(1, len(document)):  # after the cover
            page = document[index]
            if list(page.get_objects(filter=[pypdfium2.raw.FPDF_PAGEOBJ_IMAGE])):
                with_image.append(index - 1)
            textpage = page.get_textpage()
            text.append(str(textpage.get_text_range()))
            textpage.close()
            page.close()
    finally:
        document.close()
    assert len(with_image) == 1
    [page] = with_image
    caption_on = [n for n, t in enumerate(text) if "這張圖的說明很長" in t]
    assert caption_on == [page], "the caption is not all on its image's page"
    assert "圖：王小明" in text[page] and "流程" not in text[page]
