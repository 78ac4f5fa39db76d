"""The command line: each command is a few lines over the library.

Exit status: 0 done (or clean), 1 findings at or above --fail-on, 2 bad usage or
input, 3 an internal error (a bug).
"""

from __future__ import annotations

import json
import logging
import sys
import traceback
from pathlib import Path

import click

from toolkit._version import __version__
from toolkit.check import Report, Severity, check_work
from toolkit.errors import ToolkitError
from toolkit.importing import ImportOptions, import_file
from toolkit.importing.report import import_lines
from toolkit.render import BuildOptions, Format, build_work
from toolkit.store.create import NewWork, create_work
from toolkit.store.importrecord import SourceFormat
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


def _root(ctx: click.Context, allow_empty: bool = False) -> Path:
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


def _works(root: Path, names: tuple[str, ...]) -> list[Work]:
    return [load_work(root, name) for name in (names or tuple(list_works(root)))]


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
    """Report coverage and attribution findings for WORKS (default: all)."""
    report = Report()
    for work in _works(_root(ctx), works):
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
    for f in sorted(report.findings, key=lambda f: (-f.severity, f.path or f.work, f.line)):
        lines.append(f"{f.where}: {f.severity.label}: {f.message} [{f.code}]")
        if f.fix:
            lines.append(f"  fix: {f.fix}")
    counts = ", ".join(f"{report.count(s)} {s.label}(s)" for s in reversed(Severity))
    lines.append(f"{len(report.findings)} finding(s): {counts}")
    return "\n".join(lines)


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
@click.pass_context
def build(
    ctx: click.Context, works: tuple[str, ...], out: Path | None, formats: tuple[str, ...]
) -> None:
    """Build HTML, EPUB and PDF editions of WORKS (default: all) into build/."""
    root = _root(ctx)
    chosen = tuple(Format(f) for f in formats) or tuple(Format)
    options = BuildOptions(out_dir=out or root / "build", formats=chosen)
    for work in _works(root, works):
        result = build_work(work, options)
        for note in result.notes:
            click.echo(f"note: {note}")
        for path in result.outputs:
            click.echo(f"wrote {path}")


@cli.command(name="new")
@click.argument("work")
@click.option("--lang", required=True, help="The original's language tag, e.g. zh-Hant-TW.")
@click.option("--title", required=True, help="The original's title.")
@click.option("--author", "authors", multiple=True, help="An author's name (repeatable).")
@click.option(
    "--translation",
    "translations",
    multiple=True,
    metavar="LANG[=TITLE]",
    help="Prepare a translation's metadata, e.g. en or 'en=The Title' (repeatable).",
)
@click.pass_context
def new(
    ctx: click.Context,
    work: str,
    lang: str,
    title: str,
    authors: tuple[str, ...],
    translations: tuple[str, ...],
) -> None:
    """Start WORK: write its metadata files, ready to fill in.

    Writes source/WORK/work.yaml and translations/WORK/LANG.yaml for each
    --translation. Then add the texts with toolkit import.
    """
    wanted: dict[str, str | None] = {}
    for item in translations:
        tag, _, name = item.partition("=")
        wanted[tag.strip()] = name.strip() or None
    spec = NewWork(work, lang, title, authors, wanted)
    for path in create_work(_root(ctx, allow_empty=True), spec):
        click.echo(f"wrote {path}")


@cli.command(name="import")
@click.argument("work")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--lang", required=True, help="The language of FILE, e.g. zh-Hant-TW or en.")
@click.option(
    "--force", is_flag=True, help="Replace a text already imported (unchanged text keeps its IDs)."
)
@click.option("--encoding", help="FILE's encoding, when detection is not enough (e.g. big5).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice([f.value for f in SourceFormat]),
    help="FILE's format, when its name does not say (.txt, .md, .html, .docx).",
)
@click.option(
    "--no-sentences", is_flag=True, help="Keep each paragraph on one line (no sentence split)."
)
@click.pass_context
def import_(
    ctx: click.Context,
    work: str,
    file: Path,
    lang: str,
    force: bool,
    encoding: str | None,
    fmt: str | None,
    no_sentences: bool,
) -> None:
    """Import FILE (text, Markdown, an HTML page, DOCX) into WORK as language LANG.

    What must exist first: the work (source/WORK/work.yaml; toolkit new makes it)
    and, for a translation, its metadata (translations/WORK/LANG.yaml). When LANG
    is the original's language, FILE is the original's text (source/WORK/text.md);
    otherwise the translation's. Paragraphs are split into sentence lines. What
    is not article text (a page's menus, share buttons, read counter, byline; a
    translator's note; photo credits) is moved to metadata or set aside, reported
    here and recorded in the import record, so nothing is lost.
    """
    options = ImportOptions(
        lang=lang,
        force=force,
        encoding=encoding,
        format=SourceFormat(fmt) if fmt else None,
        sentences=not no_sentences,
    )
    report = import_file(_root(ctx), work, file, options)
    for line in import_lines(report):
        click.echo(line)
    for warning in report.warnings + report.beads:
        click.echo(f"warning: {warning}", err=True)


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
