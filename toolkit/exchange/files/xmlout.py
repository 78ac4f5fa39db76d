"""XML written by hand, fast and exact: escaped text, and a segment's markup as the
inline codes of XLIFF 1.2, XLIFF 2 and TMX."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from enum import Enum

from toolkit.errors import ToolkitError
from toolkit.exchange.codes import Close, Open, Point, Token, tokens
from toolkit.exchange.units import Unit

#: Characters XML 1.0 cannot hold, even as references.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_TEXT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})
_ATTR = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        '"': "&quot;",
        "\n": "&#10;",
        "\r": "&#13;",
        "\t": "&#9;",
    }
)


class NotXml(ValueError):
    """Text holding a character XML cannot carry."""


def per_unit(units: Iterable[Unit], write: Callable[[Unit], str]) -> str:
    """The units' XML, one after another; a unit whose text holds a character XML cannot
    carry is an error naming its bead."""
    out: list[str] = []
    for unit in units:
        try:
            out.append(write(unit))
        except NotXml as err:
            raise ToolkitError(
                f"bead {unit.key} holds {err}, a character XML cannot carry",
                fix="remove it from the segment (toolkit check names it: invalid-character), "
                "or export to CSV, TSV or PO",
            ) from None
    return "".join(out)


def text(value: str) -> str:
    found = _NOT_XML.search(value)
    if found:
        raise NotXml(f"U+{ord(found.group()):04X}")
    return value.translate(_TEXT)


def attr(value: str) -> str:
    found = _NOT_XML.search(value)
    if found:
        raise NotXml(f"U+{ord(found.group()):04X}")
    return value.translate(_ATTR)


class Dialect(Enum):
    XLIFF1 = "xliff1"
    XLIFF2 = "xliff2"
    TMX = "tmx"


_KIND = {"*": "italic", "**": "bold", "[": "link"}
_XLIFF2_SUBTYPE = {"*": ' type="fmt" subType="xlf:i"', "**": ' type="fmt" subType="xlf:b"'}


@dataclass
class Codes:
    """The codes of one unit, numbered so that a code in the translation that is the same
    as one in the original has its number (what translation tools match tags by); in
    XLIFF 2, the markup of each distinct code once, for ``<originalData>``."""

    source_keys: list[tuple[str, str]] = field(default_factory=list)
    next_id: int = 0
    data: dict[str, str] = field(default_factory=dict)

    def number(self, key: tuple[str, str], used: set[int], source: bool) -> int:
        if source:
            self.source_keys.append(key)
            self.next_id = len(self.source_keys)
            return len(self.source_keys)
        for index, known in enumerate(self.source_keys, 1):
            if known == key and index not in used:
                return index
        self.next_id += 1
        return self.next_id

    def ref(self, native: str) -> str:
        if native not in self.data:
            self.data[native] = f"d{len(self.data) + 1}"
        return self.data[native]


def inline(markup: str, dialect: Dialect, codes: Codes, source: bool, used: set[int]) -> str:
    """One segment's markup as XML text with the dialect's inline codes (``used``: the
    numbers the side has given so far)."""
    parts = tokens(markup)
    closes = _pairs(parts)
    out: list[str] = []
    open_ids: list[int] = []
    for index, part in enumerate(parts):
        if isinstance(part, str):
            out.append(text(part))
        elif isinstance(part, Point):
            kind = "x-code" if part.native.startswith("`") else "x-footnote"
            n = codes.number(("", part.native), used, source)
            used.add(n)
            out.append(_point(dialect, n, kind, part.native, codes))
        elif isinstance(part, Open):
            end = parts[closes[index]]
            assert isinstance(end, Close)
            n = codes.number((part.native, end.native), used, source)
            used.add(n)
            open_ids.append(n)
            out.append(_open(dialect, n, part.native, end.native, codes))
        else:
            n = open_ids.pop()
            out.append(_close(dialect, n, part.native))
    return "".join(out)


def _pairs(parts: Sequence[Token]) -> dict[int, int]:
    stack: list[int] = []
    pairs: dict[int, int] = {}
    for index, part in enumerate(parts):
        if isinstance(part, Open):
            stack.append(index)
        elif isinstance(part, Close):
            pairs[stack.pop()] = index
    return pairs


def _point(dialect: Dialect, n: int, kind: str, native: str, codes: Codes) -> str:
    if dialect is Dialect.XLIFF2:
        other = ' type="fmt"' if kind == "x-code" else ' type="other"'
        shown = native[1:-1] if kind == "x-code" else native[2:-1]
        return f'<ph id="{n}" dataRef="{codes.ref(native)}"{other} disp="{attr(shown)}"/>'
    if dialect is Dialect.XLIFF1:
        return f'<ph id="{n}" ctype="{kind}">{text(native)}</ph>'
    return f'<ph x="{n}" type="{kind}">{text(native)}</ph>'


def _open(dialect: Dialect, n: int, native: str, end: str, codes: Codes) -> str:
    if dialect is Dialect.XLIFF2:
        kind = _XLIFF2_SUBTYPE.get(native, ' type="link"')
        return (
            f'<pc id="{n}" dataRefStart="{codes.ref(native)}" dataRefEnd="{codes.ref(end)}"{kind}>'
        )
    if dialect is Dialect.XLIFF1:
        return f'<bpt id="{n}" ctype="{_KIND[native]}">{text(native)}</bpt>'
    return f'<bpt i="{n}" x="{n}" type="{_KIND[native]}">{text(native)}</bpt>'


def _close(dialect: Dialect, n: int, native: str) -> str:
    if dialect is Dialect.XLIFF2:
        return "</pc>"
    if dialect is Dialect.XLIFF1:
        return f'<ept id="{n}">{text(native)}</ept>'
    return f'<ept i="{n}">{text(native)}</ept>'


def side(lines: Sequence[str], dialect: Dialect, codes: Codes, source: bool) -> str:
    """A unit's side: its segments' markup, a line each."""
    used: set[int] = set()
    return "\n".join(inline(line, dialect, codes, source, used) for line in lines)
