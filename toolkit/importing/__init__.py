"""Import: bring an outside file into the segment store, nothing lost."""

from __future__ import annotations

from toolkit.importing.apply import ImportReport, import_translation
from toolkit.importing.plaintext import Imported, import_text
from toolkit.importing.reassemble import reassemble
from toolkit.store.importrecord import ImportRecord, Part

__all__ = [
    "ImportRecord",
    "ImportReport",
    "Imported",
    "Part",
    "import_text",
    "import_translation",
    "reassemble",
]
