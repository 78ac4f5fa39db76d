"""Metadata files: read and validate work.yaml and <lang>.yaml (the schema: toolkit.metadata)."""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from toolkit.errors import MetadataError
from toolkit.metadata import Original, Translation
from toolkit.store.lines import read_text
from toolkit.store.yamlfile import Lines, line_of, load_yaml

M = TypeVar("M", bound=BaseModel)


def load_original(path: Path) -> Original:
    return parse_model(read_text(path), path, Original)


def load_translation(path: Path) -> Translation:
    return parse_model(read_text(path), path, Translation)


def parse_translation(text: str, path: Path | str) -> Translation:
    """Validate a translation's metadata given as text (``path`` names it in errors)."""
    return parse_model(text, path, Translation)


def parse_model(text: str, path: Path | str, model: type[M], doc: str = "docs/metadata.md") -> M:
    """Read YAML ``text`` as ``model``; MetadataError lists every field at fault with its line
    (``doc`` names the documentation of the file's fields)."""
    return parse_model_lines(text, path, model, doc)[0]


def parse_model_lines(
    text: str,
    path: Path | str,
    model: type[M],
    doc: str = "docs/metadata.md",
    kind: str = "metadata",
    empty_is_default: bool = False,
) -> tuple[M, Lines]:
    """``parse_model``, and the line of each value (for messages about a valid file).

    ``kind`` names what the file holds in errors; ``empty_is_default``: an empty file is
    the model's defaults (a settings file), not an error."""
    data, lines = load_yaml(text, path)
    if data is None and empty_is_default:
        data = {}
    if not isinstance(data, dict):
        raise MetadataError(path, [("(file)", 1, "expected a mapping of fields")], doc, kind)
    try:
        return model.model_validate(data), lines
    except ValidationError as exc:
        raise MetadataError(path, problems(exc, lines, doc), doc, kind) from None


def problems(
    exc: ValidationError, lines: Lines, doc: str = "docs/metadata.md"
) -> list[tuple[str, int, str]]:
    """Each validation error as (field path, line, message a person can act on)."""
    out = []
    for err in exc.errors():
        loc = tuple(err["loc"])
        field = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in loc).lstrip(".")
        message = err["msg"]
        if err["type"] == "extra_forbidden":
            message = f"unknown field (misspelt? see {doc})"
        elif err["type"] == "missing":
            message = "required field is missing"
        elif message.startswith("Value error, "):
            message = message.removeprefix("Value error, ")
        out.append((field, line_of(lines, loc), message))
    return out
