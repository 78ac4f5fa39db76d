"""XLIFF 2.1: one ``<unit>`` per bead, one ``<segment>`` in it.

A unit's ``id`` is an XML name token, which a comma cannot be in, so it is the bead's
identifier with ``:`` for ``,`` (``s3:s4``; ``:t7`` for ``+t7``), and its ``name`` is the
identifier itself. The toolkit's own attributes (namespace ``urn:bilingual-toolkit:exchange``)
name the translation's segments and the state the bead had. Emphasis and links are
``<pc>``, code and footnote references ``<ph>``, each code's markup in ``<originalData>``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from toolkit.errors import Location, ToolkitError
from toolkit.exchange.entry import normalise_lang
from toolkit.exchange.files.common import FileRead, remembered, state_named
from toolkit.exchange.files.tk import TK, TkMarks, tk_attributes
from toolkit.exchange.files.xmlin import side_text
from toolkit.exchange.files.xmlout import Codes, Dialect, attr, per_unit, side, text
from toolkit.exchange.units import Exchange, ExportFormat, FileUnit, Text, Unit
from toolkit.exchange.xml import Element, events, local, release
from toolkit.model import BeadState

NS = "urn:oasis:names:tc:xliff:document:2.0"

#: The store's states as XLIFF 2 segment states (a 1-0 bead not yet translated: initial).
STATES = {
    BeadState.AUTO: "translated",
    BeadState.REVIEWED: "reviewed",
    BeadState.LOCKED: "final",
    BeadState.OMITTED: "final",
}
#: XLIFF 2 states a tool set, as the store's. ``translated`` says nothing of a review (a
#: tool writes it on every unit it has a translation for): the bead keeps its state.
FROM_STATE = {
    "initial": BeadState.AUTO,
    "reviewed": BeadState.REVIEWED,
    "final": BeadState.REVIEWED,
}


def unit_id(key: str) -> str:
    """A bead key as an XLIFF 2 unit id, an NMTOKEN: ``s3,s4`` → ``s3:s4``, ``+t7`` →
    ``:t7``."""
    return key.replace(",", ":").replace("+", ":")


def key_of(ident: str) -> str:
    """The bead key a unit id stands for (``unit_id`` read back), for a unit that lost its
    ``name``."""
    added = ident.startswith(":")
    return ("+" if added else "") + ident.removeprefix(":").replace(":", ",")


def write(exchange: Exchange, fmt: ExportFormat) -> bytes:
    head = exchange.header
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>\n',
        f'<xliff xmlns="{NS}" xmlns:tk="{TK}" version="2.1" '
        f'srcLang="{attr(head.source_lang)}" trgLang="{attr(head.target_lang)}">\n',
        f' <file id="f1" original="{attr(head.work)}">\n',
    ]
    if head.credits:
        out.append("  <notes>\n")
        for name, value in head.credits:
            out.append(f'   <note category="{attr(name)}">{text(value)}</note>\n')
        out.append("  </notes>\n")
    out.append(per_unit(exchange.units, _unit))
    out.append(" </file>\n</xliff>\n")
    return "".join(out).encode("utf-8")


def _unit(unit: Unit) -> str:
    key = unit.key
    out = [f'  <unit id="{unit_id(key)}" name="{attr(key)}"{tk_attributes(unit)}>\n']
    if unit.notes:
        out.append("   <notes>\n")
        for note in unit.notes:
            out.append(f'    <note category="toolkit-check">{text(str(note))}</note>\n')
        out.append("   </notes>\n")
    codes = Codes()
    source = side(unit.source, Dialect.XLIFF2, codes, True)
    translated = bool(unit.target) or unit.state is BeadState.OMITTED
    target = side(unit.target, Dialect.XLIFF2, codes, False)
    if codes.data:
        out.append("   <originalData>\n")
        for native, ref in codes.data.items():
            out.append(f'    <data id="{ref}">{text(native)}</data>\n')
        out.append("   </originalData>\n")
    state = STATES[unit.state] if translated else "initial"
    out.append(f'   <segment state="{state}">\n')
    out.append(f'    <source xml:space="preserve">{source}</source>\n')
    if translated:
        out.append(f'    <target xml:space="preserve">{target}</target>\n')
    out.append("   </segment>\n  </unit>\n")
    return "".join(out)


def read(path: Path, fmt: ExportFormat) -> FileRead:
    stream = events(path)
    for event, element in stream:
        if event != "start":
            continue
        name = local(element.tag)
        if name != "xliff":
            raise ToolkitError(
                f"an XLIFF file starts with <xliff>, this one with <{name}>",
                where=Location(path, element.sourceline or 0),
                fix="give an XLIFF file (2.x or 1.2)",
            )
        if (element.get("version") or "").startswith("1"):
            from toolkit.exchange.files.xliff1 import read_after_root

            return read_after_root(path, stream)
        return FileRead(
            path,
            normalise_lang(element.get("srcLang")),
            normalise_lang(element.get("trgLang")),
            _units(path, stream),
        )
    raise ToolkitError("the file is empty", where=Location(path), fix="give an XLIFF file")


def _units(path: Path, stream: Iterator[tuple[str, Element]]) -> Iterator[FileUnit]:
    for event, element in stream:
        if event == "end" and local(element.tag) == "unit":
            yield _file_unit(path, element)
            release(element)


def _file_unit(path: Path, unit: Element) -> FileUnit:
    data: dict[str, str] = {}
    sources: list[Element] = []
    targets: list[Element] = []
    state: str | None = None
    for child in unit:
        name = local(child.tag)
        if name == "originalData":
            data.update({d.get("id", ""): d.text or "" for d in child if local(d.tag) == "data"})
        elif name in ("segment", "ignorable"):
            if name == "segment" and state is None:
                state = child.get("state", "initial")
            for part in child:
                if local(part.tag) == "source":
                    sources.append(part)
                elif local(part.tag) == "target":
                    targets.append(part)
    key = unit.get("name") or key_of(unit.get("id") or "") or None
    marks = TkMarks.of(unit)
    known = state_named(marks.exported)
    written = STATES[known] if known is not None else None
    kept = remembered(written, state, marks.exported)
    return FileUnit(
        key=key,
        target_ids=marks.target_ids,
        source=_joined(path, sources, data),
        target=_joined(path, targets, data),
        state=kept or FROM_STATE.get(state or ""),
        line=unit.sourceline or 0,
        base=marks.base,
    )


def _joined(path: Path, parts: list[Element], data: dict[str, str]) -> Text | None:
    """The side's text: the unit's segments (and what lies between them) one after another,
    as a tool that split the unit into several segments leaves it."""
    texts = [side_text(p, path, data) for p in parts]
    found = [t for t in texts if t is not None]
    if not found:
        return None
    lines: list[str] = []
    for t in found:
        if lines:
            lines[-1] += t.lines[0]
            lines.extend(t.lines[1:])
        else:
            lines.extend(t.lines)
    return Text(tuple(lines))
