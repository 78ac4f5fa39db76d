"""Attribution: is everyone credited, and is every moved line still where the import put it?"""

from __future__ import annotations

from pathlib import Path

from toolkit.check.findings import Finding, Place
from toolkit.check.registry import Family, Severity, declare
from toolkit.metadata import Original, Publication, Translation
from toolkit.store.importrecord import ImportRecord, text_sha256
from toolkit.store.work import Work, relative

A = Family.ATTRIBUTION
ATTRIBUTION_MISSING = declare(
    "attribution-missing",
    A,
    Severity.WARNING,
    "A credit an edition needs is missing: an author or translator (an error), a publisher, "
    "an address or a date.",
    "work.yaml with no 'authors'",
)
RIGHTS_MISSING = declare(
    "rights-missing", A, Severity.WARNING, "No rights or licence statement.", "no 'rights'"
)
IMPORT_TEXT_LOST = declare(
    "import-text-lost",
    A,
    Severity.ERROR,
    "A metadata field no longer holds the text an import moved there.",
    "a translator's note deleted from en.yaml",
)

#: (field, severity, what a reader loses without it), for the original and a translation.
_ORIGINAL = (
    ("authors", Severity.ERROR, "the author is not credited"),
    ("publisher", Severity.WARNING, "the original's publisher is not credited"),
    ("url", Severity.WARNING, "no address of the original publication"),
    ("date", Severity.WARNING, "no date of the original publication"),
)
_TRANSLATION = (
    ("translators", Severity.ERROR, "the translator is not credited"),
    ("publisher", Severity.WARNING, "the translation's publisher is not credited"),
    ("url", Severity.WARNING, "no address of the published translation"),
    ("date", Severity.WARNING, "no date of the translation"),
)


def check_attribution(work: Work) -> list[Finding]:
    findings: list[Finding] = []
    meta_path = relative(work, work.paths.original_meta)
    findings += _fields(work.id, None, meta_path, work.original, _ORIGINAL)
    for lang in sorted(work.translations):
        tr = work.translations[lang]
        path = relative(work, work.paths.translation_meta(lang))
        findings += _fields(work.id, lang, path, tr.meta, _TRANSLATION)
        if tr.record is not None:
            findings += _moved_text(
                work, lang, tr.meta, tr.record, work.paths.import_record(lang), path
            )
    if work.source_record is not None:
        record_path = work.paths.original_import_record(work.original.language)
        findings += _moved_text(
            work, None, work.original, work.source_record, record_path, meta_path
        )
    return findings


def _fields(
    work: str,
    lang: str | None,
    path: str,
    meta: Original | Translation,
    required: tuple[tuple[str, Severity, str], ...],
) -> list[Finding]:
    findings = []
    for name, severity, loss in required:
        if not getattr(meta, name, None):
            findings.append(
                Finding(
                    check=ATTRIBUTION_MISSING,
                    message=f"{loss} (no '{name}')",
                    work=work,
                    lang=lang,
                    at=Place(path),
                    fix=f"add '{name}' (docs/metadata.md)",
                    level=severity,
                )
            )
    if not meta.rights and not meta.licence:
        findings.append(
            Finding(
                check=RIGHTS_MISSING,
                message="no rights or licence statement",
                work=work,
                lang=lang,
                at=Place(path),
                fix="add 'rights' (who holds the copyright) or 'licence'",
            )
        )
    return findings


def _moved_text(
    work: Work,
    lang: str | None,
    meta: Publication,
    record: ImportRecord,
    record_file: Path,
    meta_path: str,
) -> list[Finding]:
    """Each metadata field the import moved text to must still hold exactly that text.

    The record keeps the SHA-256 of the moved text; a record written before it did
    is only checked for the field being there.
    """
    findings = []
    record_path = relative(work, record_file)
    for part in record.moved_to_metadata():
        assert part.field is not None
        held = part.field.get(meta)
        if held is None:
            problem = "which no longer holds them"
        elif part.sha256 is not None and text_sha256(held) != part.sha256:
            problem = "which now holds other text"
        else:
            continue
        findings.append(
            Finding(
                check=IMPORT_TEXT_LOST,
                message=f"the import moved {part.where} to metadata '{part.field}', {problem}",
                work=work.id,
                lang=lang,
                at=Place(record_path),
                fix=f"restore '{part.field}' in {meta_path} to the imported text, or import the "
                "file again",
            )
        )
    return findings
