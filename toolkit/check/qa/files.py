"""Translation checks over a file from another tool: a PO, XLIFF or TMX file.

Each translated, non-fuzzy entry is a bead of one source text and one target text;
untranslated and fuzzy entries count toward coverage only. A file is one corpus (the
cross-bead checks see all its entries), read entry by entry and checked file by file,
so memory follows the largest file, not the whole input.

PO files from Sphinx (the Python documentation's, for one) write inline literals as
reST: ````code```` and ``:role:`target```. Those are code, never translated: they
become the object character, as code spans of the store do.
"""

from __future__ import annotations

import multiprocessing
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import chain, repeat
from pathlib import Path

from toolkit.check.findings import Coverage, Finding, Place, Report, Suppression
from toolkit.check.qa.framework import Corpus, run_checks
from toolkit.check.qa.settings import DEFAULT, Settings
from toolkit.check.qa.units import Side, Text, Unit
from toolkit.check.suppress import apply, from_comments
from toolkit.errors import Location, ToolkitError, shown_path
from toolkit.exchange import Entry, open_bitext
from toolkit.exchange.entry import CODE, Format
from toolkit.workers import forked_pool

#: reST inline literals and interpreted text with a role: ``x``, :func:`x`, :py:meth:`~x`.
_REST_CODE = re.compile(r"``(?!\s)[^`]*?``|(?<![\w`]):[\w.+-]+(?::[\w.+-]+)?:`[^`]+`")


@dataclass(frozen=True)
class FileOptions:
    """How to read a translation file: languages it does not declare, and the settings."""

    source_lang: str | None = None
    target_lang: str | None = None
    settings: Settings = DEFAULT


@dataclass
class FileBeads:
    """What a translation file gives the checks: its entries as beads, and more."""

    name: str
    units: list[Unit]
    #: The texts the one-text checks read: each bead's target (the source is upstream's).
    texts: list[tuple[str | None, Side]]
    suppressions: list[Suppression]
    coverage: Coverage

    def check(self, settings: Settings) -> tuple[list[Finding], list[Finding]]:
        """(findings that stand, findings suppressed)."""
        corpus = Corpus(self.name, self.units, None)
        return apply(run_checks(corpus, self.texts, settings), self.suppressions, self.name)


def check_file(
    path: Path, options: FileOptions = FileOptions(), report: Report | None = None
) -> Report:
    """Check every translated entry of ``path``; add its findings and coverage to ``report``."""
    report = report if report is not None else Report()
    beads = read_file_beads(path, options)
    report.coverage.append(beads.coverage)
    kept, suppressed = beads.check(options.settings)
    report.findings.extend(kept)
    report.suppressed.extend(suppressed)
    if report.units is not None:
        report.units.extend(beads.units)
    return report


def check_files(
    paths: Sequence[Path], options: FileOptions, report: Report, jobs: int = 1
) -> Report:
    """``check_file`` over each of ``paths``, the results in their order. With ``jobs`` > 1
    the files are read and checked in that many processes at once (where the system can
    fork them; else one by one): each file is a corpus of its own, so nothing changes but
    the time."""
    workers = min(jobs, len(paths))
    if workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        for path in paths:
            check_file(path, options, report)
        return report
    keep = report.units is not None
    with forked_pool(workers) as pool:
        parts = pool.map(_check_one, paths, repeat(options), repeat(keep))
        for path, part in zip(paths, parts, strict=True):
            if part is None:
                check_file(path, options, report)  # its error, raised here as one by one
            else:
                report.add(part)
    return report


def _check_one(path: Path, options: FileOptions, keep_units: bool) -> Report | None:
    """One file's report, in a worker process; None when the file is bad (the parent
    checks it again to raise its error as it would alone)."""
    try:
        return check_file(path, options, Report(units=[] if keep_units else None))
    except ToolkitError:
        return None


def read_file_beads(path: Path, options: FileOptions = FileOptions()) -> FileBeads:
    """Read ``path``: each translated, non-fuzzy entry as a bead; the others counted."""
    bitext = open_bitext(path)
    shown = shown_path(path)
    source_lang = options.source_lang or bitext.languages.source
    if source_lang is None and bitext.format is Format.PO:
        source_lang = "en"  # gettext's convention: messages are written in English
    target_lang = options.target_lang or bitext.languages.target
    units: list[Unit] = []
    texts: list[tuple[str | None, Side]] = []
    suppressions: list[Suppression] = []
    total = fuzzy = 0
    sphinx = bitext.format is Format.PO
    for entry in bitext.entries:
        total += 1
        suppressions += from_comments(entry.notes, Place(shown, entry.line))
        if entry.fuzzy:
            fuzzy += 1
        if not entry.translated:
            continue
        if source_lang is None or target_lang is None:
            raise _no_language(path, "source" if source_lang is None else "target")
        source = Side(source_lang, (_text(entry, entry.source, shown, sphinx),))
        target = Side(target_lang, (_text(entry, entry.target, shown, sphinx),))
        units.append(Unit(shown, target_lang, source, target))
        if entry.target != entry.source:  # a copy (code, a name) has only the source's slips
            texts.append((target_lang, target))  # the source is not the translator's to fix
    translated = len(units)
    coverage = Coverage(
        work=shown,
        lang=target_lang or "?",
        source_segments=total,
        translation_segments=translated,
        aligned=translated,
        missing=0,
        untranslated=total - translated - fuzzy,
        omitted=0,
        empty=0,
        unaligned_translation=0,
        source_present=True,
        of_file=True,
        fuzzy=fuzzy,
    )
    return FileBeads(shown, units, texts, suppressions, coverage)


def _text(entry: Entry, markup: str, path: str, sphinx: bool) -> Text:
    plain, offsets = _sphinx_plain(markup) if sphinx else (markup, tuple(range(len(markup))))
    return Text(entry.key, markup, plain, offsets, Place(path, entry.line, 0))


def _sphinx_plain(markup: str) -> tuple[str, tuple[int, ...]]:
    """The text with each reST literal or role as one ``CODE``, and where each character
    came from."""
    if "`" not in markup:  # most entries: the text as it is
        return markup, tuple(range(len(markup)))
    pieces: list[str] = []
    offsets: list[Iterable[int]] = []
    at = 0
    for m in _REST_CODE.finditer(markup):
        pieces += (markup[at : m.start()], CODE)
        offsets += (range(at, m.start()), (m.start(),))
        at = m.end()
    pieces.append(markup[at:])
    offsets.append(range(at, len(markup)))
    return "".join(pieces), tuple(chain.from_iterable(offsets))


def _no_language(path: Path, side: str) -> ToolkitError:
    return ToolkitError(
        f"the file does not say its {side} language",
        where=Location(path),
        fix=f"give it: toolkit check {shown_path(path)} --{side}-lang LANG (e.g. zh-Hant, en)",
    )


__all__ = ["FileBeads", "FileOptions", "check_file", "check_files", "read_file_beads"]
