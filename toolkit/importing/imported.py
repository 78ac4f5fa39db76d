"""What a reader gives the import: a document, the record of where each piece went, and
the text it found for metadata. Readers are pure: bytes or text in, ``Imported`` out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from toolkit.model import Document
from toolkit.store.importrecord import FieldRef, ImportRecord


class Role(StrEnum):
    """Which side of the work the file is: the original, or a translation."""

    ORIGINAL = "original"
    TRANSLATION = "translation"


@dataclass(frozen=True)
class ReadContext:
    """What a reader may know about the work, to tell furniture from text.

    ``title`` and ``names`` (authors' or translators' names, in every script given)
    let a reader recognise a title or byline that only repeats the metadata.
    """

    lang: str
    role: Role
    title: str = ""
    names: tuple[str, ...] = ()


@dataclass(frozen=True)
class Imported:
    """A reader's result.

    ``document``'s segments have no IDs yet (``id`` is None) and hold one paragraph
    (or heading, cell, item line) each; the import splits them into sentences and
    gives them IDs, keeping those of a text imported before. ``metadata`` maps a
    field to the text moved there, exactly. ``resources`` are files the document
    refers to (a figure's image), by their path relative to the segment file's
    folder, to be written beside it.
    """

    document: Document
    record: ImportRecord
    metadata: dict[FieldRef, str] = field(default_factory=dict)
    resources: dict[str, bytes] = field(default_factory=dict)
