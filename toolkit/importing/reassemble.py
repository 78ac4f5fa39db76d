"""Put an imported text file back together from the store: the proof that nothing was lost."""

from __future__ import annotations

from toolkit.metadata import Publication, sentence_separator
from toolkit.model import Block, Document
from toolkit.store.importrecord import Destination, ImportRecord, SourceFormat
from toolkit.store.inline import plain_text
from toolkit.store.lines import join_lines


def reassemble(record: ImportRecord, document: Document, meta: Publication, lang: str) -> str:
    """The imported file's text, from body blocks, metadata fields and set-aside parts.

    Each body line of the file is one block of the document; its sentences are joined
    by the white space the record keeps, else by the language's separator. Raises
    KeyError when a part's destination no longer holds its text, ValueError for a
    record of a page or document (only text files can be put back together).
    """
    if record.format is not SourceFormat.TEXT:
        raise ValueError(f"a {record.format} import cannot be put back together byte for byte")
    separator = sentence_separator(lang)
    blocks = iter(b for b in document.blocks if b.segments)
    lines: list[str] = []
    for part in record.parts:
        if part.to is Destination.BODY and part.lines is not None:
            for _ in part.lines.numbers():
                lines.append(_line(next(blocks), record.spacing, separator))
        elif part.to is Destination.METADATA and part.field is not None:
            held = part.field.get(meta)
            if held is None:
                raise KeyError(str(part.field))
            lines.append(held)
        else:
            lines.extend(part.text or [])
    return join_lines(lines, record.layout)


def _line(block: Block, spacing: dict[str, str], separator: str) -> str:
    out: list[str] = []
    for index, seg in enumerate(block.segments):
        if index:
            previous = block.segments[index - 1].id
            out.append(spacing.get(previous or "", separator))
        out.append(plain_text(seg.text))
    return "".join(out)
