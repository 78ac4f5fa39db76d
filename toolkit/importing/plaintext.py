"""Import a plain-text article, as copied from a web page, into blocks.

The text is read line by line. What is not article text is recognised and
moved, never dropped:

- (translations) one to three (NOTE_MAX) contiguous non-blank lines just before the
  first ``***`` line (only blank lines before and after them) are the translator's
  note: metadata;
- a photo credit line, ``(Featured photo by ...)``, ``(Photo: ...)``, ``圖片來源：...``,
  ``攝影：...``: metadata (``photo_credits`` of a translation, ``image_credits`` of the
  original);
- a read counter (``319 人閱讀``, ``1.2k views``), a byline that repeats a name in the
  metadata (``文／王小明``, ``By Jane Doe``), the title line that repeats the metadata's
  title: set aside;
- a run of ``- Title - Month D, YYYY`` lines at the end is the site's list of related
  posts: set aside;
- blank lines and the ``***`` separator: set aside.

The rest is the body: one block per line; a short line with no closing punctuation
is a heading. The text of every line is kept exactly. Segments get no IDs here.
"""

from __future__ import annotations

import hashlib
import re
from enum import Enum

from toolkit.importing.imported import Imported, ReadContext, Role
from toolkit.importing.recognise import READ_COUNT, is_byline
from toolkit.model import Block, BlockKind, Document, Layout, Segment
from toolkit.store.importrecord import (
    Destination,
    FieldRef,
    ImportRecord,
    LineSpan,
    Part,
    Reason,
    text_sha256,
)
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
#: 圖片來源：X, 圖／X, 攝影：X, 照片提供：X (full- or half-width colon or slash), in
#: brackets or not.
_ZH_CREDIT_RE = re.compile(
    r"[（(]?\s*(?:圖片來源|图片来源|圖片提供|图片提供|照片來源|照片提供|圖|图|攝影|摄影)"
    r"\s*[：:／/]\s*(?P<text>\S.*?)\s*[）)]?"
)
_RELATED_RE = re.compile(r"- .+ - [A-Z][a-z]+ \d{1,2}, \d{4}")
_SENTENCE_END = tuple(".!?:;…\"'”’)」』。！？：；")
HEADING_MAX = 100
#: A translator's note is at most this many lines.
NOTE_MAX = 3
RULE = "***"


class _Kind(Enum):
    BODY = "body"
    NOTE = "note"
    CREDIT = "credit"
    RULE = "rule"
    BLANK = "blank"
    RELATED = "related"
    READ_COUNT = "read-count"
    BYLINE = "byline"
    TITLE = "title"


_REASONS = {
    _Kind.RULE: Reason.SEPARATOR,
    _Kind.BLANK: Reason.BLANK,
    _Kind.RELATED: Reason.RELATED,
    _Kind.READ_COUNT: Reason.READ_COUNT,
    _Kind.BYLINE: Reason.BYLINE,
    _Kind.TITLE: Reason.TITLE,
}


def photo_credit(line: str) -> str | None:
    """The credit in a credit line: "Li Wei" in "(Photo: Li Wei)" or "圖片來源：中央社"."""
    stripped = line.strip()
    m = _CREDIT_RE.fullmatch(stripped) or _ZH_CREDIT_RE.fullmatch(stripped)
    return m.group("text") if m else None


def credit_field(role: Role, index: int) -> FieldRef:
    """Where the ``index``-th credit line goes: the translation's photo credits, or the
    original's image credits."""
    name = "photo_credits" if role is Role.TRANSLATION else "image_credits"
    return FieldRef(name=name, index=index, attribute="as_published")


NOTE_FIELD = FieldRef(name="translator_note")


def import_text(
    text: str,
    file_name: str,
    context: ReadContext,
    *,
    data: bytes | None = None,
    encoding: str = "utf-8",
) -> Imported:
    """Split ``text`` into body blocks, metadata and set-aside lines; record where each went.

    ``data`` is the file as read (``text`` decoded from it with ``encoding``); the
    record keeps its SHA-256. Raises FormatError (naming ``file_name`` and the line)
    for mixed line endings.
    """
    if data is None:
        data = text.encode(encoding)
    lines, layout = split_lines(text, file_name)
    newline = layout.newline
    kinds = _classify(lines, context)
    parts: list[Part] = []
    metadata: dict[FieldRef, str] = {}
    blocks: list[Block] = []
    credits = 0
    for first, last, kind in _runs(kinds):
        span = LineSpan(first=first + 1, last=last + 1)
        chunk = lines[first : last + 1]
        if kind in (_Kind.NOTE, _Kind.CREDIT):
            if kind is _Kind.NOTE:
                key = NOTE_FIELD
            else:
                key = credit_field(context.role, credits)
                credits += 1
            moved = newline.join(chunk)
            metadata[key] = moved
            sha = text_sha256(moved)
            parts.append(Part(lines=span, to=Destination.METADATA, field=key, sha256=sha))
        elif kind is _Kind.BODY:
            for offset, line in enumerate(chunk):
                blocks.append(_block(line, first + offset + 1, bool(blocks)))
            parts.append(Part(lines=span, to=Destination.BODY))
        else:
            reason = _REASONS[kind]
            parts.append(Part(lines=span, to=Destination.SET_ASIDE, reason=reason, text=chunk))
    record = ImportRecord(
        file=file_name,
        sha256=hashlib.sha256(data).hexdigest(),
        encoding=encoding,
        newline="crlf" if newline == "\r\n" else "lf",
        final_newline=layout.final_newline,
        bom=layout.bom,
        parts=parts,
    )
    return Imported(Document(tuple(blocks), _segment_layout(blocks)), record, metadata)


def _block(line: str, number: int, after_another: bool) -> Block:
    seg = Segment(None, escape(line), number)
    heading = _is_heading(line)
    return Block(
        BlockKind.HEADING if heading else BlockKind.PARAGRAPH,
        (seg,),
        level=1 if heading else 0,
        blank_before=1 if after_another else 0,
        line=number,
    )


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


def _classify(lines: list[str], context: ReadContext) -> list[_Kind]:
    kinds = [_Kind.BODY] * len(lines)
    note = _note(lines) if context.role is Role.TRANSLATION else None
    if note is not None:
        first, last, rule = note
        kinds[first : last + 1] = [_Kind.NOTE] * (last - first + 1)
        kinds[rule] = _Kind.RULE
    end = len(lines)
    while (
        end
        and kinds[end - 1] is _Kind.BODY
        and (_RELATED_RE.fullmatch(lines[end - 1]) or not lines[end - 1].strip())
    ):
        end -= 1
    for i in range(end, len(lines)):
        kinds[i] = _Kind.RELATED if lines[i].strip() else _Kind.BLANK
    for i, line in enumerate(lines):
        if kinds[i] is _Kind.BODY:
            kinds[i] = _furniture(line, context)
    return kinds


def _furniture(line: str, context: ReadContext) -> _Kind:
    """What a body line really is: blank, a credit, a counter, a byline, the title, or body."""
    stripped = line.strip()
    if not stripped:
        return _Kind.BLANK
    if photo_credit(line) is not None:
        return _Kind.CREDIT
    if READ_COUNT.fullmatch(stripped):
        return _Kind.READ_COUNT
    if context.title and stripped == context.title.strip():
        return _Kind.TITLE
    if is_byline(stripped, context.names):
        return _Kind.BYLINE
    return _Kind.BODY


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


def _runs(kinds: list[_Kind]) -> list[tuple[int, int, _Kind]]:
    """Consecutive lines of one kind, as (first, last, kind); credits stay single lines."""
    runs: list[tuple[int, int, _Kind]] = []
    for i, kind in enumerate(kinds):
        if runs and runs[-1][2] is kind and kind is not _Kind.CREDIT:
            runs[-1] = (runs[-1][0], i, kind)
        else:
            runs.append((i, i, kind))
    return runs


def _is_heading(line: str) -> bool:
    stripped = line.strip()
    return 0 < len(stripped) <= HEADING_MAX and not stripped.endswith(_SENTENCE_END)
