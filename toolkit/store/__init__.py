"""Store: the on-disk format of works (segments, alignments, metadata), read and written exactly."""

from __future__ import annotations

from toolkit.store.alignfile import parse_alignment, read_alignment, write_alignment
from toolkit.store.document import parse_document, read_document, write_document
from toolkit.store.work import Work, WorkPaths, find_root, list_works, load_work

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
