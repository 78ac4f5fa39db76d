"""An edition's cover: the work's own image for it, else one set from its title and names.

Which image is an edition's cover (docs/build.md): the file beside its text named for it,
PNG or JPEG::

    source/<work>/cover.png               the original's edition
    source/<work>/zh-Hans.cover.png       the Simplified edition
    translations/<work>/<lang>.cover.png  a translation's edition   (.jpg, .jpeg too)

Each cover belongs to one edition, as its title does: a translation never takes the
original's image, which carries the original's title in its own language. The image is
read as a figure's is (inside the work, a regular file, within the size limit, a PNG or
JPEG by its bytes, not by its name).

An edition without one gets a *typographic* cover: its title, author and translator in
its own language, drawn with Pillow in the edition's own CJK face (``fonts``), the face
that has every glyph the text needs, Latin included. Pillow's basic layout (no Raqm,
which a machine may or may not have) and a PNG without dates make the same edition give
the same bytes, build after build.

The EPUB names the cover its ``cover-image`` (Pandoc's ``--epub-cover-image``) and the
PDF shows it as its first page; the HTML page has none (a web page opens with its title).
"""

from __future__ import annotations

import io
import os
from base64 import b64encode
from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from toolkit.errors import Location, StageError, ToolkitError
from toolkit.render.ast import Json
from toolkit.render.attribution import attribution_of
from toolkit.render.credits import is_cjk, labels, language_name
from toolkit.render.edition import Edition, EditionKind
from toolkit.render.fonts import FontSource
from toolkit.render.simplified import DEFAULT_SETTINGS
from toolkit.store.imagetype import image_type
from toolkit.store.workfile import folders_of, read_work_file

__all__ = [
    "Cover",
    "cover_alt",
    "cover_block",
    "cover_for",
    "cover_lines",
    "find_cover",
    "typographic_cover",
]

#: The typographic cover's size in pixels: A5's proportions (the PDF's page), 10 px a mm.
SIZE = (1480, 2100)
#: A cover image's name endings, in the order they are looked for, and the type each means.
EXTENSIONS = {"png": "png", "jpg": "jpg", "jpeg": "jpg"}
_PAPER = (244, 239, 228)
_INK = (43, 42, 39)
_ACCENT = (122, 46, 37)
#: Marks that must not begin a line, and marks that must not end one (clreq §3.1.7).
_NO_START = set("，。、；：？！）」』】〉》”’…—·,.;:?!)]")
_NO_END = set("（「『【〈《“‘([")


@dataclass(frozen=True)
class Cover:
    """An edition's cover image: its bytes, its type (``png`` or ``jpg``), and ``alt``,
    what it says, for those who cannot see it (the PDF's tag, the EPUB's)."""

    data: bytes
    kind: str
    alt: str
    #: The work's image it is, or None for a typographic cover.
    source: Path | None = None

    @property
    def file_name(self) -> str:
        return f"cover.{self.kind}"


def cover_lines(edition: Edition) -> list[str]:
    """What a typographic cover says, in the edition's language: its title (a bilingual
    edition's both titles), then ``by`` its authors, then who translated it, each as the
    reader's language names them."""
    credits = attribution_of(edition)
    text = labels(edition.lang, edition.simplified or DEFAULT_SETTINGS)

    def names(people: list[str]) -> str:
        if len(people) < 2:
            return "".join(people)
        return text["comma"].join(people[:-1]) + text["and"] + people[-1]

    lines = [credits.title]
    if edition.bilingual is not None:  # both texts: the original's title under the reader's
        lines.append(credits.original.title)
    if credits.authors:
        lines.append(text["by"] + names([credits.shown(p) for p in credits.authors]))
    if credits.translators:
        language = language_name(credits.original.language, edition.lang)
        lines.append(
            text["translated"].format(language=language)
            + names([credits.shown(p) for p in credits.translators])
        )
    return lines


def cover_alt(edition: Edition) -> str:
    """What the cover says, in words: ``Cover: Title / by … / Translated … by …``."""
    text = labels(edition.lang, edition.simplified or DEFAULT_SETTINGS)
    return text["cover"] + text["cover_sep"].join(cover_lines(edition))


def cover_for(edition: Edition, font: FontSource) -> Cover:
    """The cover of ``edition``: its image (``find_cover``), else a typographic one drawn
    in ``font``, the edition's CJK face."""
    found = find_cover(edition)
    if found is not None:
        path, data, kind = found
        return Cover(data, kind, cover_alt(edition), path)
    return Cover(typographic_cover(cover_lines(edition), font), "png", cover_alt(edition))


def cover_candidates(edition: Edition) -> list[Path]:
    """The files that would be ``edition``'s cover image, in the order looked for."""
    paths = edition.work.paths
    if edition.kind is EditionKind.TRANSLATION and edition.translation is not None:
        folder, stem = paths.translations_dir, f"{edition.translation.lang}.cover"
    elif edition.kind is EditionKind.SIMPLIFIED:
        folder, stem = paths.source_dir, f"{edition.lang}.cover"
    else:
        folder, stem = paths.source_dir, "cover"
    return [folder / f"{stem}.{ext}" for ext in EXTENSIONS]


def find_cover(edition: Edition) -> tuple[Path, bytes, str] | None:
    """``edition``'s cover image as (path, bytes, type), or None when the work has none
    for it. StageError naming the file when it cannot be used: two of them (which one is
    meant?), one leading out of the work, not a regular file, too large, or not the image
    its name says."""
    there = [path for path in cover_candidates(edition) if os.path.lexists(path)]
    if not there:
        return None
    path = there[0]
    if len(there) > 1:
        raise StageError(
            f"two cover images for the {edition.lang} edition: "
            + " and ".join(p.name for p in there),
            where=Location(path),
            fix="keep the one that is the cover and delete the other",
        )
    paths = edition.work.paths
    try:
        data = read_work_file(path, folders=folders_of(paths.root, paths.work))
    except ToolkitError as exc:
        raise StageError(exc.message, where=exc.where or Location(path), fix=exc.fix) from None
    kind = EXTENSIONS[path.suffix[1:]]
    if image_type(data[:16]) != kind:
        raise StageError(
            f"the cover image is not a {kind.upper().replace('JPG', 'JPEG')} image by its "
            "bytes, whatever its name says; it is not used",
            where=Location(path),
            fix="save the cover as PNG (cover.png) or JPEG (cover.jpg), under the name its "
            "type has",
        )
    return path, data, kind


def typographic_cover(lines: list[str], font: FontSource) -> bytes:
    """A PNG of ``lines`` (title, then the names) set on a plain cover in ``font``."""
    width, height = SIZE
    image = Image.new("RGB", SIZE, _PAPER)
    draw = ImageDraw.Draw(image)
    inset = 70
    draw.rectangle((inset, inset, width - inset, height - inset), outline=_ACCENT, width=6)
    measure = width - 2 * 200
    title, *names = lines
    size, title_lines = _fit(title, font, measure, largest=150, smallest=64, most=5)
    y = int(height * 0.26)
    y = _draw_lines(draw, title_lines, _face(font, size), width // 2, y, int(size * 1.3))
    y += 70
    draw.rectangle((width // 2 - 110, y, width // 2 + 110, y + 10), fill=_ACCENT)
    y += 10 + 90
    for line in names:
        size, wrapped = _fit(line, font, measure, largest=54, smallest=30, most=3)
        y = _draw_lines(draw, wrapped, _face(font, size), width // 2, y, int(size * 1.45))
        y += 40
    out = io.BytesIO()
    image.save(out, format="PNG")  # no text chunks, no time: the same pixels, the same bytes
    return out.getvalue()


def _face(font: FontSource, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(
        str(font.path), size, index=font.index, layout_engine=ImageFont.Layout.BASIC
    )


def _draw_lines(
    draw: ImageDraw.ImageDraw,
    lines: list[str],
    face: ImageFont.FreeTypeFont,
    centre: int,
    top: int,
    step: int,
) -> int:
    """Draw ``lines`` centred on ``centre`` from ``top``, ``step`` apart; the y below them."""
    for line in lines:
        draw.text((centre, top), line, font=face, fill=_INK, anchor="ma")
        top += step
    return top


def _fit(
    text: str, font: FontSource, measure: int, *, largest: int, smallest: int, most: int
) -> tuple[int, list[str]]:
    """The largest size (down to ``smallest``) at which ``text`` fits in ``most`` lines of
    ``measure`` pixels, and its lines at that size."""
    size = largest
    while True:
        face = _face(font, size)
        lines = wrap(text, face.getlength, measure)
        fits = all(face.getlength(line) <= measure for line in lines)
        if (fits and len(lines) <= most) or size <= smallest:
            return size, _balanced(text, face.getlength, measure, len(lines))
        size = max(smallest, int(size * 0.9))


def _balanced(text: str, width: Callable[[str], float], measure: float, count: int) -> list[str]:
    """``text`` in ``count`` lines as even as they can be: the narrowest measure that
    still needs no more lines (``An Afternoon / in Dadaocheng``, not ``… / in / …``)."""
    low, high = 0.0, measure
    for _ in range(12):
        middle = (low + high) / 2
        if len(wrap(text, width, middle)) <= count:
            high = middle
        else:
            low = middle
    return wrap(text, width, high)


def wrap(text: str, width: Callable[[str], float], measure: float) -> list[str]:
    """``text`` in lines no wider than ``measure`` (by ``width``, a function of a string)
    where it can be: Chinese may break between any two characters, other scripts at
    spaces; a closing mark never begins a line, an opening one never ends one."""
    lines: list[str] = []
    line = ""
    for token in _tokens(text):
        trial = line + token
        if not line.strip() or width(trial.rstrip()) <= measure:
            line = trial
        else:
            lines.append(line.rstrip())
            line = token.lstrip()
    if line.strip():
        lines.append(line.rstrip())
    return lines


def _tokens(text: str) -> list[str]:
    """The pieces a line may break between: each Chinese character, each word (with the
    space after it), each mark kept with the character it belongs to."""
    tokens: list[str] = []
    for ch in " ".join(text.split()):
        glue = bool(tokens) and (
            ch in _NO_START
            or tokens[-1][-1] in _NO_END
            or (not is_cjk(ch) and not is_cjk(tokens[-1][-1]) and not tokens[-1].endswith(" "))
            or (ch == " " and not is_cjk(tokens[-1][-1]))
        )
        if glue:
            tokens[-1] += ch
        else:
            tokens.append(ch)
    return tokens


def cover_block(cover: Cover, lang: str) -> Json:
    """The cover as the PDF's first page: a raw HTML block (``print.css`` gives it a page
    of its own, without margins), its image as data, its text as the image's ``alt``."""
    mime = "image/png" if cover.kind == "png" else "image/jpeg"
    src = f"data:{mime};base64,{b64encode(cover.data).decode('ascii')}"
    html = (
        f'<div class="cover" lang="{escape(lang)}">'
        f'<img src="{src}" alt="{escape(cover.alt)}"></div>'
    )
    return {"t": "RawBlock", "c": ["html", html]}
