"""Put an imported file back together from the store: the proof that nothing was lost."""

from __future__ import annotations

import re

from toolkit.metadata import Translation
from toolkit.model import Document
from toolkit.store.importrecord import ImportRecord
from toolkit.store.inline import plain_text
from toolkit.store.lines import join_lines

_FIELD_RE = re.compile(r"([a-z_]+)(?:\[(\d+)\]\.([a-z_]+))?")


def reassemble(record: ImportRecord, document: Document, meta: Translation) -> str:
    """The imported file's text, from body segments, metadata fields and set-aside parts.

    Raises KeyError when a part's destination no longer holds its text.
    """
    segments = iter(document.segments())
    lines: list[str] = []
    for part in record.parts:
        if part.to == "body":
            lines.extend(plain_text(next(segments).text) for _ in range(part.count))
        elif part.to == "metadata":
            lines.append(metadata_field(meta, part.field or ""))
        else:
            lines.extend(part.text or [])
    return join_lines(lines, record.layout)


def metadata_field(meta: Translation, name: str) -> str:
    """A metadata field by its import-record name, e.g. ``photo_credits[0].as_published``."""
    m = _FIELD_RE.fullmatch(name)
    if not m:
        raise KeyError(name)
    value: object = getattr(meta, m.group(1), None)
    if m.group(2) is not None:
        items = value if isinstance(value, list) else []
        index = int(m.group(2))
        value = getattr(items[index], m.group(3), None) if index < len(items) else None
    if not isinstance(value, str):
        raise KeyError(name)
    return value
