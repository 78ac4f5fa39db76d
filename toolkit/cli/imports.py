"""`toolkit new` and `toolkit import`: start a work, bring its texts in."""

from __future__ import annotations

from pathlib import Path

import click

from toolkit.cli.base import cli, root_of, say
from toolkit.errors import shown_path
from toolkit.exchange.files import IMPORT_SUFFIXES
from toolkit.exchange.load import ExchangeImportOptions, import_exchange
from toolkit.importing import ImportOptions, import_file
from toolkit.importing.report import bead_fixes, bead_warnings, import_lines
from toolkit.store.create import NewWork, create_work
from toolkit.store.importrecord import SourceFormat


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
    for path in create_work(root_of(ctx, allow_empty=True), spec):
        say(f"wrote {shown_path(path)}")


@cli.command(name="import")
@click.argument("work")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--lang", required=True, help="The language of FILE, e.g. zh-Hant-TW or en.")
@click.option(
    "--force", is_flag=True, help="Replace a text already imported (unchanged text keeps its IDs)."
)
@click.option(
    "--encoding",
    help="FILE's encoding, when detection is not enough (e.g. big5, cp1252; not for DOCX).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice([f.value for f in SourceFormat]),
    help="FILE's format, when its name does not say (.txt, .md, .html, .docx).",
)
@click.option(
    "--discard-edits",
    is_flag=True,
    help="Replace a text even where it was edited since the import (a backup is kept).",
)
@click.option(
    "--no-sentences", is_flag=True, help="Keep each paragraph on one line (no sentence split)."
)
@click.option(
    "--accept-plain",
    is_flag=True,
    help="Let a spreadsheet's plain text replace a segment that has emphasis or links.",
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
    discard_edits: bool,
    no_sentences: bool,
    accept_plain: bool,
) -> None:
    """Import FILE (text, Markdown, an HTML page, DOCX) into WORK as language LANG.

    What must exist first: the work (source/WORK/work.yaml; toolkit new makes it)
    and, for a translation, its metadata (translations/WORK/LANG.yaml). When LANG
    is the original's language, FILE is the original's text (source/WORK/text.md);
    otherwise the translation's. Paragraphs are split into sentence lines. What
    is not article text (a page's menus, share buttons, read counter, byline; a
    translator's note; photo credits) is moved to metadata or set aside, reported
    here and recorded in the import record, so nothing is lost.

    An exchange file (.xlf, .xliff, .po, .tmx, .csv, .tsv, .xlsx; toolkit export
    writes them) updates the translation LANG instead: edited translations, new
    segments and review states come back (docs/exchange.md).
    """
    if fmt is None and file.suffix.lower() in IMPORT_SUFFIXES:
        _import_exchange(ctx, work, file, ExchangeImportOptions(lang, accept_plain))
        return
    options = ImportOptions(
        lang=lang,
        force=force,
        discard_edits=discard_edits,
        encoding=encoding,
        format=SourceFormat(fmt) if fmt else None,
        sentences=not no_sentences,
    )
    report = import_file(root_of(ctx), work, file, options)
    for line in import_lines(report):
        say(line)
    for warning in report.warnings + bead_warnings(report):
        say(f"warning: {warning}", err=True)
    fixes = bead_fixes(report, work)
    if fixes:
        say(f"  fix: read those beads again, then: {'; '.join(fixes)}", err=True)


def _import_exchange(
    ctx: click.Context, work: str, file: Path, options: ExchangeImportOptions
) -> None:
    report = import_exchange(root_of(ctx), work, file, options)
    if report.unchanged:
        say(f"{shown_path(file)}: {report.units} units, nothing new; nothing written")
        return
    say(
        f"{shown_path(file)}: {report.units} units; "
        f"{_count(len(report.changed), 'segment')} changed, {len(report.added)} new, "
        f"{_count(len(report.states), 'bead')} changed state"
    )
    for path in report.written:
        say(f"wrote {shown_path(path)}")


def _count(n: int, thing: str) -> str:
    return f"{n} {thing}" + ("" if n == 1 else "s")
