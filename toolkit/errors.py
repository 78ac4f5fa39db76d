"""Errors that reach the user: each names the file, the place and the fix."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


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
    """A path as the user typed it: relative to the working folder when inside it."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd()))
    except (ValueError, OSError):
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


class FormatError(ToolkitError):
    """A store file (segments, alignment, metadata) does not follow its format."""


class MetadataError(ToolkitError):
    """Attribution metadata failed validation; ``problems`` lists every field at fault."""

    def __init__(self, path: Path | str, problems: list[tuple[str, int, str]]) -> None:
        self.path = path
        self.problems = problems
        shown = shown_path(path)
        lines = [f"{shown}:{line or '?'}: {field}: {what}" for field, line, what in problems]
        super().__init__(
            f"invalid metadata in {shown}\n" + "\n".join(lines),
            fix="correct the fields named above (the schema is in docs/metadata.md)",
        )

    def __str__(self) -> str:
        return f"{self.message}\n  fix: {self.fix}"


class StageError(ToolkitError):
    """An external stage (Pandoc, WeasyPrint, a font tool) failed."""
