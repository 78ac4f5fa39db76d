"""Inline markup of a segment: a small, exact subset of Pandoc Markdown.

=================  ===========================
markup             meaning
=================  ===========================
``*words*``        emphasis
``**words**``      strong emphasis
```code```         code (taken literally)
``[words](url)``   link
``[^label]``       footnote reference
``\\X``            the character X itself, for any ASCII punctuation X
=================  ===========================

Everything else is literal text: full-width punctuation, ``$``, ``_``, quotes.
``escape`` turns any plain text into markup that reads back as exactly that
text; ``plain_text`` gives what a reader sees.
"""

from __future__ import annotations

import re
import string

from toolkit.model import Code, Emph, Inline, Link, NoteRef, Strong, Text

_PUNCT = frozenset(string.punctuation)
_NOTE_RE = re.compile(r"\[\^([A-Za-z0-9_-]+)\]")
_URL_RE = re.compile(r"\(([^\s()]+)\)")
#: Characters that always need a backslash in running text.
_ALWAYS = frozenset("\\*[]`")
#: Deeper nesting of emphasis and links is read as text (it keeps the parser's stack small).
_MAX_DEPTH = 32
_Result = tuple[tuple[Inline, ...], int, bool]


def parse_inline(markup: str) -> tuple[Inline, ...]:
    """Parse segment markup into inline nodes. Never fails: what is not markup is text."""
    nodes, _, _ = _parse(markup, 0, "", {}, 0)
    return nodes


def plain_text(nodes: tuple[Inline, ...] | str) -> str:
    """The text a reader sees: markup removed, footnote references dropped."""
    if isinstance(nodes, str):
        nodes = parse_inline(nodes)
    out: list[str] = []
    for node in nodes:
        if isinstance(node, Text | Code):
            out.append(node.text)
        elif isinstance(node, Emph | Strong | Link):
            out.append(plain_text(node.children))
    return "".join(out)


def escape(text: str) -> str:
    """Markup that reads back as exactly ``text`` (one line, no markup)."""
    out: list[str] = []
    for i, ch in enumerate(text):
        if ch in _ALWAYS or (ch == "{" and text.startswith("{#", i)) or (i == 0 and ch in "#>"):
            out.append("\\" + ch)
        else:
            out.append(ch)
    return "".join(out)


def to_markup(nodes: tuple[Inline, ...]) -> str:
    """Write inline nodes as markup (the inverse of ``parse_inline`` on canonical nodes)."""
    out: list[str] = []
    for node in nodes:
        if isinstance(node, Text):
            out.append(escape(node.text) if not out else _escape_inner(node.text))
        elif isinstance(node, Code):
            out.append(f"`{node.text}`")
        elif isinstance(node, Emph):
            out.append(f"*{to_markup(node.children)}*")
        elif isinstance(node, Strong):
            out.append(f"**{to_markup(node.children)}**")
        elif isinstance(node, Link):
            inner = to_markup(node.children)
            if inner.startswith("^"):  # '[^1](url)' would read as a footnote reference
                inner = "\\" + inner
            out.append(f"[{inner}]({node.url})")
        else:
            out.append(f"[^{node.label}]")
    return "".join(out)


def _escape_inner(text: str) -> str:
    # Not at the start of a line: only the always-escaped characters and "{#".
    return "".join(
        "\\" + ch if ch in _ALWAYS or (ch == "{" and text.startswith("{#", i)) else ch
        for i, ch in enumerate(text)
    )


def _parse(
    s: str, i: int, closer: str, memo: dict[tuple[int, str], _Result], depth: int
) -> _Result:
    """Parse from ``i`` until ``closer`` (or the end). Returns nodes, next index, closed?

    Each (start, closer) is parsed once per line: without ``memo``, unclosed openers
    ('[[[[...') would be re-parsed an exponential number of times.
    """
    key = (i, closer)
    if key not in memo:
        memo[key] = _parse_from(s, i, closer, memo, depth)
    return memo[key]


def _parse_from(
    s: str, i: int, closer: str, memo: dict[tuple[int, str], _Result], depth: int
) -> _Result:
    nodes: list[Inline] = []
    buf: list[str] = []

    def flush() -> None:
        if buf:
            nodes.append(Text("".join(buf)))
            buf.clear()

    n = len(s)
    while i < n:
        ch = s[i]
        if closer and s.startswith(closer, i) and not (closer == "*" and s.startswith("**", i)):
            flush()
            return tuple(nodes), i + len(closer), True
        if ch == "\\" and i + 1 < n and s[i + 1] in _PUNCT:
            buf.append(s[i + 1])
            i += 2
            continue
        if ch == "`":
            end = s.find("`", i + 1)
            if end > i + 1:
                flush()
                nodes.append(Code(s[i + 1 : end]))
                i = end + 1
                continue
        elif ch == "*" and depth < _MAX_DEPTH:
            mark = "**" if s.startswith("**", i) else "*"
            inner, j, closed = _parse(s, i + len(mark), mark, memo, depth + 1)
            if closed and inner:
                flush()
                nodes.append(Strong(inner) if mark == "**" else Emph(inner))
                i = j
                continue
            buf.append(mark)
            i += len(mark)
            continue
        elif ch == "[":
            note = _NOTE_RE.match(s, i)
            if note:
                flush()
                nodes.append(NoteRef(note.group(1)))
                i = note.end()
                continue
            if depth < _MAX_DEPTH:
                inner, j, closed = _parse(s, i + 1, "]", memo, depth + 1)
                url = _URL_RE.match(s, j) if closed else None
                if url and inner:
                    flush()
                    nodes.append(Link(inner, url.group(1)))
                    i = url.end()
                    continue
        buf.append(ch)
        i += 1
    flush()
    return tuple(nodes), i, False
