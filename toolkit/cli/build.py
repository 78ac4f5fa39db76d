"""`toolkit build`: every edition the text allows, into build/.

Every work named is checked for structural errors before any is built: one broken work
stops the command with nothing written (exit 2), each error printed with its place and fix.
A work whose files have not changed since its editions were built is not read again
(``toolkit.render.incremental``).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import click

from toolkit.cli.base import cli, root_of, say
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
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Editions built at once, each in a process of its own (default: one per CPU).",
)
@click.option(
    "--quiet", "-q", is_flag=True, help="No progress bar and no list of the files written."
)
@click.pass_context
def build(
    ctx: click.Context,
    works: tuple[str, ...],
    out: Path | None,
    formats: tuple[str, ...],
    editions: tuple[str, ...],
    jobs: int | None,
    quiet: bool,
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
    options = BuildOptions(
        out_dir=out or root / "build",
        formats=chosen,
        editions=kinds,
        jobs=jobs or os.cpu_count() or 1,
    )
    check_out_dir(options.out_dir, root)
    names = works or tuple(list_works(root))
    fresh = {name for name in names if up_to_date(WorkPaths(root, name), options)}
    for name in names:
        if name in fresh and not quiet:
            shown = shown_path(options.out_dir / name)
            say(f"up to date: {shown} (nothing changed since it was built)")
    loaded = [load_work(root, name) for name in names if name not in fresh]
    preflight(loaded)  # all of them before any is built
    with _progress(quiet) as progress:
        for work in loaded:
            result = build_work(work, replace(options, progress=progress), checked=True)
            for note in result.notes:
                say(f"note: {note}")
            for path in result.outputs if not quiet else ():
                say(f"wrote {shown_path(path)}")


@contextmanager
def _progress(quiet: bool) -> Iterator[Callable[[str, int, int], None] | None]:
    """A progress bar on the terminal (rich), editions done of those to build; none when
    ``quiet``, or when standard error is not a terminal (a log, CI)."""
    if quiet or not sys.stderr.isatty():
        yield None
        return
    from rich.progress import Progress

    # No refresh thread: the editions are built in forked processes.
    with Progress(transient=True, auto_refresh=False) as bar:
        task = bar.add_task("building editions", total=None)

        def advance(stem: str, done: int, total: int) -> None:
            bar.update(task, completed=done, total=total, description=f"built {stem}")
            bar.refresh()

        yield advance
