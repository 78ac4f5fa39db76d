"""The editions' fonts: found without the network, subset to exactly what an edition
uses, the CJK face given chws, each made once and kept in the output folder's cache."""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from toolkit.errors import ToolkitError
from toolkit.render import fonts
from toolkit.render.chws import has_feature, with_chws
from toolkit.render.fontcache import FontCache


def test_bundled_font_is_noto_sans_cjk_tc_when_fontconfig_has_none(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)  # the shutil fonts.py uses
    source = fonts.find_cjk_font()
    assert source.family == "Noto Sans CJK TC"
    assert source.path.name == "NotoSansCJK-Regular.ttc"


def test_subset_has_every_character_and_little_else(tmp_path: Path) -> None:
    text = "中俄背靠背的地緣戰略與意識形態根源，「引號」（括號）：；！？、。Latin 123"
    out = fonts.subset_font(fonts._bundled("Noto Sans CJK TC"), text, tmp_path / "sub.otf")
    assert fonts.missing_glyphs(out, text) == set()
    cmap = TTFont(str(out)).getBestCmap()
    assert ord("中") in cmap and ord("鳥") not in cmap
    assert out.stat().st_size < 200_000


def test_missing_glyphs_names_what_the_font_lacks(tmp_path: Path) -> None:
    out = fonts.subset_font(fonts._bundled("Noto Sans CJK TC"), "中文", tmp_path / "sub.otf")
    assert fonts.missing_glyphs(out, "中文字") == {"字"}


def test_woff2_keeps_the_glyphs(tmp_path: Path) -> None:
    otf = fonts.subset_font(fonts._bundled("Noto Sans CJK TC"), "周奕成", tmp_path / "sub.otf")
    woff2 = fonts.to_woff2(otf, tmp_path / "sub.woff2")
    assert woff2.read_bytes()[:4] == b"wOF2"
    assert fonts.missing_glyphs(woff2, "周奕成") == set()


# The Latin face, chws and the cache ----------------------------------------------


def test_the_latin_face_is_eb_garamond_upright_and_italic() -> None:
    upright, italic = fonts.find_latin_fonts()
    for source, style in ((upright, "Regular"), (italic, "Italic")):
        name = TTFont(str(source.path))["name"]
        assert name.getDebugName(1) == "EB Garamond"
        assert name.getDebugName(2) == style
    text = "“Quoted,” he said — it’s 3…"
    assert fonts.missing_glyphs(upright.path, text) == set()


def test_a_subset_is_made_once_per_character_set_and_then_reused(tmp_path: Path) -> None:
    cache = FontCache(tmp_path / "build")
    upright, _ = fonts.find_latin_fonts()
    first = fonts.cached_subset(upright, "Hello", cache, fonts.LATIN_FEATURES)
    made = first.stat().st_mtime_ns
    again = fonts.cached_subset(upright, "olleH", cache, fonts.LATIN_FEATURES)  # same set
    assert again == first and first.stat().st_mtime_ns == made
    assert cache.made == [first.name] and cache.reused == [first.name]
    other = fonts.cached_subset(upright, "Hello!", cache, fonts.LATIN_FEATURES)
    assert other != first and fonts.missing_glyphs(other, "Hello!") == set()
    every = fonts.cached_subset(upright, "Hello", cache)  # other features: another subset
    assert every not in (first, other)
    assert first.parent == tmp_path / "build" / ".cache" / "fonts"


def test_a_subset_does_not_depend_on_the_build_s_date(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = fonts._bundled("Noto Sans CJK TC")
    made = []
    for epoch in ("1000000000", "1700000000"):
        monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
        otf = fonts.subset_font(source, "中文，「引號」", tmp_path / f"{epoch}.otf")
        made.append((otf.read_bytes(), fonts.to_woff2(otf, tmp_path / f"{epoch}.woff2")))
    assert made[0][0] == made[1][0]
    assert made[0][1].read_bytes() == made[1][1].read_bytes()


def test_chws_is_added_to_the_bundled_face_once(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="toolkit.render.fonts")
    source = fonts._bundled("Noto Sans CJK TC")
    assert not has_feature(source.path, "chws", source.index)  # as the package ships it
    cache = FontCache(tmp_path / "build")
    patched = with_chws(source, cache)
    assert has_feature(patched.path, "chws") and patched.index == 0
    font = TTFont(str(patched.path))
    original = TTFont(str(source.path), fontNumber=source.index)
    assert font["name"].getDebugName(1) == "Noto Sans CJK TC"
    assert font["head"].modified == original["head"].modified  # not when it was patched
    subset = fonts.subset_font(patched, "「『你好』」", tmp_path / "sub.otf")
    assert has_feature(subset, "chws")  # the edition's subset keeps it
    assert with_chws(source, FontCache(tmp_path / "build")) == patched
    messages = [r.getMessage() for r in caplog.records]
    assert sum(m.startswith("fonts: added chws") for m in messages) == 1
    assert messages[-1] == f"fonts: reusing {patched.path.name}"


def test_a_face_chws_tool_cannot_patch_is_used_as_it_is_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    upright, _ = fonts.find_latin_fonts()  # no CJK punctuation: nothing to close up
    kept = with_chws(upright, FontCache(tmp_path / "build"))
    assert not has_feature(kept.path, "chws")
    assert TTFont(str(kept.path))["name"].getDebugName(1) == "EB Garamond"
    [warning] = [r for r in caplog.records if r.name == "toolkit.render.fonts"]
    assert warning.levelno == logging.WARNING
    assert "no chws for EB Garamond" in warning.getMessage()
    assert "adjacent punctuation is set full width" in warning.getMessage()


def test_a_cache_folder_that_is_a_link_is_refused(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    out = tmp_path / "build"
    out.mkdir()
    (out / ".cache").symlink_to(elsewhere, target_is_directory=True)
    upright, _ = fonts.find_latin_fonts()
    with pytest.raises(ToolkitError) as caught:
        fonts.cached_subset(upright, "abc", FontCache(out))
    assert ".cache is a symbolic link" in caught.value.message
    assert "fix: remove" in str(caught.value)


def test_what_a_killed_build_left_in_the_cache_is_removed(tmp_path: Path) -> None:
    folder = tmp_path / "build" / ".cache" / "fonts"
    folder.mkdir(parents=True)
    gone = folder / ".subset-x.otf.999999999.abc123.tmp"
    work = folder / ".work.999999999.xyz.tmp"
    live = folder / f".subset-y.otf.{os.getpid()}.abc123.tmp"
    for path in (gone, live):
        path.write_bytes(b"half")
    work.mkdir()
    (work / "face.otf").write_bytes(b"half")
    upright, _ = fonts.find_latin_fonts()
    fonts.cached_subset(upright, "abc", FontCache(tmp_path / "build"))
    assert not gone.exists() and not work.exists() and live.exists()


def test_a_cache_folder_of_another_user_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "build" / ".cache" / "fonts"
    folder.mkdir(parents=True)
    if os.geteuid() == 0:
        os.chown(folder, 4321, 4321)
    else:  # a user cannot give a folder away: this one's owner seems another
        monkeypatch.setattr(os, "getuid", lambda: folder.stat().st_uid + 1)
    upright, _ = fonts.find_latin_fonts()
    with pytest.raises(ToolkitError) as caught:
        fonts.cached_subset(upright, "abc", FontCache(tmp_path / "build"))
    assert ".cache/fonts belongs to another user" in caught.value.message
    assert "--out" in caught.value.fix
    assert list(folder.iterdir()) == []
