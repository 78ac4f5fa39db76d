"""The CJK font every edition embeds, cut down to the characters the edition uses.

Preference: a system Noto Serif CJK TC (fontconfig), else Noto Sans CJK TC from
the ``noto-cjk-sans-otc`` package that the project installs; SC for a Simplified
Chinese edition (the glyphs' shapes follow each script's norms). Either is subset
with fontTools to exactly the edition's characters, so EPUB and PDF carry
every glyph they need and nothing more.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont

from toolkit.errors import StageError
from toolkit.languages import language_script

log = logging.getLogger("toolkit.render.fonts")

#: The CSS family name editions use for the embedded CJK font.
FAMILY = "Edition CJK"
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
    collection = TTCollection(str(path), lazy=True)
    for index, font in enumerate(collection.fonts):
        if font["name"].getDebugName(1) == family:
            return FontSource(path, index, family)
    raise StageError(f"{path} has no {family} face")


def subset_font(source: FontSource, text: str, out: Path) -> Path:
    """Write an OpenType font with the glyphs for ``text`` to ``out`` (.otf or .woff2)."""
    log.info(
        "fonts: subsetting %s (%s) to %d characters",
        source.family,
        source.path.name,
        len(set(text)),
    )
    font = TTFont(str(source.path), fontNumber=source.index, lazy=False)
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.hinting = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=text)
    subsetter.subset(font)
    out.parent.mkdir(parents=True, exist_ok=True)
    font.save(str(out))
    return out


def to_woff2(font_path: Path, out: Path) -> Path:
    """The same font, compressed as WOFF2 for the web."""
    font = TTFont(str(font_path))
    font.flavor = "woff2"
    font.save(str(out))
    return out


def missing_glyphs(font_path: Path, text: str) -> set[str]:
    """The characters of ``text`` (not spaces or controls) that ``font_path`` has no glyph for."""
    font = TTFont(str(font_path), fontNumber=0)
    cmap = font.getBestCmap()
    return {ch for ch in set(text) if ch.isprintable() and not ch.isspace() and ord(ch) not in cmap}
