"""Exchange with translation tools: export a work's beads (TMX, XLIFF 2.1 and 1.2, PO,
CSV, TSV, XLSX) and import them back; read other tools' files for ``toolkit check``.

``export_work`` and ``import_exchange`` are the public API; ``open_bitext`` reads a
translation file entry by entry for the checks. Names load on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from toolkit._lazy import lazy_names

if TYPE_CHECKING:
    from toolkit.exchange.entry import (
        BITEXT_SUFFIXES,
        Bitext,
        Entry,
        Languages,
        is_bitext,
        open_bitext,
    )
    from toolkit.exchange.export import ExportOptions, ExportReport, export_work
    from toolkit.exchange.load import ExchangeImportOptions, ExchangeImportReport, import_exchange
    from toolkit.exchange.units import ExportFormat

_EXPORTS = {
    "toolkit.exchange.entry": (
        "BITEXT_SUFFIXES",
        "Bitext",
        "Entry",
        "Languages",
        "is_bitext",
        "open_bitext",
    ),
    "toolkit.exchange.export": ("ExportOptions", "ExportReport", "export_work"),
    "toolkit.exchange.load": (
        "ExchangeImportOptions",
        "ExchangeImportReport",
        "import_exchange",
    ),
    "toolkit.exchange.units": ("ExportFormat",),
}

__all__ = [
    "BITEXT_SUFFIXES",
    "Bitext",
    "Entry",
    "ExchangeImportOptions",
    "ExchangeImportReport",
    "ExportFormat",
    "ExportOptions",
    "ExportReport",
    "Languages",
    "export_work",
    "import_exchange",
    "is_bitext",
    "open_bitext",
]

__getattr__ = lazy_names(__name__, _EXPORTS)
