"""TMX translation memories (1.4).

Each ``<tu>`` is an entry: its variant (``<tuv>``) in the source language is the source,
another variant the target. The header's ``srclang`` (or the unit's own) names the
source; the target is the first other language, unless the caller wants a given one.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import chain
from pathlib import Path

from toolkit.errors import Location, ToolkitError
from toolkit.exchange.entry import Bitext, Entry, Format, Languages, normalise_lang
from toolkit.exchange.xml import Element, events, local, plain, release, xml_lang

#: What may come before the first unit: the root, the header and what a header holds.
HEADER_PARTS = frozenset({"tmx", "header", "prop", "note", "ude", "map"})


def read_tmx(path: Path) -> Bitext:
    stream = events(path)
    source = header(path, stream)
    return _with_target(path, source, _units(stream, source))


def header(path: Path, stream: Iterator[tuple[str, Element]]) -> str | None:
    """Read ``stream`` up to the end of the TMX header; the source language it names."""
    for event, element in stream:
        name = local(element.tag)
        if event == "end" and name == "header":
            return normalise_lang(element.get("srclang"))
        if event == "start" and name not in HEADER_PARTS:
            raise ToolkitError(
                f"a TMX file is <tmx> with a <header> first, this one has <{name}> before it",
                where=Location(path, element.sourceline or 0),
                fix="give a TMX 1.4 file (its <header srclang=…> names the source language)",
            )
    raise ToolkitError("the file has no <header>", where=Location(path), fix="give a TMX file")


def _with_target(
    path: Path, source: str | None, units: Iterator[tuple[Entry, str | None]]
) -> Bitext:
    """The bitext, its target language the first unit's other language (a TMX header names
    only the source's): the first unit is read ahead for it."""
    first = next(units, None)
    target = None
    head: list[Entry] = []
    if first is not None:
        head.append(first[0])
        target = first[1]
        if target is None:
            for entry, lang in units:
                head.append(entry)
                if lang is not None:
                    target = lang
                    break
    entries = chain(head, (entry for entry, _ in units))
    return Bitext(path, Format.TMX, Languages(source, target), entries)


def _units(
    stream: Iterator[tuple[str, Element]], header_source: str | None
) -> Iterator[tuple[Entry, str | None]]:
    for event, element in stream:
        if event == "end" and local(element.tag) == "tu":
            found = _unit(element, normalise_lang(element.get("srclang")) or header_source)
            if found is not None:
                yield found
            release(element)


def _unit(unit: Element, source_lang: str | None) -> tuple[Entry, str | None] | None:
    """The unit's entry, and its target's language (None: it has no other variant)."""
    variants: list[tuple[str | None, str]] = []
    notes: list[str] = []
    for child in unit:
        name = local(child.tag)
        if name == "tuv":
            seg = next((c for c in child if local(c.tag) == "seg"), None)
            variants.append((normalise_lang(xml_lang(child)), plain(seg)))
        elif name == "note" and child.text:
            notes.append(child.text.strip())
    if not variants:
        return None
    source = next((text for lang, text in variants if _same(lang, source_lang)), variants[0][1])
    others = [(lang, text) for lang, text in variants if not _same(lang, source_lang)]
    target = others[0][1] if others else ""
    entry = Entry(unit.get("tuid"), source, target, unit.sourceline or 0, False, tuple(notes))
    return entry, others[0][0] if others else None


def _same(a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and a.lower() == b.lower()
