"""Reading text files and splitting them into lines, remembering exactly how they were laid out."""

from __future__ import annotations

from pathlib import Path

from toolkit.errors import FormatError, Location
from toolkit.limits import Limits
from toolkit.model import Layout
from toolkit.store.encodings import not_utf8, utf16_order
from toolkit.store.workfile import read_work_file


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


def read_text(path: Path, limits: Limits | None = None) -> str:
    """The text of ``path``, a file of a work (every store file is read here).

    The file must lie inside the work and within the size limit
    (:func:`toolkit.store.workfile.read_work_file`), and be UTF-8: otherwise the error
    says what it looks like (UTF-16, Big5, GB18030, binary) and how to convert it.
    """
    data = read_work_file(path, limits=limits)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise not_utf8(data, path, exc) from None
    if "\x00" in text and utf16_order(data):  # ASCII in UTF-16 is valid UTF-8, NULs and all
        raise not_utf8(data, path, None)
    return text
