"""Import a plain-text article, as copied from a web page, into segments.

The text is read line by line. What is not article text is recognised and
moved, never dropped:

- the lines before a ``***`` line are the translator's note: metadata;
- a line like ``(Featured photo by ... )`` is a photo credit: metadata;
- a run of ``- Title - Month D, YYYY`` lines at the end is the site's list of
  related posts: set aside in the import record;
- blank lines and the ``***`` separator: set aside.

The rest is the body: one segment per line, a short line with no closing
punctuation is a heading. The text of every line is kept exactly.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from toolkit.model import Block, BlockKind, Document, Layout, Segment
from toolkit.store.importrecord import ImportRecord, Part
from toolkit.store.inline import escape
from toolkit.store.lines import split_lines

_CREDIT_RE = re.compile(r"\((?:featured )?(?:photo|image|picture)\b.*\)", re.IGNORECASE)
_RELATED_RE = re.compile(r"- .+ - [A-Z][a-z]+ \d{1,2}, \d{4}")
_SENTENCE_END = tuple(".!?:;…\"'”’)」』。！？：；")
HEADING_MAX = 100


@dataclass(frozen=True)
class Imported:
    """What an import produced: the document, and the metadata it found."""

    document: Document
    record: ImportRecord
    metadata: dict[str, str] = field(default_factory=dict)


def import_text(text: str, file_name: str, id_prefix: str = "t") -> Imported:
    data = text.encode("utf-8")
    lines, layout = split_lines(text, file_name)
    newline = layout.newline
    kinds = _classify(lines)
    parts: list[Part] = []
    metadata: dict[str, str] = {}
    blocks: list[Block] = []
    credits = 0
    for first, last, kind in _runs(kinds):
        span = f"{first + 1}" if first == last else f"{first + 1}-{last + 1}"
        chunk = lines[first : last + 1]
        if kind == "note":
            metadata["translator_note"] = newline.join(chunk)
            parts.append(Part(lines=span, to="metadata", field="translator_note"))
        elif kind == "credit":
            key = f"photo_credits[{credits}].as_published"
            metadata[key] = chunk[0]
            credits += 1
            parts.append(Part(lines=span, to="metadata", field=key))
        elif kind == "body":
            for offset, line in enumerate(chunk):
                number = len(blocks) + 1
                seg = Segment(f"{id_prefix}{number}", escape(line), first + offset + 1)
                heading = _is_heading(line)
                blocks.append(
                    Block(
                        BlockKind.HEADING if heading else BlockKind.PARAGRAPH,
                        (seg,),
                        level=1 if heading else 0,
                        blank_before=1 if blocks else 0,
                    )
                )
            parts.append(Part(lines=span, to="body"))
        else:
            parts.append(Part(lines=span, to="set_aside", reason=_REASONS[kind], text=chunk))
    record = ImportRecord(
        file=file_name,
        sha256=hashlib.sha256(data).hexdigest(),
        newline="crlf" if newline == "\r\n" else "lf",
        final_newline=layout.final_newline,
        bom=layout.bom,
        parts=parts,
    )
    return Imported(Document(tuple(blocks), Layout()), record, metadata)


_REASONS = {
    "rule": "separator between the translator's note and the article",
    "blank": "blank lines",
    "related": "the site's list of related posts (page furniture)",
}


def _classify(lines: list[str]) -> list[str]:
    kinds = ["body"] * len(lines)
    if "***" in lines:
        rule = lines.index("***")
        if 0 < rule <= 3:  # a short note, then the separator
            kinds[:rule] = ["note"] * rule
            kinds[rule] = "rule"
    end = len(lines)
    while end and (_RELATED_RE.fullmatch(lines[end - 1]) or not lines[end - 1].strip()):
        end -= 1
    for i in range(end, len(lines)):
        kinds[i] = "related" if lines[i].strip() else "blank"
    for i, line in enumerate(lines):
        if kinds[i] == "body" and _CREDIT_RE.fullmatch(line.strip()):
            kinds[i] = "credit"
        elif kinds[i] == "body" and not line.strip():
            kinds[i] = "blank"
    return kinds


def _runs(kinds: list[str]) -> list[tuple[int, int, str]]:
    """Consecutive lines of one kind, as (first, last, kind); credits stay single lines."""
    runs: list[tuple[int, int, str]] = []
    for i, kind in enumerate(kinds):
        if runs and runs[-1][2] == kind and kind != "credit":
            runs[-1] = (runs[-1][0], i, kind)
        else:
            runs.append((i, i, kind))
    return runs


def _is_heading(line: str) -> bool:
    stripped = line.strip()
    return 0 < len(stripped) <= HEADING_MAX and not stripped.endswith(_SENTENCE_END)
