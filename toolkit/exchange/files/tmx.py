"""TMX 1.4b: a translation memory of the work's beads, its attribution in the header.

A ``<tu>``'s ``tuid`` is the bead's identifier; a bead with no source (0-1) has only
the translation's ``<tuv>``, one with no translation (1-0) only the original's. Each
``<tuv>`` names its segments (``x-segments``), each ``<tu>`` its state (``x-state``).
Inline codes as in XLIFF 1.2: ``<bpt>``/``<ept>`` and ``<ph>`` holding the store's markup.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from toolkit.errors import Location, ToolkitError
from toolkit.exchange.entry import normalise_lang
from toolkit.exchange.files.common import FileRead
from toolkit.exchange.files.xmlin import side_text
from toolkit.exchange.files.xmlout import Codes, Dialect, attr, per_unit, side, text
from toolkit.exchange.tmx import header
from toolkit.exchange.units import Exchange, ExportFormat, FileUnit, Unit
from toolkit.exchange.xml import Element, events, local, release, xml_lang
from toolkit.languages import same_language
from toolkit.model import BeadState


def write(exchange: Exchange, fmt: ExportFormat) -> bytes:
    head = exchange.header
    stamp = head.date.strftime("%Y%m%dT%H%M%SZ")
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>\n',
        '<tmx version="1.4">\n',
        f' <header creationtool="{attr(head.tool)}" creationtoolversion="{attr(head.version)}" '
        f'datatype="plaintext" segtype="sentence" adminlang="en" '
        f'srclang="{attr(head.source_lang)}" o-tmf="{attr(head.tool)}" '
        f'creationdate="{stamp}">\n',
    ]
    for name, value in head.credits:
        out.append(f'  <prop type="x-{attr(name)}">{text(value)}</prop>\n')
    out.append(" </header>\n <body>\n")
    out.append(per_unit(exchange.units, lambda u: _unit(u, head.source_lang, head.target_lang)))
    out.append(" </body>\n</tmx>\n")
    return "".join(out).encode("utf-8")


def _unit(unit: Unit, source_lang: str, target_lang: str) -> str:
    out = [
        f'  <tu tuid="{attr(unit.key)}">\n',
        f'   <prop type="x-state">{unit.state}</prop>\n',
        f'   <prop type="x-base">{unit.base}</prop>\n',
    ]
    for note in unit.notes:
        out.append(f"   <note>{text(str(note))}</note>\n")
    codes = Codes()
    if unit.source_ids:
        out.append(_tuv(source_lang, unit.source_ids, side(unit.source, Dialect.TMX, codes, True)))
    if unit.target_ids:
        out.append(_tuv(target_lang, unit.target_ids, side(unit.target, Dialect.TMX, codes, False)))
    out.append("  </tu>\n")
    return "".join(out)


def _tuv(lang: str, ids: tuple[str, ...], seg: str) -> str:
    return (
        f'   <tuv xml:lang="{attr(lang)}">\n'
        f'    <prop type="x-segments">{",".join(ids)}</prop>\n'
        f"    <seg>{seg}</seg>\n   </tuv>\n"
    )


def read(path: Path, fmt: ExportFormat) -> FileRead:
    stream = events(path)
    source = header(path, stream)
    return FileRead(path, source, None, _units(path, stream, source))


def _units(
    path: Path, stream: Iterator[tuple[str, Element]], source: str | None
) -> Iterator[FileUnit]:
    for event, element in stream:
        if event == "end" and local(element.tag) == "tu":
            yield _file_unit(path, element, source)
            release(element)


def _file_unit(path: Path, unit: Element, source_lang: str | None) -> FileUnit:
    state: BeadState | None = None
    base: str | None = None
    source = target = None
    target_ids: tuple[str, ...] | None = None
    target_lang: str | None = None
    for child in unit:
        name = local(child.tag)
        if name == "prop" and child.get("type") == "x-state":
            try:
                state = BeadState((child.text or "").strip())
            except ValueError:
                raise ToolkitError(
                    f"x-state {child.text!r} is not a state of a bead",
                    where=Location(path, child.sourceline or 0),
                    fix=f"write one of: {', '.join(s.value for s in BeadState)}",
                ) from None
        elif name == "prop" and child.get("type") == "x-base":
            base = (child.text or "").strip() or None
        elif name == "tuv":
            lang = normalise_lang(xml_lang(child))
            seg = next((c for c in child if local(c.tag) == "seg"), None)
            ids = next(
                (
                    c.text or ""
                    for c in child
                    if local(c.tag) == "prop" and c.get("type") == "x-segments"
                ),
                None,
            )
            if lang is not None and source_lang is not None and same_language(lang, source_lang):
                source = side_text(seg, path)
            elif target is None:
                target = side_text(seg, path)
                target_lang = lang
                target_ids = tuple(ids.split(",")) if ids else None
    return FileUnit(
        key=unit.get("tuid"),
        target_ids=target_ids if target_ids is not None else (() if state is not None else None),
        source=source,
        target=target,
        state=state,
        line=unit.sourceline or 0,
        lang=target_lang,
        base=base,
    )
