"""Write an import into a work: segments, import record, and the metadata it found."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from toolkit.errors import Location, ToolkitError
from toolkit.importing.plaintext import REASONS, Imported, import_text, photo_credit
from toolkit.importing.reassemble import metadata_field
from toolkit.metadata import LANG_RE, Translation
from toolkit.model import Document
from toolkit.store.document import write_document
from toolkit.store.fileio import write_files
from toolkit.store.importrecord import ImportRecord, Part, dump_record, dump_yaml
from toolkit.store.lines import read_text
from toolkit.store.metafile import load_original, load_translation, parse_translation
from toolkit.store.work import WorkPaths


@dataclass(frozen=True)
class ImportReport:
    segments: int
    added_to_metadata: list[str]
    kept_in_metadata: list[str]
    #: Set-aside parts other than blank lines, as "lines N-M: reason".
    set_aside: list[str]
    #: How many blank lines were set aside (they are not listed one by one).
    blank_lines: int = 0
    #: What the user should know about: e.g. an alignment file the new IDs made stale.
    warnings: list[str] = field(default_factory=list)


def import_translation(
    paths: WorkPaths, file: Path, lang: str, *, force: bool = False
) -> ImportReport:
    """Import plain-text ``file`` as the ``lang`` translation of the work at ``paths``.

    Raises ToolkitError if the work or its ``<lang>.yaml`` does not exist, ``lang``
    is the original's language (importing originals comes later), or the file
    cannot be read.
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
    _require_metadata_file(paths, lang)
    imported = import_text(read_text(file), file.name)
    return apply_translation_import(paths, lang, imported, force=force, source=file)


def apply_translation_import(
    paths: WorkPaths,
    lang: str,
    imported: Imported,
    *,
    force: bool = False,
    source: Path | None = None,
) -> ImportReport:
    """Write ``<lang>.md`` and ``<lang>.import.yaml``; add found fields to ``<lang>.yaml``.

    ``<lang>.yaml`` must exist. Fields already in it are left as they are; a found
    field that it has with an empty value (``translator_note:``, ``photo_credits: []``)
    is filled in. Refuses to replace an existing segment file unless ``force``.
    ``source`` is the imported file, named in errors (default: the record's name).
    Nothing is written when any of this fails.
    """
    text_path = paths.translation_text(lang)
    meta_path = paths.translation_meta(lang)
    if text_path.exists() and not force:
        raise ToolkitError(
            f"{text_path} exists; importing would replace its segments and IDs",
            fix="pass --force to replace it",
        )
    _require_metadata_file(paths, lang)
    meta_text = read_text(meta_path)
    existing = load_translation(meta_path)
    additions, kept = _metadata_additions(imported.metadata, existing)
    meta_text = _add_fields(meta_text, additions)
    record = _keep_what_metadata_lacks(
        imported.record, imported.metadata, parse_translation(meta_text, meta_path)
    )
    segment_text = _write_segments(imported.document, source or Path(imported.record.file))
    write_files(
        {
            text_path: segment_text,
            paths.import_record(lang): dump_record(record),
            meta_path: meta_text,
        }
    )
    blank = REASONS["blank"]
    set_aside = [f"lines {p.lines}: {p.reason}" for p in record.set_aside() if p.reason != blank]
    blank_lines = sum(p.count for p in record.set_aside() if p.reason == blank)
    warnings = []
    align_path = paths.alignment(lang)
    if align_path.exists():
        warnings.append(f"{align_path.name} refers to the old segment IDs; re-align or edit it")
    count = sum(1 for _ in imported.document.segments())
    return ImportReport(count, sorted(additions), kept, set_aside, blank_lines, warnings)


def _require_metadata_file(paths: WorkPaths, lang: str) -> None:
    """Before anything is written: the metadata file must exist and be for ``lang``."""
    if not LANG_RE.fullmatch(lang):
        raise ToolkitError(
            f"--lang {lang!r} is not a language tag",
            fix="give a tag such as en, fr, ja or zh-Hans (language, optional script and region)",
        )
    meta_path = paths.translation_meta(lang)
    if not meta_path.is_file():
        raise ToolkitError(
            f"{meta_path} does not exist; the translation's metadata goes there",
            fix=f"create it with at least 'language: {lang}' and 'title:' (docs/metadata.md), "
            "then import again",
        )
    declared = load_translation(meta_path).language
    if declared != lang:
        raise ToolkitError(
            f"the metadata file says language: {declared}, but --lang is {lang}",
            where=Location(meta_path),
            fix=f"import with --lang {declared}, or correct 'language' in {meta_path.name}",
        )


def _write_segments(document: Document, source: Path) -> str:
    """The segment file's text; a segment that cannot be written is an error at its line."""
    try:
        return write_document(document)
    except ValueError as exc:
        line = 0
        for end in range(1, len(document.blocks) + 1):
            try:
                write_document(Document(document.blocks[:end], document.layout))
            except ValueError:
                line = document.blocks[end - 1].segments[0].line
                break
        raise ToolkitError(
            f"this line cannot be written as a segment: {exc}",
            where=Location(source, line),
            fix="edit the line in the imported file, and report the problem "
            "(the import should accept any text)",
        ) from None


def _keep_what_metadata_lacks(
    record: ImportRecord, found: dict[str, str], meta: Translation
) -> ImportRecord:
    """Set aside, verbatim, any moved line the metadata file does not hold as it was imported.

    The metadata file wins (a person may have corrected it), and the imported
    text stays in the record, so the file can still be reassembled.
    """
    newline = record.layout.newline
    parts = []
    for part in record.parts:
        name = part.field or ""
        if part.to == "metadata":
            try:
                held = metadata_field(meta, name)
            except KeyError:
                held = None
            if held != found[name]:
                part = Part(
                    lines=part.lines,
                    to="set_aside",
                    reason=f"{name} as imported; the metadata file holds another value",
                    text=found[name].split(newline),
                )
        parts.append(part)
    return record.model_copy(update={"parts": parts})


def _metadata_additions(
    found: dict[str, str], existing: Translation
) -> tuple[dict[str, object], list[str]]:
    additions: dict[str, object] = {}
    kept: list[str] = []
    note = found.get("translator_note")
    if note is not None:
        if existing.translator_note is None:
            additions["translator_note"] = note
        else:
            kept.append("translator_note")
    credits = [v for k, v in sorted(found.items(), key=_credit_order) if k.startswith("photo_")]
    if credits:
        if not existing.photo_credits:
            additions["photo_credits"] = [
                {"text": photo_credit(c) or c.strip(), "as_published": c} for c in credits
            ]
        else:
            kept.append("photo_credits")
    return additions, kept


def _credit_order(item: tuple[str, str]) -> int:
    """photo_credits[10] after photo_credits[9]."""
    name = item[0]
    return int(name[name.index("[") + 1 : name.index("]")]) if "[" in name else -1


def _add_fields(meta_text: str, additions: dict[str, object]) -> str:
    """``meta_text`` with ``additions``: empty top-level values filled in, other fields added.

    The text is edited, not rewritten: comments, order and line endings stay.
    """
    newline = "\r\n" if "\r\n" in meta_text else "\n"
    root = yaml.compose(meta_text, Loader=yaml.SafeLoader)
    empty: dict[str, yaml.Node] = {}
    if isinstance(root, yaml.MappingNode):
        for key, value in root.value:
            if key.value in additions and _is_empty(value):
                empty[key.value] = value
    # Fill in from the end of the file, so that earlier offsets stay right.
    for name, node in sorted(empty.items(), key=lambda kv: -kv[1].start_mark.index):
        start, end = node.start_mark.index, node.end_mark.index
        value = dump_yaml(additions[name], flow=True).rstrip("\n").removesuffix("\n...")
        if start == end:  # 'translator_note:' with nothing after the colon
            value = " " + value
        meta_text = meta_text[:start] + value + meta_text[end:]
    rest = {k: v for k, v in additions.items() if k not in empty}
    if rest:
        added = ("# Added by toolkit import\n" + dump_yaml(rest)).replace("\n", newline)
        meta_text = meta_text.rstrip("\r\n") + newline + added
    return meta_text


def _is_empty(node: yaml.Node) -> bool:
    """A null value (``key:``, ``key: ~``) or an empty sequence (``key: []``)."""
    if isinstance(node, yaml.ScalarNode):
        return node.tag == "tag:yaml.org,2002:null"
    return isinstance(node, yaml.SequenceNode) and not node.value
