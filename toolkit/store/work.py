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

import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from toolkit.errors import Location, ToolkitError
from toolkit.metadata import LANG_RE, Original, Translation
from toolkit.model import Alignment, Document
from toolkit.store.alignfile import read_alignment
from toolkit.store.document import read_document
from toolkit.store.importrecord import ImportRecord, load_record
from toolkit.store.metafile import load_original, load_translation

WORK_ID_RE = re.compile(r"[a-z0-9][a-z0-9-]*")


@dataclass(frozen=True)
class WorkPaths:
    """Where a work's files are. Nothing here touches the disk."""

    root: Path
    work: str

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

    def translation_meta(self, lang: str) -> Path:
        return self.translations_dir / f"{lang}.yaml"

    def translation_text(self, lang: str) -> Path:
        return self.translations_dir / f"{lang}.md"

    def alignment(self, lang: str) -> Path:
        return self.translations_dir / f"{lang}.align"

    def import_record(self, lang: str) -> Path:
        return self.translations_dir / f"{lang}.import.yaml"

    def original_import_record(self, lang: str) -> Path:
        """The import record of the original, whose language is ``lang``."""
        return self.source_dir / f"{lang}.import.yaml"

    def languages(self) -> list[str]:
        """Translation languages: every ``<lang>.yaml`` or ``<lang>.md`` in the folder."""
        if not self.translations_dir.is_dir():
            return []
        langs = set()
        for path in self.translations_dir.iterdir():
            if path.suffix in (".yaml", ".md") and "." not in path.stem:
                langs.add(path.stem)
        return sorted(langs)


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
    names: set[str] = set()
    for top in ("source", "translations"):
        folder = root / top
        if folder.is_dir():
            names.update(p.name for p in folder.iterdir() if p.is_dir())
    return sorted(names)


def load_work(root: Path, work: str) -> Work:
    """Read and validate every file of a work. Raises ToolkitError naming the bad file."""
    paths = WorkPaths(root, work)
    if not WORK_ID_RE.fullmatch(work):
        folder = paths.source_dir if paths.source_dir.is_dir() else paths.translations_dir
        raise ToolkitError(
            f"{work!r} is not a work ID",
            where=Location(folder),
            fix="name work folders with lower-case letters, digits and '-' (e.g. my-work)",
        )
    if not paths.original_meta.is_file():
        known = ", ".join(list_works(root)) or "none"
        raise ToolkitError(
            f"no work {work!r} (works: {known})",
            where=Location(paths.original_meta),
            fix=f"create {paths.original_meta} with the original's metadata (docs/metadata.md)",
        )
    original = load_original(paths.original_meta)
    source = read_document(paths.original_text) if paths.original_text.is_file() else None
    translations = {lang: _load_translation(paths, lang) for lang in paths.languages()}
    record_path = paths.original_import_record(original.language)
    record = load_record(record_path) if record_path.is_file() else None
    return Work(work, paths, original, source, translations, record)


def _load_translation(paths: WorkPaths, lang: str) -> TranslationData:
    meta_path = paths.translation_meta(lang)
    text_path = paths.translation_text(lang)
    if not LANG_RE.fullmatch(lang):
        stray = text_path if text_path.is_file() else meta_path
        raise ToolkitError(
            f"{lang!r} is not a language tag, so this is not a translation file",
            where=Location(stray),
            fix="translation files are named for their language (en.md, en.yaml); "
            "move other files out of translations/",
        )
    if not meta_path.is_file():
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
        read_document(text) if text.is_file() else None,
        read_alignment(align) if align.is_file() else None,
        load_record(record) if record.is_file() else None,
    )


def find_image(paths: WorkPaths, text_path: Path, src: str) -> Path:
    """The file of a figure's image: beside its text file, else beside the original's.

    Raises ToolkitError (with no location: the caller knows the figure's line)
    when the path leaves the work or no such file exists.
    """
    wanted = PurePosixPath(src)
    if wanted.is_absolute() or ".." in wanted.parts or "://" in src:
        raise ToolkitError(
            f"figure image {src!r} is not a path inside the work",
            fix=f"put the image in {text_path.parent} and give its relative path",
        )
    candidates = [folder / wanted for folder in (text_path.parent, paths.source_dir)]
    for candidate in candidates:
        if candidate.is_file():
            return candidate.resolve()
    raise ToolkitError(f"figure image {src!r} not found", fix=f"add the image as {candidates[0]}")


def relative(work: Work, path: Path) -> str:
    """``path`` as the user sees it: relative to the repository root when inside it."""
    try:
        return str(path.relative_to(work.paths.root))
    except ValueError:
        return str(path)
