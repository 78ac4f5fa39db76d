"""A unit's side read back from XML: inline codes to the store's markup, a line each."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from toolkit.errors import Location, ToolkitError
from toolkit.exchange.codes import Close, CodeError, Open, Point, Token, markup
from toolkit.exchange.units import LINE, Text
from toolkit.exchange.xml import Element, local

#: Elements that only wrap text (XLIFF 1.2 ``g``, ``mrk``): read through.
_WRAPPERS = frozenset({"g", "mrk", "hi"})


def side_text(
    element: Element | None, path: Path, data: Mapping[str, str] | None = None
) -> Text | None:
    """The side's lines as markup; None for no element. Raises ToolkitError at the
    element's line for codes that do not make markup."""
    if element is None:
        return None
    parts: list[Token] = []
    try:
        _read(element, parts, data)
        return Text(tuple(markup(line) for line in _lines(parts)))
    except (CodeError, ValueError, KeyError) as err:
        what = f"no markup for code {err}" if isinstance(err, KeyError) else str(err)
        raise ToolkitError(
            f"the inline codes of <{local(element.tag)}> do not make the text's markup: {what}",
            where=Location(path, element.sourceline or 0),
            fix="keep the codes (tags) of the original in the translation, each pair in order "
            "and on one line, or export the work again",
        ) from None


def _read(element: Element, parts: list[Token], data: Mapping[str, str] | None) -> None:
    if element.text:
        parts.append(element.text)
    for child in element:
        name = local(child.tag)
        if name == "bpt":
            parts.append(Open(child.text or ""))
        elif name == "ept":
            parts.append(Close(child.text or ""))
        elif name == "ph":
            ref = child.get("dataRef")
            parts.append(Point(_data(data, ref) if data is not None else child.text or ""))
        elif name == "pc" and data is not None:
            parts.append(Open(_data(data, child.get("dataRefStart"))))
            _read(child, parts, data)
            parts.append(Close(_data(data, child.get("dataRefEnd"))))
        elif name == "sc" and data is not None:
            parts.append(Open(_data(data, child.get("dataRef"))))
        elif name == "ec" and data is not None:
            parts.append(Close(_data(data, child.get("dataRef"))))
        elif name in _WRAPPERS:
            _read(child, parts, data)
        elif name:
            raise CodeError(f"<{name}> is not a code the toolkit wrote")
        if child.tail:
            parts.append(child.tail)


def _data(data: Mapping[str, str] | None, ref: str | None) -> str:
    if data is None or ref is None or ref not in data:
        raise KeyError(ref or "(no dataRef)")
    return data[ref]


def _lines(parts: list[Token]) -> list[list[Token]]:
    lines: list[list[Token]] = [[]]
    for part in parts:
        if isinstance(part, str):
            first, *rest = part.split(LINE)
            lines[-1].append(first)
            for piece in rest:
                lines.append([piece])
        else:
            lines[-1].append(part)
    return lines
