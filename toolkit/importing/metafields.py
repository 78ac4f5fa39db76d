"""Put what an import found for metadata into the metadata file, editing its text in place.

The metadata file is a person's: the import fills in fields it lacks or holds empty
(``translator_note:``, ``photo_credits: []``), keeps the comments, order and line
endings, and never overwrites a value that is there. What it could not put there
stays in the import record, set aside (see ``keep_what_metadata_lacks``).
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import yaml

from toolkit.importing.plaintext import photo_credit
from toolkit.metadata import Publication
from toolkit.store.importrecord import (
    Destination,
    FieldRef,
    ImportRecord,
    Part,
    Reason,
    dump_yaml,
)
from toolkit.store.yamlfile import compose_yaml


def additions(
    found: dict[FieldRef, str], existing: Publication
) -> tuple[dict[str, object], list[str]]:
    """The fields to add, and the names of those the file already has (kept as they are).

    A text field (``translator_note``) takes the found text; a credit list
    (``photo_credits``, ``image_credits``) takes one credit per found line, in order.
    """
    texts: dict[str, str] = {}
    lists: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for ref, text in found.items():
        if ref.index is None:
            texts[ref.name] = text
        else:
            lists[ref.name].append((ref.index, text))
    add: dict[str, object] = {}
    kept: list[str] = []
    for name, text in texts.items():
        if getattr(existing, name, None) is None:
            add[name] = text
        else:
            kept.append(name)
    for name, items in lists.items():
        if getattr(existing, name, None):
            kept.append(name)
            continue
        add[name] = [
            {"text": photo_credit(line) or line.strip(), "as_published": line}
            for _, line in sorted(items)
        ]
    return add, sorted(kept)


def keep_what_metadata_lacks(
    record: ImportRecord, found: dict[FieldRef, str], meta: Publication
) -> ImportRecord:
    """Set aside, verbatim, any moved text the metadata file does not hold as it was imported.

    The metadata file wins (a person may have corrected it), and the imported
    text stays in the record, so nothing is lost.
    """
    newline = record.layout.newline
    parts = []
    for part in record.parts:
        ref = part.field
        if part.to is Destination.METADATA and ref is not None and ref.get(meta) != found[ref]:
            part = Part(
                lines=part.lines,
                element=part.element,
                to=Destination.SET_ASIDE,
                field=ref,
                reason=Reason.METADATA_DIFFERS,
                text=found[ref].split(newline),
            )
        parts.append(part)
    return record.model_copy(update={"parts": parts})


def add_fields(meta_text: str, add: dict[str, object], path: Path | str) -> str:
    """``meta_text`` (the file ``path``) with ``add``: empty top-level values filled in,
    other fields added.

    The text is edited, not rewritten: comments, order and line endings stay.
    """
    if not add:
        return meta_text
    newline = "\r\n" if "\r\n" in meta_text else "\n"
    root = compose_yaml(meta_text, path)
    empty: dict[str, yaml.Node] = {}
    if isinstance(root, yaml.MappingNode):
        for key, value in root.value:
            if key.value in add and _is_empty(value):
                empty[key.value] = value
    # Fill in from the end of the file, so that earlier offsets stay right.
    for name, node in sorted(empty.items(), key=lambda kv: -kv[1].start_mark.index):
        start, end = node.start_mark.index, node.end_mark.index
        value = dump_yaml(add[name], flow=True).rstrip("\n").removesuffix("\n...")
        if start == end:  # 'translator_note:' with nothing after the colon
            value = " " + value
        meta_text = meta_text[:start] + value + meta_text[end:]
    rest = {k: v for k, v in add.items() if k not in empty}
    if rest:
        added = ("# Added by toolkit import\n" + dump_yaml(rest)).replace("\n", newline)
        meta_text = meta_text.rstrip("\r\n") + newline + added
    return meta_text


def _is_empty(node: yaml.Node) -> bool:
    """A null value (``key:``, ``key: ~``) or an empty sequence (``key: []``)."""
    if isinstance(node, yaml.ScalarNode):
        return node.tag == "tag:yaml.org,2002:null"
    return isinstance(node, yaml.SequenceNode) and not node.value
