"""XML read safely and lazily, for XLIFF and TMX.

lxml parses with entities left unresolved, no DTD loaded and no network; a file whose
document type declares entities is refused outright (an entity bomb needs them, a
translation file does not). Elements are read as they end and dropped once read, so a
large translation memory never sits in memory whole.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any, TypeAlias

from lxml import etree

from toolkit.errors import Location, ToolkitError
from toolkit.exchange.entry import CODE

#: lxml ships no type information: an element is typed as what it is to mypy.
Element: TypeAlias = Any

#: Inline elements that stand for codes of the original format (a tag, a placeholder):
#: each becomes ``CODE``, its content dropped. XLIFF 1.2: x, bx, ex, ph, bpt, ept, it;
#: XLIFF 2: ph, sc, ec; TMX: ph, bpt, ept, it, ut.
CODE_TAGS = frozenset({"x", "bx", "ex", "ph", "bpt", "ept", "it", "ut", "sc", "ec"})


def local(tag: object) -> str:
    """An element's name without its namespace ("" for comments and entities)."""
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def events(
    path: Path,
    source: IO[bytes] | None = None,
    kinds: tuple[str, ...] = ("start", "end"),
    tag: str | None = None,
) -> Iterator[tuple[str, Element]]:
    """("start" | "end", element) for the file's elements, refusing declared entities.

    ``source``: the XML to read, when it is not the file ``path`` itself (a part of a
    workbook); errors name ``path``. ``kinds`` and ``tag`` narrow what is reported (only
    the ends of ``<row>``, say), which is much faster for a large file."""
    parser = etree.iterparse(
        source if source is not None else str(path),
        events=kinds,
        tag=tag,
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    first = True
    try:
        for event, element in parser:
            if first:
                first = False
                _refuse_entities(path, element)
            yield event, element
    except etree.XMLSyntaxError as err:
        line = err.lineno or 0
        raise ToolkitError(
            f"not well-formed XML: {err.msg}",
            where=Location(path, line, err.offset or 0),
            fix="fix the XML at that place, or export the file again from its tool",
        ) from err


def _refuse_entities(path: Path, root: Element) -> None:
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.entities()):
        raise ToolkitError(
            "the file's document type declares entities, which this toolkit does not expand",
            where=Location(path, 1),
            fix="remove the <!ENTITY …> declarations (a translation file needs none)",
        )


def release(element: Element) -> None:
    """Free an element that has been read, and the siblings read before it."""
    element.clear(keep_tail=True)
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]


def plain(element: Element | None, skip: Callable[[str], bool] = lambda name: False) -> str:
    """An element's text, inline codes as ``CODE`` and wrappers (g, mrk, pc, hi) read
    through. Unresolved entity references are kept as written (``&name;``)."""
    if element is None:
        return ""
    parts: list[str] = [element.text or ""]
    for child in element:
        name = local(child.tag)
        if child.tag is etree.Entity:
            parts.append(f"&{child.name};")
        elif name in CODE_TAGS:
            parts.append(CODE)
        elif not skip(name):
            parts.append(plain(child, skip))
        parts.append(child.tail or "")
    return "".join(parts)


def xml_lang(element: Element) -> str | None:
    value = element.get("{http://www.w3.org/XML/1998/namespace}lang") or element.get("lang")
    return value if isinstance(value, str) else None
