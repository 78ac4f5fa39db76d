"""`toolkit export`: a work's beads out to a translation tool's file."""

from __future__ import annotations

from pathlib import Path

import click

from toolkit.cli.base import cli, root_of, say
from toolkit.errors import shown_path
from toolkit.exchange import ExportFormat, ExportOptions, export_work


@cli.command(name="export")
@click.argument("work")
@click.option("--lang", help="The translation, e.g. en (default: the work's only one).")
@click.option(
    "--to",
    "fmt",
    required=True,
    type=click.Choice([f.value for f in ExportFormat]),
    help="The format: tmx, xliff (2.1), xliff1 (1.2), po, csv, tsv or xlsx.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The file to write (default: build/WORK/WORK.LANG.<format's suffix>).",
)
@click.option(
    "--no-findings", is_flag=True, help="Leave out the findings of toolkit check (faster)."
)
@click.pass_context
def export(
    ctx: click.Context,
    work: str,
    lang: str | None,
    fmt: str,
    output: Path | None,
    no_findings: bool,
) -> None:
    """Export WORK's aligned translation for a translation tool (docs/exchange.md).

    One unit per bead, named by its source IDs (s3,s4; +t7 for a bead the translator
    added), with its state and the findings of toolkit check as notes. Bring the
    file back with toolkit import WORK FILE --lang LANG.
    """
    options = ExportOptions(ExportFormat(fmt), lang, output, findings=not no_findings)
    report = export_work(root_of(ctx), work, options)
    say(f"wrote {shown_path(report.path)}: {report.units} units, {report.notes} findings")
    if report.flattened:
        shown = ", ".join(report.flattened[:5]) + (" …" if len(report.flattened) > 5 else "")
        say(
            f"warning: {len(report.flattened)} beads have emphasis, links or footnote "
            f"references, written as plain text ({shown}); import will not let plain text "
            "replace them unless --accept-plain",
            err=True,
        )
