"""One page of a PDF as a PNG: PDFium (``pypdfium2``) draws it, Pillow writes it small.

The README's picture and the guide's figure are committed files, so they are written to
stay small and unchanged from one run to the next: a palette of a few dozen colours (the
pages are black text with grey anti-aliasing on white, which a palette keeps exactly
enough to read), Pillow's ``optimize``, and no date or other text chunk in the file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PIL import Image


@dataclass(frozen=True)
class PngOptions:
    """How a page becomes a committed PNG."""

    #: The picture's width in pixels; its height follows the page's proportions.
    width: int = 1200
    #: The palette's size; 0 keeps full RGB colour.
    colours: int = 64
    #: A one-pixel frame of this colour round the picture (a white page on a white
    #: README otherwise has no edge); None for none.
    frame: tuple[int, int, int] | None = None


def rasterise(pdf: Path, page_index: int, width: int) -> Image.Image:
    """Page ``page_index`` (0-based) of ``pdf`` drawn ``width`` pixels wide, in RGB on
    white."""
    import pypdfium2

    if width < 1:
        raise ValueError(f"a picture needs a width of at least 1 pixel, not {width}")
    document = pypdfium2.PdfDocument(str(pdf))
    try:
        if not 0 <= page_index < len(document):
            raise ValueError(f"{pdf} has {len(document)} pages: no page {page_index + 1}")
        page = document[page_index]
        try:
            page_width = float(page.get_width())
            bitmap = page.render(scale=width / page_width)
            try:
                # A copy: the bitmap's buffer is freed when it is closed.
                image: Image.Image = bitmap.to_pil().convert("RGB")
            finally:
                bitmap.close()
        finally:
            page.close()
    finally:
        document.close()
    # PDFium rounds the size up: a float's error can add a column of white.
    if image.width != width:
        image = image.crop((0, 0, width, image.height))
    return image


def ink_fraction(image: Image.Image, threshold: int = 160) -> float:
    """The share of ``image``'s pixels darker than ``threshold`` (0–255 grey): 0 for a
    blank page, a few per cent for a page of text."""
    grey = image.convert("L")
    histogram = grey.histogram()
    dark = sum(histogram[:threshold])
    return dark / (grey.width * grey.height)


def save_png(image: Image.Image, out: Path, options: PngOptions) -> int:
    """Write ``image`` to ``out`` as a small PNG (framed and reduced to a palette as
    ``options`` say); returns the file's size in bytes."""
    if options.frame is not None:
        image = _framed(image, options.frame)
    if options.colours:
        # Median cut: deterministic, and it keeps the greys text is drawn with.
        image = image.quantize(colors=options.colours, method=Image.Quantize.MEDIANCUT)
    out.parent.mkdir(parents=True, exist_ok=True)
    image.save(out, format="PNG", optimize=True)
    return out.stat().st_size


def _framed(image: Image.Image, colour: tuple[int, int, int]) -> Image.Image:
    from PIL import ImageDraw

    framed = image.copy()
    ImageDraw.Draw(framed).rectangle(
        (0, 0, framed.width - 1, framed.height - 1), outline=colour, width=1
    )
    return framed
