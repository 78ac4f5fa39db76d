"""Import of an exchange file into a work: read → merge → write, all or nothing.

Stages, as the log names them: ``read`` (the file, lazily, with a hardened parser for
XML) → ``merge`` (:mod:`toolkit.exchange.merge`, pure) → ``write`` (the translation's
segment file and its alignment file, only those that change, each whole).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from toolkit.errors import Location, ToolkitError, shown_path
from toolkit.exchange.bitext import original_from
from toolkit.exchange.export import translation_lang
from toolkit.exchange.files import read_file
from toolkit.exchange.merge import MergeOptions, merge
from toolkit.model import Document
from toolkit.store.alignfile import write_alignment
from toolkit.store.docwriter import WriteError, write_document
from toolkit.store.fileio import input_file, write_files
from toolkit.store.work import Work, load_work
from toolkit.store.workfile import folders_of

log = logging.getLogger("toolkit.exchange")


@dataclass(frozen=True)
class ExchangeImportOptions:
    """The translation the file is of (``lang``), and whether flat text (a spreadsheet's)
    may replace a segment that has inline markup."""

    lang: str
    accept_plain: bool = False


@dataclass(frozen=True)
class ExchangeImportReport:
    file: Path
    lang: str
    units: int
    #: Translation segments whose text changed, and new ones.
    changed: tuple[str, ...]
    added: tuple[str, ...]
    #: Beads whose state changed.
    states: tuple[str, ...]
    #: The files written (none when the file said nothing new).
    written: tuple[Path, ...]

    @property
    def unchanged(self) -> bool:
        return not self.written


def import_exchange(
    root: Path, work_id: str, file: Path, options: ExchangeImportOptions
) -> ExchangeImportReport:
    """Merge ``file`` (XLIFF, PO, TMX, CSV, TSV, XLSX) into ``work_id``'s translation."""
    input_file(file, "save the exchange file to a file, and import that")
    work = load_work(root, work_id)
    lang = options.lang
    if lang == work.original.language:
        return _start_original(work, file, options)
    translation_lang(work, lang)  # refuses a language the work has no translation in
    log.info("read: %s", file.name)
    read = read_file(file)
    merged = merge(work, read, MergeOptions(lang, options.accept_plain))
    log.info(
        "merge: %d units, %d changed, %d new, %d states",
        merged.units,
        len(merged.changed),
        len(merged.added),
        len(merged.states),
    )
    paths = work.paths
    # what changed is known from the merge: the files were read once, by load_work
    files: dict[Path, str | bytes] = {}
    if merged.changed or merged.added:
        files[paths.translation_text(lang)] = _written(merged.document, file)
    before = work.translations[lang].alignment
    if merged.alignment is not None and (before is None or merged.alignment.beads != before.beads):
        files[paths.alignment(lang)] = write_alignment(merged.alignment)
    folders = folders_of(root, work.id)
    if files:
        write_files(files, within=folders)
    log.info("write: %s", ", ".join(p.name for p in files) or "unchanged")
    return ExchangeImportReport(
        file, lang, merged.units, merged.changed, merged.added, merged.states, tuple(files)
    )


def _start_original(work: Work, file: Path, options: ExchangeImportOptions) -> ExchangeImportReport:
    """The original's text from a bitext, for a work that has none yet."""
    paths = work.paths
    if work.source is not None and any(True for _ in work.source.segments()):
        raise ToolkitError(
            f"{options.lang} is the original's language, and the work has its original's text: "
            "an exchange file updates a translation",
            where=Location(file),
            fix="give the translation's language with --lang (the original is edited in the "
            f"store, {shown_path(paths.original_text)})",
        )
    log.info("read: %s, the original's side", file.name)
    document = original_from(read_file(file), work.original.language)
    text = _written(document, file)
    write_files({paths.original_text: text}, within=folders_of(paths.root, work.id))
    ids = tuple(document.segment_ids())
    log.info("write: %s, %d segments", paths.original_text.name, len(ids))
    return ExchangeImportReport(
        file, options.lang, len(document.blocks), (), ids, (), (paths.original_text,)
    )


def _written(document: Document, file: Path) -> str:
    """The segment file's text; an error naming the exchange file when a unit's text cannot
    stand as a segment."""
    try:
        return write_document(document)
    except WriteError as err:
        raise ToolkitError(
            f"a unit's text cannot be written as segments: {err}",
            where=Location(file),
            fix="edit that text in the file (emphasis may not begin or end with a space; a "
            "line may not start with a code fence), then import again",
        ) from None
