"""The exchange formats, one module each: ``write(exchange) -> bytes`` and
``read(path) -> FileRead`` (the units a file gives back, for import)."""

from __future__ import annotations

import importlib
from pathlib import Path

from toolkit.errors import Location, ToolkitError
from toolkit.exchange.files.common import FileRead
from toolkit.exchange.units import Exchange, ExportFormat

_MODULES = {
    ExportFormat.TMX: "tmx",
    ExportFormat.XLIFF: "xliff2",
    ExportFormat.XLIFF1: "xliff1",
    ExportFormat.PO: "po",
    ExportFormat.CSV: "table",
    ExportFormat.TSV: "table",
    ExportFormat.XLSX: "table",
}

#: File name endings ``toolkit import`` reads as exchange files (XLIFF: either version,
#: told apart by the file's own ``version``).
IMPORT_SUFFIXES = {
    ".tmx": ExportFormat.TMX,
    ".xlf": ExportFormat.XLIFF,
    ".xliff": ExportFormat.XLIFF,
    ".po": ExportFormat.PO,
    ".csv": ExportFormat.CSV,
    ".tsv": ExportFormat.TSV,
    ".xlsx": ExportFormat.XLSX,
}


def write_file(exchange: Exchange, fmt: ExportFormat) -> bytes:
    from toolkit.exchange.files.xmlout import NotXml

    module = importlib.import_module(f"toolkit.exchange.files.{_MODULES[fmt]}")
    try:
        data: bytes = module.write(exchange, fmt)
    except NotXml as err:  # a unit's text is named where it is written; this is the header
        raise ToolkitError(
            f"the work's metadata holds {err}, a character XML cannot carry",
            fix="remove it from work.yaml or the translation's .yaml (toolkit check names it)",
        ) from None
    return data


def read_file(path: Path) -> FileRead:
    fmt = IMPORT_SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        raise ToolkitError(
            "not an exchange file this toolkit reads",
            where=Location(path),
            fix=f"give a file whose name ends in one of: {', '.join(IMPORT_SUFFIXES)}",
        )
    module = importlib.import_module(f"toolkit.exchange.files.{_MODULES[fmt]}")
    read: FileRead = module.read(path, fmt)
    return read


__all__ = ["IMPORT_SUFFIXES", "FileRead", "read_file", "write_file"]
