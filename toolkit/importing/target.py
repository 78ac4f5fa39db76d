"""Where an import goes: the original's files or one translation's, and what is there now."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from toolkit.errors import Location, ToolkitError
from toolkit.importing.imported import ReadContext, Role
from toolkit.metadata import LANG_RE, Original, Publication, Translation, language_script
from toolkit.model import Alignment, Bead, Document
from toolkit.store.alignfile import read_alignment
from toolkit.store.document import read_document
from toolkit.store.importrecord import load_record
from toolkit.store.lines import read_text
from toolkit.store.metafile import load_original, parse_model
from toolkit.store.work import WORK_ID_RE, WorkPaths
from toolkit.store.workfile import folders_of, present, read_work_file


@dataclass(frozen=True)
class Touched:
    """A bead in the alignment file ``path`` that names ``ids``, whose text changed or is
    gone."""

    path: Path
    bead: Bead
    ids: tuple[str, ...]


@dataclass(frozen=True)
class Target:
    """One side of a work that an import writes: its text, record and metadata files."""

    paths: WorkPaths
    role: Role
    lang: str
    original: Original

    @property
    def text(self) -> Path:
        if self.role is Role.ORIGINAL:
            return self.paths.original_text
        return self.paths.translation_text(self.lang)

    @property
    def record(self) -> Path:
        if self.role is Role.ORIGINAL:
            return self.paths.original_import_record(self.lang)
        return self.paths.import_record(self.lang)

    @property
    def meta_path(self) -> Path:
        if self.role is Role.ORIGINAL:
            return self.paths.original_meta
        return self.paths.translation_meta(self.lang)

    @property
    def prefix(self) -> str:
        """Segment IDs: s1, s2, … in the original, t1, t2, … in a translation."""
        return "s" if self.role is Role.ORIGINAL else "t"

    @property
    def folders(self) -> tuple[Path, ...]:
        """The work's folders: every read and write of the import stays inside them."""
        return folders_of(self.paths.root, self.paths.work)

    def current(self, path: Path) -> bytes | None:
        """The bytes of a file of the work as they are now (None when it is absent), read
        as the store reads: inside the work, a regular file, within the limits."""
        return read_work_file(path, folders=self.folders) if present(path) else None

    def meta_text(self) -> str:
        return read_text(self.meta_path)

    def parse_meta(self, text: str) -> Publication:
        model = Original if self.role is Role.ORIGINAL else Translation
        return parse_model(text, self.meta_path, model)

    def meta(self) -> Publication:
        return self.parse_meta(self.meta_text())

    def context(self) -> ReadContext:
        """What readers may know: the title and the names a byline would repeat."""
        meta = self.meta()
        people = self.original.authors if self.role is Role.ORIGINAL else []
        if isinstance(meta, Translation):
            people = meta.translators
        names = tuple(name for person in people for name in person.name.values())
        return ReadContext(self.lang, self.role, meta.title, names)

    def old_document(self) -> Document | None:
        return read_document(self.text) if present(self.text) else None

    def alignments(self) -> list[tuple[Path, Alignment]]:
        """The alignment files that name this side's segments."""
        langs = self.paths.languages() if self.role is Role.ORIGINAL else [self.lang]
        found = [self.paths.alignment(lang) for lang in langs]
        return [(path, read_alignment(path)) for path in found if present(path)]

    def _side(self, bead_source: tuple[str, ...], bead_target: tuple[str, ...]) -> tuple[str, ...]:
        return bead_source if self.role is Role.ORIGINAL else bead_target

    def reserved_ids(self) -> set[str]:
        """IDs never to be given to other text: those alignment files use on this side,
        and the highest the last import gave."""
        reserved = {
            ident
            for _, alignment in self.alignments()
            for bead in alignment.beads
            for ident in self._side(bead.source, bead.target)
        }
        record = load_record(self.record) if present(self.record) else None
        if record is not None and record.last_id is not None:
            reserved.add(record.last_id)
        return reserved

    def beads_naming(self, ids: set[str]) -> list[Touched]:
        """Each bead that names one of ``ids``, with those it names."""
        out = []
        for path, alignment in self.alignments():
            for bead in alignment.beads:
                named = tuple(i for i in self._side(bead.source, bead.target) if i in ids)
                if named:
                    out.append(Touched(path, bead, named))
        return out


def find_target(root: Path, work: str, lang: str) -> Target:
    """The side of ``work`` that text in ``lang`` belongs to; errors say what must exist."""
    paths = WorkPaths(root, work)
    if not WORK_ID_RE.fullmatch(work):
        raise ToolkitError(
            f"{work!r} is not a work ID",
            fix="work IDs are lower-case letters, digits and '-' (e.g. my-work)",
        )
    if not present(paths.original_meta):
        raise ToolkitError(
            f"no work {work!r}: {paths.original_meta} does not exist",
            fix=f"create the work first: toolkit new {work} --lang zh-Hant-TW --title '…'",
        )
    if not LANG_RE.fullmatch(lang):
        raise ToolkitError(
            f"--lang {lang!r} is not a language tag",
            fix="give a tag such as en, fr, ja or zh-Hant-TW (language, optional script, region)",
        )
    original = load_original(paths.original_meta)
    if lang == original.language:
        return Target(paths, Role.ORIGINAL, lang, original)
    if language_script(lang) == language_script(original.language):
        raise ToolkitError(
            f"--lang {lang} is close to the original's language, {original.language}",
            where=Location(paths.original_meta),
            fix=f"import the original with --lang {original.language}",
        )
    meta_path = paths.translation_meta(lang)
    if not present(meta_path):
        raise ToolkitError(
            f"{meta_path} does not exist; the translation's metadata goes there",
            fix=f"create it with 'toolkit new {work} … --translation {lang}', or write it with "
            f"at least 'language: {lang}' and 'title:' (docs/metadata.md), then import again",
        )
    target = Target(paths, Role.TRANSLATION, lang, original)
    declared = target.meta().language
    if declared != lang:
        raise ToolkitError(
            f"the metadata file says language: {declared}, but --lang is {lang}",
            where=Location(meta_path),
            fix=f"import with --lang {declared}, or correct 'language' in {meta_path.name}",
        )
    return target
