"""The command group, its options and exit statuses; each command lives in its own module.

Exit status: 0 done (or clean), 1 findings at or above --fail-on, 2 bad usage or
input, 3 an internal error (a bug).
"""

from __future__ import annotations

import importlib
import logging
import sys
import traceback
from pathlib import Path
from typing import TYPE_CHECKING

import click

from toolkit._version import __version__
from toolkit.errors import ToolkitError, shown

if TYPE_CHECKING:
    from toolkit.store.work import Work

EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3


#: Each command and the module that defines it. A command's module, and what it needs (the
#: aligner's encoder, Pandoc, WeasyPrint), loads only when that command runs: checking a
#: PO file in CI should not pay for building a PDF.
COMMANDS = {
    "align": "align",
    "build": "build",
    "check": "check",
    "export": "exchange",
    "import": "imports",
    "mark": "align",
    "new": "imports",
    "segment": "segment",
}


def say(text: str, *, err: bool = False) -> None:
    """Print a line of a command's report. Reports quote files' text (a metadata key, a
    title, a segment): each control character or bidi override in it is printed as its
    escape (``toolkit.errors.shown``), never acted on by the terminal; line breaks stay."""
    click.echo(shown(text, keep="\n"), err=err)


class _Group(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(super().list_commands(ctx)) | set(COMMANDS))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            importlib.import_module(f"toolkit.cli.{COMMANDS[cmd_name]}")
        return super().get_command(ctx, cmd_name)

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except ToolkitError as exc:
            # the message may quote a file's text: shown, never acted on by the terminal
            say(f"error: {exc}", err=True)
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
    _log_to_terminal(verbose)
    ctx.obj = root


class _Terminal(logging.Handler):
    """Log records on standard error, written as click writes, so that they reach the
    terminal of this command (and a test's runner) whatever the process set up before.

    The toolkit's warnings read ``warning: …`` like the commands' own; other records
    (``-v``'s stages, other libraries) keep their logger's name.
    """

    def emit(self, record: logging.LogRecord) -> None:
        try:
            if record.name.startswith("toolkit") and record.levelno >= logging.WARNING:
                text = f"{record.levelname.lower()}: {record.getMessage()}"
            else:
                text = f"{record.name}: {record.getMessage()}"
            say(text, err=True)
        except Exception:
            self.handleError(record)


def _log_to_terminal(verbose: bool) -> None:
    """Send warnings (and with ``-v`` each stage) to standard error, as click writes.

    ``logging.basicConfig`` does nothing when the root logger has a handler already (an
    embedding program's, a test runner's), and the store's warnings (a stray folder
    skipped) would then never be seen; so the handler is the toolkit's own, replaced on
    each run rather than added again.
    """
    root = logging.getLogger()
    for handler in [h for h in root.handlers if isinstance(h, _Terminal)]:
        root.removeHandler(handler)
    root.addHandler(_Terminal())
    if root.level == logging.NOTSET or root.level > logging.WARNING:
        root.setLevel(logging.WARNING)
    logging.getLogger("toolkit").setLevel(logging.INFO if verbose else logging.WARNING)
    for noisy in ("fontTools", "weasyprint"):
        logging.getLogger(noisy).setLevel(logging.ERROR)


def root_of(ctx: click.Context, allow_empty: bool = False) -> Path:
    """The repository: --root, else the nearest folder up with source/ or translations/.

    ``allow_empty``: a folder without them will do (``toolkit new`` makes them).
    """
    from toolkit.store.work import find_root

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
    from toolkit.store.work import list_works, load_work

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
