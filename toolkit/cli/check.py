"""`toolkit check`: coverage, attribution and review findings, for people or tools."""

from __future__ import annotations

import json
import os
from pathlib import Path

import click

from toolkit.check.findings import Report, Severity
from toolkit.check.human import render_human
from toolkit.check.junit import render_junit
from toolkit.check.qa.files import FileOptions, check_files
from toolkit.check.sarif import render_sarif
from toolkit.cli.base import EXIT_FINDINGS, cli, root_of, say, works_of
from toolkit.errors import Location, ToolkitError, shown_path
from toolkit.exchange import BITEXT_SUFFIXES, is_bitext


@cli.command()
@click.argument("works", nargs=-1, metavar="[WORK|FILE]...")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["human", "json", "sarif", "junit"]),
    default="human",
    show_default=True,
    help="human: findings grouped by work and family; json: everything, for tools "
    "(docs/checks.md); sarif: SARIF 2.1.0, for code hosts; junit: JUnit XML, for CI.",
)
@click.option(
    "--fail-on",
    type=click.Choice([s.label for s in Severity]),
    default="error",
    show_default=True,
    help="Exit 1 when a finding is at least this severe.",
)
@click.option(
    "--source-lang",
    metavar="LANG",
    help="A translation file's source language, where its header does not say (PO: en).",
)
@click.option(
    "--target-lang",
    metavar="LANG",
    help="A translation file's target language, where its header does not say.",
)
@click.option(
    "--html",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FILE",
    help="Also write a review page to FILE: both texts side by side, the findings marked "
    "in them, filters, coverage; one HTML file that fetches nothing.",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=0),
    default=0,
    show_default=True,
    help="Check translation FILEs in this many processes at once; 0: one per CPU.",
)
@click.pass_context
def check(
    ctx: click.Context,
    works: tuple[str, ...],
    fmt: str,
    fail_on: str,
    source_lang: str | None,
    target_lang: str | None,
    html: Path | None,
    jobs: int,
) -> None:
    """Check WORKS (default: all), or translation FILEs (.po, .xlf, .xliff, .tmx).

    Coverage of the original by each translation; the translation itself (numbers,
    names and terms, punctuation, script, consistency, what must be kept); reviews
    gone stale; credits and rights; segment IDs, footnotes and figures; unsafe links
    and characters XML forbids. Each finding has its place and a fix.
    """
    # The review page shows the beads the checks read: the report keeps them only then.
    report = Report(units=[] if html is not None else None)
    for name in works:
        if Path(name).suffix.lower() in BITEXT_SUFFIXES and not Path(name).is_file():
            raise ToolkitError(
                "no such translation file", where=Location(name), fix="check the path"
            )
    files = [Path(name) for name in works if is_bitext(Path(name))]
    ids = tuple(name for name in works if not is_bitext(Path(name)))
    options = FileOptions(source_lang, target_lang)
    check_files(files, options, report, jobs or _cpus())
    if ids or not files:
        from toolkit.check.work import check_work

        for work in works_of(root_of(ctx), ids):
            check_work(work, report)
    threshold = Severity.parse(fail_on)
    if fmt == "json":
        click.echo(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
    elif fmt == "sarif":
        click.echo(json.dumps(render_sarif(report), ensure_ascii=False, indent=2))
    elif fmt == "junit":
        click.echo(render_junit(report, threshold), nl=False)
    else:
        click.echo(render_human(report))
    if html is not None:
        _write_review(html, report)
    if report.fails(threshold):
        ctx.exit(EXIT_FINDINGS)


def _cpus() -> int:
    """The CPUs this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _write_review(path: Path, report: Report) -> None:
    """Write the review page of ``report`` to ``path``: whole or not at all (a temporary
    file beside it, then renamed)."""
    from toolkit.check.review_html import render_review
    from toolkit.store.fileio import write_files

    try:
        write_files({path: render_review(report)})
    except OSError as exc:  # the folder is a file, not writable, the disk full …
        named = f" ({shown_path(exc.filename)})" if exc.filename else ""
        raise ToolkitError(
            f"cannot write the review page: {exc.strerror or exc}{named}",
            where=Location(path),
            fix="choose a file in a folder you can write to",
        ) from None
    say(f"review page: {shown_path(path)}", err=True)
