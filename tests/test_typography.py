"""The editions' fonts, read back from real builds: punctuation closed up by ``chws``,
English in the Latin face, quotation marks by language, and the font cache.

One tiny work is built once for the module (every format, three editions); the cache
test builds it twice more. Positions are read from the PDF with pdfminer.
"""

from __future__ import annotations

import logging
import os
import zipfile
from collections.abc import Iterator
from importlib.resources import files
from io import BytesIO
from pathlib import Path

import pytest
import weasyprint
from fontTools.ttLib import TTFont
from pdfminer.high_level import extract_pages
from pdfminer.layout import LTChar, LTContainer

from tests.conftest import ORIGINAL_YAML, TRANSLATION_YAML, unavailable, write_tree
from toolkit import BuildOptions, build_work, load_work
from toolkit.render.build import Format
from toolkit.render.chws import with_chws
from toolkit.render.fontcache import CACHE, FontCache
from toolkit.render.fontfaces import edition_fonts
from toolkit.render.fonts import find_cjk_font

pytestmark = pytest.mark.slow

#: The issue's test: five pairs of adjacent marks and one mark before a quote. Full width
#: it is 17 em (340 px at 20 px); with chws, 14 em (280 px).
PUNCTUATED = "「『你好』」，他說：「（真的）。」"
SOURCE = f"""\
# 標點 {{#s1}}

{PUNCTUATED} {{#s2}}
他用 Python 寫了 3 個程式。 {{#s3}}
"""
TRANSLATION = """\
# Punctuation {#t1}

“‘Hello,’ he said,” she wrote. {#t2}
He wrote 3 programs in Python. {#t3}
"""
ALIGN = "# source\ttranslation\tscore\tstate\n" + "".join(
    f"s{n}\tt{n}\t0.9\tauto\n" for n in (1, 2, 3)
)
EPOCH = "1700000000"
STYLESHEET = files("toolkit.render").joinpath("assets/edition.css").read_text("utf-8")


def _repo(root: Path) -> Path:
    return write_tree(
        root,
        {
            "source/trial/work.yaml": ORIGINAL_YAML,
            "source/trial/text.md": SOURCE,
            "translations/trial/en.yaml": TRANSLATION_YAML,
            "translations/trial/en.md": TRANSLATION,
            "translations/trial/en.align": ALIGN,
        },
    )


def _build(root: Path, out: Path, epoch: str, *formats: Format) -> None:
    options = BuildOptions(out_dir=out, formats=formats or tuple(Format))
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", epoch)
        build_work(load_work(root, "trial"), options)


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _repo(tmp_path_factory.mktemp("typography"))


@pytest.fixture(scope="module")
def out(repo: Path) -> Path:
    _build(repo, repo / "build", EPOCH)
    return repo / "build"


def _chars(pdf: Path) -> list[LTChar]:
    found: list[LTChar] = []

    def walk(node: object) -> None:
        if isinstance(node, LTChar):
            found.append(node)
        elif isinstance(node, LTContainer):
            for child in node:
                walk(child)

    for page in extract_pages(pdf):
        walk(page)
    return found


def _run(chars: list[LTChar], text: str) -> list[LTChar]:
    """The characters that spell ``text``, where they first do."""
    spelt = "".join(c.get_text() for c in chars)
    start = spelt.index(text)
    return chars[start : start + len(text)]


def _font(char: LTChar) -> str:
    return str(char.fontname).split("+")[-1]


# chws -------------------------------------------------------------------------


def test_adjacent_punctuation_is_closed_up_by_chws(out: Path) -> None:
    if find_cjk_font("zh-Hant-TW").family != "Noto Serif CJK TC":
        unavailable(
            "needs Noto Serif CJK TC, the face the book is set in: "
            "apt-get install -y fonts-noto-cjk"
        )
    run = _run(_chars(out / "trial/trial.zh-Hant-TW.pdf"), PUNCTUATED)
    assert {_font(c) for c in run} == {"Edition-CJK"}
    em = run[2].x1 - run[2].x0  # 你: a full-width character's advance, one em
    width = run[-1].x1 - run[0].x0
    assert round(width / em * 20) == 280  # px at 20 px; full width it would be 340
    # Only marks close up: 你好 and 他說 stay a full em apart.
    assert run[3].x0 - run[2].x0 == pytest.approx(em, abs=0.05)
    assert run[8].x0 - run[7].x0 == pytest.approx(em, abs=0.05)
    with zipfile.ZipFile(out / "trial/trial.zh-Hant-TW.epub") as z:
        font = TTFont(BytesIO(z.read("EPUB/fonts/edition-cjk.otf")))
    tags = {r.FeatureTag for r in font["GPOS"].table.FeatureList.FeatureRecord}
    assert "chws" in tags  # the EPUB's reading system can close them up too
    assert font["name"].getDebugName(1) == "Noto Serif CJK TC"


# The Latin face -----------------------------------------------------------------


def test_english_and_its_quotation_marks_are_set_in_the_latin_face(out: Path) -> None:
    chars = _chars(out / "trial/trial.en.pdf")
    sentence = _run(chars, "“‘Hello,’ he said,” she wrote.")
    assert {_font(c) for c in sentence if c.get_text() != " "} == {"Edition-Latin"}
    quote = sentence[0]
    assert quote.x1 - quote.x0 < 0.6 * quote.size  # a Latin mark, not a full-width one
    with zipfile.ZipFile(out / "trial/trial.en.epub") as z:
        names = z.namelist()
        css = z.read("EPUB/styles/stylesheet1.css").decode("utf-8")
        latin = TTFont(BytesIO(z.read("EPUB/fonts/edition-latin.ttf")))
    assert {"EPUB/fonts/edition-latin-italic.ttf", "EPUB/fonts/edition-cjk.otf"} <= set(names)
    assert latin["name"].getDebugName(1) == "EB Garamond"
    rule = '@font-face { font-family: "Edition Latin"; src: url("../fonts/edition-latin.ttf")'
    assert rule in css


def test_chinese_lines_keep_one_face_and_chinese_quotes_stay_full_width(out: Path) -> None:
    # A Latin word in Chinese text is the CJK face's: a line of two faces could not be
    # justified between its characters (toolkit/render/justify.py).
    chars = _chars(out / "trial/trial.zh-Hant-TW.pdf")
    line = _run(chars, "他用Python寫了3個程式。")  # the quarter-em spaces are no characters
    assert {_font(c) for c in line} == {"Edition-CJK"}
    simplified = _chars(out / "trial/trial.zh-Hans.pdf")
    quoted = _run(simplified, "“‘你好’”")  # mainland marks, converted from 「『』」
    assert {_font(c) for c in quoted} == {"Edition-CJK"}
    em = quoted[2].x1 - quoted[2].x0
    assert quoted[1].x1 - quoted[1].x0 == pytest.approx(em, abs=0.05)  # full width


# Quotation marks ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("zh-Hant-TW", "「外『內』」"), ("zh-Hans", "“外‘內’”"), ("en", "“out ‘in’”")],
)
def test_a_q_inside_a_q_takes_the_quotation_marks_of_its_language(
    out: Path, lang: str, expected: str
) -> None:
    inner = "".join(ch for ch in expected if ch not in "「」『』“”‘’")
    outer, nested = (inner[0], inner[1:]) if lang != "en" else ("out ", "in")
    cache = FontCache(out)
    fonts = edition_fonts(with_chws(find_cjk_font(lang), cache), inner, cache)
    page = (
        f'<html lang="{lang}"><head><style>{fonts.css("pdf")}\n{STYLESHEET}</style></head>'
        f"<body><p><q>{outer}<q>{nested}</q></q></p></body></html>"
    )
    pdf = out / f"q-{lang}.pdf"
    pdf.write_bytes(weasyprint.HTML(string=page).write_pdf())
    chars = _chars(pdf)
    assert "".join(c.get_text() for c in chars) == expected
    marks = {_font(c) for c in chars if c.get_text() in "「」『』“”‘’"}
    assert marks == ({"Edition-Latin"} if lang == "en" else {"Edition-CJK"})


# The cache ----------------------------------------------------------------------


def _mtimes(folder: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in folder.iterdir()}


def _editions(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir()}


@pytest.fixture
def fonts_log(caplog: pytest.LogCaptureFixture) -> Iterator[pytest.LogCaptureFixture]:
    caplog.set_level(logging.INFO, logger="toolkit.render.fonts")
    yield caplog


def test_a_second_build_reuses_every_font_and_gives_the_same_bytes(
    repo: Path, out: Path, tmp_path: Path, fonts_log: pytest.LogCaptureFixture
) -> None:
    cache = out / CACHE
    kept = _mtimes(cache)
    assert any(n.startswith("chws-noto-") for n in kept)
    assert sum(n.startswith("subset-") for n in kept) >= 9  # CJK, Latin, italic × 3 editions
    later = str(int(EPOCH) + 86_400 * 400)  # another date: nothing in a font depends on it
    # HTML and EPUB: each font as the edition carries it (WOFF2 in the page, OpenType files).
    _build(repo, out, later, Format.HTML, Format.EPUB)
    messages = [r.getMessage() for r in fonts_log.records]
    assert [m for m in messages if m.startswith("fonts: made")] == []
    assert [m for m in messages if m.startswith("fonts: subsetting")] == []
    assert sum(m.startswith("fonts: reusing subset-") for m in messages) >= 9
    assert _mtimes(cache) == kept  # nothing rewritten
    # The same date without the cache: the same bytes, fonts and all.
    fresh = tmp_path / "fresh"
    _build(repo, fresh, later, Format.HTML, Format.EPUB)
    assert _editions(fresh / "trial") == {
        name: data for name, data in _editions(out / "trial").items() if ".pdf" not in name
    }
    assert set(os.listdir(fresh / CACHE)) <= set(kept)  # the same names: the same keys


def test_the_cache_is_in_the_output_folder_only(repo: Path, out: Path) -> None:
    assert (out / CACHE).is_dir()
    assert not [p for p in (repo / "source").rglob("*") if ".cache" in p.parts]
    assert not [p for p in (repo / "translations").rglob("*") if ".cache" in p.parts]
    assert not [p for p in (out / CACHE).iterdir() if p.name.endswith(".tmp")]
