"""The rows of a workbook's first sheet (XLSX), read with the hardened XML reader.

An XLSX file is a zip of XML parts: ``xl/workbook.xml`` lists the sheets, its
relationships say which part each is, ``xl/sharedStrings.xml`` holds the texts cells
refer to by number. Reading them directly, lazily and with entities refused, is several
times faster than openpyxl's reader (which parses a sheet twice when it has no
``<dimension>``), and never builds the sheet in memory.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import IO

from toolkit.errors import Location, ToolkitError
from toolkit.exchange.xml import Element, events, local, release
from toolkit.limits import Limits

_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_COLUMN = re.compile(r"([A-Z]+)")
#: Columns a worksheet can have (A to XFD): a cell named past them is a forged file, whose
#: gap of empty cells would otherwise be made in memory.
MAX_COLUMNS = 16384


def sheet_rows(path: Path) -> Iterator[tuple[int, list[str]]]:
    """(row number, cell texts) of the first sheet, in order; empty cells are ""."""
    archive = _open(path)
    with archive:
        strings = _shared_strings(path, archive)
        part = _first_sheet(path, archive)
        with archive.open(part) as source:
            for _, element in _read(path, part, source, f"{_MAIN}row"):
                number = element.get("r") or "0"
                if not number.isdigit():
                    raise ToolkitError(
                        f"a row of {part} is numbered {number!r}, not a number",
                        where=Location(path),
                        fix="save the workbook again from the spreadsheet",
                    )
                yield int(number), _cells(Location(path, int(number)), element, strings)
                release(element)


def _open(path: Path) -> zipfile.ZipFile:
    limit = Limits.from_env().max_file_bytes
    try:
        archive = zipfile.ZipFile(path)
        unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError) as err:
        raise ToolkitError(
            f"not an XLSX workbook ({err})", where=Location(path), fix="save it as .xlsx"
        ) from None
    if unpacked > limit:
        archive.close()
        raise ToolkitError(
            f"the workbook unpacks to {unpacked:,} bytes, more than the limit of {limit:,}",
            where=Location(path),
            fix="split the work, or raise TOOLKIT_MAX_FILE_BYTES",
        )
    return archive


def _read(
    path: Path, part: str, source: IO[bytes], tag: str | None = None
) -> Iterator[tuple[str, Element]]:
    """The part's XML events (only the ends of ``tag`` elements, when given); an error
    names the part."""
    try:
        if tag is None:
            yield from events(path, source)
        else:
            yield from events(path, source, ("end",), tag)
    except ToolkitError as err:
        raise ToolkitError(
            f"{part} in the workbook: {err.message}",
            where=Location(path),
            fix="save it again from the spreadsheet as .xlsx",
        ) from None


def _member(archive: zipfile.ZipFile, name: str) -> bool:
    try:
        archive.getinfo(name)
    except KeyError:
        return False
    return True


def _first_sheet(path: Path, archive: zipfile.ZipFile) -> str:
    """The part of the workbook's first sheet, as its relationships name it."""
    first: str | None = None
    if _member(archive, "xl/workbook.xml"):
        with archive.open("xl/workbook.xml") as source:
            for event, element in _read(path, "xl/workbook.xml", source):
                if event == "end" and local(element.tag) == "sheet":
                    first = element.get(_REL)
                    break
    target: str | None = None
    rels = "xl/_rels/workbook.xml.rels"
    if first is not None and _member(archive, rels):
        with archive.open(rels) as source:
            for event, element in _read(path, rels, source):
                if event == "end" and element.get("Id") == first:
                    target = element.get("Target")
                    break
    if target is None:
        raise ToolkitError(
            "the workbook names no sheet", where=Location(path), fix="save it as .xlsx"
        )
    part = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    part = str(PurePosixPath(part))
    if ".." in part.split("/") or not _member(archive, part):
        raise ToolkitError(
            f"the workbook's first sheet ({target}) is not in it",
            where=Location(path),
            fix="save it again from the spreadsheet as .xlsx",
        )
    return part


def _shared_strings(path: Path, archive: zipfile.ZipFile) -> list[str]:
    name = "xl/sharedStrings.xml"
    if not _member(archive, name):
        return []
    out: list[str] = []
    with archive.open(name) as source:
        for _, element in _read(path, name, source, f"{_MAIN}si"):
            out.append(_text(element))
            release(element)
    return out


def _text(element: Element) -> str:
    """A string item's text: its ``<t>``, or the ``<t>`` of each run (``<r>``), without
    phonetic guides (``<rPh>``)."""
    parts: list[str] = []
    for child in element:
        if child.tag == f"{_MAIN}t":
            parts.append(child.text or "")
        elif child.tag == f"{_MAIN}r":
            parts.extend(t.text or "" for t in child if t.tag == f"{_MAIN}t")
    return "".join(parts)


def _cells(where: Location, row: Element, strings: list[str]) -> list[str]:
    cells: list[str] = []
    for cell in row:
        if local(cell.tag) != "c":
            continue
        found = _COLUMN.match(cell.get("r") or "")
        column = _column(found.group(1)) if found else len(cells)
        if column >= MAX_COLUMNS:
            raise ToolkitError(
                f"cell {cell.get('r')} is past column XFD, the last a worksheet has",
                where=where,
                fix="save the workbook again from the spreadsheet",
            )
        cells.extend([""] * (column - len(cells)))
        kind = cell.get("t")
        if kind == "inlineStr":
            value = next((_text(c) for c in cell if local(c.tag) == "is"), "")
        else:
            raw = next((c.text or "" for c in cell if local(c.tag) == "v"), "")
            if kind == "s":
                value = strings[int(raw)] if raw.isdigit() and int(raw) < len(strings) else ""
            elif kind == "b":
                value = "TRUE" if raw == "1" else "FALSE"
            else:
                value = raw
        cells.append(value)
    return cells


def _column(letters: str) -> int:
    """``A`` → 0, ``Z`` → 25, ``AA`` → 26."""
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - ord("A") + 1
    return n - 1
