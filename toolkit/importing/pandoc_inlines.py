"""Pandoc's inline elements as one segment's markup: every character of text kept, markup
only where the store has it (``toolkit.store.inline``).

- ``Str`` is text; ``Space`` a space; ``SoftBreak`` and ``LineBreak`` a space too, except
  between two wide (Chinese, Japanese) characters or beside wide punctuation, where a line
  break in the source stands for nothing: a segment is one line.
- ``Emph``, ``Strong``, ``Code`` and ``Link`` are kept as markup; a link only when it goes
  to ``http(s)``, ``mailto`` or a ``#`` anchor (``javascript:``, ``data:`` and relative
  links become the plain text of their label).
- ``Underline``, ``Strikeout``, ``SmallCaps``, ``Superscript``, ``Subscript``, ``Cite``,
  ``Math`` and ``Span`` give their text; ``Quoted`` its text within the language's quotes.
- ``Note`` becomes a ``[^n]`` reference; the note's text goes to the block mapper.
- ``RawInline`` is not text: what it shows, if anything, is set aside; an image within a
  line gives its alt text, and its address is set aside.

The markup is read back before it is returned: if it would not read as exactly the nodes
(an emphasis the store cannot write, say), the formatting is dropped, never the text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence
from typing import Any, Protocol
from urllib.parse import quote

from toolkit.importing.pandoc_events import SetAside
from toolkit.model import Code, Emph, Inline, Link, NoteRef, Strong, Text
from toolkit.store.importrecord import Reason
from toolkit.store.inline import line_safe, merge_texts, parse_inline, to_markup
from toolkit.store.links import is_safe_url

#: A node of Pandoc's JSON AST (``{"t": type, "c": content}``).
Node = dict[str, Any]

#: Place holders while converting, resolved by :func:`finish`: a space, a line break.
SPACE = "\x01"
BREAK = "\x02"
_SENTINELS = re.compile(f"[{SPACE}{BREAK}]+")
#: Line breaks and tabs within a Str, and control characters, which are never text.
_LINE_BREAKS = re.compile("[\n\r\x0b\x0c\x85\u2028\u2029]")
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f]")
#: Containers whose text is simply their children's.
_TRANSPARENT = frozenset({"Underline", "Strikeout", "Superscript", "Subscript", "SmallCaps"})
#: Where a link may go and stay a link.
#: A link address the store reads back: no white space, parentheses in pairs one deep.
_URL_OK = re.compile(r"(?:[^\s()]|\([^\s()]*\))+")
#: Quotation marks (outer, inner) of languages that do not use the English ones.
_QUOTES = {"zh": (("「", "」"), ("『", "』")), "ja": (("「", "」"), ("『", "』"))}
_ENGLISH_QUOTES = (("“", "”"), ("‘", "’"))


class Host(Protocol):
    """What inline conversion asks of the block mapper."""

    @property
    def lang(self) -> str: ...

    def note(self, blocks: list[Node]) -> str:
        """Take a footnote's blocks; return the label of its reference."""
        ...

    def span_marker(self, attrs: dict[str, str]) -> list[Inline] | None:
        """What a marker span left by the web page cleaner stands for, or None for a span."""
        ...

    def set_aside(self, piece: SetAside) -> None: ...


def attributes(attr: Any) -> dict[str, str]:
    """A Pandoc ``Attr`` (identifier, classes, key-value pairs) as its key-value pairs."""
    return {str(k): str(v) for k, v in attr[2]}


def convert(nodes: Sequence[Node], host: Host) -> list[Inline]:
    """Pandoc inlines as model nodes, with SPACE and BREAK place holders left in the text."""
    out: list[Inline] = []
    for node in nodes:
        out.extend(_one(node, host))
    return out


def _one(node: Node, host: Host) -> list[Inline]:
    kind: str = node["t"]
    c: Any = node.get("c")
    if kind == "Str":
        return [Text(clean_text(c))]
    if kind == "Space":
        return [Text(SPACE)]
    if kind in ("SoftBreak", "LineBreak"):
        return [Text(BREAK)]
    if kind == "Emph":
        return [Emph(tuple(convert(c, host)))]
    if kind == "Strong":
        return [Strong(tuple(convert(c, host)))]
    if kind in _TRANSPARENT:
        return convert(c, host)
    if kind == "Quoted":
        opening, closing = quote_marks(host.lang, c[0]["t"] == "SingleQuote")
        return [Text(opening), *convert(c[1], host), Text(closing)]
    if kind == "Cite":
        return convert(c[1], host)
    if kind == "Code":
        return [Code(_one_line(c[1]))]
    if kind == "Math":
        return [Text(clean_text(c[1]))]
    if kind == "RawInline":
        lines = raw_lines(c[0], c[1])
        if lines:
            host.set_aside(SetAside(f"raw {c[0]}", Reason.NOT_TEXT, lines))
        return []
    if kind == "Link":
        children = convert(c[1], host)
        url, title = c[2]
        tooltip(title, stringify(c[1]), "a", host)
        target = link_url(url)
        return [Link(tuple(children), target)] if target else children
    if kind == "Image":
        host.set_aside(SetAside("img", Reason.INLINE_IMAGE, (shown_address(c[2][0]),)))
        return convert(c[1], host)
    if kind == "Note":
        return [NoteRef(host.note(c))]
    if kind == "Span":
        marked = host.span_marker(attributes(c[0]))
        return marked if marked is not None else convert(c[1], host)
    return []  # pragma: no cover - Pandoc 3 has no other inline


def quote_marks(lang: str, inner: bool) -> tuple[str, str]:
    """The quotation marks of ``lang``: 「」 (and 『』 within) in Chinese, “” (‘’) in English."""
    marks = _QUOTES.get(lang.split("-")[0].lower(), _ENGLISH_QUOTES)
    return marks[1] if inner else marks[0]


def clean_text(text: str) -> str:
    """A Str's text: line breaks as BREAK, tabs as SPACE, control characters dropped."""
    text = _CONTROLS.sub("", text).replace("\t", SPACE)
    return _LINE_BREAKS.sub(BREAK, text)


def _one_line(text: str) -> str:
    return re.sub(r"\s*[\n\r]\s*", " ", _CONTROLS.sub("", text))


def tooltip(title: str, text: str, element: str, host: Host) -> None:
    """Set aside a title attribute that says more than the text it is on."""
    shown = " ".join(title.split())
    if shown and shown.casefold() != " ".join(text.split()).casefold():
        host.set_aside(SetAside(element, Reason.TOOLTIP, (shown,)))


def link_url(url: str) -> str | None:
    """The address a link keeps, made safe to write; None when it must become text."""
    url = re.sub(r"[\s\x00-\x1f\x7f]", lambda m: quote(m.group()), url.strip())
    if not is_safe_url(url):  # the editions' one rule (toolkit.store.links)
        return None
    if not _URL_OK.fullmatch(url):
        url = url.replace("(", "%28").replace(")", "%29")
    return url


def shown_address(src: str) -> str:
    """An image's address as the record shows it: an embedded ``data:`` image shortened."""
    src = " ".join(src.split())
    return src if not src.startswith("data:") or len(src) <= 80 else src[:60] + "…"


def raw_lines(fmt: str, text: str) -> tuple[str, ...]:
    """What raw markup would show a reader: HTML's visible text (no comments or scripts);
    for other formats (TeX) the raw text itself."""
    if fmt.lower() == "html":
        from toolkit.importing.pandoc_html import fragment_lines

        return fragment_lines(text)
    return tuple(line.strip() for line in text.splitlines() if line.strip())


def stringify(nodes: Sequence[Node]) -> str:
    """The plain text of Pandoc inlines (for comparing with a title, a credit pattern)."""
    out: list[str] = []
    for node in nodes:
        kind: str = node["t"]
        c: Any = node.get("c")
        if kind == "Str":
            out.append(c)
        elif kind in ("Space", "SoftBreak", "LineBreak"):
            out.append(" ")
        elif kind in ("Code", "Math"):
            out.append(c[1])
        elif kind in ("Quoted", "Cite", "Link", "Image", "Span"):
            out.append(stringify(c[1]))
        elif kind in _TRANSPARENT or kind in ("Emph", "Strong"):
            out.append(stringify(c))
    return " ".join("".join(out).split())


# --- from converted nodes to one line of markup ----------------------------------------------


def finish(nodes: Sequence[Inline]) -> tuple[Inline, ...]:
    """Resolve the place holders and tidy the nodes into what the store can write.

    A run of spaces and breaks becomes one space, or nothing between two wide characters
    when it holds only breaks, or nothing at the start or end. Emphasis gives the white
    space at its edges to its surroundings; an emphasis inside the same emphasis is
    unwrapped; a code span the store cannot write (empty, or holding a backtick) is text.
    """
    leaves: list[tuple[str, bool]] = []
    _leaves(nodes, leaves)
    text = "".join(t for t, _ in leaves)
    chars = list(text)
    for m in _SENTINELS.finditer(text):
        start, end = m.span()
        join = start > 0 and end < len(text) and _joins(text[start - 1], text[end])
        chars[start] = "" if join and SPACE not in m.group() else " "
        for i in range(start + 1, end):
            chars[i] = ""
    pieces: list[str] = []
    at = 0
    for leaf, _ in leaves:
        pieces.append("".join(chars[at : at + len(leaf)]))
        at += len(leaf)
    rebuilt = _rebuild(nodes, iter(pieces))
    return _strip_edges(merge_texts(_trim(rebuilt)))


def markup(nodes: tuple[Inline, ...]) -> str:
    """The nodes as segment markup that reads back as exactly them; failing that, as their
    text with links and footnote references (or, at last, footnote references alone), the
    spaces a code span had at the segment's edge left out."""
    plain = (_unwrap(nodes, keep_links=True), _unwrap(nodes, keep_links=False))
    for attempt in (nodes, *(_strip_edges(list(p)) for p in plain)):
        try:
            text = line_safe(to_markup(attempt))  # '![x](y)' at the start would be a figure
        except ValueError:
            continue
        if merge_texts(list(parse_inline(text))) == merge_texts(list(attempt)):
            return text
    raise AssertionError(f"no markup reads back as {nodes!r}")  # pragma: no cover


def _joins(before: str, after: str) -> bool:
    """Does a line break between these characters stand for nothing? It does between two
    wide (Chinese, Japanese) characters, and beside wide punctuation (，。「」), which
    carries its own space."""
    wide_before, wide_after = _wide(before), _wide(after)
    return (
        (wide_before and wide_after)
        or (wide_before and unicodedata.category(before).startswith("P"))
        or (wide_after and unicodedata.category(after).startswith("P"))
    )


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


def _leaves(nodes: Sequence[Inline], out: list[tuple[str, bool]]) -> None:
    for node in nodes:
        if isinstance(node, Text):
            out.append((node.text, False))
        elif isinstance(node, Code):
            out.append((node.text, True))
        elif isinstance(node, Emph | Strong | Link):
            _leaves(node.children, out)


def _rebuild(nodes: Sequence[Inline], pieces: Iterator[str]) -> list[Inline]:
    out: list[Inline] = []
    for node in nodes:
        if isinstance(node, Text):
            text = next(pieces)
            if text:
                out.append(Text(text))
        elif isinstance(node, Code):
            code = next(pieces)
            ok = code.strip() and "`" not in code
            out.append(Code(code) if ok else Text(code))
        elif isinstance(node, Emph | Strong):
            kids = _rebuild(node.children, pieces)
            flat: list[Inline] = []
            for kid in kids:  # an emphasis within the same emphasis says nothing more
                same = isinstance(kid, Emph | Strong) and type(kid) is type(node)
                flat.extend(kid.children if isinstance(kid, Emph | Strong) and same else [kid])
            if flat:
                out.append(Emph(tuple(flat)) if isinstance(node, Emph) else Strong(tuple(flat)))
        elif isinstance(node, Link):
            kids = _rebuild(node.children, pieces)
            if kids:
                out.append(Link(tuple(kids), node.url))
        else:
            out.append(node)
    return out


def _trim(nodes: Sequence[Inline]) -> list[Inline]:
    """Move white space at the edges of each emphasis outside it (the store's rule)."""
    out: list[Inline] = []
    for node in nodes:
        if isinstance(node, Emph | Strong):
            kids = merge_texts(_trim(node.children))
            lead = trail = ""
            if kids and isinstance(kids[0], Text):
                stripped = kids[0].text.lstrip()
                lead = kids[0].text[: len(kids[0].text) - len(stripped)]
                kids[0] = Text(stripped)
            if kids and isinstance(kids[-1], Text):
                stripped = kids[-1].text.rstrip()
                trail = kids[-1].text[len(stripped) :]
                kids[-1] = Text(stripped)
            kids = [k for k in kids if not (isinstance(k, Text) and not k.text)]
            out.append(Text(lead))
            if kids:
                out.append(Emph(tuple(kids)) if isinstance(node, Emph) else Strong(tuple(kids)))
            out.append(Text(trail))
        elif isinstance(node, Link):
            out.append(Link(tuple(merge_texts(_trim(node.children))), node.url))
        else:
            out.append(node)
    return out


def _strip_edges(nodes: list[Inline]) -> tuple[Inline, ...]:
    """No white space at the start or end of a segment."""
    if nodes and isinstance(nodes[0], Text):
        nodes[0] = Text(nodes[0].text.lstrip())
    if nodes and isinstance(nodes[-1], Text):
        nodes[-1] = Text(nodes[-1].text.rstrip())
    return tuple(merge_texts(nodes))


def _unwrap(nodes: Sequence[Inline], *, keep_links: bool) -> tuple[Inline, ...]:
    """The nodes without emphasis (and code, and links unless ``keep_links``)."""
    out: list[Inline] = []
    for node in nodes:
        if isinstance(node, Emph | Strong):
            out.extend(_unwrap(node.children, keep_links=keep_links))
        elif isinstance(node, Link) and keep_links:
            out.append(Link(_unwrap(node.children, keep_links=True), node.url))
        elif isinstance(node, Link):
            out.extend(_unwrap(node.children, keep_links=False))
        elif isinstance(node, Code):
            out.append(Text(node.text))
        else:
            out.append(node)
    return tuple(merge_texts(out))
