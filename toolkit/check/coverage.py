"""Coverage: which source segments the translation covers, and the IDs that hold it together."""

from __future__ import annotations

from collections import Counter
from enum import StrEnum
from pathlib import Path

from toolkit.check.findings import Coverage, Finding, Place
from toolkit.check.registry import Check, Family, Severity, declare
from toolkit.model import Alignment, BeadState, Document, Segment
from toolkit.store.inline import plain_text
from toolkit.store.work import TranslationData, Work, relative

C, S = Family.COVERAGE, Family.STRUCTURE
E, W = Severity.ERROR, Severity.WARNING
SEGMENT_WITHOUT_ID = declare(
    "segment-without-id", S, E, "A segment has no ID, so nothing can align to it.", "今天天氣很好。"
)
DUPLICATE_ID = declare(
    "duplicate-id", S, E, "An ID is used twice in one file.", "two lines ending {#t5}"
)
SOURCE_MISSING = declare(
    "source-missing", C, W, "The original's text is not in the repository.", "no text.md"
)
TRANSLATION_MISSING = declare(
    "translation-missing", C, W, "A translation has metadata but no text.", "en.yaml, no en.md"
)
TRANSLATION_EMPTY = declare(
    "translation-empty", C, W, "A translation's file has no segments.", "an empty en.md"
)
BEAD_UNKNOWN_ID = declare(
    "bead-unknown-id", S, E, "A bead names a segment that does not exist.", "s9  t9 (no t9)"
)
UNTRANSLATED = declare(
    "untranslated", C, E, "A source segment is in a 1-0 bead not marked omitted.", "s5  -  -  auto"
)
NOT_ALIGNED = declare(
    "not-aligned", C, E, "A source segment is in no bead.", "s5 named by no line of en.align"
)
EMPTY_SEGMENT = declare(
    "empty-segment", C, E, "A translation segment is empty.", "{#t12} alone on its line"
)
TRANSLATION_NOT_ALIGNED = declare(
    "translation-not-aligned", C, W, "A translation segment is in no bead.", "t7 in no bead"
)


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
                        check=SEGMENT_WITHOUT_ID,
                        message="this segment has no ID, so nothing can align to it",
                        work=work.id,
                        lang=lang,
                        at=Place(relative(work, path), seg.line),
                        fix="end the line with a new ID such as {#t99} (unused in this file)",
                    )
                )
            elif counts[seg.id] > 1 and seg.id not in reported:
                reported.add(seg.id)
                findings.append(
                    Finding(
                        check=DUPLICATE_ID,
                        message=f"ID {seg.id} is used {counts[seg.id]} times in this file",
                        work=work.id,
                        lang=lang,
                        at=Place(relative(work, path), seg.line),
                        source_ids=(seg.id,) if lang is None else (),
                        target_ids=(seg.id,) if lang is not None else (),
                        fix="give each segment its own ID",
                    )
                )
    return findings


def check_coverage(work: Work) -> tuple[list[Coverage], list[Finding]]:
    findings: list[Finding] = []
    stats: list[Coverage] = []
    if work.source is None:
        findings.append(
            Finding(
                check=SOURCE_MISSING,
                message="the original's text is not in the repository: zero source coverage",
                work=work.id,
                at=Place(relative(work, work.paths.original_text)),
                fix="add the original's text as this file (see docs/format.md)",
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
    by_id = source.by_id()  # once: a look-up per bead made this quadratic (56 s at 10,000)
    blank_source = {
        t for bead in alignment.beads if _blank(bead.source, by_id) for t in bead.target
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

    def add(
        self,
        check: Check,
        message: str,
        at: Place,
        fix: str,
        source_ids: tuple[str, ...] = (),
        target_ids: tuple[str, ...] = (),
    ) -> None:
        self.findings.append(
            Finding(
                check=check,
                message=message,
                work=self.work.id,
                lang=self.lang,
                at=at,
                source_ids=source_ids,
                target_ids=target_ids,
                fix=fix,
            )
        )

    def file(self, tr: TranslationData, target: Document) -> None:
        if tr.document is None:
            self.add(
                TRANSLATION_MISSING,
                f"the {self.lang} translation has metadata but no text",
                Place(self.text_path),
                "add the translation's segments to this file",
            )
        elif not any(True for _ in target.segments()):
            self.add(
                TRANSLATION_EMPTY,
                f"the {self.lang} translation's file has no segments",
                Place(self.text_path),
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
                            BEAD_UNKNOWN_ID,
                            f"bead names {side} segment {ident}, which does not exist",
                            Place(self.align_path, bead.line),
                            "correct the ID or delete the bead",
                            bead.source,
                            bead.target,
                        )

    def source(self, source: Document, status: dict[str, _Status], alignment: Alignment) -> None:
        in_beads = {s for bead in alignment.beads for s in bead.source}
        for seg in source.segments():
            if seg.id is None:
                continue
            if status[seg.id] is _Status.UNTRANSLATED:
                self.add(
                    UNTRANSLATED,
                    f"source segment {seg.id} is not translated",
                    Place(self.source_path, seg.line),
                    "translate it, or mark the bead 'omitted' if it is left out on purpose",
                    (seg.id,),
                )
            elif seg.id not in in_beads:
                self.add(
                    NOT_ALIGNED,
                    f"source segment {seg.id} is in no bead",
                    Place(self.source_path, seg.line),
                    f"align it: add a bead for {seg.id} to {self.align_path}",
                    (seg.id,),
                )

    def target(self, target: Document, unaligned: list[Segment], blank_source: set[str]) -> None:
        """``blank_source``: translation segments whose original is empty too (a cell)."""
        for seg in target.segments():
            if seg.id and seg.id not in blank_source and not plain_text(seg.text).strip():
                self.add(
                    EMPTY_SEGMENT,
                    f"translation segment {seg.id} is empty",
                    Place(self.text_path, seg.line),
                    "write its translation, or delete the segment and its bead",
                    target_ids=(seg.id,),
                )
        for seg in unaligned:
            self.add(
                TRANSLATION_NOT_ALIGNED,
                f"translation segment {seg.id} is in no bead",
                Place(self.text_path, seg.line),
                f"add a bead for {seg.id} (use '-' as source if the translator added it)",
                target_ids=(seg.id,) if seg.id else (),
            )
