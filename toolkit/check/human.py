"""The terminal report: coverage first, then findings grouped by work and language, then by
family, each in the order of its place; colour when the output is a terminal.

Each finding is one line, ``path:line:column: severity: message [check]``, with the fix
(and the other side's place, for a bead) indented below it, so an editor or a terminal
can jump to it. Suppressed findings are counted, not listed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import click

from toolkit.check.findings import Coverage, Finding, Report
from toolkit.check.registry import Family, Severity
from toolkit.errors import shown

_COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def render_human(report: Report) -> str:
    """The report as text; ANSI colours, which ``click.echo`` drops unless the output is a
    terminal (or it is asked for colour)."""
    lines = [_coverage(c) for c in report.coverage]
    groups: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    for finding in report.findings:
        groups[(finding.work, finding.lang or "original")].append(finding)
    for (work, lang), findings in sorted(groups.items()):
        lines += ["", click.style(f"{work} [{lang}]", bold=True)]
        lines += _by_family(findings)
    lines += ["", _summary(report)]
    return "\n".join(lines)


def _by_family(findings: Iterable[Finding]) -> list[str]:
    families: dict[Family, list[Finding]] = defaultdict(list)
    for finding in findings:
        families[finding.check.family].append(finding)
    lines = []
    for family in Family:
        if family not in families:
            continue
        found = sorted(families[family], key=lambda f: (f.path or f.work, f.line, f.column))
        lines.append(click.style(f"  {family.value} ({len(found)})", underline=True))
        lines += [_finding(f) for f in found]
    return lines


def _finding(f: Finding) -> str:
    severity = click.style(f.severity.label, fg=_COLOURS[f.severity], bold=True)
    text = f"{shown(f.where)}: {severity}: {shown(f.message)} [{f.code}]"
    ids = ",".join(f.source_ids) + (" → " + ",".join(f.target_ids) if f.target_ids else "")
    if f.source_ids or f.target_ids:
        text += click.style(f" ({ids.removeprefix(' → ')})", dim=True)
    if f.other is not None:
        text += f"\n      see: {shown(f.other)}"
    if f.fix:
        text += f"\n      fix: {shown(f.fix)}"
    return "    " + text


def _coverage(cov: Coverage) -> str:
    if cov.of_file:
        return (
            f"{cov.work} [{cov.lang}]: {cov.aligned} of {cov.source_segments} entries "
            f"translated and checked ({cov.ratio:.0%}); {cov.fuzzy} fuzzy, "
            f"{cov.untranslated} untranslated"
        )
    source = (
        f"{cov.source_segments} source segments"
        if cov.source_present
        else "original's text not in the repository"
    )
    return (
        f"{cov.work} [{cov.lang}]: coverage {cov.ratio:.0%} ({source}; "
        f"{cov.aligned} aligned, {cov.missing} missing, {cov.untranslated} untranslated, "
        f"{cov.omitted} omitted, {cov.empty} empty; "
        f"{cov.translation_segments} translation segments, "
        f"{cov.unaligned_translation} unaligned)"
    )


def _summary(report: Report) -> str:
    counts = ", ".join(
        click.style(f"{report.count(s)} {s.label}(s)", fg=_COLOURS[s] if report.count(s) else None)
        for s in reversed(Severity)
    )
    text = f"{len(report.findings)} finding(s): {counts}"
    if report.suppressed:
        text += f"; {len(report.suppressed)} suppressed"
    return text
