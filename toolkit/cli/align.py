"""`toolkit align` and `toolkit mark`: beads between the original and a translation."""

from __future__ import annotations

from pathlib import Path

import click
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from toolkit.align.apply import AlignReport, align_work, mark_work
from toolkit.align.review import MarkRequest, bead_name
from toolkit.cli.base import cli, root_of, say
from toolkit.errors import ToolkitError, shown, shown_path
from toolkit.model import BeadState
from toolkit.store.inline import plain_text
from toolkit.store.work import Work, load_work

#: How many of the least sure beads are shown.
LISTED = 20


@cli.command()
@click.argument("work", required=False)
@click.option("--lang", "langs", multiple=True, help="Only this translation (repeatable).")
@click.option(
    "--sentences",
    nargs=2,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    metavar="ZH_FILE EN_FILE",
    help="Align two files of one sentence per line; print beads as [0,1]:[0] (0-based).",
)
@click.pass_context
def align(
    ctx: click.Context, work: str | None, langs: tuple[str, ...], sentences: tuple[Path, Path]
) -> None:
    """Align WORK's translations with its original, offline.

    Blocks (headings, paragraphs, list items, quotes, tables) are paired first, then
    the sentences within
    them. Beads a person reviewed, locked or omitted stay as they are; segment
    IDs never change. Beads the aligner is least sure of are listed at the end,
    both texts side by side, for a reviewer to look at first.
    """
    if sentences:
        if work is not None or langs:
            raise ToolkitError(
                "--sentences aligns two files, not a work",
                fix="toolkit align --sentences ZH_FILE EN_FILE (without WORK or --lang)",
            )
        from toolkit.align import align_sentences
        from toolkit.align.mac import format_beads, read_sentence_file

        zh, en = (read_sentence_file(path) for path in sentences)
        click.echo(format_beads(align_sentences(zh, en)), nl=False)
        return
    if work is None:
        raise ToolkitError("name the WORK to align", fix="toolkit align WORK [--lang en]")
    loaded = load_work(root_of(ctx), work)
    reports = align_work(loaded, langs)
    if not reports:
        say(f"{work}: no translation has text yet; nothing to align")
    for report in reports:
        beads = report.alignment.beads
        status = "written" if report.changed else "unchanged"
        say(
            f"{work} [{report.lang}]: {len(beads)} beads ({report.kept} kept as a person set "
            f"them), {len(report.low)} to look at first; {shown_path(report.path)} {status}"
        )
        if report.low:
            _show_low(loaded, report)


def _cell(text: str) -> str:
    """A segment's text in the table: never read as markup ('[...]'), never acted on by
    the terminal (an escape sequence, a bidi override)."""
    return escape(shown(text)) or "—"


def _show_low(work: Work, report: AlignReport) -> None:
    """The least sure beads, the two texts side by side."""
    assert work.source is not None
    source = work.source.by_id()
    translation = work.translations[report.lang].document
    target = translation.by_id() if translation else {}
    # Everything shown is text from the work: escaped, so that '[...]' is never read as markup.
    title = escape(f"Least sure beads [{report.lang}]: look at these first")
    table = Table(title=title, show_lines=True)
    table.add_column("bead", no_wrap=True)
    table.add_column("score", justify="right")
    table.add_column(escape(work.original.language), ratio=1)
    table.add_column(escape(report.lang), ratio=1)
    for bead in sorted(report.low, key=lambda b: b.score or 0.0)[:LISTED]:  # least sure first
        table.add_row(
            escape(bead_name(bead)),
            f"{bead.score:.2f}" if bead.score is not None else "-",
            _cell(" ".join(plain_text(source[i].text) for i in bead.source if i in source)),
            _cell(" ".join(plain_text(target[i].text) for i in bead.target if i in target)),
        )
    Console(width=120, soft_wrap=False, highlight=False).print(table)
    if len(report.low) > LISTED:
        say(f"… and {len(report.low) - LISTED} more in {shown_path(report.path)}")


@cli.command()
@click.argument("work")
@click.argument("ids", nargs=-1)
@click.option("--lang", required=True, help="The translation whose beads to mark, e.g. en.")
@click.option(
    "--state",
    required=True,
    type=click.Choice([s.value for s in BeadState]),
    help="reviewed, locked, omitted (a 1-0 bead left out on purpose), or auto.",
)
@click.option("--above", type=float, help="Also every auto bead scoring at least this (0 to 1).")
@click.pass_context
def mark(
    ctx: click.Context,
    work: str,
    ids: tuple[str, ...],
    lang: str,
    state: str,
    above: float | None,
) -> None:
    """Set the review state of the beads naming IDS (either side's segment IDs).

    Records a fingerprint of both sides' text, so that toolkit check can tell
    when either changes afterwards (the bead is then stale).
    """
    if not ids and above is None:
        raise ToolkitError("name the beads to mark", fix="give segment IDs, or --above SCORE")
    request = MarkRequest(BeadState(state), ids, above)
    path, marked = mark_work(load_work(root_of(ctx), work), lang, request)
    for bead in marked:
        say(f"{state}: {bead_name(bead)}")
    say(f"{len(marked)} bead(s) marked in {shown_path(path)}")
