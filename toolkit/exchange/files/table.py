"""Spreadsheets: CSV (UTF-8 with a byte-order mark, so that spreadsheet programs read
Chinese as Chinese), TSV and XLSX (openpyxl). One bead a row, under a header row::

    bead | source ids | translation ids | state | <original's lang> | <translation's> | notes | base

Texts are plain, as a reader sees them: emphasis, links and footnote references are
flattened (the export says which beads), and a text read back is escaped into the
store's markup. A cell a spreadsheet would take for a formula (it starts with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return) is written after a ``'``, and so is one
that starts with ``'``; import takes one ``'`` off. In TSV, which has no quoting, a
backslash, a tab, a line break and a carriage return are written ``\\\\``, ``\\t``,
``\\n``, ``\\r``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from toolkit.errors import Location, ToolkitError
from toolkit.exchange.entry import normalise_lang
from toolkit.exchange.files.common import FileRead, state_named
from toolkit.exchange.units import LINE, Exchange, ExportFormat, FileUnit, Text, Unit
from toolkit.metadata import LANG_RE
from toolkit.model import BeadState
from toolkit.store.inline import escape, plain_text

if TYPE_CHECKING:
    from openpyxl.cell.cell import Cell
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

COLUMNS = ("bead", "source ids", "translation ids", "state")
_FORMULA = ("=", "+", "-", "@", "\t", "\r", "'")
_TSV_OUT = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})
_TSV_IN = {"\\": "\\", "t": "\t", "n": "\n", "r": "\r"}


def header(exchange: Exchange) -> list[str]:
    head = exchange.header
    return [*COLUMNS, head.source_lang, head.target_lang, "notes", "base"]


def rows(exchange: Exchange) -> Iterator[list[str]]:
    for unit in exchange.units:
        yield _row(unit)


def _row(unit: Unit) -> list[str]:
    return [
        unit.key,
        ",".join(unit.source_ids),
        ",".join(unit.target_ids),
        unit.state.value,
        LINE.join(plain_text(t) for t in unit.source),
        LINE.join(plain_text(t) for t in unit.target),
        LINE.join(str(n) for n in unit.notes),
        unit.base,
    ]


def guard(cell: str) -> str:
    """A cell a spreadsheet will show as text, never run as a formula."""
    return "'" + cell if cell.startswith(_FORMULA) else cell


def unguard(cell: str) -> str:
    return cell[1:] if cell.startswith("'") else cell


def write(exchange: Exchange, fmt: ExportFormat) -> bytes:
    table = [header(exchange), *rows(exchange)]
    if fmt is ExportFormat.XLSX:
        return _xlsx(exchange, table)
    if fmt is ExportFormat.TSV:
        lines = ("\t".join(tsv_escape(guard(c)) for c in row) for row in table)
        return ("\n".join(lines) + "\n").encode("utf-8")
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerows([guard(c) for c in row] for row in table)
    return buffer.getvalue().encode("utf-8-sig")


def _xlsx(exchange: Exchange, table: Sequence[Sequence[str]]) -> bytes:
    from openpyxl import Workbook

    # every text is looked at before the workbook is begun: an error in the middle of a
    # write-only sheet leaves openpyxl's writer half-way
    for row in table:
        _holds_only_what_a_cell_can(row, f"bead {row[0]}")
    for name, value in exchange.header.credits:
        _holds_only_what_a_cell_can((value,), f"the work's metadata ({name})")
    book = Workbook(write_only=True)
    book.properties.creator = exchange.header.tool
    book.properties.created = book.properties.modified = exchange.header.date.replace(tzinfo=None)
    sheet = book.create_sheet(exchange.header.work[:31])
    about = book.create_sheet("about")
    for row in table:
        sheet.append(_text_cells(sheet, row))
    for name, value in exchange.header.credits:
        about.append(_text_cells(about, (name, value)))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _holds_only_what_a_cell_can(texts: Sequence[str], owner: str) -> None:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if any(ILLEGAL_CHARACTERS_RE.search(text) for text in texts):
        raise ToolkitError(
            f"{owner} holds a control character a workbook cannot carry",
            fix="remove it, or export as CSV",
        )


def _text_cells(sheet: WriteOnlyWorksheet, row: Sequence[str]) -> list[Cell]:
    """A row of cells typed as text, never a formula, whatever they start with."""
    from openpyxl.cell import WriteOnlyCell

    cells = []
    for value in row:
        cell = WriteOnlyCell(sheet, value)
        cell.data_type = "s"
        cells.append(cell)
    return cells


# --- reading ---


def read(path: Path, fmt: ExportFormat) -> FileRead:
    table = _xlsx_rows(path) if fmt is ExportFormat.XLSX else _text_rows(path, fmt)
    first = next(table, None)
    if first is None:
        raise ToolkitError("the file is empty", where=Location(path, 1), fix="export it again")
    number, head = first
    names = [c.strip().lower() for c in head]
    if len(head) >= 6 and tuple(names[:4]) == COLUMNS:
        units = _units(path, table, guarded=fmt is not ExportFormat.XLSX)
        return FileRead(path, normalise_lang(head[4]), normalise_lang(head[5]), units)
    tags = [c.strip() for c in head[:2]]
    if len(tags) == 2 and all(LANG_RE.fullmatch(t) for t in tags):
        return FileRead(path, tags[0], tags[1], _pairs(table))
    raise ToolkitError(
        "the first row is not the header the toolkit writes, nor two languages",
        where=Location(path, number),
        fix="keep the header row: "
        + ", ".join([*COLUMNS, "<language>", "<language>", "notes", "base"])
        + "; or, for another tool's aligned text, name the two columns by their languages "
        "(zh-Hant-TW, en)",
    )


def _units(path: Path, table: Iterable[tuple[int, list[str]]], guarded: bool) -> Iterator[FileUnit]:
    """The units of a file the toolkit wrote; ``guarded``: its text cells carry the
    formula guard (CSV, TSV), which comes off here, never from another tool's cells."""
    for number, row in table:
        if guarded:
            row = [unguard(c) for c in row]
        cells = [*row, *[""] * (8 - len(row))]
        key, source_ids, target_ids, state = (c.strip() for c in cells[:4])
        source, target = cells[4], cells[5]
        if not any(c.strip() for c in cells):
            continue
        if state and state_named(state) is None:
            raise ToolkitError(
                f"{state!r} is not a state of a bead",
                where=Location(path, number),
                fix=f"write one of: {', '.join(s.value for s in BeadState)}, or leave it empty",
            )
        yield FileUnit(
            key=key or (source_ids or None),
            target_ids=tuple(target_ids.split(",")) if target_ids else (),
            source=_flat(source),
            target=_flat(target),
            state=BeadState(state) if state else None,
            line=number,
            base=cells[7].strip() or None,
        )


def _pairs(table: Iterable[tuple[int, list[str]]]) -> Iterator[FileUnit]:
    """Another tool's aligned text: the original in the first column, the translation in
    the second, a row each."""
    for number, row in table:
        cells = [*row, "", ""]
        if cells[0].strip() or cells[1].strip():
            yield FileUnit(None, None, _flat(cells[0]), _flat(cells[1]), None, number)


def _flat(cell: str) -> Text | None:
    return Text(tuple(escape(line) for line in cell.split(LINE)), flat=True) if cell else None


def _text_rows(path: Path, fmt: ExportFormat) -> Iterator[tuple[int, list[str]]]:
    raw = path.read_bytes()
    try:
        decoded = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise ToolkitError(
            "the file is not UTF-8",
            where=Location(path, line),
            fix="save it as UTF-8 (in a spreadsheet: CSV UTF-8)",
        ) from None
    if fmt is ExportFormat.TSV:
        # rows end at a line feed only: a U+2028 or a form feed in a cell is its text
        lines = decoded.split("\n")
        if lines[-1] == "":
            lines.pop()
        for number, text in enumerate(lines, 1):
            cells = text.removesuffix("\r").split("\t")
            yield number, [tsv_unescape(path, number, c) for c in cells]
        return
    reader = csv.reader(io.StringIO(decoded, newline=""))
    start = 1
    try:
        for row in reader:
            yield start, row
            start = reader.line_num + 1
    except csv.Error as err:
        raise ToolkitError(
            f"not a CSV file Python's csv module reads: {err}",
            where=Location(path, reader.line_num),
            fix="save it again from the spreadsheet as CSV",
        ) from None


def tsv_escape(cell: str) -> str:
    return cell.translate(_TSV_OUT)


def tsv_unescape(path: Path, number: int, cell: str) -> str:
    """A TSV cell's text; ToolkitError at the line for an escape TSV cells do not have."""
    if "\\" not in cell:
        return cell
    out: list[str] = []
    chars = iter(cell)
    for ch in chars:
        if ch != "\\":
            out.append(ch)
            continue
        following = next(chars, "")
        if following not in _TSV_IN:
            raise ToolkitError(
                f"'\\{following}' is not an escape a TSV cell may hold",
                where=Location(path, number),
                fix="write a backslash as \\\\, a tab as \\t, a line break as \\n",
            )
        out.append(_TSV_IN[following])
    return "".join(out)


def _xlsx_rows(path: Path) -> Iterator[tuple[int, list[str]]]:
    from toolkit.exchange.files.workbook import sheet_rows

    return sheet_rows(path)
