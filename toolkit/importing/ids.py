"""Give an imported document's segments their IDs, keeping those a person may have aligned.

Re-importing a revised file must not renumber: a reviewed or locked bead names
segments by ID, and renumbering would silently point it at another sentence. So the
new segments are matched against the old ones as a diff matches lines (in order,
text for text); every segment whose text is unchanged keeps its ID, and only new
or changed text gets a new one, numbered after the highest ID ever used on that
side (in the old file or in an alignment file), so that an ID is never given to
other text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from difflib import SequenceMatcher

from toolkit.model import Block, Document, Segment


@dataclass(frozen=True)
class IdChanges:
    """What giving IDs did: how many kept theirs, which are new, which old ones are gone."""

    kept: int
    added: tuple[str, ...]
    removed: tuple[str, ...]


def assign_ids(
    doc: Document, old: Document | None, prefix: str, reserved: Iterable[str] = ()
) -> tuple[Document, IdChanges]:
    """``doc`` with an ID on every segment (its own IDs, if any, are replaced).

    ``old`` is the text imported before (or None); ``reserved`` are IDs used
    elsewhere (alignment files) that must not be given to new text.
    """
    new_texts = [seg.text for seg in doc.segments()]
    old_segments = [seg for seg in (old.segments() if old else ()) if seg.id is not None]
    ids: list[str | None] = [None] * len(new_texts)
    matcher = SequenceMatcher(None, [s.text for s in old_segments], new_texts, autojunk=False)
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            ids[block.b + k] = old_segments[block.a + k].id
    fresh = new_ids(prefix, {s.id for s in old_segments if s.id} | set(reserved))
    added: list[str] = []
    for index, ident in enumerate(ids):
        if ident is None:
            ident = fresh()
            ids[index] = ident
            added.append(ident)
    kept = set(ids)
    removed = tuple(s.id for s in old_segments if s.id not in kept and s.id is not None)
    numbered = _with_ids(doc, [i for i in ids if i is not None])
    return numbered, IdChanges(len(new_texts) - len(added), tuple(added), removed)


def highest_id(ids: Iterable[str | None], prefix: str) -> str | None:
    """The ``<prefix><n>`` ID with the highest n among ``ids``, or None."""
    pattern = re.compile(re.escape(prefix) + r"([0-9]+)")
    numbered = [(int(m.group(1)), i) for i in ids if i and (m := pattern.fullmatch(i))]
    return max(numbered)[1] if numbered else None


def new_ids(prefix: str, used: Iterable[str]) -> Callable[[], str]:
    """A source of fresh IDs: ``<prefix><n>`` numbered after the highest of ``used``."""
    taken = set(used)
    pattern = re.compile(re.escape(prefix) + r"([0-9]+)")
    counter = max((int(m.group(1)) for i in taken if (m := pattern.fullmatch(i))), default=0)

    def fresh() -> str:
        nonlocal counter
        counter += 1
        while f"{prefix}{counter}" in taken:
            counter += 1
        taken.add(f"{prefix}{counter}")
        return f"{prefix}{counter}"

    return fresh


def _with_ids(doc: Document, ids: list[str]) -> Document:
    it = iter(ids)
    blocks: list[Block] = []
    for block in doc.blocks:
        segments = tuple(Segment(next(it), seg.text, seg.line) for seg in block.segments)
        blocks.append(replace(block, segments=segments))
    return replace(doc, blocks=tuple(blocks))
