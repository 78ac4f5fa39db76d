"""Build a work's editions: HTML (Pandoc), EPUB 3 (Pandoc), PDF (WeasyPrint).

Stages, as the log names them: ``preflight`` (the store's structural checks) →
``edition`` (which books the text allows) → ``ast`` (segments and credits to a Pandoc
document) → ``fonts`` (the CJK and Latin subsets, kept in ``<out>/.cache/fonts/``:
:mod:`toolkit.render.fontcache`) → ``html`` / ``epub`` / ``pdf``.

A work with a structural error (``toolkit.check.STRUCTURAL``: an ID twice, a dangling
reference, a character XML forbids, an unsafe link, a figure outside the work) is
refused before anything is built (``BuildRefused``): such an edition would be an
invalid file or carry active content. Translation-quality findings never stop a build.

An edition's date is ``SOURCE_DATE_EPOCH`` when it is set, else the time the newest of
the work's files last changed (``store.epoch.edition_epoch``), never the clock: the build sets
``SOURCE_DATE_EPOCH`` to it while it runs, for Pandoc, WeasyPrint and fontTools, so an
unchanged input gives the same bytes, build after build.

Intermediate files go to scratch space inside the output folder (``scratch``), removed
when the build ends. Each edition is written to a temporary name and renamed when
complete, so a failed build leaves the previous editions intact. An output folder that
cannot be written (``/proc``, ``/dev/null``, a read-only folder) is a ``StageError``
naming it; one inside the store (``source/``, ``translations/``) is refused before
anything is built (``check_out_dir``).
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections.abc import Callable, Iterator
from concurrent.futures import as_completed
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from enum import StrEnum
from importlib.resources import files
from pathlib import Path

from fontTools.ttLib import TTFont

from toolkit.check import Finding, structural_errors
from toolkit.errors import Location, StageError, ToolkitError, shown_path
from toolkit.languages import language_script
from toolkit.model import BlockKind, Document
from toolkit.render import formats
from toolkit.render.ast import HAN_LATIN, TranslatorNotes, credit_blocks, document_blocks
from toolkit.render.bilingual import Images, Remarks, bilingual_blocks
from toolkit.render.chws import with_chws
from toolkit.render.config import load_build_config
from toolkit.render.cover import cover_alt, cover_block, cover_for
from toolkit.render.credits import credits_for, labels
from toolkit.render.edition import Edition, EditionKind, editions_for
from toolkit.render.fontcache import FontCache
from toolkit.render.fontfaces import edition_fonts
from toolkit.render.fonts import FontSource, find_cjk_font
from toolkit.render.incremental import BuildState, inputs_digest
from toolkit.store.epoch import edition_epoch
from toolkit.store.fileio import write_files
from toolkit.store.scratch import scratch_space
from toolkit.store.work import Work, WorkPaths, find_image, relative
from toolkit.workers import forked_pool

log = logging.getLogger("toolkit.render")


class Format(StrEnum):
    HTML = "html"
    EPUB = "epub"
    PDF = "pdf"


@dataclass(frozen=True)
class BuildOptions:
    """What to build and where. ``out_dir`` gets one folder per work.

    ``preflight``: refuse a work with structural errors (the default, and what the
    command does). Only tests of the renderer's own defences turn it off.
    """

    out_dir: Path
    formats: tuple[Format, ...] = (Format.HTML, Format.EPUB, Format.PDF)
    preflight: bool = True
    #: The kinds of edition to build; empty: every kind the text allows.
    editions: tuple[EditionKind, ...] = ()
    #: How many editions are built at once, each in a process of its own (the command
    #: uses every CPU); 1: one after another, in this process.
    jobs: int = 1
    #: Told as each edition is done: its file name stem, how many are done, how many in
    #: all (the command's progress bar).
    progress: Callable[[str, int, int], None] | None = None


class BuildRefused(StageError):
    """The store has structural errors: nothing was built. ``findings`` lists them."""

    def __init__(self, findings: list[Finding]) -> None:
        self.findings = findings
        works = sorted({f.work for f in findings})
        listed = "\n".join(f.describe() for f in findings)
        super().__init__(
            f"build refused: {len(findings)} structural error(s) in {', '.join(works)}; "
            f"nothing was written\n{listed}",
            fix="correct each error above (toolkit check lists them too), then build again",
        )


def check_out_dir(out_dir: Path, root: Path) -> None:
    """Refuse an output folder inside the repository's ``source/`` or ``translations/``:
    editions and scratch space written there would become part of the store."""
    where = _resolved(out_dir)
    for store in ("source", "translations"):
        if where.is_relative_to(_resolved(root / store)):
            raise ToolkitError(
                f"the output folder {shown_path(out_dir)} is inside the repository's {store}/: "
                "editions written there would be taken for the works' own files",
                fix="build into a folder outside source/ and translations/ (by default, "
                "build/ in the repository: leave out --out)",
            )


def _resolved(path: Path) -> Path:
    """``path`` with its links followed (as far as they lead: a loop stops there)."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path.absolute()


def preflight(works: list[Work]) -> None:
    """Raise BuildRefused, listing them all, if any of ``works`` has a structural error
    (and the error of a build.yaml that cannot be read)."""
    findings: list[Finding] = []
    for work in works:
        log.info("preflight: %s", work.id)
        load_build_config(work)  # a bad build.yaml stops every work, before any is built
        findings += structural_errors(work)
    if findings:
        raise BuildRefused(findings)


@dataclass
class BuildResult:
    work: str
    outputs: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    #: Nothing changed since the last build: nothing was built (``up_to_date``).
    unchanged: bool = False


def inputs_of(paths: WorkPaths, options: BuildOptions) -> str:
    """The digest of everything the work's editions are made from, and of what was asked
    (``toolkit.render.incremental``)."""
    asked = [f"format {f.value}" for f in options.formats]
    asked += [f"edition {k.value}" for k in options.editions]
    asked.append(f"preflight {options.preflight}")
    fonts = [find_cjk_font(lang).path for lang in ("zh-Hant", "zh-Hans")]
    return inputs_digest((paths.source_dir, paths.translations_dir), asked, fonts)


def up_to_date(paths: WorkPaths, options: BuildOptions) -> bool:
    """Were the work's editions built from exactly its files as they are now, with the
    same toolkit and the same request, and are they all still there as written? Reads
    only the work's own folders (a work folder that is a link is never taken as up to
    date: loading it decides)."""
    if any(d.is_symlink() for d in (paths.source_dir, paths.translations_dir)):
        return False
    state = BuildState.load(options.out_dir, paths.work)
    return state.up_to_date(inputs_of(paths, options), options.out_dir)


def build_work(work: Work, options: BuildOptions, *, checked: bool = False) -> BuildResult:
    """Build every edition of ``work`` the text allows; refuse it first if ``preflight``
    (the default) finds a structural error. Writes nothing unless every edition built.

    ``checked``: the caller has just run ``preflight`` on this work (the command checks
    every work before it builds any), so it is not run twice."""
    check_out_dir(options.out_dir, work.paths.root)
    inputs = inputs_of(work.paths, options)  # before reading on: the files as built from
    state = BuildState.load(options.out_dir, work.id)
    if state.up_to_date(inputs, options.out_dir):
        log.info("incremental: %s: nothing changed since the last build", work.id)
        return BuildResult(work.id, unchanged=True)
    if options.preflight and not checked:
        preflight([work])
    result = BuildResult(work.id)
    config = load_build_config(work)
    editions = editions_for(work, config.settings())
    # The command line's choice, else the work's (build.yaml), else every edition.
    wanted = options.editions or tuple(config.editions or ())
    if wanted:
        editions = [e for e in editions if e.kind in wanted]
        kinds = {e.kind for e in editions}
        for kind in wanted:
            if kind not in kinds:
                result.notes.append(f"{work.id}: no {kind.value} edition: {_why_not(work, kind)}")
    log.info("edition: %s: %d edition(s)", work.id, len(editions))
    if work.source is None and not wanted:
        result.notes.append(
            f"{work.id}: the original's text is not in the repository "
            f"({relative(work, work.paths.original_text)}); building the translation only"
        )
    if not editions and not wanted:
        result.notes.append(f"{work.id}: no text to build yet")
    # Every edition is built before anything is written: a failure leaves build/ as it was.
    target = options.out_dir / work.id
    files: dict[Path, str | bytes] = {}
    if editions:
        fonts: dict[tuple[str, str | None], FontSource] = {}  # one look-up per script
        cache = FontCache(options.out_dir)
        epoch = edition_epoch(work)
        made = datetime.fromtimestamp(epoch, UTC).date()
        with scratch_space(options.out_dir) as scratch, source_date(epoch):
            tasks: list[_Task] = []
            for edition in editions:
                script = language_script(edition.chinese_lang)
                if script not in fonts:  # patched here, once, for every process to share
                    fonts[script] = with_chws(find_cjk_font(edition.chinese_lang), cache)
                where = scratch / edition.file_stem
                tasks.append((edition, options.formats, fonts[script], cache, where, made))
            for built in _build_all(tasks, options):
                files.update({target / name: data for name, data in built.items()})
    try:
        write_files(files)
    except OSError as exc:
        raise StageError(
            f"cannot write the editions in {shown_path(target)}: {exc.strerror or exc}"
            + (f" ({shown_path(exc.filename)})" if exc.filename else ""),
            fix="choose an output folder you can write to (--out), such as build/ "
            "in the repository",
        ) from None
    result.outputs += list(files)
    state.save(inputs, options.out_dir, files)
    return result


def _why_not(work: Work, kind: EditionKind) -> str:
    """Why ``work`` has no edition of ``kind``."""
    if kind is EditionKind.TRANSLATION:
        return "no translation has a text yet"
    if work.source is None:
        where = relative(work, work.paths.original_text)
        return f"the original's text is not in the repository ({where})"
    return f"the original is in {work.original.language}, not Traditional Chinese"


@contextmanager
def source_date(epoch: int) -> Iterator[None]:
    """``SOURCE_DATE_EPOCH`` set to ``epoch`` while the block runs (the tools read it for
    every date they write), then as it was."""
    before = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        yield
    finally:
        if before is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = before


#: What ``_build_edition`` is given for one edition.
_Task = tuple[Edition, tuple[Format, ...], FontSource, FontCache, Path, date]


def _build_all(tasks: list[_Task], options: BuildOptions) -> list[dict[str, bytes]]:
    """Each task's files, in the tasks' order: built one after another here, or with
    ``options.jobs`` above 1, each edition in a process of its own (forked, so it starts
    with everything this one has loaded), as many at once as jobs allows. The first
    error stops the others and is raised as it was raised (toolkit errors pickle whole);
    nothing is written, since the caller writes only when every edition is built."""
    total = len(tasks)
    done: list[dict[str, bytes] | None] = [None] * total

    def finished(index: int, files: dict[str, bytes]) -> None:
        done[index] = files
        if options.progress is not None:
            count = sum(1 for d in done if d is not None)
            options.progress(tasks[index][0].file_stem, count, total)

    workers = min(options.jobs, total)
    if workers <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        for index, task in enumerate(tasks):
            finished(index, _build_edition(*task))
    else:
        with forked_pool(workers) as pool:
            futures = {pool.submit(_build_edition, *task): i for i, task in enumerate(tasks)}
            try:
                for future in as_completed(futures):
                    finished(futures[future], future.result())
            except BaseException:
                for future in futures:
                    future.cancel()
                raise
    return [files for files in done if files is not None]


def _build_edition(
    edition: Edition,
    wanted: tuple[Format, ...],
    font_source: FontSource,
    cache: FontCache,
    scratch: Path,
    made: date | None = None,
) -> dict[str, bytes]:
    """One edition's files by name; intermediate files go to ``scratch`` (made here)."""
    credits = credits_for(edition, made)
    title_page, colophon = credit_blocks(credits)
    images = _images(edition, edition.document, edition.text_path)
    if edition.bilingual is not None:
        original = _images(edition, edition.bilingual.source, edition.work.paths.original_text)
        said = labels(edition.lang)
        remarks = Remarks(said["omitted"], said["added"], said["tn"])
        body = bilingual_blocks(edition.bilingual, Images(original, images), remarks)
    else:
        own = None
        if edition.translation is not None:  # its notes the translator added are marked
            own = TranslatorNotes.of(edition.translation.alignment, labels(edition.lang)["tn"])
        body = document_blocks(edition.document, edition.lang, images, own)
    log.info("ast: %s: %d blocks", edition.file_stem, len(body))
    css = _css(edition) + _han_latin_css(font_source)
    parts = formats.Parts(edition, credits, title_page, body, colophon, css, _screen_css(edition))
    out: dict[str, bytes] = {}
    scratch.mkdir()
    # The cover's words are its picture's text alternative in the EPUB: glyphs for them too.
    text = formats.all_text(parts) + cover_alt(edition)
    fonts = edition_fonts(font_source, text, cache)
    # The EPUB and the PDF are books, with a cover (``cover``); the HTML page has none.
    book = printed = parts
    if Format.EPUB in wanted or Format.PDF in wanted:
        cover = cover_for(edition, font_source)
        (scratch / cover.file_name).write_bytes(cover.data)
        book = replace(parts, cover=scratch / cover.file_name)  # the EPUB's cover-image
        # The PDF's first page.
        printed = replace(book, title_page=[cover_block(cover, edition.lang), *book.title_page])
    if Format.HTML in wanted:
        face = fonts.css("html")
        page = formats.html(parts, scratch, font_face=face, article_title=False)
        out[f"{edition.file_stem}.html"] = page.encode("utf-8")
    if Format.PDF in wanted:
        face = fonts.css("pdf")
        page = formats.html(printed, scratch, font_face=face, article_title=True)
        out[f"{edition.file_stem}.pdf"] = formats.pdf(page, printed, scratch)
    if Format.EPUB in wanted:
        out[f"{edition.file_stem}.epub"] = formats.epub(book, scratch, fonts)
    return out


def _images(edition: Edition, doc: Document, text_path: Path) -> dict[str, str]:
    """Each figure's image in ``doc`` (read from ``text_path``), as an absolute path (see
    ``find_image``).

    Raises StageError naming the figure's line when an image cannot be used.
    """
    found: dict[str, str] = {}
    for block in doc.blocks:
        if block.kind is not BlockKind.FIGURE or block.src in found:
            continue
        try:
            image = find_image(edition.work.paths, text_path, block.src)
        except ToolkitError as exc:
            where = Location(text_path, block.line)
            raise StageError(exc.message, where=where, fix=exc.fix) from None
        found[block.src] = str(image)
    return found


def _css(edition: Edition) -> str:
    """The edition's stylesheet (what every format shares)."""
    names = ["edition.css"] + (["bilingual.css"] if edition.bilingual is not None else [])
    assets = files("toolkit.render").joinpath("assets")
    return "\n".join(assets.joinpath(name).read_text("utf-8") for name in names)


def _han_latin_css(font: FontSource) -> str:
    """The rule that makes the space between Han and Latin (``ast.HAN_LATIN``) a quarter
    em: the CJK face's own space, at the size that makes it one (no word-spacing: the
    PDF's Chinese justification leaves a box with spacing of its own alone), in a box
    that adds nothing to the line's height."""
    face = TTFont(str(font.path), fontNumber=font.index, lazy=True)
    try:
        advance = face["hmtx"][face.getBestCmap()[0x20]][0] / face["head"].unitsPerEm
    finally:
        face.close()
    return f"\n.{HAN_LATIN} {{ font-size: {0.25 / advance:.4f}em; line-height: 0; }}\n"


def _screen_css(edition: Edition) -> str:
    """Rules for the HTML edition on a screen: a parallel edition's responsive grid."""
    if edition.kind is not EditionKind.PARALLEL:
        return ""
    return files("toolkit.render").joinpath("assets/bilingual-screen.css").read_text("utf-8")
