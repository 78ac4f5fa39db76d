"""`toolkit check`: coverage, attribution and review findings, for people or tools."""

from __future__ import annotations

import json

import click

from toolkit.check import Report, Severity, check_work
from toolkit.cli.base import EXIT_FINDINGS, cli, root_of, works_of


@cli.command()
@click.argument("works", nargs=-1)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["human", "json"]),
    default="human",
    show_default=True,
    help="human: a summary and one line per finding; json: everything, for tools.",
)
@click.option(
    "--fail-on",
    type=click.Choice([s.label for s in Severity]),
    default="error",
    show_default=True,
    help="Exit 1 when a finding is at least this severe.",
)
@click.pass_context
def check(ctx: click.Context, works: tuple[str, ...], fmt: str, fail_on: str) -> None:
    """Report what WORKS (default: all) lack: coverage, review, credits, form.

    Coverage of the original by each translation; reviews gone stale; credits and
    rights; segment IDs, footnotes and figures; unsafe links and characters XML
    forbids. Each finding has its place and a fix.
    """
    report = Report()
    for work in works_of(root_of(ctx), works):
        check_work(work, report)
    if fmt == "json":
        click.echo(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
    else:
        click.echo(_human(report))
    if report.fails(Severity.parse(fail_on)):
        ctx.exit(EXIT_FINDINGS)


def _human(report: Report) -> str:
    lines = []
    for cov in report.coverage:
        source = (
            f"{cov.source_segments} source segments"
            if cov.source_present
            else ("original's text not in the repository")
        )
        lines.append(
            f"{cov.work} [{cov.lang}]: coverage {cov.ratio:.0%} ({source}; "
            f"{cov.aligned} aligned, {cov.missing} missing, {cov.untranslated} untranslated, "
            f"{cov.omitted} omitted, {cov.empty} empty; "
            f"{cov.translation_segments} translation segments, "
            f"{cov.unaligned_translation} unaligned)"
        )
    order = sorted(report.findings, key=lambda f: (-f.severity, f.path or f.work, f.line, f.column))
    lines += [f.describe() for f in order]
    counts = ", ".join(f"{report.count(s)} {s.label}(s)" for s in reversed(Severity))
    lines.append(f"{len(report.findings)} finding(s): {counts}")
    return "\n".join(lines)
