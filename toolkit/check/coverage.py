"""Coverage: which source segments the translation covers, and the IDs that hold it together."""

from __future__ import annotations

from collections import Counter
from enum import StrEnum
from pathlib import Path

from toolkit.check.findings import Coverage, Finding, Severity
from toolkit.model import Alignment, BeadState, Document, Segment
from toolkit.store.inline import plain_text
from toolkit.store.work import TranslationData, Work, relative


def check_ids(work: Work) -> list[Finding]:
    """Every segment has an ID, and no ID is used twice in a file."""
    findings: list[Finding] = []
    files: list[tuple[str | None, Path, Document | None]] = [
        (None, work.paths.original_text, work.source),
        *((t.lang, work.paths.translation_text(t.lang), t.document) for t in _each(work)),
    ]
    for lang, path, doc in files:
        if doc is None:
            continue
        counts = Counter(doc.segment_ids())
        reported: set[str] = set()
        for seg in doc.segments():
            if seg.id is None:
                findings.append(
                    Finding(
                        "segment-without-id",
                        Severity.ERROR,
                        "this segment has no ID, so nothing can align to it",
                        work.id,
                        lang,
                        relative(work, path),
                        seg.line,
                        "end the line with a new ID such as {#t99} (unused in this file)",
                    )
                )
            elif counts[seg.id] > 1 and seg.id not in reported:
                reported.add(seg.id)
                findings.append(
                    Finding(
                        "duplicate-id",
                        Severity.ERROR,
                        f"ID {seg.id} is used {counts[seg.id]} times in this file",
                        work.id,
                        lang,
                        relative(work, path),
                        seg.line,
                        "give each segment its own ID",
                    )
                )
    return findings


def check_coverage(work: Work) -> tuple[list[Coverage], list[Finding]]:
    findings: list[Finding] = []
    stats: list[Coverage] = []
    if work.source is None:
        findings.append(
            Finding(
                "source-missing",
                Severity.WARNING,
                "the original's text is not in the repository: zero source coverage",
                work.id,
                None,
                relative(work, work.paths.original_text),
                0,
                "add the original's text as this file (see docs/format.md)",
            )
        )
    for tr in _each(work):
        cov, found = _coverage(work, tr)
        stats.append(cov)
        findings.extend(found)
    return stats, findings


def _each(work: Work) -> list[TranslationData]:
    return [work.translations[lang] for lang in sorted(work.translations)]


class _Status(StrEnum):
    """Where one source segment stands in a translation (each is counted once)."""

    ALIGNED = "aligned"  # its translation has text
    EMPTY = "empty"  # its translation segments are all empty
    UNTRANSLATED = "untranslated"  # a 1-0 bead
    OMITTED = "omitted"  # a 1-0 bead marked omitted
    MISSING = "missing"  # in no bead, or its bead names no existing translation


def source_status(alignment: Alignment, source: Document, target: Document) -> dict[str, _Status]:
    """The status of every source segment with an ID. Pure: no findings, no I/O."""
    tgt_ids, src_ids = target.by_id(), source.by_id()
    status = dict.fromkeys(source.segment_ids(), _Status.MISSING)
    for bead in alignment.beads:
        targets = [tgt_ids[t] for t in bead.target if t in tgt_ids]
        if any(plain_text(t.text).strip() for t in targets) or (
            targets and _blank(bead.source, src_ids)
        ):
            state = _Status.ALIGNED  # translated, or nothing to translate (an empty cell)
        elif targets:
            state = _Status.EMPTY
        elif bead.target:
            state = _Status.MISSING
        elif bead.state is BeadState.OMITTED:
            state = _Status.OMITTED
        else:
            state = _Status.UNTRANSLATED
        for ident in bead.source:
            if ident in status:
                status[ident] = state
    return status


def _blank(ids: tuple[str, ...], segments: dict[str, Segment]) -> bool:
    """Do these segments hold no text (an empty table cell or list item)?"""
    return bool(ids) and all(
        i in segments and not plain_text(segments[i].text).strip() for i in ids
    )


def _coverage(work: Work, tr: TranslationData) -> tuple[Coverage, list[Finding]]:
    source = work.source or Document()
    target = tr.document or Document()
    alignment = tr.alignment or Alignment()
    status = source_status(alignment, source, target)
    counts = Counter(status.values())
    in_beads = {t for bead in alignment.beads for t in bead.target}
    unaligned = [s for s in target.segments() if s.id and s.id not in in_beads]
    cov = Coverage(
        work=work.id,
        lang=tr.lang,
        source_segments=len(status),
        translation_segments=len(target.by_id()),
        aligned=counts[_Status.ALIGNED],
        missing=counts[_Status.MISSING],
        untranslated=counts[_Status.UNTRANSLATED],
        omitted=counts[_Status.OMITTED],
        empty=counts[_Status.EMPTY],
        unaligned_translation=len(unaligned),
        source_present=work.source is not None,
    )
    report = _Reporter(work, tr.lang)
    report.file(tr, target)
    report.beads(alignment, source, target, work.source is not None)
    report.source(source, status, alignment)
    blank_source = {
        t for bead in alignment.beads if _blank(bead.source, source.by_id()) for t in bead.target
    }
    report.target(target, unaligned if work.source is not None else [], blank_source)
    return cov, report.findings


class _Reporter:
    """The coverage findings of one translation, each at its file and line."""

    def __init__(self, work: Work, lang: str) -> None:
        self.work = work
        self.lang = lang
        self.findings: list[Finding] = []
        self.text_path = relative(work, work.paths.translation_text(lang))
        self.align_path = relative(work, work.paths.alignment(lang))
        self.source_path = relative(work, work.paths.original_text)

    def add(self, code: str, sev: Severity, msg: str, path: str, line: int, fix: str) -> None:
        self.findings.append(Finding(code, sev, msg, self.work.id, self.lang, path, line, fix))

    def file(self, tr: TranslationData, target: Document) -> None:
        if tr.document is None:
            self.add(
                "translation-missing",
                Severity.WARNING,
                f"the {self.lang} translation has metadata but no text",
                self.text_path,
                0,
                "add the translation's segments to this file",
            )
        elif not any(True for _ in target.segments()):
            self.add(
                "translation-empty",
                Severity.WARNING,
                f"the {self.lang} translation's file has no segments",
                self.text_path,
                0,
                "add the translation's segments, or delete the empty file",
            )

    def beads(
        self, alignment: Alignment, source: Document, target: Document, source_present: bool
    ) -> None:
        src_ids, tgt_ids = source.by_id(), target.by_id()
        for bead in alignment.beads:
            # No source text is one 'source-missing' warning, not an error per bead.
            sides = (
                ("source", bead.source if source_present else (), src_ids),
                ("translation", bead.target, tgt_ids),
            )
            for side, ids, known in sides:
                for ident in ids:
                    if ident not in known:
                        self.add(
                            "bead-unknown-id",
                            Severity.ERROR,
                            f"bead names {side} segment {ident}, which does not exist",
                            self.align_path,
                            bead.line,
                            "correct the ID or delete the bead",
                        )

    def source(self, source: Document, status: dict[str, _Status], alignment: Alignment) -> None:
        in_beads = {s for bead in alignment.beads for s in bead.source}
        for seg in source.segments():
            if seg.id is None:
                continue
            if status[seg.id] is _Status.UNTRANSLATED:
                self.add(
                    "untranslated",
                    Severity.ERROR,
                    f"source segment {seg.id} is not translated",
                    self.source_path,
                    seg.line,
                    "translate it, or mark the bead 'omitted' if it is left out on purpose",
                )
            elif seg.id not in in_beads:
                self.add(
                    "not-aligned",
                    Severity.ERROR,
                    f"source segment {seg.id} is in no bead",
                    self.source_path,
                    seg.line,
                    f"align it: add a bead for {seg.id} to {self.align_path}",
                )

    def target(self, target: Document, unaligned: list[Segment], blank_source: set[str]) -> None:
        """``blank_source``: translation segments whose original is empty too (a cell)."""
        for seg in target.segments():
            if seg.id and seg.id not in blank_source and not plain_text(seg.text).strip():
                self.add(
                    "empty-segment",
                    Severity.ERROR,
                    f"translation segment {seg.id} is empty",
                    self.text_path,
                    seg.line,
                    "write its translation, or delete the segment and its bead",
                )
        for seg in unaligned:
            self.add(
                "translation-not-aligned",
                Severity.WARNING,
                f"translation segment {seg.id} is in no bead",
                self.text_path,
                seg.line,
                f"add a bead for {seg.id} (use '-' as source if the translator added it)",
            )
