"""XLIFF 1.2 and 2.x files.

XLIFF 1.2: each ``<trans-unit>`` is an entry (``translate="no"`` ones are not); the
``<file>``'s ``source-language`` and ``target-language`` give the languages; a target
whose ``state`` is ``new`` or ``needs-translation`` is untranslated, a ``needs-…`` one
fuzzy. XLIFF 2: each ``<segment>`` of a ``<unit>`` is an entry, named by the unit's ID
(and the segment's, when the unit has several); ``srcLang`` and ``trgLang`` on the root
give the languages; a segment in state ``initial`` is fuzzy when it has a target.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from toolkit.errors import Location, ToolkitError
from toolkit.exchange.entry import Bitext, Entry, Format, Languages, normalise_lang
from toolkit.exchange.xml import Element, events, local, plain, release

_UNTRANSLATED_STATES = frozenset({"new", "needs-translation"})


def read_xliff(path: Path) -> Bitext:
    stream = events(path)
    for event, element in stream:
        name = local(element.tag)
        if event != "start":
            continue
        if name != "xliff":
            raise ToolkitError(
                f"an XLIFF file starts with <xliff>, this one with <{name}>",
                where=Location(path, element.sourceline or 0),
                fix="give an XLIFF file (1.2 or 2.x)",
            )
        version = element.get("version") or ""
        if version.startswith("1"):
            return _version1(path, stream)
        languages = Languages(
            normalise_lang(element.get("srcLang")), normalise_lang(element.get("trgLang"))
        )
        return Bitext(path, Format.XLIFF, languages, _units2(stream))
    raise ToolkitError("the file is empty", where=Location(path), fix="give an XLIFF file")


def _version1(path: Path, stream: Iterator[tuple[str, Element]]) -> Bitext:
    for event, element in stream:
        if event == "start" and local(element.tag) == "file":
            languages = Languages(
                normalise_lang(element.get("source-language")),
                normalise_lang(element.get("target-language")),
            )
            return Bitext(path, Format.XLIFF, languages, _units1(stream))
    return Bitext(path, Format.XLIFF, Languages(), iter(()))


def _units1(stream: Iterator[tuple[str, Element]]) -> Iterator[Entry]:
    for event, element in stream:
        if event != "end" or local(element.tag) != "trans-unit":
            continue
        if element.get("translate") != "no":
            yield _unit1(element)
        release(element)


def sides(unit: Element) -> tuple[Element | None, Element | None]:
    """A trans-unit's ``<source>`` and ``<target>`` (None where it has none)."""
    source = target = None
    for child in unit:
        name = local(child.tag)
        if name == "source":
            source = child
        elif name == "target":
            target = child
    return source, target


def _unit1(unit: Element) -> Entry:
    source, target = sides(unit)
    notes = [c.text.strip() for c in unit if local(c.tag) == "note" and c.text]
    state = target.get("state") if target is not None else None
    text = plain(target)
    if state in _UNTRANSLATED_STATES:
        text = ""
    fuzzy = bool(state and state.startswith("needs-") and state not in _UNTRANSLATED_STATES)
    return Entry(unit.get("id"), plain(source), text, unit.sourceline or 0, fuzzy, tuple(notes))


def _units2(stream: Iterator[tuple[str, Element]]) -> Iterator[Entry]:
    for event, element in stream:
        if event != "end" or local(element.tag) != "unit":
            continue
        if element.get("translate") != "no":
            yield from _unit2(element)
        release(element)


def _unit2(unit: Element) -> Iterator[Entry]:
    notes = tuple(
        (note.text or "").strip()
        for child in unit
        if local(child.tag) == "notes"
        for note in child
        if local(note.tag) == "note" and note.text
    )
    segments = [child for child in unit if local(child.tag) == "segment"]
    for segment in segments:
        source = next((c for c in segment if local(c.tag) == "source"), None)
        target = next((c for c in segment if local(c.tag) == "target"), None)
        key = unit.get("id")
        if len(segments) > 1 and segment.get("id"):
            key = f"{key}/{segment.get('id')}"
        text = plain(target)
        fuzzy = bool(text) and segment.get("state") == "initial"
        yield Entry(key, plain(source), text, segment.sourceline or 0, fuzzy, notes)
