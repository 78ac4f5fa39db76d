"""YAML reading that remembers where every value was, for errors that name the line.

Every scalar is read as a string (no YAML 1.1 surprises: ``no`` stays ``"no"``,
dates stay text until the schema parses them); ``~`` and empty values are None.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from toolkit.errors import FormatError, Location

#: A path into the data, e.g. ("translators", 0, "name"), mapped to its 1-based line.
Lines = dict[tuple[str | int, ...], int]


def load_yaml(text: str, path: Path | str) -> tuple[Any, Lines]:
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        raise FormatError(
            f"not valid YAML: {exc.problem}",
            where=Location(path, mark.line + 1 if mark else 0, mark.column + 1 if mark else 0),
            fix="check the indentation and quoting on that line",
        ) from None
    lines: Lines = {}
    if node is None:
        return {}, {(): 1}  # an empty file: what is missing is missing from line 1
    return _convert(node, (), lines, path), lines


def _convert(node: yaml.Node, at: tuple[str | int, ...], lines: Lines, path: Path | str) -> Any:
    lines[at] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in out:
                raise FormatError(
                    f"key {key!r} appears twice",
                    where=Location(path, key_node.start_mark.line + 1),
                    fix="keep one of the two",
                )
            out[key] = _convert(value_node, (*at, key), lines, path)
            lines[(*at, key)] = key_node.start_mark.line + 1
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_convert(item, (*at, i), lines, path) for i, item in enumerate(node.value)]
    if node.tag == "tag:yaml.org,2002:null":
        return None
    return str(node.value)


def line_of(lines: Lines, at: tuple[str | int, ...]) -> int:
    """The line of ``at``, or of its nearest enclosing value."""
    while at not in lines and at:
        at = at[:-1]
    return lines.get(at, 0)
