"""Errors that reach the user: each names the file, the place and the fix."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

#: What a terminal would act on rather than show: control characters (an escape
#: sequence could recolour, retitle or clear the terminal) and the bidirectional
#: controls that reorder a line as it is shown.
_UNSHOWABLE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def shown(text: object, keep: str = "") -> str:
    """``text`` as a terminal may print it: each control character as its escape, but
    those in ``keep`` (an error's own line breaks)."""
    return _UNSHOWABLE.sub(
        lambda m: m.group() if m.group() in keep else f"\\u{ord(m.group()):04x}", str(text)
    )


@dataclass(frozen=True)
class Location:
    """A place in a file: 1-based line and column (0 when not known)."""

    path: Path | str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        where = shown_path(self.path)
        if self.line:
            where += f":{self.line}"
            if self.column:
                where += f":{self.column}"
        return where


def shown_path(path: Path | str) -> str:
    """A path as the user typed it: relative to the working folder when inside it.

    Its folder is resolved, not the file itself: a file that is a link is shown where it
    stands, not where it leads.
    """
    given = Path(path)
    try:
        if given.name in ("", ".", ".."):
            where = given.resolve()
        else:
            where = given.absolute().parent.resolve() / given.name
        return str(where.relative_to(Path.cwd()))
    except (ValueError, OSError, RuntimeError):  # RuntimeError: a link loop (Python 3.11)
        return str(path)


class ToolkitError(Exception):
    """Bad input or a failed stage. The CLI prints it and exits with status 2."""

    def __init__(self, message: str, *, where: Location | None = None, fix: str = "") -> None:
        self.message = message
        self.where = where
        self.fix = fix
        super().__init__(str(self))

    def __str__(self) -> str:
        text = f"{self.where}: {self.message}" if self.where else self.message
        if self.fix:
            text += f"\n  fix: {self.fix}"
        return text

    def __reduce__(self) -> tuple[object, ...]:
        """Pickled whole, place and fix and all, whatever the subclass's arguments: an
        error raised while an edition is built in another process reaches the command as
        it was raised."""
        return (_restore, (type(self), self.args, self.__dict__))


def _restore(
    cls: type[ToolkitError], args: tuple[object, ...], state: dict[str, object]
) -> ToolkitError:
    error = cls.__new__(cls)
    Exception.__init__(error, *args)
    error.__dict__.update(state)
    return error


class FormatError(ToolkitError):
    """A store file (segments, alignment, metadata) does not follow its format."""


class FormatErrors(FormatError):
    """Several lines of one file that do not follow its format, reported together so that
    a person fixes them in one pass rather than one run at a time.

    ``errors`` holds the first :data:`LISTED` in line order; ``more`` counts the rest.
    """

    #: How many bad lines are listed; the others are counted ("… and 12 more").
    LISTED = 20

    def __init__(self, path: Path | str, errors: Sequence[FormatError]) -> None:
        ordered = sorted(
            errors, key=lambda e: (e.where.line, e.where.column) if e.where else (0, 0)
        )
        self.errors = tuple(ordered[: self.LISTED])
        self.more = len(ordered) - len(self.errors)
        lines = len({e.where.line for e in ordered if e.where})
        super().__init__(
            f"{lines} line does not follow the format"
            if lines == 1
            else f"{lines} lines do not follow the format",
            where=Location(path),
            fix="correct each line named above, as its own fix says",
        )

    def __str__(self) -> str:
        parts = [f"{self.where}: {self.message}", *(str(e) for e in self.errors)]
        if self.more:
            parts.append(f"… and {self.more} more")
        return "\n".join(parts)


def raise_collected(path: Path | str, errors: Sequence[FormatError]) -> None:
    """Raise nothing for no errors, the error itself for one, else :class:`FormatErrors`."""
    by_text: dict[str, FormatError] = {}
    for error in errors:  # the same error found twice is one
        by_text.setdefault(str(error), error)
    unique = list(by_text.values())
    if len(unique) == 1:
        raise unique[0]
    if unique:
        raise FormatErrors(path, unique)


class MetadataError(ToolkitError):
    """Attribution metadata failed validation; ``problems`` lists every field at fault."""

    def __init__(
        self,
        path: Path | str,
        problems: list[tuple[str, int, str]],
        doc: str = "docs/metadata.md",
        kind: str = "metadata",
    ) -> None:
        self.path = path
        self.problems = problems
        shown = shown_path(path)
        lines = [f"{shown}:{line or '?'}: {field}: {what}" for field, line, what in problems]
        super().__init__(
            f"invalid {kind} in {shown}\n" + "\n".join(lines),
            fix=f"correct the fields named above (the schema is in {doc})",
        )

    def __str__(self) -> str:
        return f"{self.message}\n  fix: {self.fix}"


class StageError(ToolkitError):
    """An external stage (Pandoc, WeasyPrint, a font tool) failed."""
