"""Readers for web pages, DOCX and Markdown (through Pandoc): golden cases, nothing lost,
the page's furniture recognised, Pandoc's blocks and inlines mapped to the store's.

Golden cases are ``tests/cases/import/NAME`` with ``NAME.expected.md`` (the store text, IDs
s1, s2, … given in order) and ``NAME.expected.import.yaml`` (the import record, the text
moved to metadata and the images brought in). The DOCX is built by the test from
``en-report.docx.md`` with Pandoc. ``TOOLKIT_REGENERATE=1`` rewrites the expectations.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
import subprocess
from dataclasses import dataclass, replace
from pathlib import Path

import lxml.html
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tests.conftest import examples
from toolkit.errors import ToolkitError
from toolkit.importing import recognise as recognise
from toolkit.importing.imported import Imported, ReadContext, Role
from toolkit.importing.pandoc_images import Fetched, Images, Unavailable
from toolkit.importing.pandoc_inlines import finish, link_url, markup
from toolkit.importing.pandoc_nodes import code_text
from toolkit.importing.pandoc_reader import read_document_file
from toolkit.model import (
    Block,
    BlockKind,
    Code,
    Document,
    Emph,
    Inline,
    Link,
    ListItem,
    Segment,
    Strong,
    TableShape,
    Text,
)
from toolkit.render.pandoc import pandoc_path
from toolkit.store.document import parse_document
from toolkit.store.docwriter import write_document
from toolkit.store.importrecord import Destination, Reason, SourceFormat, dump_record, dump_yaml
from toolkit.store.inline import parse_inline, plain_text

CASES = Path(__file__).parent / "cases" / "import"
REGENERATE = bool(os.environ.get("TOOLKIT_REGENERATE"))

ZH = ReadContext("zh-Hant-TW", Role.ORIGINAL, "城市裡的小農市集", ("王小明", "Hsiao-ming Wang"))
EN = ReadContext("en", Role.TRANSLATION, "Night Markets Return to the Riverside", ("Jane Doe",))
ESSAY = ReadContext("zh-Hant-TW", Role.ORIGINAL, "市集筆記", ("王小明",))
REPORT = ReadContext("en", Role.TRANSLATION, "A Report on Night Markets", ("Jane Doe",))


@dataclass(frozen=True)
class Case:
    name: str
    fmt: SourceFormat
    context: ReadContext


GOLDEN = [
    Case("zh-news.html", SourceFormat.HTML, ZH),
    Case("en-news.html", SourceFormat.HTML, EN),
    Case("zh-essay.md", SourceFormat.MARKDOWN, ESSAY),
    Case("en-report.docx", SourceFormat.DOCX, REPORT),
]


@pytest.fixture(scope="module")
def docx_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real DOCX, written by Pandoc from ``en-report.docx.md`` (with its PNG)."""
    out = tmp_path_factory.mktemp("docx") / "en-report.docx"
    subprocess.run(
        [pandoc_path(), "en-report.docx.md", "-o", str(out)], cwd=CASES, check=True, timeout=120
    )
    return out


def read_case(case: Case, docx: Path) -> Imported:
    path = docx if case.fmt is SourceFormat.DOCX else CASES / case.name
    data = path.read_bytes()
    text = None if case.fmt is SourceFormat.DOCX else data.decode("utf-8")
    return read_document_file(
        data, case.name, case.fmt, case.context, text=text, base_dir=path.parent
    )


def with_ids(doc: Document) -> Document:
    """The document with IDs s1, s2, … in order, as the import would give them."""
    count = 0
    blocks = []
    for block in doc.blocks:
        segments = []
        for segment in block.segments:
            count += 1
            segments.append(replace(segment, id=f"s{count}"))
        blocks.append(replace(block, segments=tuple(segments)))
    return Document(tuple(blocks))


def store_text(imported: Imported) -> str:
    return write_document(with_ids(imported.document))


def record_text(imported: Imported, case: Case) -> str:
    record = dump_record(imported.record)
    if case.fmt is SourceFormat.DOCX:  # the DOCX is built anew by each run (its dates differ)
        record = re.sub(
            r"(?m)^sha256: [0-9a-f]{64}$", "sha256: (of the DOCX the test built)", record
        )
    extra = {
        "metadata": {str(k): v for k, v in imported.metadata.items()},
        "resources": {k: hashlib.sha256(v).hexdigest() for k, v in imported.resources.items()},
    }
    return record + dump_yaml(extra)


def _compare(path: Path, actual: str) -> None:
    if REGENERATE:
        path.write_text(actual, encoding="utf-8")
    assert path.read_text(encoding="utf-8") == actual, f"{path.name} differs (see the diff)"


# --- golden cases ------------------------------------------------------------------------------


@pytest.mark.parametrize("case", GOLDEN, ids=lambda c: c.name)
def test_golden_case(case: Case, docx_file: Path) -> None:
    imported = read_case(case, docx_file)
    assert all(s.id is None for s in imported.document.segments())
    _compare(CASES / f"{case.name}.expected.md", store_text(imported))
    _compare(CASES / f"{case.name}.expected.import.yaml", record_text(imported, case))
    # What the store holds reads back as exactly the document.
    assert parse_document(store_text(imported)) == with_ids(imported.document)


# --- nothing lost ------------------------------------------------------------------------------

_INVISIBLE = ("script", "style", "noscript", "template")


def text_runs(html: str) -> list[str]:
    """Every visible text run of a page: text and tails of elements, none in scripts or
    styles, in the head only the title; Pandoc's footnote back-links (↩) left out."""
    root = lxml.html.document_fromstring(html)
    runs: list[str] = []
    for el in root.iter():
        chain = [el, *el.iterancestors()]
        hidden = any(
            isinstance(e.tag, str)
            and (e.tag in _INVISIBLE or e.get("role") == "doc-backlink" or e.tag == "head")
            for e in chain
        )
        if isinstance(el.tag, str) and el.tag == "title":
            hidden = False
        if el.text and isinstance(el.tag, str) and not hidden:
            runs.append(el.text)
        parent = el.getparent()
        parent_hidden = parent is None or any(
            isinstance(e.tag, str) and (e.tag in _INVISIBLE or e.tag == "head")
            for e in [parent, *parent.iterancestors()]
        )
        if el.tail and not parent_hidden:
            runs.append(el.tail)
    return [" ".join(r.split()) for r in runs if r.strip()]


def found_text(imported: Imported) -> str:
    """Everything the import kept: body text, captions, credits, code, footnote labels,
    metadata and set-aside text, one piece a line, white space removed."""
    pieces: list[str] = [plain_text(s.text) for s in imported.document.segments()]
    for block in imported.document.blocks:
        pieces += [block.credit, block.label]
        if block.code is not None:
            pieces += block.code.lines
    pieces += imported.metadata.values()
    pieces += [line for part in imported.record.parts for line in part.text or []]
    return "\n".join("".join(p.split()) for p in pieces)


def page_html(case: Case, docx: Path) -> str:
    """The fixture as a page: HTML as it is; Markdown and DOCX as Pandoc writes them."""
    if case.fmt is SourceFormat.HTML:
        return (CASES / case.name).read_text(encoding="utf-8")
    fmt = "markdown-smart" if case.fmt is SourceFormat.MARKDOWN else "docx"
    source = docx if case.fmt is SourceFormat.DOCX else CASES / case.name
    out = subprocess.run(
        [pandoc_path(), f"--from={fmt}", "--to=html", str(source)],
        capture_output=True,
        check=True,
        timeout=120,
    )
    return out.stdout.decode("utf-8")


@pytest.mark.parametrize("case", GOLDEN, ids=lambda c: c.name)
def test_nothing_is_lost(case: Case, docx_file: Path) -> None:
    imported = read_case(case, docx_file)
    kept = found_text(imported)
    runs = text_runs(page_html(case, docx_file))
    assert len(runs) > 10
    labels = {b.label for b in imported.document.blocks if b.kind is BlockKind.FOOTNOTE}
    lost = [run for run in runs if not is_kept(run, kept, labels)]
    assert not lost


def is_kept(run: str, kept: str, labels: set[str]) -> bool:
    """Is ``run`` in what the import kept? A meta line may have been split into its pieces
    (the separators ``|`` and ``·`` are not kept), a caption's credit split off it, and a
    footnote's own number taken off its start (it is the footnote's label)."""
    for piece in recognise.META_SEPARATOR.split(run):
        mark = re.match(r"\[?(\d+)[\].:)]?\s+", piece)
        if mark and mark.group(1) in labels:
            piece = piece[mark.end() :]
        split = recognise.split_credit(piece)
        for part in split or (piece,):
            if "".join(part.split()) not in kept:
                return False
    return True


def test_text_runs_see_every_text_but_scripts() -> None:
    runs = text_runs(
        "<html><head><title>T</title><style>s{}</style></head>"
        "<body><p>a<b>b</b>c<script>x</script>d</p></body></html>"
    )
    assert runs == ["T", "a", "b", "c", "d"]


# --- the page's furniture ----------------------------------------------------------------------


def _reasons(imported: Imported) -> dict[str, Reason | None]:
    return {
        p.element or "": p.reason for p in imported.record.parts if p.to is Destination.SET_ASIDE
    }


def test_zh_furniture_is_out_of_the_body_with_its_reason(docx_file: Path) -> None:
    imported = read_case(GOLDEN[0], docx_file)
    body = "".join(plain_text(s.text) for s in imported.document.segments())
    for furniture in (
        "試刊新聞網",
        "文／王小明",
        "319",
        "分享到",
        "延伸閱讀",
        "標籤",
        "留言",
        "熱門",
    ):
        assert furniture not in body
    assert _reasons(imported) == {
        "page outside the article": Reason.OUTSIDE_ARTICLE,
        "h1.post-title": Reason.TITLE,
        "span.author (byline)": Reason.BYLINE,
        "time (date)": Reason.DATE,
        "span.post-views": Reason.READ_COUNT,
        "div.share-buttons": Reason.SHARE,
        "img": Reason.IMAGE_UNAVAILABLE,
        "h3 + ul": Reason.RELATED,
        "div.tags": Reason.TAGS,
        "section.related-posts": Reason.RELATED,
        "div.comments-area": Reason.COMMENTS,
    }
    parts = [p.element for p in imported.record.parts]
    assert parts.index("span.post-views") < parts.index("article") < parts.index("h3 + ul")


def test_en_furniture_is_out_of_the_body_with_its_reason(docx_file: Path) -> None:
    imported = read_case(GOLDEN[1], docx_file)
    body = " ".join(plain_text(s.text) for s in imported.document.segments())
    for furniture in ("By Jane Doe", "views", "Sign up", "More stories", "Share", "Sign in"):
        assert furniture not in body
    reasons = _reasons(imported)
    assert reasons["p.byline (byline)"] is Reason.BYLINE
    assert reasons["p.meta (date)"] is Reason.DATE
    assert reasons["p.meta (read counter)"] is Reason.READ_COUNT
    assert reasons["div.newsletter-signup"] is Reason.ADVERT
    assert reasons["aside.pull-quote"] is Reason.ASIDE
    assert reasons["section.more-stories"] is Reason.RELATED
    assert reasons["div.social-share"] is Reason.SHARE
    assert reasons["p.kicker"] is Reason.TAGS


def test_credits_go_with_their_figure_or_to_metadata(docx_file: Path) -> None:
    zh = read_case(GOLDEN[0], docx_file)
    figure = next(b for b in zh.document.blocks if b.kind is BlockKind.FIGURE)
    assert (figure.src, figure.credit) == ("images/market-178e5d43.png", "圖片來源：試刊社資料照")
    assert plain_text(figure.segments[0].text) == "週末的市集人潮。"
    png = (CASES / "zh-news_files/market.png").read_bytes()
    assert zh.resources["images/market-178e5d43.png"] == png
    assert {str(k): v for k, v in zh.metadata.items()} == {
        "image_credits[0].as_published": "攝影：李大同",  # under a remote image
        "image_credits[1].as_published": "圖／試刊社",  # under no image
    }
    en = read_case(GOLDEN[1], docx_file)
    figure = next(b for b in en.document.blocks if b.kind is BlockKind.FIGURE)
    assert figure.credit == "Photo: Li Wei"  # split off the end of the caption
    assert plain_text(figure.segments[0].text) == "Stalls line the river at dusk."
    assert {str(k): v for k, v in en.metadata.items()} == {
        "photo_credits[0].as_published": "(Photo by Tom Lee)"
    }
    for part in zh.record.moved_to_metadata():
        assert (
            part.field is not None
            and part.sha256 == hashlib.sha256(zh.metadata[part.field].encode()).hexdigest()
        )


def _page(body: str, context: ReadContext = EN) -> Imported:
    html = f"<html><body><article>{body}</article></body></html>"
    return read_document_file(html.encode(), "page.html", SourceFormat.HTML, context, text=html)


def _body(imported: Imported) -> list[str]:
    return [plain_text(s.text) for s in imported.document.segments()]


LONG = "<p>This paragraph is the article's own text, long enough to be its first paragraph.</p>"


@pytest.mark.parametrize(
    ("html", "reason"),
    [
        ('<div class="share-bar">Share this</div>', Reason.SHARE),
        ('<div class="sns">LINE</div>', Reason.SHARE),
        ('<span class="line-it-button">LINE it</span>', Reason.SHARE),
        ('<div id="disqus_thread">Comments load here</div>', Reason.COMMENTS),
        ('<div class="fb-comments">Say something</div>', Reason.COMMENTS),
        ('<div class="related-articles">Other reads</div>', Reason.RELATED),
        ('<div class="post-tags">markets, food</div>', Reason.TAGS),
        ('<div class="ad-slot">Buy now</div>', Reason.ADVERT),
        ('<div class="newsletter">Join us</div>', Reason.ADVERT),
        ('<div class="breadcrumbs">Home › News</div>', Reason.NAVIGATION),
        ('<span class="view-count">88</span>', Reason.READ_COUNT),
    ],
)
def test_class_words_mark_furniture(html: str, reason: Reason) -> None:
    imported = _page(LONG + html)
    assert [p.reason for p in imported.record.set_aside()] == [reason]
    assert _body(imported) == [
        "This paragraph is the article's own text, long enough to be its first paragraph."
    ]


@pytest.mark.parametrize(
    "html", ['<div class="commentary">A view.</div>', '<p class="header">Hi.</p>']
)
def test_class_words_are_whole_words(html: str) -> None:
    assert not _page(LONG + html).record.set_aside()


@pytest.mark.parametrize(
    ("html", "reason"),
    [
        ("<nav>Home</nav>", Reason.NAVIGATION),
        ("<aside>A box</aside>", Reason.ASIDE),
        ("<form><button>Go</button></form>", Reason.FORM),
        ("<footer>The end matter</footer>", Reason.FOOTER),
        ('<div role="navigation">Menu</div>', Reason.NAVIGATION),
        ('<iframe src="https://video.example.org/1">Watch</iframe>', Reason.NOT_TEXT),
    ],
)
def test_tags_and_roles_mark_furniture(html: str, reason: Reason) -> None:
    assert [p.reason for p in _page(LONG + html).record.set_aside()] == [reason]


@pytest.mark.parametrize(
    "text",
    [
        "319 人閱讀",
        "閱讀 1,234",
        "瀏覽次數：56",
        "1.2k views",
        "Views: 3,400",
        "👁 12 reads",
        "觀看 9 次",
    ],
)
def test_read_counters(text: str) -> None:
    assert recognise.READ_COUNT.fullmatch(text)


@pytest.mark.parametrize("text", ["319 人說好", "We read 3 books", "views from the bridge"])
def test_not_read_counters(text: str) -> None:
    assert not recognise.READ_COUNT.fullmatch(text)


@pytest.mark.parametrize(
    "text",
    [
        "2024-01-02",
        "2024/1/2",
        "2024年1月2日 (二) 10:30",
        "March 3, 2024",
        "3 Mar 2024",
        "Published: Sunday, March 3, 2024 at 9:00 pm",
        "發布時間：2024-01-02 08:00",
    ],
)
def test_dates(text: str) -> None:
    assert recognise.DATE.fullmatch(text)


def test_a_date_line_is_furniture_only_at_the_head() -> None:
    imported = _page("<p>2024-01-02</p>" + LONG + "<p>2023年5月1日</p>")
    assert [p.reason for p in imported.record.set_aside()] == [Reason.DATE]
    assert _body(imported)[-1] == "2023年5月1日"  # an essay's date of writing stays


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("文／王小明", True),
        ("作者：王小明、李四", True),
        ("By Jane Doe", True),
        ("Written by Jane Doe and John Roe", True),
        ("By John Roe", False),  # not the metadata's name
        ("文／王小明 2024-01-02", False),  # a date after it: another piece
        ("Jane Doe went home", False),
    ],
)
def test_bylines(text: str, expected: bool) -> None:
    assert recognise.is_byline(text, ("王小明", "Jane Doe")) is expected


@pytest.mark.parametrize(
    "text",
    [
        "圖片來源：中央社",
        "圖／王小明",
        "攝影：李大同",
        "（攝影／李大同）",
        "Photo: Li Wei",
        "(Photo by Li Wei)",
        "Image credit: City Archive",
        "Featured photo by Photo by X on Pexels",
    ],
)
def test_credit_lines(text: str) -> None:
    assert recognise.credit_line(text)


@pytest.mark.parametrize(
    "text", ["圖：市集一景", "Picture this: a park", "Photographers gathered."]
)
def test_not_credit_lines(text: str) -> None:
    assert not recognise.credit_line(text)


def test_a_credit_at_the_end_of_a_caption_is_split_off() -> None:
    assert recognise.split_credit("市集。圖片來源：中央社") == ("市集。", "圖片來源：中央社")
    assert recognise.split_credit("Stalls (Photo by Li Wei)") == ("Stalls", "(Photo by Li Wei)")
    assert recognise.split_credit("Stalls at dusk, by the river.") is None


@pytest.mark.parametrize("text", ["標籤：小農、市集", "Tags: markets, food"])
def test_tag_lines(text: str) -> None:
    imported = _page(LONG + f"<p>{text}</p>")
    assert [p.reason for p in imported.record.set_aside()] == [Reason.TAGS]


@pytest.mark.parametrize("text", ["廣告", "Advertisement", "Sign up for our newsletter!"])
def test_advert_lines(text: str) -> None:
    assert [p.reason for p in _page(LONG + f"<p>{text}</p>").record.set_aside()] == [Reason.ADVERT]


@pytest.mark.parametrize(
    "heading", ["延伸閱讀", "相關文章", "推薦閱讀", "Related stories", "You may also like"]
)
def test_related_headings_take_their_lists(heading: str) -> None:
    imported = _page(LONG + f"<h3>{heading}</h3><ul><li><a href='/a'>Another story</a></li></ul>")
    (part,) = imported.record.set_aside()
    assert part.reason is Reason.RELATED and part.text == [heading, "Another story"]
    assert len(_body(imported)) == 1


def test_the_title_and_byline_repeating_the_metadata_are_set_aside() -> None:
    imported = _page("<h1>Night Markets Return to the Riverside</h1><p>By Jane Doe</p>" + LONG)
    assert [p.reason for p in imported.record.set_aside()] == [Reason.TITLE, Reason.BYLINE]
    other = _page("<h1>Another Title</h1><p>By John Roe</p>" + LONG)
    assert _body(other)[:2] == ["Another Title", "By John Roe"]


def test_the_article_is_found() -> None:
    for wrapper in (
        '<div itemprop="articleBody">{}</div>',
        "<main>{}</main>",
        '<div class="entry-content">{}</div>',
        "<div>{}</div>",
    ):
        html = (
            "<html><body><div>Menu</div>" + wrapper.format(LONG * 3) + "<p>Footer</p></body></html>"
        )
        imported = read_document_file(html.encode(), "p.html", SourceFormat.HTML, EN, text=html)
        (outside,) = imported.record.set_aside()
        assert outside.reason is Reason.OUTSIDE_ARTICLE and outside.text == ["Menu", "Footer"]
        assert len(_body(imported)) == 3


def test_bare_lines_become_subheadings() -> None:
    imported = _page(
        LONG
        + "<p><strong>從產地到餐桌</strong></p>"
        + LONG
        + "<p>Looking ahead</p>"
        + LONG
        + "<p><b>Not a heading.</b></p><p>alone but last</p>"
    )
    kinds = [(b.kind, plain_text(b.segments[0].text)) for b in imported.document.blocks]
    assert (BlockKind.HEADING, "從產地到餐桌") in kinds
    assert (BlockKind.HEADING, "Looking ahead") in kinds
    assert (BlockKind.PARAGRAPH, "Not a heading.") in kinds
    assert (BlockKind.PARAGRAPH, "alone but last") in kinds


def test_a_footnote_aside_becomes_a_footnote() -> None:
    imported = _page(
        '<p>Text<sup><a href="#fn1" id="r1">1</a></sup> more.</p>'
        '<ol class="footnotes"><li id="fn1">The note. <a href="#r1">↩</a></li></ol>'
    )
    blocks = imported.document.blocks
    assert [b.kind for b in blocks] == [BlockKind.PARAGRAPH, BlockKind.FOOTNOTE]
    assert blocks[0].segments[0].text == "Text[^1] more."
    assert (blocks[1].label, blocks[1].segments[0].text) == ("1", "The note.")
    assert [p.text for p in imported.record.set_aside()] == [["↩"]]


def test_a_footnote_needs_no_other_furniture() -> None:
    imported = _page(
        '<p>Text<a href="#n">*</a>.</p><div class="note" id="n"><p>* The note.</p></div>'
        '<figure><img src="https://e.org/a.png"><figcaption>Cap <img src="b.png"> tail'
        "</figcaption><p>More <img src='c.png'> text</p></figure>"
    )
    blocks = [(b.kind, b.label, [s.text for s in b.segments]) for b in imported.document.blocks]
    assert blocks == [
        (BlockKind.PARAGRAPH, "", ["Text[^1]."]),
        (BlockKind.FOOTNOTE, "1", ["The note."]),
        (BlockKind.PARAGRAPH, "", ["Cap tail"]),
        (BlockKind.PARAGRAPH, "", ["More text"]),
    ]


# --- Pandoc's blocks and inlines ---------------------------------------------------------------


def _md(text: str, context: ReadContext = EN, base: Path | None = None) -> Imported:
    return read_document_file(
        text.encode(), "x.md", SourceFormat.MARKDOWN, context, text=text, base_dir=base
    )


def test_links_only_to_the_web_mail_and_anchors() -> None:
    imported = _md(
        "[a](javascript:alert(1)) [b](data:text/html;base64,PHA+) [c](vbscript:x) [d](/rel) "
        "[e](https://example.org/a_(b)) [f](mailto:x@example.org) [g](#part) [h](http://e.org/a b)"
    )
    nodes = parse_inline(imported.document.blocks[0].segments[0].text)
    assert plain_text(nodes) == "a b c d e f g h"
    urls = [getattr(n, "url", None) for n in nodes if getattr(n, "url", None)]
    assert urls == [
        "https://example.org/a_(b)",
        "mailto:x@example.org",
        "#part",
        "http://e.org/a%20b",
    ]
    assert link_url("JavaScript:alert(1)") is None and link_url("#") is None


def test_heading_levels_start_at_one_and_the_title_is_set_aside() -> None:
    imported = _md("# A Report on Night Markets\n\n### Two\n\ntext\n\n#### Three\n", REPORT)
    levels = [(b.level, b.segments[0].text) for b in imported.document.blocks if b.level]
    assert levels == [(1, "Two"), (2, "Three")]
    assert [p.reason for p in imported.record.set_aside()] == [Reason.TITLE]


def test_lists_keep_numbers_depth_and_item_paragraphs() -> None:
    imported = _md(
        "3. three\n\n   more of three\n\n   - nested\n\n"
        "4. four\n\n   ```\n   code\n   ```\n\n5. five\n"
    )
    blocks = imported.document.blocks
    items = [(b.item, [s.text for s in b.segments]) for b in blocks if b.item]
    assert items == [
        (ListItem(3, 0), ["three", "more of three"]),
        (ListItem(None, 1), ["nested"]),
        (ListItem(4, 0), ["four"]),
        (ListItem(5, 0), ["five"]),
    ]
    assert blocks[3].kind is BlockKind.CODE and blocks[3].code is not None
    assert blocks[3].code.lines == ("code",)
    assert [b.blank_before for b in blocks] == [0, 0, 0, 1, 1]
    write_document(with_ids(imported.document))


def test_tables_flatten_merged_cells_and_say_so() -> None:
    html = (
        "<table><caption>Cap</caption><tr><th>A</th><th>B</th></tr>"
        "<tr><td colspan='2'>wide</td></tr><tr><td>x</td></tr></table>"
    )
    imported = _page(html)
    table, caption = imported.document.blocks
    assert table.table == TableShape(2, header=True)
    assert [s.text for s in table.segments] == ["A", "B", "wide", "", "x", ""]
    assert caption.kind is BlockKind.PARAGRAPH and caption.segments[0].text == "Cap"
    (part,) = imported.record.set_aside()
    assert part.reason is Reason.TABLE_FLATTENED and (part.text or [""])[0].startswith("merged")


def test_code_blocks_keep_their_lines_and_get_a_fence_they_do_not_hold() -> None:
    code = code_text(["", ["python"], []], "a = 1\n```\n\n  b")
    assert (code.lines, code.info, code.fence) == (("a = 1", "```", "", "  b"), "python", "````")


def test_footnotes_are_numbered_in_order_after_their_block() -> None:
    imported = _md(
        "One[^z] two[^a].\n\n> Quoted[^q].\n>\n> Again.\n\n[^z]: Zed.\n[^a]: Ay.\n[^q]: Cue.\n"
    )
    got = [
        (b.kind, b.label, b.continues, [s.text for s in b.segments])
        for b in imported.document.blocks
    ]
    assert got == [
        (BlockKind.PARAGRAPH, "", False, ["One[^1] two[^2]."]),
        (BlockKind.FOOTNOTE, "1", False, ["Zed."]),
        (BlockKind.FOOTNOTE, "2", False, ["Ay."]),
        (BlockKind.QUOTE, "", False, ["Quoted[^3]."]),
        (BlockKind.QUOTE, "", True, ["Again."]),
        (BlockKind.FOOTNOTE, "3", False, ["Cue."]),
    ]
    write_document(with_ids(imported.document))


def test_inlines_keep_their_text() -> None:
    imported = _md(
        "中文\n中文，\nEnglish\nwords 中文\n\n*spaced *x* and __u__ `a`b` ~~s~~ ^sup^ $x^2$ "
        "[^1]: text*\n\n# A <br> heading\n\n\\# not a heading {#t1}\n"
    )
    texts = [s.text for s in imported.document.segments()]
    assert plain_text(texts[0]) == "中文中文，English words 中文"
    assert "sup" in plain_text(texts[1]) and "x^2" in plain_text(texts[1])
    for text in texts:
        assert "\n" not in text
        assert parse_inline(text) is not None
    write_document(with_ids(imported.document))


_PIECES = st.sampled_from(
    [*"ab中文 *_[]{}#>|-1.!`\\()^", "{#s1}", "**", "。", "\u3000", "- ", "1. ", "![", "[^1]"]
)
_TEXTS = st.lists(_PIECES, max_size=5).map("".join)
_NODES = st.recursive(
    st.one_of(_TEXTS.map(Text), _TEXTS.map(Code)),
    lambda kids: st.one_of(
        st.lists(kids, min_size=1, max_size=3).map(lambda k: Emph(tuple(k))),
        st.lists(kids, min_size=1, max_size=3).map(lambda k: Strong(tuple(k))),
        st.builds(
            lambda k, url: Link(tuple(k), url),
            st.lists(kids, min_size=1, max_size=3),
            st.sampled_from(["https://example.org/a_(b)", "#part", "mailto:x@example.org"]),
        ),
    ),
    max_leaves=8,
)


@settings(max_examples=examples(300))
@given(st.lists(_NODES, max_size=4))
@example([Emph((Code(" - "),)), Emph((Text("a"),))])  # falls back to text: no list item
def test_markup_reads_back_as_the_text(nodes: list[Inline]) -> None:
    """Whatever the text and formatting, the segment reads back with exactly that text (the
    formatting too, unless the store cannot write it) and stands as a line of its own."""
    done = finish(nodes)
    text = markup(done)
    assert plain_text(parse_inline(text)).strip() == plain_text(done).strip()
    assert plain_text(done).strip() == plain_text(tuple(nodes)).strip()
    if done:
        doc = Document((Block(BlockKind.PARAGRAPH, (Segment("s1", text),), blank_before=0),))
        assert parse_document(write_document(doc)) == doc


def test_formatting_is_kept_where_the_store_has_it() -> None:
    assert _body(_page("<p>a<em> b </em>c</p>")) == ["a b c"]
    segment = _page("<p>a<em> b </em>c <strong>d</strong> <code>e</code></p>").document
    assert next(segment.segments()).text == "a *b* c **d** `e`"


def test_quotes_take_the_languages_marks() -> None:
    html = "<p>He said <q>go <q>now</q></q>.</p>"
    assert _body(_page(html)) == ["He said “go ‘now’”."]
    assert _body(_page(html, ZH)) == ["He said 「go 『now』」."]


def test_raw_html_with_text_is_set_aside() -> None:
    imported = _md(
        "Text <b>kept</b>.\n\n```{=html}\n<p>drawn</p>\n```\n\n<!-- a note to self -->\n"
    )
    assert _body(imported) == ["Text kept."]
    assert [(p.reason, p.text) for p in imported.record.set_aside()] == [
        (Reason.NOT_TEXT, ["drawn"])
    ]


# --- images ------------------------------------------------------------------------------------


def test_images_are_brought_in_only_from_the_files_folder(tmp_path: Path) -> None:
    (tmp_path / "page").mkdir()
    png = b"\x89PNG\r\n\x1a\n" + b"pixels"
    name = f"images/a-{hashlib.sha256(png).hexdigest()[:8]}.png"
    (tmp_path / "page" / "a.png").write_bytes(png)
    (tmp_path / "secret.png").write_bytes(png + b"secret")
    (tmp_path / "page" / "link.png").symlink_to(tmp_path / "secret.png")
    (tmp_path / "page" / ".env").write_bytes(b"API_KEY=hunter2")
    (tmp_path / "page" / "fake.png").write_bytes(b"API_KEY=hunter2")
    images = Images(tmp_path / "page")
    assert images.fetch("a.png") == Fetched(name)
    assert images.fetch("./a.png?w=300") == Fetched(name)  # the same bytes, once
    for src in (
        "../secret.png",
        "link.png",
        str(tmp_path / "secret.png"),
        "missing.png",
        "https://example.org/a.png",
        "//cdn.example.org/a.png",
        "file:///etc/passwd",
        ".env",  # not an image, whatever the page says
        "fake.png",  # nor is this
    ):
        assert isinstance(images.fetch(src), Unavailable), src
    gif = b"GIF89a" + b"pixels"
    data = base64.b64encode(gif).decode()
    inline = f"images/image-{hashlib.sha256(gif).hexdigest()[:8]}.gif"
    assert images.fetch(f"data:image/png;base64,{data}") == Fetched(inline)  # by its bytes
    assert images.resources == {name: png, inline: gif}
    assert Images(None).fetch("a.png") == Unavailable("no folder to look for it in")


def test_an_image_that_cannot_be_fetched_leaves_its_caption_and_address(tmp_path: Path) -> None:
    imported = _md("![A caption](https://example.org/p.jpg)\n\nPhoto: Li Wei\n", base=tmp_path)
    assert [(b.kind, b.segments[0].text) for b in imported.document.blocks] == [
        (BlockKind.PARAGRAPH, "A caption")
    ]
    assert list(imported.metadata.values()) == ["Photo: Li Wei"]
    (part,) = imported.record.set_aside()
    assert (part.reason, part.text) == (Reason.IMAGE_UNAVAILABLE, ["https://example.org/p.jpg"])


def test_docx_images_are_extracted(docx_file: Path) -> None:
    imported = read_case(GOLDEN[3], docx_file)
    (figure,) = [b for b in imported.document.blocks if b.kind is BlockKind.FIGURE]
    assert figure.credit == "Photo: Li Wei"
    assert imported.resources[figure.src] == (CASES / "en-news_files/stalls.png").read_bytes()


# --- errors ------------------------------------------------------------------------------------


def test_a_pandoc_failure_names_the_file() -> None:
    with pytest.raises(ToolkitError) as caught:
        read_document_file(b"not a zip", "broken.docx", SourceFormat.DOCX, EN)
    assert "broken.docx" in str(caught.value)
    assert caught.value.fix


def test_an_empty_page_is_an_empty_document() -> None:
    imported = read_document_file(b"", "empty.html", SourceFormat.HTML, EN, text="")
    assert imported.document == Document(())
    assert [p.to for p in imported.record.parts] == [Destination.BODY]


def test_every_block_kind_is_written_back() -> None:
    """The readers make only blocks the store writes (checked on every golden case above);
    here the kinds that no fixture makes."""
    doc = _md("Term\n: Definition\n\n---\n\n| line\n| block\n")
    kinds = {b.kind for b in doc.document.blocks}
    assert kinds == {BlockKind.PARAGRAPH, BlockKind.RULE}
    assert isinstance(doc.document.blocks[0], Block)
    write_document(with_ids(doc.document))


# --- found by review: text that Pandoc's Markdown extensions or a deep page would lose ------


def _markdown(text: str) -> list[str]:
    imported = read_document_file(text.encode(), "x.md", SourceFormat.MARKDOWN, EN, text=text)
    return [plain_text(s.text) for s in imported.document.segments()]


def test_markdown_keeps_letters_numerals_carets_backslashes_and_dollars() -> None:
    text = (
        "Intro.\n\nA. First\nB. Second\n\nI. Background\n\n(@) An example\n\n"
        "2^10^ is H~2~O, C:\\Users\\bob\\notes and \\alpha, $x$ and ~~this~~.\n"
    )
    assert _markdown(text) == [
        "Intro.",
        "A. First B. Second",
        "I. Background",
        "(@) An example",
        "2^10^ is H~2~O, C:\\Users\\bob\\notes and \\alpha, $x$ and ~~this~~.",
    ]


def test_a_page_nested_hundreds_deep_keeps_its_text() -> None:
    deep = "<div>" * 300 + "<p>A paragraph three hundred elements deep.</p>" + "</div>" * 300
    assert _body(_page(f"<article>{LONG}{deep}</article>"))[-1] == (
        "A paragraph three hundred elements deep."
    )
    fonts = "<p>The lead paragraph of an old page, long enough.</p>" + "<font>" * 400
    assert _body(_page(fonts + "<p>Under four hundred unclosed font tags.</p>")) == [
        "The lead paragraph of an old page, long enough.",
        "Under four hundred unclosed font tags.",
    ]


def test_a_long_comment_thread_does_not_outweigh_the_article() -> None:
    article = "".join(f"<p>Article paragraph {n}, with enough words in it.</p>" for n in range(4))
    comments = "".join(
        f"<p>Comment {n}: a long and heartfelt comment on the article above.</p>" for n in range(20)
    )
    imported = _page(f"<article>{article}</article><div class='comments'>{comments}</div>")
    assert _body(imported) == [f"Article paragraph {n}, with enough words in it." for n in range(4)]
