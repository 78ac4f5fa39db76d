"""Punctuation compression for the CJK face: the OpenType ``chws`` feature, added once.

Chinese punctuation is full width, and two marks side by side (``」，``, ``：「``, ``。」``)
leave a visible gap of half an em between them: clreq (§3.1.6) asks for that space to be
taken away. OpenType's ``chws`` ("contextual half-width spacing") does exactly that, pair
by pair, and leaves a single mark full width; but Debian's Noto CJK does not have the
feature (only ``halt``, which halves every mark). Google's ``chws-tool`` adds it, computing
from each glyph's ink which pairs may close up.

The face is taken out of its collection (``chws-tool`` would patch every face of the
collection, ten in the bundled Noto Sans CJK), patched, and kept in the font cache under
a name made from the source file's identity and the versions of the tools, so that it is
made once, not per build. Its timestamps are the source's: nothing in it depends on when
it was made. When ``chws-tool`` cannot add the feature (it is missing, it finds nothing
to add, it fails), the face is kept as it is and a warning says that punctuation will be
set without compression: the edition is still built, as before.
"""

from __future__ import annotations

import logging
from pathlib import Path

import fontTools
from fontTools.ttLib import TTFont

from toolkit.render.fontcache import FontCache
from toolkit.render.fonts import FontSource, is_cff, package_version

log = logging.getLogger("toolkit.render.fonts")

#: The feature this module adds, as OpenType tags it.
FEATURE = "chws"


def with_chws(source: FontSource, cache: FontCache) -> FontSource:
    """``source``'s face on its own, with ``chws`` (made once, then taken from ``cache``)."""
    key = (
        "chws",
        source.identity,
        *(f"{p}={package_version(p)}" for p in ("chws-tool", "east-asian-spacing", "uharfbuzz")),
        fontTools.version,
    )
    name = cache.name(f"chws-{source.slug}", key, ".otf" if is_cff(source) else ".ttf")
    path = cache.get(name, lambda out: _patch(source, out, cache))
    return FontSource(path, 0, source.family, made_from=name)


def has_feature(path: Path, tag: str = FEATURE, index: int = 0) -> bool:
    """Whether the font's GPOS has the feature ``tag``."""
    with TTFont(str(path), fontNumber=index, lazy=True) as font:
        if "GPOS" not in font:
            return False
        features = font["GPOS"].table.FeatureList
        return features is not None and any(r.FeatureTag == tag for r in features.FeatureRecord)


def _patch(source: FontSource, out: Path, cache: FontCache) -> None:
    """Write ``source``'s face to ``out``, with ``chws`` when it can be added."""
    with cache.workspace() as work:
        face = work / f"face{out.suffix}"
        with TTFont(str(source.path), fontNumber=source.index, recalcTimestamp=False) as original:
            modified = original["head"].modified
            original.save(str(face))  # the face alone: its tables copied, nothing decompiled
        if has_feature(face):
            log.info("fonts: %s has %s already", source.family, FEATURE)
            face.replace(out)
            return
        patched = _add_chws(face, work / f"patched{out.suffix}", source)
        if patched is None:
            face.replace(out)
            return
        with TTFont(str(patched), recalcTimestamp=False) as font:
            font["head"].modified = modified  # chws-tool stamps the time it ran
            font.save(str(out))
    log.info("fonts: added %s to %s (%s)", FEATURE, source.family, source.path.name)


def _add_chws(face: Path, out: Path, source: FontSource) -> Path | None:
    """``chws-tool``'s patched face, or None (and a warning) when it could not add one."""
    reason = ""
    try:
        import chws_tool

        patched = chws_tool.add_chws(face, out)
    except ImportError:
        reason = "chws-tool is not installed (reinstall the project: make build)"
    except Exception as exc:  # a third-party tool's failure is not the edition's
        reason = f"chws-tool failed: {type(exc).__name__}: {exc}"
    else:
        if patched is not None and has_feature(Path(patched)):
            return Path(patched)
        reason = "chws-tool found no pair of punctuation marks to close up"
    log.warning(
        "fonts: no %s for %s (%s, face %d): %s; adjacent punctuation is set full width",
        FEATURE,
        source.family,
        source.path.name,
        source.index,
        reason,
    )
    return None
