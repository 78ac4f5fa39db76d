"""Export: a work's aligned beads out to a translation tool's file (TMX, XLIFF, PO, tables).

Stages: ``load`` (the work, as the store reads it) → ``units`` (one per bead, in the
original's order, with the findings of ``toolkit check`` on it) → ``write`` (the
format's file, whole or not at all).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from toolkit._version import __version__
from toolkit.errors import Location, ToolkitError, shown_path
from toolkit.exchange.codes import has_markup
from toolkit.exchange.units import Exchange, ExportFormat, Header, Note, Unit
from toolkit.model import Alignment, Bead, BeadState, Document, Segment
from toolkit.store.epoch import edition_epoch
from toolkit.store.work import Work, load_work

if TYPE_CHECKING:
    from toolkit.check.findings import Finding

log = logging.getLogger("toolkit.exchange")

TOOL = "bilingual-toolkit"


@dataclass(frozen=True)
class ExportOptions:
    """What to export: the format, the translation (``lang``: the work's only one when
    None), where (``out``: ``build/<work>/<work>.<lang><suffix>`` when None), and
    whether to run the checks and carry their findings as notes."""

    format: ExportFormat
    lang: str | None = None
    out: Path | None = None
    findings: bool = True


@dataclass(frozen=True)
class ExportReport:
    path: Path
    format: ExportFormat
    lang: str
    units: int
    #: Beads whose inline markup the format cannot carry, written as plain text.
    flattened: tuple[str, ...] = ()
    #: Findings carried as notes.
    notes: int = 0


def export_work(root: Path, work_id: str, options: ExportOptions) -> ExportReport:
    """Write ``work_id``'s translation ``options.lang`` as an exchange file."""
    from toolkit.exchange.files import write_file

    work = load_work(root, work_id)
    lang = translation_lang(work, options.lang)
    log.info("load: %s, translation %s", work.id, lang)
    findings: Sequence[Finding] = ()
    if options.findings:
        from toolkit.check.work import check_work

        findings = check_work(work).findings
    exchange = exchange_of(work, lang, findings)
    fmt = options.format
    log.info("units: %d", len(exchange.units))
    data = write_file(exchange, fmt)
    path = options.out or root / "build" / work.id / f"{work.id}.{lang}{fmt.suffix}"
    from toolkit.store.fileio import write_files

    write_files({path: data})
    log.info("write: %s", shown_path(path))
    flattened = () if fmt.inline else tuple(u.key for u in exchange.units if _has_markup(u))
    notes = sum(len(u.notes) for u in exchange.units)
    return ExportReport(path, fmt, lang, len(exchange.units), flattened, notes)


def translation_lang(work: Work, lang: str | None) -> str:
    """The translation an exchange is of: ``lang``, or the work's only one. A work has a
    translation once its metadata file is there (``toolkit new`` writes it only for a new
    work: for one that exists the fix is to write the file)."""
    langs = sorted(work.translations)
    if lang is None:
        if len(langs) == 1:
            return langs[0]
        raise ToolkitError(
            f"work {work.id} has "
            + (f"translations {', '.join(langs)}" if langs else "no translation"),
            where=Location(work.paths.translations_dir),
            fix="name the translation with --lang"
            if langs
            else f"write {shown_path(work.paths.translation_meta('en'))} (for English) with "
            "the translation's metadata (docs/metadata.md), then toolkit import its text",
        )
    if lang not in work.translations:
        meta = work.paths.translation_meta(lang)
        raise ToolkitError(
            f"work {work.id} has no translation {lang!r} (it has: {', '.join(langs) or 'none'})",
            where=Location(meta),
            fix=f"give one of its languages, or write {shown_path(meta)} with the "
            "translation's metadata (docs/metadata.md)",
        )
    return lang


def exchange_of(work: Work, lang: str, findings: Iterable[Finding] = ()) -> Exchange:
    """The units of ``work``'s translation ``lang`` (pure: nothing is read or written).

    One unit per bead, in the alignment's order; a segment no bead names is a unit of
    its own (a source segment before the bead that follows it, a translation segment at
    the end), so that nothing of either text is left out.
    """
    data = work.translations[lang]
    source = work.source or Document()
    target = data.document or Document()
    alignment = data.alignment or Alignment()
    units = list(_units(source, target, alignment, work, lang))
    units = _with_notes(units, [f for f in findings if f.lang in (None, lang)])
    original = work.original
    header = Header(
        tool=TOOL,
        version=__version__,
        date=datetime.fromtimestamp(edition_epoch(work), UTC),
        work=work.id,
        source_lang=original.language,
        target_lang=lang,
        credits=_credits(work, lang),
    )
    return Exchange(header, tuple(units))


def _units(
    source: Document,
    target: Document,
    alignment: Alignment,
    work: Work,
    lang: str,
) -> Iterable[Unit]:
    src, tgt = source.by_id(), target.by_id()
    order = {ident: i for i, ident in enumerate(source.segment_ids())}
    named_source = {i for bead in alignment.beads for i in bead.source}
    named_target = {i for bead in alignment.beads for i in bead.target}
    loose = [i for i in source.segment_ids() if i not in named_source]
    at = 0
    for bead in alignment.beads:
        missing = [i for i in bead.source if i not in src] + [
            i for i in bead.target if i not in tgt
        ]
        if missing:
            raise ToolkitError(
                f"the bead names segment {missing[0]}, which its text does not have",
                where=Location(work.paths.alignment(lang), bead.line),
                fix="run toolkit check to see what is out of step, and mend the alignment first",
            )
        if bead.source:
            first = order[bead.source[0]]
            while at < len(loose) and order[loose[at]] < first:
                yield _loose_source(src[loose[at]])
                at += 1
        yield _unit(bead, src, tgt)
    for ident in loose[at:]:
        yield _loose_source(src[ident])
    for segment in target.segments():
        if segment.id is not None and segment.id not in named_target:
            yield Unit((), (segment.id,), (), (segment.text,), BeadState.AUTO)


def _unit(bead: Bead, src: dict[str, Segment], tgt: dict[str, Segment]) -> Unit:
    return Unit(
        bead.source,
        bead.target,
        tuple(src[i].text for i in bead.source),
        tuple(tgt[i].text for i in bead.target),
        bead.state,
    )


def _loose_source(segment: Segment) -> Unit:
    assert segment.id is not None
    return Unit((segment.id,), (), (segment.text,), (), BeadState.AUTO)


def _with_notes(units: list[Unit], findings: Sequence[Finding]) -> list[Unit]:
    """Each finding as a note on the unit of the segments it names (on the first such
    unit only)."""
    if not findings:
        return units
    where: dict[tuple[bool, str], int] = {}
    for index, unit in enumerate(units):
        for ident in unit.source_ids:
            where.setdefault((True, ident), index)
        for ident in unit.target_ids:
            where.setdefault((False, ident), index)
    notes: dict[int, list[Note]] = {}
    for finding in findings:
        keys = [(True, i) for i in finding.source_ids] + [(False, i) for i in finding.target_ids]
        at = next((where[k] for k in keys if k in where), None)
        if at is not None:
            note = Note(finding.severity.label, finding.check.id, finding.message)
            notes.setdefault(at, []).append(note)
    return [replace(u, notes=tuple(notes[i])) if i in notes else u for i, u in enumerate(units)]


def _credits(work: Work, lang: str) -> tuple[tuple[str, str], ...]:
    """The work's attribution, for a reader of the translation: the one model every
    output's credits come from."""
    from toolkit.render.attribution import Attribution, full_name

    data = work.translations[lang]
    credit = Attribution(
        lang=lang,
        title=data.meta.title,
        original=work.original,
        translation=data.meta,
        work=work.id,
    )
    pairs: list[tuple[str, str]] = [("work", work.id), ("title", credit.title)]
    pairs.append(("original-title", work.original.title))
    pairs += [("author", full_name(p, lang)) for p in credit.authors]
    pairs += [("translator", full_name(p, lang)) for p in credit.translators]
    optional = {
        "publisher": credit.publisher_name,
        "rights": credit.rights,
        "date": credit.date,
        "source": credit.source,
    }
    pairs += [(name, value) for name, value in optional.items() if value]
    return tuple(pairs)


def _has_markup(unit: Unit) -> bool:
    return any(has_markup(text) for text in (*unit.source, *unit.target))


__all__ = ["ExportOptions", "ExportReport", "exchange_of", "export_work", "translation_lang"]
