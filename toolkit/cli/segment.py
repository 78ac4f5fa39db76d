"""`toolkit segment`: split a work's paragraph lines into sentence lines."""

from __future__ import annotations

import click

from toolkit.cli.base import cli, root_of, say
from toolkit.errors import shown_path
from toolkit.segment.work import segment_work
from toolkit.store.work import load_work


@cli.command()
@click.argument("work")
@click.option(
    "--lang",
    "langs",
    multiple=True,
    help="Only this language's text (repeatable; default: the original and every translation).",
)
@click.pass_context
def segment(ctx: click.Context, work: str, langs: tuple[str, ...]) -> None:
    """Split WORK's paragraph lines into one sentence per line.

    A split segment keeps its ID on its first sentence; the others get new IDs.
    A bead that named it names all its sentences; one a person had reviewed
    becomes stale (toolkit check says so), never silently narrower.
    """
    for report in segment_work(load_work(root_of(ctx), work), langs):
        line = (
            f"{work} [{report.lang}]: {report.before} segments -> {report.after} "
            f"({report.split} split; {shown_path(report.path)})"
        )
        if report.beads:
            line += f"; {report.beads} bead(s) now name all the sentences"
        say(line)
        if report.kept_together:
            say(
                f"note: {report.kept_together} sentence boundary(ies) left on one line: the "
                "white space there is not a single separator and no import record can keep it"
            )
