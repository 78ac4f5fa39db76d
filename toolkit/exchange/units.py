"""What goes out to a translation tool and comes back: one unit per bead.

An :class:`Exchange` is a work's aligned beads as the formats carry them (pure data,
built from the store by :mod:`toolkit.exchange.export`); a :class:`FileUnit` is one unit
as a file gives it back (read by :mod:`toolkit.exchange.files`, merged into the store
by :mod:`toolkit.exchange.merge`).

A bead's identifier, in every format, is its source IDs joined by commas (``s3,s4``),
or for a bead the translator added (0-1) ``+`` and its translation IDs (``+t7``). A side
of several segments is one text, a line per segment.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from toolkit.model import ID_RE, BeadState
from toolkit.store.inline import plain_text

#: How the segments of one side of a unit are joined: a line each.
LINE = "\n"


class ExportFormat(StrEnum):
    TMX = "tmx"
    XLIFF = "xliff"
    XLIFF1 = "xliff1"
    PO = "po"
    CSV = "csv"
    TSV = "tsv"
    XLSX = "xlsx"

    @property
    def suffix(self) -> str:
        """The default file name's ending: ``<work>.<lang><suffix>``."""
        return _SUFFIX[self]

    @property
    def inline(self) -> bool:
        """Whether the format carries inline markup (emphasis, links, footnote
        references); the spreadsheets carry plain text."""
        return self not in (ExportFormat.CSV, ExportFormat.TSV, ExportFormat.XLSX)


_SUFFIX = {
    ExportFormat.TMX: ".tmx",
    ExportFormat.XLIFF: ".xlf",
    ExportFormat.XLIFF1: ".xliff12.xlf",
    ExportFormat.PO: ".po",
    ExportFormat.CSV: ".csv",
    ExportFormat.TSV: ".tsv",
    ExportFormat.XLSX: ".xlsx",
}


def base_of(lines: Sequence[str]) -> str:
    """Twelve hex digits of what a side reads as (its plain text, a line per segment): the
    translation as the export wrote it, so that an import can tell whether the store or
    the file changed it since."""
    text = LINE.join(plain_text(line) for line in lines)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def bead_key(source: tuple[str, ...], target: tuple[str, ...]) -> str:
    """A bead's identifier: ``s3,s4``; ``+t7`` for one with no source."""
    return ",".join(source) if source else "+" + ",".join(target)


def parse_key(key: str) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """(source IDs, translation IDs of an added bead) of an identifier; None when it is not
    one. ``s3,s4`` → ((s3, s4), ()); ``+t7`` → ((), (t7,))."""
    added = key.startswith("+")
    ids = tuple(key[1:].split(",") if added else key.split(","))
    if not all(ID_RE.fullmatch(i) for i in ids) or len(set(ids)) != len(ids):
        return None
    return ((), ids) if added else (ids, ())


@dataclass(frozen=True)
class Note:
    """A finding of ``toolkit check`` on the bead, carried as a note."""

    severity: str
    check: str
    message: str

    def __str__(self) -> str:
        return f"{self.severity}: {self.message} [{self.check}]"


@dataclass(frozen=True)
class Unit:
    """One bead going out: the IDs and markup of both sides, and its state."""

    source_ids: tuple[str, ...]
    target_ids: tuple[str, ...]
    #: Each source segment's text (inline markup), in order.
    source: tuple[str, ...]
    #: Each translation segment's text (inline markup), in order.
    target: tuple[str, ...]
    state: BeadState
    notes: tuple[Note, ...] = ()

    @property
    def key(self) -> str:
        return bead_key(self.source_ids, self.target_ids)

    @property
    def base(self) -> str:
        """What the translation reads as now (``base_of``)."""
        return base_of(self.target)


@dataclass(frozen=True)
class Header:
    """Who made the file and what it is of: the work and its attribution."""

    tool: str
    version: str
    #: When the work last changed (the editions' date), never the clock.
    date: datetime
    work: str
    source_lang: str
    target_lang: str
    #: The work's attribution, as (name, value) pairs: ("title", …), ("author", …).
    credits: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Exchange:
    header: Header
    units: tuple[Unit, ...]


@dataclass(frozen=True)
class Text:
    """One side of a unit as a file gives it back: a line per segment, each in the store's
    inline markup; ``flat`` when the format carries no markup (the lines are plain text,
    escaped to markup)."""

    lines: tuple[str, ...]
    flat: bool = False


@dataclass(frozen=True)
class FileUnit:
    """One unit as read back from a file."""

    #: The bead identifier (None: the file gives none, e.g. a row added in a spreadsheet).
    key: str | None
    #: The translation IDs the file names (None: it does not say).
    target_ids: tuple[str, ...] | None
    source: Text | None
    target: Text | None
    #: The state the file gives, once its own state is read (None: keep the store's).
    state: BeadState | None
    line: int
    #: The translation's language as the unit gives it (a TMX variant's), if it does.
    lang: str | None = None
    #: What the translation read as when it was exported (``base_of``), if the file says.
    base: str | None = None
