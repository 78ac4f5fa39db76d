"""A work on disk: its original and translations, read and checked for form.

Layout, for a work with ID ``china-russia``::

    source/china-russia/work.yaml          the original's metadata
    source/china-russia/text.md            the original's segments (may be absent)
    translations/china-russia/en.yaml      the English translation's metadata
    translations/china-russia/en.md        its segments
    translations/china-russia/en.align     source ↔ translation beads (may be absent)
    translations/china-russia/en.import.yaml  where each line of an imported file went
    source/china-russia/zh-Hant-TW.import.yaml  the same, for the original
"""

from __future__ import annotations

import logging
import os
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from toolkit.errors import Location, ToolkitError, shown_path
from toolkit.limits import Limits
from toolkit.metadata import LANG_RE, Original, Translation
from toolkit.model import Alignment, Document
from toolkit.store.alignfile import read_alignment
from toolkit.store.document import read_document
from toolkit.store.imagetype import image_type
from toolkit.store.importrecord import ImportRecord, load_record
from toolkit.store.metafile import load_original, load_translation
from toolkit.store.workfile import (
    TOP_FOLDERS,
    folders_of,
    is_inside,
    not_regular,
    open_regular,
    present,
    showable,
)

log = logging.getLogger("toolkit.store")

#: A work ID: lower-case letters, digits and '-', at most 64 characters. It names two
#: folders, so it can hold nothing that would lead out of them.
WORK_ID_RE = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")
_WORK_ID_FIX = (
    "use lower-case letters, digits and '-', starting with a letter or digit, at most 64 "
    "characters (e.g. my-work)"
)


def check_work_id(work: str, where: Location | None = None) -> str:
    """``work`` when it is a work ID; ToolkitError otherwise (before any path is built)."""
    if not WORK_ID_RE.fullmatch(work):
        raise ToolkitError(f"{work!r} is not a work ID", where=where, fix=_WORK_ID_FIX)
    return work


def check_lang(lang: str) -> str:
    """``lang`` when it is a language tag; ToolkitError otherwise (before any path is built)."""
    if not LANG_RE.fullmatch(lang):
        raise ToolkitError(
            f"{lang!r} is not a language tag",
            fix="give a tag such as en, fr, ja or zh-Hant-TW (language, optional script, region)",
        )
    return lang


@dataclass(frozen=True)
class WorkPaths:
    """Where a work's files are. Nothing here touches the disk.

    The work ID and every language tag are checked before a path is made of them, so no
    argument (``../x``, ``a/b``, an absolute path) can name a file outside the work.
    """

    root: Path
    work: str

    def __post_init__(self) -> None:
        check_work_id(self.work)

    @property
    def source_dir(self) -> Path:
        return self.root / "source" / self.work

    @property
    def translations_dir(self) -> Path:
        return self.root / "translations" / self.work

    @property
    def original_meta(self) -> Path:
        return self.source_dir / "work.yaml"

    @property
    def original_text(self) -> Path:
        return self.source_dir / "text.md"

    @property
    def check_settings(self) -> Path:
        """How the translation checks run on this work, and what they leave alone."""
        return self.source_dir / "check.yaml"

    @property
    def glossary(self) -> Path:
        return self.source_dir / "glossary.csv"

    @property
    def build_settings(self) -> Path:
        """Which editions the work has, and how they are made (docs/build.md)."""
        return self.source_dir / "build.yaml"

    def translation_meta(self, lang: str) -> Path:
        return self.translations_dir / f"{check_lang(lang)}.yaml"

    def translation_text(self, lang: str) -> Path:
        return self.translations_dir / f"{check_lang(lang)}.md"

    def alignment(self, lang: str) -> Path:
        return self.translations_dir / f"{check_lang(lang)}.align"

    def import_record(self, lang: str) -> Path:
        return self.translations_dir / f"{check_lang(lang)}.import.yaml"

    def original_import_record(self, lang: str) -> Path:
        """The import record of the original, whose language is ``lang``."""
        return self.source_dir / f"{check_lang(lang)}.import.yaml"

    def languages(self) -> list[str]:
        """Translation languages: every ``<lang>.yaml`` or ``<lang>.md`` in the folder whose
        name is a language tag (the others are :meth:`strays`)."""
        return sorted(
            {p.stem for p in self._named_like_translations() if LANG_RE.fullmatch(p.stem)}
        )

    def strays(self) -> list[Path]:
        """Files named like a translation's (``<name>.md``, ``<name>.yaml``) whose name is
        not a language tag: ``notes.md``, ``My Draft.md``."""
        return sorted(p for p in self._named_like_translations() if not LANG_RE.fullmatch(p.stem))

    def _named_like_translations(self) -> list[Path]:
        if not self.translations_dir.is_dir():
            return []
        return [
            path
            for path in self.translations_dir.iterdir()
            if path.suffix in (".yaml", ".md") and "." not in path.stem
        ]


@dataclass(frozen=True)
class TranslationData:
    lang: str
    meta: Translation
    document: Document | None
    alignment: Alignment | None
    record: ImportRecord | None


@dataclass(frozen=True)
class Work:
    id: str
    paths: WorkPaths
    original: Original
    source: Document | None
    translations: dict[str, TranslationData]
    #: The import record of the original's text, if it was imported.
    source_record: ImportRecord | None = None


def find_root(start: Path) -> Path:
    """The repository root: the nearest folder up from ``start`` with source/ or translations/."""
    for folder in (start, *start.parents):
        if (folder / "source").is_dir() or (folder / "translations").is_dir():
            return folder
    raise ToolkitError(
        f"no source/ or translations/ folder in {start} or above",
        fix="run the command inside the repository, or pass --root",
    )


def list_works(root: Path) -> list[str]:
    """The IDs of the repository's works: the folders of ``source/`` and ``translations/``
    whose name is a work ID and that have ``source/<id>/work.yaml``.

    Other folders are skipped, so that one stray folder (``source/notes/``) does not stop
    every command: hidden ones (``.ipynb_checkpoints``) silently, the others with a
    warning on the ``toolkit.store`` logger.
    """
    works, skipped = _survey(root)
    for folder, reason in skipped:
        log.warning("%s: %s; skipped", shown_path(folder), reason)
    return works


def _survey(root: Path) -> tuple[list[str], list[tuple[Path, str]]]:
    """The works, and each other folder that is not hidden with why it is not a work."""
    works: set[str] = set()
    skipped: list[tuple[Path, str]] = []
    for top in TOP_FOLDERS:
        folder = root / top
        if not folder.is_dir():
            continue
        for entry in sorted(folder.iterdir()):
            if entry.name.startswith(".") or not entry.is_dir():
                continue
            reason = _not_a_work(root, top, entry.name)
            if reason:
                skipped.append((entry, reason))
            else:
                works.add(entry.name)
    return sorted(works), skipped


def _not_a_work(root: Path, top: str, name: str) -> str:
    """Why the folder ``<top>/<name>`` is not a work, or '' when it is one."""
    if not WORK_ID_RE.fullmatch(name):
        return f"{name!r} is not a work ID (lower-case letters, digits and '-')"
    if os.path.lexists(root / "source" / name / "work.yaml"):
        return ""  # in any form: load_work says what is wrong with it
    if top == "source":
        return "not a work: there is no work.yaml in it (toolkit new writes one)"
    return f"not a work: there is no source/{name}/work.yaml (toolkit new writes one)"


def load_work(root: Path, work: str) -> Work:
    """Read and validate every file of a work. Raises ToolkitError naming the bad file.

    A work ID that is not valid is refused before any path is made of it. A file of the
    work that is there but is not a regular file (a FIFO, a device, a broken link, a link
    loop) is an error naming it, never taken for a file the work does not have.
    """
    if not WORK_ID_RE.fullmatch(work):
        folder = _listed(root, work)
        check_work_id(work, Location(folder) if folder else None)
    paths = WorkPaths(root, work)
    if not present(paths.original_meta):
        raise _no_work(paths)
    original = load_original(paths.original_meta)
    source = read_document(paths.original_text) if present(paths.original_text) else None
    strays = paths.strays()
    if strays:
        raise ToolkitError(
            f"{strays[0].stem!r} is not a language tag, so this is not a translation file",
            where=Location(strays[0]),
            fix="translation files are named for their language (en.md, en.yaml); "
            "move other files out of translations/",
        )
    translations = {lang: _load_translation(paths, lang) for lang in paths.languages()}
    record_path = paths.original_import_record(original.language)
    record = load_record(record_path) if present(record_path) else None
    return Work(work, paths, original, source, translations, record)


def _listed(root: Path, name: str) -> Path | None:
    """The folder called ``name`` in source/ or translations/, found by listing them (so
    that no path is made of a name that may not be one)."""
    for top in TOP_FOLDERS:
        folder = root / top
        if folder.is_dir():
            for entry in folder.iterdir():
                if entry.name == name:
                    return entry
    return None


def _no_work(paths: WorkPaths) -> ToolkitError:
    """The error for a work without ``work.yaml``: its folder is not a work, or there is
    no such folder. The works listed are only those that are works."""
    known = ", ".join(_survey(paths.root)[0]) or "none"
    create = f"create {shown_path(paths.original_meta)} with the original's metadata"
    if paths.source_dir.is_dir():
        return ToolkitError(
            f"this folder is not a work: it has no work.yaml (works: {known})",
            where=Location(paths.source_dir),
            fix=f"{create} (docs/metadata.md), or name one of the works",
        )
    return ToolkitError(
        f"no work {paths.work!r} (works: {known})",
        where=Location(paths.original_meta),
        fix=f"{create} (toolkit new {paths.work} … writes it), or name one of the works",
    )


def _load_translation(paths: WorkPaths, lang: str) -> TranslationData:
    meta_path = paths.translation_meta(lang)
    text_path = paths.translation_text(lang)
    if not present(meta_path):
        raise ToolkitError(
            "this translation has no metadata file",
            where=Location(text_path),
            fix=f"create {meta_path} with the translation's metadata (docs/metadata.md)",
        )
    meta = load_translation(meta_path)
    if meta.language != lang:
        raise ToolkitError(
            f"language is {meta.language!r} but the file is named for {lang!r}",
            where=Location(meta_path),
            fix=f"rename the files to {meta.language}.* or set language: {lang}",
        )
    text = paths.translation_text(lang)
    align = paths.alignment(lang)
    record = paths.import_record(lang)
    return TranslationData(
        lang,
        meta,
        read_document(text) if present(text) else None,
        read_alignment(align) if present(align) else None,
        load_record(record) if present(record) else None,
    )


def find_image(paths: WorkPaths, text_path: Path, src: str) -> Path:
    """The file of a figure's image: beside its text file, else beside the original's.

    Raises ToolkitError (with no location: the caller knows the figure's line)
    when the path leaves the work, the file is a link that leads out of it, is not a
    regular file (a FIFO, a device, a broken link), is larger than the file limit, is not
    a PNG, JPEG, GIF or WebP image by its bytes (:func:`toolkit.store.imagetype.image_type`:
    an SVG drawing can hold scripts and local addresses), or no such file exists.
    """
    wanted = PurePosixPath(src)
    if wanted.is_absolute() or ".." in wanted.parts or "://" in src:
        raise ToolkitError(
            f"figure image {src!r} is not a path inside the work",
            fix=f"put the image in {text_path.parent} and give its relative path",
        )
    candidates = [folder / wanted for folder in (text_path.parent, paths.source_dir)]
    for candidate in candidates:
        what = not_regular(candidate)
        if what:
            raise ToolkitError(
                f"figure image {src!r} ({shown_path(showable(candidate))}) is {what}, not a "
                "regular file; it is not used",
                fix="put the image file itself there (a PNG or JPEG file)",
            )
        if candidate.is_file():
            return _image_inside(paths, candidate, src)
    raise ToolkitError(f"figure image {src!r} not found", fix=f"add the image as {candidates[0]}")


#: The first bytes of an image that tell its type (see ``image_type``).
_HEAD = 16


def _image_inside(paths: WorkPaths, candidate: Path, src: str) -> Path:
    """``candidate`` resolved, when it stays in the work, is not too large and is a raster
    image by its bytes."""
    real = candidate.resolve()
    if not is_inside(real, folders_of(paths.root, paths.work)):
        raise ToolkitError(
            f"figure image {src!r} ({shown_path(candidate)}) leads to {real}, outside the "
            "work; it is not used",
            fix="replace the link with a copy of the image it points to "
            "(cp --remove-destination TARGET LINK), after checking that it belongs to the work",
        )
    limits = Limits.from_env()
    fd, info = open_regular(candidate, real)
    try:
        if info.st_size > limits.max_file_bytes:
            raise ToolkitError(
                f"figure image {src!r} is {info.st_size:,} bytes, more than the limit of "
                f"{limits.max_file_bytes:,} bytes a file",
                fix="make the image smaller, or raise TOOLKIT_MAX_FILE_BYTES",
            )
        head = os.read(fd, _HEAD)
    finally:
        os.close(fd)
    if image_type(head) is None:
        raise ToolkitError(
            f"figure image {src!r} ({shown_path(candidate)}) is not a PNG, JPEG, GIF or WebP "
            "image by its bytes (whatever its name says); it is not used (an SVG drawing can "
            "hold scripts and addresses of local files)",
            fix="export it as PNG or JPEG, and give that file's path",
        )
    return real


def relative(work: Work, path: Path) -> str:
    """``path`` as the user sees it: relative to the repository root when inside it."""
    try:
        return str(path.relative_to(work.paths.root))
    except ValueError:
        return str(path)
