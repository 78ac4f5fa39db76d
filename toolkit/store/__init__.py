"""Store: the on-disk format of works (segments, alignments, metadata), read and written exactly.

Names load on first use: a module that needs only one part of the store (the line
reader, say) does not load the metadata schema.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from toolkit._lazy import lazy_names

if TYPE_CHECKING:
    from toolkit.store.alignfile import parse_alignment, read_alignment, write_alignment
    from toolkit.store.document import parse_document, read_document, write_document
    from toolkit.store.work import Work, WorkPaths, find_root, list_works, load_work

_EXPORTS = {
    "toolkit.store.alignfile": ("parse_alignment", "read_alignment", "write_alignment"),
    "toolkit.store.document": ("parse_document", "read_document", "write_document"),
    "toolkit.store.work": ("Work", "WorkPaths", "find_root", "list_works", "load_work"),
}

__all__ = [
    "Work",
    "WorkPaths",
    "find_root",
    "list_works",
    "load_work",
    "parse_alignment",
    "parse_document",
    "read_alignment",
    "read_document",
    "write_alignment",
    "write_document",
]

__getattr__ = lazy_names(__name__, _EXPORTS)
