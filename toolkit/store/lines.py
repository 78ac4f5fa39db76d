"""Reading text files and splitting them into lines, remembering exactly how they were laid out."""

from __future__ import annotations

from pathlib import Path

from toolkit.errors import FormatError, Location
from toolkit.model import Layout


def split_lines(text: str, path: Path | str) -> tuple[list[str], Layout]:
    """The lines of ``text`` without their line breaks, and the layout to write them back.

    A byte-order mark is taken off and noted; the line break is CRLF if the text
    has one, else LF. Raises FormatError at the first line whose break differs.
    """
    bom = text.startswith("\ufeff")
    if bom:
        text = text[1:]
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.split(newline)
    final_newline = lines[-1] == ""
    if final_newline:
        lines.pop()
    for number, line in enumerate(lines, 1):
        if "\r" in line or "\n" in line:
            raise FormatError(
                "mixed line endings (CRLF and LF, or a lone CR)",
                where=Location(path, number),
                fix="save the file with one kind of line ending (LF is usual)",
            )
    return lines, Layout(newline=newline, final_newline=final_newline, bom=bom)


def join_lines(lines: list[str], layout: Layout) -> str:
    """The inverse of :func:`split_lines`."""
    text = layout.newline.join(lines)
    if layout.final_newline and lines:
        text += layout.newline
    return ("\ufeff" if layout.bom else "") + text


def read_text(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise FormatError(
            f"not UTF-8 (byte {exc.start})",
            where=Location(path, line),
            fix="save the file as UTF-8",
        ) from None
