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
As in Pandoc, a ``*`` or ``**`` followed by white space does not open emphasis
and one preceded by white space does not close it (``2 * 3 * 4`` is text). A
link's address has no white space; it may hold parentheses in balanced pairs,
one level deep (``(https://example.org/a_(b))``).

``escape`` turns any plain text into markup that reads back as exactly that
text; ``plain_text`` gives what a reader sees. ``to_markup`` writes nodes back
as markup; it raises ValueError for an emphasis whose text begins or ends with
white space, since no markup reads as that (move the spaces outside it).
``find_id`` finds a segment ID (``{#s1}``) standing in running text, which the
segment files refuse.
"""

from __future__ import annotations

import re
import string
from collections.abc import Sequence

from toolkit.model import ID_PATTERN, Code, Emph, Inline, Link, NoteRef, Strong, Text
from toolkit.store.grammar import NOTE_DEFINITION, NUMBERED

_PUNCT = frozenset(string.punctuation)
_NOTE_RE = re.compile(r"\[\^([A-Za-z0-9_-]+)\]")
#: A link's address: no white space; parentheses only in balanced pairs, one level deep.
_URL_RE = re.compile(r"\(((?:[^\s()]|\([^\s()]*\))+)\)")
#: A segment ID as it stands at the end of a segment line.
_ID_MARK = re.compile(rf"\{{#{ID_PATTERN}\}}")
#: The characters every inline construct (emphasis, link, code, footnote reference, escape)
#: starts with.
_CONSTRUCT = re.compile(r"[\\*\[`]")
#: Characters that always need a backslash in running text.
_ALWAYS = frozenset("\\*[]`")
#: Deeper nesting of emphasis and links is read as text (it keeps the parser's stack small).
_MAX_DEPTH = 32
#: Nodes, the index after them, whether the closer was found, where ID marks stand in text.
_Result = tuple[tuple[Inline, ...], int, bool, tuple[int, ...]]


def parse_inline(markup: str) -> tuple[Inline, ...]:
    """Parse segment markup into inline nodes. Never fails: what is not markup is text."""
    if not _CONSTRUCT.search(markup):  # most text: no construct can start in it
        return (Text(markup),) if markup else ()
    return parsed(markup)


def parsed(markup: str) -> tuple[Inline, ...]:
    """The nodes, by the full parse (what ``parse_inline`` gives for any markup)."""
    return _parse(markup, 0, "", {}, 0)[0]


def find_id(markup: str) -> int:
    """The index of the first segment ID (``{#s1}``) that ``markup`` holds as running text,
    or -1. An ID whose ``{`` is escaped (``\\{#s1}``), or that stands in code or in a link's
    address, is not one; nor is ``{#1x}``, which is not an ID."""
    if "{#" not in markup:  # the common case, without parsing
        return -1
    marks = _parse(markup, 0, "", {}, 0)[3]
    return marks[0] if marks else -1


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


def merge_texts(nodes: Sequence[Inline]) -> list[Inline]:
    """The same nodes with adjacent texts as one and empty texts dropped: two node lists
    that read the same compare equal once merged."""
    out: list[Inline] = []
    for node in nodes:
        if isinstance(node, Text):
            if not node.text:
                continue
            if out and isinstance(out[-1], Text):
                out[-1] = Text(out[-1].text + node.text)
                continue
        out.append(node)
    return out


def escape(text: str) -> str:
    """Markup that reads back as exactly ``text`` (one line, no markup)."""
    return line_safe(_escape_inner(text))


def line_safe(markup: str) -> str:
    """``markup`` with a backslash before whatever at its start would begin a block
    (``#``, ``>``, ``|``, ``![``; ``- `` or ``1. ``, also after spaces; the colon of a
    footnote reference followed by one), so that it can stand as a line of its own (a
    sentence split from a paragraph). What it reads as is unchanged.

    A line starting with a code fence (three backticks) cannot be made safe this way
    without changing what it reads as: it is returned as it is, and the caller must
    check (``docwriter.starts_block``).
    """
    indent = len(markup) - len(markup.lstrip(" "))
    rest = markup[indent:]
    number = NUMBERED.match(rest)
    if number:
        at = indent + number.end() - (2 if number.group().endswith(" ") else 1)
        return markup[:at] + "\\" + markup[at:]
    if rest == "-" or rest[:2] == "- ":
        return markup[:indent] + "\\" + rest
    if markup[:1] in ("#", ">", "|") or markup[:2] == "![":
        return "\\" + markup
    note = NOTE_DEFINITION.match(markup)
    if note:
        return markup[: note.end() - 1] + "\\" + markup[note.end() - 1 :]
    return markup


def to_markup(nodes: tuple[Inline, ...]) -> str:
    """Write inline nodes as markup (the inverse of ``parse_inline`` on canonical nodes)."""
    out: list[str] = []
    for node in nodes:
        if isinstance(node, Text):
            out.append(escape(node.text) if not out else _escape_inner(node.text))
        elif isinstance(node, Code):
            out.append(f"`{node.text}`")
        elif isinstance(node, Emph | Strong):
            inner = to_markup(node.children)
            if inner[:1].isspace() or inner[-1:].isspace():
                raise ValueError(
                    f"emphasis cannot begin or end with white space: {inner!r} "
                    "(move the spaces outside it)"
                )
            mark = "*" if isinstance(node, Emph) else "**"
            out.append(f"{mark}{inner}{mark}")
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
    """Parse from ``i`` until ``closer`` (or the end). Returns nodes, next index, closed?,
    and where segment IDs stand in running text (for ``find_id``).

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
    marks: list[int] = []

    def flush() -> None:
        if buf:
            nodes.append(Text("".join(buf)))
            buf.clear()

    n = len(s)
    while i < n:
        ch = s[i]
        if closer and s.startswith(closer, i) and _closes(s, i, closer):
            flush()
            return tuple(nodes), i + len(closer), True, tuple(marks)
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
            after = i + len(mark)
            # Followed by white space (or nothing), a '*' or '**' cannot open emphasis.
            if after < n and not s[after].isspace():
                inner, j, closed, inner_marks = _parse(s, after, mark, memo, depth + 1)
                if closed and inner:
                    flush()
                    nodes.append(Strong(inner) if mark == "**" else Emph(inner))
                    marks.extend(inner_marks)
                    i = j
                    continue
            buf.append(mark)
            i = after
            continue
        elif ch == "[":
            note = _NOTE_RE.match(s, i)
            if note:
                flush()
                nodes.append(NoteRef(note.group(1)))
                i = note.end()
                continue
            if depth < _MAX_DEPTH:
                inner, j, closed, inner_marks = _parse(s, i + 1, "]", memo, depth + 1)
                url = _URL_RE.match(s, j) if closed else None
                if url and inner:
                    flush()
                    nodes.append(Link(inner, url.group(1)))
                    marks.extend(inner_marks)
                    i = url.end()
                    continue
        elif ch == "{" and _ID_MARK.match(s, i):
            marks.append(i)
        buf.append(ch)
        i += 1
    flush()
    return tuple(nodes), i, False, tuple(marks)


def _closes(s: str, i: int, closer: str) -> bool:
    """May the ``closer`` found at ``i`` close what is open?"""
    if closer == "]":
        return True
    # '*' inside '**' is not a closer; a '*' or '**' after white space cannot close emphasis.
    return not (closer == "*" and s.startswith("**", i)) and not s[i - 1].isspace()
