"""Segment files: exact round trips, clear errors, and what the writer refuses to write."""

from __future__ import annotations

import json
import string
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tests.conftest import examples
from toolkit.errors import FormatError
from toolkit.model import (
    Block,
    BlockKind,
    Code,
    CodeText,
    Document,
    Layout,
    Link,
    ListItem,
    Segment,
    TableShape,
    Text,
)
from toolkit.store.document import parse_document, read_document, write_document, write_segment
from toolkit.store.grammar import starts_block
from toolkit.store.inline import escape, to_markup

CASES = Path(__file__).parent / "cases" / "store"

# --- pieces of segment text ------------------------------------------------------------------

HAN = "今天天氣很好我們去公園散步看見三隻小鳥第一章說明台北的與了不"
FULLWIDTH = "，。「」『』（）：；！？、"
CURLY = "“”‘’"
#: ASCII punctuation that may stand raw anywhere in a line. '{' and '\' come only in the
#: pieces below, so that no generated line without an ID ends like one.
RAW_PUNCT = "".join(c for c in string.punctuation if c not in "{\\")
MARKUP = [
    "*強調*",
    "**重要**",
    "`x = 1`",
    "[連結](https://example.org/a)",
    "[^1]",
    r"\*",
    r"\[",
    r"\\",
    r"\#",
    r"\>",
    r"\{#s1}",
    " {a}",
    "#",
    ">",
    "![",
    "[^",
    "***",
    "}",
    "- ",
    "1. ",
    "|",
    "```",
]
char = st.one_of(
    st.sampled_from(HAN),
    st.sampled_from(FULLWIDTH + CURLY),
    st.sampled_from(string.ascii_letters + string.digits),
    st.sampled_from(RAW_PUNCT),
    st.sampled_from("  \t\u3000"),
)
piece = st.one_of(char, char, st.sampled_from(MARKUP))
#: Segment text, possibly blank. No line breaks, no '{#' that is not escaped.
raw_text = st.lists(piece, max_size=8).map("".join)
ID_CHARS = string.ascii_letters + string.digits + "_.-"
segment_id = st.builds(
    str.__add__, st.sampled_from(string.ascii_letters), st.text(ID_CHARS, max_size=5)
)
#: A segment with an ID may also hold what looks like an ID but is not read as one before it:
#: an escaped brace, or '{#1x}' (not an ID). A real '{#x}' there is an error (see the cases).
not_an_id = st.sampled_from([r"\{#x}", "{#1x}", "{# x}", "{#x }"])
id_text = st.one_of(
    raw_text,
    st.tuples(raw_text, not_an_id, raw_text).map(lambda p: f"{p[0]} {p[1]} {p[2]}"),
)
nonblank_text = raw_text.filter(lambda t: t.strip() != "")
label = st.text(string.ascii_letters + string.digits + "_-", min_size=1, max_size=4)
src = st.text(string.ascii_letters + string.digits + "_./-圖片", min_size=1, max_size=12)
credit = st.lists(st.one_of(piece, st.sampled_from(['"', "\\", "](", '" '])), max_size=6).map(
    "".join
)
caption = st.lists(st.one_of(piece, st.sampled_from(["]", "(", ")", '"', "](x)"])), max_size=6).map(
    "".join
)


def _paragraph_safe(text: str) -> str:
    """A paragraph line must not begin like another block; lead such text with a Han character."""
    return "甲" + text if starts_block(text) or text[:1].isspace() else text


# --- generating file texts from the grammar --------------------------------------------------


@st.composite
def segment_line(draw: st.DrawFn, paragraph: bool = False) -> str:
    """The text of one segment as it stands on its line (after any block prefix)."""
    if draw(st.booleans()):
        text = draw(id_text)
        line = f"{text} {{#{draw(segment_id)}}}" if text else f"{{#{draw(segment_id)}}}"
    else:
        line = draw(nonblank_text)
    return _paragraph_safe(line) if paragraph else line


def _depths(draw: st.DrawFn, count: int) -> list[int]:
    """Nesting depths of a list's items: each at most one deeper than the one before."""
    depths = [0]
    for _ in range(count - 1):
        depths.append(draw(st.integers(0, depths[-1] + 1)))
    return depths


@st.composite
def list_lines(draw: st.DrawFn) -> list[str]:
    lines: list[str] = []
    columns: list[int] = []
    for depth in _depths(draw, draw(st.integers(1, 5))):
        indent = columns[depth - 1] if depth else 0
        marker = draw(st.sampled_from(["- ", "1. ", "2. ", "10. ", "0. "]))
        columns = [*columns[:depth], indent + len(marker)]
        lines.append(" " * indent + marker + draw(segment_line()))
        for _ in range(draw(st.integers(0, 2))):
            lines.append(" " * columns[-1] + draw(segment_line(paragraph=True)))
    return lines


@st.composite
def table_lines(draw: st.DrawFn) -> list[str]:
    columns, rows = draw(st.integers(1, 3)), draw(st.integers(1, 3))
    header = rows > 1 and draw(st.booleans())
    lines: list[str] = []
    for row in range(rows):
        if row:
            lines.append("|===" if header and row == 1 else "|---")
        lines += ["| " + draw(segment_line()) for _ in range(columns)]
    return lines


CODE_LINE = st.sampled_from(["x = 1", "", "  ", "# 註解", "> 不是引文", "{#s1}", "``", "````"])


@st.composite
def code_lines(draw: st.DrawFn) -> list[str]:
    fence = draw(st.sampled_from(["```", "````"]))
    info = draw(st.sampled_from(["", "python", " yaml", "中文"]))
    body = draw(st.lists(CODE_LINE.filter(lambda line: line != fence), max_size=4))
    return [fence + info, *body, fence]


@st.composite
def block_lines(draw: st.DrawFn) -> list[str]:
    kind = draw(
        st.sampled_from(
            ["heading", "paragraph", "quote", "footnote", "figure", "rule", "list", "table", "code"]
        )
    )
    if kind == "list":
        return draw(list_lines())
    if kind == "table":
        return draw(table_lines())
    if kind == "code":
        return draw(code_lines())
    if kind == "heading":
        return ["#" * draw(st.integers(1, 6)) + " " + draw(segment_line())]
    if kind == "paragraph":
        return draw(st.lists(segment_line(paragraph=True), min_size=1, max_size=4))
    if kind == "quote":
        paragraphs = draw(
            st.lists(st.lists(segment_line(), min_size=1, max_size=3), min_size=1, max_size=3)
        )
        lines: list[str] = []
        for n, para in enumerate(paragraphs):
            lines += ([">"] if n else []) + ["> " + s for s in para]
        return lines
    if kind == "footnote":
        more = draw(st.lists(segment_line(paragraph=True), max_size=2))
        return [f"[^{draw(label)}]: {draw(segment_line())}", *more]
    if kind == "figure":
        cred = draw(credit)
        title = ' "' + cred.replace("\\", "\\\\").replace('"', '\\"') + '"' if cred else ""
        ident = draw(st.one_of(st.just(""), segment_id.map(lambda i: f" {{#{i}}}")))
        return [f"![{draw(caption)}]({draw(src)}{title}){ident}"]
    return ["***"]


@st.composite
def file_texts(draw: st.DrawFn) -> str:
    lines = [""] * draw(st.integers(0, 2))
    previous: list[str] = []
    for block in draw(st.lists(block_lines(), max_size=6)):
        if lines:
            # Under a list or a table, a line without a blank one before it is refused or
            # joins the list or table: a second table may have another number of columns.
            ends_list = bool(previous) and previous[0].startswith(("|", "- ", "0. ", "1", "2. "))
            lines += [""] * draw(st.integers(1 if ends_list else 0, 3))
        lines += block
        previous = block
    lines += [""] * draw(st.integers(0, 2))
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    text = newline.join(lines) + (newline if draw(st.booleans()) else "")
    return ("\ufeff" if draw(st.booleans()) else "") + text


@settings(max_examples=examples(200), deadline=None)
@given(file_texts())
@example("- {#a}\n  {#a}\n  *** {#a}")  # a list item's next line that is '***' and an ID
def test_every_generated_file_is_written_back_byte_for_byte(text: str) -> None:
    doc = parse_document(text)
    assert write_document(doc) == text


#: Lines at the edge of the format: each either is refused or must still be written back exactly.
NEAR_MISSES = [
    "",
    " {#s1}",
    "  {#s1}",
    "#  {#s1}",
    ">  {#s1}",
    "[^1]:  {#s1}",
    "[^1]: ",
    '![圖](a.png "")',
    '![圖](a.png "") {#f1}',
    '![圖](a.png "\\")',
    "![](a.png)",
    "![圖](a.png) ",
    ">",
    "> ",
    ">>",
    "> >",
    " ",
    "#",
    "# ",
    "#x",
    "####### x",
    "***",
    "*** ",
    " ***",
    "[^1]:",
    "[^1]x",
    "甲 {#1bad}",
    "甲{#s1}",
    "甲 {#s1} ",
    "甲 {#s1}}",
    "甲 \\{#s1}",
    "{#s1}{#s2}",
    "{#s1} {#s2}",
    "甲 {#s1} 乙 {#s2}",
    "甲 {#s1} 乙",
    "甲 \\\\{#s1} 乙 {#s2}",
    "甲 `{#s1}` 乙 {#s2}",
    "甲 {#1bad} 乙 {#s2}",
    "\ufeff甲",
    "甲\r",
    "- ",
    "-",
    "- {#s1}",
    "1.",
    "1. ",
    "01. 甲",
    "  - 甲 {#s1}",
    "   甲 {#s1}",
    "  甲",
    "|",
    "|-",
    "|---",
    "|===",
    "| ",
    "| {#s1}",
    "|甲",
    "```",
    "````",
    "```x`",
    "``` py",
]


@st.composite
def near_miss_texts(draw: st.DrawFn) -> str:
    """A file from the grammar with one line at the edge of the format put in anywhere."""
    text = draw(file_texts())
    newline = "\r\n" if "\r\n" in text else "\n"
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    lines = text.removeprefix(bom).split(newline)
    at = draw(st.integers(0, len(lines)))
    lines.insert(at, draw(st.sampled_from(NEAR_MISSES)))
    return bom + newline.join(lines)


@settings(max_examples=examples(200), deadline=None)
@given(near_miss_texts())
def test_any_file_that_parses_is_written_back_byte_for_byte(text: str) -> None:
    try:
        doc = parse_document(text)
    except FormatError:
        return
    assert write_document(doc) == text


@settings(max_examples=examples(100), deadline=None)
@given(file_texts())
def test_parsed_segments_point_at_their_lines(text: str) -> None:
    doc = parse_document(text)
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.removeprefix("\ufeff").split(newline)
    for seg in doc.segments():
        line = lines[seg.line - 1]
        assert seg.text in line
        if seg.id is not None:
            assert line.endswith(f"{{#{seg.id}}}")


# --- generating documents --------------------------------------------------------------------


def _seg(draw: st.DrawFn, paragraph: bool) -> Segment:
    if draw(st.booleans()):
        text = draw(id_text)
        return Segment(draw(segment_id), _paragraph_safe(text) if paragraph and text else text)
    text = draw(nonblank_text)
    return Segment(None, _paragraph_safe(text) if paragraph else text)


def _merges(previous: Block, block: Block) -> bool:
    """Would ``block``, right under ``previous`` with no blank line, be read as part of it?"""
    if previous.kind in (BlockKind.PARAGRAPH, BlockKind.FOOTNOTE, BlockKind.LIST_ITEM):
        return block.kind is BlockKind.PARAGRAPH
    return previous.kind is block.kind and block.kind in (BlockKind.QUOTE, BlockKind.TABLE)


def _continuation(draw: st.DrawFn) -> Segment:
    """The next line of a list item: it may not start with white space or a block mark."""
    seg = _seg(draw, True)
    return replace(seg, text=_paragraph_safe(seg.text)) if seg.text else seg


@st.composite
def blocks(draw: st.DrawFn) -> list[Block]:
    """One block, or a quote of several paragraphs joined by lone '>' lines."""
    kind = draw(st.sampled_from(list(BlockKind)))
    if kind is BlockKind.HEADING:
        return [Block(kind, (_seg(draw, False),), level=draw(st.integers(1, 6)))]
    if kind is BlockKind.PARAGRAPH:
        n = draw(st.integers(1, 4))
        return [Block(kind, tuple(_seg(draw, True) for _ in range(n)))]
    if kind is BlockKind.QUOTE:
        quotes = []
        for n in range(draw(st.integers(1, 3))):
            segs = tuple(_seg(draw, False) for _ in range(draw(st.integers(1, 3))))
            quotes.append(Block(kind, segs, continues=n > 0, blank_before=0))
        return quotes
    if kind is BlockKind.FOOTNOTE:
        first = _seg(draw, False)
        more = tuple(_seg(draw, True) for _ in range(draw(st.integers(0, 2))))
        return [Block(kind, (first, *more), label=draw(label))]
    if kind is BlockKind.FIGURE:
        ident = draw(st.one_of(st.none(), segment_id))
        seg = Segment(ident, draw(caption))
        return [Block(kind, (seg,), src=draw(src), credit=draw(credit))]
    if kind is BlockKind.LIST_ITEM:
        items = []
        for depth in _depths(draw, draw(st.integers(1, 4))):
            number = draw(st.one_of(st.none(), st.integers(0, 10**9 - 1)))
            more = tuple(_continuation(draw) for _ in range(draw(st.integers(0, 2))))
            segs = (_seg(draw, False), *more)
            items.append(Block(kind, segs, item=ListItem(number, depth), blank_before=0))
        return items
    if kind is BlockKind.TABLE:
        columns, rows = draw(st.integers(1, 3)), draw(st.integers(1, 3))
        cells = tuple(_seg(draw, False) for _ in range(columns * rows))
        shape = TableShape(columns, header=rows > 1 and draw(st.booleans()))
        return [Block(kind, cells, table=shape)]
    if kind is BlockKind.CODE:
        fence = draw(st.sampled_from(["```", "````"]))
        lines = draw(st.lists(CODE_LINE.filter(lambda line: line != fence), max_size=4))
        info = draw(st.sampled_from(["", "python", " 中文"]))
        return [Block(kind, code=CodeText(tuple(lines), info, fence))]
    return [Block(kind)]


@st.composite
def documents(draw: st.DrawFn) -> Document:
    out: list[Block] = []
    for group in draw(st.lists(blocks(), min_size=1, max_size=6)):
        for n, block in enumerate(group):
            if n == 0:  # the first of a group: any gap that keeps it a block of its own
                least = 1 if out and _merges(out[-1], block) else 0
                block = replace(block, blank_before=draw(st.integers(least, 2)))
            out.append(block)
    # Canonical layouts only: no final newline and k blank lines at the end are the same bytes
    # as a final newline and k - 1 blank lines, and reading gives the latter.
    trailing = draw(st.integers(0, 2))
    layout = Layout(
        newline=draw(st.sampled_from(["\n", "\r\n"])),
        final_newline=trailing > 0 or draw(st.booleans()),
        trailing_blank=trailing,
        bom=draw(st.booleans()),
    )
    return Document(tuple(out), layout)


@settings(max_examples=examples(200), deadline=None)
@given(documents())
def test_documents_read_back_as_written(doc: Document) -> None:
    text = write_document(doc)
    back = parse_document(text)
    assert back == doc
    # A file with no line break at all does not say which newline it uses: it reads as LF.
    newline = doc.layout.newline if "\n" in text else "\n"
    assert back.layout == replace(doc.layout, newline=newline)
    assert [b.blank_before for b in back.blocks] == [b.blank_before for b in doc.blocks]
    assert write_document(back) == text


@settings(max_examples=examples(200), deadline=None)
@given(
    st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\r\n"), min_size=1).filter(
        lambda t: t.strip() != ""
    ),
    segment_id,
)
def test_escaped_text_is_always_a_safe_segment_line(text: str, ident: str) -> None:
    heading = Block(BlockKind.HEADING, (Segment("h", "標題"),), level=1, blank_before=0)
    para = Block(BlockKind.PARAGRAPH, (Segment(None, escape(text)), Segment(ident, escape(text))))
    doc = Document((heading, para))
    assert parse_document(write_document(doc)) == doc


# --- golden cases: tests/cases/store/NAME.md with NAME.expected.json or NAME.error.txt -------


def _case_names() -> list[str]:
    return sorted(p.name.removesuffix(".md") for p in CASES.glob("*.md"))


def _as_data(doc: Document) -> dict[str, Any]:
    """A document in the shape of the .expected.json files (fields at their default left out)."""
    defaults = {"level": 0, "label": "", "src": "", "credit": "", "continues": False}
    parts = {"item": ("number", "depth"), "table": ("columns", "header"), "code": ("info", "lines")}
    out: list[dict[str, Any]] = []
    for block in doc.blocks:
        data: dict[str, Any] = {
            "kind": block.kind.value,
            "line": block.line,
            "blank_before": block.blank_before,
        }
        data.update({k: getattr(block, k) for k, v in defaults.items() if getattr(block, k) != v})
        for name, keys in parts.items():
            value = getattr(block, name)
            if value is not None:
                data[name] = {
                    k: list(v) if k == "lines" else v for k in keys for v in [getattr(value, k)]
                }
        if block.segments:
            data["segments"] = [[s.line, s.id, s.text] for s in block.segments]
        out.append(data)
    layout = doc.layout
    return {
        "layout": {
            "newline": layout.newline,
            "final_newline": layout.final_newline,
            "trailing_blank": layout.trailing_blank,
            "bom": layout.bom,
        },
        "blocks": out,
    }


def test_every_case_has_exactly_one_expectation() -> None:
    names = _case_names()
    assert len(names) >= 30
    for name in names:
        found = [(CASES / f"{name}{ext}").exists() for ext in (".expected.json", ".error.txt")]
        assert found.count(True) == 1, name
    for path in CASES.iterdir():
        stem = path.name.split(".")[0]
        assert path.name == ".gitattributes" or stem in names, path.name


@pytest.mark.parametrize("name", _case_names())
def test_case(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(CASES)  # errors then name the file as the .error.txt does
    path = Path(f"{name}.md")
    error = Path(f"{name}.error.txt")
    if error.exists():
        with pytest.raises(FormatError) as caught:
            read_document(path)
        assert str(caught.value).splitlines()[0] == error.read_text(encoding="utf-8").strip()
        assert caught.value.fix.strip()
        return
    doc = read_document(path)
    expected = json.loads(Path(f"{name}.expected.json").read_text(encoding="utf-8"))
    assert _as_data(doc) == expected
    assert write_document(doc).encode("utf-8") == path.read_bytes()


# --- errors name the file, the line and (where known) the column ------------------------------

PATH = "source/試驗/text.md"


def _assert_names_place(err: FormatError, path: str, line: int, column: int) -> None:
    assert err.where is not None
    assert str(err.where.path) == path
    assert (err.where.line, err.where.column) == (line, column)
    assert err.fix.strip()
    place = f"{path}:{line}" + (f":{column}" if column else "")
    first, fix = str(err).splitlines()
    assert first.startswith(place + ": ")
    assert fix == f"  fix: {err.fix}"


@pytest.mark.parametrize(
    ("text", "line", "column", "words"),
    [
        ("# 第一章 {#s1}\n\n#第二章 {#s2}\n", 3, 0, "heading"),
        ("####### 太深 {#s1}\n", 1, 0, "heading"),
        ("段落 {#s1}\n>引文 {#s2}\n", 2, 0, "'> '"),
        (">\n> 引文 {#s1}\n", 1, 0, "lone '>'"),
        ("段落 {#s1}\n>\n> 引文 {#s2}\n", 2, 0, "lone '>'"),
        ("> 引文 {#s1}\n>\n", 2, 0, "lone '>'"),
        ("> 引文 {#s1}\n>", 2, 0, "lone '>'"),
        ("> 甲 {#s1}\n>\n\n> 乙 {#s2}\n", 2, 0, "lone '>'"),
        ("> 甲 {#s1}\n>\n\n丙 {#s3}\n", 2, 0, "lone '>'"),
        ("> 甲 {#s1}\n>\n# 乙 {#s2}\n", 2, 0, "lone '>'"),
        ("> 甲 {#s1}\n>\n>\n> 乙 {#s2}\n", 3, 0, "lone '>'"),
        ("[^1]:註文 {#n1}\n", 1, 0, "footnote"),
        ("[^註]: 中文標籤 {#n1}\n", 1, 0, "footnote"),
        ("![圖](照片 一.jpg) {#f1}\n", 1, 0, "figure"),
        ("![圖](photo.jpg {#f1}\n", 1, 0, "figure"),
        ('![圖](photo.jpg "攝影：王) {#f1}\n', 1, 0, "figure"),
        ("![圖](photo.jpg) {#1f}\n", 1, 0, "figure"),
        ("![圖](photo.jpg) 說明\n", 1, 0, "figure"),
        ('![圖](photo.jpg "") {#f1}\n', 1, 0, "figure"),
        ("今天天氣很好。 {#1bad}\n", 1, 9, "segment ID"),
        ("第一段 {#s1}\n第二段{#s2}\n", 2, 4, "segment ID"),
        ("第一段 {#s1} \n", 1, 5, "segment ID"),
        ("第一段 {#s1}}\n", 1, 5, "segment ID"),
        ("## 標題 {#s 1}\n", 1, 7, "segment ID"),
        ("> 引文{#s1}\n", 1, 5, "segment ID"),
        ("[^12]: 註{#x}\n", 1, 9, "segment ID"),
        ("One. {#t2} Two. {#t3}\n", 1, 6, "segment ID in the middle"),
        ("第一段 {#s1}\n甲 {#s2} 乙\n", 2, 3, "segment ID in the middle"),
        ("{#s1} {#s2}\n", 1, 1, "segment ID in the middle"),
        ("{#s1} 甲\n", 1, 1, "segment ID in the middle"),
        ("甲 {#s1} 乙 {#s2} 丙 {#s3}\n", 1, 3, "segment ID in the middle"),
        ("## 標題 {#s1} 續 {#s2}\n", 1, 7, "segment ID in the middle"),
        ("> 引文 {#s1} 續 {#s2}\n", 1, 6, "segment ID in the middle"),
        ("[^1]: 註 {#s1} 續 {#s2}\n", 1, 9, "segment ID in the middle"),
        ("[^1]: 註 {#s1}\n續 {#s2} 行\n", 2, 3, "segment ID in the middle"),
        ("甲 \\\\{#s1} 乙 {#s2}\n", 1, 5, "segment ID in the middle"),
        ("*強調 {#s1}* {#s2}\n", 1, 5, "segment ID in the middle"),
        ("[連結 {#s1}](u) {#s2}\n", 1, 5, "segment ID in the middle"),
        (" {#s1}\n", 1, 1, "empty segment"),
        ("> 甲 {#s1}\n>  {#s2}\n", 2, 3, "empty segment"),
        ("#  {#s1}\n", 1, 3, "empty segment"),
        ("甲 {#s1}\n  \n乙 {#s2}\n", 2, 0, "blank line"),
        ("甲 {#s1}\n\t\n", 2, 0, "blank line"),
        ("甲 {#s1}\n\u3000\n", 2, 0, "blank line"),
        ("# \n", 1, 0, "no text and no ID"),
        ("> \n", 1, 0, "no text and no ID"),
        ("[^1]: \n", 1, 0, "no text and no ID"),
        ("甲 {#s1}\r\n乙 {#s2}\n丙 {#s3}\r\n", 2, 0, "line endings"),
        ("甲 {#s1}\n乙 {#s2}\r\n", 1, 0, "line endings"),
        ("甲 {#s1}\r乙 {#s2}\n", 1, 0, "line endings"),
        ("\ufeff# 標題 {#s1}\n\n#錯 {#s2}\n", 3, 0, "heading"),
        ("# 標題 {#s1}\r\n\r\n#錯\r\n", 3, 0, "heading"),
    ],
)
def test_format_errors_name_file_line_and_fix(
    text: str, line: int, column: int, words: str
) -> None:
    with pytest.raises(FormatError) as caught:
        parse_document(text, PATH)
    _assert_names_place(caught.value, PATH, line, column)
    assert words in caught.value.message


def test_text_that_is_not_utf8_is_refused_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "text.md"
    path.write_bytes("第一行。 {#s1}\n\n".encode() + "第三行。 {#s2}\n".encode("big5"))
    with pytest.raises(FormatError) as caught:
        read_document(path)
    _assert_names_place(caught.value, str(path), 3, 0)
    assert "UTF-8" in caught.value.message


def test_read_document_reads_the_file(tmp_path: Path) -> None:
    path = tmp_path / "text.md"
    path.write_bytes("\ufeff# 標題 {#s1}\r\n".encode())
    doc = read_document(path)
    assert doc == Document((Block(BlockKind.HEADING, (Segment("s1", "標題"),), level=1),))
    assert doc.layout == Layout("\r\n", True, 0, True)


# --- long blocks are read in time proportional to their lines -------------------------------
# (Measured in make bench: benchmarks/store_bench.py reads one long paragraph. Here, without
# timing: a block is built once when it closes, not rebuilt for every line it gets.)

#: One block of many lines, of each kind that lines continue.
LONG_BLOCKS = {
    "paragraph": lambda i: f"第{i}句。 {{#s{i}}}",
    "quote": lambda i: f"> 引{i}。 {{#s{i}}}",
    "table": lambda i: f"| 格{i} {{#s{i}}}",
    "list item": lambda i: f"- 項{i}。 {{#s{i}}}" if i == 1 else f"  又{i}。 {{#s{i}}}",
}


@pytest.mark.parametrize("kind", sorted(LONG_BLOCKS))
def test_a_long_block_is_built_once_not_once_a_line(
    kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Rebuilding the block for each line made reading quadratic: 137 s for 200 000 lines.
    built: list[int] = []

    def counting(obj: Any, /, **changes: Any) -> Any:
        if "segments" in changes:
            built.append(len(changes["segments"]))
        return replace(obj, **changes)

    monkeypatch.setattr("toolkit.store.document.replace", counting)
    lines = 2_000
    text = "".join(LONG_BLOCKS[kind](i) + "\n" for i in range(1, lines + 1))
    document = parse_document(text, "text.md")
    assert len(document.blocks) == 1 and len(document.blocks[0].segments) == lines
    assert len(built) <= 2, f"the block was rebuilt {len(built)} times"


# --- the writer ------------------------------------------------------------------------------


def test_writer_output_for_a_document_built_by_hand() -> None:
    P, Q, F = BlockKind.PARAGRAPH, BlockKind.QUOTE, BlockKind.FOOTNOTE
    doc = Document(
        (
            Block(BlockKind.HEADING, (Segment("s1", "第一章"),), level=2, blank_before=0),
            Block(P, (Segment("s2", "今天[^1]。"), Segment(None, "Added line."))),
            Block(Q, (Segment("s3", "引文"), Segment("s4", ""))),
            Block(Q, (Segment("s5", "續"),), continues=True, blank_before=0),
            Block(F, (Segment("s6", "註。"), Segment(None, "第二行")), label="1", blank_before=2),
            Block(
                BlockKind.FIGURE,
                (Segment("s7", "圖說"),),
                src="img/a.jpg",
                credit='攝影 "王" \\ 2024',
            ),
            Block(BlockKind.FIGURE, (Segment(None, ""),), src="b.png", blank_before=0),
            Block(BlockKind.RULE),
        ),
        Layout(newline="\r\n", final_newline=False, trailing_blank=1, bom=True),
    )
    expected = (
        "\ufeff## 第一章 {#s1}\r\n"
        "\r\n"
        "今天[^1]。 {#s2}\r\n"
        "Added line.\r\n"
        "\r\n"
        "> 引文 {#s3}\r\n"
        "> {#s4}\r\n"
        ">\r\n"
        "> 續 {#s5}\r\n"
        "\r\n"
        "\r\n"
        "[^1]: 註。 {#s6}\r\n"
        "第二行\r\n"
        "\r\n"
        '![圖說](img/a.jpg "攝影 \\"王\\" \\\\ 2024") {#s7}\r\n'
        "![](b.png)\r\n"
        "\r\n"
        "***\r\n"
    )
    assert write_document(doc) == expected
    assert parse_document(expected) == doc


@pytest.mark.parametrize(
    ("seg", "line"),
    [
        (Segment("s1", "甲"), "甲 {#s1}"),
        (Segment("s1", ""), "{#s1}"),
        (Segment("a.b-c_1", r"x \{#y}"), r"x \{#y} {#a.b-c_1}"),
        (Segment("s1", "x {#1y} {# y}"), "x {#1y} {# y} {#s1}"),
        (Segment("s1", "`{#y}` [u](a_({#y}))"), "`{#y}` [u](a_({#y})) {#s1}"),
        (Segment(None, "甲"), "甲"),
        (Segment(None, r"甲 \{#s1}"), r"甲 \{#s1}"),
        (Segment(None, r"\{#s1} 開頭"), r"\{#s1} 開頭"),
        (Segment(None, "{#1x} 開頭"), "{#1x} 開頭"),
    ],
)
def test_write_segment(seg: Segment, line: str) -> None:
    assert write_segment(seg) == line


@pytest.mark.parametrize(
    "seg",
    [
        Segment(None, ""),
        Segment(None, "   "),
        Segment(None, "\u3000"),
        Segment(None, "甲 {#s1}"),
        Segment(None, "{#s1}"),
        Segment(None, "甲 {#1bad}"),
        Segment(None, "甲 {#s1} "),
        Segment(None, "甲{#s1}"),
        Segment(None, "{#s1} 開頭"),
        Segment(None, "甲 {#s1} 乙"),
        Segment("s2", "甲 {#s1}"),
        Segment("s2", "{#s1}"),
        Segment("s2", "{#s1} 乙"),
        Segment("s2", r"甲 \\{#s1} 乙"),
        Segment("s2", "*甲 {#s1}*"),
        Segment("s2", "[甲 {#s1}](u)"),
        Segment("s1", "甲\n乙"),
        Segment(None, "甲\r"),
        Segment("1bad", "甲"),
        Segment("s 1", "甲"),
        Segment("", "甲"),
    ],
)
def test_write_segment_refuses_what_would_not_read_back(seg: Segment) -> None:
    with pytest.raises(ValueError):
        write_segment(seg)


#: Segment text heavy in what decides whether a '{#…}' is read as an ID.
id_heavy_text = st.lists(
    st.sampled_from(["{#", "{", "#", "}", "\\", "`", "[", "](u", "(", ")", "s1", "1", " ", "甲"]),
    max_size=12,
).map("".join)


@settings(max_examples=examples(300), deadline=None)
@given(id_heavy_text, st.one_of(st.none(), segment_id))
def test_write_segment_refuses_exactly_what_would_not_read_back(
    text: str, ident: str | None
) -> None:
    seg = Segment(ident, text)
    naive = text if ident is None else (f"{text} " if text else "") + f"{{#{ident}}}"
    try:
        line = write_segment(seg)
    except ValueError:
        # Written as it stands, the line is refused or reads as something else.
        try:
            doc = parse_document(f"> {naive}\n")
        except FormatError:
            return
        assert doc.blocks[0].segments != (seg,)
        return
    assert line == naive
    assert parse_document(f"> {line}\n").blocks[0].segments == (seg,)


def test_to_markup_output_is_a_segment_text() -> None:
    # What the inline writer gives can always stand before a segment's ID.
    nodes = (Text("甲 {#s1} "), Code("{#s2}"), Link((Text("{#s3}"),), "u_({#s4})"))
    seg = Segment("s5", to_markup(nodes))
    assert parse_document(write_segment(seg) + "\n").blocks[0].segments == (seg,)


def _para(*texts: str, blank_before: int = 1) -> Block:
    return Block(
        BlockKind.PARAGRAPH,
        tuple(Segment(None, t) for t in texts),
        blank_before=blank_before,
    )


def _quote(text: str, blank_before: int = 1, continues: bool = False) -> Block:
    segs = (Segment(None, text),)
    return Block(BlockKind.QUOTE, segs, continues=continues, blank_before=blank_before)


@pytest.mark.parametrize(
    "blocks",
    [
        pytest.param([_para("# 不是標題")], id="paragraph-as-heading"),
        pytest.param([_para("> 不是引文")], id="paragraph-as-quote"),
        pytest.param([_para("[^1]: 不是註")], id="paragraph-as-footnote"),
        pytest.param([_para("![圖](a.png)")], id="paragraph-as-figure"),
        pytest.param([_para("***")], id="paragraph-as-rule"),
        pytest.param([_para("甲", "# 第二行")], id="second-line-as-heading"),
        pytest.param(
            [Block(BlockKind.PARAGRAPH, (Segment("s1", "# 有編號也不行"),))],
            id="paragraph-with-id-as-heading",
        ),
        pytest.param(
            [Block(BlockKind.FOOTNOTE, (Segment(None, "註"), Segment(None, "# 標題")), label="1")],
            id="footnote-line-as-heading",
        ),
        pytest.param([_para("甲"), _para("乙", blank_before=0)], id="two-paragraphs-no-gap"),
        pytest.param(
            [
                Block(BlockKind.FOOTNOTE, (Segment(None, "註"),), label="1"),
                _para("乙", blank_before=0),
            ],
            id="paragraph-under-footnote-no-gap",
        ),
        pytest.param([_quote("甲"), _quote("乙", blank_before=0)], id="two-quotes-no-gap"),
        pytest.param([_para("甲"), _quote("乙", 0, continues=True)], id="continued-not-quote"),
        pytest.param([_quote("乙", 0, continues=True)], id="continued-first"),
        pytest.param([_quote("甲"), _quote("乙", 1, continues=True)], id="continued-after-gap"),
        pytest.param([_para("")], id="blank-segment"),
        pytest.param([_para("結尾 {#s1}")], id="text-ends-like-id"),
        pytest.param([Block(BlockKind.HEADING, (Segment("s1", "七"),), level=7)], id="level-7"),
        pytest.param([Block(BlockKind.HEADING, (Segment("s1", "零"),), level=0)], id="level-0"),
        pytest.param(
            [Block(BlockKind.FOOTNOTE, (Segment("s1", "註"),), label="註 一")], id="bad-label"
        ),
        pytest.param(
            [Block(BlockKind.FIGURE, (Segment("s1", "圖"),), src="我的 照片.jpg")],
            id="figure-path-with-space",
        ),
        pytest.param(
            [Block(BlockKind.FIGURE, (Segment("s1", "圖"),), src="a.png", credit="一\n二")],
            id="figure-credit-line-break",
        ),
        pytest.param(
            [Block(BlockKind.FIGURE, (Segment("s1", "圖\n說"),), src="a.png")],
            id="figure-caption-line-break",
        ),
        pytest.param(
            [Block(BlockKind.FIGURE, (Segment("1s", "圖"),), src="a.png")], id="figure-bad-id"
        ),
        pytest.param([_para("\ufeff開頭", blank_before=0)], id="starts-like-bom"),
    ],
)
def test_write_document_refuses_what_would_not_read_back(blocks: list[Block]) -> None:
    with pytest.raises(ValueError):
        write_document(Document(tuple(blocks)))


def test_a_leading_feff_is_fine_after_a_real_bom_or_a_blank_line() -> None:
    for doc in (
        Document((_para("\ufeff開頭", blank_before=0),), Layout(bom=True)),
        Document((_para("\ufeff開頭", blank_before=1),)),
    ):
        assert parse_document(write_document(doc)) == doc


def test_a_figure_caption_may_not_hold_a_segment_id() -> None:
    with pytest.raises(FormatError) as caught:
        parse_document("![cap {#t2}](img.jpg) {#f1}\n", "fig.md")
    assert str(caught.value.where) == "fig.md:1:7"
    figure = Block(BlockKind.FIGURE, (Segment("f1", "cap {#t2}"),), src="img.jpg")
    with pytest.raises(ValueError, match="caption holds a segment ID"):
        write_document(Document((figure,)))


def test_a_line_may_start_with_a_footnote_reference_but_not_look_like_a_note() -> None:
    doc = parse_document(
        "[^1] 註文在後。 {#s1}\n[^1]\\: 冒號之前是參照。 {#s2}\n\n[^1]: 註。 {#n1}\n"
    )
    assert [b.kind for b in doc.blocks] == [BlockKind.PARAGRAPH, BlockKind.FOOTNOTE]
    assert (
        write_document(doc)
        == "[^1] 註文在後。 {#s1}\n[^1]\\: 冒號之前是參照。 {#s2}\n\n[^1]: 註。 {#n1}\n"
    )
