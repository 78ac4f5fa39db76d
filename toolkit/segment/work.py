"""``toolkit segment``: split a work's paragraph lines into sentence lines, in place.

Each split segment keeps its ID on its first sentence; the others get new IDs
(numbered after every ID the file and its alignment files use). A bead that named a
split segment names all its sentences afterwards; if a person had reviewed or locked
it, its fingerprint no longer matches, so ``check`` reports it as stale: it never
silently covers less than it did. The white space between two sentences, where it
is not the language's usual separator, goes into the import record, so an imported
file can still be put back together byte for byte; with no record to keep it, those
two sentences stay on one line.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from hashlib import sha256
from pathlib import Path

from toolkit.errors import ToolkitError
from toolkit.importing.ids import highest_id, new_ids
from toolkit.metadata import sentence_separator
from toolkit.model import Alignment, Bead, Document
from toolkit.segment.blocks import split_document
from toolkit.store.alignfile import write_alignment
from toolkit.store.docwriter import write_document
from toolkit.store.fileio import write_files
from toolkit.store.importrecord import ImportRecord, dump_record, text_sha256
from toolkit.store.work import Work
from toolkit.store.workfile import folders_of, read_work_file


@dataclass(frozen=True)
class SegmentReport:
    lang: str
    path: Path
    before: int
    after: int
    split: int
    #: Boundaries left unsplit because their white space had nowhere to be recorded.
    kept_together: int
    #: Beads that now name more sentences.
    beads: int


@dataclass(frozen=True)
class _Side:
    lang: str
    prefix: str
    text: Path
    document: Document
    record: ImportRecord | None
    record_path: Path
    #: (path, alignment, whether this side is the alignment's source)
    alignments: list[tuple[Path, Alignment, bool]]


def segment_work(work: Work, langs: Sequence[str] = ()) -> list[SegmentReport]:
    """Split the original's and each translation's paragraphs (or those in ``langs``)."""
    files: dict[Path, str | bytes] = {}
    reports = []
    # An alignment file may name both sides: the second side grows what the first wrote.
    current: dict[Path, Alignment] = {}
    for side in _sides(work, langs):
        used = set(side.document.segment_ids())
        for _, alignment, is_source in side.alignments:
            used |= {i for b in alignment.beads for i in (b.source if is_source else b.target)}
        if side.record is not None and side.record.last_id is not None:
            used.add(side.record.last_id)
        split = split_document(
            side.document,
            side.lang,
            keep_gaps=side.record is not None,
            new_id=new_ids(side.prefix, used),
        )
        if not split.pieces:
            reports.append(_report(side, split.document, 0, split.kept_together, 0))
            continue
        try:
            new_text = write_document(split.document)
        except ValueError as exc:  # a bug: split_document keeps every line readable
            raise ToolkitError(
                f"{side.text}: the sentence lines could not be written ({exc}); nothing was "
                "changed",
                fix="please report this with the paragraph it names",
            ) from None
        files[side.text] = new_text
        if side.record is not None:
            separator = sentence_separator(side.lang)
            spacing = dict(side.record.spacing)
            for seg, gap in zip(split.document.segments(), split.gaps, strict=True):
                if seg.id is not None and gap is not None and gap != separator:
                    spacing[seg.id] = gap
            last = highest_id([*split.document.segment_ids(), *used], side.prefix)
            update: dict[str, object] = {"spacing": spacing, "last_id": last}
            on_disk = read_work_file(side.text, folders=folders_of(work.paths.root, work.id))
            if side.record.text_sha256 == sha256(on_disk).hexdigest():
                # Not edited since the import wrote it: the new lines are the toolkit's too.
                # (An edited file keeps the old hash, so a later import still protects it.)
                update["text_sha256"] = text_sha256(new_text)
            record = side.record.model_copy(update=update)
            files[side.record_path] = dump_record(record)
        beads = 0
        for path, alignment, is_source in side.alignments:
            grown, count = _grow(current.get(path, alignment), split.pieces, is_source)
            if count:
                beads += count
                current[path] = grown
                files[path] = write_alignment(grown)
        reports.append(_report(side, split.document, len(split.pieces), split.kept_together, beads))
    write_files(files, within=folders_of(work.paths.root, work.id))
    return reports


def _report(side: _Side, after: Document, split: int, kept: int, beads: int) -> SegmentReport:
    before = sum(1 for _ in side.document.segments())
    count = sum(1 for _ in after.segments())
    return SegmentReport(side.lang, side.text, before, count, split, kept, beads)


def _grow(
    alignment: Alignment, pieces: dict[str, tuple[str, ...]], is_source: bool
) -> tuple[Alignment, int]:
    """Beads naming a split segment name all its sentences (their fingerprint is kept)."""
    beads: list[Bead] = []
    count = 0
    for bead in alignment.beads:
        ids = bead.source if is_source else bead.target
        if any(i in pieces for i in ids):
            grown = tuple(p for i in ids for p in pieces.get(i, (i,)))
            bead = replace(bead, source=grown) if is_source else replace(bead, target=grown)
            count += 1
        beads.append(bead)
    return replace(alignment, beads=tuple(beads)), count


def _sides(work: Work, langs: Sequence[str]) -> list[_Side]:
    paths = work.paths
    original = work.original.language
    sides: list[_Side] = []
    wanted = set(langs)
    for lang in wanted - {original, *work.translations}:
        known = ", ".join([original, *sorted(work.translations)])
        raise ToolkitError(
            f"{work.id} has no text in {lang} (its languages: {known})",
            fix="give the original's language or a translation's",
        )
    if work.source is not None and (not wanted or original in wanted):
        alignments = [
            (paths.alignment(lang), tr.alignment, True)
            for lang, tr in sorted(work.translations.items())
            if tr.alignment is not None
        ]
        record_path = paths.original_import_record(original)
        sides.append(
            _Side(
                original,
                "s",
                paths.original_text,
                work.source,
                work.source_record,
                record_path,
                alignments,
            )
        )
    for lang, tr in sorted(work.translations.items()):
        if tr.document is None or (wanted and lang not in wanted):
            continue
        own = [(paths.alignment(lang), tr.alignment, False)] if tr.alignment else []
        sides.append(
            _Side(
                lang,
                "t",
                paths.translation_text(lang),
                tr.document,
                tr.record,
                paths.import_record(lang),
                own,
            )
        )
    return sides
