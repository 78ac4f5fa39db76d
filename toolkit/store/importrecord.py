"""The import record: where every piece of an imported file went.

``translations/<work>/<lang>.import.yaml`` (``source/<work>/<lang>.import.yaml``
for the original) lists the imported file's pieces in order, each with its
destination:

- ``body``: the text of the segment file;
- ``metadata``: a field of the metadata file, e.g. ``translator_note``, with the
  SHA-256 of the text moved there (so ``check`` can tell when it changed);
- ``set_aside``: kept here verbatim, with the reason (site furniture, separators).

A piece of a text file is a range of its lines (``lines``); a piece of a page
or a document is named by where it stood (``element``, for people to read).
For text files, body + metadata + set-aside parts give back the imported file
byte for byte (:func:`toolkit.importing.reassemble`): nothing is silently dropped.

Every value has its type here, parsed once when the file is read: line ranges
(:class:`LineSpan`), metadata field references (:class:`FieldRef`), destinations
and reasons (enums). On disk they keep a compact, readable form (``lines: 3-27``,
``field: photo_credits[0].as_published``, ``reason: related-posts``).
"""

from __future__ import annotations

import hashlib
import re
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import yaml
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PlainSerializer

from toolkit.metadata import Publication
from toolkit.model import Layout
from toolkit.store.lines import read_text
from toolkit.store.metafile import parse_model


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class LineSpan(_Frozen):
    """Lines ``first`` to ``last`` of the imported file, 1-based and inclusive."""

    first: int = Field(ge=1)
    last: int = Field(ge=1)

    @classmethod
    def parse(cls, value: object) -> object:
        """``'3-27'``, ``'3'`` or ``3`` as a span; anything else is left to validation."""
        if isinstance(value, int):
            return {"first": value, "last": value}
        if isinstance(value, str):
            m = re.fullmatch(r"(\d+)(?:-(\d+))?", value)
            if m:
                return {"first": int(m.group(1)), "last": int(m.group(2) or m.group(1))}
            raise ValueError(f"{value!r} is not a line or a range of lines such as 3-27")
        return value

    @property
    def count(self) -> int:
        return self.last - self.first + 1

    def numbers(self) -> range:
        return range(self.first, self.last + 1)

    def __str__(self) -> str:
        return str(self.first) if self.first == self.last else f"{self.first}-{self.last}"


class FieldRef(_Frozen):
    """A metadata field: ``translator_note``, or ``photo_credits[0].as_published``."""

    name: str
    index: int | None = None
    attribute: str | None = None

    @classmethod
    def parse(cls, value: object) -> object:
        if isinstance(value, str):
            m = re.fullmatch(r"([a-z_]+)(?:\[(\d+)\]\.([a-z_]+))?", value)
            if not m:
                raise ValueError(f"{value!r} is not a metadata field such as photo_credits[0].text")
            index = None if m.group(2) is None else int(m.group(2))
            return {"name": m.group(1), "index": index, "attribute": m.group(3)}
        return value

    def get(self, meta: Publication) -> str | None:
        """The field's text in ``meta``, or None when it is not there (or not text)."""
        value: object = getattr(meta, self.name, None)
        if self.index is not None:
            items = value if isinstance(value, list) else []
            value = items[self.index] if self.index < len(items) else None
            value = getattr(value, self.attribute or "", None)
        return value if isinstance(value, str) else None

    def __str__(self) -> str:
        if self.index is None:
            return self.name
        return f"{self.name}[{self.index}].{self.attribute}"


class Destination(StrEnum):
    BODY = "body"
    METADATA = "metadata"
    SET_ASIDE = "set_aside"


class Reason(StrEnum):
    """Why a piece was set aside. The value is what the record says; ``description`` is
    what a person is told."""

    BLANK = "blank"
    SEPARATOR = "separator"
    RELATED = "related-posts"
    METADATA_DIFFERS = "metadata-differs"
    OUTSIDE_ARTICLE = "outside-article"
    NAVIGATION = "navigation"
    SHARE = "share-buttons"
    COMMENTS = "comments"
    READ_COUNT = "read-count"
    BYLINE = "byline"
    TITLE = "title"
    TAGS = "tags"
    ADVERT = "advertisement"
    NOT_TEXT = "not-text"
    DATE = "date"
    ASIDE = "aside"
    FORM = "form"
    FOOTER = "footer"
    IMAGE_UNAVAILABLE = "image-unavailable"
    INLINE_IMAGE = "inline-image"
    TOOLTIP = "tooltip"
    TABLE_FLATTENED = "table-flattened"
    DOCUMENT_METADATA = "document-metadata"

    @property
    def description(self) -> str:
        return _DESCRIPTIONS[self]

    @classmethod
    def parse(cls, value: object) -> object:
        """A reason, also as the sentences records written before 0.2 held."""
        if isinstance(value, str):
            for reason, text in _DESCRIPTIONS.items():
                if value == text:
                    return reason
            if value.endswith(" as imported; the metadata file holds another value"):
                return cls.METADATA_DIFFERS
        return value


_DESCRIPTIONS = {
    Reason.BLANK: "blank lines",
    Reason.SEPARATOR: "separator between the translator's note and the article",
    Reason.RELATED: "the site's list of related posts (page furniture)",
    Reason.METADATA_DIFFERS: "moved to metadata as imported; the metadata file holds another value",
    Reason.OUTSIDE_ARTICLE: "outside the article (the site's header, menus, sidebars, footer)",
    Reason.NAVIGATION: "navigation links (page furniture)",
    Reason.SHARE: "share buttons (page furniture)",
    Reason.COMMENTS: "the comments and the comment form (page furniture)",
    Reason.READ_COUNT: "a read or view counter (page furniture)",
    Reason.BYLINE: "the byline, which repeats the metadata's author or translator",
    Reason.TITLE: "the title, which repeats the metadata's title",
    Reason.TAGS: "the article's tags or categories (page furniture)",
    Reason.ADVERT: "an advertisement or subscription prompt (page furniture)",
    Reason.NOT_TEXT: "not text: a script, style or embedded object",
    Reason.DATE: "the publication or update date line (page furniture)",
    Reason.ASIDE: "an aside beside the article's text: a sidebar, pull quote or box (furniture)",
    Reason.FORM: "a form: a search, sign-up or reply box (page furniture)",
    Reason.FOOTER: "the article's footer (page furniture)",
    Reason.IMAGE_UNAVAILABLE: (
        "an image that could not be brought in (a remote address, or a file missing or "
        "outside the page's folder); its caption stays in the text"
    ),
    Reason.INLINE_IMAGE: "an image within a line of text (an icon); its alt text stays in the text",
    Reason.TOOLTIP: "a tooltip (title attribute) of a link or image, not part of the text",
    Reason.TABLE_FLATTENED: (
        "a table with merged or missing cells, made a simple table: each merged cell's text "
        "stands in its first cell, the cells it covered are empty"
    ),
    Reason.DOCUMENT_METADATA: "the document's own metadata (title, author, date), as it was",
}

Lines = Annotated[LineSpan, BeforeValidator(LineSpan.parse), PlainSerializer(str)]
FieldName = Annotated[FieldRef, BeforeValidator(FieldRef.parse), PlainSerializer(str)]
Why = Annotated[Reason, BeforeValidator(Reason.parse)]


class Part(_Frozen):
    """One piece of the imported file and where it went."""

    lines: Lines | None = None
    #: Where a piece of a page or document stood (for people; never parsed).
    element: str | None = None
    to: Destination
    field: FieldName | None = None
    #: SHA-256 (hex, of the UTF-8) of the text moved to the metadata field.
    sha256: str | None = Field(default=None, pattern=r"^[0-9a-f]{64}$")
    reason: Why | None = None
    #: Set-aside text, one string per line.
    text: list[str] | None = None

    @property
    def where(self) -> str:
        """Where the piece stood, for messages: 'lines 3-5' or the element."""
        if self.lines is not None:
            return f"line {self.lines}" if self.lines.count == 1 else f"lines {self.lines}"
        return self.element or "the file"

    @property
    def explanation(self) -> str:
        if self.reason is Reason.METADATA_DIFFERS and self.field is not None:
            return f"{self.field} as imported; the metadata file holds another value"
        return self.reason.description if self.reason else ""


class SourceFormat(StrEnum):
    TEXT = "text"
    MARKDOWN = "markdown"
    HTML = "html"
    DOCX = "docx"


class ImportRecord(_Frozen):
    file: str
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    format: SourceFormat = SourceFormat.TEXT
    encoding: str = "utf-8"
    newline: str = Field(default="lf", pattern=r"^(lf|crlf)$")
    final_newline: bool = True
    bom: bool = False
    parts: list[Part]
    #: The white space after a sentence (by segment ID), before the next sentence of the
    #: same line, where it is not the language's usual separator (a space in English,
    #: nothing in Chinese). Editions use the usual one; putting the file back together
    #: uses this.
    spacing: dict[str, str] = {}
    #: The highest segment ID given so far on this side (``t27``): an ID that was given
    #: once is never given to other text, even after its segment is gone.
    last_id: str | None = None
    #: The SHA-256 of the segment file as the toolkit last wrote it: when the file's bytes
    #: differ, a person has edited it, and importing again would lose those edits.
    text_sha256: str | None = Field(default=None, pattern=r"^[0-9a-f]{64}$")

    @property
    def layout(self) -> Layout:
        """How the imported file was laid out: line breaks, final newline, byte-order mark."""
        newline = "\r\n" if self.newline == "crlf" else "\n"
        return Layout(newline=newline, final_newline=self.final_newline, bom=self.bom)

    def set_aside(self) -> list[Part]:
        return [p for p in self.parts if p.to is Destination.SET_ASIDE]

    def moved_to_metadata(self) -> list[Part]:
        return [p for p in self.parts if p.to is Destination.METADATA and p.field is not None]


def load_record(path: Path) -> ImportRecord:
    return parse_model(read_text(path), path, ImportRecord)


def dump_record(record: ImportRecord) -> str:
    """The record as YAML: one value per line, set-aside text readable and exact."""
    head: dict[str, Any] = {"file": record.file, "sha256": record.sha256}
    if record.format is not SourceFormat.TEXT:
        head["format"] = record.format.value
    head["encoding"] = record.encoding
    if record.format is SourceFormat.TEXT:
        head.update(newline=record.newline, final_newline=record.final_newline, bom=record.bom)
    out = [
        "# Where each piece of the imported file went (toolkit import). Do not edit by hand.",
        dump_yaml(head).rstrip("\n"),
        "parts:" if record.parts else "parts: []",
    ]
    for part in record.parts:
        item = {k: v for k, v in part.model_dump(mode="json").items() if v is not None}
        body = dump_yaml([item]).rstrip("\n")
        out.append(re.sub(r"^", "  ", body, flags=re.M))
    if record.spacing:
        out.append(dump_yaml({"spacing": record.spacing}).rstrip("\n"))
    if record.last_id is not None:
        out.append(dump_yaml({"last_id": record.last_id}).rstrip("\n"))
    if record.text_sha256 is not None:
        out.append(dump_yaml({"text_sha256": record.text_sha256}).rstrip("\n"))
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
