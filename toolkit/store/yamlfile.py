"""YAML reading that remembers where every value was, for errors that name the line.

Every scalar is read as a string (no YAML 1.1 surprises: ``no`` stays ``"no"``,
dates stay text until the schema parses them); ``~`` and empty values are None.

Anchors and aliases (``&name``, ``*name``, and so ``<<: *name``) are refused: metadata
and import records never need them, and a 600-byte file of aliases of aliases expands to
gigabytes (an "alias bomb"). So are values nested deeper than :data:`MAX_DEPTH` (the
composer would otherwise run out of stack), files of more than :data:`MAX_NODES` values
(each value costs hundreds of bytes once read: a 1 MB list of one-letter items took 440 MB
and 10 s, where metadata holds hundreds of values), and values longer than the segment
limit. The file's size is capped before it is read (``Limits.max_yaml_bytes``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from toolkit.errors import FormatError, Location
from toolkit.limits import Limits

#: A path into the data, e.g. ("translators", 0, "name"), mapped to its 1-based line.
Lines = dict[tuple[str | int, ...], int]

#: The deepest nesting of mappings and lists read (metadata goes four or five deep).
MAX_DEPTH = 50

#: The most values (mappings, lists and scalars, keys included) a YAML file may hold.
#: Metadata holds hundreds; an import record a few per piece of the imported file.
MAX_NODES = 100_000


class _Refused(Exception):
    """Raised inside the composer, at an event the store refuses; becomes a FormatError."""

    def __init__(self, message: str, fix: str, event: yaml.Event) -> None:
        super().__init__(message)
        self.message, self.fix = message, fix
        mark = event.start_mark
        #: 1-based, as errors name places.
        self.line, self.column = (mark.line + 1, mark.column + 1) if mark else (0, 0)


class _Loader(yaml.SafeLoader):
    """PyYAML's safe loader, composing nodes without anchors or aliases, not too deep, not
    too many."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.depth = 0
        self.nodes = 0

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        self.check_event(yaml.Event)  # makes the next event current (peek_event is untyped)
        event: yaml.Event = self.current_event
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise _Refused(
                "YAML anchors and aliases (&name, *name) are not allowed here",
                "write the value out in full where it is used (metadata files never need "
                "anchors; they can expand a small file to gigabytes)",
                event,
            )
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise _Refused(
                f"more than {MAX_NODES:,} values in one file",
                "metadata holds a few hundred values: check that this file is the one "
                "meant (a list this long is not metadata)",
                event,
            )
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                raise _Refused(
                    f"values nested more than {MAX_DEPTH} deep",
                    "metadata nests a few levels at most: check the brackets on that line",
                    event,
                )
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def load_yaml(text: str, path: Path | str, limits: Limits | None = None) -> tuple[Any, Lines]:
    """The data of YAML ``text`` and the line of each value; FormatError at file:line:column."""
    node = compose_yaml(text, path)
    lines: Lines = {}
    if node is None:
        return {}, {(): 1}  # an empty file: what is missing is missing from line 1
    return _convert(node, (), lines, path, limits or Limits.from_env()), lines


def compose_yaml(text: str, path: Path | str) -> yaml.Node | None:
    """The node tree of YAML ``text`` (None when it is empty), for code that edits the text
    in place by the nodes' positions. Refuses what :func:`load_yaml` refuses (anchors,
    aliases, deep nesting, too many values, characters YAML does not allow) with a
    FormatError naming
    ``path``, the line and the column; use it instead of ``yaml.compose``."""
    try:
        return yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        raise FormatError(
            f"not valid YAML: {exc.problem}",
            where=Location(path, mark.line + 1 if mark else 0, mark.column + 1 if mark else 0),
            fix="check the indentation and quoting on that line",
        ) from None
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow, before parsing
        before = text[: exc.position]
        line, column = before.count("\n") + 1, len(before) - before.rfind("\n")
        raise FormatError(
            f"a character YAML does not allow: U+{exc.character:04X}"
            if isinstance(exc.character, int)
            else f"a character YAML does not allow: {exc.character!r}",
            where=Location(path, line, column),
            fix="delete it: control characters other than tab and line breaks cannot stand "
            "in a YAML file",
        ) from None
    except _Refused as exc:
        where = Location(path, exc.line, exc.column)
        raise FormatError(exc.message, where=where, fix=exc.fix) from None


def _convert(
    node: yaml.Node, at: tuple[str | int, ...], lines: Lines, path: Path | str, limits: Limits
) -> Any:
    lines[at] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = _scalar(key_node, path, limits)
            if key in out:
                raise FormatError(
                    f"key {key!r} appears twice",
                    where=Location(path, key_node.start_mark.line + 1),
                    fix="keep one of the two",
                )
            out[key] = _convert(value_node, (*at, key), lines, path, limits)
            lines[(*at, key)] = key_node.start_mark.line + 1
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_convert(item, (*at, i), lines, path, limits) for i, item in enumerate(node.value)]
    if node.tag == "tag:yaml.org,2002:null":
        return None
    return _scalar(node, path, limits)


def _scalar(node: yaml.Node, path: Path | str, limits: Limits) -> str:
    """A scalar's text, refused when it is longer than a segment may be."""
    text = str(node.value)
    mark = node.start_mark
    limits.check_segment(path, mark.line + 1, text, "value", mark.column + 1)
    return text


def line_of(lines: Lines, at: tuple[str | int, ...]) -> int:
    """The line of ``at``, or of its nearest enclosing value."""
    while at not in lines and at:
        at = at[:-1]
    return lines.get(at, 0)
