"""Import a file into a work: read → sentences → IDs → write, nothing lost or half-written.

Stages, as the log names them: ``read`` (decode, then the reader for the format) →
``sentences`` (paragraphs split into sentence lines) → ``ids`` (kept for unchanged
text, new for new text) → ``write`` (segments, import record, metadata, images: all
or nothing). The file is the original's text when its language is the original's
(``work.yaml``), else a translation's.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from toolkit.errors import Location, ToolkitError, shown_path
from toolkit.importing.ids import IdChanges, assign_ids, highest_id
from toolkit.importing.imported import Imported, ReadContext, Role
from toolkit.importing.metafields import add_fields, additions, keep_what_metadata_lacks
from toolkit.importing.plaintext import import_text
from toolkit.importing.target import Target, Touched, find_target
from toolkit.limits import Limits
from toolkit.metadata import sentence_separator
from toolkit.model import Document
from toolkit.segment.blocks import split_document
from toolkit.store.decode import decode
from toolkit.store.docwriter import WriteError, write_document
from toolkit.store.fileio import input_file, write_files
from toolkit.store.importrecord import (
    ImportRecord,
    Part,
    Reason,
    SourceFormat,
    dump_record,
    load_record,
    text_sha256,
)
from toolkit.store.workfile import present

log = logging.getLogger("toolkit.importing")

#: File name endings and the format each is read as.
FORMATS = {
    ".txt": SourceFormat.TEXT,
    ".text": SourceFormat.TEXT,
    ".md": SourceFormat.MARKDOWN,
    ".markdown": SourceFormat.MARKDOWN,
    ".html": SourceFormat.HTML,
    ".htm": SourceFormat.HTML,
    ".xhtml": SourceFormat.HTML,
    ".docx": SourceFormat.DOCX,
}


@dataclass(frozen=True)
class ImportOptions:
    """How to import: the file's language (which says original or translation), whether
    to replace a text already there, and what to do when detection is not enough."""

    lang: str
    force: bool = False
    #: Replace a text even where a person has edited it since it was imported (a backup of
    #: it is kept beside it).
    discard_edits: bool = False
    encoding: str | None = None
    format: SourceFormat | None = None
    #: Split paragraphs into sentence lines (the default).
    sentences: bool = True


@dataclass(frozen=True)
class ImportReport:
    role: Role
    text_path: Path
    record_path: Path
    meta_path: Path
    segments: int
    #: The encoding the file was read in, and how it was found ("detected", "given", …).
    encoding: str
    ids: IdChanges
    encoding_found: str = ""
    added_to_metadata: list[str] = field(default_factory=list)
    kept_in_metadata: list[str] = field(default_factory=list)
    #: Set-aside pieces other than blank lines.
    set_aside: list[Part] = field(default_factory=list)
    blank_lines: int = 0
    #: Beads that name a segment whose text changed or is gone.
    beads: list[Touched] = field(default_factory=list)
    resources: list[Path] = field(default_factory=list)
    #: True when the import would write exactly what is there (nothing was written).
    unchanged: bool = False
    warnings: list[str] = field(default_factory=list)


def format_of(path: Path) -> SourceFormat:
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        known = ", ".join(sorted(FORMATS))
        raise ToolkitError(
            f"cannot tell the format of {path.name} from its name",
            where=Location(path),
            fix=f"name it with one of {known}, or pass --format",
        )
    return fmt


def import_file(paths_root: Path, work: str, file: Path, options: ImportOptions) -> ImportReport:
    """Import ``file`` into ``work`` of the repository at ``paths_root``."""
    target = find_target(paths_root, work, options.lang)
    fmt = options.format or format_of(file)
    data = _read_imported(file, Limits.from_env())
    context = target.context()
    log.info("read: %s as %s (%s)", file.name, fmt.value, target.role.value)
    scratch = paths_root / "build"
    if fmt is SourceFormat.DOCX:
        imported = _read_structured(data, file, fmt, context, None, "binary", scratch)
        found = "a Word document"
    else:
        decoded = decode(data, file, encoding=options.encoding, html=fmt is SourceFormat.HTML)
        found = decoded.how
        if fmt is SourceFormat.TEXT:
            imported = import_text(
                decoded.text, file.name, context, data=data, encoding=decoded.encoding
            )
        else:
            imported = _read_structured(
                data, file, fmt, context, decoded.text, decoded.encoding, scratch
            )
    return replace(apply_import(target, imported, options, source=file), encoding_found=found)


def _read_imported(file: Path, limits: Limits) -> bytes:
    """The bytes of the file to import: a regular file, within the size limit (a device
    or a pipe could give bytes without end, and its size says nothing)."""
    info = input_file(file, "save the text to a file, and import that")
    with file.open("rb") as handle:
        data = handle.read(info.st_size + 1)
    limits.check_file_size(file, len(data))  # it grew while being read
    return data


def _read_structured(
    data: bytes,
    file: Path,
    fmt: SourceFormat,
    context: ReadContext,
    text: str | None,
    enc: str,
    scratch: Path,
) -> Imported:
    from toolkit.importing.pandoc_reader import read_document_file  # loads lxml, runs Pandoc

    return read_document_file(
        data,
        file.name,
        fmt,
        context,
        text=text,
        encoding=enc,
        base_dir=file.parent,
        scratch=scratch,
    )


@dataclass(frozen=True)
class Prepared:
    """An import ready to write: sentence lines with IDs, and the record with the spacing."""

    document: Document
    record: ImportRecord
    ids: IdChanges


def prepare(
    imported: Imported,
    lang: str,
    *,
    prefix: str,
    old: Document | None = None,
    reserved: Iterable[str] = (),
    sentences: bool = True,
) -> Prepared:
    """Split paragraphs into sentences and give IDs (pure: no files are read or written).

    ``old`` is the text imported before: its unchanged segments keep their IDs.
    """
    if sentences:
        split = split_document(imported.document, lang, keep_gaps=True)
        document, gaps = split.document, split.gaps
    else:
        document, gaps = imported.document, tuple(None for _ in imported.document.segments())
    log.info("sentences: %d segments", len(gaps))
    taken = set(reserved)
    document, changes = assign_ids(document, old, prefix, taken)
    added, removed = len(changes.added), len(changes.removed)
    log.info("ids: %d kept, %d new, %d gone", changes.kept, added, removed)
    separator = sentence_separator(lang)
    spacing = {
        seg.id: gap
        for seg, gap in zip(document.segments(), gaps, strict=True)
        if seg.id is not None and gap is not None and gap != separator
    }
    last = highest_id([*document.segment_ids(), *taken], prefix)
    record = imported.record.model_copy(update={"spacing": spacing, "last_id": last})
    return Prepared(document, record, changes)


def apply_import(
    target: Target, imported: Imported, options: ImportOptions, *, source: Path | None = None
) -> ImportReport:
    """Write what a reader found into the work: all files or none."""
    ready = prepare(
        imported,
        options.lang,
        prefix=target.prefix,
        old=target.old_document(),
        reserved=target.reserved_ids(),
        sentences=options.sentences,
    )
    document, changes = ready.document, ready.ids
    limits = Limits.from_env()
    imported_file = source or Path(imported.record.file)
    for seg in document.segments():
        limits.check_segment(imported_file, seg.line, seg.text, "sentence or paragraph")
    meta_text = target.meta_text()
    add, kept = additions(imported.metadata, target.meta())
    meta_text = add_fields(meta_text, add, target.meta_path)
    record = keep_what_metadata_lacks(ready.record, imported.metadata, target.parse_meta(meta_text))
    text = _segment_text(document, source or Path(imported.record.file))
    record = record.model_copy(update={"text_sha256": text_sha256(text)})
    files: dict[Path, str | bytes] = {
        target.text: text,
        target.record: dump_record(record),
        target.meta_path: meta_text,
    }
    for name, data in imported.resources.items():
        path = target.text.parent / name
        if (existing := target.current(path)) is not None and existing != data:
            raise ToolkitError(
                f"{shown_path(path)} exists and holds something else; the import would replace it",
                fix="move that file away, then import again",
            )
        files[path] = data
    now = {path: target.current(path) for path in files}
    unchanged = all(now[p] == _bytes(c) for p, c in files.items())
    old_text = now[target.text]
    replacing = old_text is not None and old_text != text.encode("utf-8")
    if old_text is not None and not unchanged and not (options.force or options.discard_edits):
        raise ToolkitError(
            f"{shown_path(target.text)} exists; importing would replace its text "
            f"({len(changes.added)} new or changed segments, {len(changes.removed)} gone)",
            fix="pass --force to replace it (segments whose text is unchanged keep their IDs)",
        )
    if replacing and old_text is not None and _edited(target, old_text):
        if not options.discard_edits:
            raise ToolkitError(
                f"{shown_path(target.text)} has been edited since the toolkit wrote it; "
                "importing would lose those edits",
                fix="keep the edits (commit them, or copy the file), then import with "
                "--discard-edits: a backup of the file is kept beside it",
            )
        backup = _backup_path(target.text)
        files[backup] = old_text
        log.info("write: the edited text is kept as %s", backup.name)
    if not unchanged:
        write_files(files, within=target.folders)
    log.info("write: %s", "unchanged" if unchanged else ", ".join(p.name for p in files))
    warnings = []
    if not any(True for _ in document.segments()):
        found = "set aside" if record.set_aside() or record.moved_to_metadata() else "in it"
        warnings.append(
            f"{imported.record.file} holds no text for the body (nothing {found} is article "
            f"text): {shown_path(target.text)} is empty"
        )
    set_aside = [p for p in record.set_aside() if p.reason is not Reason.BLANK]
    blank = sum(p.lines.count for p in record.set_aside() if p.reason is Reason.BLANK and p.lines)
    return ImportReport(
        role=target.role,
        text_path=target.text,
        record_path=target.record,
        meta_path=target.meta_path,
        segments=sum(1 for _ in document.segments()),
        encoding=imported.record.encoding,
        ids=changes,
        added_to_metadata=sorted(add),
        kept_in_metadata=kept,
        set_aside=set_aside,
        blank_lines=blank,
        beads=target.beads_naming(set(changes.removed)),
        resources=sorted(target.text.parent / name for name in imported.resources),
        unchanged=unchanged,
        warnings=warnings,
    )


def _edited(target: Target, text: bytes) -> bool:
    """Has a person changed the segment file (now ``text``) since the toolkit last wrote
    it? (Yes when no import record says what it wrote: a file written by hand.)"""
    record = load_record(target.record) if present(target.record) else None
    if record is None or record.text_sha256 is None:
        return True
    return hashlib.sha256(text).hexdigest() != record.text_sha256


def _backup_path(path: Path) -> Path:
    """``en.md`` → ``en.md.20261130T010203.bak``, beside it (never an existing file)."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    backup = path.with_name(f"{path.name}.{stamp}.bak")
    n = 1
    while backup.exists():
        n += 1
        backup = path.with_name(f"{path.name}.{stamp}-{n}.bak")
    return backup


def _bytes(content: str | bytes) -> bytes:
    return content.encode("utf-8") if isinstance(content, str) else content


def _segment_text(document: Document, source: Path) -> str:
    """The segment file's text; a segment that cannot be written is an error at its line."""
    try:
        return write_document(document)
    except WriteError as exc:
        block = document.blocks[exc.block] if exc.block is not None else None
        line = (block.segments[0].line if block.segments else block.line) if block else 0
        raise ToolkitError(
            f"this line cannot be written as a segment: {exc}",
            where=Location(source, line),
            fix="edit the line in the imported file, and report the problem "
            "(the import should accept any text)",
        ) from None
