"""XLIFF 1.2, which most translation tools still read: one ``<trans-unit>`` per bead.

A trans-unit's ``id`` is the bead's identifier. Emphasis, strong emphasis and links are
``<bpt>``/``<ept>`` pairs and code and footnote references ``<ph>``, each holding the
store's markup for it, as XLIFF 1.2 means native code to be held. The toolkit's own
attributes name the translation's segments and the state the bead had.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from toolkit.exchange.entry import normalise_lang
from toolkit.exchange.files.common import FileRead, remembered, state_named
from toolkit.exchange.files.tk import TK, TkMarks, tk_attributes
from toolkit.exchange.files.xmlin import side_text
from toolkit.exchange.files.xmlout import Codes, Dialect, attr, per_unit, side, text
from toolkit.exchange.units import Exchange, ExportFormat, FileUnit, Unit
from toolkit.exchange.xliff import sides
from toolkit.exchange.xml import Element, local, release
from toolkit.model import PERSON_STATES, BeadState

NS = "urn:oasis:names:tc:xliff:document:1.2"

#: The store's states as XLIFF 1.2 target states.
STATES = {
    BeadState.AUTO: "translated",
    BeadState.REVIEWED: "signed-off",
    BeadState.LOCKED: "final",
    BeadState.OMITTED: "final",
}
_PERSON = frozenset({"signed-off", "final"})


def write(exchange: Exchange, fmt: ExportFormat) -> bytes:
    head = exchange.header
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>\n',
        f'<xliff xmlns="{NS}" xmlns:tk="{TK}" version="1.2">\n',
        f' <file original="{attr(head.work)}" source-language="{attr(head.source_lang)}" '
        f'target-language="{attr(head.target_lang)}" datatype="plaintext" '
        f'tool-id="{attr(head.tool)}" date="{head.date.strftime("%Y-%m-%dT%H:%M:%SZ")}">\n',
        "  <header>\n",
        f'   <tool tool-id="{attr(head.tool)}" tool-name="{attr(head.tool)}" '
        f'tool-version="{attr(head.version)}"/>\n',
    ]
    for name, value in head.credits:
        out.append(f'   <note from="{attr(name)}">{text(value)}</note>\n')
    out.append("  </header>\n  <body>\n")
    out.append(per_unit(exchange.units, _unit))
    out.append("  </body>\n </file>\n</xliff>\n")
    return "".join(out).encode("utf-8")


def _unit(unit: Unit) -> str:
    approved = ' approved="yes"' if unit.state in PERSON_STATES else ""
    out = [
        f'   <trans-unit id="{attr(unit.key)}"{approved}{tk_attributes(unit)} '
        'xml:space="preserve">\n'
    ]
    codes = Codes()
    out.append(f"    <source>{side(unit.source, Dialect.XLIFF1, codes, True)}</source>\n")
    if unit.target or unit.state is BeadState.OMITTED:
        target = side(unit.target, Dialect.XLIFF1, codes, False)
        out.append(f'    <target state="{STATES[unit.state]}">{target}</target>\n')
    for note in unit.notes:
        out.append(f'    <note from="toolkit-check">{text(str(note))}</note>\n')
    out.append("   </trans-unit>\n")
    return "".join(out)


def read_after_root(path: Path, stream: Iterator[tuple[str, Element]]) -> FileRead:
    """An XLIFF 1.2 file, once its root has been read: the first ``<file>``'s languages."""
    for event, element in stream:
        if event == "start" and local(element.tag) == "file":
            return FileRead(
                path,
                normalise_lang(element.get("source-language")),
                normalise_lang(element.get("target-language")),
                _units(path, stream),
            )
    return FileRead(path, None, None, iter(()))


def _units(path: Path, stream: Iterator[tuple[str, Element]]) -> Iterator[FileUnit]:
    for event, element in stream:
        if event == "end" and local(element.tag) == "trans-unit":
            yield _file_unit(path, element)
            release(element)


def _told(now: str | None) -> BeadState | None:
    """The state a tool or a person set, when the file's state changed since the export:
    signed-off or final (reviewed), new or needs-… (auto). ``translated`` says nothing of
    a review (OmegaT writes it on every unit it has a translation for): the bead keeps
    its state. (Approval given or taken away, ``approved``, is read before.)"""
    if now in _PERSON:
        return BeadState.REVIEWED
    if now == "new" or (now or "").startswith("needs-"):
        return BeadState.AUTO
    return None


def _file_unit(path: Path, unit: Element) -> FileUnit:
    source, target = sides(unit)
    now = target.get("state") if target is not None else None
    marks = TkMarks.of(unit)
    exported = marks.exported
    known = state_named(exported)
    written = STATES[known] if known is not None else None
    approved = unit.get("approved") == "yes"
    if known is not None and approved != (known in PERSON_STATES):
        state: BeadState | None = BeadState.REVIEWED if approved else BeadState.AUTO
    else:
        state = remembered(written, now, exported)
    if state is None and target is not None:
        state = _told(now)
    return FileUnit(
        key=unit.get("id"),
        target_ids=marks.target_ids,
        source=side_text(source, path),
        target=side_text(target, path),
        state=state,
        line=unit.sourceline or 0,
        base=marks.base,
    )
