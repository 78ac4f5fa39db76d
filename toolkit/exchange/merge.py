"""Merge: units read back from an exchange file, applied to a work's translation (pure).

The original's side is matched by ID and must read as the store has it (it is edited
in the store, never in a translation tool). For each unit:

- the translation's lines update the segments the bead names, in order; a line that
  reads as the segment does leaves the segment's text exactly as it is, so that an
  export read back unchanged gives the same store, byte for byte;
- more lines than segments: the others become new segments after the bead's last one;
  a bead with no translation yet (1-0) gets new segments, placed after the translation
  segment the bead before it ends with (a heading, a figure's caption or a footnote
  whose original starts a block starts one of the same kind);
- fewer lines than segments is refused: a line per segment, an empty line to empty one;
- an empty translation in the file leaves the store's text alone;
- the state the file gives is the bead's; a bead a person marked (reviewed, locked,
  omitted) records its fingerprint again when its state or its text changes here.

Flat text (a spreadsheet's) never replaces a segment that has markup (emphasis, a link,
a footnote reference) unless ``accept_plain``.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from toolkit.errors import FormatError, Location, ToolkitError, raise_collected
from toolkit.exchange.codes import has_markup, same_text
from toolkit.exchange.files.common import FileRead
from toolkit.exchange.units import FileUnit, Text, base_of, parse_key
from toolkit.importing.ids import new_ids
from toolkit.languages import same_language
from toolkit.model import (
    PERSON_STATES,
    Alignment,
    Bead,
    BeadState,
    Block,
    BlockKind,
    Document,
    Segment,
    fingerprint,
)
from toolkit.store.alignfile import new_alignment
from toolkit.store.docwriter import looks_like_id
from toolkit.store.grammar import starts_block
from toolkit.store.inline import find_id, line_safe, plain_text
from toolkit.store.work import Work


@dataclass(frozen=True)
class MergeOptions:
    lang: str
    #: Let flat text (a spreadsheet's) replace a segment that has inline markup.
    accept_plain: bool = False


@dataclass(frozen=True)
class Merged:
    """The translation and alignment after the merge, and what changed."""

    document: Document
    alignment: Alignment | None
    changed: tuple[str, ...] = ()
    added: tuple[str, ...] = ()
    #: Beads whose state changed, by identifier.
    states: tuple[str, ...] = ()
    units: int = 0


@dataclass
class _Change:
    bead: int | None  # index in the alignment; None: a segment no bead names
    key: str
    source_ids: tuple[str, ...]
    target_ids: tuple[str, ...]
    text: Text | None
    state: BeadState | None
    line: int
    #: What the translation read as when it was exported, if the file says.
    base: str | None = None


@dataclass
class _State:
    """The merge as it goes: the document's segments by ID, and what is new."""

    texts: dict[str, str]
    changed: dict[str, None] = field(default_factory=dict)
    added: list[str] = field(default_factory=list)
    #: New segment IDs to place after an anchor (None: at the start), in order.
    inserts: list[tuple[str | None, str, str, Block | None]] = field(default_factory=list)


@dataclass(frozen=True)
class _Index:
    """What the units are matched against: the original's segments, the beads, and
    whether the translation is still to start (no segments, no alignment)."""

    src: dict[str, Segment]
    by_source: dict[tuple[str, ...], int]
    by_added: dict[tuple[str, ...], int]
    in_bead: set[str]
    target_ids: set[str]
    alignment: Alignment
    fresh: bool

    @classmethod
    def of(cls, source: Document, document: Document, alignment: Alignment | None) -> _Index:
        beads = alignment.beads if alignment is not None else ()
        target_ids = set(document.segment_ids())
        return cls(
            source.by_id(),
            {bead.source: i for i, bead in enumerate(beads) if bead.source},
            {bead.target: i for i, bead in enumerate(beads) if not bead.source},
            {i for bead in beads for i in (*bead.source, *bead.target)},
            target_ids,
            alignment or Alignment(),
            not target_ids and alignment is None,
        )


def merge(work: Work, read: FileRead, options: MergeOptions) -> Merged:
    lang = options.lang
    data = work.translations[lang]
    path = read.path
    _check_languages(work, read, lang)
    source = work.source or Document()
    document = data.document or Document()
    index = _Index.of(source, document, data.alignment)
    units: Iterable[FileUnit] = read.units
    if index.fresh:
        units = _keyed(list(units), source, path)
    seen: dict[str, int] = {}
    changes: list[_Change] = []
    count = 0
    errors: list[FormatError] = []
    for unit in units:
        count += 1
        try:
            change = _change(unit, path, lang, index)
            if change.key in seen:
                raise FormatError(
                    f"bead {change.key} is in the file twice (also line {seen[change.key]})",
                    where=Location(path, unit.line),
                    fix="keep one unit for each bead",
                )
        except FormatError as err:  # every unit at fault is reported, in one pass
            errors.append(err)
            continue
        if change.key:
            seen[change.key] = unit.line
        changes.append(change)
    raise_collected(path, errors)
    return _apply(work, lang, source, document, index, changes, options, path, count)


def _kept_omitted(state: BeadState, translated: bool) -> BeadState:
    """A bead left out that now has a translation is no longer left out: ``auto``."""
    return BeadState.AUTO if state is BeadState.OMITTED and translated else state


def _check_languages(work: Work, read: FileRead, lang: str) -> None:
    for said, wanted, side in (
        (read.source_lang, work.original.language, "original's"),
        (read.target_lang, lang, "translation's"),
    ):
        if said is not None and not same_language(said, wanted):
            raise ToolkitError(
                f"the file says the {side} language is {said}, but the work's is {wanted}",
                where=Location(read.path, 1),
                fix=f"import it into the work and translation it was exported from "
                f"(--lang {said} for a translation), or export the work again",
            )


def _keyed(units: list[FileUnit], source: Document, path: Path) -> list[FileUnit]:
    """A fresh translation's units, each named by the original's segments it renders.

    A file this toolkit exported names them already. Another tool's bitext (whose
    original was imported from the same file: ``toolkit import`` of each side) is matched
    in order: each unit with text on the original's side takes as many of the original's
    segments as it has lines, and must read as they do. Units with no original's side are
    the translator's additions. The translation IDs a file names are not the work's:
    its segments are numbered afresh.
    """
    ids = source.segment_ids()
    known = set(ids)
    ours = all(
        (parsed := parse_key(u.key or "")) is not None and set(parsed[0]) <= known
        for u in units
        if u.source is not None and any(u.source.lines)
    )
    out: list[FileUnit] = []
    at = 0
    for unit in units:
        lines = unit.source.lines if unit.source is not None else ()
        if not any(lines):
            out.append(replace(unit, key=None, target_ids=None))
            continue
        if ours:
            out.append(replace(unit, target_ids=None))
            continue
        taken = ids[at : at + len(lines)]
        at += len(lines)
        if len(taken) < len(lines):
            raise FormatError(
                "the file has more of the original than the work: import the original from "
                "this same file first",
                where=Location(path, unit.line),
                fix="toolkit import WORK FILE --lang <the original's language>, then this",
            )
        out.append(replace(unit, key=",".join(taken)))
    return out


def _change(unit: FileUnit, path: Path, lang: str, index: _Index) -> _Change:
    where = Location(path, unit.line)
    if unit.lang is not None and not same_language(unit.lang, lang):
        raise FormatError(
            f"the unit's translation is in {unit.lang}, not {lang}",
            where=where,
            fix=f"import it with --lang {unit.lang}, or leave that unit out",
        )
    if unit.key is None:
        if unit.source is not None and any(unit.source.lines):
            raise FormatError(
                "the unit has no bead identifier (s3,s4 or +t7)",
                where=where,
                fix="keep the identifier the export wrote in each unit",
            )
        # a unit the translator added: its text becomes new segments after the last ones
        return _Change(None, "", (), (), unit.target, unit.state, unit.line, unit.base)
    parsed = parse_key(unit.key)
    if parsed is None:
        raise FormatError(
            f"{unit.key!r} is not a bead identifier (source IDs joined by commas, or + and "
            "translation IDs)",
            where=where,
            fix="keep the identifier the export wrote in each unit",
        )
    source_ids, added_ids = parsed
    missing = [i for i in source_ids if i not in index.src] + [
        i for i in added_ids if i not in index.target_ids
    ]
    if missing:
        raise FormatError(
            f"unit {unit.key} names segment {missing[0]}, which the work does not have",
            where=where,
            fix="import a file exported from this work (toolkit export), or export it again",
        )
    at = index.by_source.get(source_ids) if source_ids else index.by_added.get(added_ids)
    if at is None and any(i in index.in_bead for i in (*source_ids, *added_ids)):
        raise FormatError(
            f"no bead is {unit.key} now: the work was aligned again since the export",
            where=where,
            fix="export the work again and redo the unit's translation there",
        )
    bead = index.alignment.beads[at] if at is not None else None
    ids = bead.target if bead is not None else added_ids
    if unit.target_ids is not None and unit.target_ids != ids:
        named = ",".join(unit.target_ids) or "none"
        raise FormatError(
            f"unit {unit.key} names translation segments {named}, but its bead has "
            f"{','.join(ids) or 'none'}",
            where=where,
            fix="keep the unit's translation IDs as exported, or export the work again",
        )
    if unit.source is not None or source_ids:
        _same_source(unit, path, source_ids, index.src)
    return _Change(at, unit.key, source_ids, ids, unit.target, unit.state, unit.line, unit.base)


def _same_source(
    unit: FileUnit, path: Path, source_ids: tuple[str, ...], src: dict[str, Segment]
) -> None:
    lines = unit.source.lines if unit.source is not None else ()
    if not source_ids and not any(lines):
        return
    ok = len(lines) == len(source_ids) and all(
        _reads_as(line, src[i].text, unit.source is not None and unit.source.flat)
        for line, i in zip(lines, source_ids, strict=False)
    )
    if not ok:
        raise FormatError(
            f"unit {unit.key}: the original's text differs from the store's",
            where=Location(path, unit.line),
            fix="edit the original in the store, never in the exchange file; "
            "export the work again to get its text as it is now",
        )


def _reads_as(line: str, current: str, flat: bool) -> bool:
    if flat:
        return plain_text(line) == plain_text(current)
    return same_text(line, current)


def _apply(
    work: Work,
    lang: str,
    source: Document,
    document: Document,
    index: _Index,
    changes: list[_Change],
    options: MergeOptions,
    path: Path,
    count: int,
) -> Merged:
    data = work.translations[lang]
    alignment = index.alignment
    texts = {s.id: s.text for s in document.segments() if s.id is not None}
    reserved = set(texts) | {i for b in alignment.beads for i in b.target}
    if data.record is not None and data.record.last_id:
        reserved.add(data.record.last_id)
    fresh = new_ids("t", reserved)
    state = _State(texts)
    beads = list(alignment.beads)
    new_beads: list[tuple[int, Bead]] = []
    states: list[str] = []
    #: Beads a person marked whose state or text changes here: their fingerprints are new.
    refresh: set[tuple[tuple[str, ...], tuple[str, ...]]] = set()
    last_target: str | None = None
    #: Where a bead added with no original goes: after the bead of the unit before it.
    after = 0
    source_order = {ident: n for n, ident in enumerate(source.segment_ids())}
    # an existing bead's original never changes here: where new beads go is known at once
    reach = _reach(beads, source_order)
    source_blocks = _blocks_of(source)
    errors: list[FormatError] = []
    for change in changes:
        ids = change.target_ids
        try:
            extra = _texts(change, state, options, path, beads)
        except FormatError as err:
            errors.append(err)
            continue
        new: list[str] = []
        for line in extra:
            ident = fresh()
            first = change.source_ids[0] if change.source_ids and not ids and not new else None
            kind = source_blocks.get(first) if first else None
            state.inserts.append(
                (new[-1] if new else (ids[-1] if ids else last_target), ident, line, kind)
            )
            new.append(ident)
            state.added.append(ident)
        all_ids = (*ids, *new)
        if all_ids:
            last_target = all_ids[-1]
        bead = beads[change.bead] if change.bead is not None else None
        if bead is None:
            if new or (change.state not in (None, BeadState.AUTO) and change.source_ids):
                wanted = _kept_omitted(change.state or BeadState.AUTO, bool(new))
                made = Bead(change.source_ids, tuple(new), None, wanted)
                refresh.add((made.source, made.target))
                if change.source_ids:
                    after = _position(change, reach, source_order)
                new_beads.append((after, made))
            continue
        assert change.bead is not None
        after = change.bead + 1
        updated = replace(bead, target=all_ids) if new else bead
        wanted = _kept_omitted(change.state or bead.state, bool(updated.target))
        # a person's state records the text anew only when it is set here; a translation
        # changed under an unchanged state keeps the old record, so the review is stale
        if wanted is not bead.state:
            updated = replace(updated, state=wanted, fingerprint=None)
            refresh.add((updated.source, updated.target))
            states.append(change.key)
        beads[change.bead] = updated
    raise_collected(path, errors)
    document = _placed(document, state)
    by_id = document.by_id()
    # from the last place to the first, so that each place is still where it was; beads
    # for the same place go in their file order
    for at, bead in reversed(sorted(new_beads, key=lambda pair: pair[0])):
        beads.insert(at, bead)
    comments = alignment.comments_for(beads)  # each above its bead; the header first
    beads = [
        replace(b, fingerprint=fingerprint(b, index.src, by_id))
        if b.state in PERSON_STATES and (b.source, b.target) in refresh
        else b
        for b in beads
    ]
    merged_alignment: Alignment | None
    if data.alignment is not None:
        merged_alignment = replace(alignment, beads=tuple(beads), comments=tuple(comments))
    elif beads:
        merged_alignment = new_alignment(beads)
    else:
        merged_alignment = None
    return Merged(
        document,
        merged_alignment,
        tuple(state.changed),
        tuple(state.added),
        tuple(states),
        count,
    )


def _texts(
    change: _Change, state: _State, options: MergeOptions, path: Path, beads: list[Bead]
) -> list[str]:
    """Update the bead's segments from the unit's lines; the lines left over. A locked
    bead's translation is not changed here (a person fixed it)."""
    text = change.text
    if text is None or not any(line.strip() for line in text.lines):
        return []
    ids = change.target_ids
    lines = list(text.lines)
    if len(lines) < len(ids):
        raise FormatError(
            f"unit {change.key} has {len(lines)} line(s) of translation for its {len(ids)} "
            f"segments ({', '.join(ids)})",
            where=Location(path, change.line),
            fix="write a line for each segment (an empty line empties one), or merge the "
            "segments in the store first",
        )
    if not _since_export(change, [state.texts[i] for i in ids], lines[: len(ids)], path):
        lines = [state.texts[i] for i in ids] + lines[len(ids) :]
    bead = beads[change.bead] if change.bead is not None else None
    if bead is not None and bead.state is BeadState.LOCKED:
        changing = len(lines) > len(ids) or any(
            not _reads_as(line, state.texts[i], text.flat)
            for i, line in zip(ids, lines, strict=False)
        )
        if changing:
            raise FormatError(
                f"unit {change.key}: the bead is locked, so its translation is not changed by "
                "an import",
                where=Location(path, change.line),
                fix=f"unlock it first (toolkit mark WORK --lang LANG --state reviewed "
                f"{change.target_ids[0] if change.target_ids else change.key}), or leave the "
                "unit as exported",
            )
    for ident, line in zip(ids, lines, strict=False):
        current = state.texts[ident]
        if _reads_as(line, current, text.flat):
            continue
        if text.flat and has_markup(current) and not options.accept_plain:
            raise FormatError(
                f"unit {change.key}: segment {ident} has emphasis, a link or a footnote "
                "reference, which this file's plain text would lose",
                where=Location(path, change.line),
                fix="edit that segment in the store (or in an XLIFF, TMX or PO export), or "
                "import with --accept-plain to replace it with the plain text",
            )
        state.texts[ident] = _segment_line(line, change, path)
        state.changed[ident] = None
    return [_segment_line(line, change, path) for line in lines[len(ids) :]]


def _since_export(change: _Change, store: list[str], file: list[str], path: Path) -> bool:
    """Whether the file's translation of the bead is to be taken: yes unless the store
    changed it since the export and the file did not (the store's is newer). When both
    changed it, neither is taken over the other: an error at the unit."""
    if change.base is None or not store:
        return True  # another tool's file: it says nothing of what was exported
    store_changed = base_of(store) != change.base
    file_changed = base_of(file) != change.base
    if (
        store_changed
        and file_changed
        and any(not _reads_as(a, b, False) for a, b in zip(file, store, strict=False))
    ):
        raise FormatError(
            f"unit {change.key}: the translation was changed in the store since the export, "
            "and in this file too",
            where=Location(path, change.line),
            fix="export the work again and make the file's change there, or make it in the "
            f"store ({', '.join(change.target_ids)})",
        )
    return not store_changed


def _segment_line(line: str, change: _Change, path: Path) -> str:
    """A unit's line as it can stand as a segment's line, reading the same: what would
    start a block at the start of a line is escaped. A segment ID or a code fence in the
    text is refused, at the unit."""
    safe = line_safe(line)
    if find_id(safe) >= 0 or looks_like_id(safe):
        problem, fix = "holds what reads as a segment ID ({#…})", "write \\{# for a brace"
    elif starts_block(safe):
        problem, fix = "starts with a code fence (```)", "write \\` for a backtick"
    else:
        return safe
    raise FormatError(
        f"unit {change.key or '(added)'}: a line of its translation {problem}: {line!r}",
        where=Location(path, change.line),
        fix=f"{fix} in the file, then import again",
    )


def _blocks_of(source: Document) -> dict[str, Block]:
    """The source blocks a new translation block mirrors, by their first segment."""
    return {
        block.segments[0].id: block
        for block in source.blocks
        if block.segments
        and block.segments[0].id is not None
        and block.kind
        in (BlockKind.HEADING, BlockKind.FIGURE, BlockKind.PARAGRAPH, BlockKind.QUOTE)
    }


def _reach(beads: Sequence[Bead], order: dict[str, int]) -> list[int]:
    """For each bead, the furthest place in the original that it or a bead before it
    starts at (-1 for none): never decreasing, so ``_position`` can bisect it."""
    reach: list[int] = []
    furthest = -1
    for bead in beads:
        if bead.source:
            furthest = max(furthest, order.get(bead.source[0], -1))
        reach.append(furthest)
    return reach


def _position(change: _Change, reach: list[int], order: dict[str, int]) -> int:
    """Where a new bead goes: before the first bead whose original comes after its own
    (the first whose ``_reach`` passes it), in log time: an import that gives thousands of
    segments their first bead is not quadratic."""
    mine = order.get(change.source_ids[0], len(order)) if change.source_ids else len(order)
    return bisect_right(reach, mine)


@dataclass(eq=False)
class _Slot:
    """A block of the document being merged, in a chain: a new segment goes into a slot or
    a new slot after it in constant time, so a translation started from a file of 10,000
    units is placed in one pass."""

    block: Block
    segments: list[Segment]
    next: _Slot | None = None


def _placed(document: Document, state: _State) -> Document:
    """The document with changed texts, and each new segment placed after its anchor: in
    the anchor's block when that block holds lines (a paragraph, a quote, a footnote, a
    list item) and the segment starts no block of its own; else in a new block right after
    the anchor's (at the start of the file, for a segment with no anchor)."""
    head = _Slot(Block(BlockKind.RULE), [])  # stands before the first block
    slot_of: dict[str, _Slot] = {}
    last = head
    for block in document.blocks:
        segments = [
            replace(s, text=state.texts[s.id]) if s.id in state.changed else s
            for s in block.segments
        ]
        last.next = last = _Slot(block, segments)
        slot_of.update((s.id, last) for s in segments if s.id is not None)
    for anchor, ident, line, like in state.inserts:
        segment = Segment(ident, line)
        at = slot_of.get(anchor) if anchor is not None else None
        new_block = _block_like(like, segment) if like is not None else None
        if new_block is None and at is not None and at.block.kind in _INLINE_KINDS:
            where = next(k for k, s in enumerate(at.segments) if s.id == anchor)
            at.segments.insert(where + 1, segment)
            slot_of[ident] = at
            continue
        slot = _Slot(new_block or Block(BlockKind.PARAGRAPH, (segment,)), [segment])
        if at is None:  # the first block of the file: no blank line before it
            if head.next is not None:
                first = head.next.block
                head.next.block = replace(first, blank_before=max(1, first.blank_before))
            slot.block = replace(slot.block, blank_before=0)
            at = head
        slot.next, at.next = at.next, slot
        slot_of[ident] = slot
    blocks: list[Block] = []
    node = head.next
    while node is not None:
        blocks.append(replace(node.block, segments=tuple(node.segments)))
        node = node.next
    return replace(document, blocks=tuple(blocks))


_INLINE_KINDS = (BlockKind.PARAGRAPH, BlockKind.QUOTE, BlockKind.FOOTNOTE, BlockKind.LIST_ITEM)


def _block_like(like: Block, segment: Segment) -> Block | None:
    if like.kind is BlockKind.HEADING:
        return Block(BlockKind.HEADING, (segment,), level=like.level)
    if like.kind is BlockKind.FIGURE:
        return Block(BlockKind.FIGURE, (segment,), src=like.src, credit=like.credit)
    if like.kind in (BlockKind.PARAGRAPH, BlockKind.QUOTE):
        return Block(like.kind, (segment,))
    return None


__all__ = ["MergeOptions", "Merged", "merge"]
