"""Write an import into a work: segments, import record, and the metadata it found."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from toolkit.errors import ToolkitError
from toolkit.importing.plaintext import Imported, import_text
from toolkit.importing.reassemble import metadata_field
from toolkit.metadata import Translation
from toolkit.store.document import write_document
from toolkit.store.fileio import write_files
from toolkit.store.importrecord import ImportRecord, Part, dump_record
from toolkit.store.lines import read_text
from toolkit.store.metafile import load_original, load_translation, parse_translation
from toolkit.store.work import WorkPaths

_CREDIT_TEXT_RE = re.compile(r"\((?:featured )?(?:photo|image) (?:by )?(?:photo by )?(.*)\)", re.I)


@dataclass(frozen=True)
class ImportReport:
    segments: int
    added_to_metadata: list[str]
    kept_in_metadata: list[str]
    set_aside: list[str]


def import_translation(
    paths: WorkPaths, file: Path, lang: str, *, force: bool = False
) -> ImportReport:
    """Import plain-text ``file`` as the ``lang`` translation of the work at ``paths``.

    Raises ToolkitError if the work does not exist, ``lang`` is the original's
    language (importing originals comes later), or the file cannot be read.
    """
    if not paths.original_meta.is_file():
        raise ToolkitError(
            f"no work {paths.work!r}: {paths.original_meta} does not exist",
            fix=f"create {paths.original_meta} with the original's metadata (docs/metadata.md)",
        )
    original = load_original(paths.original_meta)
    if lang == original.language:
        raise ToolkitError(
            "importing the original's text is not supported yet",
            fix=f"write it as {paths.original_text} in the format of docs/format.md",
        )
    imported = import_text(read_text(file), file.name)
    return apply_translation_import(paths, lang, imported, force=force)


def apply_translation_import(
    paths: WorkPaths, lang: str, imported: Imported, *, force: bool = False
) -> ImportReport:
    """Write ``<lang>.md`` and ``<lang>.import.yaml``; add found fields to ``<lang>.yaml``.

    Fields already in the metadata file are left as they are. Refuses to replace an
    existing segment file unless ``force``.
    """
    text_path = paths.translation_text(lang)
    meta_path = paths.translation_meta(lang)
    if text_path.exists() and not force:
        raise ToolkitError(
            f"{text_path} exists; importing would replace its segments and IDs",
            fix="pass --force to replace it",
        )
    meta_text = read_text(meta_path) if meta_path.exists() else f"language: {lang}\n"
    existing = load_translation(meta_path) if meta_path.exists() else None
    additions, kept = _metadata_additions(imported.metadata, existing)
    if additions:
        newline = "\r\n" if "\r\n" in meta_text else "\n"
        added = _dump(additions).replace("\n", newline)
        meta_text = meta_text.rstrip("\r\n") + newline + added
    record = _keep_what_metadata_lacks(
        imported.record, imported.metadata, parse_translation(meta_text, meta_path)
    )
    write_files(
        {
            text_path: write_document(imported.document),
            paths.import_record(lang): dump_record(record),
            meta_path: meta_text,
        }
    )
    set_aside = [f"lines {p.lines}: {p.reason}" for p in record.set_aside()]
    count = sum(1 for _ in imported.document.segments())
    return ImportReport(count, sorted(additions), kept, set_aside)


def _keep_what_metadata_lacks(
    record: ImportRecord, found: dict[str, str], meta: Translation
) -> ImportRecord:
    """Set aside, verbatim, any moved line the metadata file does not hold as it was imported.

    The metadata file wins (a person may have corrected it), and the imported
    text stays in the record, so the file can still be reassembled.
    """
    parts = []
    for part in record.parts:
        field = part.field or ""
        if part.to == "metadata":
            try:
                held = metadata_field(meta, field)
            except KeyError:
                held = None
            if held != found[field]:
                part = Part(
                    lines=part.lines,
                    to="set_aside",
                    reason=f"{field} as imported; the metadata file holds another value",
                    text=found[field].splitlines() or [""],
                )
        parts.append(part)
    return record.model_copy(update={"parts": parts})


def _metadata_additions(
    found: dict[str, str], existing: Translation | None
) -> tuple[dict[str, object], list[str]]:
    additions: dict[str, object] = {}
    kept: list[str] = []
    note = found.get("translator_note")
    if note is not None:
        if existing is None or existing.translator_note is None:
            additions["translator_note"] = note
        else:
            kept.append("translator_note")
    credits = [v for k, v in sorted(found.items()) if k.startswith("photo_credits[")]
    if credits:
        if existing is None or not existing.photo_credits:
            additions["photo_credits"] = [
                {"text": _credit_text(c), "as_published": c} for c in credits
            ]
        else:
            kept.append("photo_credits")
    return additions, kept


def _credit_text(as_published: str) -> str:
    m = _CREDIT_TEXT_RE.fullmatch(as_published.strip())
    return m.group(1).strip() if m else as_published.strip("() ")


def _dump(data: dict[str, object]) -> str:
    return "# Added by toolkit import\n" + yaml.safe_dump(
        data, allow_unicode=True, sort_keys=False, width=10**9
    )
