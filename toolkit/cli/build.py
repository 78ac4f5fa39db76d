"""`toolkit build`: every edition the text allows, into build/.

Every work named is checked for structural errors before any is built: one broken work
stops the command with nothing written (exit 2), each error printed with its place and fix.
A work whose files have not changed since its editions were built is not read again
(``toolkit.render.incremental``).
"""

from __future__ import annotations

from pathlib import Path

import click

from toolkit.cli.base import cli, root_of
from toolkit.errors import shown_path
from toolkit.render import BuildOptions, Format, build_work, check_out_dir, preflight
from toolkit.render.build import up_to_date
from toolkit.render.edition import EditionKind
from toolkit.store.work import WorkPaths, list_works, load_work


@cli.command()
@click.argument("works", nargs=-1)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Output folder (default: build/ in the repository).",
)
@click.option(
    "--to",
    "formats",
    multiple=True,
    type=click.Choice([f.value for f in Format]),
    help="Formats to build (repeatable; default: html, epub and pdf).",
)
@click.option(
    "--edition",
    "editions",
    multiple=True,
    type=click.Choice([k.value for k in EditionKind]),
    help="Editions to build (repeatable; default: every one the text allows): the "
    "original, the translations, the Simplified Chinese edition of a Traditional original, "
    "and the parallel and interleaved editions of each aligned translation.",
)
@click.pass_context
def build(
    ctx: click.Context,
    works: tuple[str, ...],
    out: Path | None,
    formats: tuple[str, ...],
    editions: tuple[str, ...],
) -> None:
    """Build HTML, EPUB and PDF editions of WORKS (default: all) into build/.

    Refuses, writing nothing, when a work has a structural error (a repeated or missing
    ID, a dangling reference, a character XML forbids, an unsafe link, a figure outside
    the work); translation-quality findings never stop a build. An output folder inside
    source/ or translations/, or one that cannot be written, is refused the same way.
    """
    root = root_of(ctx)
    chosen = tuple(Format(f) for f in formats) or tuple(Format)
    kinds = tuple(EditionKind(k) for k in editions)
    options = BuildOptions(out_dir=out or root / "build", formats=chosen, editions=kinds)
    check_out_dir(options.out_dir, root)
    names = works or tuple(list_works(root))
    fresh = {name for name in names if up_to_date(WorkPaths(root, name), options)}
    for name in names:
        if name in fresh:
            shown = shown_path(options.out_dir / name)
            click.echo(f"up to date: {shown} (nothing changed since it was built)")
    loaded = [load_work(root, name) for name in names if name not in fresh]
    preflight(loaded)  # all of them before any is built
    for work in loaded:
        result = build_work(work, options)
        for note in result.notes:
            click.echo(f"note: {note}")
        for path in result.outputs:
            click.echo(f"wrote {shown_path(path)}")
