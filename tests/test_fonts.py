"""The CJK font: found without the network, subset to exactly what an edition uses."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from toolkit.render import fonts


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
