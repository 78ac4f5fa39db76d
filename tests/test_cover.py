"""Book parts: the cover, the ISBN and keywords in the built files, and the PDF/UA PDF.

The fast tests draw covers and find cover images; the slow ones build one small work
(its three editions, every format) once and read the files back: the EPUB's package
document and cover image, the PDF's first page, catalog, XMP metadata, document
information and bookmarks (pypdf, pdfminer.six), and epubcheck's and qpdf's verdicts.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import html as lxml_html
from pdfminer.high_level import extract_pages
from pdfminer.layout import LTPage
from PIL import Image
from pypdf import PdfReader
from pypdf.generic import DictionaryObject, IndirectObject, StreamObject

from tests.conftest import (
    ALIGN,
    ORIGINAL_YAML,
    SOURCE_MD,
    TRANSLATION_MD,
    TRANSLATION_YAML,
    unavailable,
)
from tests.conftest import write_tree as write_files
from tests.test_build import _epubcheck, _layout_images, _opf, _pdf_dict, _pdf_str
from toolkit import BuildOptions, StageError, build_work, load_work
from toolkit.render.cover import (
    SIZE,
    cover_alt,
    cover_for,
    cover_lines,
    find_cover,
    typographic_cover,
    wrap,
)
from toolkit.render.edition import Edition, EditionKind, editions_for
from toolkit.render.fonts import find_cjk_font

MakeRepo = Callable[..., Path]
OPF = "{http://www.idpf.org/2007/opf}"
DC = "{http://purl.org/dc/elements/1.1/}"
XHTML = "{http://www.w3.org/1999/xhtml}"
SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"

ORIGINAL = ORIGINAL_YAML + "isbn: 978-0-306-40615-7\nkeywords: [公園, 鳥類]\n"
TRANSLATION = TRANSLATION_YAML + "isbn: 0-8044-2957-X\nkeywords: [parks, birds]\n"


def _edition(root: Path, kind: EditionKind) -> Edition:
    [found] = [e for e in editions_for(load_work(root, "trial")) if e.kind is kind]
    return found


def _jpeg(colour: tuple[int, int, int] = (20, 90, 160)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (300, 450), colour).save(out, format="JPEG", quality=90)
    return out.getvalue()


# The typographic cover -----------------------------------------------------------------


def test_a_typographic_cover_is_the_same_png_every_time(make_repo: MakeRepo) -> None:
    edition = _edition(make_repo(), EditionKind.TRANSLATION)
    font = find_cjk_font(edition.lang)
    first, second = (cover_for(edition, font) for _ in range(2))
    assert first.source is None and first.kind == "png"
    assert first.data == second.data
    image = Image.open(io.BytesIO(first.data))
    assert (image.format, image.size) == ("PNG", SIZE)
    # It is drawn from its words: another title is another picture.
    other = typographic_cover(["Another Title", *cover_lines(edition)[1:]], font)
    assert other != first.data


def test_a_typographic_cover_says_title_author_and_translator_in_the_editions_language(
    make_repo: MakeRepo,
) -> None:
    root = make_repo()
    assert cover_lines(_edition(root, EditionKind.TRANSLATION)) == [
        "A Work for Testing",
        "by Hsiao-ming Wang",
        "Translated from the Chinese by Jane Doe",
    ]
    assert cover_lines(_edition(root, EditionKind.ORIGINAL)) == ["測試之作", "作者：王小明"]
    assert cover_lines(_edition(root, EditionKind.SIMPLIFIED)) == ["测试之作", "作者：王小明"]
    assert cover_alt(_edition(root, EditionKind.ORIGINAL)) == "封面：測試之作／作者：王小明"
    for kind in (EditionKind.PARALLEL, EditionKind.INTERLEAVED):  # both titles
        assert cover_lines(_edition(root, kind))[:3] == [
            "A Work for Testing",
            "測試之作",
            "by Hsiao-ming Wang",
        ]


def test_the_cover_is_drawn_in_the_editions_own_face(make_repo: MakeRepo) -> None:
    # The Simplified edition's cover is set in the SC face, the original's in the TC face:
    # the same characters, drawn differently (骨 differs between the two norms).
    root = make_repo(original=ORIGINAL_YAML.replace("title: 測試之作", "title: 骨骼"))
    traditional = _edition(root, EditionKind.ORIGINAL)
    simplified = _edition(root, EditionKind.SIMPLIFIED)
    lines = ["骨骼"]
    tc = typographic_cover(lines, find_cjk_font(traditional.lang))
    sc = typographic_cover(lines, find_cjk_font(simplified.lang))
    assert tc != sc


def _width(text: str) -> float:
    """A stand-in measure for ``wrap``: every character one unit wide."""
    return float(len(text))


def test_wrapping_breaks_english_at_spaces_and_never_before_a_closing_mark() -> None:
    assert wrap("An Afternoon in Dadaocheng", _width, 14) == ["An Afternoon", "in Dadaocheng"]
    assert wrap("Supercalifragilistic word", _width, 8) == ["Supercalifragilistic", "word"]
    # Chinese breaks anywhere, but a closing mark stays with the character before it and
    # an opening mark with the one after it (clreq).
    assert wrap("一二三四。五六", _width, 4) == ["一二三", "四。五六"]
    assert wrap("一二三「四五」", _width, 4) == ["一二三", "「四五」"]
    assert all(len(line) <= 4 for line in wrap("大稻埕的午後時光", _width, 4))


# Finding a work's cover image ---------------------------------------------------------


def test_each_edition_takes_only_its_own_cover_image(make_repo: MakeRepo) -> None:
    root = make_repo()
    (root / "source/trial/cover.jpg").write_bytes(_jpeg())
    (root / "translations/trial/en.cover.jpg").write_bytes(_jpeg((200, 30, 30)))
    original = find_cover(_edition(root, EditionKind.ORIGINAL))
    translation = find_cover(_edition(root, EditionKind.TRANSLATION))
    assert original is not None and translation is not None
    assert original[0].name == "cover.jpg" and original[2] == "jpg"
    assert translation[1] == (root / "translations/trial/en.cover.jpg").read_bytes()
    # The Simplified edition would show the original's Traditional title: it has its own.
    assert find_cover(_edition(root, EditionKind.SIMPLIFIED)) is None
    (root / "source/trial/zh-Hans.cover.png").write_bytes(_png())
    found = find_cover(_edition(root, EditionKind.SIMPLIFIED))
    assert found is not None and found[2] == "png"


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (30, 45), (10, 10, 10)).save(out, format="PNG")
    return out.getvalue()


def test_a_cover_image_leading_out_of_the_work_is_refused(
    make_repo: MakeRepo, tmp_path: Path
) -> None:
    root = make_repo()
    outside = tmp_path / "private.png"
    outside.write_bytes(_png())
    (root / "source/trial/cover.png").symlink_to(outside)
    with pytest.raises(StageError, match="outside the work") as caught:
        find_cover(_edition(root, EditionKind.ORIGINAL))
    assert "cover.png" in str(caught.value)


def test_a_cover_image_that_is_not_what_its_name_says_is_refused(make_repo: MakeRepo) -> None:
    root = make_repo()
    (root / "source/trial/cover.png").write_bytes(_jpeg())
    with pytest.raises(StageError, match="not a PNG image by its bytes") as caught:
        find_cover(_edition(root, EditionKind.ORIGINAL))
    assert "source/trial/cover.png" in str(caught.value)
    (root / "source/trial/cover.png").write_text("<svg onload='alert(1)'/>", "utf-8")
    with pytest.raises(StageError, match="not a PNG image"):
        find_cover(_edition(root, EditionKind.ORIGINAL))


def test_two_cover_images_for_one_edition_are_refused(make_repo: MakeRepo) -> None:
    root = make_repo()
    (root / "translations/trial/en.cover.png").write_bytes(_png())
    (root / "translations/trial/en.cover.jpeg").write_bytes(_jpeg())
    with pytest.raises(StageError, match=r"two cover images .* en\.cover\.png and en\.cover\.jpeg"):
        find_cover(_edition(root, EditionKind.TRANSLATION))


# Built editions -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One small work, every edition and format: the translation with the work's own
    JPEG cover, the others with typographic ones; ISBNs and keywords for both."""
    root = tmp_path_factory.mktemp("cover")
    write_files(
        root,
        {
            "source/trial/work.yaml": ORIGINAL,
            "source/trial/text.md": SOURCE_MD,
            "translations/trial/en.yaml": TRANSLATION,
            "translations/trial/en.md": TRANSLATION_MD,
            "translations/trial/en.align": ALIGN,
        },
    )
    (root / "translations/trial/en.cover.jpg").write_bytes(_jpeg())
    build_work(load_work(root, "trial"), BuildOptions(out_dir=root / "build"))
    return root / "build" / "trial"


def _cover_item(epub: Path) -> tuple[ET.Element, bytes]:
    """The manifest item whose property is cover-image, and its file's bytes."""
    opf = _opf(epub)
    [item] = [i for i in opf.iter(f"{OPF}item") if "cover-image" in i.get("properties", "")]
    with zipfile.ZipFile(epub) as z:
        return item, z.read(f"EPUB/{item.get('href')}")


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["zh-Hant-TW", "zh-Hans"])
def test_the_epub_cover_image_is_a_png_of_a_books_size(built: Path, lang: str) -> None:
    epub = built / f"trial.{lang}.epub"
    item, data = _cover_item(epub)
    assert item.get("media-type") == "image/png"
    image = Image.open(io.BytesIO(data))
    assert image.format == "PNG" and image.size == SIZE
    width, height = image.size
    assert 1.3 < height / width < 1.6 and width >= 1000  # a page's proportions, sharp
    # The book opens with it: the spine's first page shows the image and names it.
    opf = _opf(epub)
    first = opf.find(f"{OPF}spine/{OPF}itemref")
    assert first is not None
    [page] = [i for i in opf.iter(f"{OPF}item") if i.get("id") == first.get("idref")]
    with zipfile.ZipFile(epub) as z:
        xhtml = ET.fromstring(z.read(f"EPUB/{page.get('href')}"))
    [svg] = list(xhtml.iter(f"{SVG}svg"))
    [picture] = list(svg.iter(f"{SVG}image"))
    assert picture.get(f"{XLINK}href", "").endswith(str(item.get("href")).split("/")[-1])
    assert svg.findtext(f"{SVG}title", "").startswith("封面：")


@pytest.mark.slow
def test_a_translations_own_cover_image_is_its_epubs_cover(built: Path) -> None:
    item, data = _cover_item(built / "trial.en.epub")
    assert item.get("media-type") == "image/jpeg"
    root = built.parent.parent
    assert data == (root / "translations/trial/en.cover.jpg").read_bytes()  # as it is


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "zh-Hant-TW"])
def test_the_pdfs_first_page_is_the_cover_and_the_title_page_follows(
    built: Path, lang: str
) -> None:
    pdf = built / f"trial.{lang}.pdf"
    first, *_ = extract_pages(pdf)
    assert isinstance(first, LTPage)
    [image] = _layout_images(first)
    # The whole page, or as much of it as the picture's proportions allow, centred: the
    # typographic cover has the page's (A5), the work's JPEG is narrower (2:3).
    assert image.height == pytest.approx(first.height, abs=1)
    assert image.x0 == pytest.approx(first.x1 - image.x1, abs=1)
    assert image.width == pytest.approx(first.width if lang != "en" else first.height / 1.5, abs=1)
    reader = PdfReader(pdf)
    assert reader.pages[0].extract_text().strip() == ""  # nothing but the picture
    title = {"en": "A Work for Testing", "zh-Hant-TW": "測試之作"}[lang]
    assert reader.pages[1].extract_text().startswith(title)
    # Tagged as a figure, with what the cover says as its alternative text.
    alts = [str(node["/Alt"]) for node in _struct_nodes(reader) if node.get("/S") == "/Figure"]
    assert alts[0].startswith(
        {"en": "Cover: A Work for Testing / by", "zh-Hant-TW": "封面："}[lang]
    )


def _struct_nodes(reader: PdfReader) -> list[DictionaryObject]:
    """The structure tree's elements (each with its type, ``/S``), in document order."""
    out: list[DictionaryObject] = []

    def walk(kids: object) -> None:
        for kid in kids if isinstance(kids, list) else [kids]:
            node = kid.get_object() if isinstance(kid, IndirectObject) else kid
            if isinstance(node, DictionaryObject) and "/S" in node:
                out.append(node)
                walk(node.get("/K", []))

    tree = _pdf_dict(_pdf_dict(reader.trailer["/Root"])["/StructTreeRoot"])
    walk(tree["/K"])
    return out


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "zh-Hant-TW", "zh-Hans"])
def test_the_pdf_is_pdf_ua_tagged_in_its_language(built: Path, lang: str) -> None:
    reader = PdfReader(built / f"trial.{lang}.pdf")
    catalog = _pdf_dict(reader.trailer["/Root"])
    assert _pdf_str(catalog["/Lang"]) == lang
    assert bool(_pdf_dict(catalog["/MarkInfo"])["/Marked"])
    assert len(_struct_nodes(reader)) > 10
    assert bool(_pdf_dict(catalog["/ViewerPreferences"])["/DisplayDocTitle"])
    metadata = catalog["/Metadata"].get_object()
    assert isinstance(metadata, StreamObject)
    xmp = metadata.get_data().decode("utf-8")
    assert re.search(r'pdfuaid:part="1"|<pdfuaid:part>1</pdfuaid:part>', xmp), xmp
    # The bookmarks are the headings, as before.
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert titles[-1] == {"en": "About this edition", "zh-Hant-TW": "關於本版"}.get(
        lang, "关于本版"
    )


@pytest.mark.slow
def test_the_pdf_information_has_keywords_and_the_editions_isbn(built: Path) -> None:
    info = PdfReader(built / "trial.en.pdf").metadata
    assert info is not None
    assert _pdf_str(info["/Keywords"]) == "parks, birds"
    assert _pdf_str(info["/dctermsidentifier"]) == "urn:isbn:9780804429573"
    original = PdfReader(built / "trial.zh-Hant-TW.pdf").metadata
    assert original is not None and _pdf_str(original["/Keywords"]) == "公園, 鳥類"
    assert _pdf_str(original["/dctermsidentifier"]) == "urn:isbn:9780306406157"
    simplified = PdfReader(built / "trial.zh-Hans.pdf").metadata
    assert simplified is not None and _pdf_str(simplified["/Keywords"]) == "公园, 鸟类"
    assert "/dctermsidentifier" not in simplified  # not the original's ISBN


@pytest.mark.slow
def test_the_opf_has_the_isbn_beside_its_unique_identifier(built: Path) -> None:
    opf = _opf(built / "trial.en.epub")
    unique = opf.get("unique-identifier")
    identifiers = {i.get("id"): i.text for i in opf.iter(f"{DC}identifier")}
    assert str(identifiers[unique]).startswith("urn:uuid:")  # the edition's, unchanged
    assert identifiers["isbn"] == "urn:isbn:9780804429573"
    kinds = [
        m.text
        for m in opf.iter(f"{OPF}meta")
        if m.get("refines") == "#isbn" and m.get("property") == "identifier-type"
    ]
    assert kinds == ["15"]  # ONIX: ISBN-13
    assert [s.text for s in opf.iter(f"{DC}subject")] == ["parks", "birds"]
    original = [i.text for i in _opf(built / "trial.zh-Hant-TW.epub").iter(f"{DC}identifier")]
    assert "urn:isbn:9780306406157" in original
    simplified = [i.text for i in _opf(built / "trial.zh-Hans.epub").iter(f"{DC}identifier")]
    assert not any(str(text).startswith("urn:isbn:") for text in simplified)


@pytest.mark.slow
def test_the_html_has_no_cover_and_names_its_isbn(built: Path) -> None:
    page = lxml_html.parse(str(built / "trial.en.html")).getroot()
    assert page.xpath("//*[contains(@class, 'cover')]") == []
    assert len(page.xpath("//img")) == 0
    meta = {m.get("name"): m.get("content") for m in page.xpath("//meta[@name]")}
    assert meta["dcterms.identifier"] == "urn:isbn:9780804429573"
    assert meta["keywords"] == "parks, birds"


@pytest.mark.slow
def test_epubcheck_passes_with_cover_isbn_and_subjects(built: Path) -> None:
    # The work's JPEG cover, an ISBN and subjects (test_build.py checks typographic covers).
    report = _epubcheck(built / "trial.en.epub")
    checker = report["checker"]
    assert isinstance(checker, dict)
    assert (checker["nFatal"], checker["nError"], checker["nWarning"]) == (0, 0, 0), report[
        "messages"
    ]


@pytest.mark.slow
def test_the_pdf_with_a_jpeg_cover_passes_qpdf_check(built: Path) -> None:
    qpdf = shutil.which("qpdf")
    if qpdf is None:
        unavailable("needs qpdf to check the PDFs' structure: apt-get install -y qpdf")
    result = subprocess.run(
        [qpdf, "--check", str(built / "trial.en.pdf")], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No syntax or stream encoding errors found" in result.stdout
