"""A segment's inline markup as text and codes, and back.

Translation tools protect markup as *inline codes*: paired ones around text (emphasis,
strong emphasis, a link) and standalone ones (code, a footnote reference). Every code
carries its *native* text, the store's own markup for it (``*``, ``**``, ``[`` …
``](https://…)``, ```x```, ``[^1]``), so that a translation coming back with the codes
a translator kept or moved is read back as markup exactly: the native texts say what
each code is, and the text between them is escaped as the store writes text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from toolkit.model import Code, Emph, Inline, Link, NoteRef, Strong, Text
from toolkit.store.inline import merge_texts, parse_inline, to_markup


@dataclass(frozen=True)
class Open:
    """A paired code's start: ``*``, ``**`` or ``[``."""

    native: str


@dataclass(frozen=True)
class Close:
    """A paired code's end: ``*``, ``**`` or ``](address)``."""

    native: str


@dataclass(frozen=True)
class Point:
    """A standalone code: ```code``` or ``[^label]``."""

    native: str


Token = str | Open | Close | Point


class CodeError(ValueError):
    """Codes that do not make markup: unpaired, crossed, or with native text that is not
    the store's."""


def tokens(markup: str) -> list[Token]:
    """The text and codes of a segment's markup (text as a reader sees it)."""
    out: list[Token] = []
    _walk(parse_inline(markup), out)
    return out


def _walk(nodes: Sequence[Inline], out: list[Token]) -> None:
    for node in nodes:
        if isinstance(node, Text):
            if out and isinstance(out[-1], str):
                out[-1] += node.text
            else:
                out.append(node.text)
        elif isinstance(node, Emph | Strong):
            mark = "*" if isinstance(node, Emph) else "**"
            out.append(Open(mark))
            _walk(node.children, out)
            out.append(Close(mark))
        elif isinstance(node, Link):
            out.append(Open("["))
            _walk(node.children, out)
            out.append(Close(f"]({node.url})"))
        else:
            out.append(Point(to_markup((node,))))


def markup(parts: Sequence[Token]) -> str:
    """The store's markup for text and codes. Raises CodeError when the codes do not pair
    up, or ValueError from ``to_markup`` (emphasis that begins or ends with a space)."""
    stack: list[tuple[str, list[Inline]]] = [("", [])]
    for part in parts:
        if isinstance(part, str):
            if part:
                stack[-1][1].append(Text(part))
        elif isinstance(part, Point):
            stack[-1][1].append(_point(part.native))
        elif isinstance(part, Open):
            if part.native not in ("*", "**", "["):
                raise CodeError(f"{part.native!r} does not start emphasis or a link")
            stack.append((part.native, []))
        else:
            if len(stack) == 1:
                raise CodeError(f"{part.native!r} closes nothing")
            opened, children = stack.pop()
            stack[-1][1].append(_paired(opened, part.native, tuple(merge_texts(children))))
    if len(stack) > 1:
        raise CodeError(f"{stack[-1][0]!r} is never closed")
    return to_markup(tuple(merge_texts(stack[0][1])))


def _point(native: str) -> Inline:
    nodes = parse_inline(native)
    if len(nodes) == 1 and isinstance(nodes[0], Code | NoteRef):
        return nodes[0]
    raise CodeError(f"{native!r} is neither code nor a footnote reference")


def _paired(opened: str, native: str, children: tuple[Inline, ...]) -> Inline:
    if opened == "*" and native == "*":
        return Emph(children)
    if opened == "**" and native == "**":
        return Strong(children)
    if opened == "[" and native.startswith("](") and native.endswith(")"):
        url = native[2:-1]
        if parse_inline(f"[a]({url})") == (Link((Text("a"),), url),):
            return Link(children, url)
        raise CodeError(f"{url!r} is not a link's address the store can hold")
    raise CodeError(f"{opened!r} is closed by {native!r}")


def has_markup(text: str) -> bool:
    """Whether a segment's markup holds more than text (emphasis, a link, code, a
    footnote reference): what plain text (a spreadsheet's) cannot carry."""
    return any(not isinstance(node, Text) for node in parse_inline(text))


def same_text(a: str, b: str) -> bool:
    """Whether two markups read the same (``2 * 3`` and ``2 \\* 3`` do)."""
    return a == b or _canon(parse_inline(a)) == _canon(parse_inline(b))


def _canon(nodes: Sequence[Inline]) -> list[Inline]:
    """Nodes with adjacent texts joined at every depth, so that equal readings compare equal."""
    out: list[Inline] = []
    for node in merge_texts(nodes):
        if isinstance(node, Emph | Strong):
            node = type(node)(tuple(_canon(node.children)))
        elif isinstance(node, Link):
            node = Link(tuple(_canon(node.children)), node.url)
        out.append(node)
    return out
