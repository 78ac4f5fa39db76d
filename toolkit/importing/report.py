"""What the import command tells a person: where the text went and what was set aside."""

from __future__ import annotations

from toolkit.errors import shown_path
from toolkit.importing.apply import ImportReport
from toolkit.importing.imported import Role
from toolkit.model import PERSON_STATES, bead_name


def import_lines(report: ImportReport) -> list[str]:
    """The report as lines of text, most important first."""
    side = "the original" if report.role is Role.ORIGINAL else "the translation"
    if report.unchanged:
        lines = [f"unchanged: {shown_path(report.text_path)} already holds this import"]
    else:
        lines = [
            f"imported {report.segments} segments into {shown_path(report.text_path)} "
            f"({side}; read as {_read_as(report)})"
        ]
    ids = report.ids
    if ids.removed or (ids.kept and ids.added):
        line = f"IDs: {ids.kept} kept (unchanged text), {len(ids.added)} new"
        if ids.removed:
            more = ", …" if len(ids.removed) > 12 else ""
            line += f", {len(ids.removed)} gone: {', '.join(ids.removed[:12])}{more}"
        lines.append(line)
    for name in report.added_to_metadata:
        lines.append(f"moved to metadata: {name} ({shown_path(report.meta_path)})")
    for name in report.kept_in_metadata:
        lines.append(f"kept existing metadata: {name}")
    for part in report.set_aside:
        lines.append(
            f"set aside: {part.where}: {part.explanation} ({shown_path(report.record_path)})"
        )
    if report.blank_lines:
        plural = "s" if report.blank_lines != 1 else ""
        lines.append(f"set aside: {report.blank_lines} blank line{plural}")
    for path in report.resources:
        lines.append(f"image: {shown_path(path)}")
    return lines


def _read_as(report: ImportReport) -> str:
    if report.encoding == "binary":
        return report.encoding_found or "a binary file"
    return (
        f"{report.encoding} ({report.encoding_found})" if report.encoding_found else report.encoding
    )


def bead_warnings(report: ImportReport) -> list[str]:
    """One line for each bead whose segments changed or are gone."""
    return [
        f"{touched.path.name}:{touched.bead.line}: {bead_name(touched.bead)} "
        f"({touched.bead.state.value}) names {', '.join(touched.ids)}, whose text changed "
        "or is gone"
        for touched in report.beads
    ]


def bead_fixes(report: ImportReport, work: str) -> list[str]:
    """What to do about the beads the import touched: ``toolkit align`` redoes those the
    aligner made, but keeps a person's (reviewed, locked, omitted) as they are, so each
    such bead is first handed back, by the command given here, once someone has read it."""
    held: dict[str, list[str]] = {}
    for touched in report.beads:
        if touched.bead.state in PERSON_STATES:
            first = (*touched.bead.source, *touched.bead.target)[0]
            held.setdefault(touched.path.stem, []).append(first)
    fixes = [
        f"toolkit mark {work} --lang {lang} --state auto {' '.join(ids)}"
        for lang, ids in held.items()
    ]
    if report.beads:
        fixes.append(f"toolkit align {work}")
    return fixes
