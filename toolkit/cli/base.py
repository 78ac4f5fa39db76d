"""The command group, its options and exit statuses; each command lives in its own module.

Exit status: 0 done (or clean), 1 findings at or above --fail-on, 2 bad usage or
input, 3 an internal error (a bug).
"""

from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path

import click

from toolkit._version import __version__
from toolkit.errors import ToolkitError
from toolkit.store.work import Work, find_root, list_works, load_work

EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3


class _Group(click.Group):
    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except ToolkitError as exc:
            click.echo(f"error: {exc}", err=True)
            ctx.exit(EXIT_USAGE)


@click.group(cls=_Group)
@click.version_option(__version__, prog_name="toolkit")
@click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    help="The repository (default: the nearest folder with source/ or translations/).",
)
@click.option("-v", "--verbose", is_flag=True, help="Log each pipeline stage.")
@click.pass_context
def cli(ctx: click.Context, root: Path | None, verbose: bool) -> None:
    """Keep a Chinese original and its translations as aligned segments; check; build editions."""
    logging.basicConfig(level=logging.WARNING, format="%(name)s: %(message)s")
    logging.getLogger("toolkit").setLevel(logging.INFO if verbose else logging.WARNING)
    for noisy in ("fontTools", "weasyprint"):
        logging.getLogger(noisy).setLevel(logging.ERROR)
    ctx.obj = root


def root_of(ctx: click.Context, allow_empty: bool = False) -> Path:
    """The repository: --root, else the nearest folder up with source/ or translations/.

    ``allow_empty``: a folder without them will do (``toolkit new`` makes them).
    """
    root = ctx.obj
    if not isinstance(root, Path):
        try:
            return find_root(Path.cwd())
        except ToolkitError:
            if allow_empty:
                return Path.cwd()
            raise
    root = root.resolve()
    if allow_empty:
        return root
    if not (root / "source").is_dir() and not (root / "translations").is_dir():
        raise ToolkitError(
            f"--root {root}: no source/ or translations/ folder there",
            fix="pass the repository's folder (the one holding source/ and translations/)",
        )
    return root


def works_of(root: Path, names: tuple[str, ...]) -> list[Work]:
    return [load_work(root, name) for name in (names or tuple(list_works(root)))]


def main() -> None:
    try:
        cli(prog_name="toolkit")
    except Exception:  # a bug, not bad input: say so, and keep 1 for findings
        traceback.print_exc()
        click.echo(
            "internal error: this is a bug in toolkit, please report it with the text above",
            err=True,
        )
        sys.exit(EXIT_INTERNAL)
    sys.exit(0)
