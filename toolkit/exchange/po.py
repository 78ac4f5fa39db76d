"""Gettext PO files, read with polib.

Each message is an entry; a plural message gives one entry per form (``msgstr[0]``
translates ``msgid``, the others ``msgid_plural``). The header's ``Language`` is the
target language; the source is the language an ``X-Source-Language`` header names (as
``toolkit export`` writes), else English unless the command line says otherwise.
Obsolete messages (``#~``) are not entries.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import polib

from toolkit.errors import Location, ToolkitError
from toolkit.exchange.entry import Bitext, Entry, Format, Languages, normalise_lang


def open_po(path: Path) -> polib.POFile:
    """The PO file, whole (polib reads one at once); an error at the line polib names."""
    try:
        return polib.pofile(str(path), wrapwidth=0)
    except (OSError, ValueError, UnicodeDecodeError) as err:
        raise ToolkitError(
            f"not a PO file polib can read: {err}",
            where=Location(path, line_of(err)),
            fix="fix the line named (msgfmt --check FILE says more), or export the file again",
        ) from err


def read_po(path: Path) -> Bitext:
    po = open_po(path)
    languages = Languages(
        normalise_lang(po.metadata.get("X-Source-Language")),
        normalise_lang(po.metadata.get("Language")),
    )
    return Bitext(path, Format.PO, languages, _entries(po))


def _entries(po: polib.POFile) -> Iterator[Entry]:
    for message in po:
        if message.obsolete:
            continue
        fuzzy = "fuzzy" in message.flags
        notes = tuple(line for line in message.tcomment.splitlines() if line.strip())
        if message.msgid_plural:
            for n, text in sorted(message.msgstr_plural.items()):
                source = message.msgid if int(n) == 0 else message.msgid_plural
                yield Entry(message.msgctxt, source, text, message.linenum, fuzzy, notes)
        else:
            yield Entry(
                message.msgctxt, message.msgid, message.msgstr, message.linenum, fuzzy, notes
            )


def line_of(err: Exception) -> int:
    """polib names the line in its message: "Syntax error in po file (line 12)"."""
    text = str(err)
    marker = "(line "
    if marker in text:
        digits = text.split(marker, 1)[1].split(")", 1)[0]
        if digits.isdigit():
            return int(digits)
    return 0
