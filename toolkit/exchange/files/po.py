"""Gettext PO: one entry per bead, its identifier as ``msgctxt``.

``msgid`` is the original's side and ``msgstr`` the translation's, each in the store's
inline markup, a line per segment. A bead the translator added (0-1) has an empty
``msgid``; its ``msgctxt`` (``+t7``) keeps it from being the header, which is the one
entry with an empty ``msgid`` and no context. Extracted comments (``#.``) name the
translation's segments and the state, and carry the findings of ``toolkit check``. A
translator who marks an entry ``fuzzy`` (Weblate: "needs editing") sends the bead back
to ``auto``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import polib

from toolkit.errors import Location, ToolkitError
from toolkit.exchange.entry import normalise_lang
from toolkit.exchange.files.common import FileRead, state_named
from toolkit.exchange.po import open_po
from toolkit.exchange.units import LINE, Exchange, ExportFormat, FileUnit, Text, Unit
from toolkit.model import BeadState

_IDS = "translation: "
_STATE = "state: "
_BASE = "base: "


def write(exchange: Exchange, fmt: ExportFormat) -> bytes:
    head = exchange.header
    po = polib.POFile(wrapwidth=0)
    po.header = "\n".join(f"{name}: {value}" for name, value in head.credits)
    # a header value is one line: a line break in a name would start a header key of its own
    translators = [" ".join(value.split()) for name, value in head.credits if name == "translator"]
    stamp = head.date.strftime("%Y-%m-%d %H:%M+0000")
    po.metadata = {
        "Project-Id-Version": f"{head.work} {head.version}",
        "POT-Creation-Date": stamp,
        "PO-Revision-Date": stamp,
        "Last-Translator": ", ".join(translators) or head.tool,
        "Language-Team": head.target_lang,
        "Language": head.target_lang.replace("-", "_"),
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "X-Generator": f"{head.tool} {head.version}",
        "X-Source-Language": head.source_lang,
    }
    for unit in exchange.units:
        po.append(_entry(unit))
    return str(po).encode("utf-8") + b"\n"


def _entry(unit: Unit) -> polib.POEntry:
    comments = [f"{_IDS}{','.join(unit.target_ids)}"] if unit.target_ids else []
    comments.append(f"{_STATE}{unit.state}")
    comments.append(f"{_BASE}{unit.base}")
    comments += [str(note) for note in unit.notes]
    return polib.POEntry(
        msgctxt=unit.key,
        msgid=LINE.join(unit.source),
        msgstr=LINE.join(unit.target),
        comment="\n".join(comments),
    )


def read(path: Path, fmt: ExportFormat) -> FileRead:
    po = open_po(path)
    return FileRead(
        path,
        normalise_lang(po.metadata.get("X-Source-Language")),
        normalise_lang(po.metadata.get("Language")),
        _units(path, po),
    )


def _units(path: Path, po: polib.POFile) -> Iterator[FileUnit]:
    for entry in po:
        if entry.obsolete:
            continue
        if entry.msgid_plural:
            raise ToolkitError(
                "a plural entry is not a bead",
                where=Location(path, entry.linenum),
                fix="give the PO file the toolkit exported (toolkit export WORK --to po)",
            )
        lines = entry.comment.splitlines()
        ids = next((line[len(_IDS) :] for line in lines if line.startswith(_IDS)), None)
        said = next((line[len(_STATE) :] for line in lines if line.startswith(_STATE)), None)
        base = next((line[len(_BASE) :] for line in lines if line.startswith(_BASE)), None)
        state = state_named(said)
        if "fuzzy" in entry.flags:
            state = BeadState.AUTO
        exported = said is not None
        yield FileUnit(
            key=entry.msgctxt,
            target_ids=tuple(ids.split(",")) if ids else (() if exported else None),
            source=Text(tuple(entry.msgid.split(LINE))) if entry.msgid else None,
            target=Text(tuple(entry.msgstr.split(LINE))) if entry.msgstr else None,
            state=state,
            line=entry.linenum,
            base=base,
        )
