"""Where a segment's text stands on its line, so findings can name a column.

The document keeps each segment's line, not where on it its text starts; the line is
read again (once per file, only when a column is wanted).
"""

from __future__ import annotations

from pathlib import Path

from toolkit.errors import ToolkitError
from toolkit.model import Block, BlockKind, Segment
from toolkit.store.lines import read_text, split_lines


class FileLines:
    """A segment file's lines as written, read at most once; None when unreadable."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lines: list[str] | None = None
        self._read = False

    def lines(self) -> list[str] | None:
        if not self._read:
            self._read = True
            try:
                self._lines = split_lines(read_text(self.path), self.path)[0]
            except (OSError, ToolkitError):
                self._lines = None
        return self._lines

    def text_start(self, seg: Segment, block: Block) -> int | None:
        """Where on its line a segment's text starts (0-based), or None if unknown."""
        lines = self.lines()
        if lines is None or not 0 < seg.line <= len(lines):
            return None
        line = lines[seg.line - 1]
        if block.kind is BlockKind.FIGURE:
            start = 2  # ![caption](…)
        else:  # the text ends at the ID, which ends the line
            end = len(line)
            if seg.id is not None and line.endswith(f" {{#{seg.id}}}"):
                end -= len(seg.id) + 4
            start = end - len(seg.text)
        return start if line[start : start + len(seg.text)] == seg.text else None
