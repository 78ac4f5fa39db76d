"""An edition's fonts: the subsets it embeds, and the ``@font-face`` rules naming them.

Two families, used by ``assets/edition.css``:

- ``Edition CJK``: the CJK face (with ``chws``, :mod:`toolkit.render.chws`), for Chinese,
  a Latin word or number inside Chinese text included;
- ``Edition Latin``: EB Garamond, upright and italic, for English (``lang="en"``: an
  English edition, the English side of a bilingual one, an English note in a Chinese
  colophon), its quotation marks and apostrophes included: English is never set in the
  CJK face's full-width ones.

A Latin word inside a Chinese paragraph stays in the CJK face (whose Latin is drawn to
sit with its Han): set in another face, it would make the line two Pango runs, across
which the PDF's inter-character justification (:mod:`toolkit.render.justify`) cannot
spread its slack exactly, and the build stops.

Each file is cut to the edition's characters (and the quotation marks the stylesheet's
``quotes`` can add), once per character set (:func:`toolkit.render.fonts.cached_subset`),
and shared by the edition's three formats: as WOFF2 data in the HTML, as OpenType data
in the page WeasyPrint makes the PDF from, as files in the EPUB.
"""

from __future__ import annotations

import base64
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from fontTools.ttLib import TTFont

from toolkit.render.fontcache import FontCache
from toolkit.render.fonts import (
    LATIN_FEATURES,
    FontSource,
    cached_subset,
    cached_woff2,
    find_latin_fonts,
)

CJK = "Edition CJK"
LATIN = "Edition Latin"
#: The marks the stylesheet's ``quotes`` gives a ``<q>``, in any edition: in every subset.
QUOTES = "「」『』“”‘’"

#: How a format carries its fonts: data in the page (PDF: OpenType; HTML: WOFF2), or
#: files beside the text (EPUB).
Carrier = Literal["pdf", "html", "epub"]


@dataclass(frozen=True)
class Face:
    """One ``@font-face`` rule: a family's style, the subset behind it."""

    family: str
    style: str  # "normal" or "italic"
    path: Path  # the subset, in the cache
    file_name: str  # its name inside the EPUB
    weights: tuple[int, int] | None = None  # a variable face's weight range


@dataclass(frozen=True)
class EditionFonts:
    faces: tuple[Face, ...]
    cache: FontCache

    def files(self, folder: Path) -> list[Path]:
        """Each font file once, copied into ``folder`` under its name in the edition."""
        out: dict[str, Path] = {}
        for face in self.faces:
            if face.file_name not in out:
                out[face.file_name] = Path(shutil.copyfile(face.path, folder / face.file_name))
        return list(out.values())

    def css(self, carrier: Carrier) -> str:
        """The ``@font-face`` rules, one a line, for a format."""
        return "\n".join(self._rule(face, carrier) for face in self.faces)

    def _rule(self, face: Face, carrier: Carrier) -> str:
        kind = "opentype" if face.path.suffix == ".otf" else "truetype"
        if carrier == "epub":
            src = f'url("../fonts/{face.file_name}") format("{kind}")'
        else:
            path, mime = (face.path, f"font/{face.path.suffix[1:]}")
            if carrier == "html":
                path, mime, kind = cached_woff2(face.path, self.cache), "font/woff2", "woff2"
            data = base64.b64encode(path.read_bytes()).decode("ascii")
            src = f'url("data:{mime};base64,{data}") format("{kind}")'
        parts = [f'font-family: "{face.family}"', f"src: {src}"]
        if face.style != "normal":
            parts.append(f"font-style: {face.style}")
        # A weight range is CSS Fonts 4, which WeasyPrint 70 does not read (it finds the
        # variable weights itself); browsers and reading systems need it to use them.
        if face.weights and carrier != "pdf":
            parts.append(f"font-weight: {face.weights[0]} {face.weights[1]}")
        return "@font-face { " + "; ".join(parts) + "; }"


def edition_fonts(cjk: FontSource, text: str, cache: FontCache) -> EditionFonts:
    """The fonts of an edition whose every character is in ``text``."""
    text += QUOTES
    upright, italic = find_latin_fonts()
    cjk_subset = cached_subset(cjk, text, cache)
    latin = cached_subset(upright, text, cache, LATIN_FEATURES)
    latin_italic = cached_subset(italic, text, cache, LATIN_FEATURES)
    cjk_name = f"edition-cjk{cjk_subset.suffix}"
    latin_name, italic_name = (
        f"edition-latin{latin.suffix}",
        f"edition-latin-italic{latin.suffix}",
    )
    return EditionFonts(
        (
            Face(CJK, "normal", cjk_subset, cjk_name),
            Face(LATIN, "normal", latin, latin_name, _weights(latin)),
            Face(LATIN, "italic", latin_italic, italic_name, _weights(latin_italic)),
        ),
        cache,
    )


def _weights(path: Path) -> tuple[int, int] | None:
    """The weight range of a variable font (None for a static one)."""
    with TTFont(str(path), lazy=True) as font:
        if "fvar" not in font:
            return None
        for axis in font["fvar"].axes:
            if axis.axisTag == "wght":
                return int(axis.minValue), int(axis.maxValue)
        return None
