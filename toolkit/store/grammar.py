"""The line grammar of segment files, shared by the reader (``document``), the writer
(``docwriter``) and the escaping of text (``inline``): what starts each kind of block.

``docs/format.md`` is the prose of the same rules.
"""

from __future__ import annotations

import re

from toolkit.model import ID_PATTERN

RULE = "***"
#: Between two rows of a table, and after a table's header row.
ROW = "|---"
HEADER_ROW = "|==="

HEADING = re.compile(r"(#{1,6}) (.*)")
#: A footnote's line: ``[^label]: text``; anything after ``[^`` up to ``]:`` is taken as
#: meant for one, so that a bad label is an error rather than text. A line starting
#: ``[^1]`` without the colon is a paragraph's.
NOTE_DEFINITION = re.compile(r"\[\^[^\]]*\]:")
FOOTNOTE = re.compile(r"\[\^([A-Za-z0-9_-]+)\]: (.*)")
LABEL = re.compile(r"[A-Za-z0-9_-]+")
FIGURE = re.compile(
    rf'!\[(.*)\]\(([^\s()"]+)(?: "((?:[^"\\]|\\["\\])+)")?\)(?: \{{#({ID_PATTERN})\}})?'
)
FIGURE_SRC = re.compile(r'[^\s()"]+')
#: A list item: indentation, then ``-`` or a number (no leading zeros) and ``.``, a space.
ITEM = re.compile(r"( *)(?:-|(0|[1-9][0-9]{0,8})\.) (.*)")
#: The same marker at the start of a text, or ending it (``1.`` alone, before an ID).
NUMBERED = re.compile(r"(?:0|[1-9][0-9]{0,8})\.(?: |$)")
#: A code fence: three or more backticks, then the info string (no backticks in it).
FENCE = re.compile(r"(`{3,})([^`]*)")
FENCE_ONLY = re.compile(r"`{3,}")


def starts_block(text: str) -> bool:
    """Would a line holding ``text`` start a block of its own (rather than continue one)?"""
    return (
        text == RULE
        or text.startswith(("#", ">", "![", "|", "```"))
        or NOTE_DEFINITION.match(text) is not None
        or ITEM.fullmatch(text) is not None
    )
