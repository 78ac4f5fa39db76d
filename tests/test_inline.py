"""Inline markup of a segment: escaping, parsing to nodes, and writing nodes back."""

from __future__ import annotations

import string
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import examples
from toolkit.model import Code, Emph, Inline, Link, NoteRef, Strong, Text
from toolkit.store.inline import escape, find_id, parse_inline, parsed, plain_text, to_markup

# --- text strategies -------------------------------------------------------------------------

HAN = "今天天氣很好我們去公園散步看見三隻小鳥中俄背靠背第一章說明的是與了不"
FULLWIDTH = "，。「」『』（）：；！？、…—"
CURLY = "“”‘’"
LATIN = "abcXYZ019 "

#: Any single character a segment line may hold: no line breaks, no surrogates.
any_char = st.characters(exclude_categories=["Cs"], exclude_characters="\r\n")
#: Characters weighted towards what the format cares about.
line_char = st.one_of(
    st.sampled_from(HAN),
    st.sampled_from(FULLWIDTH + CURLY),
    st.sampled_from(LATIN),
    st.sampled_from(string.punctuation),
    st.sampled_from("\t\u3000"),
    any_char,
)
line_text = st.text(line_char, min_size=1, max_size=40)


# --- escape ----------------------------------------------------------------------------------


@settings(max_examples=examples(300), deadline=None)
@given(line_text)
def test_escaped_text_reads_back_as_exactly_that_text(text: str) -> None:
    markup = escape(text)
    assert parse_inline(markup) == (Text(text),)
    assert plain_text(markup) == text


@settings(max_examples=examples(200), deadline=None)
@given(st.text(st.sampled_from("*[]`\\{#>^!_()$ 中。"), min_size=1, max_size=30))
def test_escape_holds_for_markup_heavy_text(text: str) -> None:
    assert parse_inline(escape(text)) == (Text(text),)
    assert find_id(escape(text)) == -1


def test_empty_text() -> None:
    assert escape("") == ""
    assert parse_inline("") == ()
    assert plain_text("") == ""


@pytest.mark.parametrize(
    ("text", "markup"),
    [
        ("今天天氣很好。", "今天天氣很好。"),
        ("*強調*", r"\*強調\*"),
        ("[不是連結](x)", r"\[不是連結\](x)"),
        ("`碼`", r"\`碼\`"),
        ("反斜線\\", "反斜線\\\\"),
        ("#1 號", r"\#1 號"),
        ("第 #1 號", "第 #1 號"),
        ("> 不是引文", r"\> 不是引文"),
        ("甲 > 乙", "甲 > 乙"),
        ("集合 {#s1}", r"集合 \{#s1}"),
        ("集合 {a}", "集合 {a}"),
        ("$5_000 & 「引號」“curly”", "$5_000 & 「引號」“curly”"),
    ],
)
def test_escape_examples(text: str, markup: str) -> None:
    assert escape(text) == markup


# --- parsing ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("markup", "nodes"),
    [
        ("*強調*", (Emph((Text("強調"),)),)),
        ("**重要**", (Strong((Text("重要"),)),)),
        ("用 `a*b` 寫", (Text("用 "), Code("a*b"), Text(" 寫"))),
        ("`\\`", (Code("\\"),)),
        (
            "見[官網](https://example.org/a?b=1)。",
            (Text("見"), Link((Text("官網"),), "https://example.org/a?b=1"), Text("。")),
        ),
        ("見註[^1]。", (Text("見註"), NoteRef("1"), Text("。"))),
        ("[^a-1_b]", (NoteRef("a-1_b"),)),
        (
            "*甲 **乙** 丙*",
            (Emph((Text("甲 "), Strong((Text("乙"),)), Text(" 丙"))),),
        ),
        (
            "**甲 *乙* 丙**",
            (Strong((Text("甲 "), Emph((Text("乙"),)), Text(" 丙"))),),
        ),
        (
            "[*強* 字](u)",
            (Link((Emph((Text("強"),)), Text(" 字")), "u"),),
        ),
        ("[[^2]](u)", (Link((NoteRef("2"),), "u"),)),
        ("[\\^1](u)", (Link((Text("^1"),), "u"),)),
        (r"\*不是強調\*", (Text("*不是強調*"),)),
        (r"a\b \中", (Text(r"a\b \中"),)),
        ("*未閉合", (Text("*未閉合"),)),
        ("**", (Text("**"),)),
        ("``", (Text("``"),)),
        ("[無網址]", (Text("[無網址]"),)),
        ("[](u)", (Text("[](u)"),)),
        ("[文](有 空格)", (Text("[文](有 空格)"),)),
        ("[^1 2]", (Text("[^1 2]"),)),
        ("[^註]", (Text("[^註]"),)),
        ("價格 $5_000，「引號」", (Text("價格 $5_000，「引號」"),)),
        # A link's address may hold balanced parentheses, one level deep, and no white space.
        (
            "[Wild Lily](https://en.wikipedia.org/wiki/Wild_Lily_student_movement_(1990))",
            (
                Link(
                    (Text("Wild Lily"),),
                    "https://en.wikipedia.org/wiki/Wild_Lily_student_movement_(1990)",
                ),
            ),
        ),
        ("[甲](a(b)c(d)e)。", (Link((Text("甲"),), "a(b)c(d)e"), Text("。"))),
        ("[甲](a())", (Link((Text("甲"),), "a()"),)),
        ("[甲](u)(v)", (Link((Text("甲"),), "u"), Text("(v)"))),
        ("[甲](a(b)", (Text("[甲](a(b)"),)),
        ("[甲](a)b))", (Link((Text("甲"),), "a"), Text("b))"))),
        ("[甲](a((b)))", (Text("[甲](a((b)))"),)),
        ("[甲](a(b c))", (Text("[甲](a(b c))"),)),
        ("[甲](a(\tb))", (Text("[甲](a(\tb))"),)),
        # '*' or '**' followed by white space does not open emphasis; after it, does not close.
        ("2 * 3 * 4", (Text("2 * 3 * 4"),)),
        ("2 ** 3 ** 4", (Text("2 ** 3 ** 4"),)),
        ("* 甲*", (Text("* 甲*"),)),
        ("*甲 *", (Text("*甲 *"),)),
        ("** 甲**", (Text("** 甲**"),)),
        ("**甲 **", (Text("**甲 **"),)),
        ("*\t甲*", (Text("*\t甲*"),)),
        ("*甲\u3000*", (Text("*甲\u3000*"),)),
        ("*甲 *乙*", (Text("*甲 "), Emph((Text("乙"),)))),
        ("a * b*c*", (Text("a * b"), Emph((Text("c"),)))),
        ("*甲 * 乙*", (Emph((Text("甲 * 乙"),)),)),
        ("**甲 ** 乙**", (Strong((Text("甲 ** 乙"),)),)),
        ("2 *3* 4", (Text("2 "), Emph((Text("3"),)), Text(" 4"))),
        ("*甲* *乙*", (Emph((Text("甲"),)), Text(" "), Emph((Text("乙"),)))),
        ("*`a `*", (Emph((Code("a "),)),)),
        ("x *", (Text("x *"),)),
    ],
)
def test_markup_parses_to_nodes(markup: str, nodes: tuple[Inline, ...]) -> None:
    assert parse_inline(markup) == nodes


def test_plain_text_drops_markup_and_note_references() -> None:
    assert plain_text("見*強調*[^1]與**[連結](u)**及`c`。") == "見強調與連結及c。"
    assert plain_text((Text("甲"), NoteRef("1"), Code("乙"))) == "甲乙"


@settings(max_examples=examples(200), deadline=None)
@given(st.text(st.sampled_from("*[]()`\\^#{}>!_ a1中。"), max_size=60))
def test_parse_never_fails_and_loses_no_text(markup: str) -> None:
    nodes = parse_inline(markup)
    # Every character a reader sees comes from the markup, in order.
    seen = iter(markup)
    assert all(ch in seen for ch in plain_text(nodes))


@settings(max_examples=examples(300), deadline=None)
@given(st.text(st.sampled_from("*[]()`\\^#{}>!_ a1中"), max_size=30))
def test_whatever_markup_reads_as_is_written_back_to_read_the_same(markup: str) -> None:
    nodes = parse_inline(markup)
    assert parse_inline(to_markup(nodes)) == nodes  # to_markup raising would fail here too


@settings(max_examples=examples(200), deadline=None)
@given(st.text(st.characters(exclude_characters="*[`\\\r\n", exclude_categories=["Cs"])))
def test_text_without_markup_characters_is_one_text_node(markup: str) -> None:
    assert parse_inline(markup) == ((Text(markup),) if markup else ())


@pytest.mark.parametrize("opener", ["[", "[a", "[^", "[中(", "*[", "[*", "**a["])
def test_long_runs_of_openers_parse_quickly(opener: str) -> None:
    # Once exponential (40 '[' took minutes) and deeper than Python's stack (1000 '[').
    markup = opener * (1200 // len(opener))
    start = time.perf_counter()
    nodes = parse_inline(markup)
    assert time.perf_counter() - start < 5
    if "*" not in opener:  # nothing here can close: all of it is text
        assert nodes == (Text(markup),)


# --- writing nodes ---------------------------------------------------------------------------

#: Text for nodes, with the pieces that once tripped the writer: '^1' first in a link's text
#: read as a footnote reference.
TRICKY = ["^1", "^a-b", "^", "{#s1}", "\\", "**", "](", "#", ">", " * ", " ** "]
node_text = st.one_of(
    st.sampled_from(TRICKY),
    st.lists(st.one_of(line_char, st.sampled_from(TRICKY)), min_size=1, max_size=6).map("".join),
)
#: Text at the edge of an emphasis: no markup makes an emphasis begin or end with white space.
edge_text = node_text.map(str.strip).filter(bool)
code_text = st.text(
    st.one_of(st.sampled_from(HAN + "*[]\\{#>^ "), st.sampled_from(string.ascii_letters)),
    min_size=1,
    max_size=8,
)
label = st.text(
    st.sampled_from(string.ascii_letters + string.digits + "-_"), min_size=1, max_size=5
)
url_chars = string.ascii_letters + string.digits + "/:.-_?=&#%*`[]^!{}~"
#: A link address: no white space, parentheses only in balanced pairs one level deep.
url = st.lists(
    st.one_of(
        st.sampled_from(url_chars),
        st.text(st.sampled_from(url_chars), max_size=4).map(lambda t: f"({t})"),
    ),
    min_size=1,
    max_size=8,
).map("".join)


def _merge_texts(nodes: list[Inline]) -> tuple[Inline, ...]:
    out: list[Inline] = []
    for node in nodes:
        if isinstance(node, Text) and out and isinstance(out[-1], Text):
            out[-1] = Text(out[-1].text + node.text)
        else:
            out.append(node)
    return tuple(out)


@st.composite
def canonical(
    draw: st.DrawFn, depth: int = 0, parent: str = "", in_link: bool = False
) -> tuple[Inline, ...]:
    """Inline nodes in the form ``parse_inline`` gives: Texts merged, nothing empty, and
    emphasis only where its '*' cannot run into another '*' (each Emph or Strong begins and
    ends with text that does not begin or end with white space, never sits next to another,
    and never directly holds its own kind)."""
    kinds = ["text", "code", "note"]
    if depth < 3:
        kinds += [k for k in ("emph", "strong") if k != parent]
        if not in_link:
            kinds.append("link")
    nodes: list[Inline] = []
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(kinds))
        if kind in ("emph", "strong") and nodes and isinstance(nodes[-1], Emph | Strong):
            nodes.append(Text(draw(node_text)))
        if kind == "text":
            nodes.append(Text(draw(node_text)))
        elif kind == "code":
            nodes.append(Code(draw(code_text)))
        elif kind == "note":
            nodes.append(NoteRef(draw(label)))
        elif kind == "link":
            children = draw(canonical(depth + 1, "", True))
            nodes.append(Link(children, draw(url)))
        else:
            children = draw(canonical(depth + 1, kind, in_link))
            inner = [Text(draw(edge_text)), *children, Text(draw(edge_text))]
            merged = _merge_texts(inner)
            nodes.append(Emph(merged) if kind == "emph" else Strong(merged))
    return _merge_texts(nodes)


@settings(max_examples=examples(300), deadline=None)
@given(canonical())
def test_canonical_nodes_round_trip_through_markup(nodes: tuple[Inline, ...]) -> None:
    markup = to_markup(nodes)
    assert "\n" not in markup
    assert parse_inline(markup) == nodes
    assert find_id(markup) == -1  # so it can always stand before a segment's ID


@pytest.mark.parametrize(
    ("nodes", "markup"),
    [
        ((Text("甲"), Emph((Text("乙"),)), Text("丙")), "甲*乙*丙"),
        ((Strong((Text("重"),)),), "**重**"),
        ((Code("x*y"),), "`x*y`"),
        ((Link((Text("連結"),), "https://example.org/"),), "[連結](https://example.org/)"),
        ((Text("註"), NoteRef("1")), "註[^1]"),
        ((Text("#1 與 *"),), r"\#1 與 \*"),
        ((Code("c"), Text("#1 {#s1}")), r"`c`#1 \{#s1}"),
        ((Link((Text("^1"),), "u"),), r"[\^1](u)"),
        ((Link((Text("甲"),), "a_(b)"),), "[甲](a_(b))"),
        ((Text("2 * 3"),), r"2 \* 3"),
        ((Text("甲 "), Emph((Text("乙 丙"),)), Text(" 丁")), "甲 *乙 丙* 丁"),
        ((Code("{#s1}"),), "`{#s1}`"),
    ],
)
def test_to_markup_examples(nodes: tuple[Inline, ...], markup: str) -> None:
    assert to_markup(nodes) == markup
    assert parse_inline(markup) == nodes


@pytest.mark.parametrize(
    "node",
    [
        Emph((Text(" 甲"),)),
        Emph((Text("甲 "),)),
        Strong((Text("\t甲"),)),
        Strong((Text("甲\u3000"),)),
        Emph((Text(" "),)),
        Strong((Text("甲 "), Emph((Text("乙"),)), Text(" "))),
        Link((Emph((Text("甲 "),)),), "u"),
    ],
)
def test_to_markup_refuses_emphasis_with_white_space_at_its_edges(node: Inline) -> None:
    # '* 甲*' or '*甲 *' is not emphasis: there is no markup that reads as this node.
    with pytest.raises(ValueError, match="white space"):
        to_markup((Text("甲"), node))


# --- segment IDs in running text -------------------------------------------------------------


@pytest.mark.parametrize(
    ("markup", "at"),
    [
        ("One. {#t2} Two.", 5),
        ("{#t2}", 0),
        ("甲 {#a.b-c_1} 乙 {#t3}", 2),
        ("*甲 {#t2}*", 3),
        ("[甲 {#t2}](u)", 3),
        ("**[*{#t2}*](u)**", 4),
        (r"甲 \\{#t2}", 4),  # an escaped backslash, then the brace
        ("{{#t2}", 1),
        ("`甲` {#t2} `乙`", 4),
        ("[甲](u) {#t2}", 7),
        ("*甲 {#t2}", 3),  # an unclosed '*' is text
        ("[甲 {#t2}]", 3),  # not a link
        ("[甲 {#t2}](u v)", 3),
        (r"\{#t1} {#t2}", 7),
        # Not an ID in running text: escaped, in code, in an address, or not an ID.
        (r"甲 \{#t2}", -1),
        ("`{#t2}`", -1),
        ("`甲 {#t2} 乙`", -1),
        ("[甲](u{#t2})", -1),
        ("[甲](u_({#t2}))", -1),
        ("{#1x}", -1),
        ("{# t2}", -1),
        ("{#t2 }", -1),
        ("{#t2", -1),
        ("{#}", -1),
        ("#t2}", -1),
        ("{t2}", -1),
        ("", -1),
    ],
)
def test_find_id(markup: str, at: int) -> None:
    assert find_id(markup) == at


@settings(max_examples=examples(200), deadline=None)
@given(line_text, line_text, st.from_regex(r"[A-Za-z][A-Za-z0-9_.-]{0,5}", fullmatch=True))
def test_find_id_finds_an_id_between_escaped_texts(before: str, after: str, ident: str) -> None:
    markup = escape(before) + f"{{#{ident}}}" + escape(after)
    assert find_id(markup) == len(escape(before))
    assert find_id(escape(markup)) == -1


@settings(max_examples=examples(300))
@given(st.text(st.sampled_from("*[]()`\\^#{}>!_ a1中。\u3000"), max_size=40))
def test_text_with_no_construct_is_taken_as_it_is(markup: str) -> None:
    """``parse_inline`` skips the parse when no construct can start in the text: what it
    gives then is what the parse gives."""
    assert parse_inline(markup) == parsed(markup)
