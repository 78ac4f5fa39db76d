"""No active content and no character XML forbids reaches an edition (issue 6).

- Links: only ``http``, ``https``, ``mailto`` and ``#anchors`` are safe (one function,
  ``toolkit.store.links.is_safe_url``, for check and render). Any other address is a
  ``check`` error (``unsafe-link``, at its line and column) and is rendered as the link's
  words, with no address, in HTML, EPUB and PDF.
- Anchors: ``#t1`` links to segment t1 of the same file, the element ``<lang>-t1`` in an
  edition; an anchor naming no segment of its file is a ``check`` error
  (``anchor-unknown``) and is rendered as its words.
- The HTML head escapes every value: every metadata value comes back, exactly, as an
  attribute's value or an element's text, never as markup; the JSON-LD holds no ``<``,
  ``>`` or ``&``, so nothing in a title can end its ``<script>``.
- The PDF writer loads nothing but ``data:`` addresses: an SVG image (or one named .png)
  that points at a local file or a web address fails the build, naming it.
- Characters XML forbids (C0 controls but tab, U+FFFE, U+FFFF, lone surrogates) are
  ``check`` errors (``invalid-character``): at line and column in a segment file, at the
  field and line in a metadata file.

The slow tests build one hostile work (the store's checks bypassed, so that what is
tested is the renderer's own defence) and fuzz the metadata through every output.
"""

from __future__ import annotations

import base64
import io
import json
import logging
import re
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from lxml import html as lxml_html
from PIL import Image
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from tests.conftest import ORIGINAL_YAML, TRANSLATION_MD, TRANSLATION_YAML, examples
from toolkit import BuildOptions, build_work, load_work
from toolkit.check import Finding, check_work
from toolkit.errors import FormatError, MetadataError, StageError
from toolkit.metadata import Original, Person, Translation
from toolkit.model import Block, BlockKind, Segment
from toolkit.render import formats
from toolkit.render.ast import WORD_JOINER, Json, credit_blocks, document_blocks, line_inlines
from toolkit.render.build import Format
from toolkit.render.credits import Run, credits_for, full_name
from toolkit.render.edition import Edition, EditionKind
from toolkit.store.document import parse_document
from toolkit.store.links import is_safe_url
from toolkit.store.metafile import parse_model
from toolkit.store.work import TranslationData, Work, WorkPaths

MakeRepo = Callable[..., Path]

#: Examples per property: a handful in ``make test``; ``make fuzz`` multiplies them.
HTML_EXAMPLES = examples(20)
BUILD_EXAMPLES = examples(2)

SAFE = [
    "https://example.org/wiki/Wild_Lily_(1990)",
    "http://example.org",
    "HTTPS://EXAMPLE.ORG/",
    "mailto:editor@example.org",
    "#t5",
    "#en-fn1",
]
UNSAFE = [
    "javascript:alert(document.domain)",
    "JavaScript:void(0)",
    " javascript:alert(1)",
    "\x01javascript:alert(1)",
    "\tjavascript:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "index.html",
    "../secret.html",
    "/etc/passwd",
    "//evil.example/x",
    "ftp://example.org/x",
    "#",
    "",
    "https://",
    "https://example.org/\x00",
    "https://exa mple.org",
    "mailto:",
]


@pytest.mark.parametrize("url", SAFE)
def test_http_https_mailto_and_anchors_are_safe(url: str) -> None:
    assert is_safe_url(url)


@pytest.mark.parametrize("url", UNSAFE)
def test_every_other_address_is_unsafe(url: str) -> None:
    assert not is_safe_url(url)


# check: unsafe-link ---------------------------------------------------------------------

LINKS = """\
# Chapter [one](javascript:alert(1)) {#t1}

See [the map](JavaScript:void(0)) and [home](index.html). {#t2}
Mail [us](mailto:a@example.org), [top](#en-t1), [the site](https://example.org/). {#t3}

- An [item](vbscript:msgbox(1)) {#t4}
  1. A [nested](data:text/html,x) one {#t5}

> A [quote](file:///etc/passwd) {#t6}

| A [cell](javascript:x) {#t7}

![A [bird](javascript:y) flies](images/bird.png "Photo: X") {#t8}

Here *[in emphasis](javascript:z)*.[^a] {#t9}

[^a]: A [note](javascript:n) {#t10}
"""


def _at(findings: list[Finding], code: str) -> list[Finding]:
    return sorted((f for f in findings if f.code == code), key=lambda f: (f.line, f.column))


def test_check_reports_each_unsafe_link_at_its_address(make_repo: MakeRepo) -> None:
    root = make_repo(text=LINKS, align=None)
    found = _at(check_work(load_work(root, "trial")).findings, "unsafe-link")
    assert [f.line for f in found] == [1, 3, 3, 6, 7, 9, 11, 13, 15, 17]
    lines = LINKS.splitlines()
    addresses = [
        "javascript:alert(1)",
        "JavaScript:void(0)",
        "index.html",
        "vbscript:msgbox(1)",
        "data:text/html,x",
        "file:///etc/passwd",
        "javascript:x",
        "javascript:y",
        "javascript:z",
        "javascript:n",
    ]
    for finding, address in zip(found, addresses, strict=True):
        assert finding.severity.label == "error"
        assert finding.path == "translations/trial/en.md"
        # The column is where the address starts: what the user has to change.
        assert lines[finding.line - 1][finding.column - 1 :].startswith(address + ")"), finding
        assert finding.where == f"translations/trial/en.md:{finding.line}:{finding.column}"
        assert address[:12] in finding.message
        assert "https://" in finding.fix and "mailto:" in finding.fix


def test_safe_links_are_not_findings(make_repo: MakeRepo) -> None:
    text = (
        "# Chapter One {#t1}\n\n"
        "[Web](https://example.org/a_(b)) and [mail](mailto:x@y.org). {#t2}\n"
        "[Back](#en-t1), [loud](HTTP://EXAMPLE.ORG), [see](#t1), [on](#t3). {#t3}\n"
    )
    report = check_work(load_work(make_repo(text=text), "trial"))
    assert _at(report.findings, "unsafe-link") == []


def test_unsafe_links_render_as_their_words_and_safe_ones_as_links() -> None:
    blocks = document_blocks(parse_document(LINKS), "en")
    links = [node["c"][2][0] for node in _nodes(blocks) if node.get("t") == "Link"]
    assert links == ["mailto:a@example.org", "#en-t1", "https://example.org/"]
    words = " ".join(
        node["c"]
        for node in _nodes(blocks)
        if node.get("t") == "Str" and isinstance(node["c"], str)
    )
    for shown in ("map", "home", "item", "nested", "quote", "cell", "bird", "emphasis", "note"):
        assert shown in words


def test_a_credit_link_with_an_unsafe_address_is_text() -> None:
    for url in UNSAFE:
        inlines = line_inlines((Run("the address", url=url),))
        assert [n for n in _nodes(inlines) if n.get("t") == "Link"] == [], url
    [link] = line_inlines((Run("the address", url="https://example.org/"),))
    assert link["t"] == "Link"


@pytest.mark.parametrize(
    ("field", "yaml"),
    [
        ("url", "url: javascript:alert(1)\n"),
        ("url", "url: data:text/html,x\n"),
        ("url", "url: ' https://example.org'\n"),
        ("publisher.url", "publisher: {name: {en: P}, url: 'vbscript:x'}\n"),
        ("publisher.url", "publisher: {name: {en: P}, url: 'file:///etc/passwd'}\n"),
    ],
)
def test_metadata_addresses_must_be_http(field: str, yaml: str) -> None:
    """The only addresses an edition links from its metadata (the colophon's 'Address')
    are validated by the schema before anything is built."""
    text = "language: en\ntitle: T\n" + yaml
    with pytest.raises(MetadataError) as caught:
        parse_model(text, "en.yaml", Translation)
    assert any(problem[0] == field for problem in caught.value.problems)


def _nodes(value: Any) -> Iterator[dict[str, Any]]:
    """Every Pandoc node (a dict with 't') within ``value``."""
    if isinstance(value, dict):
        if "t" in value:
            yield value
        for child in value.values():
            yield from _nodes(child)
    elif isinstance(value, list):
        for child in value:
            yield from _nodes(child)


# Anchors: #t1 is segment t1 of the same file ----------------------------------------------

ANCHORS = """\
# Chapter One {#t1}

See [the chapter](#t1), [the note](#t5) and [its element](#en-t2). {#t2}
A [lost link](#nowhere), [another edition's](#zh-t1), [the original's](#s1). {#t3}
Here.[^a] {#t4}

[^a]: Back to [the start](#t1) or *[a typo](#t11)*. {#t5}
"""


def test_check_reports_an_anchor_naming_no_segment_of_its_file(make_repo: MakeRepo) -> None:
    root = make_repo(text=ANCHORS, align=None)
    found = _at(check_work(load_work(root, "trial")).findings, "anchor-unknown")
    lines = ANCHORS.splitlines()
    addresses = ["#nowhere", "#zh-t1", "#s1", "#t11"]
    assert [f.line for f in found] == [4, 4, 4, 7]
    for finding, address in zip(found, addresses, strict=True):
        assert finding.severity.label == "error"
        assert lines[finding.line - 1][finding.column - 1 :].startswith(address + ")"), finding
        assert address in finding.message and "#t1" in finding.fix
    assert {f.code for f in check_work(load_work(root, "trial")).findings}.isdisjoint(
        {"unsafe-link"}
    )


def test_check_reads_anchors_in_the_original_with_its_language(make_repo: MakeRepo) -> None:
    source = "# 第一章 {#s1}\n\n見[上文](#s1)與[本版](#zh-Hant-TW-s1)，[別處](#t1)。 {#s2}\n"
    report = check_work(load_work(make_repo(source=source, align=None), "trial"))
    found = _at(report.findings, "anchor-unknown")
    assert [(f.where, "#t1" in f.message) for f in found] == [("source/trial/text.md:3:38", True)]


def test_anchors_render_as_the_segment_s_element_and_unknown_ones_as_words() -> None:
    blocks = document_blocks(parse_document(ANCHORS), "en")
    links = [node["c"][2][0] for node in _nodes(blocks) if node.get("t") == "Link"]
    assert links == ["#en-t1", "#en-t5", "#en-t2", "#en-t1"]
    words = " ".join(n["c"] for n in _nodes(blocks) if n.get("t") == "Str")
    for shown in ("lost", "another", "original's", "typo"):
        assert shown in words


# check: invalid-character ---------------------------------------------------------------

CONTROLS = (
    "# Chapter\x00 One {#t1}\n"  # 1:10
    "\n"
    "Text with a \x0b vertical tab. {#t2}\n"  # 3:13
    "A tab\tis fine, and so is \u2028 or \u0085. {#t3}\n"
    "A non-character \ufffe and \uffff here. {#t4}\n"  # 5:17, twice
    "\n"
    '![A bird](images/bird.png "Photo: \x01X") {#t5}\n'  # 7:35
    "\n"
    "```py\x1f\n"  # 9:6
    "code \x7f is allowed, \x1b is not\n"  # 10:20
    "```\n"
)


def test_characters_xml_forbids_in_a_segment_file_are_errors_at_line_and_column(
    make_repo: MakeRepo,
) -> None:
    root = make_repo(text=CONTROLS, align=None)
    found = _at(check_work(load_work(root, "trial")).findings, "invalid-character")
    path = "translations/trial/en.md"
    assert [f.where for f in found] == [
        f"{path}:1:10",
        f"{path}:3:13",
        f"{path}:5:17",
        f"{path}:7:35",
        f"{path}:9:6",
        f"{path}:10:20",
    ]
    assert all(f.severity.label == "error" and f.fix for f in found)
    assert "U+0000" in found[0].message
    assert "U+FFFE" in found[2].message and "2 on this line" in found[2].message


def test_a_lone_surrogate_in_a_segment_file_is_refused_when_read(make_repo: MakeRepo) -> None:
    """UTF-8 cannot encode one: its bytes are 'not UTF-8', at their line (read_text)."""
    root = make_repo(align=None)
    path = root / "translations/trial/en.md"
    path.write_bytes(TRANSLATION_MD.encode("utf-8") + b"A \xed\xa0\x80 here. {#t4}\n")
    with pytest.raises(FormatError, match="not UTF-8") as caught:
        load_work(root, "trial")
    assert caught.value.where is not None and caught.value.where.line == 5


def test_characters_xml_forbids_in_the_original_too(make_repo: MakeRepo) -> None:
    source = (
        "# 第一章 {#s1}\n\n今天\x00天氣很好。 {#s2}\n我們去公園散步，看見「三隻」小鳥。 {#s3}\n"
    )
    found = _at(
        check_work(load_work(make_repo(source=source), "trial")).findings, "invalid-character"
    )
    assert [f.where for f in found] == ["source/trial/text.md:3:3"]


METADATA = """\
language: en
title: "A \\0 title"
translators:
  - name: {en: "Jane\\x01 Doe"}
publisher:
  name: {en: "Press\\uFFFF"}
rights: © 2024 Jane Doe
translator_note: "A note \\x1b"
photo_credits:
  - text: "Photo \\x08"
"""


def test_characters_xml_forbids_in_metadata_name_the_field_and_line(make_repo: MakeRepo) -> None:
    root = make_repo(meta=METADATA)
    found = _at(check_work(load_work(root, "trial")).findings, "invalid-character")
    path = "translations/trial/en.yaml"
    assert [(f.where, f.message.split("'")[1]) for f in found] == [
        (f"{path}:2", "title"),
        (f"{path}:4", "translators[0].name.en"),
        (f"{path}:6", "publisher.name.en"),
        (f"{path}:8", "translator_note"),
        (f"{path}:10", "photo_credits[0].text"),
    ]
    assert "U+0008" in found[-1].message
    assert all(f.severity.label == "error" and f.fix for f in found)


def test_a_lone_surrogate_in_metadata_is_refused_when_read(make_repo: MakeRepo) -> None:
    """YAML can write one (``"\\ud800"``); the schema refuses it, naming field and line."""
    root = make_repo(meta=TRANSLATION_YAML + 'title_note: "A \\ud800 note"\n')
    with pytest.raises(MetadataError) as caught:
        load_work(root, "trial")
    assert [(field, line) for field, line, _ in caught.value.problems] == [("title_note", 10)]


def test_characters_xml_forbids_in_the_original_metadata(make_repo: MakeRepo) -> None:
    original = ORIGINAL_YAML.replace("title: 測試之作", 'title: "測試\\0之作"')
    report = check_work(load_work(make_repo(original=original), "trial"))
    found = _at(report.findings, "invalid-character")
    assert [f.where for f in found] == ["source/trial/work.yaml:2"]


def test_ordinary_text_has_no_invalid_characters(make_repo: MakeRepo) -> None:
    meta = TRANSLATION_YAML + 'translator_note: "Two lines,\\n\\tand a tab."\n'
    report = check_work(load_work(make_repo(meta=meta), "trial"))
    assert report.findings == []


# The HTML head, fuzzed ------------------------------------------------------------------

#: Values that broke out of an attribute, a <script> or an XML element somewhere.
HOSTILE = [
    '0;url=https://evil.example/" http-equiv="refresh',
    "Bob\" onload='x' data-x=\"",
    "</script><script>alert(1)</script>",
    "<!--<script>",
    "</title><meta http-equiv=refresh content=0>",
    "]]> &amp; &lt;b&gt; & <b>bold</b>",
    "\u202eevil\u202c 王小明",
]
#: Values an attribute must give back exactly: lxml's serializer wrote the ``&`` in
#: ``<!-- G &amp; H -->`` unescaped, so it was read back as ``<!-- G & H -->``.
COMMENTED = [
    "<!-- G &amp; H -->",
    "<!-- G &amp; H",
    "G &amp; H -->",
    "<!--&lt;b&gt; &#39; &quot; & '\" -->",
    "<!-- a --> &copy; <!-- b &amp; -->",
]
HOSTILE += COMMENTED
_TEXT = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(
        st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Cn", "Zl", "Zp")),
        min_size=1,
        max_size=24,
    ),
).filter(lambda s: bool(s.strip()))
FIELDS = (
    "title",
    "original_title",
    "author",
    "author_zh",
    "author_note",
    "translator",
    "publisher",
    "original_publisher",
    "rights",
    "original_rights",
    "note",
    "photo_credit",
    "image_credit",
)
VALUES = st.fixed_dictionaries({name: _TEXT for name in FIELDS})
TEXT = "# Chapter One {#t1}\n\nThe weather is fine today. {#t2}\n"


def _edition(values: dict[str, str], root: Path) -> Edition:
    """A translation edition, in memory, whose every metadata text is one of ``values``."""
    original = Original.model_validate(
        {
            "language": "zh-Hant-TW",
            "title": values["original_title"],
            "authors": [
                {
                    "name": {"en": values["author"], "zh-Hant": values["author_zh"]},
                    "note": {"en": values["author_note"]},
                }
            ],
            "publisher": {"name": {"en": values["original_publisher"]}},
            "url": "https://example.org/zh/1",
            "date": "2024-01-02",
            "rights": values["original_rights"],
            "image_credits": [{"text": values["image_credit"]}],
        }
    )
    translation = Translation.model_validate(
        {
            "language": "en",
            "title": values["title"],
            "translators": [{"name": {"en": values["translator"]}}],
            "publisher": {"name": {"en": values["publisher"]}},
            "url": "https://example.org/en/1",
            "date": "2024-02-03",
            "rights": values["rights"],
            "translator_note": values["note"],
            "photo_credits": [{"text": values["photo_credit"]}],
        }
    )
    # Two figures, so that the colophon credits their images: one credited as the
    # original's metadata has it, one as the translation's.
    figures = tuple(
        Block(BlockKind.FIGURE, (Segment(f"t{n}", "A figure."),), src="x.png", credit=credit)
        for n, credit in ((3, values["image_credit"]), (4, values["photo_credit"]))
    )
    folder = root / "translations" / "fuzz"
    folder.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (4, 4), (200, 60, 40)).save(folder / "x.png")
    document = parse_document(TEXT)
    shown = replace(document, blocks=document.blocks + figures)
    data = TranslationData("en", translation, shown, None, None)
    work = Work("fuzz", WorkPaths(root, "fuzz"), original, None, {"en": data})
    return Edition(work, EditionKind.TRANSLATION, shown, data)


def _body(edition: Edition) -> list[Json]:
    """The edition's text without its figures (Pandoc would look for their images beside
    the page it writes in a scratch folder)."""
    text = replace(
        edition.document,
        blocks=tuple(b for b in edition.document.blocks if b.kind is not BlockKind.FIGURE),
    )
    return document_blocks(text, "en")


def _expected_meta(edition: Edition) -> list[tuple[str, str]]:
    tr = edition.translation
    assert tr is not None
    original = edition.work.original
    author: Person = original.authors[0]
    return sorted(
        [
            ("author", full_name(author, "en")),
            ("description", formats.description(edition)),
            ("translator", full_name(tr.meta.translators[0], "en")),
            ("dcterms.source", "https://example.org/zh/1"),
            ("publisher", tr.meta.publisher.name["en"] if tr.meta.publisher else ""),
            ("dcterms.rights", tr.meta.rights or ""),
            ("original-title", original.title),
            ("dcterms.date", "2024-02-03"),
        ]
    )


def _squash(text: str) -> str:
    return " ".join(text.split())


#: What an edition's elements and attributes may be: anything else came from a value.
_ALLOWED_ATTRIBUTES = {"id", "class", "lang", "xml:lang", "href", "src", "alt", "role", "title"}
_ALLOWED_ATTRIBUTES |= {"name", "content", "charset", "type", "xmlns", "epub:type", "colspan"}
_ACTIVE = ("script", "iframe", "object", "embed", "form", "base", "link", "frame")


def _check_html(page_text: str, edition: Edition, values: dict[str, str]) -> None:
    """Every value is back as an attribute's value or as text, and nothing else is there."""
    page = lxml_html.document_fromstring(page_text)
    head = page.find("head")
    assert head is not None
    metas = [m for m in head.iter("meta") if m.get("name")]
    named = sorted(
        (str(m.get("name")), str(m.get("content")))
        for m in metas
        if m.get("name") not in ("generator", "viewport")
    )
    assert named == _expected_meta(edition)
    for meta in head.iter("meta"):
        assert set(meta.attrib) <= {"name", "content", "charset"}, dict(meta.attrib)
    assert page.findtext(".//title") == edition.title
    [script] = page.iter("script")
    assert script.get("type") == "application/ld+json"
    raw = script.text or ""
    assert not set("<>&") & set(raw), raw  # nothing in it can end or reopen the element
    data = json.loads(raw)
    assert data["name"] == values["title"]
    assert data["translationOfWork"]["name"] == values["original_title"]
    assert data["translator"][0]["name"] == values["translator"]
    body = page.find("body")
    assert body is not None
    for element in body.iter():
        if not isinstance(element.tag, str):
            continue
        assert element.tag not in _ACTIVE, element.tag
        assert set(element.attrib) <= _ALLOWED_ATTRIBUTES, (element.tag, dict(element.attrib))
        href = element.get("href")
        assert href is None or is_safe_url(href), href
    # The page's text, without the word joiners set for layout (before a · or ～).
    colophon = _squash(body.text_content().replace(WORD_JOINER, ""))
    for name in FIELDS:
        if name != "author_zh" or values["author_zh"] != values["author"]:
            assert _squash(values[name]) in colophon, name


@settings(
    max_examples=HTML_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(VALUES)
def test_metadata_reaches_the_html_head_and_body_as_text(values: dict[str, str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        edition = _edition(values, Path(tmp))
        credits = credits_for(edition)
        title_page, colophon = credit_blocks(credits)
        body = _body(edition)
        parts = formats.Parts(edition, credits, title_page, body, colophon, "")
        page = formats.html(parts, Path(tmp), font_face="", article_title=False)
    _check_html(page, edition, values)


@pytest.mark.parametrize("value", COMMENTED)
def test_a_value_comes_back_exactly_from_the_head(value: str) -> None:
    """Every <meta> gives back exactly the value it was given, in the head as built and
    in the page Pandoc writes around it."""
    with tempfile.TemporaryDirectory() as tmp:
        values = {name: f"{value} {name}" for name in FIELDS}
        edition = _edition(values, Path(tmp))
        head = formats.head(edition, "")
        metas = lxml_html.fragment_fromstring(head, create_parent="div").iter("meta")
        assert sorted((str(m.get("name")), str(m.get("content"))) for m in metas) == (
            _expected_meta(edition)
        )
        credits = credits_for(edition)
        title_page, colophon = credit_blocks(credits)
        body = _body(edition)
        parts = formats.Parts(edition, credits, title_page, body, colophon, "")
        page = formats.html(parts, Path(tmp), font_face="", article_title=False)
    _check_html(page, edition, values)


def test_json_ld_cannot_end_its_script_element() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        values = dict.fromkeys(FIELDS, "</script><!--<script>&")
        head = formats.head(_edition(values, Path(tmp)), "")
    [script] = lxml_html.fragment_fromstring(head, create_parent="div").iter("script")
    assert "</script>" not in (script.text or "") and "<" not in (script.text or "")
    assert json.loads(script.text or "")["name"] == "</script><!--<script>&"


# The PDF writer loads nothing from outside the edition -------------------------------------


def _png(colour: tuple[int, int, int]) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (30, 20), colour).save(out, "PNG")
    return out.getvalue()


def _svg(href: str) -> str:
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" width="30" height="20">'
        f'<image href="{href}" width="30" height="20"/></svg>'
    )


def _data(mime: str, data: bytes) -> str:
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


def _pdf_parts(root: Path, body: list[dict[str, Any]] | None = None) -> formats.Parts:
    edition = _edition(dict.fromkeys(FIELDS, "X"), root)
    credits = credits_for(edition)
    title_page, colophon = credit_blocks(credits)
    return formats.Parts(edition, credits, title_page, body or [], colophon, "")


def _pdf_images(data: bytes) -> list[bytes]:
    """The pixels of every image on the PDF's pages."""
    pixels = []
    for page in PdfReader(io.BytesIO(data)).pages:
        for image in page.images:
            assert image.image is not None
            pixels.append(image.image.tobytes())
    return pixels


def test_the_pdf_writer_loads_data_addresses(tmp_path: Path) -> None:
    """The edition's own images are data: addresses, and reach the PDF."""
    image = _data("image/png", _png((200, 0, 0)))
    page = f'<html lang="en"><body><p>A bird.</p><img src="{image}" alt="A bird"></body></html>'
    data = formats.pdf(page, _pdf_parts(tmp_path), tmp_path)
    assert _pdf_images(data) == [Image.new("RGB", (30, 20), (200, 0, 0)).tobytes()]


def test_the_pdf_writer_loads_nothing_but_data_addresses(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A page naming a local file, directly or inside an SVG image (as data, or as inline
    markup, or relative to the scratch folder), gets no PDF: the build fails naming it."""
    secret = tmp_path / "secret.png"
    secret.write_bytes(_png((0, 200, 0)))
    svg = _svg(secret.as_uri())
    pages = {
        "an image": f'<img src="{secret.as_uri()}">',
        "an svg image": f'<img src="{_data("image/svg+xml", svg.encode())}">',
        "an svg called png": f'<img src="{_data("image/png", svg.encode())}">',
        "inline svg": svg,
        "a relative image": '<img src="secret.png">',
        "a stylesheet": f'<style>p {{ background: url("{secret.as_uri()}") }}</style><p>x</p>',
        "a web image": '<img src="http://127.0.0.1:9/tracker.png">',
    }
    for name, markup in pages.items():
        caplog.clear()
        page = f'<html lang="en"><body>{markup}</body></html>'
        with (
            caplog.at_level(logging.ERROR, logger="toolkit.render"),
            pytest.raises(StageError) as caught,
        ):
            formats.pdf(page, _pdf_parts(tmp_path), tmp_path)
        address = "tracker.png" if name == "a web image" else "secret.png"
        assert address in caught.value.message, name
        assert "no PDF was written" in caught.value.message and caught.value.fix, name
        refused = [r for r in caplog.records if r.name == "toolkit.render"]
        assert refused and address in refused[0].getMessage(), name


def test_an_svg_figure_pointing_at_a_local_file_gets_no_pdf(tmp_path: Path) -> None:
    """The renderer's whole path, store checks aside: a figure whose image is an SVG
    (or an SVG named .png) naming a local file. Pandoc embeds it as data; the PDF
    writer refuses what it points at."""
    secret = tmp_path / "secret.png"
    secret.write_bytes(_png((0, 0, 200)))
    for name in ("pic.svg", "pic.png"):
        image = tmp_path / name
        image.write_text(_svg(secret.as_uri()), "utf-8")
        document = parse_document(f"# A {{#t1}}\n\n![A picture]({name}) {{#t2}}\n")
        body = document_blocks(document, "en", {name: str(image)})
        parts = _pdf_parts(tmp_path, body)
        page = formats.html(parts, tmp_path, font_face="", article_title=True)
        assert secret.as_uri() not in page  # embedded as data, as every image is
        with pytest.raises(StageError, match=r"secret\.png"):
            formats.pdf(page, parts, tmp_path)


# Slow: a hostile work built (checks bypassed), and the metadata fuzzed through every format

HOSTILE_TEXT = """\
# Links {#t1}

Read [the schedule](javascript:alert(document.domain)), the [map](JavaScript:void(0)). {#t2}
The [rules](vbscript:msgbox(1)) and the [flyer](data:text/html,<script>alert(1)</script>). {#t3}
See [the file](file:///etc/passwd), [home](index.html), [mail](mailto:editor@example.org). {#t4}
Go to the [top](#en-t1) or [the site](https://example.org/). {#t5}

```py"onclick="alert(1)
print(1)
```
"""
#: What no output may hold: the unsafe addresses of HOSTILE_TEXT.
UNSAFE_WORDS = (b"javascript:", b"vbscript:", b"data:text/html", b"file:", b"index.html")


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One hostile work, built with the store's checks bypassed (``preflight=False``)."""
    root = tmp_path_factory.mktemp("hostile")
    values = dict(zip(FIELDS, HOSTILE * 2, strict=False))
    edition = _edition(values, root)
    work = edition.work
    tr = work.translations["en"]
    document = parse_document(HOSTILE_TEXT)
    hostile = Work(work.id, work.paths, work.original, None, {"en": _with(tr, document)})
    options = BuildOptions(out_dir=root / "build", preflight=False)
    build_work(hostile, options)
    return root / "build" / "fuzz"


def _with(tr: TranslationData, document: Any) -> TranslationData:
    return TranslationData(tr.lang, tr.meta, document, None, None)


@pytest.mark.slow
def test_unsafe_links_are_words_in_every_format(hostile_build: Path) -> None:
    """One hostile work (links and metadata), built once: nothing active in any format."""
    html = (hostile_build / "fuzz.en.html").read_bytes()
    page = lxml_html.fromstring(html)
    hrefs = [a.get("href") for a in page.iter("a")]
    assert "mailto:editor@example.org" in hrefs and "https://example.org/" in hrefs
    assert all(is_safe_url(str(h)) for h in hrefs), hrefs
    text = _squash(page.text_content())
    for words in ("the schedule", "the map", "The rules", "the flyer", "the file", "home"):
        assert words in text
    assert not [e for e in page.iter() if any(a.startswith("on") for a in e.attrib)]
    assert not page.xpath("//meta[@http-equiv]")  # the hostile metadata stayed text
    assert [s.get("type") for s in page.iter("script")] == ["application/ld+json"]
    outputs = {"html": html, **_epub_members(hostile_build / "fuzz.en.epub")}
    for name, data in outputs.items():
        for word in UNSAFE_WORDS:
            assert word not in data.lower(), (name, word)
    epub_hrefs = [
        h
        for name, data in outputs.items()
        if name.endswith(".xhtml")
        for h in etree.fromstring(data).xpath("//@href")
    ]
    assert "mailto:editor@example.org" in epub_hrefs
    for href in epub_hrefs:  # the book's own files, or a safe address
        if re.match(r"[a-z][a-z0-9+.-]*:", href, re.IGNORECASE):
            assert is_safe_url(href), href
    assert sorted(_pdf_uris(hostile_build / "fuzz.en.pdf")) == [
        "https://example.org/",
        "https://example.org/en/1",
        "https://example.org/zh/1",
        "mailto:editor@example.org",
    ]
    pdf_text = _squash(
        " ".join(p.extract_text() for p in PdfReader(hostile_build / "fuzz.en.pdf").pages)
    )
    assert "the schedule" in pdf_text and "the flyer" in pdf_text


def _epub_members(epub: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(epub) as book:
        return {n: book.read(n) for n in book.namelist() if not n.endswith((".otf", ".png"))}


def _pdf_uris(pdf: Path) -> list[str]:
    """The address of every link annotation in ``pdf``."""
    uris: list[str] = []
    for page in PdfReader(pdf).pages:
        for annotation in page.get("/Annots") or []:
            annot = annotation.get_object()
            assert isinstance(annot, DictionaryObject)
            action = annot.get("/A")
            if action is None:
                continue
            action = action.get_object()
            assert isinstance(action, DictionaryObject)
            if "/URI" in action:
                uris.append(str(action["/URI"]))
    return uris


@pytest.mark.slow
@settings(
    max_examples=BUILD_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(VALUES)
def test_metadata_reaches_every_format_as_text(values: dict[str, str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        edition = _edition(values, Path(tmp))
        out = Path(tmp) / "build"
        build_work(edition.work, BuildOptions(out_dir=out, formats=tuple(Format)))
        folder = out / "fuzz"
        _check_html((folder / "fuzz.en.html").read_text("utf-8"), edition, values)
        _check_opf(folder / "fuzz.en.epub", edition, values)
        _check_pdf(folder / "fuzz.en.pdf", edition, values)


OPF = "{http://www.idpf.org/2007/opf}"
DC = "{http://purl.org/dc/elements/1.1/}"


def _check_opf(epub: Path, edition: Edition, values: dict[str, str]) -> None:
    members = _epub_members(epub)
    for name, data in members.items():
        if name.endswith((".xhtml", ".opf", ".ncx")):
            etree.fromstring(data)  # well-formed XML, or this raises
    [opf_name] = [n for n in members if n.endswith(".opf")]
    metadata = etree.fromstring(members[opf_name]).find(f"{OPF}metadata")
    assert metadata is not None
    assert metadata.findtext(f"{DC}title") == values["title"]
    assert [e.text for e in metadata.iter(f"{DC}creator")] == [values["author"]]
    assert [e.text for e in metadata.iter(f"{DC}contributor")] == [values["translator"]]
    assert metadata.findtext(f"{DC}publisher") == values["publisher"]
    assert metadata.findtext(f"{DC}rights") == values["rights"]
    assert metadata.findtext(f"{DC}description") == formats.description(edition)
    scripts = [
        m.text for m in metadata.iter(f"{OPF}meta") if m.get("property") == "alternate-script"
    ]
    if values["author_zh"] != values["author"]:
        assert scripts == [values["author_zh"]]


def _check_pdf(pdf: Path, edition: Edition, values: dict[str, str]) -> None:
    info = PdfReader(pdf).metadata
    assert info is not None
    assert info.get("/Title") == values["title"]
    assert info.get("/Author") == full_name(edition.work.original.authors[0], "en")
    assert info.get("/Subject") == formats.description(edition)
    assert info.get("/translator") == values["translator"]
    assert info.get("/publisher") == values["publisher"]
    assert info.get("/originaltitle") == values["original_title"]
