"""The HTML page's fonts are put in after Pandoc has written it: megabytes of base64
never pass through Pandoc (its time and memory grew with them), and the page is the same.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.test_safety import _pdf_parts
from toolkit.render import formats
from toolkit.render.pandoc import run_pandoc

FACE = '@font-face { font-family: "Edition CJK"; src: url("data:font/woff2;base64,QUJD"); }'


def test_the_fonts_skip_pandoc_and_land_in_the_heads_stylesheet(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[str] = []

    def watched(document: dict[str, Any], to: str, output: Path, args: list[str]) -> None:
        seen.append(str(document))
        run_pandoc(document, to, output, args)

    monkeypatch.setattr(formats, "run_pandoc", watched)
    # The text quotes the marker: only the head's is replaced.
    quoted = formats._FONTS_HERE
    body = [{"t": "Para", "c": [{"t": "Str", "c": quoted}]}]
    page = formats.html(_pdf_parts(tmp_path, body), tmp_path, font_face=FACE, article_title=False)
    assert "base64" not in seen[0]  # Pandoc never saw the font
    head, text = page.split("</head>")
    assert FACE in head and quoted not in head
    assert text.count("toolkit: the edition") == 1  # the text's own, as written (escaped)
