"""Import: bring an outside file into the segment store, nothing lost.

``import_file`` reads a text, Markdown, HTML or DOCX file into a work's original or
one of its translations; ``apply_import`` writes what a reader found (``Imported``);
``reassemble`` puts an imported text file back together from the store.
"""

from __future__ import annotations

from toolkit.importing.apply import ImportOptions, ImportReport, apply_import, import_file
from toolkit.importing.imported import Imported, ReadContext, Role
from toolkit.importing.plaintext import import_text
from toolkit.importing.reassemble import reassemble
from toolkit.importing.target import Target, find_target
from toolkit.store.importrecord import ImportRecord, Part

__all__ = [
    "ImportOptions",
    "ImportRecord",
    "ImportReport",
    "Imported",
    "Part",
    "ReadContext",
    "Role",
    "Target",
    "apply_import",
    "find_target",
    "import_file",
    "import_text",
    "reassemble",
]
