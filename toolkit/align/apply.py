"""``toolkit align`` and ``toolkit mark`` over a work's files: read, align or mark, write."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from toolkit.align.core import AlignOptions, Encoder
from toolkit.align.review import MarkRequest, mark
from toolkit.align.work import align_document
from toolkit.errors import ToolkitError
from toolkit.model import Alignment, Bead, BeadState
from toolkit.store.alignfile import write_alignment
from toolkit.store.fileio import write_files
from toolkit.store.work import TranslationData, Work
from toolkit.store.workfile import folders_of, present, read_work_file

#: Beads scoring below this are listed for a reviewer to look at first.
LOW_CONFIDENCE = 0.5


@dataclass(frozen=True)
class AlignReport:
    lang: str
    path: Path
    alignment: Alignment
    kept: int
    #: auto beads below LOW_CONFIDENCE or with one side empty, in order
    low: list[Bead]
    changed: bool


def align_work(
    work: Work,
    langs: Sequence[str] = (),
    *,
    options: AlignOptions | None = None,
    encoder: Encoder | None = None,
) -> list[AlignReport]:
    """Align each translation (or those in ``langs``) with the original; write the
    ``.align`` files, all or none."""
    if work.source is None:
        raise ToolkitError(
            f"{work.id}: the original's text is not in the repository, so there is nothing to "
            "align with",
            fix=f"import it first: toolkit import {work.id} FILE --lang {work.original.language}",
        )
    reports = []
    files: dict[Path, str | bytes] = {}
    for tr in _translations(work, langs):
        if tr.document is None:
            continue
        langs_pair = (work.original.language, tr.lang)
        new = align_document(
            work.source, tr.document, langs_pair, tr.alignment, options=options, encoder=encoder
        )
        path = work.paths.alignment(tr.lang)
        text = write_alignment(new)
        folders = folders_of(work.paths.root, work.id)
        changed = not present(path) or read_work_file(path, folders=folders) != text.encode()
        if changed:
            files[path] = text
        kept = sum(1 for b in new.beads if b.state is not BeadState.AUTO)
        low = [b for b in new.beads if b.state is BeadState.AUTO and _to_look_at(b)]
        reports.append(AlignReport(tr.lang, path, new, kept, low, changed))
    write_files(files, within=folders_of(work.paths.root, work.id))
    return reports


def _to_look_at(bead: Bead) -> bool:
    """A bead the aligner is unsure of, or a sentence with no counterpart."""
    one_sided = not bead.source or not bead.target
    return one_sided or (bead.score is not None and bead.score < LOW_CONFIDENCE)


def mark_work(work: Work, lang: str, request: MarkRequest) -> tuple[Path, list[Bead]]:
    """Set the state of the beads ``request`` names, recording fingerprints; write the file."""
    [tr] = _translations(work, (lang,))
    if tr.alignment is None or tr.document is None or work.source is None:
        raise ToolkitError(
            f"{work.id} [{lang}] is not aligned yet",
            fix=f"run toolkit align {work.id} --lang {lang} first",
        )
    new, marked = mark(tr.alignment, request, work.source.by_id(), tr.document.by_id())
    path = work.paths.alignment(lang)
    write_files({path: write_alignment(new)}, within=folders_of(work.paths.root, work.id))
    return path, marked


def _translations(work: Work, langs: Sequence[str]) -> list[TranslationData]:
    for lang in langs:
        if lang not in work.translations:
            known = ", ".join(sorted(work.translations)) or "none"
            raise ToolkitError(
                f"{work.id} has no {lang} translation (translations: {known})",
                fix=f"give one of the work's languages, or add translations/{work.id}/{lang}.yaml",
            )
    return [work.translations[lang] for lang in (langs or sorted(work.translations))]
