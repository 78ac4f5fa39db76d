"""The import record: where every line of an imported file went.

``translations/<work>/<lang>.import.yaml`` (or ``source/<work>/import.yaml``)
lists the imported file's lines in order, each range with its destination:

- ``body``: one segment per line, in order, in the segment file;
- ``metadata``: a field of the metadata file, e.g. ``translator_note``, with the
  SHA-256 of the text moved there (so ``check`` can tell when it changed);
- ``set_aside``: kept here verbatim, with the reason (site furniture, separators).

With it, body + metadata + set-aside parts give back the imported file byte for
byte (:func:`toolkit.importing.reassemble`): nothing is silently dropped.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field

from toolkit.model import Layout
from toolkit.store.lines import read_text
from toolkit.store.metafile import parse_model


class Part(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    lines: str = Field(pattern=r"^\d+(-\d+)?$")
    to: Literal["body", "metadata", "set_aside"]
    field: str | None = None
    #: SHA-256 (hex, of the UTF-8) of the text moved to the metadata field.
    sha256: str | None = Field(default=None, pattern=r"^[0-9a-f]{64}$")
    reason: str | None = None
    #: Set-aside text, one string per line of the imported file.
    text: list[str] | None = None

    @property
    def span(self) -> tuple[int, int]:
        first, _, last = self.lines.partition("-")
        return int(first), int(last or first)

    @property
    def count(self) -> int:
        first, last = self.span
        return last - first + 1


class ImportRecord(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    file: str
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    encoding: str = "utf-8"
    newline: Literal["lf", "crlf"] = "lf"
    final_newline: bool
    bom: bool = False
    parts: list[Part]

    @property
    def layout(self) -> Layout:
        """How the imported file was laid out: line breaks, final newline, byte-order mark."""
        newline = "\r\n" if self.newline == "crlf" else "\n"
        return Layout(newline=newline, final_newline=self.final_newline, bom=self.bom)

    def set_aside(self) -> list[Part]:
        return [p for p in self.parts if p.to == "set_aside"]


def load_record(path: Path) -> ImportRecord:
    return parse_model(read_text(path), path, ImportRecord)


def dump_record(record: ImportRecord) -> str:
    """The record as YAML: block scalars keep set-aside text readable and exact."""
    head = {
        "file": record.file,
        "sha256": record.sha256,
        "encoding": record.encoding,
        "newline": record.newline,
        "final_newline": record.final_newline,
        "bom": record.bom,
    }
    out = [
        "# Where each line of the imported file went (toolkit import). Do not edit by hand.",
        _dump(head).rstrip("\n"),
        "parts:" if record.parts else "parts: []",
    ]
    for part in record.parts:
        item = part.model_dump(exclude_none=True)
        body = _dump([item]).rstrip("\n")
        out.append(re.sub(r"^", "  ", body, flags=re.M))
    return "\n".join(out) + "\n"


def text_sha256(text: str) -> str:
    """The SHA-256 of ``text`` in UTF-8, as recorded for text moved to metadata."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def dump_yaml(data: object, *, flow: bool = False) -> str:
    """YAML that reads back as exactly ``data``, one value per line (no folding).

    Strings with line breaks of any kind (LF, CR, NEL, U+2028, U+2029) or other
    characters YAML would not keep as they are are written double-quoted, with
    escapes: PyYAML would otherwise write them as real line breaks, and NEL
    does not read back.
    """
    return yaml.dump(
        data,
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        width=10**9,
        default_flow_style=flow,
    )


class _Dumper(yaml.SafeDumper):
    pass


#: Characters PyYAML writes as they are in plain or single-quoted scalars.
_PRINTABLE = re.compile(
    "[\t\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]*"
)


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = None if _PRINTABLE.fullmatch(value) else '"'
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)


def _dump(data: object) -> str:
    return dump_yaml(data)
