"""The fonts every edition embeds, cut down to the characters the edition uses.

Chinese: a system Noto Serif CJK TC (fontconfig; Debian's ``fonts-noto-cjk``), else
Noto Sans CJK TC from the ``noto-cjk-sans-otc`` package that the project installs; SC
for a Simplified Chinese edition (the glyphs' shapes follow each script's norms).
Latin: EB Garamond, upright and italic, from the ``fontpkg-eb-garamond`` package, so
that English is never set in the CJK font's Latin glyphs or its full-width quotation
marks. Each is subset with fontTools to exactly the edition's characters, so HTML, EPUB
and PDF carry every glyph they need and nothing more; ``cached_subset`` keeps each
subset (:mod:`toolkit.render.fontcache`) for the other formats and the next build.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import fontTools
from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont

from toolkit.errors import StageError
from toolkit.languages import language_script
from toolkit.render.fontcache import FontCache, file_identity

log = logging.getLogger("toolkit.render.fonts")

#: The CSS family name editions use for the embedded CJK font.
FAMILY = "Edition CJK"
#: The Latin face's package and family (OFL; its files are variable in weight).
LATIN_FAMILY = "EB Garamond"
_PREFERRED_SYSTEM = {
    "TC": ("Noto Serif CJK TC", "Noto Serif TC", "Noto Sans CJK TC"),
    "SC": ("Noto Serif CJK SC", "Noto Serif SC", "Noto Sans CJK SC"),
}
_BUNDLED_FAMILY = {"TC": "Noto Sans CJK TC", "SC": "Noto Sans CJK SC"}


@dataclass(frozen=True)
class FontSource:
    path: Path
    index: int
    family: str
    #: What names the face's content for a cache key; by default the file's identity
    #: (``file_identity``). A face made from another (the cache's chws face) gives what
    #: it was made from, so that its subsets have the same names in any cache.
    made_from: str = ""

    @property
    def identity(self) -> str:
        return self.made_from or file_identity(self.path, self.index)

    @property
    def slug(self) -> str:
        """The family as a file name's part: ``noto-serif-cjk-tc``."""
        return "-".join(self.family.lower().split())


def find_cjk_font(lang: str = "zh-Hant") -> FontSource:
    """The font for Chinese in an edition of ``lang``: Simplified faces for zh-Hans (and
    zh-CN, zh-SG), Traditional ones otherwise."""
    region = "SC" if language_script(lang) == ("zh", "Hans") else "TC"
    for family in _PREFERRED_SYSTEM[region]:
        found = _fontconfig(family)
        if found is not None:
            return found
    return _bundled(_BUNDLED_FAMILY[region])


def _fontconfig(family: str) -> FontSource | None:
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return None
    result = subprocess.run(
        [fc_list, f":family={family}:style=Regular", "file", "index"],
        capture_output=True,
        text=True,
        check=False,
    )
    for line in sorted(result.stdout.splitlines()):
        # "path: :index=3" or "path:index=3"
        path, _, rest = line.partition(":")
        index = rest.split("index=")[-1].strip() if "index=" in rest else "0"
        if path and Path(path).is_file() and index.isdigit():
            return FontSource(Path(path), int(index), family)
    return None


def _bundled(family: str) -> FontSource:
    try:
        from noto_cjk_sans_otc import FONT_PATH
    except ImportError:  # pragma: no cover - a broken install
        raise StageError(
            "no CJK font: the noto-cjk-sans-otc package is missing",
            fix="reinstall the project (make build sets it up)",
        ) from None
    path = Path(str(FONT_PATH))
    with TTCollection(str(path), lazy=True) as collection:
        for index, font in enumerate(collection.fonts):
            if font["name"].getDebugName(1) == family:
                return FontSource(path, index, family)
    raise StageError(f"{path} has no {family} face")


def find_latin_fonts() -> tuple[FontSource, FontSource]:
    """The Latin face, upright and italic, from the project's ``fontpkg-eb-garamond``."""
    import fontpkg

    try:
        upright = fontpkg.path(LATIN_FAMILY, weight=400, style="normal")
        italic = fontpkg.path(LATIN_FAMILY, weight=400, style="italic")
    except fontpkg.FontpkgError as exc:  # pragma: no cover - a broken install
        raise StageError(
            f"no Latin font: {exc}",
            fix="reinstall the project (make build sets it up): it needs fontpkg-eb-garamond",
        ) from None
    return (
        FontSource(Path(upright), 0, LATIN_FAMILY),
        FontSource(Path(italic), 0, f"{LATIN_FAMILY} Italic"),
    )


#: What ``subset_font`` keeps besides the features, as part of a cached subset's key:
#: change it with the options.
SUBSET_RECIPE = "names=*;notdef-outline;no-hinting;timestamp-kept"
#: Every OpenType feature: the CJK face's ``chws``, ``halt``, ``vert``, ``locl``…
ALL_FEATURES: tuple[str, ...] = ("*",)
#: A Latin face's: fontTools' default (kerning, ligatures, marks…) and the figure styles;
#: not its small capitals, swashes and stylistic sets, which no edition asks for and
#: which would treble its size.
LATIN_FEATURES: tuple[str, ...] = (
    *subset.Options().layout_features,
    *("lnum", "onum", "pnum", "tnum"),
)


def cached_subset(
    source: FontSource, text: str, cache: FontCache, features: Sequence[str] = ALL_FEATURES
) -> Path:
    """``subset_font`` of ``text``'s characters, made once per font, features and
    character set."""
    chars = "".join(sorted(set(text)))
    suffix = ".otf" if is_cff(source) else ".ttf"
    key = (
        "subset",
        source.identity,
        SUBSET_RECIPE,
        ",".join(features),
        fontTools.version,
    )
    name = cache.name(f"subset-{source.slug}", (*key, chars), suffix)
    return cache.get(name, lambda out: subset_font(source, chars, out, features))


def cached_woff2(font_path: Path, cache: FontCache) -> Path:
    """``to_woff2`` of a cached font, made once."""
    key = ("woff2", font_path.name, fontTools.version, package_version("brotli"))
    name = cache.name(f"woff2-{font_path.stem}", key, ".woff2")
    return cache.get(name, lambda out: to_woff2(font_path, out))


def is_cff(source: FontSource) -> bool:
    """Whether the face's outlines are CFF (an .otf) rather than TrueType (a .ttf)."""
    with TTFont(str(source.path), fontNumber=source.index, lazy=True) as font:
        return "CFF " in font or "CFF2" in font


def package_version(package: str) -> str:
    """An installed package's version, for a cache key ("none" when it is missing)."""
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "none"


def subset_font(
    source: FontSource, text: str, out: Path, features: Sequence[str] = ALL_FEATURES
) -> Path:
    """Write an OpenType font with the glyphs for ``text`` to ``out`` (.otf or .woff2).

    The OpenType ``features`` are kept (by default every one, ``chws`` among them), and
    the source's timestamps: the subset's bytes depend on the font, the features and the
    characters only, never on the date of the build that made it, so that a kept subset
    serves any later build unchanged.
    """
    log.info(
        "fonts: subsetting %s (%s) to %d characters",
        source.family,
        source.path.name,
        len(set(text)),
    )
    # Lazily: only the glyphs kept are read (five times faster for a variable font).
    options = subset.Options()
    options.layout_features = list(features)
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.hinting = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=text)
    out.parent.mkdir(parents=True, exist_ok=True)
    with TTFont(
        str(source.path), fontNumber=source.index, lazy=True, recalcTimestamp=False
    ) as font:
        subsetter.subset(font)
        font.save(str(out))
    return out


def to_woff2(font_path: Path, out: Path) -> Path:
    """The same font, compressed as WOFF2 for the web (its timestamps kept)."""
    with TTFont(str(font_path), recalcTimestamp=False) as font:
        font.flavor = "woff2"
        font.save(str(out))
    return out


def missing_glyphs(font_path: Path, text: str) -> set[str]:
    """The characters of ``text`` (not spaces or controls) that ``font_path`` has no glyph for."""
    with TTFont(str(font_path), fontNumber=0) as font:
        cmap = font.getBestCmap()
    return {ch for ch in set(text) if ch.isprintable() and not ch.isspace() and ord(ch) not in cmap}
