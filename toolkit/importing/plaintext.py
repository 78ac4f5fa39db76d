"""Import a plain-text article, as copied from a web page, into segments.

The text is read line by line. What is not article text is recognised and
moved, never dropped:

- one to three (NOTE_MAX) contiguous non-blank lines just before the first ``***``
  line (only blank lines before and after them) are the translator's note: metadata;
- a line like ``(Featured photo by ...)``, ``(Photo: ...)`` or
  ``(Image credit: ...)`` is a photo credit: metadata;
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
from toolkit.store.importrecord import ImportRecord, Part, text_sha256
from toolkit.store.inline import escape
from toolkit.store.lines import split_lines

#: "(Featured photo by X)", "(Photo: X)", "(Image credit: X)": the word photo, image or
#: picture, then "by" or ":", then the credit. A repeated "Photo by" is part of the lead
#: ("(Featured photo by Photo by X on Pexels)" credits X on Pexels).
_CREDIT_RE = re.compile(
    r"\(\s*(?:featured\s+)?(?:photo|image|picture)(?:\s+credits?)?(?:\s+by\b|\s*:)\s*"
    r"(?:(?:photo|image|picture)\s+by\s+)*(?P<text>\S.*?)\s*\)",
    re.IGNORECASE,
)
_RELATED_RE = re.compile(r"- .+ - [A-Z][a-z]+ \d{1,2}, \d{4}")
_SENTENCE_END = tuple(".!?:;…\"'”’)」』。！？：；")
HEADING_MAX = 100
#: A translator's note is at most this many lines.
NOTE_MAX = 3
RULE = "***"


def photo_credit(line: str) -> str | None:
    """The credit in a photo-credit line, e.g. "Li Wei" in "(Photo: Li Wei)"; else None."""
    m = _CREDIT_RE.fullmatch(line.strip())
    return m.group("text") if m else None


@dataclass(frozen=True)
class Imported:
    """What an import produced: the document, and the metadata it found.

    ``metadata`` maps an import-record field name (``translator_note``,
    ``photo_credits[0].as_published``) to the text moved there, exactly.
    """

    document: Document
    record: ImportRecord
    metadata: dict[str, str] = field(default_factory=dict)


def import_text(text: str, file_name: str, id_prefix: str = "t") -> Imported:
    """Split ``text`` into body segments, metadata and set-aside lines; record where each went.

    Raises FormatError (naming ``file_name`` and the line) for mixed line endings.
    """
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
        if kind in ("note", "credit"):
            if kind == "note":
                key = "translator_note"
            else:
                key = f"photo_credits[{credits}].as_published"
                credits += 1
            assert key not in metadata, f"{key} assigned twice"
            moved = newline.join(chunk)
            metadata[key] = moved
            parts.append(Part(lines=span, to="metadata", field=key, sha256=text_sha256(moved)))
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
            parts.append(Part(lines=span, to="set_aside", reason=REASONS[kind], text=chunk))
    record = ImportRecord(
        file=file_name,
        sha256=hashlib.sha256(data).hexdigest(),
        newline="crlf" if newline == "\r\n" else "lf",
        final_newline=layout.final_newline,
        bom=layout.bom,
        parts=parts,
    )
    return Imported(Document(tuple(blocks), _segment_layout(blocks)), record, metadata)


def _segment_layout(blocks: list[Block]) -> Layout:
    """The segment file's layout: a byte-order mark when the first line starts with U+FEFF.

    A text line may start with U+FEFF (a file that began with two of them); written
    first in the segment file, it would be read as a byte-order mark and taken off,
    unless the file has a byte-order mark of its own before it.
    """
    first = blocks[0] if blocks else None
    bom = (
        first is not None
        and first.kind is BlockKind.PARAGRAPH
        and first.segments[0].text.startswith("\ufeff")
    )
    return Layout(bom=bom)


#: Why each kind of set-aside line was set aside.
REASONS = {
    "rule": "separator between the translator's note and the article",
    "blank": "blank lines",
    "related": "the site's list of related posts (page furniture)",
}


def _classify(lines: list[str]) -> list[str]:
    kinds = ["body"] * len(lines)
    note = _note(lines)
    if note is not None:
        first, last, rule = note
        kinds[first : last + 1] = ["note"] * (last - first + 1)
        kinds[rule] = "rule"
    end = len(lines)
    while (
        end
        and kinds[end - 1] == "body"
        and (_RELATED_RE.fullmatch(lines[end - 1]) or not lines[end - 1].strip())
    ):
        end -= 1
    for i in range(end, len(lines)):
        kinds[i] = "related" if lines[i].strip() else "blank"
    for i, line in enumerate(lines):
        if kinds[i] == "body" and photo_credit(line) is not None:
            kinds[i] = "credit"
        elif kinds[i] == "body" and not line.strip():
            kinds[i] = "blank"
    return kinds


def _note(lines: list[str]) -> tuple[int, int, int] | None:
    """(first, last, rule): the translator's note's lines and the ``***`` line after it.

    The note is one to NOTE_MAX contiguous non-blank lines before the first ``***``
    line; only blank lines may come before it or between it and the ``***``.
    """
    if RULE not in lines:
        return None
    rule = lines.index(RULE)
    filled = [i for i in range(rule) if lines[i].strip()]
    if not filled or len(filled) > NOTE_MAX or filled[-1] - filled[0] + 1 != len(filled):
        return None
    return filled[0], filled[-1], rule


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
