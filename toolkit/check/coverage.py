"""Coverage: which source segments the translation covers, and the IDs that hold it together."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from toolkit.check.findings import Coverage, Finding, Severity
from toolkit.model import Alignment, BeadState, Document
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


def _coverage(work: Work, tr: TranslationData) -> tuple[Coverage, list[Finding]]:
    findings: list[Finding] = []
    text_path = relative(work, work.paths.translation_text(tr.lang))
    align_path = relative(work, work.paths.alignment(tr.lang))

    def finding(code: str, sev: Severity, msg: str, path: str, line: int, fix: str) -> None:
        findings.append(Finding(code, sev, msg, work.id, tr.lang, path, line, fix))

    source = work.source or Document()
    target = tr.document or Document()
    if tr.document is None:
        finding(
            "translation-missing",
            Severity.WARNING,
            f"the {tr.lang} translation has metadata but no text",
            text_path,
            0,
            "add the translation's segments to this file",
        )
    elif not any(True for _ in target.segments()):
        finding(
            "translation-empty",
            Severity.WARNING,
            f"the {tr.lang} translation's file has no segments",
            text_path,
            0,
            "add the translation's segments, or delete the empty file",
        )
    src_ids = source.by_id()
    tgt_ids = target.by_id()
    alignment = tr.alignment or Alignment()
    in_bead_src: set[str] = set()
    in_bead_tgt: set[str] = set()
    # Every source segment is counted once: aligned, empty, untranslated, omitted or missing.
    aligned = untranslated = omitted = empty_source = 0
    dangling: list[str] = []  # source segments whose beads name no existing translation
    for bead in alignment.beads:
        for side, ids, known in (
            # No source text is one 'source-missing' warning, not an error per bead.
            ("source", bead.source if work.source is not None else (), src_ids),
            ("translation", bead.target, tgt_ids),
        ):
            for ident in ids:
                if ident not in known:
                    finding(
                        "bead-unknown-id",
                        Severity.ERROR,
                        f"bead names {side} segment {ident}, which does not exist",
                        align_path,
                        bead.line,
                        "correct the ID or delete the bead",
                    )
        in_bead_src.update(bead.source)
        in_bead_tgt.update(bead.target)
        present = [i for i in bead.source if i in src_ids]
        targets = [tgt_ids[t] for t in bead.target if t in tgt_ids]
        if any(plain_text(t.text).strip() for t in targets):
            aligned += len(present)
        elif targets:
            empty_source += len(present)
        elif bead.target:
            dangling += present
        elif bead.state is BeadState.OMITTED:
            omitted += len(present)
        else:
            untranslated += len(present)
            for ident in present:
                finding(
                    "untranslated",
                    Severity.ERROR,
                    f"source segment {ident} is not translated",
                    relative(work, work.paths.original_text),
                    src_ids[ident].line,
                    "translate it, or mark the bead 'omitted' if it is left out on purpose",
                )
    missing = [s for s in src_ids.values() if s.id not in in_bead_src]
    missing_count = len(missing) + len(dangling)
    for seg in missing:
        finding(
            "not-aligned",
            Severity.ERROR,
            f"source segment {seg.id} is in no bead",
            relative(work, work.paths.original_text),
            seg.line,
            f"align it: add a bead for {seg.id} to {align_path}",
        )
    empty = [s for s in target.segments() if s.id and not plain_text(s.text).strip()]
    for seg in empty:
        finding(
            "empty-segment",
            Severity.ERROR,
            f"translation segment {seg.id} is empty",
            text_path,
            seg.line,
            "write its translation, or delete the segment and its bead",
        )
    unaligned = [s for s in tgt_ids.values() if s.id not in in_bead_tgt]
    if work.source is not None:
        for seg in unaligned:
            finding(
                "translation-not-aligned",
                Severity.WARNING,
                f"translation segment {seg.id} is in no bead",
                text_path,
                seg.line,
                f"add a bead for {seg.id} (use '-' as source if the translator added it)",
            )
    cov = Coverage(
        work=work.id,
        lang=tr.lang,
        source_segments=len(src_ids),
        translation_segments=len(tgt_ids),
        aligned=aligned,
        missing=missing_count,
        untranslated=untranslated,
        omitted=omitted,
        empty=empty_source,
        unaligned_translation=len(unaligned),
        source_present=work.source is not None,
    )
    return cov, findings
