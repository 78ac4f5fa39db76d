"""What a translation file holds, whatever its format: languages and entries."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from toolkit.errors import Location, ToolkitError
from toolkit.limits import Limits

#: The character that stands for an inline code (an XLIFF ``<ph/>``, a TMX ``<bpt>``):
#: the same object character the store's plain text uses for a code span.
CODE = "\ufffc"


class Format(StrEnum):
    PO = "po"
    XLIFF = "xliff"
    TMX = "tmx"


#: File suffixes read as translation files, and their formats.
BITEXT_SUFFIXES = {
    ".po": Format.PO,
    ".xlf": Format.XLIFF,
    ".xliff": Format.XLIFF,
    ".tmx": Format.TMX,
}


@dataclass(frozen=True)
class Languages:
    """The languages a file declares (None: it does not say)."""

    source: str | None = None
    target: str | None = None


@dataclass(frozen=True)
class Entry:
    """One unit of a translation file: a source text and its translation.

    Texts are plain: inline codes are ``CODE``, markup of the file's own format is gone.
    """

    #: What names the entry: a PO ``msgctxt``, an XLIFF unit's ID, a TMX ``tuid``.
    key: str | None
    source: str
    #: "" when the entry is not translated.
    target: str
    #: The line where the entry starts.
    line: int
    #: Marked as needing work (PO ``fuzzy``, an XLIFF state such as ``needs-review``).
    fuzzy: bool = False
    #: Comments a translator wrote on the entry (PO ``# …`` lines, XLIFF notes).
    notes: tuple[str, ...] = ()

    @property
    def translated(self) -> bool:
        """A translated, non-fuzzy entry: the only kind the checks read."""
        return bool(self.target) and not self.fuzzy


@dataclass
class Bitext:
    path: Path
    format: Format
    languages: Languages
    entries: Iterator[Entry]


def normalise_lang(tag: str | None) -> str | None:
    """A file's language code as a BCP 47 tag: ``zh_TW`` → ``zh-TW``; ``*all*`` → None."""
    if not tag or not tag.strip() or tag.strip() == "*all*":
        return None
    return tag.strip().replace("_", "-")


def is_bitext(path: Path) -> bool:
    """Whether ``check PATH`` reads PATH as a translation file: it exists and has a suffix
    of one."""
    return path.suffix.lower() in BITEXT_SUFFIXES and path.is_file()


def open_bitext(path: Path) -> Bitext:
    """Open a translation file by its suffix; its entries are read as they are iterated."""
    fmt = BITEXT_SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        raise ToolkitError(
            "not a translation file this toolkit reads",
            where=Location(path),
            fix="give a .po, .xlf, .xliff or .tmx file",
        )
    try:
        size = path.stat().st_size
    except OSError as err:
        raise ToolkitError(
            f"cannot read this file ({err.strerror})",
            where=Location(path),
            fix="check the path and the file's permissions",
        ) from err
    Limits.from_env().check_file_size(path, size)
    if fmt is Format.PO:
        from toolkit.exchange.po import read_po

        return read_po(path)
    if fmt is Format.XLIFF:
        from toolkit.exchange.xliff import read_xliff

        return read_xliff(path)
    from toolkit.exchange.tmx import read_tmx

    return read_tmx(path)
